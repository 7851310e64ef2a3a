/** Small helpers for search patterns: what the clerk types is matched literally. */

/** A LIKE pattern matching `text` anywhere; use with `ESCAPE '\\'`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A GLOB pattern matching values starting with `text` (GLOB is case-sensitive and can use an index). */
export function prefixGlob(text: string): string {
  return `${text.replace(/[*?[]/g, (c) => `[${c}]`)}*`;
}

import type { Database, Statement } from 'better-sqlite3';

const statements = new WeakMap<Database, Map<string, Statement>>();

/**
 * A prepared statement, compiled once per connection: for repository functions called in a loop
 * (the demo generator, imports), where preparing the same SQL on every call is most of the cost.
 */
export function cachedStatement(db: Database, sql: string): Statement {
  let byDb = statements.get(db);
  if (!byDb) statements.set(db, (byDb = new Map()));
  let stmt = byDb.get(sql);
  if (!stmt) byDb.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
