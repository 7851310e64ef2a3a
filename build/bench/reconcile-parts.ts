/**
 * The reconciliation (step 4) on its own, on a copy of a cached data set the caller made: where
 * the time of one claim file goes, without importing the file each time. Developer tool:
 *
 *   npx tsx build/bench/reconcile-parts.ts --db /tmp/copy.sqlite --setup [--lines 1000000] [--files 1]
 *   npx tsx build/bench/reconcile-parts.ts --db /tmp/copy.sqlite [--runs 2] [--baseline] [--claims 1] [--hold 1362255]
 *   node --cpu-prof --import tsx build/bench/reconcile-parts.ts --db /tmp/copy.sqlite --runs 1
 *
 *   npx tsx build/bench/reconcile-parts.ts --db /tmp/copy.sqlite --subsidy-run [--runs 3] [--baseline]
 *
 * `--setup` plants the bench's claim (plantBenchClaims: one file, or one per month over
 * MAX_FILE_LINES), keeps the first `--files` of them and writes them as draft claims directly
 * (insertClaim, not through the import), and notes their ids beside the copy (`<db>.claims.json`).
 * Without it, each noted claim (or the first `--claims`) is reconciled `--runs` times (a claim may be reconciled again until
 * it is approved), with wall and CPU time and the step's baseline query when `--baseline` is given.
 * `--subsidy-run`: step 3 instead (a month's run of every bank through `subsidy.run`).
 * `--baseline` prints two baselines: the bench's (a bare SELECT) and the run's or the
 * reconciliation's own reads, stepped with nothing computed (runReads).
 */
import fs from 'node:fs';
import { createRuntime } from '../../electron/runtime';
import { invoke } from '../../electron/services/dispatch';
import { insertClaim, linesWithAccountLoans } from '../../database/repositories/claims';
import { runLoans, runPaidPeriods, runPositions } from '../../database/repositories/loans';
import type { Database } from '../../database/connection';
import { nextPeriod, periodEndExclusive, periodFirstDay, previousPeriod } from '../../electron/domain/loan';
import { currentVersion } from '../../database/repositories/versions';
import { BENCH_PERIOD, BENCH_TODAY } from './bench';
import { compareWithPlanted, plantBenchClaims } from './claims';
import type { ClaimFileSet } from '../../electron/services/demo/claim-files';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const databasePath = arg('db', '');
if (!databasePath) throw new Error('--db <salinan data> wajib');
const noted = `${databasePath}.claims.json`;

/** A claim written by --setup, with what was planted in it (to check each reconciliation's result). */
interface Noted {
  tagihanId: number;
  bankId: number;
  lines: number;
  set: Pick<ClaimFileSet, 'planted'> & { tidakDiklaim: { length: number } };
}

const cpuMs = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);

/**
 * The second baseline ("reads"): only what the run itself reads, in its own order, every row
 * stepped and nothing computed (forEachRunLine's streams for a bank and months). The first
 * baseline (a bare SELECT of the loans with one month's position, every column) is kept beside
 * it; it reads more columns and fewer joins than the run does.
 */
function runReads(db: Database, bankId: number, periodeAwal: string, periodeAkhir: string): number {
  const w = { bankId, firstDay: periodFirstDay(periodeAwal), lastDay: periodEndExclusive(periodeAkhir) };
  let rows = 0;
  for (const _ of runLoans(db, w, previousPeriod(periodeAwal), periodeAwal)) rows++;
  if (periodeAkhir > periodeAwal) {
    for (const _ of runPositions(db, w, nextPeriod(periodeAwal), periodeAkhir)) rows++;
    for (const _ of runPaidPeriods(db, w, nextPeriod(periodeAwal), periodeAkhir)) rows++;
  }
  return rows;
}

/** Wall and CPU ms of `fn`. */
function timed(fn: () => void): string {
  const t = performance.now();
  const u = process.cpuUsage();
  fn();
  return `${Math.round(performance.now() - t)} ms wall, ${cpuMs(process.cpuUsage(u))} ms CPU`;
}

async function main() {
  const rt = createRuntime({ databasePath, user: 'bench', today: () => BENCH_TODAY });
  try {
    if (process.argv.includes('--setup')) {
      const t = performance.now();
      const parts = plantBenchClaims(rt.db, BENCH_PERIOD, Number(arg('lines', '1000000'))).slice(0, Number(arg('files', '1')));
      const out: Noted[] = [];
      for (const set of parts) {
        const { tagihanId } = insertClaim(rt.db, {
          bankId: set.bankId,
          periodeAwal: set.periode,
          periodeAkhir: set.periodeAkhir,
          imporId: null,
          dibuatOleh: 'bench',
          lines: set.lines.map((l, i) => ({
            nomorBaris: i + 1,
            periode: l.periode,
            nomorRekening: l.nomorRekening,
            nik: l.nik || null,
            nama: l.nama,
            outstanding: l.outstanding,
            bungaPersen: l.bungaPersen,
            hari: l.hari,
            kol: l.kol,
            diklaim: l.diklaim,
            plafon: l.plafon || null,
            tanggalAkad: l.tanggalAkad || null,
          })),
        });
        out.push({ tagihanId, bankId: set.bankId, lines: set.lines.length, set: { planted: set.planted, tidakDiklaim: { length: set.tidakDiklaim.length } } });
        console.log(`tagihan ${tagihanId}: ${set.bankNama} ${set.periode}, ${set.lines.length} baris`);
      }
      fs.writeFileSync(noted, JSON.stringify(out));
      console.log(`setup ${Math.round(performance.now() - t)} ms`);
      return;
    }
    const runs = Number(arg('runs', '1'));
    if (process.argv.includes('--subsidy-run')) {
      // Step 3 alone: a month's subsidy run of every bank, and its baseline.
      const banks = rt.db.prepare('SELECT id FROM bank ORDER BY id').pluck().all() as number[];
      const bare = rt.db.prepare(
        `SELECT l.*, p.outstanding, p.kol, p.angsuran_dibayar FROM pinjaman l
         LEFT JOIN posisi_bank p ON p.pinjaman_id = l.id AND p.periode = ?
         WHERE l.bank_id = ? AND l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan < date(?, '+1 month')
           AND l.status IN ('aktif', 'lunas', 'macet', 'klaim', 'hapus_buku') AND (l.tanggal_lunas IS NULL OR l.tanggal_lunas >= ?)`,
      );
      const first = `${BENCH_PERIOD}-01`;
      for (let n = 1; n <= runs; n++) {
        let t = performance.now();
        let u = process.cpuUsage();
        let lines = 0;
        for (const bankId of banks) {
          const res = await invoke(rt.handlers, 'subsidy.run', { bankId, periodeAwal: BENCH_PERIOD, periodeAkhir: BENCH_PERIOD });
          if (!res.ok) throw new Error(res.error.message);
          lines += res.value.lines.length;
        }
        const runMs = Math.round(performance.now() - t);
        const runCpu = cpuMs(process.cpuUsage(u));
        t = performance.now();
        u = process.cpuUsage();
        if (process.argv.includes('--baseline')) for (const bankId of banks) bare.all(BENCH_PERIOD, bankId, first, first);
        const baseline = `${Math.round(performance.now() - t)} ms wall, ${cpuMs(process.cpuUsage(u))} ms CPU`;
        const reads = process.argv.includes('--baseline') ? timed(() => banks.forEach((bankId) => runReads(rt.db, bankId, BENCH_PERIOD, BENCH_PERIOD))) : '-';
        console.log(`subsidy.run ${n}: ${lines} baris, ${runMs} ms wall, ${runCpu} ms CPU; baseline ${baseline}; the run's reads ${reads}`);
      }
      return;
    }
    // --hold N: N claim-line-like objects kept alive meanwhile, as the bench process keeps its
    // planted claim files (1,362,255 lines at 1,000,000 loans): the garbage collector's load.
    const held = Array.from({ length: Number(arg('hold', '0')) }, (_, i) => ({
      nomorRekening: `7${String(i).padStart(11, '0')}`,
      nama: `Debitur ${i}`,
      nik: `16${String(i).padStart(14, '0')}`,
      periode: '2026-09',
      plafon: i,
      tanggalAkad: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
      outstanding: i,
      bungaPersen: '3',
      hari: 30,
      kol: 1,
      diklaim: i,
      planted: 'cocok',
    }));
    const claims = (JSON.parse(fs.readFileSync(noted, 'utf8')) as Noted[]).slice(0, Number(arg('claims', '1000')));
    for (let n = 1; n <= runs; n++) {
      let wall = 0;
      let cpu = 0;
      for (const c of claims) {
        const t = performance.now();
        const u = process.cpuUsage();
        const res = await invoke(rt.handlers, 'claims.reconcile', { tagihanId: c.tagihanId, versi: currentVersion(rt.db, 'tagihan', c.tagihanId) ?? 1 });
        const used = cpuMs(process.cpuUsage(u));
        const ms = Math.round(performance.now() - t);
        if (!res.ok) throw new Error(res.error.message);
        wall += ms;
        cpu += used;
        const check = compareWithPlanted(res.value.perStatus, res.value.tidakDiklaim.jumlah, c.set);
        console.log(
          `run ${n}, tagihan ${c.tagihanId} (${c.lines} baris): ${ms} ms wall, ${used} ms CPU (run ${res.value.ms?.run} ms, rest ${res.value.ms?.rest} ms); ${check}; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
        );
      }
      if (claims.length > 1) console.log(`run ${n}, all ${claims.length}: ${wall} ms wall, ${cpu} ms CPU`);
      if (held.length > 0) console.log(`(${held.length} objects held, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB)`);
      if (process.argv.includes('--baseline')) {
        const bare = rt.db.prepare(
          `SELECT tb.*, l.id AS pinjaman_id, l.status, l.plafon AS plafon_pinjaman FROM tagihan_baris tb
           LEFT JOIN pinjaman l ON l.nomor_rekening = tb.nomor_rekening AND l.bank_id = ?
           WHERE tb.tagihan_id = ?`,
        );
        const t = performance.now();
        const u = process.cpuUsage();
        for (const c of claims) bare.all(c.bankId, c.tagihanId);
        console.log(`baseline: ${Math.round(performance.now() - t)} ms wall, ${cpuMs(process.cpuUsage(u))} ms CPU`);
        // The reconciliation's own reads: its lines with their loans, and the run's streams for the claim's months.
        const months = rt.db.prepare('SELECT periode_awal, periode_akhir FROM tagihan WHERE id = ?').raw();
        const reads = timed(() => {
          for (const c of claims) {
            const [from, to] = months.get(c.tagihanId) as [string, string];
            linesWithAccountLoans(rt.db, c.tagihanId, c.bankId);
            runReads(rt.db, c.bankId, from, to);
          }
        });
        console.log(`the reconciliation's reads (lines with their loans, the run's streams): ${reads}`);
      }
    }
  } finally {
    rt.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
