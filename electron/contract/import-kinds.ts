/**
 * The import kinds as data, without zod: each kind's fields, who sends it, the limits of one
 * import, and the small rules on them. Apart from ./imports.ts (which re-exports all of it beside
 * the channels' schemas) so the import worker and the commit's job load only this: the whole
 * contract with zod is ~90 ms of CPU per worker start (docs/performance-history.md, "Fourth round: worker
 * starts"), and an import starts three workers.
 */
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
 * near half a gigabyte at the limit (measured in docs/performance-history.md, "The claim import at
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

/** How many debtor differences a preview carries (the rest are kept or updated by the choice for all). */
export const DEBTOR_DIFFERENCES_SHOWN = 500;
