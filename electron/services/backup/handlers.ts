import { findBackup } from '../../../database/backup';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import type { HandlersFor } from '../index';

/**
 * Backups and restore. The work is done by the runtime's DatabaseHost (ctx.dataSafety), which owns
 * the connection; a restore replaces it and the runtime rebuilds every handler on the new one.
 */
export function backupHandlers(ctx: ServiceContext): HandlersFor<'backup'> {
  const safety = ctx.dataSafety;
  return {
    'backup.health': async () => safety.health,

    'backup.list': async () => safety.list(),

    'backup.create': async () => safety.createBackup(),

    'backup.restore': async ({ name }) => {
      // Only a file of the backup folder, by its listed name: never a path from the renderer.
      const backup = findBackup(safety.backupDir, name);
      if (!backup) throw new ServiceError('NOT_FOUND', `Cadangan ${name} tidak ada di folder cadangan. Data saat ini tidak diubah.`);
      const result = await safety.restore(backup.path, ctx.user);
      // The restore ended every session, so the screen cannot ask for the list again: it comes with the answer.
      return { ...result, daftar: safety.list() };
    },
  };
}
