/**
 * Backups of the database file, and the checks a file must pass before the app trusts it.
 *
 * - A backup is made with SQLite's online backup API (`db.backup`), never a file copy: it is a
 *   consistent snapshot even while the app (or another process) writes. It is written under a
 *   temporary name, switched to a rollback journal (one self-contained file, no -wal beside it),
 *   checked, and only then renamed to its final name, so a half-written backup never shows up.
 * - Backups live in `cadangan/` beside the database file, named with local date and time:
 *     gerbang-serasan-YYYYMMDD-HHmmss.sqlite            made by hand ("Buat cadangan sekarang")
 *     gerbang-serasan-otomatis-YYYYMMDD-HHmmss.sqlite   the daily one at start; only these rotate
 *     sebelum-pulih-YYYYMMDD-HHmmss.sqlite              the data as it was before a restore
 * - `checkDatabaseFile` opens a file read-only and runs PRAGMA integrity_check (quick_check for
 *   very large files), then checks that it is a Gerbang Serasan database this version knows.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_FILE_NAME, type BackupEntry, type BackupKind } from '../electron/contract/data-safety';
import { loadMigrations, type Migration } from './migrate';
import { attachmentDir, backupAttachmentDir, copyKept } from './attachment-files';
import { allAttachmentFiles } from './repositories/attachments';

export const BACKUP_FOLDER = 'cadangan';

/** Automatic backups kept by default (one a day: a week). */
export const DEFAULT_KEEP_AUTOMATIC = 7;

/** Above this size the start-up check uses quick_check (O(N)) instead of integrity_check. */
export const QUICK_CHECK_ABOVE_BYTES = 512 * 1024 * 1024;

const PREFIX: Record<BackupKind, string> = {
  manual: 'gerbang-serasan',
  otomatis: 'gerbang-serasan-otomatis',
  'sebelum-pulih': 'sebelum-pulih',
};
const KIND_OF_PREFIX = new Map(Object.entries(PREFIX).map(([kind, prefix]) => [prefix, kind as BackupKind]));

/** Tables every Gerbang Serasan database has had since its first schema. */
const OUR_TABLES = ['bank', 'debitur', 'pinjaman', 'audit_log'];

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The backup folder of a database file: `cadangan` beside it. */
export function backupDirFor(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), BACKUP_FOLDER);
}

/** Local date and time as YYYYMMDD-HHmmss (the clerk's clock, as on the office wall). */
export function timestamp(now: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(now.getFullYear(), 4)}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

/** A file name from the backup folder, understood; null when it is not one of ours. */
export function parseBackupName(name: string): { kind: BackupKind; stamp: string; seq: number; createdAt: string } | null {
  const m = BACKUP_FILE_NAME.exec(name);
  if (!m) return null;
  const [, prefix, d, t, seq] = m as unknown as [string, string, string, string, string | undefined];
  return {
    kind: KIND_OF_PREFIX.get(prefix)!,
    stamp: `${d}-${t}`,
    seq: seq ? Number(seq) : 0,
    createdAt: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`,
  };
}

/** A free name for a backup of this kind and time (a suffix -2, -3… when two fall in one second). */
function freeName(dir: string, kind: BackupKind, now: Date): string {
  const base = `${PREFIX[kind]}-${timestamp(now)}`;
  for (let seq = 1; seq < 1000; seq++) {
    const name = seq === 1 ? `${base}.sqlite` : `${base}-${seq}.sqlite`;
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
  throw new Error(`Terlalu banyak cadangan dalam satu detik: ${base}`);
}

function entryFor(dir: string, name: string): BackupEntry | null {
  const parsed = parseBackupName(name);
  if (!parsed) return null;
  const file = path.join(dir, name);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (!stat.isFile()) return null;
  return { name, path: file, kind: parsed.kind, createdAt: parsed.createdAt, size: stat.size };
}

/** The backups in a folder, newest first (a missing folder has none). */
export function listBackups(dir: string): BackupEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => entryFor(dir, name))
    .filter((e): e is BackupEntry => e !== null)
    .sort((a, b) => {
      const pa = parseBackupName(a.name)!;
      const pb = parseBackupName(b.name)!;
      return pb.stamp.localeCompare(pa.stamp) || pb.seq - pa.seq || a.name.localeCompare(b.name);
    });
}

/** A backup of the folder by its listed name; null for anything else (no paths, no other files). */
export function findBackup(dir: string, name: string): BackupEntry | null {
  if (name !== path.basename(name)) return null;
  return entryFor(dir, name);
}

export interface BackupOptions {
  now?: Date;
  kind?: BackupKind;
  /** Pages copied per step; between steps the app keeps answering. */
  pagesPerStep?: number;
  /**
   * Called after each step with the share done (below 1; the tests write between steps here), and
   * once with 1 when the backup file is complete.
   */
  onProgress?: (done: number) => void;
}

/** Another connection writing restarts a stepwise backup; after this many restarts the rest is copied in one step. */
const MAX_RESTARTS = 3;
/** What "copy every remaining page" is for better-sqlite3's progress callback. */
const ALL_PAGES = 0x7fffffff;

/**
 * A consistent copy of `db` in `dir`, named with the date and time, via the online backup API.
 *
 * Writes through the same connection between steps are carried into the copy by SQLite; a write
 * from another connection restarts the copy. So that a busy writer cannot keep it restarting
 * forever, after a few restarts the remainder is copied in one step: in WAL mode that step reads
 * one snapshot and does not block the writers.
 */
export async function backupTo(db: Database, dir: string, opts: BackupOptions = {}): Promise<BackupEntry> {
  const kind = opts.kind ?? 'manual';
  fs.mkdirSync(dir, { recursive: true });
  const name = freeName(dir, kind, opts.now ?? new Date());
  const partial = path.join(dir, `.${name}.sebagian`);
  fs.rmSync(partial, { force: true });
  let restarts = 0;
  let lastRemaining = Infinity;
  let notCarried: number;
  try {
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        opts.onProgress?.(totalPages === 0 ? 1 : 1 - remainingPages / totalPages);
        return restarts >= MAX_RESTARTS ? ALL_PAGES : (opts.pagesPerStep ?? 1000);
      },
    });
    // One self-contained file: a rollback journal instead of WAL, so nothing beside it is needed.
    const copy = new BetterSqlite3(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const check = checkDatabaseFile(partial);
    if (!check.ok) throw new Error(`Cadangan yang baru dibuat tidak lolos pemeriksaan: ${check.reason}`);
    // The attachments the copy's rows name go along, before the backup gets its name: a listed
    // backup has its files. They are kept once for all backups (content-named), in cadangan/lampiran/.
    notCarried = carryAttachments(partial, db.name, dir);
    fs.renameSync(partial, path.join(dir, name));
  } catch (err) {
    for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
    throw err;
  }
  opts.onProgress?.(1);
  const entry = entryFor(dir, name)!;
  return notCarried > 0 ? { ...entry, lampiranTidakTerbawa: notCarried } : entry;
}

/**
 * Copies the attachment files named by the backup copy's rows from the data folder into the backup
 * folder's attachment store; returns how many could not be carried (missing or swapped: a swapped
 * file is never copied under its content name). The store is never rotated: a kept backup may need
 * any of its files, and evidence is not deleted.
 */
function carryAttachments(copyPath: string, databasePath: string, backupDir: string): number {
  const copy = new BetterSqlite3(copyPath, { readonly: true, fileMustExist: true });
  let rows: { sha256: string; tipe: string }[];
  try {
    rows = allAttachmentFiles(copy);
  } finally {
    copy.close();
  }
  const from = attachmentDir(databasePath);
  const to = backupAttachmentDir(backupDir);
  let missing = 0;
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.sha256)) continue;
    seen.add(r.sha256);
    const done = copyKept(from, to, r.sha256, r.tipe);
    if (done === 'sumber-hilang' || done === 'sumber-berubah') missing++;
  }
  return missing;
}

/**
 * After a restore: puts the restored data's attachment files back into the data folder from the
 * backup folder's store where the data folder has no sound copy (a new PC, a lost or swapped file).
 */
export function restoreAttachments(db: Database, databasePath: string, backupDir: string): { dipulihkan: number; tidakAda: number } {
  const to = attachmentDir(databasePath);
  const from = backupAttachmentDir(backupDir);
  let dipulihkan = 0;
  let tidakAda = 0;
  const seen = new Set<string>();
  for (const r of allAttachmentFiles(db)) {
    if (seen.has(r.sha256)) continue;
    seen.add(r.sha256);
    const done = copyKept(from, to, r.sha256, r.tipe);
    if (done === 'disalin') dipulihkan++;
    else if (done !== 'ada') tidakAda++;
  }
  return { dipulihkan, tidakAda };
}

/** Deletes the oldest automatic backups beyond `keep`; hand-made ones and safety copies are never touched. */
export function rotateAutomatic(dir: string, keep: number): string[] {
  const automatic = listBackups(dir).filter((b) => b.kind === 'otomatis');
  const excess = automatic.slice(Math.max(0, keep));
  for (const b of excess) fs.rmSync(b.path, { force: true });
  return excess.map((b) => b.name);
}

/**
 * The automatic backup of the day, made at start: at most one per (local) day, then rotation
 * keeps the newest `keep`. Returns the new backup, or null when today's already exists.
 */
export async function dailyBackupIfDue(db: Database, dir: string, opts: { now?: Date; keep?: number; onProgress?: BackupOptions['onProgress'] } = {}): Promise<BackupEntry | null> {
  const now = opts.now ?? new Date();
  const today = timestamp(now).slice(0, 8);
  const done = listBackups(dir).some((b) => b.kind === 'otomatis' && b.name.startsWith(`${PREFIX.otomatis}-${today}-`));
  if (done) return null;
  const entry = await backupTo(db, dir, { now, kind: 'otomatis', ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  rotateAutomatic(dir, opts.keep ?? DEFAULT_KEEP_AUTOMATIC);
  return entry;
}

// ---------------------------------------------------------------------------
// Checking a file
// ---------------------------------------------------------------------------

export type FileVerdict = 'ok' | 'tidak-ada' | 'bukan-sqlite' | 'rusak' | 'asing' | 'terlalu-baru';

export interface FileCheck {
  ok: boolean;
  verdict: FileVerdict;
  /** Why it was refused, in Indonesian; null when ok. */
  reason: string | null;
  /** max(schema_migrations.version) when it could be read. */
  schemaVersion: number | null;
  check: 'integrity_check' | 'quick_check' | null;
}

export interface CheckOptions {
  /**
   * 'backup' (default): everything a file must be before it may replace the database, including
   * our tables and the same migration history. 'start': the live file at start, which may be
   * an older schema about to be migrated; the migration names are not compared.
   */
  purpose?: 'backup' | 'start';
  /** Force quick_check (true) or integrity_check (false); by default quick_check only for very large files. */
  quick?: boolean;
  migrations?: Migration[];
}

const refuse = (verdict: FileVerdict, reason: string, extra: Partial<FileCheck> = {}): FileCheck => ({
  ok: false,
  verdict,
  reason,
  schemaVersion: null,
  check: null,
  ...extra,
});

/**
 * Whether a file is a sound Gerbang Serasan database this version of the app may open. Opens it
 * read-only (nothing is written to it) and never throws for a bad file: the verdict says why.
 */
export function checkDatabaseFile(file: string, opts: CheckOptions = {}): FileCheck {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return refuse('tidak-ada', `Berkas tidak ditemukan: ${file}`);
  }
  if (!stat.isFile()) return refuse('tidak-ada', `Bukan berkas: ${file}`);
  if (stat.size < 512 || !startsWithSqliteHeader(file)) {
    return refuse('bukan-sqlite', 'Berkas ini bukan basis data SQLite (isinya tidak dikenali atau kosong).');
  }
  const check = (opts.quick ?? stat.size > QUICK_CHECK_ABOVE_BYTES) ? 'quick_check' : 'integrity_check';
  let db: Database | null = null;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const problems = (db.pragma(check) as Record<string, unknown>[]).map((row) => String(Object.values(row)[0]));
    if (problems.length !== 1 || problems[0] !== 'ok') {
      const first = problems[0] ?? 'tidak ada jawaban';
      return refuse('rusak', `Berkas basis data rusak: pemeriksaan integritas menemukan ${problems.length} masalah (pertama: ${first}).`, { check });
    }
    return checkSchema(db, opts, check);
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB') return refuse('bukan-sqlite', 'Berkas ini bukan basis data SQLite.', { check });
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_IOERR_SHORT_READ') {
      return refuse('rusak', `Berkas basis data rusak dan tidak dapat dibaca (${code}).`, { check });
    }
    return refuse('rusak', `Berkas basis data tidak dapat dibaca: ${err instanceof Error ? err.message : String(err)}`, { check });
  } finally {
    db?.close();
  }
}

function startsWithSqliteHeader(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    fs.readSync(fd, head, 0, head.length, 0);
    return head.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

function checkSchema(db: Database, opts: CheckOptions, check: FileCheck['check']): FileCheck {
  const purpose = opts.purpose ?? 'backup';
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  if (!tables.has('schema_migrations')) {
    // At start a file with no tables at all is a new database waiting for its first migration.
    const userTables = [...tables].filter((t) => !t.startsWith('sqlite_'));
    if (purpose === 'start' && userTables.length === 0) return { ok: true, verdict: 'ok', reason: null, schemaVersion: 0, check };
    return refuse('asing', 'Berkas ini basis data SQLite, tetapi bukan basis data Gerbang Serasan (tidak ada catatan versi skema).', { check });
  }
  const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
  const version = recorded.at(-1)?.version ?? 0;
  const known = opts.migrations ?? loadMigrations();
  const latest = known.at(-1)?.version ?? 0;
  if (version > latest) {
    return refuse(
      'terlalu-baru',
      `Berkas ini berasal dari versi aplikasi yang lebih baru (skema ${version}, aplikasi ini mengenal sampai ${latest}). Perbarui aplikasi terlebih dahulu; berkas tidak diubah.`,
      { schemaVersion: version, check },
    );
  }
  if (purpose === 'backup') {
    const byVersion = new Map(known.map((m) => [m.version, m.name]));
    const foreign = recorded.find((r) => byVersion.get(r.version) !== r.name);
    const missing = OUR_TABLES.filter((t) => !tables.has(t));
    if (version === 0 || foreign || missing.length > 0) {
      const why = foreign
        ? `riwayat skemanya berbeda (versi ${foreign.version} "${foreign.name}")`
        : missing.length > 0
          ? `tabel ${missing.join(', ')} tidak ada`
          : 'belum berisi skema apa pun';
      return refuse('asing', `Berkas ini bukan basis data Gerbang Serasan: ${why}.`, { schemaVersion: version, check });
    }
  }
  return { ok: true, verdict: 'ok', reason: null, schemaVersion: version, check };
}
