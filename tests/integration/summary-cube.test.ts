import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../electron/services/demo/seed';
import { monthCube, subsidyPaidCells, subsidyPaidCellsYearAndMonth, type MonthCell, type PaidCell } from '../../database/repositories/monthly-summary';
import { periodLastDay, scheduledOutstandingOn } from '../../electron/domain/loan';
import { scheduledOutstanding } from '../../electron/services/reports/snapshot';
import { loanSchedule } from '../../electron/services/loans/engine';
import * as loansRepo from '../../database/repositories/loans';
import { getScheme } from '../../database/repositories/schemes';
import type { Loan } from '../../electron/contract';
import { projectCosts } from '../../electron/services/budget/projection';
import { createTempRuntime, TODAY, type TempRuntime } from '../helpers/runtime';

// The monthly summary's cube and paid cells are read the fast way (positions only for running
// loans, one seek each; distinct debtors from the debtors with several loans; paid lines summed
// per loan in one pass). Each must equal the plain query written the obvious way, cell by cell,
// month by month, on data where every special case occurs: debtors with two or three loans at one
// bank and at several banks, running loans without any position (the schedule's outstanding),
// running loans whose month is not reported (an older position), loans paid off, paid claims.

let rt: TempRuntime;

beforeAll(() => {
  rt = createTempRuntime({ prefix: 'gs-summary-cube-' });
  const db = rt.db;
  seedDemo(db, { today: TODAY, loans: 420, months: 18, seed: 7331, paidHistory: { unpaidMonths: 3 } });
  const loans = db
    .prepare("SELECT id FROM pinjaman WHERE tanggal_pencairan IS NOT NULL AND status NOT IN ('diajukan', 'disetujui', 'ditolak') ORDER BY bank_id, id")
    .pluck()
    .all() as number[];
  const debtorOf = db.prepare('SELECT debitur_id FROM pinjaman WHERE id = ?').pluck();
  // Arranging the data only: the guard against moving a paid loan to another debtor is lifted
  // while the debtors are shaped, then put back as it was.
  const guard = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'pinjaman_debitur_tetap'").pluck().get() as string;
  db.exec('DROP TRIGGER pinjaman_debitur_tetap');
  const move = db.prepare('UPDATE pinjaman SET debitur_id = ? WHERE id = ?');
  // Ordered by bank: every 7th loan's debtor takes the next one to three loans (mostly the same bank).
  for (let i = 0; i + 3 < loans.length; i += 7) {
    const debtor = debtorOf.get(loans[i]!) as number;
    for (let k = 1; k <= 1 + (i % 3); k++) move.run(debtor, loans[i + k]!);
  }
  // Ordered by id: every 23rd loan's debtor takes the next loan, whatever its bank.
  const byId = [...loans].sort((a, b) => a - b);
  for (let i = 5; i + 1 < byId.length; i += 23) move.run(debtorOf.get(byId[i]!) as number, byId[i + 1]!);
  db.exec(guard);
  // Debtors without a kecamatan or a sector (their cells sort first).
  db.prepare('UPDATE debitur SET kecamatan_id = NULL WHERE id % 13 = 0').run();
  db.prepare('UPDATE debitur SET sektor_id = NULL WHERE id % 19 = 0').run();
  // Some loans never reported (the schedule's outstanding), some not reported for the last months.
  db.prepare('DELETE FROM posisi_bank WHERE pinjaman_id % 17 = 0').run();
  db.prepare("DELETE FROM posisi_bank WHERE pinjaman_id % 11 = 0 AND periode >= '2026-05'").run();
});
afterAll(() => rt.dispose());

/** The cube written the obvious way: every loan, its latest position by max(), distinct debtors by count(DISTINCT). */
function plainCube(periode: string) {
  const monthEnd = periodLastDay(periode);
  return rt.db
    .prepare(
      `WITH snap AS (
         SELECT l.id, l.debitur_id, l.bank_id, d.kecamatan_id, d.sektor_id, d.skala, d.jenis_kelamin, l.plafon,
                l.tanggal_pencairan >= @monthStart AS baru,
                (l.tanggal_lunas IS NULL OR l.tanggal_lunas > @monthEnd) AS berjalan,
                (l.tanggal_lunas IS NOT NULL AND l.tanggal_lunas BETWEEN @monthStart AND @monthEnd) AS lunas,
                p.outstanding, p.kol, p.periode AS periode_posisi
         FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id
         LEFT JOIN posisi_bank p ON p.pinjaman_id = l.id
              AND p.periode = (SELECT max(periode) FROM posisi_bank WHERE pinjaman_id = l.id AND periode <= @periode)
         WHERE l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan <= @monthEnd
           AND l.status NOT IN ('diajukan', 'disetujui', 'ditolak'))
       SELECT bank_id, kecamatan_id, sektor_id, skala, jenis_kelamin,
              count(*) FILTER (WHERE berjalan) AS berjalan,
              count(DISTINCT debitur_id) FILTER (WHERE berjalan) AS debitur,
              count(*) FILTER (WHERE baru) AS baru,
              coalesce(sum(plafon) FILTER (WHERE baru), 0) AS plafonBaru,
              count(*) FILTER (WHERE lunas) AS lunas,
              coalesce(sum(plafon) FILTER (WHERE berjalan), 0) AS plafon,
              coalesce(sum(outstanding) FILTER (WHERE berjalan), 0) AS outstanding,
              count(*) FILTER (WHERE berjalan AND kol >= 3) AS kol35,
              coalesce(sum(outstanding) FILTER (WHERE berjalan AND kol >= 3), 0) AS bad,
              count(*) FILTER (WHERE berjalan AND kol = 5) AS macet,
              json_array(coalesce(sum(outstanding) FILTER (WHERE berjalan AND kol = 1), 0), coalesce(sum(outstanding) FILTER (WHERE berjalan AND kol = 2), 0),
                         coalesce(sum(outstanding) FILTER (WHERE berjalan AND kol = 3), 0), coalesce(sum(outstanding) FILTER (WHERE berjalan AND kol = 4), 0),
                         coalesce(sum(outstanding) FILTER (WHERE berjalan AND kol = 5), 0)) AS byKol,
              count(*) FILTER (WHERE berjalan AND periode_posisi < @periode) AS posisiLama,
              json_group_array(id) FILTER (WHERE berjalan AND outstanding IS NULL) AS jadwalIds
       FROM snap GROUP BY bank_id, kecamatan_id, sektor_id, skala, jenis_kelamin`,
    )
    .all({ periode, monthStart: `${periode}-01`, monthEnd }) as (Record<string, unknown> & { byKol: string; jadwalIds: string })[];
}

const keyOf = (c: { bankId: number; kecamatanId: number | null; sektorId: number | null; skala: string; jenisKelamin: string }) =>
  `${c.bankId}|${c.kecamatanId ?? ''}|${c.sektorId ?? ''}|${c.skala}|${c.jenisKelamin}`;

function plainCells(periode: string): Map<string, { cell: MonthCell; unreported: number[] }> {
  return new Map(
    plainCube(periode).map((r) => {
      const cell: MonthCell = {
        bankId: r.bank_id as number,
        kecamatanId: r.kecamatan_id as number | null,
        sektorId: r.sektor_id as number | null,
        skala: r.skala as string,
        jenisKelamin: r.jenis_kelamin as 'L' | 'P',
        berjalan: r.berjalan as number,
        debitur: r.debitur as number,
        baru: r.baru as number,
        plafonBaru: r.plafonBaru as number,
        lunas: r.lunas as number,
        plafon: r.plafon as number,
        outstanding: r.outstanding as number,
        kol35: r.kol35 as number,
        bad: r.bad as number,
        macet: r.macet as number,
        outstandingByKol: JSON.parse(r.byKol) as MonthCell['outstandingByKol'],
        posisiLama: r.posisiLama as number,
        jadwal: 0,
      };
      return [keyOf(cell), { cell, unreported: (JSON.parse(r.jadwalIds) as number[]).sort((a, b) => a - b) }];
    }),
  );
}

/** Subsidy lines paid per cell written the obvious way: each paid line with its claim's first SP2D date, its loan and debtor. */
function plainPaid(from: string, to: string): Map<string, number> {
  const rows = rt.db
    .prepare(
      `SELECT l.bank_id AS bankId, d.kecamatan_id AS kecamatanId, d.sektor_id AS sektorId, d.skala, d.jenis_kelamin AS jenisKelamin, sum(tb.disetujui) AS jumlah
       FROM tagihan_baris tb
       JOIN pinjaman l ON l.id = tb.pinjaman_id
       JOIN debitur d ON d.id = l.debitur_id
       WHERE (SELECT tanggal_sp2d FROM pembayaran WHERE tagihan_id = tb.tagihan_id ORDER BY id LIMIT 1) BETWEEN ? AND ?
         AND tb.id IN (SELECT tagihan_baris_id FROM periode_dibayar)
       GROUP BY 1, 2, 3, 4, 5`,
    )
    .all(from, to) as (PaidCell & { jumlah: number })[];
  return new Map(rows.map((r) => [keyOf(r), r.jumlah]));
}

describe('the monthly summary cube and paid cells', () => {
  it('equal the plain queries, cell by cell, month by month, with every special case present', () => {
    const seen = { jadwal: 0, posisiLama: 0, sharedAtBank: 0, lunas: 0, baru: 0 };
    for (const periode of ['2025-07', '2025-12', '2026-03', '2026-06', '2026-09', '2026-10', '2026-11']) {
      const fast = new Map(
        monthCube(rt.db, periode, periodLastDay(periode)).map((c) => [keyOf(c.cell), { cell: c.cell, unreported: [...c.unreportedLoanIds].sort((a, b) => a - b) }]),
      );
      const plain = plainCells(periode);
      // Same cells in the same order (the summary lists extra places in their first cell's order).
      expect([...fast.keys()]).toEqual([...plain.keys()]);
      for (const [k, want] of plain) {
        expect(fast.get(k), `${periode} ${k}`).toEqual(want);
        seen.jadwal += want.unreported.length;
        seen.posisiLama += want.cell.posisiLama;
        seen.sharedAtBank += want.cell.berjalan - want.cell.debitur;
        seen.lunas += want.cell.lunas;
        seen.baru += want.cell.baru;
      }
    }
    // The cases the fast reads must get right are really there.
    expect(seen.jadwal).toBeGreaterThan(10);
    expect(seen.posisiLama).toBeGreaterThan(10);
    expect(seen.sharedAtBank).toBeGreaterThan(10);
    expect(seen.lunas).toBeGreaterThan(0);
    expect(seen.baru).toBeGreaterThan(0);
  });

  it('paid subsidy per cell equals the paid lines summed one by one, for months and years to date', () => {
    let total = 0;
    for (const [from, to] of [
      ['2026-01-01', '2026-09-30'],
      ['2026-01-01', '2026-11-30'],
      ['2025-01-01', '2025-12-31'],
      ['2026-02-01', '2026-02-28'],
      ['2026-08-01', '2026-08-31'],
    ] as const) {
      const fast = new Map(subsidyPaidCells(rt.db, from, to).map((c) => [keyOf(c), c.jumlah]));
      const plain = plainPaid(from, to);
      expect(fast).toEqual(plain);
      total += [...plain.values()].reduce((s, x) => s + x, 0);
    }
    expect(total).toBeGreaterThan(0);
    // The year and its month read in one pass: the same lists as two separate reads, in order.
    let months = 0;
    for (const [from, monthStart, to] of [
      ['2026-01-01', '2026-08-01', '2026-08-31'],
      ['2026-01-01', '2026-03-01', '2026-03-31'],
      ['2025-01-01', '2025-12-01', '2025-12-31'],
      ['2026-01-01', '2026-11-01', '2026-11-30'],
    ] as const) {
      const both = subsidyPaidCellsYearAndMonth(rt.db, from, monthStart, to);
      expect(both.year).toEqual(subsidyPaidCells(rt.db, from, to));
      expect(both.month).toEqual(subsidyPaidCells(rt.db, monthStart, to));
      months += both.month.length;
    }
    expect(months).toBeGreaterThan(0);
  });

  it("the summary's projection to December is the whole projection's figures up to that year", () => {
    // The whole projection is compared with the reference loan by loan in subsidy-run-fast.test.ts.
    // Months before September 2026 are paid in this data set (left out of any projection).
    for (const [from, until] of [
      ['2026-09', '2026-12'],
      ['2026-11', '2026-12'],
      ['2026-10', '2027-12'],
    ] as const) {
      const toDecember = projectCosts(rt.db, from, until);
      const whole = projectCosts(rt.db, from);
      const years = [...whole.subsidyByYear].filter(([year]) => year <= Number(until.slice(0, 4)));
      expect(years.length).toBeGreaterThan(0);
      expect(years.every(([, amount]) => amount > 0)).toBe(true);
      expect([...toDecember.subsidyByYear].sort()).toEqual(years.sort());
      expect(toDecember.pendingPremiums).toBe(whole.pendingPremiums);
    }
  });

  it("a loan's scheduled outstanding (for loans the bank has not reported) equals the loan page's full schedule, restructured loans too", () => {
    const db = rt.db;
    const ids = db.prepare('SELECT id FROM pinjaman WHERE tanggal_pencairan IS NOT NULL ORDER BY id').pluck().all() as number[];
    const restructured = new Set(db.prepare('SELECT DISTINCT pinjaman_id FROM restrukturisasi').pluck().all() as number[]);
    let compared = 0;
    for (const id of ids) {
      const loan = loansRepo.getLoan(db, id) as Loan;
      const scheme = getScheme(db, loan.skemaId)!;
      const schedule = loanSchedule(
        { ...loan, tanggalPencairan: loan.tanggalPencairan ?? loan.tanggalAkad, metodeBunga: scheme.metodeBunga, pembulatan: scheme.pembulatan },
        loansRepo.listRestructurings(db, id),
      );
      for (const date of ['2025-06-30', '2026-02-28', '2026-09-30', '2026-11-30', loan.tanggalPencairan!]) {
        expect(scheduledOutstanding(db, id, date), `loan ${id} on ${date}`).toBe(scheduledOutstandingOn(schedule, date));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(restructured.size).toBeGreaterThan(0);
  });
});
