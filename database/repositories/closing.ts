import type { Database } from 'better-sqlite3';
import type { ClosedMonth } from '../../electron/contract';

/** Tutup buku: the closed months (table tutup_buku; the triggers that lock them are in its migration). */

interface ClosedMonthRow {
  periode: string;
  ditutup_oleh: string;
  ditutup_pada: string;
}
const toClosedMonth = (r: ClosedMonthRow): ClosedMonth => ({ periode: r.periode, ditutupOleh: r.ditutup_oleh, ditutupPada: r.ditutup_pada });

export function getClosedMonth(db: Database, periode: string): ClosedMonth | null {
  const row = db.prepare<[string], ClosedMonthRow>('SELECT * FROM tutup_buku WHERE periode = ?').get(periode);
  return row ? toClosedMonth(row) : null;
}

/** Every closed month, the latest first. */
export function listClosedMonths(db: Database): ClosedMonth[] {
  return db.prepare<[], ClosedMonthRow>('SELECT * FROM tutup_buku ORDER BY periode DESC').all().map(toClosedMonth);
}

/** Months (YYYY-MM) among these that are closed, in order. */
export function closedAmong(db: Database, months: readonly string[]): string[] {
  const stmt = db.prepare<[string], { found: 1 }>('SELECT 1 AS found FROM tutup_buku WHERE periode = ?');
  return [...new Set(months)].sort().filter((m) => stmt.get(m) !== undefined);
}

/** Closed months before `periode`. */
export function closedMonthsBefore(db: Database, periode: string): string[] {
  return db.prepare<[string], string>('SELECT periode FROM tutup_buku WHERE periode < ?').pluck().all(periode);
}

/** Closed months after `periode`, in order. */
export function closedMonthsAfter(db: Database, periode: string): string[] {
  return db.prepare<[string], string>('SELECT periode FROM tutup_buku WHERE periode > ? ORDER BY periode').pluck().all(periode);
}

/**
 * The first month holding anything a closing locks (a bank position, a subsidy or premium payment,
 * an insurance claim) or already closed; null while the books are empty.
 */
export function firstBookMonth(db: Database): string | null {
  const row = db
    .prepare<[], { p: string | null }>(
      `SELECT min(p) AS p FROM (
         SELECT min(periode) AS p FROM posisi_bank
         UNION ALL SELECT min(substr(tanggal_sp2d, 1, 7)) FROM pembayaran
         UNION ALL SELECT min(substr(tanggal_sp2d, 1, 7)) FROM pembayaran_premi
         UNION ALL SELECT min(substr(tanggal, 1, 7)) FROM klaim_asuransi
         UNION ALL SELECT min(periode) FROM tutup_buku)`,
    )
    .get();
  return row?.p ?? null;
}

/** Closes a month in the name of `user`; returns it as stored (with the database's timestamp). */
export function insertClosedMonth(db: Database, periode: string, user: string): ClosedMonth {
  db.prepare('INSERT INTO tutup_buku (periode, ditutup_oleh) VALUES (?, ?)').run(periode, user);
  return getClosedMonth(db, periode)!;
}

export function deleteClosedMonth(db: Database, periode: string): void {
  db.prepare('DELETE FROM tutup_buku WHERE periode = ?').run(periode);
}
