/**
 * Shared helpers for the service tests: a real runtime on a temporary SQLite file, typed
 * calls through `dispatch` (the same entry point IPC and the HTTP bridge use), and small
 * readers for checking what was (or was not) written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { AppError, Channel, InputOf, OutputOf, Result, Role } from '../../electron/contract';
import type { Database } from '../../database/connection';
import { createRuntime, type Runtime } from '../../electron/runtime';
import { dispatch } from '../../electron/services/dispatch';
import { withSeenVersion, type Seen } from './versions';

/** The fixed "today" of every service test. */
export const TODAY = '2026-11-23';

export interface TempRuntime extends Runtime {
  dir: string;
  databasePath: string;
  /** Closes the database (once) and removes the temporary folder. */
  dispose: () => void;
}

export function createTempRuntime(opts: { user?: string; today?: string; prefix?: string } = {}): TempRuntime {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), opts.prefix ?? 'gs-test-'));
  const databasePath = path.join(dir, 'data.sqlite');
  const today = opts.today ?? TODAY;
  const rt = createRuntime({ databasePath, user: opts.user ?? 'uji', today: () => today });
  let closed = false;
  return {
    ...rt,
    // Spread copies the getter's value once: after a restore rt.db is a new connection.
    get db() {
      return rt.db;
    },
    callWithSession: (token, channel, input, origin) => rt.callWithSession(token, channel, withSeenVersion(rt.db, channel, input), origin),
    dir,
    databasePath,
    close: () => {
      if (!closed) rt.close();
      closed = true;
    },
    dispose: () => {
      if (!closed) rt.close();
      closed = true;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers beforeEach/afterEach hooks giving every test of the file its own fresh database.
 * Returns a getter for the current test's runtime.
 */
export function useTempRuntime(opts: { user?: string; today?: string; prefix?: string } = {}): () => TempRuntime {
  let current: TempRuntime | undefined;
  beforeEach(() => {
    current = createTempRuntime(opts);
  });
  afterEach(() => {
    current?.dispose();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('runtime dipakai di luar sebuah test');
    return current;
  };
}

type HasHandlers = Pick<Runtime, 'handlers'> & { db?: Database };

/** Calls a channel and returns the raw Result (for tests about the error shape). */
export function send(rt: HasHandlers, channel: string, input?: unknown): Promise<Result<unknown>> {
  return dispatch(rt.handlers, channel, withSeenVersion(rt.db, channel, input));
}

/** Calls a channel and returns its typed Result, for tests that accept more than one outcome. */
export async function attempt<C extends Channel>(rt: HasHandlers, channel: C, input: Seen<InputOf<C>>): Promise<Result<OutputOf<C>>> {
  return (await dispatch(rt.handlers, channel, withSeenVersion(rt.db, channel, input))) as Result<OutputOf<C>>;
}

/** Calls a channel that must succeed; fails the test with the error otherwise. */
export async function call<C extends Channel>(rt: HasHandlers, channel: C, input: Seen<InputOf<C>>): Promise<OutputOf<C>> {
  const r = await dispatch(rt.handlers, channel, withSeenVersion(rt.db, channel, input));
  if (!r.ok) throw new Error(`${channel} gagal: ${JSON.stringify(r.error)}`);
  return r.value as OutputOf<C>;
}

/** Calls a channel that must fail and returns its error. Input is untyped on purpose. */
export async function callError(rt: HasHandlers, channel: string, input?: unknown): Promise<AppError> {
  const r = await dispatch(rt.handlers, channel, withSeenVersion(rt.db, channel, input));
  if (r.ok) throw new Error(`${channel} seharusnya gagal, tetapi berhasil: ${JSON.stringify(r.value)}`);
  return r.error;
}

export function countRows(db: Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Every row of the given tables, in rowid order: compare before/after to prove nothing was written. */
export function snapshot(db: Database, tables: string[]): string {
  return JSON.stringify(Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()])));
}

export interface AuditRow {
  id: number;
  pengguna: string;
  aksi: string;
  entitas: string;
  entitasId: number | null;
  sebelum: unknown;
  sesudah: unknown;
}

/** The audit trail (optionally of one entity type), oldest first, with the JSON parsed. */
export function auditRows(db: Database, entitas?: string): AuditRow[] {
  const rows = db.prepare(`SELECT * FROM audit_log ${entitas ? 'WHERE entitas = ?' : ''} ORDER BY id`).all(...(entitas ? [entitas] : [])) as {
    id: number;
    pengguna: string;
    aksi: string;
    entitas: string;
    entitas_id: number | null;
    sebelum: string | null;
    sesudah: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    pengguna: r.pengguna,
    aksi: r.aksi,
    entitas: r.entitas,
    entitasId: r.entitas_id,
    sebelum: r.sebelum === null ? null : (JSON.parse(r.sebelum) as unknown),
    sesudah: r.sesudah === null ? null : (JSON.parse(r.sesudah) as unknown),
  }));
}

/** Words a clerk's error message is written with: a cheap check that it is Indonesian, not English. */
export const INDONESIAN = /\b(tidak|harus|wajib|sudah|hanya|bukan|belum|isian|tertulis|dikenal|boleh|diisi|pada|yang|masa depan|terjadi|kesalahan|terlalu|diharapkan)\b/i;

/**
 * A signed-in session of a user with this role, for tests of the renderer-facing door
 * (Runtime.callWithSession). The user row is real; its password is not needed here.
 */
export function sessionAs(rt: Runtime, role: Role, opts: { username?: string; bankId?: number } = {}): string {
  const username = opts.username ?? `uji-${role}`;
  const bankId = role === 'bank' ? (opts.bankId ?? null) : null;
  const existing = rt.db.prepare('SELECT id FROM pengguna WHERE username = ?').get(username) as { id: number } | undefined;
  const userId =
    existing?.id ??
    Number(
      rt.db.prepare("INSERT INTO pengguna (username, nama, peran, bank_id, password_hash) VALUES (?, ?, ?, ?, 'tidak-dipakai')").run(username, username, role, bankId)
        .lastInsertRowid,
    );
  return rt.sessions.open({ userId, username, role, bankId, mustChangePassword: false }).token;
}
