import type { Database } from '../../../database/connection';
import { ServiceError } from '../errors';
import { formatPeriod } from '../../domain/format';

/** Months (YYYY-MM) among these that are closed, in order. */
export function closedAmong(db: Database, months: readonly string[]): string[] {
  const stmt = db.prepare('SELECT 1 FROM tutup_buku WHERE periode = ?');
  return [...new Set(months)].sort().filter((m) => stmt.get(m) !== undefined);
}

/**
 * Refuses a change that falls in a closed month, naming the month and what was refused, before
 * anything is written (the database triggers would refuse it too, less clearly).
 */
export function refuseClosedMonths(db: Database, months: readonly string[], what: string, field?: string): void {
  const closed = closedAmong(db, months);
  if (closed.length === 0) return;
  const names = closed.map((m) => formatPeriod(m)).join(', ');
  const message = `${what}: bulan ${names} sudah ditutup (tutup buku). Minta admin membukanya kembali bila perlu diubah.`;
  throw new ServiceError('CONFLICT', message, field ? { [field]: 'Bulan sudah ditutup' } : undefined);
}
