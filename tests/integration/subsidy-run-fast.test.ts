import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubsidyLine, SubsidyRun } from '../../electron/contract';
import { computePremium, periodsBetween } from '../../electron/domain/loan';
import { projectCosts, type Projection } from '../../electron/services/budget/projection';
import { seedDemo } from '../../electron/services/demo/seed';
import { computeSubsidyRun, forEachRunLine, withWorkingTexts } from '../../electron/services/subsidy/run';
import { computeSubsidyRunReference, projectLoanReference } from '../../electron/services/subsidy/reference';
import * as loansRepo from '../../database/repositories/loans';
import { insertPaidClaim } from '../../database/repositories/payments';
import { getScheme } from '../../database/repositories/schemes';
import { createTempRuntime, TODAY, type TempRuntime } from '../helpers/runtime';

// The fast subsidy run (outline schedules, exact integer working, streamed reads) against the run
// as first written over full schedules (subsidy/reference.ts): every line of every bank for many
// months and ranges, under several scheme set-ups, must be identical — amount, eligibility,
// reason, warning and working. Likewise the budget projection.

let rt: TempRuntime;

/** Scheme set-ups applied to every demo scheme in turn (the demo itself is the first). */
const SETUPS: { name: string; sql: string[] }[] = [
  { name: 'demo as generated', sql: [] },
  {
    name: 'flat, plafon basis, actual/365, floor, kol 1, instalment required',
    sql: ["UPDATE skema SET metode_bunga = 'flat', basis_subsidi = 'plafon', konvensi_hari = 'act365', pembulatan = 'floor', kol_maks = 1, wajib_angsuran = 1"],
  },
  {
    name: 'anuitas, share of interest, 30E/360, budget year only, kol 3',
    sql: [
      "UPDATE skema SET metode_bunga = 'anuitas', jenis_subsidi = 'persentase', porsi_subsidi_persen = '37.5', konvensi_hari = '30360', hanya_tahun_anggaran = 1, kol_maks = 3, wajib_angsuran = 0, pembulatan = 'half_up', basis_subsidi = 'outstanding'",
    ],
  },
  {
    name: 'efektif, rate difference, actual/360, odd loan rates',
    sql: [
      "UPDATE skema SET metode_bunga = 'efektif', jenis_subsidi = 'selisih', porsi_subsidi_persen = NULL, konvensi_hari = 'act360', hanya_tahun_anggaran = 0, kol_maks = 2",
      "UPDATE pinjaman SET bunga_bank_persen = '12.375', bunga_debitur_persen = '3.5' WHERE id % 7 = 0",
      "UPDATE pinjaman SET bunga_bank_persen = '9.99', bunga_debitur_persen = '9.99' WHERE id % 11 = 0",
      // Restructurings that change the rate inside a month (the month is split at their date).
      "UPDATE restrukturisasi SET bunga_bank_persen = '13.5', berlaku_mulai = substr(berlaku_mulai, 1, 8) || '07' WHERE id % 2 = 0 AND substr(berlaku_mulai, 9, 2) > '07'",
      "UPDATE restrukturisasi SET bunga_debitur_persen = '2.25' WHERE id % 3 = 0",
    ],
  },
  {
    name: 'not in the recipient decree stops the payment',
    sql: ['UPDATE skema SET tolak_tanpa_sk = 1'],
  },
];

/** Months every second month over the data, a quarter, a half year and a month with nothing yet. */
const RANGES: [string, string][] = [
  ...periodsBetween('2024-07', '2026-11')
    .filter((_, i) => i % 2 === 0)
    .map((p) => [p, p] as [string, string]),
  ['2025-10', '2025-12'],
  ['2026-01', '2026-06'],
  ['2027-03', '2027-03'],
];

beforeAll(() => {
  rt = createTempRuntime({ prefix: 'gs-fastrun-' });
  const db = rt.db;
  seedDemo(db, { today: TODAY, loans: 450, months: 30, seed: 4242 });
  // Insurance claims on some loans, and months already paid (as recording an SP2D leaves them).
  const running = db.prepare("SELECT id, tanggal_pencairan FROM pinjaman WHERE status IN ('aktif', 'macet') AND tanggal_pencairan IS NOT NULL ORDER BY id").all() as {
    id: number;
    tanggal_pencairan: string;
  }[];
  const claim = db.prepare("INSERT INTO klaim_asuransi (pinjaman_id, tanggal, outstanding, porsi_persen, jumlah) VALUES (?, ?, 1000000, '70', 700000)");
  running.filter((_, i) => i % 17 === 0).forEach((l, i) => claim.run(l.id, i % 2 ? '2026-02-14' : l.tanggal_pencairan > '2025-09-30' ? l.tanggal_pencairan : '2025-10-01'));
  // Some debtors with two or three running loans (the double-financing warning on every line).
  const move = db.prepare('UPDATE pinjaman SET debitur_id = ? WHERE id = ?');
  for (let i = 0; i + 2 < running.length; i += 40) {
    const debtor = (db.prepare('SELECT debitur_id FROM pinjaman WHERE id = ?').get(running[i]!.id) as { debitur_id: number }).debitur_id;
    move.run(debtor, running[i + 1]!.id);
    if (i % 80 === 0) move.run(debtor, running[i + 2]!.id);
  }
  plantDecrees();
  const pagu = db.prepare("SELECT id FROM pagu WHERE jenis = 'subsidi_bunga' ORDER BY id LIMIT 1").get() as { id: number };
  const banks = (db.prepare('SELECT id FROM bank ORDER BY id').all() as { id: number }[]).map((b) => b.id);
  for (const [bankId, periode] of [
    [banks[0]!, '2026-06'],
    [banks[1]!, '2025-11'],
    [banks[0]!, '2025-12'],
  ] as const) {
    const lines = computeSubsidyRunReference(db, { bankId, periodeAwal: periode, periodeAkhir: periode }).lines.filter((l, i) => l.layak && i % 3 !== 1);
    insertPaidClaim(db, {
      bankId,
      periodeAwal: periode,
      periodeAkhir: periode,
      nomorSp2d: `SP2D/UJI/${bankId}/${periode}`,
      tanggalSp2d: '2026-11-02',
      paguId: pagu.id,
      lines: lines.map((l, i) => ({
        nomorBaris: i + 1,
        pinjamanId: l.pinjamanId,
        periode: l.periode,
        nomorRekening: l.nomorRekening,
        nik: l.nik,
        nama: l.debiturNama,
        outstanding: l.rincian!.segmen[0]?.pokok ?? null,
        bungaPersen: l.rincian!.tarifSubsidiPersen,
        hari: 30,
        kol: l.kol,
        jumlah: l.rincian!.jumlah,
        keterangan: 'uji',
      })),
    });
  }
});

afterAll(() => rt.dispose());

/**
 * Recipient decrees over the demo loans, by loan id mod 6: named at the loan's bank and unit;
 * at another unit of its bank; at another bank; at its unit with a plafon below the loan's; only
 * in a decree of a later year than the agreement; not at all. (A debtor with several loans keeps
 * the first row planted for a bank.)
 */
function plantDecrees(): void {
  const db = rt.db;
  // The demo's own decrees name nearly everyone: start from none, to plant every case.
  db.prepare('DELETE FROM sk_penerima_baris').run();
  const loans = db
    .prepare(
      'SELECT l.id, l.skema_id, l.bank_id, l.cabang_id, l.plafon, CAST(substr(l.tanggal_akad, 1, 4) AS INTEGER) AS tahun, d.nik FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id ORDER BY l.id',
    )
    .all() as { id: number; skema_id: number; bank_id: number; cabang_id: number; plafon: number; tahun: number; nik: string }[];
  const branches = db.prepare('SELECT id, bank_id FROM bank_cabang ORDER BY id').all() as { id: number; bank_id: number }[];
  const decree = db.prepare("INSERT INTO sk_penerima (nomor, tanggal, tahun, skema_id, dibuat_oleh, diubah_oleh) VALUES (?, ?, ?, ?, 'uji', 'uji')");
  const decreeOf = new Map<string, number>();
  const decreeId = (skema: number, tahun: number) => {
    const key = `${skema}|${tahun}`;
    let id = decreeOf.get(key);
    if (id === undefined) decreeOf.set(key, (id = Number(decree.run(`SK/${skema}/${tahun}`, `${tahun}-01-02`, tahun, skema).lastInsertRowid)));
    return id;
  };
  const row = db.prepare("INSERT OR IGNORE INTO sk_penerima_baris (sk_id, nik, nama, bank_id, cabang_id, plafon) VALUES (?, ?, 'uji', ?, ?, ?)");
  for (const l of loans) {
    const otherUnit = branches.find((b) => b.bank_id === l.bank_id && b.id !== l.cabang_id)!;
    const otherBank = branches.find((b) => b.bank_id !== l.bank_id)!;
    const sk = decreeId(l.skema_id, l.tahun);
    switch (l.id % 6) {
      case 0:
        row.run(sk, l.nik, l.bank_id, l.cabang_id, l.plafon);
        break;
      case 1:
        row.run(sk, l.nik, l.bank_id, otherUnit.id, l.plafon);
        break;
      case 2:
        row.run(sk, l.nik, otherBank.bank_id, otherBank.id, null);
        break;
      case 3:
        row.run(sk, l.nik, l.bank_id, l.cabang_id, l.plafon - 1);
        break;
      case 4:
        row.run(decreeId(l.skema_id, l.tahun + 1), l.nik, l.bank_id, l.cabang_id, l.plafon);
        break;
      default:
        break;
    }
  }
}

/** The projection as first written: each loan read on its own, its full schedule, every month through lineForReference. */
function projectionReference(fromPeriod: string): Projection {
  const db = rt.db;
  const subsidyByYear = new Map<number, number>();
  let pendingPremiums = 0;
  for (const { id } of db.prepare("SELECT id FROM pinjaman WHERE status IN ('aktif', 'macet', 'disetujui')").all() as { id: number }[]) {
    const loan = loansRepo.getLoan(db, id)!;
    const scheme = getScheme(db, loan.skemaId)!;
    if (loan.status === 'disetujui' && scheme.penjaminId !== null) {
      pendingPremiums += computePremium({
        plafon: loan.plafon,
        tenorMonths: loan.tenorBulan,
        basis: scheme.premiBasis,
        ratePercent: scheme.premiTarifPersen,
        table: scheme.premiTabel.map((b) => ({ tenorMin: b.tenorMin, tenorMax: b.tenorMaks, ratePercent: b.tarifPersen })),
        rounding: scheme.pembulatan,
      }).amount;
    }
    const paid = loansRepo.paidPeriodSet(db, [id]).get(id) ?? new Set<string>();
    for (const [year, amount] of projectLoanReference(loan, scheme, fromPeriod, paid, loansRepo.listRestructurings(db, id))) {
      subsidyByYear.set(year, (subsidyByYear.get(year) ?? 0) + amount);
    }
  }
  return { subsidyByYear, pendingPremiums };
}

function firstDifference(fast: SubsidyRun, reference: SubsidyRun): string | null {
  if (fast.lines.length !== reference.lines.length) return `${fast.lines.length} lines vs ${reference.lines.length}`;
  for (let i = 0; i < reference.lines.length; i++) {
    if (!isDeepStrictEqual(fast.lines[i], reference.lines[i])) return `line ${i}:\n${JSON.stringify(fast.lines[i])}\n${JSON.stringify(reference.lines[i])}`;
  }
  const { lines: _f, ...fastSummary } = fast;
  const { lines: _r, ...referenceSummary } = reference;
  return isDeepStrictEqual(fastSummary, referenceSummary) ? null : `${JSON.stringify(fastSummary)}\n${JSON.stringify(referenceSummary)}`;
}

describe('fast subsidy run = reference run', () => {
  const reasons = new Set<string>();
  const shapes = new Set<string>();
  let projectedYears = 0;
  let textlessLines = 0;

  for (const setup of SETUPS) {
    it(`every line of every bank, ${setup.name}`, () => {
      const db = rt.db;
      for (const sql of setup.sql) db.prepare(sql).run();
      const banks = (db.prepare('SELECT id FROM bank ORDER BY id').all() as { id: number }[]).map((b) => b.id);
      let lines = 0;
      for (const bankId of banks) {
        for (const [periodeAwal, periodeAkhir] of RANGES) {
          const req = { bankId, periodeAwal, periodeAkhir };
          const fast = computeSubsidyRun(db, req);
          const reference = computeSubsidyRunReference(db, req);
          const diff = firstDifference(fast, reference);
          if (diff !== null) expect.fail(`${setup.name}, bank ${bankId}, ${periodeAwal}–${periodeAkhir}: ${diff}`);
          // The run without the working's texts (the reconciliation's): the same lines with the
          // unrounded amounts left '', and withWorkingTexts gives back the whole working.
          const textless: SubsidyLine[] = [];
          forEachRunLine(db, req, (l) => textless.push(l), { texts: false });
          const blanked = fast.lines.map((l) =>
            l.rincian === null ? l : { ...l, rincian: { ...l.rincian, tidakDibulatkan: '', segmen: l.rincian.segmen.map((sg) => ({ ...sg, tidakDibulatkan: '' })) } },
          );
          for (let i = 0; i < fast.lines.length; i++) {
            const t = textless[i]!;
            const full = t.rincian === null ? t : { ...t, rincian: withWorkingTexts(t.rincian) };
            if (!isDeepStrictEqual(full, fast.lines[i]) || (t.rincian?.tidakDibulatkan !== '' && !isDeepStrictEqual(t, fast.lines[i]))) {
              expect.fail(`${setup.name}, bank ${bankId}, ${periodeAwal}–${periodeAkhir}, line ${i} without texts:\n${JSON.stringify(t)}\n${JSON.stringify(fast.lines[i])}`);
            }
            if (t.rincian?.tidakDibulatkan === '') {
              textlessLines++;
              expect(t).toEqual(blanked[i]);
            }
          }
          expect(textless.length).toBe(fast.lines.length);
          lines += fast.lines.length;
          for (const l of fast.lines) {
            reasons.add(l.alasan ?? 'layak');
            if (l.rincian) shapes.add(`${l.rincian.segmen.length} segmen, ${l.rincian.dariJadwal ? 'jadwal' : 'posisi'}`);
            if (l.rincian && new Set(l.rincian.segmen.map((sg) => sg.tarifPersen)).size > 1) shapes.add('tarif berubah');
            if (l.peringatan.length) shapes.add('peringatan');
            for (const w of l.peringatan)
              shapes.add(
                /unit lain/.test(w)
                  ? 'sk unit lain'
                  : /untuk bank ini/.test(w)
                    ? 'sk bank lain'
                    : /melebihi plafon dalam SK/.test(w)
                      ? 'sk plafon'
                      : /sampai tahun/.test(w)
                        ? 'sk tidak ada'
                        : 'lain',
              );
          }
        }
      }
      expect(lines).toBeGreaterThan(1000);
      for (const [from] of [['2025-03'], ['2026-11']]) {
        const fast = projectCosts(db, from!);
        const reference = projectionReference(from!);
        expect([...fast.subsidyByYear].sort()).toEqual([...reference.subsidyByYear].sort());
        expect(fast.pendingPremiums).toBe(reference.pendingPremiums);
        projectedYears += reference.subsidyByYear.size;
      }
    });
  }

  it('the comparison covered every reason, split months, reported and scheduled months, and warnings', () => {
    for (const r of [
      'layak',
      'belum_cair',
      'lunas',
      'lewat_jatuh_tempo',
      'kol_melebihi_batas',
      'sudah_klaim_asuransi',
      'tidak_ada_angsuran',
      'sudah_dibayar',
      'di_luar_tahun_anggaran',
      'sudah_disubsidi_lain',
      'tidak_tercantum_sk',
    ]) {
      expect(reasons, r).toContain(r);
    }
    // (A scheme that requires an instalment projects its months as if the instalment is paid.)
    expect(projectedYears).toBeGreaterThan(6);
    for (const s of [
      '1 segmen, posisi',
      '1 segmen, jadwal',
      '2 segmen, posisi',
      '2 segmen, jadwal',
      'tarif berubah',
      'peringatan',
      'sk unit lain',
      'sk bank lain',
      'sk plafon',
      'sk tidak ada',
    ])
      expect(shapes, s).toContain(s);
    // The run without texts took its own way (divRound) on most payable lines.
    expect(textlessLines).toBeGreaterThan(1000);
  });
});
