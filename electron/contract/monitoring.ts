/**
 * Monitoring and evaluation (monev, issue 15): the business profile at akad, the monitoring visits,
 * the visit plans (a seeded stratified sample) and the evaluation report's figures with their rows.
 * Definitions: docs/monitoring.md; the figures' rules: electron/domain/monitoring/evaluation.ts.
 */
import { z } from 'zod';
import { id, optionalText, pageQuery, requiredText, returns, type Page } from './common';
import { isoDate, period, rupiah } from './schemes';
import type { EvaluationFigure } from '../domain/monitoring/evaluation';
import { STATUS_USAHA_AKAD, STATUS_USAHA_KUNJUNGAN } from '../domain/monitoring/evaluation';

export { STATUS_USAHA_AKAD, STATUS_USAHA_KUNJUNGAN, FIGURE_KEYS } from '../domain/monitoring/evaluation';
export type { EvaluationFigure, FigureKey } from '../domain/monitoring/evaluation';
export type StatusUsahaAkad = (typeof STATUS_USAHA_AKAD)[number];
export type StatusUsahaKunjungan = (typeof STATUS_USAHA_KUNJUNGAN)[number];

const workers = (label: string) =>
  z
    .number({ error: `${label} harus angka` })
    .int(`${label} harus bilangan bulat`)
    .min(0, `${label} tidak boleh negatif`)
    .max(100_000);

/** The business as it was at akad. */
export const businessProfileFields = z.object({
  omzetBulanan: rupiah('Omzet per bulan'),
  pekerjaDibayar: workers('Tenaga kerja dibayar'),
  pekerjaKeluarga: workers('Tenaga kerja keluarga'),
  aset: rupiah('Aset'),
  statusUsaha: z.enum(STATUS_USAHA_AKAD, { error: 'Pilih status usaha' }),
});
export type BusinessProfileFields = z.input<typeof businessProfileFields>;

export interface BusinessProfile {
  pinjamanId: number;
  omzetBulanan: number;
  pekerjaDibayar: number;
  pekerjaKeluarga: number;
  aset: number;
  statusUsaha: StatusUsahaAkad;
  diubah: string;
}

export interface Visit {
  id: number;
  pinjamanId: number;
  rencanaId: number | null;
  tanggal: string;
  petugas: string;
  omzetBulanan: number;
  pekerjaDibayar: number;
  pekerjaKeluarga: number;
  statusUsaha: StatusUsahaKunjungan;
  danaSesuai: boolean;
  penggunaanDana: string | null;
  masalah: string | null;
  tindakLanjut: string | null;
  tindakLanjutBatas: string | null;
  tindakLanjutSelesai: string | null;
  pengguna: string;
  /** Follow-up due before today and not done (computed with the service's today). */
  terlambat: boolean;
  /** Its attachments (photos) not removed; they are listed by attachments.list with owner 'kunjungan'. */
  jumlahLampiran: number;
}

/** A visit in the Monitoring list: with its loan, debtor, bank and kecamatan. */
export interface VisitListRow extends Visit {
  nomorRekening: string;
  debiturNama: string;
  namaUsaha: string | null;
  bankId: number;
  bankNama: string;
  kecamatanNama: string | null;
}

export const visitSaveInput = z
  .object({
    id: id.optional(),
    pinjamanId: id,
    rencanaId: id.nullish().transform((v) => v ?? null),
    tanggal: isoDate('Tanggal kunjungan'),
    petugas: requiredText('Petugas', 120),
    omzetBulanan: rupiah('Omzet per bulan'),
    pekerjaDibayar: workers('Tenaga kerja dibayar'),
    pekerjaKeluarga: workers('Tenaga kerja keluarga'),
    statusUsaha: z.enum(STATUS_USAHA_KUNJUNGAN, { error: 'Pilih status usaha' }),
    danaSesuai: z.boolean({ error: 'Pilih apakah dana dipakai sesuai akad' }),
    penggunaanDana: optionalText(500),
    masalah: optionalText(1000),
    tindakLanjut: optionalText(1000),
    tindakLanjutBatas: isoDate('Batas tindak lanjut')
      .nullish()
      .transform((v) => v ?? null),
    tindakLanjutSelesai: isoDate('Tanggal tindak lanjut selesai')
      .nullish()
      .transform((v) => v ?? null),
  })
  .refine((v) => v.danaSesuai || v.penggunaanDana !== null, { message: 'Tulis untuk apa dana dipakai', path: ['penggunaanDana'] })
  .refine((v) => v.tindakLanjutBatas === null || v.tindakLanjut !== null, { message: 'Tulis tindak lanjutnya', path: ['tindakLanjut'] })
  .refine((v) => v.tindakLanjutBatas === null || v.tindakLanjutBatas >= v.tanggal, {
    message: 'Batas tindak lanjut tidak boleh sebelum tanggal kunjungan',
    path: ['tindakLanjutBatas'],
  })
  .refine((v) => v.tindakLanjutSelesai === null || v.tindakLanjut !== null, { message: 'Tulis tindak lanjutnya', path: ['tindakLanjut'] })
  .refine((v) => v.tindakLanjutSelesai === null || v.tindakLanjutSelesai >= v.tanggal, {
    message: 'Tanggal selesai tidak boleh sebelum tanggal kunjungan',
    path: ['tindakLanjutSelesai'],
  });
export type VisitSaveInput = z.input<typeof visitSaveInput>;

export const TINDAK_LANJUT_FILTER = ['terlambat', 'terbuka', 'selesai', 'tanpa'] as const;

export const visitListInput = pageQuery
  .extend({
    bankId: id.optional(),
    kecamatanId: id.optional(),
    pinjamanId: id.optional(),
    statusUsaha: z.enum(STATUS_USAHA_KUNJUNGAN).optional(),
    /** Visits from / to these dates, both included. */
    dari: isoDate('Dari tanggal').optional(),
    sampai: isoDate('Sampai tanggal').optional(),
    /** terlambat: due before today, not done; terbuka: not done; selesai: done; tanpa: no follow-up. */
    tindakLanjut: z.enum(TINDAK_LANJUT_FILTER).optional(),
  })
  .default({ page: 1, pageSize: 50 });

export interface PlanSummary {
  id: number;
  periode: string;
  ukuran: number;
  seed: number;
  populasi: number;
  /** Loans drawn (less than ukuran when the population is smaller). */
  jumlah: number;
  pengguna: string;
  dibuat: string;
}

export interface PlanRow {
  urutan: number;
  pinjamanId: number;
  strata: string;
  nomorRekening: string;
  debiturNama: string;
  namaUsaha: string | null;
  alamat: string | null;
  desa: string | null;
  telepon: string | null;
  kecamatanNama: string | null;
  bankNama: string;
  /** Visits of this loan in the plan's period (the plan's progress). */
  dikunjungi: boolean;
}

export interface PlanDetail extends PlanSummary {
  alokasi: { strata: string; bankNama: string; kecamatanNama: string | null; populasi: number; sampel: number }[];
  baris: PlanRow[];
}

export const planCreateInput = z.object({
  periode: period,
  ukuran: z
    .number({ error: 'Jumlah sampel harus angka' })
    .int('Jumlah sampel harus bilangan bulat')
    .min(1, 'Jumlah sampel paling sedikit 1')
    .max(10_000, 'Jumlah sampel paling banyak 10.000'),
  /** Left out: a new random seed is chosen (and stored). */
  seed: z.number({ error: 'Seed harus angka' }).int('Seed harus bilangan bulat').min(1, 'Seed 1–4294967295').max(4_294_967_295, 'Seed 1–4294967295').optional(),
});

export const evaluationParams = z.object({
  tahun: z.number({ error: 'Tahun harus angka' }).int().min(2000, 'Tahun paling awal 2000').max(2100, 'Tahun paling akhir 2100'),
  skemaId: id.optional(),
  bankId: id.optional(),
  kecamatanId: id.optional(),
  sektorId: id.optional(),
});
export type EvaluationParams = z.output<typeof evaluationParams>;

/** One loan of the cohort as the report shows it (its rows sheet). */
export interface EvaluationRow {
  pinjamanId: number;
  nomorRekening: string;
  debiturNama: string;
  namaUsaha: string | null;
  bankNama: string;
  skemaKode: string;
  kecamatanNama: string | null;
  sektorNama: string | null;
  tanggalPencairan: string;
  status: string;
  profilStatus: StatusUsahaAkad | null;
  omzetAkad: number | null;
  tenagaKerjaAkad: number | null;
  kunjunganTanggal: string | null;
  kunjunganStatus: StatusUsahaKunjungan | null;
  omzetKunjungan: number | null;
  tenagaKerjaKunjungan: number | null;
  /** The latest visit (null when none), and how many attachments (photos) it has: the evidence behind its figures. */
  kunjunganId: number | null;
  kunjunganLampiran: number;
  periodePosisi: string | null;
  kol: number | null;
  outstanding: number | null;
  subsidi: number;
  premi: number;
}

export interface Evaluation {
  params: EvaluationParams;
  figures: EvaluationFigure[];
  rows: EvaluationRow[];
}

export const monitoringContract = {
  /** A loan's business profile and visits (a bank's officer: their own bank's loans only). */
  'monev.loan': { input: z.object({ pinjamanId: id }), output: returns<{ profil: BusinessProfile | null; kunjungan: Visit[] }>() },
  'monev.saveProfile': { input: businessProfileFields.extend({ pinjamanId: id }), output: returns<BusinessProfile>() },
  'monev.list': { input: visitListInput, output: returns<Page<VisitListRow>>() },
  'monev.save': { input: visitSaveInput, output: returns<Visit>() },
  'monev.followUpDone': { input: z.object({ id, tanggal: isoDate('Tanggal selesai') }), output: returns<Visit>() },
  /** Follow-ups whose due date has passed and that are not done: the count and the oldest few. */
  'monev.overdue': { input: z.object({}).default({}), output: returns<{ jumlah: number; kunjungan: VisitListRow[] }>() },
  'monev.plans': { input: z.object({}).default({}), output: returns<PlanSummary[]>() },
  'monev.createPlan': { input: planCreateInput, output: returns<PlanDetail>() },
  'monev.plan': { input: z.object({ id }), output: returns<PlanDetail>() },
  'monev.evaluation': { input: evaluationParams, output: returns<Evaluation>() },
} as const;

export type { Page };
