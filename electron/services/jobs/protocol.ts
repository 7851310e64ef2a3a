/**
 * What the runtime's thread and a job's worker say to each other, and the shared state word
 * that decides, once and atomically, whether a job is cancelled or saves its result.
 */
import type { AppError, JobChannel } from '../../contract';
import type { Caller } from '../auth/caller';
import type { PrintOptions } from '../documents/printer';
import { ServiceError } from '../errors';

/** Slots of the job's Int32Array over a SharedArrayBuffer. */
export const STATE = 0;
/** A test's pause point waits on this slot (see JobRunner's `pauseAt`). */
export const GATE = 1;

/** STATE values. Running → committing (the worker's first commit) or → cancelled (the runtime): whichever comes first wins. */
export const RUNNING = 0;
export const COMMITTING = 1;
export const CANCELLED = 2;

export interface JobWorkerData {
  jobId: string;
  channel: JobChannel;
  input: unknown;
  readOnly: boolean;
  databasePath: string;
  /** Where backup.create writes (the runtime's backup folder). */
  backupDir: string;
  caller: Caller;
  /** The runtime's clock at start (tests inject theirs); the worker counts on from it. */
  today: string;
  now: number;
  appVersion: string;
  /** Whether the runtime has a PDF printer the worker may ask (documents.render as PDF). */
  printer: boolean;
  /** Whether that printer also opens the system print dialog (documents.print; the app's shell only). */
  canPrint: boolean;
  /** Not a channel but one of the runtime's own jobs (the automatic daily backup); null: run `channel`. */
  task: WorkerTask | null;
  state: SharedArrayBuffer;
  /** After the job the worker waits for another (a warm runner reuses it) instead of ending. */
  stay: boolean;
  /** Tests only: the worker stops at this step until cancelled or resumed. */
  pauseAt: string | null;
}

/** The runtime's own jobs, run in a worker as the channels are (progress, cancel), but not callable by anyone. */
export type WorkerTask = { kind: 'daily-backup'; keep: number };

export type FromWorker =
  | { type: 'progress'; tahap: string; done: number | null; total: number | null }
  | { type: 'paused'; tahap: string }
  | { type: 'pdf'; id: number; html: string; opts: PrintOptions }
  /** Print this page with the system dialog; answered when the dialog closed. */
  | { type: 'print'; id: number; html: string; opts: PrintOptions }
  /** `chunks`: the output serialised in the worker as UTF-8 JSON, transferred (result-bytes.ts; JobStatus.hasilJson). */
  | {
      type: 'done';
      result: { ok: true; chunks: Uint8Array[] } | { ok: false; error: AppError };
      readOnly: boolean;
      /** The worker's V8 heap (allocated, MB) as the job leaves it: a warm runner reuses only a small one (runner.ts recycle). */
      heapMb?: number;
    };

/** 'start' hands a waiting (warm) worker its job; 'pdf' answers its PDF requests, 'print' its print requests. */
export type ToWorker =
  | { type: 'start'; data: JobWorkerData }
  | { type: 'pdf'; id: number; pdf: Uint8Array }
  | { type: 'pdf'; id: number; error: string }
  | { type: 'print'; id: number; error: string | null };

export const CANCELLED_MESSAGE = 'Pekerjaan dibatalkan; tidak ada yang diubah.';

/** Thrown inside the worker where a cancelled job stops: a transaction in progress rolls back. */
export class JobCancelled extends ServiceError {
  constructor() {
    super('CONFLICT', CANCELLED_MESSAGE);
  }
}
