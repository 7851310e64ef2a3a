/**
 * The subsidy run as first written, kept as the readable specification the fast run in run.ts is
 * tested against (tests/integration/subsidy-run-fast.test.ts): every loan's full schedule, every
 * line through the pure loan engine's general functions. Not used by the app: over 100,000 loans
 * it takes many seconds and hundreds of megabytes.
 */
import type { Database } from '../../../database/connection';
import type { BankPosition, Loan, Restructuring, Scheme, SubsidyLine, SubsidyRun } from '../../contract';
import * as loansRepo from '../../../database/repositories/loans';
import { getBank } from '../../../database/repositories/banks';
import { getScheme } from '../../../database/repositories/schemes';
import {
  checkEligibility,
  computeSubsidy,
  maturityDate,
  maxDate,
  periodEndExclusive,
  periodFirstDay,
  periodsBetween,
  previousPeriod,
  scheduledOutstandingOn,
  segmentsFromChanges,
  splitAtRateChanges,
  subsidizedRatePercent,
  type PrincipalChange,
  type RateChange,
  type Schedule,
} from '../../domain/loan';
import { paidMonthsOfSharedDebtors, sharedDebtorIds } from '../../../database/repositories/payments';
import { notFound } from '../errors';
import { loanSchedule, subsidyTerms, termsOn } from '../loans/engine';
import { PersonMonthLedger, personMonthLine } from './person-month';
import { decreeVerdictOfLoan } from '../decrees/check';
import type { DecreeVerdict } from '../../domain/decree';
import type { RunRequest } from './run';

export type { RunRequest };

export interface LoanContext {
  loan: Loan;
  scheme: Scheme;
  schedule: Schedule;
  restructurings: Restructuring[];
  positions: Map<string, BankPosition>;
  paid: Set<string>;
  claimDate: string | null;
  otherActiveLoans: number;
  /** The recipient decree's verdict on the loan (absent: not checked, as in the budget projection). */
  decree?: DecreeVerdict | undefined;
  /** The projection's future months: an instalment the bank has not reported is taken as paid. */
  assumeInstallmentPaid?: boolean;
}

export function computeSubsidyRunReference(db: Database, req: RunRequest): SubsidyRun {
  const bank = getBank(db, req.bankId);
  if (!bank) throw notFound('Bank mitra');
  const periods = periodsBetween(req.periodeAwal, req.periodeAkhir);
  const first = periodFirstDay(req.periodeAwal);
  const lastEx = periodEndExclusive(req.periodeAkhir);
  const loans = loansRepo.loansOfBankForPeriod(db, req.bankId, first, lastEx);
  const ids = loans.map((l) => l.id);
  const positions = loansRepo.positionsForPeriods(db, ids, previousPeriod(req.periodeAwal), req.periodeAkhir);
  // Only the run's own months matter for "already paid".
  const paid = loansRepo.paidPeriodSet(db, ids, req.periodeAwal, req.periodeAkhir);
  // Everything else per loan is read in bulk up front: no query per loan (the run covers 100,000).
  const restructuringsByLoan = loansRepo.restructuringsOfLoans(db, ids);
  const claimDates = loansRepo.claimDatesOfLoans(db, ids);
  const runningPerDebtor = loansRepo.runningLoansPerDebtor(db);
  const schemes = new Map<number, Scheme>();
  // One person, one subsidy per month: the months other loans of the debtor already hold.
  const shared = sharedDebtorIds(db);
  const ledger = new PersonMonthLedger(paidMonthsOfSharedDebtors(db, req.periodeAwal, req.periodeAkhir));

  const lines: SubsidyLine[] = [];
  for (const loan of loans) {
    let scheme = schemes.get(loan.skemaId);
    if (!scheme) {
      scheme = getScheme(db, loan.skemaId)!;
      schemes.set(loan.skemaId, scheme);
    }
    const restructurings = restructuringsByLoan.get(loan.id) ?? [];
    const running = runningPerDebtor.get(loan.debiturId) ?? 0;
    const ctx: LoanContext = {
      loan,
      scheme,
      restructurings,
      schedule: loanSchedule({ ...loan, tanggalPencairan: loan.tanggalPencairan!, metodeBunga: scheme.metodeBunga, pembulatan: scheme.pembulatan }, restructurings),
      positions: positions.get(loan.id) ?? new Map(),
      paid: paid.get(loan.id) ?? new Set(),
      claimDate: claimDates.get(loan.id) ?? null,
      // Other running loans of the debtor: all of them, less this one when it is itself running.
      otherActiveLoans: running - (loan.status === 'aktif' || loan.status === 'macet' ? 1 : 0),
      // Read per loan here (the fast run reads the bank's decree rows in one query).
      decree: decreeVerdictOfLoan(db, { nik: loan.debiturNik, bankId: loan.bankId, cabangId: loan.cabangId, tanggalAkad: loan.tanggalAkad, plafon: loan.plafon }, scheme),
    };
    const person = { debiturId: loan.debiturId, batas: scheme.maksPinjamanPerOrang, bankNama: bank.nama, shared: shared.has(loan.debiturId) };
    for (const periode of periods) lines.push(personMonthLine(ledger, lineForReference(ctx, periode), person));
  }

  const eligible = lines.filter((l) => l.layak);
  return {
    bankId: bank.id,
    bankNama: bank.nama,
    periodeAwal: req.periodeAwal,
    periodeAkhir: req.periodeAkhir,
    lines,
    jumlahLayak: eligible.length,
    jumlahTidakLayak: lines.length - eligible.length,
    total: eligible.reduce((sum, l) => sum + (l.rincian?.jumlah ?? 0), 0),
  };
}

export function lineForReference(ctx: LoanContext, periode: string): SubsidyLine {
  const { loan, scheme, schedule } = ctx;
  const position = ctx.positions.get(periode) ?? null;
  const base: Omit<SubsidyLine, 'layak' | 'alasan' | 'alasanLabel' | 'rincian'> = {
    pinjamanId: loan.id,
    nomorRekening: loan.nomorRekening,
    debiturNama: loan.debiturNama,
    nik: loan.debiturNik,
    skemaKode: loan.skemaKode,
    periode,
    kol: position?.kol ?? null,
    peringatan: [
      ...(ctx.otherActiveLoans > 0 ? [`Debitur memiliki ${ctx.otherActiveLoans} pinjaman bersubsidi lain yang masih berjalan (pembiayaan ganda)`] : []),
      ...(ctx.decree?.pesan ? [ctx.decree.pesan] : []),
    ],
  };

  const eligibility = checkEligibility({
    period: periode,
    disbursementDate: loan.tanggalPencairan,
    payoffDate: loan.tanggalLunas,
    maturityDate: maturityDate(schedule),
    kol: position?.kol ?? null,
    maxKol: scheme.kolMaks,
    insuranceClaimDate: ctx.claimDate,
    installmentPaid: position ? position.angsuranDibayar : ctx.assumeInstallmentPaid === true ? true : null,
    requireInstallment: scheme.wajibAngsuran,
    paidPeriods: ctx.paid,
    budgetYearOnly: scheme.hanyaTahunAnggaran,
    // A budget-year scheme pays up to December of the year the agreement was signed.
    budgetYear: Number(loan.tanggalAkad.slice(0, 4)),
    // Not named in a decree for the loan's bank and unit: no subsidy where the scheme says so.
    notInDecree: scheme.tolakTanpaSk && ctx.decree?.tidakTercantum ? ctx.decree.pesan : null,
  });
  if (!eligibility.eligible) {
    return { ...base, layak: false, alasan: eligibility.reason, alasanLabel: `${eligibility.label} (${eligibility.detail})`, rincian: null };
  }

  const start = periodFirstDay(periode);
  const endEx = periodEndExclusive(periode);
  const activeFrom = maxDate(start, loan.tanggalPencairan!);
  const previous = ctx.positions.get(previousPeriod(periode));
  // Opening principal: the bank's report at the end of last month, else the schedule.
  const opening = previous && activeFrom === start ? previous.outstanding : scheduledOutstandingOn(schedule, activeFrom);
  const changes: PrincipalChange[] = schedule.periods
    .filter((p) => p.dueDate >= start && p.dueDate < endEx)
    // The bank's month-end report, when there is one, is what the principal became after the instalment.
    .map((p) => ({ date: p.dueDate, outstanding: position ? position.outstanding : p.closingOutstanding }));
  // On a plafon basis the same segments are used: the plafon counts while anything is owed.
  const principalSegments = segmentsFromChanges({ start, endExclusive: endEx, openingOutstanding: opening, changes, activeFrom, activeUntilExclusive: loan.tanggalLunas });
  // The rate in force on the first active day, and a split wherever a restructuring inside the
  // month changed it: each segment carries the rate of its own days (PMK 65/2020).
  const rate = subsidizedRatePercent(subsidyTerms(scheme, termsOn(loan, ctx.restructurings, activeFrom)));
  const rateChanges: RateChange[] = ctx.restructurings
    .filter((r) => r.berlakuMulai > activeFrom && r.berlakuMulai < endEx)
    .map((r) => ({ date: r.berlakuMulai, ratePercent: subsidizedRatePercent(subsidyTerms(scheme, termsOn(loan, ctx.restructurings, r.berlakuMulai))) }));
  const segments = splitAtRateChanges(principalSegments, rate, rateChanges);
  const working = computeSubsidy({
    segments,
    ratePercent: rate,
    dayCount: scheme.konvensiHari,
    basis: scheme.basisSubsidi,
    plafon: loan.plafon,
    rounding: scheme.pembulatan,
  });
  return {
    ...base,
    layak: true,
    alasan: null,
    alasanLabel: null,
    rincian: {
      basis: working.basis,
      konvensiHari: working.dayCount,
      tarifSubsidiPersen: working.ratePercent,
      segmen: working.segments.map((s) => ({ dari: s.from, sampai: s.toExclusive, pokok: s.base, hari: s.days, tarifPersen: s.rate, tidakDibulatkan: s.unroundedAmount })),
      tidakDibulatkan: working.totalUnrounded,
      pembulatan: working.rounding,
      jumlah: working.amount,
      dariJadwal: position === null,
    },
  };
}

/**
 * The budget projection of one loan as first written (electron/services/budget/projection.ts now
 * uses the run's fast path): every future month of the full schedule through lineForReference,
 * each month's instalment taken as paid.
 */
export function projectLoanReference(loan: Loan, scheme: Scheme, fromPeriod: string, paid: Set<string> = new Set(), restructurings: Restructuring[] = []): Map<number, number> {
  const byYear = new Map<number, number>();
  const disbursed = loan.tanggalPencairan ?? loan.tanggalAkad;
  const schedule = loanSchedule({ ...loan, tanggalPencairan: disbursed, metodeBunga: scheme.metodeBunga, pembulatan: scheme.pembulatan }, restructurings);
  const lastPeriod = maturityDate(schedule).slice(0, 7);
  const start = disbursed.slice(0, 7) > fromPeriod ? disbursed.slice(0, 7) : fromPeriod;
  if (lastPeriod < start) return byYear;
  const ctx: LoanContext = {
    loan: { ...loan, tanggalPencairan: disbursed },
    scheme,
    schedule,
    restructurings,
    positions: new Map(),
    paid,
    claimDate: null,
    otherActiveLoans: 0,
    assumeInstallmentPaid: true,
  };
  for (const periode of periodsBetween(start, lastPeriod)) {
    const line = lineForReference(ctx, periode);
    if (!line.layak || !line.rincian) continue;
    const year = Number(periode.slice(0, 4));
    byYear.set(year, (byYear.get(year) ?? 0) + line.rincian.jumlah);
  }
  return byYear;
}
