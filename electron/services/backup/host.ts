/**
 * Owns the database connection of a runtime, so that a restore can replace it while the app runs.
 *
 * At start it checks the file before migrating it (PRAGMA integrity_check; quick_check above
 * QUICK_CHECK_ABOVE_BYTES). A damaged, foreign or too-new file is not opened for work: the host
 * then holds an empty in-memory placeholder, `health` says why, and the runtime answers only the
 * recovery channels (backup.health, backup.list, backup.restore) so the clerk can restore.
 *
 * A restore: (1) copies the chosen backup to a staging file beside the database and checks that
 * copy (so the bytes checked are the bytes installed); refused → nothing else happens;
 * (2) keeps the current data in the backup folder as sebelum-pulih-<time>.sqlite (the online
 * backup API when the database is sound, a file copy of the file and its -wal when not);
 * (3) closes the connection (the last close checkpoints the WAL into the file); if a -wal is
 * still there another program has the file open, and the restore is undone and refused;
 * (4) removes a leftover -wal/-shm (a stale WAL must never be replayed onto the restored file),
 * renames the staging file over the database (atomic on one file system) and (5) opens it with
 * openDatabase, which migrates an older backup forward. If that fails the previous data is put
 * back. `onReplaced` then lets the runtime build its handlers on the new connection.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database } from '../../../database/connection';
import { DatabaseTooNewError, schemaVersion } from '../../../database/migrate';
import {
  DEFAULT_KEEP_AUTOMATIC,
  backupDirFor,
  backupTo,
  checkDatabaseFile,
  dailyBackupIfDue,
  listBackups,
  parseBackupName,
  restoreAttachments,
  timestamp,
  type FileCheck,
} from '../../../database/backup';
import { appendAudit } from '../../../database/repositories/audit';
import { CHANNELS, type BackupEntry, type BackupList, type Channel, type DatabaseHealth, type DatabaseState, type RestoreResult } from '../../contract';
import { ServiceError } from '../errors';
import type { Handlers } from '../index';

/** What the backup handlers need from the runtime (ServiceContext.dataSafety). */
export interface DataSafety {
  readonly health: DatabaseHealth;
  readonly backupDir: string;
  list(): BackupList;
  createBackup(): Promise<BackupEntry>;
  /** Replaces the database with the file at `backupPath` (checked first); `user` is named in the audit trail. */
  restore(backupPath: string, user: string): Promise<RestoreResult>;
}

/** The channels that answer while the database is damaged, so the clerk can restore a backup. */
export const RECOVERY_CHANNELS: ReadonlySet<string> = new Set<Channel>(['backup.health', 'backup.list', 'backup.restore']);

const STATE_OF: Record<FileCheck['verdict'], DatabaseState> = {
  ok: 'ok',
  'tidak-ada': 'rusak',
  'bukan-sqlite': 'rusak',
  rusak: 'rusak',
  asing: 'asing',
  'terlalu-baru': 'terlalu-baru',
};

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

export interface DatabaseHostOptions {
  now: () => number;
  /** Automatic daily backups kept (rotation). */
  keepAutomatic?: number;
  /** A sound start-up check of this file made just before (RuntimeOptions.startCheck): not repeated. */
  startCheck?: FileCheck;
}

export class DatabaseHost implements DataSafety {
  db: Database;
  health: DatabaseHealth;
  readonly backupDir: string;
  /**
   * Set by the runtime: called with the new connection whenever the host replaced it; `restored`
   * is true when a backup was installed (the data, and its users, may now differ).
   */
  onReplaced: (db: Database, restored: boolean) => void = () => undefined;
  /**
   * Set by the runtime: makes the daily backup off this thread (a job's worker, from its own
   * read-only connection), still one at a time with restores. Unset: made here (scripts).
   */
  dailyBackupElsewhere: ((keep: number) => Promise<BackupEntry | null>) | null = null;
  private restoring = false;
  /** Backups and restores run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly databasePath: string,
    private readonly opts: DatabaseHostOptions,
  ) {
    this.backupDir = backupDirFor(databasePath);
    const opened = openChecked(databasePath, opts.startCheck);
    this.db = opened.db;
    this.health = opened.health;
  }

  /** Why a call on this channel cannot run now, or null when it can. */
  refusal(channel: string): ServiceError | null {
    if (this.restoring && channel !== 'backup.health') {
      return new ServiceError('CONFLICT', 'Data sedang dipulihkan dari cadangan; coba lagi sebentar lagi.');
    }
    if (this.health.status !== 'ok' && !RECOVERY_CHANNELS.has(channel)) {
      return new ServiceError('CONFLICT', `${this.health.message ?? 'Basis data tidak dapat dipakai.'} Pulihkan data dari cadangan terlebih dahulu.`);
    }
    return null;
  }

  list(): BackupList {
    return { folder: this.backupDir, backups: listBackups(this.backupDir), keepAutomatic: this.opts.keepAutomatic ?? DEFAULT_KEEP_AUTOMATIC };
  }

  createBackup(): Promise<BackupEntry> {
    return this.exclusive(() => {
      this.assertSound('Cadangan tidak dibuat');
      return backupTo(this.db, this.backupDir, { now: new Date(this.opts.now()), kind: 'manual' });
    });
  }

  /** The automatic backup of the day (once a day, rotated); null when done already or the database is not sound. */
  dailyBackup(): Promise<BackupEntry | null> {
    return this.exclusive(async () => {
      if (this.health.status !== 'ok') return null;
      const keep = this.opts.keepAutomatic ?? DEFAULT_KEEP_AUTOMATIC;
      if (this.dailyBackupElsewhere) return this.dailyBackupElsewhere(keep);
      return dailyBackupIfDue(this.db, this.backupDir, { now: new Date(this.opts.now()), keep });
    });
  }

  restore(backupPath: string, user: string): Promise<RestoreResult> {
    return this.exclusive(async () => {
      this.restoring = true;
      try {
        return await this.replaceWith(backupPath, user);
      } finally {
        this.restoring = false;
      }
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private async replaceWith(backupPath: string, user: string): Promise<RestoreResult> {
    const name = path.basename(backupPath);
    const dbPath = this.databasePath;
    const staging = `${dbPath}.pulih-sementara`;
    if (path.resolve(backupPath) === path.resolve(dbPath)) {
      throw new ServiceError('VALIDATION', 'Berkas itu adalah basis data yang sedang dipakai, bukan cadangan. Data saat ini tidak diubah.');
    }
    if (nonEmpty(`${backupPath}-wal`)) {
      // Its latest changes would be in that -wal, which a copy of the file alone leaves behind.
      throw new ServiceError(
        'VALIDATION',
        `Berkas ${name} sedang dipakai program lain atau belum ditutup dengan benar (ada berkas -wal di sampingnya). Data saat ini tidak diubah.`,
      );
    }
    removeWithSideFiles(staging);
    try {
      // (1) Check the very bytes that will be installed.
      try {
        fs.copyFileSync(backupPath, staging);
      } catch {
        throw new ServiceError('NOT_FOUND', `Berkas cadangan ${name} tidak dapat dibaca. Data saat ini tidak diubah.`);
      }
      const check = checkDatabaseFile(staging, { purpose: 'backup' });
      if (!check.ok) throw new ServiceError('VALIDATION', `Cadangan ${name} ditolak: ${check.reason} Data saat ini tidak diubah.`);

      // (2) Keep the current data.
      const now = new Date(this.opts.now());
      const sound = this.health.status === 'ok';
      const safety = sound ? await backupTo(this.db, this.backupDir, { now, kind: 'sebelum-pulih' }) : copyAsIs(dbPath, this.backupDir, now);

      // (3) Close; a -wal left after our close belongs to another program's connection.
      this.db.close();
      if (sound && nonEmpty(`${dbPath}-wal`)) {
        this.reopenCurrent();
        throw new ServiceError('CONFLICT', 'Berkas basis data sedang dibuka program lain; tutup program itu lalu ulangi. Data saat ini tidak diubah.');
      }

      // (4) Install.
      try {
        for (const suffix of SIDE_FILES) fs.rmSync(`${dbPath}${suffix}`, { force: true });
        fs.renameSync(staging, dbPath);
      } catch (err) {
        // E.g. the file is locked (Windows): the current data is still in place; carry on with it.
        this.reopenCurrent();
        throw new ServiceError('CONFLICT', `Berkas basis data tidak dapat diganti (${err instanceof Error ? err.message : String(err)}). Data saat ini tidak diubah.`);
      }

      // (5) Reopen (migrating an older backup), or put the previous data back.
      let db: Database;
      try {
        db = openDatabase(dbPath);
      } catch (err) {
        this.putBack(safety);
        throw new ServiceError('INTERNAL', `Cadangan ${name} tidak dapat dibuka (${err instanceof Error ? err.message : String(err)}); data semula dikembalikan.`);
      }
      this.db = db;
      this.health = { status: 'ok', message: null, databasePath: dbPath, check: check.check };
      // (6) The restored data's attachment files, from the backup folder's store where missing here.
      // The restore has happened either way: a failure here is reported by Periksa keutuhan, not thrown.
      let lampiran: RestoreResult['lampiran'];
      try {
        lampiran = restoreAttachments(db, dbPath, this.backupDir);
      } catch (err) {
        console.error('[pulih] berkas lampiran tidak dapat dipulihkan', err);
      }
      this.onReplaced(db, true);
      try {
        db.transaction(() => appendAudit(db, { user, action: 'pulihkan', entity: 'pemulihan_cadangan', entityId: null, after: { dari: name, salinanSebelumnya: safety.name } }))();
      } catch (err) {
        // The restore has happened; the app must run on it even if the trail could not take the entry.
        console.error('[pulih] jejak audit tidak tercatat', err);
      }
      return { restoredFrom: name, safetyCopy: safety.name, schemaVersion: schemaVersion(db), ...(lampiran ? { lampiran } : {}) };
    } finally {
      removeWithSideFiles(staging);
    }
  }

  /** A restore that stopped before installing anything: the current file is opened again as it is. */
  private reopenCurrent(): void {
    const reopened = openChecked(this.databasePath);
    this.db = reopened.db;
    this.health = reopened.health;
    this.onReplaced(this.db, false);
  }

  /** After a failed reopen: the copy kept in step 2 becomes the database again. */
  private putBack(safety: BackupEntry): void {
    for (const suffix of SIDE_FILES) fs.rmSync(`${this.databasePath}${suffix}`, { force: true });
    fs.copyFileSync(safety.path, this.databasePath);
    if (fs.existsSync(`${safety.path}-wal`)) fs.copyFileSync(`${safety.path}-wal`, `${this.databasePath}-wal`);
    this.reopenCurrent();
  }

  private assertSound(what: string): void {
    if (this.health.status !== 'ok') throw new ServiceError('CONFLICT', `${what}: ${this.health.message ?? 'basis data tidak dapat dipakai.'}`);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * Checks the file at the database path before it is migrated, and opens it. A file that is
 * damaged, foreign or from a newer version is left untouched and an in-memory placeholder is
 * returned with the reason.
 */
export function openChecked(databasePath: string, checked?: FileCheck): { db: Database; health: DatabaseHealth } {
  let check: FileCheck | null = null;
  if (nonEmpty(databasePath)) {
    check = checked?.ok ? checked : checkDatabaseFile(databasePath, { purpose: 'start' });
    if (!check.ok) return degraded(databasePath, STATE_OF[check.verdict], check.reason, check.check);
  }
  try {
    return { db: openDatabase(databasePath), health: { status: 'ok', message: null, databasePath, check: check?.check ?? null } };
  } catch (err) {
    if (err instanceof DatabaseTooNewError) return degraded(databasePath, 'terlalu-baru', err.message, check?.check ?? null);
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))) {
      return degraded(databasePath, 'rusak', `Berkas basis data rusak (${code}).`, check?.check ?? null);
    }
    throw err;
  }
}

function degraded(databasePath: string, status: DatabaseState, message: string | null, check: DatabaseHealth['check']) {
  return { db: openDatabase(':memory:'), health: { status, message, databasePath, check } };
}

/** A damaged file cannot be read through SQLite: the file (and its -wal) is copied byte for byte. */
function copyAsIs(dbPath: string, dir: string, now: Date): BackupEntry {
  fs.mkdirSync(dir, { recursive: true });
  let name = `sebelum-pulih-${timestamp(now)}.sqlite`;
  for (let seq = 2; fs.existsSync(path.join(dir, name)); seq++) name = `sebelum-pulih-${timestamp(now)}-${seq}.sqlite`;
  const target = path.join(dir, name);
  // Copied under a partial name and renamed: a copy cut short is never taken for a safety copy
  // (and housekeeping removes it: leftovers.ts).
  const partial = path.join(dir, `.${name}.sebagian`);
  if (fs.existsSync(dbPath)) fs.copyFileSync(dbPath, partial);
  else fs.writeFileSync(partial, '');
  if (nonEmpty(`${dbPath}-wal`)) fs.copyFileSync(`${dbPath}-wal`, `${partial}-wal`);
  if (fs.existsSync(`${partial}-wal`)) fs.renameSync(`${partial}-wal`, `${target}-wal`);
  fs.renameSync(partial, target);
  return { name, path: target, kind: 'sebelum-pulih', createdAt: parseBackupName(name)!.createdAt, size: fs.statSync(target).size };
}

function nonEmpty(file: string): boolean {
  try {
    return fs.statSync(file).size > 0;
  } catch {
    return false;
  }
}

function removeWithSideFiles(file: string): void {
  for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/**
 * The runtime's handler map: stable across restores (the IPC registration, the HTTP bridge and
 * the session gate keep this object), each call going to the handlers of the current connection,
 * and refused while a restore runs or, for all but the recovery channels, while the database is
 * not sound.
 */
export function guardedHandlers(current: () => Handlers, host: Pick<DatabaseHost, 'refusal'>): Handlers {
  const out: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNELS) {
    out[channel] = async (input) => {
      const refusal = host.refusal(channel);
      if (refusal) throw refusal;
      return (current()[channel] as (input: unknown) => Promise<unknown>)(input);
    };
  }
  return out as unknown as Handlers;
}
