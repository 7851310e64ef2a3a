import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../database/migrate';
import { listLoans, type LoanPairReading, type LoanQuery } from '../../database/repositories/loans';
import { containsPattern, prefixGlob, SHORT_SEARCH_COUNT_CAP } from '../../database/repositories/sql';
import { call, createTempRuntime, type TempRuntime } from '../helpers/runtime';
import { plansOf, tableScans } from '../helpers/query-plans';

/**
 * The loan search of 2 characters through the pair indexes (migrations loan_pairs, debtor_pairs)
 * lists exactly what the obvious query lists: the same loans in the same order, the exact count up
 * to the cap (else "more than"). Checked on the demo data plus 2,400 generated loans whose
 * agreement numbers and debtors' names differ in case and accents, hold %, _ and quotes or are 1–2
 * characters long, spread over the banks, schemes, statuses, kecamatan and the latest month's kol;
 * with every pair they hold, each filter of the list, and pages on both sides of the cap.
 */
let rt: TempRuntime;
const FIRST = ['Mega', 'MEGA', 'Melati', 'Mélati', 'Me', 'M', 'Ahmad', "Ma'ruf", 'Ömer', 'a_b', '50%', 'Zu'];
const LAST = ['Kusuma', 'K.', '', 'Sari', 'Zume', '%me_', '"Kak"'];
const USAHA = [null, 'Warung Mega', 'Toko me', 'Kedai MÉ', 'x'];
const AKAD = ['AKAD/2024/', 'akad-', 'SPK%_', 'Pk.Mé/', 'qz"', 'É', 'M', 'mE'];
const STATUS = ['aktif', 'aktif', 'lunas', 'macet', 'diajukan'];
const GENERATED = 2_400;

beforeAll(async () => {
  rt = createTempRuntime({ prefix: 'gs-loan-pair-search-' });
  await call(rt, 'app.loadDemo', {});
  const db = rt.db;
  const kecamatan = db.prepare<[], { id: number }>('SELECT id FROM kecamatan ORDER BY id').all();
  const banks = db.prepare<[], { id: number }>('SELECT id FROM bank ORDER BY id').all();
  const schemes = db.prepare<[], { id: number }>('SELECT id FROM skema ORDER BY id').all();
  const periode = db.prepare<[], { p: string }>('SELECT max(periode) AS p FROM posisi_bank').get()!.p;
  db.transaction(() => {
    const debtor = db.prepare("INSERT INTO debitur (nik, nama, jenis_kelamin, tanggal_lahir, skala, nama_usaha, kecamatan_id) VALUES (?, ?, 'P', '1985-05-05', 'mikro', ?, ?)");
    const loan = db.prepare(
      `INSERT INTO pinjaman (debitur_id, bank_id, skema_id, nomor_rekening, nomor_akad, tanggal_akad, tanggal_pencairan, tanggal_lunas, plafon, tenor_bulan, bunga_bank_persen, bunga_debitur_persen, status)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, t.plafon, t.tenor_bulan, t.bunga_bank_persen, t.bunga_debitur_persen, ? FROM (SELECT * FROM pinjaman ORDER BY id LIMIT 1) t`,
    );
    const position = db.prepare('INSERT INTO posisi_bank (pinjaman_id, periode, outstanding, kol) VALUES (?, ?, 1000000, ?)');
    for (let i = 1; i <= GENERATED; i++) {
      const n = (i * 7919) % GENERATED;
      const nama = `${FIRST[n % FIRST.length]} ${LAST[(n * 31) % LAST.length]}${n % 5 === 0 ? ` ${n}` : ''}`.trim();
      // A debtor for two of every three loans; the third goes to the previous one (two loans).
      const debiturId =
        i % 3 === 0
          ? db.prepare<[], { id: number }>('SELECT max(id) AS id FROM debitur').get()!.id
          : Number(debtor.run(`16030404048${String(i).padStart(5, '0')}`, nama, USAHA[(n * 13) % USAHA.length], kecamatan[n % kecamatan.length]!.id).lastInsertRowid);
      const prefix = AKAD[(n * 3) % AKAD.length]!;
      // Short agreement numbers ("É", "M", "mE") once per bank; the others numbered.
      const akad = prefix.length <= 2 && i > AKAD.length * banks.length ? `${prefix}${prefix}/${i}` : prefix.length <= 2 ? prefix : `${prefix}${i}`;
      // Dates in few distinct days: ties ordered by id.
      const tanggal = `2023-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 3) + 1).padStart(2, '0')}`;
      const bank = banks[i % banks.length]!.id;
      const status = STATUS[n % STATUS.length]!;
      const id = Number(
        loan.run(
          debiturId,
          bank,
          schemes[n % schemes.length]!.id,
          `${i % 4 === 0 ? 'Me' : 'ZQ'}${i}`,
          akad,
          tanggal,
          status === 'diajukan' ? null : tanggal,
          status === 'lunas' ? '2024-06-01' : null,
          status,
        ).lastInsertRowid,
      );
      if (i % 2 === 0) position.run(id, periode, (n % 5) + 1);
    }
  })();
});
afterAll(() => rt.dispose());

type Filter = Pick<LoanQuery, 'bankId' | 'skemaId' | 'status' | 'kecamatanId' | 'kol'>;

/** The obvious query: prefixes (account, agreement, NIK) or LIKE on the agreement number and the debtor's names, newest akad first. */
function expected(search: string, f: Filter): number[] {
  const kols = f.kol ?? [];
  return rt.db
    .prepare<[Record<string, unknown>], { id: number }>(
      `SELECT l.id FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id
       WHERE (@bank IS NULL OR l.bank_id = @bank) AND (@skema IS NULL OR l.skema_id = @skema) AND (@status IS NULL OR l.status = @status)
         AND (@kecamatan IS NULL OR d.kecamatan_id = @kecamatan)
         AND (@kols = '[]' OR l.id IN (SELECT pinjaman_id FROM posisi_bank WHERE periode = (SELECT max(periode) FROM posisi_bank) AND kol IN (SELECT value FROM json_each(@kols))))
         AND (l.nomor_rekening GLOB @prefix OR l.nomor_akad GLOB @prefix OR d.nik GLOB @prefix
              OR l.nomor_akad LIKE @like ESCAPE '\\' OR d.nama LIKE @like ESCAPE '\\' OR d.nama_usaha LIKE @like ESCAPE '\\')
       ORDER BY l.tanggal_akad DESC, l.id DESC`,
    )
    .all({
      bank: f.bankId ?? null,
      skema: f.skemaId ?? null,
      status: f.status ?? null,
      kecamatan: f.kecamatanId ?? null,
      kols: JSON.stringify(kols),
      like: containsPattern(search),
      prefix: prefixGlob(search),
    })
    .map((r) => r.id);
}

/** Every page the screen offers around the cap (and one past the end) equals the obvious query's. */
function expectSame(search: string, filter: Filter, reading: LoanPairReading = {}): number {
  const all = expected(search, filter);
  const capped = all.length > SHORT_SEARCH_COUNT_CAP;
  const shown = Math.min(all.length, SHORT_SEARCH_COUNT_CAP);
  for (const [page, pageSize] of [
    [1, 50],
    [2, 7],
    [Math.max(1, Math.ceil(shown / 50)), 50],
    [Math.ceil(shown / 50) + 1, 50],
  ] as const) {
    const got = listLoans(rt.db, { search, ...filter, page, pageSize }, undefined, reading);
    const what = `"${search}" ${JSON.stringify(filter)} page ${page} of ${pageSize}, ${JSON.stringify(reading)}`;
    expect(
      got.rows.map((l) => l.id),
      what,
    ).toEqual(all.slice((page - 1) * pageSize, page * pageSize));
    expect([got.total, got.totalCapped], what).toEqual(capped ? [SHORT_SEARCH_COUNT_CAP, true] : [all.length, undefined]);
  }
  return all.length;
}

/** Every 2 characters the generated agreement numbers and names hold, as typed and upper-cased. */
function pairsOfLoans(): string[] {
  const pairs = new Set<string>();
  const rows = rt.db
    .prepare<[], { nomor_akad: string; nama: string; nama_usaha: string | null }>(
      "SELECT l.nomor_akad, d.nama, d.nama_usaha FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id WHERE d.nik LIKE '16030404048%'",
    )
    .all();
  for (const r of rows) {
    for (const text of [r.nomor_akad, r.nama, r.nama_usaha ?? '']) {
      const chars = [...text];
      for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!);
    }
  }
  // A search is trimmed; digits alone are an account number or a NIK typed from its start.
  return [...pairs].filter((p) => p.trim() === p && !/^\d+$/.test(p));
}

describe('a loan search of 2 characters through the pair indexes', () => {
  it('lists what the obvious query lists, for every pair, with each filter', () => {
    const db = rt.db;
    const one = (sql: string) => db.prepare<[], { id: number }>(sql).get()!.id;
    const filters: Filter[] = [
      {},
      { bankId: one('SELECT min(id) AS id FROM bank') },
      { skemaId: one('SELECT max(id) AS id FROM skema') },
      { status: 'macet' },
      { kecamatanId: one('SELECT min(id) AS id FROM kecamatan') },
      { kol: [3, 4] },
      { bankId: one('SELECT max(id) AS id FROM bank'), status: 'aktif', kol: [1] },
    ];
    const pairs = [...pairsOfLoans(), 'AK', 'mÉ', 'qx', '%_', 'Z"', 'É/'];
    expect(pairs.length).toBeGreaterThan(60);
    const counts: number[] = [];
    for (const [i, pair] of pairs.entries()) {
      // Without a filter: as the app reads, all matches read when fewer than 2,000, or never (the
      // walk), so every way runs here (spread over the pairs to keep the test short).
      counts.push(expectSame(pair, {}, [{}, { all: 2_000, allFrom: 0 }, { all: 0, allFrom: 0 }][i % 3]));
      // Each filter, through the pair indexes (dense 1) or not (0) or as the app decides.
      expectSame(pair, filters[i % filters.length]!, [{}, { dense: 1 }, { dense: 0 }][i % 3]);
    }
    expect(Math.max(...counts)).toBeGreaterThan(SHORT_SEARCH_COUNT_CAP);
    expect(counts.filter((n) => n > 0 && n <= SHORT_SEARCH_COUNT_CAP).length).toBeGreaterThan(10);
    expect(Math.min(...counts)).toBe(0);
    for (const filter of filters) for (const pair of ['me', 'ak', 'qx', 'É']) for (const reading of [{}, { dense: 1 }]) expectSame(pair, filter, reading);
    // ~1,300 pages, each checked against the obvious query: seconds alone, more beside other test files.
  }, 120_000);

  it('reads the matches through indexes, never a whole loan or debtor table, with each filter', async () => {
    const bankId = rt.db.prepare<[], { id: number }>('SELECT min(id) AS id FROM bank').get()!.id;
    const plans = await plansOf(rt.db, () => {
      for (const filter of [{}, { bankId, status: 'aktif' as const }, { kol: [2] }, { kecamatanId: 1 }])
        listLoans(rt.db, { search: 'qx', ...filter, page: 1, pageSize: 50 }, undefined, { dense: 1 });
    });
    // A pair matching more than the cap, all its matches read: its page walks the akad index, no sort.
    const capped = await plansOf(rt.db, () => expect(listLoans(rt.db, { search: 'ak', page: 4, pageSize: 50 }).totalCapped).toBe(true));
    expect(capped.join('\n')).toMatch(/SCAN l USING INDEX pinjaman_tanggal_akad/);
    expect(capped.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    expect(tableScans(capped)).toEqual([]);
    const all = plans.join('\n');
    expect(all).toMatch(/SCAN a VIRTUAL TABLE/);
    expect(all).toMatch(/SCAN dp VIRTUAL TABLE/);
    // The debtors' loans through pinjaman_debitur, whatever the filter (not the bank's index).
    expect(all).toMatch(/SEARCH l USING INDEX pinjaman_debitur \(debitur_id=\?\)/);
    expect(tableScans(plans)).toEqual([]);
  });

  it('follows every insert, change of agreement number, and deletion, whoever writes it', () => {
    const db = rt.db;
    const [a, b, c] = db
      .prepare<[], { id: number }>("SELECT l.id FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id WHERE d.nik LIKE '16030404048%' ORDER BY l.id LIMIT 3")
      .all();
    db.prepare("UPDATE pinjaman SET nomor_akad = 'QXW/' || id WHERE id = ?").run(a!.id);
    db.prepare('DELETE FROM posisi_bank WHERE pinjaman_id = ?').run(c!.id);
    db.prepare('DELETE FROM pinjaman WHERE id = ?').run(c!.id);
    db.prepare(
      `INSERT INTO pinjaman (debitur_id, bank_id, skema_id, nomor_rekening, nomor_akad, tanggal_akad, plafon, tenor_bulan, bunga_bank_persen, bunga_debitur_persen)
       SELECT debitur_id, bank_id, skema_id, 'NEW-1', 'akad-qX', '2025-01-01', plafon, tenor_bulan, bunga_bank_persen, bunga_debitur_persen FROM pinjaman WHERE id = ?`,
    ).run(b!.id);
    for (const pair of ['qx', 'QX', 'xw', 'w/', 'ak']) expectSame(pair, {});
    expect(listLoans(db, { search: 'qx', page: 1, pageSize: 10 }).total).toBe(2);
    // One entry per loan, under its agreement number now.
    const held = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM pinjaman_pasangan WHERE pinjaman_pasangan MATCH \'"qxw"\'').get()!.n;
    expect(held).toBe(1);
  });

  it('is filled by its migration with the loans already in the file', () => {
    const db = rt.db;
    const migration = loadMigrations().find((m) => m.name === 'loan_pairs')!;
    db.exec(`DROP TRIGGER pinjaman_pasangan_tambah; DROP TRIGGER pinjaman_pasangan_ubah; DROP TRIGGER pinjaman_pasangan_hapus;
             DROP TABLE pinjaman_pasangan_kata; DROP TABLE pinjaman_pasangan;`);
    db.exec(migration.sql);
    for (const pair of ['ak', 'qx', 'pk', 'É', '%_', 'Mé']) expectSame(pair, {});
    expect(expected('pk', {}).length).toBeGreaterThan(0);
  });
});
