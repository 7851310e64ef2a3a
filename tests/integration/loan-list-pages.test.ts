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
/** listLoans, with the SQL of the statements it read rows with (and their parameters). */
function listRecorded(query: LoanQuery, walk?: { min: number; max: number }): { page: ReturnType<typeof listLoans>; statements: { sql: string; params: unknown[] }[] } {
  const db = rt.db;
  const statements: { sql: string; params: unknown[] }[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    const all = stmt.all.bind(stmt) as (...p: unknown[]) => unknown[];
    (stmt as unknown as { all: (...p: unknown[]) => unknown[] }).all = (...params: unknown[]) => {
      statements.push({ sql, params });
      return all(...params);
    };
    return stmt;
  }) as typeof db.prepare;
  try {
    return { page: listLoans(db, query, walk), statements };
  } finally {
    db.prepare = prepare as typeof db.prepare;
  }
}
const WALK = 'INDEXED BY pinjaman_tanggal_akad';
/** The demo's ~thousand loans are fewer than the app looks through: a small walk makes every way of paging happen. */
const SMALL_WALK = { min: 40, max: 300 };

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
    const ways = new Set<string>();
    for (const [query, keep] of cases) {
      const expected = all.filter(keep).sort(newestFirst);
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
      for (const page of [1, 2, Math.ceil(expected.length / 20), Math.ceil(expected.length / 20) + 1]) {
        const { page: got, statements } = listRecorded({ ...query, page }, SMALL_WALK);
        const walked = statements.filter((s) => s.sql.includes(WALK)).length;
        ways.add(walked === 0 ? 'sorted' : statements.length === walked ? 'newest loans only' : 'newest loans, then sorted');
        expect(got.total, JSON.stringify(query)).toBe(expected.length);
        expect(
          got.rows.map((l) => l.id),
          `${JSON.stringify(query)} page ${page}`,
        ).toEqual(expected.slice((page - 1) * 20, page * 20).map((r) => r.id));
      }
    }
    // Every way of paging was exercised.
    expect([...ways].sort()).toEqual(['newest loans only', 'newest loans, then sorted']);
  });

  it("looks for a dense filter's page among the newest loans through the akad index", () => {
    const { statements } = listRecorded({ page: 1, pageSize: 20, bankId: rows()[0]!.bank_id }, SMALL_WALK);
    const walks = statements.filter((s) => s.sql.includes(WALK) && s.sql.includes('JOIN debitur'));
    expect(walks).toHaveLength(1);
    const [page] = walks;
    const plan = (rt.db.prepare(`EXPLAIN QUERY PLAN ${page!.sql}`).all(...(page!.params as [Record<string, unknown>])) as { detail: string }[]).map((r) => r.detail).join('\n');
    // Read from the newest down to the bound, in the page's order: nothing is sorted.
    expect(plan).toMatch(/SEARCH l USING INDEX pinjaman_tanggal_akad \(tanggal_akad>\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});
