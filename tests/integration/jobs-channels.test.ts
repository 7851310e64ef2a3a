/**
 * A job's worker loads only its channel's services and schema (electron/services/jobs/channels.ts)
 * instead of the whole contract: each job channel must still get the contract's own schema and
 * its feature's handler. Checked in a worker thread through tsx, as the worker itself loads them
 * (its lazy `require` needs a CommonJS loader for TypeScript, which vitest's module runner is not).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { JOB_CHANNELS } from '../../electron/contract';

const root = path.resolve(__dirname, '../..');

function inWorker(code: string): Promise<unknown> {
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return new Promise((resolve, reject) => {
    const w = new Worker(`require(${JSON.stringify(tsx)}); const root = ${JSON.stringify(root)}; ${code}`, { eval: true, execArgv: [] });
    w.once('message', (m) => void w.terminate().then(() => resolve(m)));
    w.once('error', reject);
  });
}

describe('a job channel loaded on its own', () => {
  it('has the contract’s own input schema and its feature’s handler, for every job channel', async () => {
    const seen = await inWorker(`
      const path = require('node:path');
      const { JOB_CHANNEL_MODULES } = require(path.join(root, 'electron/services/jobs/channels.ts'));
      const { contract, JOB_CHANNELS } = require(path.join(root, 'electron/contract/index.ts'));
      const ctx = { db: null, now: () => 0, today: () => '2026-12-06', progress: () => undefined };
      const out = {};
      for (const c of JOB_CHANNELS) {
        const m = JOB_CHANNEL_MODULES[c]();
        out[c] = { sameSchema: m.input === contract[c].input, handler: typeof m.handlers(ctx)[c] };
      }
      require('node:worker_threads').parentPort.postMessage(out);
    `);
    expect(seen).toEqual(Object.fromEntries(JOB_CHANNELS.map((c) => [c, { sameSchema: true, handler: 'function' }])));
  });
});
