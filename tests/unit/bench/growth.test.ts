import { describe, expect, it } from 'vitest';
import type { BenchReport, StepResult } from '../../../build/bench/bench';
import { formatGrowth, growthRows } from '../../../build/bench/growth';

const step = (no: string, step: string, medianMs: number | null): StepResult => ({
  no,
  step,
  medianMs,
  baselineMs: null,
  baseline: null,
  ratio: null,
  target: '—',
  met: null,
  peakMb: null,
});
const report = (loans: number, steps: StepResult[]): BenchReport => ({
  machine: { cpu: 'x', cores: 2, totalMemMb: 1, node: 'v20', platform: 'linux' },
  dataSet: { loans, months: 24, seed: 1, file: 'f', builtInSeconds: null, debitur: loans, pinjaman: loans, posisi: 0 },
  runs: 1,
  steps,
  finishedAt: '2026-12-06T00:00:00Z',
});

describe('the bench growth table', () => {
  const reports = [
    report(10_000, [
      step('1', 'impor klaim CSV, 10000 baris (Bank A 2026-09)', 100),
      step('3', 'perhitungan subsidi (6000 baris)', 50),
      step('6a', 'cari', 2),
      step('7a', 'layar', null),
    ]),
    report(100_000, [
      step('1', 'impor klaim CSV, 100000 baris (Bank A 2026-09)', 1000),
      step('3', 'perhitungan subsidi (60000 baris)', 1000),
      step('6a', 'cari', 2),
      step('7a', 'layar', 250),
    ]),
  ];

  it('gives per step the time growth over the data growth, and flags only what grows faster than the data (beyond the noise margin)', () => {
    const rows = growthRows(reports);
    // 100 → 1000 ms for 10× the loans: exactly linear; 50 → 1000 ms: twice as fast as the data; 2 → 2 ms: flat.
    expect(rows.map((r) => [r.no, r.exponent[0], r.worseThanLinear])).toEqual([
      ['1', 1, false],
      ['3', 2, true],
      ['6a', 0.1, false],
      ['7a', null, false],
    ]);
    // Names lose the per-size counts, so one step reads as one row.
    expect(rows[0]!.step).toBe('impor klaim CSV');
    const text = formatGrowth(reports).join('\n');
    expect(text).toContain('10k→100k');
    expect(text.split('\n').filter((l) => l.includes('LEBIH DARI LINEAR'))).toHaveLength(1);
  });
});
