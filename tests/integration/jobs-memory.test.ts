/**
 * What a finished job leaves held in the app's process (docs/performance.md, "Fourth round: memory
 * across jobs"): its result is released once handed on or, never fetched, after KEEP_RESULT_MS;
 * a warm worker its job left with a large heap is ended rather than reused (an idle worker never
 * collects its garbage). Behaviour, not sizes: who still holds the job, which worker runs next.
 */
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../electron/services/auth/caller';
import { DEMO_SET, seedDemo } from '../../electron/services/demo/seed';
import { JobRunner, KEEP_RESULT_MS } from '../../electron/services/jobs/runner';
import { TODAY, call, useTempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-jobs-mem-' });
const SYSTEM: Caller = { userId: null, username: 'uji', role: 'sistem', bankId: null, token: null };
const PERIODE = '2026-10';

afterEach(() => {
  vi.useRealTimers();
});

/** The demo's loans and the first bank's month: a job with a result. */
function runInput(): { bankId: number; periodeAwal: string } {
  const { paidHistory: _paid, ...unpaid } = DEMO_SET;
  seedDemo(rt().db, { ...unpaid, today: TODAY });
  const bank = rt().db.prepare('SELECT id FROM bank ORDER BY id LIMIT 1').get() as { id: number };
  return { bankId: bank.id, periodeAwal: PERIODE };
}

describe("a finished job's result", () => {
  it('is released once jobs.status has handed it on', async () => {
    const r = rt();
    const input = runInput();
    const started = await call(r, 'jobs.start', { channel: 'subsidy.run', input });
    await r.jobs.get(started.jobId, SYSTEM).done;
    expect(r.jobs.kept).toBe(1);
    const end = await call(r, 'jobs.status', { jobId: started.jobId });
    expect(end.status).toBe('selesai');
    expect(JSON.parse(end.hasilJson!)).toMatchObject({ bankId: input.bankId });
    expect(r.jobs.kept).toBe(0);
  });

  it('is released once run() has given it (the CLI, the daily backup)', async () => {
    const r = rt();
    const result = await r.jobs.run('subsidy.run', runInput(), SYSTEM);
    expect(result).toMatchObject({ ok: true, value: { bankId: expect.any(Number) } });
    expect(r.jobs.kept).toBe(0);
  });

  it('never fetched (its screen closed), is forgotten after KEEP_RESULT_MS, not before', async () => {
    const r = rt();
    const input = runInput();
    // Only setTimeout is faked: the worker's messages and the runner's setImmediate run as ever.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const job = r.jobs.start('subsidy.run', input, SYSTEM);
    expect((await job.done).status).toBe('selesai');
    vi.advanceTimersByTime(KEEP_RESULT_MS - 1);
    expect(r.jobs.get(job.id, SYSTEM)).toBe(job);
    vi.advanceTimersByTime(1);
    expect(() => r.jobs.get(job.id, SYSTEM)).toThrow(/tidak ditemukan/);
    expect(r.jobs.kept).toBe(0);
  });
});

describe('a warm worker after its job', () => {
  it('is ended and replaced, not reused, when its job left it a heap over the bound', async () => {
    const r = rt();
    const input = runInput();
    const opts = { databasePath: r.databasePath, backupDir: path.join(os.tmpdir(), 'gs-jobs-mem-unused'), appVersion: '0', today: () => TODAY, now: () => Date.now() };
    // Bound 0: every worker is over it. (The bound itself is a size; what is tested is what the runner does past it.)
    const runner = new JobRunner({ ...opts, warmWorker: true, recycleHeapMb: 0 });
    try {
      const spare = runner.spareThreadId;
      expect(spare).not.toBeNull();
      const job = runner.start('subsidy.run', input, SYSTEM);
      expect(job.worker.threadId).toBe(spare);
      expect((await job.done).status).toBe('selesai');
      // The worker said how large its heap was left…
      expect(job.workerHeapMb).toBeGreaterThan(0);
      // …and is not the next job's: a new one is readied once it has exited.
      await new Promise((resolve) => job.worker.once('exit', resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(runner.spareThreadId).not.toBeNull();
      expect(runner.spareThreadId).not.toBe(spare);
    } finally {
      await runner.close();
    }
  });
});
