/** Credit insurance premium (or guarantee fee, IJP) and the insurer's claim amount. */
import Decimal from 'decimal.js';
import { D, decString, percent, roundRupiah, assertNonNegativeRupiah, type DecimalInput, type RoundingRule, type Rupiah } from './money';

export const PREMIUM_BASES = ['sekali', 'tahunan', 'tabel'] as const;
/** 'sekali': rate × plafon once · 'tahunan': a yearly rate pro-rated by tenor · 'tabel': a once-rate by tenor band. */
export type PremiumBasis = (typeof PREMIUM_BASES)[number];

export interface PremiumBand {
  /** Inclusive bounds in months. */
  tenorMin: number;
  tenorMax: number;
  ratePercent: DecimalInput;
}

export interface PremiumInput {
  plafon: Rupiah;
  tenorMonths: number;
  basis: PremiumBasis;
  /** For 'sekali' and 'tahunan'. */
  ratePercent?: DecimalInput | null;
  /** For 'tabel'. */
  table?: readonly PremiumBand[];
  rounding?: RoundingRule;
}

export interface PremiumWorking {
  basis: PremiumBasis;
  plafon: Rupiah;
  tenorMonths: number;
  /** The rate applied (for 'tabel': the matching band's). */
  ratePercent: string;
  /** 'tahunan': tenor / 12; otherwise 1. */
  tenorFactor: string;
  unrounded: string;
  rounding: RoundingRule;
  amount: Rupiah;
}

/** The band for a tenor; overlapping bands are refused rather than silently picking one. */
export function findPremiumBand(table: readonly PremiumBand[], tenorMonths: number): PremiumBand {
  const matches = table.filter((b) => b.tenorMin <= tenorMonths && tenorMonths <= b.tenorMax);
  if (matches.length > 1) throw new RangeError(`Tabel tarif premi tumpang tindih pada tenor ${tenorMonths} bulan`);
  const band = matches[0];
  if (!band) throw new RangeError(`Tidak ada tarif premi untuk tenor ${tenorMonths} bulan`);
  return band;
}

export function computePremium(input: PremiumInput): PremiumWorking {
  assertNonNegativeRupiah(input.plafon, 'Plafon');
  if (!Number.isSafeInteger(input.tenorMonths) || input.tenorMonths < 1) throw new RangeError(`Tenor tidak valid: ${input.tenorMonths}`);
  const rounding = input.rounding ?? 'half_up';
  let rate: Decimal;
  let tenorNum = 1;
  let tenorDen = 1;
  switch (input.basis) {
    case 'sekali':
    case 'tahunan':
      if (input.ratePercent === undefined || input.ratePercent === null) throw new RangeError('Tarif premi wajib diisi');
      rate = percent(input.ratePercent, 'Tarif premi');
      if (input.basis === 'tahunan') [tenorNum, tenorDen] = [input.tenorMonths, 12];
      break;
    case 'tabel':
      rate = percent(findPremiumBand(input.table ?? [], input.tenorMonths).ratePercent, 'Tarif premi');
      break;
    default:
      throw new RangeError(`Basis premi tidak dikenal: ${String(input.basis)}`);
  }
  // rate × plafon × tenor / (100 × 12): multiplied first, divided once.
  const unrounded = new D(input.plafon).times(rate).times(tenorNum).div(new D(100).times(tenorDen));
  return {
    basis: input.basis,
    plafon: input.plafon,
    tenorMonths: input.tenorMonths,
    ratePercent: decString(rate),
    tenorFactor: decString(new D(tenorNum).div(tenorDen)),
    unrounded: decString(unrounded),
    rounding,
    amount: roundRupiah(unrounded, rounding),
  };
}

export interface ClaimWorking {
  outstanding: Rupiah;
  coverageSharePercent: string;
  unrounded: string;
  rounding: RoundingRule;
  amount: Rupiah;
}

/** What the insurer pays when a loan goes bad: its coverage share × the outstanding at default. */
export function computeInsuranceClaim(outstanding: Rupiah, coverageSharePercent: DecimalInput, rounding: RoundingRule = 'half_up'): ClaimWorking {
  assertNonNegativeRupiah(outstanding, 'Baki debet');
  const share = percent(coverageSharePercent, 'Porsi penjaminan');
  const unrounded = new D(outstanding).times(share).div(100);
  return { outstanding, coverageSharePercent: decString(share), unrounded: decString(unrounded), rounding, amount: roundRupiah(unrounded, rounding) };
}
