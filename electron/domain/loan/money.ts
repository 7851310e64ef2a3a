/**
 * Money and exact decimals for the loan engine.
 *
 * Rupiah are whole numbers held in a JS `number` (always a safe integer). Rates and every
 * intermediate product are `Decimal`s from the local constructor `D`. The only place where a
 * decimal becomes rupiah is `roundRupiah`, so every line is rounded exactly once.
 */
import Decimal from 'decimal.js';

/**
 * 40 significant digits: a product of a rupiah amount (≤ 16 digits), a rate and a day count
 * stays exact, and a single final division is correctly rounded far below one rupiah.
 * Exponent notation is switched off so `toString()` is always plain digits.
 */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });

/** Whole rupiah. */
export type Rupiah = number;

/** How a line is rounded to whole rupiah. */
export const ROUNDING_RULES = ['half_up', 'floor'] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];

/** What `dec` accepts: a decimal string ('11', '11.5'), an integer, or a Decimal. */
export type DecimalInput = string | number | Decimal;

const DECIMAL_STRING = /^[+-]?\d+(\.\d+)?$/;

/**
 * An exact Decimal. Numbers must be safe integers: a float such as 0.1 is already inexact,
 * so fractional values have to arrive as strings.
 */
export function dec(value: DecimalInput): Decimal {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Angka bukan bilangan bulat yang aman, tulis sebagai teks desimal: ${value}`);
    return new D(value);
  }
  if (typeof value === 'string') {
    const s = value.trim();
    if (!DECIMAL_STRING.test(s)) throw new RangeError(`Bukan angka desimal: '${value}'`);
    return new D(s);
  }
  if (Decimal.isDecimal(value) && value.isFinite()) return new D(value);
  throw new RangeError(`Bukan angka desimal: ${String(value)}`);
}

/** Throws unless `value` is a safe integer (a valid rupiah amount). */
export function assertRupiah(value: number, what = 'Jumlah'): asserts value is Rupiah {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} harus rupiah bulat: ${value}`);
}

/** Throws unless `value` is a non-negative safe integer. */
export function assertNonNegativeRupiah(value: number, what = 'Jumlah'): asserts value is Rupiah {
  assertRupiah(value, what);
  if (value < 0) throw new RangeError(`${what} tidak boleh negatif: ${value}`);
}

/**
 * The one rounding place. 'half_up': to the nearest rupiah, an exact half going away from
 * zero (for the non-negative amounts of this program: upwards, 0.5 → 1). 'floor': down to
 * the rupiah below (towards −∞).
 */
export function roundRupiah(value: Decimal, rule: RoundingRule = 'half_up'): Rupiah {
  if (!Decimal.isDecimal(value) || !value.isFinite()) throw new RangeError(`Nilai tidak dapat dibulatkan: ${String(value)}`);
  const mode = rule === 'floor' ? Decimal.ROUND_FLOOR : rule === 'half_up' ? Decimal.ROUND_HALF_UP : undefined;
  if (mode === undefined) throw new RangeError(`Aturan pembulatan tidak dikenal: ${String(rule)}`);
  const n = new D(value).toDecimalPlaces(0, mode).toNumber();
  assertRupiah(n, 'Hasil pembulatan');
  return n === 0 ? 0 : n; // no -0
}

/** Sum of rupiah amounts, refusing anything that would leave the safe-integer range. */
export function sumRupiah(values: readonly Rupiah[]): Rupiah {
  let total = 0;
  for (const v of values) {
    assertRupiah(v);
    total += v;
    assertRupiah(total, 'Jumlah total');
  }
  return total;
}

/**
 * A percentage (per year for rates, of an amount for shares) as an exact Decimal, checked to
 * lie in 0–100: '11' is 11 %.
 */
export function percent(value: DecimalInput, what = 'Persen'): Decimal {
  const p = dec(value);
  if (p.isNegative() && !p.isZero()) throw new RangeError(`${what} tidak boleh negatif: ${p.toString()}`);
  if (p.greaterThan(100)) throw new RangeError(`${what} tidak boleh lebih dari 100: ${p.toString()}`);
  return p;
}

/** Plain digits of an exact Decimal, no exponent, for the working shown to people. */
export function decString(value: Decimal): string {
  return new D(value).toFixed();
}
