import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../database/connection';
import { loadMigrations, migrate } from '../../database/migrate';
import { listDebtors } from '../../database/repositories/debtors';
import type { Debtor } from '../../electron/contract';
import { call, useTempRuntime } from '../helpers/runtime';
import { makeNik } from '../helpers/nik';

/**
 * The debtor search through the trigram index (migration debtor_search): what the clerk types is
 * found anywhere in the name or business name, whatever its case or accents, and the index follows
 * every insert, change and deletion of a debtor because the database's triggers keep it.
 */
const rt = useTempRuntime({ prefix: 'gs-debtor-search-' });

const PEOPLE: [nama: string, namaUsaha: string | null][] = [
  ['André Wijaya', 'Bengkel Motor Andre'],
  ["Ma'ruf Hidayat", 'Warung "Barokah"'],
  ['ÉLISE Pratiwi', null],
  ['Siti Zulaikha', 'Kedai Kopi Zul'],
  ['Zainal Abidin', 'Toko Kelontong 50% Hemat'],
];

async function seed(): Promise<Debtor[]> {
  const saved: Debtor[] = [];
  for (const [i, [nama, namaUsaha]] of PEOPLE.entries()) {
    const nik = makeNik({ day: i + 1, month: i + 1, yy: 80 + i, female: nama.startsWith('Siti') || nama.startsWith('ÉL'), serial: i + 1 });
    saved.push(await call(rt(), 'debtors.save', { nik, nama, namaUsaha, skala: 'mikro' }));
  }
  return saved;
}

const found = async (search: string, extra: Record<string, unknown> = {}) => (await call(rt(), 'debtors.list', { search, ...extra })).rows.map((d) => d.nama);

describe('debtor search through the trigram index', () => {
  it('finds a part of the name or business name whatever its case, and ignores accents', async () => {
    await seed();
    expect(await found('wijaya')).toEqual(['André Wijaya']);
    expect(await found('WIJAYA')).toEqual(['André Wijaya']);
    // "andre" is in the name with an accent and in the business name without one.
    expect(await found('andre')).toEqual(['André Wijaya']);
    expect(await found('ANDRÉ')).toEqual(['André Wijaya']);
    // Case folding is not only ASCII: "élise" finds "ÉLISE", and so does "elise".
    expect(await found('élise')).toEqual(['ÉLISE Pratiwi']);
    expect(await found('elise')).toEqual(['ÉLISE Pratiwi']);
    expect(await found('kopi zul')).toEqual(['Siti Zulaikha']);
    expect(await found('xyz')).toEqual([]);
  });

  it('takes apostrophes, quotes, % and search operators literally', async () => {
    await seed();
    expect(await found("ma'ruf")).toEqual(["Ma'ruf Hidayat"]);
    expect(await found("a'r")).toEqual(["Ma'ruf Hidayat"]);
    expect(await found('"barokah"')).toEqual(["Ma'ruf Hidayat"]);
    expect(await found('50% hemat')).toEqual(['Zainal Abidin']);
    expect(await found('50%')).toEqual(['Zainal Abidin']);
    // FTS5 syntax typed by a clerk is text, not a query: no error, no match.
    expect(await found('NOT')).toEqual([]);
    expect(await found('zul*')).toEqual([]);
    expect(await found('nama:siti')).toEqual([]);
  });

  it('matches 1–2 characters anywhere too (no trigram: LIKE, ASCII case ignored)', async () => {
    await seed();
    expect(await found('z')).toEqual(['Siti Zulaikha', 'Zainal Abidin']);
    expect(await found('ZU')).toEqual(['Siti Zulaikha']);
    expect(await found("'r")).toEqual(["Ma'ruf Hidayat"]);
    expect(await found('%')).toEqual(['Zainal Abidin']);
  });

  it('pages the matches by name with their total; a page past the end still has the total', async () => {
    await seed();
    // "aya" is in Wijaya and in Hidayat.
    const p1 = await call(rt(), 'debtors.list', { search: 'aya', page: 1, pageSize: 1 });
    expect([p1.total, p1.rows.map((d) => d.nama)]).toEqual([2, ['André Wijaya']]);
    const p2 = await call(rt(), 'debtors.list', { search: 'aya', page: 2, pageSize: 1 });
    expect([p2.total, p2.rows.map((d) => d.nama)]).toEqual([2, ["Ma'ruf Hidayat"]]);
    const past = await call(rt(), 'debtors.list', { search: 'aya', page: 5, pageSize: 1 });
    expect([past.total, past.rows]).toEqual([2, []]);
  });

  it('keeps the index right after an insert, a change of name or business name, and a deletion', async () => {
    const saved = await seed();
    const zainal = saved[4]!;
    // A change through the service.
    await call(rt(), 'debtors.save', { id: zainal.id, versi: zainal.versi, nik: zainal.nik, nama: 'Zainuddin Abidin', namaUsaha: 'Toko Sembako', skala: 'mikro' });
    expect(await found('zainal')).toEqual([]);
    expect(await found('hemat')).toEqual([]);
    expect(await found('zainud')).toEqual(['Zainuddin Abidin']);
    expect(await found('sembako')).toEqual(['Zainuddin Abidin']);
    // Writes that bypass the services (a script, the sqlite3 shell) are followed too.
    const db = rt().db;
    db.prepare("UPDATE debitur SET nama_usaha = 'Kios Pulsa' WHERE id = ?").run(saved[3]!.id);
    expect(await found('kopi zul')).toEqual([]);
    expect(await found('pulsa')).toEqual(['Siti Zulaikha']);
    db.prepare('DELETE FROM debitur WHERE id = ?').run(saved[0]!.id);
    expect(await found('wijaya')).toEqual([]);
    db.prepare(
      "INSERT INTO debitur (nik, nama, jenis_kelamin, tanggal_lahir, skala, nama_usaha) VALUES ('1603012001990009', 'Wijaya Kusuma', 'L', '1999-01-20', 'mikro', NULL)",
    ).run();
    expect(await found('wijaya')).toEqual(['Wijaya Kusuma']);
    // A status change leaves the index alone; the filter on aktif still applies.
    db.prepare('UPDATE debitur SET aktif = 0 WHERE id = ?').run(saved[1]!.id);
    expect(await found('hidayat')).toEqual([]);
    expect(await found('hidayat', { includeInactive: true })).toEqual(["Ma'ruf Hidayat"]);
    // The index holds exactly one entry per debtor, under the debtor's id.
    expect(db.prepare('SELECT rowid FROM debitur_cari ORDER BY rowid').all()).toEqual(db.prepare('SELECT id AS rowid FROM debitur ORDER BY id').all());
  });

  it('finds the same debtors as a plain substring test over every debtor of the demo data', async () => {
    await call(rt(), 'app.loadDemo', {});
    const db = rt().db;
    const all = db.prepare<[], { id: number; nama: string; nama_usaha: string | null }>('SELECT id, nama, nama_usaha FROM debitur WHERE aktif = 1').all();
    const has = (text: string | null, part: string) => (text ?? '').toLowerCase().includes(part.toLowerCase());
    // Parts of names and business names of several lengths, from the data itself.
    const parts = [all[3]!.nama.slice(1, 4), all[10]!.nama.slice(2, 8), (all.find((d) => d.nama_usaha)?.nama_usaha ?? 'Toko').slice(0, 5), 'wati', 'an', 'i'];
    for (const part of parts) {
      const expected = all.filter((d) => has(d.nama, part) || has(d.nama_usaha, part)).map((d) => d.id);
      const page = listDebtors(db, { search: part, page: 1, pageSize: 500 });
      expect(page.total, part).toBe(expected.length);
      if (expected.length <= 500)
        expect(
          page.rows.map((d) => d.id).sort((a, b) => a - b),
          part,
        ).toEqual(expected.sort((a, b) => a - b));
    }
  });

  it('reads the matches through the trigram index and the narrow debitur_urut index, never the whole debtor table', async () => {
    await call(rt(), 'app.loadDemo', {});
    const plan = rt()
      .db.prepare<[string], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT d.id, count(*) OVER () AS n FROM debitur d INDEXED BY debitur_urut
           WHERE d.aktif = 1 AND d.id IN (SELECT rowid FROM debitur_cari WHERE debitur_cari MATCH ?) ORDER BY d.nama COLLATE NOCASE, d.id LIMIT 50`,
      )
      .all('"wati"')
      .map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/SEARCH d USING COVERING INDEX debitur_urut \(id=\?/);
    expect(plan.join('\n')).toMatch(/SCAN debitur_cari VIRTUAL TABLE/);
  });
});

describe("one kecamatan's debtors", () => {
  it('are counted and paged by name from one index, never the debtor rows', async () => {
    await call(rt(), 'app.loadDemo', {});
    const db = rt().db;
    const kecamatanId = db.prepare<[], { k: number }>('SELECT kecamatan_id AS k FROM debitur WHERE kecamatan_id IS NOT NULL LIMIT 1').get()!.k;
    const page = await call(rt(), 'debtors.list', { kecamatanId, pageSize: 20 });
    const expected = db
      .prepare<[number], { id: number }>('SELECT id FROM debitur WHERE aktif = 1 AND kecamatan_id = ? ORDER BY nama COLLATE NOCASE, id')
      .all(kecamatanId)
      .map((r) => r.id);
    expect([page.total, page.rows.map((d) => d.id)]).toEqual([expected.length, expected.slice(0, 20)]);
    for (const sql of [
      'SELECT count(*) AS n FROM debitur d WHERE d.aktif = 1 AND d.kecamatan_id = ?',
      'SELECT d.id FROM debitur d WHERE d.aktif = 1 AND d.kecamatan_id = ? ORDER BY d.nama COLLATE NOCASE, d.id LIMIT 50',
    ]) {
      const plan = db
        .prepare<[number], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(kecamatanId)
        .map((r) => r.detail);
      expect(plan).toEqual(['SEARCH d USING COVERING INDEX debitur_kecamatan_nama (kecamatan_id=? AND aktif=?)']);
    }
  });
});

describe('migration debtor_search', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('fills the index with the debtors already in the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-debtor-search-mig-'));
    dirs.push(dir);
    const file = path.join(dir, 'data.sqlite');
    const all = loadMigrations();
    const at = all.findIndex((m) => m.name === 'debtor_search');
    expect(at).toBeGreaterThan(0);
    const raw = new BetterSqlite3(file);
    migrate(raw, all.slice(0, at));
    const insert = raw.prepare("INSERT INTO debitur (nik, nama, jenis_kelamin, tanggal_lahir, skala, nama_usaha) VALUES (?, ?, 'L', '1980-01-01', 'mikro', ?)");
    insert.run('1603010101800001', 'Hendra Gunawan', 'Percetakan Sinar');
    insert.run('1603010101800002', 'Rudi Hartono', null);
    raw.close();

    const db = openDatabase(file);
    try {
      const names = (search: string) => listDebtors(db, { search, page: 1, pageSize: 50 }).rows.map((d) => d.nama);
      expect(names('gunawan')).toEqual(['Hendra Gunawan']);
      expect(names('sinar')).toEqual(['Hendra Gunawan']);
      expect(names('hart')).toEqual(['Rudi Hartono']);
      expect(names('ono')).toEqual(['Rudi Hartono']);
    } finally {
      db.close();
    }
  });
});
