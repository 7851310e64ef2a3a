/**
 * The rows of a bank's file matched to that bank's loans by account number (tagihan, posisi, and
 * any kind about existing loans): the loan found, a warning where only the digits matched (Excel
 * dropped the leading zeros; the row then carries the loan's own number), and — over the whole
 * file — a file problem when most accounts are another bank's loans.
 */
import type { Database } from '../../../../database/connection';
import * as repo from '../../../../database/repositories/imports';
import { finder, likelyOtherSender } from './shared';
import type { CheckTarget, CheckedRow, Report } from './types';

export interface BankMatch {
  /** The bank's name, for messages. */
  bankName: string;
  /** Per row (same order): the loan when exactly one of the bank's loans has the account; how many did. */
  matches: ({ loan: repo.LoanForImport | null; candidates: number } | null)[];
}

export function matchBankLoans(db: Database, t: CheckTarget, rows: CheckedRow[], report: Report): BankMatch {
  const banks = repo.bankNames(db);
  const bankName = banks.get(t.bankId ?? -1) ?? 'bank ini';
  const all = repo.loansForImport(db);
  const inBank = finder(all.filter((l) => l.bankId === t.bankId));
  const anywhere = finder(all);
  const otherBankHits = new Map<number, number>();
  let withAccount = 0;
  let ours = 0;
  const matches = rows.map((row) => {
    const account = row.values.nomorRekening;
    if (typeof account !== 'string') return null;
    withAccount++;
    const { found, loose } = inBank(account);
    const loan = found.length === 1 ? found[0]! : null;
    if (loan) {
      ours++;
      row.pinjamanId = loan.id;
      if (loose) {
        report.warn(row.baris, 'nomorRekening', `Nomor rekening "${account}" dibaca sebagai ${loan.nomorRekening} (angka nol di depan hilang atau tanda baca berbeda)`);
        row.values.nomorRekening = loan.nomorRekening;
      }
    } else {
      const elsewhere = anywhere(account).found.filter((l) => l.bankId !== t.bankId);
      for (const b of new Set(elsewhere.map((l) => l.bankId))) otherBankHits.set(b, (otherBankHits.get(b) ?? 0) + 1);
    }
    return { loan, candidates: found.length };
  });

  const other = likelyOtherSender(otherBankHits, withAccount, ours);
  if (other) {
    const otherName = banks.get(other.id) ?? 'bank lain';
    report.file(
      `Berkas ini tampaknya berkas ${otherName}, bukan ${bankName}: ${other.count} dari ${withAccount} nomor rekening adalah pinjaman ${otherName}, hanya ${ours} pinjaman ${bankName}. Periksa pilihan bank.`,
    );
  }
  return { bankName, matches };
}
