/**
 * What running and approved loans will still cost: the expected subsidy of every future month
 * (from the schedule, as if every month stays eligible) and the premiums of approved loans not
 * yet disbursed. Months already paid are left out. It recomputes every loan: fine for a
 * regency's thousands of loans, a candidate for caching at a province's hundred thousand.
 */
import type { Database } from 'better-sqlite3';
import type { Loan, Restructuring, Scheme } from '../../contract';
import * as loansRepo from '../../../database/repositories/loans';
import { getScheme } from '../../../database/repositories/schemes';
import { computePremium, maturityDate, periodsBetween } from '../../domain/loan';
import { loanSchedule } from '../loans/engine';
import { lineFor, type LoanContext } from '../subsidy/run';

export interface Projection {
  /** Expected subsidy per calendar year, from `fromPeriod` on. */
  subsidyByYear: Map<number, number>;
  /** Premiums of approved loans that will fall due at disbursement. */
  pendingPremiums: number;
}

/** Expected subsidy per year of one loan (stored or not yet saved), from `fromPeriod` on. */
export function projectLoan(loan: Loan, scheme: Scheme, fromPeriod: string, paid: Set<string> = new Set(), restructurings: Restructuring[] = []): Map<number, number> {
  const byYear = new Map<number, number>();
  const disbursed = loan.tanggalPencairan ?? loan.tanggalAkad;
  const schedule = loanSchedule({ ...loan, tanggalPencairan: disbursed, metodeBunga: scheme.metodeBunga, pembulatan: scheme.pembulatan }, restructurings);
  const lastPeriod = maturityDate(schedule).slice(0, 7);
  const start = disbursed.slice(0, 7) > fromPeriod ? disbursed.slice(0, 7) : fromPeriod;
  if (lastPeriod < start) return byYear;
  const ctx: LoanContext = { loan: { ...loan, tanggalPencairan: disbursed }, scheme, schedule, restructurings, positions: new Map(), paid, claimDate: null, otherActiveLoans: 0 };
  for (const periode of periodsBetween(start, lastPeriod)) {
    const line = lineFor(ctx, periode);
    if (!line.layak || !line.rincian) continue;
    const year = Number(periode.slice(0, 4));
    byYear.set(year, (byYear.get(year) ?? 0) + line.rincian.jumlah);
  }
  return byYear;
}

export function projectCosts(db: Database, fromPeriod: string): Projection {
  const loans = db
    .prepare("SELECT id FROM pinjaman WHERE status IN ('aktif', 'macet', 'disetujui')")
    .all() as { id: number }[];
  const schemes = new Map<number, Scheme>();
  const subsidyByYear = new Map<number, number>();
  let pendingPremiums = 0;
  for (const { id } of loans) {
    const loan = loansRepo.getLoan(db, id) as Loan;
    let scheme = schemes.get(loan.skemaId);
    if (!scheme) {
      scheme = getScheme(db, loan.skemaId)!;
      schemes.set(scheme.id, scheme);
    }
    if (loan.status === 'disetujui') {
      if (scheme.penjaminId !== null) {
        pendingPremiums += computePremium({
          plafon: loan.plafon,
          tenorMonths: loan.tenorBulan,
          basis: scheme.premiBasis,
          ratePercent: scheme.premiTarifPersen,
          table: scheme.premiTabel.map((b) => ({ tenorMin: b.tenorMin, tenorMax: b.tenorMaks, ratePercent: b.tarifPersen })),
          rounding: scheme.pembulatan,
        }).amount;
      }
      // Approved loans will also earn subsidy once disbursed: projected from the agreement date.
    }
    const paid = loansRepo.paidPeriodSet(db, [loan.id]).get(loan.id) ?? new Set<string>();
    for (const [year, amount] of projectLoan(loan, scheme, fromPeriod, paid, loansRepo.listRestructurings(db, loan.id))) {
      subsidyByYear.set(year, (subsidyByYear.get(year) ?? 0) + amount);
    }
  }
  return { subsidyByYear, pendingPremiums };
}
