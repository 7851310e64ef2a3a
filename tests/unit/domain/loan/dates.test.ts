import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addPeriods,
  compareDates,
  comparePeriods,
  daysBetween,
  isIsoDate,
  isPeriod,
  monthEnd,
  monthStart,
  nextPeriod,
  periodEndExclusive,
  periodFirstDay,
  periodLastDay,
  periodOf,
  periodsBetween,
  periodsInQuarter,
  previousPeriod,
  quarterOf,
} from '../../../../electron/domain/loan';

describe('ISO dates', () => {
  it('validates real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate(20250101)).toBe(false);
  });

  it('counts days between dates across months, leap days and years', () => {
    expect(daysBetween('2025-03-01', '2025-04-01')).toBe(31);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-10', '2025-01-01')).toBe(-9);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('adds months, clamping to the end of the month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 2)).toBe('2025-03-31');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-01-15', -13)).toBe('2023-12-15');
    expect(addMonths('2025-05-31', 0)).toBe('2025-05-31');
  });

  it('finds month start and end, and compares', () => {
    expect(monthStart('2024-02-17')).toBe('2024-02-01');
    expect(monthEnd('2024-02-17')).toBe('2024-02-29');
    expect(monthEnd('2025-02-17')).toBe('2025-02-28');
    expect(monthEnd('2025-12-01')).toBe('2025-12-31');
    expect(compareDates('2025-01-02', '2025-01-10')).toBe(-1);
    expect(compareDates('2025-01-10', '2025-01-10')).toBe(0);
    expect(compareDates('2026-01-01', '2025-12-31')).toBe(1);
  });
});

describe('periods', () => {
  it('maps dates to periods and back', () => {
    expect(periodOf('2025-10-27')).toBe('2025-10');
    expect(periodFirstDay('2024-02')).toBe('2024-02-01');
    expect(periodLastDay('2024-02')).toBe('2024-02-29');
    expect(periodLastDay('2025-02')).toBe('2025-02-28');
    expect(periodEndExclusive('2025-12')).toBe('2026-01-01');
    expect(isPeriod('2025-00')).toBe(false);
    expect(isPeriod('2025-12')).toBe(true);
  });

  it('steps and compares periods across years', () => {
    expect(nextPeriod('2025-12')).toBe('2026-01');
    expect(previousPeriod('2025-01')).toBe('2024-12');
    expect(addPeriods('2025-11', 14)).toBe('2027-01');
    expect(comparePeriods('2025-02', '2025-10')).toBe(-1);
    expect(comparePeriods('2026-01', '2025-12')).toBe(1);
    expect(comparePeriods('2025-06', '2025-06')).toBe(0);
    expect(periodsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodsBetween('2026-02', '2025-11')).toEqual([]);
  });

  it('knows the quarters', () => {
    expect(periodsInQuarter(2025, 1)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(periodsInQuarter(2025, 4)).toEqual(['2025-10', '2025-11', '2025-12']);
    expect(quarterOf('2025-06')).toEqual({ year: 2025, quarter: 2 });
    expect(quarterOf('2025-07')).toEqual({ year: 2025, quarter: 3 });
    expect(() => periodsInQuarter(2025, 5 as never)).toThrow(RangeError);
  });
});
