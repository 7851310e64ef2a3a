/**
 * A preview's problems as columns (typed arrays, a table of the few file and column names, the
 * messages as one array of strings) instead of one object per problem: how the import worker
 * sends them to the runtime's thread (./kind-preview.ts) and how that thread keeps them, making
 * objects only for the page asked for (imports.problems, imports.rows).
 *
 * Why: a loan list of 100,000 new applications carries a warning on every row (no decree names
 * them yet); 100,000 problem objects took the runtime's thread 120–250 ms to receive from the
 * worker (structured clone) under this machine's load, the columns 10–60 ms, and nothing per
 * problem after that.
 */
import type { ImportProblem, ImportRowView } from '../../contract/imports';

export interface ProblemColumns {
  /** The file and column names, each once. */
  names: string[];
  /** Per problem, in order: its file (index into `names`), column (index, -1: none), row (0: about the whole file), level (1: galat) and message. */
  berkas: Uint16Array;
  kolom: Int32Array;
  baris: Int32Array;
  galat: Uint8Array;
  pesan: string[];
}

export function toProblemColumns(problems: readonly ImportProblem[]): ProblemColumns {
  const names: string[] = [];
  const index = new Map<string, number>();
  const nameOf = (s: string) => {
    let i = index.get(s);
    if (i === undefined) index.set(s, (i = names.push(s) - 1));
    return i;
  };
  const n = problems.length;
  const c: ProblemColumns = { names, berkas: new Uint16Array(n), kolom: new Int32Array(n), baris: new Int32Array(n), galat: new Uint8Array(n), pesan: new Array<string>(n) };
  problems.forEach((p, i) => {
    c.berkas[i] = nameOf(p.berkas);
    c.kolom[i] = p.kolom === null ? -1 : nameOf(p.kolom);
    // Row numbers start at 1: 0 is free for "no row".
    c.baris[i] = p.baris ?? 0;
    c.galat[i] = p.tingkat === 'galat' ? 1 : 0;
    c.pesan[i] = p.pesan;
  });
  return c;
}

export function problemAt(c: ProblemColumns, i: number): ImportProblem {
  const kolom = c.kolom[i]!;
  const baris = c.baris[i]!;
  return {
    berkas: c.names[c.berkas[i]!]!,
    baris: baris === 0 ? null : baris,
    kolom: kolom < 0 ? null : c.names[kolom]!,
    pesan: c.pesan[i]!,
    tingkat: c.galat[i] === 1 ? 'galat' : 'peringatan',
  };
}

/** A page of the problems, all or of one level (imports.problems). */
export function problemsPage(c: ProblemColumns, page: number, pageSize: number, tingkat?: ImportProblem['tingkat']): { rows: ImportProblem[]; total: number } {
  const from = (page - 1) * pageSize;
  const rows: ImportProblem[] = [];
  if (!tingkat) {
    for (let i = from; i < Math.min(c.pesan.length, from + pageSize); i++) rows.push(problemAt(c, i));
    return { rows, total: c.pesan.length };
  }
  const want = tingkat === 'galat' ? 1 : 0;
  let total = 0;
  for (let i = 0; i < c.galat.length; i++) {
    if (c.galat[i] !== want) continue;
    if (total >= from && total < from + pageSize) rows.push(problemAt(c, i));
    total++;
  }
  return { rows, total };
}

const flagsOf = new WeakMap<ProblemColumns, Uint8Array>();

/**
 * Per row of `baris` (a preview's rows in file order), 1 when it has any problem: the row pages'
 * "with a problem" filter. Worked out once per preview, walking both lists together (the checks
 * sort the problems by row, the rows are in file order); a Set if either is not in order.
 */
export function rowProblemFlags(c: ProblemColumns, baris: Int32Array): Uint8Array {
  const known = flagsOf.get(c);
  if (known && known.length === baris.length) return known;
  const flags = new Uint8Array(baris.length);
  const sorted = (a: Int32Array) => a.every((v, i) => i === 0 || a[i - 1]! <= v);
  if (sorted(c.baris) && sorted(baris)) {
    let p = 0;
    for (let i = 0; i < baris.length; i++) {
      while (p < c.baris.length && c.baris[p]! < baris[i]!) p++;
      if (p < c.baris.length && c.baris[p] === baris[i]) flags[i] = 1;
    }
  } else {
    const rows = new Set<number>();
    for (const b of c.baris) if (b > 0) rows.add(b);
    baris.forEach((b, i) => (flags[i] = rows.has(b) ? 1 : 0));
  }
  flagsOf.set(c, flags);
  return flags;
}

/** The problems of rows `baris` (a page of rows), in order, as the row pages show them. */
export function problemsOfRows(c: ProblemColumns, baris: readonly number[]): Map<number, ImportRowView['masalah']> {
  const wanted = new Set(baris);
  const out = new Map<number, ImportRowView['masalah']>();
  for (let i = 0; i < c.baris.length; i++) {
    const b = c.baris[i]!;
    if (!wanted.has(b)) continue;
    let list = out.get(b);
    if (!list) out.set(b, (list = []));
    const p = problemAt(c, i);
    list.push({ kolom: p.kolom, pesan: p.pesan, tingkat: p.tingkat });
  }
  return out;
}
