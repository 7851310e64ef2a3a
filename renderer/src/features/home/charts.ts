/**
 * The dashboard's chart options, built from the summary: pure functions (no Vue, no ECharts
 * instance), so the figures they carry can be checked without drawing anything.
 */
import type { DashboardRealisation, DashboardSummary } from '@contract';
import { formatRupiah } from '@/format';
import type { ChartOption } from './echarts';
import { formatPercent, shortPeriod, shortRupiah } from './format';

export type Locale = 'id' | 'en';
/** The texts the charts show, already translated. */
export interface ChartTexts {
  pencairan: string;
  outstanding: string;
  subsidi: string;
  premi: string;
  pagu: string;
  plafon: string;
  loans: (n: number) => string;
  ofPagu: (pagu: string, percent: string) => string;
  kol: (kol: number) => string;
  noKecamatan: string;
}

export const KOL_COLOURS = ['#2e7d32', '#f9a825', '#ef6c00', '#d84315', '#8e0000'] as const;

/** part/whole in percent with two decimals, exact (BigInt), for drawing; null without a whole. */
export function percentOfPagu(part: number, whole: number | null): string | null {
  if (!whole) return null;
  const hundredths = (BigInt(part) * 20000n + BigInt(whole)) / (2n * BigInt(whole));
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

interface TooltipParam {
  seriesName?: string;
  name?: string;
  dataIndex: number;
  marker?: string;
}
const asList = (p: unknown): TooltipParam[] => (Array.isArray(p) ? (p as TooltipParam[]) : [p as TooltipParam]);
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Disbursement (bars, left axis) and bank-reported outstanding (line, right axis) per month. */
export function trendOption(s: DashboardSummary, tx: ChartTexts, locale: Locale): ChartOption {
  const months = s.bulanan;
  return {
    grid: { left: 8, right: 8, top: 40, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const m = months[asList(params)[0]?.dataIndex ?? 0];
        if (!m) return '';
        return [
          `<b>${shortPeriod(m.periode)}</b>`,
          `${escape(tx.pencairan)}: ${formatRupiah(m.pencairanPlafon)} (${escape(tx.loans(m.pencairanJumlah))})`,
          `${escape(tx.outstanding)}: ${m.outstanding === null ? '–' : `${formatRupiah(m.outstanding)} (${escape(tx.loans(m.posisiJumlah))})`}`,
        ].join('<br>');
      },
    },
    xAxis: { type: 'category', data: months.map((m) => shortPeriod(m.periode)) },
    yAxis: [
      { type: 'value', name: tx.pencairan, axisLabel: { formatter: (v: number) => shortRupiah(v, locale) } },
      { type: 'value', name: tx.outstanding, axisLabel: { formatter: (v: number) => shortRupiah(v, locale) }, splitLine: { show: false } },
    ],
    series: [
      { name: tx.pencairan, type: 'bar', data: months.map((m) => m.pencairanPlafon), itemStyle: { color: '#5b8def' } },
      { name: tx.outstanding, type: 'line', yAxisIndex: 1, data: months.map((m) => m.outstanding), connectNulls: false, itemStyle: { color: '#123c2e' } },
    ],
  };
}

/**
 * Cumulative payments of the year. With the pagu known, both kinds as a share of their pagu (so
 * subsidy and premium sit on one axis, the pagu at 100 %); without it (a bank officer) the bank's
 * cumulative subsidy in rupiah.
 */
export function realisationOption(s: DashboardSummary, tx: ChartTexts, locale: Locale): ChartOption {
  const kinds: { name: string; r: DashboardRealisation; color: string }[] = [{ name: tx.subsidi, r: s.realisasi.subsidi, color: '#123c2e' }];
  if (s.realisasi.premi) kinds.push({ name: tx.premi, r: s.realisasi.premi, color: '#d4a017' });
  const months = s.realisasi.subsidi.bulanan.map((m) => shortPeriod(m.periode));
  const asShare = kinds.every((k) => !!k.r.pagu);
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = asList(params);
        const i = list[0]?.dataIndex ?? 0;
        const lines = kinds.map((k) => {
          const m = k.r.bulanan[i]!;
          const share = percentOfPagu(m.kumulatif, k.r.pagu);
          return `${escape(k.name)}: ${formatRupiah(m.kumulatif)}${k.r.pagu ? ` ${escape(tx.ofPagu(formatRupiah(k.r.pagu), formatPercent(share, locale)))}` : ''}`;
        });
        return [`<b>${months[i] ?? ''}</b>`, ...lines].join('<br>');
      },
    },
    xAxis: { type: 'category', data: months },
    yAxis: asShare
      ? {
          type: 'value',
          min: 0,
          max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10),
          axisLabel: { formatter: (v: number) => (locale === 'en' ? `${v}%` : `${v} %`) },
        }
      : { type: 'value', axisLabel: { formatter: (v: number) => shortRupiah(v, locale) } },
    series: kinds.map((k, index) => ({
      name: k.name,
      type: 'line' as const,
      itemStyle: { color: k.color },
      data: k.r.bulanan.map((m) => (asShare ? Number(percentOfPagu(m.kumulatif, k.r.pagu)) : m.kumulatif)),
      ...(asShare && index === 0
        ? {
            markLine: {
              symbol: 'none',
              silent: true,
              lineStyle: { color: '#c0392b', type: 'dashed' as const },
              label: { formatter: tx.pagu, position: 'insideEndTop' },
              data: [{ yAxis: 100 }],
            },
          }
        : {}),
    })),
  };
}

/** Outstanding per kol in the latest reported month, each bar in its kol's colour. */
export function kolOption(s: DashboardSummary, tx: ChartTexts, locale: Locale): ChartOption {
  const rows = s.kualitas.perKol;
  return {
    grid: { left: 8, right: 8, top: 16, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const k = rows[asList(p)[0]?.dataIndex ?? 0];
        return k ? `<b>${escape(tx.kol(k.kol))}</b><br>${escape(tx.outstanding)}: ${formatRupiah(k.outstanding)}<br>${escape(tx.loans(k.jumlah))}` : '';
      },
    },
    xAxis: { type: 'category', data: rows.map((k) => tx.kol(k.kol)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => shortRupiah(v, locale) } },
    series: [{ name: tx.outstanding, type: 'bar', cursor: 'pointer', data: rows.map((k, i) => ({ value: k.outstanding, itemStyle: { color: KOL_COLOURS[i] } })) }],
  };
}

/** The top kecamatan by outstanding (largest on top), with the plafon of the same loans. */
export function kecamatanOption(s: DashboardSummary, tx: ChartTexts, locale: Locale): ChartOption {
  // ECharts draws the first category at the bottom: reversed, the largest is on top.
  const rows = [...s.kecamatan].reverse();
  return {
    grid: { left: 8, right: 16, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const k = rows[asList(params)[0]?.dataIndex ?? 0];
        return k
          ? `<b>${escape(k.nama ?? tx.noKecamatan)}</b><br>${escape(tx.outstanding)}: ${formatRupiah(k.outstanding)}<br>${escape(tx.plafon)}: ${formatRupiah(k.plafon)}<br>${escape(tx.loans(k.jumlah))}`
          : '';
      },
    },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => shortRupiah(v, locale) } },
    yAxis: { type: 'category', data: rows.map((k) => k.nama ?? tx.noKecamatan) },
    series: [
      { name: tx.outstanding, type: 'bar', cursor: 'pointer', data: rows.map((k) => k.outstanding), itemStyle: { color: '#123c2e' } },
      { name: tx.plafon, type: 'bar', cursor: 'pointer', data: rows.map((k) => k.plafon), itemStyle: { color: '#9cc5b3' } },
    ],
  };
}
