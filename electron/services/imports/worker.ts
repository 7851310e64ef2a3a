/**
 * The import worker: reads and checks a file off the main thread (node:worker_threads), so a
 * 100,000-row file never blocks the window's calls. One worker per task; it posts progress
 * messages and one result, then ends. Loaded by ./run-worker.ts, compiled (worker.js) or, under
 * tsx/vitest, through tsx's CommonJS hook.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { inspectFile, parseFile } from './parse/pipeline';
import { SourceError } from './parse/source';
import { rowsToColumns } from './parse/columns';
import type { ParsedRow } from './parse/rows';
import type { WorkerReply, WorkerTask } from './run-worker';

const port = parentPort;
if (!port) throw new Error('worker.ts harus dijalankan sebagai worker thread');

async function run(task: WorkerTask): Promise<unknown> {
  const bytes = new Uint8Array(fs.readFileSync(task.file));
  let last = -1;
  const progress = (stage: string, done: number, total: number) => {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
    if (percent === last) return;
    last = percent;
    port!.postMessage({ type: 'progress', stage, done, total } satisfies WorkerReply);
  };
  if (task.kind === 'inspect') return inspectFile(bytes, task.name, task.jenis, task.opts, task.template, progress);
  const parsed = await parseFile(bytes, task.name, { kind: task.jenis, opts: task.opts, mapping: task.mapping, fixed: task.fixed }, progress);
  if (!task.stage) return parsed;
  // Its rows are staged and checked here (a claim's in SQL, the other kinds' by their own checks) and stay in the database (not sent back).
  const { rows: _rows, ...rest } = parsed;
  // Loaded here, for this task only: the other kinds' checks bring every kind's module and the
  // forms' zod schemas, ~90 ms of CPU that an inspection or a claim's preview need not pay at start.
  // require, not import(): the app's build is CommonJS, and a bundle keeps the module lazy too.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const stageAndCheck =
    task.jenis === 'tagihan'
      ? (require('./claim-preview') as typeof import('./claim-preview')).stageAndCheckClaim
      : (require('./kind-preview') as typeof import('./kind-preview')).stageAndCheckKind;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { ...rest, staged: stageAndCheck(parsed, task.stage, progress) };
}

/** A parse's rows go as columns, their number columns moved rather than copied (parse/columns.ts). */
function reply(result: unknown): void {
  if (result && typeof result === 'object' && Array.isArray((result as { rows?: unknown }).rows)) {
    const { rows, ...rest } = result as { rows: ParsedRow[] };
    const { columns, transfer } = rowsToColumns(rows);
    port!.postMessage({ type: 'done', result: rest, columns } satisfies WorkerReply, transfer);
    return;
  }
  port!.postMessage({ type: 'done', result } satisfies WorkerReply);
}

run(workerData as WorkerTask).then(reply, (err: unknown) =>
  port.postMessage({
    type: 'error',
    message: err instanceof Error ? err.message : String(err),
    expected: err instanceof SourceError,
  } satisfies WorkerReply),
);
