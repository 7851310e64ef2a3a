import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../electron/runtime';
import { invokeSeen } from '../helpers/versions';
import type { LoanSaveInput, Result } from '../../electron/contract';
import { schemeInput } from '../helpers/scheme';
import { loan12jt } from '../helpers/loan';

let rt: Runtime;
let dir: string;
/** The handlers, called as a screen that has just loaded the record (tests/helpers/versions.ts). */
const invoke: typeof invokeSeen = (h, c, i) => invokeSeen(h, c, i, rt.db);

function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

interface World {
  bankId: number;
  schemeId: number;
  debtorId: number;
  otherDebtorId: number;
  paguId: number;
}

async function world(): Promise<World> {
  const bank = ok(await invoke(rt.handlers, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [{ kode: 'ME', nama: 'Muara Enim' }] }));
  const insurer = ok(await invoke(rt.handlers, 'insurers.save', { kode: 'JAMKRINDO', nama: 'Perum Jamkrindo', jenis: 'penjaminan' }));
  // 11 % bank, 3 % debtor: the regency pays 8 % a year on the outstanding, actual/360, half-up.
  const scheme = ok(await invoke(rt.handlers, 'schemes.save', schemeInput(2025, insurer.id)));
  const d1 = ok(await invoke(rt.handlers, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' }));
  const d2 = ok(await invoke(rt.handlers, 'debtors.save', { nik: '1603101203800002', nama: 'Rudi Hartono', skala: 'kecil' }));
  const paguId = Number(
    rt.db.prepare("INSERT INTO pagu (tahun, jenis, kode_rekening, uraian, jumlah) VALUES (2025, 'subsidi_bunga', '5.1.05', 'Subsidi bunga', 200000)").run().lastInsertRowid,
  );
  return { bankId: bank.id, schemeId: scheme.id, debtorId: d1.id, otherDebtorId: d2.id, paguId };
}

const loanInput = (w: World, extra: Partial<LoanSaveInput> = {}): LoanSaveInput => loan12jt({ debiturId: w.debtorId, bankId: w.bankId, skemaId: w.schemeId }, extra);

async function disbursedLoan(w: World, extra: Partial<LoanSaveInput> = {}) {
  const loan = ok(await invoke(rt.handlers, 'loans.save', loanInput(w, extra)));
  ok(await invoke(rt.handlers, 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2025-01-12' }));
  return ok(await invoke(rt.handlers, 'loans.transition', { id: loan.id, ke: 'aktif', tanggal: '2025-01-15' }));
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-loan-'));
  rt = createRuntime({ databasePath: path.join(dir, 'db.sqlite'), user: 'uji', today: () => '2026-11-23' });
});
afterEach(() => {
  rt.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('loans', () => {
  it('copies the rates from the scheme, keeps the account number as text and plans the schedule', async () => {
    const w = await world();
    const loan = await disbursedLoan(w);
    expect(loan).toMatchObject({ nomorRekening: '0012300045', bungaBankPersen: '11', bungaDebiturPersen: '3', status: 'aktif', tanggalPencairan: '2025-01-15' });
    const rows = loan.jadwal!.rows;
    expect(rows).toHaveLength(12);
    expect(loan.jadwal!.totalPokok).toBe(12_000_000);
    // First instalment: principal 12.000.000/12 = 1.000.000; interest 12.000.000 × 11 %/12 = 110.000,
    // of which 8/11 (80.000) is subsidised and 30.000 paid by the debtor.
    expect(rows[0]).toMatchObject({ jatuhTempo: '2025-02-15', pokok: 1_000_000, bunga: 110_000, bungaSubsidi: 80_000, bungaDebitur: 30_000, pokokAkhir: 11_000_000 });
    expect(rows.at(-1)!.pokokAkhir).toBe(0);
  });

  it('computes the premium once at disbursement and shows how', async () => {
    const w = await world();
    const loan = await disbursedLoan(w);
    // 1,5 % × Rp12.000.000 = Rp180.000
    expect(loan.premi).toMatchObject({ jumlah: 180_000, tarifPersen: '1.5', penjaminNama: 'Perum Jamkrindo', rincian: '1,5 % × Rp12.000.000 = Rp180.000' });
  });

  it('requires a reason to depart from the scheme rates', async () => {
    const w = await world();
    const r = await invoke(rt.handlers, 'loans.save', loanInput(w, { bungaDebiturPersen: '4' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty('alasanUbahBunga');
    const withReason = ok(await invoke(rt.handlers, 'loans.save', loanInput(w, { bungaDebiturPersen: '4', alasanUbahBunga: 'Keputusan komite 3/2025' })));
    expect(withReason.bungaDebiturPersen).toBe('4');
  });

  it('refuses double financing when the scheme says so, naming the other loan', async () => {
    const w = await world();
    await disbursedLoan(w);
    const r = await invoke(rt.handlers, 'loans.save', loanInput(w, { nomorRekening: '999', nomorAkad: 'AK/002/2025' }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CONFLICT');
      expect(r.error.message).toContain('rekening 0012300045');
    }
    expect(rt.db.prepare('SELECT count(*) AS n FROM pinjaman').get()).toEqual({ n: 1 });
  });

  it('refuses a plafon above the scheme ceiling and a duplicate account', async () => {
    const w = await world();
    const big = await invoke(rt.handlers, 'loans.save', loanInput(w, { plafon: 60_000_000 }));
    expect(!big.ok && big.error.message).toContain('melebihi batas skema');
    await disbursedLoan(w);
    const dup = await invoke(rt.handlers, 'loans.save', loanInput(w, { debiturId: w.otherDebtorId, nomorAkad: 'AK/009' }));
    expect(!dup.ok && dup.error.message).toContain('Nomor rekening 0012300045 sudah tercatat');
  });

  it('follows the lifecycle and refuses impossible steps', async () => {
    const w = await world();
    const loan = ok(await invoke(rt.handlers, 'loans.save', loanInput(w)));
    const skip = await invoke(rt.handlers, 'loans.transition', { id: loan.id, ke: 'lunas', tanggal: '2025-03-01' });
    expect(!skip.ok && skip.error.message).toContain('tidak dapat diubah menjadi lunas');
    await invoke(rt.handlers, 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2025-01-12' });
    await invoke(rt.handlers, 'loans.transition', { id: loan.id, ke: 'aktif', tanggal: '2025-01-15' });
    const edit = await invoke(rt.handlers, 'loans.save', { ...loanInput(w), id: loan.id, plafon: 10_000_000 });
    expect(!edit.ok && edit.error.message).toContain('restrukturisasi');
    ok(await invoke(rt.handlers, 'loans.transition', { id: loan.id, ke: 'macet', tanggal: '2025-09-01' }));
    const claimed = ok(await invoke(rt.handlers, 'loans.transition', { id: loan.id, ke: 'klaim', tanggal: '2025-09-20' }));
    // The claim is on the outstanding at default (macet on 1 Sep 2025; no bank position): the schedule's
    // after 7 instalments (Feb–Aug) = 5.000.000; 70 % = 3.500.000.
    expect(claimed.klaimAsuransi).toMatchObject({ tanggal: '2025-09-20', tanggalDasar: '2025-09-01', outstanding: 5_000_000, porsiPersen: '70', jumlah: 3_500_000 });
  });

  it('restructures from a date: later instalments re-planned on the new terms', async () => {
    const w = await world();
    const loan = await disbursedLoan(w);
    const after = ok(await invoke(rt.handlers, 'loans.restructure', { id: loan.id, berlakuMulai: '2025-07-01', tenorBulan: 12, alasan: 'Usaha terdampak banjir' }));
    const rows = after.jadwal!.rows;
    // Five instalments (Feb–Jun) were due before 1 July: 7.000.000 left, re-spread over 12 months.
    expect(rows).toHaveLength(17);
    expect(rows[4]).toMatchObject({ jatuhTempo: '2025-06-15', pokokAkhir: 7_000_000 });
    expect(rows[5]!.pokokAwal).toBe(7_000_000);
    expect(after.jadwal!.totalPokok).toBe(12_000_000);
    expect(rows.at(-1)!.pokokAkhir).toBe(0);
  });
});

describe('subsidy run', () => {
  it('shows the working of each line: a month split at the instalment date', async () => {
    const w = await world();
    const loan = await disbursedLoan(w);
    const run = ok(await invoke(rt.handlers, 'subsidy.run', { bankId: w.bankId, periodeAwal: '2025-02' }));
    expect(run.lines).toHaveLength(1);
    const line = run.lines[0]!;
    expect(line.pinjamanId).toBe(loan.id);
    // 8 % × (12.000.000 × 14 days [1–15 Feb] + 11.000.000 × 14 days [15 Feb–1 Mar]) / 360
    //   = 0,08 × 322.000.000 / 360 = 71.555,55… → Rp71.556 (half-up)
    expect(line.rincian).toMatchObject({
      basis: 'outstanding',
      konvensiHari: 'act360',
      tarifSubsidiPersen: '8',
      pembulatan: 'half_up',
      jumlah: 71_556,
      dariJadwal: true,
      segmen: [
        { dari: '2025-02-01', sampai: '2025-02-15', pokok: 12_000_000, hari: 14 },
        { dari: '2025-02-15', sampai: '2025-03-01', pokok: 11_000_000, hari: 14 },
      ],
    });
    expect(line.rincian!.tidakDibulatkan.startsWith('71555.555')).toBe(true);
    expect(run.total).toBe(71_556);
  });

  it('starts at disbursement in the first month and uses the bank position when reported', async () => {
    const w = await world();
    const loan = await disbursedLoan(w);
    // January: 15 Jan – 1 Feb = 17 days × 12.000.000 × 8 % / 360 = 45.333,33 → 45.333
    const jan = ok(await invoke(rt.handlers, 'subsidy.run', { bankId: w.bankId, periodeAwal: '2025-01' }));
    expect(jan.lines[0]!.rincian!.jumlah).toBe(45_333);
    // The bank reports 11.500.000 at the end of February (a smaller instalment was paid).
    ok(await invoke(rt.handlers, 'positions.save', { pinjamanId: loan.id, periode: '2025-02', outstanding: 11_500_000, kol: 1 }));
    const feb = ok(await invoke(rt.handlers, 'subsidy.run', { bankId: w.bankId, periodeAwal: '2025-02' }));
    // 0,08 × (12.000.000 × 14 + 11.500.000 × 14) / 360 = 73.111,11 → 73.111
    expect(feb.lines[0]!.rincian).toMatchObject({ jumlah: 73_111, dariJadwal: false });
  });

  it('excludes a month with kol above the scheme limit, with the reason', async () => {
    const w = await world();
    const loan = await disbursedLoan(w);
    ok(await invoke(rt.handlers, 'positions.save', { pinjamanId: loan.id, periode: '2025-03', outstanding: 10_000_000, kol: 3, hariTunggakan: 95 }));
    const run = ok(await invoke(rt.handlers, 'subsidy.run', { bankId: w.bankId, periodeAwal: '2025-03' }));
    expect(run.lines[0]).toMatchObject({ layak: false, alasan: 'kol_melebihi_batas', rincian: null });
    expect(run.total).toBe(0);
  });

  it('records a payment once; the same loan-month can never be paid again', async () => {
    const w = await world();
    await disbursedLoan(w);
    const paid = ok(
      await invoke(rt.handlers, 'subsidy.recordPayment', {
        bankId: w.bankId,
        periodeAwal: '2025-01',
        periodeAkhir: '2025-02',
        nomorSp2d: 'SP2D-001/2025',
        tanggalSp2d: '2025-03-10',
        paguId: w.paguId,
      }),
    );
    // January 45.333 + February 71.556
    expect(paid).toMatchObject({ jumlah: 116_889, jumlahBaris: 2, sisaPagu: 200_000 - 116_889 });
    const again = await invoke(rt.handlers, 'subsidy.recordPayment', {
      bankId: w.bankId,
      periodeAwal: '2025-02',
      nomorSp2d: 'SP2D-002/2025',
      tanggalSp2d: '2025-03-11',
      paguId: w.paguId,
    });
    expect(!again.ok && again.error.message).toContain('Tidak ada baris subsidi yang layak');
    const rerun = ok(await invoke(rt.handlers, 'subsidy.run', { bankId: w.bankId, periodeAwal: '2025-02' }));
    expect(rerun.lines[0]).toMatchObject({ layak: false, alasan: 'sudah_dibayar' });
    // Even behind the service's back, the database refuses a second payment of a loan-month.
    expect(() => rt.db.prepare('INSERT INTO periode_dibayar (pinjaman_id, periode, tagihan_baris_id) SELECT pinjaman_id, periode, id FROM tagihan_baris LIMIT 1').run()).toThrow(
      /UNIQUE|PRIMARY KEY/,
    );
  });

  it('refuses a payment above the remaining pagu, writing nothing', async () => {
    const w = await world();
    await disbursedLoan(w);
    rt.db.prepare('UPDATE pagu SET jumlah = 50000 WHERE id = ?').run(w.paguId);
    const r = await invoke(rt.handlers, 'subsidy.recordPayment', {
      bankId: w.bankId,
      periodeAwal: '2025-01',
      periodeAkhir: '2025-02',
      nomorSp2d: 'X-1',
      tanggalSp2d: '2025-03-10',
      paguId: w.paguId,
    });
    expect(!r.ok && r.error.message).toContain('melebihi sisa pagu');
    for (const table of ['tagihan', 'tagihan_baris', 'periode_dibayar', 'pembayaran']) {
      expect(rt.db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
  });

  it('flags a new loan of a debtor whose months inside its term were already paid on another loan', async () => {
    const w = await world();
    const first = await disbursedLoan(w);
    ok(await invoke(rt.handlers, 'subsidy.recordPayment', { bankId: w.bankId, periodeAwal: '2025-01', nomorSp2d: 'S-9', tanggalSp2d: '2025-02-10', paguId: w.paguId }));
    ok(await invoke(rt.handlers, 'loans.transition', { id: first.id, ke: 'lunas', tanggal: '2025-02-01' }));
    const flags = ok(await invoke(rt.handlers, 'loans.check', loanInput(w, { nomorRekening: '777', nomorAkad: 'AK/777', tanggalAkad: '2025-01-05' })));
    // (No recipient decree is registered here, so the decree's warning comes too: tests/integration/decrees.test.ts.)
    expect(flags.map((f) => f.kode)).toEqual(['periode_sudah_dibayar', 'tidak_tercantum_sk']);
  });
});

describe('budget', () => {
  it('shows pagu, realisation from payments, and the projection to year end, warning when it will not fit', async () => {
    rt.close();
    rt = createRuntime({ databasePath: path.join(dir, 'budget.sqlite'), user: 'uji', today: () => '2025-03-20' });
    const w = await world();
    await disbursedLoan(w);
    const months = ['2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12'];
    let expected = 0;
    for (const m of months) expected += ok(await invoke(rt.handlers, 'subsidy.run', { bankId: w.bankId, periodeAwal: m })).total;
    // 8 % of a principal falling from 10 to 1 juta: between Rp6.000 and Rp80.000 a month, never zero.
    expect(expected).toBeGreaterThan(10 * 6_000);

    ok(
      await invoke(rt.handlers, 'subsidy.recordPayment', {
        bankId: w.bankId,
        periodeAwal: '2025-01',
        periodeAkhir: '2025-02',
        nomorSp2d: 'SP-1',
        tanggalSp2d: '2025-03-10',
        paguId: w.paguId,
      }),
    );
    const year = ok(await invoke(rt.handlers, 'budget.year', { tahun: 2025 }));
    expect(year.lines).toEqual([
      {
        id: w.paguId,
        tahun: 2025,
        jenis: 'subsidi_bunga',
        kodeRekening: '5.1.05',
        uraian: 'Subsidi bunga',
        pagu: 200_000,
        realisasi: 116_889,
        realisasiBruto: 116_889,
        koreksi: 0,
        sisa: 83_111,
      },
    ]);
    expect(year.proyeksiSisaTahun.subsidi).toBe(expected);
    // January 2026 holds the last instalment (15 Jan): it falls in a later year.
    expect(year.proyeksiTahunBerikut.map((y) => y.tahun)).toEqual([2026]);
    if (expected > 83_111) expect(year.peringatan.join(' ')).toContain('melebihi sisa pagu subsidi bunga');
    else expect(year.peringatan).toEqual([]);
  });

  it('refuses to cut a pagu below what was already paid', async () => {
    const w = await world();
    await disbursedLoan(w);
    ok(await invoke(rt.handlers, 'subsidy.recordPayment', { bankId: w.bankId, periodeAwal: '2025-01', nomorSp2d: 'SP-1', tanggalSp2d: '2025-02-10', paguId: w.paguId }));
    const r = await invoke(rt.handlers, 'budget.save', { id: w.paguId, tahun: 2025, jenis: 'subsidi_bunga', kodeRekening: '5.1.05', uraian: 'Subsidi bunga', pagu: 40_000 });
    expect(!r.ok && r.error.message).toContain('tidak boleh lebih kecil');
    const raised = ok(
      await invoke(rt.handlers, 'budget.save', { id: w.paguId, tahun: 2025, jenis: 'subsidi_bunga', kodeRekening: '5.1.05', uraian: 'Subsidi bunga', pagu: 300_000 }),
    );
    expect(raised).toMatchObject({ pagu: 300_000, realisasi: 45_333, sisa: 254_667 });
  });
});

describe('premiums', () => {
  it('are invoiced and paid once, within the premium pagu', async () => {
    const w = await world();
    const loan = await disbursedLoan(w);
    const paguPremi = Number(
      rt.db.prepare("INSERT INTO pagu (tahun, jenis, kode_rekening, uraian, jumlah) VALUES (2025, 'premi', '5.1.06', 'Premi', 1000000)").run().lastInsertRowid,
    );
    const listed = ok(await invoke(rt.handlers, 'premiums.list', {}));
    expect(listed).toEqual([expect.objectContaining({ pinjamanId: loan.id, jumlah: 180_000, status: 'terhitung', debiturNama: 'Siti Aminah', nomorRekening: '0012300045' })]);
    const premiId = listed[0]!.id;

    // Paid on the insurer's invoice only.
    const uninvoiced = await invoke(rt.handlers, 'premiums.recordPayment', {
      penjaminId: loan.premi!.penjaminId,
      premiIds: [premiId],
      nomorSp2d: 'P-1',
      tanggalSp2d: '2025-02-05',
      paguId: paguPremi,
    });
    expect(!uninvoiced.ok && uninvoiced.error.fields).toEqual({ premiIds: 'Belum ditagih' });
    ok(await invoke(rt.handlers, 'premiums.recordInvoice', { penjaminId: loan.premi!.penjaminId, premiIds: [premiId], nomorTagihan: 'INV/JK/01', tanggalTagihan: '2025-01-31' }));

    // The subsidy pagu cannot pay a premium.
    const wrongLine = await invoke(rt.handlers, 'premiums.recordPayment', {
      penjaminId: loan.premi!.penjaminId,
      premiIds: [premiId],
      nomorSp2d: 'P-1',
      tanggalSp2d: '2025-02-01',
      paguId: w.paguId,
    });
    expect(!wrongLine.ok && wrongLine.error.fields).toHaveProperty('paguId');

    const paid = ok(
      await invoke(rt.handlers, 'premiums.recordPayment', {
        penjaminId: loan.premi!.penjaminId,
        premiIds: [premiId],
        nomorSp2d: 'P-1',
        tanggalSp2d: '2025-02-05',
        paguId: paguPremi,
      }),
    );
    expect(paid).toMatchObject({ jumlah: 180_000, sisaPagu: 820_000 });
    expect(ok(await invoke(rt.handlers, 'premiums.list', { status: 'dibayar' }))[0]).toMatchObject({ nomorTagihan: 'INV/JK/01', nomorSp2d: 'P-1' });

    const twice = await invoke(rt.handlers, 'premiums.recordPayment', {
      penjaminId: loan.premi!.penjaminId,
      premiIds: [premiId],
      nomorSp2d: 'P-2',
      tanggalSp2d: '2025-02-06',
      paguId: paguPremi,
    });
    expect(!twice.ok && twice.error.message).toContain('sudah dibayar');
    const year = ok(await invoke(rt.handlers, 'budget.year', { tahun: 2025 }));
    expect(year.lines.find((l) => l.id === paguPremi)).toMatchObject({ realisasi: 180_000, sisa: 820_000 });
  });
});

describe('budget warning on a new loan', () => {
  it('warns, without refusing, when the loan would push the year past the scheme pagu', async () => {
    rt.close();
    rt = createRuntime({ databasePath: path.join(dir, 'warn.sqlite'), user: 'uji', today: () => '2025-01-20' });
    const w = await world();
    const scheme = ok(await invoke(rt.handlers, 'schemes.get', { id: w.schemeId }));
    ok(await invoke(rt.handlers, 'schemes.save', { ...scheme, paguIds: [w.paguId] }));
    // 12 juta over 12 months earns about Rp500.000 of subsidy in 2025: more than the Rp200.000 pagu.
    const flags = ok(await invoke(rt.handlers, 'loans.check', loanInput(w)));
    const budget = flags.find((f) => f.kode === 'melebihi_pagu');
    expect(budget).toMatchObject({ menolak: false });
    expect(budget!.pesan).toContain('Rp200.000');
    // A small loan fits: 1 juta over 3 months earns a few thousand rupiah.
    const small = ok(await invoke(rt.handlers, 'loans.check', loanInput(w, { plafon: 1_000_000, tenorBulan: 3, tanggalAngsuranPertama: '2025-02-15' })));
    expect(small.map((f) => f.kode)).not.toContain('melebihi_pagu');
  });
});
