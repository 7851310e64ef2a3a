/**
 * The audit trail: an append-only hash chain.
 *
 * Every entry carries the hash of the entry before it (`prev_hash`; the first entry links to
 * GENESIS) and its own `hash` = sha256 over a canonical serialisation of its columns and
 * prev_hash. Changing, deleting or reordering entries behind the app's back breaks the chain;
 * `verifyAudit` walks it and names the first broken link. The end of the chain (last id and
 * hash) is also kept in `audit_chain`, so that deleting the last entries is noticed too.
 */
import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { AuditFacets, AuditRow, AuditVerifyResult, Page } from '../../electron/contract';
import { containsPattern } from './sql';

export interface AuditEntry {
  user: string;
  action: 'buat' | 'ubah' | 'nonaktifkan' | 'aktifkan' | 'impor' | 'hapus' | 'pulihkan';
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
  /** Where the change came from; left out, the connection's origin source says it (setAuditOrigin). */
  origin?: string | null;
}

/**
 * Where the call in progress comes from, per connection: the runtime registers its transport's
 * origin here (the database layer may not reach into the services), so every entry names the PC
 * as well as the user without each writer passing it.
 */
const originSources = new WeakMap<Database, () => string | null>();
export function setAuditOrigin(db: Database, source: () => string | null): void {
  originSources.set(db, source);
}

/** What the first entry links to. */
export const GENESIS = '0'.repeat(64);

/** Bump only together with a migration that re-chains the trail: old hashes would no longer verify. */
export const HASH_FORMAT = 'gerbang-serasan/audit/1';

/** An audit_log row as stored. */
export interface AuditLogRow {
  id: number;
  waktu: string;
  pengguna: string;
  aksi: string;
  entitas: string;
  entitas_id: number | null;
  sebelum: string | null;
  sesudah: string | null;
  prev_hash: string | null;
  hash: string | null;
  /** Added by 0024_office_network.sql; null on entries written before and by trusted local callers. */
  asal?: string | null;
}

type Hashed = Omit<AuditLogRow, 'hash'>;

/**
 * The exact text that is hashed: a JSON array of the format tag and the columns in a fixed
 * order. before/after are hashed as the stored JSON text (never re-serialised), so the hash does
 * not depend on how a JavaScript engine orders or spaces an object.
 */
export function canonicalAudit(row: Hashed): string {
  const base = [HASH_FORMAT, row.id, row.waktu, row.pengguna, row.aksi, row.entitas, row.entitas_id, row.sebelum, row.sesudah, row.prev_hash];
  // The origin is hashed only when there is one: entries without it hash as they always did.
  return JSON.stringify(row.asal == null ? base : [...base, row.asal]);
}

export function auditHash(row: Hashed): string {
  return createHash('sha256').update(canonicalAudit(row), 'utf8').digest('hex');
}

/** Statements of the write path, prepared once per connection (an import appends thousands of entries). */
const prepared = new WeakMap<Database, Map<string, Statement>>();
function stmt(db: Database, sql: string): Statement {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}

interface ChainState {
  ujung_id: number | null;
  ujung_hash: string | null;
  legacy_sampai: number | null;
}

function chainState(db: Database): ChainState {
  const row = stmt(db, 'SELECT ujung_id, ujung_hash, legacy_sampai FROM audit_chain WHERE id = 1').get() as ChainState | undefined;
  return row ?? { ujung_id: null, ujung_hash: null, legacy_sampai: null };
}

function setChainEnd(db: Database, id: number, hash: string): void {
  stmt(
    db,
    `INSERT INTO audit_chain (id, ujung_id, ujung_hash) VALUES (1, @id, @hash)
     ON CONFLICT (id) DO UPDATE SET ujung_id = excluded.ujung_id, ujung_hash = excluded.ujung_hash`,
  ).run({ id, hash });
}

/**
 * Seals the entries written before the chain existed (migration 0005), once: in id order from
 * GENESIS, in one transaction. Runs when the database is opened; appendAudit and verifyAudit
 * call it too, so no entry is ever written after an unsealed one. Afterwards it does nothing:
 * an entry without a hash is then a break, never sealed again.
 */
export function sealLegacyAudit(db: Database): number {
  const { legacy_sampai: until } = chainState(db);
  if (until === null) return 0;
  return db.transaction(() => {
    const batch = db.prepare('SELECT * FROM audit_log WHERE id > ? AND id <= ? ORDER BY id LIMIT 1000');
    const seal = db.prepare('UPDATE audit_log SET prev_hash = @prev_hash, hash = @hash WHERE id = @id');
    let prev = GENESIS;
    let lastId = 0;
    let sealed = 0;
    for (;;) {
      const rows = batch.all(lastId, until) as AuditLogRow[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const hash = auditHash({ ...row, prev_hash: prev });
        seal.run({ id: row.id, prev_hash: prev, hash });
        prev = hash;
        lastId = row.id;
        sealed++;
      }
    }
    if (sealed > 0) setChainEnd(db, lastId, prev);
    db.prepare('UPDATE audit_chain SET legacy_sampai = NULL WHERE id = 1').run();
    return sealed;
  })();
}

/**
 * Appends to the audit trail. Call it inside the same transaction as the change it records:
 * reading the end of the chain and writing the new entry then happen under SQLite's single
 * writer, so two changes can never link to the same predecessor (the chain cannot fork).
 */
export function appendAudit(db: Database, entry: AuditEntry): void {
  // A savepoint inside the caller's transaction; its own transaction if called outside one.
  db.transaction(() => {
    if (chainState(db).legacy_sampai !== null) sealLegacyAudit(db);
    const { ujung_id, ujung_hash } = chainState(db);
    const maxId = (stmt(db, 'SELECT max(id) AS id FROM audit_log').get() as { id: number | null }).id ?? 0;
    const row: Hashed = {
      // Never reuse the id of an entry deleted from the end: the gap stays visible.
      id: Math.max(maxId, ujung_id ?? 0) + 1,
      waktu: new Date().toISOString(),
      pengguna: entry.user,
      aksi: entry.action,
      entitas: entry.entity,
      entitas_id: entry.entityId,
      sebelum: entry.before === undefined ? null : JSON.stringify(entry.before),
      sesudah: entry.after === undefined ? null : JSON.stringify(entry.after),
      // The recorded end of the chain, not merely the last row: if entries were cut off the end,
      // the new one still links to the lost one and verify reports the gap.
      prev_hash: ujung_hash ?? GENESIS,
      asal: entry.origin !== undefined ? entry.origin : (originSources.get(db)?.() ?? null),
    };
    const hash = auditHash(row);
    stmt(
      db,
      `INSERT INTO audit_log (id, waktu, pengguna, aksi, entitas, entitas_id, sebelum, sesudah, prev_hash, hash, asal)
       VALUES (@id, @waktu, @pengguna, @aksi, @entitas, @entitas_id, @sebelum, @sesudah, @prev_hash, @hash, @asal)`,
    ).run({ ...row, hash });
    setChainEnd(db, row.id, hash);
  })();
}

// ---------------------------------------------------------------------------
// Verifying
// ---------------------------------------------------------------------------

const range = (from: number, to: number) => (from === to ? `no. ${from}` : `no. ${from}–${to}`);

/**
 * Walks the whole trail in id order and checks each link and each hash; stops at the first
 * break and says, in Indonesian, what it looks like. Reads in one snapshot, streaming, so a
 * large trail needs little memory.
 */
export function verifyAudit(db: Database): AuditVerifyResult {
  // A dropped table is tampering too, said as such (not a raw SQLite error).
  const gone = (['audit_log', 'audit_chain'] as const).find((t) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) === undefined);
  if (gone) {
    const what = gone === 'audit_log' ? 'Tabel jejak audit (audit_log)' : 'Tabel ujung jejak (audit_chain)';
    return {
      ok: false,
      checked: 0,
      firstBroken: { id: null, reason: `${what} hilang (dihapus di luar aplikasi): jejak audit tidak dapat dipercaya.` },
      ujungId: null,
      ujungHash: null,
    };
  }
  if (chainState(db).legacy_sampai !== null) sealLegacyAudit(db);
  return db
    .transaction((): AuditVerifyResult => {
      // The migration writes this row once and the app only ever updates it: missing is tampering.
      const hasChainRow = stmt(db, 'SELECT 1 FROM audit_chain WHERE id = 1').get() !== undefined;
      const chain = chainState(db);
      const end = { ujungId: chain.ujung_id, ujungHash: chain.ujung_hash };
      let checked = 0;
      let prev: AuditLogRow | null = null;
      // Found while streaming; explained after, since the connection is busy while it streams.
      let problem: { kind: 'unsealed' | 'link' | 'content'; row: AuditLogRow } | null = null;
      for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditLogRow>) {
        if (row.hash === null || row.prev_hash === null) problem = { kind: 'unsealed', row };
        else if (row.prev_hash !== (prev ? prev.hash : GENESIS)) problem = { kind: 'link', row };
        else if (auditHash(row) !== row.hash) problem = { kind: 'content', row };
        if (problem) break;
        checked++;
        prev = row;
      }

      const broken = (id: number | null, reason: string): AuditVerifyResult => ({ ok: false, checked, firstBroken: { id, reason }, ...end });
      if (problem) {
        const { row } = problem;
        if (problem.kind === 'unsealed') return broken(row.id, 'Entri ini tidak bersegel (tanpa hash): ditambahkan atau diubah di luar aplikasi.');
        if (problem.kind === 'content') return broken(row.id, 'Isi entri ini diubah sesudah dicatat: hash-nya tidak cocok lagi dengan isinya.');
        // A broken link: where does the entry this one was chained to live now?
        const original = db.prepare('SELECT id FROM audit_log WHERE hash = ? AND id <> ? ORDER BY id LIMIT 1').get(row.prev_hash, row.id) as { id: number } | undefined;
        const after = prev ? `entri no. ${prev.id}` : 'awal jejak';
        if (original) {
          return broken(row.id, `Urutan entri diubah: entri ini dicatat sesudah entri no. ${original.id}, tetapi kini berada sesudah ${after}.`);
        }
        if (!prev) {
          return row.id > 1
            ? broken(row.id, `Entri ${range(1, row.id - 1)} di awal jejak hilang (dihapus).`)
            : broken(row.id, 'Entri pertama tidak tersambung ke awal jejak: entri sebelumnya dihapus atau entri ini diubah.');
        }
        if (row.id > prev.id + 1) return broken(row.id, `Entri ${range(prev.id + 1, row.id - 1)} sebelum entri ini hilang (dihapus).`);
        return broken(
          row.id,
          `Entri ini tidak tersambung ke entri no. ${prev.id}: ada entri yang dihapus di antaranya, atau entri no. ${prev.id} diubah lalu hash-nya dihitung ulang.`,
        );
      }

      // The whole chain holds; does it end where the app last wrote?
      if (chain.ujung_id !== null && (prev?.id !== chain.ujung_id || prev.hash !== chain.ujung_hash)) {
        if (!prev || prev.id < chain.ujung_id) {
          return broken(
            chain.ujung_id,
            `Entri terakhir hilang (dihapus): jejak seharusnya berakhir pada entri no. ${chain.ujung_id}${prev ? `, kini berakhir pada entri no. ${prev.id}` : ', kini kosong'}.`,
          );
        }
        return broken(
          prev.id,
          `Jejak kini berakhir pada entri no. ${prev.id}, padahal aplikasi terakhir mencatat entri no. ${chain.ujung_id}: ada entri yang ditambahkan atau ujung jejak diubah di luar aplikasi.`,
        );
      }
      if (!hasChainRow) return broken(null, 'Catatan ujung jejak (audit_chain) hilang: jejak diubah di luar aplikasi.');
      if (chain.ujung_id === null && prev) {
        return broken(prev.id, 'Catatan ujung jejak hilang: jejak diubah di luar aplikasi.');
      }
      // An intact chain may still be a short one: every money record must have its trail.
      const untraced = untracedMoney(db);
      if (untraced) {
        const sample = untraced.ids.slice(0, 5).join(', ');
        return broken(
          null,
          `${untraced.count} ${MONEY_LABEL[untraced.kind]} tanpa jejak audit (nomor data ${sample}${untraced.count > 5 ? ', …' : ''}): entrinya dihapus dari jejak, atau data itu ditulis di luar aplikasi.`,
        );
      }
      return { ok: true, checked, ...end };
    })
    .deferred();
}

type MoneyKind = 'pinjaman' | 'tagihan' | 'pembayaran' | 'pembayaran_premi' | 'koreksi';
const MONEY_LABEL: Record<MoneyKind, string> = {
  pinjaman: 'pinjaman',
  tagihan: 'tagihan bank',
  pembayaran: 'pembayaran subsidi (SP2D)',
  pembayaran_premi: 'pembayaran premi (SP2D)',
  koreksi: 'koreksi setelah pembayaran',
};

/**
 * The money records that no audit entry names, by kind (the first kind found, up to a sample):
 * a loan by its own entries; a claim by its own entries, its import's entry or its direct
 * payment's entry (both carry `tagihanId`); an SP2D and a correction after payment by its own entry.
 */
export function untracedMoney(db: Database): { kind: MoneyKind; count: number; ids: number[] } | null {
  const queries: Record<MoneyKind, string> = {
    pinjaman: `SELECT p.id FROM pinjaman p WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entitas = 'pinjaman' AND a.entitas_id = p.id) ORDER BY p.id`,
    tagihan: `WITH ditelusuri (id) AS (
                SELECT entitas_id FROM audit_log WHERE entitas = 'tagihan'
                UNION SELECT json_extract(sesudah, '$.tagihanId') FROM audit_log
                  WHERE entitas IN ('impor_berkas', 'pembayaran') AND json_valid(sesudah))
              SELECT t.id FROM tagihan t WHERE t.id NOT IN (SELECT id FROM ditelusuri WHERE id IS NOT NULL) ORDER BY t.id`,
    pembayaran: `SELECT b.id FROM pembayaran b WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entitas = 'pembayaran' AND a.entitas_id = b.id) ORDER BY b.id`,
    pembayaran_premi: `SELECT b.id FROM pembayaran_premi b WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entitas = 'pembayaran_premi' AND a.entitas_id = b.id) ORDER BY b.id`,
    koreksi: `SELECT k.id FROM koreksi k WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entitas = 'koreksi' AND a.entitas_id = k.id) ORDER BY k.id`,
  };
  for (const kind of Object.keys(queries) as MoneyKind[]) {
    const ids = (db.prepare(queries[kind]).all() as { id: number }[]).map((r) => r.id);
    if (ids.length > 0) return { kind, count: ids.length, ids: ids.slice(0, 5) };
  }
  return null;
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

export interface AuditQuery {
  id?: number | undefined;
  entitas?: string | undefined;
  entitasId?: number | undefined;
  pengguna?: string | undefined;
  aksi?: string | undefined;
  /** ISO instants: from (included) and until (excluded). */
  sejak?: string | undefined;
  sebelum?: string | undefined;
  search?: string | undefined;
}

function whereOf(q: AuditQuery): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.id !== undefined) {
    where.push('id = @id');
    params.id = q.id;
  }
  if (q.entitas) {
    where.push('entitas = @entitas');
    params.entitas = q.entitas;
  }
  if (q.entitasId !== undefined) {
    where.push('entitas_id = @entitasId');
    params.entitasId = q.entitasId;
  }
  if (q.pengguna) {
    where.push('pengguna = @pengguna');
    params.pengguna = q.pengguna;
  }
  if (q.aksi) {
    where.push('aksi = @aksi');
    params.aksi = q.aksi;
  }
  if (q.sejak) {
    where.push('waktu >= @sejak');
    params.sejak = q.sejak;
  }
  if (q.sebelum) {
    where.push('waktu < @sebelum');
    params.sebelum = q.sebelum;
  }
  const search = q.search?.trim();
  if (search) {
    const text = ['pengguna', 'entitas', 'aksi', 'sebelum', 'sesudah'].map((c) => `${c} LIKE @like ESCAPE '\\'`);
    if (/^\d{1,15}$/.test(search)) {
      text.push('id = @number', 'entitas_id = @number');
      params.number = Number(search);
    }
    where.push(`(${text.join(' OR ')})`);
    params.like = containsPattern(search);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Only an edit behind the app's back gets here; show what is there.
    return text;
  }
}

export function toAuditRow(r: AuditLogRow): AuditRow {
  return {
    id: r.id,
    waktu: r.waktu,
    pengguna: r.pengguna,
    asal: r.asal ?? null,
    aksi: r.aksi,
    entitas: r.entitas,
    entitasId: r.entitas_id,
    sebelum: parseJson(r.sebelum),
    sesudah: parseJson(r.sesudah),
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}

/** One page of the trail, newest first. */
export function listAudit(db: Database, q: AuditQuery & { page: number; pageSize: number }): Page<AuditRow> {
  const { sql, params } = whereOf(q);
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${sql}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM audit_log ${sql} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as AuditLogRow[];
  return { rows: rows.map(toAuditRow), total, page: q.page, pageSize: q.pageSize };
}

/** Every entry the filters select, oldest first, one at a time (for the export). */
export function* eachAudit(db: Database, q: AuditQuery): Generator<AuditLogRow> {
  const { sql, params } = whereOf(q);
  yield* db.prepare(`SELECT * FROM audit_log ${sql} ORDER BY id`).iterate(params) as IterableIterator<AuditLogRow>;
}

export function auditFacets(db: Database): AuditFacets {
  const distinct = (column: 'entitas' | 'pengguna') =>
    (db.prepare(`SELECT DISTINCT ${column} AS v FROM audit_log ORDER BY ${column} COLLATE NOCASE`).all() as { v: string }[]).map((r) => r.v);
  return { entitas: distinct('entitas'), pengguna: distinct('pengguna') };
}
