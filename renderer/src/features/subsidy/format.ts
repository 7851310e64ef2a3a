/**
 * Pure helpers for showing a subsidy line's working. Exact decimals arrive from the main process
 * as strings ('71555.5555…'); they are formatted here digit by digit, never through a JS number,
 * so what the clerk reads is the exact value rounded for display only.
 */
import type { SubsidyWorking } from '@contract';
import { formatPeriod, formatRupiah } from '@/format';
import { addDays, addPeriods } from '@domain/loan/dates';

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

interface Parsed {
  negative: boolean;
  int: string;
  frac: string;
}

function parse(value: string): Parsed {
  const m = DECIMAL.exec(value.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`Bukan bilangan desimal: ${value}`);
  return { negative: m[1] === '-', int: (m[2] || '0').replace(/^0+(?=\d)/, ''), frac: m[3] ?? '' };
}

/** Adds one to a string of digits ('0999' → '1000'), keeping it exact at any length. */
function increment(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === '9') {
      out[i] = '0';
    } else {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
  }
  return `1${out.join('')}`;
}

export type DisplayRounding = 'half_up' | 'truncate';

/** The value cut to `decimals` places: half away from zero, or simply truncated. */
function roundParsed(p: Parsed, decimals: number, mode: DisplayRounding): Parsed {
  const frac = p.frac.padEnd(decimals + 1, '0');
  let digits = p.int + frac.slice(0, decimals);
  if (mode === 'half_up' && frac.charCodeAt(decimals) >= '5'.charCodeAt(0)) digits = increment(digits);
  const int = digits.slice(0, digits.length - decimals).replace(/^0+(?=\d)/, '') || '0';
  const out = { negative: p.negative, int, frac: digits.slice(digits.length - decimals) };
  // No "-0,00".
  if (/^0*$/.test(out.int + out.frac)) out.negative = false;
  return out;
}

function render(p: Parsed): string {
  const int = p.int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${p.negative ? '-' : ''}${int}${p.frac ? `,${p.frac}` : ''}`;
}

/**
 * An exact decimal string written the Indonesian way with a fixed number of places:
 * '71555.5555555' → '71.555,56', '1234' → '1.234,00'. Display only.
 */
export function formatDecimal(value: string, decimals = 2, mode: DisplayRounding = 'half_up'): string {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`Jumlah desimal tidak valid: ${decimals}`);
  return render(roundParsed(parse(value), decimals, mode));
}

/** The whole rupiah a decimal string rounds to under the scheme's rule (as the engine does). */
export function roundToRupiah(value: string, rule: SubsidyWorking['pembulatan']): bigint {
  const p = parse(value);
  const hasFraction = /[1-9]/.test(p.frac);
  let n = BigInt(p.int);
  if (rule === 'half_up') {
    if ((p.frac[0] ?? '0') >= '5') n += 1n;
  } else if (p.negative && hasFraction) {
    // floor goes down: -1,2 → -2
    n += 1n;
  }
  return p.negative ? -n : n;
}

/**
 * An unrounded amount shown before its rounding: two decimals as a rule, more when two would
 * seem to contradict the rounding that follows (71.555,4999 shown as "71.555,50 → Rp71.555"), so
 * the formula on screen always reads right.
 */
export function formatUnrounded(value: string, rule: SubsidyWorking['pembulatan'], maxDecimals = 6): string {
  const exact = roundToRupiah(value, rule);
  const p = parse(value);
  for (let d = 2; d <= maxDecimals; d++) {
    const shown = roundParsed(p, d, 'half_up');
    if (roundToRupiah(`${shown.negative ? '-' : ''}${shown.int}.${shown.frac}`, rule) === exact) return render(shown);
  }
  return render(roundParsed(p, maxDecimals, 'truncate'));
}

/** '8' → '8 %', '4.5' → '4,5 %' (exact, not rounded). */
export function formatPercentId(value: string): string {
  return `${render(parse(value))} %`;
}

/** The days in a year the rule divides by. */
export function daysInYear(rule: SubsidyWorking['konvensiHari']): 360 | 365 {
  return rule === 'act365' ? 365 : 360;
}

/** The last day inside a segment whose end is exclusive: '2025-02-15' → '2025-02-14'. */
export function lastDayInclusive(endExclusive: string): string {
  return addDays(endExclusive, -1);
}

/** The distinct rates of a line's segments in order of their days ('8', '11'); one for almost every line. */
export function segmentRates(w: SubsidyWorking): string[] {
  const rates: string[] = [];
  for (const s of w.segmen) if (rates.at(-1) !== s.tarifPersen) rates.push(s.tarifPersen);
  return rates.length === 0 ? [w.tarifSubsidiPersen] : rates;
}

/**
 * The line's working as one line of arithmetic:
 * '8 % × (Rp12.000.000 × 14 + Rp11.000.000 × 14) / 360 = 71.555,56 → Rp71.556', and where a
 * restructuring changed the rate inside the month each term with its own rate:
 * '(Rp10.000.000 × 19 × 8 % + Rp10.000.000 × 12 × 11 %) / 360 = …'.
 */
export function formulaText(w: SubsidyWorking): string {
  const tail = ` / ${daysInYear(w.konvensiHari)} = ${formatUnrounded(w.tidakDibulatkan, w.pembulatan)} → ${formatRupiah(w.jumlah)}`;
  if (segmentRates(w).length > 1) {
    return `(${w.segmen.map((s) => `${formatRupiah(s.pokok)} × ${s.hari} × ${formatPercentId(s.tarifPersen)}`).join(' + ')})${tail}`;
  }
  const terms = w.segmen.map((s) => `${formatRupiah(s.pokok)} × ${s.hari}`);
  const body = terms.length === 0 ? '0' : terms.length === 1 ? terms[0]! : `(${terms.join(' + ')})`;
  return `${formatPercentId(w.tarifSubsidiPersen)} × ${body}${tail}`;
}

/** The last month of a run: the same month, or the chosen month and the two after it for a quarter. */
export function periodEnd(periodeAwal: string, quarterly: boolean): string {
  return quarterly ? addPeriods(periodeAwal, 2) : periodeAwal;
}

/** The month before the one holding `todayIso` ('2025-03-10' → '2025-02'): what is usually claimed. */
export function previousMonth(todayIso: string): string {
  return addPeriods(todayIso.slice(0, 7), -1);
}

/** 'Oktober 2025', or 'Oktober 2025 – Desember 2025' for a run over several months. */
export function formatPeriodRange(awal: string, akhir: string, locale: 'id' | 'en' = 'id'): string {
  return awal === akhir ? formatPeriod(awal, locale) : `${formatPeriod(awal, locale)} – ${formatPeriod(akhir, locale)}`;
}
