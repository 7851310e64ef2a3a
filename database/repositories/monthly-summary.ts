/**
 * What the monthly summary (rekap bulanan) reads, summed in SQL: the program at the end of a month
 * as a small cube of integer sums keyed by bank and the debtor's kecamatan, sector, scale and gender,
 * the amounts paid per cell, the SP2D totals, the year's pagu and the names to label it all with.
 * How "as of the month" is read is told in electron/services/reports/snapshot.ts.
 */
import type { Database } from 'better-sqlite3';

/** Where a loan belongs: its bank and its debtor's kecamatan, sector, business scale and gender. */
export interface CellKey {
  bankId: number;
  kecamatanId: number | null;
  sektorId: number | null;
  skala: string;
  jenisKelamin: 'L' | 'P';
}

/** Integer sums of the loans of one cell at the month end. */
export interface CellSums {
  /** Disbursed by the month end and not paid off by then. */
  berjalan: number;
  /** Debtors with a running loan in the cell (distinct). */
  debitur: number;
  /** Disbursed in the month, and their plafon. */
  baru: number;
  plafonBaru: number;
  /** Paid off in the month. */
  lunas: number;
  /** Plafon and outstanding of the running loans. */
  plafon: number;
  outstanding: number;
  /** Running loans at kol 3–5, their outstanding; and those at kol 5. */
  kol35: number;
  bad: number;
  macet: number;
  /** Outstanding of the running loans per kol 1..5 (index 0 = kol 1). */
  outstandingByKol: [number, number, number, number, number];
  /** Running loans whose outstanding comes from an earlier month's position, or from the schedule. */
  posisiLama: number;
  jadwal: number;
}

export interface MonthCell extends CellKey, CellSums {}

interface CubeRow {
  bank_id: number;
  tempat: number;
  berjalan: number;
  baru: number;
  plafon_baru: number | null;
  lunas: number;
  plafon: number | null;
  outstanding: number | null;
  kol35: number;
  bad: number | null;
  macet: number;
  kol1: number | null;
  kol2: number | null;
  kol3: number | null;
  kol4: number | null;
  kol5: number | null;
  posisi_lama: number;
  /** Running loans without any position yet: ids, comma-separated. */
  jadwal_ids: string | null;
}

/** A debtor's place: the cell's key without the bank. */
export type Place = Omit<CellKey, 'bankId'>;

/**
 * Every debtor's place as a small number (an index into `places`), by debtor id, read once per
 * summary in one pass over the narrow index debitur_kelompok (migration 0013).
 *
 * Why: the cube and the paid lines looked each loan's debtor up in that index. Loans and debtors
 * are not stored in the same order, so at 1,000,000 loans each lookup landed on another page of
 * the index (2.6 µs of CPU a loan, ~2.6 s in all), and the GROUP BY then sorted every loan's row
 * on five columns. The summary now reads the debtors once, in order, into this map; its queries
 * ask `rekap_tempat_debitur(debitur_id)` (a function on the connection reading the map) and group on
 * (bank, place number): the cube 1M 4.3 → 1.3 s of CPU plus ~1 s for the map, shared by the
 * paid lines. The sums stay integer sums in SQL.
 */
export interface DebtorPlaces {
  places: Place[];
  /** Index into `places` by debtor id; −1 for an id without a debtor. */
  placeOf: Int32Array;
}

/** The connection's function that answers a debtor's place number (registered by withPlaces). */
const PLACE_FN = 'rekap_tempat_debitur';

const SKALA_CODES = ['mikro', 'kecil', 'menengah', 'koperasi'];

export function debtorPlaces(db: Database): DebtorPlaces {
  const maxId = db.prepare<[], number | null>('SELECT max(id) FROM debitur').pluck().get() ?? 0;
  const placeOf = new Int32Array(maxId + 1).fill(-1);
  const places: Place[] = [];
  // A number per (kecamatan, sector, scale, gender) while the ids are small (reference tables:
  // always, in practice); a text key otherwise. Either way one entry per distinct place.
  const byNumber = new Map<number, number>();
  const byText = new Map<string, number>();
  const rows = db
    .prepare<[], [number, number | null, number | null, string, 'L' | 'P']>('SELECT id, kecamatan_id, sektor_id, skala, jenis_kelamin FROM debitur INDEXED BY debitur_kelompok')
    .raw()
    .iterate();
  for (const [id, kecamatanId, sektorId, skala, jenisKelamin] of rows) {
    const skalaCode = SKALA_CODES.indexOf(skala);
    const small = skalaCode >= 0 && (kecamatanId ?? 0) >= 0 && (kecamatanId ?? 0) < 1_000_000 && (sektorId ?? 0) >= 0 && (sektorId ?? 0) < 1_000_000;
    let place: number | undefined;
    let numberKey = -1;
    let textKey = '';
    if (small) {
      numberKey = ((kecamatanId === null ? 0 : kecamatanId + 1) * 1_000_001 + (sektorId === null ? 0 : sektorId + 1)) * 8 + skalaCode * 2 + (jenisKelamin === 'L' ? 0 : 1);
      place = byNumber.get(numberKey);
    } else {
      textKey = `${kecamatanId}|${sektorId}|${skala}|${jenisKelamin}`;
      place = byText.get(textKey);
    }
    if (place === undefined) {
      place = places.length;
      places.push({ kecamatanId, sektorId, skala, jenisKelamin });
      if (small) byNumber.set(numberKey, place);
      else byText.set(textKey, place);
    }
    placeOf[id] = place;
  }
  return { places, placeOf };
}

/** Runs `read` with the place function on the connection answering from `places`, then lets the map go. */
function withPlaces<T>(db: Database, places: DebtorPlaces, read: () => T): T {
  const { placeOf } = places;
  db.function(PLACE_FN, { deterministic: true }, (id) => (typeof id === 'number' && id >= 0 && id < placeOf.length ? placeOf[id]! : -1));
  try {
    return read();
  } finally {
    db.function(PLACE_FN, { deterministic: true }, () => -1);
  }
}

function placeAt(places: DebtorPlaces, n: number): Place {
  const place = places.places[n];
  // A debtor added after the map was read: the caller reads the map and the sums in one transaction.
  if (!place) throw new Error('Debitur tidak ada dalam peta tempat debitur (baca peta dan rekap dalam satu transaksi)');
  return place;
}

// The two orders at module level, not made anew in each comparison: the cube and the paid lines
// each sort ~5,000 cells at 100,000 loans, ~60,000 comparisons (a closure pair per comparison was
// ~90 ms of a summary's CPU under tsx).
const nums = (x: number | null, y: number | null) => (x === y ? 0 : x === null ? -1 : y === null ? 1 : x - y);
const texts = (x: string, y: string) => (x === y ? 0 : x < y ? -1 : 1);

/** SQLite's order of the cube's GROUP BY on the five columns (NULL first, then numbers; texts by their bytes). */
function compareCells(a: CellKey, b: CellKey): number {
  return a.bankId - b.bankId || nums(a.kecamatanId, b.kecamatanId) || nums(a.sektorId, b.sektorId) || texts(a.skala, b.skala) || texts(a.jenisKelamin, b.jenisKelamin);
}

/*
 * `pinjaman l NOT INDEXED`: nearly every loan qualifies, and reading the table in rowid order
 * keeps the lookups into debitur and posisi_bank local; through the disbursement-date index the
 * same query jumps around the file and takes about three times as long at 100,000 loans. The
 * debtor's place is its number in DebtorPlaces (above), not a lookup per loan.
 *
 * The position is looked up only for a running loan (every sum that reads outstanding, kol or the
 * position's month is filtered on `berjalan`): a loan paid off before the month needs none. Its
 * row is found by one reverse seek in the (pinjaman_id, periode) index for the id of the latest
 * position in or before the month, then read by that id; before, the latest month was sought
 * first and then the row by (loan, month), two seeks into the index per loan.
 */
const CUBE_SQL = `
  WITH loans AS (
    SELECT l.id, l.debitur_id, l.bank_id, l.plafon, l.tanggal_pencairan,
           (l.tanggal_lunas IS NULL OR l.tanggal_lunas > @monthEnd) AS berjalan,
           (l.tanggal_lunas IS NOT NULL AND l.tanggal_lunas BETWEEN @monthStart AND @monthEnd) AS lunas
    FROM pinjaman l NOT INDEXED
    WHERE l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan <= @monthEnd
      AND l.status NOT IN ('diajukan', 'disetujui', 'ditolak')
  ),
  snap AS (
    SELECT l.id, l.debitur_id, l.bank_id, ${PLACE_FN}(l.debitur_id) AS tempat, l.plafon,
           l.tanggal_pencairan >= @monthStart AS baru, l.berjalan, l.lunas,
           p.outstanding, p.kol, p.periode AS periode_posisi
    FROM loans l
    LEFT JOIN posisi_bank p ON p.id = CASE WHEN l.berjalan
         THEN (SELECT q.id FROM posisi_bank q WHERE q.pinjaman_id = l.id AND q.periode <= @periode ORDER BY q.periode DESC LIMIT 1) END
  )
  SELECT bank_id, tempat,
         count(*) FILTER (WHERE berjalan) AS berjalan,
         count(*) FILTER (WHERE baru) AS baru,
         sum(plafon) FILTER (WHERE baru) AS plafon_baru,
         count(*) FILTER (WHERE lunas) AS lunas,
         sum(plafon) FILTER (WHERE berjalan) AS plafon,
         sum(outstanding) FILTER (WHERE berjalan) AS outstanding,
         count(*) FILTER (WHERE berjalan AND kol >= 3) AS kol35,
         sum(outstanding) FILTER (WHERE berjalan AND kol >= 3) AS bad,
         count(*) FILTER (WHERE berjalan AND kol = 5) AS macet,
         sum(outstanding) FILTER (WHERE berjalan AND kol = 1) AS kol1,
         sum(outstanding) FILTER (WHERE berjalan AND kol = 2) AS kol2,
         sum(outstanding) FILTER (WHERE berjalan AND kol = 3) AS kol3,
         sum(outstanding) FILTER (WHERE berjalan AND kol = 4) AS kol4,
         sum(outstanding) FILTER (WHERE berjalan AND kol = 5) AS kol5,
         count(*) FILTER (WHERE berjalan AND periode_posisi < @periode) AS posisi_lama,
         group_concat(id) FILTER (WHERE berjalan AND outstanding IS NULL) AS jadwal_ids
  FROM snap
  GROUP BY bank_id, tempat`;

/** A cell of the cube, with the running loans the bank has not reported yet (their outstanding is the schedule's). */
export interface CubeCell {
  /** Sums of the reported loans; `jadwal` is 0 and the unreported loans' outstanding is not in it yet. */
  cell: MonthCell;
  unreportedLoanIds: number[];
}

/** The month's cube as stored: one cell per (bank, kecamatan, sector, scale, gender) with loans in it. */
export function monthCube(db: Database, periode: string, monthEnd: string, places: DebtorPlaces = debtorPlaces(db)): CubeCell[] {
  const rows = withPlaces(db, places, () =>
    db.prepare<[{ periode: string; monthStart: string; monthEnd: string }], CubeRow>(CUBE_SQL).all({ periode, monthStart: `${periode}-01`, monthEnd }),
  );
  const twice = new Map(sameBankExtras(db, monthEnd).map((x) => [cellKey(x.bank_id, x), x.extra]));
  const cells = rows.map((r): CubeCell => {
    const place = placeAt(places, r.tempat);
    const key = { kecamatan_id: place.kecamatanId, sektor_id: place.sektorId, skala: place.skala, jenis_kelamin: place.jenisKelamin };
    return {
      cell: {
        bankId: r.bank_id,
        ...place,
        berjalan: r.berjalan,
        // Running loans less the second, third… running loan of a debtor at the same bank.
        debitur: r.berjalan - (twice.get(cellKey(r.bank_id, key)) ?? 0),
        baru: r.baru,
        plafonBaru: r.plafon_baru ?? 0,
        lunas: r.lunas,
        plafon: r.plafon ?? 0,
        outstanding: r.outstanding ?? 0,
        kol35: r.kol35,
        bad: r.bad ?? 0,
        macet: r.macet,
        outstandingByKol: [r.kol1 ?? 0, r.kol2 ?? 0, r.kol3 ?? 0, r.kol4 ?? 0, r.kol5 ?? 0],
        posisiLama: r.posisi_lama,
        jadwal: 0,
      },
      unreportedLoanIds: r.jadwal_ids ? r.jadwal_ids.split(',').map(Number) : [],
    };
  });
  // In the order the five-column GROUP BY gave: the summary lists places in their first cell's order.
  return cells.sort((a, b) => compareCells(a.cell, b.cell));
}

const cellKey = (bankId: number, p: { kecamatan_id: number | null; sektor_id: number | null; skala: string; jenis_kelamin: string }) =>
  `${bankId}|${p.kecamatan_id ?? ''}|${p.sektor_id ?? ''}|${p.skala}|${p.jenis_kelamin}`;

/**
 * Per cell, Σ (running loans − 1) of the debtors with more than one running loan at the cell's
 * bank: what a count of the cell's running loans counts twice or more as debtors. The cube counts
 * debtors as its running loans less this, instead of count(DISTINCT debitur_id), which kept a
 * B-tree of debtor ids per cell for every running loan; this reads only the debtors with several
 * loans (the debtor index, in order) and their loans.
 */
function sameBankExtras(db: Database, monthEnd: string): (Omit<PlaceRow, 'debitur'> & { bank_id: number; extra: number })[] {
  return db
    .prepare<[{ monthEnd: string }], Omit<PlaceRow, 'debitur'> & { bank_id: number; extra: number }>(
      `SELECT x.bank_id, d.kecamatan_id, d.sektor_id, d.skala, d.jenis_kelamin, sum(x.n - 1) AS extra
         FROM (SELECT l.debitur_id, l.bank_id, count(*) AS n
                 FROM (SELECT debitur_id FROM pinjaman GROUP BY debitur_id HAVING count(*) > 1) g
                 CROSS JOIN pinjaman l ON l.debitur_id = g.debitur_id
                WHERE l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan <= @monthEnd
                  AND l.status NOT IN ('diajukan', 'disetujui', 'ditolak')
                  AND (l.tanggal_lunas IS NULL OR l.tanggal_lunas > @monthEnd)
                GROUP BY l.debitur_id, l.bank_id HAVING count(*) > 1) x
         CROSS JOIN debitur d INDEXED BY debitur_kelompok ON d.id = x.debitur_id
         GROUP BY x.bank_id, d.kecamatan_id, d.sektor_id, d.skala, d.jenis_kelamin`,
    )
    .all({ monthEnd });
}

interface PlaceRow {
  kecamatan_id: number | null;
  sektor_id: number | null;
  skala: string;
  jenis_kelamin: 'L' | 'P';
  debitur: number;
}

/**
 * Debtors with a running loan at the month end per (kecamatan, sector, scale, gender), whatever
 * their bank, counted over every loan. The summary derives the same counts from the cube
 * (reports/snapshot.ts); this full count is kept as the independent check its tests compare with.
 */
export function debtorsByPlace(db: Database, monthEnd: string): (Omit<CellKey, 'bankId'> & { debitur: number })[] {
  return db
    .prepare<[{ monthEnd: string }], PlaceRow>(
      `SELECT d.kecamatan_id, d.sektor_id, d.skala, d.jenis_kelamin, count(DISTINCT l.debitur_id) AS debitur
         FROM pinjaman l NOT INDEXED JOIN debitur d INDEXED BY debitur_kelompok ON d.id = l.debitur_id
         WHERE l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan <= @monthEnd
           AND l.status NOT IN ('diajukan', 'disetujui', 'ditolak')
           AND (l.tanggal_lunas IS NULL OR l.tanggal_lunas > @monthEnd)
         GROUP BY d.kecamatan_id, d.sektor_id, d.skala, d.jenis_kelamin`,
    )
    .all({ monthEnd })
    .map((r) => ({ kecamatanId: r.kecamatan_id, sektorId: r.sektor_id, skala: r.skala, jenisKelamin: r.jenis_kelamin, debitur: r.debitur }));
}

/**
 * Debtors with running loans at the month end at more than one bank, per (kecamatan, sector, scale,
 * gender), with `extra` = Σ (their banks − 1): what the cube's per-bank distinct debtors count
 * twice or more. Read from the debtors with several loans only (the debtor index), not every loan.
 */
export function debtorsAtSeveralBanks(db: Database, monthEnd: string): (Omit<CellKey, 'bankId'> & { extra: number })[] {
  return db
    .prepare<[{ monthEnd: string }], Omit<PlaceRow, 'debitur'> & { extra: number }>(
      `SELECT d.kecamatan_id, d.sektor_id, d.skala, d.jenis_kelamin, sum(x.banks - 1) AS extra
         FROM (SELECT l.debitur_id, count(DISTINCT l.bank_id) AS banks
                 FROM (SELECT debitur_id FROM pinjaman GROUP BY debitur_id HAVING count(*) > 1) g
                 CROSS JOIN pinjaman l ON l.debitur_id = g.debitur_id
                WHERE l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan <= @monthEnd
                  AND l.status NOT IN ('diajukan', 'disetujui', 'ditolak')
                  AND (l.tanggal_lunas IS NULL OR l.tanggal_lunas > @monthEnd)
                GROUP BY l.debitur_id HAVING count(DISTINCT l.bank_id) > 1) x
         CROSS JOIN debitur d INDEXED BY debitur_kelompok ON d.id = x.debitur_id
         GROUP BY d.kecamatan_id, d.sektor_id, d.skala, d.jenis_kelamin`,
    )
    .all({ monthEnd })
    .map((r) => ({ kecamatanId: r.kecamatan_id, sektorId: r.sektor_id, skala: r.skala, jenisKelamin: r.jenis_kelamin, extra: r.extra }));
}

/** An amount paid, per cell. */
export interface PaidCell extends CellKey {
  jumlah: number;
}

const PAID_GROUP = 'l.bank_id, d.kecamatan_id, d.sektor_id, d.skala, d.jenis_kelamin';
interface PaidRow {
  bank_id: number;
  kecamatan_id: number | null;
  sektor_id: number | null;
  skala: string;
  jenis_kelamin: 'L' | 'P';
  jumlah: number;
}
const toPaidCells = (rows: PaidRow[]): PaidCell[] =>
  rows.map((r) => ({ bankId: r.bank_id, kecamatanId: r.kecamatan_id, sektorId: r.sektor_id, skala: r.skala, jenisKelamin: r.jenis_kelamin, jumlah: r.jumlah }));

/**
 * Subsidy lines paid, per cell of the loan (integer SUM in SQL), dated by their claim's first SP2D:
 * a claim paid in instalments (several SP2D) counts its lines once, on the first payment's date.
 * Read from the few payments of the period towards their lines (CROSS JOIN keeps that order), summed
 * per loan first so the loans are then looked up once each and in order.
 */
/**
 * The claim lines paid by an SP2D dated in [@from, @to] (`pb`, `tb`): a claim's first payment is
 * its SP2D, and only a line whose month was recorded as paid (periode_dibayar) counts. One place
 * for the rule: both readings of the paid subsidy below use it.
 */
const PAID_LINES = `FROM pembayaran pb
               CROSS JOIN tagihan_baris tb ON tb.tagihan_id = pb.tagihan_id
               WHERE pb.tanggal_sp2d BETWEEN @from AND @to
                 AND pb.id = (SELECT min(p2.id) FROM pembayaran p2 WHERE p2.tagihan_id = pb.tagihan_id)
                 AND EXISTS (SELECT 1 FROM periode_dibayar pd WHERE pd.tagihan_baris_id = tb.id)`;

export function subsidyPaidCells(db: Database, from: string, to: string): PaidCell[] {
  return toPaidCells(
    db
      .prepare<[{ from: string; to: string }], PaidRow>(
        `SELECT ${PAID_GROUP}, sum(x.jumlah) AS jumlah
         FROM (SELECT tb.pinjaman_id, sum(tb.disetujui) AS jumlah
               ${PAID_LINES}
               GROUP BY tb.pinjaman_id) x
         CROSS JOIN pinjaman l ON l.id = x.pinjaman_id
         CROSS JOIN debitur d INDEXED BY debitur_kelompok ON d.id = l.debitur_id
         GROUP BY ${PAID_GROUP}`,
      )
      .all({ from, to }),
  );
}

/**
 * subsidyPaidCells for the year to date [from, to] and for the month [monthStart, to] within it,
 * read in one pass over the year's paid lines (the month's lines are among them): the summary
 * wants both, and reading the month's lines again was a second pass over a month's claims.
 */
export function subsidyPaidCellsYearAndMonth(
  db: Database,
  from: string,
  monthStart: string,
  to: string,
  places: DebtorPlaces = debtorPlaces(db),
): { year: PaidCell[]; month: PaidCell[] } {
  const rows = withPlaces(db, places, () =>
    db
      .prepare<[{ from: string; monthStart: string; to: string }], { bank_id: number; tempat: number; jumlah: number; bulan: number | null; baris_bulan: number }>(
        `SELECT l.bank_id, ${PLACE_FN}(l.debitur_id) AS tempat, sum(x.jumlah) AS jumlah, sum(x.bulan) AS bulan, sum(x.baris_bulan) AS baris_bulan
         FROM (SELECT tb.pinjaman_id, sum(tb.disetujui) AS jumlah,
                      sum(tb.disetujui) FILTER (WHERE pb.tanggal_sp2d >= @monthStart) AS bulan,
                      count(*) FILTER (WHERE pb.tanggal_sp2d >= @monthStart) AS baris_bulan
               ${PAID_LINES}
               GROUP BY tb.pinjaman_id) x
         CROSS JOIN pinjaman l ON l.id = x.pinjaman_id
         GROUP BY l.bank_id, tempat`,
      )
      .all({ from, monthStart, to }),
  );
  const cells = rows.map((r) => ({ cell: { bankId: r.bank_id, ...placeAt(places, r.tempat) }, r })).sort((a, b) => compareCells(a.cell, b.cell));
  return {
    year: cells.map(({ cell, r }) => ({ ...cell, jumlah: r.jumlah })),
    // A cell is in the month's list when a line of it was paid in the month (as subsidyPaidCells has it).
    month: cells.filter(({ r }) => r.baris_bulan > 0).map(({ cell, r }) => ({ ...cell, jumlah: r.bulan! })),
  };
}

/** Premiums settled by an insurer payment dated in [from, to], per cell of the loan, read from the payments. */
export function premiumPaidCells(db: Database, from: string, to: string): PaidCell[] {
  return toPaidCells(
    db
      .prepare<[{ from: string; to: string }], PaidRow>(
        `SELECT ${PAID_GROUP}, sum(pr.jumlah) AS jumlah
         FROM pembayaran_premi pp
         CROSS JOIN premi pr ON pr.pembayaran_premi_id = pp.id
         CROSS JOIN pinjaman l ON l.id = pr.pinjaman_id
         CROSS JOIN debitur d INDEXED BY debitur_kelompok ON d.id = l.debitur_id
         WHERE pp.tanggal_sp2d BETWEEN @from AND @to
         GROUP BY ${PAID_GROUP}`,
      )
      .all({ from, to }),
  );
}

/** What the SP2D themselves say (the certified totals) for payments dated in [from, to]. */
export function paymentTotals(db: Database, from: string, to: string): { subsidi: number; premi: number } {
  return db
    .prepare<[{ from: string; to: string }], { subsidi: number; premi: number }>(
      `SELECT (SELECT coalesce(sum(jumlah), 0) FROM pembayaran WHERE tanggal_sp2d BETWEEN @from AND @to) AS subsidi,
              (SELECT coalesce(sum(jumlah), 0) FROM pembayaran_premi WHERE tanggal_sp2d BETWEEN @from AND @to) AS premi`,
    )
    .get({ from, to })!;
}

/** Subsidy paid per month (YYYY-MM of the SP2D) for payments dated in [from, to]; months without payment are absent. */
export function subsidyPaidByMonth(db: Database, from: string, to: string): { periode: string; jumlah: number }[] {
  return db
    .prepare<[string, string], { periode: string; jumlah: number }>(
      'SELECT substr(tanggal_sp2d, 1, 7) AS periode, sum(jumlah) AS jumlah FROM pembayaran WHERE tanggal_sp2d BETWEEN ? AND ? GROUP BY 1',
    )
    .all(from, to);
}

/** Every row's name of a small reference table, by id. */
export function namesById(db: Database, table: 'bank' | 'kecamatan' | 'sektor'): Map<number, string> {
  return new Map(
    db
      .prepare<[], { id: number; nama: string }>(`SELECT id, nama FROM ${table}`)
      .all()
      .map((r) => [r.id, r.nama]),
  );
}

/** The active kecamatan's names, by name. */
export function activeKecamatanNames(db: Database): string[] {
  return db.prepare<[], string>('SELECT nama FROM kecamatan WHERE aktif = 1 ORDER BY nama').pluck().all();
}

/** The year's pagu summed per kind (subsidi_bunga, premi); kinds without a line are absent. */
export function paguByKind(db: Database, tahun: number): { jenis: string; pagu: number }[] {
  return db.prepare<[number], { jenis: string; pagu: number }>('SELECT jenis, coalesce(sum(jumlah), 0) AS pagu FROM pagu WHERE tahun = ? GROUP BY jenis').all(tahun);
}
