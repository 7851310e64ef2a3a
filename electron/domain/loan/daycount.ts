/**
 * Day-count rules for interest and subsidy. Intervals are half-open: [from, toExclusive),
 * so a whole calendar month is [YYYY-MM-01, first day of the next month).
 */
import Decimal from 'decimal.js';
import { daysBetween, parseIsoDate, type IsoDate } from './dates';
import { D } from './money';

export const DAY_COUNT_RULES = ['act360', 'act365', '30360'] as const;
/** 'act360': actual days / 360 · 'act365': actual days / 365 (always 365, leap years too) · '30360': 30E/360. */
export type DayCountRule = (typeof DAY_COUNT_RULES)[number];

/**
 * European 30E/360: each date is read as year·360 + month·30 + min(day, 30), and the days of an
 * interval are the difference. Only day 31 is changed (to 30); the end of February is NOT
 * moved to 30. Because the end of an interval is exclusive and a month ends on the 1st of the
 * next month, a whole calendar month is always exactly 30 days, February included
 * ([2025-02-01, 2025-03-01) = 30): the two or three days February lacks fall on its last day,
 * i.e. into the segment that contains the last day of February ([2025-02-28, 2025-03-01) = 3).
 * The count is additive (days(a,b) + days(b,c) = days(a,c)), so splitting a month at a
 * principal change never gains or loses a day: the pieces still add up to 30.
 */
export function days30E360(from: IsoDate, toExclusive: IsoDate): number {
  return serial30E(toExclusive) - serial30E(from);
}

function serial30E(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return year * 360 + (month - 1) * 30 + Math.min(day, 30);
}

/** Interest days of [from, toExclusive) under `rule`. Refuses an interval that runs backwards. */
export function interestDays(from: IsoDate, toExclusive: IsoDate, rule: DayCountRule): number {
  const actual = daysBetween(from, toExclusive);
  if (actual < 0) throw new RangeError(`Akhir periode (${toExclusive}) sebelum awalnya (${from})`);
  switch (rule) {
    case 'act360':
    case 'act365':
      return actual;
    case '30360':
      return days30E360(from, toExclusive);
    default:
      throw new RangeError(`Konvensi hari tidak dikenal: ${String(rule)}`);
  }
}

/** The days in a year under `rule`: 360 or 365. */
export function dayCountBasis(rule: DayCountRule): 360 | 365 {
  if (rule === 'act365') return 365;
  if (rule === 'act360' || rule === '30360') return 360;
  throw new RangeError(`Konvensi hari tidak dikenal: ${String(rule)}`);
}

/** interestDays / basis, as an exact (or 40-digit) Decimal. */
export function yearFraction(from: IsoDate, toExclusive: IsoDate, rule: DayCountRule): Decimal {
  return new D(interestDays(from, toExclusive, rule)).div(dayCountBasis(rule));
}
