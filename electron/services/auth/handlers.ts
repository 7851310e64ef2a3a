import type { Role, SessionInfo } from '../../contract';
import { appendAudit } from '../../../database/repositories/audit';
import * as repo from '../../../database/repositories/users';
import type { ServiceContext } from '../context';
import { ServiceError, invalid, notFound } from '../errors';
import type { HandlersFor } from '../index';
import { ensureFirstAdmin } from './bootstrap';
import { hashPassword, verifyPassword } from './password';
import type { Session } from './sessions';

/** After this many wrong passwords in a row the account waits LOCK_MINUTES before the next try. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

const WRONG = 'Nama pengguna atau kata sandi salah.';

export function authHandlers(ctx: ServiceContext): HandlersFor<'auth'> & HandlersFor<'users'> {
  const { db, sessions } = ctx;

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
    if (bankId !== null && !db.prepare('SELECT 1 FROM bank WHERE id = ?').get(bankId)) throw invalid('bankId', 'Bank tidak ditemukan');
  }

  function nameTaken(username: string, exceptId?: number): void {
    const other = repo.findUserByName(db, username);
    if (other && other.id !== exceptId) throw invalid('username', `Nama pengguna ${other.username} sudah dipakai`);
  }

  return {
    'auth.login': async ({ username, password }) => {
      await ensureFirstAdmin(db);
      const user = repo.findUserByName(db, username);
      // The same message whether the name or the password is wrong: no hint which names exist.
      if (!user || !user.aktif) throw new ServiceError('UNAUTHENTICATED', WRONG);
      const now = ctx.now();
      if (user.terkunciSampai && Date.parse(user.terkunciSampai) > now) {
        throw new ServiceError('FORBIDDEN', `Akun dikunci karena ${MAX_FAILURES} kali salah kata sandi. Coba lagi setelah ${clock(user.terkunciSampai)}, atau minta admin mengatur ulang kata sandi.`);
      }
      if (!(await verifyPassword(password, user.passwordHash))) {
        const failures = user.gagalMasuk + 1;
        const locked = failures >= MAX_FAILURES ? new Date(now + LOCK_MINUTES * 60_000).toISOString() : null;
        db.transaction(() => {
          repo.recordFailedSignIn(db, user.id, locked ? 0 : failures, locked);
          if (locked) appendAudit(db, { user: user.username, action: 'ubah', entity: 'pengguna', entityId: user.id, after: { terkunciSampai: locked, alasan: 'salah kata sandi berulang' } });
        })();
        if (locked) throw new ServiceError('FORBIDDEN', `Akun dikunci ${LOCK_MINUTES} menit karena ${MAX_FAILURES} kali salah kata sandi.`);
        throw new ServiceError('UNAUTHENTICATED', `${WRONG} Sisa percobaan: ${MAX_FAILURES - failures}.`);
      }
      repo.recordSignIn(db, user.id);
      return info(sessions.open({ userId: user.id, username: user.username, role: user.peran, bankId: user.bankId, mustChangePassword: user.wajibGantiSandi }));
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

    'users.list': async () => repo.listUsers(db).map(repo.publicUser),

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

/** '2025-03-10T09:15:00.000Z' → '16.15' in the office's time (the PC's clock). */
function clock(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}.${String(d.getMinutes()).padStart(2, '0')}`;
}
