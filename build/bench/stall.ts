/**
 * How long the runtime's thread stops answering while a step runs (issue 16: "the main process
 * answers any other call within 100 ms while a long job runs"). Kept apart from bench.ts, which
 * only calls in here:
 *
 * - `watchStalls()` wraps any step: a 10 ms timer notes the longest gap between its ticks (the
 *   longest the thread was busy without a break) while a small concurrent call (`app.info`) is
 *   made every 10 ms and its longest wait noted.
 * - `jobStallSteps()` runs each long job twice, as before (awaited on the runtime's thread, as
 *   the CLI and the old screens did) and as a job in a worker (jobs.start, as the screens do
 *   now), with the longest stall, the longest app.info wait, the process's resident memory before
 *   and its peak (worker threads live in the same process, so their memory is in it). The bench
 *   runs it in a process of its own (app-process.ts), as the app's main process would: nothing
 *   of the bench's own bookkeeping in its memory or its garbage collections.
 */
import { currentVersion } from '../../database/repositories/versions';
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { JOB_CHANNELS, type Channel, type JobChannel } from '../../electron/contract';
import type { Runtime } from '../../electron/runtime';
import type { Caller } from '../../electron/services/auth/caller';
import { invoke, dispatch } from '../../electron/services/dispatch';

const TICK_MS = 10;

export interface Stall {
  /** The longest gap between two 10 ms ticks, minus the 10 ms (0 = never late). */
  maxStallMs: number;
  /** The longest a concurrent app.info call waited for its answer. */
  maxCallMs: number;
  /**
   * Of the longest gap, the time the thread ran on a core (its own work: JavaScript, SQLite, garbage
   * collection) and the time it was ready but waited for a core (the machine's other load); the rest
   * it was blocked (I/O, a lock). Linux's per-thread schedstat; absent elsewhere.
   */
  maxStallCpuMs?: number;
  maxStallQueuedMs?: number;
  /** The longest gap's own work: the most CPU time the thread used between two ticks (Linux). */
  maxBusyMs?: number;
}

/** The thread's time on a core and waiting for one, ns (the runtime's thread is the process's main thread: its task id is the pid). */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
function schedNs(): { run: number; queued: number } | null {
  try {
    const [run, queued] = fs.readFileSync(SCHEDSTAT, 'utf8').split(' ').map(Number);
    return run === undefined || queued === undefined || Number.isNaN(run) || Number.isNaN(queued) ? null : { run, queued };
  } catch {
    return null;
  }
}

/** Starts watching the thread; `stop()` gives the longest stall (and, given a runtime, the longest app.info call) seen since. */
export function watchStalls(rt?: Pick<Runtime, 'handlers'>): { stop: () => Stall } {
  let last = performance.now();
  let lastSched = schedNs();
  let maxStallMs = 0;
  let maxCallMs = 0;
  let stallCpu = 0;
  let stallQueued = 0;
  let maxBusy = 0;
  let inFlight = false;
  const tick = () => {
    const now = performance.now();
    const sched = lastSched ? schedNs() : null;
    const gap = now - last - TICK_MS;
    const cpu = sched && lastSched ? (sched.run - lastSched.run) / 1e6 : 0;
    if (gap > maxStallMs) {
      maxStallMs = gap;
      stallCpu = cpu;
      stallQueued = sched && lastSched ? (sched.queued - lastSched.queued) / 1e6 : 0;
    }
    maxBusy = Math.max(maxBusy, cpu);
    last = now;
    lastSched = sched;
    return now;
  };
  const timer = setInterval(() => {
    const now = tick();
    if (!rt || inFlight) return;
    inFlight = true;
    const asked = now;
    void invoke(rt.handlers, 'app.info', {}).finally(() => {
      maxCallMs = Math.max(maxCallMs, performance.now() - asked);
      inFlight = false;
    });
  }, TICK_MS);
  return {
    stop: () => {
      clearInterval(timer);
      // The gap up to now counts too (a step that blocked until its very end).
      tick();
      const split = lastSched ? { maxStallCpuMs: Math.round(stallCpu), maxStallQueuedMs: Math.round(stallQueued), maxBusyMs: Math.round(maxBusy) } : {};
      return { maxStallMs: Math.round(maxStallMs), maxCallMs: Math.round(maxCallMs), ...split };
    },
  };
}

/** Times `fn` while watching the thread. */
export async function withStalls<T>(rt: Pick<Runtime, 'handlers'>, fn: () => T | Promise<T>): Promise<{ value: T; ms: number } & Stall> {
  const watch = watchStalls(rt);
  // Let the first tick be armed before the step takes the thread.
  await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  return { value, ms: Math.round(ms), ...watch.stop() };
}

/** A full collection before each measurement, so one step's garbage is not collected during the next (see bench.ts). */
export const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return () => undefined;
  }
})();

/** Peak resident memory of this process since the last reset (Linux: VmHWM), in MB. */
export function peakMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    /* not Linux */
  }
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

/** Resident memory now, MB. */
const rssMb = (): number => Math.round(process.memoryUsage().rss / 1024 / 1024);

/** Resets the peak so the next figure is the step's own (Linux ≥ 4.0). */
export function resetPeak(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    /* not permitted: the figure is then the process's peak so far */
  }
}

export interface JobStallResult {
  step: string;
  channel: Channel;
  /** 'langsung': awaited on the runtime's thread; 'job': in a worker through the JobRunner. */
  mode: 'langsung' | 'job';
  ms: number;
  maxStallMs: number;
  maxCallMs: number;
  /** The longest stall's split (Stall): on a core / waiting for one; and the longest stretch of the thread's own CPU. */
  maxStallCpuMs?: number;
  maxStallQueuedMs?: number;
  maxBusyMs?: number;
  /** The process's resident memory when the step started (after a full collection), MB. */
  rssBeforeMb: number;
  /** The process's peak during the step (runtime's thread and its workers together), MB. */
  peakMb: number;
  ok: boolean;
}

export interface LongJob {
  step: string;
  /** A job channel is measured both ways; another (the backup) only on the thread. */
  channel: Channel;
  /** The input, or how to make it at the moment of the run (a claim's version changes with each reconciliation). */
  input: unknown | (() => unknown);
  /** Instead of the channel: a whole flow measured once, as the screen runs it (the claim import: upload → preview in the worker → commit as a job). */
  run?: (rt: Runtime) => Promise<{ ok: true } | { ok: false; error: { message: string } }>;
}
const inputOf = (job: LongJob): unknown => (typeof job.input === 'function' ? (job.input as () => unknown)() : job.input);

const isJobChannel = (c: Channel): c is JobChannel => (JOB_CHANNELS as readonly string[]).includes(c);

const BENCH_CALLER: Caller = { userId: null, username: 'bench', role: 'sistem', bankId: null, token: null };

const splitOf = (s: Stall): Stall => ({
  maxStallMs: s.maxStallMs,
  maxCallMs: s.maxCallMs,
  ...(s.maxStallCpuMs === undefined ? {} : { maxStallCpuMs: s.maxStallCpuMs, maxStallQueuedMs: s.maxStallQueuedMs, maxBusyMs: s.maxBusyMs }),
});

/** Each long job awaited on the thread, then as a job (a writing job, the reconciliation, may be run again). */
export async function jobStallSteps(
  rt: Runtime,
  jobs: LongJob[],
  log: (line: string) => void = () => undefined,
  idleMs = 3000,
  only?: 'langsung' | 'job',
): Promise<JobStallResult[]> {
  const out: JobStallResult[] = [];
  // The reference: the same watch while nothing runs. On a loaded machine the thread is also
  // descheduled now and then; a job's stall is only meaningful beside this.
  collectGarbage();
  resetPeak();
  const idleBefore = rssMb();
  const idle = await withStalls(rt, () => new Promise((resolve) => setTimeout(resolve, idleMs)));
  out.push({
    step: `tanpa pekerjaan (acuan, ${idleMs / 1000} s)`,
    channel: 'app.info',
    mode: 'langsung',
    ms: idle.ms,
    ...splitOf(idle),
    rssBeforeMb: idleBefore,
    peakMb: peakMb(),
    ok: true,
  });
  for (const job of jobs) {
    const channel = job.channel;
    const modes = job.run ? (['job'] as const) : isJobChannel(channel) ? (['langsung', 'job'] as const) : (['langsung'] as const);
    // `only`: one way per process (app-process.ts), so a row's start is not what the other way left resident.
    for (const mode of modes.filter((m) => !only || m === only)) {
      collectGarbage();
      resetPeak();
      // Read after the reset, which sets the peak to the resident memory of the moment: peak ≥ start.
      const rssBefore = rssMb();
      // As a job, what the app's main process does: wait for the final status and hand its JSON on (the renderer parses it).
      const r = await withStalls(rt, async () => {
        if (job.run) return job.run(rt);
        if (mode === 'langsung' || !isJobChannel(channel)) return dispatch(rt.handlers, channel, inputOf(job));
        const started = rt.jobs.start(channel, inputOf(job), BENCH_CALLER);
        const end = await started.done;
        // The hand-off: jobs.status decodes the output before it answers the renderer.
        if (end.status === 'selesai') await started.resultText();
        // Handed on, as jobs.status does: the runner no longer keeps it (a kept 1M run's ~300 MB text crept into the next rows' start).
        rt.jobs.forget(started);
        return end.status === 'selesai' ? { ok: true as const } : { ok: false as const, error: end.galat ?? { code: 'INTERNAL' as const, message: end.status } };
      });
      const row: JobStallResult = {
        step: job.step,
        channel: job.channel,
        mode,
        ms: r.ms,
        ...splitOf(r),
        rssBeforeMb: rssBefore,
        peakMb: peakMb(),
        ok: r.value.ok,
      };
      if (!r.value.ok) log(`  ${job.step} (${mode}): ${r.value.error.message}`);
      out.push(row);
    }
  }
  return out;
}

export function formatStalls(rows: JobStallResult[]): string[] {
  if (rows.length === 0) return [];
  const header = ['Langkah', 'Cara', 'ms', 'Jeda maks ms', '(CPU/antre)', 'CPU maks ms', 'app.info maks ms', 'Awal MB', 'Puncak MB'];
  const opt = (v: number | undefined) => (v === undefined ? '—' : String(v));
  const cells = rows.map((r) => [
    r.step,
    r.mode,
    r.ok ? String(r.ms) : 'gagal',
    String(r.maxStallMs),
    r.maxStallCpuMs === undefined ? '—' : `(${r.maxStallCpuMs}/${r.maxStallQueuedMs})`,
    opt(r.maxBusyMs),
    String(r.maxCallMs),
    opt(r.rssBeforeMb),
    String(r.peakMb),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i < 2 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [
    '',
    'Pekerjaan panjang: jeda terpanjang thread runtime (target < 100 ms) — langsung di thread vs sebagai job di worker;',
    '(CPU/antre): dari jeda itu, ms thread berjalan di CPU / menunggu giliran CPU (beban mesin); CPU maks: kerja thread sendiri terlama tanpa jeda;',
    'memori proses aplikasi (runtime + worker-nya, tanpa pembukuan bench; target puncak < 1000 MB): awal dan puncak',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ];
}

/**
 * The long jobs of the bench's data set: the biggest bank's month, the budget projection, the
 * bench claim's reconciliation (the latest claim still open), the monthly summary as XLSX and PDF.
 */
export function benchLongJobs(db: Runtime['db'], period: string, today: string, pdf: boolean, opts: { claimImportedFirst?: boolean } = {}): LongJob[] {
  const bank = db.prepare('SELECT bank_id AS id FROM pinjaman GROUP BY bank_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number } | undefined;
  const openClaim = () => (db.prepare("SELECT id FROM tagihan WHERE status IN ('draf', 'diverifikasi') ORDER BY id DESC LIMIT 1").get() as { id: number } | undefined)?.id;
  // A claim imported as the first job (app-child.ts) is the one reconciled: looked up when the job starts.
  const claimNow = opts.claimImportedFirst ? undefined : openClaim();
  const reconcileInput = () => {
    const id = claimNow ?? openClaim() ?? 0;
    return { tagihanId: id, versi: currentVersion(db, 'tagihan', id) ?? 1 };
  };
  const rekap = { jenis: 'rekapBulanan', periode: period };
  return [
    ...(bank ? [{ step: `perhitungan subsidi ${period}, bank terbesar`, channel: 'subsidy.run' as const, input: { bankId: bank.id, periodeAwal: period } }] : []),
    { step: 'proyeksi anggaran', channel: 'budget.year', input: { tahun: Number(today.slice(0, 4)) } },
    ...(opts.claimImportedFirst || claimNow !== undefined ? [{ step: 'rekonsiliasi tagihan bench', channel: 'claims.reconcile' as const, input: reconcileInput }] : []),
    { step: 'rekap bulanan XLSX', channel: 'documents.render', input: { dokumen: rekap, format: 'xlsx' } },
    ...(pdf ? [{ step: 'rekap bulanan PDF', channel: 'documents.render' as const, input: { dokumen: rekap, format: 'pdf' } }] : []),
    // better-sqlite3 copies the file in steps between turns of the event loop: measured, not a job.
    { step: 'cadangan basis data', channel: 'backup.create', input: {} },
  ];
}
