/** What the loan history report (riwayat pinjaman) reads besides the loan page's data. */
import type { Database } from 'better-sqlite3';

export interface LoanStatusStep {
  dari: string;
  ke: string;
  tanggal: string;
  alasan: string | null;
  pengguna: string;
}

/** The loan's lifecycle steps, in the order they happened. */
export function loanStatusSteps(db: Database, loanId: number): LoanStatusStep[] {
  return db.prepare<[number], LoanStatusStep>('SELECT dari, ke, tanggal, alasan, pengguna FROM pinjaman_riwayat WHERE pinjaman_id = ? ORDER BY tanggal, id').all(loanId);
}

export interface DebtorBusiness {
  nama_usaha: string | null;
  skala: string;
  kecamatan: string | null;
}

/** The debtor's business name, scale and kecamatan; null if there is no such debtor. */
export function debtorBusiness(db: Database, debtorId: number): DebtorBusiness | null {
  return (
    db
      .prepare<[number], DebtorBusiness>('SELECT d.nama_usaha, d.skala, k.nama AS kecamatan FROM debitur d LEFT JOIN kecamatan k ON k.id = d.kecamatan_id WHERE d.id = ?')
      .get(debtorId) ?? null
  );
}
