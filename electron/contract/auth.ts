/** Signing in, and the users of this database file with their roles. */
import { z } from 'zod';
import { id, requiredText, returns, setActiveInput } from './common';

export const ROLES = ['admin', 'operator', 'verifikator', 'bank', 'pemantau'] as const;
export type Role = (typeof ROLES)[number];

/** Who is signed in, as the renderer needs to know it (never the password hash). */
export interface SessionInfo {
  token: string;
  userId: number;
  username: string;
  nama: string;
  peran: Role;
  bankId: number | null;
  bankNama: string | null;
  /** The first admin (and anyone whose password an admin reset) must choose a new password first. */
  wajibGantiSandi: boolean;
}

export interface User {
  id: number;
  username: string;
  nama: string;
  peran: Role;
  bankId: number | null;
  bankNama: string | null;
  wajibGantiSandi: boolean;
  terkunciSampai: string | null;
  aktif: boolean;
  /** users.list: where the user is signed in now (the window, or a client PC's address and name). */
  masukDari?: string[];
}

/** At least 8 characters with a letter and a digit: a clerk can remember it, a guess takes long. */
export const newPassword = z
  .string({ error: 'Kata sandi baru wajib diisi' })
  .min(8, 'Kata sandi paling sedikit 8 karakter')
  .max(128, 'Kata sandi paling banyak 128 karakter')
  .refine((v) => /[A-Za-z]/.test(v) && /[0-9]/.test(v), 'Kata sandi harus berisi huruf dan angka');

export const loginInput = z.object({
  username: requiredText('Nama pengguna', 40),
  password: z.string({ error: 'Kata sandi wajib diisi' }).min(1, 'Kata sandi wajib diisi').max(128),
});

export const changePasswordInput = z.object({
  passwordLama: z.string({ error: 'Kata sandi lama wajib diisi' }).min(1, 'Kata sandi lama wajib diisi').max(128),
  passwordBaru: newPassword,
});

export const userSaveInput = z
  .object({
    id: id.optional(),
    username: requiredText('Nama pengguna', 40).refine((v) => /^[A-Za-z0-9._-]{3,40}$/.test(v), 'Nama pengguna 3–40 huruf, angka, titik, garis bawah atau tanda hubung'),
    nama: requiredText('Nama lengkap', 100),
    peran: z.enum(ROLES, { error: 'Peran wajib dipilih' }),
    bankId: id.nullish().transform((v) => v ?? null),
    /** Required for a new user; for an existing one, use users.resetPassword. */
    passwordAwal: newPassword.optional(),
  })
  .refine((u) => u.peran !== 'bank' || u.bankId !== null, { message: 'Petugas bank harus terikat pada satu bank', path: ['bankId'] });
export type UserSaveInput = z.input<typeof userSaveInput>;

export const authContract = {
  /** Public: checks the password, counts failures, locks after too many, opens a session. */
  'auth.login': { input: loginInput, output: returns<SessionInfo>() },
  'auth.logout': { input: z.object({}).default({}), output: returns<null>() },
  /** The session the caller's token belongs to. */
  'auth.session': { input: z.object({}).default({}), output: returns<SessionInfo>() },
  'auth.changePassword': { input: changePasswordInput, output: returns<SessionInfo>() },

  'users.list': { input: z.object({}).default({}), output: returns<User[]>() },
  'users.save': { input: userSaveInput, output: returns<User>() },
  'users.setActive': { input: setActiveInput, output: returns<User>() },
  /** Sets a temporary password the user must change at the next sign-in, and unlocks the account. */
  'users.resetPassword': { input: z.object({ id, passwordBaru: newPassword }), output: returns<User>() },
} as const;
