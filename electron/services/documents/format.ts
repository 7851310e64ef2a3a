/**
 * How a document cell is written on paper and on screen. Shared by the HTML and CSV renderers
 * (the XLSX one writes numbers as numbers with a number format instead).
 */
import { formatDateShort, formatPercentText, formatRupiah, groupThousands } from '../../domain/format';
import type { ColumnKind, DocumentCell } from './model';

/** '12.5' → '12,5 %': the one way the app writes a percentage, on paper as on screen (the dashboard, the loan pages). */
export function formatPercent(value: string | number): string {
  return formatPercentText(value);
}

export function formatCell(kind: ColumnKind, value: DocumentCell | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  switch (kind) {
    case 'rupiah':
      return typeof value === 'number' ? formatRupiah(value) : value;
    case 'number':
      return typeof value === 'number' && Number.isSafeInteger(value) ? groupThousands(value) : String(value);
    case 'percent':
      return formatPercent(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? formatDateShort(value) : String(value);
    default:
      return String(value);
  }
}

/** Columns whose figures are right-aligned. */
export const isNumeric = (kind: ColumnKind): boolean => kind === 'rupiah' || kind === 'number' || kind === 'percent';

/** A worksheet or file name without characters Windows or Excel refuse. */
export function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|[\]]+/g, '-').trim();
}
