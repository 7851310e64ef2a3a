import * as repo from '../../../database/repositories/insurers';
import { appendAudit } from '../../../database/repositories/audit';
import { setActiveAudited } from '../audited';
import type { ServiceContext } from '../context';
import { ServiceError, notFound } from '../errors';
import type { HandlersFor } from '../index';

export function insurerHandlers(ctx: ServiceContext): HandlersFor<'insurers'> {
  const { db } = ctx;

  const load = (id: number) => {
    const insurer = repo.getInsurer(db, id);
    if (!insurer) throw notFound('Penjamin');
    return insurer;
  };

  return {
    'insurers.list': async (q) => repo.listInsurers(db, q),

    'insurers.save': async (input) =>
      db.transaction(() => {
        const sameCode = repo.findInsurerByKode(db, input.kode);
        if (sameCode && sameCode.id !== input.id) {
          throw new ServiceError('CONFLICT', `Kode penjamin ${input.kode} sudah dipakai oleh ${sameCode.nama}`, { kode: 'Kode sudah dipakai' });
        }
        const before = input.id ? load(input.id) : null;
        const id = input.id ?? repo.insertInsurer(db, input);
        if (input.id) repo.updateInsurer(db, input.id, input);
        const after = load(id);
        appendAudit(db, { user: ctx.user, action: before ? 'ubah' : 'buat', entity: 'penjamin', entityId: id, before, after });
        return after;
      })(),

    'insurers.setActive': async ({ id, aktif }) => setActiveAudited(ctx, 'penjamin', id, aktif, { load, apply: (i, a) => repo.setInsurerActive(db, i, a) }),
  };
}
