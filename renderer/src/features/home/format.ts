import { formatPercentText } from '@domain/format';

/**
 * Short rupiah for chart axes only ("Rp1,2 M", "Rp250 jt"); tiles, tables and tooltips use
 * the full `Rp1.234.567`. Integer arithmetic (BigInt), rounded half up to one decimal.
 */
const UNITS: { size: bigint; id: string; en: string }[] = [
  { size: 1_000_000_000_000n, id: 'T', en: 'tn' },
  { size: 1_000_000_000n, id: 'M', en: 'bn' },
  { size: 1_000_000n, id: 'jt', en: 'm' },
  { size: 1_000n, id: 'rb', en: 'k' },
];

export function shortRupiah(amount: number, locale: 'id' | 'en' = 'id'): string {
  if (!Number.isSafeInteger(amount)) return '';
  const negative = amount < 0;
  const n = BigInt(Math.abs(amount));
  const unit = UNITS.find((u) => n >= u.size);
  let text: string;
  if (!unit) {
    text = `Rp${n}`;
  } else {
    const tenths = (n * 10n + unit.size / 2n) / unit.size;
    const whole = tenths / 10n;
    const decimal = tenths % 10n;
    // A comma in both languages: the axis sits beside figures written Rp1.234.567, where a dot groups thousands.
    const number = decimal === 0n ? `${whole}` : `${whole},${decimal}`;
    text = `Rp${number} ${unit[locale]}`;
  }
  return negative ? `-${text}` : text;
}

/** '12.34' (from the service) → '12,34 %', in both languages (the app's one number style). */
export function formatPercent(value: string | null, _locale: 'id' | 'en' = 'id'): string {
  if (value === null) return '–';
  return formatPercentText(value);
}

/** '2026-10' → '10/2026' (chart axes and short labels). */
export function shortPeriod(periode: string): string {
  return `${periode.slice(5, 7)}/${periode.slice(0, 4)}`;
}
