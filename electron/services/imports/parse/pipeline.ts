/**
 * The two things the worker does with a file: inspect it (how it reads, its header, a sample and
 * a suggested mapping) and parse it whole (every row checked against the mapping). Pure apart
 * from reading the file; the service adds what needs the database.
 */
import { rowLimitOf, type ImportKind } from '../../../contract/import-kinds';
import type { ImportColumn, ImportOptions } from '../../../contract/imports';
import { columnsOf, detectHeaderRow, headerlessColumns, suggestMapping } from './mapping';
import { parseRows, type ParseOutcome, type ParseRequest } from './rows';
import { readSource, SourceError, type Grid, type SourceInfo } from './source';
import { findTitlePeriod, titleSuggestion } from './title';
import { isBlank, type Cell } from './values';

export interface Inspection {
  info: SourceInfo;
  /** The header row's number in the file; 0 when it has none. */
  headerRow: number;
  tanpaJudul: boolean;
  contoh: { baris: number; sel: string[] }[];
  kolom: ImportColumn[];
  pemetaan: Record<string, string>;
  sumberPemetaan: 'templat' | 'nama_kolom';
  dataRows: number;
  /** Values for the whole file read from the title lines (the period). */
  saranTetap: { periode?: string };
  /** What the clerk should know about the header and the title lines. */
  notes: string[];
}

export type Progress = (stage: string, done: number, total: number) => void;

const SAMPLE_ROWS = 30;

const display = (c: Cell): string => (c === null ? '' : String(c));

/**
 * The header's index in the grid, -1 for none: none when the clerk says so (tanpaJudul), the row
 * asked for (by its number in the file), else detected; when no row looks like a header and the
 * clerk has not said there is one, none (a data line read as the header would be lost).
 */
function headerIndexOf(kind: ImportKind, grid: Grid, opts: ImportOptions): number {
  if (opts.tanpaJudul) return -1;
  if (opts.headerRow !== undefined) {
    const i = grid.rowNumbers.indexOf(opts.headerRow);
    if (i < 0) throw new SourceError(`Baris ${opts.headerRow} tidak ada di berkas ini (berkas berisi ${grid.rowNumbers.at(-1) ?? 0} baris).`);
    return i;
  }
  const found = detectHeaderRow(kind, grid.rows);
  if (found >= 0 || opts.tanpaJudul === undefined) return found;
  // Told there is a header but none looks like one: the first row with something in it.
  return Math.max(
    0,
    grid.rows.findIndex((r) => r.some((c) => !isBlank(c))),
  );
}

/** The file's columns: named by the header row, or "Kolom 1", "Kolom 2", … without one; each with its first value. */
function columnsAfter(grid: Grid, headerIndex: number): ImportColumn[] {
  let width = 0;
  const start = Math.max(headerIndex, 0);
  const end = Math.min(grid.rows.length, start + 500);
  for (let i = start; i < end; i++) width = Math.max(width, grid.rows[i]?.length ?? 0);
  const columns = headerIndex >= 0 ? columnsOf(grid.rows[headerIndex] ?? [], width) : headerlessColumns(width);
  // A sample from the first rows that fill at least half the columns (not a title line).
  for (let i = headerIndex + 1; i < end && columns.some((c) => c.contoh === undefined); i++) {
    const row = grid.rows[i] ?? [];
    if (row.filter((c) => !isBlank(c)).length * 2 < width) continue;
    for (const c of columns)
      if (c.contoh === undefined && !isBlank(row[c.index] ?? null))
        c.contoh = display(row[c.index] ?? null)
          .trim()
          .slice(0, 60);
  }
  return columns;
}

/** Where the title lines end: at the header, or before a headerless file's first row of three or more values. */
function titleEnd(grid: Grid, headerIndex: number): number {
  if (headerIndex >= 0) return headerIndex;
  const i = grid.rows.findIndex((r) => r.filter((c) => !isBlank(c)).length >= 3);
  return i < 0 ? 0 : i;
}

/**
 * The template's mapping when all its columns are still in the file (fields left out on purpose
 * stay out); when some are gone, what is left of it, the gaps suggested from the header names.
 */
export function mergeMapping(
  template: Record<string, string> | null,
  byNames: Record<string, string>,
  columns: ImportColumn[],
): { pemetaan: Record<string, string>; fromTemplate: boolean } {
  if (!template) return { pemetaan: byNames, fromTemplate: false };
  const keys = new Set(columns.map((c) => c.key));
  const kept = Object.fromEntries(Object.entries(template).filter(([, col]) => keys.has(col)));
  if (Object.keys(kept).length === 0) return { pemetaan: byNames, fromTemplate: false };
  // The same layout as last time: the template exactly, fields left out on purpose stay out.
  if (Object.keys(kept).length === Object.keys(template).length) return { pemetaan: kept, fromTemplate: true };
  const used = new Set(Object.values(kept));
  const filled = { ...kept };
  for (const [field, col] of Object.entries(byNames)) if (!(field in filled) && !used.has(col)) filled[field] = col;
  return { pemetaan: filled, fromTemplate: true };
}

/**
 * Rows the inspection reads: the header is looked for in the first 30, the columns' width and
 * samples in the 500 after it; the rest of the file is the preview's (it reads it whole anyway).
 */
export const INSPECTION_HEAD_ROWS = 1000;

/**
 * Whether the head answers everything the inspection asks as the whole file would: the header
 * row asked for is in it, the 500 rows after the header fit, a headerless file's first data row
 * is in it and it is not all blank. Otherwise the whole file is read (an odd file, never a big one).
 */
function headSuffices(kind: ImportKind, grid: Grid, opts: ImportOptions): boolean {
  if (opts.headerRow !== undefined && !grid.rowNumbers.includes(opts.headerRow)) return false;
  if (grid.rows.every((r) => r.every(isBlank))) return false;
  const headerIndex = headerIndexOf(kind, grid, opts);
  if (headerIndex + 501 > grid.rows.length) return false;
  return headerIndex >= 0 || grid.rows.some((r) => r.filter((c) => !isBlank(c)).length >= 3);
}

export async function inspectFile(
  bytes: Uint8Array,
  name: string,
  kind: ImportKind,
  opts: ImportOptions,
  template: Record<string, string> | null,
  progress?: Progress,
  /** Rows read first (tests pass Infinity to compare with reading the whole file). */
  headRows: number = INSPECTION_HEAD_ROWS,
): Promise<Inspection> {
  const limit = rowLimitOf(kind);
  const head = await readSource(bytes, name, opts, (d, t) => progress?.('membaca', d, t), Number.isFinite(headRows) ? headRows : undefined, limit);
  const { info, grid } = head.complete || headSuffices(kind, head.grid, opts) ? head : await readSource(bytes, name, opts, (d, t) => progress?.('membaca', d, t), undefined, limit);
  const headerIndex = headerIndexOf(kind, grid, opts);
  const kolom = columnsAfter(grid, headerIndex);
  const { pemetaan, fromTemplate } = mergeMapping(template, headerIndex >= 0 ? suggestMapping(kind, kolom) : {}, kolom);
  const contoh = grid.rows.slice(0, Math.max(SAMPLE_ROWS, headerIndex + 11)).map((r, i) => ({ baris: grid.rowNumbers[i]!, sel: r.map(display) }));
  const notes: string[] = [];
  if (headerIndex < 0 && !opts.tanpaJudul) {
    notes.push(
      'Tidak ada baris yang tampak seperti baris judul (nama kolom yang dikenal), jadi berkas dibaca tanpa baris judul: kolom dinamai Kolom 1, Kolom 2, … dan setiap baris dibaca sebagai data. Bila berkas punya baris judul, pilih nomor barisnya.',
    );
  }
  const title = titleSuggestion(findTitlePeriod(grid.rows, grid.rowNumbers, titleEnd(grid, headerIndex)));
  if (title.note) notes.push(title.note);
  return {
    info,
    headerRow: headerIndex >= 0 ? (grid.rowNumbers[headerIndex] ?? 1) : 0,
    tanpaJudul: headerIndex < 0,
    contoh,
    kolom,
    pemetaan,
    sumberPemetaan: fromTemplate ? 'templat' : 'nama_kolom',
    // From the head: only whether there is any data row is asked of it.
    dataRows: grid.rows.length - headerIndex - 1,
    saranTetap: title.periode ? { periode: title.periode } : {},
    notes,
  };
}

export interface ParseFileRequest {
  kind: ImportKind;
  opts: ImportOptions;
  mapping: Record<string, string>;
  fixed: ParseRequest['fixed'];
}

export async function parseFile(
  bytes: Uint8Array,
  name: string,
  req: ParseFileRequest,
  progress?: Progress,
): Promise<ParseOutcome & { info: SourceInfo; headerRow: number; columns: ImportColumn[] }> {
  const { info, grid } = await readSource(bytes, name, req.opts, (d, t) => progress?.('membaca', d, t), undefined, rowLimitOf(req.kind));
  const headerIndex = headerIndexOf(req.kind, grid, req.opts);
  const columns = columnsAfter(grid, headerIndex);
  const missing = Object.entries(req.mapping).filter(([, col]) => !columns.some((c) => c.key === col));
  if (missing.length > 0) {
    throw new SourceError(
      headerIndex >= 0
        ? `Kolom ${missing.map(([, c]) => `"${c}"`).join(', ')} tidak ada di baris judul berkas ini. Periksa baris judul dan pemetaan kolom.`
        : `Kolom ${missing.map(([, c]) => `"${c}"`).join(', ')} tidak ada di berkas ini (dibaca tanpa baris judul, ${columns.length} kolom). Periksa baris judul dan pemetaan kolom.`,
    );
  }
  const outcome = parseRows(
    { kind: req.kind, grid, headerIndex, columns, mapping: req.mapping, fixed: req.fixed, numberStyle: req.opts.formatAngka ?? 'otomatis', release: true },
    (d, t) => progress?.('memeriksa', d, t),
  );
  return { ...outcome, info, headerRow: headerIndex >= 0 ? (grid.rowNumbers[headerIndex] ?? 1) : 0, columns };
}
