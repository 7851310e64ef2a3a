/**
 * Starts the import worker for one task and answers its result. Works compiled (tsc →
 * dist-electron: worker.js beside this file) and from source under tsx or vitest (worker.ts,
 * loaded through tsx's CommonJS hook, since a worker does not inherit the parent's loader).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { IMPORT_LIMITS, type ImportKind, type ImportOptions } from '../../contract/imports';
import { columnsToRows, type RowColumns } from './parse/columns';
import type { ParseRequest } from './parse/rows';

export type WorkerTask =
  | { kind: 'inspect'; file: string; name: string; jenis: ImportKind; opts: ImportOptions; template: Record<string, string> | null }
  | { kind: 'parse'; file: string; name: string; jenis: ImportKind; opts: ImportOptions; mapping: Record<string, string>; fixed: ParseRequest['fixed'] };

export type WorkerReply =
  | { type: 'progress'; stage: string; done: number; total: number }
  | { type: 'done'; result: unknown; columns?: RowColumns }
  | { type: 'error'; message: string; expected: boolean };

/** A failure the worker reports about the file itself (unreadable, empty): shown to the clerk as is. */
export class WorkerFileError extends Error {}

/** The worker's heap and time (IMPORT_LIMITS; tests pass smaller ones). */
export interface WorkerLimits {
  memoriMb: number;
  waktuDetik: number;
}
const DEFAULT_LIMITS: WorkerLimits = { memoriMb: IMPORT_LIMITS.memoriMb, waktuDetik: IMPORT_LIMITS.waktuDetik };

function startWorker(task: WorkerTask, limits: WorkerLimits): Worker {
  // A file that would need more memory ends the worker, not the app (ERR_WORKER_OUT_OF_MEMORY).
  const resourceLimits = { maxOldGenerationSizeMb: limits.memoriMb };
  const compiled = path.join(__dirname, 'worker.js');
  if (fs.existsSync(compiled)) return new Worker(compiled, { workerData: task, resourceLimits });
  // A compiled bundle of worker.ts (the bench makes one, build/bench/worker-bundle.ts): what the
  // packaged app starts, without tsx compiling the worker's modules at every start (~0.4–2 s).
  const bundle = process.env.GERBANG_IMPORT_WORKER;
  // execArgv: [] — a compiled file needs no loader; otherwise the worker would load tsx's hooks again (the parent's --import).
  if (bundle && fs.existsSync(bundle)) return new Worker(bundle, { workerData: task, resourceLimits, execArgv: [] });
  const source = path.join(__dirname, 'worker.ts');
  // Resolve tsx from here, so the worker finds it whatever the working directory.
  const tsx = createRequire(__filename).resolve('tsx/cjs', { paths: [__dirname, process.cwd()] });
  const bootstrap = `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, workerData: task, resourceLimits });
}

export function runWorker<T>(task: WorkerTask, onProgress?: (stage: string, done: number, total: number) => void, limits: WorkerLimits = DEFAULT_LIMITS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = startWorker(task, limits);
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    // A file that keeps the worker busy longer than the limit is given up, with the limit named.
    const timer = setTimeout(
      () => settle(() => reject(new WorkerFileError(`Pemeriksaan berkas dihentikan: lebih dari ${limits.waktuDetik / 60 >= 1 ? `${limits.waktuDetik / 60} menit` : `${limits.waktuDetik} detik`}, batas satu impor. Bagi berkas menjadi beberapa berkas lalu impor satu per satu.`))),
      limits.waktuDetik * 1000,
    );
    worker.on('message', (msg: WorkerReply) => {
      if (msg.type === 'progress') onProgress?.(msg.stage, msg.done, msg.total);
      else if (msg.type === 'done') settle(() => resolve((msg.columns ? { ...(msg.result as object), rows: columnsToRows(msg.columns) } : msg.result) as T));
      else settle(() => reject(msg.expected ? new WorkerFileError(msg.message) : new Error(msg.message)));
    });
    worker.on('error', (err) =>
      settle(() =>
        reject(
          (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new WorkerFileError(`Berkas terlalu besar untuk diperiksa: pembacaannya memerlukan lebih dari ${limits.memoriMb.toLocaleString('id-ID')} MB memori, batas satu impor. Bagi berkas menjadi beberapa berkas lalu impor satu per satu.`)
            : err,
        ),
      ),
    );
    worker.on('exit', (code) => settle(() => reject(new Error(`Proses pembaca berkas berhenti (kode ${code})`))));
  });
}
