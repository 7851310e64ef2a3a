/**
 * Every import kind's commit at the bench's scale, on the runtime's thread ('langsung', as the
 * screen committed every kind but the claim before) and as a job in a worker ('job', as it does
 * now), with the longest stall of the runtime's thread while it runs (stall.ts: a 10 ms timer and
 * an app.info call every 10 ms) and the process's CPU time (all threads). The preview before it is
 * watched too (its checks still run on the thread); a full collection between them, so the
 * preview's garbage is not collected during the commit's watch. Developer tool, on a copy of the
 * cached data set:
 *
 *   npx tsx build/bench/import-kinds.ts [--loans 100000] [--months 36] [--kinds posisi,pinjaman,riwayat,sk_penerima,premi] [--modes langsung,job,pratinjau] [--rows N]
 *
 * Mode 'pratinjau': the preview alone (its wall, longest stall and CPU), no commit after it: the
 * loan list's commit is a minute of machine time that a preview's measurement does not need.
 *
 * Each kind and mode runs on a fresh copy (a commit cannot be taken back, and the same file twice
 * is "already imported"). The files are made from the data set:
 *  - posisi: October's positions of the biggest bank's running loans (September's, 1 % paid off);
 *  - pinjaman: N new applications (new NIKs and accounts) for the first bank under GS-2026;
 *  - riwayat: August and September paid for the biggest bank's loans, one SP2D per month;
 *  - sk_penerima: the data set's debtors per bank (N at most) into a new decree;
 *  - premi: the computed premiums of the insurer with the most, one invoice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportKind } from '../../electron/contract/imports';
import { createRuntime, type Runtime } from '../../electron/runtime';
import { dispatch } from '../../electron/services/dispatch';
import { getJob } from '../../electron/services/imports/jobs';
import { WORKER_BUNDLES_ENV } from '../../electron/services/worker-start';
import { useWorkerBundles } from '../scripts/worker-bundles';
import { BENCH_TODAY, dataSetFile } from './bench';
import { collectGarbage, withStalls } from './stall';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};

const BENCH_CALLER = { userId: null, username: 'bench', role: 'sistem', bankId: null, token: null } as const;

interface KindFile {
  owner: { jenis: ImportKind; bankId?: number; penjaminId?: number; skId?: number };
  header: string[];
  rows: (string | number)[][];
}

type Db = Runtime['db'];
const one = <T>(db: Db, sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
const all = <T>(db: Db, sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];

function biggestBank(db: Db): number {
  return one<{ id: number }>(db, 'SELECT bank_id AS id FROM pinjaman GROUP BY bank_id ORDER BY count(*) DESC LIMIT 1').id;
}

/** A NIK of province 16, regency 71 (no debtor of the data set has one), unique for i < 13,440 × 9,999. */
function newNik(i: number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `167101${pad((i % 28) + 1)}${pad((Math.floor(i / 28) % 12) + 1)}${pad(60 + (Math.floor(i / 336) % 40))}${pad(Math.floor(i / 13_440) + 1, 4)}`;
}

async function makeFile(rt: Runtime, jenis: ImportKind, limit: number): Promise<KindFile> {
  const db = rt.db;
  switch (jenis) {
    case 'posisi': {
      const bankId = biggestBank(db);
      const rows = all<{ rek: string; os: number; kol: number }>(
        db,
        `SELECT p.nomor_rekening AS rek, pb.outstanding AS os, pb.kol AS kol FROM pinjaman p JOIN posisi_bank pb ON pb.pinjaman_id = p.id AND pb.periode = '2026-09'
         WHERE p.bank_id = ? AND p.status = 'aktif' ORDER BY p.id LIMIT ?`,
        bankId,
        limit,
      );
      return { owner: { jenis, bankId }, header: ['nomorRekening', 'periode', 'outstanding', 'kol'], rows: rows.map((r) => [r.rek, '2026-10', Math.floor(r.os * 0.99), r.kol]) };
    }
    case 'pinjaman': {
      const bankId = one<{ id: number }>(db, 'SELECT min(id) AS id FROM bank').id;
      const rows = Array.from({ length: limit }, (_, i) => [
        newNik(i),
        `Pemohon Bench ${i}`,
        'Mikro',
        `99${String(i).padStart(8, '0')}`,
        `AK/BENCH/${i}`,
        `2026-03-${String((i % 28) + 1).padStart(2, '0')}`,
        5_000_000 + (i % 41) * 250_000,
        24,
        'GS-2026',
      ]);
      return { owner: { jenis, bankId }, header: ['nik', 'nama', 'skala', 'nomorRekening', 'nomorAkad', 'tanggalAkad', 'plafon', 'tenorBulan', 'skema'], rows };
    }
    case 'riwayat': {
      const bankId = biggestBank(db);
      const loans = all<{ rek: string }>(
        db,
        "SELECT nomor_rekening AS rek FROM pinjaman WHERE bank_id = ? AND tanggal_pencairan IS NOT NULL AND tanggal_pencairan <= '2026-07-31' ORDER BY id LIMIT ?",
        bankId,
        Math.ceil(limit / 2),
      );
      const rows = loans.flatMap((l) => [
        [l.rek, '2026-08', 50_000, 'SP2D/BENCH/2026/08', '2026-09-10'],
        [l.rek, '2026-09', 50_000, 'SP2D/BENCH/2026/09', '2026-10-10'],
      ]);
      return { owner: { jenis, bankId }, header: ['nomorRekening', 'periode', 'jumlah', 'nomorSp2d', 'tanggalSp2d'], rows: rows.slice(0, limit) };
    }
    case 'sk_penerima': {
      const skema = one<{ id: number }>(db, "SELECT id FROM skema WHERE kode = 'GS-2026'").id;
      const r = await dispatch(rt.handlers, 'decrees.save', { nomor: '188.45/999/KPTS/2026', tanggal: '2026-01-05', tahun: 2026, skemaId: skema });
      if (!r.ok) throw new Error(`decrees.save: ${r.error.message}`);
      const skId = (r.value as { id: number }).id;
      const rows = all<{ nik: string; nama: string; bank: string; unit: string; plafon: number }>(
        db,
        `SELECT d.nik, d.nama, b.kode AS bank,
                coalesce(c.nama, (SELECT nama FROM bank_cabang WHERE bank_id = b.id ORDER BY id LIMIT 1)) AS unit, max(p.plafon) AS plafon
         FROM pinjaman p JOIN debitur d ON d.id = p.debitur_id JOIN bank b ON b.id = p.bank_id LEFT JOIN bank_cabang c ON c.id = p.cabang_id
         GROUP BY d.id, b.id ORDER BY d.id LIMIT ?`,
        limit,
      );
      return { owner: { jenis, skId }, header: ['nik', 'nama', 'bank', 'unit', 'plafon'], rows: rows.map((x) => [x.nik, x.nama, x.bank, x.unit, x.plafon]) };
    }
    case 'premi': {
      const penjaminId = one<{ id: number }>(db, "SELECT penjamin_id AS id FROM premi WHERE status = 'terhitung' GROUP BY penjamin_id ORDER BY count(*) DESC LIMIT 1").id;
      const rows = all<{ rek: string; jumlah: number }>(
        db,
        "SELECT p.nomor_rekening AS rek, pr.jumlah FROM premi pr JOIN pinjaman p ON p.id = pr.pinjaman_id WHERE pr.status = 'terhitung' AND pr.penjamin_id = ? ORDER BY pr.id LIMIT ?",
        penjaminId,
        limit,
      );
      return {
        owner: { jenis, penjaminId },
        header: ['nomorRekening', 'nilaiPremi', 'nomorTagihan', 'tanggalTagihan'],
        rows: rows.map((x) => [x.rek, x.jumlah, 'INV/BENCH/2026/10', '2026-10-01']),
      };
    }
    case 'tagihan':
      throw new Error('the claim is measured by the bench itself (steps 1, 2 and "jobs")');
  }
}

async function ok<T>(rt: Runtime, channel: string, input: unknown): Promise<T> {
  const r = await dispatch(rt.handlers, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as T;
}

type Mode = 'langsung' | 'job' | 'pratinjau';

/**
 * The runtime's (main) thread as the kernel saw it (Linux: /proc/self/task/<pid>/schedstat, its
 * time on a CPU and its time waiting in the run queue for one): over the watch, and during its
 * longest gap between two 10 ms ticks. A gap the thread spent waiting for a CPU, or neither
 * running nor waiting (asleep: a lock of the process), is not work on the thread; on this shared
 * 2-core machine the stall alone cannot tell them apart. Null figures where there is no /proc.
 */
function watchThread(): { stop: () => { gapMs: number; runMs: number | null; waitMs: number | null; cpuMs: number | null } } {
  const file = `/proc/self/task/${process.pid}/schedstat`;
  const read = (): [number, number] | null => {
    try {
      const [run, wait] = fs.readFileSync(file, 'utf8').split(' ').map(Number);
      return [run!, wait!];
    } catch {
      return null;
    }
  };
  const first = read();
  let last = performance.now();
  let lastStat = first;
  let longest: { gapMs: number; runMs: number | null; waitMs: number | null } = { gapMs: 0, runMs: null, waitMs: null };
  const timer = setInterval(() => {
    const now = performance.now();
    const stat = read();
    const gap = now - last - 10;
    if (gap > longest.gapMs)
      longest = { gapMs: gap, runMs: stat && lastStat ? (stat[0] - lastStat[0]) / 1e6 : null, waitMs: stat && lastStat ? (stat[1] - lastStat[1]) / 1e6 : null };
    last = now;
    lastStat = stat;
  }, 10);
  const round = (n: number | null) => (n === null ? null : Math.round(n));
  return {
    stop: () => {
      clearInterval(timer);
      const end = read();
      // The gap up to now counts too (as stall.ts's).
      const gap = performance.now() - last - 10;
      if (gap > longest.gapMs)
        longest = { gapMs: gap, runMs: end && lastStat ? (end[0] - lastStat[0]) / 1e6 : null, waitMs: end && lastStat ? (end[1] - lastStat[1]) / 1e6 : null };
      return { gapMs: Math.round(longest.gapMs), runMs: round(longest.runMs), waitMs: round(longest.waitMs), cpuMs: end && first ? Math.round((end[0] - first[0]) / 1e6) : null };
    },
  };
}

const cpuMs = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);

async function measure(source: string, jenis: ImportKind, mode: Mode, limit: number): Promise<string> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-import-kinds-'));
  const databasePath = path.join(work, 'bench.sqlite');
  fs.copyFileSync(source, databasePath);
  const rt = createRuntime({ databasePath, user: 'bench', today: () => BENCH_TODAY });
  try {
    const f = await makeFile(rt, jenis, limit);
    const file = path.join(work, `${jenis}.csv`);
    fs.writeFileSync(file, [f.header, ...f.rows].map((r) => r.join(';')).join('\r\n'), 'utf8');
    const namaBerkas = path.basename(file);
    const up = await ok<{ berkas: string }>(rt, 'imports.upload', { ...f.owner, namaBerkas, isiBase64: fs.readFileSync(file).toString('base64'), opsi: { delimiter: ';' } });
    const pemetaan = Object.fromEntries(f.header.map((h) => [h, h]));
    const cpu0 = process.cpuUsage();
    const thread = watchThread();
    const preview = await withStalls(rt, async () => {
      const { jobId } = await ok<{ jobId: string }>(rt, 'imports.preview', { ...f.owner, berkas: up.berkas, namaBerkas, opsi: { headerRow: 1, delimiter: ';' }, pemetaan });
      await getJob(jobId)!.done;
      return ok<{ status: string; pesan: string | null; hasil: { jumlahBaris: number; jumlahValid: number } | null }>(rt, 'imports.progress', { jobId }).then((p) => ({
        jobId,
        p,
      }));
    });
    const cpu1 = process.cpuUsage();
    const onThread = thread.stop();
    const { jobId, p } = preview.value;
    if (p.status !== 'selesai' || !p.hasil) throw new Error(`pratinjau ${p.status}: ${p.pesan}`);
    const previewCells = [
      jenis.padEnd(12),
      mode.padEnd(8),
      String(p.hasil.jumlahBaris).padStart(7),
      String(p.hasil.jumlahValid).padStart(7),
      String(preview.ms).padStart(7),
      String(preview.maxStallMs).padStart(7),
      String(cpuMs({ user: cpu1.user - cpu0.user, system: cpu1.system - cpu0.system })).padStart(7),
    ];
    if (mode === 'pratinjau') {
      // What the screen asks next, each on the runtime's thread: the first page of problems, of warnings, and of rows with a problem (the slowest of them).
      let slowest = 0;
      for (const [channel, input] of [
        ['imports.problems', { jobId, page: 1, pageSize: 50 }],
        ['imports.problems', { jobId, page: 1, pageSize: 50, tingkat: 'peringatan' }],
        ['imports.rows', { jobId, page: 1, pageSize: 50, hanya: 'bermasalah' }],
        ...(process.env.GS_BENCH_PAGES
          ? ([
              ['imports.rows', { jobId, page: 1, pageSize: 50, hanya: 'bermasalah' }],
              ['imports.rows', { jobId, page: 1, pageSize: 50, hanya: 'semua' }],
              ['imports.rows', { jobId, page: 1000, pageSize: 50, hanya: 'semua' }],
            ] as const)
          : []),
      ] as const) {
        const t = performance.now();
        await ok(rt, channel, input);
        slowest = Math.max(slowest, performance.now() - t);
        if (process.env.GS_BENCH_PAGES) console.log(channel, JSON.stringify(input), Math.round(performance.now() - t), 'ms');
      }
      return [
        ...previewCells,
        String(preview.maxCallMs).padStart(7),
        String(onThread.cpuMs ?? '–').padStart(7),
        `${onThread.gapMs}: ${onThread.runMs ?? '–'}/${onThread.waitMs ?? '–'}`.padStart(14),
        String(Math.round(slowest)).padStart(7),
      ].join('  ');
    }
    // The preview's garbage collected now, not during the commit's watch (as bench.ts does between steps).
    collectGarbage();
    const commit = await withStalls(rt, async () => {
      if (mode === 'langsung') return ok<{ jumlahBaris: number }>(rt, 'imports.commit', { jobId, ganti: false });
      const end = await rt.jobs.start('imports.commit', { jobId, ganti: false }, BENCH_CALLER).done;
      if (end.status !== 'selesai') throw new Error(`imports.commit: ${end.galat?.message ?? end.status}`);
      return JSON.parse(end.hasilJson!) as { jumlahBaris: number };
    });
    const cpu2 = process.cpuUsage();
    previewCells[3] = String(commit.value.jumlahBaris).padStart(7);
    return [
      ...previewCells,
      String(commit.ms).padStart(7),
      String(commit.maxStallMs).padStart(7),
      String(commit.maxCallMs).padStart(7),
      String(cpuMs({ user: cpu2.user - cpu1.user, system: cpu2.system - cpu1.system })).padStart(7),
    ].join('  ');
  } finally {
    rt.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  if (!process.env[WORKER_BUNDLES_ENV]) useWorkerBundles('bench');
  const loans = Number(arg('loans', '100000'));
  const months = Number(arg('months', '36'));
  const kinds = arg('kinds', 'posisi,pinjaman,riwayat,sk_penerima,premi').split(',') as ImportKind[];
  const modes = arg('modes', 'langsung,job').split(',') as Mode[];
  const limit = Number(arg('rows', String(loans)));
  const { file } = dataSetFile({ loans, months, seed: 20251027, cacheDir: path.resolve(__dirname, '..', '..', '.cache', 'bench'), log: () => {} });
  console.log(
    `${loans} pinjaman × ${months} bulan, paling banyak ${limit} baris per berkas; beban ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  // Preview only: 'valid' is the preview's valid rows, then its longest app.info wait, the main
  // thread's own CPU over the preview ('cpu utas'), and its longest gap with the thread's time
  // running / waiting for a CPU during it ('celah: jalan/antre', ms; watchThread), and the slowest
  // of the first pages of problems, warnings and rows with a problem after it ('halaman').
  // The columns 'jeda' and 'cpu ms' are stall.ts's longest stall and the process's CPU (all threads).
  const previewOnly = modes.every((m) => m === 'pratinjau');
  console.log(
    [
      'jenis'.padEnd(12),
      'cara'.padEnd(8),
      'baris',
      previewOnly ? 'valid' : 'disimpan',
      'prat. ms',
      'jeda',
      'cpu ms',
      ...(previewOnly ? ['app.info', 'cpu utas', 'celah: jalan/antre'.padStart(14), 'halaman'] : ['simpan ms', 'jeda maks', 'app.info', 'cpu ms']),
    ]
      .map((h, i) => (i < 2 ? h : h.padStart(7)))
      .join('  '),
  );
  for (const jenis of kinds) for (const mode of modes) console.log(await measure(file, jenis, mode, limit));
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
