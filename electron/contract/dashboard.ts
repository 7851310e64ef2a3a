/** The dashboard (home screen): the program at a glance, every figure an integer-rupiah SQL sum. */
import { z } from 'zod';
import { returns } from './common';

/** One month of the disbursement/outstanding trend. */
export interface DashboardMonth {
  /** 'YYYY-MM'. */
  periode: string;
  /** Loans disbursed in the month (by tanggal_pencairan) and the sum of their plafon. */
  pencairanJumlah: number;
  pencairanPlafon: number;
  /** Sum of the outstanding the banks reported for the month (posisi_bank); null when nothing was reported. */
  outstanding: number | null;
  /** Loans the banks reported on for the month. */
  posisiJumlah: number;
}

/** Payments against one kind of pagu of the year, month by month. */
export interface DashboardRealisation {
  /** The year's pagu lines of this kind, summed; null when the caller may not see the budget (bank officers). */
  pagu: number | null;
  /** Paid in the year, net: SP2Ds against the year's lines less overpayments deposited back (STS). */
  realisasi: number;
  /** What the paid lines were agreed at: realisasi − koreksi. */
  bruto: number;
  /** Settled corrections after payment charged to the year's lines: − overpayments + underpayments (0 for premiums). */
  koreksi: number;
  /** Jan–Dec of the year: paid in the month, net (by SP2D and STS date), and cumulative. */
  bulanan: { periode: string; jumlah: number; kumulatif: number }[];
}

export interface DashboardKol {
  kol: 1 | 2 | 3 | 4 | 5;
  jumlah: number;
  outstanding: number;
}

export interface DashboardKecamatan {
  /** null: debtors without a kecamatan. */
  kecamatanId: number | null;
  nama: string | null;
  jumlah: number;
  outstanding: number;
  plafon: number;
}

export interface DashboardSummary {
  tahun: number;
  /** Null for everybody; the bank's id when the figures are a liaison officer's own bank only. */
  bankId: number | null;
  /** The trend window: 24 months ending with `periodeAkhir` (this month, or December of a past year). */
  periodeAwal: string;
  periodeAkhir: string;
  /** The latest month with bank positions up to periodeAkhir (quality, kecamatan and outstanding use it); null when none. */
  periodePosisi: string | null;
  ringkasan: {
    /** Debtors with a running loan (aktif or macet). */
    debiturAktif: number;
    /** Loans with status aktif, and their plafon. */
    pinjamanAktif: number;
    plafonAktif: number;
    /** Loans with status macet, and their plafon. */
    pinjamanMacet: number;
    plafonMacet: number;
    /** Bank-reported outstanding in periodePosisi, over the loans reported. */
    outstanding: number;
    posisiJumlah: number;
  };
  bulanan: DashboardMonth[];
  realisasi: {
    subsidi: DashboardRealisation;
    /** Premiums are paid to insurers, not banks: null for a bank officer. */
    premi: DashboardRealisation | null;
  };
  kualitas: {
    /** Always the five kol, zero where none. */
    perKol: DashboardKol[];
    /** Share of kol 3–5 in periodePosisi, as a percentage with two decimals ('12.34'), by outstanding and by count; null when nothing was reported. */
    persenKol35Outstanding: string | null;
    persenKol35Jumlah: string | null;
  };
  /** The ten kecamatan with the most outstanding in periodePosisi (debtor's kecamatan). */
  kecamatan: DashboardKecamatan[];
}

export const dashboardSummaryInput = z
  .object({ tahun: z.number({ error: 'Tahun harus angka' }).int('Tahun harus bilangan bulat').min(2000, 'Tahun paling awal 2000').max(2100, 'Tahun paling akhir 2100').optional() })
  .default({});

export const dashboardContract = {
  /** Signed-in users; a bank officer sees only their own bank's figures. */
  'dashboard.summary': { input: dashboardSummaryInput, output: returns<DashboardSummary>() },
} as const;
