import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataSetFile, runBench, type BenchReport } from '../../build/bench/bench';

// The benchmark's code path on a tiny data set: it builds, caches, measures, prints and writes.
// No timing is asserted: figures on a shared machine are the benchmark's business, not the suite's.
describe('npm run bench', () => {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-test-'));
  afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  it('prints the table with its baselines and writes the JSON', async () => {
    const lines: string[] = [];
    const report = await runBench({ loans: 50, months: 12, seed: 7, runs: 1, cacheDir, browser: false, claimLines: 40, idleMs: 200, log: (l) => lines.push(l) });
    expect(report.dataSet).toMatchObject({ loans: 50, pinjaman: 50 });
    expect(report.dataSet.builtInSeconds).not.toBeNull();
    const text = lines.join('\n');
    expect(text).toMatch(/Mesin: .+ × \d+ inti, RAM \d+ MB, Node v\d+/);
    expect(text).toContain('Median ms');
    expect(report.steps.map((s) => s.no)).toEqual(['1', '2', '3', '3b', '4', '5', '5b', '6a', '6b', '6c', '6d', '6e', '6f', '6g', '7a', '7b']);
    expect(report.steps.find((s) => s.no === '5b')?.note).toBe('dilewati (--no-browser)');
    for (const no of ['1', '2', '3', '3b', '4', '5', '6a', '6b', '6c', '6d', '6e', '6f', '6g']) {
      const s = report.steps.find((x) => x.no === no)!;
      expect(s.medianMs).toBeGreaterThanOrEqual(0);
      expect(s.baselineMs).toBeGreaterThanOrEqual(0);
      expect(s.peakMb).toBeGreaterThan(0);
    }
    const written = JSON.parse(fs.readFileSync(path.join(cacheDir, 'bench-results.json'), 'utf8')) as BenchReport;
    expect(written.steps).toHaveLength(16);
    expect(report.steps.find((s) => s.no === '3')?.step).toMatch(/\(\d+ baris\)/);
    // The claim file was imported in full (the step checks every line was written) and the
    // reconciliation found exactly what was planted in it.
    const csv = report.steps.find((s) => s.no === '1')!.step;
    const claimed = Number(/, (\d+) baris/.exec(csv)?.[1]);
    expect(claimed).toBeGreaterThanOrEqual(40);
    expect(report.steps.find((s) => s.no === '2')!.step).toContain(`, ${claimed} baris`);
    expect(report.steps.find((s) => s.no === '4')!.step).toContain('hasil = yang ditanam');
    expect(report.steps.find((s) => s.no === '1')!.target).toContain('4×');

    // The longest stall of the runtime's thread per step, and each long job awaited on the thread
    // and as a worker job (stall.ts); only that they were measured and succeeded, not their values.
    expect(report.steps.find((s) => s.no === '3')!.stallMs).toBeGreaterThanOrEqual(0);
    // Measured in processes of their own (app-process.ts): the claim import as the screen runs it
    // and each long job as a job in one, each on the thread in another; the process's resident
    // memory at each start beside its peak.
    expect(report.jobs!.map((j) => `${j.channel} ${j.mode}`)).toEqual([
      'app.info langsung',
      'imports.commit job',
      'subsidy.run job',
      'budget.year job',
      'claims.reconcile job',
      'documents.render job',
      'backup.create job',
      // Then on the thread, in another process.
      'app.info langsung',
      'subsidy.run langsung',
      'budget.year langsung',
      'claims.reconcile langsung',
      'documents.render langsung',
      'backup.create langsung',
    ]);
    expect(report.jobs!.every((j) => j.ok && j.maxStallMs >= 0 && j.rssBeforeMb > 0 && j.peakMb > 0)).toBe(true);
    expect(report.jobs![1]!.step).toContain(`${claimed} baris`);
    expect(text).toContain('Jeda maks ms');

    // A second run takes the data set from the cache: runBench gets its file from dataSetFile,
    // asked here directly (a whole second bench run only repeated the steps above).
    const again = dataSetFile({ loans: 50, months: 12, seed: 7, cacheDir });
    expect(again).toEqual({ file: report.dataSet.file, builtInSeconds: null });
    // One bench run, starting a worker per long job (TypeScript compiled at the worker's start under vitest).
  }, 180_000);
});
