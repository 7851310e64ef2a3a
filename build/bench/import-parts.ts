/**
 * The claim import timed part by part (upload+inspection, preview: parse in the worker, checks;
 * commit) on a copy of the cached data set: where step 1/2's time goes. Developer tool:
 *
 *   npx tsx build/bench/import-parts.ts [--loans 100000] [--months 36] [--format csv|xlsx] [--runs 2] [--lines N] [--job]
 *
 * `--job`: the commit as the screen runs it, a job in a worker (else imports.commit on this thread).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRuntime } from '../../electron/runtime';
import { dispatch } from '../../electron/services/dispatch';
import { writeClaimFile } from '../../electron/services/demo/claim-files';
import { BENCH_PERIOD, BENCH_TODAY, dataSetFile } from './bench';
import { bareInsert, bareInsertClaimLines, commitAsJob, plantBenchClaim } from './claims';
import { useWorkerBundles } from '../scripts/worker-bundles';
import { WORKER_BUNDLES_ENV } from '../../electron/services/worker-start';
import { inspectFile, parseFile } from '../../electron/services/imports/parse/pipeline';
import { columnsToRows, rowsToColumns } from '../../electron/services/imports/parse/columns';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const loans = Number(arg('loans', '100000'));
const months = Number(arg('months', '36'));
const format = arg('format', 'csv') as 'csv' | 'xlsx';
const runs = Number(arg('runs', '2'));

async function ok<T>(handlers: Parameters<typeof dispatch>[0], channel: string, input: unknown): Promise<T> {
  const r = await dispatch(handlers, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as T;
}

async function main() {
  if (!process.env[WORKER_BUNDLES_ENV]) useWorkerBundles('bench');
  const { file } = dataSetFile({ loans, months, seed: 20251027, cacheDir: path.resolve(__dirname, '..', '..', '.cache', 'bench'), log: () => {} });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-import-parts-'));
  const databasePath = path.join(work, 'bench.sqlite');
  fs.copyFileSync(file, databasePath);
  const rt = createRuntime({ databasePath, user: 'bench', today: () => BENCH_TODAY });
  try {
    const set = plantBenchClaim(rt.db, BENCH_PERIOD, Number(arg('lines', String(loans))));
    const original = await writeClaimFile(set, format === 'xlsx' ? 'xlsx' : 'csv-titik-koma');
    console.log(`${set.lines.length} lines, ${(original.length / 1e6).toFixed(1)} MB ${format}`);
    for (let n = 1; n <= 3; n++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      bareInsert(rt.db, [set], `bare_${n}`);
      const used = process.cpuUsage(cpu);
      console.log(`bare insert ${(performance.now() - t).toFixed(0)} ms, cpu ${((used.user + used.system) / 1000).toFixed(0)} ms`);
    }
    for (let n = 1; n <= 3; n++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const { undo } = bareInsertClaimLines(rt.db, [set]);
      const used = process.cpuUsage(cpu);
      console.log(`bare insert into tagihan_baris ${(performance.now() - t).toFixed(0)} ms, cpu ${((used.user + used.system) / 1000).toFixed(0)} ms`);
      undo();
    }
    if (process.argv.includes('--save')) fs.writeFileSync(arg('save', ''), original);
    if (process.argv.includes('--in-process')) {
      // The worker's part in this thread (for --cpu-prof): parse, then the trip as columns.
      const saved = path.join(work, `tagihan.${format}`);
      fs.writeFileSync(saved, original);
      for (let n = 1; n <= runs; n++) {
        const t0 = performance.now();
        const bytes = new Uint8Array(fs.readFileSync(saved));
        const insp = await inspectFile(bytes, saved, 'tagihan', {}, null);
        const t1 = performance.now();
        const out = await parseFile(bytes, saved, { kind: 'tagihan', opts: { headerRow: insp.headerRow }, mapping: insp.pemetaan, fixed: insp.saranTetap });
        const t2 = performance.now();
        const { columns } = rowsToColumns(out.rows);
        const cloned = structuredClone(columns);
        const t3 = performance.now();
        const rows = columnsToRows(cloned);
        const t4 = performance.now();
        console.log(
          `in-process ${n}: inspect ${(t1 - t0).toFixed(0)}, parse ${(t2 - t1).toFixed(0)}, to columns+clone ${(t3 - t2).toFixed(0)}, to rows ${(t4 - t3).toFixed(0)} ms; ${rows.length} rows`,
        );
      }
      return;
    }
    for (let n = 1; n <= runs; n++) {
      // A different content each run (the same content is refused as already imported).
      const bytes = format === 'xlsx' ? original : Buffer.concat([original, Buffer.from(`\r\nsalinan ${n}`, 'latin1')]);
      if (format === 'xlsx' && n > 1) break;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const owner = { jenis: 'tagihan', bankId: set.bankId };
      const namaBerkas = `tagihan-${n}.${format}`;
      const insp = await ok<{ berkas: string; headerRow: number; tanpaJudul: boolean; pemetaan: Record<string, string>; saranTetap: Record<string, string> }>(
        rt.handlers,
        'imports.upload',
        {
          ...owner,
          namaBerkas,
          isiBase64: bytes.toString('base64'),
          opsi: {},
        },
      );
      const t1 = performance.now();
      const { jobId } = await ok<{ jobId: string }>(rt.handlers, 'imports.preview', {
        ...owner,
        berkas: insp.berkas,
        namaBerkas,
        opsi: insp.tanpaJudul ? { tanpaJudul: true } : { headerRow: insp.headerRow },
        pemetaan: insp.pemetaan,
        tetap: insp.saranTetap,
      });
      let tParsed = 0;
      for (;;) {
        const p = await ok<{ status: string; persen: number; pesan: string | null; hasil: { jumlahGalat: number; jumlahValid: number } | null }>(rt.handlers, 'imports.progress', {
          jobId,
        });
        if (p.persen >= 90 && tParsed === 0) tParsed = performance.now();
        if (p.status === 'gagal') throw new Error(p.pesan ?? 'gagal');
        if (p.status === 'selesai') break;
        await new Promise((r) => setTimeout(r, 5));
      }
      const t2 = performance.now();
      const c = process.argv.includes('--job')
        ? await commitAsJob(rt)({ jobId, ganti: false })
        : await ok<{ jumlahBaris: number }>(rt.handlers, 'imports.commit', { jobId, ganti: false });
      const t3 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      const rss = process.memoryUsage().rss / 1e6;
      console.log(
        `run ${n}: upload+inspect ${(t1 - t0).toFixed(0)} ms, preview ${(t2 - t1).toFixed(0)} ms (worker ~${(tParsed - t1).toFixed(0)}, checks ~${(t2 - tParsed).toFixed(0)}), commit ${(t3 - t2).toFixed(0)} ms, total ${(t3 - t0).toFixed(0)} ms, cpu (all threads) ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; ${c.jumlahBaris} rows; rss ${rss.toFixed(0)} MB`,
      );
    }
  } finally {
    rt.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

void main();
