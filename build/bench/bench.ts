/**
 * `npm run bench` (issue 7): the large demo data set, built once per seed and size and cached,
 * then each measured step beside a baseline taken in the same run on the same rows (median of
 * several runs), with the process's peak memory. Each step is a `BenchStep`: the claim file's
 * import and reconciliation (1, 2, 4) in claims.ts, the monthly summary and its PDF (5) in
 * summary.ts, the subsidy run, projection and search (3, 6) here, the screens (7) in screens.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Database } from 'better-sqlite3';
import { createRuntime, type Runtime } from '../../electron/runtime';
import { invoke } from '../../electron/services/dispatch';
import { seedDemo } from '../../electron/services/demo/seed';
import { setSetting } from '../../database/repositories/settings';
import { nodePrinter } from '../../electron/services/documents/node-printer';
import { ClaimTooBig, claimSteps } from './claims';
import { screenSteps } from './screens';
import { summarySteps } from './summary';
import { useWorkerBundles } from '../scripts/worker-bundles';
import { WORKER_BUNDLES_ENV } from '../../electron/services/worker-start';
import { formatStalls, watchStalls, type JobStallResult } from './stall';
import { appProcessJobs } from './app-process';

/** The data set is built for this date, so a seed and a size always give the same file. */
export const BENCH_TODAY = '2026-10-15';
/** The month of the subsidy run: the last month the banks reported positions for. */
export const BENCH_PERIOD = '2026-09';

export interface BenchOptions {
  loans: number;
  months: number;
  seed: number;
  runs: number;
  cacheDir: string;
  /** Where the JSON goes (default: bench-results.json in the cache folder). */
  out?: string;
  /** Measure the screens and the PDF in Chromium (needs the built renderer and /usr/bin/chromium). */
  browser?: boolean;
  /** Lines of the claim of steps 1, 2 and 4 (at least; default: as many as loans). */
  claimLines?: number;
  /** Lines per claim file before the claim is split by month (default MAX_FILE_LINES, 400,000; tests pass fewer). */
  claimFileLines?: number;
  /** How long the idle reference of the long-jobs table watches the thread (default 3,000 ms; tests pass less). */
  idleMs?: number;
  /** Only these steps ('1', '3b', '6', '7', 'jobs' for the long jobs' stall, …); the others are reported as skipped. Default: all. */
  steps?: string[];
  log?: (line: string) => void;
}

export interface StepResult {
  no: string;
  step: string;
  medianMs: number | null;
  baselineMs: number | null;
  baseline: string | null;
  ratio: number | null;
  target: string;
  met: boolean | null;
  peakMb: number | null;
  /** Resident memory of the process when the step started (its peak includes it). */
  rssBeforeMb?: number;
  /** The longest the thread went without a break during the step's first run (stall.ts). */
  stallMs?: number;
  note?: string;
}

export interface BenchReport {
  machine: { cpu: string; cores: number; totalMemMb: number; node: string; platform: string };
  dataSet: { loans: number; months: number; seed: number; file: string; builtInSeconds: number | null; debitur: number; pinjaman: number; posisi: number };
  runs: number;
  steps: StepResult[];
  /** Each long job awaited on the thread and as a worker job, with the longest stall (stall.ts). */
  jobs?: JobStallResult[];
  finishedAt: string;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Peak resident memory of this process since the last reset, in MB (Linux: VmHWM). */
function peakMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return process.memoryUsage().rss / 1024 / 1024;
}

/** Resets the peak so each step reports its own (Linux ≥ 4.0); elsewhere the peak is cumulative. */
function resetPeak(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    /* not permitted: the figure is then the process's peak so far */
  }
}

async function timeIt(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * A full garbage collection, so a step's peak does not hold the previous step's garbage (the
 * claim steps' set-up alone leaves hundreds of MB of it). `gc` is not exposed without
 * --expose-gc; setting the flag at run time and taking it from a new context gives it.
 */
const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return () => undefined;
  }
})();

/** Resident memory now, in MB. */
function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

/**
 * Times `fn` and `base` alternately, `runs` times each after one warm-up of both. The peak is the
 * process's peak during the first run of `fn` alone (before any baseline ran), from the resident
 * memory it started at (`rssBefore`): a later peak would also hold the baseline's garbage.
 */
async function measure(runs: number, fn: () => unknown, base: () => unknown): Promise<{ ms: number; baseMs: number; peak: number; rssBefore: number; stall: number }> {
  collectGarbage();
  const rssBefore = rssMb();
  resetPeak();
  const watch = watchStalls();
  await fn();
  const stall = watch.stop().maxStallMs;
  const peak = peakMb();
  await base();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    b.push(await timeIt(base));
    a.push(await timeIt(fn));
  }
  return { ms: median(a), baseMs: median(b), peak, rssBefore, stall };
}

function step(
  no: string,
  name: string,
  r: { ms: number; baseMs: number; peak: number; rssBefore?: number; stall?: number } | null,
  baseline: string | null,
  target: string,
  limitMs: number | null,
  note?: string,
  maxRatio?: number,
): StepResult {
  const withinRatio = !r || maxRatio === undefined || (r.baseMs > 0 && r.ms / r.baseMs <= maxRatio);
  return {
    no,
    step: name,
    medianMs: r ? round(r.ms) : null,
    baselineMs: r ? round(r.baseMs) : null,
    baseline,
    ratio: r && r.baseMs > 0 ? Math.round((r.ms / r.baseMs) * 10) / 10 : null,
    target,
    met: r && limitMs !== null ? r.ms < limitMs && withinRatio : null,
    peakMb: r ? Math.round(r.peak) : null,
    ...(r?.rssBefore === undefined ? {} : { rssBeforeMb: Math.round(r.rssBefore) }),
    ...(r?.stall === undefined ? {} : { stallMs: r.stall }),
    ...(note ? { note } : {}),
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** The cached data set for a seed and size, built with the demo generator (`seed-demo`) when missing. */
export function dataSetFile(opts: Pick<BenchOptions, 'loans' | 'months' | 'seed' | 'cacheDir' | 'log'>): { file: string; builtInSeconds: number | null } {
  fs.mkdirSync(opts.cacheDir, { recursive: true });
  // -v2: with the paid history (claims and SP2Ds); older cached files lack it.
  const file = path.join(opts.cacheDir, `demo-seed${opts.seed}-loans${opts.loans}-months${opts.months}-v2.sqlite`);
  if (fs.existsSync(file)) return { file, builtInSeconds: null };
  opts.log?.(`Membangun data ${opts.loans} pinjaman × ${opts.months} bulan (seed ${opts.seed}) …`);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  const started = performance.now();
  const rt = createRuntime({ databasePath: tmp, user: 'bench', today: () => BENCH_TODAY });
  try {
    // The claim of steps 1–4 covers the last months: those stay unpaid.
    seedDemo(rt.db, { today: BENCH_TODAY, loans: opts.loans, months: opts.months, seed: opts.seed, paidHistory: { unpaidMonths: 6 } });
    setSetting(rt.db, 'onboarding', 'demo');
    rt.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    rt.close();
  }
  for (const ext of ['-wal', '-shm']) fs.rmSync(tmp + ext, { force: true });
  fs.renameSync(tmp, file);
  const builtInSeconds = Math.round((performance.now() - started) / 100) / 10;
  opts.log?.(`Data dibangun dalam ${builtInSeconds} detik: ${file}`);
  return { file, builtInSeconds };
}

/**
 * A measured step: `run` is the feature, `base` the bare baseline on the same rows, both timed
 * alternately `runs` times after one warm-up (see `measure`). `setup` runs once before (e.g. to
 * write the claim file to import); `label` may name what was measured after the runs.
 */
export interface BenchStep {
  no: string;
  name: string;
  target: string;
  /** The step meets its target when its median is below this (null: no time target). */
  limitMs: number | null;
  /** …and, when given, is at most this many times its baseline. */
  maxRatio?: number;
  baseline: string;
  setup?: (ctx: BenchContext) => unknown;
  run: (ctx: BenchContext) => unknown;
  base: (ctx: BenchContext) => unknown;
  /** The name once measured (e.g. with the number of lines). */
  label?: () => string;
}

export interface BenchContext {
  rt: Runtime;
  db: Database;
  runs: number;
  /** A scratch folder of this bench run (removed at the end): generated claim files, PDFs. */
  workDir: string;
}

/** Runs a BenchStep: its figures beside its baseline, with the peak memory. */
export async function runStep(ctx: BenchContext, s: BenchStep): Promise<StepResult> {
  await s.setup?.(ctx);
  const r = await measure(
    ctx.runs,
    () => s.run(ctx),
    () => s.base(ctx),
  );
  return step(s.no, s.label?.() ?? s.name, r, s.baseline, s.target, s.limitMs, undefined, s.maxRatio);
}

export async function runBench(opts: BenchOptions): Promise<BenchReport> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const { file, builtInSeconds } = dataSetFile({ ...opts, log });
  // The workers compiled, as the packaged app starts them (not TypeScript compiled by tsx at each start).
  if (!process.env[WORKER_BUNDLES_ENV]) useWorkerBundles('bench');
  // Measured on a copy: signing in writes a user and audit lines; the cache stays as generated.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-'));
  const databasePath = path.join(work, 'bench.sqlite');
  fs.copyFileSync(file, databasePath);
  const printer = opts.browser === false ? null : nodePrinter();
  const rt = createRuntime({ databasePath, user: 'bench', today: () => BENCH_TODAY, ...(printer ? { printer } : {}) });
  try {
    const db = rt.db;
    const ctx: BenchContext = { rt, db, runs: opts.runs, workDir: fs.mkdtempSync(path.join(work, 'files-')) };
    const counts = db
      .prepare('SELECT (SELECT count(*) FROM debitur) AS debitur, (SELECT count(*) FROM pinjaman) AS pinjaman, (SELECT count(*) FROM posisi_bank) AS posisi')
      .get() as { debitur: number; pinjaman: number; posisi: number };
    const steps: StepResult[] = [];
    const claims = claimSteps(db, {
      periodeAkhir: BENCH_PERIOD,
      lines: opts.claimLines ?? opts.loans,
      runs: opts.runs,
      ...(opts.claimFileLines ? { maxFileLines: opts.claimFileLines } : {}),
    });
    const summary = summarySteps(db, BENCH_PERIOD, printer);
    // The XLSX import (2) runs after 3–5, so whatever memory its file and workbook leave resident
    // (RSS rarely shrinks back) does not count in the peaks of the steps after it.
    // A bank's month over a file's lines (ClaimTooBig) skips the claim steps, with the reason.
    let tooBig: string | null = null;
    // A step listed without a measurement, and why.
    const noted = (no: string, step: string, note: string, target = '—'): StepResult => ({
      no,
      step,
      medianMs: null,
      baselineMs: null,
      baseline: null,
      ratio: null,
      target,
      met: null,
      peakMb: null,
      note,
    });
    const skipped = (no: string, step: string): StepResult => noted(no, step, `dilewati (${tooBig})`);
    // --steps: a step not asked for is listed as skipped; step 4 alone still needs the claim,
    // imported once, not measured.
    const wanted = (no: string) => !opts.steps || opts.steps.includes(no) || opts.steps.includes(no.replace(/[a-z]$/, ''));
    const notAsked = (no: string, name: string): StepResult => noted(no, name, 'dilewati (--steps)');
    const maybe = async (no: string, s: BenchStep): Promise<StepResult> => (wanted(no) ? runStep(ctx, s) : notAsked(no, s.name));
    const claimOnce = async (): Promise<StepResult> => {
      if (wanted('4')) {
        await claims.csv.setup?.(ctx);
        await claims.csv.run(ctx);
      }
      return notAsked('1', claims.csv.name);
    };
    const csv = await (wanted('1') ? runStep(ctx, claims.csv) : claimOnce()).catch((err: unknown) => {
      if (!(err instanceof ClaimTooBig)) throw err;
      tooBig = err.message;
      return skipped('1', claims.csv.name);
    });
    const before2 = [
      await maybe('3', subsidyRunStep(db)),
      await maybe('3b', projectionStep(db)),
      tooBig ? skipped('4', claims.reconcile.name) : await maybe('4', claims.reconcile),
      await maybe('5', summary.summary),
      summary.pdf ? await maybe('5b', summary.pdf) : noted('5b', `PDF ringkasan bulanan ${BENCH_PERIOD}`, 'dilewati (--no-browser)', '< 3000 ms'),
    ];
    // A claim of several files (over MAX_FILE_LINES) is measured as CSV only: XLSX copies of a
    // million lines would take the bench longer than everything else together.
    const xlsx = tooBig
      ? skipped('2', claims.xlsx.name)
      : claims.shared.parts.length > 1
        ? noted('2', 'impor klaim XLSX', `dilewati (${claims.shared.parts.length} berkas)`)
        : await maybe('2', claims.xlsx);
    steps.push(csv, xlsx, ...before2);
    if (wanted('6')) steps.push(...(await searchSteps(rt, db, opts.runs)));
    if (wanted('7') && opts.browser !== false) {
      steps.push(...(await screenSteps(rt, opts.runs)));
    } else {
      const why = wanted('7') ? 'dilewati (--no-browser)' : 'dilewati (--steps)';
      steps.push(noted('7a', 'layar Debitur, sampai baris pertama', why), noted('7b', 'layar Pinjaman, sampai baris pertama', why));
    }
    // In a process of its own, as the app's main process: its memory and stalls without the bench's (app-process.ts).
    const jobs = wanted('jobs')
      ? await appProcessJobs(
          {
            databasePath,
            period: BENCH_PERIOD,
            today: BENCH_TODAY,
            pdf: Boolean(printer),
            idleMs: opts.idleMs ?? 3000,
            claim: tooBig ? null : await claims.appClaim(ctx.workDir),
          },
          log,
        )
      : [];
    const report: BenchReport = {
      machine: {
        cpu: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        totalMemMb: Math.round(os.totalmem() / 1024 / 1024),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      dataSet: { loans: opts.loans, months: opts.months, seed: opts.seed, file, builtInSeconds, ...counts },
      runs: opts.runs,
      steps,
      jobs,
      finishedAt: new Date().toISOString(),
    };
    for (const line of formatReport(report)) log(line);
    const out = opts.out ?? path.join(opts.cacheDir, 'bench-results.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    log(`JSON: ${out}`);
    return report;
  } finally {
    rt.close();
    await printer?.close?.();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** (3) A month's subsidy run over every bank's loans vs a bare select of the same loans' rows. */
function subsidyRunStep(db: Database): BenchStep {
  const banks = (db.prepare('SELECT id FROM bank ORDER BY id').all() as { id: number }[]).map((b) => b.id);
  const first = `${BENCH_PERIOD}-01`;
  const bare = db.prepare(
    `SELECT l.*, p.outstanding, p.kol, p.angsuran_dibayar FROM pinjaman l
     LEFT JOIN posisi_bank p ON p.pinjaman_id = l.id AND p.periode = ?
     WHERE l.bank_id = ? AND l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan < date(?, '+1 month')
       AND l.status IN ('aktif', 'lunas', 'macet', 'klaim', 'hapus_buku') AND (l.tanggal_lunas IS NULL OR l.tanggal_lunas >= ?)`,
  );
  let lines = 0;
  return {
    no: '3',
    name: 'perhitungan subsidi 1 bulan, semua bank',
    label: () => `perhitungan subsidi 1 bulan, semua bank (${lines} baris)`,
    target: '< 1000 ms',
    limitMs: 1000,
    baseline: 'SELECT pinjaman + posisi',
    run: async ({ rt }) => {
      lines = 0;
      for (const bankId of banks) {
        const res = await invoke(rt.handlers, 'subsidy.run', { bankId, periodeAwal: BENCH_PERIOD, periodeAkhir: BENCH_PERIOD });
        if (!res.ok) throw new Error(res.error.message);
        lines += res.value.lines.length;
      }
    },
    base: () => {
      for (const bankId of banks) bare.all(BENCH_PERIOD, bankId, first, first);
    },
  };
}

/**
 * (3b) The budget screen's projection (budget.year for the current year: every running loan's
 * expected subsidy to maturity) vs a bare select of the running loans' rows it reads.
 */
function projectionStep(db: Database): BenchStep {
  const bare = db.prepare("SELECT * FROM pinjaman WHERE status IN ('aktif', 'macet', 'disetujui')");
  let loans = 0;
  return {
    no: '3b',
    name: 'proyeksi anggaran (layar Pagu), semua pinjaman berjalan',
    label: () => `proyeksi anggaran (layar Pagu), ${loans} pinjaman berjalan`,
    target: '—',
    limitMs: null,
    baseline: 'SELECT pinjaman berjalan',
    run: async ({ rt }) => {
      const res = await invoke(rt.handlers, 'budget.year', { tahun: Number(BENCH_TODAY.slice(0, 4)) });
      if (!res.ok) throw new Error(res.error.message);
    },
    base: () => {
      loans = bare.all().length;
    },
  };
}

/**
 * (6) Debtor search by NIK prefix, by name substring and by its first 2 letters (no trigram: a
 * capped count), the loan list's first page, and the loan search by part of a debtor's name, by
 * part of an agreement number and by 2 letters.
 */
async function searchSteps(rt: Runtime, db: Database, runs: number): Promise<StepResult[]> {
  const sample = db.prepare('SELECT nik, nama FROM debitur ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM debitur)').get() as { nik: string; nama: string } | undefined;
  const nikPrefix = (sample?.nik ?? '160301').slice(0, 8);
  const namePart = (sample?.nama.split(' ')[1] ?? 'Siti').slice(1, 5).toLowerCase();
  // What a clerk has typed of a first name after two keys ("ka" of Kartini).
  const twoLetters = (sample?.nama ?? 'Ka').slice(0, 2).toLowerCase();
  const akad =
    (db.prepare('SELECT nomor_akad FROM pinjaman ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM pinjaman)').get() as { nomor_akad: string } | undefined)?.nomor_akad ??
    'AKAD/2026/000001';
  // The tail of an agreement number, slash included (digits alone are typed from the start: a prefix).
  const akadPart = akad.slice(-7);
  const call = async (channel: 'debtors.list' | 'loans.list', input: Record<string, unknown>) => {
    const res = await invoke(rt.handlers, channel, { page: 1, pageSize: 50, ...input } as never);
    if (!res.ok) throw new Error(res.error.message);
  };
  const bareNik = db.prepare('SELECT * FROM debitur WHERE nik GLOB ? ORDER BY nik LIMIT 50');
  const bareName = db.prepare('SELECT * FROM debitur WHERE nama LIKE ? ORDER BY nama COLLATE NOCASE LIMIT 50');
  const bareLoans = db.prepare('SELECT * FROM pinjaman ORDER BY id DESC LIMIT 50');
  return [
    step(
      '6a',
      `cari debitur, awalan NIK "${nikPrefix}"`,
      await measure(
        runs,
        () => call('debtors.list', { search: nikPrefix }),
        () => bareNik.all(`${nikPrefix}*`),
      ),
      'SELECT … nik GLOB (indeks)',
      '< 50 ms',
      50,
    ),
    step(
      '6b',
      `cari debitur, bagian nama "${namePart}"`,
      await measure(
        runs,
        () => call('debtors.list', { search: namePart }),
        () => bareName.all(`%${namePart}%`),
      ),
      'SELECT … nama LIKE, 50 baris',
      '< 50 ms',
      50,
    ),
    step(
      '6c',
      'daftar pinjaman, halaman 1',
      await measure(
        runs,
        () => call('loans.list', {}),
        () => bareLoans.all(),
      ),
      'SELECT pinjaman by id, 50 baris',
      '< 50 ms',
      50,
    ),
    step(
      '6d',
      `cari debitur, 2 huruf "${twoLetters}"`,
      await measure(
        runs,
        () => call('debtors.list', { search: twoLetters }),
        () => bareName.all(`%${twoLetters}%`),
      ),
      'SELECT … nama LIKE, 50 baris',
      '< 50 ms',
      50,
    ),
    step(
      '6e',
      `cari pinjaman, bagian nama "${namePart}"`,
      await measure(
        runs,
        () => call('loans.list', { search: namePart }),
        () => bareLoans.all(),
      ),
      'SELECT pinjaman by id, 50 baris',
      '< 50 ms',
      50,
    ),
    step(
      '6f',
      `cari pinjaman, bagian nomor akad "${akadPart}"`,
      await measure(
        runs,
        () => call('loans.list', { search: akadPart }),
        () => bareLoans.all(),
      ),
      'SELECT pinjaman by id, 50 baris',
      '< 50 ms',
      50,
    ),
    step(
      '6g',
      `cari pinjaman, 2 huruf "${twoLetters}"`,
      await measure(
        runs,
        () => call('loans.list', { search: twoLetters }),
        () => bareLoans.all(),
      ),
      'SELECT pinjaman by id, 50 baris',
      '< 50 ms',
      50,
    ),
  ];
}

export function formatReport(r: BenchReport): string[] {
  const fmt = (v: number | null, unit = '') => (v === null ? '—' : `${v}${unit}`);
  // Awal/Puncak MB: the bench's own process (with its bookkeeping: the planted claim, earlier
  // steps' leftovers); the app's process is the long jobs' table's (app-process.ts).
  const header = ['No', 'Langkah', 'Median ms', 'Baseline ms', 'Rasio', 'Target', 'Awal MB', 'Puncak MB', 'Jeda maks ms'];
  const rows = r.steps.map((s) => [
    s.no,
    s.step,
    s.note && s.medianMs === null ? s.note : fmt(s.medianMs),
    fmt(s.baselineMs),
    s.ratio === null ? '—' : `${s.ratio}×`,
    s.met === null ? s.target : `${s.target} ${s.met ? 'ok' : 'TIDAK'}`,
    fmt(s.rssBeforeMb ?? null),
    fmt(s.peakMb),
    fmt(s.stallMs ?? null),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const m = r.machine;
  const d = r.dataSet;
  return [
    `Mesin: ${m.cpu} × ${m.cores} inti, RAM ${m.totalMemMb} MB, Node ${m.node}, ${m.platform}`,
    `Data: ${d.debitur} debitur, ${d.pinjaman} pinjaman, ${d.posisi} posisi bulanan (seed ${d.seed}, ${d.months} bulan)${d.builtInSeconds === null ? ' — dari cache' : `, dibangun ${d.builtInSeconds} s`}; median dari ${r.runs} kali`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...r.steps.filter((s) => s.baseline).map((s) => `  baseline ${s.no}: ${s.baseline}`),
    ...formatStalls(r.jobs ?? []),
  ];
}
