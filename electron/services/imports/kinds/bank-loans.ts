/**
 * The rows of a bank's file matched to that bank's loans by account number (tagihan, posisi, and
 * any kind about existing loans): the loan found, a warning where only the digits matched (Excel
 * dropped the leading zeros; the row then carries the loan's own number), and — over the whole
 * file — a file problem when most accounts are another bank's loans.
 */
import type { Database } from '../../../../database/connection';
import * as repo from '../../../../database/repositories/imports';
import { likelyOtherSender, looseKey } from './shared';
import type { CheckTarget, CheckedRow, Report } from './types';

export interface BankMatch {
  /** The bank's name, for messages. */
  bankName: string;
  /** Per row (same order): the loan when exactly one of the bank's loans has the account; how many did. */
  matches: ({ loan: repo.LoanForImport | null; candidates: number } | null)[];
}

/**
 * Finds accounts among the loans as `finder` over every loan would (exactly, else by digits when
 * that names exactly one), without reading every loan: the file's accounts are looked up in SQL
 * through the bank's account index, and only those matching nothing exactly are looked up again by
 * their loose key (one pass over the loans, for the few a file usually has).
 */
export function accountLookup(db: Database, bankId: number | null, accounts: readonly string[]) {
  const inBankExact = group(bankId === null ? [] : repo.loansWithAccounts(db, bankId, accounts), (l) => l.nomorRekening);
  const missing = accounts.filter((a) => !inBankExact.has(a));
  // Anywhere (the other-sender check) is asked only for accounts without exactly one loan in the bank.
  const anyExact = group(repo.loansWithAccounts(db, null, missing), (l) => l.nomorRekening);
  const keys = new Set<string>();
  for (const a of missing) {
    const k = looseKey(a);
    if (k !== '') keys.add(k);
  }
  const loose = group(repo.loansWithLooseKeys(db, [...keys], looseKey), (l) => looseKey(l.nomorRekening));
  const lookup = (account: string, bank: boolean): { found: repo.LoanForImport[]; loose: boolean } => {
    const ofBank = (ls: repo.LoanForImport[] | undefined) => (ls ?? []).filter((l) => !bank || l.bankId === bankId);
    const e = bank ? inBankExact.get(account) : ofBank(anyExact.get(account) ?? inBankExact.get(account));
    if (e && e.length > 0) return { found: e, loose: false };
    const k = looseKey(account);
    const l = k === '' ? [] : ofBank(loose.get(k));
    return { found: l, loose: l.length > 0 };
  };
  return { inBank: (a: string) => lookup(a, true), anywhere: (a: string) => lookup(a, false) };
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

export function matchBankLoans(db: Database, t: CheckTarget, rows: CheckedRow[], report: Report): BankMatch {
  const banks = repo.bankNames(db);
  const bankName = banks.get(t.bankId ?? -1) ?? 'bank ini';
  const accounts = new Set<string>();
  for (const row of rows) if (typeof row.values.nomorRekening === 'string') accounts.add(row.values.nomorRekening);
  const { inBank, anywhere } = accountLookup(db, t.bankId, [...accounts]);
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
        report.warn(row.baris, 'nomorRekening', readAsMessage(account, loan.nomorRekening));
        row.values = { ...row.values, nomorRekening: loan.nomorRekening };
      }
    } else {
      const elsewhere = anywhere(account).found.filter((l) => l.bankId !== t.bankId);
      for (const b of new Set(elsewhere.map((l) => l.bankId))) otherBankHits.set(b, (otherBankHits.get(b) ?? 0) + 1);
    }
    return { loan, candidates: found.length };
  });

  const other = otherSenderMessage(banks, bankName, otherBankHits, withAccount, ours);
  if (other) report.file(other);
  return { bankName, matches };
}

/** The warning on a row whose account matched a loan only by its digits (the row then carries the loan's number). */
export const readAsMessage = (account: string, loanNumber: string) =>
  `Nomor rekening "${account}" dibaca sebagai ${loanNumber} (angka nol di depan hilang atau tanda baca berbeda)`;

/** The whole-file problem when most accounts are another bank's loans (likelyOtherSender), else null. */
export function otherSenderMessage(banks: Map<number, string>, bankName: string, otherBankHits: Map<number, number>, withAccount: number, ours: number): string | null {
  const other = likelyOtherSender(otherBankHits, withAccount, ours);
  if (!other) return null;
  const otherName = banks.get(other.id) ?? 'bank lain';
  return `Berkas ini tampaknya berkas ${otherName}, bukan ${bankName}: ${other.count} dari ${withAccount} nomor rekening adalah pinjaman ${otherName}, hanya ${ours} pinjaman ${bankName}. Periksa pilihan bank.`;
}
