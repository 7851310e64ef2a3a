/**
 * Starts the import worker for one task and answers its result. Works compiled (tsc →
 * dist-electron: worker.js beside this file) and from source under tsx or vitest (worker.ts,
 * loaded through tsx's CommonJS hook, since a worker does not inherit the parent's loader).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportKind, ImportOptions } from '../../contract/imports';
import type { ParseRequest } from './parse/rows';

export type WorkerTask =
  | { kind: 'inspect'; file: string; name: string; jenis: ImportKind; opts: ImportOptions; template: Record<string, string> | null }
  | { kind: 'parse'; file: string; name: string; jenis: ImportKind; opts: ImportOptions; mapping: Record<string, string>; fixed: ParseRequest['fixed'] };

export type WorkerReply =
  | { type: 'progress'; stage: string; done: number; total: number }
  | { type: 'done'; result: unknown }
  | { type: 'error'; message: string; expected: boolean };

/** A failure the worker reports about the file itself (unreadable, empty): shown to the clerk as is. */
export class WorkerFileError extends Error {}

function startWorker(task: WorkerTask): Worker {
  const compiled = path.join(__dirname, 'worker.js');
  if (fs.existsSync(compiled)) return new Worker(compiled, { workerData: task });
  const source = path.join(__dirname, 'worker.ts');
  // Resolve tsx from here, so the worker finds it whatever the working directory.
  const tsx = createRequire(__filename).resolve('tsx/cjs', { paths: [__dirname, process.cwd()] });
  const bootstrap = `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, workerData: task });
}

export function runWorker<T>(task: WorkerTask, onProgress?: (stage: string, done: number, total: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = startWorker(task);
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (msg: WorkerReply) => {
      if (msg.type === 'progress') onProgress?.(msg.stage, msg.done, msg.total);
      else if (msg.type === 'done') settle(() => resolve(msg.result as T));
      else settle(() => reject(msg.expected ? new WorkerFileError(msg.message) : new Error(msg.message)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`Proses pembaca berkas berhenti (kode ${code})`))));
  });
}
