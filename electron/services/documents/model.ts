/**
 * What every printable thing (reports, registers, the berita acara) is made of, before it becomes
 * HTML (screen, print, PDF) or a workbook (XLSX) or CSV. One model, several renderers: the four
 * outputs of a report are built from the same blocks, so they cannot disagree.
 *
 * Money in cells is integer rupiah (a JS number that is always a safe integer); percentages and
 * rates are exact decimal strings. Renderers format; builders never pre-format money into text.
 */

export type ColumnKind = 'text' | 'rupiah' | 'number' | 'date' | 'percent';

export interface DocumentColumn {
  key: string;
  label: string;
  kind: ColumnKind;
  /** Relative width on paper (default 1). */
  width?: number;
  /** Never wrapped on paper (a month, 'September 2026'). */
  nowrap?: boolean;
}

/** text/date: string (dates ISO 'YYYY-MM-DD'); rupiah/number: integer; percent: decimal string. */
export type DocumentCell = string | number | null;
export type DocumentRow = Record<string, DocumentCell>;

export interface TableBlock {
  type: 'table';
  title?: string;
  columns: DocumentColumn[];
  rows: DocumentRow[];
  /** The totals row: sums of the rupiah/number columns (computed by the builder, in SQL or exact integers). */
  totals?: DocumentRow;
  /** Worksheet name in the XLSX export (at most 31 characters); tables without one share the first sheet. */
  sheet?: string;
  /** The table the CSV export carries (CSV holds one table); when no table says so, the first one. */
  csv?: boolean;
  /** Shown in place of the rows when there are none (default 'Tidak ada data.'). */
  empty?: string;
  /** A small table (a few label/figure rows): printed at half the width instead of the full width. */
  compact?: boolean;
}

/** Label/value pairs at the head of a document ("Bank: …", "Periode: …"). */
export interface FieldsBlock {
  type: 'fields';
  items: { label: string; value: string }[];
}

export interface ParagraphBlock {
  type: 'paragraph';
  text: string;
}

/** A certified total in figures and in words (terbilang). */
export interface AmountBlock {
  type: 'amount';
  label: string;
  amount: number;
}

/** A small chart (bar or line) drawn with ECharts; in XLSX it becomes its data table. */
export interface ChartBlock {
  type: 'chart';
  title: string;
  chart: 'bar' | 'line' | 'pie';
  categories: string[];
  series: { name: string; values: number[]; kind: 'rupiah' | 'number' | 'percent' }[];
  /** Height on paper in CSS pixels (default 260); the width is the printable width. */
  height?: number;
}

export interface Signer {
  /** The heading above the signature, e.g. 'Pihak Bank' or 'Kepala Sekretariat'. */
  heading: string;
  position: string;
  name: string;
  nip?: string;
}

/** The place-and-date line ("Muara Enim, 27 Oktober 2025") and the signature blocks. */
export interface SignaturesBlock {
  type: 'signatures';
  place: string;
  /** ISO date. */
  date: string;
  signers: Signer[];
}

export type DocumentBlock = TableBlock | FieldsBlock | ParagraphBlock | AmountBlock | ChartBlock | SignaturesBlock;

export interface ReportDocument {
  title: string;
  subtitle?: string;
  orientation: 'portrait' | 'landscape';
  /** Base name of exported files, without extension, e.g. 'rekap-bulanan-2025-10'. */
  fileName: string;
  /** Official documents carry the letterhead (kop surat) from the settings. */
  letterhead: boolean;
  blocks: DocumentBlock[];
  /** Small print at the end (data sources, how a figure was computed), one line each. */
  notes?: string[];
}
