import { describe, expect, it } from 'vitest';
import type { Database } from '../../database/connection';
import type { EvaluationFigure, FigureKey } from '../../electron/contract';
import { auditRows, call, callError, sessionAs, useTempRuntime, type TempRuntime } from '../helpers/runtime';

/**
 * Monitoring and evaluation (docs/monitoring.md) on a real database: the world is written as raw
 * rows (loans, positions, paid claim lines, premiums) so every expected figure below is worked out
 * by hand from them, not by the code under test.
 */
const rt = useTempRuntime({ prefix: 'gs-monev-' });

interface World {
  bankA: number;
  bankB: number;
  loans: Record<'L1' | 'L2' | 'L3' | 'L4' | 'L5' | 'L6', number>;
}

function seed(r: TempRuntime): World {
  const db: Database = r.db;
  const run = (sql: string, ...p: unknown[]) => Number(db.prepare(sql).run(...p).lastInsertRowid);
  const bankA = run("INSERT INTO bank (kode, nama) VALUES ('BSB', 'Bank Sumsel Babel')");
  const bankB = run("INSERT INTO bank (kode, nama) VALUES ('BRI', 'BRI')");
  const insurer = run("INSERT INTO penjamin (kode, nama, jenis) VALUES ('J', 'Jamkrindo', 'penjaminan')");
  const scheme = run(
    `INSERT INTO skema (kode, nama, berlaku_dari, berlaku_sampai, bunga_bank_persen, bunga_debitur_persen, metode_bunga, plafon_maks, tenor_maks, penjamin_id, premi_tarif_persen, porsi_jaminan_persen)
     VALUES ('GS', 'GS', '2024-01-01', '2026-12-31', '11', '3', 'efektif', 50000000, 36, ?, '1', '70')`,
    insurer,
  );
  let n = 0;
  const loan = (bank: number, kec: number, sektor: number, status: string, cair: string, lunas: string | null = null) => {
    n++;
    const debtor = run(
      "INSERT INTO debitur (nik, nama, jenis_kelamin, tanggal_lahir, nama_usaha, sektor_id, skala, alamat, kecamatan_id, desa) VALUES (?, ?, 'P', '1985-10-27', ?, ?, 'mikro', ?, ?, 'Desa Uji')",
      `16031067108500${String(n).padStart(2, '0')}`,
      `Debitur ${n}`,
      `Usaha ${n}`,
      sektor,
      `Jl. Uji No. ${n}`,
      kec,
    );
    return run(
      `INSERT INTO pinjaman (debitur_id, bank_id, skema_id, nomor_rekening, nomor_akad, tanggal_akad, tanggal_pencairan, plafon, tenor_bulan, bunga_bank_persen, bunga_debitur_persen, status, tanggal_lunas)
       VALUES (?, ?, ?, ?, ?, ?, ?, 10000000, 24, '11', '3', ?, ?)`,
      debtor,
      bank,
      scheme,
      `00${n}`,
      `AK/${n}`,
      cair.slice(0, 8) + '01',
      cair,
      status,
      lunas,
    );
  };
  const L1 = loan(bankA, 1, 1, 'aktif', '2025-02-10');
  const L2 = loan(bankA, 2, 1, 'aktif', '2025-03-10');
  const L3 = loan(bankB, 1, 2, 'macet', '2025-04-10');
  const L4 = loan(bankB, 2, 2, 'lunas', '2025-05-10', '2026-05-10');
  const L5 = loan(bankA, 1, 2, 'aktif', '2025-06-10');
  const L6 = loan(bankA, 1, 1, 'aktif', '2024-06-10'); // another year: never in the 2025 figures

  const profile = (id: number, omzet: number, paid: number, family: number, status: string) =>
    run(
      'INSERT INTO profil_usaha (pinjaman_id, omzet_bulanan, pekerja_dibayar, pekerja_keluarga, aset, status_usaha) VALUES (?, ?, ?, ?, 1000000, ?)',
      id,
      omzet,
      paid,
      family,
      status,
    );
  profile(L1, 10_000_000, 2, 1, 'baru');
  profile(L2, 5_000_000, 1, 1, 'berjalan');
  profile(L3, 8_000_000, 0, 2, 'baru');
  profile(L5, 0, 1, 0, 'baru');
  profile(L6, 1_000_000, 9, 9, 'baru');

  const visit = (id: number, tanggal: string, omzet: number, paid: number, family: number, status: string) =>
    run(
      "INSERT INTO kunjungan_monev (pinjaman_id, tanggal, petugas, omzet_bulanan, pekerja_dibayar, pekerja_keluarga, status_usaha, dana_sesuai, pengguna) VALUES (?, ?, 'Petugas', ?, ?, ?, ?, 1, 'uji')",
      id,
      tanggal,
      omzet,
      paid,
      family,
      status,
    );
  visit(L1, '2025-08-01', 8_000_000, 2, 0, 'menurun'); // an earlier visit: only the latest counts
  visit(L1, '2026-03-01', 12_000_000, 3, 1, 'berkembang');
  visit(L2, '2026-02-01', 4_000_000, 1, 0, 'menurun');
  visit(L3, '2026-01-15', 0, 0, 0, 'tutup');
  visit(L4, '2025-12-01', 3_000_000, 2, 0, 'berjalan');

  const position = (id: number, periode: string, outstanding: number, kol: number) =>
    run('INSERT INTO posisi_bank (pinjaman_id, periode, outstanding, kol) VALUES (?, ?, ?, ?)', id, periode, outstanding, kol);
  position(L1, '2026-09', 9_000_000, 3); // an earlier month: only the latest counts
  position(L1, '2026-10', 8_000_000, 1);
  position(L2, '2026-10', 4_000_000, 3);
  position(L3, '2026-10', 6_000_000, 5);
  position(L5, '2026-10', 2_000_000, 2);
  position(L6, '2026-10', 5_000_000, 5);

  // Paid subsidy: claim lines (agreed amounts) marked paid per loan-month.
  const claim = (bank: number) => run("INSERT INTO tagihan (bank_id, periode_awal, periode_akhir, status) VALUES (?, '2025-01', '2026-10', 'dibayar')", bank);
  const ca = claim(bankA);
  const cb = claim(bankB);
  let line = 0;
  const paid = (claimId: number, id: number, periode: string, diklaim: number, disetujui: number | null) => {
    const lineId = run(
      "INSERT INTO tagihan_baris (tagihan_id, nomor_baris, pinjaman_id, periode, nomor_rekening, diklaim, disetujui) VALUES (?, ?, ?, ?, 'x', ?, ?)",
      claimId,
      ++line,
      id,
      periode,
      diklaim,
      disetujui,
    );
    run('INSERT INTO periode_dibayar (pinjaman_id, periode, tagihan_baris_id) VALUES (?, ?, ?)', id, periode, lineId);
  };
  paid(ca, L1, '2025-03', 310_000, 300_000); // agreed below what was claimed: the agreed amount counts
  paid(ca, L1, '2025-04', 200_000, null); // no decision kept: the claimed amount
  paid(ca, L2, '2025-04', 250_000, 250_000);
  paid(cb, L3, '2025-05', 100_000, 100_000);
  paid(ca, L5, '2025-07', 50_004, 50_004);
  paid(ca, L6, '2025-07', 999_999, 999_999);

  const premium = (id: number, jumlah: number, status: string) =>
    run("INSERT INTO premi (pinjaman_id, penjamin_id, tarif_persen, jumlah, status) VALUES (?, ?, '1', ?, ?)", id, insurer, jumlah, status);
  premium(L1, 150_000, 'dibayar');
  premium(L2, 100_000, 'ditagih'); // invoiced, not paid: not counted
  premium(L3, 120_000, 'dibayar');
  return { bankA, bankB, loans: { L1, L2, L3, L4, L5, L6 } };
}

const byKey = (figures: EvaluationFigure[]) => Object.fromEntries(figures.map((f) => [f.kunci, f])) as Record<FigureKey, EvaluationFigure>;

describe('the evaluation report', () => {
  it('computes each figure from the cohort of the year, as worked out by hand', async () => {
    const w = seed(rt());
    const { L1, L2, L3, L4, L5 } = w.loans;
    const ev = await call(rt(), 'monev.evaluation', { tahun: 2025 });
    expect(ev.rows.map((r) => r.pinjamanId)).toEqual([L1, L2, L3, L4, L5]);
    const f = byKey(ev.figures);
    const value = (k: FigureKey) => f[k].nilai;
    expect(value('usaha')).toBe(5);
    expect(value('usahaBaru')).toBe(3); // L1, L3, L5
    expect(value('denganProfil')).toBe(4);
    expect(value('dikunjungi')).toBe(4);
    expect(value('tenagaKerjaAkad')).toBe(3 + 2 + 2 + 1);
    // Same businesses at akad and at their latest visit: L1, L2, L3.
    expect(value('tenagaKerjaAkadBanding')).toBe(3 + 2 + 2);
    expect(value('tenagaKerjaKunjungan')).toBe(4 + 1 + 0);
    // Turnover change: L1 +20 %, L2 −20 %, L3 −100 % (L5 had no turnover at akad, L4 no profile): median −20 %, 1 of 3 grew.
    expect(value('omzetMedianPerubahan')).toBe('-20.00');
    expect(value('omzetTumbuhPersen')).toBe('33.33');
    expect(f.omzetTumbuhPersen.pinjamanIds).toEqual([L1]);
    expect(value('usahaTutup')).toBe(1);
    expect(f.usahaTutup.pinjamanIds).toEqual([L3]);
    // NPL: L3 (macet) and L2 (aktif, kol 3 in its latest month); L1's kol 3 was an earlier month.
    expect(value('nplJumlah')).toBe(2);
    expect(f.nplJumlah.pinjamanIds).toEqual([L2, L3]);
    expect(value('nplPersen')).toBe('40.00');
    // By outstanding over running loans: (4.000.000 + 6.000.000) / (8 + 4 + 6 + 2 million) = 50 %.
    expect(value('nplOutstandingPersen')).toBe('50.00');
    // Subsidy: 300.000 + 200.000 + 250.000 + 100.000 + 50.004; premium: 150.000 + 120.000.
    expect(value('subsidi')).toBe(900_004);
    expect(value('premi')).toBe(270_000);
    expect(value('subsidiPerUsaha')).toBe(180_001); // 180.000,8 rounded once
    expect(value('premiPerUsaha')).toBe(54_000);
    // Per job at akad (profiled businesses with workers: 8 jobs): 900.004 / 8 = 112.500,5 → 112.501 (half up).
    expect(value('subsidiPerTenagaKerja')).toBe(112_501);
    expect(value('premiPerTenagaKerja')).toBe(33_750);
  });

  it('filters by bank, kecamatan, sector and scheme; an empty cohort has no ratios', async () => {
    const w = seed(rt());
    const a = byKey((await call(rt(), 'monev.evaluation', { tahun: 2025, bankId: w.bankA })).figures);
    expect(a.usaha.pinjamanIds).toEqual([w.loans.L1, w.loans.L2, w.loans.L5]);
    expect(a.subsidi.nilai).toBe(300_000 + 200_000 + 250_000 + 50_004);
    const kec = await call(rt(), 'monev.evaluation', { tahun: 2025, kecamatanId: 2 });
    expect(kec.rows.map((r) => r.pinjamanId)).toEqual([w.loans.L2, w.loans.L4]);
    const sektor = await call(rt(), 'monev.evaluation', { tahun: 2025, sektorId: 2 });
    expect(sektor.rows.map((r) => r.pinjamanId)).toEqual([w.loans.L3, w.loans.L4, w.loans.L5]);
    const none = byKey((await call(rt(), 'monev.evaluation', { tahun: 2023 })).figures);
    expect(none.usaha.nilai).toBe(0);
    expect(none.nplPersen.nilai).toBeNull();
    expect(none.subsidiPerUsaha.nilai).toBeNull();
  });

  it('prints as XLSX with a summary and a rows sheet', async () => {
    seed(rt());
    const ExcelJS = (await import('exceljs')).default;
    const doc = await call(rt(), 'documents.render', { dokumen: { jenis: 'evaluasiProgram', tahun: 2025 }, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(doc.isiBase64!, 'base64') as unknown as ArrayBuffer);
    const names = wb.worksheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Ringkasan', 'Baris']));
    const rows = wb.getWorksheet('Baris')!;
    const text = JSON.stringify(rows.getSheetValues());
    for (const acc of ['001', '002', '003', '004', '005']) expect(text).toContain(acc);
    expect(text).not.toContain('"006"');
  });
});

describe('business profile', () => {
  it('is saved with the loan form and edited later with old → new in the audit trail', async () => {
    const w = seed(rt());
    const { L4 } = w.loans;
    expect((await call(rt(), 'monev.loan', { pinjamanId: L4 })).profil).toBeNull();
    await call(rt(), 'monev.saveProfile', { pinjamanId: L4, omzetBulanan: 2_500_000, pekerjaDibayar: 1, pekerjaKeluarga: 2, aset: 7_000_000, statusUsaha: 'berjalan' });
    await call(rt(), 'monev.saveProfile', { pinjamanId: L4, omzetBulanan: 3_000_000, pekerjaDibayar: 1, pekerjaKeluarga: 2, aset: 7_000_000, statusUsaha: 'berjalan' });
    // Saving the same again writes nothing.
    await call(rt(), 'monev.saveProfile', { pinjamanId: L4, omzetBulanan: 3_000_000, pekerjaDibayar: 1, pekerjaKeluarga: 2, aset: 7_000_000, statusUsaha: 'berjalan' });
    const trail = auditRows(rt().db, 'profil_usaha').filter((a) => a.entitasId === L4);
    expect(trail.map((a) => a.aksi)).toEqual(['buat', 'ubah']);
    expect(trail[1]!.sebelum).toMatchObject({ omzetBulanan: 2_500_000 });
    expect(trail[1]!.sesudah).toMatchObject({ omzetBulanan: 3_000_000, aset: 7_000_000 });
    expect((await call(rt(), 'monev.loan', { pinjamanId: L4 })).profil).toMatchObject({ omzetBulanan: 3_000_000, pekerjaKeluarga: 2 });
    const err = await callError(rt(), 'monev.saveProfile', { pinjamanId: L4, omzetBulanan: 1.5, pekerjaDibayar: -1, pekerjaKeluarga: 0, aset: 0, statusUsaha: 'berjalan' });
    expect(err.fields).toMatchObject({ omzetBulanan: 'Omzet per bulan harus rupiah bulat', pekerjaDibayar: 'Tenaga kerja dibayar tidak boleh negatif' });
  });

  it('comes with a new loan from the loan form, in the same transaction', async () => {
    const w = seed(rt());
    const debtor = await call(rt(), 'debtors.save', { nik: '1603101203800002', nama: 'Rudi', skala: 'kecil' });
    const scheme = rt().db.prepare('SELECT id FROM skema').get() as { id: number };
    const loans = (rt().db.prepare('SELECT count(*) AS n FROM pinjaman').get() as { n: number }).n;
    const half = await callError(rt(), 'loans.save', {
      debiturId: debtor.id,
      bankId: w.bankA,
      skemaId: scheme.id,
      nomorRekening: '0099',
      nomorAkad: 'AK/99',
      tanggalAkad: '2026-01-10',
      plafon: 5_000_000,
      tenorBulan: 12,
      profilUsaha: { omzetBulanan: 4_000_000, pekerjaDibayar: 0, pekerjaKeluarga: 1, aset: null, statusUsaha: 'baru' },
    });
    expect(half.fields).toEqual({ 'profilUsaha.aset': 'Aset harus berupa angka rupiah' });
    expect((rt().db.prepare('SELECT count(*) AS n FROM pinjaman').get() as { n: number }).n).toBe(loans);
    const loan = await call(rt(), 'loans.save', {
      debiturId: debtor.id,
      bankId: w.bankA,
      skemaId: scheme.id,
      nomorRekening: '0099',
      nomorAkad: 'AK/99',
      tanggalAkad: '2026-01-10',
      plafon: 5_000_000,
      tenorBulan: 12,
      profilUsaha: { omzetBulanan: 4_000_000, pekerjaDibayar: 0, pekerjaKeluarga: 1, aset: 2_000_000, statusUsaha: 'baru' },
    });
    expect((await call(rt(), 'monev.loan', { pinjamanId: loan.id })).profil).toMatchObject({ omzetBulanan: 4_000_000, statusUsaha: 'baru' });
    expect(
      auditRows(rt().db, 'profil_usaha')
        .filter((a) => a.entitasId === loan.id)
        .map((a) => a.aksi),
    ).toEqual(['buat']);
  });
});

describe('visits and follow-ups', () => {
  it('records a visit, lists it with filters, and shows an overdue follow-up until it is done', async () => {
    const w = seed(rt());
    const { L2, L5 } = w.loans;
    const visit = await call(rt(), 'monev.save', {
      pinjamanId: L5,
      tanggal: '2026-11-02',
      petugas: 'Andi',
      omzetBulanan: 1_500_000,
      pekerjaDibayar: 1,
      pekerjaKeluarga: 1,
      statusUsaha: 'berkembang',
      danaSesuai: false,
      penggunaanDana: 'Sebagian untuk biaya sekolah',
      masalah: 'Stok kurang',
      tindakLanjut: 'Pendampingan pembukuan',
      tindakLanjutBatas: '2026-11-20',
    });
    expect(visit.terlambat).toBe(true); // due 20 Nov, today 23 Nov
    await call(rt(), 'monev.save', {
      pinjamanId: L2,
      tanggal: '2026-11-10',
      petugas: 'Andi',
      omzetBulanan: 1,
      pekerjaDibayar: 0,
      pekerjaKeluarga: 0,
      statusUsaha: 'berjalan',
      danaSesuai: true,
      tindakLanjut: 'Telepon ulang',
      tindakLanjutBatas: '2026-12-01',
    });
    const overdue = await call(rt(), 'monev.overdue', {});
    expect(overdue.jumlah).toBe(1);
    expect(overdue.kunjungan.map((k) => k.id)).toEqual([visit.id]);
    expect((await call(rt(), 'monev.list', { tindakLanjut: 'terlambat' })).rows.map((r) => r.id)).toEqual([visit.id]);
    expect((await call(rt(), 'monev.list', { tindakLanjut: 'terbuka' })).total).toBe(2);
    expect((await call(rt(), 'monev.list', { statusUsaha: 'tutup' })).rows.map((r) => r.pinjamanId)).toEqual([w.loans.L3]);
    expect((await call(rt(), 'monev.list', { dari: '2026-11-01' })).total).toBe(2);

    // The visit is the latest of its loan: the evaluation reads it (L5 now compared at akad 0 → not in the turnover change).
    const f = byKey((await call(rt(), 'monev.evaluation', { tahun: 2025 })).figures);
    expect(f.dikunjungi.nilai).toBe(5);
    // Latest visits of the profiled businesses now: L1 4, L2 0 (the visit of 10 Nov), L3 0, L5 2.
    expect(f.tenagaKerjaKunjungan.nilai).toBe(4 + 0 + 0 + 2);

    const done = await call(rt(), 'monev.followUpDone', { id: visit.id, tanggal: '2026-11-22' });
    expect(done).toMatchObject({ tindakLanjutSelesai: '2026-11-22', terlambat: false });
    expect((await call(rt(), 'monev.overdue', {})).jumlah).toBe(0);
    expect(auditRows(rt().db, 'kunjungan_monev').map((a) => a.aksi)).toEqual(['buat', 'buat', 'ubah']);
    expect(await callError(rt(), 'monev.followUpDone', { id: visit.id, tanggal: '2026-11-23' })).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a visit before the akad, in the future, or without saying how misused funds went — the database too', async () => {
    const w = seed(rt());
    const base = { pinjamanId: w.loans.L1, petugas: 'Andi', omzetBulanan: 1, pekerjaDibayar: 0, pekerjaKeluarga: 0, statusUsaha: 'berjalan' as const, danaSesuai: true };
    expect((await callError(rt(), 'monev.save', { ...base, tanggal: '2025-01-01' })).fields).toEqual({ tanggal: 'Tanggal kunjungan sebelum tanggal akad pinjaman' });
    expect((await callError(rt(), 'monev.save', { ...base, tanggal: '2026-11-24' })).fields).toEqual({ tanggal: 'Tanggal kunjungan tidak boleh sesudah hari ini' });
    expect((await callError(rt(), 'monev.save', { ...base, tanggal: '2026-11-01', danaSesuai: false })).fields).toEqual({ penggunaanDana: 'Tulis untuk apa dana dipakai' });
    expect((await callError(rt(), 'monev.save', { ...base, tanggal: '2026-11-01', tindakLanjutBatas: '2026-10-01' })).fields).toMatchObject({
      tindakLanjut: 'Tulis tindak lanjutnya',
    });
    const insert = (tanggal: string, dana: number, how: string | null) => () =>
      rt()
        .db.prepare(
          "INSERT INTO kunjungan_monev (pinjaman_id, tanggal, petugas, omzet_bulanan, pekerja_dibayar, pekerja_keluarga, status_usaha, dana_sesuai, penggunaan_dana, pengguna) VALUES (?, ?, 'x', 0, 0, 0, 'berjalan', ?, ?, 'x')",
        )
        .run(w.loans.L1, tanggal, dana, how);
    expect(insert('2025-01-01', 1, null)).toThrow('Tanggal kunjungan sebelum tanggal akad pinjaman');
    expect(insert('2026-01-01', 0, null)).toThrow(/CHECK constraint/);
  });
});

describe('visit plans', () => {
  it('draws the same list from the same seed and period, stores it and prints it with addresses', async () => {
    const w = seed(rt());
    const first = await call(rt(), 'monev.createPlan', { periode: '2026-11', ukuran: 3, seed: 20261123 });
    const again = await call(rt(), 'monev.createPlan', { periode: '2026-11', ukuran: 3, seed: 20261123 });
    expect(again.baris.map((b) => b.pinjamanId)).toEqual(first.baris.map((b) => b.pinjamanId));
    expect(first.seed).toBe(20261123);
    // Running on 30 Nov 2026: L1, L2, L3 (macet), L5, L6 in strata A:1 (L1, L5, L6), A:2 (L2), B:1 (L3); L4 is paid off.
    expect(first.populasi).toBe(5);
    expect(first.alokasi.map((a) => [a.strata, a.populasi, a.sampel])).toEqual([
      [`${w.bankA}:1`, 3, 1],
      [`${w.bankA}:2`, 1, 1],
      [`${w.bankB}:1`, 1, 1],
    ]);
    const chosenA1 = first.baris.find((b) => b.strata === `${w.bankA}:1`)!.pinjamanId;
    expect([w.loans.L1, w.loans.L5, w.loans.L6]).toContain(chosenA1);
    const chosen = await call(rt(), 'monev.createPlan', { periode: '2026-11', ukuran: 3 });
    expect(chosen.seed).toBeGreaterThan(0);
    expect((await call(rt(), 'monev.plans', {})).map((p) => p.id)).toEqual([chosen.id, again.id, first.id]);
    const html = await call(rt(), 'documents.render', { dokumen: { jenis: 'rencanaKunjungan', rencanaId: first.id } });
    expect(html.html).toContain('Jl. Uji No.');
    expect(html.html).toContain('20261123');
    expect(() => rt().db.prepare('DELETE FROM rencana_monev_pinjaman WHERE rencana_id = ?').run(first.id)).toThrow('tidak dapat dihapus');
  });
});

describe("a bank's liaison officer", () => {
  it('sees only their own bank’s visits and loans, and records none', async () => {
    const w = seed(rt());
    const token = sessionAs(rt(), 'bank', { bankId: w.bankB });
    const as = (channel: string, input: unknown) => rt().callWithSession(token, channel, input);
    const list = await as('monev.list', { bankId: w.bankA });
    expect(list.ok && (list.value as { rows: { bankId: number }[] }).rows.every((r) => r.bankId === w.bankB)).toBe(true);
    expect(list.ok && (list.value as { total: number }).total).toBe(2);
    expect(await as('monev.loan', { pinjamanId: w.loans.L1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await as('monev.loan', { pinjamanId: w.loans.L3 })).ok).toBe(true);
    expect(await as('monev.evaluation', { tahun: 2025 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the demo set', () => {
  it('has profiles, visits, open and overdue follow-ups, and an evaluation that is not empty', async () => {
    await call(rt(), 'app.loadDemo', {});
    const db = rt().db;
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const disbursed = n('SELECT count(*) AS n FROM pinjaman WHERE tanggal_pencairan IS NOT NULL');
    expect(n('SELECT count(*) AS n FROM profil_usaha')).toBeGreaterThan(disbursed / 2);
    expect(n('SELECT count(*) AS n FROM profil_usaha')).toBeLessThan(disbursed);
    expect(n('SELECT count(*) AS n FROM kunjungan_monev')).toBeGreaterThan(50);
    expect(n("SELECT count(*) AS n FROM kunjungan_monev WHERE status_usaha = 'tutup'")).toBeGreaterThan(0);
    expect((await call(rt(), 'monev.overdue', {})).jumlah).toBeGreaterThan(0);
    const ev = byKey((await call(rt(), 'monev.evaluation', { tahun: 2025 })).figures);
    expect(ev.usaha.nilai).toBeGreaterThan(0);
    expect(ev.dikunjungi.nilai).toBeGreaterThan(0);
    expect(ev.omzetMedianPerubahan.nilai).not.toBeNull();
  });
});
