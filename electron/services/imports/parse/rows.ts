/**
 * From the grid and the mapping to checked records: every data row read field by field, every
 * problem with its row number and column header; total, footer, note and repeated header rows
 * recognised and set aside (listed, never silently dropped). No database here: what needs the
 * database (does the account exist, is the month closed) is checked by the service afterwards.
 */
import { IMPORT_KIND_SPECS, type ImportColumn, type ImportField, type ImportKind, type ImportProblem, type SkippedRow } from '../../../contract/imports';
import {
  isBlank, readAccount, readDate, readInteger, readMoney, readNik, readPeriod, readRate, readText, readYesNo, show,
  type Cell, type NumberStyle, type Read,
} from './values';
import type { Grid } from './source';

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
  headerIndex: number;
  columns: ImportColumn[];
  mapping: Record<string, string>;
  /** Values for the whole file of fields without a column (the kind's fileLevel fields). */
  fixed: Record<string, string | null | undefined>;
  numberStyle: NumberStyle;
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
  const t = (c ?? '').replace(/[\s.\-/']/g, '');
  if (!/^[0-9A-Za-z]+$/.test(t)) return false;
  const digits = t.replace(/\D/g, '').length;
  return digits >= 4 && digits * 2 >= t.length;
}

const AMOUNT_TYPES = new Set(['uang', 'bulat', 'kol', 'persen']);

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

export function parseRows(req: ParseRequest, onProgress?: (done: number, total: number) => void): ParseOutcome {
  const { kind, grid, headerIndex, columns, mapping } = req;
  const spec = IMPORT_KIND_SPECS[kind];
  const fields = spec.fields;
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const mapped = fields.flatMap((f) => {
    const col = mapping[f.key] ? byKey.get(mapping[f.key]!) : undefined;
    return col ? [{ field: f, col }] : [];
  });
  const fixedFields = new Set(spec.fileLevel.filter((k) => !mapped.some((m) => m.field.key === k)));
  const accountCol = mapped.find((m) => m.field.type === 'rekening')?.col.index ?? -1;
  const amountCols = mapped.filter((m) => AMOUNT_TYPES.has(m.field.type)).map((m) => m.col.index);
  const headerCells = (grid.rows[headerIndex] ?? []).map((c) => (c === null ? '' : String(c).trim().toLowerCase()));

  const rows: ParsedRow[] = [];
  const problems: ParseOutcome['problems'] = [];
  const skipped: SkippedRow[] = [];
  let emptyRows = 0;
  let afterTotal = false;
  // Per mapped column: how many non-blank values, how many failed to read (wrong-mapping check).
  const tally = new Map<string, { filled: number; failed: number; field: ImportField; sample: Cell }>();

  const total = grid.rows.length;
  for (let i = headerIndex + 1; i < total; i++) {
    if (onProgress && i % 5000 === 0) onProgress(i, total);
    const row = grid.rows[i] ?? [];
    const baris = grid.rowNumbers[i] ?? i + 1;
    if (row.every(isBlank)) {
      emptyRows++;
      continue;
    }
    const account = accountCol >= 0 ? (row[accountCol] ?? null) : null;
    const accountBlank = isBlank(account);
    const texts = row.filter((c): c is string => typeof c === 'string' && c.trim() !== '');
    if (row.length === headerCells.length && row.every((c, j) => (c === null ? '' : String(c).trim().toLowerCase()) === headerCells[j])) {
      skipped.push({ baris, alasan: 'Judul kolom berulang', isi: rowText(row) });
      continue;
    }
    const accountLike = looksLikeAccount(account);
    if (!accountLike && texts.some((t) => TOTAL.test(t))) {
      skipped.push({ baris, alasan: 'Baris total', isi: rowText(row) });
      afterTotal = true;
      continue;
    }
    if (!accountLike && (afterTotal || texts.some((t) => FOOTER.test(t)))) {
      skipped.push({ baris, alasan: 'Baris penutup (tanda tangan/keterangan)', isi: rowText(row) });
      continue;
    }
    if (accountBlank && amountCols.every((c) => isBlank(row[c] ?? null))) {
      skipped.push({ baris, alasan: 'Bukan baris data (tanpa nomor rekening dan nilai)', isi: rowText(row) });
      continue;
    }

    const values: RecordValues = {};
    let galat = false;
    for (const { field, col } of mapped) {
      const cell = row[col.index] ?? null;
      if (isBlank(cell)) {
        values[field.key] = null;
        if (field.required && !(fixedFields.has(field.key))) {
          problems.push({ baris, kolom: col.key, pesan: `${field.label} kosong`, tingkat: 'galat' });
          galat = true;
        }
        continue;
      }
      const t = tally.get(col.key) ?? { filled: 0, failed: 0, field, sample: cell };
      t.filled++;
      const r = readField(field, cell, req.numberStyle);
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
      tally.set(col.key, t);
    }
    for (const key of fixedFields) {
      const v = req.fixed[key];
      values[key] = v ?? null;
    }
    rows.push(typeof account === 'number' && typeof values.nomorRekening === 'string' ? { baris, values, galat, rekeningAngka: true } : { baris, values, galat });
  }
  onProgress?.(total, total);

  // A column where most values do not read as its field's type was most likely mapped wrongly.
  const fileProblems: string[] = [];
  for (const [colKey, t] of tally) {
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
