/**
 * Charts of printed documents, drawn in the main process with ECharts' server-side renderer into
 * an SVG string (no DOM, no canvas): the same picture on screen, in print and in the PDF.
 */
import * as echarts from 'echarts';
import { formatRupiah, groupThousands } from '../../domain/format';
import { formatPercent } from './format';
import type { ChartBlock } from './model';

const PALETTE = ['#1f4e79', '#c55a11', '#548235', '#7f6000', '#7030a0', '#2e75b6', '#bf9000'];

/** Short rupiah for axes: 'Rp1,2 M', 'Rp350 jt'. */
function shortRupiah(v: number): string {
  const abs = Math.abs(v);
  const fmt = (n: number, unit: string) => `Rp${String(Math.round(n * 10) / 10).replace('.', ',')} ${unit}`;
  if (abs >= 1e12) return fmt(v / 1e12, 'T');
  if (abs >= 1e9) return fmt(v / 1e9, 'M');
  if (abs >= 1e6) return fmt(v / 1e6, 'jt');
  if (abs >= 1e3) return fmt(v / 1e3, 'rb');
  return formatRupiah(Math.round(v));
}

function valueLabel(kind: ChartBlock['series'][number]['kind'], v: number): string {
  if (kind === 'rupiah') return shortRupiah(v);
  if (kind === 'percent') return formatPercent(String(Math.round(v * 10) / 10));
  return Number.isInteger(v) ? groupThousands(v) : String(v).replace('.', ',');
}

/**
 * The value axis. Rupiah and counts are whole numbers, so ticks are too (fractional ticks were
 * rounded into "Rp1, Rp1, Rp1, Rp0"); a chart with nothing but zeros shows a single 0.
 */
function valueAxis(block: ChartBlock, kind: ChartBlock['series'][number]['kind']): Record<string, unknown> {
  const axisLabel = { fontSize: 10, formatter: (v: number) => valueLabel(kind, v) };
  const whole = kind !== 'percent';
  if (block.series.every((s) => s.values.every((v) => !v))) {
    return { type: 'value', min: 0, max: 1, interval: 1, axisLabel: { ...axisLabel, formatter: (v: number) => (v === 0 ? valueLabel(kind, 0) : '') } };
  }
  return { type: 'value', ...(whole ? { minInterval: 1 } : {}), axisLabel };
}

/** The chart as a standalone SVG string of the given size (CSS pixels). */
export function chartSvg(block: ChartBlock, width: number): string {
  const height = block.height ?? 260;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const kind = block.series[0]?.kind ?? 'number';
    const base = { animation: false, color: PALETTE, textStyle: { fontFamily: 'Arial, Helvetica, sans-serif' } };
    if (block.chart === 'pie') {
      const s = block.series[0];
      chart.setOption({
        ...base,
        legend: { orient: 'vertical', right: 10, top: 'middle', textStyle: { fontSize: 11 } },
        series: [
          {
            type: 'pie',
            radius: ['35%', '70%'],
            center: ['35%', '50%'],
            // Empty slices get no label: five kol with three at zero drew three "0 %" on top of each other.
            stillShowZeroSum: false,
            label: { formatter: (p: { percent: number }) => formatPercent(p.percent), fontSize: 11 },
            data: block.categories.map((name, i) => {
              const value = s?.values[i] ?? 0;
              return value === 0 ? { name, value, label: { show: false }, labelLine: { show: false } } : { name, value };
            }),
          },
        ],
      });
    } else {
      chart.setOption({
        ...base,
        legend: block.series.length > 1 ? { top: 0, textStyle: { fontSize: 11 } } : undefined,
        grid: { left: 10, right: 10, top: block.series.length > 1 ? 30 : 14, bottom: 6, containLabel: true },
        xAxis: {
          type: 'category',
          data: block.categories,
          axisLabel: { fontSize: 10, interval: 0, rotate: block.categories.length > 8 ? 35 : 0 },
        },
        yAxis: valueAxis(block, kind),
        series: block.series.map((s) => ({
          type: block.chart,
          name: s.name,
          data: s.values,
          barMaxWidth: 36,
          label:
            block.series.length === 1 && block.categories.length <= 12
              ? { show: true, position: 'top', fontSize: 9, formatter: (p: { value: number }) => valueLabel(s.kind, p.value) }
              : undefined,
        })),
      });
    }
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
