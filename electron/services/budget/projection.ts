/**
 * What running and approved loans will still cost: the expected subsidy of every future month
 * (from the schedule, as if every month stays eligible: kol within the limit and, where the scheme
 * pays only months with an instalment, the instalment paid) and the premiums of approved loans not
 * yet disbursed. Months already paid are left out.
 *
 * It recomputes every loan, so at a province's 100,000 loans it reads them in one pass (only the
 * columns needed), with their restructurings and future paid months in bulk, and adds up the
 * months with the subsidy run's fast path (amounts only, no working); see
 * subsidy/reference.ts (projectLoanReference) for the same projection over full schedules.
 */
import type { Database } from '../../../database/connection';
import type { Loan, Restructuring, Scheme } from '../../contract';
import * as loansRepo from '../../../database/repositories/loans';
import { getScheme } from '../../../database/repositories/schemes';
import { computePremium } from '../../domain/loan';
import { runAmount, runLoan, runPeriod, type RunPeriod } from '../subsidy/run';

export interface Projection {
  /** Expected subsidy per calendar year, from `fromPeriod` on. */
  subsidyByYear: Map<number, number>;
  /** Premiums of approved loans that will fall due at disbursement. */
  pendingPremiums: number;
}

type ProjectedLoan = Pick<
  Loan,
  'id' | 'tanggalAkad' | 'tanggalPencairan' | 'tanggalLunas' | 'plafon' | 'tenorBulan' | 'bungaBankPersen' | 'bungaDebiturPersen' | 'tanggalAngsuranPertama'
>;

/** Months by year × 12 + month − 1, their dates worked out once for every loan. */
const runPeriods = new Map<number, RunPeriod>();
function periodInfo(monthIndex: number): RunPeriod {
  let p = runPeriods.get(monthIndex);
  if (!p) {
    if (runPeriods.size >= 5_000) runPeriods.clear();
    const year = Math.floor(monthIndex / 12);
    const month = monthIndex - year * 12 + 1;
    runPeriods.set(monthIndex, (p = runPeriod(`${year}-${month < 10 ? '0' : ''}${month}`)));
  }
  return p;
}

/** year × 12 + month − 1 of a 'YYYY-MM…' text (a period or a date). */
const monthIndexOf = (text: string) => Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)) - 1;

function addProjection(
  byYear: Map<number, number>,
  loan: ProjectedLoan,
  scheme: Scheme,
  fromPeriod: string,
  paid: ReadonlySet<string> | undefined,
  restructurings: readonly Restructuring[],
  untilPeriod?: string,
): void {
  const disbursed = loan.tanggalPencairan ?? loan.tanggalAkad;
  const view = runLoan(
    {
      id: loan.id,
      nomorRekening: '',
      debiturNama: '',
      nik: '',
      skemaKode: scheme.kode,
      tanggalPencairan: disbursed,
      tanggalLunas: loan.tanggalLunas,
      plafon: loan.plafon,
      tenorBulan: loan.tenorBulan,
      bungaBankPersen: loan.bungaBankPersen,
      bungaDebiturPersen: loan.bungaDebiturPersen,
      tanggalAngsuranPertama: loan.tanggalAngsuranPertama,
      budgetYear: Number(loan.tanggalAkad.slice(0, 4)),
      scheme,
      restructurings,
      claimDate: null,
      warning: null,
    },
    disbursed,
  );
  // Month indexes, not 'YYYY-MM' texts: the months from the later of the disbursement and
  // `fromPeriod` to the earlier of the maturity and `untilPeriod` (at 1,000,000 loans the texts
  // and the list of them per loan were a measurable part of the summary's projection).
  const last = untilPeriod === undefined ? view.maturityMonth : Math.min(monthIndexOf(untilPeriod), view.maturityMonth);
  const first = Math.max(monthIndexOf(disbursed), monthIndexOf(fromPeriod));
  // A year's months are added here and put in the map once (it was read and written per month).
  let year = -1;
  let sum = 0;
  let any = false;
  for (let m = first; m <= last; m++) {
    const p = periodInfo(m);
    if (p.year !== year) {
      if (any) byYear.set(year, (byYear.get(year) ?? 0) + sum);
      year = p.year;
      sum = 0;
      any = false;
    }
    const amount = runAmount(view, p, paid !== undefined && paid.has(p.periode));
    if (amount !== null) {
      sum += amount;
      any = true;
    }
  }
  if (any) byYear.set(year, (byYear.get(year) ?? 0) + sum);
}

/** Expected subsidy per year of one loan (stored or not yet saved), from `fromPeriod` on. */
export function projectLoan(loan: Loan, scheme: Scheme, fromPeriod: string, paid: Set<string> = new Set(), restructurings: Restructuring[] = []): Map<number, number> {
  const byYear = new Map<number, number>();
  addProjection(byYear, loan, scheme, fromPeriod, paid, restructurings);
  return byYear;
}

/**
 * The projection from `fromPeriod` on; with `untilPeriod`, only the months up to it (the monthly
 * summary wants the rest of one year, not every loan's months to maturity).
 */
export function projectCosts(db: Database, fromPeriod: string, untilPeriod?: string): Projection {
  const schemes = new Map<number, Scheme>();
  const subsidyByYear = new Map<number, number>();
  const restructurings = loansRepo.projectionRestructurings(db);
  const paid = loansRepo.paidPeriodsFrom(db, fromPeriod);
  let pendingPremiums = 0;
  for (const row of loansRepo.projectionLoans(db)) {
    const [id, skemaId, status, tanggalAkad, tanggalPencairan, tanggalLunas, plafon, tenorBulan, bungaBankPersen, bungaDebiturPersen, tanggalAngsuranPertama] = row;
    let scheme = schemes.get(skemaId);
    if (!scheme) {
      scheme = getScheme(db, skemaId)!;
      schemes.set(scheme.id, scheme);
    }
    if (status === 'disetujui' && scheme.penjaminId !== null) {
      pendingPremiums += computePremium({
        plafon,
        tenorMonths: tenorBulan,
        basis: scheme.premiBasis,
        ratePercent: scheme.premiTarifPersen,
        table: scheme.premiTabel.map((b) => ({ tenorMin: b.tenorMin, tenorMax: b.tenorMaks, ratePercent: b.tarifPersen })),
        rounding: scheme.pembulatan,
      }).amount;
    }
    // Approved loans will also earn subsidy once disbursed: projected from the agreement date.
    addProjection(
      subsidyByYear,
      { id, tanggalAkad, tanggalPencairan, tanggalLunas, plafon, tenorBulan, bungaBankPersen, bungaDebiturPersen, tanggalAngsuranPertama },
      scheme,
      fromPeriod,
      paid.get(id),
      restructurings.get(id) ?? [],
      untilPeriod,
    );
  }
  return { subsidyByYear, pendingPremiums };
}
