/**
 * Calendar dates as ISO strings 'YYYY-MM-DD' and periods as 'YYYY-MM'. No time zones: dates
 * are calendar days, and Date.UTC is used only to count days between two of them.
 */

export type IsoDate = string;
export type Period = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_RE = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Builds an ISO date from parts, checking it exists. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  // Years before 1900 are refused: Date.UTC maps 0–99 to 1900–1999 and nothing here is that old.
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`Tahun tidak valid: ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Bulan tidak valid: ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) throw new RangeError(`Tanggal tidak valid: ${year}-${month}-${day}`);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Parsed dates, remembered: a subsidy run or the demo generator compares the same few thousand
 * dates millions of times. Only valid dates are kept; the cache is emptied when it grows large.
 */
const parsedDates = new Map<string, Readonly<DateParts & { dayNumber: number }>>();
const PARSED_DATES_MAX = 50_000;

function parsedDate(value: IsoDate): Readonly<DateParts & { dayNumber: number }> {
  const hit = parsedDates.get(value);
  if (hit) return hit;
  const parts = parseIsoDateUncached(value);
  const entry = Object.freeze({ ...parts, dayNumber: Date.UTC(parts.year, parts.month - 1, parts.day) / MS_PER_DAY });
  if (parsedDates.size >= PARSED_DATES_MAX) parsedDates.clear();
  parsedDates.set(value, entry);
  return entry;
}

export function parseIsoDate(value: IsoDate): DateParts {
  const { year, month, day } = parsedDate(value);
  return { year, month, day };
}

function parseIsoDateUncached(value: IsoDate): DateParts {
  const m = DATE_RE.exec(value);
  if (!m) throw new RangeError(`Tanggal harus TTTT-BB-HH: '${value}'`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  isoDate(year, month, day); // validates
  return { year, month, day };
}

/**
 * The parsed parts and day number of a valid date, shared (frozen): for hot loops that must not
 * allocate per call. Throws like parseIsoDate on an invalid date.
 */
export function dateParts(value: IsoDate): Readonly<DateParts & { dayNumber: number }> {
  return parsedDate(value);
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  try {
    parsedDate(value);
    return true;
  } catch {
    return false;
  }
}

export function assertIsoDate(value: unknown, what = 'Tanggal'): asserts value is IsoDate {
  if (!isIsoDate(value)) throw new RangeError(`${what} tidak valid: '${String(value)}'`);
}

/** Days since 1970-01-01. */
export function dayNumber(date: IsoDate): number {
  return parsedDate(date).dayNumber;
}

export function fromDayNumber(n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Nomor hari tidak valid: ${n}`);
  const d = new Date(n * MS_PER_DAY);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) throw new RangeError(`Jumlah hari harus bilangan bulat: ${days}`);
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * Adds whole months; a day that does not exist in the target month is clamped to its last
 * day (31 January + 1 month = 28/29 February). Always count from the original date, not
 * month by month, so a due day of the 31st comes back in 31-day months.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isSafeInteger(months)) throw new RangeError(`Jumlah bulan harus bilangan bulat: ${months}`);
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const d = dayNumber(a) - dayNumber(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

export function monthStart(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return isoDate(year, month, 1);
}

export function monthEnd(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return isoDate(year, month, daysInMonth(year, month));
}

// ---- periods 'YYYY-MM' ----

export interface PeriodParts {
  year: number;
  month: number;
}

const parsedPeriods = new Map<string, Readonly<PeriodParts>>();

export function parsePeriod(value: Period): PeriodParts {
  const hit = parsedPeriods.get(value);
  if (hit) return { year: hit.year, month: hit.month };
  const m = PERIOD_RE.exec(value);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  if (!m || year < 1900 || month < 1 || month > 12) throw new RangeError(`Periode harus TTTT-BB: '${value}'`);
  if (parsedPeriods.size >= PARSED_DATES_MAX) parsedPeriods.clear();
  parsedPeriods.set(value, Object.freeze({ year, month }));
  return { year, month };
}

export function isPeriod(value: unknown): value is Period {
  if (typeof value !== 'string') return false;
  try {
    parsePeriod(value);
    return true;
  } catch {
    return false;
  }
}

export function assertPeriod(value: unknown, what = 'Periode'): asserts value is Period {
  if (!isPeriod(value)) throw new RangeError(`${what} tidak valid: '${String(value)}'`);
}

export function period(year: number, month: number): Period {
  const p = `${year}-${pad2(month)}`;
  parsePeriod(p);
  return p;
}

/** The period a date falls in: '2025-10-27' → '2025-10'. */
export function periodOf(date: IsoDate): Period {
  parsedDate(date); // validates: a valid 'YYYY-MM-DD' starts with its period
  return date.slice(0, 7);
}

export function periodFirstDay(p: Period): IsoDate {
  const { year, month } = parsePeriod(p);
  return isoDate(year, month, 1);
}

export function periodLastDay(p: Period): IsoDate {
  const { year, month } = parsePeriod(p);
  return isoDate(year, month, daysInMonth(year, month));
}

/** First day of the next period: the exclusive end used for day counting. */
export function periodEndExclusive(p: Period): IsoDate {
  return periodFirstDay(addPeriods(p, 1));
}

export function addPeriods(p: Period, n: number): Period {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Jumlah periode harus bilangan bulat: ${n}`);
  const { year, month } = parsePeriod(p);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  return period(y, index - y * 12 + 1);
}

export function nextPeriod(p: Period): Period {
  return addPeriods(p, 1);
}

export function previousPeriod(p: Period): Period {
  return addPeriods(p, -1);
}

export function comparePeriods(a: Period, b: Period): -1 | 0 | 1 {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  const d = pa.year * 12 + pa.month - (pb.year * 12 + pb.month);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** Months from `from` to `to` ('2025-01' → '2025-03' is 2). */
export function periodsDiff(from: Period, to: Period): number {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  return b.year * 12 + b.month - (a.year * 12 + a.month);
}

/** All periods from `from` to `to`, both included; empty when `to` is earlier. */
export function periodsBetween(from: Period, to: Period): Period[] {
  const n = periodsDiff(from, to);
  const out: Period[] = [];
  for (let i = 0; i <= n; i++) out.push(addPeriods(from, i));
  return out;
}

export type Quarter = 1 | 2 | 3 | 4;

export function quarterOf(p: Period): { year: number; quarter: Quarter } {
  const { year, month } = parsePeriod(p);
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as Quarter };
}

/** The three periods of a calendar quarter: (2025, 2) → ['2025-04', '2025-05', '2025-06']. */
export function periodsInQuarter(year: number, quarter: Quarter): Period[] {
  if (![1, 2, 3, 4].includes(quarter)) throw new RangeError(`Triwulan tidak valid: ${quarter}`);
  const first = period(year, (quarter - 1) * 3 + 1);
  return [first, addPeriods(first, 1), addPeriods(first, 2)];
}
