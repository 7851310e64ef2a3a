import * as repo from '../../../database/repositories/schemes';
import { getInsurer } from '../../../database/repositories/insurers';
import { appendAudit } from '../../../database/repositories/audit';
import type { Scheme } from '../../contract';
import { setActiveAudited } from '../audited';
import type { ServiceContext } from '../context';
import { ServiceError, invalid, notFound } from '../errors';
import type { HandlersFor } from '../index';

/** Fields that decide money: once loans run under a scheme they are fixed (make a new scheme instead). */
const MONEY_FIELDS = [
  'bungaBankPersen',
  'bungaDebiturPersen',
  'jenisSubsidi',
  'porsiSubsidiPersen',
  'metodeBunga',
  'basisSubsidi',
  'konvensiHari',
  'pembulatan',
  'kolMaks',
  'wajibAngsuran',
  'hanyaTahunAnggaran',
  'premiBasis',
  'premiTarifPersen',
  'premiTabel',
  'porsiJaminanPersen',
] as const satisfies readonly (keyof Scheme)[];

export function schemeHandlers(ctx: ServiceContext): HandlersFor<'schemes'> {
  const { db } = ctx;
  const load = (id: number) => {
    const scheme = repo.getScheme(db, id);
    if (!scheme) throw notFound('Skema');
    return scheme;
  };

  return {
    'schemes.list': async ({ includeInactive }) => repo.listSchemes(db, includeInactive),
    'schemes.get': async ({ id }) => load(id),

    'schemes.save': async (input) =>
      db.transaction(() => {
        const same = repo.findSchemeByKode(db, input.kode);
        if (same && same.id !== input.id) throw new ServiceError('CONFLICT', `Kode skema ${input.kode} sudah dipakai oleh ${same.nama}`, { kode: 'Kode sudah dipakai' });
        if (input.penjaminId !== null && !getInsurer(db, input.penjaminId)) throw invalid('penjaminId', 'Penjamin tidak dikenal');
        const before = input.id ? load(input.id) : null;
        if (before && repo.countLoansOfScheme(db, before.id) > 0) {
          const changed = MONEY_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(input[f]));
          if (changed.length > 0) {
            throw new ServiceError(
              'CONFLICT',
              'Skema ini sudah dipakai pinjaman yang berjalan: aturan perhitungannya (bunga, metode, pembulatan, premi, dst.) tidak boleh diubah. Buat skema baru untuk aturan yang baru.',
              Object.fromEntries(changed.map((f) => [f, 'Tidak boleh diubah: skema sudah dipakai'])),
            );
          }
        }
        const id = input.id ?? repo.insertScheme(db, input);
        if (input.id) repo.updateScheme(db, input.id, input);
        const after = load(id);
        appendAudit(db, { user: ctx.user, action: before ? 'ubah' : 'buat', entity: 'skema', entityId: id, before, after });
        return after;
      })(),

    'schemes.setActive': async ({ id, aktif }) => setActiveAudited(ctx, 'skema', id, aktif, { load, apply: (i, a) => repo.setSchemeActive(db, i, a) }),
  };
}
