/** The bank a record belongs to, for bank scoping: a bank's officer sees only their own bank's records. */
import type { Database } from 'better-sqlite3';

/** The bank of a loan; null if there is no such loan. */
export function loanBankId(db: Database, loanId: number): number | null {
  return db.prepare<[number], number>('SELECT bank_id FROM pinjaman WHERE id = ?').pluck().get(loanId) ?? null;
}

/** The bank of a subsidy claim (tagihan); null if there is no such claim. */
export function claimBankId(db: Database, tagihanId: number): number | null {
  return db.prepare<[number], number>('SELECT bank_id FROM tagihan WHERE id = ?').pluck().get(tagihanId) ?? null;
}
