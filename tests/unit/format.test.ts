import { describe, expect, it } from 'vitest';
import { BULAN, formatDateLong, formatDateShort, formatPeriod, formatRupiah, groupThousands, parseDateInput, todayIso } from '../../electron/domain/format';

describe('formatRupiah (PUEBI: Rp, no space, dots for thousands)', () => {
  it.each([
    [0, 'Rp0'],
    [1, 'Rp1'],
    [999, 'Rp999'],
    [1000, 'Rp1.000'],
    [12_345, 'Rp12.345'],
    [100_000, 'Rp100.000'],
    [1_234_567, 'Rp1.234.567'],
    [138_900_000, 'Rp138.900.000'],
    [259_000_000_000, 'Rp259.000.000.000'],
    [Number.MAX_SAFE_INTEGER, 'Rp9.007.199.254.740.991'],
  ])('%d → %s', (amount, text) => {
    expect(formatRupiah(amount)).toBe(text);
  });

  it('writes negative amounts with the sign before Rp', () => {
    expect(formatRupiah(-1)).toBe('-Rp1');
    expect(formatRupiah(-1_234_567)).toBe('-Rp1.234.567');
    expect(formatRupiah(-1000)).toBe('-Rp1.000');
  });

  it('writes minus zero as zero', () => {
    expect(formatRupiah(-0)).toBe('Rp0');
  });

  it('accepts bigint beyond the safe integer range', () => {
    expect(formatRupiah(12_345_678_901_234_567_890n)).toBe('Rp12.345.678.901.234.567.890');
    expect(formatRupiah(-5_000n)).toBe('-Rp5.000');
  });

  it.each([1.5, 0.1, -2.25, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %d: money is integer rupiah', (amount) => {
    expect(() => formatRupiah(amount)).toThrow(RangeError);
  });
});

describe('groupThousands', () => {
  it('groups digits by three with dots, keeping the sign', () => {
    expect(groupThousands(0)).toBe('0');
    expect(groupThousands(100)).toBe('100');
    expect(groupThousands(1000)).toBe('1.000');
    expect(groupThousands(-1234567)).toBe('-1.234.567');
    expect(groupThousands(10n ** 12n)).toBe('1.000.000.000.000');
  });
});

describe('formatDateShort', () => {
  it('writes dd/mm/yyyy with leading zeros', () => {
    expect(formatDateShort('2025-10-27')).toBe('27/10/2025');
    expect(formatDateShort('2025-01-05')).toBe('05/01/2025');
    expect(formatDateShort('1999-12-31')).toBe('31/12/1999');
  });

  it('reads the date part of an ISO timestamp', () => {
    expect(formatDateShort('2025-10-27T08:15:00.000Z')).toBe('27/10/2025');
  });

  it('writes nothing for a missing date', () => {
    expect(formatDateShort(null)).toBe('');
    expect(formatDateShort(undefined)).toBe('');
    expect(formatDateShort('')).toBe('');
  });

  it('throws on text that is not an ISO date', () => {
    expect(() => formatDateShort('27/10/2025')).toThrow(RangeError);
    expect(() => formatDateShort('kemarin')).toThrow(RangeError);
  });
});

describe('formatDateLong', () => {
  it('writes the day without a leading zero and the month in words (Indonesian)', () => {
    expect(formatDateLong('2025-10-27')).toBe('27 Oktober 2025');
    expect(formatDateLong('2025-01-05')).toBe('5 Januari 2025');
    expect(formatDateLong('2024-02-29', 'id')).toBe('29 Februari 2024');
  });

  it('names every month correctly in Indonesian', () => {
    const expected = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
    expect([...BULAN]).toEqual(expected);
    expected.forEach((name, i) => {
      expect(formatDateLong(`2025-${String(i + 1).padStart(2, '0')}-01`)).toBe(`1 ${name} 2025`);
    });
  });

  it('writes English month names on request', () => {
    expect(formatDateLong('2025-10-27', 'en')).toBe('27 October 2025');
    expect(formatDateLong('2025-05-01', 'en')).toBe('1 May 2025');
    expect(formatDateLong('2025-08-17', 'en')).toBe('17 August 2025');
  });

  // A month outside 01–12 must not be printed as "1 undefined 2025" in a document.
  it('throws on month 13 rather than writing "undefined"', () => {
    expect(() => formatDateLong('2025-13-01')).toThrow(RangeError);
  });

  it('writes nothing for a missing date and throws on garbage', () => {
    expect(formatDateLong(null)).toBe('');
    expect(formatDateLong(undefined, 'en')).toBe('');
    expect(() => formatDateLong('27 Oktober 2025')).toThrow(RangeError);
  });
});

describe('formatPeriod', () => {
  it('writes YYYY-MM as month and year', () => {
    expect(formatPeriod('2025-10')).toBe('Oktober 2025');
    expect(formatPeriod('2026-01')).toBe('Januari 2026');
    expect(formatPeriod('2025-12', 'en')).toBe('December 2025');
    expect(formatPeriod('2025-03', 'en')).toBe('March 2025');
  });

  it('throws on text that is not a period', () => {
    expect(() => formatPeriod('2025-10-01')).toThrow(RangeError);
    expect(() => formatPeriod('10/2025')).toThrow(RangeError);
    expect(() => formatPeriod('2025-1')).toThrow(RangeError);
  });

  // A month outside 01–12 must not be printed as "undefined 2025" on a report.
  it('throws on month 00 and month 13', () => {
    expect(() => formatPeriod('2025-13')).toThrow(RangeError);
    expect(() => formatPeriod('2025-00')).toThrow(RangeError);
  });
});

describe('parseDateInput', () => {
  it.each([
    ['27/10/2025', '2025-10-27'],
    ['05/01/2025', '2025-01-05'],
    ['5/1/2025', '2025-01-05'],
    ['1/12/2024', '2024-12-01'],
    ['27-10-2025', '2025-10-27'],
    ['27.10.2025', '2025-10-27'],
    ['  27/10/2025 ', '2025-10-27'],
    ['2025-10-27', '2025-10-27'],
    ['29/02/2024', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseDateInput(text)).toBe(iso);
  });

  it.each(['31/02/2025', '30/02/2024', '29/02/2025', '31/04/2025', '00/01/2025', '15/13/2025', '15/00/2025', '2025-02-30', '2025-13-01', '1900-02-29'])(
    'refuses the impossible date %j',
    (text) => {
      expect(parseDateInput(text)).toBeNull();
    },
  );

  it.each(['', '   ', 'kemarin', '27/10/25', '27/10', '2025-1-5', '2025/10/27', '27 Oktober 2025', '27//10/2025', '1e3/10/2025'])('refuses the non-date %j', (text) => {
    expect(parseDateInput(text)).toBeNull();
  });
});

describe('todayIso', () => {
  it('writes the local date with leading zeros', () => {
    expect(todayIso(new Date(2025, 0, 5, 23, 59, 59))).toBe('2025-01-05');
    expect(todayIso(new Date(2026, 10, 23, 0, 0, 1))).toBe('2026-11-23');
  });
});
