/**
 * One table of a document as CSV (papaparse), for systems that want plain data.
 *
 * Choices, written down because a bank or an auditor will ask:
 * - delimiter `;` — a spreadsheet on an Indonesian PC uses the comma as the decimal separator and
 *   so expects `;` between fields (Excel's list separator for the id-ID locale);
 * - money and counts as plain integers (1234567, no `Rp`, no dots), so they stay numbers when read;
 *   percentages as decimal strings with a point ('11.5'); dates as ISO 'YYYY-MM-DD';
 * - header row with the column labels, CRLF line ends, a UTF-8 byte-order mark (added by the
 *   caller that writes the file) and values starting with = + - @ escaped (no formula injection);
 * - the totals row is not written: a CSV is read by programs, which sum for themselves.
 * The table is the one marked `csv: true`, else the document's first table.
 */
import { unparse } from 'papaparse';
import type { ReportDocument, TableBlock } from './model';

export const CSV_DELIMITER = ';';

export function csvTable(doc: ReportDocument): TableBlock | null {
  const tables = doc.blocks.filter((b): b is TableBlock => b.type === 'table');
  return tables.find((t) => t.csv) ?? tables[0] ?? null;
}

export function renderCsv(doc: ReportDocument): string {
  const table = csvTable(doc);
  if (!table) return '';
  return unparse(
    { fields: table.columns.map((c) => c.label), data: table.rows.map((r) => table.columns.map((c) => r[c.key] ?? '')) },
    { delimiter: CSV_DELIMITER, newline: '\r\n', escapeFormulae: true },
  );
}
