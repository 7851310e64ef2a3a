/**
 * Whether a loan earns subsidy for a period, and if not, the first reason in the fixed order
 * below (the order the secretariat checks them, so one line always shows one reason).
 */
import { compareDates, parsePeriod, periodFirstDay, periodLastDay, type IsoDate, type Period } from './dates';

export const INELIGIBILITY_REASONS = [
  'belum_cair',
  'lunas',
  'lewat_jatuh_tempo',
  'kol_melebihi_batas',
  'sudah_klaim_asuransi',
  'tidak_ada_angsuran',
  'sudah_dibayar',
  'di_luar_tahun_anggaran',
  // Not decided by checkEligibility (it sees one loan): the run gives it when the person's month is
  // already taken by another loan (one person, at most the scheme's N subsidised loans a month).
  'sudah_disubsidi_lain',
  'tidak_tercantum_sk',
] as const;
export type IneligibilityReason = (typeof INELIGIBILITY_REASONS)[number];

export const INELIGIBILITY_LABELS: Readonly<Record<IneligibilityReason, string>> = {
  belum_cair: 'Belum dicairkan',
  lunas: 'Sudah lunas',
  lewat_jatuh_tempo: 'Melewati jatuh tempo',
  kol_melebihi_batas: 'Kolektibilitas melebihi batas skema',
  sudah_klaim_asuransi: 'Sudah diklaim ke asuransi',
  tidak_ada_angsuran: 'Tidak ada angsuran pada periode ini',
  sudah_dibayar: 'Periode ini sudah dibayar',
  di_luar_tahun_anggaran: 'Di luar tahun anggaran',
  sudah_disubsidi_lain: 'Bulan ini sudah disubsidi melalui pinjaman lain',
  tidak_tercantum_sk: 'Tidak tercantum dalam SK',
};

export interface EligibilityInput {
  period: Period;
  /** null: not disbursed yet. */
  disbursementDate: IsoDate | null;
  /** The day the loan was paid off (the first day nothing is owed); null: still running. */
  payoffDate: IsoDate | null;
  /** Due date of the last instalment. */
  maturityDate: IsoDate;
  /** Kol the bank reported for the period; null: not reported (does not exclude by itself). */
  kol: number | null;
  /** The scheme's highest kol that keeps the subsidy. */
  maxKol: number;
  /** Date an insurance claim was filed; null: never claimed. */
  insuranceClaimDate: IsoDate | null;
  /** Whether the bank reported an instalment paid in the period; null: not reported. */
  installmentPaid: boolean | null;
  /** The scheme pays only periods with an instalment. */
  requireInstallment: boolean;
  /** Periods of this loan already paid. */
  paidPeriods: ReadonlySet<Period> | readonly Period[];
  /** The scheme pays only periods of its budget year (up to December). */
  budgetYearOnly: boolean;
  budgetYear: number;
  /**
   * Why the debtor is not named in a recipient decree for the loan's bank and unit, when the
   * scheme stops the payment for that (electron/domain/decree.ts); null or absent: no objection.
   */
  notInDecree?: string | null | undefined;
}

export type EligibilityResult = { eligible: true } | { eligible: false; reason: IneligibilityReason; label: string; detail: string };

function no(reason: IneligibilityReason, detail: string): EligibilityResult {
  return { eligible: false, reason, label: INELIGIBILITY_LABELS[reason], detail };
}

export function checkEligibility(input: EligibilityInput): EligibilityResult {
  const first = periodFirstDay(input.period);
  const last = periodLastDay(input.period);

  // Disbursed on any day of the period counts: the subsidy segments start at disbursement.
  if (input.disbursementDate === null) return no('belum_cair', 'Pinjaman belum dicairkan');
  if (compareDates(input.disbursementDate, last) > 0) return no('belum_cair', `Dicairkan ${input.disbursementDate}, sesudah periode ${input.period}`);

  // Paid off on the first day of the period: nothing owed on any day of it.
  if (input.payoffDate !== null && compareDates(input.payoffDate, first) <= 0) return no('lunas', `Lunas ${input.payoffDate}`);

  // Maturing inside the period still leaves days in term; only a period wholly after it is out.
  if (compareDates(first, input.maturityDate) > 0) return no('lewat_jatuh_tempo', `Jatuh tempo ${input.maturityDate}`);

  if (input.kol !== null && input.kol > input.maxKol) return no('kol_melebihi_batas', `Kol ${input.kol}, batas skema kol ${input.maxKol}`);

  // A claim filed in the period or earlier: the insurer now carries the loan.
  if (input.insuranceClaimDate !== null && compareDates(input.insuranceClaimDate, last) <= 0) return no('sudah_klaim_asuransi', `Klaim asuransi ${input.insuranceClaimDate}`);

  if (input.requireInstallment && input.installmentPaid !== true) {
    return no('tidak_ada_angsuran', input.installmentPaid === null ? 'Bank tidak melaporkan angsuran' : 'Bank melaporkan tidak ada angsuran');
  }

  const paid = input.paidPeriods instanceof Set ? input.paidPeriods.has(input.period) : (input.paidPeriods as readonly Period[]).includes(input.period);
  if (paid) return no('sudah_dibayar', `Periode ${input.period} sudah dibayar`);

  if (input.budgetYearOnly && parsePeriod(input.period).year !== input.budgetYear) {
    return no('di_luar_tahun_anggaran', `Periode ${input.period} di luar tahun anggaran ${input.budgetYear}`);
  }

  if (input.notInDecree) return no('tidak_tercantum_sk', input.notInDecree);

  return { eligible: true };
}
