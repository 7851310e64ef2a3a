/**
 * Housekeeping of what interrupted work leaves beside the database: a backup killed half-way
 * (`cadangan/.NAME.sqlite.sebagian`, as large as the database), a restore killed half-way
 * (`FILE.pulih-sementara` beside the database, a `.sebelum-pulih-….sebagian` copy), an upload's
 * temporary file (`berkas/.UUID.tmp`), and uploads that were never imported (`berkas/<sha>.<ext>`
 * that no impor_berkas row names: the clerk uploaded, looked at the preview and went away).
 *
 * Run when the app opens the database and then on a schedule (the shell, every few hours). Work in
 * flight is never touched: a partial or temporary file is removed only when older than an hour,
 * an upload not imported only after a day (the clerk may still be at the mapping step); the restore
 * staging file only at start (`atStart`), when no restore can be running in this process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../database/connection';
import { backupDirFor } from '../../../database/backup';
import { committedShas } from '../../../database/repositories/imports';
import { berkasDir } from '../imports/files';

export const PARTIAL_AGE_MS = 60 * 60 * 1000;
export const UPLOAD_AGE_MS = 24 * 60 * 60 * 1000;

export interface LeftoversRemoved {
  /** File names removed, relative to the database's folder. */
  files: string[];
  bytes: number;
}

export function cleanLeftovers(db: Database, databasePath: string, opts: { now: number; atStart: boolean }): LeftoversRemoved {
  const base = path.dirname(databasePath);
  const removed: LeftoversRemoved = { files: [], bytes: 0 };
  const olderThan = (file: string, ms: number): number | null => {
    try {
      const st = fs.statSync(file);
      return st.isFile() && opts.now - st.mtimeMs > ms ? st.size : null;
    } catch {
      return null;
    }
  };
  const remove = (file: string, size: number) => {
    try {
      fs.rmSync(file, { force: true });
      removed.files.push(path.relative(base, file));
      removed.bytes += size;
    } catch (err) {
      // A file another program holds open (Windows) is left for the next round.
      console.error('[bersih-bersih]', file, err);
    }
  };
  const each = (dir: string, fn: (name: string, file: string) => void) => {
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir)) fn(name, path.join(dir, name));
  };

  // Partial backups and safety copies (and their journals).
  each(backupDirFor(databasePath), (name, file) => {
    if (!/^\..+\.sebagian(-journal|-wal|-shm)?$/.test(name)) return;
    const size = olderThan(file, PARTIAL_AGE_MS);
    if (size !== null) remove(file, size);
  });

  // A restore's staging copy beside the database.
  if (opts.atStart) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) {
      const file = `${databasePath}.pulih-sementara${suffix}`;
      const size = olderThan(file, -1);
      if (size !== null) remove(file, size);
    }
  }

  // Uploads: temporary files, and kept files no import was committed from.
  const committed = committedShas(db);
  each(berkasDir(databasePath), (name, file) => {
    if (/^\..+\.tmp$/.test(name)) {
      const size = olderThan(file, PARTIAL_AGE_MS);
      if (size !== null) remove(file, size);
      return;
    }
    const m = /^([0-9a-f]{64})\.[a-z0-9]{1,5}$/.exec(name);
    if (!m || committed.has(m[1]!)) return;
    const size = olderThan(file, UPLOAD_AGE_MS);
    if (size !== null) remove(file, size);
  });
  return removed;
}
