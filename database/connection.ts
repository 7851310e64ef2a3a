import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { loadMigrations, migrate, schemaVersion, type Migration, type MigrationStepListener } from './migrate';
import { sealLegacyAudit } from './repositories/audit';

/**
 * The services' handle on the database, the only database type they name (lint keeps
 * better-sqlite3 out of the services). Services open transactions with it (`db.transaction(fn)()`)
 * and pass it to the repository functions (database/repositories/index.ts); they run no SQL on it.
 * Today it is better-sqlite3's connection; another engine changes what it is here and adds its
 * repository modules behind the same signatures (docs/decisions/0002-postgresql-past-one-office.md).
 */
export type { Database };

/**
 * Every `db.transaction(fn)` of a connection begins IMMEDIATE (takes the write lock at BEGIN)
 * instead of SQLite's default DEFERRED. A deferred transaction reads first and asks for the lock
 * at its first write; if another process committed in between, SQLite answers
 * SQLITE_BUSY_SNAPSHOT at once (the read snapshot is stale), which busy_timeout cannot retry.
 * BEGIN IMMEDIATE instead waits (busy_timeout) for the other writer and then sees its data.
 * Read-only transactions that only want one snapshot ask for `.deferred` explicitly, so they
 * never wait for a writer. Nested calls are savepoints either way.
 */
export function beginImmediateByDefault(db: Database): Database {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn) => transaction(fn).immediate) as Database['transaction'];
  return db;
}

/** True for SQLite's "another connection holds the lock" errors (SQLITE_BUSY and its extended codes). */
export function isBusyError(err: unknown): boolean {
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Opens (creating if needed) the program's SQLite file with the settings every connection
 * must have, and brings its schema up to date.
 */
export function openDatabase(file: string, opts: { onMigration?: MigrationStepListener } = {}): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    beginImmediateByDefault(db);
    migrate(db, undefined, opts.onMigration);
    // Audit entries written before the hash chain existed are chained once, right after migration 0005.
    sealLegacyAudit(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * A second connection to an existing, already migrated file, for a long job's worker thread
 * (electron/services/jobs/worker.ts). It neither migrates nor seals: the runtime's connection did
 * that at start. `readOnly`: a job that only reads opens the file read-only, so it cannot write
 * even by mistake; WAL lets it read beside the runtime's writer.
 */
export function openJobConnection(file: string, readOnly: boolean): Database {
  const db = new BetterSqlite3(file, { readonly: readOnly, fileMustExist: true });
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!readOnly) db.pragma('synchronous = NORMAL');
    beginImmediateByDefault(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * The migrations a start would apply to the file at `file`, read without writing (read-only, the
 * file must exist). Null when there is nothing worth waiting for or nothing to tell: no file or an
 * empty one (a new database is made in an instant), none pending, a file from a newer version or
 * one SQLite cannot read (the start's own check reports those).
 */
export function pendingMigrations(file: string, migrations: Migration[] = loadMigrations()): { from: number; to: number; names: string[] } | null {
  try {
    if (!fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  } catch {
    return null;
  }
  let db: Database | null = null;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const from = schemaVersion(db);
    const pending = migrations.filter((m) => m.version > from);
    return pending.length === 0 ? null : { from, to: migrations.at(-1)!.version, names: pending.map((m) => m.name) };
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
