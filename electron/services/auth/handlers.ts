import type { Role, SessionInfo } from '../../contract';
import { appendAudit } from '../../../database/repositories/audit';
import { getBank } from '../../../database/repositories/banks';
import * as repo from '../../../database/repositories/users';
import type { ServiceContext } from '../context';
import { ServiceError, invalid, notFound } from '../errors';
import type { HandlersFor } from '../index';
import { ensureFirstAdmin } from './bootstrap';
import { hashPassword, verifyPassword } from './password';
import { currentOrigin, originKey } from './caller';
import type { Session } from './sessions';
import { FREE_TRIES, SignInThrottle } from './throttle';

const WRONG = 'Nama pengguna atau kata sandi salah.';

/**
 * Sign-in delays per origin, kept per runtime context (the handlers are built anew after a
 * restore; the delays stay).
 */
const throttles = new WeakMap<ServiceContext, SignInThrottle>();

/**
 * The scrypt hash (same parameters as hashPassword) of a random password nobody kept: unknown and
 * inactive names are checked against it, so they cost what a real check costs, from the first try.
 */
const DUMMY_HASH = 'scrypt$32768$8$1$Y90EQDT3JQFYK6YyyUlxPQ==$XPp4c3G7mCMqYe3gL+KtcU4g/f/crKIX7ww18qw72qE=';

export function authHandlers(ctx: ServiceContext): HandlersFor<'auth'> & HandlersFor<'users'> {
  const { db, sessions } = ctx;
  const throttle = throttles.get(ctx) ?? new SignInThrottle(ctx.now);
  throttles.set(ctx, throttle);

  function info(s: Session): SessionInfo {
    const u = repo.findUser(db, s.userId)!;
    return { token: s.token, userId: u.id, username: u.username, nama: u.nama, peran: u.peran, bankId: u.bankId, bankNama: u.bankNama, wajibGantiSandi: s.mustChangePassword };
  }

  /** The session of the call in progress (the gate has already checked there is one). */
  function mySession(): Session {
    const s = sessions.get(ctx.caller().token);
    if (!s) throw new ServiceError('UNAUTHENTICATED', 'Sesi Anda telah berakhir. Silakan masuk kembali.');
    return s;
  }

  function existing(id: number) {
    const u = repo.findUser(db, id);
    if (!u) throw notFound('Pengguna');
    return u;
  }

  /** Nobody may leave the database without an active administrator. */
  function keepAnAdmin(id: number, staysAdmin: boolean): void {
    const u = existing(id);
    if (u.peran === 'admin' && u.aktif && !staysAdmin && repo.countActiveAdmins(db) <= 1) {
      throw new ServiceError('CONFLICT', 'Harus tetap ada sedikitnya satu admin aktif.');
    }
  }

  function checkBank(peran: Role, bankId: number | null): void {
    if (peran !== 'bank' && bankId !== null) throw invalid('bankId', 'Hanya petugas bank yang terikat pada bank');
    if (bankId !== null && !getBank(db, bankId)) throw invalid('bankId', 'Bank tidak ditemukan');
  }

  function nameTaken(username: string, exceptId?: number): void {
    const other = repo.findUserByName(db, username);
    if (other && other.id !== exceptId) throw invalid('username', `Nama pengguna ${other.username} sudah dipakai`);
  }

  return {
    'auth.login': async ({ username, password }) => {
      await ensureFirstAdmin(db);
      const origin = currentOrigin();
      const wait = throttle.waitFor(originKey(origin));
      if (wait > 0) {
        // Refused before any password is checked, whatever the name: the answer tells nothing.
        throw new ServiceError('FORBIDDEN', `Terlalu banyak percobaan masuk yang salah dari perangkat ini. Coba lagi dalam ${Math.ceil(wait / 1000)} detik.`);
      }
      const user = repo.findUserByName(db, username);
      // The same answer and the same work whether the name exists, is inactive, or the password is
      // wrong: an unknown name is checked against a dummy hash (one scrypt either way).
      const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !user.aktif || !passwordOk) {
        const { failures, delayMs } = throttle.fail(originKey(origin));
        if (delayMs > 0 && failures === FREE_TRIES + 1) {
          appendAudit(db, {
            user: ctx.user,
            action: 'ubah',
            entity: 'masuk',
            entityId: null,
            after: { asal: origin, percobaanSalah: failures, alasan: 'salah kata sandi berulang; percobaan berikutnya ditunda' },
          });
        }
        throw new ServiceError('UNAUTHENTICATED', WRONG);
      }
      repo.recordSignIn(db, user.id);
      return info(sessions.open({ userId: user.id, username: user.username, role: user.peran, bankId: user.bankId, mustChangePassword: user.wajibGantiSandi, origin }));
    },

    'auth.logout': async () => {
      sessions.close(mySession().token);
      return null;
    },

    'auth.session': async () => info(mySession()),

    'auth.changePassword': async ({ passwordLama, passwordBaru }) => {
      const s = mySession();
      const user = existing(s.userId);
      if (!(await verifyPassword(passwordLama, user.passwordHash))) throw invalid('passwordLama', 'Kata sandi lama salah');
      if (passwordLama === passwordBaru) throw invalid('passwordBaru', 'Kata sandi baru harus berbeda dari yang lama');
      const hash = await hashPassword(passwordBaru);
      db.transaction(() => {
        repo.setPassword(db, user.id, hash, false);
        appendAudit(db, { user: user.username, action: 'ubah', entity: 'pengguna', entityId: user.id, after: { kataSandi: 'diganti' } });
      })();
      s.mustChangePassword = false;
      return info(s);
    },

    // With each user, where they are signed in now (an office server has several PCs).
    'users.list': async () => repo.listUsers(db).map((u) => ({ ...repo.publicUser(u), masukDari: sessions.originsOf(u.id) })),

    'users.save': async (input) => {
      checkBank(input.peran, input.bankId);
      nameTaken(input.username, input.id);
      if (input.id === undefined) {
        if (!input.passwordAwal) throw invalid('passwordAwal', 'Kata sandi awal wajib diisi');
        const passwordHash = await hashPassword(input.passwordAwal);
        return db.transaction(() => {
          // New users choose their own password at the first sign-in.
          const id = repo.insertUser(db, { ...input, passwordHash, wajibGantiSandi: true });
          const created = repo.publicUser(existing(id));
          appendAudit(db, { user: ctx.user, action: 'buat', entity: 'pengguna', entityId: id, after: created });
          return created;
        })();
      }
      const id = input.id;
      return db.transaction(() => {
        keepAnAdmin(id, input.peran === 'admin');
        const before = repo.publicUser(existing(id));
        repo.updateUser(db, id, input);
        const after = repo.publicUser(existing(id));
        appendAudit(db, { user: ctx.user, action: 'ubah', entity: 'pengguna', entityId: id, before, after });
        // A changed role or bank takes effect now, not at the next sign-in.
        if (before.peran !== after.peran || before.bankId !== after.bankId || before.username !== after.username) sessions.closeUser(id);
        return after;
      })();
    },

    'users.setActive': async ({ id, aktif }) =>
      db.transaction(() => {
        if (!aktif && id === ctx.caller().userId) throw new ServiceError('CONFLICT', 'Anda tidak dapat menonaktifkan akun Anda sendiri.');
        if (!aktif) keepAnAdmin(id, false);
        const before = repo.publicUser(existing(id));
        repo.setUserActive(db, id, aktif);
        const after = repo.publicUser(existing(id));
        appendAudit(db, { user: ctx.user, action: aktif ? 'aktifkan' : 'nonaktifkan', entity: 'pengguna', entityId: id, before, after });
        if (!aktif) sessions.closeUser(id);
        return after;
      })(),

    'users.resetPassword': async ({ id, passwordBaru }) => {
      existing(id);
      const hash = await hashPassword(passwordBaru);
      return db.transaction(() => {
        repo.setPassword(db, id, hash, true);
        appendAudit(db, { user: ctx.user, action: 'ubah', entity: 'pengguna', entityId: id, after: { kataSandi: 'diatur ulang', wajibGantiSandi: true } });
        sessions.closeUser(id);
        return repo.publicUser(existing(id));
      })();
    },
  };
}
