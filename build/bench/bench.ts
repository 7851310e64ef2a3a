/**
 * `npm run bench` (issue 7): the large demo data set, built once per seed and size and cached,
 * then each measured step beside a baseline taken in the same run on the same rows (median of
 * several runs), with the process's peak memory. Steps that need the bank-file import (issue 4)
 * or the reports (issue 5) are listed as not there yet; they slot in as more `Step`s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { createRuntime, type Runtime } from '../../electron/runtime';
import { invoke } from '../../electron/services/dispatch';
import { seedDemo } from '../../electron/services/demo/seed';
import { setSetting } from '../../database/repositories/settings';
import { screenSteps } from './screens';

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
  /** Measure the screens in Chromium (needs the built renderer and /usr/bin/chromium). */
  browser?: boolean;
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
  note?: string;
}

export interface BenchReport {
  machine: { cpu: string; cores: number; totalMemMb: number; node: string; platform: string };
  dataSet: { loans: number; months: number; seed: number; file: string; builtInSeconds: number | null; debitur: number; pinjaman: number; posisi: number };
  runs: number;
  steps: StepResult[];
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

/** Times `fn` and `base` alternately, `runs` times each after one warm-up of both. */
async function measure(runs: number, fn: () => unknown, base: () => unknown): Promise<{ ms: number; baseMs: number; peak: number }> {
  resetPeak();
  await fn();
  await base();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    b.push(await timeIt(base));
    a.push(await timeIt(fn));
  }
  return { ms: median(a), baseMs: median(b), peak: peakMb() };
}

function step(no: string, name: string, r: { ms: number; baseMs: number; peak: number } | null, baseline: string | null, target: string, limitMs: number | null, note?: string): StepResult {
  return {
    no,
    step: name,
    medianMs: r ? round(r.ms) : null,
    baselineMs: r ? round(r.baseMs) : null,
    baseline,
    ratio: r && r.baseMs > 0 ? Math.round((r.ms / r.baseMs) * 10) / 10 : null,
    target,
    met: r && limitMs !== null ? r.ms < limitMs : null,
    peakMb: r ? Math.round(r.peak) : null,
    ...(note ? { note } : {}),
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** The cached data set for a seed and size, built with the demo generator (`seed-demo`) when missing. */
export function dataSetFile(opts: Pick<BenchOptions, 'loans' | 'months' | 'seed' | 'cacheDir' | 'log'>): { file: string; builtInSeconds: number | null } {
  fs.mkdirSync(opts.cacheDir, { recursive: true });
  const file = path.join(opts.cacheDir, `demo-seed${opts.seed}-loans${opts.loans}-months${opts.months}.sqlite`);
  if (fs.existsSync(file)) return { file, builtInSeconds: null };
  opts.log?.(`Membangun data ${opts.loans} pinjaman × ${opts.months} bulan (seed ${opts.seed}) …`);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  const started = performance.now();
  const rt = createRuntime({ databasePath: tmp, user: 'bench', today: () => BENCH_TODAY });
  try {
    seedDemo(rt.db, { today: BENCH_TODAY, loans: opts.loans, months: opts.months, seed: opts.seed });
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

const NOT_YET = (no: string, name: string, target: string): StepResult => ({
  no, step: name, medianMs: null, baselineMs: null, baseline: null, ratio: null, target, met: null, peakMb: null, note: 'belum ada (issue 4/5)',
});

export async function runBench(opts: BenchOptions): Promise<BenchReport> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const { file, builtInSeconds } = dataSetFile({ ...opts, log });
  // Measured on a copy: signing in writes a user and audit lines; the cache stays as generated.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-'));
  const databasePath = path.join(work, 'bench.sqlite');
  fs.copyFileSync(file, databasePath);
  const rt = createRuntime({ databasePath, user: 'bench', today: () => BENCH_TODAY });
  try {
    const db = rt.db;
    const counts = db.prepare('SELECT (SELECT count(*) FROM debitur) AS debitur, (SELECT count(*) FROM pinjaman) AS pinjaman, (SELECT count(*) FROM posisi_bank) AS posisi').get() as { debitur: number; pinjaman: number; posisi: number };
    const steps: StepResult[] = [];
    steps.push(NOT_YET('1', 'impor klaim CSV 100.000 baris', '< 3 s, ≤ 4× insert'));
    steps.push(NOT_YET('2', 'impor klaim XLSX 100.000 baris', '—'));
    steps.push(await subsidyRunStep(rt, db, opts.runs));
    steps.push(NOT_YET('4', 'rekonsiliasi klaim vs perhitungan', '< 2 s'));
    steps.push(NOT_YET('5', 'ringkasan bulanan + PDF', '< 1 s, PDF < 3 s'));
    steps.push(...(await searchSteps(rt, db, opts.runs)));
    if (opts.browser === false) {
      for (const [no, name] of [['7a', 'layar Debitur, sampai baris pertama'], ['7b', 'layar Pinjaman, sampai baris pertama']] as const) {
        steps.push({ no, step: name, medianMs: null, baselineMs: null, baseline: null, ratio: null, target: '—', met: null, peakMb: null, note: 'dilewati (--no-browser)' });
      }
    } else {
      steps.push(...(await screenSteps(rt, opts.runs)));
    }
    const report: BenchReport = {
      machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, totalMemMb: Math.round(os.totalmem() / 1024 / 1024), node: process.version, platform: `${os.platform()} ${os.release()}` },
      dataSet: { loans: opts.loans, months: opts.months, seed: opts.seed, file, builtInSeconds, ...counts },
      runs: opts.runs,
      steps,
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
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** (3) A month's subsidy run over every bank's loans vs a bare select of the same loans' rows. */
async function subsidyRunStep(rt: Runtime, db: Database, runs: number): Promise<StepResult> {
  const banks = (db.prepare('SELECT id FROM bank ORDER BY id').all() as { id: number }[]).map((b) => b.id);
  const first = `${BENCH_PERIOD}-01`;
  const bare = db.prepare(
    `SELECT l.*, p.outstanding, p.kol, p.angsuran_dibayar FROM pinjaman l
     LEFT JOIN posisi_bank p ON p.pinjaman_id = l.id AND p.periode = ?
     WHERE l.bank_id = ? AND l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan < date(?, '+1 month')
       AND l.status IN ('aktif', 'lunas', 'macet', 'klaim', 'hapus_buku') AND (l.tanggal_lunas IS NULL OR l.tanggal_lunas >= ?)`,
  );
  let lines = 0;
  const r = await measure(
    runs,
    async () => {
      lines = 0;
      for (const bankId of banks) {
        const res = await invoke(rt.handlers, 'subsidy.run', { bankId, periodeAwal: BENCH_PERIOD, periodeAkhir: BENCH_PERIOD });
        if (!res.ok) throw new Error(res.error.message);
        lines += res.value.lines.length;
      }
    },
    () => {
      for (const bankId of banks) bare.all(BENCH_PERIOD, bankId, first, first);
    },
  );
  return step('3', `perhitungan subsidi 1 bulan, semua bank (${lines} baris)`, r, 'SELECT pinjaman + posisi', '< 1000 ms', 1000);
}

/** (6) Debtor search by NIK prefix and by name substring, and the loan list's first page. */
async function searchSteps(rt: Runtime, db: Database, runs: number): Promise<StepResult[]> {
  const sample = db.prepare('SELECT nik, nama FROM debitur ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM debitur)').get() as { nik: string; nama: string } | undefined;
  const nikPrefix = (sample?.nik ?? '160301').slice(0, 8);
  const namePart = (sample?.nama.split(' ')[1] ?? 'Siti').slice(1, 5).toLowerCase();
  const call = async (channel: 'debtors.list' | 'loans.list', input: Record<string, unknown>) => {
    const res = await invoke(rt.handlers, channel, { page: 1, pageSize: 50, ...input } as never);
    if (!res.ok) throw new Error(res.error.message);
  };
  const bareNik = db.prepare('SELECT * FROM debitur WHERE nik GLOB ? ORDER BY nik LIMIT 50');
  const bareName = db.prepare("SELECT * FROM debitur WHERE nama LIKE ? ORDER BY nama COLLATE NOCASE LIMIT 50");
  const bareLoans = db.prepare('SELECT * FROM pinjaman ORDER BY id DESC LIMIT 50');
  return [
    step('6a', `cari debitur, awalan NIK "${nikPrefix}"`, await measure(runs, () => call('debtors.list', { search: nikPrefix }), () => bareNik.all(`${nikPrefix}*`)), 'SELECT … nik GLOB (indeks)', '< 50 ms', 50),
    step('6b', `cari debitur, bagian nama "${namePart}"`, await measure(runs, () => call('debtors.list', { search: namePart }), () => bareName.all(`%${namePart}%`)), 'SELECT … nama LIKE, 50 baris', '< 50 ms', 50),
    step('6c', 'daftar pinjaman, halaman 1', await measure(runs, () => call('loans.list', {}), () => bareLoans.all()), 'SELECT pinjaman by id, 50 baris', '< 50 ms', 50),
  ];
}

export function formatReport(r: BenchReport): string[] {
  const fmt = (v: number | null, unit = '') => (v === null ? '—' : `${v}${unit}`);
  const header = ['No', 'Langkah', 'Median ms', 'Baseline ms', 'Rasio', 'Target', 'Puncak MB'];
  const rows = r.steps.map((s) => [s.no, s.step, s.note && s.medianMs === null ? s.note : fmt(s.medianMs), fmt(s.baselineMs), s.ratio === null ? '—' : `${s.ratio}×`, s.met === null ? s.target : `${s.target} ${s.met ? 'ok' : 'TIDAK'}`, fmt(s.peakMb)]);
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
  ];
}
