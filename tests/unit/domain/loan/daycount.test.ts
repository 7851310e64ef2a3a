import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, D, days30E360, interestDays, periodEndExclusive, periodFirstDay, periodsBetween, yearFraction } from '../../../../electron/domain/loan';

describe('interestDays', () => {
  it('actual rules count calendar days of [from, toExclusive)', () => {
    expect(interestDays('2025-03-01', '2025-04-01', 'act360')).toBe(31);
    expect(interestDays('2025-02-01', '2025-03-01', 'act365')).toBe(28);
    expect(interestDays('2024-02-01', '2024-03-01', 'act360')).toBe(29);
    expect(interestDays('2025-03-10', '2025-03-10', 'act360')).toBe(0);
    expect(() => interestDays('2025-03-10', '2025-03-09', 'act360')).toThrow(RangeError);
  });

  it('30E/360 turns day 31 into 30 and leaves February alone', () => {
    expect(days30E360('2025-01-01', '2025-01-31')).toBe(29); // 31 → 30: 30 − 1
    expect(days30E360('2025-01-30', '2025-01-31')).toBe(0);
    expect(days30E360('2025-01-31', '2025-02-01')).toBe(1); // (2·30 + 1) − (1·30 + 30)
    expect(days30E360('2025-01-15', '2025-02-15')).toBe(30);
    expect(days30E360('2025-02-01', '2025-02-28')).toBe(27);
    // The last day of February carries the missing days, so the month still totals 30.
    expect(days30E360('2025-02-28', '2025-03-01')).toBe(3);
    expect(days30E360('2024-02-29', '2024-03-01')).toBe(2);
    expect(days30E360('2025-01-01', '2026-01-01')).toBe(360);
    expect(interestDays('2025-02-01', '2025-03-01', '30360')).toBe(30);
  });

  it('every whole calendar month is 30 days under 30/360 (2020–2030, February included)', () => {
    for (const p of periodsBetween('2020-01', '2030-12')) {
      expect(interestDays(periodFirstDay(p), periodEndExclusive(p), '30360')).toBe(30);
      expect(yearFraction(periodFirstDay(p), periodEndExclusive(p), '30360').eq(new D(1).div(12))).toBe(true);
    }
  });

  it('30/360 is additive, so splitting a period never gains or loses a day', () => {
    const day = fc.integer({ min: 0, max: 4000 }).map((n) => addDays('2020-01-01', n));
    fc.assert(
      fc.property(day, day, day, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort();
        return interestDays(x as string, y as string, '30360') + interestDays(y as string, z as string, '30360') === interestDays(x as string, z as string, '30360');
      }),
      { seed: 20250101, numRuns: 500 },
    );
  });
});

describe('yearFraction', () => {
  it('divides by 360 or 365 exactly', () => {
    expect(yearFraction('2024-01-01', '2025-01-01', 'act365').eq(new D(366).div(365))).toBe(true);
    expect(yearFraction('2025-01-01', '2026-01-01', 'act360').eq(new D(365).div(360))).toBe(true);
    expect(yearFraction('2025-01-01', '2025-07-01', '30360').toString()).toBe('0.5');
    expect(yearFraction('2025-03-01', '2025-04-01', 'act360').eq(new D(31).div(360))).toBe(true);
  });
});
