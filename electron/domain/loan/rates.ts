/**
 * How a scheme divides the bank's interest between the debtor and the regency.
 * Ratios are kept as numerator/denominator so callers multiply first and divide once:
 * a pre-divided 8/11 would be inexact and could tip a floor or half-up rounding.
 */
import Decimal from 'decimal.js';
import { D, percent, type DecimalInput } from './money';

export const SUBSIDY_MODES = ['selisih', 'persentase'] as const;
/** 'selisih': the regency pays bank rate − debtor rate · 'persentase': a fixed share of the interest. */
export type SubsidyMode = (typeof SUBSIDY_MODES)[number];

export interface SubsidyTerms {
  mode: SubsidyMode;
  /** Annual % the bank charges, e.g. '11'. */
  bankRatePercent: DecimalInput;
  /** Annual % the debtor pays, e.g. '3'. Used by 'selisih'. */
  debtorRatePercent: DecimalInput;
  /** For 'persentase': the regency's share of the interest in %, e.g. '50' or '80'. */
  sharePercent?: DecimalInput | null;
}

/** The subsidised fraction of the interest as num/den, always within [0, 1]. */
export function subsidyShare(terms: SubsidyTerms): { num: Decimal; den: Decimal } {
  if (terms.mode === 'selisih') {
    const bank = percent(terms.bankRatePercent, 'Bunga bank');
    const debtor = percent(terms.debtorRatePercent, 'Bunga debitur');
    // A debtor rate above the bank rate leaves nothing to subsidise (never a negative subsidy).
    if (bank.isZero() || debtor.greaterThanOrEqualTo(bank)) return { num: new D(0), den: new D(1) };
    return { num: bank.minus(debtor), den: bank };
  }
  if (terms.mode === 'persentase') {
    if (terms.sharePercent === undefined || terms.sharePercent === null) throw new RangeError('Porsi subsidi wajib diisi untuk subsidi persentase');
    return { num: percent(terms.sharePercent, 'Porsi subsidi'), den: new D(100) };
  }
  throw new RangeError(`Jenis subsidi tidak dikenal: ${String((terms as { mode: unknown }).mode)}`);
}

/**
 * The subsidised annual rate in % for the national formula (rate × outstanding × days / 360):
 * 'selisih' → bank − debtor (never below 0); 'persentase' → bank × share / 100 (exact).
 */
export function subsidizedRatePercent(terms: SubsidyTerms): Decimal {
  const bank = percent(terms.bankRatePercent, 'Bunga bank');
  const { num, den } = subsidyShare(terms);
  if (terms.mode === 'selisih') return num; // bank − debtor, or 0
  return bank.times(num).div(den);
}
