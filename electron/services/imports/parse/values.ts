/**
 * Reading the values banks and insurers write in their files: money in Indonesian or plain
 * notation, dates as text or Excel serial numbers, periods, account numbers as text.
 *
 * Pure and synchronous: runs in the import worker and in tests. Every reader answers either a
 * value or a plain Indonesian reason, never throws.
 *
 * Money rule (decided here, documented in docs/import-engine.md): amounts become integer rupiah with
 * decimal.js, never floating point. A non-zero sen part (e.g. `1.234.567,50`) is rounded half-up
 * to whole rupiah (`1.234.568`) and the row gets a warning naming both figures, so nothing is
 * changed silently. A value with more than two decimals is refused for money columns that come
 * from text (it is most likely a rate or a mis-mapped column). A numeric XLSX cell is taken as
 * Excel shows it, to its 15 significant digits (a sum Excel stores as 1000,5000000000001 is the
 * 1000,5 it displays), and rounded once, to rupiah: `100,495` → 100, never 100,50 → 101; the
 * warning quotes the cell as it was.
 */
import Decimal from 'decimal.js';

/** A cell as the parsers deliver it: text, a number from an XLSX numeric cell, or nothing. */
export type Cell = string | number | null;

export type Read<T> = { ok: true; value: T; warning?: string } | { ok: false; reason: string };

const ok = <T>(value: T, warning?: string): Read<T> => (warning ? { ok: true, value, warning } : { ok: true, value });
const fail = <T>(reason: string): Read<T> => ({ ok: false, reason });

/** How numbers with separators are read: decided per value ('otomatis'), or forced. */
export type NumberStyle = 'otomatis' | 'id' | 'en';

export const isBlank = (c: Cell): boolean => c === null || (typeof c === 'string' && c.trim() === '');

/**
 * Whether text is digits only (and not empty), by character code: the quick paths below take a
 * cell of digits as is, which the general rules (trims, regular expressions) would answer alike.
 */
export function isDigits(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Shows a cell in a message: text in quotes, cut short. */
export function show(c: Cell): string {
  const s = typeof c === 'number' ? String(c) : (c ?? '').trim();
  return `"${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`;
}

/**
 * A number written with separators → an exact decimal string ('1234567.5'), or null.
 * Indonesian `1.234.567,50`, plain `1234567.50`, English `1,234,567`; `Rp`, spaces and a
 * trailing `,-` are allowed; a minus sign or parentheses make it negative.
 *
 * With one separator only, the rule is: several of it → thousands; one followed by exactly
 * three digits → thousands (`1.250` is one thousand two hundred and fifty rupiah, the way
 * Indonesian files write it); otherwise → the decimal separator (`1234,5`, `1234.50`).
 */
export function parseDecimalText(raw: string, style: NumberStyle = 'otomatis'): string | null {
  const quick = quickDecimalText(raw, style);
  if (quick !== undefined) return quick;
  let s = raw
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^rp\.?/i, '')
    .replace(/,-$/, '')
    .replace(/\.-$/, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  s = s.replace(/^rp\.?/i, '');
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return null;
  if (/^[.,]|[.,]$/.test(s)) return null;

  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let intPart: string;
  let fracPart = '';
  let thousands: '.' | ',' | null = null;
  let decimal: '.' | ',' | null = null;
  if (dots > 0 && commas > 0) {
    decimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    thousands = decimal === ',' ? '.' : ',';
  } else if (dots + commas > 0) {
    const sep = dots > 0 ? '.' : ',';
    const count = dots + commas;
    const after = s.length - s.lastIndexOf(sep) - 1;
    if (style === 'id') [thousands, decimal] = sep === '.' ? ['.', null] : [null, ','];
    else if (style === 'en') [thousands, decimal] = sep === ',' ? [',', null] : [null, '.'];
    else if (count > 1 || after === 3) thousands = sep;
    else decimal = sep;
    if (count > 1 && decimal === sep) return null;
  }
  if (decimal && (s.split(decimal).length - 1 > 1 || (thousands && s.indexOf(decimal) < s.lastIndexOf(thousands)))) return null;
  if (decimal) {
    [intPart, fracPart] = s.split(decimal) as [string, string];
  } else intPart = s;
  if (thousands) {
    const groups = intPart.split(thousands);
    // Thousands groups: the first 1–3 digits, then groups of exactly three.
    if (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return null;
    intPart = groups.join('');
  }
  if (!/^\d+$/.test(intPart) || (fracPart !== '' && !/^\d+$/.test(fracPart))) return null;
  return decimalText(intPart, fracPart, negative);
}

/**
 * Decimal's canonical text, by hand (it is only digits): no leading zeros, no trailing zeros after
 * the point, no minus on zero. A 100,000-line file passes here several times per line.
 */
function decimalText(intDigits: string, fracDigits: string, negative: boolean): string {
  const whole = intDigits.replace(/^0+(?=\d)/, '');
  const frac = fracDigits.replace(/0+$/, '');
  const zero = whole === '0' && frac === '';
  return `${negative && !zero ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

const PLAIN_DIGITS = /^\d+$/;
/** Indonesian thousands dots with an optional decimal comma: `1.234.567`, `1.234.567,50`. */
const ID_GROUPED = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;

/**
 * The shapes nearly every line of a bank's file has, read without the general rules' dozen
 * regular expressions (a 100,000-line claim passes here half a million times); the same answer
 * as the general rules, or undefined to let them decide.
 */
function quickDecimalText(raw: string, style: NumberStyle): string | null | undefined {
  if (PLAIN_DIGITS.test(raw)) return decimalText(raw, '', false);
  const m = ID_GROUPED.exec(raw);
  // Dots alone are a decimal point in an English-style file (and `1.234.567` no number at all).
  if (!m || (style === 'en' && m[2] === undefined)) return undefined;
  return decimalText(m[1]!.replaceAll('.', ''), m[2] ?? '', false);
}

/**
 * Whole rupiah in the two shapes nearly every money cell of a bank's text file has, straight to
 * the integer (no decimal text in between; a 100,000-line claim has 300,000 such cells): plain
 * digits (`7950760`), or Indonesian thousands dots with no sen or zero sen (`7.950.760`,
 * `7.950.760,00`), at most 15 integer digits. Undefined for anything else — sen to round, other
 * notations, longer figures — which the general rules read: the answer is theirs in every case
 * (tested side by side, tests/unit/imports/values.test.ts).
 */
function quickWholeRupiah(s: string, style: NumberStyle): number | undefined {
  const n = s.length;
  let value = 0;
  let i = 0;
  let run = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    run++;
  }
  let digits = run;
  if (run === 0) return undefined;
  if (i === n) return digits <= 15 ? value : undefined;
  // Indonesian grouping: 1–3 digits, then groups of a dot and exactly three digits (at least one).
  if (run > 3 || s.charCodeAt(i) !== 46) return undefined;
  while (i < n && s.charCodeAt(i) === 46) {
    i++;
    for (run = 0; run < 3 && i < n; run++, i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
      value = value * 10 + (c - 48);
    }
    if (run !== 3) return undefined;
    digits += 3;
    if (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) return undefined;
  }
  if (digits > 15) return undefined;
  // Dots alone are a decimal point in an English-style file (and `1.234.567` no number at all).
  if (i === n) return style === 'en' ? undefined : value;
  // A decimal comma and sen that are all zeros: whole rupiah, no warning.
  if (s.charCodeAt(i) !== 44 || i === n - 1) return undefined;
  for (i++; i < n; i++) if (s.charCodeAt(i) !== 48) return undefined;
  return value;
}

/** Canonical text with at most 15 integer digits and 2 decimals: exact in plain numbers. */
const SMALL_MONEY = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

/**
 * Money → integer rupiah. Sen are rounded half-up with a warning (see the file comment).
 * A negative figure is refused: nothing we import (claims, outstanding, premiums) can be negative.
 */
export function readMoney(cell: Cell, style: NumberStyle = 'otomatis'): Read<number> {
  let d: Decimal;
  if (typeof cell === 'number') {
    // The common XLSX case without decimal.js: a whole, non-negative figure under 15 digits is
    // already what Excel shows (its 15 significant digits) and whole rupiah.
    if (Number.isSafeInteger(cell) && cell >= 0 && cell < 1e15) return ok(Math.abs(cell)); // abs: -0 reads as 0
    if (!Number.isFinite(cell)) return fail(`${show(cell)} bukan angka`);
    d = excelNumber(cell);
  } else {
    const whole = cell === null ? undefined : quickWholeRupiah(cell, style);
    if (whole !== undefined) return ok(whole);
    const text = parseDecimalText(cell ?? '', style);
    if (text === null) return fail(`${show(cell)} bukan angka rupiah`);
    // The common case without decimal.js: whole digits and up to two sen digits, half-up.
    const small = SMALL_MONEY.exec(text);
    if (small) {
      const sen = (small[2] ?? '').padEnd(2, '0');
      const value = Number(small[1]) + (Number(sen) >= 50 ? 1 : 0);
      return sen === '00' ? ok(value) : ok(value, `Nilai ${small[1]},${sen} memuat sen; dibulatkan menjadi ${value} rupiah`);
    }
    d = new Decimal(text);
    if (d.decimalPlaces() > 2) return fail(`${show(cell)} berisi lebih dari dua angka di belakang koma; bukan nilai rupiah`);
  }
  if (d.isNegative() && !d.isZero()) return fail(`${show(cell)} bernilai negatif`);
  const rounded = d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (!rounded.abs().lte(Number.MAX_SAFE_INTEGER)) return fail(`${show(cell)} terlalu besar`);
  const value = rounded.toNumber();
  if (!rounded.eq(d)) {
    // The figure as the file has it (text: its sen padded to two places, as the quick path quotes them).
    const quoted = typeof cell === 'number' ? d.toFixed() : d.toFixed(Math.max(2, d.decimalPlaces()));
    return ok(value, `Nilai ${quoted.replace('.', ',')} memuat sen; dibulatkan menjadi ${value} rupiah`);
  }
  return ok(value);
}

/** A numeric cell's value as Excel holds and shows it: the double to 15 significant digits, trailing zeros dropped. */
function excelNumber(n: number): Decimal {
  return new Decimal(n.toPrecision(15));
}

/** A whole number (days, kol) in a range. */
export function readInteger(cell: Cell, min: number, max: number, what: string): Read<number> {
  let d: Decimal;
  if (typeof cell === 'number') d = new Decimal(cell);
  else {
    const text = parseDecimalText(cell ?? '', 'otomatis');
    if (text === null) return fail(`${show(cell)} bukan angka ${what}`);
    if (/^\d{1,15}$/.test(text)) {
      const n = Number(text);
      return n < min || n > max ? fail(`${what} ${n} di luar batas ${min}–${max}`) : ok(n);
    }
    d = new Decimal(text);
  }
  if (!d.isInteger()) return fail(`${show(cell)} bukan bilangan bulat (${what})`);
  const n = d.toNumber();
  if (n < min || n > max) return fail(`${what} ${n} di luar batas ${min}–${max}`);
  return ok(n);
}

/** A rate in percent, kept as an exact decimal string: '11,5' / '11.5' / '11,5%' → '11.5'. */
export function readRate(cell: Cell): Read<string> {
  let text: string | null;
  if (typeof cell === 'number') text = new Decimal(cell).toDecimalPlaces(6).toFixed();
  else {
    const raw = (cell ?? '').trim().replace(/%$/, '').trim();
    // A rate has at most one separator and it is the decimal one ('11,5', '0.875').
    text = /^\d+([.,]\d+)?$/.test(raw) ? raw.replace(',', '.') : null;
  }
  if (text === null) return fail(`${show(cell)} bukan persentase bunga`);
  const d = new Decimal(text);
  if (d.gt(100)) return fail(`Bunga ${d.toFixed()}% tidak masuk akal`);
  return ok(d.toFixed());
}

// ---------------------------------------------------------------------------
// Dates and periods
// ---------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');
/** Month names and abbreviations (Indonesian and English), lower case → month number. */
export const BULAN_ID: Record<string, number> = {
  jan: 1,
  januari: 1,
  feb: 2,
  februari: 2,
  peb: 2,
  pebruari: 2,
  mar: 3,
  maret: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  agu: 8,
  agt: 8,
  ags: 8,
  agus: 8,
  agustus: 8,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  oct: 10,
  october: 10,
  nov: 11,
  nop: 11,
  november: 11,
  nopember: 11,
  des: 12,
  desember: 12,
  dec: 12,
  december: 12,
  january: 1,
  february: 2,
  march: 3,
};

function isoOf(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2200 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A year as written: four digits, or two as Excel's date format `27-Okt-25` shows them (Excel's own
 * rule: 00–29 are 2000–2029, 30–99 are 1930–1999). Only with a month name: `10/11/25` stays refused.
 */
function fullYear(y: string): number {
  if (y.length === 4) return Number(y);
  const n = Number(y);
  return n <= 29 ? 2000 + n : 1900 + n;
}

/** Excel's serial day number (1900 system, as every Windows Excel writes) → ISO date. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  // Day 0 is 1899-12-30 for every serial after Excel's fictitious 29 February 1900 (serial 60).
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A date: `dd/mm/yyyy` (also with `-` or `.`), `yyyy-mm-dd`, `27 Oktober 2025`, an Excel serial
 * number (numeric cell, or five digits in text) or an ISO date from an XLSX date cell.
 */
export function readDate(cell: Cell): Read<string> {
  if (typeof cell === 'number') {
    const iso = excelSerialToIso(cell);
    return iso ? ok(iso) : fail(`${show(cell)} bukan tanggal`);
  }
  const t = (cell ?? '').trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) {
    const iso = isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
    return iso ? ok(iso) : fail(`${show(cell)} bukan tanggal yang ada (dibaca sebagai hari/bulan/tahun)`);
  }
  m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(t);
  if (m) {
    const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? ok(iso) : fail(`${show(cell)} bukan tanggal yang ada`);
  }
  m = /^(\d{1,2})[\s./-]+([A-Za-z]+)\.?[\s./-]+(\d{4}|\d{2})$/.exec(t);
  if (m) {
    const month = BULAN_ID[m[2]!.toLowerCase()];
    const iso = month ? isoOf(fullYear(m[3]!), month, Number(m[1])) : null;
    return iso ? ok(iso) : fail(`${show(cell)} bukan tanggal`);
  }
  if (/^\d{5}$/.test(t)) {
    const iso = excelSerialToIso(Number(t));
    if (iso) return ok(iso);
  }
  return fail(`${show(cell)} bukan tanggal (tulis dd/mm/yyyy atau yyyy-mm-dd)`);
}

/**
 * A period (month): `yyyy-mm`, `mm/yyyy`, `mm-yyyy`, `yyyymm`, `Oktober 2026`, or any date (its
 * month). A two-digit year is refused: `10/26` could be a day and a month.
 */
export function readPeriod(cell: Cell): Read<string> {
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 190001 && cell <= 220012 && cell % 100 >= 1 && cell % 100 <= 12) {
      return ok(`${Math.floor(cell / 100)}-${pad(cell % 100)}`);
    }
    const iso = excelSerialToIso(cell);
    return iso ? ok(iso.slice(0, 7)) : fail(`${show(cell)} bukan periode`);
  }
  const t = (cell ?? '').trim();
  const valid = (y: number, mo: number) => y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12;
  let m = /^(\d{4})[-/.](\d{1,2})$/.exec(t);
  if (m && valid(Number(m[1]), Number(m[2]))) return ok(`${m[1]}-${pad(Number(m[2]))}`);
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m && valid(Number(m[2]), Number(m[1]))) return ok(`${m[2]}-${pad(Number(m[1]))}`);
  m = /^(\d{4})(\d{2})$/.exec(t);
  if (m && valid(Number(m[1]), Number(m[2]))) return ok(`${m[1]}-${m[2]}`);
  m = /^([A-Za-z]+)[\s-]+(\d{4})$/.exec(t);
  if (m) {
    const month = BULAN_ID[m[1]!.toLowerCase()];
    if (month && valid(Number(m[2]), month)) return ok(`${m[2]}-${pad(month)}`);
  }
  const date = readDate(cell);
  if (date.ok) return ok(date.value.slice(0, 7));
  return fail(`${show(cell)} bukan periode (tulis yyyy-mm atau mm/yyyy)`);
}

// ---------------------------------------------------------------------------
// Account numbers, NIK, names, yes/no
// ---------------------------------------------------------------------------

/**
 * An account number, kept as text exactly (leading zeros stay). Spaces around it and Excel's
 * text marker (a leading apostrophe, or `="0012"`) are removed. A number Excel has already
 * turned into scientific notation (`1,23457E+15`) has lost digits for good: refused.
 */
export function readAccount(cell: Cell, zeroPadTo?: number): Read<string> {
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell) || cell < 0 || String(cell).length > 15)
      return fail(`Nomor rekening ${show(cell)} rusak: angkanya terlalu panjang untuk sel angka Excel; simpan kolom ini sebagai teks`);
    const s = String(cell);
    return ok(zeroPadTo && s.length < zeroPadTo ? s.padStart(zeroPadTo, '0') : s);
  }
  // Digits only (nearly every account): nothing to trim or unwrap, never a formula or a scientific number.
  if (cell !== null && cell.length <= 40 && isDigits(cell)) return ok(cell);
  let t = (cell ?? '').trim();
  const formula = /^="(.*)"$/.exec(t);
  if (formula) t = formula[1]!.trim();
  if (t.startsWith("'")) t = t.slice(1).trim();
  if (t === '') return fail('Nomor rekening kosong');
  if (/^\d+([.,]\d+)?E\+?\d+$/i.test(t))
    return fail(`Nomor rekening ${show(cell)} rusak (format ilmiah Excel); angka aslinya sudah hilang, minta berkas dengan kolom rekening sebagai teks`);
  if (t.length > 40) return fail(`Nomor rekening ${show(cell)} terlalu panjang`);
  if (looksLikeFormula(t)) return fail(`Nomor rekening ${show(cell)} ditolak: tampak seperti rumus spreadsheet (diawali "${t[0]}"), bukan nomor rekening`);
  return ok(t);
}

/**
 * Text a spreadsheet would run as a formula when the data is opened or exported again (CSV
 * injection: `=HYPERLINK(…)`, `-2+3+cmd|' /C calc'!A0`, `@SUM(…)`). `=` and `@` at the start are
 * never an account number; `+` or `-` only when digits (with spaces, dots, dashes, slashes) follow.
 */
function looksLikeFormula(t: string): boolean {
  if (!/^[=+\-@\t\r]/.test(t)) return false;
  return !/^[+-][\d ./-]*\d[\d ./-]*$/.test(t);
}

/** Digits only: how account numbers are compared when the text differs only in punctuation. */
export const accountDigits = (s: string): string => s.replace(/\D/g, '');

/** A NIK: 16 digits, kept as text. Numeric cells over 15 digits have lost precision: refused. */
export function readNik(cell: Cell): Read<string> {
  if (typeof cell === 'number') {
    // Excel keeps 15 significant digits: a 16-digit NIK in a numeric cell has lost its last digit.
    if (!Number.isSafeInteger(cell) || String(cell).length > 15)
      return fail(`NIK ${show(cell)} tersimpan sebagai angka di Excel dan angka terakhirnya hilang; simpan kolom NIK sebagai teks`);
    cell = String(cell);
  }
  // Sixteen digits as written (nearly every NIK): the rules below answer it unchanged.
  if (cell !== null && cell.length === 16 && isDigits(cell)) return ok(cell);
  const raw = (cell ?? '').trim().replace(/^'/, '');
  // Text a spreadsheet already wrote in scientific notation (1.60302E+15): the digits are gone.
  if (/^\d+([.,]\d+)?E\+?\d+$/i.test(raw)) return fail(`NIK ${show(cell)} rusak (format ilmiah Excel): digit aslinya sudah hilang; simpan kolom NIK sebagai teks`);
  let t = raw.replace(/[\s.-]/g, '');
  const formula = /^="(.*)"$/.exec(t);
  if (formula) t = formula[1]!;
  if (/^\d{12,15}$/.test(t)) return fail(`NIK ${show(cell)} harus 16 angka (tertulis ${t.length}): ada digit yang hilang`);
  if (!/^\d{16}$/.test(t)) return fail(`NIK ${show(cell)} harus 16 angka`);
  return ok(t);
}

/** Whitespace the reading of a text changes: any but a single space between words, or at either end. */
const UNTIDY_SPACE = /[^\S ]| {2}|^ | $/;

export function readText(cell: Cell, max = 200): Read<string> {
  const raw = typeof cell === 'number' ? String(cell) : (cell ?? '');
  // Already tidy (nearly every name): kept as is, as the replace and trim would give it back.
  const t = UNTIDY_SPACE.test(raw) ? raw.replace(/\s+/g, ' ').trim() : raw;
  if (t.length > max) return ok(t.slice(0, max), `Teks dipotong menjadi ${max} karakter`);
  return ok(t);
}

/** Yes/no as banks write it: Y/N, Ya/Tidak, 1/0, Sudah/Belum, Lunas/Tunggak, true/false. */
export function readYesNo(cell: Cell): Read<boolean> {
  if (typeof cell === 'number') return cell === 1 ? ok(true) : cell === 0 ? ok(false) : fail(`${show(cell)} bukan ya/tidak`);
  const t = (cell ?? '').trim().toLowerCase();
  if (['y', 'ya', 'yes', '1', 'true', 'sudah', 'bayar', 'dibayar', 'lunas', 'v', 'x'].includes(t)) return ok(true);
  if (['n', 't', 'tidak', 'no', '0', 'false', 'belum', 'tunggak', 'menunggak', '-'].includes(t)) return ok(false);
  return fail(`${show(cell)} bukan ya/tidak`);
}
