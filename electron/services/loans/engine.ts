/**
 * Bridges stored loans to the pure loan engine: the schedule in force (with restructurings),
 * the rates in force on a date, and the contract's schedule view with the interest split.
 */
import type { Loan, Restructuring, Schedule as ScheduleView, Scheme } from '../../contract';
import { addMonths, compareDates, generateSchedule, restructure, splitInterest, type Schedule, type SubsidyTerms } from '../../domain/loan';

export interface LoanTerms {
  bungaBankPersen: string;
  bungaDebiturPersen: string;
}

/** Rates in force on `date`: the loan's own, replaced by each restructuring from its date on. */
export function termsOn(loan: Pick<Loan, 'bungaBankPersen' | 'bungaDebiturPersen'>, restructurings: readonly Restructuring[], date: string): LoanTerms {
  let terms: LoanTerms = { bungaBankPersen: loan.bungaBankPersen, bungaDebiturPersen: loan.bungaDebiturPersen };
  for (const r of restructurings) {
    if (compareDates(r.berlakuMulai, date) > 0) break;
    terms = { bungaBankPersen: r.bungaBankPersen ?? terms.bungaBankPersen, bungaDebiturPersen: r.bungaDebiturPersen ?? terms.bungaDebiturPersen };
  }
  return terms;
}

export function subsidyTerms(scheme: Pick<Scheme, 'jenisSubsidi' | 'porsiSubsidiPersen'>, terms: LoanTerms): SubsidyTerms {
  return {
    mode: scheme.jenisSubsidi,
    bankRatePercent: terms.bungaBankPersen,
    debtorRatePercent: terms.bungaDebiturPersen,
    sharePercent: scheme.porsiSubsidiPersen,
  };
}

export interface ScheduleSource {
  plafon: number;
  tenorBulan: number;
  bungaBankPersen: string;
  metodeBunga: Scheme['metodeBunga'];
  tanggalPencairan: string;
  tanggalAngsuranPertama: string | null;
  pembulatan: Scheme['pembulatan'];
}

/** The first instalment falls one month after disbursement unless the agreement says otherwise. */
export function firstDueDate(src: Pick<ScheduleSource, 'tanggalPencairan' | 'tanggalAngsuranPertama'>): string {
  return src.tanggalAngsuranPertama ?? addMonths(src.tanggalPencairan, 1);
}

/** The schedule in force: the original plan, re-planned from each restructuring's date. */
export function loanSchedule(src: ScheduleSource, restructurings: readonly Restructuring[] = []): Schedule {
  let schedule = generateSchedule({
    plafon: src.plafon,
    tenorMonths: src.tenorBulan,
    annualRatePercent: src.bungaBankPersen,
    method: src.metodeBunga,
    disbursementDate: src.tanggalPencairan,
    firstDueDate: firstDueDate(src),
    rounding: src.pembulatan,
  });
  for (const r of restructurings) {
    schedule = restructure(schedule, r.berlakuMulai, {
      ...(r.tenorBulan === null ? {} : { newTenorMonths: r.tenorBulan }),
      ...(r.bungaBankPersen === null ? {} : { newAnnualRatePercent: r.bungaBankPersen }),
    });
  }
  return schedule;
}

/** The schedule as the screens show it, each interest split by the rates in force on its due date. */
export function scheduleView(
  schedule: Schedule,
  scheme: Pick<Scheme, 'jenisSubsidi' | 'porsiSubsidiPersen'>,
  loan: Pick<Loan, 'bungaBankPersen' | 'bungaDebiturPersen'>,
  restructurings: readonly Restructuring[] = [],
): ScheduleView {
  const rows = schedule.periods.map((p) => {
    const split = splitInterest(p.interest, subsidyTerms(scheme, termsOn(loan, restructurings, p.dueDate)), schedule.rounding);
    return {
      no: p.no,
      jatuhTempo: p.dueDate,
      periode: p.period,
      pokokAwal: p.openingOutstanding,
      pokok: p.principal,
      bunga: p.interest,
      angsuran: p.installment,
      pokokAkhir: p.closingOutstanding,
      bungaDebitur: split.debtorInterest,
      bungaSubsidi: split.subsidyInterest,
    };
  });
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((total, r) => total + pick(r), 0);
  return {
    rows,
    totalPokok: sum((r) => r.pokok),
    totalBunga: sum((r) => r.bunga),
    totalAngsuran: sum((r) => r.angsuran),
    totalBungaDebitur: sum((r) => r.bungaDebitur),
    totalBungaSubsidi: sum((r) => r.bungaSubsidi),
  };
}
