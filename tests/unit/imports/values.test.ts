import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import {
  excelSerialToIso,
  parseDecimalText,
  readAccount,
  readDate,
  readInteger,
  readMoney,
  readNik,
  readPeriod,
  readRate,
  readText,
  readYesNo,
} from '../../../electron/services/imports/parse/values';
import { duplicateKey } from '../../../electron/services/imports/parse/rows';

const value = <T>(r: { ok: boolean; value?: T }) => (r.ok ? r.value : undefined);

describe('numbers as banks write them', () => {
  it.each([
    ['1.234.567,50', '1234567.5'],
    ['1234567.50', '1234567.5'],
    ['1,234,567', '1234567'],
    ['1.234.567', '1234567'],
    ['1.250', '1250'],
    ['1234,5', '1234.5'],
    ['Rp 1.234.567,-', '1234567'],
    ['Rp1.000', '1000'],
    ['(2.500)', '-2500'],
    ['-1.000,25', '-1000.25'],
    ['1,234,567.89', '1234567.89'],
    ['0', '0'],
    [' 12 500 ', '12500'],
  ])('%s → %s', (text, expected) => {
    expect(parseDecimalText(text)).toBe(expected);
  });

  it.each(['abc', '1.23.4', '12,34,5', '1..2', ',5', '5,', '1.234,567,8', '', 'Rp', '1 2 3x'])('%s is not a number', (text) => {
    expect(parseDecimalText(text)).toBeNull();
  });

  it('a forced style decides the one ambiguous case', () => {
    expect(parseDecimalText('1.250', 'en')).toBe('1.25');
    expect(parseDecimalText('1,250', 'id')).toBe('1.25');
    expect(parseDecimalText('1,250', 'en')).toBe('1250');
  });

  it('Indonesian notation reads back any integer rupiah exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 99 }), (n, sen) => {
        const grouped = n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
        const text = `${grouped},${String(sen).padStart(2, '0')}`;
        const expected = sen === 0 ? n.toString() : `${n}.${String(sen).padStart(2, '0')}`.replace(/0$/, '');
        expect(parseDecimalText(text)).toBe(expected);
      }),
    );
  });
  it('the quick shapes (plain digits, Indonesian grouping) read as the general rules read them, in every style', () => {
    // A leading space takes the general path (it strips spaces first), so the two can be compared.
    const digits = fc.stringMatching(/^\d{1,16}$/);
    const grouped = fc
      .tuple(fc.stringMatching(/^\d{1,3}$/), fc.array(fc.stringMatching(/^\d{3}$/), { minLength: 1, maxLength: 5 }), fc.option(fc.stringMatching(/^\d{1,4}$/)))
      .map(([head, groups, frac]) => `${[head, ...groups].join('.')}${frac === null ? '' : `,${frac}`}`);
    fc.assert(
      fc.property(fc.oneof(digits, grouped), fc.constantFrom('otomatis' as const, 'id' as const, 'en' as const), (text, style) => {
        expect(parseDecimalText(text, style)).toBe(parseDecimalText(` ${text}`, style));
      }),
      { numRuns: 2000 },
    );
    expect(parseDecimalText('007', 'en')).toBe('7');
    expect(parseDecimalText('1.234.567', 'en')).toBeNull();
    expect(parseDecimalText('1.250,50', 'en')).toBe('1250.5');
  });
});

describe('money to integer rupiah', () => {
  it('whole rupiah need no rounding', () => {
    expect(readMoney('1.234.567')).toEqual({ ok: true, value: 1234567 });
    expect(readMoney(1234567)).toEqual({ ok: true, value: 1234567 });
  });

  it('sen are rounded half-up with a warning naming both figures', () => {
    const up = readMoney('1.234.567,50');
    expect(up).toMatchObject({ ok: true, value: 1234568 });
    expect(up.ok && up.warning).toContain('1234567,50');
    expect(value(readMoney('1.234.567,49'))).toBe(1234567);
    // A float from Excel is read as Excel shows it (15 significant digits): 1000,1 + 0,2 + 0,2 is
    // 1000,5, not 1000,5000000000001 — then rounded once, half-up.
    expect(value(readMoney(1000.1 + 0.2 + 0.2))).toBe(1001);
    expect(value(readMoney(2.675))).toBe(3);
  });

  it('a whole XLSX figure (read without decimal.js) is what the exact way gives, up to 15 digits; beyond, Excel’s 15 digits', () => {
    expect(readMoney(0)).toEqual({ ok: true, value: 0 });
    expect(Object.is(value(readMoney(-0)), 0)).toBe(true);
    expect(readMoney(79_236)).toEqual({ ok: true, value: 79_236 });
    expect(readMoney(999_999_999_999_999)).toEqual({ ok: true, value: 999_999_999_999_999 });
    // 16 digits: Excel shows (and holds) only 15 significant ones.
    expect(readMoney(1_234_567_890_123_456)).toEqual({ ok: true, value: 1_234_567_890_123_460 });
    expect(readMoney(-5000)).toEqual({ ok: false, reason: '"-5000" bernilai negatif' });
  });

  it('an XLSX numeric cell is rounded once, to rupiah, and quoted as it was', () => {
    // 100,495 half-up to rupiah is 100 (not 100,50 → 101); 1.234.567,495 is 1.234.567 (not 1.234.567,50 → 1.234.568).
    expect(readMoney(100.495)).toEqual({ ok: true, value: 100, warning: 'Nilai 100,495 memuat sen; dibulatkan menjadi 100 rupiah' });
    expect(readMoney(1234567.495)).toEqual({ ok: true, value: 1234567, warning: 'Nilai 1234567,495 memuat sen; dibulatkan menjadi 1234567 rupiah' });
    // ,5 and above goes up: 1.234.567,5 → 1.234.568.
    expect(readMoney(1234567.5)).toEqual({ ok: true, value: 1234568, warning: 'Nilai 1234567,5 memuat sen; dibulatkan menjadi 1234568 rupiah' });
  });

  it('refuses negatives, more than two decimals from text, and non-numbers', () => {
    expect(readMoney('-5.000').ok).toBe(false);
    expect(readMoney('12,345').ok).toBe(true); // thousands
    expect(readMoney('12,3456').ok).toBe(false);
    expect(readMoney('Budi').ok).toBe(false);
  });

  it('integers and rates', () => {
    expect(readInteger('31', 0, 400, 'hari')).toEqual({ ok: true, value: 31 });
    expect(readInteger('6', 1, 5, 'kol').ok).toBe(false);
    expect(readInteger('2,5', 1, 5, 'kol').ok).toBe(false);
    expect(value(readRate('11,5%'))).toBe('11.5');
    expect(value(readRate(0.875))).toBe('0.875');
    expect(readRate('1.234,5').ok).toBe(false);
  });
});

describe('dates and periods', () => {
  it('Excel serial numbers (1900 system) against Date arithmetic', () => {
    for (const serial of [61, 1000, 36526, 45231, 46022]) {
      const expected = new Date(Date.UTC(1900, 0, 1) + (serial - 2) * 86_400_000).toISOString().slice(0, 10);
      expect(excelSerialToIso(serial)).toBe(expected);
    }
    expect(excelSerialToIso(45231)).toBe('2023-11-01');
  });

  it.each([
    ['27/10/2025', '2025-10-27'],
    ['1-2-2026', '2026-02-01'],
    ['2026-02-01', '2026-02-01'],
    ['5 November 2026', '2026-11-05'],
    ['45231', '2023-11-01'],
    ['27-10-2025', '2025-10-27'],
    ['27 Oktober 2025', '2025-10-27'],
    // Excel's d-mmm-yy display, its two-digit years as Excel reads them (00–29 → 20xx, 30–99 → 19xx).
    ['27-Okt-25', '2025-10-27'],
    ['27-Oct-25', '2025-10-27'],
    ['3 Agt 2021', '2021-08-03'],
    ['1-Jan-95', '1995-01-01'],
  ])('date %s', (text, iso) => {
    expect(value(readDate(text))).toBe(iso);
  });

  it('refuses dates that do not exist', () => {
    expect(readDate('31/02/2026').ok).toBe(false);
    expect(readDate('2026-13-01').ok).toBe(false);
    expect(readDate('kemarin').ok).toBe(false);
    expect(readDate('31-Feb-25').ok).toBe(false);
    // Two-digit years only with a month name: 10/11/25 could be read more than one way.
    expect(readDate('10/11/25').ok).toBe(false);
  });

  it.each([
    ['2026-10', '2026-10'],
    ['10/2026', '2026-10'],
    ['3-2026', '2026-03'],
    ['202610', '2026-10'],
    ['Oktober 2026', '2026-10'],
    ['15/10/2026', '2026-10'],
  ])('period %s', (text, period) => {
    expect(value(readPeriod(text))).toBe(period);
  });

  it('periods from XLSX numbers: yyyymm or a serial date', () => {
    expect(value(readPeriod(202610))).toBe('2026-10');
    expect(value(readPeriod(45231))).toBe('2023-11');
    expect(readPeriod('10/26').ok).toBe(false);
    expect(readPeriod('2026-13').ok).toBe(false);
  });
});

describe('account numbers, NIK, yes/no', () => {
  it('keeps leading zeros and strips Excel text markers', () => {
    expect(value(readAccount('0012300001'))).toBe('0012300001');
    expect(value(readAccount("'0012300001"))).toBe('0012300001');
    expect(value(readAccount('="0012300001"'))).toBe('0012300001');
    expect(value(readAccount(12300001, 10))).toBe('0012300001');
  });

  it('refuses a number Excel turned into scientific notation', () => {
    const r = readAccount('1,23E+15');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('format ilmiah');
    expect(readAccount('').ok).toBe(false);
  });

  it('refuses account numbers that a spreadsheet would run as a formula', () => {
    for (const bad of ["-2+3+cmd|' /C calc'!A0", '=HYPERLINK("http://x","klik")', '+SUM(A1:A9)', '@SUM(1+1)', '=1+1', "'=1+1", '-2+3', '="=cmd|x"']) {
      const r = readAccount(bad);
      expect(r.ok, bad).toBe(false);
      expect(!r.ok && r.reason).toContain('tampak seperti rumus spreadsheet');
    }
    // A sign followed by digits only is an (odd) account number, not a formula.
    expect(value(readAccount('-0012300001'))).toBe('-0012300001');
    expect(value(readAccount('+62 0012-3000/01'))).toBe('+62 0012-3000/01');
    expect(value(readAccount('001-23-A'))).toBe('001-23-A');
  });

  it('NIK', () => {
    expect(value(readNik('1603 0102 0380 0001'))).toBe('1603010203800001');
    expect(readNik('16030102038000').ok).toBe(false);
    expect(readNik(1603010203800001).ok).toBe(false);
    // What a CSV saved from Excel carries after the NIK column was a number: the digits are gone.
    const sci = readNik('1.60302E+15');
    expect(!sci.ok && sci.reason).toBe('NIK "1.60302E+15" rusak (format ilmiah Excel): digit aslinya sudah hilang; simpan kolom NIK sebagai teks');
    expect(readNik('1,60302E+15').ok).toBe(false);
  });

  it('yes/no', () => {
    expect(['Y', 'ya', '1', 'Sudah'].map((t) => value(readYesNo(t)))).toEqual([true, true, true, true]);
    expect(['N', 'tidak', '0', 'belum'].map((t) => value(readYesNo(t)))).toEqual([false, false, false, false]);
    expect(readYesNo('mungkin').ok).toBe(false);
  });
});

describe('readMoney without decimal.js for the common shapes', () => {
  // The fast path (≤ 15 integer digits, ≤ 2 sen digits) must answer exactly what decimal.js does.
  const reference = (digits: string, sen: string): { value: number; warns: boolean } | 'refused' => {
    const d = new Decimal(sen ? `${digits}.${sen}` : digits);
    if (d.decimalPlaces() > 2) return 'refused';
    const r = d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
    return { value: r.toNumber(), warns: !r.eq(d) };
  };
  const groupId = (digits: string) => digits.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  it('agrees with decimal.js on Indonesian and plain notation, with and without sen', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,15}$/), fc.stringMatching(/^\d{0,2}$/), (digits, sen) => {
        const expected = reference(digits, sen);
        for (const text of [sen ? `${groupId(digits)},${sen}` : groupId(digits), sen ? `${digits}.${sen}` : digits]) {
          const got = readMoney(text, sen.length === 0 ? 'otomatis' : text.includes(',') ? 'id' : 'en');
          if (expected === 'refused') expect(got.ok).toBe(false);
          else {
            expect(got).toMatchObject({ ok: true, value: expected.value });
            expect(got.ok && got.warning !== undefined).toBe(expected.warns);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
  it('keeps the same warning text and the long numbers on the exact path', () => {
    expect(readMoney('1.234.567,50')).toEqual({ ok: true, value: 1234568, warning: 'Nilai 1234567,50 memuat sen; dibulatkan menjadi 1234568 rupiah' });
    expect(readMoney('01234,49', 'id')).toEqual({ ok: true, value: 1234, warning: 'Nilai 1234,49 memuat sen; dibulatkan menjadi 1234 rupiah' });
    expect(readMoney('1234567890123456')).toEqual({ ok: true, value: 1234567890123456 });
    expect(readMoney('-1.000')).toMatchObject({ ok: false });
    expect(readMoney('0,00', 'id')).toEqual({ ok: true, value: 0 });
  });
});

describe('the quick paths for cells of digits and tidy text answer as the general rules', () => {
  // A leading space takes every reader's general path (each trims or strips spaces first), so the
  // quick answer for a cell can be compared with the general one for the same cell.
  const styles = fc.constantFrom('otomatis' as const, 'id' as const, 'en' as const);
  it('money: plain digits, Indonesian grouping with zero sen or none, and shapes near them', () => {
    const digits = fc.stringMatching(/^\d{1,17}$/);
    const grouped = fc
      .tuple(fc.stringMatching(/^\d{1,4}$/), fc.array(fc.stringMatching(/^\d{2,4}$/), { minLength: 1, maxLength: 6 }), fc.option(fc.stringMatching(/^[0-9]{0,3}$/)))
      .map(([head, groups, frac]) => `${[head, ...groups].join('.')}${frac === null ? '' : `,${frac}`}`);
    const near = fc.stringMatching(/^[0-9.,]{1,20}$/);
    fc.assert(
      fc.property(fc.oneof(digits, grouped, near), styles, (text, style) => {
        expect(readMoney(text, style)).toEqual(readMoney(` ${text}`, style));
      }),
      { numRuns: 5000 },
    );
    for (const text of [
      '7.950.760',
      '7.950.760,00',
      '7.950.760,0',
      '0',
      '000.000',
      '999.999.999.999.999',
      '1.000.000.000.000.000',
      '123456789012345',
      '1234567890123456',
      '1.234,',
      '1.234.',
    ]) {
      for (const style of ['otomatis', 'id', 'en'] as const) expect(readMoney(text, style)).toEqual(readMoney(` ${text}`, style));
    }
  });
  it('accounts and NIKs of digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,45}$/), (text) => {
        expect(readAccount(text)).toEqual(readAccount(` ${text}`));
        expect(readNik(text)).toEqual(readNik(` ${text}`));
      }),
      { numRuns: 3000 },
    );
  });
  it('names: text already tidy is kept as the general rule tidies it', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\t', '\u00a0', '\n', "'", '.'), maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (text, max) => {
        expect(readText(text, max)).toEqual(readText(` ${text}`, max));
      }),
      { numRuns: 3000 },
    );
  });
  it("a repeated account's key: digits lose only their leading zeros, as the general rule has it", () => {
    const general = (a: string) =>
      a
        .toUpperCase()
        .replace(/[^0-9A-Z]/g, '')
        .replace(/^0+/, '');
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\d{1,20}$/), fc.stringMatching(/^[0-9a-z .-]{1,20}$/)), (a) => {
        expect(duplicateKey(a)).toBe(general(a));
      }),
      { numRuns: 3000 },
    );
  });
});
