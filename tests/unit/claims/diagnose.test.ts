import { describe, expect, it } from 'vitest';
import { diagnose, type OurWorking } from '../../../electron/services/claims/diagnose';

/**
 * One October line worked by hand: Rp10.000.000 at 8 % for 31 days, actual/360:
 * 10.000.000 × 8 × 31 / 36.000 = 68.888,89 → Rp68.889 (half-up).
 */
const october: OurWorking = {
  segments: [{ from: '2026-10-01', toExclusive: '2026-11-01', base: 10_000_000, days: 31 }],
  ratePercent: '8',
  dayCount: 'act360',
  rounding: 'half_up',
  basis: 'outstanding',
  unrounded: '68888.888888888888888888888888888888889',
  amount: 68_889,
};
const bank = (diklaim: number, over: Partial<{ outstanding: number | null; bungaPersen: string | null; hari: number | null }> = {}) => ({
  outstanding: null,
  bungaPersen: null,
  hari: null,
  diklaim,
  ...over,
});

describe('diagnosing a nominal difference', () => {
  it('rounding: the bank floors what we round half-up', () => {
    // 68.888,89 floored.
    expect(diagnose(october, bank(68_888), 0)).toMatchObject({ kode: 'pembulatan', nilai: 68_888 });
  });

  it('day-count rule: actual/365 (10.000.000 × 8 × 31 / 36.500 = 67.945,21) and 30/360 (× 30 / 36.000 = 66.666,67)', () => {
    expect(diagnose(october, bank(67_945), 0)).toMatchObject({ kode: 'konvensi_hari', nilai: 67_945 });
    const r = diagnose(october, bank(66_667), 0);
    expect(r).toMatchObject({ kode: 'konvensi_hari', nilai: 66_667 });
    expect(r.rincian).toContain('30/360');
  });

  it('outstanding: the bank used Rp11.000.000 (× 8 × 31 / 36.000 = 75.777,78)', () => {
    const r = diagnose(october, bank(75_778, { outstanding: 11_000_000 }), 0);
    expect(r).toMatchObject({ kode: 'outstanding', nilai: 75_778 });
    expect(r.rincian).toBe('Baki debet bank Rp11.000.000 (kami Rp10.000.000) menghasilkan Rp75.778, sesuai tagihan bank Rp75.778 (perhitungan kami Rp68.889).');
  });

  it('rate: the bank used 9 % (10.000.000 × 9 × 31 / 36.000 = 77.500)', () => {
    expect(diagnose(october, bank(77_500, { bungaPersen: '9' }), 0)).toMatchObject({ kode: 'bunga', nilai: 77_500 });
    // A comma decimal from a file is understood too: 8,5 % → 73.194,44.
    expect(diagnose(october, bank(73_194, { bungaPersen: '8,5' }), 0)).toMatchObject({ kode: 'bunga', nilai: 73_194 });
  });

  it('days: the bank counted 30 days (10.000.000 × 8 × 30 / 36.000 = 66.666,67)', () => {
    // 30/360 gives the same figure and is tried first: the day-count rule is the more specific cause.
    expect(diagnose(october, bank(66_667, { hari: 30 }), 0).kode).toBe('konvensi_hari');
    // 28 days is no rule's count of October: 62.222,22.
    expect(diagnose(october, bank(62_222, { hari: 28 }), 0)).toMatchObject({ kode: 'hari', nilai: 62_222 });
  });

  it('several causes at once: the bank’s own outstanding, rate and days', () => {
    // 11.000.000 × 9 × 30 / 36.000 = 82.500
    const r = diagnose(october, bank(82_500, { outstanding: 11_000_000, bungaPersen: '9', hari: 30 }), 0);
    expect(r.kode).toBe('gabungan');
    expect(r.rincian).toContain('baki debet, tarif, jumlah hari');
  });

  it('a month whose rate a restructuring changed: our rate per segment; the bank kept the old rate all month', () => {
    // March 2024, restructured from the 20th: 11.000.000 × 14 days at 8 %, 10.000.000 × 5 at 8 %, 10.000.000 × 12 at 11 %
    // = (1.232.000.000 + 400.000.000 + 1.320.000.000) / 36.000 = Rp82.000.
    const march: OurWorking = {
      segments: [
        { from: '2024-03-01', toExclusive: '2024-03-15', base: 11_000_000, days: 14 },
        { from: '2024-03-15', toExclusive: '2024-03-20', base: 10_000_000, days: 5 },
        { from: '2024-03-20', toExclusive: '2024-04-01', base: 10_000_000, days: 12, ratePercent: '11' },
      ],
      ratePercent: '8',
      dayCount: 'act360',
      rounding: 'half_up',
      basis: 'outstanding',
      unrounded: '82000',
      amount: 82_000,
    };
    // The bank's 8 % on every day: (154.000.000 + 50.000.000 + 120.000.000) × 8 / 36.000 = 72.000.
    const r = diagnose(march, bank(72_000, { bungaPersen: '8', hari: 31 }), 0);
    expect(r).toMatchObject({ kode: 'bunga', nilai: 72_000 });
    expect(r.rincian).toContain('Tarif bank 8 % (kami 8 % → 11 %)');
    // 30/360 at our rates: 1 Mar–15 Mar 14, 15–20 Mar 5, 20 Mar–1 Apr 11 days (30E/360):
    // (11.000.000 × 14 × 8 + 10.000.000 × 5 × 8 + 10.000.000 × 11 × 11) / 36.000 = 2.842.000.000 / 36.000 = 78.944,44 → 78.944
    expect(diagnose(march, bank(78_944), 0)).toMatchObject({ kode: 'konvensi_hari', nilai: 78_944 });
  });

  it('otherwise unknown, naming the figures that differ', () => {
    const r = diagnose(october, bank(70_000, { outstanding: 10_500_000 }), 0);
    expect(r).toMatchObject({ kode: 'tidak_diketahui', nilai: null });
    expect(r.rincian).toContain('Selisih Rp1.111');
    expect(r.rincian).toContain('baki debet bank Rp10.500.000');
    expect(diagnose(october, bank(99_999), 0).rincian).toMatch(/pembulatan\.$/);
  });

  it('uses the tolerance: within Rp1 of a recomputation is a match', () => {
    expect(diagnose(october, bank(77_501, { bungaPersen: '9' }), 1).kode).toBe('bunga');
    expect(diagnose(october, bank(77_502, { bungaPersen: '9' }), 1).kode).toBe('tidak_diketahui');
  });

  it('splits at a principal change: each segment recomputed under the other rule', () => {
    // 20 days of 10.000.000 then 11 of 9.000.000 at 8 %: act/365 = (200.000.000 + 99.000.000) × 8 / 36.500 = 65.534,25
    const split: OurWorking = {
      ...october,
      segments: [
        { from: '2026-10-01', toExclusive: '2026-10-21', base: 10_000_000, days: 20 },
        { from: '2026-10-21', toExclusive: '2026-11-01', base: 9_000_000, days: 11 },
      ],
      unrounded: '66444.444444444444444444444444444444444',
      amount: 66_444,
    };
    expect(diagnose(split, bank(65_534), 0)).toMatchObject({ kode: 'konvensi_hari', nilai: 65_534 });
  });
});
