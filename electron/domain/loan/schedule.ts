/**
 * Monthly instalment schedules (flat, efektif, anuitas), the interest split between debtor and
 * regency, and restructuring.
 *
 * Rounding: each interest part is rounded once from its exact value; principal parts are
 * rounded once (flat/efektif: plafon/tenor; anuitas: the instalment, principal = instalment −
 * interest). The last period of every run of terms takes whatever principal is left, so the
 * principal parts add up to the plafon exactly and the loan closes at 0.
 */
import Decimal from 'decimal.js';
import { addMonths, assertIsoDate, compareDates, periodOf, type IsoDate, type Period } from './dates';
import { assertNonNegativeRupiah, D, dec, decString, percent, roundRupiah, sumRupiah, type DecimalInput, type RoundingRule, type Rupiah } from './money';
import { subsidyShare, type SubsidyTerms } from './rates';

export const INTEREST_METHODS = ['flat', 'efektif', 'anuitas'] as const;
export type InterestMethod = (typeof INTEREST_METHODS)[number];

export interface ScheduleParams {
  plafon: Rupiah;
  tenorMonths: number;
  /** The bank's annual rate in %, e.g. '11'. */
  annualRatePercent: DecimalInput;
  method: InterestMethod;
  firstDueDate: IsoDate;
  disbursementDate: IsoDate;
  rounding?: RoundingRule;
}

export interface SchedulePeriod {
  no: number;
  dueDate: IsoDate;
  /** 'YYYY-MM' of the due date. */
  period: Period;
  openingOutstanding: Rupiah;
  principal: Rupiah;
  interest: Rupiah;
  installment: Rupiah;
  closingOutstanding: Rupiah;
}

export interface ScheduleTotals {
  principal: Rupiah;
  interest: Rupiah;
  installment: Rupiah;
}

/** One run of terms: the original loan, then one per restructuring. */
export interface ScheduleTerms {
  /** Disbursement date for the first run; the restructuring's effective date after that. */
  effectiveDate: IsoDate;
  fromPeriodNo: number;
  /** Principal the run starts from: the plafon, or the outstanding when restructured. */
  outstanding: Rupiah;
  tenorMonths: number;
  annualRatePercent: string;
  method: InterestMethod;
}

export interface Schedule {
  plafon: Rupiah;
  disbursementDate: IsoDate;
  /** Due dates are always counted from this date (n − 1 months later, clamped to month end). */
  firstDueDate: IsoDate;
  rounding: RoundingRule;
  terms: ScheduleTerms[];
  periods: SchedulePeriod[];
  totals: ScheduleTotals;
}

/** The exact (unrounded) annuity payment: P·i / (1 − (1+i)^−n), i = rate/12; P/n at 0 %. */
export function annuityPayment(principal: DecimalInput, annualRatePercent: DecimalInput, tenorMonths: number): Decimal {
  assertTenor(tenorMonths);
  const p = dec(principal);
  const rate = percent(annualRatePercent, 'Bunga');
  if (rate.isZero()) return p.div(tenorMonths);
  const i = rate.div(1200);
  const factor = new D(1).minus(i.plus(1).pow(-tenorMonths));
  return p.times(i).div(factor);
}

/** The exact one-month interest on `base`: base × rate / 12 (multiplied first, divided once). */
export function monthlyInterest(base: Rupiah, annualRatePercent: DecimalInput): Decimal {
  return new D(base).times(percent(annualRatePercent, 'Bunga')).div(1200);
}

export function assertTenor(tenor: number): void {
  if (!Number.isSafeInteger(tenor) || tenor < 1 || tenor > 600) throw new RangeError(`Tenor harus 1–600 bulan: ${tenor}`);
}

interface RunInput {
  startNo: number;
  outstanding: Rupiah;
  tenorMonths: number;
  rate: Decimal;
  method: InterestMethod;
  rounding: RoundingRule;
  firstDueDate: IsoDate;
}

/** A run's amounts month by month: [principal, interest] pairs, flattened. */
type RunAmounts = readonly number[];

/**
 * The amounts of a run depend only on the principal, tenor, rate, method and rounding, not on the
 * dates: loans of the same plafon and terms share them. Remembered, because a subsidy run over
 * 100,000 loans rebuilds every schedule and the decimal arithmetic is the bulk of its time.
 */
const runAmounts = new Map<string, RunAmounts>();
const RUN_AMOUNTS_MAX = 20_000;

function amountsOf(outstanding: Rupiah, tenorMonths: number, rate: Decimal, method: InterestMethod, rounding: RoundingRule): RunAmounts {
  const key = `${outstanding}|${tenorMonths}|${rate.toString()}|${method}|${rounding}`;
  const hit = runAmounts.get(key);
  if (hit) return hit;
  const regularPrincipal = roundRupiah(new D(outstanding).div(tenorMonths), rounding);
  const annuity = method === 'anuitas' ? roundRupiah(annuityPayment(outstanding, rate, tenorMonths), rounding) : 0;
  const out: number[] = [];
  let opening = outstanding;
  for (let k = 1; k <= tenorMonths; k++) {
    // Flat charges the run's starting principal every month; the others the current outstanding.
    const interest = roundRupiah(monthlyInterest(method === 'flat' ? outstanding : opening, rate), rounding);
    let principal: Rupiah;
    if (k === tenorMonths)
      principal = opening; // the last period absorbs the rounding residue
    else if (method === 'anuitas') principal = Math.min(Math.max(annuity - interest, 0), opening);
    else principal = Math.min(regularPrincipal, opening);
    out.push(principal, interest);
    opening -= principal;
  }
  if (runAmounts.size >= RUN_AMOUNTS_MAX) runAmounts.clear();
  runAmounts.set(key, Object.freeze(out));
  return out;
}

/** One run of terms from `outstanding` down to 0 over `tenorMonths` instalments. */
function buildRun(run: RunInput): SchedulePeriod[] {
  const { startNo, outstanding, tenorMonths, rate, method, rounding, firstDueDate } = run;
  const amounts = amountsOf(outstanding, tenorMonths, rate, method, rounding);
  const periods: SchedulePeriod[] = [];
  let opening = outstanding;
  for (let k = 1; k <= tenorMonths; k++) {
    const no = startNo + k - 1;
    const dueDate = addMonths(firstDueDate, no - 1);
    const principal = amounts[2 * (k - 1)]!;
    const interest = amounts[2 * (k - 1) + 1]!;
    const closing = opening - principal;
    periods.push({
      no,
      dueDate,
      period: periodOf(dueDate),
      openingOutstanding: opening,
      principal,
      interest,
      installment: principal + interest,
      closingOutstanding: closing,
    });
    opening = closing;
  }
  return periods;
}

function totalsOf(periods: readonly SchedulePeriod[]): ScheduleTotals {
  return {
    principal: sumRupiah(periods.map((p) => p.principal)),
    interest: sumRupiah(periods.map((p) => p.interest)),
    installment: sumRupiah(periods.map((p) => p.installment)),
  };
}

export function checkMethod(method: unknown): asserts method is InterestMethod {
  if (!INTEREST_METHODS.includes(method as InterestMethod)) throw new RangeError(`Metode bunga tidak dikenal: ${String(method)}`);
}

/** The checks of a new schedule's terms (all but the rate), shared with `outlineSchedule`. */
export function checkScheduleParams(params: ScheduleParams): void {
  assertNonNegativeRupiah(params.plafon, 'Plafon');
  if (params.plafon === 0) throw new RangeError('Plafon harus lebih dari 0');
  assertTenor(params.tenorMonths);
  checkMethod(params.method);
  assertIsoDate(params.firstDueDate, 'Tanggal angsuran pertama');
  assertIsoDate(params.disbursementDate, 'Tanggal pencairan');
  if (compareDates(params.firstDueDate, params.disbursementDate) <= 0) throw new RangeError('Angsuran pertama harus sesudah tanggal pencairan');
}

export function generateSchedule(params: ScheduleParams): Schedule {
  checkScheduleParams(params);
  const rounding = params.rounding ?? 'half_up';
  const rate = percent(params.annualRatePercent, 'Bunga');
  const periods = buildRun({
    startNo: 1,
    outstanding: params.plafon,
    tenorMonths: params.tenorMonths,
    rate,
    method: params.method,
    rounding,
    firstDueDate: params.firstDueDate,
  });
  return {
    plafon: params.plafon,
    disbursementDate: params.disbursementDate,
    firstDueDate: params.firstDueDate,
    rounding,
    terms: [
      {
        effectiveDate: params.disbursementDate,
        fromPeriodNo: 1,
        outstanding: params.plafon,
        tenorMonths: params.tenorMonths,
        annualRatePercent: decString(rate),
        method: params.method,
      },
    ],
    periods,
    totals: totalsOf(periods),
  };
}

export interface RestructureChanges {
  /** Instalments still to come from the effective date (not the loan's total tenor). */
  newTenorMonths?: number;
  newAnnualRatePercent?: DecimalInput;
  newMethod?: InterestMethod;
}

/**
 * A new schedule for the outstanding left at `effectiveDate`. Instalments due before that date
 * are kept as they were; those due on or after it are replaced by a run on the new terms,
 * continuing the numbering and the due-date pattern. Without a new tenor the remaining number of
 * instalments is kept. The first new instalment charges a full month at the new rate (no
 * pro-rating of a broken month).
 */
export function restructure(schedule: Schedule, effectiveDate: IsoDate, changes: RestructureChanges): Schedule {
  assertIsoDate(effectiveDate, 'Tanggal berlaku restrukturisasi');
  const current = schedule.terms[schedule.terms.length - 1];
  if (!current) throw new RangeError('Jadwal tanpa ketentuan');
  const kept = schedule.periods.filter((p) => compareDates(p.dueDate, effectiveDate) < 0);
  const remainingCount = schedule.periods.length - kept.length;
  const last = kept[kept.length - 1];
  const outstanding = last ? last.closingOutstanding : schedule.plafon;
  if (remainingCount === 0 || outstanding === 0) throw new RangeError('Tidak ada sisa pokok untuk direstrukturisasi pada tanggal itu');
  if (compareDates(effectiveDate, schedule.disbursementDate) < 0) throw new RangeError('Restrukturisasi sebelum pencairan');
  const tenorMonths = changes.newTenorMonths ?? remainingCount;
  assertTenor(tenorMonths);
  const method = changes.newMethod ?? current.method;
  checkMethod(method);
  const rate = changes.newAnnualRatePercent === undefined ? dec(current.annualRatePercent) : percent(changes.newAnnualRatePercent, 'Bunga');
  const startNo = kept.length + 1;
  const run = buildRun({ startNo, outstanding, tenorMonths, rate, method, rounding: schedule.rounding, firstDueDate: schedule.firstDueDate });
  const periods = [...kept.map((p) => ({ ...p })), ...run];
  return {
    ...schedule,
    terms: [
      ...schedule.terms.filter((t) => t.fromPeriodNo < startNo).map((t) => ({ ...t })),
      { effectiveDate, fromPeriodNo: startNo, outstanding, tenorMonths, annualRatePercent: decString(rate), method },
    ],
    periods,
    totals: totalsOf(periods),
  };
}

/** The date of the last instalment. */
export function maturityDate(schedule: Schedule): IsoDate {
  const last = schedule.periods[schedule.periods.length - 1];
  if (!last) throw new RangeError('Jadwal kosong');
  return last.dueDate;
}

/**
 * Principal owed during the day `date` according to the schedule: an instalment reduces the
 * principal from its due date on. Before disbursement: 0.
 */
export function scheduledOutstandingOn(schedule: Schedule, date: IsoDate): Rupiah {
  if (compareDates(date, schedule.disbursementDate) < 0) return 0;
  let outstanding = schedule.plafon;
  for (const p of schedule.periods) {
    if (compareDates(p.dueDate, date) > 0) break;
    outstanding = p.closingOutstanding;
  }
  return outstanding;
}

/** The schedule's principal changes ({ date, outstanding from that date }) for subsidy segments. */
export function scheduledPrincipalChanges(schedule: Schedule): { date: IsoDate; outstanding: Rupiah }[] {
  return schedule.periods.filter((p) => p.principal !== 0).map((p) => ({ date: p.dueDate, outstanding: p.closingOutstanding }));
}

export interface InterestSplit {
  debtorInterest: Rupiah;
  subsidyInterest: Rupiah;
}

/**
 * Splits one period's interest (computed at the bank rate) into what the debtor pays and what
 * the regency subsidises. The subsidised part is rounded once; the debtor's part is the
 * remainder, so the two always add up to the interest and the subsidy never exceeds it.
 */
export function splitInterest(interest: Rupiah, terms: SubsidyTerms, rounding: RoundingRule = 'half_up'): InterestSplit {
  assertNonNegativeRupiah(interest, 'Bunga');
  const { num, den } = subsidyShare(terms);
  const subsidy = Math.min(Math.max(roundRupiah(new D(interest).times(num).div(den), rounding), 0), interest);
  return { debtorInterest: interest - subsidy, subsidyInterest: subsidy };
}

export interface SplitSchedulePeriod extends SchedulePeriod, InterestSplit {}

export interface SplitSchedule extends Omit<Schedule, 'periods' | 'totals'> {
  periods: SplitSchedulePeriod[];
  totals: ScheduleTotals & { debtorInterest: Rupiah; subsidyInterest: Rupiah };
}

/** The schedule with every period's interest split by `terms`. */
export function splitSchedule(schedule: Schedule, terms: SubsidyTerms, rounding: RoundingRule = schedule.rounding): SplitSchedule {
  const periods = schedule.periods.map((p) => ({ ...p, ...splitInterest(p.interest, terms, rounding) }));
  return {
    ...schedule,
    periods,
    totals: {
      ...schedule.totals,
      debtorInterest: sumRupiah(periods.map((p) => p.debtorInterest)),
      subsidyInterest: sumRupiah(periods.map((p) => p.subsidyInterest)),
    },
  };
}
