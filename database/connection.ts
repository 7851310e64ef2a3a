import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from './migrate';
import { sealLegacyAudit } from './repositories/audit';

export type { Database };

/**
 * Opens (creating if needed) the program's SQLite file with the settings every connection
 * must have, and brings its schema up to date.
 */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    // Audit entries written before the hash chain existed are chained once, right after migration 0005.
    sealLegacyAudit(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
