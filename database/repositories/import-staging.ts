/**
 * A claim import's parsed rows staged between its preview and its commit (impor_staging,
 * impor_staging_tagihan; why a real table and not a TEMP one: migration 0029_import_staging.sql).
 * The commit may run in a job worker with its own connection: it finds the preview's request and
 * rows here by the preview's id.
 */
import type { Database } from 'better-sqlite3';
import { BANK_CLAIM_LINE_KEYS, CLAIM_LINE_COLUMNS } from '../../electron/contract/claim-lines';

/** A parsed row as the import's parse gives it (the repository does not import the services' types). */
export interface StagedRow {
  baris: number;
  values: Readonly<Record<string, string | number | boolean | null>>;
  galat: boolean;
  rekeningAngka?: true;
}

export interface Staging {
  id: string;
  pengguna: string;
  jenis: string;
  /** The preview's request, as JSON text (the caller's type). */
  permintaan: string;
  jumlahValid: number;
  masalahBerkas: string[];
}

/** The claim import's fields and their staging columns (the claim line's own SQL names). */
const FIELDS = BANK_CLAIM_LINE_KEYS.filter((k) => k !== 'nomorBaris').map((key) => ({ key, column: CLAIM_LINE_COLUMNS[key].column }));

/** A field's value as SQLite keeps it: true/false never occur in a claim's fields, but would be 1/0 rather than a refused bind. */
const bindable = (v: string | number | boolean | null | undefined) => (typeof v === 'boolean' ? Number(v) : (v ?? null));

/**
 * Stages a preview's rows (replacing any of the same id), with one prepared insert in one
 * transaction. Every row is kept, valid or not: the commit checks them all again.
 */
export function stageClaimRows(db: Database, s: Staging, rows: readonly StagedRow[]): void {
  const insert = db.prepare(
    `INSERT INTO impor_staging_tagihan (staging_id, baris, galat, rekening_angka, ${FIELDS.map((f) => f.column).join(', ')})
     VALUES (?, ?, ?, ?${', ?'.repeat(FIELDS.length)})`,
  );
  db.transaction(() => {
    db.prepare('DELETE FROM impor_staging WHERE id = ?').run(s.id);
    db.prepare('INSERT INTO impor_staging (id, pengguna, jenis, permintaan, jumlah_valid, masalah_berkas) VALUES (?, ?, ?, ?, ?, ?)').run(
      s.id,
      s.pengguna,
      s.jenis,
      s.permintaan,
      s.jumlahValid,
      JSON.stringify(s.masalahBerkas),
    );
    // One argument array for every row (not new arrays per row: a claim has 100,000+).
    const args: unknown[] = [s.id, 0, 0, 0, ...FIELDS.map(() => null)];
    for (const r of rows) {
      args[1] = r.baris;
      args[2] = r.galat ? 1 : 0;
      args[3] = r.rekeningAngka ? 1 : 0;
      for (let k = 0; k < FIELDS.length; k++) args[k + 4] = bindable(r.values[FIELDS[k]!.key]);
      insert.run(args);
    }
  })();
}

interface StagingRow {
  id: string;
  pengguna: string;
  jenis: string;
  permintaan: string;
  jumlah_valid: number;
  masalah_berkas: string;
}

export function getStaging(db: Database, id: string): Staging | null {
  const r = db.prepare('SELECT id, pengguna, jenis, permintaan, jumlah_valid, masalah_berkas FROM impor_staging WHERE id = ?').get(id) as StagingRow | undefined;
  if (!r) return null;
  return { id: r.id, pengguna: r.pengguna, jenis: r.jenis, permintaan: r.permintaan, jumlahValid: r.jumlah_valid, masalahBerkas: JSON.parse(r.masalah_berkas) as string[] };
}

/** The staged rows in file order, as the parse gave them: a value SQLite holds as NULL is left out, as the parse leaves out a field it could not read. */
export function stagedClaimRows(db: Database, id: string): StagedRow[] {
  const select = db
    .prepare(`SELECT baris, galat, rekening_angka, ${FIELDS.map((f) => f.column).join(', ')} FROM impor_staging_tagihan WHERE staging_id = ? ORDER BY baris`)
    .raw(true);
  const rows: StagedRow[] = [];
  for (const cells of select.iterate(id) as IterableIterator<(string | number | null)[]>) {
    const values: Record<string, string | number> = {};
    for (let k = 0; k < FIELDS.length; k++) {
      const v = cells[k + 3];
      if (v !== null && v !== undefined) values[FIELDS[k]!.key] = v;
    }
    rows.push({ baris: cells[0] as number, galat: cells[1] === 1, ...(cells[2] === 1 ? { rekeningAngka: true as const } : {}), values });
  }
  return rows;
}

/** Forgets a staged preview (its rows go with it: ON DELETE CASCADE). */
export function dropStaging(db: Database, id: string): void {
  db.prepare('DELETE FROM impor_staging WHERE id = ?').run(id);
}

/**
 * Forgets every staged preview: when the runtime opens the database no preview of an earlier
 * run can be committed any more (previews live in the runtime's memory), so what they staged is
 * a crashed or abandoned preview's.
 */
export function dropAllStaging(db: Database): void {
  db.prepare('DELETE FROM impor_staging_tagihan').run();
  db.prepare('DELETE FROM impor_staging').run();
}
