import { describe, expect, it } from 'vitest';
import { indexLoans, matchLine, type MatchableLoan } from '../../../electron/services/claims/match';

const loans: MatchableLoan[] = [
  { id: 1, nomorRekening: '0012300045', nik: '1603106710850001', plafon: 12_000_000, tanggalAkad: '2026-01-10' },
  { id: 2, nomorRekening: '12300045', nik: '1603101203800002', plafon: 20_000_000, tanggalAkad: '2026-02-01' },
  // One debtor with two loans at the bank: the NIK alone does not say which.
  { id: 3, nomorRekening: '777', nik: '1603104505900003', plafon: 10_000_000, tanggalAkad: '2025-03-01' },
  { id: 4, nomorRekening: '778', nik: '1603104505900003', plafon: 15_000_000, tanggalAkad: '2026-03-01' },
];
const index = indexLoans(loans);
const line = (over: Partial<{ nomorRekening: string; nik: string | null; plafon: number | null; tanggalAkad: string | null }>) => ({
  nomorRekening: 'tidak-ada',
  nik: null,
  plafon: null,
  tanggalAkad: null,
  ...over,
});

describe('matching a claim line to a loan', () => {
  it('matches the account number as exact text: leading zeros count', () => {
    expect(matchLine(index, line({ nomorRekening: '0012300045' }))).toMatchObject({ loan: { id: 1 }, by: 'rekening' });
    expect(matchLine(index, line({ nomorRekening: '12300045' }))).toMatchObject({ loan: { id: 2 }, by: 'rekening' });
    expect(matchLine(index, line({ nomorRekening: '012300045' })).loan).toBeNull();
  });

  it('falls back to the NIK when plafon and/or akad date given agree with exactly one loan', () => {
    expect(matchLine(index, line({ nik: '1603106710850001', plafon: 12_000_000, tanggalAkad: '2026-01-10' }))).toMatchObject({ loan: { id: 1 }, by: 'nik' });
    expect(matchLine(index, line({ nik: '1603104505900003', plafon: 15_000_000 }))).toMatchObject({ loan: { id: 4 }, by: 'nik' });
    expect(matchLine(index, line({ nik: '1603104505900003', tanggalAkad: '2025-03-01' }))).toMatchObject({ loan: { id: 3 }, by: 'nik' });
  });

  it('does not guess: a NIK alone, a disagreeing plafon, or several loans leave the line unknown, saying why', () => {
    expect(matchLine(index, line({ nik: '1603106710850001' }))).toMatchObject({ loan: null, reason: expect.stringContaining('tidak memuat plafon') });
    expect(matchLine(index, line({ nik: '1603106710850001', plafon: 12_500_000 }))).toMatchObject({ loan: null, reason: expect.stringContaining('tidak cocok') });
    expect(matchLine(index, line({ nik: '1603106710850001', plafon: 12_000_000, tanggalAkad: '2026-01-11' })).loan).toBeNull();
    const two = indexLoans([...loans, { id: 5, nomorRekening: '779', nik: '1603104505900003', plafon: 15_000_000, tanggalAkad: '2026-03-01' }]);
    expect(matchLine(two, line({ nik: '1603104505900003', plafon: 15_000_000 }))).toMatchObject({ loan: null, reason: expect.stringContaining('lebih dari satu') });
    expect(matchLine(index, line({ nik: '9999999999999999', plafon: 1 }))).toMatchObject({ loan: null, reason: expect.stringContaining('NIK tidak memiliki pinjaman') });
    expect(matchLine(index, line({}))).toMatchObject({ loan: null, reason: 'Nomor rekening tidak terdaftar pada bank ini' });
  });
});
