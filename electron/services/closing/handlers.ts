import type { ClosedMonth } from '../../contract';
import { appendAudit } from '../../../database/repositories/audit';
import * as closingRepo from '../../../database/repositories/closing';
import { formatPeriod } from '../../domain/format';
import { addPeriods, periodsBetween } from '../../domain/loan';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import type { HandlersFor } from '../index';

/** Tutup buku: a closed month's positions, payments and claims are locked (see migration 0007). */
export function closingHandlers(ctx: ServiceContext): HandlersFor<'closing'> {
  const { db } = ctx;

  /**
   * The open months before `periode` since the books began: the first month holding anything a
   * closing locks (a bank position, a subsidy or premium payment, an insurance claim) or already
   * closed. Months are closed in order, so a closed month never has an open one before it.
   */
  function openBefore(periode: string): string[] {
    const first = closingRepo.firstBookMonth(db);
    if (first === null || first >= periode) return [];
    const closed = new Set(closingRepo.closedMonthsBefore(db, periode));
    return periodsBetween(first, addPeriods(periode, -1)).filter((p) => !closed.has(p));
  }
  const monthList = (months: readonly string[]) =>
    months.length <= 3 ? months.map((p) => formatPeriod(p)).join(', ') : `${formatPeriod(months[0]!)} – ${formatPeriod(months.at(-1)!)} (${months.length} bulan)`;

  function closeOne(periode: string): ClosedMonth {
    const closed = closingRepo.insertClosedMonth(db, periode, ctx.user);
    appendAudit(db, { user: ctx.user, action: 'buat', entity: 'tutup_buku', entityId: null, after: closed });
    return closed;
  }

  return {
    'closing.list': async () => closingRepo.listClosedMonths(db),

    'closing.pending': async ({ periode }) => openBefore(periode),

    'closing.close': async ({ periode, termasukSebelumnya }) =>
      db.transaction(() => {
        // A month can be closed once it is over, never while entries may still arrive for it.
        if (periode >= ctx.today().slice(0, 7))
          throw new ServiceError('VALIDATION', `${formatPeriod(periode)} belum berakhir; bulan hanya dapat ditutup setelah lewat.`, { periode: 'Bulan belum berakhir' });
        const already = closingRepo.getClosedMonth(db, periode);
        if (already) throw new ServiceError('CONFLICT', `${formatPeriod(periode)} sudah ditutup oleh ${already.ditutupOleh}.`);
        const open = openBefore(periode);
        if (open.length > 0 && !termasukSebelumnya) {
          throw new ServiceError(
            'CONFLICT',
            `Buku ditutup berurutan: ${monthList(open)} belum ditutup. Tutup bulan itu lebih dahulu, atau tutup sekaligus sampai ${formatPeriod(periode)}.`,
            { periode: 'Bulan sebelumnya belum ditutup' },
          );
        }
        for (const p of open) closeOne(p);
        return closeOne(periode);
      })(),

    'closing.reopen': async ({ periode, alasan }) =>
      db.transaction(() => {
        const closed = closingRepo.getClosedMonth(db, periode);
        if (!closed) throw new ServiceError('CONFLICT', `${formatPeriod(periode)} tidak sedang ditutup.`);
        // Months stay closed in order: a later closed month would otherwise follow an open one.
        const later = closingRepo.closedMonthsAfter(db, periode);
        if (later.length > 0) {
          throw new ServiceError('CONFLICT', `${monthList(later)} masih ditutup; buka kembali dari bulan terakhir yang ditutup, mundur sampai ${formatPeriod(periode)}.`);
        }
        closingRepo.deleteClosedMonth(db, periode);
        appendAudit(db, { user: ctx.user, action: 'hapus', entity: 'tutup_buku', entityId: null, before: closed, after: { periode, alasan } });
        return null;
      })(),
  };
}
