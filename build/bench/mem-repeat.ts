/**
 * Memory across repeated jobs in one app process (mem-creep, fourth round): the same long job run
 * N times as the app runs it (jobs.start → final status → jobs.status hands the result on), the
 * process's memory after a full collection after each. Tells retained JavaScript (heapUsed,
 * external, arrayBuffers growing) from the allocator's keeping (rss growing while those stay).
 *
 *   nice -n 5 npx tsx --expose-gc build/bench/mem-repeat.ts <data set .sqlite> <channel> <N> [warm] [noforget] [thread]
 *
 * `warm`: the app's runner (a warm worker reused from job to job, as electron/main.ts starts it);
 * `thread`: the channel on the runtime's thread instead (no job); `noforget`: the result read but never handed on through jobs.status (what the bench did).
 * Works on a temporary copy; plants the bench's claim for `claims.reconcile`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { currentVersion } from '../../database/repositories/versions';
import type { JobChannel } from '../../electron/contract';
import { createRuntime } from '../../electron/runtime';
import { WORKER_BUNDLES_ENV } from '../../electron/services/worker-start';
import { invoke } from '../../electron/services/dispatch';
import { useWorkerBundles } from '../scripts/worker-bundles';
import { BENCH_PERIOD, BENCH_TODAY } from './bench';
import { bareInsertClaimLines, plantBenchClaim } from './claims';
import { collectGarbage } from './stall';

const PERIOD = BENCH_PERIOD;
const TODAY = BENCH_TODAY;
const mb = (n: number) => Math.round(n / 1024 / 1024);

function smapsAnonMb(): number {
  const m = /Anonymous:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/smaps_rollup', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : -1;
}

async function main(): Promise<void> {
  const [file, channel, n = '5', ...flags] = process.argv.slice(2);
  if (!file || !channel) throw new Error('usage: mem-repeat.ts <file> <channel> <N> [warm] [noforget] [thread]');
  if (!process.env[WORKER_BUNDLES_ENV]) useWorkerBundles('bench');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-memrep-'));
  const databasePath = path.join(work, 'bench.sqlite');
  fs.copyFileSync(file, databasePath);
  const rt = createRuntime({ databasePath, user: 'bench', today: () => TODAY, warmJobWorker: flags.includes('warm') });
  try {
    const caller = { userId: null, username: 'bench', role: 'sistem' as const, bankId: null, token: null };
    let input: () => unknown;
    if (channel === 'claims.reconcile') {
      const set = plantBenchClaim(rt.db, PERIOD, 100_000);
      bareInsertClaimLines(rt.db, [set]);
      console.log(`claim: ${set.lines.length} lines`);
      const id = (rt.db.prepare('SELECT max(id) AS id FROM tagihan').get() as { id: number }).id;
      input = () => ({ tagihanId: id, versi: currentVersion(rt.db, 'tagihan', id) ?? 1 });
    } else if (channel === 'subsidy.run') {
      const bank = rt.db.prepare('SELECT bank_id AS id FROM pinjaman GROUP BY bank_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number };
      input = () => ({ bankId: bank.id, periodeAwal: PERIOD });
    } else if (channel === 'budget.year') input = () => ({ tahun: Number(TODAY.slice(0, 4)) });
    else throw new Error(`channel ${channel}?`);
    collectGarbage();
    const row = (label: string, workerHeap: number | null = null) => {
      collectGarbage();
      const u = process.memoryUsage();
      console.log([label, mb(u.rss), mb(u.heapUsed), mb(u.external), mb(u.arrayBuffers), smapsAnonMb(), rt.jobs.kept, workerHeap ?? ''].map(String).join('\t'));
    };
    console.log(['job', 'rss', 'heapUsed', 'external', 'arrayBuf', 'anon', 'jobsKept', 'workerHeap'].join('\t'));
    row('start');
    for (let i = 1; i <= Number(n); i++) {
      const t = Date.now();
      if (flags.includes('thread')) {
        // On the runtime's thread, as reconcile-parts.ts measured it (no worker, nothing kept by the runner).
        const r = await invoke(rt.handlers, channel as JobChannel, input() as never);
        if (!r.ok) throw new Error(r.error.message);
        const before = Math.round(process.memoryUsage().rss / 1024 / 1024);
        row(`${i} (${Date.now() - t} ms; rss before gc ${before})`);
        continue;
      }
      const job = rt.jobs.start(channel as JobChannel, input(), caller);
      const end = await job.done;
      if (end.status !== 'selesai') throw new Error(`${channel}: ${end.galat?.message ?? end.status}`);
      if (flags.includes('noforget')) await job.resultText();
      else {
        // As the renderer does: the final status through jobs.status, which hands the result on.
        const s = await invoke(rt.handlers, 'jobs.status', { jobId: job.id });
        if (!s.ok || !s.value.hasilJson) throw new Error('jobs.status tanpa hasil');
      }
      await new Promise((r) => setTimeout(r, 200));
      row(`${i} (${Date.now() - t} ms)`, job.workerHeapMb);
    }
  } finally {
    await rt.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
