import type { Database } from 'better-sqlite3';
import { cachedStatement, containsPattern, pairGroupFloor, pairMatch, pairRows, prefixGlob, SHORT_SEARCH_COUNT_CAP, TRIGRAM_MIN, trigramPhrase } from './sql';
import type { Debtor, Page } from '../../electron/contract';

interface DebtorRow {
  id: number;
  nik: string;
  nama: string;
  jenis_kelamin: 'L' | 'P';
  tanggal_lahir: string;
  nama_usaha: string | null;
  sektor_id: number | null;
  sektor_nama: string | null;
  skala: Debtor['skala'];
  alamat: string | null;
  kecamatan_id: number | null;
  kecamatan_nama: string | null;
  desa: string | null;
  telepon: string | null;
  npwp: string | null;
  nib: string | null;
  aktif: number;
  versi: number;
}

export type DebtorFields = Omit<Debtor, 'id' | 'aktif' | 'sektorNama' | 'kecamatanNama' | 'versi'>;

const SELECT = `
  SELECT d.*, s.nama AS sektor_nama, k.nama AS kecamatan_nama
  FROM debitur d
  LEFT JOIN sektor s ON s.id = d.sektor_id
  LEFT JOIN kecamatan k ON k.id = d.kecamatan_id`;

const toDebtor = (r: DebtorRow): Debtor => ({
  id: r.id,
  nik: r.nik,
  nama: r.nama,
  jenisKelamin: r.jenis_kelamin,
  tanggalLahir: r.tanggal_lahir,
  namaUsaha: r.nama_usaha,
  sektorId: r.sektor_id,
  sektorNama: r.sektor_nama,
  skala: r.skala,
  alamat: r.alamat,
  kecamatanId: r.kecamatan_id,
  kecamatanNama: r.kecamatan_nama,
  desa: r.desa,
  telepon: r.telepon,
  npwp: r.npwp,
  nib: r.nib,
  aktif: r.aktif === 1,
  versi: r.versi,
});

export interface DebtorQuery {
  search?: string | undefined;
  includeInactive?: boolean | undefined;
  kecamatanId?: number | undefined;
  page: number;
  pageSize: number;
}

/**
 * Account numbers (nomor_rekening) starting with `@prefix`, through the (bank_id, nomor_rekening)
 * index: `bank_id IN (SELECT id FROM bank)` turns one prefix range into one per bank.
 */
const ACCOUNT_PREFIX_DEBTORS = `d.id IN (SELECT debitur_id FROM pinjaman WHERE bank_id IN (SELECT id FROM bank) AND nomor_rekening GLOB @prefix)`;

/**
 * One page of debtors. A search of digits matches the NIK or the account number of one of the
 * debtor's loans by prefix (both through indexes, so it answers at once at 100,000 debtors);
 * other text matches name or business name anywhere, or an account number by prefix. Text of 3
 * or more characters is found through the trigram index (case and accents ignored); 1–2
 * characters are matched as LIKE matches them (ASCII case ignored) and counted up to
 * SHORT_SEARCH_COUNT_CAP: 2 characters through the pair index (pairPage), 1 character by walking
 * the name index.
 */
/** How a 2-character search reads (pairPage); the defaults are the app's, tests make them small to run every way. */
export interface PairReading {
  groupRead?: number;
}

export function listDebtors(db: Database, q: DebtorQuery, reading: PairReading = {}): Page<Debtor> {
  const search = q.search?.trim() ?? '';
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (!q.includeInactive) where.push('d.aktif = 1');
  if (q.kecamatanId) {
    where.push('d.kecamatan_id = @kecamatanId');
    params.kecamatanId = q.kecamatanId;
  }
  const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
  if (search && !/^\d+$/.test(search) && [...search].length >= TRIGRAM_MIN) {
    where.push(
      `d.id IN (SELECT rowid FROM debitur_cari WHERE debitur_cari MATCH @phrase
                UNION ALL SELECT debitur_id FROM pinjaman WHERE bank_id IN (SELECT id FROM bank) AND nomor_rekening GLOB @prefix)`,
    );
    params.phrase = trigramPhrase(search);
    params.prefix = prefixGlob(search);
    return searchPage(db, where, params, q, page);
  }
  const short = search !== '' && !/^\d+$/.test(search);
  if (short && [...search].length === 2 && !search.includes('\u0001')) {
    const paged = pairPage(db, search, where, params, q, page, { groupRead: PAIR_GROUP_READ, ...reading });
    if (paged) return paged;
  }
  if (/^\d+$/.test(search)) {
    where.push(`(d.nik GLOB @prefix OR ${ACCOUNT_PREFIX_DEBTORS})`);
    params.prefix = prefixGlob(search);
  } else if (short) {
    where.push(`(d.nama LIKE @like ESCAPE '\\' OR d.nama_usaha LIKE @like ESCAPE '\\' OR ${ACCOUNT_PREFIX_DEBTORS})`);
    params.like = containsPattern(search);
    params.prefix = prefixGlob(search);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  if (short) {
    // The matching ids, up to one past the cap (read in the table's order, stopping there). Up to
    // the cap they are all the matches: counted and paged from them, the debtors read once.
    const ids = db
      .prepare<[Record<string, unknown>], { id: number }>(`SELECT d.id FROM debitur d ${whereSql} LIMIT @countCap`)
      .all({ ...params, countCap: SHORT_SEARCH_COUNT_CAP + 1 })
      .map((r) => r.id);
    if (ids.length <= SHORT_SEARCH_COUNT_CAP) {
      const rows = db
        .prepare<[Record<string, unknown>], DebtorRow>(
          `${SELECT} WHERE d.id IN (SELECT value FROM json_each(@ids)) ORDER BY d.nama COLLATE NOCASE, d.id LIMIT @limit OFFSET @offset`,
        )
        .all({ ids: JSON.stringify(ids), ...page });
      return { rows: rows.map(toDebtor), total: ids.length, page: q.page, pageSize: q.pageSize };
    }
  }
  // The page walks the name index (debitur_nama, or debitur_kecamatan_nama for one kecamatan) and
  // stops at its last row: a common 1–2 characters (past the cap) fill it within a few hundred debtors.
  const rows = db
    .prepare<[Record<string, unknown>], DebtorRow>(`${SELECT} ${whereSql} ORDER BY d.nama COLLATE NOCASE, d.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, ...page });
  if (short) return { rows: rows.map(toDebtor), total: SHORT_SEARCH_COUNT_CAP, totalCapped: true, page: q.page, pageSize: q.pageSize };
  // A page that is not full holds the last match: the count is known without counting.
  const total =
    rows.length < page.limit && (rows.length > 0 || page.offset === 0)
      ? page.offset + rows.length
      : db.prepare<[Record<string, unknown>], { n: number }>(`SELECT count(*) AS n FROM debitur d ${whereSql}`).get(params)!.n;
  return { rows: rows.map(toDebtor), total, page: q.page, pageSize: q.pageSize };
}

/** A debitur_pasangan rowid: the name's group (its first 4 bytes) above these bits, the debtor's id in them (migration debtor_pairs). */
const PAIR_ID_BITS = 31;

/**
 * How many matches of the page's last name group are read from the pair index before the rest of
 * that group is walked by name instead: a group is the names sharing their first 4 bytes, and one
 * can be large ("Wahyu …": 18,217 debtors at 1,000,000, all matching "yu").
 */
const PAIR_GROUP_READ = 1_000;

/**
 * With a kecamatan, a pair whose index rows number more than this share of all debtors is walked
 * in the kecamatan's name order instead (pairPage). 1,000,000 debtors, one kecamatan: "ka" (20 %)
 * 29 ms by the walk; "yu" (5 %, its names late in the order) 204 ms by the walk, 28 by the index.
 */
const KECAMATAN_DENSE = 0.15;

/**
 * One page of a 2-character search through the pair index (migration debtor_pairs), the same rows,
 * order and count as LIKE on the name and business name or an account number by prefix. The pair's
 * debtors come from FTS5 grouped by the start of their name, groups in name order; they are read,
 * filtered like the list (aktif, kecamatan) from the narrow index debitur_urut, until the count
 * passes the cap and the page's last row's group is complete: every debtor before it in name order
 * is then among those read. Those and the account matches are sorted exactly, and the page taken.
 * So "me" at 1,000,000 debtors reads ~1,000 of its 15,019, not half the name index. When the
 * page's last group holds more than `groupRead` matches, the page's part of it is instead walked
 * by name from the group's lowest name (it is dense in matches: those read are).
 * Undefined (the caller walks the name index) when more than the cap match by account number.
 */
function pairPage(
  db: Database,
  search: string,
  where: string[],
  params: Record<string, unknown>,
  q: DebtorQuery,
  page: { limit: number; offset: number },
  { groupRead }: Required<PairReading>,
): Page<Debtor> | undefined {
  const filter = where.length ? `AND ${where.join(' AND ')}` : '';
  const byAccount = db
    .prepare<[Record<string, unknown>], { id: number }>(`SELECT d.id FROM debitur d INDEXED BY debitur_urut WHERE ${ACCOUNT_PREFIX_DEBTORS} ${filter} LIMIT @countCap`)
    .all({ ...params, prefix: prefixGlob(search), countCap: SHORT_SEARCH_COUNT_CAP + 1 })
    .map((r) => r.id);
  if (byAccount.length > SHORT_SEARCH_COUNT_CAP) return undefined;
  const found = new Set<number>();
  let complete = true;
  const need = page.offset + page.limit;
  // With a kecamatan, most of the pair's matches are elsewhere. A pair in more than
  // KECAMATAN_DENSE of all names ("ka", "an") is found at once in the kecamatan's own name order
  // (the caller's walk), while the pair index would read ~20 of its rows per match of the
  // kecamatan. Its debtors are counted from the index's vocabulary (a bound: a debtor holding
  // two of the trigrams counts twice; 15 ms for "an" at 1,000,000, under 3 ms for the others).
  if (q.kecamatanId) {
    const debtors = db.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM debitur').get()!.n ?? 0;
    if (pairRows(db, search, 'debitur_pasangan_kata') > KECAMATAN_DENSE * debtors) return undefined;
  }
  const match = pairMatch(db, search, 'debitur_pasangan_kata');
  // The group of the page's last row, and how many matches came before that group.
  let last: { group: number; before: number } | undefined;
  let current: { group: number; before: number } | undefined;
  const matches = db
    .prepare<[Record<string, unknown>], { grup: number; id: number }>(
      `SELECT p.rowid >> ${PAIR_ID_BITS} AS grup, d.id FROM debitur_pasangan p JOIN debitur d INDEXED BY debitur_urut ON d.id = (p.rowid & ${2 ** PAIR_ID_BITS - 1})
       WHERE debitur_pasangan MATCH @match ${filter} ORDER BY p.rowid`,
    )
    .iterate({ ...params, match });
  for (const m of matches) {
    if (found.size > SHORT_SEARCH_COUNT_CAP && last && (m.grup !== last.group || found.size - last.before >= groupRead)) {
      complete = false;
      if (m.grup === last.group) {
        // The group's first (need − before) matches by name: from the group's start, after every
        // match of the groups before it (the floor can be below them when it lost a cut character).
        const after = db
          .prepare<[string], { nama: string }>(
            `SELECT d.nama FROM debitur d INDEXED BY debitur_urut WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.nama COLLATE NOCASE DESC LIMIT 1`,
          )
          .get(JSON.stringify([...found].slice(0, last.before)));
        const walked = db
          .prepare<[Record<string, unknown>], { id: number }>(
            `SELECT d.id FROM debitur d WHERE d.nama COLLATE NOCASE >= @floor AND d.nama COLLATE NOCASE > @after ${filter}
               AND (d.nama LIKE @like ESCAPE '\\' OR d.nama_usaha LIKE @like ESCAPE '\\')
             ORDER BY d.nama COLLATE NOCASE, d.id LIMIT @rest`,
          )
          .all({ ...params, floor: pairGroupFloor(last.group), after: after?.nama ?? '', like: containsPattern(search), rest: need - last.before });
        for (const w of walked) found.add(w.id);
      }
      break;
    }
    if (m.grup !== current?.group) current = { group: m.grup, before: found.size };
    found.add(m.id);
    if (found.size === need) last = current;
  }
  return sortedPage(db, found, byAccount, complete, q, page);
}

/**
 * The page of a short search from its candidates: `found` (every match when `complete`, else the
 * first ones by name, past the cap) and the account matches, sorted by name on debitur_urut.
 */
function sortedPage(db: Database, found: Set<number>, byAccount: number[], complete: boolean, q: DebtorQuery, page: { limit: number; offset: number }): Page<Debtor> {
  for (const id of byAccount) found.add(id);
  const capped = !complete || found.size > SHORT_SEARCH_COUNT_CAP;
  const hits = db
    .prepare<[Record<string, unknown>], { id: number }>(
      `SELECT d.id FROM debitur d INDEXED BY debitur_urut WHERE d.id IN (SELECT value FROM json_each(@ids)) ORDER BY d.nama COLLATE NOCASE, d.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ids: JSON.stringify([...found]), ...page });
  const rows = hits.length
    ? db.prepare<[string], DebtorRow>(`${SELECT} WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.nama COLLATE NOCASE, d.id`).all(JSON.stringify(hits.map((h) => h.id)))
    : [];
  return capped
    ? { rows: rows.map(toDebtor), total: SHORT_SEARCH_COUNT_CAP, totalCapped: true, page: q.page, pageSize: q.pageSize }
    : { rows: rows.map(toDebtor), total: found.size, page: q.page, pageSize: q.pageSize };
}

/**
 * A page of the trigram search's matches. The matches (thousands for a common part of a name at
 * 1,000,000 debtors) are filtered, counted and sorted in one pass over the narrow debitur_urut
 * index (the count as a window over the same rows), and only the page's rows are read whole.
 */
function searchPage(db: Database, where: string[], params: Record<string, unknown>, q: DebtorQuery, page: { limit: number; offset: number }): Page<Debtor> {
  const whereSql = `WHERE ${where.join(' AND ')}`;
  const hits = db
    .prepare<[Record<string, unknown>], { id: number; n: number }>(
      `SELECT d.id, count(*) OVER () AS n FROM debitur d INDEXED BY debitur_urut ${whereSql}
       ORDER BY d.nama COLLATE NOCASE, d.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, ...page });
  // A page past the last match has no row to carry the count: counted on its own.
  const total = hits[0]?.n ?? db.prepare<[Record<string, unknown>], { n: number }>(`SELECT count(*) AS n FROM debitur d INDEXED BY debitur_urut ${whereSql}`).get(params)!.n;
  const rows = hits.length
    ? db.prepare<[string], DebtorRow>(`${SELECT} WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.nama COLLATE NOCASE, d.id`).all(JSON.stringify(hits.map((h) => h.id)))
    : [];
  return { rows: rows.map(toDebtor), total, page: q.page, pageSize: q.pageSize };
}

export function getDebtor(db: Database, id: number): Debtor | null {
  const row = db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as DebtorRow | undefined;
  return row ? toDebtor(row) : null;
}

/** The debtors holding these NIKs, by NIK (one query for a whole import file). */
export function debtorsByNik(db: Database, niks: string[]): Map<string, Debtor> {
  if (niks.length === 0) return new Map();
  const rows = db.prepare(`${SELECT} WHERE d.nik IN (SELECT value FROM json_each(?))`).all(JSON.stringify(niks)) as DebtorRow[];
  return new Map(rows.map((r) => [r.nik, toDebtor(r)]));
}

export function findDebtorByNik(db: Database, nik: string): { id: number; nama: string } | null {
  return (db.prepare('SELECT id, nama FROM debitur WHERE nik = ?').get(nik) as { id: number; nama: string } | undefined) ?? null;
}

const params = (f: DebtorFields) => ({
  nik: f.nik,
  nama: f.nama,
  jenis_kelamin: f.jenisKelamin,
  tanggal_lahir: f.tanggalLahir,
  nama_usaha: f.namaUsaha,
  sektor_id: f.sektorId,
  skala: f.skala,
  alamat: f.alamat,
  kecamatan_id: f.kecamatanId,
  desa: f.desa,
  telepon: f.telepon,
  npwp: f.npwp,
  nib: f.nib,
});

export function insertDebtor(db: Database, f: DebtorFields): number {
  const info = cachedStatement(
    db,
    `INSERT INTO debitur (nik, nama, jenis_kelamin, tanggal_lahir, nama_usaha, sektor_id, skala, alamat,
         kecamatan_id, desa, telepon, npwp, nib)
       VALUES (@nik, @nama, @jenis_kelamin, @tanggal_lahir, @nama_usaha, @sektor_id, @skala, @alamat,
         @kecamatan_id, @desa, @telepon, @npwp, @nib)`,
  ).run(params(f));
  return Number(info.lastInsertRowid);
}

export function updateDebtor(db: Database, id: number, f: DebtorFields): void {
  db.prepare(
    `UPDATE debitur SET nik = @nik, nama = @nama, jenis_kelamin = @jenis_kelamin, tanggal_lahir = @tanggal_lahir,
       nama_usaha = @nama_usaha, sektor_id = @sektor_id, skala = @skala, alamat = @alamat,
       kecamatan_id = @kecamatan_id, desa = @desa, telepon = @telepon, npwp = @npwp, nib = @nib,
       diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = @id`,
  ).run({ ...params(f), id });
}

export function setDebtorActive(db: Database, id: number, aktif: boolean): void {
  db.prepare(`UPDATE debitur SET aktif = ?, diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`).run(aktif ? 1 : 0, id);
}

export function countDebtors(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM debitur').get() as { n: number }).n;
}
