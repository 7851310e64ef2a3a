/**
 * The base of an insurance claim: the principal owed on the date the claim is about, and in words
 * where that figure came from. Pure: the loan's bank positions and schedule in, no database.
 *
 * The bank reports the outstanding at each month's end. On a day of month M the principal is
 *   - after M's instalment (due on or before the day): M's month-end report;
 *   - before it: the latest month-end report before M (a bad loan often pays nothing more, so the
 *     bank's last figure beats the schedule's expectation);
 * and where the bank reported nothing usable, the schedule's principal on that day.
 */
import type { BankPosition } from '../../contract';
import { formatDateLong, formatPeriod } from '../../domain/format';
import { scheduledOutstandingOn, type Schedule } from '../../domain/loan';

export interface ClaimBase {
  /** The date the claim is about. */
  tanggal: string;
  outstanding: number;
  /** 'Baki debet pada 10 April 2025 (tanggal macet): posisi bank akhir Maret 2025'. */
  dasar: string;
}

/**
 * @param date the date the claim is about
 * @param why what that date is, in words ('tanggal macet', 'tanggal klaim')
 * @param positions the loan's bank positions (any order)
 */
export function claimBase(date: string, why: string, positions: readonly Pick<BankPosition, 'periode' | 'outstanding'>[], schedule: Schedule): ClaimBase {
  const month = date.slice(0, 7);
  const due = schedule.periods.find((p) => p.period === month)?.dueDate ?? null;
  const head = `Baki debet pada ${formatDateLong(date)} (${why})`;
  const own = positions.find((p) => p.periode === month);
  // Nothing falls due in the month after the day (or nothing at all): the month's report holds for the day.
  if (own && (due === null || due <= date)) {
    const after = due === null ? '' : ` (sesudah angsuran ${formatDateLong(due)})`;
    return { tanggal: date, outstanding: own.outstanding, dasar: `${head}: posisi bank akhir ${formatPeriod(month)}${after}` };
  }
  const earlier = positions
    .filter((p) => p.periode < month)
    .sort((a, b) => (a.periode < b.periode ? -1 : 1))
    .at(-1);
  if (earlier) return { tanggal: date, outstanding: earlier.outstanding, dasar: `${head}: posisi bank akhir ${formatPeriod(earlier.periode)}` };
  return { tanggal: date, outstanding: scheduledOutstandingOn(schedule, date), dasar: `${head}: menurut jadwal angsuran (bank belum melaporkan posisi)` };
}
