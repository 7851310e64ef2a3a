/**
 * Printable documents: one request shape per kind of document (`jenis`), rendered by one
 * template path as HTML (screen and print), PDF, XLSX or CSV. The definitions (query, columns,
 * totals, layout, who may see them) live in electron/services/documents/registry.ts.
 *
 * Adding a document kind: (1) its parameters in REPORT_PARAMS (report-params.ts) and its schema
 * line below, in `documentRequest`; (2) its entry in REPORTS in registry.ts. Nothing else
 * (channels, access, the Laporan page, which draws the parameters' controls) changes.
 */
import { z } from 'zod';
import { returns } from './common';
import { RANGE_MESSAGE, REPORT_PARAMS, rangeInOrder, reportRequestSchema } from './report-params';

// Each kind's request schema, from the parameters declared with it in report-params.ts.
export const rekapBulananParams = reportRequestSchema('rekapBulanan', REPORT_PARAMS.rekapBulanan);
export const registerPinjamanParams = reportRequestSchema('registerPinjaman', REPORT_PARAMS.registerPinjaman).refine(rangeInOrder, RANGE_MESSAGE);
export const registerDebiturParams = reportRequestSchema('registerDebitur', REPORT_PARAMS.registerDebitur).refine(rangeInOrder, RANGE_MESSAGE);
export const riwayatPinjamanParams = reportRequestSchema('riwayatPinjaman', REPORT_PARAMS.riwayatPinjaman);
/** A bank claim's berita acara rekonsiliasi, and its lines for XLSX/CSV (electron/services/claims/documents.ts). */
export const beritaAcaraRekonsiliasiParams = reportRequestSchema('beritaAcaraRekonsiliasi', REPORT_PARAMS.beritaAcaraRekonsiliasi);
export const rekonsiliasiBarisParams = reportRequestSchema('rekonsiliasiBaris', REPORT_PARAMS.rekonsiliasiBaris);

/** What to print: the kind and its parameters. */
/** Monitoring (docs/monitoring.md): a visit plan's list for the field officers, and the evaluation report of a year. */
export const rencanaKunjunganParams = reportRequestSchema('rencanaKunjungan', REPORT_PARAMS.rencanaKunjungan);
export const evaluasiProgramParams = reportRequestSchema('evaluasiProgram', REPORT_PARAMS.evaluasiProgram);

export const documentRequest = z.discriminatedUnion(
  'jenis',
  [
    rekapBulananParams,
    registerPinjamanParams,
    registerDebiturParams,
    riwayatPinjamanParams,
    beritaAcaraRekonsiliasiParams,
    rekonsiliasiBarisParams,
    rencanaKunjunganParams,
    evaluasiProgramParams,
  ],
  {
    error: 'Jenis dokumen tidak dikenal',
  },
);
export type DocumentRequest = z.output<typeof documentRequest>;
export type DocumentRequestInput = z.input<typeof documentRequest>;
export type DocumentKind = DocumentRequest['jenis'];

// Every kind in the union declares its parameters, and every declaration is a kind in the union.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _everyKindDeclared: Same<DocumentKind, keyof typeof REPORT_PARAMS> = true;
void _everyKindDeclared;

export const DOCUMENT_FORMATS = ['html', 'pdf', 'xlsx', 'csv'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The paper every document prints on: A4, or F4 (folio, 215 × 330 mm) as many offices use. */
export const PAPERS = ['A4', 'F4'] as const;
export type Paper = (typeof PAPERS)[number];
const paper = z.enum(PAPERS, { message: 'Ukuran kertas harus A4 atau F4' }).default('A4');

export const documentRenderInput = z.object({
  dokumen: documentRequest,
  format: z.enum(DOCUMENT_FORMATS).default('html'),
  kertas: paper,
});
export type DocumentRenderInput = z.input<typeof documentRenderInput>;

export interface RenderedDocument {
  /** File name with extension, e.g. 'rekap-bulanan-2026-10.pdf'. */
  namaBerkas: string;
  mime: string;
  judul: string;
  orientasi: 'portrait' | 'landscape';
  kertas: Paper;
  /** The page, for format 'html' (and 'csv': the text). */
  html?: string;
  teks?: string;
  /** The file, base64, for 'pdf' and 'xlsx'. */
  isiBase64?: string;
}

/** The kinds the caller may print, for the report picker. */
export interface DocumentKindInfo {
  jenis: DocumentKind;
  judul: string;
  keterangan: string;
}

/**
 * documents.print fails with this field when the app has no system print dialog (a browser over
 * the HTTP bridge): the renderer then prints its preview iframe itself.
 */
export const PRINT_UNAVAILABLE_FIELD = 'printer';
export const PRINT_UNAVAILABLE_MESSAGE = 'Dialog cetak sistem hanya tersedia di aplikasi desktop; dokumen dicetak dari pratinjau.';

export const documentsContract = {
  'documents.kinds': { input: z.object({}).default({}), output: returns<DocumentKindInfo[]>() },
  'documents.render': { input: documentRenderInput, output: returns<RenderedDocument>() },
  /** Opens the system print dialog (desktop app only). */
  'documents.print': { input: z.object({ dokumen: documentRequest, kertas: paper }), output: returns<{ dicetak: true }>() },
} as const;
