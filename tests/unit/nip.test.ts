import { describe, expect, it } from 'vitest';
import { checkNip, formatNip, normalizeNip, type NipProblem } from '../../electron/domain/identity';

const TODAY = '2026-11-23';

function problem(raw: string, today: string | undefined = TODAY): NipProblem {
  const r = checkNip(raw, today);
  if (r.ok) throw new Error(`NIP ${raw} seharusnya diberi peringatan, tetapi dibaca ${JSON.stringify(r.info)}`);
  expect(r.message).toMatch(/NIP/);
  return r.problem;
}

describe('checkNip', () => {
  it('reads the domain example 19680411 199303 1 009: born 11 April 1968, appointed March 1993, a man, serial 009', () => {
    expect(checkNip('19680411 199303 1 009', TODAY)).toEqual({
      ok: true,
      info: { nip: '196804111993031009', tanggalLahir: '1968-04-11', tmt: '1993-03', jenisKelamin: 'L', urut: '009' },
    });
  });

  it('reads it typed without spaces, or with dots and dashes, and a woman from digit 15 = 2', () => {
    expect(checkNip('196804111993031009').ok).toBe(true);
    expect(checkNip('19820517.200604.2.011')).toMatchObject({ ok: true, info: { jenisKelamin: 'P', tanggalLahir: '1982-05-17', tmt: '2006-04' } });
    expect(checkNip(' 19820517-200604-2-011 ')).toMatchObject({ ok: true, info: { nip: '198205172006042011' } });
  });

  it('warns about letters and about a length other than 18', () => {
    expect(problem('19680411 19930A 1 009')).toBe('angka');
    expect(problem('19680411 199303 1 09')).toBe('panjang');
    expect(checkNip('1968041119930310091', TODAY)).toMatchObject({ ok: false, message: 'NIP biasanya 18 digit (tertulis 19 digit)' });
    expect(problem('')).toBe('angka');
  });

  it('warns about a birth date that is no date: month 13, 30 February, 29 February of a common year, year before 1900', () => {
    expect(problem('19681311 199303 1 009')).toBe('tanggalLahir');
    expect(problem('19680230 199303 1 009')).toBe('tanggalLahir');
    expect(problem('19670229 199303 1 009')).toBe('tanggalLahir');
    expect(problem('18990411 199303 1 009')).toBe('tanggalLahir');
    // 29 February of a leap year is a date.
    expect(checkNip('19680229 199303 1 009', TODAY).ok).toBe(true);
  });

  it('warns about an appointment month that is no month, or not after the birth', () => {
    expect(problem('19680411 199313 1 009')).toBe('tmt');
    expect(problem('19680411 199300 1 009')).toBe('tmt');
    expect(problem('19680411 196804 1 009')).toBe('tmtSebelumLahir');
    expect(problem('19680411 196512 1 009')).toBe('tmtSebelumLahir');
    // The month after the birth month is after it.
    expect(checkNip('19680411 196805 1 009', TODAY).ok).toBe(true);
  });

  it('warns about dates after today only when today is given', () => {
    expect(problem('20270101 204501 1 001')).toBe('lahirMasaDepan');
    expect(problem('19900101 202612 1 001')).toBe('tmtMasaDepan');
    expect(checkNip('19900101 202612 1 001').ok).toBe(true);
    expect(checkNip('19900101 202611 1 001', TODAY).ok).toBe(true);
  });

  it('warns about a gender digit other than 1 or 2 and a serial 000', () => {
    expect(problem('19680411 199303 3 009')).toBe('jenisKelamin');
    expect(problem('19680411 199303 0 009')).toBe('jenisKelamin');
    expect(problem('19680411 199303 1 000')).toBe('urut');
  });
});

describe('formatNip and normalizeNip', () => {
  it('writes 18 digits 8-6-1-3, however they were typed', () => {
    expect(formatNip('196804111993031009')).toBe('19680411 199303 1 009');
    expect(formatNip(' 19680411.199303.1.009 ')).toBe('19680411 199303 1 009');
    expect(formatNip('19680411 199303 1 009')).toBe('19680411 199303 1 009');
    expect(normalizeNip('19680411 199303 1 009')).toBe('196804111993031009');
  });

  it('leaves another staff number as typed, only tidying its spaces', () => {
    expect(formatNip('  1234  5678 ')).toBe('1234 5678');
    expect(formatNip('1968041119930310')).toBe('1968041119930310');
  });
});
