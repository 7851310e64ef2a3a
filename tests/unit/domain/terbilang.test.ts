import { describe, expect, it } from 'vitest';
import { kapital, terbilang, terbilangRupiah, terbilangRupiahKapital } from '../../../electron/domain/terbilang';

describe('terbilang', () => {
  it.each<[number, string]>([
    [0, 'nol'],
    [1, 'satu'],
    [7, 'tujuh'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [110, 'seratus sepuluh'],
    [111, 'seratus sebelas'],
    [115, 'seratus lima belas'],
    [200, 'dua ratus'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1100, 'seribu seratus'],
    [1111, 'seribu seratus sebelas'],
    [2000, 'dua ribu'],
    [10000, 'sepuluh ribu'],
    [11000, 'sebelas ribu'],
    [12500, 'dua belas ribu lima ratus'],
    [100000, 'seratus ribu'],
    [101000, 'seratus satu ribu'],
    [111111, 'seratus sebelas ribu seratus sebelas'],
    [1000000, 'satu juta'],
    [1001000, 'satu juta seribu'],
    [1200000, 'satu juta dua ratus ribu'],
    [2000001, 'dua juta satu'],
    [15750000, 'lima belas juta tujuh ratus lima puluh ribu'],
    [138900000, 'seratus tiga puluh delapan juta sembilan ratus ribu'],
    [1000000000, 'satu miliar'],
    [1001001001, 'satu miliar satu juta seribu satu'],
    [1000000000000, 'satu triliun'],
    [20000000000000, 'dua puluh triliun'],
    [999000000000000, 'sembilan ratus sembilan puluh sembilan triliun'],
    [
      999_999_999_999_999,
      'sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan',
    ],
    [1_000_000_000_000_000, 'satu kuadriliun'],
  ])('%d → %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('takes bigint up to 999 kuadriliun', () => {
    expect(terbilang(123_000_000_000_000_045n)).toBe('seratus dua puluh tiga kuadriliun empat puluh lima');
    expect(terbilang(1_000n)).toBe('seribu');
    expect(terbilang(Number.MAX_SAFE_INTEGER)).toBe(
      'sembilan kuadriliun tujuh triliun seratus sembilan puluh sembilan miliar dua ratus lima puluh empat juta tujuh ratus empat puluh ribu sembilan ratus sembilan puluh satu',
    );
  });

  it('refuses negatives, fractions and out-of-range numbers', () => {
    expect(() => terbilang(-1)).toThrow(RangeError);
    expect(() => terbilang(1.5)).toThrow(RangeError);
    expect(() => terbilang(Number.NaN)).toThrow(RangeError);
    expect(() => terbilang(10n ** 18n)).toThrow(RangeError);
  });

  it('writes rupiah, also capitalised for documents', () => {
    expect(terbilangRupiah(1_200_000)).toBe('satu juta dua ratus ribu rupiah');
    expect(terbilangRupiahKapital(1_200_000)).toBe('Satu juta dua ratus ribu rupiah');
    expect(terbilangRupiahKapital(0)).toBe('Nol rupiah');
    expect(kapital('')).toBe('');
  });
});
