/**
 * The one HTML print template: a ReportDocument and the document settings become a complete,
 * standalone A4 page (no scripts, no external files: the logo is a data URL, charts are inline
 * SVG). The same HTML is the on-screen view (a sandboxed iframe), what the system print dialog
 * prints and what Chromium turns into the PDF, so the outputs cannot disagree.
 *
 * Page numbers ("Halaman X dari Y"): the PDF printers (Chromium page.pdf, Electron printToPDF)
 * draw them with their footer template (`pdfFooterTemplate`); for the print dialog and the
 * iframe's own print the page carries CSS page-margin boxes instead (`pageNumbers: 'css'`).
 */
import { formatDateLong, formatDateShort, formatRupiah } from '../../domain/format';
import { terbilangRupiahKapital } from '../../domain/terbilang';
import type { DocumentSettings } from '../../contract/settings';
import { chartSvg } from './chart';
import { formatCell, isNumeric } from './format';
import type { AmountBlock, ChartBlock, DocumentBlock, DocumentColumn, DocumentRow, FieldsBlock, ReportDocument, SignaturesBlock, TableBlock } from './model';

/** The sizes offices print on: A4, and F4 (folio, 215 × 330 mm). */
export const PAPER_MM = { A4: { width: 210, height: 297 }, F4: { width: 215, height: 330 } } as const;
export type Paper = keyof typeof PAPER_MM;

/** A paper's sheet in an orientation, millimetres. */
export function sheetMm(paper: Paper, orientation: ReportDocument['orientation']): { width: number; height: number } {
  const p = PAPER_MM[paper];
  return orientation === 'landscape' ? { width: p.height, height: p.width } : { width: p.width, height: p.height };
}

export interface HtmlOptions {
  settings: DocumentSettings;
  /** A4 unless said (every document prints on both). */
  paper?: Paper;
  /** ISO date the document is printed (the footer names it). */
  printedOn: string;
  /**
   * 'css': the page prints its own page numbers (print dialog, iframe print);
   * 'none': the PDF printer's footer template does it (no duplicate footer).
   */
  pageNumbers?: 'css' | 'none';
}

/** Page margins, shared by the CSS @page rule and the PDF printers (millimetres). */
export const PAGE_MARGIN_MM = { top: 12, right: 14, bottom: 16, left: 14 } as const;

/** Printable width in CSS pixels (96 dpi), for charts drawn at their final size. */
export function printableWidthPx(orientation: ReportDocument['orientation'], paper: Paper = 'A4'): number {
  return Math.floor(((sheetMm(paper, orientation).width - PAGE_MARGIN_MM.left - PAGE_MARGIN_MM.right) / 25.4) * 96);
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * The footer of PDF pages, for page.pdf / printToPDF `footerTemplate`: the document's title and
 * print date on the left, "Halaman X dari Y" on the right. Chromium renders it at a tiny default
 * size, so the font size is explicit.
 */
export function pdfFooterTemplate(title: string, printedOn: string): string {
  return (
    `<div style="font-family: Arial, Helvetica, sans-serif; font-size: 7.5pt; color: #444; width: 100%; ` +
    `margin: 0 ${PAGE_MARGIN_MM.right}mm 0 ${PAGE_MARGIN_MM.left}mm; display: flex; justify-content: space-between;">` +
    `<span>${escapeHtml(title)} &middot; dicetak ${escapeHtml(formatDateShort(printedOn))}</span>` +
    `<span>Halaman <span class="pageNumber"></span> dari <span class="totalPages"></span></span></div>`
  );
}

/** An empty header (Chromium prints the URL and date when none is given). */
export const PDF_HEADER_TEMPLATE = '<span></span>';

function css(doc: ReportDocument, opts: HtmlOptions): string {
  const m = PAGE_MARGIN_MM;
  const sheet = sheetMm(opts.paper ?? 'A4', doc.orientation);
  const pageBox =
    opts.pageNumbers === 'css'
      ? `@bottom-left { content: "${doc.title.replace(/["\\]/g, '')} \\00B7  dicetak ${formatDateShort(opts.printedOn)}"; font: 7.5pt Arial, sans-serif; color: #444; }
         @bottom-right { content: "Halaman " counter(page) " dari " counter(pages); font: 7.5pt Arial, sans-serif; color: #444; }`
      : '';
  return `
@page { size: ${sheet.width}mm ${sheet.height}mm; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; ${pageBox} }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 9.5pt; color: #000; line-height: 1.3; }
@media screen {
  body { background: #e9ecef; padding: 12px 0; }
  .sheet { background: #fff; width: ${sheet.width}mm; min-height: ${sheet.height}mm; margin: 0 auto;
           padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
}
.kop { display: flex; align-items: center; gap: 4mm; border-bottom: 3px double #000; padding-bottom: 2.5mm; margin-bottom: 5mm; }
.kop .logo { width: 22mm; height: 24mm; display: flex; align-items: center; justify-content: center; flex: none; }
.kop .logo img { max-width: 22mm; max-height: 24mm; }
.kop .text { flex: 1; text-align: center; }
.kop .spacer { width: 22mm; flex: none; }
.kop .pemerintah { font-size: 13pt; font-weight: bold; letter-spacing: .3px; }
.kop .instansi { font-size: 14.5pt; font-weight: bold; }
.kop .alamat, .kop .kontak { font-size: 8.5pt; }
h1 { font-size: 12pt; text-align: center; margin: 0 0 1mm; text-transform: uppercase; }
.subtitle { text-align: center; font-size: 10pt; margin-bottom: 4mm; }
h2 { font-size: 10pt; margin: 5mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
table.data { width: 100%; border-collapse: collapse; margin-bottom: 3mm; font-size: 8.5pt; }
table.data.compact { width: 60%; }
table.data th, table.data td { border: 0.6pt solid #555; padding: 0.8mm 1.3mm; vertical-align: top; }
table.data th { background: #dde4ee; font-weight: bold; text-align: center; vertical-align: middle; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
table.data td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.data td.date { text-align: center; white-space: nowrap; }
table.data td.nowrap { white-space: nowrap; }
table.data tbody.keep { break-inside: avoid; page-break-inside: avoid; }
table.data tr.closing td { border: none; }
table.data tr.closing > td { padding: 3mm 0 0; font-size: 9.5pt; }
table.data tr.closing .signatures td { padding: 0 2mm; }
table.data tr.total td { font-weight: bold; background: #f1f3f6; border-top: 1.2pt solid #000; }
table.data td.empty { text-align: center; font-style: italic; color: #555; }
table.fields { border-collapse: collapse; margin-bottom: 3mm; }
table.fields td { padding: 0.4mm 2mm 0.4mm 0; vertical-align: top; }
table.fields td.label { white-space: nowrap; }
p { margin: 0 0 2.5mm; text-align: justify; }
.amount { border: 0.8pt solid #000; padding: 2mm 3mm; margin: 2mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
.amount .row { display: flex; justify-content: space-between; font-weight: bold; }
.amount .words { margin-top: 1mm; font-style: italic; }
.chart { margin: 2mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }
.chart .chart-title { font-weight: bold; font-size: 9.5pt; margin-bottom: 1mm; }
.chart svg { max-width: 100%; height: auto; }
.signatures { margin-top: 8mm; break-inside: avoid; page-break-inside: avoid; }
.signatures table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.signatures td { text-align: center; vertical-align: top; padding: 0 2mm; }
.signatures td.space { height: 20mm; }
.signatures td.position { vertical-align: top; }
.signatures .name { font-weight: bold; text-decoration: underline; vertical-align: bottom; }
.notes { margin-top: 5mm; font-size: 8pt; color: #333; break-inside: avoid; }
.notes ol { margin: 0.5mm 0 0; padding-left: 5mm; }
`;
}

function letterhead(s: DocumentSettings): string {
  const k = s.kop;
  const kontak = [k.telepon ? `Telepon ${k.telepon}` : '', k.email ? `Surel ${k.email}` : ''].filter(Boolean).join(' · ');
  return `<header class="kop">
  <div class="logo">${k.logo ? `<img src="${escapeHtml(k.logo)}" alt="Logo">` : ''}</div>
  <div class="text">
    <div class="pemerintah">${escapeHtml(k.pemerintah)}</div>
    <div class="instansi">${escapeHtml(k.instansi)}</div>
    <div class="alamat">${escapeHtml(k.alamat)}</div>
    ${kontak ? `<div class="kontak">${escapeHtml(kontak)}</div>` : ''}
  </div>
  <div class="spacer"></div>
</header>`;
}

/** Rows of a table kept on one page with what closes the document (the signatures). */
const KEPT_ROWS = 3;

/**
 * A data table. With `closing` (the HTML of the paragraphs and signatures that end the document),
 * the last rows and the totals go in a body that never splits, whose last row holds the closing:
 * the signatures always share a page with the end of the table (the header repeats above them
 * when that body starts a new page), never stand alone on one.
 */
function table(b: TableBlock, closing?: string): string {
  const totalWidth = b.columns.reduce((s, c) => s + (c.width ?? 1), 0);
  const cols = b.columns.map((c) => `<col style="width:${(((c.width ?? 1) / totalWidth) * 100).toFixed(2)}%">`).join('');
  const head = `<tr>${b.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('')}</tr>`;
  const cellClass = (c: DocumentColumn) => (isNumeric(c.kind) ? ' class="num"' : c.kind === 'date' ? ' class="date"' : c.nowrap ? ' class="nowrap"' : '');
  const row = (r: DocumentRow) => `<tr>${b.columns.map((c) => `<td${cellClass(c)}>${escapeHtml(formatCell(c.kind, r[c.key]))}</td>`).join('')}</tr>`;
  const kept = closing === undefined ? 0 : Math.min(KEPT_ROWS, b.rows.length);
  const body = b.rows.length
    ? b.rows
        .slice(0, b.rows.length - kept)
        .map(row)
        .join('\n')
    : `<tr><td class="empty" colspan="${b.columns.length}">${escapeHtml(b.empty ?? 'Tidak ada data.')}</td></tr>`;
  const totals = b.totals ? `<tr class="total">${b.columns.map((c) => `<td${cellClass(c)}>${escapeHtml(formatCell(c.kind, b.totals?.[c.key]))}</td>`).join('')}</tr>` : '';
  const tail =
    closing === undefined
      ? `${totals}\n</tbody>`
      : `</tbody><tbody class="keep">\n${b.rows
          .slice(b.rows.length - kept)
          .map(row)
          .join('\n')}\n${totals}\n<tr class="closing"><td colspan="${b.columns.length}">${closing}</td></tr>\n</tbody>`;
  return `${b.title ? `<h2>${escapeHtml(b.title)}</h2>` : ''}
<table class="data${b.compact ? ' compact' : ''}"><colgroup>${cols}</colgroup><thead>${head}</thead><tbody>
${body}
${tail}</table>`;
}

function fields(b: FieldsBlock): string {
  return `<table class="fields">${b.items.map((i) => `<tr><td class="label">${escapeHtml(i.label)}</td><td>:</td><td>${escapeHtml(i.value)}</td></tr>`).join('')}</table>`;
}

function amount(b: AmountBlock): string {
  return `<div class="amount"><div class="row"><span>${escapeHtml(b.label)}</span><span>${escapeHtml(formatRupiah(b.amount))}</span></div>
<div class="words">Terbilang: ${escapeHtml(terbilangRupiahKapital(b.amount))}</div></div>`;
}

function chart(b: ChartBlock, width: number): string {
  return `<figure class="chart" style="margin:2mm 0 4mm"><div class="chart-title">${escapeHtml(b.title)}</div>${chartSvg(b, width)}</figure>`;
}

/**
 * Place-and-date above the last signer (the usual layout of Indonesian official letters). One
 * table row per line (date, heading, position, signing space, name, NIP), so a position that
 * wraps onto two lines lowers every signer's space and name alike: the lines stay level.
 */
function signatures(b: SignaturesBlock): string {
  const n = b.signers.length;
  const placeDate = `${escapeHtml(b.place)}, ${escapeHtml(formatDateLong(b.date))}`;
  const line = (cls: string, cell: (s: SignaturesBlock['signers'][number], i: number) => string) =>
    `<tr>${b.signers.map((s, i) => `<td${cls ? ` class="${cls}"` : ''}>${cell(s, i)}</td>`).join('')}</tr>`;
  const rows = [
    line('', (_s, i) => (i === n - 1 ? placeDate : '&nbsp;')),
    line('', (s) => escapeHtml(s.heading)),
    line('position', (s) => escapeHtml(s.position)),
    line('space', () => ''),
    line('name', (s) => escapeHtml(s.name)),
    ...(b.signers.some((s) => s.nip) ? [line('', (s) => (s.nip ? `NIP. ${escapeHtml(s.nip)}` : '&nbsp;'))] : []),
  ];
  return `<section class="signatures"><table>${rows.join('\n')}</table></section>`;
}

function block(b: DocumentBlock, doc: ReportDocument, paper: Paper): string {
  switch (b.type) {
    case 'table':
      return table(b);
    case 'fields':
      return fields(b);
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'amount':
      return amount(b);
    case 'chart':
      return chart(b, printableWidthPx(doc.orientation, paper));
    case 'signatures':
      return signatures(b);
  }
}

/**
 * The blocks in order; the table before the closing signatures (with only paragraphs between
 * them) takes the paragraphs and signatures into its kept end (see `table`).
 */
function blocks(doc: ReportDocument, paper: Paper): string {
  const list = doc.blocks;
  const sig = list.findIndex((b) => b.type === 'signatures');
  let keepFrom = -1;
  if (sig > 0) {
    let i = sig - 1;
    while (i >= 0 && list[i]!.type === 'paragraph') i--;
    if (i >= 0 && list[i]!.type === 'table' && (list[i] as TableBlock).rows.length > 0) keepFrom = i;
  }
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    if (i === keepFrom) {
      out.push(
        table(
          list[i] as TableBlock,
          list
            .slice(i + 1, sig + 1)
            .map((b) => block(b, doc, paper))
            .join('\n'),
        ),
      );
      i = sig;
    } else out.push(block(list[i]!, doc, paper));
  }
  return out.join('\n');
}

/** The complete standalone HTML page of a document. */
export function renderHtml(doc: ReportDocument, opts: HtmlOptions): string {
  const notes = doc.notes?.length ? `<section class="notes">Catatan:<ol>${doc.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ol></section>` : '';
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(doc.title)}${doc.subtitle ? ` — ${escapeHtml(doc.subtitle)}` : ''}</title>
<style>${css(doc, opts)}</style>
</head>
<body>
<main class="sheet">
${doc.letterhead ? letterhead(opts.settings) : ''}
<h1>${escapeHtml(doc.title)}</h1>
${doc.subtitle ? `<div class="subtitle">${escapeHtml(doc.subtitle)}</div>` : ''}
${blocks(doc, opts.paper ?? 'A4')}
${notes}
</main>
</body>
</html>`;
}
