import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Raised when the file was written by a newer version of the app: we never migrate blindly. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(`Berkas basis data berasal dari versi aplikasi yang lebih baru (skema ${fileVersion}, aplikasi mengenal sampai ${appVersion}). Perbarui aplikasi terlebih dahulu.`);
  }
}

/**
 * Told before each pending migration runs (1-based `step` of `steps`): the start-up window shows
 * it while a migration that fills an index takes seconds on a big file (electron/services/startup).
 */
export type MigrationStepListener = (step: { step: number; steps: number; name: string }) => void;

const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;
const FOREIGN_KEYS_OFF = /^--\s*migrate:\s*foreign-keys-off\s*$/m;

/**
 * Finds database/migrations both when running from source (tests, CLI via tsx) and from the
 * compiled main process (dist-electron/database/), including inside the packaged app.asar.
 */
export function migrationsDir(): string {
  const candidates = [path.join(__dirname, 'migrations'), path.join(__dirname, '..', '..', 'database', 'migrations')];
  const found = candidates.find((dir) => fs.existsSync(dir));
  if (!found) throw new Error(`Folder migrasi tidak ditemukan (dicari di: ${candidates.join(', ')})`);
  return found;
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => MIGRATION_FILE.test(file))
    .sort()
    .map((file) => {
      const [, version, name] = MIGRATION_FILE.exec(file)!;
      return { version: Number(version), name: name!, sql: fs.readFileSync(path.join(dir, file), 'utf8') };
    });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Nomor migrasi tidak berurutan: ${m.version} pada posisi ${i + 1}`);
  });
  return migrations;
}

export function schemaVersion(db: Database): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!exists) return 0;
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Applies the pending migrations, each with its record, inside one transaction: a failure
 * leaves the file exactly as it was.
 *
 * A migration that rebuilds a table others refer to (SQLite cannot change a CHECK in place) says
 * so on a line of its own, `-- migrate: foreign-keys-off`: foreign keys are then off while the
 * batch runs (the pragma cannot change inside a transaction), as SQLite's documented table rebuild
 * asks, and `PRAGMA foreign_key_check` must find nothing before the batch commits.
 */
export function migrate(db: Database, migrations: Migration[] = loadMigrations(), onStep?: MigrationStepListener): { from: number; to: number } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`);
  const from = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  const pending = migrations.filter((m) => m.version > from);
  const record = db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)');
  const rebuilds = pending.some((m) => FOREIGN_KEYS_OFF.test(m.sql));
  const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (rebuilds && keysWereOn) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const [i, m] of pending.entries()) {
        onStep?.({ step: i + 1, steps: pending.length, name: m.name });
        db.exec(m.sql);
        record.run(m.version, m.name);
      }
      if (rebuilds) {
        const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
        if (broken.length > 0) {
          const first = broken[0]!;
          throw new Error(`Migrasi merusak rujukan: ${broken.length} baris, mis. ${first.table} baris ${first.rowid} → ${first.parent}`);
        }
      }
    })();
  } finally {
    if (rebuilds && keysWereOn) db.pragma('foreign_keys = ON');
  }
  return { from, to: latest };
}
