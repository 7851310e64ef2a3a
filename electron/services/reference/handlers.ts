import * as repo from '../../../database/repositories/reference';
import { appendAudit } from '../../../database/repositories/audit';
import type { ServiceContext } from '../context';
import { ServiceError, notFound } from '../errors';
import type { HandlersFor } from '../index';

export function referenceHandlers(ctx: ServiceContext): HandlersFor<'reference'> {
  const { db } = ctx;
  return {
    'reference.list': async () => repo.listReference(db),

    'reference.save': async (input) =>
      db.transaction(() => {
        const label = input.kind === 'kecamatan' ? 'Kecamatan' : 'Sektor';
        const same = repo.findReferenceByName(db, input.kind, input.nama);
        if (same && same.id !== input.id) throw new ServiceError('CONFLICT', `${label} "${input.nama}" sudah ada`, { nama: 'Nama sudah ada' });
        const before = input.id ? repo.getReferenceRow(db, input.kind, input.id) : null;
        if (input.id && !before) throw notFound(label);
        let id = input.id;
        if (input.kind === 'kecamatan') {
          if (id) repo.updateKecamatan(db, id, input.nama, input.kodeWilayah, input.aktif);
          else id = repo.insertKecamatan(db, input.nama, input.kodeWilayah, input.aktif);
        } else if (id) repo.updateSektor(db, id, input.nama, input.aktif);
        else id = repo.insertSektor(db, input.nama, input.aktif);
        appendAudit(db, {
          user: ctx.user,
          action: before ? 'ubah' : 'buat',
          entity: input.kind,
          entityId: id,
          before,
          after: repo.getReferenceRow(db, input.kind, id),
        });
        return repo.listReference(db);
      })(),
  };
}
