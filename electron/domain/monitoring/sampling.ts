/**
 * The visit plan's sample: a reproducible, stratified random sample of loans (docs/monitoring.md).
 *
 * Reproducible: the only source of chance is a PRNG seeded from (seed, period, stratum), so the same
 * seed, period and loans always give the same list, whatever order the loans arrive in (they are
 * sorted by id first) and whatever else the machine did. Math.random is never used.
 *
 * Allocation (n = size asked, N = loans, H = non-empty strata, N_h = loans in stratum h):
 *   - n ≥ N: every loan;
 *   - H ≤ n < N: one loan per stratum, then the other n − H proportionally to what each stratum has
 *     left (N_h − 1), by largest remainder (Hamilton): ⌊q_h⌋ each, the seats left to the largest
 *     fractions q_h − ⌊q_h⌋, ties to the larger stratum, then the smaller stratum key;
 *   - n < H: proportional to N_h by largest remainder (some strata get none).
 * A stratum never gets more than it holds (q_h ≤ N_h − 1, and a seat by remainder only goes to a
 * fractional q_h, which is then < N_h − 1).
 */

export interface SampleUnit {
  id: number;
  /** The stratum, e.g. 'bankId:kecamatanId'. */
  stratum: string;
}

export interface StratumAllocation {
  stratum: string;
  population: number;
  sample: number;
}

export interface SampleResult {
  allocation: StratumAllocation[];
  /** The chosen ids, per stratum in key order, and within a stratum in drawing order. */
  chosen: { id: number; stratum: string }[];
}

/** 32-bit FNV-1a of a text: turns (seed, period, stratum) into a PRNG state. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * mulberry32: a small, well-tested 32-bit PRNG; returns a function giving integers in [0, 2^32).
 * Integer arithmetic only, so every platform draws the same numbers.
 */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** An unbiased integer in [0, bound) by rejection (no modulo bias). */
function below(next: () => number, bound: number): number {
  const limit = Math.floor(0x100000000 / bound) * bound;
  for (;;) {
    const x = next();
    if (x < limit) return x % bound;
  }
}

/** Largest-remainder allocation of `seats` to weights (integers), ties to larger weight, then key order. */
function hamilton(keys: string[], weights: number[], seats: number): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total === 0 || seats === 0) return weights.map(() => 0);
  // q_h = seats × w_h / total, kept as integer numerator/denominator: no floats in the comparison.
  const floor = weights.map((w) => Math.floor((seats * w) / total));
  const rem = weights.map((w, i) => seats * w - floor[i]! * total);
  let left = seats - floor.reduce((s, f) => s + f, 0);
  const order = keys
    .map((_, i) => i)
    .filter((i) => rem[i]! > 0)
    .sort((a, b) => rem[b]! - rem[a]! || weights[b]! - weights[a]! || (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  for (const i of order) {
    if (left === 0) break;
    floor[i]!++;
    left--;
  }
  return floor;
}

/** How many to draw from each stratum (the rule in the module comment). */
export function allocate(strata: { stratum: string; population: number }[], size: number): StratumAllocation[] {
  const sorted = strata.filter((s) => s.population > 0).sort((a, b) => (a.stratum < b.stratum ? -1 : a.stratum > b.stratum ? 1 : 0));
  const total = sorted.reduce((s, x) => s + x.population, 0);
  const keys = sorted.map((s) => s.stratum);
  let counts: number[];
  if (size >= total) counts = sorted.map((s) => s.population);
  else if (size >= sorted.length) {
    const extra = hamilton(
      keys,
      sorted.map((s) => s.population - 1),
      size - sorted.length,
    );
    counts = extra.map((e) => e + 1);
  } else
    counts = hamilton(
      keys,
      sorted.map((s) => s.population),
      size,
    );
  return sorted.map((s, i) => ({ stratum: s.stratum, population: s.population, sample: counts[i]! }));
}

/**
 * Draws the sample. `seed` is a positive 32-bit integer, `period` the plan's 'YYYY-MM'. Within a
 * stratum a partial Fisher–Yates shuffle of the ids (ascending) draws its allocation.
 */
export function drawSample(units: readonly SampleUnit[], size: number, seed: number, period: string): SampleResult {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('Jumlah sampel paling sedikit 1');
  if (!Number.isInteger(seed) || seed < 1 || seed > 0xffffffff) throw new RangeError('Seed harus bilangan bulat 1–4294967295');
  const byStratum = new Map<string, number[]>();
  for (const u of units) {
    const list = byStratum.get(u.stratum);
    if (list) list.push(u.id);
    else byStratum.set(u.stratum, [u.id]);
  }
  const allocation = allocate(
    [...byStratum].map(([stratum, ids]) => ({ stratum, population: ids.length })),
    size,
  );
  const chosen: { id: number; stratum: string }[] = [];
  for (const a of allocation) {
    const ids = [...byStratum.get(a.stratum)!].sort((x, y) => x - y);
    const next = mulberry32(fnv1a(`${seed}|${period}|${a.stratum}`));
    for (let i = 0; i < a.sample; i++) {
      const j = i + below(next, ids.length - i);
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
      chosen.push({ id: ids[i]!, stratum: a.stratum });
    }
  }
  return { allocation, chosen };
}
