import type { Database, Statement } from 'better-sqlite3';
import { cachedStatement, containsPattern, pairMatch, pairRows, prefixGlob, SHORT_SEARCH_COUNT_CAP, TRIGRAM_MIN, trigramPhrase } from './sql';
import type { BankPosition, InsuranceClaim, Loan, Page, Restructuring, StatusPinjaman } from '../../electron/contract';

interface LoanRow {
  id: number;
  debitur_id: number;
  debitur_nama: string;
  debitur_nik: string;
  bank_id: number;
  bank_nama: string;
  cabang_id: number | null;
  cabang_nama: string | null;
  skema_id: number;
  skema_kode: string;
  metode_bunga: Loan['metodeBunga'];
  nomor_rekening: string;
  nomor_akad: string;
  tanggal_akad: string;
  tanggal_pencairan: string | null;
  plafon: number;
  tenor_bulan: number;
  bunga_bank_persen: string;
  bunga_debitur_persen: string;
  alasan_ubah_bunga: string | null;
  tanggal_angsuran_pertama: string | null;
  status: StatusPinjaman;
  tanggal_lunas: string | null;
  versi: number;
}

export type LoanFields = Pick<
  Loan,
  | 'debiturId'
  | 'bankId'
  | 'cabangId'
  | 'skemaId'
  | 'nomorRekening'
  | 'nomorAkad'
  | 'tanggalAkad'
  | 'tanggalPencairan'
  | 'plafon'
  | 'tenorBulan'
  | 'bungaBankPersen'
  | 'bungaDebiturPersen'
  | 'alasanUbahBunga'
  | 'tanggalAngsuranPertama'
>;

const SELECT = `
  SELECT l.*, d.nama AS debitur_nama, d.nik AS debitur_nik, b.nama AS bank_nama, c.nama AS cabang_nama,
         s.kode AS skema_kode, s.metode_bunga AS metode_bunga
  FROM pinjaman l
  JOIN debitur d ON d.id = l.debitur_id
  JOIN bank b ON b.id = l.bank_id
  LEFT JOIN bank_cabang c ON c.id = l.cabang_id
  JOIN skema s ON s.id = l.skema_id`;

const toLoan = (r: LoanRow): Loan => ({
  id: r.id,
  debiturId: r.debitur_id,
  debiturNama: r.debitur_nama,
  debiturNik: r.debitur_nik,
  bankId: r.bank_id,
  bankNama: r.bank_nama,
  cabangId: r.cabang_id,
  cabangNama: r.cabang_nama,
  skemaId: r.skema_id,
  skemaKode: r.skema_kode,
  nomorRekening: r.nomor_rekening,
  nomorAkad: r.nomor_akad,
  tanggalAkad: r.tanggal_akad,
  tanggalPencairan: r.tanggal_pencairan,
  plafon: r.plafon,
  tenorBulan: r.tenor_bulan,
  bungaBankPersen: r.bunga_bank_persen,
  bungaDebiturPersen: r.bunga_debitur_persen,
  alasanUbahBunga: r.alasan_ubah_bunga,
  metodeBunga: r.metode_bunga,
  tanggalAngsuranPertama: r.tanggal_angsuran_pertama,
  status: r.status,
  tanggalLunas: r.tanggal_lunas,
  versi: r.versi,
});

export interface LoanQuery {
  search?: string | undefined;
  bankId?: number | undefined;
  skemaId?: number | undefined;
  debiturId?: number | undefined;
  status?: StatusPinjaman | undefined;
  kol?: number[] | undefined;
  periodePosisi?: string | undefined;
  kecamatanId?: number | undefined;
  page: number;
  pageSize: number;
}

/**
 * `walk`: how many of the newest loans a page is looked for among (below); `pairReading`: how a
 * 2-character search reads (pairLoanIds). Tests make them small.
 */
export function listLoans(db: Database, q: LoanQuery, walk: { min: number; max: number } = { min: WALK_MIN, max: WALK_MAX }, pairReading: LoanPairReading = {}): Page<Loan> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  for (const [key, column] of [
    ['bankId', 'l.bank_id'],
    ['skemaId', 'l.skema_id'],
    ['debiturId', 'l.debitur_id'],
    ['status', 'l.status'],
  ] as const) {
    if (q[key] !== undefined) {
      where.push(`${column} = @${key}`);
      params[key] = q[key];
    }
  }
  if (q.kecamatanId !== undefined) {
    where.push('d.kecamatan_id = @kecamatanId');
    params.kecamatanId = q.kecamatanId;
  }
  // The bank's reports of the month; the latest month when none is named. Written two ways (below):
  // as the list of the month's loans, or as a lookup per loan through the (pinjaman_id, periode) key.
  let kolList: string | null = null;
  let kolLookup: string | null = null;
  let kolCount: string | null = null;
  if (q.kol?.length) {
    const kols = q.kol.map((_, i) => `@kol${i}`).join(', ');
    kolList = `l.id IN (SELECT pinjaman_id FROM posisi_bank WHERE periode = @periodePosisi AND kol IN (${kols}))`;
    kolCount = `SELECT 1 FROM posisi_bank WHERE periode = @periodePosisi AND kol IN (${kols})`;
    kolLookup = `EXISTS (SELECT 1 FROM posisi_bank p WHERE p.pinjaman_id = l.id AND p.periode = @periodePosisi AND p.kol IN (${kols}))`;
    params.periodePosisi = q.periodePosisi ?? db.prepare<[], { p: string | null }>('SELECT max(periode) AS p FROM posisi_bank').get()!.p;
    q.kol.forEach((k, i) => (params[`kol${i}`] = k));
  }
  const search = q.search?.trim();
  // The list's own filters (the search's condition comes next), for the pair search.
  const filters = kolLookup ? [...where, kolLookup] : [...where];
  // 1–2 characters of text: no trigram; counted up to a cap (Page.totalCapped).
  let short = false;
  if (search) {
    // Prefix matches go through indexes: account and agreement numbers through the per-bank unique
    // indexes (`bank_id IN (SELECT id FROM bank)` gives one range per bank), the NIK through its own.
    // One IN per index: SQLite then answers the OR by reading each index (MULTI-INDEX OR).
    const prefixes = `l.id IN (SELECT id FROM pinjaman WHERE bank_id IN (SELECT id FROM bank) AND nomor_rekening GLOB @prefix)
         OR l.id IN (SELECT id FROM pinjaman WHERE bank_id IN (SELECT id FROM bank) AND nomor_akad GLOB @prefix)
         OR l.debitur_id IN (SELECT id FROM debitur WHERE nik GLOB @prefix)`;
    params.prefix = prefixGlob(search);
    if (/^\d+$/.test(search)) {
      // Digits: an account number or a NIK being typed, found at once at 100,000 loans.
      where.push(`(${prefixes})`);
    } else if ([...search].length >= TRIGRAM_MIN) {
      // Words: the debtor's name or business name, or part of the agreement number, anywhere:
      // both through trigram indexes (migrations debtor_search and loan_search), so neither the
      // debtors nor the loans are read whole (nomor_akad LIKE '%…%' read every loan: ~350 ms at 1,000,000).
      where.push(
        `(${prefixes} OR l.id IN (SELECT rowid FROM pinjaman_cari WHERE pinjaman_cari MATCH @phrase)
          OR l.debitur_id IN (SELECT rowid FROM debitur_cari WHERE debitur_cari MATCH @phrase))`,
      );
      params.phrase = trigramPhrase(search);
    } else {
      // 1–2 characters: tested on each loan and its debtor (joined) as they are read, newest
      // first, so the page and the capped count stop early; a list of the matching debtors
      // would read every debtor first.
      where.push(`(${prefixes} OR l.nomor_akad LIKE @like ESCAPE '\\' OR d.nama LIKE @like ESCAPE '\\' OR d.nama_usaha LIKE @like ESCAPE '\\')`);
      params.like = containsPattern(search);
      short = true;
    }
  }
  const whereSql = (kol: string | null) => {
    const all = kol ? [...where, kol] : where;
    return all.length ? `WHERE ${all.join(' AND ')}` : '';
  };
  const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
  const order = 'ORDER BY l.tanggal_akad DESC, l.id DESC LIMIT @limit OFFSET @offset';
  // 1–2 characters: the matching loans' ids, up to one past the cap. Up to the cap they are all
  // the matches, and the page is sorted from them: a rare search reads the loans once, not again
  // for its page. Past the cap the count says "more than" and the page is walked as below.
  let counted: { total: number; totalCapped?: true };
  if (short) {
    // 2 characters through the pair indexes (not a common pair beside a filter: below).
    const pair =
      [...search!].length === 2 && !search!.includes('\u0001')
        ? pairLoanIds(db, search!, filters, q.kecamatanId !== undefined, kolCount, params, page.offset + page.limit, {
            dense: PAIR_DENSE,
            all: PAIR_ALL,
            allFrom: PAIR_ALL_FROM,
            ...pairReading,
          })
        : undefined;
    const ids =
      pair?.ids ??
      db
        .prepare<[Record<string, unknown>], { id: number }>(`SELECT l.id FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id ${whereSql(kolList)} LIMIT @countCap`)
        .all({ ...params, countCap: SHORT_SEARCH_COUNT_CAP + 1 })
        .map((r) => r.id);
    if (ids.length <= SHORT_SEARCH_COUNT_CAP) {
      const rows = db
        .prepare<[Record<string, unknown>], LoanRow>(`${SELECT} WHERE l.id IN (SELECT value FROM json_each(@ids)) ${order}`)
        .all({ ids: JSON.stringify(ids), ...page });
      return { rows: rows.map(toLoan), total: ids.length, page: q.page, pageSize: q.pageSize };
    }
    counted = { total: SHORT_SEARCH_COUNT_CAP, totalCapped: true };
    // Every match known (pairLoanIds): the akad index walked newest first, each loan's id tested
    // against them from the index entry, only the page's loans read.
    if (pair?.all) {
      const rows = db
        .prepare<[Record<string, unknown>], LoanRow>(`${SELECT_BY_AKAD} WHERE l.id IN (SELECT value FROM json_each(@ids)) ${order}`)
        .all({ ids: JSON.stringify(ids), ...page });
      return { rows: rows.map(toLoan), ...counted, page: q.page, pageSize: q.pageSize };
    }
  } else counted = countLoans(db, q, where, kolList, whereSql(kolList), params);
  const total = counted.total;
  // The page, newest akad first. SQLite has no statistics here and takes an equality on an index
  // (a bank, the month's kol) for a handful of rows: at 1,000,000 loans it then read and sorted a
  // bank's 330,000 loans (2.3 s) or kol 1's 716,000 (5.5 s) for 50 rows. So the page is first
  // looked for among the newest loans only (the akad index walked from the top, as many loans as
  // the filter keeps, within WALK_MIN–WALK_MAX): when they hold the whole page, it is the page
  // (the loans past them are all older). Else — a rare filter, or one whose loans are old (kol
  // 3–5: loans in arrears are not the newest) — the filter's own loans are read and sorted.
  // Nothing matches: no page to look for (a rare search of 1–2 characters would read every loan again).
  if (total === 0) return { rows: [], ...counted, page: q.page, pageSize: q.pageSize };
  // A search alone finds its matches through indexes (MULTI-INDEX OR over its IN lists): when they
  // are fewer than the walk's least, reading and sorting them is cheaper than walking the newest
  // loans (one agreement number at 1,000,000 loans: 29 → 3 ms). Not beside another filter (the
  // planner might take that filter's index instead), nor for a capped count (1–2 characters are
  // tested row by row and need the walk).
  const direct = Boolean(search) && where.length === 1 && !kolList && !counted.totalCapped && total <= walk.min;
  if (!direct) {
    // The akad date from which on about that many of the newest loans lie, estimated from the
    // first and last akad (both read from the index at once; counting down the index to the
    // exact loan took 30 ms at 200,000). Any bound is right: the page found above it is checked.
    // How many loans there are, near enough: the highest id (read from the table's b-tree at once;
    // count(*) read a whole index, 7–16 ms at 1,000,000). Deleted loans only make the bound newer.
    const loans = db.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM pinjaman').get()!.n ?? 1;
    const floor = db
      .prepare<[{ bagian: number }], { batas: string | null }>(
        `SELECT CASE WHEN @bagian < 1 THEN date(julianday(akhir) - (julianday(akhir) - julianday(awal)) * @bagian) END AS batas
         FROM (SELECT (SELECT min(tanggal_akad) FROM pinjaman) AS awal, (SELECT max(tanggal_akad) FROM pinjaman) AS akhir)`,
      )
      // A capped count says only "more than": the walk may go to its most (it stops at the page's last row).
      .get({ bagian: (counted.totalCapped ? walk.max : Math.min(walk.max, Math.max(walk.min, total))) / loans })!.batas;
    const bounded = floor ? [...where, 'l.tanggal_akad >= @floorAkad'] : where;
    const conditions = kolLookup ? [...bounded, kolLookup] : bounded;
    const walked = db
      .prepare<[Record<string, unknown>], LoanRow>(`${SELECT_BY_AKAD} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ${order}`)
      .all({ ...params, ...page, ...(floor ? { floorAkad: floor } : {}) });
    // A capped total is not the last match's place: only a full page is known to be the page.
    if (!floor || walked.length === page.limit || (!counted.totalCapped && page.offset + walked.length === total))
      return { rows: walked.map(toLoan), ...counted, page: q.page, pageSize: q.pageSize };
  }
  const rows = db.prepare<[Record<string, unknown>], LoanRow>(`${SELECT} ${whereSql(kolList)} ${order}`).all({ ...params, ...page });
  return { rows: rows.map(toLoan), ...counted, page: q.page, pageSize: q.pageSize };
}

/** A debitur_pasangan rowid holds the debtor's id in its low 31 bits (migration debtor_pairs). */
const DEBTOR_PAIR_ID_MASK = 2 ** 31 - 1;

/**
 * Beside a filter, a pair held by more than this share of the agreement numbers or of the debtors'
 * names ("ak" in every "AKAD/…", "an" in 94 % of the names at 1,000,000) is matched by the walk
 * (listLoans): through the pair index it would read the pair's rows of every other bank, status,
 * kecamatan or kol before 1,001 of the filter's, while the walk finds them among the first thousands.
 */
const PAIR_DENSE = 0.15;

/**
 * Without a filter, a pair matching more than the cap but at most PAIR_ALL loans (by the pair
 * indexes' vocabularies) has all its matches read for a page past the first PAIR_ALL_FROM matches
 * (from the indexes alone: ~15 ms for "me"'s 15,019 at 1,000,000), and that page walks the akad
 * index testing each loan's id against them, reading no other loan (6 ms). Walking the loans
 * themselves newest first reads ~66 per match of "me" (1.5 % of the loans): ~22 ms for page 1,
 * but ~400 ms for page 20. The first pages are walked (the vocabulary's count alone costs 12 ms
 * for a common pair, "ka" in every "AKAD").
 */
const PAIR_ALL = 50_000;
const PAIR_ALL_FROM = 150;

/** How the 2-character loan search reads (pairLoanIds); the defaults are the app's, tests make them small to run every way. */
export interface LoanPairReading {
  dense?: number;
  all?: number;
  allFrom?: number;
}

/**
 * The loans a 2-character search matches (the same as the prefixes OR LIKE on the agreement number,
 * the debtor's name or business name), with the list's filters — read through indexes only: the
 * account and agreement numbers by prefix (the per-bank unique indexes), the agreement numbers
 * holding the pair through pinjaman_pasangan (migration loan_pairs), the debtors whose names hold
 * it through debitur_pasangan (migration debtor_pairs) and their loans through pinjaman_debitur.
 * A pair few loans match ("me": 1.5 % at 1,000,000; "qx": none) no longer reads the loans newest
 * first until 1,001 match (or all of them). The NIK is digits only (CHECK in migration core), so a
 * search holding another character never matches its prefix. `all`: the ids are every match
 * (else they stop one past the cap; every match is read only without a filter, for a page ending
 * past the first `allFrom` matches: PAIR_ALL). Undefined (the caller's walk) beside a filter for a
 * common pair (PAIR_DENSE), or a kol whose loans of the month are fewer than the pair's.
 */
function pairLoanIds(
  db: Database,
  search: string,
  filters: string[],
  joinDebtor: boolean,
  kolCount: string | null,
  params: Record<string, unknown>,
  need: number,
  reading: Required<LoanPairReading>,
): { ids: number[]; all: boolean } | undefined {
  const estimate = () => {
    const { loans, debtors } = db
      .prepare<[], { loans: number | null; debtors: number | null }>('SELECT (SELECT max(id) FROM pinjaman) AS loans, (SELECT max(id) FROM debitur) AS debtors')
      .get()!;
    const akad = pairRows(db, search, 'pinjaman_pasangan_kata');
    const names = akad > reading.dense * (loans ?? 0) ? 0 : pairRows(db, search, 'debitur_pasangan_kata');
    // Loans per debtor scale the names' count into loans.
    return { dense: akad > reading.dense * (loans ?? 0) || names > reading.dense * (debtors ?? 0), rows: akad + (names * (loans ?? 0)) / Math.max(1, debtors ?? 0) };
  };
  if (filters.length) {
    const { dense, rows } = estimate();
    if (dense) return undefined;
    // The month's loans of that kol, counted up to the pair's: when fewer, the walk through them is cheaper.
    if (kolCount && db.prepare<[Record<string, unknown>], { n: number }>(`SELECT count(*) AS n FROM (${kolCount} LIMIT @most)`).get({ ...params, most: Math.ceil(rows) })!.n < rows)
      return undefined;
  }
  const filter = filters.map((f) => `AND ${f}`).join(' ');
  // Each source drives its join (CROSS JOIN keeps the order; the loans by debtor through
  // pinjaman_debitur, not a filter's index such as the bank's). Without a filter no loan or
  // debtor is read: the ids come from the indexes.
  const debtor = joinDebtor ? 'CROSS JOIN debitur d ON d.id = l.debitur_id' : '';
  const sources = filters.length
    ? [
        `SELECT l.id FROM (SELECT id FROM pinjaman WHERE bank_id IN (SELECT id FROM bank) AND nomor_rekening GLOB @prefix) m CROSS JOIN pinjaman l ON l.id = m.id ${debtor} WHERE 1 ${filter}`,
        `SELECT l.id FROM (SELECT id FROM pinjaman WHERE bank_id IN (SELECT id FROM bank) AND nomor_akad GLOB @prefix) m CROSS JOIN pinjaman l ON l.id = m.id ${debtor} WHERE 1 ${filter}`,
        `SELECT l.id FROM pinjaman_pasangan a CROSS JOIN pinjaman l ON l.id = a.rowid ${debtor} WHERE pinjaman_pasangan MATCH @akad ${filter}`,
        joinDebtor
          ? `SELECT l.id FROM debitur_pasangan dp CROSS JOIN debitur d ON d.id = (dp.rowid & ${DEBTOR_PAIR_ID_MASK}) CROSS JOIN pinjaman l INDEXED BY pinjaman_debitur ON l.debitur_id = d.id
             WHERE debitur_pasangan MATCH @nama ${filter}`
          : `SELECT l.id FROM debitur_pasangan dp CROSS JOIN pinjaman l INDEXED BY pinjaman_debitur ON l.debitur_id = (dp.rowid & ${DEBTOR_PAIR_ID_MASK})
             WHERE debitur_pasangan MATCH @nama ${filter}`,
      ]
    : [
        'SELECT id FROM pinjaman WHERE bank_id IN (SELECT id FROM bank) AND nomor_rekening GLOB @prefix',
        'SELECT id FROM pinjaman WHERE bank_id IN (SELECT id FROM bank) AND nomor_akad GLOB @prefix',
        'SELECT rowid AS id FROM pinjaman_pasangan WHERE pinjaman_pasangan MATCH @akad',
        `SELECT l.id FROM debitur_pasangan dp CROSS JOIN pinjaman l INDEXED BY pinjaman_debitur ON l.debitur_id = (dp.rowid & ${DEBTOR_PAIR_ID_MASK}) WHERE debitur_pasangan MATCH @nama`,
      ];
  const values = { ...params, akad: pairMatch(db, search, 'pinjaman_pasangan_kata'), nama: pairMatch(db, search, 'debitur_pasangan_kata') };
  const read = (most: number): { ids: number[]; all: boolean } => {
    const found = new Set<number>();
    for (const sql of sources) {
      for (const r of db.prepare<[Record<string, unknown>], { id: number }>(sql).iterate(values)) {
        found.add(r.id);
        if (found.size > most) return { ids: [...found], all: false };
      }
    }
    return { ids: [...found], all: true };
  };
  const first = read(SHORT_SEARCH_COUNT_CAP);
  if (first.all || filters.length || need <= reading.allFrom) return first;
  // Past the cap without a filter: all of them, when few enough (PAIR_ALL). The names' count is
  // scaled by the average loans per debtor: a read past twice the bound gives up (the walk).
  const { dense, rows } = estimate();
  if (dense || rows > reading.all) return first;
  const every = read(2 * reading.all);
  return every.all ? every : first;
}

/**
 * How many of the newest loans listLoans looks through for a page before it sorts the filter's
 * loans instead: as many as the filter keeps (the sort would read those), at least WALK_MIN (a
 * rare filter costs a few ms more), at most WALK_MAX (~1 s at 1,000,000 loans, in the worst case).
 */
const WALK_MIN = 2_000;
const WALK_MAX = 200_000;

/** SELECT walking pinjaman by its (tanggal_akad, id) index from the newest: a page without reading the rest. */
const SELECT_BY_AKAD = SELECT.replace('FROM pinjaman l', 'FROM pinjaman l INDEXED BY pinjaman_tanggal_akad');

/**
 * How many loans the list's filter selects. Every loan has its debtor (NOT NULL foreign key), so
 * debitur is joined only for a filter on a debtor's column: at 1,000,000 loans the join made the
 * unfiltered count read both tables whole (~100 ms). A filter on kol alone counts the month's
 * positions (one per loan and month: UNIQUE (pinjaman_id, periode)) in their own index instead
 * of looking each up in pinjaman (1.2 s → 50 ms for kol 1).
 */
function countLoans(db: Database, q: LoanQuery, where: string[], kolList: string | null, whereSql: string, params: Record<string, unknown>): { total: number } {
  if (kolList && where.length === 0) {
    const kols = (q.kol ?? []).map((_, i) => `@kol${i}`).join(', ');
    return {
      total: db.prepare<[Record<string, unknown>], { n: number }>(`SELECT count(*) AS n FROM posisi_bank WHERE periode = @periodePosisi AND kol IN (${kols})`).get(params)!.n,
    };
  }
  const from = q.kecamatanId !== undefined ? 'pinjaman l JOIN debitur d ON d.id = l.debitur_id' : 'pinjaman l';
  return { total: db.prepare<[Record<string, unknown>], { n: number }>(`SELECT count(*) AS n FROM ${from} ${whereSql}`).get(params)!.n };
}

export function getLoan(db: Database, id: number): Loan | null {
  const row = db.prepare(`${SELECT} WHERE l.id = ?`).get(id) as LoanRow | undefined;
  return row ? toLoan(row) : null;
}

/** Loans of a bank that may earn subsidy in a window (disbursed before its end, not closed before its start). */
export function loansOfBankForPeriod(db: Database, bankId: number, firstDay: string, lastDay: string): Loan[] {
  const rows = db
    .prepare(
      `${SELECT} WHERE l.bank_id = ? AND l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan <= ?
         AND l.status IN ('aktif', 'lunas', 'macet', 'klaim', 'hapus_buku')
         AND (l.tanggal_lunas IS NULL OR l.tanggal_lunas >= ?)
       ORDER BY l.nomor_rekening`,
    )
    .all(bankId, lastDay, firstDay) as LoanRow[];
  return rows.map(toLoan);
}

export function findLoanByAccount(db: Database, bankId: number, nomorRekening: string): { id: number } | null {
  return (db.prepare('SELECT id FROM pinjaman WHERE bank_id = ? AND nomor_rekening = ?').get(bankId, nomorRekening) as { id: number } | undefined) ?? null;
}

export function findLoanByAkad(db: Database, bankId: number, nomorAkad: string): { id: number } | null {
  return (db.prepare('SELECT id FROM pinjaman WHERE bank_id = ? AND nomor_akad = ?').get(bankId, nomorAkad) as { id: number } | undefined) ?? null;
}

/** Other subsidised loans of the same debtor that are still running (for the double-financing check). */
export function otherActiveLoansOfDebtor(db: Database, debiturId: number, exceptId: number | undefined): Loan[] {
  const rows = db.prepare(`${SELECT} WHERE l.debitur_id = ? AND l.id <> ? AND l.status IN ('diajukan', 'disetujui', 'aktif', 'macet')`).all(debiturId, exceptId ?? 0) as LoanRow[];
  return rows.map(toLoan);
}

const params = (f: LoanFields) => ({
  debitur_id: f.debiturId,
  bank_id: f.bankId,
  cabang_id: f.cabangId,
  skema_id: f.skemaId,
  nomor_rekening: f.nomorRekening,
  nomor_akad: f.nomorAkad,
  tanggal_akad: f.tanggalAkad,
  tanggal_pencairan: f.tanggalPencairan,
  plafon: f.plafon,
  tenor_bulan: f.tenorBulan,
  bunga_bank_persen: f.bungaBankPersen,
  bunga_debitur_persen: f.bungaDebiturPersen,
  alasan_ubah_bunga: f.alasanUbahBunga,
  tanggal_angsuran_pertama: f.tanggalAngsuranPertama,
});
const COLUMNS = Object.keys(params({} as LoanFields));

/**
 * Inserts a loan as 'diajukan'. `dibuatOlehId`: the signed-in user who entered it (four-eyes reads
 * it; null for the trusted caller); `imporId` names the file it came from (kind 'pinjaman').
 * Prepared once per connection: an import inserts thousands.
 */
export function insertLoan(db: Database, f: LoanFields, dibuatOlehId: number | null = null, imporId: number | null = null): number {
  const sql = `INSERT INTO pinjaman (${COLUMNS.join(', ')}, dibuat_oleh_id, impor_id) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')}, @dibuatOlehId, @impor_id)`;
  return Number(cachedStatement(db, sql).run({ ...params(f), dibuatOlehId, impor_id: imporId }).lastInsertRowid);
}

/** Who entered the loan (user id), for four-eyes; null when the trusted caller did or nobody is known. */
export function loanCreatorId(db: Database, id: number): number | null {
  return (db.prepare('SELECT dibuat_oleh_id AS id FROM pinjaman WHERE id = ?').get(id) as { id: number | null } | undefined)?.id ?? null;
}

/** One step of the loan's lifecycle, as the loan page lists it, with who took it (name as shown, id for four-eyes). */
export function insertLoanHistory(
  db: Database,
  h: { pinjamanId: number; dari: string; ke: string; tanggal: string; alasan: string | null; pengguna: string; penggunaId: number | null },
): void {
  cachedStatement(db, 'INSERT INTO pinjaman_riwayat (pinjaman_id, dari, ke, tanggal, alasan, pengguna, pengguna_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    h.pinjamanId,
    h.dari,
    h.ke,
    h.tanggal,
    h.alasan,
    h.pengguna,
    h.penggunaId,
  );
}

export function updateLoan(db: Database, id: number, f: LoanFields): void {
  db.prepare(`UPDATE pinjaman SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')}, diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = @id`).run({ ...params(f), id });
}

export function setLoanStatus(db: Database, id: number, status: StatusPinjaman, extra: { tanggalPencairan?: string; tanggalLunas?: string | null } = {}): void {
  cachedStatement(
    db,
    `UPDATE pinjaman SET status = @status,
       tanggal_pencairan = coalesce(@tanggalPencairan, tanggal_pencairan),
       tanggal_lunas = CASE WHEN @setLunas = 1 THEN @tanggalLunas ELSE tanggal_lunas END,
       diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = @id`,
  ).run({
    id,
    status,
    tanggalPencairan: extra.tanggalPencairan ?? null,
    setLunas: extra.tanggalLunas !== undefined ? 1 : 0,
    tanggalLunas: extra.tanggalLunas ?? null,
  });
}

/** A debtor's month already paid on one of their loans: what the double-financing check compares a new loan's term with. */
export interface PaidMonthOfDebtor {
  debiturId: number;
  pinjamanId: number;
  nomorRekening: string;
  periode: string;
}

/** The months paid on the debtor's loans other than `exceptId`, in `[from, to]` (periods). */
export function paidMonthsOfDebtor(db: Database, debiturId: number, exceptId: number | undefined, from: string, to: string): PaidMonthOfDebtor[] {
  return db
    .prepare(
      `SELECT l.debitur_id AS debiturId, l.id AS pinjamanId, l.nomor_rekening AS nomorRekening, pd.periode
       FROM periode_dibayar pd JOIN pinjaman l ON l.id = pd.pinjaman_id
       WHERE l.debitur_id = ? AND l.id <> ? AND pd.periode BETWEEN ? AND ?
       ORDER BY l.id, pd.periode`,
    )
    .all(debiturId, exceptId ?? 0, from, to) as PaidMonthOfDebtor[];
}

// ---- What the loan-list import reads once for a whole file (not a query per row). ----

/** Every paid month of the loans of these debtors. */
export function paidMonthsOfDebtors(db: Database, debiturIds: number[]): PaidMonthOfDebtor[] {
  if (debiturIds.length === 0) return [];
  return db
    .prepare(
      `SELECT l.debitur_id AS debiturId, l.id AS pinjamanId, l.nomor_rekening AS nomorRekening, pd.periode
       FROM periode_dibayar pd JOIN pinjaman l ON l.id = pd.pinjaman_id
       WHERE l.debitur_id IN (SELECT value FROM json_each(?))
       ORDER BY l.id, pd.periode`,
    )
    .all(JSON.stringify(debiturIds)) as PaidMonthOfDebtor[];
}

/** The loans of these debtors (every state), for the double-financing check of a file's rows. */
export function loansOfDebtors(db: Database, debiturIds: number[]): Loan[] {
  if (debiturIds.length === 0) return [];
  const rows = db.prepare(`${SELECT} WHERE l.debitur_id IN (SELECT value FROM json_each(?)) ORDER BY l.id`).all(JSON.stringify(debiturIds)) as LoanRow[];
  return rows.map(toLoan);
}

/** A bank's account and agreement numbers (both unique per bank). */
export function loanKeysOfBank(db: Database, bankId: number): { id: number; nomorRekening: string; nomorAkad: string }[] {
  return db.prepare('SELECT id, nomor_rekening AS nomorRekening, nomor_akad AS nomorAkad FROM pinjaman WHERE bank_id = ?').all(bankId) as {
    id: number;
    nomorRekening: string;
    nomorAkad: string;
  }[];
}

export function listRestructurings(db: Database, loanId: number): Restructuring[] {
  return db
    .prepare(
      `SELECT id, berlaku_mulai AS berlakuMulai, tenor_bulan AS tenorBulan, bunga_bank_persen AS bungaBankPersen,
              bunga_debitur_persen AS bungaDebiturPersen, alasan
       FROM restrukturisasi WHERE pinjaman_id = ? ORDER BY berlaku_mulai, id`,
    )
    .all(loanId) as Restructuring[];
}

export function insertRestructuring(db: Database, loanId: number, r: Omit<Restructuring, 'id'>): number {
  return Number(
    db
      .prepare('INSERT INTO restrukturisasi (pinjaman_id, berlaku_mulai, tenor_bulan, bunga_bank_persen, bunga_debitur_persen, alasan) VALUES (?, ?, ?, ?, ?, ?)')
      .run(loanId, r.berlakuMulai, r.tenorBulan, r.bungaBankPersen, r.bungaDebiturPersen, r.alasan).lastInsertRowid,
  );
}

interface PositionRow {
  id: number;
  pinjaman_id: number;
  periode: string;
  outstanding: number;
  kol: number;
  hari_tunggakan: number;
  angsuran_dibayar: number;
  sumber: 'manual' | 'impor';
}

const toPosition = (r: PositionRow): BankPosition => ({
  id: r.id,
  pinjamanId: r.pinjaman_id,
  periode: r.periode,
  outstanding: r.outstanding,
  kol: r.kol,
  hariTunggakan: r.hari_tunggakan,
  angsuranDibayar: r.angsuran_dibayar === 1,
  sumber: r.sumber,
});

export function listPositions(db: Database, loanId: number): BankPosition[] {
  return (db.prepare('SELECT * FROM posisi_bank WHERE pinjaman_id = ? ORDER BY periode').all(loanId) as PositionRow[]).map(toPosition);
}

/** Positions of many loans for a window of months, keyed by loan id then period. */
export function positionsForPeriods(db: Database, loanIds: number[], fromPeriod: string, toPeriod: string): Map<number, Map<string, BankPosition>> {
  const out = new Map<number, Map<string, BankPosition>>();
  for (const id of loanIds) out.set(id, new Map());
  // Many loans: one pass over the window's rows (index on periode) instead of a query per loan.
  const rows =
    loanIds.length > BULK_THRESHOLD
      ? (db.prepare('SELECT * FROM posisi_bank WHERE periode BETWEEN ? AND ?').all(fromPeriod, toPeriod) as PositionRow[])
      : loanIds.flatMap((id) => db.prepare('SELECT * FROM posisi_bank WHERE pinjaman_id = ? AND periode BETWEEN ? AND ?').all(id, fromPeriod, toPeriod) as PositionRow[]);
  for (const r of rows) out.get(r.pinjaman_id)?.set(r.periode, toPosition(r));
  return out;
}

/** Above this many loans, the "of many loans" lookups read the table once instead of once per loan. */
const BULK_THRESHOLD = 200;

/** Restructurings of many loans, each list ordered as listRestructurings orders it. */
export function restructuringsOfLoans(db: Database, loanIds: number[]): Map<number, Restructuring[]> {
  if (loanIds.length <= BULK_THRESHOLD) {
    const out = new Map<number, Restructuring[]>();
    for (const id of loanIds) out.set(id, listRestructurings(db, id));
    return out;
  }
  return restructuringsByLoan(db, new Set(loanIds));
}

/**
 * The whole restructuring table read once, by loan (only the `wanted` loans when given; a loan
 * without restructurings has no entry), each list ordered as listRestructurings orders it.
 */
function restructuringsByLoan(db: Database, wanted?: ReadonlySet<number>): Map<number, Restructuring[]> {
  const out = new Map<number, Restructuring[]>();
  const rows = db
    .prepare(
      `SELECT pinjaman_id AS pinjamanId, id, berlaku_mulai AS berlakuMulai, tenor_bulan AS tenorBulan, bunga_bank_persen AS bungaBankPersen,
              bunga_debitur_persen AS bungaDebiturPersen, alasan
       FROM restrukturisasi ORDER BY pinjaman_id, berlaku_mulai, id`,
    )
    .all() as (Restructuring & { pinjamanId: number })[];
  for (const { pinjamanId, ...r } of rows) {
    if (wanted && !wanted.has(pinjamanId)) continue;
    let list = out.get(pinjamanId);
    if (!list) out.set(pinjamanId, (list = []));
    list.push(r);
  }
  return out;
}

/** Insurance claim dates by loan (a loan has at most one claim). */
export function claimDatesOfLoans(db: Database, loanIds: number[]): Map<number, string> {
  const wanted = new Set(loanIds);
  const rows = db.prepare('SELECT pinjaman_id AS pinjamanId, tanggal FROM klaim_asuransi').all() as { pinjamanId: number; tanggal: string }[];
  return new Map(rows.filter((r) => wanted.has(r.pinjamanId)).map((r) => [r.pinjamanId, r.tanggal]));
}

/** Running subsidised loans ('aktif', 'macet') per debtor, for the double-financing warning. */
export function runningLoansPerDebtor(db: Database): Map<number, number> {
  const rows = db.prepare("SELECT debitur_id AS debiturId, count(*) AS n FROM pinjaman WHERE status IN ('aktif', 'macet') GROUP BY debitur_id").all() as {
    debiturId: number;
    n: number;
  }[];
  return new Map(rows.map((r) => [r.debiturId, r.n]));
}

export function upsertPosition(db: Database, p: Omit<BankPosition, 'id'> & { imporId?: number | null }): BankPosition {
  db.prepare(
    `INSERT INTO posisi_bank (pinjaman_id, periode, outstanding, kol, hari_tunggakan, angsuran_dibayar, sumber, impor_id)
     VALUES (@pinjamanId, @periode, @outstanding, @kol, @hariTunggakan, @angsuranDibayar, @sumber, @imporId)
     ON CONFLICT (pinjaman_id, periode) DO UPDATE SET outstanding = excluded.outstanding, kol = excluded.kol,
       hari_tunggakan = excluded.hari_tunggakan, angsuran_dibayar = excluded.angsuran_dibayar, sumber = excluded.sumber,
       impor_id = excluded.impor_id`,
  ).run({ ...p, angsuranDibayar: p.angsuranDibayar ? 1 : 0, imporId: p.imporId ?? null });
  const row = db.prepare('SELECT * FROM posisi_bank WHERE pinjaman_id = ? AND periode = ?').get(p.pinjamanId, p.periode) as PositionRow;
  return toPosition(row);
}

export function getInsuranceClaim(db: Database, loanId: number): InsuranceClaim | null {
  return (
    (db
      .prepare(
        `SELECT id, pinjaman_id AS pinjamanId, tanggal, tanggal_dasar AS tanggalDasar, dasar, outstanding, porsi_persen AS porsiPersen, jumlah, status
         FROM klaim_asuransi WHERE pinjaman_id = ?`,
      )
      .get(loanId) as InsuranceClaim | undefined) ?? null
  );
}

export function insertInsuranceClaim(db: Database, c: Omit<InsuranceClaim, 'id' | 'status'>): void {
  db.prepare('INSERT INTO klaim_asuransi (pinjaman_id, tanggal, tanggal_dasar, dasar, outstanding, porsi_persen, jumlah) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    c.pinjamanId,
    c.tanggal,
    c.tanggalDasar,
    c.dasar,
    c.outstanding,
    c.porsiPersen,
    c.jumlah,
  );
}

/** The date of the loan's latest change to status `ke` (its lifecycle history), or null. */
export function lastTransitionDate(db: Database, loanId: number, ke: StatusPinjaman): string | null {
  const row = db.prepare('SELECT tanggal FROM pinjaman_riwayat WHERE pinjaman_id = ? AND ke = ? ORDER BY id DESC LIMIT 1').get(loanId, ke) as { tanggal: string } | undefined;
  return row?.tanggal ?? null;
}

/** Months of a loan already paid, with the payment that paid them. */
export function paidPeriods(db: Database, loanId: number): { periode: string; jumlah: number; nomorSp2d: string | null }[] {
  return db
    .prepare(
      // A claim may be paid by several SP2Ds (partial payments): one row per month, its SP2Ds listed.
      `SELECT pd.periode, coalesce(tb.disetujui, tb.diklaim) AS jumlah,
              (SELECT group_concat(nomor_sp2d, ', ' ORDER BY tanggal_sp2d, id) FROM pembayaran WHERE tagihan_id = tb.tagihan_id) AS nomorSp2d
       FROM periode_dibayar pd
       JOIN tagihan_baris tb ON tb.id = pd.tagihan_baris_id
       WHERE pd.pinjaman_id = ? ORDER BY pd.periode`,
    )
    .all(loanId) as { periode: string; jumlah: number; nomorSp2d: string | null }[];
}

export function paidPeriodSet(db: Database, loanIds: number[], fromPeriod?: string, toPeriod?: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const id of loanIds) out.set(id, new Set());
  const window = fromPeriod !== undefined && toPeriod !== undefined;
  const rows =
    loanIds.length > BULK_THRESHOLD
      ? window
        ? (db.prepare('SELECT pinjaman_id, periode FROM periode_dibayar WHERE periode BETWEEN ? AND ?').all(fromPeriod, toPeriod) as { pinjaman_id: number; periode: string }[])
        : (db.prepare('SELECT pinjaman_id, periode FROM periode_dibayar').all() as { pinjaman_id: number; periode: string }[])
      : loanIds.flatMap((id) => db.prepare('SELECT pinjaman_id, periode FROM periode_dibayar WHERE pinjaman_id = ?').all(id) as { pinjaman_id: number; periode: string }[]);
  for (const r of rows) out.get(r.pinjaman_id)?.add(r.periode);
  return out;
}

// ---- Bulk reads of the subsidy run (100,000 loans): only the columns it needs, as raw rows in
// the order of the bank's account numbers, so the run streams them without a Map per loan. ----

/**
 * A loan of a subsidy run with what the bank reported for the month before the run (p0) and the
 * run's first month (p1), whether that first month is already paid, and a recipient decree line
 * naming the loan's debtor. A position's kol is null when the bank reported nothing for the month.
 * A loan whose debtor is named in several decree lines comes once per line (the same loan's rows
 * follow each other: the account is unique within the bank); the decree columns are null when
 * no line names the debtor.
 */
export type RunLoanRow = [
  id: number,
  debiturId: number,
  skemaId: number,
  nomorRekening: string,
  debiturNama: string,
  nik: string,
  /** The agreement's year (the budget year of a budget-year scheme). */
  tahunAkad: number,
  tanggalPencairan: string,
  plafon: number,
  tenorBulan: number,
  bungaBankPersen: string,
  bungaDebiturPersen: string,
  tanggalAngsuranPertama: string | null,
  /** 1 when the loan itself is running ('aktif', 'macet'). */
  berjalan: number,
  tanggalLunas: string | null,
  p0Outstanding: number | null,
  p0Kol: number | null,
  p0AngsuranDibayar: number | null,
  p1Outstanding: number | null,
  p1Kol: number | null,
  p1AngsuranDibayar: number | null,
  p1Dibayar: number,
  cabangId: number | null,
  decreeLineId: number | null,
  decreeSkId: number | null,
  decreeBankId: number | null,
  decreeCabangId: number | null,
  decreePlafon: number | null,
];

/** [pinjamanId, periode, outstanding, kol, angsuranDibayar (0/1)], by loan in run order, then period. */
export type RunPositionRow = [pinjamanId: number, periode: string, outstanding: number, kol: number, angsuranDibayar: number];
/** [pinjamanId, periode], by loan in run order, then period. */
export type RunPaidRow = [pinjamanId: number, periode: string];

/** The loans of loansOfBankForPeriod (same filter, same order), as one WHERE for every run query. */
const RUN_LOANS_WHERE = `l.bank_id = @bankId AND l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan <= @lastDay
  AND l.status IN ('aktif', 'lunas', 'macet', 'klaim', 'hapus_buku')
  AND (l.tanggal_lunas IS NULL OR l.tanggal_lunas >= @firstDay)`;

const RUN_SQL = {
  // The decree lines come in the same pass through the NIK index (any scheme, year or bank): the
  // run walked the bank's loans and debtors a second time for them (~a third of its SQLite work).
  loans: `SELECT l.id, l.debitur_id, l.skema_id, l.nomor_rekening, d.nama, d.nik, CAST(substr(l.tanggal_akad, 1, 4) AS INTEGER),
                 l.tanggal_pencairan, l.plafon, l.tenor_bulan, l.bunga_bank_persen, l.bunga_debitur_persen, l.tanggal_angsuran_pertama,
                 l.status IN ('aktif', 'macet'), l.tanggal_lunas,
                 p0.outstanding, p0.kol, p0.angsuran_dibayar, p1.outstanding, p1.kol, p1.angsuran_dibayar, pd.periode IS NOT NULL,
                 l.cabang_id, b.id, b.sk_id, b.bank_id, b.cabang_id, b.plafon
          FROM pinjaman l
          JOIN debitur d ON d.id = l.debitur_id
          LEFT JOIN posisi_bank p0 ON p0.pinjaman_id = l.id AND p0.periode = @previousPeriod
          LEFT JOIN posisi_bank p1 ON p1.pinjaman_id = l.id AND p1.periode = @firstPeriod
          LEFT JOIN periode_dibayar pd ON pd.pinjaman_id = l.id AND pd.periode = @firstPeriod
          LEFT JOIN sk_penerima_baris b ON b.nik = d.nik
          WHERE ${RUN_LOANS_WHERE} ORDER BY l.nomor_rekening`,
  positions: `SELECT p.pinjaman_id, p.periode, p.outstanding, p.kol, p.angsuran_dibayar
              FROM pinjaman l JOIN posisi_bank p ON p.pinjaman_id = l.id AND p.periode BETWEEN @fromPeriod AND @toPeriod
              WHERE ${RUN_LOANS_WHERE} ORDER BY l.nomor_rekening, p.periode`,
  paid: `SELECT pd.pinjaman_id, pd.periode
         FROM pinjaman l JOIN periode_dibayar pd ON pd.pinjaman_id = l.id AND pd.periode BETWEEN @fromPeriod AND @toPeriod
         WHERE ${RUN_LOANS_WHERE} ORDER BY l.nomor_rekening, pd.periode`,
  // Restructurings and claims are few: read from their own (small) table, a superset of the run's loans.
  restructurings: `SELECT r.pinjaman_id AS pinjamanId, r.id, r.berlaku_mulai AS berlakuMulai, r.tenor_bulan AS tenorBulan,
                          r.bunga_bank_persen AS bungaBankPersen, r.bunga_debitur_persen AS bungaDebiturPersen, r.alasan
                   FROM restrukturisasi r CROSS JOIN pinjaman l ON l.id = r.pinjaman_id
                   WHERE l.bank_id = ? ORDER BY r.pinjaman_id, r.berlaku_mulai, r.id`,
  claims: 'SELECT k.pinjaman_id, k.tanggal FROM klaim_asuransi k CROSS JOIN pinjaman l ON l.id = k.pinjaman_id WHERE l.bank_id = ?',
} as const;

type RunStatement = keyof typeof RUN_SQL;
const runStatements = new WeakMap<Database, Map<RunStatement, Statement>>();

/** The run's statements, prepared once per connection. */
function runStatement(db: Database, which: RunStatement): Statement {
  let prepared = runStatements.get(db);
  if (!prepared) runStatements.set(db, (prepared = new Map()));
  let s = prepared.get(which);
  if (!s) {
    s = db.prepare(RUN_SQL[which]);
    if (which === 'loans' || which === 'positions' || which === 'paid' || which === 'claims') s.raw();
    prepared.set(which, s);
  }
  return s;
}

export interface RunWindow {
  bankId: number;
  /** First day of the run's first month. */
  firstDay: string;
  /** The exclusive end of the run (first day of the month after it), as loansOfBankForPeriod takes it. */
  lastDay: string;
}

/**
 * The loans of a subsidy run, as loansOfBankForPeriod selects and orders them, streamed as raw
 * rows with the positions of `previousPeriod` and `firstPeriod`, whether `firstPeriod` is paid,
 * and the decree lines naming the debtor (one row per line: a province whose decrees name every
 * debtor is streamed, never held whole; at 1,000,000 loans a bank's debtors have ~450,000 lines).
 */
export function runLoans(db: Database, w: RunWindow, previousPeriod: string, firstPeriod: string): IterableIterator<RunLoanRow> {
  return runStatement(db, 'loans').iterate({ ...w, previousPeriod, firstPeriod }) as IterableIterator<RunLoanRow>;
}

/** The bank positions of the run's loans for `fromPeriod`..`toPeriod`, in runLoans order. */
export function runPositions(db: Database, w: RunWindow, fromPeriod: string, toPeriod: string): IterableIterator<RunPositionRow> {
  return runStatement(db, 'positions').iterate({ ...w, fromPeriod, toPeriod }) as IterableIterator<RunPositionRow>;
}

/** The months of the run's loans already paid within `fromPeriod`..`toPeriod`, in runLoans order. */
export function runPaidPeriods(db: Database, w: RunWindow, fromPeriod: string, toPeriod: string): IterableIterator<RunPaidRow> {
  return runStatement(db, 'paid').iterate({ ...w, fromPeriod, toPeriod }) as IterableIterator<RunPaidRow>;
}

/** Restructurings of a bank's loans (few), each list ordered as listRestructurings orders it. */
export function bankRestructurings(db: Database, bankId: number): Map<number, Restructuring[]> {
  const out = new Map<number, Restructuring[]>();
  for (const { pinjamanId, ...r } of runStatement(db, 'restructurings').all(bankId) as (Restructuring & { pinjamanId: number })[]) {
    let list = out.get(pinjamanId);
    if (!list) out.set(pinjamanId, (list = []));
    list.push(r);
  }
  return out;
}

/** Insurance claim dates of a bank's loans (few). */
export function bankClaimDates(db: Database, bankId: number): Map<number, string> {
  return new Map(runStatement(db, 'claims').all(bankId) as [number, string][]);
}

/**
 * The debtors holding more than one loan, each with how many of their loans are running
 * ('aktif', 'macet'): a debtor with one loan has no other running loan (no double financing)
 * and no month another loan of theirs can hold, so the run needs no count for anyone else.
 * Reading every running loan's debtor, as the run first did, took ~0.05 s per bank at 100,000
 * loans; this reads the debtor index and then only the shared debtors' loans.
 */
export function sharedDebtorRunningLoans(db: Database): Map<number, number> {
  return new Map(
    cachedStatement(
      db,
      `SELECT g.debitur_id, (SELECT count(*) FROM pinjaman l WHERE l.debitur_id = g.debitur_id AND l.status IN ('aktif', 'macet'))
       FROM (SELECT debitur_id FROM pinjaman GROUP BY debitur_id HAVING count(*) > 1) g`,
    )
      .raw()
      .all() as [number, number][],
  );
}

/** [id, skemaId, status, tanggalAkad, tanggalPencairan, tanggalLunas, plafon, tenorBulan, bungaBankPersen, bungaDebiturPersen, tanggalAngsuranPertama] */
export type ProjectionLoanRow = [
  id: number,
  skemaId: number,
  status: StatusPinjaman,
  tanggalAkad: string,
  tanggalPencairan: string | null,
  tanggalLunas: string | null,
  plafon: number,
  tenorBulan: number,
  bungaBankPersen: string,
  bungaDebiturPersen: string,
  tanggalAngsuranPertama: string | null,
];

/** Running and approved loans ('aktif', 'macet', 'disetujui') for the budget projection, streamed in id order. */
export function projectionLoans(db: Database): IterableIterator<ProjectionLoanRow> {
  return db
    .prepare(
      `SELECT id, skema_id, status, tanggal_akad, tanggal_pencairan, tanggal_lunas, plafon, tenor_bulan, bunga_bank_persen, bunga_debitur_persen,
              tanggal_angsuran_pertama
       FROM pinjaman WHERE status IN ('aktif', 'macet', 'disetujui') ORDER BY id`,
    )
    .raw()
    .iterate() as IterableIterator<ProjectionLoanRow>;
}

/** Every restructuring by loan (a small table), each list ordered as listRestructurings orders it. */
export function projectionRestructurings(db: Database): Map<number, Restructuring[]> {
  return restructuringsByLoan(db);
}

/** Months paid from `fromPeriod` on, by loan (the projection's future months; usually few). */
export function paidPeriodsFrom(db: Database, fromPeriod: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const [id, periode] of db.prepare('SELECT pinjaman_id, periode FROM periode_dibayar WHERE periode >= ?').raw().iterate(fromPeriod) as IterableIterator<[number, string]>) {
    let set = out.get(id);
    if (!set) out.set(id, (set = new Set()));
    set.add(periode);
  }
  return out;
}
