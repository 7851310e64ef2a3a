import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../electron/services/demo/seed';
import { decreeEntriesOfNik, decreeEntryNamer } from '../../database/repositories/decrees';
import { runLoans, type RunWindow } from '../../database/repositories/loans';
import type { DecreeEntry } from '../../electron/domain/decree';
import { createTempRuntime, TODAY, type TempRuntime } from '../helpers/runtime';

// The subsidy run reads the decree lines naming its loans' debtors with the loans themselves
// (runLoans: one row per line, the loan's rows one after another), named from small maps
// (decreeEntryNamer). For every loan of every bank's run, the lines must be exactly those the
// per-NIK lookup of the loan form finds, and a loan's rows must follow each other so that the run
// can take them loan by loan.

let rt: TempRuntime;

beforeAll(() => {
  rt = createTempRuntime({ prefix: 'gs-decree-stream-' });
  const db = rt.db;
  seedDemo(db, { today: TODAY, loans: 240, months: 12, seed: 977 });
  // Some people named twice in one decree (at another bank too), and some in a second decree:
  // several lines per NIK, with ids out of the decrees' order.
  const other = db.prepare('SELECT b.id AS bank_id, c.id AS cabang_id FROM bank b JOIN bank_cabang c ON c.bank_id = b.id ORDER BY b.id DESC, c.id LIMIT 1').get() as {
    bank_id: number;
    cabang_id: number;
  };
  db.prepare(
    `INSERT OR IGNORE INTO sk_penerima_baris (sk_id, nik, nama, bank_id, cabang_id, plafon)
     SELECT sk_id, nik, nama, ?, ?, NULL FROM sk_penerima_baris WHERE id % 5 = 0`,
  ).run(other.bank_id, other.cabang_id);
});
afterAll(() => rt.dispose());

const banks = () => rt.db.prepare('SELECT id FROM bank ORDER BY id').pluck().all() as number[];

/**
 * Per loan of the run, the loans in the order their rows come (a loan once, however many rows)
 * and the decree entries its rows carry, sorted by line id as the run sorts them.
 */
function streamed(w: RunWindow): { order: number[]; rows: number; entries: Map<number, DecreeEntry[]> } {
  const name = decreeEntryNamer(rt.db);
  const entries = new Map<number, [number, DecreeEntry][]>();
  const order: number[] = [];
  let rows = 0;
  for (const row of runLoans(rt.db, w, '2026-04', '2026-05')) {
    rows++;
    const loanId = row[0];
    if (order.at(-1) !== loanId) order.push(loanId);
    const [lineId, skId, bankId, cabangId, plafon] = row.slice(23) as [number | null, number | null, number | null, number | null, number | null];
    if (lineId === null) continue;
    const list = entries.get(loanId) ?? [];
    list.push([lineId, name(skId!, bankId!, cabangId!, plafon)]);
    entries.set(loanId, list);
  }
  return { order, rows, entries: new Map([...entries].map(([id, list]) => [id, list.sort((a, b) => a[0] - b[0]).map(([, e]) => e)])) };
}

/** The run's loans as loansOfBankForPeriod's filter and order give them (the test's own query). */
function loansOfRun(w: RunWindow): number[] {
  return rt.db
    .prepare(
      `SELECT id FROM pinjaman WHERE bank_id = ? AND tanggal_pencairan IS NOT NULL AND tanggal_pencairan <= ?
       AND status IN ('aktif', 'lunas', 'macet', 'klaim', 'hapus_buku') AND (tanggal_lunas IS NULL OR tanggal_lunas >= ?) ORDER BY nomor_rekening`,
    )
    .pluck()
    .all(w.bankId, w.lastDay, w.firstDay) as number[];
}

describe('the run’s decree lines (with the loans, runLoans)', () => {
  it('are, loan by loan and in the loans’ order, the lines the per-NIK lookup finds', () => {
    const nikOf = rt.db.prepare('SELECT d.nik FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id WHERE l.id = ?').pluck();
    let named = 0;
    let several = 0;
    for (const bankId of banks()) {
      const w: RunWindow = { bankId, firstDay: '2026-05-01', lastDay: '2026-06-01' };
      const loans = loansOfRun(w);
      const { order, rows, entries } = streamed(w);
      // Every loan once, in the loans' order: a loan's rows (one per decree line) follow each other.
      expect(order).toEqual(loans);
      let lines = 0;
      for (const id of loans) {
        const expected = decreeEntriesOfNik(rt.db, nikOf.get(id) as string);
        expect(entries.get(id) ?? []).toEqual(expected);
        if (expected.length > 0) named++;
        if (expected.length > 1) several++;
        lines += Math.max(expected.length, 1);
      }
      expect(rows).toBe(lines);
    }
    expect(named).toBeGreaterThan(100);
    expect(several).toBeGreaterThan(10);
  });

  it('are none without decrees: one row per loan', () => {
    rt.db.prepare('DELETE FROM sk_penerima_baris').run();
    for (const bankId of banks()) {
      const w: RunWindow = { bankId, firstDay: '2026-05-01', lastDay: '2026-06-01' };
      const { order, rows, entries } = streamed(w);
      expect(order).toEqual(loansOfRun(w));
      expect(rows).toBe(order.length);
      expect(entries.size).toBe(0);
    }
  });
});
