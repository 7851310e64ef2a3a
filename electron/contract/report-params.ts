/**
 * The parameters of a printable report, declared with the report (Frappe Books' getFilters(),
 * typed): each parameter names its kind (a month, a bank, a scheme, …), whether it is required
 * and its label (an i18n key). From one declaration come the zod schema the contract validates
 * the request with (documents.ts) and the controls the Laporan page draws
 * (renderer/src/features/reports/ReportParamControl.vue).
 */
import { z } from 'zod';
import { id } from './common';
import { STATUS_PINJAMAN } from './loans';
import { period } from './schemes';

export const SKALA_USAHA_REPORT = ['mikro', 'kecil', 'menengah', 'koperasi'] as const;

/** Every kind of parameter a report may take, with the value it validates to. */
export const REPORT_PARAM_SCHEMAS = {
  /** A month, 'YYYY-MM'. */
  month: period,
  /** A fiscal year. */
  year: z.number().int().min(2000).max(2100),
  bank: id,
  scheme: id,
  kecamatan: id,
  sektor: id,
  skala: z.enum(SKALA_USAHA_REPORT),
  loanStatus: z.enum(STATUS_PINJAMAN),
  /** One loan, found by account number, NIK or name. */
  loan: id,
  /** One bank claim (tagihan). */
  claim: id,
  /** One monitoring visit plan (printed from the Monitoring page, not offered on Laporan). */
  plan: id,
} as const;
export type ReportParamKind = keyof typeof REPORT_PARAM_SCHEMAS;

export interface ReportParam<K extends ReportParamKind = ReportParamKind> {
  kind: K;
  /** The i18n key of the control's label (renderer/src/features/reports/i18n.json). */
  label: string;
  /** A required parameter must be given; an optional one left empty means "all". */
  required?: boolean;
  /** Offered to the secretariat's staff only (a bank's liaison officer cannot read the list it picks from). */
  staffOnly?: boolean;
  /** The i18n key of the message when a required parameter is missing (default: reports.required). */
  missing?: string;
  /** The control's test id suffix (data-testid="report-<ui>"). */
  ui: string;
}

export type ReportParams = Readonly<Record<string, ReportParam>>;

type SchemaOf<P extends ReportParam> = P['required'] extends true ? (typeof REPORT_PARAM_SCHEMAS)[P['kind']] : z.ZodOptional<(typeof REPORT_PARAM_SCHEMAS)[P['kind']]>;
export type ParamsShape<P extends ReportParams> = { -readonly [K in keyof P]: SchemaOf<P[K]> };

/** The zod object of a report's request: its kind (`jenis`) and its declared parameters. */
export function reportRequestSchema<J extends string, P extends ReportParams>(jenis: J, params: P) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, p] of Object.entries(params)) shape[name] = p.required ? REPORT_PARAM_SCHEMAS[p.kind] : REPORT_PARAM_SCHEMAS[p.kind].optional();
  // Each declared parameter was given its kind's schema above.
  return z.object({ jenis: z.literal(jenis), ...(shape as ParamsShape<P>) });
}

/** A period range (periodeAwal..periodeAkhir) in order; the contract refuses it reversed. */
export const rangeInOrder = (p: { periodeAwal?: string | undefined; periodeAkhir?: string | undefined }) => !p.periodeAwal || !p.periodeAkhir || p.periodeAwal <= p.periodeAkhir;
export const RANGE_MESSAGE = { message: 'Periode akhir tidak boleh sebelum periode awal', path: ['periodeAkhir'] };

/** The agreement period filter the registers share. */
const AKAD_RANGE = {
  periodeAwal: { kind: 'month', label: 'reports.dari', ui: 'dari' },
  periodeAkhir: { kind: 'month', label: 'reports.sampai', ui: 'sampai' },
} as const satisfies ReportParams;

/**
 * Each report's parameters, in the order the page shows them. A report without parameters on
 * the Laporan page (printed from its own screen, e.g. a claim's berita acara) still declares the
 * id it is printed for.
 */
export const REPORT_PARAMS = {
  rekapBulanan: {
    periode: { kind: 'month', required: true, label: 'reports.periode', ui: 'periode' },
  },
  registerPinjaman: {
    bankId: { kind: 'bank', label: 'reports.bank', ui: 'bank' },
    kecamatanId: { kind: 'kecamatan', label: 'reports.kecamatan', staffOnly: true, ui: 'kecamatan' },
    skemaId: { kind: 'scheme', label: 'reports.skema', staffOnly: true, ui: 'skema' },
    status: { kind: 'loanStatus', label: 'reports.status', ui: 'status' },
    ...AKAD_RANGE,
  },
  registerDebitur: {
    /** Debtors with a loan at this bank / under this scheme / of this status / agreed in the period. */
    bankId: { kind: 'bank', label: 'reports.bank', ui: 'bank' },
    kecamatanId: { kind: 'kecamatan', label: 'reports.kecamatan', staffOnly: true, ui: 'kecamatan' },
    sektorId: { kind: 'sektor', label: 'reports.sektor', ui: 'sektor' },
    skala: { kind: 'skala', label: 'reports.skala', ui: 'skala' },
    skemaId: { kind: 'scheme', label: 'reports.skema', staffOnly: true, ui: 'skema' },
    status: { kind: 'loanStatus', label: 'reports.status', ui: 'status' },
    ...AKAD_RANGE,
  },
  riwayatPinjaman: {
    pinjamanId: { kind: 'loan', required: true, label: 'reports.pinjaman', missing: 'reports.pickLoan', ui: 'loan' },
  },
  beritaAcaraRekonsiliasi: {
    tagihanId: { kind: 'claim', required: true, label: 'reports.tagihan', ui: 'tagihan' },
  },
  rekonsiliasiBaris: {
    tagihanId: { kind: 'claim', required: true, label: 'reports.tagihan', ui: 'tagihan' },
  },
  /** The field officers' list of a visit plan (docs/monitoring.md). */
  rencanaKunjungan: {
    rencanaId: { kind: 'plan', required: true, label: 'reports.rencana', ui: 'rencana' },
  },
  /** The evaluation of a year's cohort, narrowed by scheme, bank, kecamatan and sector (docs/monitoring.md). */
  evaluasiProgram: {
    tahun: { kind: 'year', required: true, label: 'reports.tahun', ui: 'tahun' },
    bankId: { kind: 'bank', label: 'reports.bank', ui: 'bank' },
    kecamatanId: { kind: 'kecamatan', label: 'reports.kecamatan', staffOnly: true, ui: 'kecamatan' },
    sektorId: { kind: 'sektor', label: 'reports.sektor', ui: 'sektor' },
    skemaId: { kind: 'scheme', label: 'reports.skema', staffOnly: true, ui: 'skema' },
  },
} as const satisfies Readonly<Record<string, ReportParams>>;
