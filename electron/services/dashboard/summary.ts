/**
 * The dashboard summary: the repository's SQL sums put together. Months without rows are filled
 * with zeros here (not in SQL), so the charts always get the whole window.
 */
import Decimal from 'decimal.js';
import type { Database } from '../../../database/connection';
import * as repo from '../../../database/repositories/dashboard';
import { correctionsByMonth } from '../../../database/repositories/corrections';
import type { DashboardKol, DashboardRealisation, DashboardSummary } from '../../contract';
import { addPeriods, periodFirstDay, periodOf, periodsBetween } from '../../domain/loan';

/** Months in the trend. */
export const TREND_MONTHS = 24;
/** Kecamatan in the ranking. */
export const TOP_KECAMATAN = 10;

/** Percentage with two decimals ('12.34'); null when there is nothing to divide by. */
export function percentOf(part: number, whole: number): string | null {
  if (whole === 0) return null;
  return new Decimal(part).times(100).div(whole).toFixed(2, Decimal.ROUND_HALF_UP);
}

function realisation(rows: { periode: string; jumlah: number }[], tahun: number, pagu: number | null, koreksi = 0): DashboardRealisation {
  const byMonth = new Map<string, number>();
  const first = `${tahun}-01`;
  const last = `${tahun}-12`;
  let realisasi = 0;
  for (const r of rows) {
    // SP2D dates lie in the pagu's year (the payment services refuse others); keep any stray one in the year's edge month.
    const periode = r.periode < first ? first : r.periode > last ? last : r.periode;
    byMonth.set(periode, (byMonth.get(periode) ?? 0) + r.jumlah);
    realisasi += r.jumlah;
  }
  let kumulatif = 0;
  const bulanan = periodsBetween(first, last).map((periode) => {
    const jumlah = byMonth.get(periode) ?? 0;
    kumulatif += jumlah;
    return { periode, jumlah, kumulatif };
  });
  return { pagu, realisasi, bruto: realisasi - koreksi, koreksi, bulanan };
}

export function dashboardSummary(db: Database, opts: { today: string; tahun?: number | undefined; bankId: number | null }): DashboardSummary {
  const { bankId } = opts;
  const thisMonth = periodOf(opts.today);
  const thisYear = Number(thisMonth.slice(0, 4));
  const tahun = opts.tahun ?? thisYear;
  // A past year is seen as at its December; this year and later as at this month.
  const periodeAkhir = tahun < thisYear ? `${tahun}-12` : thisMonth;
  const periodeAwal = addPeriods(periodeAkhir, -(TREND_MONTHS - 1));
  const periodePosisi = repo.latestPositionPeriod(db, periodeAkhir, bankId);

  const disbursed = new Map(repo.disbursementsByMonth(db, periodFirstDay(periodeAwal), periodFirstDay(addPeriods(periodeAkhir, 1)), bankId).map((r) => [r.periode, r]));
  const reported = new Map(repo.outstandingByMonth(db, periodeAwal, periodeAkhir, bankId).map((r) => [r.periode, r]));
  const bulanan = periodsBetween(periodeAwal, periodeAkhir).map((periode) => ({
    periode,
    pencairanJumlah: disbursed.get(periode)?.jumlah ?? 0,
    pencairanPlafon: disbursed.get(periode)?.plafon ?? 0,
    outstanding: reported.get(periode)?.outstanding ?? null,
    posisiJumlah: reported.get(periode)?.jumlah ?? 0,
  }));

  const kolRows = periodePosisi ? repo.positionsByKol(db, periodePosisi, bankId) : [];
  const perKol: DashboardKol[] = ([1, 2, 3, 4, 5] as const).map((kol) => {
    const r = kolRows.find((x) => x.kol === kol);
    return { kol, jumlah: r?.jumlah ?? 0, outstanding: r?.outstanding ?? 0 };
  });
  const outstanding = perKol.reduce((s, k) => s + k.outstanding, 0);
  const posisiJumlah = perKol.reduce((s, k) => s + k.jumlah, 0);
  const bad = perKol.filter((k) => k.kol >= 3);

  const running = repo.runningLoanTotals(db, bankId);
  // The budget is the regency's: a bank's liaison officer sees what their bank was paid, not the pagu.
  // Net of corrections after payment: an STS deposit counts (negative) in its month; offsets are already in the SP2Ds.
  const corrections = correctionsByMonth(db, tahun, bankId);
  const subsidyRows = [...repo.paymentsByMonth(db, tahun, 'subsidi_bunga', bankId), ...corrections.filter((c) => c.sts > 0).map((c) => ({ periode: c.periode, jumlah: -c.sts }))];
  const subsidi = realisation(
    subsidyRows,
    tahun,
    bankId === null ? repo.paguOfYear(db, tahun, 'subsidi_bunga') : null,
    corrections.reduce((s, c) => s + c.koreksi, 0),
  );
  const premi = bankId === null ? realisation(repo.paymentsByMonth(db, tahun, 'premi', null), tahun, repo.paguOfYear(db, tahun, 'premi')) : null;

  return {
    tahun,
    bankId,
    periodeAwal,
    periodeAkhir,
    periodePosisi,
    ringkasan: { ...running, outstanding, posisiJumlah },
    bulanan,
    realisasi: { subsidi, premi },
    kualitas: {
      perKol,
      persenKol35Outstanding: percentOf(
        bad.reduce((s, k) => s + k.outstanding, 0),
        outstanding,
      ),
      persenKol35Jumlah: percentOf(
        bad.reduce((s, k) => s + k.jumlah, 0),
        posisiJumlah,
      ),
    },
    kecamatan: periodePosisi ? repo.topKecamatan(db, periodePosisi, bankId, TOP_KECAMATAN) : [],
  };
}
