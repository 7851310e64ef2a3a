import type { LoanSaveInput } from '../../electron/contract/loans';
import { call } from './runtime';

type HasHandlers = Parameters<typeof call>[0];

/**
 * The loan the hand-worked tests share: Rp12.000.000 over 12 months, the contract signed on
 * 10 January 2025, instalments on the 15th from 15 February 2025 — under an efektif scheme that is
 * Rp1.000.000 of principal a month, so month-end outstandings are round millions (11.000.000 at
 * the end of February, 10.000.000 at the end of March, …). `extra` changes any field.
 */
export function loan12jt(parties: Pick<LoanSaveInput, 'debiturId' | 'bankId' | 'skemaId'>, extra: Partial<LoanSaveInput> = {}): LoanSaveInput {
  return {
    ...parties,
    nomorRekening: '0012300045',
    nomorAkad: 'AK/001/2025',
    tanggalAkad: '2025-01-10',
    plafon: 12_000_000,
    tenorBulan: 12,
    tanggalAngsuranPertama: '2025-02-15',
    ...extra,
  };
}

/** Approves a loan on 12 January 2025 and disburses it (aktif) on 15 January, as the bank did for `loan12jt`. */
export async function disburse(rt: HasHandlers, id: number) {
  await call(rt, 'loans.transition', { id, ke: 'disetujui', tanggal: '2025-01-12' });
  return call(rt, 'loans.transition', { id, ke: 'aktif', tanggal: '2025-01-15' });
}
