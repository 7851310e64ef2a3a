import type { Database, Statement } from 'better-sqlite3';

/**
 * The query plans (EXPLAIN QUERY PLAN, one string per statement, its lines joined by newlines) of
 * every statement `run` runs on `db` through `all`, `get` or `iterate`, with the parameters it ran them with:
 * for the tests that check a search reads indexes and never a whole table.
 */
export async function plansOf(db: Database, run: () => unknown): Promise<string[]> {
  const seen: { sql: string; params: unknown[] }[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    for (const method of ['all', 'get', 'iterate'] as const) {
      const original = stmt[method].bind(stmt) as (...p: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        seen.push({ sql, params });
        return original(...params);
      };
    }
    return stmt;
  }) as typeof db.prepare;
  try {
    await run();
  } finally {
    db.prepare = prepare as typeof db.prepare;
  }
  return seen.map(({ sql, params }) => ((db.prepare(`EXPLAIN QUERY PLAN ${sql}`) as Statement<unknown[]>).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n'));
}

/** The plan lines that read a loan or debtor table row by row, not through an index. */
export const tableScans = (plans: readonly string[]): string[] =>
  plans.flatMap((p) => p.split('\n')).filter((line) => /^SCAN (l|d|pinjaman|debitur)\b/.test(line) && !/USING (COVERING )?INDEX/.test(line));
