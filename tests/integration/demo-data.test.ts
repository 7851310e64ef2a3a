import { describe, expect, it } from 'vitest';
import { call, createTempRuntime, useTempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-demo-' });

describe('demo loans', () => {
  it('give every bank a month to run: eligible lines with a working, bad loans excluded by kol', async () => {
    await call(rt(), 'app.loadDemo', {});
    const banks = await call(rt(), 'banks.list', {});
    let eligible = 0;
    let excludedByKol = 0;
    for (const bank of banks) {
      const run = await call(rt(), 'subsidy.run', { bankId: bank.id, periodeAwal: '2026-10' });
      for (const line of run.lines) {
        if (line.layak) {
          eligible++;
          expect(line.rincian!.jumlah).toBeGreaterThan(0);
          // The bank reported last month for every running loan, so its figure was used; only a
          // loan paid off during the month has no month-end report.
          if (line.rincian!.dariJadwal) {
            const loan = await call(rt(), 'loans.get', { id: line.pinjamanId });
            expect(loan.tanggalLunas?.slice(0, 7)).toBe('2026-10');
          }
        }
        if (line.alasan === 'kol_melebihi_batas') excludedByKol++;
      }
      expect(run.total).toBe(run.lines.reduce((s, l) => s + (l.rincian?.jumlah ?? 0), 0));
    }
    expect(eligible).toBeGreaterThan(50);
    expect(excludedByKol).toBeGreaterThan(0);
  });

  it('is the same for the same seed and date', async () => {
    await call(rt(), 'app.loadDemo', {});
    const dump = (db: ReturnType<typeof rt>['db']) =>
      JSON.stringify(db.prepare('SELECT nomor_rekening, plafon, tenor_bulan, tanggal_akad, status, tanggal_lunas FROM pinjaman ORDER BY id').all()) +
      JSON.stringify(db.prepare('SELECT pinjaman_id, periode, outstanding, kol FROM posisi_bank ORDER BY id').all());
    const first = dump(rt().db);
    const other = createTempRuntime({ prefix: 'gs-demo2-' });
    try {
      await call(other, 'app.loadDemo', {});
      expect(dump(other.db)).toBe(first);
    } finally {
      other.dispose();
    }
  });
});
