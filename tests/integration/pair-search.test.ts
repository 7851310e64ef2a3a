import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../database/migrate';
import { listDebtors, type PairReading } from '../../database/repositories/debtors';
import { containsPattern, pairGroupFloor, prefixGlob, SHORT_SEARCH_COUNT_CAP } from '../../database/repositories/sql';
import { call, createTempRuntime, type TempRuntime } from '../helpers/runtime';
import { plansOf, tableScans } from '../helpers/query-plans';

/**
 * The debtor search of 2 characters through the pair index (migration debtor_pairs) lists exactly
 * what the obvious LIKE query lists: the same debtors in the same order, the exact count up to the
 * cap. Checked on the demo data plus 2,400 generated debtors whose names share their first
 * characters in large groups (the index orders matches by a name's first 6 characters only),
 * differ in case and accents, hold %, _ and quotes, or are shorter than 6 characters; with every
 * pair the names hold, each filter of the list, and pages on both sides of the cap.
 */
let rt: TempRuntime;
const FIRST = ['Mega', 'MEGA', 'mega', 'Megawati', 'Melati', 'Mélati', 'Me', 'M', 'Ahmad', 'Agus', "Ma'ruf", 'Ömer', 'Éme', 'a_b', '50%', 'Meg  Ann', 'émé', 'Zu'];
const LAST = ['Kusuma', 'Kurnia', 'Kartika', 'K.', '', 'Me', 'Sari', 'Zume', 'ME', '%me_', '"Kak"'];
const USAHA = [null, 'Warung Mega', 'Toko me', 'Kedai MÉ', 'Bengkel 88', 'x', 'Pempek'];
const GENERATED = 2_400;

beforeAll(async () => {
  rt = createTempRuntime({ prefix: 'gs-pair-search-' });
  await call(rt, 'app.loadDemo', {});
  const db = rt.db;
  const kecamatan = db.prepare<[], { id: number }>('SELECT id FROM kecamatan ORDER BY id').all();
  db.transaction(() => {
    const debtor = db.prepare(
      "INSERT INTO debitur (nik, nama, jenis_kelamin, tanggal_lahir, skala, nama_usaha, aktif, kecamatan_id) VALUES (?, ?, 'P', '1985-05-05', 'mikro', ?, ?, ?)",
    );
    for (let i = 1; i <= GENERATED; i++) {
      // Ids out of name order: the names walk the lists with different strides.
      const n = (i * 7919) % GENERATED;
      const nama = `${FIRST[n % FIRST.length]} ${LAST[(n * 31) % LAST.length]}${n % 5 === 0 ? ` ${n}` : ''}`.trim();
      debtor.run(`16030202028${String(i).padStart(5, '0')}`, nama, USAHA[(n * 13) % USAHA.length], i % 9 === 0 ? 0 : 1, kecamatan[n % kecamatan.length]!.id);
    }
    // Account numbers starting with letters for a few hundred of them: the search also finds a
    // debtor by the start of a loan's account number.
    db.prepare(
      `INSERT INTO pinjaman (debitur_id, bank_id, cabang_id, skema_id, nomor_rekening, nomor_akad, tanggal_akad, plafon, tenor_bulan, bunga_bank_persen, bunga_debitur_persen)
       SELECT d.id, t.bank_id, t.cabang_id, t.skema_id, iif(d.id % 2 = 0, 'ME', 'ZQ') || d.id, 'PAIR/' || d.id, '2024-03-01',
              t.plafon, t.tenor_bulan, t.bunga_bank_persen, t.bunga_debitur_persen
       FROM debitur d, (SELECT * FROM pinjaman ORDER BY id LIMIT 1) t WHERE d.nik LIKE '16030202028%' AND d.id % 7 = 0`,
    ).run();
  })();
});
afterAll(() => rt.dispose());

interface Filter {
  includeInactive?: boolean;
  kecamatanId?: number;
}

/** The obvious query: LIKE on the name and business name, an account number by prefix, by name. */
function expected(search: string, filter: Filter): number[] {
  return rt.db
    .prepare<[Record<string, unknown>], { id: number }>(
      `SELECT d.id FROM debitur d
       WHERE (@all = 1 OR d.aktif = 1) AND (@kecamatan IS NULL OR d.kecamatan_id = @kecamatan)
         AND (d.nama LIKE @like ESCAPE '\\' OR d.nama_usaha LIKE @like ESCAPE '\\'
              OR d.id IN (SELECT debitur_id FROM pinjaman WHERE nomor_rekening GLOB @prefix))
       ORDER BY d.nama COLLATE NOCASE, d.id`,
    )
    .all({ all: filter.includeInactive ? 1 : 0, kecamatan: filter.kecamatanId ?? null, like: containsPattern(search), prefix: prefixGlob(search) })
    .map((r) => r.id);
}

/**
 * Every page the screen offers (and one past the end) equals the obvious query's. `groupRead`: how
 * many matches of the page's last name group are read from the index before the rest of the group
 * is walked by name (small here, so that both ways run on this data).
 */
function expectSame(search: string, filter: Filter = {}, reading: PairReading = {}): number {
  const all = expected(search, filter);
  const capped = all.length > SHORT_SEARCH_COUNT_CAP;
  const shown = Math.min(all.length, SHORT_SEARCH_COUNT_CAP);
  for (const [page, pageSize] of [
    [1, 50],
    [2, 7],
    [Math.max(1, Math.ceil(shown / 50)), 50],
    [Math.ceil(shown / 50) + 1, 50],
  ] as const) {
    const got = listDebtors(rt.db, { search, ...filter, page, pageSize }, reading);
    const what = `"${search}" ${JSON.stringify(filter)} page ${page} of ${pageSize}, ${JSON.stringify(reading)}`;
    expect(
      got.rows.map((d) => d.id),
      what,
    ).toEqual(all.slice((page - 1) * pageSize, page * pageSize));
    expect([got.total, got.totalCapped], what).toEqual(capped ? [SHORT_SEARCH_COUNT_CAP, true] : [all.length, undefined]);
  }
  return all.length;
}

/** Every 2 characters the names and business names hold, as typed, upper-cased and lower-cased. */
function pairsOfNames(): string[] {
  const pairs = new Set<string>();
  for (const { nama, nama_usaha } of rt.db.prepare<[], { nama: string; nama_usaha: string | null }>("SELECT nama, nama_usaha FROM debitur WHERE nik LIKE '16030202028%'").all()) {
    for (const text of [nama, nama_usaha ?? '']) {
      const chars = [...text];
      for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!);
    }
  }
  // A search is trimmed (a pair with a space at either end is not a 2-character search); digits
  // alone are a NIK or an account number typed from its start.
  return [...pairs].filter((p) => p.trim() === p && !/^\d+$/.test(p));
}

describe('a debtor search of 2 characters through the pair index', () => {
  it('lists what the LIKE query lists, for every pair in the names, with and without the filters', () => {
    const pairs = pairsOfNames();
    expect(pairs.length).toBeGreaterThan(60);
    const kecamatanId = rt.db.prepare<[], { id: number }>('SELECT min(id) AS id FROM kecamatan').get()!.id;
    const counts: number[] = [];
    // Each filter with the app's group read and a small one (both ways of reading a large group),
    // spread over the pairs to keep the test short.
    const variants: [Filter, PairReading][] = [
      [{}, { groupRead: 2 }],
      [{ includeInactive: true }, {}],
      [{ includeInactive: true }, { groupRead: 40 }],
      [{ kecamatanId }, {}],
      [{ kecamatanId }, { groupRead: 2 }],
    ];
    for (const [i, pair] of [...pairs, 'ME', 'mE', 'MÉ', 'qx', 'zq', '%m', 'a_', '_b', '"k'].entries()) {
      counts.push(expectSame(pair));
      expectSame(pair, ...variants[i % variants.length]!);
    }
    // Both sides of the cap, and no match at all.
    expect(Math.max(...counts)).toBeGreaterThan(SHORT_SEARCH_COUNT_CAP);
    expect(counts.filter((n) => n > 0 && n <= SHORT_SEARCH_COUNT_CAP).length).toBeGreaterThan(10);
    expect(Math.min(...counts)).toBe(0);
  });

  it('lists a common pair of one kecamatan and a rarer one the same way as LIKE', () => {
    // 1,100 more debtors in one kecamatan holding "an": more matches there than the cap.
    const kecamatanId = rt.db.prepare<[], { id: number }>('SELECT max(id) AS id FROM kecamatan').get()!.id;
    const insert = rt.db.prepare(
      "INSERT INTO debitur (nik, nama, jenis_kelamin, tanggal_lahir, skala, nama_usaha, kecamatan_id) VALUES (?, ?, 'L', '1975-07-07', 'kecil', NULL, ?)",
    );
    rt.db.transaction(() => {
      for (let i = 1; i <= 1_100; i++) insert.run(`16030303038${String(i).padStart(5, '0')}`, `${i % 2 ? 'Anwar' : 'Hanan'} ${(i * 37) % 1_100}`, kecamatanId);
    })();
    for (const pair of ['an', 'AN', 'wa', 'na', 'me', 'qx']) {
      expectSame(pair, { kecamatanId });
      expectSame(pair, { kecamatanId }, { groupRead: 2 });
    }
    expect(expectSame('an', { kecamatanId })).toBeGreaterThan(SHORT_SEARCH_COUNT_CAP);
  });

  it('finds a debtor by the start of an account number, also when more than the cap do', () => {
    expect(expectSame('ZQ')).toBeGreaterThan(0);
    // Every generated debtor's account "MX…": more account matches than the cap (the name index walk).
    rt.db
      .prepare(
        `INSERT INTO pinjaman (debitur_id, bank_id, cabang_id, skema_id, nomor_rekening, nomor_akad, tanggal_akad, plafon, tenor_bulan, bunga_bank_persen, bunga_debitur_persen)
         SELECT d.id, t.bank_id, t.cabang_id, t.skema_id, 'MX' || d.id, 'PAIRX/' || d.id, '2024-04-01', t.plafon, t.tenor_bulan, t.bunga_bank_persen, t.bunga_debitur_persen
         FROM debitur d, (SELECT * FROM pinjaman ORDER BY id LIMIT 1) t WHERE d.nik LIKE '16030202028%'`,
      )
      .run();
    expect(expectSame('MX', { includeInactive: true })).toBeGreaterThan(SHORT_SEARCH_COUNT_CAP);
    expectSame('MX');
    // An account number is typed from its start as it is written (GLOB): "mx" finds none by account.
    expect(expectSame('mx')).toBe(0);
  });

  it('gives every debtor a key that never decreases along the name order', () => {
    const keys = rt.db
      .prepare<[], { grup: number }>('SELECT kunci >> 31 AS grup FROM debitur_pasangan_isi ORDER BY nama COLLATE NOCASE, id')
      .all()
      .map((r) => r.grup);
    expect(keys.length).toBeGreaterThan(GENERATED);
    expect(keys.every((k, i) => i === 0 || k >= keys[i - 1]!)).toBe(true);
    // Large groups (the page's exact sort is over one group at most past the page).
    expect(new Set(keys).size).toBeLessThan(keys.length / 2);
  });

  it('follows every insert, change of name or business name, and deletion, whoever writes it', () => {
    const db = rt.db;
    const id = (nik: string) => db.prepare<[string], { id: number }>('SELECT id FROM debitur WHERE nik = ?').get(nik)!.id;
    const a = id('1603020202800001');
    const b = id('1603020202800002');
    db.prepare("UPDATE debitur SET nama = 'Qorry Qxa' WHERE id = ?").run(a);
    db.prepare("UPDATE debitur SET nama_usaha = 'Jual QXQ' WHERE id = ?").run(b);
    db.prepare("INSERT INTO debitur (nik, nama, jenis_kelamin, tanggal_lahir, skala) VALUES ('1603020202899999', 'Aqxel', 'L', '1990-01-01', 'mikro')").run();
    const gone = id('1603020202800003');
    db.prepare('DELETE FROM pinjaman WHERE debitur_id = ?').run(gone);
    db.prepare('DELETE FROM debitur WHERE id = ?').run(gone);
    for (const pair of ['qx', 'xa', 'QX', 'me', 'ga', 'xq']) expectSame(pair, { includeInactive: true });
    expect(listDebtors(db, { search: 'qx', page: 1, pageSize: 10 }).total).toBe(3);
    // One entry per debtor, under the key its name gives now.
    expect(db.prepare('SELECT CAST(rowid AS TEXT) AS k FROM debitur_pasangan ORDER BY rowid').all()).toEqual(
      db.prepare('SELECT CAST(kunci AS TEXT) AS k FROM debitur_pasangan_isi ORDER BY kunci').all(),
    );
  });

  it('is filled by its migration with the debtors already in the file', () => {
    const db = rt.db;
    const migration = loadMigrations().find((m) => m.name === 'debtor_pairs')!;
    db.exec(`DROP TRIGGER debitur_pasangan_tambah; DROP TRIGGER debitur_pasangan_lepas; DROP TRIGGER debitur_pasangan_ubah; DROP TRIGGER debitur_pasangan_hapus;
             DROP VIEW debitur_pasangan_isi; DROP TABLE debitur_pasangan_kata; DROP TABLE debitur_pasangan;`);
    db.exec(migration.sql);
    expect(db.prepare('SELECT CAST(rowid AS TEXT) AS k FROM debitur_pasangan ORDER BY rowid').all()).toEqual(
      db.prepare('SELECT CAST(kunci AS TEXT) AS k FROM debitur_pasangan_isi ORDER BY kunci').all(),
    );
    for (const pair of ['me', 'Ku', 'é%', 'ga']) expectSame(pair);
  });

  it("walks a large group's part of the page by name from the group's lowest name", async () => {
    // Every page the capped total offers; on some the page's last group runs past the 1,001st match.
    const plans = await plansOf(rt.db, () => {
      for (let page = 1; page <= SHORT_SEARCH_COUNT_CAP / 50; page++) listDebtors(rt.db, { search: 'me', page, pageSize: 50 }, { groupRead: 2 });
    });
    expect(plans.join('\n')).toMatch(/SEARCH d USING INDEX debitur_nama \(nama>\?\)/);
    expect(tableScans(plans)).toEqual([]);
    // Each debtor's name starts with its group's floor (ASCII case folded), whatever its characters.
    const rows = rt.db.prepare<[], { nama: string; grup: number }>('SELECT d.nama, v.kunci >> 31 AS grup FROM debitur_pasangan_isi v JOIN debitur d ON d.id = v.id').all();
    expect(rows.some((r) => Buffer.byteLength(r.nama) > r.nama.length)).toBe(true);
    for (const { nama, grup } of rows) {
      const floor = pairGroupFloor(grup);
      // The name's whole characters within its first 4 bytes (UTF-8), ASCII case folded.
      let start = '';
      for (const c of nama.replace(/[A-Z]/g, (x) => x.toLowerCase())) {
        if (Buffer.byteLength(start + c) > 4) break;
        start += c;
      }
      expect(floor, nama).toBe(start);
    }
  });

  it('reads the matches through the indexes, never the whole debtor table', async () => {
    const plans = await plansOf(rt.db, () => listDebtors(rt.db, { search: 'me', page: 1, pageSize: 50 }));
    expect(plans.join('\n')).toMatch(/SCAN p VIRTUAL TABLE/);
    expect(tableScans(plans)).toEqual([]);
  });
});
