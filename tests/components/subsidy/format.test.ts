import { describe, expect, it } from 'vitest';
import type { SubsidyWorking } from '@contract';
import {
  formatDecimal,
  formatPercentId,
  formatPeriodRange,
  formatUnrounded,
  formulaText,
  lastDayInclusive,
  periodEnd,
  previousMonth,
  roundToRupiah,
} from '@/features/subsidy/format';

describe('formatDecimal (exact decimal strings, Indonesian separators)', () => {
  it('rounds half up to two places and groups thousands with dots', () => {
    expect(formatDecimal('71555.55555555555555555555555555555556')).toBe('71.555,56');
    expect(formatDecimal('37333.33333333333333333333333333333333')).toBe('37.333,33');
    expect(formatDecimal('1234')).toBe('1.234,00');
    expect(formatDecimal('0')).toBe('0,00');
    expect(formatDecimal('0.005')).toBe('0,01');
    expect(formatDecimal('0.004999')).toBe('0,00');
    expect(formatDecimal('.5', 0)).toBe('1');
  });

  it('carries through nines', () => {
    expect(formatDecimal('999.995')).toBe('1.000,00');
    expect(formatDecimal('99999.999')).toBe('100.000,00');
    expect(formatDecimal('9.5', 0)).toBe('10');
  });

  it('stays exact beyond what a JS number can hold', () => {
    // As a float this would be 123456789012345680000 and the cents would be lost.
    expect(formatDecimal('123456789012345678901.125')).toBe('123.456.789.012.345.678.901,13');
    expect(formatDecimal('9007199254740993.10')).toBe('9.007.199.254.740.993,10');
  });

  it('handles signs and never shows a negative zero', () => {
    expect(formatDecimal('-1234.5')).toBe('-1.234,50');
    expect(formatDecimal('-0.001')).toBe('0,00');
    expect(formatDecimal('+12.345')).toBe('12,35');
    expect(formatDecimal('007.1')).toBe('7,10');
  });

  it('truncates on request and accepts other place counts', () => {
    expect(formatDecimal('71555.559', 2, 'truncate')).toBe('71.555,55');
    expect(formatDecimal('2.71828', 4)).toBe('2,7183');
    expect(formatDecimal('2.5', 0)).toBe('3');
  });

  it('refuses what is not a plain decimal', () => {
    expect(() => formatDecimal('abc')).toThrow(RangeError);
    expect(() => formatDecimal('1e5')).toThrow(RangeError);
    expect(() => formatDecimal('1.234,5')).toThrow(RangeError);
    expect(() => formatDecimal('')).toThrow(RangeError);
    expect(() => formatDecimal('.')).toThrow(RangeError);
    expect(() => formatDecimal('1', -1)).toThrow(RangeError);
  });
});

describe('roundToRupiah', () => {
  it('rounds half up or down as the scheme says', () => {
    expect(roundToRupiah('71555.5', 'half_up')).toBe(71556n);
    expect(roundToRupiah('71555.4999999', 'half_up')).toBe(71555n);
    expect(roundToRupiah('71555.9999', 'floor')).toBe(71555n);
    expect(roundToRupiah('12', 'floor')).toBe(12n);
    expect(roundToRupiah('-1.2', 'floor')).toBe(-2n);
  });
});

describe('formatUnrounded (the value before rounding, as the formula shows it)', () => {
  it('shows two places when they agree with the rounding', () => {
    expect(formatUnrounded('71555.5555555555555555', 'half_up')).toBe('71.555,56');
    expect(formatUnrounded('71555.5', 'half_up')).toBe('71.555,50');
    expect(formatUnrounded('71555.123', 'floor')).toBe('71.555,12');
  });

  it('shows more places when two would contradict the rounding that follows', () => {
    // 71.555,50 would suggest Rp71.556, yet it rounds to Rp71.555.
    expect(formatUnrounded('71555.4999', 'half_up')).toBe('71.555,4999');
    // 71.556,00 would suggest Rp71.556, yet floor gives Rp71.555.
    expect(formatUnrounded('71555.999', 'floor')).toBe('71.555,999');
    // Never ending: cut (not rounded) at six places.
    expect(formatUnrounded('71555.99999999999', 'floor')).toBe('71.555,999999');
    expect(formatUnrounded('71555.49999999999', 'half_up')).toBe('71.555,499999');
  });
});

describe('working helpers', () => {
  const working: SubsidyWorking = {
    basis: 'outstanding',
    konvensiHari: 'act360',
    tarifSubsidiPersen: '8',
    pembulatan: 'half_up',
    jumlah: 71556,
    dariJadwal: false,
    tidakDibulatkan: '71555.55555555555555555555555555555556',
    segmen: [
      { dari: '2025-02-01', sampai: '2025-02-15', pokok: 12_000_000, hari: 14, tarifPersen: '8', tidakDibulatkan: '37333.33333333333333333333333333333333' },
      { dari: '2025-02-15', sampai: '2025-03-01', pokok: 11_000_000, hari: 14, tarifPersen: '8', tidakDibulatkan: '34222.22222222222222222222222222222222' },
    ],
  };

  it('writes the formula out with every segment', () => {
    expect(formulaText(working)).toBe('8 % × (Rp12.000.000 × 14 + Rp11.000.000 × 14) / 360 = 71.555,56 → Rp71.556');
  });

  it('writes a single segment without brackets, and 365 for Actual/365', () => {
    expect(
      formulaText({ ...working, konvensiHari: 'act365', tarifSubsidiPersen: '4.5', segmen: [working.segmen[0]!], tidakDibulatkan: '20712.32876712328767', jumlah: 20712 }),
    ).toBe('4,5 % × Rp12.000.000 × 14 / 365 = 20.712,33 → Rp20.712');
  });

  it('formats percents and period ends exactly', () => {
    expect(formatPercentId('8')).toBe('8 %');
    expect(formatPercentId('8.333333')).toBe('8,333333 %');
    expect(lastDayInclusive('2025-03-01')).toBe('2025-02-28');
    expect(lastDayInclusive('2024-03-01')).toBe('2024-02-29');
    expect(lastDayInclusive('2026-01-01')).toBe('2025-12-31');
  });

  it('finds the quarter end, the previous month and the period range', () => {
    expect(periodEnd('2025-10', true)).toBe('2025-12');
    expect(periodEnd('2025-11', true)).toBe('2026-01');
    expect(periodEnd('2025-11', false)).toBe('2025-11');
    expect(previousMonth('2025-01-15')).toBe('2024-12');
    expect(formatPeriodRange('2025-10', '2025-12')).toBe('Oktober 2025 – Desember 2025');
    expect(formatPeriodRange('2025-10', '2025-10', 'en')).toBe('October 2025');
  });
});
