/**
 * The claim import's checks run against the rows its preview staged (the preview's own table,
 * database/repositories/import-staging.ts) instead of row by row in JavaScript: checkRows for a
 * claim, with the same problems word for word and in the same order (tested side by side with
 * the row-by-row check, tests/integration/import-claim-check.test.ts).
 *
 * Why: at 100,000 lines the row-by-row check collected every account into a set, sent them to
 * SQLite as one JSON array, grouped the loans it got back in maps and walked every row again —
 * on the runtime's thread in the preview, and once more in the commit's job after reading every
 * staged row back into objects. Here SQL answers which rows have a period not yet begun and which
 * accounts are no loan of the bank exactly (one pass through the bank's unique index); only those
 * rows — none in a clean claim — come back to be looked up further (loose key, other banks) and
 * worded, exactly as matchBankLoans does for them.
 *
 * Not filled in: a row's `pinjamanId` (the claim's write never used it: the reconciliation
 * matches lines to loans itself).
 */
import type { Database } from '../../../database/connection';
import { stagedAccountsNotInBank, stagedFuturePeriods } from '../../../database/repositories/import-staging';
import { bankNames } from '../../../database/repositories/imports';
import type { ImportProblem } from '../../contract/imports';
import { accountLookup, otherSenderMessage, readAsMessage } from './kinds/bank-loans';
import { columnOf, futurePeriodMessage } from './kinds/shared';
import { unknownAccountMessage } from './kinds/tagihan';
import type { CheckTarget, Checked, CheckedRow } from './kinds/types';
import type { ParseOutcome } from './parse/rows';

/** What the staged check found, without the rows: what a worker sends back, applied to the rows by applyClaimCheck. */
export interface ClaimCheckFindings {
  problems: ImportProblem[];
  fileProblems: string[];
  /** Rows the check refused (the parse's own refusals are on the rows already). */
  refused: number[];
  /** Rows whose account was read as a loan's own number (leading zeros lost): the number. */
  corrected: { baris: number; nomorRekening: string }[];
}

/** The claim's checks against the staged rows of preview `stagingId` (its parse's problems and file problems from `outcome`). */
export function checkStagedClaimFindings(db: Database, t: CheckTarget, stagingId: string, outcome: Pick<ParseOutcome, 'problems' | 'fileProblems'>): ClaimCheckFindings {
  const problems: ImportProblem[] = outcome.problems.map((p) => ({ berkas: t.namaBerkas, ...p }));
  const fileProblems = [...outcome.fileProblems];
  const warn = (baris: number, pesan: string) => problems.push({ berkas: t.namaBerkas, baris, kolom: columnOf(t, 'nomorRekening'), pesan, tingkat: 'peringatan' });

  // Periods after this month cannot have been claimed yet (checkRows' check common to every kind).
  const refused: number[] = [];
  for (const r of stagedFuturePeriods(db, stagingId, t.bulanIni)) {
    problems.push({ berkas: t.namaBerkas, baris: r.baris, kolom: columnOf(t, 'periode'), pesan: futurePeriodMessage(r.periode), tingkat: 'galat' });
    refused.push(r.baris);
  }

  // The accounts (matchBankLoans): a row whose account is a loan of the bank exactly is "ours" and
  // needs nothing more; only the others are looked up by their digits and among other banks.
  const banks = bankNames(db);
  const bankName = banks.get(t.bankId ?? -1) ?? 'bank ini';
  const { withAccount, missing } = stagedAccountsNotInBank(db, stagingId, t.bankId);
  const { inBank, anywhere } = accountLookup(db, t.bankId, [...new Set(missing.map((m) => m.nomorRekening))]);
  const refusedSet = new Set(refused);
  const otherBankHits = new Map<number, number>();
  let ours = withAccount - missing.length;
  const corrected: ClaimCheckFindings['corrected'] = [];
  const unknown: { baris: number; account: string; candidates: number }[] = [];
  for (const { baris, nomorRekening: account, galat } of missing) {
    const { found, loose } = inBank(account);
    const loan = found.length === 1 ? found[0]! : null;
    if (loan) {
      ours++;
      if (loose) {
        warn(baris, readAsMessage(account, loan.nomorRekening));
        corrected.push({ baris, nomorRekening: loan.nomorRekening });
      }
    } else {
      const elsewhere = anywhere(account).found.filter((l) => l.bankId !== t.bankId);
      for (const b of new Set(elsewhere.map((l) => l.bankId))) otherBankHits.set(b, (otherBankHits.get(b) ?? 0) + 1);
      // Not on a refused row (by the parse, or by its period above).
      if (!galat && !refusedSet.has(baris)) unknown.push({ baris, account, candidates: found.length });
    }
  }
  // After every row's match, as tagihan.check words them (the sort below keeps this order within a row).
  for (const u of unknown) warn(u.baris, unknownAccountMessage(u.account, u.candidates, bankName));
  const other = otherSenderMessage(banks, bankName, otherBankHits, withAccount, ours);
  if (other) fileProblems.push(other);

  problems.sort((a, b) => (a.baris ?? 0) - (b.baris ?? 0));
  return { problems, fileProblems, refused, corrected };
}

/** The findings applied to the parsed rows: the Checked that checkRows gives for a claim. */
export function applyClaimCheck(outcome: Pick<ParseOutcome, 'rows'>, f: ClaimCheckFindings): Checked {
  const refused = new Set(f.refused);
  const corrected = new Map(f.corrected.map((c) => [c.baris, c.nomorRekening]));
  const rows: CheckedRow[] = outcome.rows.map((r) => {
    const account = corrected.get(r.baris);
    return {
      baris: r.baris,
      values: account === undefined ? r.values : { ...r.values, nomorRekening: account },
      galat: r.galat || refused.has(r.baris),
      pinjamanId: null,
      premiId: null,
      ...(r.rekeningAngka ? { rekeningAngka: true as const } : {}),
      ...(account === undefined ? {} : { data: { rekeningDibaca: true } }),
    };
  });
  return { rows, problems: f.problems, fileProblems: f.fileProblems };
}

export function checkStagedClaim(db: Database, t: CheckTarget, stagingId: string, outcome: ParseOutcome): Checked {
  return applyClaimCheck(outcome, checkStagedClaimFindings(db, t, stagingId, outcome));
}
