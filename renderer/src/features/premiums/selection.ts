import type { PremiumRow } from '@contract';
import { formatPercentText } from '@domain/format';

/**
 * Which actions a selection of premiums allows, following the premiums service: every premium of
 * one insurer, none paid yet. An invoice is recorded for premiums not yet invoiced (terhitung);
 * a payment for any unpaid premium (the service pays an uninvoiced one too).
 * Each rule answers null when allowed, or the i18n key of the reason it is not.
 */
export type BlockReason = 'premium.why.none' | 'premium.why.oneInsurer' | 'premium.why.invoiceOnlyComputed' | 'premium.why.payOnlyInvoiced' | 'premium.why.alreadyPaid';

function common(rows: readonly PremiumRow[]): BlockReason | null {
  if (rows.length === 0) return 'premium.why.none';
  if (new Set(rows.map((r) => r.penjaminId)).size > 1) return 'premium.why.oneInsurer';
  if (rows.some((r) => r.status === 'dibayar')) return 'premium.why.alreadyPaid';
  return null;
}

export function invoiceBlock(rows: readonly PremiumRow[]): BlockReason | null {
  return common(rows) ?? (rows.every((r) => r.status === 'terhitung') ? null : 'premium.why.invoiceOnlyComputed');
}

/** Paid on the insurer's invoice only: its recorder is the first person, the payer the second (the service refuses otherwise). */
export function paymentBlock(rows: readonly PremiumRow[]): BlockReason | null {
  return common(rows) ?? (rows.every((r) => r.status === 'ditagih') ? null : 'premium.why.payOnlyInvoiced');
}

export const totalOf = (rows: readonly PremiumRow[]): number => rows.reduce((s, r) => s + r.jumlah, 0);

/** '1.5' → '1,5 %' in both languages (exact, as stored). */
export function formatRate(value: string, _locale: 'id' | 'en'): string {
  return formatPercentText(value);
}
