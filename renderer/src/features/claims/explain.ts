import type { ClaimLine } from '@contract';
import { formatPercentText, formatRupiah } from '@/format';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * The likely cause of a line's difference, in the screen's language. The service writes its
 * explanation in Indonesian (kept as written: it is what the berita acara prints), so in English
 * the sentence is rebuilt here from the diagnosis code and the figures the line carries.
 */
export function explainDifference(line: ClaimLine, locale: string, t: Translate): string | null {
  if (!line.diagnosis) return null;
  if (locale !== 'en') return line.diagnosisRincian;
  const money = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatRupiah(n));
  const rate = (s: string | null | undefined) => (s ? formatPercentText(s) : '—');
  const h = line.hitung;
  const result = t('claims.explain.result', { claimed: money(line.diklaim), ours: money(line.diharapkan) });
  switch (line.diagnosis) {
    case 'outstanding':
      return `${t('claims.explain.outstanding', { bank: money(line.outstanding), ours: money(h?.pokok) })} ${result}`;
    case 'bunga':
      return `${t('claims.explain.bunga', { bank: rate(line.bungaPersen), ours: rate(h?.tarifPersen) })} ${result}`;
    case 'hari':
      return `${t('claims.explain.hari', { bank: line.hari ?? '—', ours: h?.hari ?? '—' })} ${result}`;
    case 'konvensi_hari':
      return `${t('claims.explain.konvensi_hari', { ours: h?.konvensiHari ?? '—' })} ${result}`;
    case 'pembulatan':
      return `${t('claims.explain.pembulatan')} ${result}`;
    case 'gabungan':
      return `${t('claims.explain.gabungan')} ${result}`;
    default:
      return t('claims.explain.tidak_diketahui', { selisih: money(line.diharapkan === null ? null : line.diklaim - line.diharapkan) });
  }
}
