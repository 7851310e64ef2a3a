import type { Database, Statement } from 'better-sqlite3';

export interface PaguRow {
  id: number;
  tahun: number;
  jenis: 'subsidi_bunga' | 'premi';
  kode_rekening: string;
  uraian: string;
  jumlah: number;
}

export function getPagu(db: Database, id: number): PaguRow | null {
  return (db.prepare('SELECT * FROM pagu WHERE id = ?').get(id) as PaguRow | undefined) ?? null;
}

export function listPagu(db: Database, tahun: number): PaguRow[] {
  return db.prepare('SELECT * FROM pagu WHERE tahun = ? ORDER BY jenis, kode_rekening').all(tahun) as PaguRow[];
}

/**
 * What has been paid against a budget line, net: subsidy and premium SP2Ds less the overpayments
 * deposited back to the kas daerah (STS) charged to it (migration 0023_payment_corrections). An
 * offset is already inside the SP2D that paid the offsetting claim's net. Integer sums.
 */
export function realisasiPagu(db: Database, paguId: number): number {
  return realisasiPaguRincian(db, paguId).bersih;
}

/**
 * A budget line's realisation, traced: `bruto` what the paid lines were agreed at, `koreksi` the
 * settled corrections charged to it (− overpayments offset or deposited, + underpayments paid on a
 * later claim), `bersih` = bruto + koreksi = SP2Ds − STS deposits: the money that moved.
 */
export function realisasiPaguRincian(db: Database, paguId: number): { bruto: number; koreksi: number; bersih: number } {
  const row = db
    .prepare(
      `SELECT (SELECT coalesce(sum(jumlah), 0) FROM pembayaran WHERE pagu_id = @id)
            + (SELECT coalesce(sum(jumlah), 0) FROM pembayaran_premi WHERE pagu_id = @id) AS sp2d,
              (SELECT coalesce(sum(CASE jenis WHEN 'kurang_bayar' THEN jumlah ELSE -jumlah END), 0) FROM koreksi WHERE status = 'diselesaikan' AND pagu_id = @id) AS koreksi,
              (SELECT coalesce(sum(jumlah), 0) FROM koreksi WHERE status = 'diselesaikan' AND penyelesaian = 'sts' AND pagu_id = @id) AS sts`,
    )
    .get({ id: paguId }) as { sp2d: number; koreksi: number; sts: number };
  const bersih = row.sp2d - row.sts;
  return { bruto: bersih - row.koreksi, koreksi: row.koreksi, bersih };
}

export function findPaymentBySp2d(db: Database, nomorSp2d: string): { id: number; tanggal_sp2d: string } | null {
  return (
    (db
      .prepare('SELECT id, tanggal_sp2d FROM pembayaran WHERE nomor_sp2d = ? UNION ALL SELECT id, tanggal_sp2d FROM pembayaran_premi WHERE nomor_sp2d = ?')
      .get(nomorSp2d, nomorSp2d) as { id: number; tanggal_sp2d: string } | undefined) ?? null
  );
}

export interface ClaimLineRecord {
  nomorBaris: number;
  pinjamanId: number;
  periode: string;
  nomorRekening: string;
  nik: string;
  nama: string;
  outstanding: number | null;
  bungaPersen: string;
  hari: number;
  kol: number | null;
  jumlah: number;
  keterangan: string;
}

/**
 * Writes a paid claim: header, lines, the paid loan-months and the SP2D, in the caller's
 * transaction. The primary key of periode_dibayar makes a second payment of any loan-month
 * fail, whatever path it comes by.
 */
export function insertPaidClaim(
  db: Database,
  c: { bankId: number; periodeAwal: string; periodeAkhir: string; nomorSp2d: string; tanggalSp2d: string; paguId: number; lines: ClaimLineRecord[] },
): { tagihanId: number; pembayaranId: number; total: number } {
  const total = c.lines.reduce((sum, l) => sum + l.jumlah, 0);
  const tagihanId = Number(
    db
      .prepare(
        `INSERT INTO tagihan (bank_id, periode_awal, periode_akhir, status, total_diklaim, total_disetujui)
         VALUES (?, ?, ?, 'dibayar', ?, ?)`,
      )
      .run(c.bankId, c.periodeAwal, c.periodeAkhir, total, total).lastInsertRowid,
  );
  const line = db.prepare(
    `INSERT INTO tagihan_baris (tagihan_id, nomor_baris, pinjaman_id, periode, nomor_rekening, nik, nama, outstanding, bunga_persen,
       hari, kol, diklaim, diharapkan, disetujui, status, keterangan)
     VALUES (@tagihanId, @nomorBaris, @pinjamanId, @periode, @nomorRekening, @nik, @nama, @outstanding, @bungaPersen,
       @hari, @kol, @jumlah, @jumlah, @jumlah, 'cocok', @keterangan)`,
  );
  const pembayaranId = writePaidLines(db, tagihanId, c.lines, line, { nomorSp2d: c.nomorSp2d, tanggalSp2d: c.tanggalSp2d, paguId: c.paguId, total });
  return { tagihanId, pembayaranId, total };
}

/**
 * The lines of a claim written as paid (direct payment, payment history): each line through
 * `line` (its own columns), its loan-month in periode_dibayar — whose key and triggers refuse a
 * second payment of the month, or a person's month past the scheme's limit — and the one SP2D.
 * Returns the payment's id.
 */
function writePaidLines<L extends { pinjamanId: number; periode: string }>(
  db: Database,
  tagihanId: number,
  lines: readonly L[],
  line: Statement,
  sp2d: { nomorSp2d: string; tanggalSp2d: string; paguId: number | null; total: number },
): number {
  const paid = db.prepare('INSERT INTO periode_dibayar (pinjaman_id, periode, tagihan_baris_id) VALUES (?, ?, ?)');
  for (const l of lines) {
    const lineId = Number(line.run({ ...l, tagihanId }).lastInsertRowid);
    paid.run(l.pinjamanId, l.periode, lineId);
  }
  return Number(
    db
      .prepare('INSERT INTO pembayaran (tagihan_id, nomor_sp2d, tanggal_sp2d, jumlah, pagu_id) VALUES (?, ?, ?, ?, ?)')
      .run(tagihanId, sp2d.nomorSp2d, sp2d.tanggalSp2d, sp2d.total, sp2d.paguId).lastInsertRowid,
  );
}

// ---------------------------------------------------------------------------
// One person, one subsidy per month (migration 0016_person_month_guard): who already took a person's month
// ---------------------------------------------------------------------------

/** A loan that holds (paid) a person's month: what a refusal names. */
export interface MonthTakerRow {
  debiturId: number;
  periode: string;
  pinjamanId: number;
  nomorRekening: string;
  bankNama: string;
  /** Its scheme's maks_pinjaman_per_orang. */
  batas: number;
}

/**
 * The paid months from..to of every loan of the debtors who hold more than one loan (only they
 * can take a month twice), earliest payment first. Debtors with one loan, nearly all of them,
 * cost one pass over the pinjaman_debitur index.
 */
export function paidMonthsOfSharedDebtors(db: Database, fromPeriod: string, toPeriod: string): MonthTakerRow[] {
  return db
    .prepare(
      `WITH ganda AS (SELECT debitur_id FROM pinjaman GROUP BY debitur_id HAVING count(*) > 1)
       SELECT l.debitur_id AS debiturId, pd.periode, l.id AS pinjamanId, l.nomor_rekening AS nomorRekening, b.nama AS bankNama,
              s.maks_pinjaman_per_orang AS batas
       FROM ganda g
       CROSS JOIN pinjaman l ON l.debitur_id = g.debitur_id
       CROSS JOIN periode_dibayar pd ON pd.pinjaman_id = l.id AND pd.periode BETWEEN @from AND @to
       JOIN bank b ON b.id = l.bank_id
       JOIN skema s ON s.id = l.skema_id
       ORDER BY l.debitur_id, pd.periode, pd.rowid`,
    )
    .all({ from: fromPeriod, to: toPeriod }) as MonthTakerRow[];
}

/**
 * Every loan of the debtors holding more than one loan (the only loans a person-month refusal can
 * concern), with its debtor, account, bank and scheme limit: a few rows even at 100,000 loans.
 */
export function loansOfSharedDebtors(db: Database): Map<number, { debiturId: number; nomorRekening: string; bankNama: string; batas: number }> {
  const rows = db
    .prepare(
      `WITH ganda AS (SELECT debitur_id FROM pinjaman GROUP BY debitur_id HAVING count(*) > 1)
       SELECT l.id, l.debitur_id AS debiturId, l.nomor_rekening AS nomorRekening, b.nama AS bankNama, s.maks_pinjaman_per_orang AS batas
       FROM ganda g CROSS JOIN pinjaman l ON l.debitur_id = g.debitur_id JOIN bank b ON b.id = l.bank_id JOIN skema s ON s.id = l.skema_id`,
    )
    .all() as { id: number; debiturId: number; nomorRekening: string; bankNama: string; batas: number }[];
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

/** The database's own refusal (trigger periode_dibayar_satu_orang), recognised to be reworded. */
export function isPersonMonthRefusal(err: unknown): boolean {
  return err instanceof Error && err.message.includes('SATU_ORANG_SEBULAN');
}

/** Debtors holding more than one loan record (any status): the only ones a month can be taken twice for. */
export function sharedDebtorIds(db: Database): Set<number> {
  return new Set(db.prepare('SELECT debitur_id FROM pinjaman GROUP BY debitur_id HAVING count(*) > 1').pluck().all() as number[]);
}

// ---------------------------------------------------------------------------
// Payment history (migration 0017_payment_history): subsidy paid before the app, stored as paid claims 'riwayat'
// ---------------------------------------------------------------------------

/** A bank's loan as the history import finds it by account number. */
export interface HistoryLoanRow {
  id: number;
  nomorRekening: string;
  debiturId: number;
  nik: string;
  nama: string;
  skemaId: number;
  tanggalPencairan: string | null;
}

export function bankLoansByAccount(db: Database, bankId: number): Map<string, HistoryLoanRow> {
  const rows = db
    .prepare(
      `SELECT l.id, l.nomor_rekening AS nomorRekening, l.debitur_id AS debiturId, d.nik, d.nama, l.skema_id AS skemaId, l.tanggal_pencairan AS tanggalPencairan
       FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id WHERE l.bank_id = ?`,
    )
    .all(bankId) as HistoryLoanRow[];
  return new Map(rows.map((r) => [r.nomorRekening, r]));
}

/** The months of a bank's loans already paid within from..to, with an SP2D that paid each. */
export function paidMonthsOfBank(db: Database, bankId: number, fromPeriod: string, toPeriod: string): Map<string, string | null> {
  const rows = db
    .prepare(
      `SELECT pd.pinjaman_id AS pinjamanId, pd.periode,
              (SELECT nomor_sp2d FROM pembayaran p WHERE p.tagihan_id = tb.tagihan_id ORDER BY p.tanggal_sp2d, p.id LIMIT 1) AS nomorSp2d
       FROM pinjaman l CROSS JOIN periode_dibayar pd ON pd.pinjaman_id = l.id AND pd.periode BETWEEN ? AND ?
       JOIN tagihan_baris tb ON tb.id = pd.tagihan_baris_id
       WHERE l.bank_id = ?`,
    )
    .all(fromPeriod, toPeriod, bankId) as { pinjamanId: number; periode: string; nomorSp2d: string | null }[];
  return new Map(rows.map((r) => [`${r.pinjamanId}|${r.periode}`, r.nomorSp2d]));
}

/** A year's subsidi_bunga budget lines, each with the schemes that name it. */
export function subsidyBudgetLinesOfYear(db: Database, tahun: number): { id: number; kodeRekening: string; skemaIds: number[] }[] {
  const rows = db
    .prepare(
      `SELECT g.id, g.kode_rekening AS kodeRekening, (SELECT json_group_array(skema_id) FROM skema_pagu WHERE pagu_id = g.id) AS skema
       FROM pagu g WHERE g.tahun = ? AND g.jenis = 'subsidi_bunga' ORDER BY g.kode_rekening`,
    )
    .all(tahun) as { id: number; kodeRekening: string; skema: string }[];
  return rows.map((r) => ({ id: r.id, kodeRekening: r.kodeRekening, skemaIds: JSON.parse(r.skema) as number[] }));
}

export interface HistoricLineRecord {
  /** Row number in the file. */
  nomorBaris: number;
  pinjamanId: number;
  periode: string;
  nomorRekening: string;
  nik: string;
  nama: string;
  jumlah: number;
}

/**
 * One historic SP2D: a claim 'riwayat' already paid, its lines, their paid months and the
 * payment, in the caller's transaction. The database's guards (periode_dibayar's key, trigger
 * periode_dibayar_satu_orang, the closed-month trigger on pembayaran) refuse what they refuse.
 */
export function insertHistoricPayment(
  db: Database,
  p: { bankId: number; imporId: number | null; dibuatOleh: string; nomorSp2d: string; tanggalSp2d: string; paguId: number | null; lines: readonly HistoricLineRecord[] },
): { tagihanId: number; pembayaranId: number; total: number } {
  const total = p.lines.reduce((s, l) => s + l.jumlah, 0);
  const periods = p.lines.map((l) => l.periode).sort();
  const tagihanId = Number(
    db
      .prepare(
        `INSERT INTO tagihan (bank_id, periode_awal, periode_akhir, status, total_diklaim, total_disetujui, impor_id, dibuat_oleh, sumber)
         VALUES (?, ?, ?, 'dibayar', ?, ?, ?, ?, 'riwayat')`,
      )
      .run(p.bankId, periods[0], periods.at(-1), total, total, p.imporId, p.dibuatOleh).lastInsertRowid,
  );
  const line = db.prepare(
    `INSERT INTO tagihan_baris (tagihan_id, nomor_baris, pinjaman_id, periode, nomor_rekening, nik, nama, diklaim, disetujui, status, keterangan,
       cocok_oleh, keputusan, keputusan_otomatis)
     VALUES (@tagihanId, @nomorBaris, @pinjamanId, @periode, @nomorRekening, @nik, @nama, @jumlah, @jumlah, 'cocok',
       'Riwayat pembayaran sebelum aplikasi', 'rekening', 'terima_bank', 1)`,
  );
  const pembayaranId = writePaidLines(db, tagihanId, p.lines, line, { nomorSp2d: p.nomorSp2d, tanggalSp2d: p.tanggalSp2d, paguId: p.paguId, total });
  return { tagihanId, pembayaranId, total };
}
