/**
 * The two things the worker does with a file: inspect it (how it reads, its header, a sample and
 * a suggested mapping) and parse it whole (every row checked against the mapping). Pure apart
 * from reading the file; the service adds what needs the database.
 */
import type { ImportColumn, ImportKind, ImportOptions } from '../../../contract/imports';
import { columnsOf, detectHeaderRow, suggestMapping } from './mapping';
import { parseRows, type ParseOutcome, type ParseRequest } from './rows';
import { readSource, SourceError, type Grid, type SourceInfo } from './source';
import type { Cell } from './values';

export interface Inspection {
  info: SourceInfo;
  headerRow: number;
  contoh: { baris: number; sel: string[] }[];
  kolom: ImportColumn[];
  pemetaan: Record<string, string>;
  sumberPemetaan: 'templat' | 'nama_kolom';
  dataRows: number;
}

export type Progress = (stage: string, done: number, total: number) => void;

const SAMPLE_ROWS = 30;

const display = (c: Cell): string => (c === null ? '' : String(c));

/** The header's index in the grid: the row asked for (by its number in the file), or detected. */
function headerIndexOf(kind: ImportKind, grid: Grid, headerRow: number | undefined): number {
  if (headerRow !== undefined) {
    const i = grid.rowNumbers.indexOf(headerRow);
    if (i < 0) throw new SourceError(`Baris ${headerRow} tidak ada di berkas ini (berkas berisi ${grid.rowNumbers.at(-1) ?? 0} baris).`);
    return i;
  }
  return detectHeaderRow(kind, grid.rows);
}

function columnsAfter(grid: Grid, headerIndex: number): ImportColumn[] {
  let width = 0;
  const end = Math.min(grid.rows.length, headerIndex + 500);
  for (let i = headerIndex; i < end; i++) width = Math.max(width, grid.rows[i]?.length ?? 0);
  return columnsOf(grid.rows[headerIndex] ?? [], width);
}

/**
 * The template's mapping when all its columns are still in the file (fields left out on purpose
 * stay out); when some are gone, what is left of it, the gaps suggested from the header names.
 */
export function mergeMapping(template: Record<string, string> | null, byNames: Record<string, string>, columns: ImportColumn[]): { pemetaan: Record<string, string>; fromTemplate: boolean } {
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

export async function inspectFile(bytes: Uint8Array, name: string, kind: ImportKind, opts: ImportOptions, template: Record<string, string> | null, progress?: Progress): Promise<Inspection> {
  const { info, grid } = await readSource(bytes, name, opts, (d, t) => progress?.('membaca', d, t));
  const headerIndex = headerIndexOf(kind, grid, opts.headerRow);
  const kolom = columnsAfter(grid, headerIndex);
  const { pemetaan, fromTemplate } = mergeMapping(template, suggestMapping(kind, kolom), kolom);
  const contoh = grid.rows.slice(0, Math.max(SAMPLE_ROWS, headerIndex + 11)).map((r, i) => ({ baris: grid.rowNumbers[i]!, sel: r.map(display) }));
  return {
    info,
    headerRow: grid.rowNumbers[headerIndex] ?? 1,
    contoh,
    kolom,
    pemetaan,
    sumberPemetaan: fromTemplate ? 'templat' : 'nama_kolom',
    dataRows: grid.rows.length - headerIndex - 1,
  };
}

export interface ParseFileRequest {
  kind: ImportKind;
  opts: ImportOptions;
  mapping: Record<string, string>;
  fixed: ParseRequest['fixed'];
}

export async function parseFile(bytes: Uint8Array, name: string, req: ParseFileRequest, progress?: Progress): Promise<ParseOutcome & { info: SourceInfo; headerRow: number; columns: ImportColumn[] }> {
  const { info, grid } = await readSource(bytes, name, req.opts, (d, t) => progress?.('membaca', d, t));
  const headerIndex = headerIndexOf(req.kind, grid, req.opts.headerRow);
  const columns = columnsAfter(grid, headerIndex);
  const missing = Object.entries(req.mapping).filter(([, col]) => !columns.some((c) => c.key === col));
  if (missing.length > 0) {
    throw new SourceError(`Kolom ${missing.map(([, c]) => `"${c}"`).join(', ')} tidak ada di baris judul berkas ini. Periksa baris judul dan pemetaan kolom.`);
  }
  const outcome = parseRows(
    { kind: req.kind, grid, headerIndex, columns, mapping: req.mapping, fixed: req.fixed, numberStyle: req.opts.formatAngka ?? 'otomatis' },
    (d, t) => progress?.('memeriksa', d, t),
  );
  return { ...outcome, info, headerRow: grid.rowNumbers[headerIndex] ?? 1, columns };
}
