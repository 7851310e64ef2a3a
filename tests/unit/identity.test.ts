import { describe, expect, it } from 'vitest';
import { formatNpwp, normalizeNik, parseNib, parseNik, parseNpwp, type NikResult } from '../../electron/domain/identity';
import { makeNik } from '../helpers/nik';

const TODAY = '2026-11-23';

/** The parsed info of a NIK that must be valid (fails the test with the message otherwise). */
function info(raw: string, today = TODAY) {
  const r = parseNik(raw, today);
  if (!r.ok) throw new Error(`NIK ${raw} seharusnya sah: ${r.message}`);
  return r.info;
}

/** The message of a NIK that must be refused. */
function refusal(raw: string, today = TODAY): string {
  const r: NikResult = parseNik(raw, today);
  if (r.ok) throw new Error(`NIK ${raw} seharusnya ditolak, tetapi dibaca ${JSON.stringify(r.info)}`);
  return r.message;
}

describe('parseNik: valid numbers', () => {
  it("reads a man's NIK: region codes, gender L, birth date as written", () => {
    expect(info('1603011707850001')).toEqual({
      nik: '1603011707850001',
      provinsi: '16',
      kabupaten: '03',
      kecamatan: '01',
      jenisKelamin: 'L',
      tanggalLahir: '1985-07-17',
      kodeWilayah: '16.03.01',
    });
  });

  it("reads a woman's NIK: day + 40, gender P, real day of birth", () => {
    const i = info('1603025202900002');
    expect(i.jenisKelamin).toBe('P');
    expect(i.tanggalLahir).toBe('1990-02-12');
    expect(i.kodeWilayah).toBe('16.03.02');
  });

  it('puts the gender boundary between day 40 and 41', () => {
    // 41 is a woman born on the 1st; 71 a woman born on the 31st.
    expect(info(makeNik({ day: 1, month: 5, yy: 80, female: true }))).toMatchObject({ jenisKelamin: 'P', tanggalLahir: '1980-05-01' });
    expect(info(makeNik({ day: 31, month: 5, yy: 80, female: true }))).toMatchObject({ jenisKelamin: 'P', tanggalLahir: '1980-05-31' });
    expect(info(makeNik({ day: 31, month: 5, yy: 80 }))).toMatchObject({ jenisKelamin: 'L', tanggalLahir: '1980-05-31' });
    // Day 40 is neither a man's day (> 31) nor a woman's (0 after subtracting 40).
    expect(refusal('1603014005800001')).toMatch(/tanggal/i);
  });

  it('accepts 29 February only in leap years, for men and women', () => {
    expect(info(makeNik({ day: 29, month: 2, yy: 88 })).tanggalLahir).toBe('1988-02-29');
    expect(info(makeNik({ day: 29, month: 2, yy: 0, female: true }))).toMatchObject({ jenisKelamin: 'P', tanggalLahir: '2000-02-29' });
    expect(refusal(makeNik({ day: 29, month: 2, yy: 85 }))).toMatch(/tanggal/i);
    expect(refusal(makeNik({ day: 29, month: 2, yy: 85, female: true }))).toMatch(/tanggal/i);
  });

  it('strips the spaces, dots and dashes people type or paste', () => {
    expect(info('16.03.01 170785 0001').nik).toBe('1603011707850001');
    expect(info(' 1603-0117-0785-0001 ').nik).toBe('1603011707850001');
    expect(info('1603 0117\t0785 0001').nik).toBe('1603011707850001');
    expect(normalizeNik('16.03.01-170785 0001')).toBe('1603011707850001');
  });

  it('accepts other provinces in use, including the 2022 Papua ones', () => {
    expect(info(makeNik({ provinsi: '31', kabupaten: '71', kecamatan: '05', day: 1, month: 1, yy: 70 })).kodeWilayah).toBe('31.71.05');
    expect(info(makeNik({ provinsi: '96', day: 1, month: 1, yy: 70 })).provinsi).toBe('96');
  });
});

describe('parseNik: the century of a two-digit year, relative to today', () => {
  it('reads a year not after this year as 20xx', () => {
    expect(info(makeNik({ day: 1, month: 1, yy: 0 })).tanggalLahir).toBe('2000-01-01');
    expect(info(makeNik({ day: 5, month: 6, yy: 10 })).tanggalLahir).toBe('2010-06-05');
    // Born earlier today's year: still 2026.
    expect(info(makeNik({ day: 23, month: 11, yy: 26 })).tanggalLahir).toBe('2026-11-23');
  });

  it('reads a year after this year as 19xx', () => {
    expect(info(makeNik({ day: 1, month: 1, yy: 27 })).tanggalLahir).toBe('1927-01-01');
    expect(info(makeNik({ day: 31, month: 12, yy: 99 })).tanggalLahir).toBe('1999-12-31');
  });

  it('moves with `today`: the same NIK changes century on another date', () => {
    const nik = makeNik({ day: 1, month: 1, yy: 20 });
    expect(info(nik, '2026-11-23').tanggalLahir).toBe('2020-01-01');
    expect(info(nik, '2015-06-30').tanggalLahir).toBe('1920-01-01');
  });
});

describe('parseNik: refusals', () => {
  it('refuses a wrong length and says how many digits were written', () => {
    expect(refusal('160301170785001')).toMatch(/16 digit.*15 digit/);
    expect(refusal('16030117078500011')).toMatch(/16 digit.*17 digit/);
    expect(refusal('1603')).toMatch(/4 digit/);
  });

  it('refuses letters and other characters', () => {
    expect(refusal('16030117078500A1')).toMatch(/angka/);
    expect(refusal('1603011707850O01')).toMatch(/angka/); // letter O for zero
    expect(refusal('1603011707850001/')).toMatch(/angka/);
    expect(refusal('')).toMatch(/NIK/);
  });

  it('refuses an unknown province code, naming it', () => {
    expect(refusal(makeNik({ provinsi: '99', day: 17, month: 7, yy: 85 }))).toMatch(/provinsi 99/);
    expect(refusal(makeNik({ provinsi: '00', day: 17, month: 7, yy: 85 }))).toMatch(/provinsi 00/);
    expect(refusal(makeNik({ provinsi: '20', day: 17, month: 7, yy: 85 }))).toMatch(/provinsi 20/);
  });

  it('refuses regency 00 and district 00', () => {
    expect(refusal(makeNik({ kabupaten: '00', day: 17, month: 7, yy: 85 }))).toMatch(/kabupaten/i);
    expect(refusal(makeNik({ kecamatan: '00', day: 17, month: 7, yy: 85 }))).toMatch(/kecamatan/i);
  });

  it.each([
    ['31 February', makeNik({ day: 31, month: 2, yy: 85 })],
    ['30 February', makeNik({ day: 30, month: 2, yy: 85 })],
    ['31 April', makeNik({ day: 31, month: 4, yy: 85 })],
    ['day 00', makeNik({ day: 0, month: 7, yy: 85 })],
    ['month 00', makeNik({ day: 17, month: 0, yy: 85 })],
    ['month 13', makeNik({ day: 17, month: 13, yy: 85 })],
    ['woman, day 72 (32)', makeNik({ day: 32, month: 1, yy: 85, female: true })],
    ['woman, 30 February (day 70)', makeNik({ day: 30, month: 2, yy: 85, female: true })],
    ['day 99', '1603019907850001'],
  ])('refuses an impossible birth date: %s', (_label, nik) => {
    expect(refusal(nik)).toBe('Tanggal lahir pada NIK (digit 7–12) bukan tanggal yang sah');
  });

  it('refuses a birth date after today', () => {
    // Tomorrow, by the century rule 2026.
    expect(refusal(makeNik({ day: 24, month: 11, yy: 26 }))).toMatch(/masa depan/);
    // A NIK valid today is in the future as seen from before its birth date.
    expect(refusal('1603011707850001', '1985-07-16')).toMatch(/masa depan/);
    expect(info('1603011707850001', '1985-07-17').tanggalLahir).toBe('1985-07-17');
  });

  it('refuses serial 0000', () => {
    expect(refusal('1603011707850000')).toMatch(/0000/);
    expect(info('1603011707859999').nik).toBe('1603011707859999');
  });

  it('writes every refusal in Indonesian and mentions the NIK', () => {
    const bad = ['123', '16030117078500A1', '9903011707850001', '1600011707850001', '1603001707850001', '1603013102850001', '1603011707850000'];
    for (const nik of bad) expect(refusal(nik), nik).toMatch(/NIK/);
  });
});

describe('parseNpwp', () => {
  it('accepts the old 15-digit form with its punctuation and stores digits only', () => {
    expect(parseNpwp('01.234.567.8-901.000')).toEqual({ ok: true, npwp: '012345678901000' });
    expect(parseNpwp('012345678901000')).toEqual({ ok: true, npwp: '012345678901000' });
    expect(parseNpwp(' 01 234 567 8 901 000 ')).toEqual({ ok: true, npwp: '012345678901000' });
  });

  it("accepts the 16-digit form (a person's NIK since 2024)", () => {
    expect(parseNpwp('1603011707850001')).toEqual({ ok: true, npwp: '1603011707850001' });
    expect(parseNpwp('0012 3456 7890 1234')).toEqual({ ok: true, npwp: '0012345678901234' });
  });

  it('refuses 14 and 17 digits, saying how many were written', () => {
    const r14 = parseNpwp('01.234.567.8-901.00');
    const r17 = parseNpwp('01.234.567.8-901.00012');
    expect(r14.ok).toBe(false);
    expect(r17.ok).toBe(false);
    if (!r14.ok) expect(r14.message).toMatch(/15 digit.*16 digit.*14 digit/);
    if (!r17.ok) expect(r17.message).toMatch(/17 digit/);
  });

  it('refuses letters and other characters', () => {
    const r = parseNpwp('01.234.567.8-901.OOO');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/NPWP hanya boleh berisi angka/);
    expect(parseNpwp('01/234/567/8/901/000').ok).toBe(false);
    expect(parseNpwp('').ok).toBe(false);
  });

  it('refuses all zeros, in either length', () => {
    const r = parseNpwp('00.000.000.0-000.000');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/nol/);
    expect(parseNpwp('0000000000000000').ok).toBe(false);
  });
});

describe('formatNpwp', () => {
  it('writes 15 digits as XX.XXX.XXX.X-XXX.XXX', () => {
    expect(formatNpwp('012345678901000')).toBe('01.234.567.8-901.000');
  });

  it('round-trips with parseNpwp', () => {
    const written = '09.876.543.2-101.234';
    const parsed = parseNpwp(written);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(formatNpwp(parsed.npwp)).toBe(written);
  });

  it('leaves a 16-digit NPWP as its digits', () => {
    expect(formatNpwp('1603011707850001')).toBe('1603011707850001');
  });
});

describe('parseNib', () => {
  it('accepts 13 digits, with spaces removed', () => {
    expect(parseNib('9120001234567')).toEqual({ ok: true, nib: '9120001234567' });
    expect(parseNib(' 9120 0012 34567 ')).toEqual({ ok: true, nib: '9120001234567' });
  });

  it.each(['912000123456', '91200012345678', '912000123456A', '', '9120-001234567'])('refuses %j', (raw) => {
    const r = parseNib(raw);
    expect(r).toEqual({ ok: false, message: 'NIB harus 13 digit angka' });
  });
});
