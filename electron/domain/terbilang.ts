/**
 * Indonesian numbers in words (terbilang), as written on berita acara and receipts:
 * 1200000 → 'satu juta dua ratus ribu'. Lower case; `kapital` for the start of a sentence.
 */

const SATUAN = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'] as const;
const SKALA = ['', 'ribu', 'juta', 'miliar', 'triliun', 'kuadriliun'] as const;
const LIMIT = 10n ** 18n; // up to 999 kuadriliun

function word(n: number): string {
  const w = SATUAN[n];
  if (w === undefined) throw new RangeError(`Angka satuan tidak valid: ${n}`);
  return w;
}

/** 1–999. */
function ratusan(n: number): string {
  const parts: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) parts.push('seratus');
  else if (hundreds > 1) parts.push(`${word(hundreds)} ratus`);
  if (rest > 0 && rest < 12) parts.push(word(rest));
  else if (rest >= 12 && rest < 20) parts.push(`${word(rest - 10)} belas`);
  else if (rest >= 20) {
    const tens = Math.floor(rest / 10);
    const units = rest % 10;
    parts.push(units === 0 ? `${word(tens)} puluh` : `${word(tens)} puluh ${word(units)}`);
  }
  return parts.join(' ');
}

/** A non-negative integer in words, up to 999 kuadriliun (10^18 − 1). */
export function terbilang(n: number | bigint): string {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new RangeError(`Terbilang hanya untuk bilangan bulat: ${n}`);
  let big = BigInt(n);
  if (big < 0n) throw new RangeError(`Terbilang hanya untuk bilangan tidak negatif: ${n}`);
  if (big >= LIMIT) throw new RangeError(`Angka terlalu besar untuk terbilang: ${n}`);
  if (big === 0n) return 'nol';
  const groups: string[] = [];
  for (let scale = 0; big > 0n; scale++, big /= 1000n) {
    const g = Number(big % 1000n);
    if (g === 0) continue;
    const name = SKALA[scale] ?? '';
    // 'seribu', but 'satu juta', 'satu miliar'.
    if (scale === 1 && g === 1) groups.unshift('seribu');
    else groups.unshift(name ? `${ratusan(g)} ${name}` : ratusan(g));
  }
  return groups.join(' ');
}

/** 'satu juta dua ratus ribu rupiah'. */
export function terbilangRupiah(n: number | bigint): string {
  return `${terbilang(n)} rupiah`;
}

/** Upper-cases the first letter: 'satu juta' → 'Satu juta'. */
export function kapital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** For documents: 'Satu juta dua ratus ribu rupiah'. */
export function terbilangRupiahKapital(n: number | bigint): string {
  return kapital(terbilangRupiah(n));
}
