import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../electron/services/demo/seed';
import { computeSubsidyRun } from '../../electron/services/subsidy/run';
import { computeSubsidyRunReference } from '../../electron/services/subsidy/reference';
import { runLoans, type RunWindow } from '../../database/repositories/loans';
import { createTempRuntime, TODAY, type TempRuntime } from '../helpers/runtime';

// The run's read path of the fourth round (issue 16): the loans' query carries the decree lines
// naming the debtor (one row per line) instead of a second stream over the same loans. Compared,
// loan by loan, with the two queries of the third round as they were (kept here as the test's
// own SQL), and the whole run line by line with the plain reference run (reference.ts), on a
// generated set with restructurings, several banks, debtors named in several decree lines (at
// two banks, in two decrees) and months the bank did not report.

let rt: TempRuntime;

/** The third round's loans query and its decree stream, as they were in database/repositories/loans.ts. */
const WHERE = `l.bank_id = @bankId AND l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan <= @lastDay
  AND l.status IN ('aktif', 'lunas', 'macet', 'klaim', 'hapus_buku')
  AND (l.tanggal_lunas IS NULL OR l.tanggal_lunas >= @firstDay)`;
const OLD_LOANS = `SELECT l.id, l.debitur_id, l.skema_id, l.nomor_rekening, d.nama, d.nik, CAST(substr(l.tanggal_akad, 1, 4) AS INTEGER),
       l.tanggal_pencairan, l.plafon, l.tenor_bulan, l.bunga_bank_persen, l.bunga_debitur_persen, l.tanggal_angsuran_pertama,
       l.status IN ('aktif', 'macet'), l.tanggal_lunas,
       p0.outstanding, p0.kol, p0.angsuran_dibayar, p1.outstanding, p1.kol, p1.angsuran_dibayar, pd.periode IS NOT NULL,
       l.cabang_id
  FROM pinjaman l
  JOIN debitur d ON d.id = l.debitur_id
  LEFT JOIN posisi_bank p0 ON p0.pinjaman_id = l.id AND p0.periode = @previousPeriod
  LEFT JOIN posisi_bank p1 ON p1.pinjaman_id = l.id AND p1.periode = @firstPeriod
  LEFT JOIN periode_dibayar pd ON pd.pinjaman_id = l.id AND pd.periode = @firstPeriod
  WHERE ${WHERE} ORDER BY l.nomor_rekening`;
const OLD_DECREES = `SELECT l.id, b.id, b.sk_id, b.bank_id, b.cabang_id, b.plafon
  FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id JOIN sk_penerima_baris b ON b.nik = d.nik
  WHERE ${WHERE} ORDER BY l.nomor_rekening`;

type Value = number | string | null;
/** A loan as a read path gives it: its row (the loan's own 23 columns) and its decree lines by line id. */
interface ReadLoan {
  row: Value[];
  decrees: Value[][];
}

function oldReadPath(w: RunWindow, previousPeriod: string, firstPeriod: string): ReadLoan[] {
  const params = { ...w, previousPeriod, firstPeriod };
  const loans = (rt.db.prepare(OLD_LOANS).raw().all(params) as Value[][]).map((row) => ({ row, decrees: [] as Value[][] }));
  const byId = new Map(loans.map((l) => [l.row[0], l]));
  for (const [loanId, ...line] of rt.db.prepare(OLD_DECREES).raw().all(w) as Value[][]) byId.get(loanId!)!.decrees.push(line);
  for (const l of loans) l.decrees.sort((a, b) => Number(a[0]) - Number(b[0]));
  return loans;
}

function newReadPath(w: RunWindow, previousPeriod: string, firstPeriod: string): ReadLoan[] {
  const out: ReadLoan[] = [];
  for (const row of runLoans(rt.db, w, previousPeriod, firstPeriod) as Iterable<Value[]>) {
    const own = row.slice(0, 23);
    const line = row.slice(23);
    // A loan's rows follow each other; its own columns are the same on each.
    let last = out.at(-1);
    if (last === undefined || last.row[0] !== own[0]) out.push((last = { row: own, decrees: [] }));
    else expect(own).toEqual(last.row);
    if (line[0] !== null) last.decrees.push(line);
  }
  for (const l of out) l.decrees.sort((a, b) => Number(a[0]) - Number(b[0]));
  return out;
}

const banks = () => rt.db.prepare('SELECT id FROM bank ORDER BY id').pluck().all() as number[];

beforeAll(() => {
  rt = createTempRuntime({ prefix: 'gs-run-read-' });
  const db = rt.db;
  seedDemo(db, { today: TODAY, loans: 320, months: 24, seed: 16004 });
  // Debtors named again: at the last bank (every 5th line) and in a decree of the next year (every 7th).
  const other = db.prepare('SELECT b.id AS bank_id, c.id AS cabang_id FROM bank b JOIN bank_cabang c ON c.bank_id = b.id ORDER BY b.id DESC, c.id LIMIT 1').get() as {
    bank_id: number;
    cabang_id: number;
  };
  db.prepare(
    `INSERT OR IGNORE INTO sk_penerima_baris (sk_id, nik, nama, bank_id, cabang_id, plafon)
     SELECT sk_id, nik, nama, ?, ?, NULL FROM sk_penerima_baris WHERE id % 5 = 0`,
  ).run(other.bank_id, other.cabang_id);
  const later = Number(
    db
      .prepare("INSERT INTO sk_penerima (nomor, tanggal, tahun, skema_id, dibuat_oleh, diubah_oleh) SELECT 'SK/UJI/LANJUT', '2026-01-02', 2026, min(id), 'uji', 'uji' FROM skema")
      .run().lastInsertRowid,
  );
  db.prepare(
    `INSERT OR IGNORE INTO sk_penerima_baris (sk_id, nik, nama, bank_id, cabang_id, plafon)
     SELECT ?, nik, nama, bank_id, cabang_id, plafon FROM sk_penerima_baris WHERE id % 7 = 0`,
  ).run(later);
  // Months the bank did not report: the run falls back on the schedule (and the month before on its own figure).
  db.prepare("DELETE FROM posisi_bank WHERE (pinjaman_id % 6 = 0 AND periode = '2026-05') OR (pinjaman_id % 4 = 1 AND periode = '2026-04')").run();
});
afterAll(() => rt.dispose());

describe('the run’s read path (loans with their decree lines in one query)', () => {
  it('gives, loan by loan, what the two queries of the third round gave', () => {
    let loans = 0;
    let several = 0;
    let unreported = 0;
    for (const bankId of banks()) {
      for (const [previous, first, firstDay, lastDay] of [
        ['2026-04', '2026-05', '2026-05-01', '2026-06-01'],
        ['2025-12', '2026-01', '2026-01-01', '2026-07-01'],
      ] as const) {
        const w: RunWindow = { bankId, firstDay, lastDay };
        const before = oldReadPath(w, previous, first);
        const after = newReadPath(w, previous, first);
        expect(after.map((l) => l.row[0])).toEqual(before.map((l) => l.row[0]));
        for (let i = 0; i < before.length; i++) {
          if (!isDeepStrictEqual(after[i], before[i]))
            expect.fail(`bank ${bankId}, ${first}, loan ${String(before[i]!.row[0])}:\n${JSON.stringify(after[i])}\n${JSON.stringify(before[i])}`);
          if (before[i]!.decrees.length > 1) several++;
          if (before[i]!.row[16] === null || before[i]!.row[19] === null) unreported++;
        }
        loans += before.length;
      }
    }
    expect(loans).toBeGreaterThan(300);
    expect(several).toBeGreaterThan(20);
    expect(unreported).toBeGreaterThan(20);
  });

  it('gives the reference run’s lines, every bank, a month and a range, restructured loans and unreported months included', () => {
    const restructured = new Set(rt.db.prepare('SELECT DISTINCT pinjaman_id FROM restrukturisasi').pluck().all() as number[]);
    let lines = 0;
    let restructuredLines = 0;
    let fromSchedule = 0;
    for (const bankId of banks()) {
      for (const [periodeAwal, periodeAkhir] of [
        ['2026-05', '2026-05'],
        ['2026-01', '2026-06'],
      ] as const) {
        const req = { bankId, periodeAwal, periodeAkhir };
        const fast = computeSubsidyRun(rt.db, req);
        const reference = computeSubsidyRunReference(rt.db, req);
        expect(fast.lines.length).toBe(reference.lines.length);
        for (let i = 0; i < reference.lines.length; i++) {
          if (!isDeepStrictEqual(fast.lines[i], reference.lines[i]))
            expect.fail(`bank ${bankId}, ${periodeAwal}–${periodeAkhir}, line ${i}:\n${JSON.stringify(fast.lines[i])}\n${JSON.stringify(reference.lines[i])}`);
          const l = reference.lines[i]!;
          if (restructured.has(l.pinjamanId)) restructuredLines++;
          if (l.rincian?.dariJadwal) fromSchedule++;
        }
        expect({ ...fast, lines: [] }).toEqual({ ...reference, lines: [] });
        lines += reference.lines.length;
      }
    }
    expect(lines).toBeGreaterThan(1000);
    expect(restructuredLines).toBeGreaterThan(10);
    expect(fromSchedule).toBeGreaterThan(20);
  });
});
