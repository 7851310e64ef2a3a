/**
 * The decree check for one loan, reading what it needs (the loan form, the loan page and the
 * reference run). The subsidy run reads every decree row of its bank at once
 * (decreeEntriesForBank) and calls checkDecree itself.
 */
import type { Database } from '../../../database/connection';
import type { LoanFlag, Scheme } from '../../contract';
import { decreeEntriesOfNik } from '../../../database/repositories/decrees';
import { checkDecree, type DecreeVerdict } from '../../domain/decree';

export interface DecreeCheckLoan {
  nik: string;
  bankId: number;
  cabangId: number | null;
  tanggalAkad: string;
  plafon: number;
}

export function decreeVerdictOfLoan(db: Database, loan: DecreeCheckLoan, scheme: Pick<Scheme, 'id' | 'kode'>): DecreeVerdict {
  return checkDecree(
    { skemaId: scheme.id, skemaKode: scheme.kode, bankId: loan.bankId, cabangId: loan.cabangId, tahunAkad: Number(loan.tanggalAkad.slice(0, 4)), plafon: loan.plafon },
    decreeEntriesOfNik(db, loan.nik),
  );
}

/** The verdict as a loan flag (null when the debtor is named for the loan's bank and unit within its plafon). */
export function decreeFlag(verdict: DecreeVerdict, scheme: Pick<Scheme, 'tolakTanpaSk'>): LoanFlag | null {
  if (verdict.pesan === null) return null;
  if (!verdict.tidakTercantum) return { kode: 'sk_plafon_melebihi', pesan: `${verdict.pesan}.`, menolak: false };
  const akibat = scheme.tolakTanpaSk ? ' Skema ini tidak membayar subsidi pinjaman yang tidak tercantum dalam SK.' : ' Skema ini hanya memberi peringatan.';
  return { kode: verdict.status === 'unit_lain' ? 'sk_unit_lain' : 'tidak_tercantum_sk', pesan: `${verdict.pesan}.${akibat}`, menolak: false };
}
