/**
 * From the grid and the mapping to checked records: every data row read field by field, every
 * problem with its row number and column header; total, footer, note and repeated header rows
 * recognised and set aside (listed, never silently dropped). No database here: what needs the
 * database (does the account exist, is the month closed) is checked by the service afterwards.
 */
import { IMPORT_KIND_SPECS, type ImportField, type ImportKind } from '../../../contract/import-kinds';
import type { ImportColumn, ImportProblem, SkippedRow } from '../../../contract/imports';
import {
  isBlank,
  isDigits,
  readAccount,
  readDate,
  readInteger,
  readMoney,
  readNik,
  readPeriod,
  readRate,
  readText,
  readYesNo,
  show,
  type Cell,
  type NumberStyle,
  type Read,
} from './values';
import type { Grid } from './source';
import { formatPeriod } from '../../../domain/format';

/** A row read into its fields (those mapped or given for the whole file). */
export type RecordValues = Record<string, string | number | boolean | null>;

export interface ParsedRow {
  baris: number;
  values: RecordValues;
  /** True when the row has at least one error: it is not written. */
  galat: boolean;
  /**
   * The account number came from a numeric XLSX cell: Excel may have dropped its leading zeros
   * (a kind entering new accounts warns when it is shorter than the file's others).
   */
  rekeningAngka?: true;
}

export interface ParseOutcome {
  rows: ParsedRow[];
  problems: Omit<ImportProblem, 'berkas'>[];
  skipped: SkippedRow[];
  emptyRows: number;
  /** Whole-file problems found while reading (a mapping that looks wrong). */
  fileProblems: string[];
}

export interface ParseRequest {
  kind: ImportKind;
  grid: Grid;
  /** The header's index in the grid; -1 when the file has none (every row may be data). */
  headerIndex: number;
  columns: ImportColumn[];
  mapping: Record<string, string>;
  /** Values for the whole file of fields without a column (the kind's fileLevel fields). */
  fixed: Record<string, string | null | undefined>;
  numberStyle: NumberStyle;
  /**
   * Drop each data row from the grid once read (parseFile, which has no use for the grid after):
   * the grid's cells and the parsed rows are then never both whole in memory (at 300,000+ lines
   * they are each hundreds of MB).
   */
  release?: boolean;
}

const TOTAL = /^\s*(grand\s*total|sub\s*-?\s*total|total|jumlah|jml\.?|sub\s*jumlah)\b/i;
const FOOTER = /^\s*(mengetahui|menyetujui|dibuat\s+oleh|diperiksa|kepala|pimpinan|catatan|keterangan|ttd|tanda\s+tangan|hormat\s+kami|demikian)\b/i;

/**
 * Whether a cell could be an account number: a number, or letters and digits (with dots, dashes,
 * slashes, spaces) that are mostly digits. "TOTAL", "Muara Enim, 5 November 2026" and "Kepala
 * Cabang" are not; "0012300001" and "001-23-00001" are.
 */
function looksLikeAccount(c: Cell): boolean {
  if (typeof c === 'number') return true;
  // Digits only (nearly every data row): an account when there are four or more.
  if (c !== null && c.length >= 4 && isDigits(c)) return true;
  const t = (c ?? '').replace(/[\s.\-/']/g, '');
  if (!/^[0-9A-Za-z]+$/.test(t)) return false;
  const digits = t.replace(/\D/g, '').length;
  return digits >= 4 && digits * 2 >= t.length;
}

const AMOUNT_TYPES = new Set(['uang', 'bulat', 'kol', 'persen']);

/**
 * How one account is recognised twice in a file however it was written: letters and digits only,
 * upper case, leading zeros aside ("001-23-00001", "0012300001" and "12300001" are one account).
 */
export function duplicateKey(account: string): string {
  // Digits only (nearly every account): only the leading zeros go.
  if (isDigits(account)) {
    let i = 0;
    while (i < account.length && account.charCodeAt(i) === 48) i++;
    return i === 0 ? account : account.slice(i);
  }
  return account
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/^0+/, '');
}

/**
 * A claim keeps a repeated loan-month as the bank sent it (a warning; reconciliation marks the
 * repeat "ganda" and it is never paid twice); any other kind writes each row as it is, so a
 * repeat is an error.
 */
const repeatIsError = (kind: ImportKind) => kind !== 'tagihan';

function readField(field: ImportField, cell: Cell, style: NumberStyle): Read<string | number | boolean> {
  switch (field.type) {
    case 'rekening':
      return readAccount(cell);
    case 'periode':
      return readPeriod(cell);
    case 'nik':
      return readNik(cell);
    case 'teks':
      return readText(cell, field.maxLength ?? 200);
    case 'uang':
      return readMoney(cell, style);
    case 'persen':
      return readRate(cell);
    case 'bulat':
      return readInteger(cell, 0, 9999, field.label.toLowerCase());
    case 'kol':
      return readInteger(cell, 1, 5, 'kolektibilitas');
    case 'tanggal':
      return readDate(cell);
    case 'yatidak':
      return readYesNo(cell);
  }
}

/** A short text of a row, for the list of skipped rows. */
const rowText = (row: Cell[]) =>
  row
    .filter((c) => !isBlank(c))
    .map((c) => String(c).trim())
    .join(' | ')
    .slice(0, 120);

/**
 * Field types whose values repeat down a file (a claim's period, rate, days, collectability and
 * the few disbursement dates of a bank's batch): each distinct cell is read once per column and
 * its result reused — the readers are pure functions of the cell and the number style. Money,
 * accounts, NIKs and names differ on nearly every row and are read each time.
 */
const REPEATING_TYPES = new Set<ImportField['type']>(['periode', 'persen', 'bulat', 'kol', 'tanggal', 'yatidak']);
/** Distinct values remembered per column; a column with more stops adding (memory stays small). */
const MEMO_MAX = 4096;

type FieldReader = (cell: Cell) => Read<string | number | boolean>;

function readerFor(field: ImportField, style: NumberStyle): FieldReader {
  if (!REPEATING_TYPES.has(field.type)) return (cell) => readField(field, cell, style);
  const memo = new Map<Cell, Read<string | number | boolean>>();
  return (cell) => {
    let r = memo.get(cell);
    if (r === undefined) {
      r = readField(field, cell, style);
      if (memo.size < MEMO_MAX) memo.set(cell, r);
    }
    return r;
  };
}

export function parseRows(req: ParseRequest, onProgress?: (done: number, total: number) => void): ParseOutcome {
  const { kind, grid, headerIndex, columns, mapping } = req;
  const spec = IMPORT_KIND_SPECS[kind];
  const fields = spec.fields;
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const mapped = fields.flatMap((f) => {
    const col = mapping[f.key] ? byKey.get(mapping[f.key]!) : undefined;
    return col ? [{ field: f, col, read: readerFor(f, req.numberStyle) }] : [];
  });
  const fixedFields = new Set(spec.fileLevel.filter((k) => !mapped.some((m) => m.field.key === k)));
  const accountCol = mapped.find((m) => m.field.type === 'rekening')?.col.index ?? -1;
  const amountCols = mapped.filter((m) => AMOUNT_TYPES.has(m.field.type)).map((m) => m.col.index);
  const headerRow = headerIndex >= 0 ? (grid.rows[headerIndex] ?? []) : null;
  const headerCells = (headerRow ?? []).map((c) => (c === null ? '' : String(c).trim().toLowerCase()));
  // Which kinds' rows carry an account and a period: one loan-month appears once in a file.
  const keyed = fields.some((f) => f.key === 'nomorRekening') && fields.some((f) => f.key === 'periode');
  // Per period, the row where each account (its duplicateKey) first appears: two lookups, not a
  // joined "account|period" text to build and hash per row.
  const firstRowOf = new Map<string, Map<string, number>>();

  const rows: ParsedRow[] = [];
  const problems: ParseOutcome['problems'] = [];
  const skipped: SkippedRow[] = [];
  let emptyRows = 0;
  let afterTotal = false;
  // Per mapped column: how many non-blank values, how many failed to read (wrong-mapping check);
  // one per column (two fields mapped to one column share it, the first field's), by the place in
  // `mapped` of the column's first field, listed in the order their first value was met.
  const tally: ({ colKey: string; filled: number; failed: number; field: ImportField; sample: Cell } | undefined)[] = mapped.map(() => undefined);
  const slotOf = mapped.map((m) => mapped.findIndex((o) => o.col.key === m.col.key));
  const tallyOrder: number[] = [];

  const total = grid.rows.length;
  for (let i = headerIndex + 1; i < total; i++) {
    if (onProgress && i % 5000 === 0) onProgress(i, total);
    const row = grid.rows[i] ?? [];
    if (req.release) (grid.rows as (Cell[] | undefined)[])[i] = undefined;
    const baris = grid.rowNumbers[i] ?? i + 1;
    if (row.every(isBlank)) {
      emptyRows++;
      continue;
    }
    const account = accountCol >= 0 ? (row[accountCol] ?? null) : null;
    const accountBlank = isBlank(account);
    const accountLike = looksLikeAccount(account);
    // The row's texts, needed only for a row without an account (a total, footer or note line).
    const texts = accountLike ? [] : row.filter((c): c is string => typeof c === 'string' && c.trim() !== '');
    // A header repeated on every printed page is not data; a line that only equals a "header"
    // holding an account number (a data line taken as the header) is money, and is kept.
    if (headerRow && !accountLike && row.length === headerCells.length && row.every((c, j) => (c === null ? '' : String(c).trim().toLowerCase()) === headerCells[j])) {
      skipped.push({ baris, alasan: 'Judul kolom berulang', isi: rowText(row) });
      continue;
    }
    if (!accountLike && texts.some((t) => TOTAL.test(t))) {
      skipped.push({ baris, alasan: 'Baris total', isi: rowText(row) });
      afterTotal = true;
      continue;
    }
    if (!accountLike && (afterTotal || texts.some((t) => FOOTER.test(t)))) {
      skipped.push({ baris, alasan: 'Baris penutup (tanda tangan/keterangan)', isi: rowText(row) });
      continue;
    }
    // Nothing where the account and the amounts go (a title or note line, also in a file read
    // without a header row, where such a line lands in the account column).
    if ((accountBlank || !accountLike) && amountCols.every((c) => isBlank(row[c] ?? null))) {
      skipped.push({ baris, alasan: 'Bukan baris data (tanpa nomor rekening dan nilai)', isi: rowText(row) });
      continue;
    }

    const values: RecordValues = {};
    let galat = false;
    for (let m = 0; m < mapped.length; m++) {
      const { field, col, read } = mapped[m]!;
      const cell = row[col.index] ?? null;
      if (isBlank(cell)) {
        values[field.key] = null;
        if (field.required && !fixedFields.has(field.key)) {
          problems.push({ baris, kolom: col.key, pesan: `${field.label} kosong`, tingkat: 'galat' });
          galat = true;
        }
        continue;
      }
      const slot = slotOf[m]!;
      let t = tally[slot];
      if (t === undefined) {
        t = tally[slot] = { colKey: col.key, filled: 0, failed: 0, field, sample: cell };
        tallyOrder.push(slot);
      }
      t.filled++;
      const r = read(cell);
      if (!r.ok) {
        t.failed++;
        if (t.failed === 1) t.sample = cell;
        // Where what the file says is written as is (positions: ImportKindSpec.ketat) every field
        // counts; on a claim or an invoice an unreadable optional field (a NIK, the rate) is
        // information lost, not a bad line.
        const fatal = field.required || spec.ketat;
        problems.push({ baris, kolom: col.key, pesan: fatal ? r.reason : `${r.reason}; diabaikan`, tingkat: fatal ? 'galat' : 'peringatan' });
        values[field.key] = null;
        if (fatal) galat = true;
      } else {
        values[field.key] = r.value;
        if (r.warning) problems.push({ baris, kolom: col.key, pesan: r.warning, tingkat: 'peringatan' });
      }
    }
    for (const key of fixedFields) {
      const v = req.fixed[key];
      values[key] = v ?? null;
    }
    // The same account and period twice in the file, known loan or not.
    const acc = values.nomorRekening;
    const per = values.periode;
    if (keyed && typeof acc === 'string' && typeof per === 'string' && duplicateKey(acc) !== '') {
      const key = duplicateKey(acc);
      let ofPeriod = firstRowOf.get(per);
      if (ofPeriod === undefined) firstRowOf.set(per, (ofPeriod = new Map()));
      const first = ofPeriod.get(key);
      if (first !== undefined) {
        const fatal = repeatIsError(kind);
        const pesan = fatal
          ? `Rekening ${acc} untuk ${formatPeriod(per)} sudah ada di baris ${first}; baris ini tidak disimpan`
          : `Rekening ${acc} untuk ${formatPeriod(per)} sudah ada di baris ${first}: tagihan ganda; rekonsiliasi akan menandainya dan tidak dibayar dua kali`;
        problems.push({ baris, kolom: mapping.nomorRekening ?? null, pesan, tingkat: fatal ? 'galat' : 'peringatan' });
        if (fatal) galat = true;
      } else if (!galat) ofPeriod.set(key, baris);
    }
    rows.push(typeof account === 'number' && typeof values.nomorRekening === 'string' ? { baris, values, galat, rekeningAngka: true } : { baris, values, galat });
  }
  onProgress?.(total, total);

  const fileProblems: string[] = [];
  // A header holding an account number in the account column is a data line read as the header:
  // its money would be lost without a word.
  const headerAccount = headerRow && accountCol >= 0 ? (headerRow[accountCol] ?? null) : null;
  if (headerRow && looksLikeAccount(headerAccount) && readAccount(headerAccount).ok) {
    fileProblems.push(
      `Baris judul (baris ${grid.rowNumbers[headerIndex] ?? headerIndex + 1}) berisi nomor rekening ${show(headerAccount)}: tampaknya baris data, yang hilang bila dipakai sebagai judul. Bila berkas tidak punya baris judul, pilih "Tanpa baris judul"; bila ada, pilih nomor barisnya.`,
    );
  }
  // A column where most values do not read as its field's type was most likely mapped wrongly.
  for (const m of tallyOrder) {
    const { colKey, ...t } = tally[m]!;
    const threshold = t.field.type === 'teks' ? Infinity : Math.max(1, Math.ceil(t.filled / 2));
    if (t.filled >= 2 && t.failed >= threshold) {
      fileProblems.push(
        `Pemetaan kolom tampaknya salah: ${t.failed} dari ${t.filled} nilai di kolom "${colKey}" (dipetakan ke ${t.field.label}) tidak terbaca sebagai ${typeWord(t.field)}, misalnya ${show(t.sample)}. Periksa pemetaan kolom.`,
      );
    }
  }
  return { rows, problems, skipped, emptyRows, fileProblems };
}

function typeWord(f: ImportField): string {
  switch (f.type) {
    case 'uang':
      return 'nilai rupiah';
    case 'bulat':
    case 'kol':
      return 'angka';
    case 'persen':
      return 'persentase';
    case 'tanggal':
      return 'tanggal';
    case 'periode':
      return 'periode';
    case 'nik':
      return 'NIK 16 angka';
    case 'rekening':
      return 'nomor rekening';
    case 'yatidak':
      return 'ya/tidak';
    default:
      return f.label.toLowerCase();
  }
}
