/**
 * The recipient decree (SK Bupati penerima): registering decrees and their lists, and the
 * three-way check decree ↔ loan ↔ claim line — on loan entry, on the loan page, on every line of
 * the subsidy run (fast and reference alike) and in the reconciliation — with the scheme's rule
 * on whether "not in the decree" stops the payment.
 */
import { describe, expect, it } from 'vitest';
import type { LoanSaveInput } from '../../electron/contract';
import { insertClaim, type NewClaimLine } from '../../database/repositories/claims';
import { computeSubsidyRun } from '../../electron/services/subsidy/run';
import { computeSubsidyRunReference } from '../../electron/services/subsidy/reference';
import { auditRows, call, callError, INDONESIAN, useTempRuntime, type TempRuntime } from '../helpers/runtime';
import { disburse } from '../helpers/loan';

const rt = useTempRuntime({ prefix: 'gs-decree-' });

const NIK = {
  siti: '1603106710850001',
  rudi: '1603101203800002',
  ani: '1603104504900003',
  budi: '1603100101750004',
  eko: '1603100202700005',
};

interface World {
  bsb: number;
  bri: number;
  me: number;
  gm: number;
  briUnit: number;
  schemeId: number;
  otherSchemeId: number;
  debtor: Record<keyof typeof NIK, number>;
}

async function world(r: TempRuntime): Promise<World> {
  const bsb = await call(r, 'banks.save', {
    kode: 'BSB',
    nama: 'Bank Sumsel Babel',
    cabang: [
      { kode: 'ME', nama: 'Muara Enim' },
      { kode: 'GM', nama: 'Gunung Megang' },
    ],
  });
  const bri = await call(r, 'banks.save', { kode: 'BRI', nama: 'BRI', cabang: [{ kode: 'UME', nama: 'Unit Pasar Muara Enim' }] });
  // 11 % bank, 3 % debtor: the regency pays 8 % a year on the outstanding, actual/360, half-up.
  const scheme = await call(r, 'schemes.save', {
    kode: 'GS-2025',
    nama: 'GS 2025',
    berlakuDari: '2025-01-01',
    berlakuSampai: '2025-12-31',
    bungaBankPersen: '11',
    bungaDebiturPersen: '3',
    metodeBunga: 'efektif',
  });
  const other = await call(r, 'schemes.save', {
    kode: 'LAIN',
    nama: 'Skema lain',
    berlakuDari: '2025-01-01',
    bungaBankPersen: '11',
    bungaDebiturPersen: '3',
    metodeBunga: 'efektif',
  });
  const debtor = {} as Record<keyof typeof NIK, number>;
  for (const [name, nik] of Object.entries(NIK) as [keyof typeof NIK, string][]) {
    debtor[name] = (await call(r, 'debtors.save', { nik, nama: name, skala: 'mikro' })).id;
  }
  const unit = (bank: typeof bsb, kode: string) => bank.cabang.find((c) => c.kode === kode)!.id;
  return { bsb: bsb.id, bri: bri.id, me: unit(bsb, 'ME'), gm: unit(bsb, 'GM'), briUnit: unit(bri, 'UME'), schemeId: scheme.id, otherSchemeId: other.id, debtor };
}

const loanInput = (w: World, who: keyof typeof NIK, n: number, extra: Partial<LoanSaveInput> = {}): LoanSaveInput => ({
  debiturId: w.debtor[who],
  bankId: w.bsb,
  cabangId: w.me,
  skemaId: w.schemeId,
  nomorRekening: `00123000${n}`,
  nomorAkad: `AK/${n}/2025`,
  tanggalAkad: '2025-01-10',
  plafon: 12_000_000,
  tenorBulan: 12,
  tanggalAngsuranPertama: '2025-02-15',
  ...extra,
});

async function disbursed(r: TempRuntime, input: LoanSaveInput) {
  const loan = await call(r, 'loans.save', input);
  return disburse(r, loan.id);
}

/**
 * The decree of the scheme for 2025 names: Siti at BSB Muara Enim (plafon 15 juta), Rudi at BSB
 * Gunung Megang, Ani at BRI, Eko at BSB Muara Enim with plafon 10 juta. Budi is named only in a
 * 2026 decree and in another scheme's decree, neither of which counts for a 2025 agreement.
 */
async function decrees(r: TempRuntime, w: World) {
  const sk = await call(r, 'decrees.save', { nomor: '188.45/123/KPTS/2025', tanggal: '2025-01-02', tahun: 2025, skemaId: w.schemeId, keterangan: 'Penerima tahap I' });
  const add = (skId: number, nik: string, nama: string, bankId: number, cabangId: number, plafon: number | null) =>
    call(r, 'decrees.addRow', { skId, nik, nama, bankId, cabangId, plafon });
  await add(sk.id, NIK.siti, 'Siti', w.bsb, w.me, 15_000_000);
  await add(sk.id, NIK.rudi, 'Rudi', w.bsb, w.gm, 12_000_000);
  await add(sk.id, NIK.ani, 'Ani', w.bri, w.briUnit, 12_000_000);
  await add(sk.id, NIK.eko, 'Eko', w.bsb, w.me, 10_000_000);
  const later = await call(r, 'decrees.save', { nomor: '188.45/9/KPTS/2026', tanggal: '2026-01-05', tahun: 2026, skemaId: w.schemeId });
  await add(later.id, NIK.budi, 'Budi', w.bsb, w.me, 12_000_000);
  const otherScheme = await call(r, 'decrees.save', { nomor: '188.45/77/KPTS/2025', tanggal: '2025-01-03', tahun: 2025, skemaId: w.otherSchemeId });
  await add(otherScheme.id, NIK.budi, 'Budi', w.bsb, w.me, 12_000_000);
  return sk;
}

describe('decrees: register, list, rows', () => {
  it('saves a decree, refuses a second with the same number, lists and searches its rows, audits every change', async () => {
    const r = rt();
    const w = await world(r);
    const sk = await decrees(r, w);
    expect(sk).toMatchObject({ nomor: '188.45/123/KPTS/2025', tahun: 2025, skemaKode: 'GS-2025', jumlahBaris: 0, terkunci: false, dibuatOleh: 'uji' });
    const again = await callError(r, 'decrees.save', { nomor: '188.45/123/kpts/2025', tanggal: '2025-02-01', tahun: 2025, skemaId: w.schemeId });
    expect(again).toMatchObject({ code: 'CONFLICT', fields: { nomor: 'Nomor SK sudah terdaftar' } });

    const got = await call(r, 'decrees.get', { id: sk.id });
    expect(got).toMatchObject({ jumlahBaris: 4, totalPlafon: 49_000_000 });
    expect((await call(r, 'decrees.list', {})).map((d) => d.nomor)).toEqual(['188.45/9/KPTS/2026', '188.45/77/KPTS/2025', '188.45/123/KPTS/2025']);
    expect((await call(r, 'decrees.list', { skemaId: w.schemeId, tahun: 2025 })).map((d) => d.nomor)).toEqual(['188.45/123/KPTS/2025']);
    expect((await call(r, 'decrees.list', { search: '9/KPTS' })).map((d) => d.nomor)).toEqual(['188.45/9/KPTS/2026']);

    const rows = await call(r, 'decrees.rows', { skId: sk.id });
    expect(rows.total).toBe(4);
    expect(rows.rows[0]).toMatchObject({ nik: NIK.siti, nama: 'Siti', bankNama: 'Bank Sumsel Babel', cabangNama: 'Muara Enim', plafon: 15_000_000 });
    expect((await call(r, 'decrees.rows', { skId: sk.id, search: '16031012' })).rows.map((x) => x.nama)).toEqual(['Rudi']);
    expect((await call(r, 'decrees.rows', { skId: sk.id, search: 'an' })).rows.map((x) => x.nama)).toEqual(['Ani']);
    expect((await call(r, 'decrees.rows', { skId: sk.id, bankId: w.bri })).rows.map((x) => x.nama)).toEqual(['Ani']);

    const eko = rows.rows.find((x) => x.nama === 'Eko')!;
    await call(r, 'decrees.removeRow', { id: eko.id });
    expect((await call(r, 'decrees.get', { id: sk.id })).jumlahBaris).toBe(3);
    const trail = auditRows(r.db, 'sk_penerima_baris');
    expect(trail.map((a) => a.aksi)).toEqual(['buat', 'buat', 'buat', 'buat', 'buat', 'buat', 'hapus']);
    expect(trail.at(-1)).toMatchObject({ entitasId: eko.id, sebelum: { nik: NIK.eko, skNomor: sk.nomor }, sesudah: null });
    expect(auditRows(r.db, 'sk_penerima').map((a) => a.aksi)).toEqual(['buat', 'buat', 'buat']);
  });

  it('refuses a bad NIK (Excel damage included), a unit of another bank and the same person twice, in Indonesian', async () => {
    const r = rt();
    const w = await world(r);
    const sk = await call(r, 'decrees.save', { nomor: 'SK/1', tanggal: '2025-01-02', tahun: 2025, skemaId: w.schemeId });
    const row = { skId: sk.id, nama: 'Siti', bankId: w.bsb, cabangId: w.me, plafon: 5_000_000 };
    const sci = await callError(r, 'decrees.addRow', { ...row, nik: '1.60311E+15' });
    expect(sci.fields!.nik).toMatch(/rusak oleh Excel.*format ilmiah/);
    const short = await callError(r, 'decrees.addRow', { ...row, nik: '160310671085000' });
    expect(short.fields!.nik).toMatch(/16 digit \(tertulis 15 digit; ada digit yang hilang/);
    const date = await callError(r, 'decrees.addRow', { ...row, nik: '1603103213850001' });
    expect(date.fields!.nik).toMatch(/Tanggal lahir/);
    const unit = await callError(r, 'decrees.addRow', { ...row, nik: NIK.siti, cabangId: w.briUnit });
    expect(unit.fields!.cabangId).toBe('Unit/cabang ini bukan cabang Bank Sumsel Babel');
    await call(r, 'decrees.addRow', { ...row, nik: NIK.siti });
    const twice = await callError(r, 'decrees.addRow', { ...row, nik: NIK.siti, cabangId: w.gm });
    expect(twice).toMatchObject({ code: 'CONFLICT' });
    expect(twice.message).toMatch(INDONESIAN);
    // The same person at another bank is another row of the same decree.
    await call(r, 'decrees.addRow', { ...row, nik: NIK.siti, bankId: w.bri, cabangId: w.briUnit });
    expect((await call(r, 'decrees.get', { id: sk.id })).jumlahBaris).toBe(2);
  });

  it('fixes the list, scheme and year once a loan it names has been paid; the number and notes may still change', async () => {
    const r = rt();
    const w = await world(r);
    const sk = await decrees(r, w);
    const loan = await disbursed(r, loanInput(w, 'siti', 1));
    const paguId = Number(
      r.db.prepare("INSERT INTO pagu (tahun, jenis, kode_rekening, uraian, jumlah) VALUES (2025, 'subsidi_bunga', '5.1.05', 'Subsidi bunga', 10000000)").run().lastInsertRowid,
    );
    await call(r, 'subsidy.recordPayment', { bankId: w.bsb, periodeAwal: '2025-01', nomorSp2d: 'SP2D/1', tanggalSp2d: '2025-02-10', paguId });
    expect(r.db.prepare('SELECT count(*) AS n FROM periode_dibayar WHERE pinjaman_id = ?').get(loan.id)).toEqual({ n: 1 });

    expect((await call(r, 'decrees.get', { id: sk.id })).terkunci).toBe(true);
    const add = await callError(r, 'decrees.addRow', { skId: sk.id, nik: NIK.budi, nama: 'Budi', bankId: w.bsb, cabangId: w.me });
    expect(add.message).toMatch(/sudah dibayar subsidinya/);
    const rowId = (await call(r, 'decrees.rows', { skId: sk.id })).rows[0]!.id;
    expect((await callError(r, 'decrees.removeRow', { id: rowId })).code).toBe('CONFLICT');
    const year = await callError(r, 'decrees.save', { id: sk.id, nomor: sk.nomor, tanggal: sk.tanggal, tahun: 2024, skemaId: w.schemeId });
    expect(year.fields).toEqual({ tahun: 'Tidak dapat diubah' });
    const renamed = await call(r, 'decrees.save', {
      id: sk.id,
      nomor: '188.45/123/KPTS/2025 (ralat)',
      tanggal: sk.tanggal,
      tahun: 2025,
      skemaId: w.schemeId,
      keterangan: 'Ralat nomor',
    });
    expect(renamed).toMatchObject({ nomor: '188.45/123/KPTS/2025 (ralat)', keterangan: 'Ralat nomor', jumlahBaris: 4 });
  });
});

/**
 * Five loans of BSB Muara Enim under GS-2025, all alike: plafon Rp12.000.000, disbursed 15 January
 * 2025, first instalment 15 February. January's subsidy of each, by hand:
 *   12.000.000 × 8 % × 17 days (15–31 January) / 360 = 45.333,33… → Rp45.333.
 */
const JANUARY = 45_333;

async function fiveLoans(r: TempRuntime, w: World) {
  const loans = {
    siti: await disbursed(r, loanInput(w, 'siti', 1)),
    rudi: await disbursed(r, loanInput(w, 'rudi', 2)),
    ani: await disbursed(r, loanInput(w, 'ani', 3)),
    budi: await disbursed(r, loanInput(w, 'budi', 4)),
    eko: await disbursed(r, loanInput(w, 'eko', 5)),
  };
  return loans;
}

describe('the decree check', () => {
  it('flags a loan on entry and on its page: in the decree, another unit, another bank, not at all, plafon above', async () => {
    const r = rt();
    const w = await world(r);
    await decrees(r, w);
    const flagsOf = async (who: keyof typeof NIK, n: number, extra: Partial<LoanSaveInput> = {}) =>
      (await call(r, 'loans.check', loanInput(w, who, n, extra))).map((f) => [f.kode, f.pesan, f.menolak]);

    expect(await flagsOf('siti', 1)).toEqual([]);
    expect(await flagsOf('rudi', 2)).toEqual([
      ['sk_unit_lain', 'Tercantum di SK untuk unit lain: Gunung Megang (SK 188.45/123/KPTS/2025 (2025)). Skema ini hanya memberi peringatan.', false],
    ]);
    expect(await flagsOf('ani', 3)).toEqual([
      [
        'tidak_tercantum_sk',
        'Tidak tercantum dalam SK untuk bank ini; tercantum di SK 188.45/123/KPTS/2025 (2025) untuk BRI unit Unit Pasar Muara Enim. Skema ini hanya memberi peringatan.',
        false,
      ],
    ]);
    // Budi is named only in a 2026 decree (later than the 2025 agreement) and in another scheme's.
    expect(await flagsOf('budi', 4)).toEqual([
      ['tidak_tercantum_sk', 'Tidak tercantum dalam SK penerima skema GS-2025 sampai tahun 2025. Skema ini hanya memberi peringatan.', false],
    ]);
    // …but a 2026 agreement finds him (a decree of the agreement's year or earlier counts).
    expect(await flagsOf('budi', 4, { tanggalAkad: '2026-01-10', tanggalAngsuranPertama: '2026-02-15' })).not.toContainEqual(expect.arrayContaining(['tidak_tercantum_sk']));
    expect(await flagsOf('eko', 5)).toEqual([['sk_plafon_melebihi', 'Plafon Rp12.000.000 melebihi plafon dalam SK 188.45/123/KPTS/2025 (2025): Rp10.000.000.', false]]);
    expect(await flagsOf('eko', 5, { plafon: 10_000_000 })).toEqual([]);
    // A loan without a unit cannot be matched to the decree's unit.
    expect((await flagsOf('siti', 1, { cabangId: null }))[0]![0]).toBe('sk_unit_lain');

    // A scheme that stops the payment says so on the flag; saving the loan is still allowed.
    r.db.prepare('UPDATE skema SET tolak_tanpa_sk = 1 WHERE id = ?').run(w.schemeId);
    expect((await flagsOf('budi', 4))[0]![1]).toMatch(/tidak membayar subsidi pinjaman yang tidak tercantum dalam SK/);
    const saved = await call(r, 'loans.save', loanInput(w, 'rudi', 2));
    expect(saved.flags.map((f) => f.kode)).toEqual(['sk_unit_lain']);
    expect((await call(r, 'loans.get', { id: saved.id })).flags[0]!.pesan).toMatch(/^Tercantum di SK untuk unit lain: Gunung Megang/);
  });

  it('warns on every run line where the scheme only warns, and pays the line', async () => {
    const r = rt();
    const w = await world(r);
    await decrees(r, w);
    const loans = await fiveLoans(r, w);
    const run = await call(r, 'subsidy.run', { bankId: w.bsb, periodeAwal: '2025-01' });
    const line = (id: number) => run.lines.find((l) => l.pinjamanId === id)!;
    expect(run.lines).toHaveLength(5);
    expect(run.lines.every((l) => l.layak && l.rincian!.jumlah === JANUARY)).toBe(true);
    expect(run.total).toBe(5 * JANUARY);
    expect(line(loans.siti.id).peringatan).toEqual([]);
    expect(line(loans.rudi.id).peringatan).toEqual(['Tercantum di SK untuk unit lain: Gunung Megang (SK 188.45/123/KPTS/2025 (2025))']);
    expect(line(loans.ani.id).peringatan[0]).toMatch(/^Tidak tercantum dalam SK untuk bank ini/);
    expect(line(loans.budi.id).peringatan).toEqual(['Tidak tercantum dalam SK penerima skema GS-2025 sampai tahun 2025']);
    expect(line(loans.eko.id).peringatan).toEqual(['Plafon Rp12.000.000 melebihi plafon dalam SK 188.45/123/KPTS/2025 (2025): Rp10.000.000']);
    expect(computeSubsidyRunReference(r.db, { bankId: w.bsb, periodeAwal: '2025-01', periodeAkhir: '2025-02' })).toEqual(
      computeSubsidyRun(r.db, { bankId: w.bsb, periodeAwal: '2025-01', periodeAkhir: '2025-02' }),
    );
  });

  it('excludes the lines not in the decree where the scheme says so: "tidak tercantum dalam SK"', async () => {
    const r = rt();
    const w = await world(r);
    await decrees(r, w);
    const loans = await fiveLoans(r, w);
    r.db.prepare('UPDATE skema SET tolak_tanpa_sk = 1 WHERE id = ?').run(w.schemeId);
    const run = await call(r, 'subsidy.run', { bankId: w.bsb, periodeAwal: '2025-01' });
    const line = (id: number) => run.lines.find((l) => l.pinjamanId === id)!;
    // Paid: Siti (in the decree) and Eko (plafon above the decree's: a warning only) = 2 × 45.333.
    expect(run.total).toBe(2 * JANUARY);
    expect(run.jumlahLayak).toBe(2);
    expect(line(loans.eko.id)).toMatchObject({ layak: true, peringatan: [expect.stringMatching(/melebihi plafon dalam SK/)] });
    expect(line(loans.rudi.id)).toMatchObject({
      layak: false,
      alasan: 'tidak_tercantum_sk',
      alasanLabel: 'Tidak tercantum dalam SK (Tercantum di SK untuk unit lain: Gunung Megang (SK 188.45/123/KPTS/2025 (2025)))',
      rincian: null,
    });
    expect(line(loans.ani.id).alasan).toBe('tidak_tercantum_sk');
    expect(line(loans.budi.id).alasanLabel).toBe('Tidak tercantum dalam SK (Tidak tercantum dalam SK penerima skema GS-2025 sampai tahun 2025)');
    // An earlier reason comes first; the decree's warning stays on the line.
    r.db.prepare("UPDATE pinjaman SET status = 'lunas', tanggal_lunas = '2025-02-01' WHERE id = ?").run(loans.budi.id);
    const feb = await call(r, 'subsidy.run', { bankId: w.bsb, periodeAwal: '2025-02' });
    expect(feb.lines.find((l) => l.pinjamanId === loans.budi.id)).toMatchObject({ alasan: 'lunas', peringatan: [expect.stringMatching(/^Tidak tercantum dalam SK/)] });
    expect(computeSubsidyRunReference(r.db, { bankId: w.bsb, periodeAwal: '2025-01', periodeAkhir: '2025-03' })).toEqual(
      computeSubsidyRun(r.db, { bankId: w.bsb, periodeAwal: '2025-01', periodeAkhir: '2025-03' }),
    );
    // Recording the SP2D pays only the two lines.
    const paguId = Number(
      r.db.prepare("INSERT INTO pagu (tahun, jenis, kode_rekening, uraian, jumlah) VALUES (2025, 'subsidi_bunga', '5.1.05', 'Subsidi bunga', 10000000)").run().lastInsertRowid,
    );
    const paid = await call(r, 'subsidy.recordPayment', { bankId: w.bsb, periodeAwal: '2025-01', nomorSp2d: 'SP2D/1', tanggalSp2d: '2025-02-10', paguId });
    expect(paid).toMatchObject({ jumlah: 2 * JANUARY, jumlahBaris: 2 });
  });

  it('reconciliation: notes the decree on payable lines, and excludes the lines the scheme does not pay', async () => {
    const r = rt();
    const w = await world(r);
    await decrees(r, w);
    const loans = await fiveLoans(r, w);
    // The bank reported January (nothing repaid yet), so no line is worked from the schedule.
    for (const loan of Object.values(loans)) await call(r, 'positions.save', { pinjamanId: loan.id, periode: '2025-01', outstanding: 12_000_000, kol: 1 });
    const claimLine = (n: number, loan: { nomorRekening: string }, nik: string): NewClaimLine => ({
      nomorBaris: n,
      periode: '2025-01',
      nomorRekening: loan.nomorRekening,
      nik,
      nama: 'x',
      outstanding: null,
      bungaPersen: null,
      hari: null,
      kol: 1,
      diklaim: JANUARY,
      plafon: null,
      tanggalAkad: null,
    });
    const lines = [
      claimLine(1, loans.siti, NIK.siti),
      claimLine(2, loans.rudi, NIK.rudi),
      claimLine(3, loans.ani, NIK.ani),
      claimLine(4, loans.budi, NIK.budi),
      // The claim names Siti's NIK on Eko's account: the three-way check says so.
      claimLine(5, loans.eko, NIK.siti),
    ];
    const reconcile = async () => {
      const tagihanId = insertClaim(r.db, { bankId: w.bsb, periodeAwal: '2025-01', periodeAkhir: '2025-01', imporId: null, lines, dibuatOleh: 'rina' }).tagihanId;
      await call(r, 'claims.reconcile', { tagihanId });
      const got = (await call(r, 'claims.get', { tagihanId, pageSize: 50 })).lines.rows;
      return (n: number) => got.find((l) => l.nomorBaris === n)!;
    };

    const warned = await reconcile();
    expect(warned(1)).toMatchObject({ status: 'cocok', keterangan: null, disetujui: JANUARY });
    expect(warned(2)).toMatchObject({ status: 'cocok', keterangan: 'Tercantum di SK untuk unit lain: Gunung Megang (SK 188.45/123/KPTS/2025 (2025))', disetujui: JANUARY });
    expect(warned(3).keterangan).toMatch(/^Tidak tercantum dalam SK untuk bank ini; tercantum di SK 188\.45\/123\/KPTS\/2025 \(2025\) untuk BRI/);
    expect(warned(4).keterangan).toBe('Tidak tercantum dalam SK penerima skema GS-2025 sampai tahun 2025');
    expect(warned(5).keterangan).toBe(
      `NIK di tagihan ${NIK.siti} berbeda dengan NIK debitur pinjaman ${NIK.eko}; Plafon Rp12.000.000 melebihi plafon dalam SK 188.45/123/KPTS/2025 (2025): Rp10.000.000`,
    );

    r.db.prepare('UPDATE skema SET tolak_tanpa_sk = 1 WHERE id = ?').run(w.schemeId);
    const blocked = await reconcile();
    expect(blocked(1)).toMatchObject({ status: 'cocok', disetujui: JANUARY });
    for (const n of [2, 3, 4]) {
      expect(blocked(n)).toMatchObject({ status: 'tidak_memenuhi_syarat', alasanKode: 'tidak_tercantum_sk', keputusan: 'keluarkan', disetujui: 0 });
    }
    expect(blocked(2).keterangan).toBe('Tidak tercantum dalam SK (Tercantum di SK untuk unit lain: Gunung Megang (SK 188.45/123/KPTS/2025 (2025)))');
    expect(blocked(5)).toMatchObject({ status: 'cocok', disetujui: JANUARY });
  });
});
