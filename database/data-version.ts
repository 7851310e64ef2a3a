import type { Database } from 'better-sqlite3';

/**
 * A token that changes whenever the database's content may have changed: the rows written on
 * this connection (total_changes()) and SQLite's PRAGMA data_version, which moves when another
 * connection (the CLI, a second window) commits. Compare tokens of the same connection only (a
 * restore opens a new one, whose count starts again).
 */
export function dataVersion(db: Database): string {
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${changes}/${String(db.pragma('data_version', { simple: true }))}`;
}
