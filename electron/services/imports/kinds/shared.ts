/**
 * Finding a file's rows among what the database holds, shared by the kinds: account numbers
 * matched exactly or, after Excel dropped the leading zeros, by their digits; and the other sender
 * a file most likely came from when the clerk chose the wrong bank or insurer.
 */
import { IMPORT_KIND_SPECS } from '../../../contract/import-kinds';
import { formatPeriod } from '../../../domain/format';
import { accountDigits } from '../parse/values';
import type { CheckTarget } from './types';

/** The refusal of a period after this month (every kind: it cannot have been reported or claimed yet). */
export const futurePeriodMessage = (periode: string) => `Periode ${formatPeriod(periode)} belum berjalan`;

/** A problem's column: the field's header in the file; a field without a column (given for the whole file, or not in the file) by its name. */
export const columnOf = (t: Pick<CheckTarget, 'jenis' | 'pemetaan'>, field: string): string | null =>
  t.pemetaan[field] ?? IMPORT_KIND_SPECS[t.jenis].fields.find((f) => f.key === field)?.label ?? null;

/** Same digits, leading zeros aside: how '12300045' finds '0012300045' after Excel dropped the zeros. */
export const looseKey = (s: string) => accountDigits(s).replace(/^0+/, '');

function indexBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === '') continue;
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(it);
  }
  return out;
}

/** Finds an account among candidates: exactly, else by digits when that names exactly one. */
export function finder<T extends { nomorRekening: string }>(items: T[]) {
  const exact = indexBy(items, (i) => i.nomorRekening);
  const loose = indexBy(items, (i) => looseKey(i.nomorRekening));
  return (account: string): { found: T[]; loose: boolean } => {
    const e = exact.get(account);
    if (e) return { found: e, loose: false };
    const l = loose.get(looseKey(account)) ?? [];
    return { found: l, loose: l.length > 0 };
  };
}

/**
 * The sender a file most likely came from instead of the one chosen: the other sender with the
 * most of the file's account numbers, when it holds at least half of them and the chosen sender
 * fewer than half. `hits` counts the rows per other sender; `withAccount` the rows with an account.
 */
export function likelyOtherSender(hits: Map<number, number>, withAccount: number, ours: number): { id: number; count: number } | null {
  const [id, count] = [...hits.entries()].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
  return id !== null && withAccount > 0 && ours * 2 < withAccount && count * 2 >= withAccount ? { id, count } : null;
}
