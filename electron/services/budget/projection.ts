/**
 * What running loans will still cost: the expected subsidy of every future month (from the
 * schedule, as if every month stays eligible) and the premiums of approved loans not yet
 * disbursed. Months already paid are left out.
 */
import type { Database } from 'better-sqlite3';
import type { Loan, Scheme } from '../../contract';
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
      continue;
    }
    const restructurings = loansRepo.listRestructurings(db, loan.id);
    const schedule = loanSchedule({ ...loan, tanggalPencairan: loan.tanggalPencairan!, metodeBunga: scheme.metodeBunga, pembulatan: scheme.pembulatan }, restructurings);
    const lastPeriod = maturityDate(schedule).slice(0, 7);
    if (lastPeriod < fromPeriod) continue;
    const ctx: LoanContext = {
      loan,
      scheme,
      schedule,
      restructurings,
      positions: new Map(),
      paid: loansRepo.paidPeriodSet(db, [loan.id]).get(loan.id) ?? new Set(),
      claimDate: null,
      otherActiveLoans: 0,
    };
    const start = loan.tanggalPencairan!.slice(0, 7) > fromPeriod ? loan.tanggalPencairan!.slice(0, 7) : fromPeriod;
    for (const periode of periodsBetween(start, lastPeriod)) {
      const line = lineFor(ctx, periode);
      if (!line.layak || !line.rincian) continue;
      const year = Number(periode.slice(0, 4));
      subsidyByYear.set(year, (subsidyByYear.get(year) ?? 0) + line.rincian.jumlah);
    }
  }
  return { subsidyByYear, pendingPremiums };
}
