import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../electron/services/demo/seed';
import { decreeEntriesForBank, decreeEntriesOfNik } from '../../database/repositories/decrees';
import { createTempRuntime, TODAY, type TempRuntime } from '../helpers/runtime';

// The subsidy run reads a bank's decree entries in one query, driven from whichever side is
// smaller (the bank's loans, or the decree lines). Both ways must give, for every NIK of the
// bank's debtors, exactly the entries the per-NIK lookup of the loan form gives, in its order.

let rt: TempRuntime;

beforeAll(() => {
  rt = createTempRuntime({ prefix: 'gs-decree-bank-' });
  seedDemo(rt.db, { today: TODAY, loans: 240, months: 12, seed: 977 });
});
afterAll(() => rt.dispose());

/** Per NIK of the bank's debtors, the entries decreeEntriesOfNik finds (NIKs without any left out). */
function expectedFor(bankId: number) {
  const niks = rt.db.prepare('SELECT DISTINCT d.nik FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id WHERE l.bank_id = ? ORDER BY d.nik').pluck().all(bankId) as string[];
  return new Map(niks.map((nik) => [nik, decreeEntriesOfNik(rt.db, nik)] as const).filter(([, entries]) => entries.length > 0));
}

const sorted = <V>(m: Map<string, V>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
const banks = () => rt.db.prepare('SELECT id FROM bank ORDER BY id').pluck().all() as number[];
const count = (sql: string, ...args: unknown[]) =>
  rt.db
    .prepare(sql)
    .pluck()
    .get(...args) as number;

describe('decreeEntriesForBank', () => {
  it('equals the per-NIK lookup when the decrees name more people than the bank has loans', () => {
    let checked = 0;
    for (const bankId of banks()) {
      // The demo's decrees name nearly every debtor of every bank: more lines than one bank's loans.
      expect(count('SELECT count(*) FROM sk_penerima_baris')).toBeGreaterThan(count('SELECT count(*) FROM pinjaman WHERE bank_id = ?', bankId));
      const expected = expectedFor(bankId);
      expect(sorted(decreeEntriesForBank(rt.db, bankId))).toEqual(sorted(expected));
      checked += expected.size;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('equals the per-NIK lookup when the decree lines are fewer than the bank’s loans, and is empty without decrees', () => {
    // Keep every seventh line (some of them naming a person at another bank than the one asked).
    rt.db.prepare('DELETE FROM sk_penerima_baris WHERE id % 7 <> 0').run();
    let checked = 0;
    for (const bankId of banks()) {
      expect(count('SELECT count(*) FROM sk_penerima_baris')).toBeLessThanOrEqual(count('SELECT count(*) FROM pinjaman WHERE bank_id = ?', bankId));
      const expected = expectedFor(bankId);
      expect(sorted(decreeEntriesForBank(rt.db, bankId))).toEqual(sorted(expected));
      checked += expected.size;
    }
    expect(checked).toBeGreaterThan(5);
    rt.db.prepare('DELETE FROM sk_penerima_baris').run();
    for (const bankId of banks()) expect(decreeEntriesForBank(rt.db, bankId).size).toBe(0);
  });
});
