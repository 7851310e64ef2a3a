/**
 * Data safety: backups made with SQLite's online backup API, the list of them, restoring one
 * (checked first, the current data kept first), and the state of the database found at start.
 */
import { z } from 'zod';
import { returns } from './common';

/**
 * manual: "Buat cadangan sekarang"; otomatis: the daily one made at start (only these are rotated);
 * sebelum-pulih: the copy of the current data kept before a restore replaced it.
 */
export const BACKUP_KINDS = ['manual', 'otomatis', 'sebelum-pulih'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/**
 * A backup's file name: the only way the renderer names a backup (never a path). The service
 * looks the name up in its own backup folder.
 */
export const BACKUP_FILE_NAME = /^(gerbang-serasan|gerbang-serasan-otomatis|sebelum-pulih)-(\d{8})-(\d{6})(?:-(\d{1,3}))?\.sqlite$/;

export interface BackupEntry {
  /** File name inside the backup folder, e.g. gerbang-serasan-20261123-101500.sqlite. */
  name: string;
  /** Full path, to show the clerk where it is. */
  path: string;
  kind: BackupKind;
  /** Local date and time the backup was made, 'YYYY-MM-DDTHH:mm:ss' (from the file name). */
  createdAt: string;
  /** Bytes. */
  size: number;
  /**
   * Only on a backup just made: attachment files it could not carry (missing or swapped in the data
   * folder; Periksa keutuhan names them). The others are in `cadangan/lampiran/`.
   */
  lampiranTidakTerbawa?: number;
}

export interface BackupList {
  /** The backup folder (cadangan, beside the database file). */
  folder: string;
  /** Newest first. */
  backups: BackupEntry[];
  /** How many automatic daily backups are kept (older ones are deleted). */
  keepAutomatic: number;
}

/**
 * ok: opened and checked. rusak: the file failed the integrity check or is not a database.
 * terlalu-baru: written by a newer version of the app. asing: a SQLite file, but not ours.
 * Anything but ok leaves the app in recovery mode: only backup.health, backup.list and
 * backup.restore answer, so the clerk can restore a backup.
 */
export const DATABASE_STATES = ['ok', 'rusak', 'terlalu-baru', 'asing'] as const;
export type DatabaseState = (typeof DATABASE_STATES)[number];

export interface DatabaseHealth {
  status: DatabaseState;
  /** Why the file was refused, in Indonesian (null when ok). */
  message: string | null;
  databasePath: string;
  /** Which check ran at start: integrity_check, or quick_check for very large files; null for a new file. */
  check: 'integrity_check' | 'quick_check' | null;
}

/** What the screen gets back: the restore, and the backup list as it now is (with the `sebelum-pulih-…` copy), read before every session ended. */
export interface RestoreAnswer extends RestoreResult {
  daftar: BackupList;
}

export interface RestoreResult {
  /** The backup that is now the database. */
  restoredFrom: string;
  /** The copy of the data as it was before the restore, in the backup folder. */
  safetyCopy: string;
  /** The schema version after reopening (an older backup is migrated forward). */
  schemaVersion: number;
  /**
   * The restored data's attachment files: put back into the data folder from `cadangan/lampiran/`
   * (`dipulihkan`), and those found in neither place (`tidakAda`, named by Periksa keutuhan).
   */
  lampiran?: { dipulihkan: number; tidakAda: number };
}

export const backupRestoreInput = z.object({
  name: z
    .string({ error: 'Pilih berkas cadangan' })
    .trim()
    .min(1, 'Pilih berkas cadangan')
    .max(120)
    .regex(BACKUP_FILE_NAME, 'Nama berkas cadangan tidak dikenal; pilih dari daftar cadangan'),
});
export type BackupRestoreInput = z.input<typeof backupRestoreInput>;

export const dataSafetyContract = {
  /** The state of the database found at start (also answered when the file is damaged). */
  'backup.health': { input: z.object({}).default({}), output: returns<DatabaseHealth>() },
  /** The backups in the backup folder, newest first. */
  'backup.list': { input: z.object({}).default({}), output: returns<BackupList>() },
  /** A consistent copy of the running database (online backup API), named with date and time. */
  'backup.create': { input: z.object({}).default({}), output: returns<BackupEntry>() },
  /** Replaces the database with a backup from the list, after checking it and keeping a copy of the current data. */
  'backup.restore': { input: backupRestoreInput, output: returns<RestoreAnswer>() },
} as const;
