/**
 * How each step's time grows with the data set (`npm run bench -- --growth`, or `--loans` with a
 * list): the bench run at each size, then per step its median at each size and, between two
 * sizes, the time's growth beside the data's growth. Linear work grows as the data does; a step
 * growing clearly faster (by more than GROWTH_SLACK of the data's growth, a margin for this
 * shared machine's noise) is flagged "lebih dari linear".
 */
import type { BenchReport } from './bench';

export const GROWTH_SIZES = [10_000, 100_000, 1_000_000] as const;

/** A step is flagged when its time grows more than this many times the data's growth. */
export const GROWTH_SLACK = 1.3;

export interface GrowthRow {
  no: string;
  step: string;
  /** Median ms per size (null: skipped at that size). */
  ms: (number | null)[];
  /** Per pair of neighbouring sizes: time growth ÷ data growth (1 = linear), null when a figure is missing. */
  exponent: (number | null)[];
  worseThanLinear: boolean;
}

/** Steps matched by their number across sizes (their names carry the sizes). */
export function growthRows(reports: readonly BenchReport[]): GrowthRow[] {
  const sizes = reports.map((r) => r.dataSet.loans);
  const numbers = [...new Set(reports.flatMap((r) => r.steps.map((s) => s.no)))];
  return numbers.map((no) => {
    const steps = reports.map((r) => r.steps.find((s) => s.no === no));
    const ms = steps.map((s) => s?.medianMs ?? null);
    const exponent = sizes.slice(1).map((size, i) => {
      const a = ms[i];
      const b = ms[i + 1];
      return a && b ? Math.round((b / a / (size / sizes[i]!)) * 100) / 100 : null;
    });
    const name = (steps.find((s) => s)?.step ?? no).replace(/\s*\(.*$/, '').replace(/,\s*\d[\d.,]*\s+(baris|pinjaman).*$/, '');
    return { no, step: name, ms, exponent, worseThanLinear: exponent.some((e) => e !== null && e > GROWTH_SLACK) };
  });
}

export function formatGrowth(reports: readonly BenchReport[]): string[] {
  const sizes = reports.map((r) => r.dataSet.loans);
  const rows = growthRows(reports);
  const fmtSize = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));
  const header = ['No', 'Langkah', ...sizes.map((n) => `${fmtSize(n)} ms`), ...sizes.slice(1).map((n, i) => `${fmtSize(sizes[i]!)}→${fmtSize(n)}`), 'Catatan'];
  const body = rows.map((r) => [
    r.no,
    r.step.slice(0, 60),
    ...r.ms.map((v) => (v === null ? '—' : String(Math.round(v)))),
    ...r.exponent.map((e) => (e === null ? '—' : `${e}×`)),
    r.worseThanLinear ? 'LEBIH DARI LINEAR' : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `Pertumbuhan waktu per langkah (${sizes.map(fmtSize).join(' → ')} pinjaman); kolom a→b = (waktu b ÷ waktu a) ÷ (data b ÷ data a): 1× linear, > ${GROWTH_SLACK}× ditandai`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
  ];
}
