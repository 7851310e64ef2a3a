import type { ClosedMonth } from '../../contract';
import { appendAudit } from '../../../database/repositories/audit';
import { formatPeriod } from '../../domain/format';
import { addPeriods, periodsBetween } from '../../domain/loan';
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

  /**
   * The open months before `periode` since the books began: the first month holding anything a
   * closing locks (a bank position, a subsidy or premium payment, an insurance claim) or already
   * closed. Months are closed in order, so a closed month never has an open one before it.
   */
  function openBefore(periode: string): string[] {
    const first = (
      db
        .prepare(
          `SELECT min(p) AS p FROM (
             SELECT min(periode) AS p FROM posisi_bank
             UNION ALL SELECT min(substr(tanggal_sp2d, 1, 7)) FROM pembayaran
             UNION ALL SELECT min(substr(tanggal_sp2d, 1, 7)) FROM pembayaran_premi
             UNION ALL SELECT min(substr(tanggal, 1, 7)) FROM klaim_asuransi
             UNION ALL SELECT min(periode) FROM tutup_buku)`,
        )
        .get() as { p: string | null }
    ).p;
    if (first === null || first >= periode) return [];
    const closed = new Set((db.prepare('SELECT periode FROM tutup_buku WHERE periode < ?').all(periode) as { periode: string }[]).map((r) => r.periode));
    return periodsBetween(first, addPeriods(periode, -1)).filter((p) => !closed.has(p));
  }
  const monthList = (months: readonly string[]) =>
    months.length <= 3 ? months.map((p) => formatPeriod(p)).join(', ') : `${formatPeriod(months[0]!)} – ${formatPeriod(months.at(-1)!)} (${months.length} bulan)`;

  function closeOne(periode: string): ClosedMonth {
    db.prepare('INSERT INTO tutup_buku (periode, ditutup_oleh) VALUES (?, ?)').run(periode, ctx.user);
    const closed = toMonth(find(periode)!);
    appendAudit(db, { user: ctx.user, action: 'buat', entity: 'tutup_buku', entityId: null, after: closed });
    return closed;
  }

  return {
    'closing.list': async () => (db.prepare('SELECT * FROM tutup_buku ORDER BY periode DESC').all() as Row[]).map(toMonth),

    'closing.pending': async ({ periode }) => openBefore(periode),

    'closing.close': async ({ periode, termasukSebelumnya }) =>
      db.transaction(() => {
        // A month can be closed once it is over, never while entries may still arrive for it.
        if (periode >= ctx.today().slice(0, 7)) throw new ServiceError('VALIDATION', `${formatPeriod(periode)} belum berakhir; bulan hanya dapat ditutup setelah lewat.`, { periode: 'Bulan belum berakhir' });
        const already = find(periode);
        if (already) throw new ServiceError('CONFLICT', `${formatPeriod(periode)} sudah ditutup oleh ${already.ditutup_oleh}.`);
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
        const closed = find(periode);
        if (!closed) throw new ServiceError('CONFLICT', `${formatPeriod(periode)} tidak sedang ditutup.`);
        // Months stay closed in order: a later closed month would otherwise follow an open one.
        const later = (db.prepare('SELECT periode FROM tutup_buku WHERE periode > ? ORDER BY periode').all(periode) as { periode: string }[]).map((r) => r.periode);
        if (later.length > 0) {
          throw new ServiceError('CONFLICT', `${monthList(later)} masih ditutup; buka kembali dari bulan terakhir yang ditutup, mundur sampai ${formatPeriod(periode)}.`);
        }
        db.prepare('DELETE FROM tutup_buku WHERE periode = ?').run(periode);
        appendAudit(db, { user: ctx.user, action: 'hapus', entity: 'tutup_buku', entityId: null, before: toMonth(closed), after: { periode, alasan } });
        return null;
      })(),
  };
}
