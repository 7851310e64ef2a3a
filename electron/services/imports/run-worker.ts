/**
 * Starts the import worker for one task and answers its result. Works compiled (worker.js beside
 * this file) and from source under tsx or vitest (worker.ts): see ../worker-start.ts.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-start';
import { IMPORT_LIMITS, type ImportKind } from '../../contract/import-kinds';
import type { ImportOptions } from '../../contract/imports';
import { columnsToRows, type RowColumns } from './parse/columns';
import type { ParseRequest } from './parse/rows';
import type { ClaimStageTask } from './claim-preview';

export type WorkerTask =
  | { kind: 'inspect'; file: string; name: string; jenis: ImportKind; opts: ImportOptions; template: Record<string, string> | null }
  | {
      kind: 'parse';
      file: string;
      name: string;
      jenis: ImportKind;
      opts: ImportOptions;
      mapping: Record<string, string>;
      fixed: ParseRequest['fixed'];
      /** Stage and check its rows in the worker, and answer without them (./claim-preview.ts, ./kind-preview.ts). */
      stage?: ClaimStageTask;
    };

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

function startImportWorker(task: WorkerTask, limits: WorkerLimits): Worker {
  // A file that would need more memory ends the worker, not the app (ERR_WORKER_OUT_OF_MEMORY).
  const resourceLimits = { maxOldGenerationSizeMb: limits.memoriMb };
  return startWorker(__dirname, 'worker', task, resourceLimits);
}

export function runWorker<T>(task: WorkerTask, onProgress?: (stage: string, done: number, total: number) => void, limits: WorkerLimits = DEFAULT_LIMITS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = startImportWorker(task, limits);
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
      () =>
        settle(() =>
          reject(
            new WorkerFileError(
              `Pemeriksaan berkas dihentikan: lebih dari ${limits.waktuDetik / 60 >= 1 ? `${limits.waktuDetik / 60} menit` : `${limits.waktuDetik} detik`}, batas satu impor. Bagi berkas menjadi beberapa berkas lalu impor satu per satu.`,
            ),
          ),
        ),
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
            ? new WorkerFileError(
                `Berkas terlalu besar untuk diperiksa: pembacaannya memerlukan lebih dari ${limits.memoriMb.toLocaleString('id-ID')} MB memori, batas satu impor. Bagi berkas menjadi beberapa berkas lalu impor satu per satu.`,
              )
            : err,
        ),
      ),
    );
    worker.on('exit', (code) => settle(() => reject(new Error(`Proses pembaca berkas berhenti (kode ${code})`))));
  });
}
