/** Small helpers for search patterns: what the clerk types is matched literally. */

/** A LIKE pattern matching `text` anywhere; use with `ESCAPE '\\'`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A GLOB pattern matching values starting with `text` (GLOB is case-sensitive and can use an index). */
export function prefixGlob(text: string): string {
  return `${text.replace(/[*?[]/g, (c) => `[${c}]`)}*`;
}
