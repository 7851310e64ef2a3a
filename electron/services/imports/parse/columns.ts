/**
 * The parsed rows as columns for the trip from the import worker to the main thread: one typed
 * array per numeric field (moved, not copied: transferable) and one plain array per other field,
 * instead of 100,000 row objects the structured clone would serialise key by key and the main
 * thread rebuild (~0.3 s each way and the garbage of both at 100,000 rows). Rebuilt into the
 * same ParsedRow objects on arrival (same keys in the same order), so nothing after the worker
 * changes.
 */
import type { ParsedRow, RecordValues } from './rows';

type Value = RecordValues[string];

interface NumberColumn {
  key: string;
  kind: 'angka';
  values: Float64Array;
  /** 1 where the value is null. */
  kosong: Uint8Array;
}

interface ValueColumn {
  key: string;
  kind: 'nilai';
  values: (string | boolean | null)[];
}

export interface RowColumns {
  count: number;
  baris: Int32Array;
  /** Bit 0: galat; bit 1: rekeningAngka. */
  flags: Uint8Array;
  columns: (NumberColumn | ValueColumn)[];
}

/** The rows as columns, and the buffers to transfer. Every row has the same keys (the mapped and whole-file fields). */
export function rowsToColumns(rows: readonly ParsedRow[]): { columns: RowColumns; transfer: ArrayBuffer[] } {
  const count = rows.length;
  const baris = new Int32Array(count);
  const flags = new Uint8Array(count);
  const keys = count > 0 ? Object.keys(rows[0]!.values) : [];
  for (let i = 0; i < count; i++) {
    const r = rows[i]!;
    baris[i] = r.baris;
    flags[i] = (r.galat ? 1 : 0) | (r.rekeningAngka ? 2 : 0);
  }
  const columns = keys.map((key): NumberColumn | ValueColumn => {
    let numeric = true;
    for (let i = 0; i < count && numeric; i++) {
      const v = rows[i]!.values[key];
      if (v !== null && typeof v !== 'number') numeric = false;
    }
    if (numeric) {
      const values = new Float64Array(count);
      const kosong = new Uint8Array(count);
      for (let i = 0; i < count; i++) {
        const v = rows[i]!.values[key] as number | null;
        if (v === null) kosong[i] = 1;
        else values[i] = v;
      }
      return { key, kind: 'angka', values, kosong };
    }
    const values = new Array<string | boolean | null>(count);
    for (let i = 0; i < count; i++) values[i] = rows[i]!.values[key] as string | boolean | null;
    return { key, kind: 'nilai', values };
  });
  const transfer: ArrayBuffer[] = [baris.buffer, flags.buffer];
  for (const c of columns) if (c.kind === 'angka') transfer.push(c.values.buffer as ArrayBuffer, c.kosong.buffer as ArrayBuffer);
  return { columns: { count, baris, flags, columns }, transfer };
}

/** The rows back from their columns, as rowsToColumns got them. */
export function columnsToRows(c: RowColumns): ParsedRow[] {
  const rows = new Array<ParsedRow>(c.count);
  const cols = c.columns;
  for (let i = 0; i < c.count; i++) {
    const values: RecordValues = {};
    for (const col of cols) {
      let v: Value;
      if (col.kind === 'angka') v = col.kosong[i] ? null : col.values[i]!;
      else v = col.values[i]!;
      values[col.key] = v;
    }
    const f = c.flags[i]!;
    rows[i] = f & 2 ? { baris: c.baris[i]!, values, galat: (f & 1) === 1, rekeningAngka: true } : { baris: c.baris[i]!, values, galat: (f & 1) === 1 };
  }
  return rows;
}
