/**
 * From a file's bytes to a grid of cells: format detection (CSV or XLSX), text encoding (UTF-8
 * with or without BOM, UTF-16 from Excel's "Unicode text", Windows-1252), CSV delimiter (comma,
 * semicolon, pipe, tab) and XLSX sheets. Each choice is detected and may be overridden.
 *
 * Runs in the import worker (electron/services/imports/worker.ts) and in tests; never touches
 * the database.
 */
import Papa from 'papaparse';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
// Types only at the top: exceljs and jszip are loaded when a file is XLSX (readXlsx), so a CSV
// import's workers do not spend ~250 ms each loading them.
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import { IMPORT_LIMITS, type Delimiter, type TextEncoding } from '../../../contract/import-kinds';
import type { ImportInspection } from '../../../contract/imports';
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

/** How much a file may hold (IMPORT_LIMITS; tests pass smaller ones). */
export interface ReadLimits {
  barisMaks: number;
  teruraiMb: number;
}
const DEFAULT_LIMITS: ReadLimits = { barisMaks: IMPORT_LIMITS.barisMaks, teruraiMb: IMPORT_LIMITS.teruraiMb };
const tooManyRows = (l: ReadLimits) =>
  new SourceError(
    `Berkas berisi lebih dari ${formatCount(l.barisMaks)} baris, batas satu impor. Bagi berkas menjadi beberapa berkas (misalnya per bulan) lalu impor satu per satu.`,
  );
const tooBig = (l: ReadLimits, what: string) =>
  new SourceError(
    `Berkas XLSX terlalu besar setelah diurai: ${what} melebihi ${formatCount(l.teruraiMb)} MB, batas satu impor. Bagi berkas menjadi beberapa berkas lalu impor satu per satu.`,
  );
const formatCount = (n: number) => n.toLocaleString('id-ID');

/** The size a zip entry declares it unpacks to (JSZip keeps it from the central directory), or null. */
function declaredSize(file: JSZip.JSZipObject): number | null {
  const n = (file as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

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
      // The strict decoding is the text too (a file without a BOM): decoded once, not checked then decoded again.
      const strict = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'utf-8';
      if (!forced || forced === encoding) return { text: strict, encoding, bom, notes };
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
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
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

/**
 * The first `n` lines with something in them, split as `text.split(/\r\n|\n|\r/)` splits, without
 * splitting the whole text (a 100,000-line file would make 100,000 strings to look at 50).
 */
export function firstNonEmptyLines(text: string, n: number): string[] {
  const out: string[] = [];
  const breaks = /\r\n|\n|\r/g;
  let start = 0;
  while (out.length < n && start <= text.length) {
    const m = breaks.exec(text);
    const end = m ? m.index : text.length;
    const line = text.slice(start, end);
    if (line.trim() !== '') out.push(line);
    if (!m) break;
    start = breaks.lastIndex;
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
  const lines = firstNonEmptyLines(text, 50);
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

export function readCsv(bytes: Uint8Array, opts: SourceOptions, limits: ReadLimits = DEFAULT_LIMITS, headRows?: number): { info: SourceInfo; grid: Grid; complete: boolean } {
  const { text, encoding, bom, notes } = decodeText(bytes, opts.encoding);
  if (text.trim() === '') throw new SourceError('Berkas kosong: tidak ada baris yang dapat dibaca.');
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  // The head only (the inspection): one more record than asked tells whether the file goes on.
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, quoteChar: '"', ...(headRows === undefined ? {} : { preview: headRows + 2 }) });
  const rows: Cell[][] = parsed.data;
  // A final newline gives one empty record at the end; it is not a row of the file.
  if (rows.length > 0 && rows.at(-1)!.length === 1 && rows.at(-1)![0] === '') rows.pop();
  const complete = headRows === undefined || rows.length <= headRows;
  if (!complete) rows.length = headRows!;
  if (rows.length > limits.barisMaks) throw tooManyRows(limits);
  return {
    info: { format: 'csv', delimiter, encoding, bom, sheets: [], sheet: null, notes },
    grid: { rows, rowNumbers: lineNumbers(parsed.data).slice(0, rows.length) },
    complete,
  };
}

/**
 * Each record's first line in the file, as an editor numbers lines: a quoted field that spans
 * lines ("Jl. Merdeka\r\nNo. 5") moves every later record down by the breaks it holds, so the
 * row numbers in problems and skipped rows stay the ones the clerk sees when opening the file.
 */
export function lineNumbers(records: string[][]): number[] {
  const out = new Array<number>(records.length);
  let line = 1;
  for (let i = 0; i < records.length; i++) {
    out[i] = line;
    line++;
    for (const cell of records[i]!) {
      if (cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) continue;
      line += cell.match(/\r\n|\r|\n/g)!.length;
    }
  }
  return out;
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

const CORRUPT = 'Berkas XLSX rusak atau tidak lengkap; tidak dapat dibuka. Simpan ulang dari Excel lalu unggah lagi.';

/**
 * The part of exceljs's streaming WorkbookReader (lib/stream/xlsx/workbook-reader.js) used here:
 * its parsers for a workbook's parts, which its public iteration calls one zip entry at a time.
 * They are not in exceljs's typings; readXlsx checks they exist before relying on them.
 */
interface WorkbookParts {
  model?: { sheets?: { name: string; state?: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  properties?: { model?: { date1904?: boolean } };
  sharedStrings?: unknown[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  /** Yields one event, { eventType: 'worksheet', value: the sheet's WorksheetReader }, with worksheets 'emit'. */
  _parseWorksheet(chunks: AsyncIterable<Buffer>, sheetNo: string): Generator<{ value: AsyncIterable<ExcelJS.Row> }, void>;
}
const PART_PARSERS = ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles', '_parseWorksheet'] as const;

/**
 * An entry's bytes as JSZip read them from the archive (by its central directory), with how they
 * are packed: deflated or stored. Null when JSZip no longer keeps them so (then its own stream).
 */
function packedOf(file: JSZip.JSZipObject): { deflated: boolean; bytes: Uint8Array } | null {
  const data = (file as unknown as { _data?: { compression?: { magic?: unknown }; compressedContent?: unknown } })._data;
  const bytes = data?.compressedContent;
  if (!(bytes instanceof Uint8Array)) return null;
  const magic = data?.compression?.magic;
  return magic === '\x08\x00' ? { deflated: true, bytes } : magic === '\x00\x00' ? { deflated: false, bytes } : null;
}

/**
 * A zip entry's bytes as a Node stream, inflated as they are read (never the whole part at once).
 * Inflated by Node's own zlib where JSZip kept the entry's deflated bytes: JSZip inflates in
 * JavaScript (pako), ~0.35 s of a 100,000-row sheet's reading, zlib a fraction of that.
 */
function entryStream(file: JSZip.JSZipObject): Readable {
  const packed = packedOf(file);
  if (!packed) return Readable.from(wholeCharacters(new Readable().wrap(file.nodeStream('nodebuffer'))));
  const bytes = Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset, packed.bytes.byteLength);
  return Readable.from(wholeCharacters(packed.deflated ? Readable.from([bytes]).pipe(zlib.createInflateRaw()) : Readable.from([bytes])));
}

/**
 * The pieces of a part cut after a whole UTF-8 character: exceljs decodes each piece it is given
 * on its own (lib/utils/parse-sax.js), so a character split between two pieces — a name's ’ or é
 * every few thousand rows of a big sheet — became two replacement characters (U+FFFD).
 */
async function* wholeCharacters(pieces: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer | null = null;
  for await (const piece of pieces) {
    const chunk: Buffer = carry ? Buffer.concat([carry, piece]) : piece;
    const end = wholeUtf8Length(chunk);
    carry = end < chunk.length ? chunk.subarray(end) : null;
    if (end > 0) yield chunk.subarray(0, end);
  }
  if (carry) yield carry;
}

/** How many of the bytes end on a whole UTF-8 character (the rest: the start of one cut off). */
function wholeUtf8Length(b: Buffer): number {
  let i = b.length - 1;
  // Back over up to three continuation bytes (10xxxxxx) to the last character's first byte.
  while (i >= 0 && b.length - i <= 3 && (b[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return b.length;
  const lead = b[i]!;
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return b.length - i < size ? i : b.length;
}

/** Excel's date formats, decided as exceljs decides them (lib/utils/utils.js, isDateFmt). */
function isDateFmt(fmt: string | undefined): boolean {
  return !!fmt && /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * A cell the streaming reader delivers, as the full reader delivered it. The streaming reader
 * keeps a formula's cached result as a plain number whatever the cell's type; a date-formatted
 * result becomes a date here, as before. (A boolean result arrives as 1, an error result such as
 * '#N/A' as nothing: the cell's type is not kept, so these two cannot be told apart here.)
 */
function streamedCell(value: ExcelJS.CellValue, numFmt: string | undefined, date1904: boolean): Cell {
  if (value !== null && typeof value === 'object' && 'formula' in value && typeof value.result === 'number' && isDateFmt(numFmt)) {
    return xlsxCell(new Date(Math.round((value.result - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)));
  }
  return xlsxCell(value, numFmt);
}

/**
 * Reads the chosen sheet row by row, so that memory stays near the size of the grid (the full
 * exceljs Workbook held a 100,000-row claim at several hundred MB to ~2 GB).
 *
 * The zip is opened by its central directory (JSZip, the unzipper exceljs's own full reader
 * uses), and exceljs's streaming WorkbookReader parses the parts: relationships, workbook (sheet
 * names and states), shared strings, styles (number formats: '0000000000' accounts, dates), then
 * the one sheet wanted, streamed and inflated as its rows are read. The WorkbookReader's own
 * iteration is not used: it unzips in one forward pass (unzipper.Parse) that can end before the
 * archive's last entries are delivered when worksheets come before them, as in Excel's own files
 * (workbook, sheets, styles, shared strings): shared strings and styles are then silently missing
 * (text cells read as {sharedString: n}, dates as serial numbers). Reproduced here about once in
 * 400 reads on Node 20; reported more often on Node 22 (exceljs issue #3064, pull request #3031).
 */
export async function readXlsx(
  bytes: Uint8Array,
  opts: SourceOptions,
  onRow?: (done: number, total: number) => void,
  limits: ReadLimits = DEFAULT_LIMITS,
  headRows?: number,
): Promise<{ info: SourceInfo; grid: Grid; complete: boolean }> {
  const maxBytes = limits.teruraiMb * 1024 * 1024;
  const [{ default: Excel }, { default: Zip }] = await Promise.all([import('exceljs'), import('jszip')]);
  // Its input stream is never read: the parts are handed to its parsers one by one below.
  const book = new Excel.stream.xlsx.WorkbookReader(Readable.from([]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as WorkbookParts;
  const missing = PART_PARSERS.filter((m) => typeof book[m] !== 'function');
  if (missing.length > 0) throw new Error(`exceljs tidak lagi menyediakan ${missing.join(', ')} (WorkbookReader); readXlsx perlu disesuaikan.`);

  const parts = new Map<string, JSZip.JSZipObject>();
  try {
    const zip = await Zip.loadAsync(bytes);
    for (const f of Object.values(zip.files)) if (!f.dir) parts.set(f.name.replace(/^\//, ''), f);
    const part = (name: string) => parts.get(name);
    const rels = part('xl/_rels/workbook.xml.rels');
    if (rels) await book._parseRels(entryStream(rels));
    const workbook = part('xl/workbook.xml');
    if (workbook) await book._parseWorkbook(entryStream(workbook));
    const strings = part('xl/sharedStrings.xml');
    if (strings && (declaredSize(strings) ?? 0) > maxBytes) throw tooBig(limits, 'daftar teksnya (sharedStrings)');
    if (strings) {
      // An async generator that, with sharedStrings 'cache', fills book.sharedStrings and yields nothing.
      for await (const _ of book._parseSharedStrings(entryStream(strings))) void _;
    } else book.sharedStrings = [];
    const styles = part('xl/styles.xml');
    if (styles) await book._parseStyles(entryStream(styles));
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError(CORRUPT);
  }

  // The sheets in the workbook's order, as exceljs's full reader matched them to their parts
  // (xlsx.js, workbook-xform.js reconcile): chart sheets and other parts are not worksheets.
  const relById = new Map((book.workbookRels ?? []).map((r) => [r.Id, r]));
  const worksheets: { name: string; state: string | undefined; sheetNo: string; file: JSZip.JSZipObject }[] = [];
  for (const s of book.model?.sheets ?? []) {
    const rel = relById.get(s.rId);
    const path = rel && `xl/${rel.Target.replace(/^(\s|\/xl\/)+/, '')}`;
    const sheetNo = path?.match(/xl\/worksheets\/sheet(\d+)[.]xml/)?.[1];
    const file = path && parts.get(path);
    if (sheetNo && file) worksheets.push({ name: s.name, state: s.state, sheetNo, file });
  }
  const sheets = worksheets.filter((w) => w.state !== 'veryHidden').map((w) => w.name);
  if (sheets.length === 0) throw new SourceError('Berkas XLSX tidak berisi lembar kerja.');
  const visible = worksheets.filter((w) => w.state === 'visible' || w.state === undefined);
  const name = opts.sheet ?? (visible[0] ?? worksheets[0]!).name;
  const ws = worksheets.find((w) => w.name === name);
  if (!ws) throw new SourceError(`Lembar kerja "${name}" tidak ada di berkas ini.`);
  if ((declaredSize(ws.file) ?? 0) > maxBytes) throw tooBig(limits, `lembar kerja "${name}"`);

  // Progress: the streaming reader does not know the row count before the end. The best figure
  // is the sheet's <dimension ref="A1:L100001"> (Excel writes it before the rows; exceljs's
  // streaming writer does not), else the rows read so far.
  let dimensionRows = 0;
  // What the sheet really unpacks to is counted as it streams: a zip's declared sizes can lie.
  async function* chunks(file: JSZip.JSZipObject): AsyncGenerator<Buffer> {
    let head: string | null = '';
    let unpacked = 0;
    for await (const chunk of entryStream(file) as AsyncIterable<Buffer>) {
      unpacked += chunk.length;
      if (unpacked > maxBytes) throw tooBig(limits, `lembar kerja "${name}"`);
      if (head !== null) {
        head += chunk.toString('latin1');
        const ref = /<(?:\w+:)?dimension\s[^>]*?ref="[^"]*?(\d+)"/.exec(head);
        if (ref) dimensionRows = Number(ref[1]);
        if (ref || /<(?:\w+:)?sheetData[\s>/]/.test(head) || head.length > 65_536) head = null;
      }
      yield chunk;
    }
  }

  const date1904 = !!book.properties?.model?.date1904;
  const rows: Cell[][] = [];
  let complete = true;
  try {
    const emitted = book._parseWorksheet(chunks(ws.file), ws.sheetNo).next();
    if (emitted.done) throw new Error('exceljs WorkbookReader did not emit the worksheet');
    for await (const row of emitted.value.value) {
      // The head only (the inspection): the rest of the sheet is neither inflated nor parsed.
      if (headRows !== undefined && row.number > headRows) {
        complete = false;
        break;
      }
      const cells: Cell[] = [];
      // Merged ranges: the streaming reader does not read <mergeCells>; the other cells of a
      // range have no value in the file (Excel keeps it in the first cell only), so they are empty.
      row.eachCell((cell, col) => {
        cells[col - 1] = streamedCell(cell.value, cell.numFmt, date1904);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= null;
      while (cells.length > 0 && cells.at(-1) === null) cells.pop();
      // Rows the file leaves out (nothing in them) are empty rows, so numbers stay the sheet's.
      const before = rows.length;
      const n = Number.isSafeInteger(row.number) && row.number > 0 ? row.number : rows.length + 1;
      while (rows.length < n - 1) rows.push([]);
      rows[n - 1] = cells;
      if (rows.length > limits.barisMaks) throw tooManyRows(limits);
      if (onRow && Math.floor(rows.length / 5000) > Math.floor(before / 5000)) onRow(rows.length, Math.max(dimensionRows, rows.length));
    }
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError(CORRUPT);
  }
  if (complete && rows.every((r) => r.length === 0)) throw new SourceError(`Lembar kerja "${name}" kosong.`);
  const rowNumbers = rows.map((_, i) => i + 1);
  return { info: { format: 'xlsx', delimiter: null, encoding: null, bom: false, sheets, sheet: name, notes: [] }, grid: { rows, rowNumbers }, complete };
}

/**
 * Reads a file into its grid; with `headRows`, only its first rows (`complete` says whether that
 * was the whole file): the inspection needs the header, a sample and the title lines, not 100,000
 * rows the preview reads again anyway.
 */
export async function readSource(
  bytes: Uint8Array,
  fileName: string,
  opts: SourceOptions,
  onRow?: (done: number, total: number) => void,
  headRows?: number,
  /** The rows the file's kind may hold (rowLimitOf; default IMPORT_LIMITS.barisMaks). */
  barisMaks: number = DEFAULT_LIMITS.barisMaks,
): Promise<{ info: SourceInfo; grid: Grid; complete: boolean }> {
  if (bytes.byteLength === 0) throw new SourceError('Berkas kosong (0 bita).');
  const format = sniffFormat(bytes, fileName);
  const limits = { ...DEFAULT_LIMITS, barisMaks };
  return format === 'xlsx' ? readXlsx(bytes, opts, onRow, limits, headRows) : readCsv(bytes, opts, limits, headRows);
}
