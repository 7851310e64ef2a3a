/**
 * A ReportDocument as an Excel workbook (exceljs): a summary sheet ("Ringkasan": title, period,
 * fields, certified amounts with their words, paragraphs, the data of the charts and every table
 * without a sheet of its own) and one sheet per table that names a sheet. Money is written as
 * numbers with a rupiah number format (so it can be summed), totals rows are SUM formulas (with
 * the computed value cached, so a reader that does not calculate still sees the figure), headers
 * are bold and frozen, columns sized to their content, pages set up for A4.
 */
import ExcelJS from 'exceljs';
import Decimal from 'decimal.js';
import { formatDateLong, formatPercentText } from '../../domain/format';
import { terbilangRupiahKapital } from '../../domain/terbilang';
import type { Paper } from '../../contract/documents';
import type { DocumentSettings } from '../../contract/settings';
import { safeName } from './format';
import type { ColumnKind, DocumentCell, ReportDocument, TableBlock } from './model';

/** Rupiah as `Rp1.234.567` in an Indonesian Excel (the thousands separator follows the locale). */
export const RUPIAH_FORMAT = '"Rp"#,##0;-"Rp"#,##0';
export const NUMBER_FORMAT = '#,##0';
export const PERCENT_FORMAT = '0.00%';
export const DATE_FORMAT = 'dd/mm/yyyy';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE4EE' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F3F6' } };
const THIN: ExcelJS.Borders = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
} as ExcelJS.Borders;

function numFmt(kind: ColumnKind): string | undefined {
  if (kind === 'rupiah') return RUPIAH_FORMAT;
  if (kind === 'number') return NUMBER_FORMAT;
  if (kind === 'percent') return PERCENT_FORMAT;
  if (kind === 'date') return DATE_FORMAT;
  return undefined;
}

/** The cell value: money and counts as numbers, percentages as fractions, dates as dates. */
function cellValue(kind: ColumnKind, v: DocumentCell | undefined): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (kind === 'percent') {
    // '0.57' % is the fraction 0.0057 exactly as shown — not 0.57 / 100 = 0.005699999999999999.
    const n = Number(v);
    return Number.isFinite(n) ? new Decimal(String(v)).div(100).toNumber() : String(v);
  }
  if (kind === 'date' && typeof v === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : v;
  }
  return v;
}

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Writes a table from `startRow`; returns the row after it. */
function writeTable(ws: ExcelJS.Worksheet, t: TableBlock, startRow: number, widths: number[]): { next: number; headerRow: number } {
  let r = startRow;
  if (t.title) {
    ws.getCell(r, 1).value = t.title;
    ws.getCell(r, 1).font = { bold: true };
    r++;
  }
  const headerRow = r;
  t.columns.forEach((c, i) => {
    const cell = ws.getCell(r, i + 1);
    cell.value = c.label;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    widths[i] = Math.max(widths[i] ?? 0, Math.min(40, c.label.length + 2));
  });
  r++;
  const firstData = r;
  for (const row of t.rows) {
    t.columns.forEach((c, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.value = cellValue(c.kind, row[c.key]);
      const fmt = numFmt(c.kind);
      if (fmt) cell.numFmt = fmt;
      cell.border = THIN;
      const shown = c.kind === 'rupiah' && typeof row[c.key] === 'number' ? String(row[c.key]).length * 1.35 + 3 : String(row[c.key] ?? '').length;
      widths[i] = Math.max(widths[i] ?? 0, Math.min(60, shown + 2));
    });
    r++;
  }
  const lastData = r - 1;
  if (t.totals) {
    t.columns.forEach((c, i) => {
      const cell = ws.getCell(r, i + 1);
      const v = t.totals?.[c.key];
      const summable = (c.kind === 'rupiah' || c.kind === 'number') && typeof v === 'number';
      if (summable && t.rows.length > 0) {
        const col = colLetter(i + 1);
        cell.value = { formula: `SUM(${col}${firstData}:${col}${lastData})`, result: v };
      } else {
        cell.value = cellValue(c.kind, v ?? null);
      }
      const fmt = numFmt(c.kind);
      if (fmt) cell.numFmt = fmt;
      cell.font = { bold: true };
      cell.fill = TOTAL_FILL;
      cell.border = THIN;
    });
    r++;
  }
  if (t.rows.length === 0) {
    ws.getCell(r, 1).value = t.empty ?? 'Tidak ada data.';
    ws.getCell(r, 1).font = { italic: true };
    r++;
  }
  return { next: r + 1, headerRow };
}

function heading(ws: ExcelJS.Worksheet, doc: ReportDocument, settings: DocumentSettings): number {
  ws.getCell(1, 1).value = settings.kop.instansi;
  ws.getCell(1, 1).font = { bold: true, size: 10 };
  ws.getCell(2, 1).value = doc.title;
  ws.getCell(2, 1).font = { bold: true, size: 13 };
  let r = 3;
  if (doc.subtitle) {
    ws.getCell(r, 1).value = doc.subtitle;
    r++;
  }
  return r + 1;
}

/** Excel's paper codes: 9 A4; 14 Folio (8½ × 13 in, 216 × 330 mm: what Excel calls F4). */
const PAPER_CODE = { A4: 9, F4: 14 } as const;

function pageSetup(ws: ExcelJS.Worksheet, doc: ReportDocument, paper: Paper, headerRow?: number): void {
  ws.pageSetup = {
    // exceljs's PaperSize names only some of the OOXML codes; 14 (Folio) is a standard one all the same.
    paperSize: PAPER_CODE[paper] as number as ExcelJS.PaperSize,
    orientation: doc.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    ...(headerRow ? { printTitlesRow: `${headerRow}:${headerRow}` } : {}),
  };
}

export async function renderXlsx(doc: ReportDocument, opts: { settings: DocumentSettings; printedOn: string; paper?: Paper }): Promise<Buffer> {
  const paper = opts.paper ?? 'A4';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gerbang Serasan';
  wb.created = new Date(`${opts.printedOn}T00:00:00Z`);
  wb.title = doc.title;

  const summary = wb.addWorksheet('Ringkasan');
  const summaryWidths: number[] = [28, 22];
  let r = heading(summary, doc, opts.settings);
  let summaryHeader: number | undefined;
  const used = new Set<string>(['ringkasan']);
  const ownSheets: TableBlock[] = [];

  for (const b of doc.blocks) {
    switch (b.type) {
      case 'fields':
        for (const item of b.items) {
          summary.getCell(r, 1).value = item.label;
          summary.getCell(r, 2).value = item.value;
          summaryWidths[0] = Math.max(summaryWidths[0] ?? 0, item.label.length + 2);
          summaryWidths[1] = Math.max(summaryWidths[1] ?? 0, Math.min(60, item.value.length + 2));
          r++;
        }
        r++;
        break;
      case 'paragraph':
        summary.getCell(r, 1).value = b.text;
        summary.getCell(r, 1).alignment = { wrapText: false };
        r += 2;
        break;
      case 'amount':
        summary.getCell(r, 1).value = b.label;
        summary.getCell(r, 1).font = { bold: true };
        summary.getCell(r, 2).value = b.amount;
        summary.getCell(r, 2).numFmt = RUPIAH_FORMAT;
        summary.getCell(r, 2).font = { bold: true };
        summary.getCell(r + 1, 1).value = 'Terbilang';
        summary.getCell(r + 1, 2).value = terbilangRupiahKapital(b.amount);
        summary.getCell(r + 1, 2).font = { italic: true };
        r += 3;
        break;
      case 'chart': {
        const table: TableBlock = {
          type: 'table',
          title: b.title,
          columns: [
            { key: 'kategori', label: 'Kategori', kind: 'text' },
            ...b.series.map((s, i) => ({ key: `s${i}`, label: s.name, kind: s.kind === 'percent' ? ('text' as const) : s.kind })),
          ],
          rows: b.categories.map((c, ci) =>
            Object.fromEntries([['kategori', c], ...b.series.map((s, i) => [`s${i}`, s.kind === 'percent' ? formatPercentText(s.values[ci] ?? 0) : (s.values[ci] ?? 0)])]),
          ),
        };
        r = writeTable(summary, table, r, summaryWidths).next;
        break;
      }
      case 'table':
        if (b.sheet) ownSheets.push(b);
        else {
          const w = writeTable(summary, b, r, summaryWidths);
          summaryHeader ??= w.headerRow;
          r = w.next;
        }
        break;
      case 'signatures':
        summary.getCell(r, 1).value = `${b.place}, ${formatDateLong(b.date)}`;
        r++;
        for (const s of b.signers) {
          summary.getCell(r, 1).value = `${s.heading} ${s.position}`.trim();
          summary.getCell(r, 2).value = s.nip ? `${s.name} (NIP. ${s.nip})` : s.name;
          r++;
        }
        r++;
        break;
    }
  }
  for (const note of doc.notes ?? []) {
    summary.getCell(r, 1).value = note;
    summary.getCell(r, 1).font = { italic: true, size: 9 };
    r++;
  }
  summaryWidths.forEach((w, i) => (summary.getColumn(i + 1).width = w));
  pageSetup(summary, doc, paper, summaryHeader);

  for (const t of ownSheets) {
    let name = safeName(t.sheet ?? 'Tabel').slice(0, 31) || 'Tabel';
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${name.slice(0, 28)} ${n}`;
    used.add(name.toLowerCase());
    const ws = wb.addWorksheet(name);
    const widths: number[] = [];
    const start = heading(ws, doc, opts.settings);
    const { headerRow } = writeTable(ws, t, start, widths);
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = Math.max(8, w)));
    ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }];
    pageSetup(ws, doc, paper, headerRow);
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}
