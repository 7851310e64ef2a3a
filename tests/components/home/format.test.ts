import { describe, expect, it } from 'vitest';
import { percentOfPagu } from '@/features/home/charts';
import { formatPercent, shortPeriod, shortRupiah } from '@/features/home/format';

describe('short rupiah on chart axes', () => {
  it('writes juta, miliar and triliun with one decimal, rounded half up, Indonesian comma', () => {
    expect(shortRupiah(0)).toBe('Rp0');
    expect(shortRupiah(950)).toBe('Rp950');
    expect(shortRupiah(250_000)).toBe('Rp250 rb');
    expect(shortRupiah(250_000_000)).toBe('Rp250 jt');
    expect(shortRupiah(1_250_000_000)).toBe('Rp1,3 M');
    expect(shortRupiah(1_249_999_999)).toBe('Rp1,2 M');
    expect(shortRupiah(2_000_000_000_000)).toBe('Rp2 T');
    expect(shortRupiah(-1_500_000)).toBe('-Rp1,5 jt');
    expect(shortRupiah(1_500_000_000, 'en')).toBe('Rp1,5 bn');
  });

  it('percentages and periods as the tiles show them', () => {
    expect(formatPercent('4.08')).toBe('4,08 %');
    // One number style in both languages (issue 18, item 12): figures sit beside Rp1.234.567.
    expect(formatPercent('4.08', 'en')).toBe('4,08 %');
    expect(formatPercent(null)).toBe('–');
    expect(shortPeriod('2026-10')).toBe('10/2026');
    // Exact: 1/3 of the pagu is 33,33 %, 2/3 rounds up to 66,67 %; no pagu, no share.
    expect(percentOfPagu(1, 3)).toBe('33.33');
    expect(percentOfPagu(2, 3)).toBe('66.67');
    expect(percentOfPagu(625_000_000, 2_500_000_000)).toBe('25.00');
    expect(percentOfPagu(5, null)).toBeNull();
    expect(percentOfPagu(5, 0)).toBeNull();
  });
});
