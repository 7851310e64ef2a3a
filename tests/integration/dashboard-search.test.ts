import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTempRuntime, type TempRuntime } from '../helpers/runtime';
import { plansOf, tableScans } from '../helpers/query-plans';

/**
 * The search boxes over NIK, name, business name and account number, and the loan-list filters
 * the dashboard links to (kol in a month, kecamatan), on the demo data: each answer is compared
 * with a filter written here over the raw rows, and the searches that must answer as the clerk
 * types at 100,000 rows are checked to read indexes, not whole tables (EXPLAIN QUERY PLAN).
 */
interface Row {
  id: number;
  debitur_id: number;
  nomor_rekening: string;
  nomor_akad: string;
  nik: string;
  nama: string;
  nama_usaha: string | null;
  kecamatan_id: number | null;
  aktif: number;
}

let rt: TempRuntime;
beforeAll(async () => {
  rt = createTempRuntime({ prefix: 'gs-dashboard-search-' });
  await call(rt, 'app.loadDemo', {});
});
afterAll(() => rt.dispose());

const loanRows = () =>
  rt.db
    .prepare('SELECT l.id, l.debitur_id, l.nomor_rekening, l.nomor_akad, d.nik, d.nama, d.nama_usaha, d.kecamatan_id, d.aktif FROM pinjaman l, debitur d WHERE d.id = l.debitur_id')
    .all() as Row[];
const debtorRows = () => rt.db.prepare('SELECT id, nik, nama, nama_usaha, aktif FROM debitur').all() as Pick<Row, 'id' | 'nik' | 'nama' | 'nama_usaha' | 'aktif'>[];
const has = (text: string | null, part: string) => (text ?? '').toLowerCase().includes(part.toLowerCase());
const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);

async function loansFound(input: Record<string, unknown>): Promise<number[]> {
  const page = await call(rt, 'loans.list', { pageSize: 500, ...input });
  expect(page.total).toBe(page.rows.length);
  return ids(page.rows);
}
async function debtorsFound(search: string): Promise<number[]> {
  const page = await call(rt, 'debtors.list', { search, pageSize: 500 });
  expect(page.total).toBe(page.rows.length);
  return ids(page.rows);
}

describe('search as you type', () => {
  it('finds loans by business name, a word the debtor’s name does not contain', async () => {
    const all = loanRows();
    const part = 'ebun Kar'; // Kebun Karet
    const expected = all.filter((r) => has(r.nama_usaha, part) || has(r.nama, part) || has(r.nomor_akad, part) || r.nomor_rekening.startsWith(part) || r.nik.startsWith(part));
    expect(expected.length).toBeGreaterThan(2);
    expect(expected.every((r) => !has(r.nama, part))).toBe(true);
    expect(await loansFound({ search: part })).toEqual(ids(expected));
  });

  it('finds a loan by the first digits of its account number, and of the NIK', async () => {
    const all = loanRows();
    const some = all[17]!;
    for (const prefix of [some.nomor_rekening.slice(0, 6), some.nik.slice(0, 9)]) {
      const expected = all.filter((r) => r.nomor_rekening.startsWith(prefix) || r.nik.startsWith(prefix) || r.nomor_akad.startsWith(prefix));
      expect(expected.length).toBeGreaterThan(0);
      expect(await loansFound({ search: prefix })).toEqual(ids(expected));
    }
    expect(await loansFound({ search: some.nomor_rekening })).toContain(some.id);
  });

  it('finds the debtor of an account number, and debtors by business name and NIK as before', async () => {
    const loans = loanRows();
    const debtors = debtorRows().filter((d) => d.aktif === 1);
    const some = loans[42]!;
    const prefix = some.nomor_rekening.slice(0, 7);
    const byAccount = new Set(loans.filter((l) => l.nomor_rekening.startsWith(prefix)).map((l) => l.debitur_id));
    const expected = debtors.filter((d) => d.nik.startsWith(prefix) || byAccount.has(d.id));
    expect(expected.map((d) => d.id)).toContain(some.debitur_id);
    expect(await debtorsFound(prefix)).toEqual(ids(expected));
    // The whole account number: exactly that debtor.
    expect(await debtorsFound(some.nomor_rekening)).toEqual([some.debitur_id]);

    const nikPrefix = some.nik.slice(0, 8);
    expect(await debtorsFound(nikPrefix)).toEqual(
      ids(debtors.filter((d) => d.nik.startsWith(nikPrefix) || loans.some((l) => l.debitur_id === d.id && l.nomor_rekening.startsWith(nikPrefix)))),
    );
    const word = 'ernak'; // Ternak Sapi, Ternak Ayam
    const byWord = debtors.filter((d) => has(d.nama, word) || has(d.nama_usaha, word));
    expect(byWord.length).toBeGreaterThan(2);
    expect(await debtorsFound(word)).toEqual(ids(byWord));
  });

  it('answers digits (NIK, account number) from indexes, never reading the whole loan or debtor table', async () => {
    const some = loanRows()[5]!;
    const loanPlans = await plansOf(rt.db, () => call(rt, 'loans.list', { search: some.nomor_rekening.slice(0, 5) }));
    const debtorPlans = await plansOf(rt.db, () => call(rt, 'debtors.list', { search: some.nomor_rekening.slice(0, 5) }));
    // The loans' count and page; the debtors' page (a page that is not full is its own count).
    expect([loanPlans.length >= 2, debtorPlans.length >= 1]).toEqual([true, true]);
    const plans = [...loanPlans, ...debtorPlans];
    expect(tableScans(plans)).toEqual([]);
    expect(plans.join('\n')).toMatch(/SEARCH pinjaman USING COVERING INDEX sqlite_autoindex_pinjaman_1 \(bank_id=\? AND nomor_rekening>\? AND nomor_rekening<\?\)/);
  });
});

describe('the loan list filters the dashboard links to', () => {
  it('kol in a month: the loans whose bank position that month has that kol', async () => {
    const positions = rt.db.prepare("SELECT pinjaman_id, kol FROM posisi_bank WHERE periode = '2026-06'").all() as { pinjaman_id: number; kol: number }[];
    const bad = positions
      .filter((p) => p.kol >= 3)
      .map((p) => p.pinjaman_id)
      .sort((a, b) => a - b);
    expect(bad.length).toBeGreaterThan(0);
    expect(await loansFound({ kol: [3, 4, 5], periodePosisi: '2026-06' })).toEqual(bad);
    expect(await loansFound({ kol: [1], periodePosisi: '2026-06' })).toEqual(
      positions
        .filter((p) => p.kol === 1)
        .map((p) => p.pinjaman_id)
        .sort((a, b) => a - b),
    );
    // Without a month: the latest month reported.
    const latest = rt.db.prepare('SELECT pinjaman_id FROM posisi_bank WHERE periode = (SELECT max(periode) FROM posisi_bank) AND kol = 5').all() as { pinjaman_id: number }[];
    expect(await loansFound({ kol: [5] })).toEqual(latest.map((p) => p.pinjaman_id).sort((a, b) => a - b));
  });

  it('kecamatan: the loans of debtors living there, with the other filters', async () => {
    const all = loanRows();
    const kec = all[3]!.kecamatan_id!;
    expect(await loansFound({ kecamatanId: kec })).toEqual(ids(all.filter((r) => r.kecamatan_id === kec)));
    const statuses = new Map((rt.db.prepare('SELECT id, status FROM pinjaman').all() as { id: number; status: string }[]).map((r) => [r.id, r.status]));
    expect(await loansFound({ kecamatanId: kec, status: 'aktif' })).toEqual(ids(all.filter((r) => r.kecamatan_id === kec && statuses.get(r.id) === 'aktif')));
  });
});
