/**
 * The period a file names in its title lines, above the header: `PERIODE: 01/01/2025 s.d.
 * 31/01/2025`, `Periode : Januari 2025`, `Bulan Januari 2025`, `PERIODE 2025-01`, `Posisi per
 * 31 Januari 2025`, `DAFTAR TAGIHAN … PERIODE OKTOBER 2026 S.D. DESEMBER 2026`. It is offered as
 * the file-level period (FILE_LEVEL_FIELDS), which the clerk sees and may change; never used
 * silently.
 *
 * The file-level period of every kind is one month (YYYY-MM): a title naming several months is
 * reported, not taken (the rows then need their own period column, or the clerk picks the month).
 */
import { formatPeriod } from '../../../domain/format';
import { BULAN_ID, isBlank, type Cell } from './values';

export interface TitlePeriod {
  /** First and last month named (the same for one month), YYYY-MM. */
  awal: string;
  akhir: string;
}

export interface TitleFinding extends TitlePeriod {
  /** The title line's row number in the file, and its text (shortened). */
  baris: number;
  teks: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const validMonth = (y: number, m: number) => y >= 1900 && y <= 2200 && m >= 1 && m <= 12;
const monthNamed = (word: string): number | undefined => BULAN_ID[word.toLowerCase().replace(/\.$/, '')];

/** One end of a period: a month (with its year, or the month alone when the range's end gives the year). */
interface Point {
  year: number | null;
  month: number;
  /** A whole date was written (dd/mm/yyyy …), not only a month. */
  date: boolean;
  length: number;
}

const POINTS: { re: RegExp; read: (m: RegExpExecArray) => Omit<Point, 'length'> | null }[] = [
  // 01/01/2025, 1-1-2025, 01.01.2025
  { re: /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/, read: (m) => ({ year: +m[3]!, month: +m[2]!, date: true }) },
  // 2025-01-31 (how an XLSX date cell reads)
  { re: /^(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/, read: (m) => ({ year: +m[1]!, month: +m[2]!, date: true }) },
  // 2025-01, 2025/01
  { re: /^(\d{4})[-/.](\d{1,2})(?![\d/.-])/, read: (m) => ({ year: +m[1]!, month: +m[2]!, date: false }) },
  // 01/2025, 1-2025
  { re: /^(\d{1,2})[-/.](\d{4})(?!\d)/, read: (m) => ({ year: +m[2]!, month: +m[1]!, date: false }) },
  // 31 Januari 2025, 31-Jan-2025
  { re: /^(\d{1,2})[\s-]+([a-z]+\.?)[\s-]+(\d{4})(?!\d)/i, read: (m) => (monthNamed(m[2]!) ? { year: +m[3]!, month: monthNamed(m[2]!)!, date: true } : null) },
  // Januari 2025, Jan-2025, JANUARI '25 is not read (two-digit years are ambiguous)
  { re: /^([a-z]+\.?)[\s-]+(\d{4})(?!\d)/i, read: (m) => (monthNamed(m[1]!) ? { year: +m[2]!, month: monthNamed(m[1]!)!, date: false } : null) },
  // Januari (only as the start of a range whose end gives the year: "Januari s.d. Maret 2025")
  { re: /^([a-z]+)(?![a-z])/i, read: (m) => (monthNamed(m[1]!) ? { year: null, month: monthNamed(m[1]!)!, date: false } : null) },
];

function pointAt(text: string): Point | null {
  for (const { re, read } of POINTS) {
    const m = re.exec(text);
    if (!m) continue;
    const p = read(m);
    if (p && (p.year === null ? p.month >= 1 && p.month <= 12 : validMonth(p.year, p.month))) return { ...p, length: m[0].length };
  }
  return null;
}

/** "s.d.", "s/d", "sd", "sampai (dengan)", "hingga", "to", "until", a dash. */
const RANGE = /^\s*(?:s\s*\.\s*d\s*\.?|s\s*\/\s*d|sd|sampai(?:\s+dengan)?|hingga|to|until|[-–—])\s*/i;
/** Words that may stand between the keyword and the period: "Periode Tagihan: …", "Posisi Akhir Bulan …". */
const FILLER = /^[\s:=.,]*(?:(?:per|bulan|tanggal|tgl\.?|akhir|tagihan|laporan|klaim|posisi|subsidi|bunga)\b[\s:=.,]*)*/i;
/** What announces a period in a title. "per" alone only when a date follows ("Laporan per cabang" is not one). */
const KEYWORD = /\b(periode|period|bulan|masa|posisi|per)\b/gi;

/** The period a title text names after one of its keywords, or null. */
export function periodInText(text: string): TitlePeriod | null {
  for (const k of text.matchAll(KEYWORD)) {
    let rest = text.slice(k.index + k[0].length);
    rest = rest.slice(FILLER.exec(rest)?.[0].length ?? 0);
    const start = pointAt(rest);
    if (!start) continue;
    if (k[1]!.toLowerCase() === 'per' && !start.date) continue;
    let end: Point | null = null;
    const sep = RANGE.exec(rest.slice(start.length));
    if (sep) end = pointAt(rest.slice(start.length + sep[0].length));
    if (end && end.year === null) end = null;
    if (start.year === null && !end) continue;
    const awal = `${start.year ?? end!.year}-${pad(start.month)}`;
    const akhir = end ? `${end.year}-${pad(end.month)}` : awal;
    if (akhir < awal) continue;
    return { awal, akhir };
  }
  return null;
}

/** The title lines' text: a row's filled cells joined ("Periode" | "Januari 2025" in two cells is one title). */
const lineText = (row: Cell[]) =>
  row
    .filter((c) => !isBlank(c))
    .map((c) => String(c).trim())
    .join(' ')
    .replace(/\s+/g, ' ');

/**
 * The period named in the rows before `end` (the header, or a headerless file's first data row).
 * Every title line naming a period must name the same one; otherwise `conflict` lists them.
 */
export function findTitlePeriod(rows: Cell[][], rowNumbers: number[], end: number): { found: TitleFinding | null; conflict: TitleFinding[] } {
  const all: TitleFinding[] = [];
  for (let i = 0; i < Math.min(end, 30); i++) {
    const text = lineText(rows[i] ?? []);
    if (text === '') continue;
    const p = periodInText(text);
    if (p) all.push({ ...p, baris: rowNumbers[i] ?? i + 1, teks: text.length > 100 ? `${text.slice(0, 97)}…` : text });
  }
  const first = all[0];
  if (!first) return { found: null, conflict: [] };
  if (all.some((f) => f.awal !== first.awal || f.akhir !== first.akhir)) return { found: null, conflict: all };
  return { found: first, conflict: [] };
}

const span = (p: TitlePeriod) => (p.awal === p.akhir ? formatPeriod(p.awal) : `${formatPeriod(p.awal)} s.d. ${formatPeriod(p.akhir)}`);

/**
 * What the inspection offers and says: the month for the whole file when the title names one,
 * and a note saying where it came from (or why none is offered).
 */
export function titleSuggestion(t: ReturnType<typeof findTitlePeriod>): { periode?: string; note: string | null } {
  if (t.conflict.length > 0) {
    return {
      note: `Judul berkas menyebut periode yang berbeda-beda (${t.conflict.map((f) => `baris ${f.baris}: ${span(f)}`).join('; ')}); periode untuk seluruh berkas tidak diisi otomatis.`,
    };
  }
  const f = t.found;
  if (!f) return { note: null };
  if (f.awal !== f.akhir) {
    return {
      note: `Judul berkas (baris ${f.baris}: "${f.teks}") menyebut periode ${span(f)}, lebih dari satu bulan; periode untuk seluruh berkas hanya satu bulan, jadi tidak diisi otomatis. Petakan kolom periode, atau pilih bulannya.`,
    };
  }
  return {
    periode: f.awal,
    note: `Periode ${span(f)} dibaca dari judul berkas (baris ${f.baris}: "${f.teks}") dan diisikan sebagai periode untuk seluruh berkas (dipakai bila tidak ada kolom periode); ubah bila keliru.`,
  };
}
