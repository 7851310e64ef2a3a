import { appendAudit } from '../../../database/repositories/audit';
import * as repo from '../../../database/repositories/monitoring';
import type { BusinessProfile } from '../../contract';
import type { ServiceContext } from '../context';

/**
 * Writes a loan's business profile at akad and its audit entry (entity 'profil_usaha', the loan's
 * id; before and after, so the trail shows old → new). Runs inside the caller's transaction: the
 * loan form saves it with the loan, the profile form on its own. Nothing changed: nothing written.
 */
export function writeProfile(ctx: ServiceContext, pinjamanId: number, fields: repo.ProfileFields): BusinessProfile {
  const before = repo.getProfile(ctx.db, pinjamanId);
  const same =
    before !== null &&
    before.omzetBulanan === fields.omzetBulanan &&
    before.pekerjaDibayar === fields.pekerjaDibayar &&
    before.pekerjaKeluarga === fields.pekerjaKeluarga &&
    before.aset === fields.aset &&
    before.statusUsaha === fields.statusUsaha;
  if (same) return before;
  repo.upsertProfile(ctx.db, pinjamanId, fields);
  const after = repo.getProfile(ctx.db, pinjamanId)!;
  const strip = ({ diubah: _d, ...rest }: BusinessProfile) => rest;
  appendAudit(ctx.db, { user: ctx.user, action: before ? 'ubah' : 'buat', entity: 'profil_usaha', entityId: pinjamanId, before: before && strip(before), after: strip(after) });
  return after;
}
