/**
 * Why a claimed amount differs from ours: the likely cause, found by recomputing our working
 * with one of the bank's figures or rules in place of ours and seeing which gives the bank's
 * figure (within the tolerance). Pure and exact (decimal.js); no database.
 *
 * Tried in this order, the first single cause that explains the claim wins:
 *   pembulatan     our exact amount rounded the other way (floor ↔ half-up)
 *   konvensi_hari  the same segments under another day-count rule (act/360, act/365, 30/360)
 *   outstanding    the bank's outstanding as the base for the whole period
 *   bunga          the bank's rate
 *   hari           the bank's number of days
 * then every figure the bank gave at once, under each day-count basis and rounding
 * (gabungan, naming what differed); otherwise tidak_diketahui, naming the figures that differ.
 */
import type { Decimal } from 'decimal.js';
import type { Diagnosis } from '../../contract/claims';
import { D, dayCountBasis, interestDays, roundRupiah, type DayCountRule, type RoundingRule } from '../../domain/loan';
import { formatRupiah } from '../../domain/format';

export interface WorkingSegment {
  from: string;
  toExclusive: string;
  /** The base the rate was applied to (outstanding, or plafon on a plafon basis). */
  base: number;
  days: number;
  /** The rate of these days when a restructuring changed it inside the period (else the line's). */
  ratePercent?: string;
}

export interface OurWorking {
  segments: readonly WorkingSegment[];
  ratePercent: string;
  dayCount: DayCountRule;
  rounding: RoundingRule;
  basis: 'outstanding' | 'plafon';
  /** Exact amount before rounding. */
  unrounded: string;
  amount: number;
}

export interface BankFigures {
  outstanding: number | null;
  bungaPersen: string | null;
  hari: number | null;
  diklaim: number;
}

export interface DiagnosisResult {
  kode: Diagnosis;
  /** In words, for the clerk and the berita acara. */
  rincian: string;
  /** The recomputed amount that explains the claim (null when nothing does). */
  nilai: number | null;
}

const RULE_LABEL: Record<DayCountRule, string> = { act360: 'aktual/360', act365: 'aktual/365', '30360': '30/360' };
const ROUNDING_LABEL: Record<RoundingRule, string> = { half_up: 'pembulatan ke rupiah terdekat', floor: 'pembulatan ke bawah' };
const ROUNDINGS: readonly RoundingRule[] = ['half_up', 'floor'];
const RULES: readonly DayCountRule[] = ['act360', 'act365', '30360'];

const pct = (s: string) => `${new D(s).toFixed().replace('.', ',')} %`;

/** Σ base × rate × days / (100 × year), exact; a segment's own rate, when it has one, before `ratePercent`. */
function amountOf(segments: readonly { base: number; days: Decimal.Value; rate?: Decimal.Value | undefined }[], ratePercent: Decimal.Value, yearDays: number): Decimal {
  let n = new D(0);
  for (const s of segments) n = n.plus(new D(s.base).times(s.rate ?? ratePercent).times(s.days));
  return n.div(new D(100).times(yearDays));
}

function validRate(s: string | null): Decimal | null {
  if (s === null) return null;
  try {
    const d = new D(s.replace(',', '.'));
    return d.isFinite() && d.greaterThanOrEqualTo(0) && d.lessThanOrEqualTo(100) ? d : null;
  } catch {
    return null;
  }
}

export function diagnose(our: OurWorking, bank: BankFigures, tolerance: number): DiagnosisResult {
  const fits = (n: number) => Math.abs(n - bank.diklaim) <= tolerance;
  const yearDays = dayCountBasis(our.dayCount);
  const ourDays = our.segments.reduce((s, x) => s + x.days, 0);
  const ourRate = new D(our.ratePercent);
  // Our rate per segment: the line's, or the one a restructuring set inside the period.
  const ourRates = our.segments.map((s) => s.ratePercent ?? our.ratePercent);
  const ourRateText = [...new Set(ourRates.map((r) => pct(r)))].join(' → ') || pct(our.ratePercent);
  const bankRate = validRate(bank.bungaPersen);
  const exact = new D(our.unrounded);
  const explained = (kode: Diagnosis, rincian: string, nilai: number): DiagnosisResult => ({
    kode,
    rincian: `${rincian} menghasilkan ${formatRupiah(nilai)}, sesuai tagihan bank ${formatRupiah(bank.diklaim)} (perhitungan kami ${formatRupiah(our.amount)}).`,
    nilai,
  });

  // Rounding: the same exact amount, rounded the other way.
  for (const rule of ROUNDINGS) {
    if (rule === our.rounding) continue;
    const n = roundRupiah(exact, rule);
    if (n !== our.amount && fits(n)) return explained('pembulatan', `Bank memakai ${ROUNDING_LABEL[rule]}: ${exact.toFixed(2).replace('.', ',')}`, n);
  }

  // Day-count rule: the same segments counted under another rule.
  for (const rule of RULES) {
    if (rule === our.dayCount) continue;
    const segs = our.segments.map((s) => ({ base: s.base, days: interestDays(s.from, s.toExclusive, rule), rate: s.ratePercent }));
    const days = segs.reduce((s, x) => s + x.days, 0);
    for (const rounding of [our.rounding, ...ROUNDINGS.filter((r) => r !== our.rounding)]) {
      const n = roundRupiah(amountOf(segs, ourRate, dayCountBasis(rule)), rounding);
      if (fits(n)) return explained('konvensi_hari', `Bank memakai konvensi ${RULE_LABEL[rule]} (${days} hari), kami ${RULE_LABEL[our.dayCount]} (${ourDays} hari):`, n);
    }
  }

  const bases = new Set(our.segments.map((s) => s.base));
  const outstandingDiffers = our.basis === 'outstanding' && bank.outstanding !== null && !(bases.size === 1 && bases.has(bank.outstanding));
  const rateDiffers = bankRate !== null && !(ourRates.length === 0 ? bankRate.equals(ourRate) : ourRates.every((r) => bankRate.equals(r)));
  const daysDiffer = bank.hari !== null && bank.hari >= 0 && bank.hari !== ourDays;
  const ourBaseText = bases.size === 1 ? formatRupiah([...bases][0]!) : 'beberapa nilai';

  // The bank's outstanding as the base of the whole period (at our rate of each segment's days).
  const atBankOutstanding = (base: number) => (ourDays === 0 ? [{ base, days: 0 }] : our.segments.map((s) => ({ base, days: s.days, rate: s.ratePercent })));
  if (outstandingDiffers) {
    const n = roundRupiah(amountOf(atBankOutstanding(bank.outstanding!), ourRate, yearDays), our.rounding);
    if (fits(n)) return explained('outstanding', `Baki debet bank ${formatRupiah(bank.outstanding!)} (kami ${ourBaseText})`, n);
  }
  if (rateDiffers) {
    const n = roundRupiah(
      amountOf(
        our.segments.map((s) => ({ base: s.base, days: s.days })),
        bankRate!,
        yearDays,
      ),
      our.rounding,
    );
    if (fits(n)) return explained('bunga', `Tarif bank ${pct(bankRate!.toFixed())} (kami ${ourRateText})`, n);
  }
  // The bank's days: our bases weighted by their days, over the bank's count.
  const scaledToDays = (days: number) => (ourDays === 0 ? [] : our.segments.map((s) => ({ base: s.base, days: new D(s.days).times(days).div(ourDays), rate: s.ratePercent })));
  if (daysDiffer) {
    const n = roundRupiah(amountOf(scaledToDays(bank.hari!), ourRate, yearDays), our.rounding);
    if (fits(n)) return explained('hari', `Jumlah hari bank ${bank.hari} (kami ${ourDays})`, n);
  }

  // Everything the bank gave at once, under each year basis and rounding.
  const factors: string[] = [];
  if (outstandingDiffers) factors.push('baki debet');
  if (rateDiffers) factors.push('tarif');
  if (daysDiffer) factors.push('jumlah hari');
  if (factors.length > 0) {
    const base = outstandingDiffers ? bank.outstanding! : null;
    const days = daysDiffer ? bank.hari! : ourDays;
    const rate = rateDiffers ? bankRate! : ourRate;
    // Our segments' days scaled to the bank's count, at the bank's outstanding; the bank's rate for
    // every day, else each segment keeps ours.
    const segs =
      base !== null && ourDays === 0 ? [{ base, days }] : scaledToDays(days).map((x) => ({ base: base ?? x.base, days: x.days, rate: rateDiffers ? undefined : x.rate }));
    for (const year of [yearDays, yearDays === 360 ? 365 : 360]) {
      for (const rounding of [our.rounding, ...ROUNDINGS.filter((r) => r !== our.rounding)]) {
        const n = roundRupiah(amountOf(segs, rate, year), rounding);
        if (!fits(n)) continue;
        const extra = [year !== yearDays ? `pembagi ${year} hari` : null, rounding !== our.rounding ? ROUNDING_LABEL[rounding] : null].filter((x) => x !== null);
        return explained('gabungan', `Angka bank sendiri (${[...factors, ...extra].join(', ')})`, n);
      }
    }
  }
  const differing = [
    outstandingDiffers ? `baki debet bank ${formatRupiah(bank.outstanding!)} (kami ${ourBaseText})` : null,
    rateDiffers ? `tarif bank ${pct(bankRate!.toFixed())} (kami ${ourRateText})` : null,
    daysDiffer ? `hari bank ${bank.hari} (kami ${ourDays})` : null,
  ].filter((x) => x !== null);
  return {
    kode: 'tidak_diketahui',
    rincian:
      `Selisih ${formatRupiah(bank.diklaim - our.amount)} tidak dapat dijelaskan oleh baki debet, tarif, hari, konvensi hari atau pembulatan` +
      (differing.length > 0 ? `; berbeda: ${differing.join('; ')}.` : '.'),
    nilai: null,
  };
}
