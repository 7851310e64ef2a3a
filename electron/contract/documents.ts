/**
 * Printable documents: one request shape per kind of document (`jenis`), rendered by one
 * template path as HTML (screen and print), PDF, XLSX or CSV. The definitions (query, columns,
 * totals, layout, who may see them) live in electron/services/documents/registry.ts.
 *
 * Adding a document kind: (1) its params schema below, in `documentRequest`; (2) its entry in
 * REPORTS in registry.ts. Nothing else (channels, access, renderer view) changes.
 */
import { z } from 'zod';
import { id, returns } from './common';
import { STATUS_PINJAMAN } from './loans';
import { period } from './schemes';
import { evaluationParams } from './monitoring';

const SKALA = ['mikro', 'kecil', 'menengah', 'koperasi'] as const;

const periodRange = {
  /** Agreements (akad) from this month… */
  periodeAwal: period.optional(),
  /** …to this month, both included. */
  periodeAkhir: period.optional(),
};
const rangeInOrder = (p: { periodeAwal?: string | undefined; periodeAkhir?: string | undefined }) => !p.periodeAwal || !p.periodeAkhir || p.periodeAwal <= p.periodeAkhir;
const RANGE_MESSAGE = { message: 'Periode akhir tidak boleh sebelum periode awal', path: ['periodeAkhir'] };

export const rekapBulananParams = z.object({
  jenis: z.literal('rekapBulanan'),
  /** The month summarised, 'YYYY-MM'. */
  periode: period,
});

export const registerPinjamanParams = z
  .object({
    jenis: z.literal('registerPinjaman'),
    bankId: id.optional(),
    kecamatanId: id.optional(),
    skemaId: id.optional(),
    status: z.enum(STATUS_PINJAMAN).optional(),
    ...periodRange,
  })
  .refine(rangeInOrder, RANGE_MESSAGE);

export const registerDebiturParams = z
  .object({
    jenis: z.literal('registerDebitur'),
    /** Debtors with a loan at this bank / under this scheme / of this status / agreed in the period. */
    bankId: id.optional(),
    skemaId: id.optional(),
    status: z.enum(STATUS_PINJAMAN).optional(),
    kecamatanId: id.optional(),
    sektorId: id.optional(),
    skala: z.enum(SKALA).optional(),
    ...periodRange,
  })
  .refine(rangeInOrder, RANGE_MESSAGE);

export const riwayatPinjamanParams = z.object({
  jenis: z.literal('riwayatPinjaman'),
  pinjamanId: id,
});

/** What to print: the kind and its parameters. */
/** A bank claim's berita acara rekonsiliasi, and its lines for XLSX/CSV (electron/services/claims/documents.ts). */
export const beritaAcaraRekonsiliasiParams = z.object({ jenis: z.literal('beritaAcaraRekonsiliasi'), tagihanId: id });
export const rekonsiliasiBarisParams = z.object({ jenis: z.literal('rekonsiliasiBaris'), tagihanId: id });

/** Monitoring (docs/monitoring.md): a visit plan's list for the field officers, and the evaluation report of a year. */
export const rencanaKunjunganParams = z.object({ jenis: z.literal('rencanaKunjungan'), rencanaId: id });
export const evaluasiProgramParams = evaluationParams.extend({ jenis: z.literal('evaluasiProgram') });

export const documentRequest = z.discriminatedUnion('jenis', [rekapBulananParams, registerPinjamanParams, registerDebiturParams, riwayatPinjamanParams, beritaAcaraRekonsiliasiParams, rekonsiliasiBarisParams, rencanaKunjunganParams, evaluasiProgramParams], {
  error: 'Jenis dokumen tidak dikenal',
});
export type DocumentRequest = z.output<typeof documentRequest>;
export type DocumentRequestInput = z.input<typeof documentRequest>;
export type DocumentKind = DocumentRequest['jenis'];

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
