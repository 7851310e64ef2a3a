/**
 * Matching a claim line to one of the bank's loans. Pure: the loans are read once, in bulk, and
 * indexed here, so a claim of 100,000 lines costs no query per line.
 *
 * 1. By account number, as exact text: leading zeros count ('0012' is not '12').
 * 2. Otherwise by the debtor's NIK, a weaker match shown as such: the NIK must belong to exactly
 *    one loan of the bank that also agrees with every one of plafon and akad date the line gives,
 *    and the line must give at least one of them (a NIK alone does not say which loan).
 */

export interface MatchableLoan {
  id: number;
  nomorRekening: string;
  nik: string;
  plafon: number;
  tanggalAkad: string;
}

export interface MatchableLine {
  nomorRekening: string;
  nik: string | null;
  plafon: number | null;
  tanggalAkad: string | null;
}

export type MatchResult<L extends MatchableLoan> = { loan: L; by: 'rekening' | 'nik' } | { loan: null; by: null; reason: string };

export interface LoanIndex<L extends MatchableLoan> {
  byAccount: Map<string, L>;
  byNik: Map<string, L[]>;
}

export function indexLoans<L extends MatchableLoan>(loans: readonly L[]): LoanIndex<L> {
  const byAccount = new Map<string, L>();
  const byNik = new Map<string, L[]>();
  for (const loan of loans) {
    byAccount.set(loan.nomorRekening, loan);
    const list = byNik.get(loan.nik);
    if (list) list.push(loan);
    else byNik.set(loan.nik, [loan]);
  }
  return { byAccount, byNik };
}

export function matchLine<L extends MatchableLoan>(index: LoanIndex<L>, line: MatchableLine): MatchResult<L> {
  const account = index.byAccount.get(line.nomorRekening);
  if (account) return { loan: account, by: 'rekening' };
  const nik = line.nik?.trim() ?? '';
  if (!nik) return { loan: null, by: null, reason: 'Nomor rekening tidak terdaftar pada bank ini' };
  const ofNik = index.byNik.get(nik) ?? [];
  if (ofNik.length === 0) return { loan: null, by: null, reason: 'Nomor rekening tidak terdaftar dan NIK tidak memiliki pinjaman pada bank ini' };
  if (line.plafon === null && line.tanggalAkad === null) {
    return { loan: null, by: null, reason: 'Nomor rekening tidak terdaftar; NIK dikenal tetapi berkas tidak memuat plafon atau tanggal akad untuk memastikan' };
  }
  const fits = ofNik.filter((l) => (line.plafon === null || l.plafon === line.plafon) && (line.tanggalAkad === null || l.tanggalAkad === line.tanggalAkad));
  if (fits.length === 1) return { loan: fits[0]!, by: 'nik' };
  if (fits.length === 0) return { loan: null, by: null, reason: 'Nomor rekening tidak terdaftar; NIK dikenal tetapi plafon/tanggal akad tidak cocok' };
  return { loan: null, by: null, reason: 'Nomor rekening tidak terdaftar; NIK cocok dengan lebih dari satu pinjaman' };
}

/** The key of a loan-month, for indexing the run and the paid months. */
export const loanMonthKey = (pinjamanId: number, periode: string): string => `${pinjamanId}|${periode}`;
