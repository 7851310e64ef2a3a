import { describe, expect, it } from 'vitest';
import { computeInsuranceClaim, computePremium, findPremiumBand, type PremiumBand } from '../../../../electron/domain/loan';

describe('premium', () => {
  it("'sekali': rate × plafon once", () => {
    // 1,5 % × 50.000.000 = 750.000
    expect(computePremium({ plafon: 50_000_000, tenorMonths: 36, basis: 'sekali', ratePercent: '1.5' })).toEqual({
      basis: 'sekali',
      plafon: 50_000_000,
      tenorMonths: 36,
      ratePercent: '1.5',
      tenorFactor: '1',
      unrounded: '750000',
      rounding: 'half_up',
      amount: 750_000,
    });
    // 1,35 % × 33.333.333 = 449.999,9955 → 450.000 half_up, 449.999 floor
    expect(computePremium({ plafon: 33_333_333, tenorMonths: 12, basis: 'sekali', ratePercent: '1.35' }).amount).toBe(450_000);
    expect(computePremium({ plafon: 33_333_333, tenorMonths: 12, basis: 'sekali', ratePercent: '1.35', rounding: 'floor' }).amount).toBe(449_999);
  });

  it("'tahunan': a yearly rate pro-rated by tenor", () => {
    // 0,75 % × 50.000.000 × 18 / 12 = 375.000 × 1,5 = 562.500
    const w = computePremium({ plafon: 50_000_000, tenorMonths: 18, basis: 'tahunan', ratePercent: '0.75' });
    expect([w.amount, w.tenorFactor, w.unrounded]).toEqual([562_500, '1.5', '562500']);
    // 1 % × 10.000.000 × 5 / 12 = 41.666,67 → 41.667 half_up, 41.666 floor
    expect(computePremium({ plafon: 10_000_000, tenorMonths: 5, basis: 'tahunan', ratePercent: '1' }).amount).toBe(41_667);
    expect(computePremium({ plafon: 10_000_000, tenorMonths: 5, basis: 'tahunan', ratePercent: '1', rounding: 'floor' }).amount).toBe(41_666);
  });

  const table: PremiumBand[] = [
    { tenorMin: 1, tenorMax: 12, ratePercent: '1' },
    { tenorMin: 13, tenorMax: 24, ratePercent: '1.75' },
    { tenorMin: 25, tenorMax: 36, ratePercent: '2.5' },
  ];

  it("'tabel': the once-rate of the tenor's band", () => {
    // 18 months → 1,75 % × 40.000.000 = 700.000; 12 months (inclusive bound) → 1 % = 400.000
    expect(computePremium({ plafon: 40_000_000, tenorMonths: 18, basis: 'tabel', table }).amount).toBe(700_000);
    expect(computePremium({ plafon: 40_000_000, tenorMonths: 12, basis: 'tabel', table }).amount).toBe(400_000);
    // 36 months → 2,5 % × 12.345.679 = 308.641,975 → 308.642 half_up, 308.641 floor
    expect(computePremium({ plafon: 12_345_679, tenorMonths: 36, basis: 'tabel', table }).amount).toBe(308_642);
    expect(computePremium({ plafon: 12_345_679, tenorMonths: 36, basis: 'tabel', table, rounding: 'floor' }).amount).toBe(308_641);
    expect(computePremium({ plafon: 40_000_000, tenorMonths: 13, basis: 'tabel', table }).ratePercent).toBe('1.75');
  });

  it('refuses a tenor outside the table, overlapping bands and a missing rate', () => {
    expect(() => computePremium({ plafon: 40_000_000, tenorMonths: 40, basis: 'tabel', table })).toThrow(RangeError);
    expect(() => findPremiumBand([...table, { tenorMin: 24, tenorMax: 48, ratePercent: '3' }], 24)).toThrow(RangeError);
    expect(() => computePremium({ plafon: 40_000_000, tenorMonths: 12, basis: 'sekali' })).toThrow(RangeError);
    expect(() => computePremium({ plafon: 40_000_000, tenorMonths: 12, basis: 'tahunan', ratePercent: null })).toThrow(RangeError);
  });
});

describe('insurance claim', () => {
  it('coverage share × outstanding at default', () => {
    // 70 % × 23.456.789 = 16.419.752,3 → 16.419.752
    expect(computeInsuranceClaim(23_456_789, '70').amount).toBe(16_419_752);
    // 75 % × 1.000.002 = 750.001,5 → 750.002 half_up, 750.001 floor
    expect(computeInsuranceClaim(1_000_002, '75')).toEqual({ outstanding: 1_000_002, coverageSharePercent: '75', unrounded: '750001.5', rounding: 'half_up', amount: 750_002 });
    expect(computeInsuranceClaim(1_000_002, '75', 'floor').amount).toBe(750_001);
    expect(() => computeInsuranceClaim(1_000_002, '101')).toThrow(RangeError);
  });
});
