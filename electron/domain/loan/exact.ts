/**
 * Exact integer arithmetic that gives, digit for digit, what the loan engine's decimal.js
 * arithmetic (`D`: 40 significant digits, ROUND_HALF_UP) gives, for the hot paths of the subsidy
 * run and the budget projection where a Decimal per operation is too slow at 100,000 loans.
 *
 * A quotient N / D in `D` is first rounded to 40 significant digits (half-up) and only then, when
 * it becomes rupiah, to a whole number: `quotient40` reproduces that double rounding exactly with
 * BigInt. When N and D are small enough (see `divRound`) the 40-digit step provably cannot change
 * the whole-number result, and plain safe-integer arithmetic is used.
 */
import Decimal from 'decimal.js';
import { dec, decString, type DecimalInput, type RoundingRule, type Rupiah } from './money';

/** A decimal as an integer and a count of decimal places: 11.5 → { int: 115n, scale: 1 }. */
export interface Scaled {
  int: bigint;
  scale: number;
  /** `int` as a number when it is a safe integer, else null. */
  intNumber: number | null;
  /** The decimal's plain digits (decString). */
  text: string;
}

/** An exact decimal as a scaled integer. */
export function scaled(value: DecimalInput | Decimal): Scaled {
  const text = decString(dec(value));
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const dot = digits.indexOf('.');
  const scale = dot < 0 ? 0 : digits.length - dot - 1;
  const int = BigInt((negative ? '-' : '') + digits.replace('.', ''));
  const asNumber = Number(int);
  return { int, scale, intNumber: Number.isSafeInteger(asNumber) ? asNumber : null, text };
}

const TEN = 10n;
const pow10Cache: bigint[] = [1n];
export function pow10(n: number): bigint {
  for (let i = pow10Cache.length; i <= n; i++) pow10Cache.push(pow10Cache[i - 1]! * TEN);
  return pow10Cache[n]!;
}

/** N / D rounded as decimal.js rounds a quotient: to 40 significant digits, half-up. value = coef × 10^−shift. */
export interface Quotient40 {
  coef: bigint;
  shift: number;
}

const SIGNIFICANT = 40;
const LIMIT = pow10(SIGNIFICANT);

function digitCount(n: bigint): number {
  return n.toString().length;
}

/** N / D (N ≥ 0, D > 0) as `D` computes it: correctly rounded to 40 significant digits, half-up, trailing zeros dropped. */
export function quotient40(n: bigint, d: bigint): Quotient40 {
  if (d <= 0n || n < 0n) throw new RangeError('quotient40: pembilang negatif atau penyebut bukan positif');
  if (n === 0n) return { coef: 0n, shift: 0 };
  // 10^e ≤ N/D < 10^(e+1); e is one of lenN − lenD − 1, lenN − lenD.
  let e = digitCount(n) - digitCount(d);
  const atLeast = e >= 0 ? n >= d * pow10(e) : n * pow10(-e) >= d;
  if (!atLeast) e -= 1;
  let shift = SIGNIFICANT - 1 - e;
  const num = shift >= 0 ? n * pow10(shift) : n;
  const den = shift >= 0 ? d : d * pow10(-shift);
  let coef = num / den;
  const rem = num - coef * den;
  if (rem * 2n >= den) coef += 1n;
  if (coef === LIMIT) {
    coef = pow10(SIGNIFICANT - 1);
    shift -= 1;
  }
  while (coef % TEN === 0n) {
    coef /= TEN;
    shift -= 1;
  }
  return { coef, shift };
}

/** The plain digits of a quotient (what `decString(new D(N).div(D))` prints). */
export function quotientText(q: Quotient40): string {
  if (q.coef === 0n) return '0';
  const digits = q.coef.toString();
  if (q.shift <= 0) return digits + '0'.repeat(-q.shift);
  if (digits.length > q.shift) return `${digits.slice(0, digits.length - q.shift)}.${digits.slice(digits.length - q.shift)}`;
  return `0.${'0'.repeat(q.shift - digits.length)}${digits}`;
}

/** A (non-negative) quotient rounded to whole rupiah as `roundRupiah` does. */
export function quotientRupiah(q: Quotient40, rule: RoundingRule): Rupiah {
  if (rule !== 'half_up' && rule !== 'floor') throw new RangeError(`Aturan pembulatan tidak dikenal: ${String(rule)}`);
  let whole: bigint;
  if (q.shift <= 0) whole = q.coef * pow10(-q.shift);
  else {
    const unit = pow10(q.shift);
    whole = q.coef / unit;
    if (rule === 'half_up' && (q.coef - whole * unit) * 2n >= unit) whole += 1n;
  }
  const n = Number(whole);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Hasil pembulatan harus rupiah bulat: ${n}`);
  return n;
}

/** Bounds under which a safe-integer quotient needs no 40-digit emulation (see divRound). */
const SMALL_N = 2 ** 50;
const SMALL_D = 2 ** 31;

/**
 * roundRupiah(new D(n).div(d), rule) for integers n ≥ 0, d > 0, as exact integer arithmetic.
 *
 * With n < 2^50 (16 digits) and d < 2^31 the quotient has at most 16 whole digits, so the 40-digit
 * rounding moves it by less than 10^−24, while a quotient that is not exactly a whole or a half
 * lies at least 1/(2d) > 10^−10 away from one: the double rounding cannot tip, and the plain
 * integer answer is the decimal.js answer. Otherwise the double rounding is emulated with BigInt.
 */
export function divRound(n: number | bigint, d: number | bigint, rule: RoundingRule): Rupiah {
  if (typeof n === 'number' && typeof d === 'number' && n >= 0 && n < SMALL_N && d > 0 && d < SMALL_D && Number.isInteger(n) && Number.isInteger(d)) {
    const [q, r] = floorDiv(n, d);
    if (rule === 'half_up') return r * 2 >= d ? q + 1 : q;
    if (rule === 'floor') return q;
    throw new RangeError(`Aturan pembulatan tidak dikenal: ${String(rule)}`);
  }
  return quotientRupiah(quotient40(BigInt(n), BigInt(d)), rule);
}

/** floor(n / d) and the remainder, exact for safe integers with n < 2^53 and d < 2^31. */
function floorDiv(n: number, d: number): [number, number] {
  let q = Math.floor(n / d);
  let r = n - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  return [q, r];
}

/**
 * The plain digits of N / D as `D` prints it (40 significant digits, half-up) and the quotient
 * rounded to rupiah from those digits, in safe-integer arithmetic: a number of the working is
 * about 60,000 of these per month of a province. Null when the fast path does not apply (N not a
 * safe integer, D ≥ 2^31, or a quotient below 1); quotient40 then does it.
 */
export function quotientTextRupiah(n: number, d: number, rule: RoundingRule): { text: string; rupiah: Rupiah } | null {
  if (!(n >= 0 && n < 2 ** 52 && Number.isInteger(n) && d > 0 && d < SMALL_D && Number.isInteger(d))) return null;
  let [q, r] = floorDiv(n, d);
  if (q < 1) return null;
  const intDigits = String(q).length;
  if (intDigits >= SIGNIFICANT) return null;
  let wanted = SIGNIFICANT - intDigits;
  let frac = '';
  // As many digits at a time as keep r × 10^c (r < d) a safe integer.
  const chunk = d < 900 ? 12 : d < 9e5 ? 9 : d < 9e6 ? 8 : d < 9e7 ? 7 : 6;
  while (wanted > 0 && r !== 0) {
    const c = wanted < chunk ? wanted : chunk;
    const [digits, rest] = floorDiv(r * 10 ** c, d);
    frac += String(digits).padStart(c, '0');
    r = rest;
    wanted -= c;
  }
  // What is left after the 40th digit rounds it half-up (decimal.js ROUND_HALF_UP).
  if (r !== 0 && r * 2 >= d) {
    let i = frac.length - 1;
    while (i >= 0 && frac.charCodeAt(i) === 57) i--;
    if (i < 0) {
      frac = '';
      q += 1;
    } else {
      frac = frac.slice(0, i) + String.fromCharCode(frac.charCodeAt(i) + 1);
    }
  }
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
  if (end < frac.length) frac = frac.slice(0, end);
  let rupiah = q;
  if (rule === 'half_up') {
    if (frac.length > 0 && frac.charCodeAt(0) >= 53) rupiah += 1;
  } else if (rule !== 'floor') throw new RangeError(`Aturan pembulatan tidak dikenal: ${String(rule)}`);
  if (!Number.isSafeInteger(rupiah)) return null;
  return { text: frac.length > 0 ? `${q}.${frac}` : String(q), rupiah };
}
