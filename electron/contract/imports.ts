/**
 * Importing the files banks and insurers send: bank positions (posisi), subsidy claims (tagihan)
 * and insurer premium invoices (premi).
 *
 * The steps, each a channel: upload (the bytes, base64; the file is kept and analysed) →
 * inspect (again, with the clerk's delimiter/encoding/sheet/header-row overrides) → preview (a
 * job off the main thread: every row parsed and checked) → progress (poll the job) → problems
 * (a page of the job's problems) / rows (a page of the parsed rows with their problems) → commit
 * (the good rows, in one transaction). list/get show the history.
 */
import { z } from 'zod';
import { id, requiredText, returns, type Page } from './common';
import { IMPORT_KIND_SPECS, IMPORT_KINDS, IMPORT_LIMITS, UPLOAD_BASE64_MAX, type Delimiter, type ImportKind, type TextEncoding } from './import-kinds';

export * from './import-kinds';

const jenis = z.enum(IMPORT_KINDS, { error: 'Pilih jenis berkas' });
const sha = z.string().regex(/^[0-9a-f]{64}$/, 'Berkas tidak dikenal; unggah lagi');

/**
 * How the file is read; every part detected when left out. headerRow is the file's row number.
 * tanpaJudul: true says the file has no header row (columns are then "Kolom 1", "Kolom 2", …, and
 * headerRow is ignored); false says it has one (detected when headerRow is left out); left out, a
 * file in which no row looks like a header is read as having none.
 */
export const importOptions = z
  .object({
    delimiter: z.enum([',', ';', '|', '\t']).optional(),
    encoding: z.enum(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be']).optional(),
    sheet: z.string().max(100).optional(),
    headerRow: z.number().int().min(1, 'Baris judul paling kecil 1 (atau pilih "tanpa baris judul")').max(1000).optional(),
    tanpaJudul: z.boolean().optional(),
    formatAngka: z.enum(['otomatis', 'id', 'en']).optional(),
  })
  .default({});
export type ImportOptions = z.output<typeof importOptions>;

/** Who the file is from, as its kind says (ImportKindSpec.pemilik): a bank, an insurer or a decree. */
const owner = {
  jenis,
  bankId: id.optional(),
  penjaminId: id.optional(),
  skId: id.optional(),
};
const OWNER_FIELD = { bank: 'bankId', penjamin: 'penjaminId', sk: 'skId' } as const;
const OWNER_MESSAGE = { bank: 'Pilih bank pengirim berkas', penjamin: 'Pilih penjamin pengirim tagihan premi', sk: 'Pilih SK penerima yang daftarnya diimpor' } as const;
/** Refines an input carrying `owner`: the field its kind needs is given (reported on that field). */
const ownerRule = (v: { jenis: ImportKind; bankId?: number | undefined; penjaminId?: number | undefined; skId?: number | undefined }, rc: z.RefinementCtx) => {
  const need = IMPORT_KIND_SPECS[v.jenis].pemilik;
  if (v[OWNER_FIELD[need]] === undefined) rc.addIssue({ code: 'custom', message: OWNER_MESSAGE[need], path: [OWNER_FIELD[need]] });
};

export const importUploadInput = z
  .object({
    ...owner,
    namaBerkas: requiredText('Nama berkas', 255),
    isiBase64: z.string().min(1, 'Berkas kosong (0 bita).').max(UPLOAD_BASE64_MAX, `Berkas terlalu besar (paling besar ${IMPORT_LIMITS.berkasMb} MB)`),
    opsi: importOptions,
  })
  .superRefine(ownerRule);

export const importInspectInput = z.object({ ...owner, berkas: sha, namaBerkas: requiredText('Nama berkas', 255), opsi: importOptions }).superRefine(ownerRule);

/** field key → the column key (its header) of the file; fields left out are not in the file. */
export const importMapping = z.record(z.string().max(40), z.string().max(200));

export const importPreviewInput = z
  .object({
    ...owner,
    berkas: sha,
    namaBerkas: requiredText('Nama berkas', 255),
    opsi: importOptions,
    pemetaan: importMapping,
    /**
     * Values for the whole file of fields without a column (ImportKindSpec.fileLevel), as text:
     * a period YYYY-MM, a date YYYY-MM-DD, a text. Checked against the field's type by the service.
     */
    tetap: z.record(z.string().max(40), z.string().max(200).nullable()).default({}),
  })
  .superRefine(ownerRule);

export const importJobInput = z.object({ jobId: z.string().uuid('Pekerjaan impor tidak dikenal') });

export const importProblemsInput = z.object({
  jobId: z.string().uuid('Pekerjaan impor tidak dikenal'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
  tingkat: z.enum(['galat', 'peringatan']).optional(),
});

/** A page of the job's parsed rows: all of them, only those with a problem, or only those with an error. */
export const importRowsInput = z.object({
  jobId: z.string().uuid('Pekerjaan impor tidak dikenal'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
  hanya: z.enum(['semua', 'bermasalah', 'galat'], { error: 'Pilihan baris tidak dikenal' }).default('semua'),
});

/** For a debtor already registered whose data in the file differs: keep what is stored, or update it from the file. */
export const DEBTOR_CHOICES = ['pertahankan', 'perbarui'] as const;
export type DebtorChoice = (typeof DEBTOR_CHOICES)[number];
const debtorChoice = z.enum(DEBTOR_CHOICES, { error: 'Pilih pertahankan atau perbarui' });

/**
 * The clerk's choices on the differences the preview listed (ImportPreviewResult.debiturBerbeda):
 * one for every debtor, overridden per debtor (NIK) by one choice or one per field. Without a
 * choice the stored data is kept.
 */
export const importDebtorChoices = z.object({
  semua: debtorChoice.default('pertahankan'),
  debitur: z.record(z.string().regex(/^\d{16}$/, 'NIK harus 16 angka'), z.union([debtorChoice, z.record(z.string().max(40), debtorChoice)])).default({}),
});
export type ImportDebtorChoices = z.output<typeof importDebtorChoices>;

export const importCommitInput = z.object({
  jobId: z.string().uuid('Pekerjaan impor tidak dikenal'),
  /** Replace what an earlier import of the same content produced (when nothing depends on it). */
  ganti: z.boolean().default(false),
  /** Kind 'pinjaman': what to do with registered debtors whose data in the file differs. */
  pilihan: importDebtorChoices.optional(),
});

export const importListInput = z
  .object({
    jenis: jenis.optional(),
    bankId: id.optional(),
    penjaminId: id.optional(),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(200).default(20),
  })
  .default({ page: 1, pageSize: 20 });

// ---------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------

export interface ImportColumn {
  /**
   * The column's key: its header text, made unique ("Tanggal (2)"), or "Kolom C" when blank;
   * "Kolom 1", "Kolom 2", … in a file without a header row.
   */
  key: string;
  /** 0-based position in the row. */
  index: number;
  /** The first value under it, as read (to recognise a column without a name). */
  contoh?: string;
}

/** An earlier import of the same content (same kind, same SHA-256). */
export interface EarlierImport {
  id: number;
  namaBerkas: string;
  dibuat: string;
  dibuatOleh: string | null;
  bankNama: string | null;
  penjaminNama: string | null;
  jumlahBaris: number;
}

export interface ImportInspection {
  berkas: string;
  namaBerkas: string;
  ukuran: number;
  format: 'csv' | 'xlsx';
  delimiter: Delimiter | null;
  encoding: TextEncoding | null;
  bom: boolean;
  sheets: string[];
  sheet: string | null;
  /** The header row's number in the file (detected, or the one asked for); 0 when it has none. */
  headerRow: number;
  /** The file is read without a header row (asked for, remembered by the template, or no row looked like one). */
  tanpaJudul: boolean;
  /**
   * Values for the whole file read from its title lines (e.g. `PERIODE: 01/01/2025 s.d.
   * 31/01/2025` → periode 2025-01): a suggestion the clerk sees and may change; catatan says where
   * it came from.
   */
  saranTetap: { periode?: string };
  /** The first rows of the file as read (numbers from XLSX as text), each with its row number. */
  contoh: { baris: number; sel: string[] }[];
  kolom: ImportColumn[];
  /** The suggested mapping (field → column key), from the saved template or from header names. */
  pemetaan: Record<string, string>;
  /** Where the suggestion came from. */
  sumberPemetaan: 'templat' | 'nama_kolom';
  /** Values for the whole file the template remembered (not the period: that changes each month). */
  catatan: string[];
  sebelumnya: EarlierImport | null;
}

export type ProblemLevel = 'galat' | 'peringatan';

export interface ImportProblem {
  berkas: string;
  /** Row number in the file (null: about the whole file). */
  baris: number | null;
  /** The column's header in the file (or the field's name when it has no column). */
  kolom: string | null;
  pesan: string;
  tingkat: ProblemLevel;
}

/** A parsed row as the preview shows it: the fields' values as read (and as they will be written) and its problems. */
export interface ImportRowView {
  baris: number;
  /** field key → value: money integer rupiah, periods YYYY-MM, dates YYYY-MM-DD, null when empty or unreadable. */
  nilai: Record<string, string | number | boolean | null>;
  /** True when the row has an error: it is not written. */
  galat: boolean;
  masalah: { kolom: string | null; pesan: string; tingkat: ProblemLevel }[];
}

export interface ImportRowsPage extends Page<ImportRowView> {
  /** The fields the rows carry (mapped to a column or given for the whole file), in the kind's order. */
  isian: string[];
}

export interface SkippedRow {
  baris: number;
  alasan: string;
  isi: string;
}

/** A registered debtor (matched by NIK) whose data in a loan list differs, one field per entry. */
export interface DebtorDifference {
  nik: string;
  nama: string;
  /** The field's key in the kind's spec (alamat, kecamatan, …) and its label. */
  field: string;
  label: string;
  /** As stored, and as the file has it (names for kecamatan and sector). */
  lama: string | null;
  baru: string;
  /** The file's row it was read from. */
  baris: number;
}

export interface ImportPreviewResult {
  jenis: ImportKind;
  namaBerkas: string;
  jumlahBaris: number;
  /** Rows without errors: what a commit writes. */
  jumlahValid: number;
  /** Rows with at least one error: not written. */
  jumlahGalat: number;
  jumlahPeringatan: number;
  /** Empty rows, total and footer rows, repeated headers: not data. */
  dilewati: SkippedRow[];
  jumlahKosong: number;
  /** Problems about the whole file that stop the commit (another bank's file, a wrong mapping). */
  masalahBerkas: string[];
  /** Sum of the money of the valid rows (claimed subsidy, outstanding, premium). */
  totalNilai: number;
  periodeAwal: string | null;
  periodeAkhir: string | null;
  /** The first problems (the whole list through imports.problems). */
  masalah: ImportProblem[];
  jumlahMasalah: number;
  /** The first valid rows as they will be written, for a look. */
  contohValid: Record<string, string | number | boolean | null>[];
  sebelumnya: EarlierImport | null;
  bisaDisimpan: boolean;
  /**
   * Kind 'pinjaman': registered debtors whose data in the file differs (the first
   * DEBTOR_DIFFERENCES_SHOWN; how many in all in jumlahDebiturBerbeda). The commit's `pilihan` decides.
   */
  debiturBerbeda?: DebtorDifference[];
  jumlahDebiturBerbeda?: number;
}

export interface ImportProgress {
  jobId: string;
  status: 'berjalan' | 'selesai' | 'gagal';
  tahap: string;
  persen: number;
  hasil: ImportPreviewResult | null;
  pesan: string | null;
}

export interface ImportCommitResult {
  imporId: number;
  jenis: ImportKind;
  jumlahBaris: number;
  jumlahDilewati: number;
  totalNilai: number;
  tagihanId: number | null;
  diganti: boolean;
  /** Kind 'pinjaman': debtors created and updated, loans entered. */
  debiturBaru?: number;
  debiturDiperbarui?: number;
  pinjamanBaru?: number;
}

export interface ImportRecord {
  id: number;
  jenis: ImportKind;
  bankId: number | null;
  bankNama: string | null;
  penjaminId: number | null;
  penjaminNama: string | null;
  /** The recipient decree whose list the file was (kind sk_penerima). */
  skId: number | null;
  namaBerkas: string;
  sha256: string;
  format: string | null;
  jumlahBaris: number;
  jumlahDilewati: number;
  totalNilai: number | null;
  periodeAwal: string | null;
  periodeAkhir: string | null;
  dibuat: string;
  dibuatOleh: string | null;
  digantiKali: number;
  tagihanId: number | null;
}

export interface ImportDetail extends ImportRecord {
  lokasi: string | null;
  pemetaan: Record<string, string>;
  opsi: Record<string, unknown>;
  /** What the import produced that still exists. */
  hasil: { posisi: number; premi: number; tagihan: { id: number; status: string; totalDiklaim: number }[]; pinjaman: number };
}

export const importsContract = {
  'imports.upload': { input: importUploadInput, output: returns<ImportInspection>() },
  'imports.inspect': { input: importInspectInput, output: returns<ImportInspection>() },
  'imports.preview': { input: importPreviewInput, output: returns<{ jobId: string }>() },
  'imports.progress': { input: importJobInput, output: returns<ImportProgress>() },
  'imports.problems': { input: importProblemsInput, output: returns<Page<ImportProblem>>() },
  'imports.rows': { input: importRowsInput, output: returns<ImportRowsPage>() },
  'imports.commit': { input: importCommitInput, output: returns<ImportCommitResult>() },
  'imports.list': { input: importListInput, output: returns<Page<ImportRecord>>() },
  'imports.get': { input: z.object({ id }), output: returns<ImportDetail>() },
} as const;
