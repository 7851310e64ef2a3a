import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWorker } from '../../electron/services/imports/run-worker';
import { WORKER_BUNDLES_ENV, workerEntry } from '../../electron/services/worker-start';

// The suite starts workers from bundles built once per run (tests/global-setup.ts); the CLI and
// scripts start them from their TypeScript source through tsx. Both paths start the same worker.
const importsDir = path.resolve(__dirname, '../../electron/services/imports');
const jobsDir = path.resolve(__dirname, '../../electron/services/jobs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-worker-start-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = path.join(dir, 'tagihan.csv');
fs.writeFileSync(file, ['No Rek;Periode;Nilai Tagihan', '0012300045;2026-10;1.250.000', '0098700011;2026-10;980.500'].join('\n'));
const task = {
  kind: 'parse',
  file,
  name: 'tagihan.csv',
  jenis: 'tagihan',
  opts: { headerRow: 1 },
  mapping: { nomorRekening: 'No Rek', periode: 'Periode', diklaim: 'Nilai Tagihan' },
  fixed: {},
} as const;

describe('a services worker starts', () => {
  it('from the run’s bundle when GERBANG_WORKER_BUNDLES names a folder holding it', () => {
    expect(process.env[WORKER_BUNDLES_ENV]).toBeTruthy();
    expect(workerEntry(importsDir, 'worker')).toEqual({ from: 'bundle', file: path.join(process.env[WORKER_BUNDLES_ENV]!, 'imports-worker.cjs') });
    expect(workerEntry(jobsDir, 'worker')).toEqual({ from: 'bundle', file: path.join(process.env[WORKER_BUNDLES_ENV]!, 'jobs-worker.cjs') });
  });

  it('from its TypeScript source through tsx without bundles, and reads a file as the bundle does', async () => {
    const viaBundle = await runWorker<{ rows: unknown[] }>(task);
    const saved = process.env[WORKER_BUNDLES_ENV];
    delete process.env[WORKER_BUNDLES_ENV];
    try {
      expect(workerEntry(importsDir, 'worker')).toEqual({ from: 'source', file: path.join(importsDir, 'worker.ts') });
      const viaSource = await runWorker<{ rows: unknown[] }>(task);
      expect(viaSource.rows).toHaveLength(2);
      expect(viaSource).toEqual(viaBundle);
    } finally {
      process.env[WORKER_BUNDLES_ENV] = saved;
    }
  });

  it('from a bundle folder that lacks the worker: from source', () => {
    const saved = process.env[WORKER_BUNDLES_ENV];
    process.env[WORKER_BUNDLES_ENV] = dir;
    try {
      expect(workerEntry(jobsDir, 'worker').from).toBe('source');
    } finally {
      process.env[WORKER_BUNDLES_ENV] = saved;
    }
  });
});
