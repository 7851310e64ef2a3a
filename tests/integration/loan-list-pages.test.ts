import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLoans, type LoanQuery } from '../../database/repositories/loans';
import { call, createTempRuntime, type TempRuntime } from '../helpers/runtime';

/**
 * The loan list's pages at scale (issue 16): a filter keeping many loans is paged by walking the
 * akad index, a rare one by reading its loans and sorting them, and kol alone is counted from the
 * month's positions. Whichever way, each page must be exactly the filter's loans, newest akad
 * first, with their total: checked here against the raw rows of the demo data, for filters on
 * both sides of the 1-in-100 line.
 */
let rt: TempRuntime;
beforeAll(async () => {
  rt = createTempRuntime({ prefix: 'gs-loan-pages-' });
  await call(rt, 'app.loadDemo', {});
});
afterAll(() => rt.dispose());

interface Row {
  id: number;
  tanggal_akad: string;
  bank_id: number;
  status: string;
  debitur_id: number;
  kecamatan_id: number | null;
}

const rows = () =>
  rt.db.prepare<[], Row>('SELECT l.id, l.tanggal_akad, l.bank_id, l.status, l.debitur_id, d.kecamatan_id FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id').all();
const kolOf = (periode: string) =>
  new Map(
    rt.db
      .prepare<[string], { pinjaman_id: number; kol: number }>('SELECT pinjaman_id, kol FROM posisi_bank WHERE periode = ?')
      .all(periode)
      .map((p) => [p.pinjaman_id, p.kol]),
  );
const newestFirst = (a: Row, b: Row) => (a.tanggal_akad === b.tanggal_akad ? b.id - a.id : a.tanggal_akad < b.tanggal_akad ? 1 : -1);

describe('loans.list pages, dense and rare filters alike', () => {
  it('gives each page of the filtered loans newest akad first, with the total', () => {
    const all = rows();
    const latest = rt.db.prepare<[], { p: string }>('SELECT max(periode) AS p FROM posisi_bank').get()!.p;
    const kolLatest = kolOf(latest);
    const kolJune = kolOf('2026-06');
    const some = all[Math.floor(all.length / 2)]!;
    const cases: [LoanQuery, (r: Row) => boolean][] = [
      [{ page: 1, pageSize: 20 }, () => true],
      [{ page: 1, pageSize: 20, bankId: some.bank_id }, (r) => r.bank_id === some.bank_id],
      [{ page: 1, pageSize: 20, status: 'lunas' }, (r) => r.status === 'lunas'],
      [{ page: 1, pageSize: 20, kol: [1] }, (r) => kolLatest.get(r.id) === 1],
      [{ page: 1, pageSize: 20, kol: [3, 4, 5] }, (r) => (kolLatest.get(r.id) ?? 0) >= 3],
      [{ page: 1, pageSize: 20, kol: [2], periodePosisi: '2026-06' }, (r) => kolJune.get(r.id) === 2],
      [{ page: 1, pageSize: 20, kol: [1], bankId: some.bank_id }, (r) => kolLatest.get(r.id) === 1 && r.bank_id === some.bank_id],
      [{ page: 1, pageSize: 20, debiturId: some.debitur_id }, (r) => r.debitur_id === some.debitur_id],
      [{ page: 1, pageSize: 20, kecamatanId: some.kecamatan_id ?? undefined }, (r) => r.kecamatan_id === some.kecamatan_id],
    ];
    const shares = new Set<string>();
    for (const [query, keep] of cases) {
      const expected = all.filter(keep).sort(newestFirst);
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
      shares.add(expected.length * 100 >= all.length ? 'dense' : 'rare');
      for (const page of [1, 2, Math.ceil(expected.length / 20) + 1]) {
        const got = listLoans(rt.db, { ...query, page });
        expect(got.total, JSON.stringify(query)).toBe(expected.length);
        expect(
          got.rows.map((l) => l.id),
          `${JSON.stringify(query)} page ${page}`,
        ).toEqual(expected.slice((page - 1) * 20, page * 20).map((r) => r.id));
      }
    }
    // Both ways of paging were exercised.
    expect([...shares].sort()).toEqual(['dense', 'rare']);
  });

  it('pages a dense filter by walking the akad index, without sorting the loans it selects', () => {
    const db = rt.db;
    const bank = rows()[0]!.bank_id;
    // The statements listLoans runs, with their parameters, then their query plans.
    const seen: { sql: string; params: unknown[] }[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      const stmt = prepare(sql);
      const all = stmt.all.bind(stmt) as (...p: unknown[]) => unknown[];
      (stmt as unknown as { all: (...p: unknown[]) => unknown[] }).all = (...params: unknown[]) => {
        seen.push({ sql, params });
        return all(...params);
      };
      return stmt;
    }) as typeof db.prepare;
    try {
      listLoans(db, { page: 1, pageSize: 20, bankId: bank });
    } finally {
      db.prepare = prepare as typeof db.prepare;
    }
    const page = seen.find((s) => s.sql.includes('ORDER BY l.tanggal_akad DESC'))!;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${page.sql}`).all(...(page.params as [Record<string, unknown>])) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/SCAN l USING INDEX pinjaman_tanggal_akad/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});
