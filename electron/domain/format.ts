/**
 * How the program writes money and dates (PUEBI): `Rp1.234.567`, `27/10/2025`,
 * `27 Oktober 2025`. Pure, shared by renderer, reports and documents.
 */

export const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] as const;

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** Groups the digits of an integer with dots: 1234567 → '1.234.567'. */
export function groupThousands(n: number | bigint): string {
  const s = BigInt(n).toString();
  const negative = s.startsWith('-');
  const digits = negative ? s.slice(1) : s;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return negative ? `-${grouped}` : grouped;
}

/** Integer rupiah as `Rp1.234.567` (negative: `-Rp1.234.567`). */
export function formatRupiah(amount: number | bigint): string {
  if (typeof amount === 'number' && !Number.isSafeInteger(amount)) {
    throw new RangeError(`Jumlah rupiah harus bilangan bulat: ${amount}`);
  }
  const big = BigInt(amount);
  return big < 0n ? `-Rp${groupThousands(-big)}` : `Rp${groupThousands(big)}`;
}

function parts(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`Tanggal tidak valid: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** '2025-10-27' → '27/10/2025' (tables). */
export function formatDateShort(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = parts(iso);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/** '2025-10-27' → '27 Oktober 2025' (documents); English month names on request. */
export function formatDateLong(iso: string | null | undefined, locale: 'id' | 'en' = 'id'): string {
  if (!iso) return '';
  const [y, m, d] = parts(iso);
  const months = locale === 'en' ? MONTHS_EN : BULAN;
  return `${d} ${months[m - 1]} ${y}`;
}

/** '2025-10' → 'Oktober 2025'. */
export function formatPeriod(period: string, locale: 'id' | 'en' = 'id'): string {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) throw new RangeError(`Periode tidak valid: ${period}`);
  const months = locale === 'en' ? MONTHS_EN : BULAN;
  return `${months[Number(m[2]) - 1]} ${m[1]}`;
}

/** Reads what a clerk types as a date, 'dd/mm/yyyy' or ISO, into ISO; null when it is not a date. */
export function parseDateInput(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today's date as ISO in the local time zone of the office PC. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * A decimal as the app writes every number, in both languages (as rupiah is always
 * `Rp1.234.567`): dots group thousands, a comma marks the decimals. `value` is exact decimal text
 * ('1234.5') or a number; `fractionDigits` rounds half up to that many places first.
 *   formatDecimal('1234.5') → '1.234,5'; formatDecimal(804, 1) → '804,0'
 */
export function formatDecimal(value: string | number, fractionDigits?: number): string {
  let text = typeof value === 'number' ? (fractionDigits === undefined ? String(value) : value.toFixed(fractionDigits)) : value.trim();
  if (typeof value === 'string' && fractionDigits !== undefined) text = roundDecimalText(text, fractionDigits);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return text;
  const whole = `${m[1]}${groupThousands(BigInt(m[2]!))}`;
  return m[3] ? `${whole},${m[3]}` : whole;
}

/** The one way a percentage is written, on screen and in documents, in both languages: '12.34' → '12,34 %'. */
export function formatPercentText(value: string | number, fractionDigits?: number): string {
  return `${formatDecimal(value, fractionDigits)} %`;
}

/** Exact decimal text rounded half up (away from zero) to `digits` places, padded with zeros: ('0.005699', 2) → '0.01'. */
export function roundDecimalText(text: string, digits: number): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return text;
  const [, sign, int, frac = ''] = m;
  const scaled = BigInt(`${int}${frac.padEnd(digits, '0').slice(0, digits)}`) + (Number(frac[digits] ?? '0') >= 5 ? 1n : 0n);
  const s = scaled.toString().padStart(digits + 1, '0');
  const out = digits > 0 ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
  return scaled === 0n ? out : `${sign}${out}`;
}
