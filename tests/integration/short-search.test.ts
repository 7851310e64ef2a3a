import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../database/migrate';
import { listDebtors } from '../../database/repositories/debtors';
import { listLoans } from '../../database/repositories/loans';
import { SHORT_SEARCH_COUNT_CAP } from '../../database/repositories/sql';
import { call, createTempRuntime, type TempRuntime } from '../helpers/runtime';
import { plansOf, tableScans } from '../helpers/query-plans';

/**
 * Searches at 1,000,000 loans (issue 16): 1–2 characters (no trigram) count their matches only up
 * to a cap and say so (Page.totalCapped), the page still being exactly the first matches in the
 * list's order; the loan search finds part of an agreement number through its own trigram index
 * (migration loan_search). Checked against the raw rows: the demo data plus 1,200 debtors named
 * "Xaverius …" with a loan each, so "xa" matches more than the cap.
 */
let rt: TempRuntime;
const EXTRA = 1_200;
beforeAll(async () => {
  rt = createTempRuntime({ prefix: 'gs-short-search-' });
  await call(rt, 'app.loadDemo', {});
  const db = rt.db;
  db.transaction(() => {
    const debtor = db.prepare("INSERT INTO debitur (nik, nama, jenis_kelamin, tanggal_lahir, skala, nama_usaha, aktif) VALUES (?, ?, 'L', '1980-01-01', 'mikro', ?, ?)");
    for (let i = 1; i <= EXTRA; i++) {
      // Names out of id order (the page must follow the name), every tenth inactive.
      const n = (i * 7919) % EXTRA;
      debtor.run(`16030101018${String(i).padStart(5, '0')}`, `Xaverius ${String(n).padStart(4, '0')}`, i % 3 === 0 ? `Kios ${n}` : null, i % 10 === 0 ? 0 : 1);
    }
    // One loan per new debtor, dates spread over six years, copied from a demo loan's terms.
    db.prepare(
      `INSERT INTO pinjaman (debitur_id, bank_id, cabang_id, skema_id, nomor_rekening, nomor_akad, tanggal_akad, plafon, tenor_bulan, bunga_bank_persen, bunga_debitur_persen)
       SELECT d.id, t.bank_id, t.cabang_id, t.skema_id, '99' || d.id, 'SPK/' || d.id || '/XA', date('2020-01-01', '+' || ((d.id * 37) % 2190) || ' days'),
              t.plafon, t.tenor_bulan, t.bunga_bank_persen, t.bunga_debitur_persen
       FROM debitur d, (SELECT * FROM pinjaman ORDER BY id LIMIT 1) t WHERE d.nama LIKE 'Xaverius %'`,
    ).run();
  })();
});
afterAll(() => rt.dispose());

interface DebtorRaw {
  id: number;
  nik: string;
  nama: string;
  nama_usaha: string | null;
  aktif: number;
}
interface LoanRaw {
  id: number;
  tanggal_akad: string;
  nomor_rekening: string;
  nomor_akad: string;
  nik: string;
  nama: string;
  nama_usaha: string | null;
}
const has = (text: string | null, part: string) => (text ?? '').toLowerCase().includes(part.toLowerCase());
/** SQLite's NOCASE: ASCII letters folded, then compared byte by byte. */
const nocase = (a: string, b: string) => {
  const [x, y] = [a.replace(/[A-Z]/g, (c) => c.toLowerCase()), b.replace(/[A-Z]/g, (c) => c.toLowerCase())];
  return x < y ? -1 : x > y ? 1 : 0;
};
const debtorsRaw = () => rt.db.prepare<[], DebtorRaw>('SELECT id, nik, nama, nama_usaha, aktif FROM debitur').all();
const loansRaw = () =>
  rt.db
    .prepare<[], LoanRaw>('SELECT l.id, l.tanggal_akad, l.nomor_rekening, l.nomor_akad, d.nik, d.nama, d.nama_usaha FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id')
    .all();
const accountsOf = () => rt.db.prepare<[], { debitur_id: number; nomor_rekening: string }>('SELECT debitur_id, nomor_rekening FROM pinjaman').all();

/** What the debtor search must list for text of 1–2 characters: name or business name anywhere, an account number by prefix; by name. */
function expectedDebtors(part: string, includeInactive = false): number[] {
  const byAccount = new Set(
    accountsOf()
      .filter((a) => a.nomor_rekening.startsWith(part))
      .map((a) => a.debitur_id),
  );
  return debtorsRaw()
    .filter((d) => (includeInactive || d.aktif === 1) && (has(d.nama, part) || has(d.nama_usaha, part) || byAccount.has(d.id)))
    .sort((a, b) => nocase(a.nama, b.nama) || a.id - b.id)
    .map((d) => d.id);
}
/** What the loan search must list for text: debtor's name or business name, agreement number anywhere, account/agreement/NIK by prefix; newest akad first. */
function expectedLoans(part: string): number[] {
  return loansRaw()
    .filter((l) => has(l.nama, part) || has(l.nama_usaha, part) || has(l.nomor_akad, part) || [l.nomor_rekening, l.nomor_akad, l.nik].some((v) => v.startsWith(part)))
    .sort((a, b) => (a.tanggal_akad < b.tanggal_akad ? 1 : a.tanggal_akad > b.tanggal_akad ? -1 : b.id - a.id))
    .map((l) => l.id);
}

describe('a debtor search of 1–2 characters', () => {
  it('counts up to the cap and says so; each page is still the matches in name order', async () => {
    const expected = expectedDebtors('xa');
    expect(expected.length).toBeGreaterThan(SHORT_SEARCH_COUNT_CAP);
    const first = await call(rt, 'debtors.list', { search: 'xa', page: 1, pageSize: 50 });
    expect([first.total, first.totalCapped]).toEqual([SHORT_SEARCH_COUNT_CAP, true]);
    expect(first.rows.map((d) => d.id)).toEqual(expected.slice(0, 50));
    // The last page the capped total offers (rows 951–1,000), and the same in upper case.
    const last = await call(rt, 'debtors.list', { search: 'XA', page: SHORT_SEARCH_COUNT_CAP / 50, pageSize: 50 });
    expect([last.total, last.totalCapped]).toEqual([SHORT_SEARCH_COUNT_CAP, true]);
    expect(last.rows.map((d) => d.id)).toEqual(expected.slice(SHORT_SEARCH_COUNT_CAP - 50, SHORT_SEARCH_COUNT_CAP));
  });

  it('gives the exact total, not capped, when the matches are fewer than the cap', async () => {
    // "q": no debtor at all (the rare case: the page reads every debtor and says 0).
    const counts: number[] = [];
    for (const part of ['ki', 'q', 'zu']) {
      const expected = expectedDebtors(part);
      counts.push(expected.length);
      expect(expected.length, part).toBeLessThanOrEqual(SHORT_SEARCH_COUNT_CAP);
      const page = listDebtors(rt.db, { search: part, page: 1, pageSize: 500 });
      expect(page.totalCapped, part).toBeUndefined();
      expect(page.total, part).toBe(expected.length);
      expect(
        page.rows.map((d) => d.id),
        part,
      ).toEqual(expected.slice(0, 500));
      // A later page, whose count is not known from its own rows.
      const second = listDebtors(rt.db, { search: part, page: 2, pageSize: 10 });
      expect([second.total, second.totalCapped], part).toEqual([expected.length, undefined]);
      expect(second.rows.map((d) => d.id)).toEqual(expected.slice(10, 20));
    }
    expect(Math.min(...counts)).toBe(0);
    expect(Math.max(...counts)).toBeGreaterThan(20);
  });

  it('counts inactive debtors only when asked, as the page does', async () => {
    const active = expectedDebtors('xa');
    const all = expectedDebtors('xa', true);
    expect(all.length - active.length).toBe(EXTRA / 10);
    const page = await call(rt, 'debtors.list', { search: 'xa', includeInactive: true, page: 3, pageSize: 100 });
    expect(page.rows.map((d) => d.id)).toEqual(all.slice(200, 300));
    expect(page.totalCapped).toBe(true);
  });

  it('counts every match of 3 or more characters, however many (the trigram path)', async () => {
    const page = await call(rt, 'debtors.list', { search: 'xaverius', page: 1, pageSize: 50 });
    expect([page.total, page.totalCapped]).toEqual([expectedDebtors('xaverius').length, undefined]);
    expect(page.total).toBeGreaterThan(SHORT_SEARCH_COUNT_CAP);
  });
});

describe('a loan search of 1–2 characters', () => {
  it('counts up to the cap and says so; the page is the newest matching loans, walked or sorted', () => {
    const expected = expectedLoans('xa');
    expect(expected.length).toBeGreaterThan(SHORT_SEARCH_COUNT_CAP);
    // The app's walk, and a small one that makes the walk fall back to sorting the matches.
    for (const walk of [undefined, { min: 40, max: 300 }, { min: 2, max: 3 }]) {
      for (const [pageNo, size] of [
        [1, 50],
        [4, 50],
        [20, 50],
      ] as const) {
        const page = listLoans(rt.db, { search: 'xa', page: pageNo, pageSize: size }, walk);
        expect([page.total, page.totalCapped]).toEqual([SHORT_SEARCH_COUNT_CAP, true]);
        expect(
          page.rows.map((l) => l.id),
          `page ${pageNo}, walk ${JSON.stringify(walk)}`,
        ).toEqual(expected.slice((pageNo - 1) * size, pageNo * size));
      }
    }
  });

  it('gives the exact total of a rarer match with its rows', () => {
    for (const part of ['zu', 'q', 'Ka']) {
      const expected = expectedLoans(part);
      expect(expected.length, part).toBeLessThanOrEqual(SHORT_SEARCH_COUNT_CAP);
      for (const walk of [undefined, { min: 2, max: 3 }]) {
        const page = listLoans(rt.db, { search: part, page: 1, pageSize: 500 }, walk);
        expect([page.total, page.totalCapped], part).toEqual([expected.length, undefined]);
        expect(
          page.rows.map((l) => l.id),
          part,
        ).toEqual(expected.slice(0, 500));
      }
    }
  });
});

describe('the loan search by part of an agreement number (trigram index)', () => {
  it('finds a part of the agreement number anywhere, whatever its case, with the exact total', async () => {
    const some = loansRaw().find((l) => !l.nomor_akad.startsWith('SPK/'))!;
    // Digits alone are a number typed from its start (prefix), as before: the parts here hold a letter or a slash.
    for (const part of [some.nomor_akad.slice(2, 9).toLowerCase(), '/xa', some.nomor_akad.slice(-7)]) {
      const expected = expectedLoans(part);
      expect(expected.length, part).toBeGreaterThan(0);
      const page = await call(rt, 'loans.list', { search: part, page: 1, pageSize: 500 });
      expect(page.totalCapped, part).toBeUndefined();
      expect(page.total, part).toBe(expected.length);
      expect(
        page.rows.map((l) => l.id),
        part,
      ).toEqual(expected.slice(0, 500));
    }
  });

  it('follows every insert, change and deletion of a loan, whoever writes it', async () => {
    const db = rt.db;
    const loan = loansRaw().find((l) => l.nomor_akad.startsWith('SPK/'))!;
    const found = async (search: string) => (await call(rt, 'loans.list', { search, pageSize: 500 })).rows.map((l) => l.id);
    db.prepare("UPDATE pinjaman SET nomor_akad = 'PK-777/QQR/2026' WHERE id = ?").run(loan.id);
    expect(await found('777/qqr')).toEqual([loan.id]);
    expect(await found(`SPK/${loan.id - 0}`.slice(0, 3))).not.toContain(loan.id);
    db.prepare('DELETE FROM pinjaman WHERE id = ?').run(loan.id);
    expect(await found('777/qqr')).toEqual([]);
    // One entry per loan, under the loan's id.
    expect(db.prepare('SELECT rowid FROM pinjaman_cari ORDER BY rowid').all()).toEqual(db.prepare('SELECT id AS rowid FROM pinjaman ORDER BY id').all());
  });

  it('is filled by its migration with the loans already in the file', async () => {
    const db = rt.db;
    const migration = loadMigrations().find((m) => m.name === 'loan_search')!;
    // The file as it was before the update: no index, no triggers.
    db.exec('DROP TRIGGER pinjaman_cari_tambah; DROP TRIGGER pinjaman_cari_ubah; DROP TRIGGER pinjaman_cari_hapus; DROP TABLE pinjaman_cari;');
    db.exec(migration.sql);
    expect(db.prepare('SELECT rowid FROM pinjaman_cari ORDER BY rowid').all()).toEqual(db.prepare('SELECT id AS rowid FROM pinjaman ORDER BY id').all());
    const part = loansRaw()[10]!.nomor_akad.slice(3, 11);
    expect((await call(rt, 'loans.list', { search: part, pageSize: 500 })).rows.map((l) => l.id)).toEqual(expectedLoans(part).slice(0, 500));
  });

  it('reads a name or agreement number part through the indexes, never every loan or debtor', async () => {
    const plans = await plansOf(rt.db, () => listLoans(rt.db, { search: 'wati', page: 1, pageSize: 50 }));
    expect(plans.join('\n')).toMatch(/SCAN pinjaman_cari VIRTUAL TABLE/);
    expect(tableScans(plans)).toEqual([]);
  });
});
