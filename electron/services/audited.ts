import { appendAudit } from '../../database/repositories/audit';
import type { ServiceContext } from './context';

/**
 * Activates or deactivates a record (nothing money has touched is deleted) and audits the
 * change with the record as it was and as it is, in one transaction.
 */
export function setActiveAudited<T>(
  ctx: ServiceContext,
  entity: string,
  id: number,
  aktif: boolean,
  ops: { load: (id: number) => T; apply: (id: number, aktif: boolean) => void },
): T {
  return ctx.db.transaction(() => {
    const before = ops.load(id);
    ops.apply(id, aktif);
    const after = ops.load(id);
    appendAudit(ctx.db, { user: ctx.user, action: aktif ? 'aktifkan' : 'nonaktifkan', entity, entityId: id, before, after });
    return after;
  })();
}
