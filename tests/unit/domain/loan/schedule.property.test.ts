import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  annuityPayment,
  generateSchedule,
  INTEREST_METHODS,
  restructure,
  ROUNDING_RULES,
  roundRupiah,
  splitInterest,
  type Schedule,
  type SubsidyTerms,
} from '../../../../electron/domain/loan';

const SEED = 424242;

/** Rates 0–30 % with up to two decimals, as the strings clerks type ('11.5'). */
const ratePercent = fc.integer({ min: 0, max: 3000 }).map((bp) => String(bp / 100));

const loan = fc.record({
  plafon: fc.integer({ min: 1_000_000, max: 500_000_000 }),
  tenorMonths: fc.integer({ min: 1, max: 120 }),
  annualRatePercent: ratePercent,
  method: fc.constantFrom(...INTEREST_METHODS),
  rounding: fc.constantFrom(...ROUNDING_RULES),
  disbursementDate: fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2018-01-01', n)),
  firstDueGap: fc.integer({ min: 1, max: 60 }),
});

/** Plain checks (not expect) in the hot loop: thousands of periods per run must stay fast. */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

function checkInvariants(s: Schedule, plafon: number): void {
  let expectedOpening = plafon;
  s.periods.forEach((p, k) => {
    const at = `periode ${p.no}`;
    for (const v of [p.openingOutstanding, p.principal, p.interest, p.installment, p.closingOutstanding]) {
      check(Number.isSafeInteger(v) && v >= 0, `${at}: ${v} bukan rupiah bulat ≥ 0`);
    }
    check(p.no === k + 1, `${at}: nomor`);
    check(p.openingOutstanding === expectedOpening, `${at}: pokok awal ${p.openingOutstanding} ≠ ${expectedOpening}`);
    check(p.closingOutstanding === p.openingOutstanding - p.principal, `${at}: pokok akhir`);
    check(p.installment === p.principal + p.interest, `${at}: angsuran`);
    check(p.period === p.dueDate.slice(0, 7), `${at}: periode`);
    if (k > 0) check(p.dueDate > s.periods[k - 1]!.dueDate, `${at}: jatuh tempo tidak naik`);
    expectedOpening = p.closingOutstanding;
  });
  expect(s.periods.at(-1)!.closingOutstanding).toBe(0);
  expect(s.periods.reduce((a, p) => a + p.principal, 0)).toBe(plafon);
  expect(s.totals.principal).toBe(plafon);
  expect(s.totals.installment).toBe(s.totals.principal + s.totals.interest);
}

describe('schedules over generated loans', () => {
  it('principal sums to the plafon, outstanding never negative, the last instalment clears the loan', () => {
    fc.assert(
      fc.property(loan, (l) => {
        const s = generateSchedule({ ...l, firstDueDate: addDays(l.disbursementDate, l.firstDueGap) });
        expect(s.periods).toHaveLength(l.tenorMonths);
        checkInvariants(s, l.plafon);
        if (l.method === 'flat') {
          // Independent integer arithmetic: plafon × bp / 120 000, half-up or floor.
          const a = BigInt(l.plafon) * BigInt(Math.round(Number(l.annualRatePercent) * 100));
          const interest = Number(l.rounding === 'floor' ? a / 120_000n : (2n * a + 120_000n) / 240_000n);
          check(
            s.periods.every((p) => p.interest === interest),
            'bunga flat',
          );
        }
        if (l.method === 'anuitas' && l.tenorMonths > 1) {
          // Equal instalments except the last, which settles the residue (a few rupiah at most).
          const a = roundRupiah(annuityPayment(l.plafon, l.annualRatePercent, l.tenorMonths), l.rounding);
          check(
            s.periods.slice(0, -1).every((p) => p.installment === a),
            'angsuran anuitas tidak sama',
          );
          const i = Number(l.annualRatePercent) / 1200;
          const drift = i === 0 ? l.tenorMonths : (Math.pow(1 + i, l.tenorMonths) - 1) / i;
          expect(Math.abs(s.periods.at(-1)!.installment - a)).toBeLessThanOrEqual(drift + 1);
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('the subsidised share is never above the interest and the two shares add up to it', () => {
    const terms: fc.Arbitrary<SubsidyTerms> = fc.oneof(
      fc.record({ mode: fc.constant('selisih' as const), bankRatePercent: ratePercent, debtorRatePercent: ratePercent }),
      fc.record({
        mode: fc.constant('persentase' as const),
        bankRatePercent: ratePercent,
        debtorRatePercent: ratePercent,
        sharePercent: fc.integer({ min: 0, max: 10000 }).map((x) => String(x / 100)),
      }),
    );
    fc.assert(
      fc.property(loan, terms, (l, t) => {
        const s = generateSchedule({ ...l, tenorMonths: Math.min(l.tenorMonths, 24), firstDueDate: addDays(l.disbursementDate, l.firstDueGap) });
        for (const p of s.periods) {
          const { debtorInterest, subsidyInterest } = splitInterest(p.interest, t, l.rounding);
          check(Number.isSafeInteger(subsidyInterest) && Number.isSafeInteger(debtorInterest), 'bukan rupiah bulat');
          check(subsidyInterest >= 0 && subsidyInterest <= p.interest, `subsidi ${subsidyInterest} di luar 0..${p.interest}`);
          check(debtorInterest + subsidyInterest === p.interest, 'bagian tidak berjumlah bunga');
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('restructuring keeps earlier periods and still repays the plafon exactly', () => {
    fc.assert(
      fc.property(
        loan.filter((l) => l.tenorMonths >= 2),
        fc.integer({ min: 1, max: 119 }),
        fc.integer({ min: 1, max: 120 }),
        ratePercent,
        fc.constantFrom(...INTEREST_METHODS),
        (l, after, newTenor, newRate, newMethod) => {
          const s = generateSchedule({ ...l, firstDueDate: addDays(l.disbursementDate, l.firstDueGap) });
          const keep = Math.min(after, l.tenorMonths - 1);
          // Effective the day after the keep-th due date: exactly `keep` instalments stay.
          const effective = addDays(s.periods[keep - 1]!.dueDate, 1);
          const r = restructure(s, effective, { newTenorMonths: newTenor, newAnnualRatePercent: newRate, newMethod });
          expect(r.periods.slice(0, keep)).toEqual(s.periods.slice(0, keep));
          expect(r.periods).toHaveLength(keep + newTenor);
          checkInvariants(r, l.plafon);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});
