/**
 * The columns of a bank claim's line (table tagihan_baris), declared once. From this map come:
 *   - the contract's ClaimLine shape (what the renderer receives),
 *   - the repository's row type, its row → ClaimLine mapping and the insert column list
 *     (database/repositories/claims.ts),
 *   - the fields of the claim import (IMPORT_KIND_SPECS.tagihan) and the conversion of a parsed
 *     row into a line: every bank column but nomorBaris must have an import field, or the
 *     contract does not compile.
 * Recipe "Add a field to a claim line": docs/CONTRIBUTING.md.
 */
import type { ClaimDecision, Diagnosis } from './claims';
import type { ImportField } from './import-kinds';

/**
 * One status per line, in the order the screen and the berita acara list them. Here, without
 * zod, for the repository that stores the lines (the import's workers load it).
 */
export const CLAIM_LINE_STATUSES = ['cocok', 'selisih', 'rekening_tidak_dikenal', 'tidak_memenuhi_syarat', 'ganda'] as const;
export type ClaimLineStatus = (typeof CLAIM_LINE_STATUSES)[number];

/** Whose figure a column holds: the bank's (read from its file, written at import) or ours (written by the reconciliation or a decision). */
export type ColumnOrigin = 'bank' | 'ours';

/** One column: its SQL name, whose figure it is, and how its stored value (`Stored`) becomes the value in TypeScript. */
export interface LineColumn<T, Stored, C extends string = string, O extends ColumnOrigin = ColumnOrigin> {
  readonly column: C;
  readonly origin: O;
  readonly read: (stored: Stored) => T;
}

/** A column stored as the value it is (text, integer rupiah, a decimal as text, null). */
const col =
  <T>() =>
  <C extends string, O extends ColumnOrigin>(column: C, origin: O): LineColumn<T, T, C, O> => ({ column, origin, read: (stored) => stored });
/** A yes/no column, stored by SQLite as 0/1. */
const flag = <C extends string, O extends ColumnOrigin>(column: C, origin: O): LineColumn<boolean, number, C, O> => ({ column, origin, read: (stored) => stored === 1 });

export const CLAIM_LINE_COLUMNS = {
  // The bank's figures, as its file gives them.
  nomorBaris: col<number>()('nomor_baris', 'bank'),
  periode: col<string>()('periode', 'bank'),
  nomorRekening: col<string>()('nomor_rekening', 'bank'),
  nik: col<string | null>()('nik', 'bank'),
  nama: col<string | null>()('nama', 'bank'),
  outstanding: col<number | null>()('outstanding', 'bank'),
  bungaPersen: col<string | null>()('bunga_persen', 'bank'),
  hari: col<number | null>()('hari', 'bank'),
  kol: col<number | null>()('kol', 'bank'),
  plafon: col<number | null>()('plafon', 'bank'),
  tanggalAkad: col<string | null>()('tanggal_akad', 'bank'),
  diklaim: col<number>()('diklaim', 'bank'),
  // Ours: the figure we expect (null when the line matched no eligible run line) and the agreed amount (null while undecided).
  diharapkan: col<number | null>()('diharapkan', 'ours'),
  disetujui: col<number | null>()('disetujui', 'ours'),
  status: col<ClaimLineStatus | null>()('status', 'ours'),
  keterangan: col<string | null>()('keterangan', 'ours'),
  pinjamanId: col<number | null>()('pinjaman_id', 'ours'),
  cocokOleh: col<'rekening' | 'nik' | null>()('cocok_oleh', 'ours'),
  alasanKode: col<string | null>()('alasan_kode', 'ours'),
  diagnosis: col<Diagnosis | null>()('diagnosis', 'ours'),
  diagnosisRincian: col<string | null>()('diagnosis_rincian', 'ours'),
  keputusan: col<ClaimDecision | null>()('keputusan', 'ours'),
  alasanKeputusan: col<string | null>()('alasan_keputusan', 'ours'),
  keputusanOtomatis: flag('keputusan_otomatis', 'ours'),
  diputuskanOleh: col<string | null>()('diputuskan_oleh', 'ours'),
  diputuskanPada: col<string | null>()('diputuskan_pada', 'ours'),
  // Sent back with the line's decision or a correction of it (record versions, docs/concurrency.md);
  // set by the database (default 1, raised by every UPDATE), never by the bank's file.
  versi: col<number>()('versi', 'ours'),
} as const;

/** Our working for the expected figure (ClaimLine.hitung): base, days, subsidised rate and day-count rule. */
export const CLAIM_LINE_WORKING_COLUMNS = {
  pokok: col<number | null>()('hitung_pokok', 'ours'),
  hari: col<number | null>()('hitung_hari', 'ours'),
  tarifPersen: col<string | null>()('hitung_tarif', 'ours'),
  konvensiHari: col<string | null>()('hitung_konvensi', 'ours'),
} as const;

type AnyColumn = LineColumn<unknown, never>;
type ColumnMap = Readonly<Record<string, AnyColumn>>;

/** The values of a column map, keyed as the contract names them. */
export type ValuesOf<M extends ColumnMap> = { -readonly [K in keyof M]: ReturnType<M[K]['read']> };
/** The stored values of a column map, keyed by SQL column name (a row as better-sqlite3 returns it). */
export type StoredOf<M extends ColumnMap> = { -readonly [K in keyof M as M[K]['column']]: Parameters<M[K]['read']>[0] };

/** The line's own columns, as the contract gives them. */
export type ClaimLineFields = ValuesOf<typeof CLAIM_LINE_COLUMNS>;
/** Our working for the expected figure (null on a line where we expected nothing). */
export type ClaimLineWorking = ValuesOf<typeof CLAIM_LINE_WORKING_COLUMNS>;

export interface ClaimLine extends ClaimLineFields {
  id: number;
  hitung: ClaimLineWorking | null;
}

/** The columns the bank's file fills. */
export type BankClaimLineKey = { [K in keyof typeof CLAIM_LINE_COLUMNS]: (typeof CLAIM_LINE_COLUMNS)[K]['origin'] extends 'bank' ? K : never }[keyof typeof CLAIM_LINE_COLUMNS];
/** A line as the bank's file gives it: the bank's own figures of a ClaimLine, before matching. */
export type NewClaimLine = Pick<ClaimLineFields, BankClaimLineKey>;

/** The bank columns in map order (the insert column list follows it). */
export const BANK_CLAIM_LINE_KEYS = (Object.keys(CLAIM_LINE_COLUMNS) as (keyof typeof CLAIM_LINE_COLUMNS)[]).filter(
  (k): k is BankClaimLineKey => CLAIM_LINE_COLUMNS[k].origin === 'bank',
);

/**
 * What the clerk maps in a claim file: one import field per bank column (nomorBaris is the row's
 * number in the file). Keyed by the column, so a bank column without a field, or a field without
 * a column, does not compile. The order is the mapping screen's.
 */
export const CLAIM_IMPORT_FIELDS: { readonly [K in Exclude<BankClaimLineKey, 'nomorBaris'>]: Omit<ImportField, 'key'> } = {
  nomorRekening: { label: 'Nomor rekening', type: 'rekening', required: true },
  periode: { label: 'Periode', type: 'periode', required: true },
  nik: { label: 'NIK', type: 'nik', required: false },
  nama: { label: 'Nama debitur', type: 'teks', required: false },
  outstanding: { label: 'Outstanding (baki debet)', type: 'uang', required: false },
  bungaPersen: { label: 'Bunga (%)', type: 'persen', required: false },
  hari: { label: 'Jumlah hari', type: 'bulat', required: false },
  kol: { label: 'Kolektibilitas', type: 'kol', required: false },
  diklaim: { label: 'Nilai diklaim', type: 'uang', required: true },
  plafon: { label: 'Plafon', type: 'uang', required: false },
  tanggalAkad: { label: 'Tanggal akad', type: 'tanggal', required: false },
};

const NUMERIC_FIELD_TYPES: ReadonlySet<ImportField['type']> = new Set(['uang', 'bulat', 'kol']);

/**
 * A checked row of a claim file as the line to insert: numbers for the numeric field types,
 * text for the rest, null for an empty optional cell. The import's checks have already refused a
 * row without a required value.
 */
/** The import fields and whether each is numeric, listed once (not per line: a claim has 100,000+). */
const CLAIM_FIELD_LIST = Object.entries(CLAIM_IMPORT_FIELDS).map(([key, field]) => ({ key, numeric: NUMERIC_FIELD_TYPES.has(field.type) }));
/** The claim fields stored as numbers (the rest as text): how a staged row becomes a line in SQL, as newClaimLineFrom does in TypeScript. */
export const CLAIM_NUMERIC_FIELDS: ReadonlySet<string> = new Set(CLAIM_FIELD_LIST.filter((f) => f.numeric).map((f) => f.key));

export function newClaimLineFrom(nomorBaris: number, values: Readonly<Record<string, unknown>>): NewClaimLine {
  const line: Record<string, unknown> = { nomorBaris };
  for (const { key, numeric } of CLAIM_FIELD_LIST) {
    const v = values[key];
    line[key] = numeric ? (typeof v === 'number' ? v : null) : typeof v === 'string' && v !== '' ? v : null;
  }
  // Every key of NewClaimLine was set above from CLAIM_IMPORT_FIELDS, which is keyed by them.
  return line as NewClaimLine;
}
