/**
 * The schedule in outline: what `generateSchedule` + `restructure` decide, without a row object
 * per instalment. A subsidy run needs, per loan and month, only the maturity date, the principal
 * owed on a day and the instalment falling in the month; building every loan's full schedule
 * (tens of rows, each with dates and strings) was most of a 100,000-loan run's time and memory.
 *
 * Same rules, same numbers (tests/unit/domain/loan/outline.property.test.ts compares it with
 * the full schedule): due dates are `addMonths(firstDueDate, no − 1)`, so exactly one instalment
 * falls in each month from the first to the last; the principal of flat and efektif runs is the
 * rounded plafon/tenor (the last instalment takes the rest), so the outstanding after k
 * instalments is a closed form; anuitas runs are iterated once per distinct (principal, tenor,
 * rate, rounding) in exact integers and remembered.
 */
import Decimal from 'decimal.js';
import { assertIsoDate, compareDates, dateParts, daysInMonth, type IsoDate } from './dates';
import { divRound, scaled, type Scaled } from './exact';
import { percent, roundRupiah, type RoundingRule, type Rupiah } from './money';
import { annuityPayment, assertTenor, checkMethod, checkScheduleParams, type InterestMethod, type RestructureChanges, type ScheduleParams } from './schedule';

/** The amounts of one run of terms, which depend on nothing but its terms (shared between loans). */
export interface RunAmountsOutline {
  outstanding: Rupiah;
  tenorMonths: number;
  /** flat/efektif: the regular principal (the closing after k is a closed form). */
  regular: Rupiah;
  /** anuitas: the closing outstanding after the k-th instalment at [k − 1]. */
  closings: Float64Array | null;
}

export interface OutlineRun {
  startNo: number;
  /** Instalments of this run in force (a later restructuring may cut the run short). */
  count: number;
  method: InterestMethod;
  /** The run's annual rate, plain digits. */
  annualRatePercent: string;
  amounts: RunAmountsOutline;
}

export interface ScheduleOutline {
  plafon: Rupiah;
  disbursementDate: IsoDate;
  firstDueDate: IsoDate;
  /** year × 12 + month − 1 of the first due date. */
  firstDueMonth: number;
  /** Day of month of the first due date (clamped to shorter months). */
  firstDueDay: number;
  rounding: RoundingRule;
  runs: OutlineRun[];
  periodCount: number;
}

interface Rate {
  value: Decimal;
  exact: Scaled;
}

/** Parsed rates by their text ('11', '11.50'): few distinct values, each parsed once. */
const rates = new Map<string, Rate>();

function rateOf(value: string | number | Decimal, what: string): Rate {
  const key = typeof value === 'string' ? value : null;
  const hit = key === null ? undefined : rates.get(key);
  if (hit) return hit;
  const d = percent(value, what);
  const rate = { value: d, exact: scaled(d) };
  if (key !== null) {
    if (rates.size >= 10_000) rates.clear();
    rates.set(key, rate);
  }
  return rate;
}

const runCache = new Map<string, RunAmountsOutline>();
const RUN_CACHE_MAX = 20_000;

/** The amounts of a run, as `generateSchedule` computes them (see schedule.ts amountsOf). */
function runAmounts(outstanding: Rupiah, tenorMonths: number, rate: Rate, method: InterestMethod, rounding: RoundingRule): RunAmountsOutline {
  // flat/efektif: one division, cheaper than a cache lookup.
  if (method !== 'anuitas') return { outstanding, tenorMonths, regular: divRound(outstanding, tenorMonths, rounding), closings: null };
  const key = `${outstanding}|${tenorMonths}|${rate.exact.text}|${method}|${rounding}`;
  const hit = runCache.get(key);
  if (hit) return hit;
  {
    const annuity = roundRupiah(annuityPayment(outstanding, rate.value, tenorMonths), rounding);
    const closings = new Float64Array(tenorMonths);
    const r = rate.exact;
    const den = 1200 * 10 ** r.scale;
    const denExact = Number.isSafeInteger(den) ? den : 1200n * 10n ** BigInt(r.scale);
    let opening = outstanding;
    for (let k = 1; k <= tenorMonths; k++) {
      // monthlyInterest: opening × rate / 1200, rounded once.
      const product = r.intNumber === null ? null : opening * r.intNumber;
      const numerator = product !== null && product < 2 ** 50 ? product : BigInt(opening) * r.int;
      const interest = divRound(numerator, denExact, rounding);
      const principal = k === tenorMonths ? opening : Math.min(Math.max(annuity - interest, 0), opening);
      opening -= principal;
      closings[k - 1] = opening;
    }
    const amounts = { outstanding, tenorMonths, regular: 0, closings };
    if (runCache.size >= RUN_CACHE_MAX) runCache.clear();
    runCache.set(key, amounts);
    return amounts;
  }
}

/** Outstanding after the k-th instalment of a run (k ≥ 1). */
function runClosing(a: RunAmountsOutline, k: number): Rupiah {
  if (k >= a.tenorMonths) return 0;
  if (a.closings) return a.closings[k - 1]!;
  return Math.max(a.outstanding - a.regular * k, 0);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The date in month `monthIndex` (year × 12 + month − 1) on `day`, clamped to the month's end: addMonths' rule. */
export function dateInMonth(monthIndex: number, day: number): IsoDate {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  if (year < 1900 || year > 9999) throw new RangeError(`Tahun tidak valid: ${year}`);
  const d = Math.min(day, daysInMonth(year, month));
  return `${year}-${pad2(month)}-${pad2(d)}`;
}

/** Same checks, same errors and same numbers as `generateSchedule`. */
export function outlineSchedule(params: ScheduleParams): ScheduleOutline {
  checkScheduleParams(params);
  const rounding = params.rounding ?? 'half_up';
  const rate = rateOf(params.annualRatePercent, 'Bunga');
  const first = dateParts(params.firstDueDate);
  return {
    plafon: params.plafon,
    disbursementDate: params.disbursementDate,
    firstDueDate: params.firstDueDate,
    firstDueMonth: first.year * 12 + first.month - 1,
    firstDueDay: first.day,
    rounding,
    runs: [
      {
        startNo: 1,
        count: params.tenorMonths,
        method: params.method,
        annualRatePercent: rate.exact.text,
        amounts: runAmounts(params.plafon, params.tenorMonths, rate, params.method, rounding),
      },
    ],
    periodCount: params.tenorMonths,
  };
}

/** Instalments due before `date` (strict) or on or before it. */
function dueCount(o: ScheduleOutline, date: IsoDate, inclusive: boolean): number {
  const d = dateParts(date);
  const m = d.year * 12 + d.month - 1 - o.firstDueMonth;
  if (m < 0) return 0;
  if (m >= o.periodCount) return o.periodCount;
  // The instalment of the date's own month falls on the due day, clamped to the month's end.
  const c = Math.min(o.firstDueDay, daysInMonth(d.year, d.month)) - d.day;
  return c < 0 || (inclusive && c === 0) ? m + 1 : m;
}

/** Outstanding after instalment `no` (0: the plafon). */
export function outlineClosing(o: ScheduleOutline, no: number): Rupiah {
  if (no <= 0) return o.plafon;
  for (let i = o.runs.length - 1; i >= 0; i--) {
    const run = o.runs[i]!;
    if (no >= run.startNo) return runClosing(run.amounts, Math.min(no, run.startNo + run.count - 1) - run.startNo + 1);
  }
  return o.plafon;
}

/** Same checks, same errors and same numbers as `restructure`. */
export function restructureOutline(o: ScheduleOutline, effectiveDate: IsoDate, changes: RestructureChanges): ScheduleOutline {
  assertIsoDate(effectiveDate, 'Tanggal berlaku restrukturisasi');
  const current = o.runs[o.runs.length - 1];
  if (!current) throw new RangeError('Jadwal tanpa ketentuan');
  const kept = dueCount(o, effectiveDate, false);
  const remainingCount = o.periodCount - kept;
  const outstanding = outlineClosing(o, kept);
  if (remainingCount === 0 || outstanding === 0) throw new RangeError('Tidak ada sisa pokok untuk direstrukturisasi pada tanggal itu');
  if (compareDates(effectiveDate, o.disbursementDate) < 0) throw new RangeError('Restrukturisasi sebelum pencairan');
  const tenorMonths = changes.newTenorMonths ?? remainingCount;
  assertTenor(tenorMonths);
  const method = changes.newMethod ?? current.method;
  checkMethod(method);
  const rate = changes.newAnnualRatePercent === undefined ? rateOf(current.annualRatePercent, 'Bunga') : rateOf(changes.newAnnualRatePercent, 'Bunga');
  const startNo = kept + 1;
  const runs: OutlineRun[] = [];
  for (const run of o.runs) {
    if (run.startNo >= startNo) continue;
    runs.push(run.startNo + run.count - 1 < startNo ? run : { ...run, count: startNo - run.startNo });
  }
  runs.push({ startNo, count: tenorMonths, method, annualRatePercent: rate.exact.text, amounts: runAmounts(outstanding, tenorMonths, rate, method, o.rounding) });
  return { ...o, runs, periodCount: kept + tenorMonths };
}

/** The date of the last instalment (maturityDate of the full schedule). */
export function outlineMaturityDate(o: ScheduleOutline): IsoDate {
  return dateInMonth(o.firstDueMonth + o.periodCount - 1, o.firstDueDay);
}

/** year × 12 + month − 1 of the last instalment. */
export function outlineMaturityMonth(o: ScheduleOutline): number {
  return o.firstDueMonth + o.periodCount - 1;
}

/** Principal owed during the day `date` (scheduledOutstandingOn of the full schedule). */
export function outlineOutstandingOn(o: ScheduleOutline, date: IsoDate): Rupiah {
  if (compareDates(date, o.disbursementDate) < 0) return 0;
  return outlineClosing(o, dueCount(o, date, true));
}

/** The instalment falling in month `monthIndex` (year × 12 + month − 1): its number, or 0 when none. */
export function outlineDueNoInMonth(o: ScheduleOutline, monthIndex: number): number {
  const no = monthIndex - o.firstDueMonth + 1;
  return no >= 1 && no <= o.periodCount ? no : 0;
}

/** Due date of instalment `no`. */
export function outlineDueDate(o: ScheduleOutline, no: number): IsoDate {
  return dateInMonth(o.firstDueMonth + no - 1, o.firstDueDay);
}
