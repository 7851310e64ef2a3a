import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRequestInput, RenderedDocument } from '../../electron/contract';
import { chartSvg } from '../../electron/services/documents/chart';
import { formatCell } from '../../electron/services/documents/format';
import type { ChartBlock } from '../../electron/services/documents/model';
import { call, createTempRuntime, type TempRuntime } from '../helpers/runtime';

/**
 * Issue 18 item 8, the rekap bulanan: an all-zero chart has no "Rp1, Rp1, Rp0" axis, a donut's
 * empty slices have no overlapping "0 %" labels, percentages are written one way (as on screen),
 * XLSX formulas carry their values and percentages are stored as the exact decimals shown.
 */
let rt: TempRuntime;
beforeAll(async () => {
  rt = createTempRuntime({ prefix: 'gs-rekap-style-' });
  await call(rt, 'app.loadDemo', {});
});
afterAll(() => rt?.close());

async function render(dokumen: DocumentRequestInput, format: 'xlsx'): Promise<RenderedDocument> {
  return call(rt, 'documents.render', { dokumen, format } as never);
}

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.trim()).filter(Boolean);

describe('rekap bulanan charts', () => {
  it('an all-zero bar chart draws one Rp0 on its axis, not Rp1, Rp1, Rp0', () => {
    const block: ChartBlock = { type: 'chart', chart: 'bar', title: 'Nol', categories: ['Jan', 'Feb', 'Mar'], series: [{ name: 'Subsidi', kind: 'rupiah', values: [0, 0, 0] }] };
    const labels = texts(chartSvg(block, 600)).filter((t) => t.startsWith('Rp'));
    expect(labels.filter((t) => t !== 'Rp0')).toEqual([]);
    expect(new Set(labels).size).toBeLessThanOrEqual(1);
  });

  it('small amounts never repeat a rounded axis label', () => {
    const block: ChartBlock = { type: 'chart', chart: 'bar', title: 'Kecil', categories: ['A', 'B'], series: [{ name: 'x', kind: 'rupiah', values: [0, 2] }] };
    // Whole rupiah ticks only (bars carry their own labels too, so a figure may appear twice).
    const labels = texts(chartSvg(block, 600)).filter((t) => t.startsWith('Rp'));
    expect(new Set(labels)).toEqual(new Set(['Rp0', 'Rp1', 'Rp2']));
    expect(labels.filter((t) => t === 'Rp1')).toHaveLength(1);
  });

  it('a donut labels only the slices that hold something', () => {
    const block: ChartBlock = {
      type: 'chart',
      chart: 'pie',
      title: 'Kol',
      categories: ['Kol 1', 'Kol 2', 'Kol 3', 'Kol 4', 'Kol 5'],
      series: [{ name: 'Baki debet', kind: 'rupiah', values: [900, 100, 0, 0, 0] }],
    };
    const labels = texts(chartSvg(block, 600)).filter((t) => /%$/.test(t));
    expect(labels).toEqual(['90 %', '10 %']);
  });
});

describe('rekap bulanan numbers', () => {
  it('writes percentages as the screens do: "0,57 %"', () => {
    expect(formatCell('percent', '0.57')).toBe('0,57 %');
  });

  it('saves each XLSX formula with its value, and percentages as the exact decimals shown', async () => {
    const r = await render({ jenis: 'rekapBulanan', periode: '2026-10' }, 'xlsx');
    const zip = await JSZip.loadAsync(Buffer.from(r.isiBase64!, 'base64'));
    let formulas = 0;
    for (const name of Object.keys(zip.files).filter((n) => /worksheets\/sheet\d+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async('string');
      for (const cell of xml.match(/<c [^>]*>.*?<\/c>/g) ?? []) {
        if (cell.includes('<f>')) {
          formulas++;
          expect(cell, name).toMatch(/<v>[^<]+<\/v>/);
        }
        const v = /<v>([^<]*)<\/v>/.exec(cell)?.[1];
        // A percentage shown with two decimals is stored with at most four (0.57 % → 0.0057).
        if (v && /^0\.\d+$/.test(v)) expect(v.length, `${name}: ${cell}`).toBeLessThanOrEqual(6);
      }
    }
    expect(formulas).toBeGreaterThan(5);
  });
});
