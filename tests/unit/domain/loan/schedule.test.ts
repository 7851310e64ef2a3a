import { describe, expect, it } from 'vitest';
import { FV, IPMT, PMT, PPMT } from '@formulajs/formulajs';
import {
  annuityPayment,
  generateSchedule,
  maturityDate,
  restructure,
  scheduledOutstandingOn,
  scheduledPrincipalChanges,
  splitInterest,
  splitSchedule,
  type ScheduleParams,
} from '../../../../electron/domain/loan';

/** formulajs returns an Error object instead of throwing. */
function num(x: number | Error): number {
  if (x instanceof Error) throw x;
  return x;
}

const base: ScheduleParams = {
  plafon: 12_000_000,
  tenorMonths: 12,
  annualRatePercent: '12',
  method: 'flat',
  firstDueDate: '2025-02-10',
  disbursementDate: '2025-01-10',
};

describe('flat', () => {
  it('12 juta, 12 months, 12 %: 1 juta principal + 120.000 interest every month', () => {
    // interest = 12.000.000 × 12 / 1200 = 120.000; principal = 12.000.000 / 12 = 1.000.000
    const s = generateSchedule(base);
    expect(s.periods).toHaveLength(12);
    for (const p of s.periods) {
      expect([p.principal, p.interest, p.installment]).toEqual([1_000_000, 120_000, 1_120_000]);
    }
    expect(s.periods[0]).toMatchObject({ no: 1, dueDate: '2025-02-10', period: '2025-02', openingOutstanding: 12_000_000, closingOutstanding: 11_000_000 });
    expect(s.periods[11]).toMatchObject({ no: 12, dueDate: '2026-01-10', period: '2026-01', openingOutstanding: 1_000_000, closingOutstanding: 0 });
    expect(s.totals).toEqual({ principal: 12_000_000, interest: 1_440_000, installment: 13_440_000 });
    expect(maturityDate(s)).toBe('2026-01-10');
  });

  it('10 juta, 3 months, 11 %: the last principal absorbs the residue; interest rounded by the rule', () => {
    // principal 10.000.000 / 3 = 3.333.333,33 → 3.333.333, 3.333.333, last 3.333.334
    // interest 10.000.000 × 11 / 1200 = 91.666,67 → half_up 91.667, floor 91.666
    const half = generateSchedule({ ...base, plafon: 10_000_000, tenorMonths: 3, annualRatePercent: '11' });
    expect(half.periods.map((p) => p.principal)).toEqual([3_333_333, 3_333_333, 3_333_334]);
    expect(half.periods.map((p) => p.interest)).toEqual([91_667, 91_667, 91_667]);
    const floor = generateSchedule({ ...base, plafon: 10_000_000, tenorMonths: 3, annualRatePercent: '11', rounding: 'floor' });
    expect(floor.periods.map((p) => p.interest)).toEqual([91_666, 91_666, 91_666]);
    expect(floor.periods.map((p) => p.principal)).toEqual([3_333_333, 3_333_333, 3_333_334]);
  });

  it('matches the closed form for a batch of loans', () => {
    for (const [plafon, tenor, bp] of [
      [1_000_000, 1, 0],
      [7_777_777, 7, 1150],
      [250_000_000, 60, 1100],
      [15_000_000, 36, 2999],
      [499_999_999, 120, 1],
    ] as const) {
      const s = generateSchedule({ ...base, plafon, tenorMonths: tenor, annualRatePercent: String(bp / 100) });
      // Independent integer arithmetic: round(a / b) half-up = floor((2a + b) / 2b).
      const interest = Number((2n * BigInt(plafon) * BigInt(bp) + 120_000n) / 240_000n);
      const principal = Number((2n * BigInt(plafon) + BigInt(tenor)) / (2n * BigInt(tenor)));
      s.periods.forEach((p, k) => {
        expect(p.interest).toBe(interest);
        expect(p.principal).toBe(k === tenor - 1 ? plafon - principal * (tenor - 1) : principal);
      });
    }
  });
});

describe('efektif (sliding)', () => {
  it('10 juta, 4 months, 12 %: interest 1 % of the opening outstanding', () => {
    // principal 2.500.000; interest 10.000.000 × 1 % = 100.000, 7.500.000 → 75.000, 50.000, 25.000
    const s = generateSchedule({ ...base, method: 'efektif', plafon: 10_000_000, tenorMonths: 4 });
    expect(s.periods.map((p) => p.interest)).toEqual([100_000, 75_000, 50_000, 25_000]);
    expect(s.periods.map((p) => p.installment)).toEqual([2_600_000, 2_575_000, 2_550_000, 2_525_000]);
    expect(s.totals.interest).toBe(250_000);
  });

  it('1 juta, 3 months, 10 %: each part rounded once, by either rule', () => {
    // principal 1.000.000 / 3 = 333.333,33 → 333.333, 333.333, 333.334
    // interest 1.000.000 × 10/1200 = 8.333,33; 666.667 × 10/1200 = 5.555,558; 333.334 × 10/1200 = 2.777,783
    const half = generateSchedule({ ...base, method: 'efektif', plafon: 1_000_000, tenorMonths: 3, annualRatePercent: '10' });
    expect(half.periods.map((p) => p.interest)).toEqual([8_333, 5_556, 2_778]);
    expect(half.periods.map((p) => p.openingOutstanding)).toEqual([1_000_000, 666_667, 333_334]);
    const floor = generateSchedule({ ...base, method: 'efektif', plafon: 1_000_000, tenorMonths: 3, annualRatePercent: '10', rounding: 'floor' });
    expect(floor.periods.map((p) => p.interest)).toEqual([8_333, 5_555, 2_777]);
  });

  it('matches the closed form interest = round(opening × rate / 12)', () => {
    for (const [plafon, tenor, bp] of [
      [3_000_001, 11, 875],
      [123_456_789, 48, 1800],
      [500_000_000, 120, 3000],
    ] as const) {
      const s = generateSchedule({ ...base, method: 'efektif', plafon, tenorMonths: tenor, annualRatePercent: String(bp / 100) });
      const principal = Number((2n * BigInt(plafon) + BigInt(tenor)) / (2n * BigInt(tenor)));
      s.periods.forEach((p, k) => {
        const opening = plafon - principal * k;
        expect(p.openingOutstanding).toBe(opening);
        expect(p.interest).toBe(Number((2n * BigInt(opening) * BigInt(bp) + 120_000n) / 240_000n));
      });
    }
  });
});

describe('anuitas', () => {
  it('10 juta, 12 months, 11 %: instalment 883.817 (PMT 883.816,585…)', () => {
    // i = 11/1200; PMT = 10.000.000 · i / (1 − (1+i)^−12) = 883.816,5852…  → 883.817
    // period 1: interest 10.000.000 · i = 91.666,67 → 91.667; principal 883.817 − 91.667 = 792.150
    // period 2: interest 9.207.850 · i = 84.405,29 → 84.405; principal 799.412
    const s = generateSchedule({ ...base, method: 'anuitas', plafon: 10_000_000, annualRatePercent: '11' });
    expect(annuityPayment(10_000_000, '11', 12).toFixed(4)).toBe('883816.5852');
    expect(s.periods[0]).toMatchObject({ interest: 91_667, principal: 792_150, installment: 883_817, closingOutstanding: 9_207_850 });
    expect(s.periods[1]).toMatchObject({ interest: 84_405, principal: 799_412, installment: 883_817 });
    expect(s.periods.slice(0, 11).every((p) => p.installment === 883_817)).toBe(true);
    // last: opening 875.783, interest 875.783 · i = 8.028,01 → 8.028; instalment 883.811
    expect(s.periods[11]).toMatchObject({ openingOutstanding: 875_783, principal: 875_783, interest: 8_028, installment: 883_811, closingOutstanding: 0 });
  });

  it('at 0 % is plafon / tenor', () => {
    expect(annuityPayment(1_200_000, '0', 12).toString()).toBe('100000');
    const s = generateSchedule({ ...base, method: 'anuitas', plafon: 1_000_000, tenorMonths: 3, annualRatePercent: '0' });
    expect(s.periods.map((p) => p.principal)).toEqual([333_333, 333_333, 333_334]);
    expect(s.totals.interest).toBe(0);
  });

  it.each([
    [10_000_000, 12, '11'],
    [250_000_000, 60, '9.5'],
    [1_000_000, 1, '30'],
    [75_500_000, 120, '18.25'],
    [499_000_000, 36, '0.5'],
  ] as const)('agrees with formulajs PMT/IPMT/PPMT: %d over %d months at %s %%', (plafon, tenor, rate) => {
    const i = Number(rate) / 1200;
    // Unrounded payment: same to well under a rupiah.
    expect(annuityPayment(plafon, rate, tenor).toNumber()).toBeCloseTo(-num(PMT(i, tenor, plafon)), 4);
    const s = generateSchedule({ ...base, method: 'anuitas', plafon, tenorMonths: tenor, annualRatePercent: rate });
    const installment = s.periods[0]!.installment;
    expect(Math.abs(installment - -num(PMT(i, tenor, plafon)))).toBeLessThanOrEqual(0.5);
    s.periods.forEach((p, idx) => {
      const k = idx + 1;
      // Drift of the rounded schedule from the exact one: at most 1 rupiah per period (½ from the
      // instalment, ½ from the interest), compounded at i; the exact IPMT/PPMT must lie within it.
      const drift = i === 0 ? k - 1 : (Math.pow(1 + i, k - 1) - 1) / i;
      expect(Math.abs(p.interest - -num(IPMT(i, k, tenor, plafon)))).toBeLessThanOrEqual(0.5 + i * drift + 1e-6);
      if (k < tenor) {
        expect(Math.abs(p.principal - -num(PPMT(i, k, tenor, plafon)))).toBeLessThanOrEqual(1 + i * drift + 1e-6);
        // Paying the rounded instalment: the outstanding is FV of the loan at that payment, up to
        // the interest roundings (½ a period, compounded).
        const fv = num(FV(i, k, -installment, plafon));
        expect(Math.abs(p.closingOutstanding - -fv)).toBeLessThanOrEqual(0.5 * (i === 0 ? k : (Math.pow(1 + i, k) - 1) / i) + 1e-6);
      }
    });
    expect(s.totals.principal).toBe(plafon);
  });
});

describe('due dates', () => {
  it('keep the due day of the first instalment, clamped to month end', () => {
    const s = generateSchedule({ ...base, firstDueDate: '2025-01-31', disbursementDate: '2024-12-31', tenorMonths: 4 });
    expect(s.periods.map((p) => p.dueDate)).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']);
  });

  it('refuse bad parameters', () => {
    expect(() => generateSchedule({ ...base, plafon: 0 })).toThrow(RangeError);
    expect(() => generateSchedule({ ...base, plafon: 1_000_000.5 })).toThrow(RangeError);
    expect(() => generateSchedule({ ...base, tenorMonths: 0 })).toThrow(RangeError);
    expect(() => generateSchedule({ ...base, firstDueDate: '2025-01-10' })).toThrow(RangeError);
    expect(() => generateSchedule({ ...base, annualRatePercent: '-1' })).toThrow(RangeError);
    expect(() => generateSchedule({ ...base, method: 'bulanan' as never })).toThrow(RangeError);
  });
});

describe('splitInterest', () => {
  it("'selisih' 11 % bank, 3 % debtor: 8/11 of the interest is subsidised", () => {
    // 91.667 × 8 / 11 = 66.666,9 → half_up 66.667 (debtor 25.000), floor 66.666 (debtor 25.001)
    expect(splitInterest(91_667, { mode: 'selisih', bankRatePercent: '11', debtorRatePercent: '3' })).toEqual({ debtorInterest: 25_000, subsidyInterest: 66_667 });
    expect(splitInterest(91_667, { mode: 'selisih', bankRatePercent: '11', debtorRatePercent: '3' }, 'floor')).toEqual({ debtorInterest: 25_001, subsidyInterest: 66_666 });
    // 11 × 8 / 11 = 8 exactly: no pre-divided ratio may tip a floor to 7.
    expect(splitInterest(11, { mode: 'selisih', bankRatePercent: '11', debtorRatePercent: '3' }, 'floor')).toEqual({ debtorInterest: 3, subsidyInterest: 8 });
    // 300 × (12 − 8) / 12 = 100 exactly; a pre-divided 1/3 = 0,333…3 would floor to 99.
    expect(splitInterest(300, { mode: 'selisih', bankRatePercent: '12', debtorRatePercent: '8' }, 'floor')).toEqual({ debtorInterest: 200, subsidyInterest: 100 });
  });

  it("'persentase' 50 % and 80 %", () => {
    // 100.001 × 50 % = 50.000,5 → 50.001 half_up; 120.000 × 80 % = 96.000
    expect(splitInterest(100_001, { mode: 'persentase', bankRatePercent: '12', debtorRatePercent: '12', sharePercent: '50' })).toEqual({
      debtorInterest: 50_000,
      subsidyInterest: 50_001,
    });
    expect(splitInterest(120_000, { mode: 'persentase', bankRatePercent: '12', debtorRatePercent: '0', sharePercent: '80' })).toEqual({
      debtorInterest: 24_000,
      subsidyInterest: 96_000,
    });
    expect(() => splitInterest(1, { mode: 'persentase', bankRatePercent: '12', debtorRatePercent: '0' })).toThrow(RangeError);
  });

  it('never subsidises more than the interest nor less than nothing', () => {
    expect(splitInterest(50_000, { mode: 'selisih', bankRatePercent: '6', debtorRatePercent: '9' })).toEqual({ debtorInterest: 50_000, subsidyInterest: 0 });
    expect(splitInterest(50_000, { mode: 'selisih', bankRatePercent: '0', debtorRatePercent: '0' })).toEqual({ debtorInterest: 50_000, subsidyInterest: 0 });
    expect(splitInterest(50_000, { mode: 'persentase', bankRatePercent: '6', debtorRatePercent: '0', sharePercent: '100' })).toEqual({
      debtorInterest: 0,
      subsidyInterest: 50_000,
    });
  });

  it('splits a whole schedule and totals both parts', () => {
    // flat 12 juta, 12 %: 120.000 a month; selisih 12 − 3 = 9 → 90.000 subsidised, 30.000 debtor
    const s = splitSchedule(generateSchedule(base), { mode: 'selisih', bankRatePercent: '12', debtorRatePercent: '3' });
    expect(s.periods.every((p) => p.subsidyInterest === 90_000 && p.debtorInterest === 30_000)).toBe(true);
    expect(s.totals).toMatchObject({ interest: 1_440_000, subsidyInterest: 1_080_000, debtorInterest: 360_000 });
  });
});

describe('restructure', () => {
  // efektif 12 juta, 12 months, 12 %, due on the 10th from 2025-02-10.
  const original = generateSchedule({ ...base, method: 'efektif' });

  it('keeps instalments due before the date and reschedules the outstanding on the new terms', () => {
    // Due Feb..Jul 10 kept (6 × 1.000.000 principal) → 6.000.000 left on 2025-08-01.
    // New: 12 months at 6 %: principal 500.000; interest 6.000.000 × 6/1200 = 30.000, … last 500.000 × 0,5 % = 2.500
    const r = restructure(original, '2025-08-01', { newTenorMonths: 12, newAnnualRatePercent: '6' });
    expect(r.periods.slice(0, 6)).toEqual(original.periods.slice(0, 6));
    expect(r.periods).toHaveLength(18);
    expect(r.periods[6]).toMatchObject({ no: 7, dueDate: '2025-08-10', openingOutstanding: 6_000_000, principal: 500_000, interest: 30_000, installment: 530_000 });
    expect(r.periods[17]).toMatchObject({ no: 18, dueDate: '2026-07-10', openingOutstanding: 500_000, interest: 2_500, closingOutstanding: 0 });
    // interest: before 120+110+100+90+80+70 = 570.000; after 0,5 % × (6 + 5,5 + … + 0,5) juta = 0,5 % × 39 juta = 195.000
    expect(r.totals).toEqual({ principal: 12_000_000, interest: 765_000, installment: 12_765_000 });
    expect(r.terms.map((t) => [t.fromPeriodNo, t.outstanding, t.tenorMonths, t.annualRatePercent])).toEqual([
      [1, 12_000_000, 12, '12'],
      [7, 6_000_000, 12, '6'],
    ]);
    expect(maturityDate(r)).toBe('2026-07-10');
  });

  it('an instalment due on the effective date falls under the new terms; tenor defaults to what is left', () => {
    // 2025-08-10 is itself a due date: 6 kept, 6 remaining months at 9 % on 6.000.000
    const r = restructure(original, '2025-08-10', { newAnnualRatePercent: '9' });
    expect(r.periods).toHaveLength(12);
    expect(r.periods[6]).toMatchObject({ no: 7, openingOutstanding: 6_000_000, principal: 1_000_000, interest: 45_000 });
    expect(r.totals.principal).toBe(12_000_000);
  });

  it('can be applied twice, and refuses a loan already repaid', () => {
    const once = restructure(original, '2025-05-01', { newTenorMonths: 24 });
    const twice = restructure(once, '2026-01-01', { newTenorMonths: 6, newMethod: 'anuitas', newAnnualRatePercent: '10' });
    expect(twice.terms.map((t) => t.fromPeriodNo)).toEqual([1, 4, 12]);
    expect(twice.totals.principal).toBe(12_000_000);
    expect(twice.periods.at(-1)!.closingOutstanding).toBe(0);
    expect(() => restructure(original, '2026-02-01', { newTenorMonths: 3 })).toThrow(RangeError);
  });
});

describe('schedule as outstanding over time', () => {
  it('gives the principal owed on a date and the dates it changes', () => {
    const s = generateSchedule(base);
    expect(scheduledOutstandingOn(s, '2025-01-09')).toBe(0);
    expect(scheduledOutstandingOn(s, '2025-01-10')).toBe(12_000_000);
    expect(scheduledOutstandingOn(s, '2025-02-09')).toBe(12_000_000);
    expect(scheduledOutstandingOn(s, '2025-02-10')).toBe(11_000_000);
    expect(scheduledOutstandingOn(s, '2030-01-01')).toBe(0);
    expect(scheduledPrincipalChanges(s).slice(0, 2)).toEqual([
      { date: '2025-02-10', outstanding: 11_000_000 },
      { date: '2025-03-10', outstanding: 10_000_000 },
    ]);
  });
});
