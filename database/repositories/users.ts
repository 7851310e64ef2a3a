import type { Database } from '../connection';
import type { Role, User } from '../../electron/contract';
import { setSetting } from './settings';

export interface UserRecord extends User {
  passwordHash: string;
  gagalMasuk: number;
}

interface Row {
  id: number;
  username: string;
  nama: string;
  peran: Role;
  bank_id: number | null;
  bank_nama: string | null;
  password_hash: string;
  wajib_ganti_sandi: number;
  gagal_masuk: number;
  terkunci_sampai: string | null;
  aktif: number;
}

const SELECT = `SELECT p.*, b.nama AS bank_nama FROM pengguna p LEFT JOIN bank b ON b.id = p.bank_id`;

function toRecord(r: Row): UserRecord {
  return {
    id: r.id,
    username: r.username,
    nama: r.nama,
    peran: r.peran,
    bankId: r.bank_id,
    bankNama: r.bank_nama,
    wajibGantiSandi: r.wajib_ganti_sandi === 1,
    terkunciSampai: r.terkunci_sampai,
    aktif: r.aktif === 1,
    passwordHash: r.password_hash,
    gagalMasuk: r.gagal_masuk,
  };
}

/** The public view: never the hash. */
export function publicUser(u: UserRecord): User {
  const { passwordHash: _h, gagalMasuk: _g, ...user } = u;
  return user;
}

export function countUsers(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM pengguna').get() as { n: number }).n;
}

/** Settings key holding the password hash the first administrator was created with (migration 0015_first_start). */
const FIRST_ADMIN_HASH = 'sandi_admin_awal';

/** Remembers the first administrator's initial hash, in the transaction that creates the account. */
export function rememberFirstAdminHash(db: Database, passwordHash: string): void {
  setSetting(db, FIRST_ADMIN_HASH, passwordHash);
}

/**
 * Whether `username` can still sign in with the first password: nobody exists yet (the account
 * is created with it at the first sign-in), or the active account of that name still holds the
 * hash it was created with. Changing or resetting the password replaces the hash.
 */
export function firstPasswordUnchanged(db: Database, username: string): boolean {
  if (countUsers(db) === 0) return true;
  const row = db.prepare('SELECT 1 FROM pengguna WHERE username = ? AND aktif = 1 AND password_hash = (SELECT value FROM settings WHERE key = ?)').get(username, FIRST_ADMIN_HASH);
  return row !== undefined;
}

export function listUsers(db: Database): UserRecord[] {
  return (db.prepare(`${SELECT} ORDER BY p.aktif DESC, p.username`).all() as Row[]).map(toRecord);
}

export function findUser(db: Database, id: number): UserRecord | undefined {
  const r = db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as Row | undefined;
  return r && toRecord(r);
}

export function findUserByName(db: Database, username: string): UserRecord | undefined {
  const r = db.prepare(`${SELECT} WHERE p.username = ?`).get(username) as Row | undefined;
  return r && toRecord(r);
}

export function countActiveAdmins(db: Database): number {
  return (db.prepare("SELECT count(*) AS n FROM pengguna WHERE peran = 'admin' AND aktif = 1").get() as { n: number }).n;
}

export function insertUser(db: Database, u: { username: string; nama: string; peran: Role; bankId: number | null; passwordHash: string; wajibGantiSandi: boolean }): number {
  return Number(
    db
      .prepare('INSERT INTO pengguna (username, nama, peran, bank_id, password_hash, wajib_ganti_sandi) VALUES (?, ?, ?, ?, ?, ?)')
      .run(u.username, u.nama, u.peran, u.bankId, u.passwordHash, u.wajibGantiSandi ? 1 : 0).lastInsertRowid,
  );
}

export function updateUser(db: Database, id: number, u: { username: string; nama: string; peran: Role; bankId: number | null }): void {
  db.prepare('UPDATE pengguna SET username = ?, nama = ?, peran = ?, bank_id = ? WHERE id = ?').run(u.username, u.nama, u.peran, u.bankId, id);
}

export function setPassword(db: Database, id: number, passwordHash: string, mustChange: boolean): void {
  db.prepare('UPDATE pengguna SET password_hash = ?, wajib_ganti_sandi = ?, gagal_masuk = 0, terkunci_sampai = NULL WHERE id = ?').run(passwordHash, mustChange ? 1 : 0, id);
}

export function recordFailedSignIn(db: Database, id: number, failures: number, lockedUntil: string | null): void {
  db.prepare('UPDATE pengguna SET gagal_masuk = ?, terkunci_sampai = ? WHERE id = ?').run(failures, lockedUntil, id);
}

export function recordSignIn(db: Database, id: number): void {
  db.prepare('UPDATE pengguna SET gagal_masuk = 0, terkunci_sampai = NULL WHERE id = ?').run(id);
}

export function setUserActive(db: Database, id: number, aktif: boolean): void {
  db.prepare('UPDATE pengguna SET aktif = ? WHERE id = ?').run(aktif ? 1 : 0, id);
}
