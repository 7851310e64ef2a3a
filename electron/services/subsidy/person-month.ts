/**
 * One person, one subsidy per month (issue 13, item 4; the 2020 audit's 31 people paid twice
 * under two akad). A person is a debitur (one per NIK). In any month the person's paid loans may
 * number at most the smallest `maksPinjamanPerOrang` among the schemes of those loans (default 1),
 * across loans, banks and schemes.
 *
 * The database refuses the (N+1)th paid loan-month itself (trigger periode_dibayar_satu_orang,
 * migration 0016_person_month_guard). Here the same rule is applied before anything is written, so that
 *   - the subsidy run excludes such a line, naming the loan that took the month (reason
 *     'sudah_disubsidi_lain'), and within one run gives the month to the first loans in account
 *     order, so paying the run never trips the trigger;
 *   - every payment path (claim SP2D, the run's direct SP2D, the payment history import) refuses
 *     with a sentence naming the other loan (account, bank) instead of a raw constraint error.
 */
import type { Database } from '../../../database/connection';
import type { SubsidyLine } from '../../contract';
import { loansOfSharedDebtors, paidMonthsOfSharedDebtors, type MonthTakerRow } from '../../../database/repositories/payments';
import { ServiceError } from '../errors';

/** A loan holding a person's month: paid already, or given the month earlier in the same run/batch. */
export interface MonthTaker {
  pinjamanId: number;
  nomorRekening: string;
  bankNama: string;
  /** Its scheme's limit. */
  batas: number;
  dibayar: boolean;
}

export interface MonthBlock {
  taker: MonthTaker;
  /** The limit that applies: the smallest among the schemes involved. */
  batas: number;
}

const key = (debiturId: number, periode: string) => `${debiturId}|${periode}`;

/** The months of people with several loans, and which loans hold them. */
export class PersonMonthLedger {
  private readonly byKey = new Map<string, MonthTaker[]>();

  constructor(paid: readonly MonthTakerRow[] = []) {
    for (const r of paid) this.take(r.debiturId, r.periode, { pinjamanId: r.pinjamanId, nomorRekening: r.nomorRekening, bankNama: r.bankNama, batas: r.batas, dibayar: true });
  }

  /** What keeps `pinjamanId` (limit `batas`) from the person's month, or null when it may take it. */
  blocker(debiturId: number, periode: string, pinjamanId: number, batas: number): MonthBlock | null {
    const list = this.byKey.get(key(debiturId, periode));
    if (!list) return null;
    let n = 0;
    let limit = batas;
    let first: MonthTaker | null = null;
    for (const t of list) {
      if (t.pinjamanId === pinjamanId) continue;
      n++;
      if (t.batas < limit) limit = t.batas;
      first ??= t;
    }
    return first !== null && n + 1 > limit ? { taker: first, batas: limit } : null;
  }

  take(debiturId: number, periode: string, taker: MonthTaker): void {
    const k = key(debiturId, periode);
    const list = this.byKey.get(k);
    if (list) list.push(taker);
    else this.byKey.set(k, [taker]);
  }
}

/** "Bulan ini sudah disubsidi melalui pinjaman 0012 (Bank Sumsel Babel)". */
export function monthTakenText(block: MonthBlock, sama: 'perhitungan' | 'pembayaran' | 'berkas' = 'perhitungan'): string {
  const { taker, batas } = block;
  const via = `pinjaman ${taker.nomorRekening} (${taker.bankNama})`;
  const text = taker.dibayar ? `Bulan ini sudah disubsidi melalui ${via}` : `Bulan ini disubsidi melalui ${via} dalam ${sama} yang sama`;
  return batas > 1 ? `${text}; batas ${batas} pinjaman bersubsidi per orang per bulan` : text;
}

/**
 * A run line under the rule: an eligible line with an amount takes the person's month, or is
 * excluded naming the loan that holds it. `shared` is false for a debtor with one loan (no lookup).
 */
export function personMonthLine(ledger: PersonMonthLedger, line: SubsidyLine, loan: { debiturId: number; batas: number; bankNama: string; shared: boolean }): SubsidyLine {
  if (!loan.shared || !line.layak || line.rincian === null || line.rincian.jumlah <= 0) return line;
  const block = ledger.blocker(loan.debiturId, line.periode, line.pinjamanId, loan.batas);
  if (block !== null) return { ...line, layak: false, alasan: 'sudah_disubsidi_lain', alasanLabel: monthTakenText(block), rincian: null };
  ledger.take(loan.debiturId, line.periode, { pinjamanId: line.pinjamanId, nomorRekening: line.nomorRekening, bankNama: loan.bankNama, batas: loan.batas, dibayar: false });
  return line;
}

export interface PersonMonthConflict<C> {
  candidate: C;
  block: MonthBlock;
}

/**
 * Of loan-months about to be marked paid, in order, those the rule refuses: against the months
 * already paid and against the earlier candidates of the same batch.
 */
export function personMonthConflicts<C extends { pinjamanId: number; periode: string }>(db: Database, candidates: readonly C[]): PersonMonthConflict<C>[] {
  if (candidates.length === 0) return [];
  // Only loans of debtors with several loans can be refused: read those (few), not every candidate's.
  const owners = loansOfSharedDebtors(db);
  if (owners.size === 0) return [];
  let from: string | null = null;
  let to: string | null = null;
  for (const c of candidates) {
    if (!owners.has(c.pinjamanId)) continue;
    if (from === null || c.periode < from) from = c.periode;
    if (to === null || c.periode > to) to = c.periode;
  }
  if (from === null || to === null) return [];
  const paid = paidMonthsOfSharedDebtors(db, from, to);
  const ledger = new PersonMonthLedger(paid);
  const out: PersonMonthConflict<C>[] = [];
  for (const c of candidates) {
    const o = owners.get(c.pinjamanId);
    if (!o) continue;
    const block = ledger.blocker(o.debiturId, c.periode, c.pinjamanId, o.batas);
    if (block !== null) out.push({ candidate: c, block });
    else ledger.take(o.debiturId, c.periode, { pinjamanId: c.pinjamanId, nomorRekening: o.nomorRekening, bankNama: o.bankNama, batas: o.batas, dibayar: false });
  }
  return out;
}

/**
 * Refuses a batch of loan-months (CONFLICT) when the rule refuses any of them, naming for the
 * first few the loan that holds the month: `${intro}: … ${tail}`.
 */
export function refusePersonMonth<C extends { pinjamanId: number; periode: string }>(
  db: Database,
  candidates: readonly C[],
  describe: (c: C) => string,
  intro: string,
  tail: string,
): void {
  const conflicts = personMonthConflicts(db, candidates);
  if (conflicts.length === 0) return;
  throw new ServiceError('CONFLICT', personMonthMessage(conflicts, describe, intro, tail));
}

export function personMonthMessage<C>(conflicts: readonly PersonMonthConflict<C>[], describe: (c: C) => string, intro: string, tail: string): string {
  const first = conflicts
    .slice(0, 3)
    .map((c) => `${describe(c.candidate)}: ${lowerFirst(monthTakenText(c.block, 'pembayaran'))}`)
    .join('; ');
  const more = conflicts.length > 3 ? ` dan ${conflicts.length - 3} lainnya` : '';
  return `${intro}: ${conflicts.length} bulan debitur sudah disubsidi melalui pinjaman lain — ${first}${more}. Satu orang (NIK) hanya menerima subsidi untuk sejumlah pinjaman yang dibolehkan skemanya per bulan. ${tail}`.trim();
}

export const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
