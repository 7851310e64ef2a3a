import type { Database } from '../../../database/connection';
import { closedAmong } from '../../../database/repositories/closing';
import { ServiceError } from '../errors';
import { formatPeriod } from '../../domain/format';

// Kept here too for the callers that ask the guard (subsidy history, the position import).
export { closedAmong };

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
