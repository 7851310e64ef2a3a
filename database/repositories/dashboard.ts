/**
 * The dashboard's aggregations: integer sums in SQL (money columns are INTEGER rupiah), each
 * optionally narrowed to one bank. Two forms of each query, not `(@bank IS NULL OR …)`, so that
 * SQLite can choose the index that fits each (pinjaman_bank_status for a bank, posisi_bank_periode_kol
 * for everybody).
 */
import type { Database } from 'better-sqlite3';

/** Loan statuses of a disbursed loan (as loansOfBankForPeriod counts them). */
const DISBURSED = `('aktif', 'lunas', 'macet', 'klaim', 'hapus_buku')`;

const byBank = (bankId: number | null, column: string) => (bankId === null ? '' : `AND ${column} = @bank`);

/** The latest month with bank positions, not after `upTo`. */
export function latestPositionPeriod(db: Database, upTo: string, bankId: number | null): string | null {
  if (bankId === null) {
    return (db.prepare('SELECT max(periode) AS p FROM posisi_bank WHERE periode <= ?').get(upTo) as { p: string | null }).p;
  }
  // Walks the period index from the newest month down and stops at the first of this bank's loans.
  const row = db
    .prepare(
      `SELECT p.periode AS p FROM posisi_bank p
       WHERE p.periode <= @upTo AND EXISTS (SELECT 1 FROM pinjaman l WHERE l.id = p.pinjaman_id AND l.bank_id = @bank)
       ORDER BY p.periode DESC LIMIT 1`,
    )
    .get({ upTo, bank: bankId }) as { p: string } | undefined;
  return row?.p ?? null;
}

export interface StatusTotals {
  debiturAktif: number;
  pinjamanAktif: number;
  plafonAktif: number;
  pinjamanMacet: number;
  plafonMacet: number;
}

/** Running loans (aktif, macet) now: counts, plafon and distinct debtors. */
export function runningLoanTotals(db: Database, bankId: number | null): StatusTotals {
  // `bank_id IN (SELECT id FROM bank)` lets SQLite read the running loans through the
  // (bank_id, status) index instead of scanning every loan ever made.
  const bankFilter = bankId === null ? 'bank_id IN (SELECT id FROM bank)' : 'bank_id = @bank';
  const row = db
    .prepare(
      `SELECT count(*) FILTER (WHERE status = 'aktif') AS pinjamanAktif,
              coalesce(sum(plafon) FILTER (WHERE status = 'aktif'), 0) AS plafonAktif,
              count(*) FILTER (WHERE status = 'macet') AS pinjamanMacet,
              coalesce(sum(plafon) FILTER (WHERE status = 'macet'), 0) AS plafonMacet,
              count(DISTINCT debitur_id) AS debiturAktif
       FROM pinjaman WHERE ${bankFilter} AND status IN ('aktif', 'macet')`,
    )
    .get({ bank: bankId }) as StatusTotals;
  return row;
}

/** Loans disbursed per month (tanggal_pencairan from `fromDate` up to, not including, `untilDate`). */
export function disbursementsByMonth(db: Database, fromDate: string, untilDate: string, bankId: number | null): { periode: string; jumlah: number; plafon: number }[] {
  return db
    .prepare(
      `SELECT substr(tanggal_pencairan, 1, 7) AS periode, count(*) AS jumlah, sum(plafon) AS plafon
       FROM pinjaman
       WHERE tanggal_pencairan >= @fromDate AND tanggal_pencairan < @untilDate AND status IN ${DISBURSED} ${byBank(bankId, 'bank_id')}
       GROUP BY 1 ORDER BY 1`,
    )
    .all({ fromDate, untilDate, bank: bankId }) as { periode: string; jumlah: number; plafon: number }[];
}

/** Bank-reported outstanding per month (sum of posisi_bank.outstanding) and the loans reported. */
export function outstandingByMonth(db: Database, fromPeriod: string, toPeriod: string, bankId: number | null): { periode: string; jumlah: number; outstanding: number }[] {
  const sql =
    bankId === null
      ? `SELECT periode, count(*) AS jumlah, sum(outstanding) AS outstanding FROM posisi_bank
         WHERE periode BETWEEN @fromPeriod AND @toPeriod GROUP BY periode ORDER BY periode`
      : `SELECT p.periode, count(*) AS jumlah, sum(p.outstanding) AS outstanding
         FROM pinjaman l JOIN posisi_bank p ON p.pinjaman_id = l.id AND p.periode BETWEEN @fromPeriod AND @toPeriod
         WHERE l.bank_id = @bank GROUP BY p.periode ORDER BY p.periode`;
  return db.prepare(sql).all({ fromPeriod, toPeriod, bank: bankId }) as { periode: string; jumlah: number; outstanding: number }[];
}

/** Count and outstanding per kol in one month. */
export function positionsByKol(db: Database, periode: string, bankId: number | null): { kol: number; jumlah: number; outstanding: number }[] {
  const sql =
    bankId === null
      ? 'SELECT kol, count(*) AS jumlah, sum(outstanding) AS outstanding FROM posisi_bank WHERE periode = @periode GROUP BY kol ORDER BY kol'
      : `SELECT p.kol, count(*) AS jumlah, sum(p.outstanding) AS outstanding
         FROM posisi_bank p JOIN pinjaman l ON l.id = p.pinjaman_id
         WHERE p.periode = @periode AND l.bank_id = @bank GROUP BY p.kol ORDER BY p.kol`;
  return db.prepare(sql).all({ periode, bank: bankId }) as { kol: number; jumlah: number; outstanding: number }[];
}

/** Kecamatan (of the debtor) with the most outstanding in a month; plafon of the same loans. */
export function topKecamatan(
  db: Database,
  periode: string,
  bankId: number | null,
  limit: number,
): { kecamatanId: number | null; nama: string | null; jumlah: number; outstanding: number; plafon: number }[] {
  return db
    .prepare(
      `SELECT g.kecamatan_id AS kecamatanId, k.nama AS nama, g.jumlah, g.outstanding, g.plafon
       FROM (
         SELECT d.kecamatan_id, count(*) AS jumlah, sum(p.outstanding) AS outstanding, sum(l.plafon) AS plafon
         FROM posisi_bank p
         JOIN pinjaman l ON l.id = p.pinjaman_id
         JOIN debitur d ON d.id = l.debitur_id
         WHERE p.periode = @periode ${byBank(bankId, 'l.bank_id')}
         GROUP BY d.kecamatan_id
       ) g
       LEFT JOIN kecamatan k ON k.id = g.kecamatan_id
       ORDER BY g.outstanding DESC, g.plafon DESC, k.nama
       LIMIT @limit`,
    )
    .all({ periode, bank: bankId, limit }) as { kecamatanId: number | null; nama: string | null; jumlah: number; outstanding: number; plafon: number }[];
}

/** The year's pagu of one kind, summed over its lines. */
export function paguOfYear(db: Database, tahun: number, jenis: 'subsidi_bunga' | 'premi'): number {
  return (db.prepare('SELECT coalesce(sum(jumlah), 0) AS n FROM pagu WHERE tahun = ? AND jenis = ?').get(tahun, jenis) as { n: number }).n;
}

/**
 * Payments against the year's pagu lines of one kind, per month of the SP2D date: interest
 * subsidy from `pembayaran` (narrowed to a bank through its claim), premiums from `pembayaran_premi`.
 */
export function paymentsByMonth(db: Database, tahun: number, jenis: 'subsidi_bunga' | 'premi', bankId: number | null): { periode: string; jumlah: number }[] {
  const sql =
    jenis === 'subsidi_bunga'
      ? `SELECT substr(b.tanggal_sp2d, 1, 7) AS periode, sum(b.jumlah) AS jumlah
         FROM pembayaran b JOIN pagu g ON g.id = b.pagu_id ${bankId === null ? '' : 'JOIN tagihan t ON t.id = b.tagihan_id'}
         WHERE g.tahun = @tahun AND g.jenis = 'subsidi_bunga' ${byBank(bankId, 't.bank_id')}
         GROUP BY 1 ORDER BY 1`
      : `SELECT substr(b.tanggal_sp2d, 1, 7) AS periode, sum(b.jumlah) AS jumlah
         FROM pembayaran_premi b JOIN pagu g ON g.id = b.pagu_id
         WHERE g.tahun = @tahun AND g.jenis = 'premi'
         GROUP BY 1 ORDER BY 1`;
  return db.prepare(sql).all({ tahun, bank: bankId }) as { periode: string; jumlah: number }[];
}
