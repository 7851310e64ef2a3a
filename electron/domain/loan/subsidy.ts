/**
 * The interest subsidy of one loan for one period (one claim line), with its working.
 *
 *     subsidy = subsidised rate × base × interest days / (100 × 360 | 365)
 *
 * The period [start, endExclusive) is cut into segments wherever the principal changed. The
 * whole line is one exact sum Σ(base × rate × days) divided once, and it is rounded once at the
 * end: segments are never rounded on their own.
 */
import Decimal from 'decimal.js';
import { dayCountBasis, interestDays, type DayCountRule } from './daycount';
import { assertIsoDate, compareDates, maxDate, minDate, periodEndExclusive, periodFirstDay, type IsoDate, type Period } from './dates';
import { assertNonNegativeRupiah, D, decString, percent, roundRupiah, type DecimalInput, type RoundingRule, type Rupiah } from './money';

export const SUBSIDY_BASES = ['outstanding', 'plafon'] as const;
/** 'outstanding': the principal still owed · 'plafon': the principal granted (flat loans). */
export type SubsidyBasis = (typeof SUBSIDY_BASES)[number];

/** A stretch of the period during which the principal did not change. */
export interface OutstandingSegment {
  from: IsoDate;
  toExclusive: IsoDate;
  outstanding: Rupiah;
  /** Only when the rate itself changed inside the period (a restructuring); otherwise the line's rate. */
  ratePercent?: DecimalInput;
}

export interface SubsidyInput {
  segments: readonly OutstandingSegment[];
  /** The subsidised annual rate in %, e.g. '8' (see subsidizedRatePercent). */
  ratePercent: DecimalInput;
  dayCount: DayCountRule;
  basis: SubsidyBasis;
  /** Required for basis 'plafon'. */
  plafon?: Rupiah;
  rounding?: RoundingRule;
}

export interface SubsidySegmentWorking {
  from: IsoDate;
  toExclusive: IsoDate;
  /** The amount the rate is applied to: the outstanding, or the plafon while anything is owed. */
  base: Rupiah;
  days: number;
  /** Annual % applied. */
  rate: string;
  /** base × rate × days / (100 × basis), exact decimal (never rounded by itself). */
  unroundedAmount: string;
}

/** How a line's amount was found: enough to redo it by hand. */
export interface SubsidyWorking {
  basis: SubsidyBasis;
  dayCount: DayCountRule;
  /** 360 or 365. */
  daysInYear: 360 | 365;
  ratePercent: string;
  segments: SubsidySegmentWorking[];
  totalDays: number;
  /** Exact decimal sum of the segments before rounding. */
  totalUnrounded: string;
  rounding: RoundingRule;
  /** Whole rupiah, rounded once from totalUnrounded. */
  amount: Rupiah;
}

export function computeSubsidy(input: SubsidyInput): SubsidyWorking {
  const rounding = input.rounding ?? 'half_up';
  const lineRate = percent(input.ratePercent, 'Tarif subsidi');
  const daysInYear = dayCountBasis(input.dayCount);
  if (input.basis !== 'outstanding' && input.basis !== 'plafon') throw new RangeError(`Basis subsidi tidak dikenal: ${String(input.basis)}`);
  if (input.basis === 'plafon') {
    if (input.plafon === undefined) throw new RangeError('Plafon wajib diisi untuk basis plafon');
    assertNonNegativeRupiah(input.plafon, 'Plafon');
  }
  const denominator = new D(100).times(daysInYear);
  let numerator = new D(0);
  let totalDays = 0;
  let previousEnd: IsoDate | null = null;
  const segments: SubsidySegmentWorking[] = [];
  for (const s of input.segments) {
    assertIsoDate(s.from, 'Awal segmen');
    assertIsoDate(s.toExclusive, 'Akhir segmen');
    assertNonNegativeRupiah(s.outstanding, 'Baki debet');
    if (compareDates(s.from, s.toExclusive) > 0) throw new RangeError(`Segmen terbalik: ${s.from} – ${s.toExclusive}`);
    if (previousEnd !== null && compareDates(s.from, previousEnd) < 0) throw new RangeError(`Segmen tumpang tindih atau tidak urut pada ${s.from}`);
    previousEnd = s.toExclusive;
    // Plafon basis: the plafon counts only while something is still owed (nothing after payoff).
    const base = input.basis === 'plafon' ? (s.outstanding > 0 ? (input.plafon as Rupiah) : 0) : s.outstanding;
    const rate = s.ratePercent === undefined ? lineRate : percent(s.ratePercent, 'Tarif subsidi');
    const days = interestDays(s.from, s.toExclusive, input.dayCount);
    const segNumerator = new D(base).times(rate).times(days);
    numerator = numerator.plus(segNumerator);
    totalDays += days;
    segments.push({ from: s.from, toExclusive: s.toExclusive, base, days, rate: decString(rate), unroundedAmount: decString(segNumerator.div(denominator)) });
  }
  const total: Decimal = numerator.div(denominator);
  return {
    basis: input.basis,
    dayCount: input.dayCount,
    daysInYear,
    ratePercent: decString(lineRate),
    segments,
    totalDays,
    totalUnrounded: decString(total),
    rounding,
    amount: roundRupiah(total, rounding),
  };
}

/** Outstanding from `date` on (inclusive), e.g. after an instalment, a prepayment or a payoff (0). */
export interface PrincipalChange {
  date: IsoDate;
  outstanding: Rupiah;
}

export interface SegmentsInput {
  start: IsoDate;
  endExclusive: IsoDate;
  /** Principal owed at `start` before any of `changes`. */
  openingOutstanding: Rupiah;
  /**
   * Any order. Changes dated on or before `start` set the opening; those on or after
   * `endExclusive` are ignored; two on one date: the later in the list wins.
   */
  changes?: readonly PrincipalChange[];
  /** Disbursement: nothing is counted before it. */
  activeFrom?: IsoDate | null;
  /** Payoff or maturity: nothing is counted from it on. */
  activeUntilExclusive?: IsoDate | null;
}

/**
 * Cuts [start, endExclusive) into segments of constant principal. A change to 0 is a payoff: the
 * segments end there. Changes that leave the principal as it was do not split. Empty when the
 * loan is not active in the period.
 */
export function segmentsFromChanges(input: SegmentsInput): OutstandingSegment[] {
  assertIsoDate(input.start, 'Awal periode');
  assertIsoDate(input.endExclusive, 'Akhir periode');
  assertNonNegativeRupiah(input.openingOutstanding, 'Baki debet awal');
  let start = input.start;
  let end = input.endExclusive;
  if (input.activeFrom) start = maxDate(start, input.activeFrom);
  if (input.activeUntilExclusive) end = minDate(end, input.activeUntilExclusive);
  if (compareDates(start, end) >= 0) return [];

  const changes = (input.changes ?? [])
    .map((c, i) => {
      assertIsoDate(c.date, 'Tanggal perubahan pokok');
      assertNonNegativeRupiah(c.outstanding, 'Baki debet');
      return { ...c, i };
    })
    .sort((a, b) => compareDates(a.date, b.date) || a.i - b.i);

  let outstanding = input.openingOutstanding;
  const inside: PrincipalChange[] = [];
  for (const c of changes) {
    if (compareDates(c.date, start) <= 0) outstanding = c.outstanding;
    else if (compareDates(c.date, end) < 0) inside.push(c);
  }

  const segments: OutstandingSegment[] = [];
  let from = start;
  for (const c of inside) {
    if (outstanding === 0) break;
    if (c.outstanding === outstanding) continue;
    if (compareDates(c.date, from) > 0) segments.push({ from, toExclusive: c.date, outstanding });
    from = c.date;
    outstanding = c.outstanding;
  }
  if (outstanding > 0 && compareDates(from, end) < 0) segments.push({ from, toExclusive: end, outstanding });
  return segments;
}

/** The subsidised rate from `date` on (a restructuring that changed the bank's or the debtor's rate). */
export interface RateChange {
  date: IsoDate;
  ratePercent: DecimalInput;
}

/**
 * Cuts segments again where the rate changed: a change strictly inside a segment splits it, and
 * every piece from a change on carries that change's rate (pieces before the first change keep
 * the line's rate). A change to the rate already in force splits nothing.
 */
export function splitAtRateChanges(segments: readonly OutstandingSegment[], lineRatePercent: DecimalInput, changes: readonly RateChange[]): OutstandingSegment[] {
  const sorted = changes
    .map((c, i) => {
      assertIsoDate(c.date, 'Tanggal perubahan tarif');
      return { date: c.date, rate: percent(c.ratePercent, 'Tarif subsidi'), i };
    })
    .sort((a, b) => compareDates(a.date, b.date) || a.i - b.i);
  if (sorted.length === 0) return segments.map((s) => ({ ...s }));
  const lineRate = percent(lineRatePercent, 'Tarif subsidi');
  const rateOn = (date: IsoDate): Decimal => {
    let rate = lineRate;
    for (const c of sorted) if (compareDates(c.date, date) <= 0) rate = c.rate;
    return rate;
  };
  const out: OutstandingSegment[] = [];
  for (const s of segments) {
    let from = s.from;
    let rate = s.ratePercent === undefined ? rateOn(from) : percent(s.ratePercent, 'Tarif subsidi');
    for (const c of sorted) {
      if (compareDates(c.date, from) <= 0 || compareDates(c.date, s.toExclusive) >= 0 || c.rate.equals(rate)) continue;
      out.push(withRate({ from, toExclusive: c.date, outstanding: s.outstanding }, rate, lineRate));
      from = c.date;
      rate = c.rate;
    }
    out.push(withRate({ from, toExclusive: s.toExclusive, outstanding: s.outstanding }, rate, lineRate));
  }
  return out;
}

function withRate(s: OutstandingSegment, rate: Decimal, lineRate: Decimal): OutstandingSegment {
  return rate.equals(lineRate) ? s : { ...s, ratePercent: decString(rate) };
}

export interface MonthlySubsidyInput {
  period: Period;
  outstanding: Rupiah;
  ratePercent: DecimalInput;
  basis?: SubsidyBasis;
  plafon?: Rupiah;
  rounding?: RoundingRule;
}

/**
 * The monthly form used by regional schemes: base × rate / 12. It is the 30/360 rule over the
 * whole calendar month (30 days / 360 = 1/12 for every month, February too), so it comes with
 * the same working as any other line.
 */
export function monthlySubsidy(input: MonthlySubsidyInput): SubsidyWorking {
  return computeSubsidy({
    segments: [{ from: periodFirstDay(input.period), toExclusive: periodEndExclusive(input.period), outstanding: input.outstanding }],
    ratePercent: input.ratePercent,
    dayCount: '30360',
    basis: input.basis ?? 'outstanding',
    ...(input.plafon === undefined ? {} : { plafon: input.plafon }),
    ...(input.rounding === undefined ? {} : { rounding: input.rounding }),
  });
}
