/**
 * From a file's bytes to a grid of cells: format detection (CSV or XLSX), text encoding (UTF-8
 * with or without BOM, UTF-16 from Excel's "Unicode text", Windows-1252), CSV delimiter (comma,
 * semicolon, pipe, tab) and XLSX sheets. Each choice is detected and may be overridden.
 *
 * Runs in the import worker (electron/services/imports/worker.ts) and in tests; never touches
 * the database.
 */
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import type { Delimiter, ImportInspection, TextEncoding } from '../../../contract/imports';
import type { Cell } from './values';

export type { Delimiter, TextEncoding };
export const DELIMITERS: readonly Delimiter[] = [',', ';', '|', '\t'];

export interface SourceOptions {
  delimiter?: Delimiter | undefined;
  encoding?: TextEncoding | undefined;
  sheet?: string | undefined;
}

/** How the file was read: the fields the inspection reports (imports.inspect), and notes. */
export interface SourceInfo extends Pick<ImportInspection, 'format' | 'delimiter' | 'encoding' | 'bom' | 'sheets' | 'sheet'> {
  /** Things the clerk should know about how the file was read (e.g. "not valid UTF-8"). */
  notes: string[];
}

/** The rows of the file; `rowNumbers[i]` is the row's number in the file as a person counts it. */
export interface Grid {
  rows: Cell[][];
  rowNumbers: number[];
}

/** A file we cannot read at all: the message says why, in Indonesian. */
export class SourceError extends Error {}

const startsWith = (b: Uint8Array, ...sig: number[]) => sig.every((v, i) => b[i] === v);

export function sniffFormat(bytes: Uint8Array, fileName: string): 'csv' | 'xlsx' {
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return 'xlsx';
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) {
    throw new SourceError('Berkas ini format Excel lama (.xls). Buka di Excel lalu simpan sebagai .xlsx atau .csv, kemudian unggah lagi.');
  }
  if (/\.xlsx$/i.test(fileName)) throw new SourceError('Berkas bernama .xlsx tetapi isinya bukan XLSX (berkas rusak atau salah simpan).');
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) throw new SourceError('Berkas ini PDF; yang dapat diimpor hanya CSV atau XLSX.');
  return 'csv';
}

/** Decodes text: BOM first, then strict UTF-8, else Windows-1252 (what Indonesian Excel on Windows writes). */
export function decodeText(bytes: Uint8Array, forced?: TextEncoding): { text: string; encoding: TextEncoding; bom: boolean; notes: string[] } {
  const notes: string[] = [];
  let bom = false;
  let encoding: TextEncoding;
  let body = bytes;
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) {
    bom = true;
    encoding = 'utf-8';
    body = bytes.subarray(3);
  } else if (startsWith(bytes, 0xff, 0xfe)) {
    bom = true;
    encoding = 'utf-16le';
    body = bytes.subarray(2);
  } else if (startsWith(bytes, 0xfe, 0xff)) {
    bom = true;
    encoding = 'utf-16be';
    body = bytes.subarray(2);
  } else {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      encoding = 'windows-1252';
      notes.push('Berkas bukan UTF-8 yang sah; dibaca sebagai Windows-1252 (ANSI).');
    }
  }
  if (forced && forced !== encoding) {
    notes.push(`Pengodean dipilih manual: ${forced}.`);
    encoding = forced;
  }
  return { text: encoding === 'windows-1252' ? decodeWindows1252(body) : new TextDecoder(encoding).decode(body), encoding, bom, notes };
}

/** Windows-1252's characters for bytes 0x80–0x9F (the rest equal Latin-1); 0 where the byte is undefined. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * Windows-1252 decoded by table: Node's TextDecoder('windows-1252') treats it as Latin-1 on some
 * versions (0x92 becomes the control U+0092 instead of ’), which would garble names like Ma’ruf.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b);
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** Counts a character outside double quotes. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/**
 * The delimiter that splits the most lines (of the first 50 non-empty) into the same number of
 * fields. Title lines above the header split into nothing and do not count. A tie goes to tab,
 * then pipe, then semicolon, then comma: a semicolon file with Indonesian decimals (`1.234,50`)
 * has commas on every line too, but they split fewer lines evenly than its semicolons.
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 50);
  let best: { d: Delimiter; lines: number; fields: number } = { d: ',', lines: 0, fields: 0 };
  for (const d of ['\t', '|', ';', ','] as const) {
    const counts = lines.map((l) => countOutsideQuotes(l, d)).filter((n) => n > 0);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
    const [fields, agree] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    if (agree > best.lines) best = { d, lines: agree, fields };
  }
  return best.d;
}

export function readCsv(bytes: Uint8Array, opts: SourceOptions): { info: SourceInfo; grid: Grid } {
  const { text, encoding, bom, notes } = decodeText(bytes, opts.encoding);
  if (text.trim() === '') throw new SourceError('Berkas kosong: tidak ada baris yang dapat dibaca.');
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, quoteChar: '"' });
  const rows: Cell[][] = parsed.data;
  // A final newline gives one empty record at the end; it is not a row of the file.
  if (rows.length > 0 && rows.at(-1)!.length === 1 && rows.at(-1)![0] === '') rows.pop();
  const rowNumbers = rows.map((_, i) => i + 1);
  return { info: { format: 'csv', delimiter, encoding, bom, sheets: [], sheet: null, notes }, grid: { rows, rowNumbers } };
}

/** A numeric format made of zeros only ('0000000000') pads numbers to its length, as Excel shows them. */
const zeroPad = (fmt: string | undefined): number | null => (fmt && /^0+$/.test(fmt) ? fmt.length : null);

/** An XLSX cell's value as text, a number, or nothing; dates as ISO text. */
export function xlsxCell(value: ExcelJS.CellValue, numFmt?: string): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    const pad = zeroPad(numFmt);
    return pad && Number.isSafeInteger(value) && value >= 0 ? String(value).padStart(pad, '0') : value;
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return xlsxCell((value as { result?: ExcelJS.CellValue }).result ?? null, numFmt);
    if ('formula' in value || 'sharedFormula' in value) return null;
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') return (value as { text: string }).text;
    if ('error' in value) return String((value as { error: unknown }).error);
  }
  return String(value as unknown);
}

export async function readXlsx(bytes: Uint8Array, opts: SourceOptions, onRow?: (done: number, total: number) => void): Promise<{ info: SourceInfo; grid: Grid }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new SourceError('Berkas XLSX rusak atau tidak lengkap; tidak dapat dibuka. Simpan ulang dari Excel lalu unggah lagi.');
  }
  const sheets = wb.worksheets.filter((w) => w.state !== 'veryHidden').map((w) => w.name);
  if (sheets.length === 0) throw new SourceError('Berkas XLSX tidak berisi lembar kerja.');
  const visible = wb.worksheets.filter((w) => w.state === 'visible' || w.state === undefined);
  const name = opts.sheet ?? (visible[0] ?? wb.worksheets[0]!).name;
  const ws = wb.getWorksheet(name);
  if (!ws) throw new SourceError(`Lembar kerja "${name}" tidak ada di berkas ini.`);
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  const total = ws.rowCount;
  const width = ws.columnCount;
  for (let n = 1; n <= total; n++) {
    const row = ws.getRow(n);
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      // The slave cells of a merged range repeat the master's value; keep it once, in the master.
      cells.push(cell.isMerged && cell.master !== cell ? null : xlsxCell(cell.value, cell.numFmt));
    }
    while (cells.length > 0 && cells.at(-1) === null) cells.pop();
    rows.push(cells);
    rowNumbers.push(n);
    if (onRow && n % 5000 === 0) onRow(n, total);
  }
  if (rows.every((r) => r.length === 0)) throw new SourceError(`Lembar kerja "${name}" kosong.`);
  return { info: { format: 'xlsx', delimiter: null, encoding: null, bom: false, sheets, sheet: name, notes: [] }, grid: { rows, rowNumbers } };
}

export async function readSource(bytes: Uint8Array, fileName: string, opts: SourceOptions, onRow?: (done: number, total: number) => void): Promise<{ info: SourceInfo; grid: Grid }> {
  if (bytes.byteLength === 0) throw new SourceError('Berkas kosong (0 bita).');
  const format = sniffFormat(bytes, fileName);
  return format === 'xlsx' ? readXlsx(bytes, opts, onRow) : readCsv(bytes, opts);
}
