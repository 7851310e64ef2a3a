/**
 * An import's parsed rows staged between its preview and its commit (why a real table and
 * not a TEMP one: migration 0029_import_staging.sql); a claim's in typed columns, every other
 * kind's as JSON values (beginValueStaging). The commit may run in a job worker with its
 * own connection: it finds the preview's request in impor_staging and its rows in the preview's
 * own table, `impor_staging_<id without dashes>` (dropped at the commit, in its transaction: a
 * DROP TABLE is milliseconds where deleting the rows was most of a second at 100,000).
 */
import type { Database } from 'better-sqlite3';
import { BANK_CLAIM_LINE_KEYS, CLAIM_LINE_COLUMNS, CLAIM_NUMERIC_FIELDS } from '../../electron/contract/claim-lines';
import { insertClaimHeader } from './claims';

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

const TABLE_PREFIX = 'impor_staging_';

/** The preview's own table. Its id is a UUID (checked: it becomes part of an SQL name). */
function tableOf(id: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw new RangeError(`Nomor pratinjau tidak sah: ${id}`);
  return TABLE_PREFIX + id.replaceAll('-', '');
}

const tableExists = (db: Database, table: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;

/** A field's value as SQLite keeps it: true/false never occur in a claim's fields, but would be 1/0 rather than a refused bind. */
const bindable = (v: string | number | boolean | null | undefined) => (typeof v === 'boolean' ? Number(v) : (v ?? null));

/**
 * Starts staging a preview: its empty table (replacing any of the same id). The rows follow in
 * batches (stageClaimRows), the preview's header last (finishStaging): until then a commit as a
 * job does not find the preview, and one on the runtime's thread does not take a partial table.
 */
export function beginStaging(db: Database, id: string): void {
  db.transaction(() => {
    dropStaging(db, id);
    // The value columns have no declared type (no affinity): a value is kept as text or number exactly as read.
    db.exec(`CREATE TABLE ${tableOf(id)} (baris INTEGER PRIMARY KEY, galat INTEGER NOT NULL, rekening_angka INTEGER NOT NULL, ${FIELDS.map((f) => f.column).join(', ')})`);
  })();
}

/** Rows per INSERT statement when staging: one call into SQLite per this many rows rather than per row. */
const ROWS_PER_INSERT = 50;

/** Adds rows `from` to `to` (exclusive) of a preview, valid or not, with prepared inserts of many rows each, in one transaction. */
export function stageClaimRows(db: Database, id: string, rows: readonly StagedRow[], from: number, to: number): void {
  const width = 3 + FIELDS.length;
  const one = `(?${', ?'.repeat(width - 1)})`;
  const head = `INSERT INTO ${tableOf(id)} (baris, galat, rekening_angka, ${FIELDS.map((f) => f.column).join(', ')}) VALUES `;
  const many = db.prepare(head + Array<string>(ROWS_PER_INSERT).fill(one).join(', '));
  const single = db.prepare(head + one);
  db.transaction(() => {
    // One argument array for every statement (not new arrays per row: a claim has 100,000+).
    const args: unknown[] = Array<unknown>(ROWS_PER_INSERT * width).fill(null);
    const put = (r: StagedRow, at: number) => {
      args[at] = r.baris;
      args[at + 1] = r.galat ? 1 : 0;
      args[at + 2] = r.rekeningAngka ? 1 : 0;
      for (let k = 0; k < FIELDS.length; k++) args[at + 3 + k] = bindable(r.values[FIELDS[k]!.key]);
    };
    let n = from;
    for (; n + ROWS_PER_INSERT <= to; n += ROWS_PER_INSERT) {
      for (let i = 0; i < ROWS_PER_INSERT; i++) put(rows[n + i]!, i * width);
      many.run(args);
    }
    const last: unknown[] = Array<unknown>(width);
    for (; n < to; n++) {
      put(rows[n]!, 0);
      for (let k = 0; k < width; k++) last[k] = args[k];
      single.run(last);
    }
  })();
}

/** The staged preview's header: from now on its commit may run as a job. */
export function finishStaging(db: Database, s: Staging): void {
  db.prepare('INSERT INTO impor_staging (id, pengguna, jenis, permintaan, jumlah_valid, masalah_berkas) VALUES (?, ?, ?, ?, ?, ?)').run(
    s.id,
    s.pengguna,
    s.jenis,
    s.permintaan,
    s.jumlahValid,
    JSON.stringify(s.masalahBerkas),
  );
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
  const select = db.prepare(`SELECT ${CLAIM_ROW_COLUMNS} FROM ${tableOf(id)} ORDER BY baris`).raw(true);
  const rows: StagedRow[] = [];
  for (const cells of select.iterate() as IterableIterator<(string | number | null)[]>) rows.push(claimRowOf(cells));
  return rows;
}

/** The columns a staged claim row is read back from (claimRowOf), in its order. */
const CLAIM_ROW_COLUMNS = `baris, galat, rekening_angka, ${FIELDS.map((f) => f.column).join(', ')}`;

/** A staged claim row from its CLAIM_ROW_COLUMNS cells: a value SQLite holds as NULL left out. */
function claimRowOf(cells: readonly (string | number | null)[]): StagedRow {
  const values: Record<string, string | number> = {};
  for (let k = 0; k < FIELDS.length; k++) {
    const v = cells[k + 3];
    if (v !== null && v !== undefined) values[FIELDS[k]!.key] = v;
  }
  return { baris: cells[0] as number, galat: cells[1] === 1, ...(cells[2] === 1 ? { rekeningAngka: true as const } : {}), values };
}

/**
 * Every other kind's rows (a loan list, positions, payment history, a decree's list, an invoice):
 * the same table per preview, its values as one JSON object per row. A kind's fields differ and
 * its commit writes row by row through the services' own functions, so typed columns would buy
 * nothing; JSON keeps each value exactly as the parse typed it (text, number, a yes/no as a
 * boolean, null) and a field it left out stays left out. The claim keeps its typed columns
 * (above): its commit writes with one INSERT … SELECT from them.
 */
export function beginValueStaging(db: Database, id: string): void {
  db.transaction(() => {
    dropStaging(db, id);
    db.exec(`CREATE TABLE ${tableOf(id)} (baris INTEGER PRIMARY KEY, galat INTEGER NOT NULL, rekening_angka INTEGER NOT NULL, nilai TEXT NOT NULL)`);
  })();
}

/** Adds rows `from` to `to` (exclusive) of a preview staged by beginValueStaging, in one transaction. */
export function stageValueRows(db: Database, id: string, rows: readonly StagedRow[], from: number, to: number): void {
  const insert = db.prepare(`INSERT INTO ${tableOf(id)} (baris, galat, rekening_angka, nilai) VALUES (?, ?, ?, ?)`);
  db.transaction(() => {
    for (let n = from; n < to; n++) {
      const r = rows[n]!;
      insert.run(r.baris, r.galat ? 1 : 0, r.rekeningAngka ? 1 : 0, JSON.stringify(r.values));
    }
  })();
}

/** The rows staged by stageValueRows, in file order, each as the parse gave it. */
export function stagedValueRows(db: Database, id: string): StagedRow[] {
  const select = db.prepare(`SELECT baris, galat, rekening_angka, nilai FROM ${tableOf(id)} ORDER BY baris`).raw(true);
  const rows: StagedRow[] = [];
  for (const [baris, galat, angka, nilai] of select.iterate() as IterableIterator<[number, number, number, string]>) {
    rows.push({ baris, galat: galat === 1, ...(angka === 1 ? { rekeningAngka: true as const } : {}), values: JSON.parse(nilai) as StagedRow['values'] });
  }
  return rows;
}

/** The rows numbered `baris` of a preview staged by stageValueRows (a preview's page of rows), in file order, as stagedValueRows gives them. */
export function stagedValueRowsAt(db: Database, id: string, baris: readonly number[]): StagedRow[] {
  if (baris.length === 0) return [];
  const select = db.prepare(`SELECT baris, galat, rekening_angka, nilai FROM ${tableOf(id)} WHERE baris IN (SELECT value FROM json_each(?)) ORDER BY baris`).raw(true);
  return (select.all(JSON.stringify(baris)) as [number, number, number, string][]).map(([b, galat, angka, nilai]) => ({
    baris: b,
    galat: galat === 1,
    ...(angka === 1 ? { rekeningAngka: true as const } : {}),
    values: JSON.parse(nilai) as StagedRow['values'],
  }));
}

/** How many rows the preview staged (0 when its table is gone: a restore, a restart). */
export function stagedRowCount(db: Database, id: string): number {
  const table = tableOf(id);
  return tableExists(db, table) ? (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
}

/**
 * A staged row's field as the claim line stores it, in SQL as newClaimLineFrom does in TypeScript:
 * a number for a numeric field, non-empty text for the others, else NULL.
 */
const lineValue = (key: string, column: string) =>
  CLAIM_NUMERIC_FIELDS.has(key)
    ? `CASE WHEN typeof(${column}) IN ('integer', 'real') THEN ${column} END`
    : `CASE WHEN typeof(${column}) = 'text' AND ${column} <> '' THEN ${column} END`;
const LINE_COLUMNS = BANK_CLAIM_LINE_KEYS.map((k) => CLAIM_LINE_COLUMNS[k].column);
const LINE_VALUES = BANK_CLAIM_LINE_KEYS.map((k) => (k === 'nomorBaris' ? 'baris' : lineValue(k, CLAIM_LINE_COLUMNS[k].column)));

/**
 * Writes a draft claim whose lines are the staged rows the commit's check left valid, with one
 * `INSERT … SELECT` instead of a JavaScript object and an insert per line. `refused`: the rows the
 * check refused (besides those the parse refused); `corrected`: the account numbers the check
 * read as a loan's own (leading zeros lost). Runs in the caller's transaction (the staged rows'
 * marks are undone with it). Refuses an amount insertClaim would refuse.
 */
export function insertClaimFromStaging(
  db: Database,
  claim: Parameters<typeof insertClaimHeader>[1] & { stagingId: string; refused: readonly number[]; corrected: readonly { baris: number; nomorRekening: string }[] },
): { tagihanId: number; totalDiklaim: number; lines: number } {
  return db.transaction(() => {
    const table = tableOf(claim.stagingId);
    db.prepare(`UPDATE ${table} SET galat = 1 WHERE baris IN (SELECT value FROM json_each(?))`).run(JSON.stringify(claim.refused));
    const correct = db.prepare(`UPDATE ${table} SET nomor_rekening = ? WHERE baris = ?`);
    for (const c of claim.corrected) correct.run(c.nomorRekening, c.baris);
    const sum = db
      .prepare(
        `SELECT count(*) AS lines, coalesce(sum(diklaim), 0) AS total,
                min(CASE WHEN typeof(diklaim) NOT IN ('integer', 'real') OR diklaim < 0 OR diklaim > 9007199254740991 OR diklaim <> CAST(diklaim AS INTEGER) THEN baris END) AS bad
         FROM ${table} WHERE galat = 0`,
      )
      .get() as { lines: number; total: number; bad: number | null };
    if (sum.bad !== null) throw new RangeError(`Baris ${sum.bad}: jumlah diklaim tidak sah`);
    if (!Number.isSafeInteger(sum.total)) throw new RangeError('Jumlah total tagihan terlalu besar');
    const tagihanId = insertClaimHeader(db, claim, sum.total);
    db.prepare(
      `INSERT INTO tagihan_baris (tagihan_id, ${LINE_COLUMNS.join(', ')})
       SELECT ?, ${LINE_VALUES.join(', ')} FROM ${table} WHERE galat = 0 ORDER BY baris`,
    ).run(tagihanId);
    return { tagihanId, totalDiklaim: sum.total, lines: sum.lines };
  })();
}

/** Forgets a staged preview and drops its table (in the caller's transaction, if any). */
export function dropStaging(db: Database, id: string): void {
  db.prepare('DELETE FROM impor_staging WHERE id = ?').run(id);
  db.exec(`DROP TABLE IF EXISTS ${tableOf(id)}`);
}

/**
 * Forgets every staged preview: when the runtime opens the database no preview of an earlier
 * run can be committed any more (previews live in the runtime's memory), so what they staged is
 * a crashed or abandoned preview's.
 */
export function dropAllStaging(db: Database): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB ?").pluck().all(`${TABLE_PREFIX}*`) as string[];
  db.transaction(() => {
    // Only names a preview's table can have (impor_staging_ and 32 hex digits) are dropped.
    for (const t of tables) if (/^impor_staging_[0-9a-f]{32}$/.test(t)) db.exec(`DROP TABLE ${t}`);
    db.prepare('DELETE FROM impor_staging').run();
  })();
}

// The claim import's checks as set-based SQL over the staged rows (electron/services/imports/claim-check.ts
// words the messages): the periods not yet begun, and the rows whose account is no loan of the bank
// exactly — one pass of the staged table through the bank's unique (bank_id, nomor_rekening) index,
// instead of every account collected, sent as JSON and looked up again row by row in JavaScript.
// Only the rows with a problem come back (a clean claim: none).

/** Rows the parse left valid whose period (text, YYYY-MM) is after `bulanIni`, in file order. */
export function stagedFuturePeriods(db: Database, id: string, bulanIni: string): { baris: number; periode: string }[] {
  return db.prepare(`SELECT baris, periode FROM ${tableOf(id)} WHERE galat = 0 AND typeof(periode) = 'text' AND periode > ? ORDER BY baris`).all(bulanIni) as {
    baris: number;
    periode: string;
  }[];
}

export interface StagedAccounts {
  /** Rows with an account number (text), valid or not. */
  withAccount: number;
  /** Those whose account is no loan of the bank exactly, in file order. */
  missing: { baris: number; nomorRekening: string; galat: boolean }[];
}

/**
 * The staged rows' accounts against the bank's loans, exactly. The staged column has no affinity
 * and pinjaman.nomor_rekening TEXT: the comparison takes TEXT affinity, so it goes through the
 * bank's unique index (one seek per row; EXPLAIN QUERY PLAN checked in the test).
 */
export function stagedAccountsNotInBank(db: Database, id: string, bankId: number | null): StagedAccounts {
  const table = tableOf(id);
  const withAccount = (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE typeof(nomor_rekening) = 'text'`).get() as { n: number }).n;
  const missing = db
    .prepare(
      `SELECT t.baris, t.nomor_rekening AS nomorRekening, t.galat FROM ${table} t
       WHERE typeof(t.nomor_rekening) = 'text'
         AND NOT EXISTS (SELECT 1 FROM pinjaman p WHERE p.bank_id = ? AND p.nomor_rekening = t.nomor_rekening)
       ORDER BY t.baris`,
    )
    .all(bankId ?? -1) as { baris: number; nomorRekening: string; galat: number }[];
  return { withAccount, missing: missing.map((m) => ({ baris: m.baris, nomorRekening: m.nomorRekening, galat: m.galat === 1 })) };
}

/** The query plan of the exact lookup (for the test that it uses the bank's index). */
export function stagedAccountsPlan(db: Database, id: string): string[] {
  return (
    db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT t.baris FROM ${tableOf(id)} t WHERE typeof(t.nomor_rekening) = 'text'
         AND NOT EXISTS (SELECT 1 FROM pinjaman p WHERE p.bank_id = ? AND p.nomor_rekening = t.nomor_rekening)`,
      )
      .all(1) as { detail: string }[]
  ).map((r) => r.detail);
}

/** A staged claim as its commit counts it: every row, the valid ones, their total claimed and their first and last period. */
export interface StagedClaimTotals {
  rows: number;
  valid: number;
  total: number;
  periodeAwal: string | null;
  periodeAkhir: string | null;
}

/**
 * The staged claim's count, total and periods in one pass of SQL, the rows the commit's check
 * refused (`refused`) left out as the parse's are: what commitJob worked out from every staged
 * row read back into an object (~100,000 of them), with the same rules — a row's amount counts
 * when it is a number (amountOf), its period when it is text (YYYY-MM: byte order is the sort's).
 */
export function stagedClaimTotals(db: Database, id: string, refused: readonly number[]): StagedClaimTotals {
  const r = db
    .prepare(
      `WITH refused(baris) AS (SELECT value FROM json_each(?)),
            v AS (SELECT periode, diklaim FROM ${tableOf(id)} WHERE galat = 0 AND baris NOT IN (SELECT baris FROM refused))
       SELECT (SELECT count(*) FROM ${tableOf(id)}) AS rows, count(*) AS valid,
              coalesce(sum(CASE WHEN typeof(diklaim) IN ('integer', 'real') THEN diklaim ELSE 0 END), 0) AS total,
              min(CASE WHEN typeof(periode) = 'text' THEN periode END) AS periodeAwal,
              max(CASE WHEN typeof(periode) = 'text' THEN periode END) AS periodeAkhir
       FROM v`,
    )
    .get(JSON.stringify(refused)) as StagedClaimTotals;
  return r;
}

/** The staged rows numbered `baris` (a preview's page of rows), in file order, as stagedClaimRows gives them. */
export function stagedClaimRowsAt(db: Database, id: string, baris: readonly number[]): StagedRow[] {
  if (baris.length === 0) return [];
  const select = db.prepare(`SELECT ${CLAIM_ROW_COLUMNS} FROM ${tableOf(id)} WHERE baris IN (SELECT value FROM json_each(?)) ORDER BY baris`).raw(true);
  return (select.all(JSON.stringify(baris)) as (string | number | null)[][]).map(claimRowOf);
}
