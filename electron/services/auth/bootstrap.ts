import type { Database } from '../../../database/connection';
import { appendAudit } from '../../../database/repositories/audit';
import { countUsers, insertUser, rememberFirstAdminHash } from '../../../database/repositories/users';
import { hashPassword } from './password';

/** The first administrator's user name and password on a new database; the password must be changed at the first sign-in. */
export const FIRST_ADMIN = { username: 'admin', password: 'admin' } as const;

/**
 * A database without users gets one administrator when someone first tries to sign in, so the
 * app can be opened at all (and opening a database costs no password hashing).
 */
export async function ensureFirstAdmin(db: Database): Promise<void> {
  if (countUsers(db) > 0) return;
  const passwordHash = await hashPassword(FIRST_ADMIN.password);
  db.transaction(() => {
    if (countUsers(db) > 0) return;
    const id = insertUser(db, { username: FIRST_ADMIN.username, nama: 'Administrator', peran: 'admin', bankId: null, passwordHash, wajibGantiSandi: true });
    // The sign-in screen's admin/admin hint lasts while this hash does (app.info initialPassword).
    rememberFirstAdminHash(db, passwordHash);
    appendAudit(db, { user: 'sistem', action: 'buat', entity: 'pengguna', entityId: id, after: { username: FIRST_ADMIN.username, peran: 'admin' } });
  })();
}
