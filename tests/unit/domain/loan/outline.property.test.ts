import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import {
  addDays,
  addMonths,
  D,
  generateSchedule,
  INTEREST_METHODS,
  maturityDate,
  restructure,
  ROUNDING_RULES,
  roundRupiah,
  scheduledOutstandingOn,
  type Schedule,
} from '../../../../electron/domain/loan';
import { divRound, quotient40, quotientRupiah, quotientText, quotientTextRupiah } from '../../../../electron/domain/loan/exact';
import {
  outlineClosing,
  outlineDueDate,
  outlineDueNoInMonth,
  outlineMaturityDate,
  outlineOutstandingOn,
  outlineSchedule,
  restructureOutline,
  type ScheduleOutline,
} from '../../../../electron/domain/loan/outline';

// The outline (no row per instalment) and the exact integer working must give what the full
// schedule and decimal.js give, on any loan: these are the fast subsidy run's foundations.
const SEED = 777001;

const ratePercent = fc.oneof(
  fc.integer({ min: 0, max: 3000 }).map((bp) => String(bp / 100)),
  fc.integer({ min: 0, max: 300_000 }).map((x) => new Decimal(x).div(10_000).toFixed()),
);

const restructuring = fc.record({
  afterDays: fc.integer({ min: 0, max: 1500 }),
  newTenorMonths: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
  newAnnualRatePercent: fc.option(ratePercent, { nil: undefined }),
});

const loan = fc.record({
  plafon: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1_000_000, max: 2_000_000_000 }), fc.constantFrom(10_000_000, 25_000_000, 50_000_000)),
  tenorMonths: fc.integer({ min: 1, max: 84 }),
  annualRatePercent: ratePercent,
  method: fc.constantFrom(...INTEREST_METHODS),
  rounding: fc.constantFrom(...ROUNDING_RULES),
  disbursementDate: fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2018-01-01', n)),
  firstDueGap: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 60 })),
  restructurings: fc.array(restructuring, { maxLength: 3 }),
});

function attempt<T>(fn: () => T): T | { error: string } {
  try {
    return fn();
  } catch (e) {
    return { error: (e as Error).message };
  }
}

type LoanCase = typeof loan extends fc.Arbitrary<infer T> ? T : never;

function build(l: LoanCase): { full: Schedule | { error: string }; outline: ScheduleOutline | { error: string } } {
  const params = {
    plafon: l.plafon,
    tenorMonths: l.tenorMonths,
    annualRatePercent: l.annualRatePercent,
    method: l.method,
    rounding: l.rounding,
    disbursementDate: l.disbursementDate,
    firstDueDate: l.firstDueGap === null ? addMonths(l.disbursementDate, 1) : addDays(l.disbursementDate, l.firstDueGap),
  };
  const dates = l.restructurings.map((r) => addDays(l.disbursementDate, r.afterDays)).sort();
  const changes = (i: number) => {
    const r = l.restructurings[i]!;
    return {
      ...(r.newTenorMonths === undefined ? {} : { newTenorMonths: r.newTenorMonths }),
      ...(r.newAnnualRatePercent === undefined ? {} : { newAnnualRatePercent: r.newAnnualRatePercent }),
    };
  };
  const full = attempt(() => {
    let s = generateSchedule(params);
    dates.forEach((d, i) => (s = restructure(s, d, changes(i))));
    return s;
  });
  const outline = attempt(() => {
    let o = outlineSchedule(params);
    dates.forEach((d, i) => (o = restructureOutline(o, d, changes(i))));
    return o;
  });
  return { full, outline };
}

describe('schedule outline', () => {
  it('has the full schedule’s due dates, outstanding, maturity and errors, restructurings included', () => {
    fc.assert(
      fc.property(loan, fc.array(fc.integer({ min: -40, max: 4000 }), { minLength: 5, maxLength: 5 }), (l, probes) => {
        const { full, outline } = build(l);
        if ('error' in full || 'error' in outline) {
          expect('error' in outline && outline.error).toBe('error' in full && full.error);
          return;
        }
        const s = full;
        const o = outline;
        expect(o.periodCount).toBe(s.periods.length);
        expect(outlineMaturityDate(o)).toBe(maturityDate(s));
        for (const p of s.periods) {
          if (outlineDueDate(o, p.no) !== p.dueDate || outlineClosing(o, p.no) !== p.closingOutstanding) {
            throw new Error(`instalment ${p.no}: ${outlineDueDate(o, p.no)} ${outlineClosing(o, p.no)} vs ${p.dueDate} ${p.closingOutstanding}`);
          }
          const [y, m] = p.period.split('-').map(Number);
          expect(outlineDueNoInMonth(o, y! * 12 + m! - 1)).toBe(p.no);
        }
        for (const offset of probes) {
          const date = addDays(l.disbursementDate, offset);
          expect(outlineOutstandingOn(o, date)).toBe(scheduledOutstandingOn(s, date));
        }
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });
});

describe('exact integer working', () => {
  const decimalText = (n: bigint, d: bigint) => new D(n.toString()).div(new D(d.toString())).toFixed();

  it('quotient40 prints and rounds a quotient as decimal.js does (40 digits, then rupiah)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.constantFrom(36000n, 36500n, 360000n, 3650000n, 7n, 3n)),
        fc.constantFrom(...ROUNDING_RULES),
        (n, d, rule) => {
          const q = quotient40(n, d);
          expect(quotientText(q)).toBe(decimalText(n, d));
          // Beyond the safe-integer range both refuse.
          const expected = attempt(() => roundRupiah(new D(n.toString()).div(new D(d.toString())), rule));
          const actual = attempt(() => quotientRupiah(q, rule));
          if (typeof expected === 'number') expect(actual).toBe(expected);
          else expect(typeof actual).toBe('object');
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('the safe-integer path gives the same digits and rupiah, including carries through nines', () => {
    const nearHalf = fc.tuple(fc.integer({ min: 1, max: 2 ** 20 }), fc.integer({ min: 1, max: 2 ** 30 })).map(([k, d]) => [k * d + Math.floor(d / 2), d] as const);
    const arbitrary = fc.tuple(
      fc.integer({ min: 0, max: 2 ** 52 - 1 }),
      fc.oneof(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(36000, 36500, 360000, 3650000, 99999999, 3, 7)),
    );
    fc.assert(
      fc.property(fc.oneof(arbitrary, nearHalf), fc.constantFrom(...ROUNDING_RULES), ([n, d], rule) => {
        const fast = quotientTextRupiah(n, d, rule);
        const exact = new D(n).div(d);
        if (fast === null) {
          expect(n < d).toBe(true);
          return;
        }
        expect(fast.text).toBe(exact.toFixed());
        expect(fast.rupiah).toBe(roundRupiah(exact, rule));
        expect(divRound(n, d, rule)).toBe(roundRupiah(exact, rule));
      }),
      { seed: SEED, numRuns: 5000 },
    );
    // 0.99…9 beyond 40 digits rounds up into the whole part: 10^40 − 1 over 10^39 ≈ 9.999…
    expect(quotientText(quotient40(10n ** 45n - 1n, 10n ** 5n))).toBe(decimalText(10n ** 45n - 1n, 10n ** 5n));
    expect(quotientTextRupiah(2 ** 52 - 1, 3, 'half_up')!.text).toBe(new D(2 ** 52 - 1).div(3).toFixed());
  });

  it('divRound matches roundRupiah of a decimal.js quotient beyond the safe-integer path', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 25n }), fc.bigInt({ min: 1n, max: 10n ** 18n }), fc.constantFrom(...ROUNDING_RULES), (n, d, rule) => {
        const expected = attempt(() => roundRupiah(new D(n.toString()).div(new D(d.toString())), rule));
        const actual = attempt(() => divRound(n, d, rule));
        if (typeof expected === 'number') expect(actual).toBe(expected);
        else expect(typeof actual).toBe('object');
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
