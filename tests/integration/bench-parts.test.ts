import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench } from '../../build/bench/bench';

// The 1,000,000-loan bench's claim is too big for one import file (the import refuses more than
// 300,000 rows): it is split into a file per month, each imported and reconciled. The same code
// path on a tiny data set, with a tiny file size: no timing asserted.
describe('npm run bench with a claim of several files', () => {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-parts-'));
  afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  it('imports one file per month, reconciles each against what was planted, and leaves XLSX out', async () => {
    const report = await runBench({
      loans: 50,
      months: 12,
      seed: 7,
      runs: 1,
      cacheDir,
      browser: false,
      claimLines: 60,
      claimFileLines: 20,
      steps: ['1', '2', '4'],
      log: () => undefined,
    });
    const csv = report.steps.find((s) => s.no === '1')!;
    const files = Number(/, (\d+) berkas\)/.exec(csv.step)?.[1]);
    expect(files).toBeGreaterThan(1);
    expect(Number(/, (\d+) baris/.exec(csv.step)?.[1])).toBeGreaterThanOrEqual(60);
    expect(csv.medianMs).toBeGreaterThan(0);
    expect(report.steps.find((s) => s.no === '2')!.note).toBe(`dilewati (${files} berkas)`);
    const reconcile = report.steps.find((s) => s.no === '4')!.step;
    expect(reconcile).toContain(`(${files} tagihan)`);
    expect(reconcile).toContain('hasil = yang ditanam');
    // Only the claim steps ran (--steps 1,2,4): the others are listed as skipped, no long-jobs table.
    expect(report.steps.find((s) => s.no === '3')!.note).toBe('dilewati (--steps)');
    expect(report.jobs).toEqual([]);
  });
});
