/** Small pure helpers the loan screens share: the lifecycle as the clerk sees it, rates, tags. */
import { LOAN_NEXT, isLoanEditable, type StatusPinjaman } from '@contract';
import { formatPercentText } from '@domain/format';

export type TransitionTarget = Exclude<StatusPinjaman, 'diajukan'>;

/** Which status may follow which: the loan contract's table, which the service enforces; this only decides which buttons to offer. */
export const NEXT_STATUS = LOAN_NEXT;

/** Only a loan not yet disbursed may be edited; later changes are restructurings. */
export const isEditable = isLoanEditable;
export const canRestructure = (status: StatusPinjaman): boolean => status === 'aktif' || status === 'macet';

/** The i18n key of a transition: 'aktif' means "disburse" from disetujui but "back to current" from macet. */
export function actionKey(from: StatusPinjaman, to: TransitionTarget): string {
  return to === 'aktif' && from === 'macet' ? 'aktifKembali' : to;
}

/** A reason is required before rejecting or writing off (the service refuses without one). */
export const needsReason = (to: TransitionTarget): boolean => to === 'ditolak' || to === 'hapus_buku';

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';
const TAG: Record<StatusPinjaman, TagType> = {
  diajukan: 'info',
  disetujui: 'primary',
  aktif: 'success',
  lunas: 'info',
  macet: 'danger',
  klaim: 'warning',
  hapus_buku: 'danger',
  ditolak: 'info',
};
export const statusTagType = (status: StatusPinjaman): TagType => TAG[status];

/** '11.5' → '11,5 %' in both languages (comma as the decimal mark, as in Rp1.234.567's style). */
export function formatPercent(value: string | null | undefined, _locale: string = 'id'): string {
  if (value === null || value === undefined || value === '') return '—';
  return formatPercentText(value);
}

/** What a clerk typed as a rate, as the number it means (comma or dot); null when not a rate. */
export function parseRate(text: string | null | undefined): number | null {
  const t = (text ?? '').trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,6})?$/.test(t)) return null;
  const n = Number(t);
  return n <= 100 ? n : null;
}

/**
 * A typed rate overrides the scheme's only when it means a different number: '11,0' against a
 * scheme rate of '11' is the scheme's rate, and is sent as null ("from the scheme").
 */
export function overrides(typed: string, schemeRate: string | undefined): boolean {
  if (typed.trim() === '' || schemeRate === undefined) return false;
  const n = parseRate(typed);
  return n === null || n !== Number(schemeRate);
}
