/** The subsidy run (what the regency owes a bank for a period, line by line) and payments. */
import { z } from 'zod';
import { id, requiredText, returns } from './common';
import { isoDate, period } from './schemes';
import { INELIGIBILITY_REASONS, type IneligibilityReason } from '../domain/loan/eligibility';

/** Why a loan-month earns no subsidy: the loan engine's reasons, in the contract's words. */
export const ALASAN_TIDAK_LAYAK = INELIGIBILITY_REASONS;
export type AlasanTidakLayak = IneligibilityReason;

/** One piece of a period during which neither the principal nor the rate changed. */
export interface SubsidySegment {
  dari: string;
  /** Exclusive end date. */
  sampai: string;
  pokok: number;
  hari: number;
  /** The subsidised annual rate in % in force on these days (a restructuring inside the month splits it). */
  tarifPersen: string;
  /** Exact decimal amount before rounding. */
  tidakDibulatkan: string;
}

/** How a line's amount was found: enough to redo it by hand. */
export interface SubsidyWorking {
  basis: 'outstanding' | 'plafon';
  konvensiHari: 'act360' | 'act365' | '30360';
  /** The subsidised rate on the month's first active day; a segment after a restructuring carries its own. */
  tarifSubsidiPersen: string;
  segmen: SubsidySegment[];
  tidakDibulatkan: string;
  pembulatan: 'half_up' | 'floor';
  jumlah: number;
  /** True when the bank reported no position for the month and the schedule's outstanding was used. */
  dariJadwal: boolean;
}

export interface SubsidyLine {
  pinjamanId: number;
  nomorRekening: string;
  debiturNama: string;
  nik: string;
  skemaKode: string;
  periode: string;
  layak: boolean;
  alasan: AlasanTidakLayak | null;
  alasanLabel: string | null;
  kol: number | null;
  rincian: SubsidyWorking | null;
  /** Warnings that do not stop the line (e.g. the debtor has another active subsidised loan). */
  peringatan: string[];
}

export interface SubsidyRun {
  bankId: number;
  bankNama: string;
  periodeAwal: string;
  periodeAkhir: string;
  lines: SubsidyLine[];
  jumlahLayak: number;
  jumlahTidakLayak: number;
  total: number;
}

export const subsidyRunInput = z
  .object({
    bankId: id,
    periodeAwal: period,
    /** Same as periodeAwal for a month; three months later for a quarter. */
    periodeAkhir: period.optional(),
  })
  .transform((v) => ({ ...v, periodeAkhir: v.periodeAkhir ?? v.periodeAwal }))
  .refine((v) => v.periodeAkhir >= v.periodeAwal, { message: 'Periode akhir sebelum periode awal', path: ['periodeAkhir'] });

export const subsidyPaymentInput = z.object({
  bankId: id,
  periodeAwal: period,
  periodeAkhir: period.optional(),
  nomorSp2d: requiredText('Nomor SP2D', 60),
  tanggalSp2d: isoDate('Tanggal SP2D'),
  paguId: id,
});

export interface SubsidyPayment {
  tagihanId: number;
  pembayaranId: number;
  jumlah: number;
  jumlahBaris: number;
  sisaPagu: number;
}

export const subsidyContract = {
  'subsidy.run': { input: subsidyRunInput, output: returns<SubsidyRun>() },
  /**
   * Records an SP2D paying a bank's eligible lines for a period as computed by the run, in one
   * transaction; each loan-month is marked paid so it can never be paid again.
   */
  'subsidy.recordPayment': { input: subsidyPaymentInput, output: returns<SubsidyPayment>() },
} as const;
