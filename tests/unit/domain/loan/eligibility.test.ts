import { describe, expect, it } from 'vitest';
import { checkEligibility, INELIGIBILITY_LABELS, INELIGIBILITY_REASONS, type EligibilityInput } from '../../../../electron/domain/loan';

/** A loan that earns subsidy for June 2025. */
const ok: EligibilityInput = {
  period: '2025-06',
  disbursementDate: '2025-01-15',
  payoffDate: null,
  maturityDate: '2026-01-15',
  kol: 1,
  maxKol: 2,
  insuranceClaimDate: null,
  installmentPaid: true,
  requireInstallment: true,
  paidPeriods: ['2025-04', '2025-05'],
  budgetYearOnly: true,
  budgetYear: 2025,
};

const reasonOf = (changes: Partial<EligibilityInput>) => {
  const r = checkEligibility({ ...ok, ...changes });
  return r.eligible ? null : r.reason;
};

describe('checkEligibility', () => {
  it('eligible, including edge days that still leave days in the period', () => {
    expect(checkEligibility(ok)).toEqual({ eligible: true });
    expect(reasonOf({ disbursementDate: '2025-06-30' })).toBeNull(); // disbursed on the last day
    expect(reasonOf({ payoffDate: '2025-06-02' })).toBeNull(); // owed on 1 June
    expect(reasonOf({ maturityDate: '2025-06-01' })).toBeNull(); // matures inside the period
    expect(reasonOf({ kol: 2 })).toBeNull(); // at the limit
    expect(reasonOf({ kol: null })).toBeNull(); // not reported: no exclusion by kol
    expect(reasonOf({ insuranceClaimDate: '2025-07-01' })).toBeNull(); // claimed later
    expect(reasonOf({ requireInstallment: false, installmentPaid: false })).toBeNull();
    expect(reasonOf({ paidPeriods: new Set(['2025-05']) })).toBeNull();
    expect(reasonOf({ budgetYearOnly: false, budgetYear: 2024 })).toBeNull();
  });

  it('belum_cair: not disbursed, or disbursed after the period', () => {
    expect(reasonOf({ disbursementDate: null })).toBe('belum_cair');
    expect(reasonOf({ disbursementDate: '2025-07-01' })).toBe('belum_cair');
  });

  it('lunas: paid off before the period (or on its first day)', () => {
    expect(reasonOf({ payoffDate: '2025-05-20' })).toBe('lunas');
    expect(reasonOf({ payoffDate: '2025-06-01' })).toBe('lunas');
  });

  it('lewat_jatuh_tempo: the period starts after maturity', () => {
    expect(reasonOf({ maturityDate: '2025-05-31' })).toBe('lewat_jatuh_tempo');
  });

  it("kol_melebihi_batas: kol above the scheme's limit", () => {
    expect(reasonOf({ kol: 3 })).toBe('kol_melebihi_batas');
    expect(reasonOf({ kol: 5, maxKol: 4 })).toBe('kol_melebihi_batas');
  });

  it('sudah_klaim_asuransi: claimed in or before the period', () => {
    expect(reasonOf({ insuranceClaimDate: '2025-06-30' })).toBe('sudah_klaim_asuransi');
    expect(reasonOf({ insuranceClaimDate: '2024-12-01' })).toBe('sudah_klaim_asuransi');
  });

  it('tidak_ada_angsuran: the scheme requires an instalment and none was reported', () => {
    expect(reasonOf({ installmentPaid: false })).toBe('tidak_ada_angsuran');
    expect(reasonOf({ installmentPaid: null })).toBe('tidak_ada_angsuran');
  });

  it('sudah_dibayar: that loan-period was already paid (array or set)', () => {
    expect(reasonOf({ paidPeriods: ['2025-06'] })).toBe('sudah_dibayar');
    expect(reasonOf({ paidPeriods: new Set(['2025-05', '2025-06']) })).toBe('sudah_dibayar');
  });

  it('di_luar_tahun_anggaran: only December of the budget year and before', () => {
    expect(reasonOf({ budgetYear: 2024 })).toBe('di_luar_tahun_anggaran');
    expect(reasonOf({ period: '2026-01', maturityDate: '2026-06-01', paidPeriods: [] })).toBe('di_luar_tahun_anggaran');
  });

  it('gives the first reason in the fixed order, with its Indonesian label', () => {
    const r = checkEligibility({ ...ok, kol: 5, installmentPaid: false, paidPeriods: ['2025-06'], budgetYear: 2023, maturityDate: '2025-01-31' });
    expect(r).toMatchObject({ eligible: false, reason: 'lewat_jatuh_tempo', label: 'Melewati jatuh tempo' });
    const k = checkEligibility({ ...ok, kol: 3, installmentPaid: false });
    expect(k).toEqual({ eligible: false, reason: 'kol_melebihi_batas', label: 'Kolektibilitas melebihi batas skema', detail: 'Kol 3, batas skema kol 2' });
    expect(Object.keys(INELIGIBILITY_LABELS)).toEqual([...INELIGIBILITY_REASONS]);
  });
});
