/**
 * A long job's worker thread: opens its own connection to the database file (read-only when the
 * job only reads), builds the job's feature's services on it as the caller who started the job,
 * runs the one channel as dispatch would (../call.ts: validation, typed errors) and posts
 * progress and the result. Loaded by ./runner.ts through ../worker-start.ts (compiled or under tsx).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { backupTo, dailyBackupIfDue } from '../../../database/backup';
import { openJobConnection, type Database } from '../../../database/connection';
import { runAs, currentCaller } from '../auth/caller';
import { SessionStore } from '../auth/sessions';
import type { AppError } from '../../contract';
import type { DataSafety } from '../backup/host';
import type { ServiceContext } from '../context';
import type { DocumentPrinter, PrintOptions } from '../documents/printer';
import { ServiceError } from '../errors';
import { jobChannelCall } from './channels';
import { jsonChunks } from './result-bytes';
import { CANCELLED, COMMITTING, GATE, JobCancelled, RUNNING, STATE, type FromWorker, type JobWorkerData, type ToWorker, type WorkerTask } from './protocol';

const port = parentPort;
if (!port) throw new Error('jobs/worker.ts harus dijalankan sebagai worker thread');
const post = (msg: FromWorker) => port.postMessage(msg);
// The job: given at start, or — for a warm worker started ahead — in its first message. Its
// channel's services are loaded when it starts (./channels.ts), and stay for the next job.
let data: JobWorkerData;
let state: Int32Array;

/**
 * The point of no return: the first commit of the job's connection takes the job from running
 * to committing, unless the runtime cancelled it first; then the transaction rolls back instead.
 * Nested transactions (savepoints) pass through.
 */
function guardCommits(db: Database): void {
  const transaction = db.transaction.bind(db);
  let depth = 0;
  db.transaction = ((fn: (...args: unknown[]) => unknown) =>
    transaction((...args: unknown[]) => {
      depth++;
      try {
        const value = fn(...args);
        if (depth === 1 && Atomics.compareExchange(state, STATE, RUNNING, COMMITTING) === CANCELLED) throw new JobCancelled();
        return value;
      } finally {
        depth--;
      }
    })) as Database['transaction'];
}

let lastTahap = '';
let lastPercent = -1;
function progress(tahap: string, done?: number, total?: number): void {
  if (Atomics.load(state, STATE) === CANCELLED) throw new JobCancelled();
  if (tahap === data.pauseAt) {
    post({ type: 'paused', tahap });
    Atomics.wait(state, GATE, 0);
    if (Atomics.load(state, STATE) === CANCELLED) throw new JobCancelled();
  }
  const percent = done !== undefined && total ? Math.floor((done / total) * 100) : -1;
  if (tahap === lastTahap && percent === lastPercent) return;
  lastTahap = tahap;
  lastPercent = percent;
  post({ type: 'progress', tahap, done: done ?? null, total: total ?? null });
}

/**
 * PDFs are drawn by the runtime's printer (Chromium or Electron's printToPDF), and the system print
 * dialog is the shell's: both asked for by message, the page made here.
 */
let nextRequest = 0;
const waitingPdf = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
const waitingPrint = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
function printerProxy(canPrint: boolean): DocumentPrinter {
  return {
    pdf: (html: string, opts: PrintOptions) =>
      new Promise<Buffer>((resolve, reject) => {
        const id = ++nextRequest;
        waitingPdf.set(id, { resolve, reject });
        post({ type: 'pdf', id, html, opts });
      }),
    // Absent where the runtime's printer has no dialog: documents.print then says so (PRINT_UNAVAILABLE).
    ...(canPrint
      ? {
          print: (html: string, opts: PrintOptions) =>
            new Promise<void>((resolve, reject) => {
              const id = ++nextRequest;
              waitingPrint.set(id, { resolve, reject });
              post({ type: 'print', id, html, opts });
            }),
        }
      : {}),
  };
}

/** The runtime's own jobs that are not channels. */
async function runTask(task: WorkerTask, db: Database, now: () => number): Promise<unknown> {
  switch (task.kind) {
    case 'daily-backup':
      return dailyBackupIfDue(db, data.backupDir, {
        now: new Date(now()),
        keep: task.keep,
        onProgress: (done) => progress(done < 1 ? 'Menyalin basis data' : 'Memeriksa cadangan', Math.round(done * 100), 100),
      });
  }
}

/**
 * A job makes a backup from its own connection (backup.create); everything else about data
 * safety (health, the list, restore) stays with the runtime's DatabaseHost.
 */
function jobDataSafety(db: Database, now: () => number): DataSafety {
  const unavailable = (): never => {
    throw new ServiceError('CONFLICT', 'Tindakan ini tidak tersedia di pekerjaan latar.');
  };
  return {
    get health() {
      return unavailable();
    },
    backupDir: data.backupDir,
    list: unavailable,
    restore: unavailable,
    createBackup: () =>
      backupTo(db, data.backupDir, {
        now: new Date(now()),
        kind: 'manual',
        onProgress: (done) => progress(done < 1 ? 'Menyalin basis data' : 'Memeriksa cadangan', Math.round(done * 100), 100),
      }),
  };
}

/**
 * This thread's V8 heap as allocated now (process.memoryUsage reports the calling thread's isolate).
 * An idle worker never collects: what its job left stays resident until its next job.
 */
const heapMb = (): number => Math.round(process.memoryUsage().heapTotal / 1024 / 1024);

async function main(job: JobWorkerData): Promise<void> {
  data = job;
  state = new Int32Array(job.state);
  lastTahap = '';
  lastPercent = -1;
  const db = openJobConnection(data.databasePath, data.readOnly);
  if (!data.readOnly) guardCommits(db);
  const startedAt = Date.now();
  const ctx: ServiceContext = {
    db,
    get user() {
      return (currentCaller() ?? data.caller).username;
    },
    caller: () => currentCaller() ?? data.caller,
    sessions: new SessionStore(),
    now: () => data.now + (Date.now() - startedAt),
    today: () => data.today,
    appVersion: data.appVersion,
    databasePath: data.databasePath,
    dataSafety: jobDataSafety(db, () => data.now + (Date.now() - startedAt)),
    progress,
    ...(data.printer ? { printer: printerProxy(data.canPrint) } : {}),
  };
  try {
    const task = data.task;
    let run: () => Promise<{ ok: true; value: unknown } | { ok: false; error: AppError }>;
    if (task) run = () => taskResult(() => runTask(task, db, ctx.now));
    else {
      // Only this channel's services and schema are loaded (./channels.ts), not every service's.
      const call = jobChannelCall(ctx, data.channel);
      run = () => runAs(data.caller, () => call(data.input));
    }
    progress('Memulai');
    const result = await run();
    if (result.ok) {
      // Moved to the runtime's thread, not copied (result-bytes.ts).
      const chunks = jsonChunks(result.value);
      port!.postMessage(
        { type: 'done', result: { ok: true, chunks }, readOnly: db.readonly, heapMb: heapMb() } satisfies FromWorker,
        chunks.map((c) => c.buffer as ArrayBuffer),
      );
    } else {
      post({ type: 'done', result, readOnly: db.readonly, heapMb: heapMb() });
    }
  } finally {
    db.close();
    // A worker of a warm runner waits for its next job (the runner keeps it as its spare or ends it).
    if (!data.stay) port!.close();
  }
}

/** A task's outcome as dispatch gives a channel's: a typed error, never a throw out of the worker. */
async function taskResult(run: () => Promise<unknown>): Promise<{ ok: true; value: unknown } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (err instanceof ServiceError) return { ok: false, error: err.toAppError() };
    return { ok: false, error: { code: 'INTERNAL', message: `Cadangan otomatis gagal: ${err instanceof Error ? err.message : String(err)}` } };
  }
}

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'start') {
    void main(msg.data);
    return;
  }
  if (msg.type === 'print') {
    const w = waitingPrint.get(msg.id);
    if (!w) return;
    waitingPrint.delete(msg.id);
    if (msg.error === null) w.resolve();
    else w.reject(new ServiceError('CONFLICT', msg.error));
    return;
  }
  const w = waitingPdf.get(msg.id);
  if (!w) return;
  waitingPdf.delete(msg.id);
  if ('pdf' in msg) w.resolve(Buffer.from(msg.pdf));
  else w.reject(new ServiceError('CONFLICT', msg.error));
});
if (workerData) void main(workerData as JobWorkerData);
