import { describe, expect, it } from 'vitest';
import { projectLoanReference } from '../../electron/services/subsidy/reference';
import { projectCosts } from '../../electron/services/budget/projection';
import { getLoan } from '../../database/repositories/loans';
import { getScheme } from '../../database/repositories/schemes';
import { call, useTempRuntime, type TempRuntime } from '../helpers/runtime';
import { disburse, loan12jt } from '../helpers/loan';

// Issue 18.2: the projection assumes every future month stays eligible, so under a scheme that
// pays only months the bank reports an instalment for it must assume the instalment is paid.

const rtOf = useTempRuntime({ prefix: 'gs-projection-', today: '2025-03-20' });

/** 11 % bank / 3 % debtor (8 %), efektif, actual/360, half-up; Rp12.000.000 × 12 months from 15 Jan 2025, instalments on the 15th. */
async function loanUnder(rt: TempRuntime, wajibAngsuran: boolean) {
  const bank = await call(rt, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [{ kode: 'ME', nama: 'Muara Enim' }] });
  const scheme = await call(rt, 'schemes.save', {
    kode: 'GS-2025',
    nama: 'GS 2025',
    berlakuDari: '2025-01-01',
    berlakuSampai: '2025-12-31',
    bungaBankPersen: '11',
    bungaDebiturPersen: '3',
    metodeBunga: 'efektif',
    plafonMaks: 50_000_000,
    tenorMaks: 36,
    wajibAngsuran,
  });
  const debtor = await call(rt, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' });
  const loan = await call(rt, 'loans.save', loan12jt({ debiturId: debtor.id, bankId: bank.id, skemaId: scheme.id }));
  await disburse(rt, loan.id);
  return loan.id;
}

// Each month: 14 days (1st–14th) before the instalment of the 15th, the rest after; × 8 / 36.000, rounded per month.
//   Mar 11jt×14 + 10jt×17 = 324jt → 72.000      Apr 10×14 + 9×16 = 284jt → 63.111,1 → 63.111
//   May  9×14 + 8×17 = 262jt → 58.222,2 → 58.222  Jun 8×14 + 7×16 = 224jt → 49.777,8 → 49.778
//   Jul  7×14 + 6×17 = 200jt → 44.444,4 → 44.444  Aug 6×14 + 5×17 = 169jt → 37.555,6 → 37.556
//   Sep  5×14 + 4×16 = 134jt → 29.777,8 → 29.778  Oct 4×14 + 3×17 = 107jt → 23.777,8 → 23.778
//   Nov  3×14 + 2×16 =  74jt → 16.444,4 → 16.444  Dec 2×14 + 1×17 =  45jt → 10.000
//   March–December 2025: 405.111. January 2026: 1jt × 14 = 14jt → 3.111,1 → 3.111 (the last instalment, 15 Jan).
const REST_OF_2025 = 405_111;
const JANUARY_2026 = 3_111;

describe('budget projection', () => {
  it('projects the months of a scheme that requires a reported instalment as if it is paid', async () => {
    const rt = rtOf();
    const id = await loanUnder(rt, true);
    const year = await call(rt, 'budget.year', { tahun: 2025 });
    expect(year.proyeksiSisaTahun.subsidi).toBe(REST_OF_2025);
    expect(year.proyeksiTahunBerikut).toEqual([{ tahun: 2026, subsidi: JANUARY_2026 }]);
    // The projection over full schedules says the same.
    const loan = getLoan(rt.db, id)!;
    expect(Object.fromEntries(projectLoanReference(loan, getScheme(rt.db, loan.skemaId)!, '2025-03'))).toEqual({ 2025: REST_OF_2025, 2026: JANUARY_2026 });
  });

  it('projects the same as a scheme without the rule', async () => {
    const rt = rtOf();
    await loanUnder(rt, false);
    expect(Object.fromEntries(projectCosts(rt.db, '2025-03').subsidyByYear)).toEqual({ 2025: REST_OF_2025, 2026: JANUARY_2026 });
  });
});
