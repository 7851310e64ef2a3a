import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../electron/services/demo/seed';
import { debtorsByPlace, monthCells } from '../../electron/services/reports/snapshot';
import { debtorsByPlace as debtorsByPlaceCounted } from '../../database/repositories/monthly-summary';
import { periodLastDay } from '../../electron/domain/loan';
import { createTempRuntime, TODAY, type TempRuntime } from '../helpers/runtime';

// The monthly summary's debtors per place (kecamatan, sector, scale, gender) are derived from the
// month's cube (distinct debtors per bank, less the debtors counted at several banks). They must
// equal a count over every loan, and a count in JavaScript, for every month, with debtors holding
// running loans at two and three banks, at one bank twice, and paid off at one of their banks.

let rt: TempRuntime;

beforeAll(() => {
  rt = createTempRuntime({ prefix: 'gs-summary-debtors-' });
  const db = rt.db;
  seedDemo(db, { today: TODAY, loans: 360, months: 18, seed: 5150 });
  const loans = db.prepare("SELECT id, bank_id FROM pinjaman WHERE tanggal_pencairan IS NOT NULL AND status NOT IN ('diajukan', 'disetujui', 'ditolak') ORDER BY id").all() as {
    id: number;
    bank_id: number;
  }[];
  const debtorOf = db.prepare('SELECT debitur_id FROM pinjaman WHERE id = ?').pluck();
  const move = db.prepare('UPDATE pinjaman SET debitur_id = ? WHERE id = ?');
  // Every 9th loan's debtor takes over the next one, two or three loans (whatever their bank).
  for (let i = 0; i + 3 < loans.length; i += 9) {
    const debtor = debtorOf.get(loans[i]!.id) as number;
    for (let k = 1; k <= 1 + (i % 3); k++) move.run(debtor, loans[i + k]!.id);
  }
});
afterAll(() => rt.dispose());

/** Debtors per place counted in JavaScript from the loans' rows. */
function countedInJs(periode: string): Map<string, number> {
  const end = periodLastDay(periode);
  const rows = rt.db
    .prepare(
      `SELECT l.debitur_id, d.kecamatan_id, d.sektor_id, d.skala, d.jenis_kelamin, l.tanggal_pencairan, l.tanggal_lunas, l.status
       FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id`,
    )
    .all() as {
    debitur_id: number;
    kecamatan_id: number | null;
    sektor_id: number | null;
    skala: string;
    jenis_kelamin: string;
    tanggal_pencairan: string | null;
    tanggal_lunas: string | null;
    status: string;
  }[];
  const sets = new Map<string, Set<number>>();
  for (const r of rows) {
    const running =
      r.tanggal_pencairan !== null && r.tanggal_pencairan <= end && !['diajukan', 'disetujui', 'ditolak'].includes(r.status) && (r.tanggal_lunas === null || r.tanggal_lunas > end);
    if (!running) continue;
    const k = `${r.kecamatan_id ?? ''}|${r.sektor_id ?? ''}|${r.skala}|${r.jenis_kelamin}`;
    let set = sets.get(k);
    if (!set) sets.set(k, (set = new Set()));
    set.add(r.debitur_id);
  }
  return new Map([...sets].map(([k, s]) => [k, s.size]));
}

const byKey = (places: { kecamatanId: number | null; sektorId: number | null; skala: string; jenisKelamin: string; debitur: number }[]) =>
  new Map(places.map((p) => [`${p.kecamatanId ?? ''}|${p.sektorId ?? ''}|${p.skala}|${p.jenisKelamin}`, p.debitur]));

describe('debtors per place of the monthly summary', () => {
  it('equal the count over every loan and the count in JavaScript, month by month', () => {
    const atSeveral = rt.db
      .prepare(
        `SELECT count(*) FROM (SELECT debitur_id FROM pinjaman WHERE tanggal_pencairan <= '2026-10-31' AND (tanggal_lunas IS NULL OR tanggal_lunas > '2026-10-31')
           AND status NOT IN ('diajukan', 'disetujui', 'ditolak') GROUP BY debitur_id HAVING count(DISTINCT bank_id) > 1)`,
      )
      .pluck()
      .get() as number;
    // The case the derivation corrects for is really there.
    expect(atSeveral).toBeGreaterThan(3);
    for (const periode of ['2025-08', '2026-01', '2026-06', '2026-10', '2026-11']) {
      const derived = byKey(debtorsByPlace(rt.db, periode, monthCells(rt.db, periode)));
      expect(derived).toEqual(byKey(debtorsByPlaceCounted(rt.db, periodLastDay(periode))));
      expect(derived).toEqual(countedInJs(periode));
    }
  });
});
