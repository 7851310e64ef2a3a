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
import { CLAIM_IMPORT_FIELDS } from './claim-lines';

export const IMPORT_KINDS = ['tagihan', 'posisi', 'premi', 'pinjaman', 'riwayat', 'sk_penerima'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type FieldType = 'rekening' | 'periode' | 'nik' | 'teks' | 'uang' | 'persen' | 'bulat' | 'kol' | 'tanggal' | 'yatidak';

export interface ImportField {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** Longest text accepted (type 'teks'); 200 when not given. */
  maxLength?: number;
}

/**
 * Who sends a kind of file, and so what the clerk chooses before the upload: a partner bank, an
 * insurer, or a recipient decree (SK) whose list the file is.
 */
export type ImportOwner = 'bank' | 'penjamin' | 'sk';

/**
 * Everything the contract knows of one kind of file: adding a kind is its entry here (the fields
 * the clerk maps) and its module in electron/services/imports/kinds/ (the database checks and the
 * writing). See docs/import-engine.md ("Adding an import kind").
 */
export interface ImportKindSpec {
  /** The kind in words, for messages ("Berkas dengan isi yang sama sudah diimpor sebagai …"). */
  label: string;
  pemilik: ImportOwner;
  fields: readonly ImportField[];
  /**
   * Fields that may instead be given once for the whole file in the mapping step (a claim file
   * without a period column is for one month; an invoice file is one invoice).
   */
  fileLevel: readonly string[];
  /**
   * Whether an unreadable value in an optional mapped column refuses the row (what the file says
   * is written as it is, e.g. bank positions) rather than being dropped with a warning.
   */
  ketat: boolean;
  /** The money field summed as the file's total (null: the kind carries no money total). */
  nilai: string | null;
  /**
   * Only the secretariat imports it, though a bank sends it (not a bank's liaison officer, even for
   * their own bank): the loan list creates and changes debtors and loans, the payment history is
   * the regency's own record of SP2Ds.
   */
  hanyaSekretariat?: boolean;
}

export const IMPORT_KIND_SPECS: Record<ImportKind, ImportKindSpec> = {
  tagihan: {
    label: 'tagihan subsidi',
    pemilik: 'bank',
    // One field per bank column of a claim line, from its column map (typed against the line).
    fields: Object.entries(CLAIM_IMPORT_FIELDS).map(([key, field]) => ({ key, ...field })),
    fileLevel: ['periode'],
    ketat: false,
    nilai: 'diklaim',
  },
  posisi: {
    label: 'posisi bank',
    pemilik: 'bank',
    fields: [
      { key: 'nomorRekening', label: 'Nomor rekening', type: 'rekening', required: true },
      { key: 'periode', label: 'Periode', type: 'periode', required: true },
      { key: 'outstanding', label: 'Outstanding (baki debet)', type: 'uang', required: true },
      { key: 'kol', label: 'Kolektibilitas', type: 'kol', required: true },
      { key: 'hariTunggakan', label: 'Hari tunggakan', type: 'bulat', required: false },
      { key: 'angsuranDibayar', label: 'Angsuran dibayar', type: 'yatidak', required: false },
      { key: 'nama', label: 'Nama debitur', type: 'teks', required: false },
    ],
    fileLevel: ['periode'],
    ketat: true,
    nilai: 'outstanding',
  },
  premi: {
    label: 'tagihan premi',
    pemilik: 'penjamin',
    fields: [
      { key: 'nomorRekening', label: 'Nomor rekening', type: 'rekening', required: true },
      { key: 'nilaiPremi', label: 'Nilai premi', type: 'uang', required: true },
      { key: 'nomorTagihan', label: 'Nomor tagihan', type: 'teks', required: true, maxLength: 80 },
      { key: 'tanggalTagihan', label: 'Tanggal tagihan', type: 'tanggal', required: true },
      { key: 'nama', label: 'Nama debitur', type: 'teks', required: false },
      { key: 'nik', label: 'NIK', type: 'nik', required: false },
      { key: 'plafon', label: 'Plafon', type: 'uang', required: false },
    ],
    fileLevel: ['nomorTagihan', 'tanggalTagihan'],
    ketat: false,
    nilai: 'nilaiPremi',
  },
  /**
   * A bank's list of loans (daftar nominatif) or the office's old spreadsheets: a row per loan with
   * its debtor. A row without a state is a new application (enters 'diajukan' for the usual
   * approval); 'aktif', 'lunas' (with the payoff date) or 'macet' is an old loan, entered in that
   * state with its real dates. Every row passes the debtor and loan forms' own checks.
   */
  pinjaman: {
    label: 'daftar pinjaman',
    pemilik: 'bank',
    fields: [
      { key: 'nik', label: 'NIK', type: 'nik', required: true },
      { key: 'nama', label: 'Nama debitur', type: 'teks', required: true },
      { key: 'namaUsaha', label: 'Nama usaha', type: 'teks', required: false },
      { key: 'sektor', label: 'Sektor usaha', type: 'teks', required: false, maxLength: 100 },
      { key: 'skala', label: 'Skala usaha', type: 'teks', required: false, maxLength: 40 },
      { key: 'alamat', label: 'Alamat', type: 'teks', required: false, maxLength: 300 },
      { key: 'kecamatan', label: 'Kecamatan', type: 'teks', required: false, maxLength: 100 },
      { key: 'desa', label: 'Desa/kelurahan', type: 'teks', required: false, maxLength: 100 },
      { key: 'telepon', label: 'Telepon', type: 'teks', required: false, maxLength: 30 },
      { key: 'npwp', label: 'NPWP', type: 'teks', required: false, maxLength: 30 },
      { key: 'nib', label: 'NIB', type: 'teks', required: false, maxLength: 30 },
      { key: 'nomorRekening', label: 'Nomor rekening', type: 'rekening', required: true },
      { key: 'nomorAkad', label: 'Nomor akad', type: 'teks', required: true, maxLength: 80 },
      { key: 'tanggalAkad', label: 'Tanggal akad', type: 'tanggal', required: true },
      { key: 'tanggalPencairan', label: 'Tanggal pencairan', type: 'tanggal', required: false },
      { key: 'plafon', label: 'Plafon', type: 'uang', required: true },
      { key: 'tenorBulan', label: 'Tenor (bulan)', type: 'bulat', required: true },
      { key: 'bungaBankPersen', label: 'Bunga bank (%)', type: 'persen', required: false },
      { key: 'bungaDebiturPersen', label: 'Bunga debitur (%)', type: 'persen', required: false },
      { key: 'alasanUbahBunga', label: 'Alasan bunga berbeda dari skema', type: 'teks', required: false, maxLength: 200 },
      { key: 'tanggalAngsuranPertama', label: 'Tanggal angsuran pertama', type: 'tanggal', required: false },
      { key: 'skema', label: 'Kode skema', type: 'teks', required: true, maxLength: 40 },
      { key: 'cabang', label: 'Cabang/unit', type: 'teks', required: false, maxLength: 100 },
      { key: 'status', label: 'Status (aktif/lunas/macet)', type: 'teks', required: false, maxLength: 20 },
      { key: 'tanggalStatus', label: 'Tanggal lunas/macet', type: 'tanggal', required: false },
    ],
    fileLevel: ['skema', 'cabang', 'alasanUbahBunga'],
    ketat: true,
    nilai: 'plafon',
    hanyaSekretariat: true,
  },
  // Subsidy already paid before the app (issue 13, item 2): each row a paid loan-month, so the
  // guards against paying twice know the past (services/subsidy/history.ts). The SP2D number and
  // date may be given once for a file that is one SP2D.
  riwayat: {
    label: 'riwayat pembayaran subsidi',
    pemilik: 'bank',
    fields: [
      { key: 'nomorRekening', label: 'Nomor rekening', type: 'rekening', required: true },
      { key: 'periode', label: 'Bulan subsidi', type: 'periode', required: true },
      { key: 'jumlah', label: 'Subsidi dibayar', type: 'uang', required: true },
      { key: 'nomorSp2d', label: 'Nomor SP2D', type: 'teks', required: false, maxLength: 80 },
      { key: 'tanggalSp2d', label: 'Tanggal SP2D', type: 'tanggal', required: false },
      { key: 'nik', label: 'NIK', type: 'nik', required: false },
      { key: 'nama', label: 'Nama debitur', type: 'teks', required: false },
    ],
    fileLevel: ['nomorSp2d', 'tanggalSp2d'],
    // A garbled NIK is refused, not dropped: it is checked against the loan's debtor.
    ketat: true,
    nilai: 'jumlah',
    // The SP2D is the regency's record, not the bank's.
    hanyaSekretariat: true,
  },
  // The list of a recipient decree (SK Bupati penerima): per person the NIK, name, bank and unit
  // as the decree writes them (matched to a partner bank and its branches), and the plafon. A list
  // for one bank may name the bank once for the whole file.
  sk_penerima: {
    label: 'daftar SK penerima',
    pemilik: 'sk',
    fields: [
      { key: 'nik', label: 'NIK', type: 'nik', required: true },
      { key: 'nama', label: 'Nama penerima', type: 'teks', required: true },
      { key: 'bank', label: 'Bank (nama atau kode)', type: 'teks', required: true, maxLength: 100 },
      { key: 'unit', label: 'Unit/cabang bank', type: 'teks', required: true, maxLength: 100 },
      { key: 'plafon', label: 'Plafon', type: 'uang', required: false },
      { key: 'noUrut', label: 'Nomor urut', type: 'bulat', required: false },
    ],
    fileLevel: ['bank'],
    ketat: true,
    nilai: 'plafon',
  },
};

/**
 * Whether a bank's liaison officer may import a kind: only what a bank sends, and not what only
 * the secretariat imports. One rule for the service's refusal and the screen's list of kinds.
 */
export const bankOfficerMayImport = (jenis: ImportKind): boolean => IMPORT_KIND_SPECS[jenis].pemilik === 'bank' && !IMPORT_KIND_SPECS[jenis].hanyaSekretariat;

const byKind = <T>(pick: (s: ImportKindSpec) => T) => Object.fromEntries(IMPORT_KINDS.map((k) => [k, pick(IMPORT_KIND_SPECS[k])])) as Record<ImportKind, T>;

/** The fields each kind of file can carry; the clerk maps file columns onto them. */
export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = byKind((s) => s.fields);

/** Fields of each kind that may be given once for the whole file (ImportKindSpec.fileLevel). */
export const FILE_LEVEL_FIELDS: Record<ImportKind, readonly string[]> = byKind((s) => s.fileLevel);

/**
 * What one import may be, so that a file cannot take the machine with it (a 35 MB XLSX unpacks to
 * gigabytes): the upload's size, the rows of the sheet or file, the bytes the XLSX sheet and its
 * shared strings unpack to, and the reading worker's memory and time. Each refusal names its limit.
 */
export const IMPORT_LIMITS = {
  /** The uploaded file, in MB (base64 in the contract: 4/3 of it). */
  berkasMb: 50,
  /** Rows of the file or sheet (a province's monthly claim is ~100,000 lines). */
  barisMaks: 300_000,
  /** What an XLSX's sheet and shared strings may unpack to, in MB. */
  teruraiMb: 600,
  /** The reading worker's heap, in MB, and how long it may take, in seconds. */
  memoriMb: 2048,
  waktuDetik: 300,
} as const;

/**
 * A bank's claim may hold more rows than other files (issue 16): at a national scale (1,000,000
 * loans) the biggest bank's month alone is ~330,000 lines, and a month cannot be split over two
 * claims (each would list the other's lines as not claimed). Sized so the reading worker stays
 * near half a gigabyte at the limit (measured in docs/performance.md, "The claim import at
 * scale"); the upload's size stays IMPORT_LIMITS.berkasMb (a 330,000-line month is ~37 MB).
 */
export const CLAIM_ROW_LIMIT = 500_000;

/** The rows one file of this kind may hold. */
export const rowLimitOf = (jenis: ImportKind): number => (jenis === 'tagihan' ? CLAIM_ROW_LIMIT : IMPORT_LIMITS.barisMaks);

/**
 * Whether this kind's commit may run as a job (`jobs.start` with `imports.commit`): its preview
 * stages its rows in the database, where the job's worker reads them (services/imports/staging.ts).
 * Every kind now (issue 16: no long work on the main process): the claim first, the biggest
 * files, then the loan list, positions, payment history, decree lists and invoices, whose commits
 * write row by row and held the runtime's thread for seconds at 100,000 rows. The commit on the
 * runtime's thread stays for the CLI and the tests (the same function, the same checks).
 */
export const commitsAsJob = (jenis: ImportKind): boolean => IMPORT_KINDS.includes(jenis);

/** The longest base64 text of an upload within IMPORT_LIMITS.berkasMb. */
export const UPLOAD_BASE64_MAX = Math.ceil((IMPORT_LIMITS.berkasMb * 1024 * 1024) / 3) * 4;

export type Delimiter = ',' | ';' | '|' | '\t';
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type NumberStyle = 'otomatis' | 'id' | 'en';

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

/** How many debtor differences a preview carries (the rest are kept or updated by the choice for all). */
export const DEBTOR_DIFFERENCES_SHOWN = 500;

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
