import type { Database } from 'better-sqlite3';

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

/** What has been paid against a budget line: subsidy and premium payments, integer sums. */
export function realisasiPagu(db: Database, paguId: number): number {
  const row = db
    .prepare(
      `SELECT (SELECT coalesce(sum(jumlah), 0) FROM pembayaran WHERE pagu_id = @id)
            + (SELECT coalesce(sum(jumlah), 0) FROM pembayaran_premi WHERE pagu_id = @id) AS n`,
    )
    .get({ id: paguId }) as { n: number };
  return row.n;
}

export function findPaymentBySp2d(db: Database, nomorSp2d: string): { id: number; tanggal_sp2d: string } | null {
  return (
    (db.prepare('SELECT id, tanggal_sp2d FROM pembayaran WHERE nomor_sp2d = ? UNION ALL SELECT id, tanggal_sp2d FROM pembayaran_premi WHERE nomor_sp2d = ?').get(nomorSp2d, nomorSp2d) as
      | { id: number; tanggal_sp2d: string }
      | undefined) ?? null
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
  const paid = db.prepare('INSERT INTO periode_dibayar (pinjaman_id, periode, tagihan_baris_id) VALUES (?, ?, ?)');
  for (const l of c.lines) {
    const lineId = Number(line.run({ ...l, tagihanId }).lastInsertRowid);
    paid.run(l.pinjamanId, l.periode, lineId);
  }
  const pembayaranId = Number(
    db
      .prepare('INSERT INTO pembayaran (tagihan_id, nomor_sp2d, tanggal_sp2d, jumlah, pagu_id) VALUES (?, ?, ?, ?, ?)')
      .run(tagihanId, c.nomorSp2d, c.tanggalSp2d, total, c.paguId).lastInsertRowid,
  );
  return { tagihanId, pembayaranId, total };
}

// ---------------------------------------------------------------------------
// One person, one subsidy per month (migration 0014): who already took a person's month
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
 * can take a month twice), earliest payment first. `debiturIds` narrows to those debtors.
 * Debtors with one loan, nearly all of them, cost one pass over the pinjaman_debitur index.
 */
export function paidMonthsOfSharedDebtors(db: Database, fromPeriod: string, toPeriod: string, debiturIds?: readonly number[]): MonthTakerRow[] {
  const only = debiturIds === undefined ? '' : 'WHERE debitur_id IN (SELECT value FROM json_each(@ids))';
  return db
    .prepare(
      `WITH ganda AS (SELECT debitur_id FROM pinjaman ${only} GROUP BY debitur_id HAVING count(*) > 1)
       SELECT l.debitur_id AS debiturId, pd.periode, l.id AS pinjamanId, l.nomor_rekening AS nomorRekening, b.nama AS bankNama,
              s.maks_pinjaman_per_orang AS batas
       FROM ganda g
       CROSS JOIN pinjaman l ON l.debitur_id = g.debitur_id
       CROSS JOIN periode_dibayar pd ON pd.pinjaman_id = l.id AND pd.periode BETWEEN @from AND @to
       JOIN bank b ON b.id = l.bank_id
       JOIN skema s ON s.id = l.skema_id
       ORDER BY l.debitur_id, pd.periode, pd.rowid`,
    )
    .all({ from: fromPeriod, to: toPeriod, ids: JSON.stringify(debiturIds ?? []) }) as MonthTakerRow[];
}

/** For each of these loans: its debtor, account, bank and scheme limit. */
export function loanOwners(db: Database, loanIds: readonly number[]): Map<number, { debiturId: number; nomorRekening: string; bankNama: string; batas: number }> {
  const rows = db
    .prepare(
      `SELECT l.id, l.debitur_id AS debiturId, l.nomor_rekening AS nomorRekening, b.nama AS bankNama, s.maks_pinjaman_per_orang AS batas
       FROM json_each(?) j JOIN pinjaman l ON l.id = j.value JOIN bank b ON b.id = l.bank_id JOIN skema s ON s.id = l.skema_id`,
    )
    .all(JSON.stringify([...new Set(loanIds)])) as { id: number; debiturId: number; nomorRekening: string; bankNama: string; batas: number }[];
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
