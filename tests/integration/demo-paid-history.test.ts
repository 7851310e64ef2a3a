import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../electron/services/demo/seed';
import { computeSubsidyRun } from '../../electron/services/subsidy/run';
import { TODAY, createTempRuntime } from '../helpers/runtime';

/** The large data set's paid history (CLI seed-demo; the bench): claims and SP2Ds for all but the last months. */
describe('demo paid history', () => {
  it('pays every bank-month up to three months before today, each exactly its run, and the run then says "already paid"', () => {
    const withHistory = createTempRuntime({ prefix: 'gs-paid-' });
    const without = createTempRuntime({ prefix: 'gs-unpaid-' });
    try {
      const opts = { today: TODAY, loans: 120, months: 12, seed: 7 };
      const summary = seedDemo(withHistory.db, { ...opts, paidHistory: { unpaidMonths: 3 } });
      seedDemo(without.db, opts);
      const db = withHistory.db;
      const months = (db.prepare('SELECT DISTINCT periode FROM periode_dibayar ORDER BY periode').all() as { periode: string }[]).map((r) => r.periode);
      expect(months.length).toBeGreaterThan(3);
      expect(months.at(-1)).toBe('2026-07'); // August, September and October stay to be claimed
      expect(summary.tagihanDibayar).toBe((db.prepare('SELECT count(*) AS n FROM tagihan').get() as { n: number }).n);

      const banks = db.prepare('SELECT id FROM bank').all() as { id: number }[];
      let checked = 0;
      for (const periode of ['2026-07', months[0]!]) {
        for (const { id: bankId } of banks) {
          // The same data set without the history: what the bank was owed for the month.
          const owed = computeSubsidyRun(without.db, { bankId, periodeAwal: periode, periodeAkhir: periode });
          const eligible = owed.lines.filter((l) => l.layak && l.rincian!.jumlah > 0);
          const paid = db
            .prepare(
              `SELECT coalesce(sum(p.jumlah), 0) AS total, count(*) AS n FROM pembayaran p JOIN tagihan t ON t.id = p.tagihan_id
               WHERE t.bank_id = ? AND t.periode_awal = ? AND t.status = 'dibayar'`,
            )
            .get(bankId, periode) as { total: number; n: number };
          expect(paid.total).toBe(eligible.reduce((s, l) => s + l.rincian!.jumlah, 0));
          expect(paid.n).toBe(eligible.length > 0 ? 1 : 0);
          const now = computeSubsidyRun(db, { bankId, periodeAwal: periode, periodeAkhir: periode });
          expect(now.lines.filter((l) => l.alasan === 'sudah_dibayar').length).toBe(eligible.length);
          expect(now.total).toBe(0);
          checked += eligible.length;
        }
      }
      expect(checked).toBeGreaterThan(0);
      // SP2Ds are dated the 15th of the following month and charged to that year's subsidy pagu.
      const sp2d = db
        .prepare(
          "SELECT p.tanggal_sp2d, g.tahun, g.jenis FROM pembayaran p JOIN pagu g ON g.id = p.pagu_id JOIN tagihan t ON t.id = p.tagihan_id WHERE t.periode_awal = '2026-07' LIMIT 1",
        )
        .get() as { tanggal_sp2d: string; tahun: number; jenis: string };
      expect(sp2d).toEqual({ tanggal_sp2d: '2026-08-15', tahun: 2026, jenis: 'subsidi_bunga' });
    } finally {
      withHistory.dispose();
      without.dispose();
    }
  });
});
