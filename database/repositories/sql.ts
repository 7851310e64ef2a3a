/** Small helpers for search patterns: what the clerk types is matched literally. */

/** A LIKE pattern matching `text` anywhere; use with `ESCAPE '\\'`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A GLOB pattern matching values starting with `text` (GLOB is case-sensitive and can use an index). */
export function prefixGlob(text: string): string {
  return `${text.replace(/[*?[]/g, (c) => `[${c}]`)}*`;
}

/**
 * An FTS5 query for `text` anywhere in an indexed column of a trigram table: one quoted phrase,
 * its own quotes doubled, so nothing the clerk types is read as an operator (AND, *, :, …).
 * Only for text of 3 or more characters: shorter text has no trigram and matches nothing.
 */
export function trigramPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

import type { Database, Statement } from 'better-sqlite3';

/** A search of 3 or more characters (not all digits) goes through a trigram index (migrations debtor_search, loan_search). */
export const TRIGRAM_MIN = 3;

/**
 * How many matches a 1–2 character search (no trigram) counts before it says "more than"
 * (Page.totalCapped). Reading stops at the cap's next match: "ka" matches 195,730 of 1,000,000
 * debtors, and the count read every one of them (~0.5 s); 1,001 matches are ~5,000 debtors read.
 */
export const SHORT_SEARCH_COUNT_CAP = 1_000;

/**
 * The start of every name of a debitur_pasangan group (migration debtor_pairs: the group is the
 * name's first 4 bytes, ASCII case folded): those bytes without the zero padding, less a character
 * cut in two. No name of the group is below it in NOCASE order.
 */
export function pairGroupFloor(group: number): string {
  const bytes = [24, 16, 8, 0].map((shift) => Math.floor(group / 2 ** shift) % 256);
  while (bytes.length && bytes[bytes.length - 1] === 0) bytes.pop();
  // Streaming: an incomplete last character is held back, not decoded as U+FFFD.
  return new TextDecoder('utf-8').decode(Uint8Array.from(bytes), { stream: true });
}

/** Every ASCII character a lower()-ed column can hold after 2 others (char(1) ends a column): A–Z cannot occur. */
const ASCII_THIRD = Array.from({ length: 127 }, (_, i) => String.fromCharCode(i + 1)).filter((c) => c < 'A' || c > 'Z');

/**
 * The FTS5 query of a pair index (migrations debtor_pairs, loan_pairs: columns lower()-ed and ended
 * by char(1)) for the rows holding `pair` (2 characters) as LIKE finds it: the trigrams starting
 * with the pair, ASCII case folded — every ASCII third character, and the others the index holds
 * (from its vocabulary table `vocab`, over that range only: listing all of the pair's terms counted
 * each one's rows, 31 ms for "an" at 1,000,000 debtors).
 */
export function pairMatch(db: Database, pair: string, vocab: 'debitur_pasangan_kata' | 'pinjaman_pasangan_kata'): string {
  const lower = pair.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const trigrams = [
    ...ASCII_THIRD.map((c) => lower + c),
    ...db
      .prepare<[{ pair: string }], { term: string }>(`SELECT term FROM ${vocab} WHERE term BETWEEN @pair || char(128) AND @pair || char(1114111)`)
      .all({ pair: lower })
      .map((r) => r.term),
  ];
  return trigrams.map(trigramPhrase).join(' OR ');
}

/** The pair's rows in a pair index, counted from its vocabulary (a bound: a row holding two of the trigrams counts twice). */
export function pairRows(db: Database, pair: string, vocab: 'debitur_pasangan_kata' | 'pinjaman_pasangan_kata'): number {
  const lower = pair.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return (
    db.prepare<[{ pair: string }], { n: number | null }>(`SELECT sum(doc) AS n FROM ${vocab} WHERE term BETWEEN @pair AND @pair || char(1114111)`).get({ pair: lower })!.n ?? 0
  );
}

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

/** One optional filter: its condition with a named parameter, the parameter's name, and its value (undefined: not filtered). */
export type OptionalFilter = readonly [condition: string, param: string, value: unknown];

/**
 * The conditions and named parameters of a filtered read: `fixed` always applies, each optional
 * filter only when its value is given. One builder for the registers, the evaluation and any
 * other list filtered by bank, kecamatan, scheme and the like.
 */
export function optionalFilters(
  filters: readonly OptionalFilter[],
  fixed: { where: string[]; params: Record<string, unknown> } = { where: [], params: {} },
): {
  where: string[];
  params: Record<string, unknown>;
} {
  const where = [...fixed.where];
  const params = { ...fixed.params };
  for (const [condition, param, value] of filters) {
    if (value === undefined) continue;
    where.push(condition);
    params[param] = value;
  }
  return { where, params };
}
