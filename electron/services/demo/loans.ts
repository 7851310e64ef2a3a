/**
 * Demo loans with their history: agreements spread over the last months, disbursements,
 * monthly bank positions, premiums, payoffs (on time and early), restructurings and bad loans.
 * Deterministic for a seed and a reference date. Writes with prepared statements in the
 * caller's transaction: this is also the generator for the large benchmark data set.
 */
import type { Database } from 'better-sqlite3';
import type { Scheme } from '../../contract';
import { appendAudit } from '../../../database/repositories/audit';
import { listSchemes } from '../../../database/repositories/schemes';
import {
  addDays,
  addMonths,
  daysBetween,
  computePremium,
  maturityDate,
  periodOf,
  periodsBetween,
  previousPeriod,
  scheduledOutstandingOn,
  periodLastDay,
  type Schedule,
} from '../../domain/loan';
import { formatRupiah } from '../../domain/format';
import { loanSchedule } from '../loans/engine';
import { SeededRandom } from './random';

export interface DemoLoanOptions {
  loans: number;
  /** Agreements are spread over this many months before `today`. */
  months: number;
  today: string;
  seed?: number;
  /** Named in the audit trail as who entered each loan (the demo writes its entries like any writer). */
  user?: string;
}

export interface DemoLoanSummary {
  pinjaman: number;
  posisi: number;
  lunas: number;
  macet: number;
  restrukturisasi: number;
}

const TENORS = [12, 12, 18, 24, 24, 36] as const;

/** Who the trail names for demo data written without a signed-in user (the CLI's seed-demo). */
export const DEMO_USER = 'data-contoh';

export function seedDemoLoans(db: Database, opts: DemoLoanOptions): DemoLoanSummary {
  const rnd = new SeededRandom(opts.seed ?? 7_2025);
  const schemes = listSchemes(db);
  const debtorIds = (db.prepare('SELECT id FROM debitur ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const branches = db.prepare('SELECT id, bank_id FROM bank_cabang WHERE aktif = 1 ORDER BY id').all() as { id: number; bank_id: number }[];
  if (debtorIds.length < opts.loans) throw new Error(`Data contoh: ${opts.loans} pinjaman perlu sedikitnya ${opts.loans} debitur`);
  if (branches.length === 0 || schemes.length === 0) throw new Error('Data contoh: bank dan skema harus ada lebih dulu');

  const insertLoan = db.prepare(
    `INSERT INTO pinjaman (debitur_id, bank_id, cabang_id, skema_id, nomor_rekening, nomor_akad, tanggal_akad, tanggal_pencairan,
       plafon, tenor_bulan, bunga_bank_persen, bunga_debitur_persen, tanggal_angsuran_pertama, status, tanggal_lunas)
     VALUES (@debitur, @bank, @cabang, @skema, @rekening, @akad, @tanggalAkad, @pencairan, @plafon, @tenor, @bungaBank, @bungaDebitur,
       @angsuranPertama, @status, @lunas)`,
  );
  const insertPosition = db.prepare(
    `INSERT INTO posisi_bank (pinjaman_id, periode, outstanding, kol, hari_tunggakan, angsuran_dibayar, sumber)
     VALUES (?, ?, ?, ?, ?, ?, 'impor')`,
  );
  const insertPremium = db.prepare('INSERT INTO premi (pinjaman_id, penjamin_id, tarif_persen, jumlah, rincian) VALUES (?, ?, ?, ?, ?)');
  const insertRestructuring = db.prepare('INSERT INTO restrukturisasi (pinjaman_id, berlaku_mulai, tenor_bulan, alasan) VALUES (?, ?, ?, ?)');

  const lastReported = previousPeriod(periodOf(opts.today));
  const firstAkad = addMonths(opts.today, -opts.months);
  const summary: DemoLoanSummary = { pinjaman: 0, posisi: 0, lunas: 0, macet: 0, restrukturisasi: 0 };
  // Debtors are taken in a shuffled order so each gets at most one loan (no double financing).
  const order = shuffle(debtorIds, rnd);

  for (let i = 0; i < opts.loans; i++) {
    const tanggalAkad = addDays(firstAkad, rnd.int(0, Math.max(0, daysBetween(firstAkad, opts.today) - 10)));
    const scheme = schemeFor(schemes, tanggalAkad);
    if (!scheme) continue;
    const branch = rnd.pick(branches);
    const ceiling = scheme.plafonMaks ?? 50_000_000;
    const plafon = Math.min(ceiling, rnd.int(10, 100) * 500_000);
    const tenor = Math.min(scheme.tenorMaks ?? 36, rnd.pick(TENORS));
    const pencairan = addDays(tanggalAkad, rnd.int(1, 7));
    const angsuranPertama = addMonths(pencairan, 1);
    let schedule: Schedule = loanSchedule({
      plafon,
      tenorBulan: tenor,
      bungaBankPersen: scheme.bungaBankPersen,
      metodeBunga: scheme.metodeBunga,
      tanggalPencairan: pencairan,
      tanggalAngsuranPertama: angsuranPertama,
      pembulatan: scheme.pembulatan,
    });

    // What happened to the loan: most run as planned; some pay off early, some go bad.
    const fate = rnd.next();
    let status: 'aktif' | 'lunas' | 'macet' = 'aktif';
    let lunas: string | null = null;
    const maturity = maturityDate(schedule);
    if (maturity < opts.today) {
      status = 'lunas';
      lunas = maturity;
    }
    if (fate < 0.06) {
      const early = addMonths(pencairan, rnd.int(3, tenor - 1));
      if (early < opts.today) {
        status = 'lunas';
        lunas = early;
      }
    }
    const badFrom = fate > 0.95 ? addMonths(pencairan, rnd.int(4, Math.max(4, tenor - 2))) : null;
    if (badFrom && badFrom < opts.today && status !== 'lunas') status = 'macet';
    const rekening = `${String(branch.bank_id).padStart(2, '0')}${String(100_000_000 + i * 7919).slice(1)}`;
    const loanId = Number(
      insertLoan.run({
        debitur: order[i],
        bank: branch.bank_id,
        cabang: branch.id,
        skema: scheme.id,
        rekening,
        akad: `AKAD/${tanggalAkad.slice(0, 4)}/${String(i + 1).padStart(6, '0')}`,
        tanggalAkad,
        pencairan,
        plafon,
        tenor,
        bungaBank: scheme.bungaBankPersen,
        bungaDebitur: scheme.bungaDebiturPersen,
        angsuranPertama,
        status,
        lunas,
      }).lastInsertRowid,
    );
    appendAudit(db, {
      user: opts.user ?? DEMO_USER,
      action: 'buat',
      entity: 'pinjaman',
      entityId: loanId,
      after: { sumber: 'data contoh', nomorRekening: rekening, tanggalAkad, tanggalPencairan: pencairan, plafon, tenorBulan: tenor, status },
    });
    summary.pinjaman++;
    if (status === 'lunas') summary.lunas++;
    if (status === 'macet') summary.macet++;

    // A few running loans were restructured: the remaining months stretched by a year.
    if (status === 'aktif' && fate > 0.9 && fate <= 0.95) {
      const from = addMonths(angsuranPertama, rnd.int(2, Math.max(2, tenor - 3)));
      if (from < opts.today && from < maturity) {
        const remaining = schedule.periods.filter((p) => p.dueDate >= from).length;
        insertRestructuring.run(loanId, from, remaining + 12, 'Usaha terdampak penurunan harga karet');
        schedule = loanSchedule(
          {
            plafon,
            tenorBulan: tenor,
            bungaBankPersen: scheme.bungaBankPersen,
            metodeBunga: scheme.metodeBunga,
            tanggalPencairan: pencairan,
            tanggalAngsuranPertama: angsuranPertama,
            pembulatan: scheme.pembulatan,
          },
          [{ id: 0, berlakuMulai: from, tenorBulan: remaining + 12, bungaBankPersen: null, bungaDebiturPersen: null, alasan: '' }],
        );
        summary.restrukturisasi++;
      }
    }

    if (scheme.penjaminId !== null) {
      const premium = computePremium({
        plafon,
        tenorMonths: tenor,
        basis: scheme.premiBasis,
        ratePercent: scheme.premiTarifPersen,
        table: scheme.premiTabel.map((b) => ({ tenorMin: b.tenorMin, tenorMax: b.tenorMaks, ratePercent: b.tarifPersen })),
        rounding: scheme.pembulatan,
      });
      insertPremium.run(
        loanId,
        scheme.penjaminId,
        premium.ratePercent,
        premium.amount,
        `${premium.ratePercent.replace('.', ',')} % × ${formatRupiah(plafon)} = ${formatRupiah(premium.amount)}`,
      );
    }

    // The bank's month-end positions up to last month, until payoff.
    const lastMonth = [lunas ? previousPeriod(periodOf(lunas)) : lastReported, lastReported].sort()[0]!;
    if (periodOf(pencairan) > lastMonth) continue;
    for (const periode of periodsBetween(periodOf(pencairan), lastMonth)) {
      const monthEnd = periodLastDay(periode);
      const bad = badFrom !== null && monthEnd >= badFrom;
      const late = bad ? Math.min(240, daysBetween(badFrom, monthEnd) + 1) : rnd.chance(0.05) ? rnd.int(1, 40) : 0;
      const kol = late === 0 ? 1 : late <= 90 ? 2 : late <= 120 ? 3 : late <= 180 ? 4 : 5;
      // A bad loan stops paying: the outstanding stays where it was when it went bad.
      const outstanding = scheduledOutstandingOn(schedule, bad ? badFrom : monthEnd);
      insertPosition.run(loanId, periode, outstanding, kol, late, late === 0 ? 1 : 0);
      summary.posisi++;
    }
  }
  return summary;
}

function schemeFor(schemes: Scheme[], tanggalAkad: string): Scheme | undefined {
  return schemes.find((s) => s.berlakuDari <= tanggalAkad && (s.berlakuSampai === null || tanggalAkad <= s.berlakuSampai));
}

function shuffle<T>(items: readonly T[], rnd: SeededRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
