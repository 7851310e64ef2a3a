import type { ClosedMonth } from '../../contract';
import { appendAudit } from '../../../database/repositories/audit';
import { formatPeriod } from '../../domain/format';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import type { HandlersFor } from '../index';

interface Row {
  periode: string;
  ditutup_oleh: string;
  ditutup_pada: string;
}
const toMonth = (r: Row): ClosedMonth => ({ periode: r.periode, ditutupOleh: r.ditutup_oleh, ditutupPada: r.ditutup_pada });

/** Tutup buku: a closed month's positions, payments and claims are locked (see migration 0007). */
export function closingHandlers(ctx: ServiceContext): HandlersFor<'closing'> {
  const { db } = ctx;
  const find = (periode: string) => db.prepare('SELECT * FROM tutup_buku WHERE periode = ?').get(periode) as Row | undefined;

  return {
    'closing.list': async () => (db.prepare('SELECT * FROM tutup_buku ORDER BY periode DESC').all() as Row[]).map(toMonth),

    'closing.close': async ({ periode }) =>
      db.transaction(() => {
        // A month can be closed once it is over, never while entries may still arrive for it.
        if (periode >= ctx.today().slice(0, 7)) throw new ServiceError('VALIDATION', `${formatPeriod(periode)} belum berakhir; bulan hanya dapat ditutup setelah lewat.`, { periode: 'Bulan belum berakhir' });
        const already = find(periode);
        if (already) throw new ServiceError('CONFLICT', `${formatPeriod(periode)} sudah ditutup oleh ${already.ditutup_oleh}.`);
        db.prepare('INSERT INTO tutup_buku (periode, ditutup_oleh) VALUES (?, ?)').run(periode, ctx.user);
        const closed = toMonth(find(periode)!);
        appendAudit(db, { user: ctx.user, action: 'buat', entity: 'tutup_buku', entityId: null, after: closed });
        return closed;
      })(),

    'closing.reopen': async ({ periode, alasan }) =>
      db.transaction(() => {
        const closed = find(periode);
        if (!closed) throw new ServiceError('CONFLICT', `${formatPeriod(periode)} tidak sedang ditutup.`);
        db.prepare('DELETE FROM tutup_buku WHERE periode = ?').run(periode);
        appendAudit(db, { user: ctx.user, action: 'hapus', entity: 'tutup_buku', entityId: null, before: toMonth(closed), after: { periode, alasan } });
        return null;
      })(),
  };
}
