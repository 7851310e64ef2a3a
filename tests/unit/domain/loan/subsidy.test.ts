import { describe, expect, it } from 'vitest';
import {
  computeSubsidy,
  generateSchedule,
  monthlySubsidy,
  periodsBetween,
  restructure,
  scheduledOutstandingOn,
  scheduledPrincipalChanges,
  segmentsFromChanges,
  splitAtRateChanges,
  subsidizedRatePercent,
  type DayCountRule,
  type RoundingRule,
} from '../../../../electron/domain/loan';

const whole = (from: string, toExclusive: string, outstanding: number) => [{ from, toExclusive, outstanding }];

describe('national formula: rate × base × days / 360 | 365, one segment', () => {
  // Outstanding 10.000.000, subsidised rate 8 % (bank 11 − debtor 3): 800.000 a year.
  it.each<[string, string, string, DayCountRule, RoundingRule, number, string]>([
    // March 2025: 31 actual days, 30 under 30E/360
    ['2025-03-01', '2025-04-01', '31/360', 'act360', 'half_up', 68_889, '800.000 × 31 / 360 = 68.888,89'],
    ['2025-03-01', '2025-04-01', '31/360', 'act360', 'floor', 68_888, '800.000 × 31 / 360 = 68.888,89'],
    ['2025-03-01', '2025-04-01', '31/365', 'act365', 'half_up', 67_945, '800.000 × 31 / 365 = 67.945,21'],
    ['2025-03-01', '2025-04-01', '31/365', 'act365', 'floor', 67_945, '800.000 × 31 / 365 = 67.945,21'],
    ['2025-03-01', '2025-04-01', '30/360', '30360', 'half_up', 66_667, '800.000 × 30 / 360 = 66.666,67'],
    ['2025-03-01', '2025-04-01', '30/360', '30360', 'floor', 66_666, '800.000 × 30 / 360 = 66.666,67'],
    // February 2025: 28 actual days, still 30 under 30E/360
    ['2025-02-01', '2025-03-01', '28/360', 'act360', 'half_up', 62_222, '800.000 × 28 / 360 = 62.222,22'],
    ['2025-02-01', '2025-03-01', '28/360', 'act360', 'floor', 62_222, '800.000 × 28 / 360 = 62.222,22'],
    ['2025-02-01', '2025-03-01', '28/365', 'act365', 'half_up', 61_370, '800.000 × 28 / 365 = 61.369,86'],
    ['2025-02-01', '2025-03-01', '28/365', 'act365', 'floor', 61_369, '800.000 × 28 / 365 = 61.369,86'],
    ['2025-02-01', '2025-03-01', '30/360', '30360', 'half_up', 66_667, '800.000 × 30 / 360 = 66.666,67'],
    ['2025-02-01', '2025-03-01', '30/360', '30360', 'floor', 66_666, '800.000 × 30 / 360 = 66.666,67'],
  ])('%s – %s (%s, %s, %s) → %d', (from, to, _days, dayCount, rounding, expected) => {
    const w = computeSubsidy({ segments: whole(from, to, 10_000_000), ratePercent: '8', dayCount, basis: 'outstanding', rounding });
    expect(w.amount).toBe(expected);
    expect(w.segments).toHaveLength(1);
    expect(w.rounding).toBe(rounding);
  });

  it('shows its working: base, days, rate, exact unrounded amounts', () => {
    const w = computeSubsidy({ segments: whole('2025-03-01', '2025-04-01', 10_000_000), ratePercent: '8', dayCount: 'act360', basis: 'outstanding' });
    expect(w).toEqual({
      basis: 'outstanding',
      dayCount: 'act360',
      daysInYear: 360,
      ratePercent: '8',
      segments: [{ from: '2025-03-01', toExclusive: '2025-04-01', base: 10_000_000, days: 31, rate: '8', unroundedAmount: '68888.88888888888888888888888888888888889' }],
      totalDays: 31,
      totalUnrounded: '68888.88888888888888888888888888888888889',
      rounding: 'half_up',
      amount: 68_889,
    });
  });

  it('an exact half rupiah goes up under half_up and down under floor', () => {
    // 1.000.050 × 12 % × 30 / 360 = 120.006 / 12 = 10.000,5
    const args = { segments: whole('2025-04-01', '2025-05-01', 1_000_050), ratePercent: '12', dayCount: '30360' as const, basis: 'outstanding' as const };
    expect(computeSubsidy(args).totalUnrounded).toBe('10000.5');
    expect(computeSubsidy({ ...args, rounding: 'half_up' }).amount).toBe(10_001);
    expect(computeSubsidy({ ...args, rounding: 'floor' }).amount).toBe(10_000);
  });
});

describe('basis plafon (flat loans)', () => {
  it('applies the rate to the plafon, not the outstanding', () => {
    // plafon 20.000.000 × 8 % × 31 / 360 = 1.600.000 × 31 / 360 = 137.777,78
    // (on the outstanding 15.000.000 it would be 1.200.000 × 31 / 360 = 103.333,33)
    const args = { segments: whole('2025-03-01', '2025-04-01', 15_000_000), ratePercent: '8', dayCount: 'act360' as const, plafon: 20_000_000 };
    expect(computeSubsidy({ ...args, basis: 'plafon' }).amount).toBe(137_778);
    expect(computeSubsidy({ ...args, basis: 'plafon', rounding: 'floor' }).amount).toBe(137_777);
    expect(computeSubsidy({ ...args, basis: 'plafon' }).segments[0]!.base).toBe(20_000_000);
    expect(computeSubsidy({ ...args, basis: 'outstanding' }).amount).toBe(103_333);
  });

  it('requires the plafon', () => {
    expect(() => computeSubsidy({ segments: whole('2025-03-01', '2025-04-01', 1), ratePercent: '8', dayCount: 'act360', basis: 'plafon' })).toThrow(RangeError);
  });
});

describe('a period split where the principal changed', () => {
  it('act360: 10 juta until the instalment on 15 March, 9 juta after', () => {
    // [1, 15) 14 days × 10.000.000 + [15, 1 Apr) 17 days × 9.000.000 = 293.000.000 rupiah-days
    // 8 % × 293.000.000 / 360 = 23.440.000 / 360 = 65.111,11 → 65.111
    const segments = segmentsFromChanges({
      start: '2025-03-01',
      endExclusive: '2025-04-01',
      openingOutstanding: 10_000_000,
      changes: [{ date: '2025-03-15', outstanding: 9_000_000 }],
    });
    expect(segments).toEqual([
      { from: '2025-03-01', toExclusive: '2025-03-15', outstanding: 10_000_000 },
      { from: '2025-03-15', toExclusive: '2025-04-01', outstanding: 9_000_000 },
    ]);
    const w = computeSubsidy({ segments, ratePercent: '8', dayCount: 'act360', basis: 'outstanding' });
    expect(w.segments.map((s) => [s.days, s.base, s.unroundedAmount])).toEqual([
      [14, 10_000_000, '31111.11111111111111111111111111111111111'],
      [17, 9_000_000, '34000'],
    ]);
    expect(w.totalDays).toBe(31);
    expect(w.amount).toBe(65_111);
    // act365: 23.440.000 / 365 = 64.219,18 → 64.219
    expect(computeSubsidy({ segments, ratePercent: '8', dayCount: 'act365', basis: 'outstanding' }).amount).toBe(64_219);
  });

  it('rounds the line once, not each segment', () => {
    // April: [1, 16) 15 days × 2.000.100 and [16, 1 May) 15 days × 1.000.100, 12 %
    // 2.000.100 × 12 % × 15/360 = 10.000,5 ; 1.000.100 × 12 % × 15/360 = 5.000,5 ; sum 15.001
    // (rounding each segment half-up would give 10.001 + 5.001 = 15.002)
    for (const dayCount of ['act360', '30360'] as const) {
      const segments = segmentsFromChanges({
        start: '2025-04-01',
        endExclusive: '2025-05-01',
        openingOutstanding: 2_000_100,
        changes: [{ date: '2025-04-16', outstanding: 1_000_100 }],
      });
      const w = computeSubsidy({ segments, ratePercent: '12', dayCount, basis: 'outstanding' });
      expect(w.segments.map((s) => s.unroundedAmount)).toEqual(['10000.5', '5000.5']);
      expect(w.totalUnrounded).toBe('15001');
      expect(w.amount).toBe(15_001);
    }
  });

  it('30/360: a split whole month still counts 30 days, February too', () => {
    // [1 Feb, 15 Feb) = 14, [15 Feb, 1 Mar) = 16 under 30E/360; 10 juta then 5 juta at 12 %
    // 12 % × (14 × 10.000.000 + 16 × 5.000.000) / 360 = 12 % × 220.000.000 / 360 = 73.333,33
    const segments = segmentsFromChanges({
      start: '2025-02-01',
      endExclusive: '2025-03-01',
      openingOutstanding: 10_000_000,
      changes: [{ date: '2025-02-15', outstanding: 5_000_000 }],
    });
    const w = computeSubsidy({ segments, ratePercent: '12', dayCount: '30360', basis: 'outstanding' });
    expect(w.segments.map((s) => s.days)).toEqual([14, 16]);
    expect(w.totalDays).toBe(30);
    expect(w.amount).toBe(73_333);
  });

  it('a rate change inside the period (restructuring) uses each segment’s own rate', () => {
    // [1, 16) 15 days at 8 % + [16, 1 May) 15 days at 4 %, 9.000.000, act360
    // 9.000.000 × (8 × 15 + 4 × 15) / 36.000 = 9.000.000 × 180 / 36.000 = 45.000
    const w = computeSubsidy({
      segments: [
        { from: '2025-04-01', toExclusive: '2025-04-16', outstanding: 9_000_000 },
        { from: '2025-04-16', toExclusive: '2025-05-01', outstanding: 9_000_000, ratePercent: '4' },
      ],
      ratePercent: '8',
      dayCount: 'act360',
      basis: 'outstanding',
    });
    expect(w.segments.map((s) => [s.rate, s.unroundedAmount])).toEqual([
      ['8', '30000'],
      ['4', '15000'],
    ]);
    expect(w.amount).toBe(45_000);
  });

  it('refuses overlapping or reversed segments', () => {
    const base = { ratePercent: '8', dayCount: 'act360' as const, basis: 'outstanding' as const };
    expect(() =>
      computeSubsidy({
        ...base,
        segments: [
          { from: '2025-04-01', toExclusive: '2025-04-16', outstanding: 1 },
          { from: '2025-04-10', toExclusive: '2025-05-01', outstanding: 1 },
        ],
      }),
    ).toThrow(RangeError);
    expect(() => computeSubsidy({ ...base, segments: whole('2025-04-16', '2025-04-01', 1) })).toThrow(RangeError);
  });
});

describe('mid-period payoff and disbursement', () => {
  it('payoff on 11 March: ten days of subsidy, nothing after', () => {
    // [1, 11) = 10 days; 10.000.000 × 8 % × 10 / 360 = 22.222,22 → 22.222
    // plafon basis (12.000.000): 960.000 × 10 / 360 = 26.666,67 → 26.667 half_up, 26.666 floor
    const segments = segmentsFromChanges({ start: '2025-03-01', endExclusive: '2025-04-01', openingOutstanding: 10_000_000, changes: [{ date: '2025-03-11', outstanding: 0 }] });
    expect(segments).toEqual([{ from: '2025-03-01', toExclusive: '2025-03-11', outstanding: 10_000_000 }]);
    expect(computeSubsidy({ segments, ratePercent: '8', dayCount: 'act360', basis: 'outstanding' }).amount).toBe(22_222);
    expect(computeSubsidy({ segments, ratePercent: '8', dayCount: 'act360', basis: 'plafon', plafon: 12_000_000 }).amount).toBe(26_667);
    expect(computeSubsidy({ segments, ratePercent: '8', dayCount: 'act360', basis: 'plafon', plafon: 12_000_000, rounding: 'floor' }).amount).toBe(26_666);
  });

  it('a zero-outstanding segment earns nothing, on either basis', () => {
    const segments = [
      { from: '2025-03-01', toExclusive: '2025-03-11', outstanding: 10_000_000 },
      { from: '2025-03-11', toExclusive: '2025-04-01', outstanding: 0 },
    ];
    const w = computeSubsidy({ segments, ratePercent: '8', dayCount: 'act360', basis: 'plafon', plafon: 12_000_000 });
    expect(w.segments[1]).toMatchObject({ base: 0, days: 21, unroundedAmount: '0' });
    expect(w.amount).toBe(26_667);
  });

  it('30/360 payoff on the last day of February counts 27 days; paid off on 1 March, the whole 30', () => {
    // [1 Feb, 28 Feb) = 27 days: 800.000 × 27 / 360 = 60.000
    const feb = (payoff: string) =>
      computeSubsidy({
        segments: segmentsFromChanges({ start: '2025-02-01', endExclusive: '2025-03-01', openingOutstanding: 10_000_000, activeUntilExclusive: payoff }),
        ratePercent: '8',
        dayCount: '30360',
        basis: 'outstanding',
      });
    expect(feb('2025-02-28').amount).toBe(60_000);
    expect(feb('2025-02-28').totalDays).toBe(27);
    expect(feb('2025-03-01').totalDays).toBe(30);
  });

  it('disbursed on 20 March: counted from the disbursement', () => {
    // [20 Mar, 1 Apr) = 12 days: 800.000 × 12 / 360 = 26.666,67 → 26.667
    const segments = segmentsFromChanges({ start: '2025-03-01', endExclusive: '2025-04-01', openingOutstanding: 10_000_000, activeFrom: '2025-03-20' });
    expect(segments).toEqual([{ from: '2025-03-20', toExclusive: '2025-04-01', outstanding: 10_000_000 }]);
    expect(computeSubsidy({ segments, ratePercent: '8', dayCount: 'act360', basis: 'outstanding' }).amount).toBe(26_667);
  });

  it('segmentsFromChanges: earlier changes set the opening, later ones are ignored, same values do not split', () => {
    const segments = segmentsFromChanges({
      start: '2025-03-01',
      endExclusive: '2025-04-01',
      openingOutstanding: 99,
      changes: [
        { date: '2025-04-01', outstanding: 1 },
        { date: '2025-03-20', outstanding: 7_000_000 },
        { date: '2025-02-10', outstanding: 8_000_000 },
        { date: '2025-03-10', outstanding: 8_000_000 },
      ],
    });
    expect(segments).toEqual([
      { from: '2025-03-01', toExclusive: '2025-03-20', outstanding: 8_000_000 },
      { from: '2025-03-20', toExclusive: '2025-04-01', outstanding: 7_000_000 },
    ]);
    expect(segmentsFromChanges({ start: '2025-03-01', endExclusive: '2025-04-01', openingOutstanding: 0 })).toEqual([]);
    expect(segmentsFromChanges({ start: '2025-03-01', endExclusive: '2025-04-01', openingOutstanding: 5, activeFrom: '2025-04-01' })).toEqual([]);
  });
});

describe('monthly form: base × rate / 12', () => {
  it('equals 30/360 over the whole month for every month, February and leap years included', () => {
    // 37.123.457 × 8 % / 12 = 2.969.876,56 / 12 = 247.489,7133… → 247.490 half_up, 247.489 floor
    for (const p of periodsBetween('2024-01', '2025-12')) {
      expect(monthlySubsidy({ period: p, outstanding: 37_123_457, ratePercent: '8' }).amount).toBe(247_490);
      expect(monthlySubsidy({ period: p, outstanding: 37_123_457, ratePercent: '8', rounding: 'floor' }).amount).toBe(247_489);
      expect(monthlySubsidy({ period: p, outstanding: 37_123_457, ratePercent: '8' }).totalDays).toBe(30);
    }
  });

  it('plafon basis: 20.000.000 × 8 % / 12 = 133.333,33', () => {
    expect(monthlySubsidy({ period: '2025-02', outstanding: 1, ratePercent: '8', basis: 'plafon', plafon: 20_000_000 }).amount).toBe(133_333);
  });
});

describe('subsidised rate from the scheme', () => {
  it("'selisih' is bank − debtor; 'persentase' is a share of the bank rate", () => {
    expect(subsidizedRatePercent({ mode: 'selisih', bankRatePercent: '11', debtorRatePercent: '3' }).toString()).toBe('8');
    expect(subsidizedRatePercent({ mode: 'selisih', bankRatePercent: '3', debtorRatePercent: '11' }).toString()).toBe('0');
    expect(subsidizedRatePercent({ mode: 'persentase', bankRatePercent: '11', debtorRatePercent: '0', sharePercent: '80' }).toString()).toBe('8.8');
    expect(subsidizedRatePercent({ mode: 'persentase', bankRatePercent: '12.5', debtorRatePercent: '0', sharePercent: '50' }).toString()).toBe('6.25');
  });
});

describe('a restructured loan through a claim period', () => {
  it('segments come from the schedule: an instalment mid-month splits the line', () => {
    // efektif 12 juta / 12 months at 12 %, due on the 10th; restructured 1 Aug 2025 to 12 months at 6 %.
    // August 2025: 6.000.000 until the instalment on the 10th, then 5.500.000.
    // subsidy 8 %, act360: 8 % × (9 × 6.000.000 + 22 × 5.500.000) / 360 = 8 % × 175.000.000 / 360
    //   = 14.000.000 / 360 = 38.888,89 → 38.889
    const s = restructure(
      generateSchedule({ plafon: 12_000_000, tenorMonths: 12, annualRatePercent: '12', method: 'efektif', firstDueDate: '2025-02-10', disbursementDate: '2025-01-10' }),
      '2025-08-01',
      { newTenorMonths: 12, newAnnualRatePercent: '6' },
    );
    const segments = segmentsFromChanges({
      start: '2025-08-01',
      endExclusive: '2025-09-01',
      openingOutstanding: scheduledOutstandingOn(s, '2025-08-01'),
      changes: scheduledPrincipalChanges(s),
      activeFrom: s.disbursementDate,
    });
    expect(segments).toEqual([
      { from: '2025-08-01', toExclusive: '2025-08-10', outstanding: 6_000_000 },
      { from: '2025-08-10', toExclusive: '2025-09-01', outstanding: 5_500_000 },
    ]);
    expect(computeSubsidy({ segments, ratePercent: '8', dayCount: 'act360', basis: 'outstanding' }).amount).toBe(38_889);
  });
});

describe('splitAtRateChanges: a restructuring that changes the rate inside the period', () => {
  const march = [
    { from: '2024-03-01', toExclusive: '2024-03-15', outstanding: 11_000_000 },
    { from: '2024-03-15', toExclusive: '2024-04-01', outstanding: 10_000_000 },
  ];

  it('cuts the segment holding the date; pieces from it carry the new rate', () => {
    const segments = splitAtRateChanges(march, '8', [{ date: '2024-03-20', ratePercent: '11' }]);
    expect(segments).toEqual([
      { from: '2024-03-01', toExclusive: '2024-03-15', outstanding: 11_000_000 },
      { from: '2024-03-15', toExclusive: '2024-03-20', outstanding: 10_000_000 },
      { from: '2024-03-20', toExclusive: '2024-04-01', outstanding: 10_000_000, ratePercent: '11' },
    ]);
    // (11.000.000 × 14 × 8 + 10.000.000 × 5 × 8 + 10.000.000 × 12 × 11) / 36.000 = 2.952.000.000 / 36.000 = 82.000
    expect(computeSubsidy({ segments, ratePercent: '8', dayCount: 'act360', basis: 'outstanding' }).amount).toBe(82_000);
  });

  it('a change on a segment boundary re-rates the later segments without a cut; the same rate changes nothing', () => {
    expect(splitAtRateChanges(march, '8', [{ date: '2024-03-15', ratePercent: '6.5' }]).map((s) => s.ratePercent)).toEqual([undefined, '6.5']);
    expect(splitAtRateChanges(march, '8', [{ date: '2024-03-20', ratePercent: '8.00' }])).toEqual(march);
  });
});
