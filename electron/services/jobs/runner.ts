/**
 * The runtime's side of long jobs: starts a worker per job (./worker.ts), keeps its step and
 * percentage for `jobs.status`, answers its PDF requests with the runtime's printer, and cancels
 * it. A cancel wins only before the job's first commit (protocol.ts): then the worker is ended,
 * its transaction rolls back, and the job reads `dibatalkan` once the worker has exited (its
 * connection closed, the write lock free). After that point the job finishes and says so.
 */
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { AppError, BackupEntry, JobChannel, JobStatus, Result } from '../../contract';
import type { Caller } from '../auth/caller';
import type { DocumentPrinter } from '../documents/printer';
import { ServiceError } from '../errors';
import { startWorker } from '../worker-start';
import { CANCELLED, CANCELLED_MESSAGE, GATE, RUNNING, STATE, type FromWorker, type JobWorkerData, type ToWorker, type WorkerTask } from './protocol';
import { DAILY_BACKUP_TAHAP, JOBS } from './registry';
import { textOfChunks, textOfChunksNow } from './result-bytes';

/** A worker's heap: a 1,000,000-loan run must fit; more ends the worker, not the app. */
const WORKER_HEAP_MB = 2048;
/** Finished jobs kept for their starter to fetch (each may hold a large result). */
const KEEP_FINISHED = 8;
/**
 * How long a finished job waits for its starter (jobs.status) before it is forgotten with its
 * result: a screen closed mid-job never fetches it, and a 1,000,000-loan run's result is ~300 MB.
 */
export const KEEP_RESULT_MS = 10 * 60 * 1000;
/**
 * A warm runner reuses a worker for the next job only when its job left it a heap under this
 * (MB). An idle worker never collects its garbage: after a 100,000-loan reconciliation the reused
 * worker kept ~100–300 MB resident until its next job; a new one holds ~30 MB.
 */
export const RECYCLE_HEAP_MB = 96;

export interface JobRunnerOptions {
  databasePath: string;
  backupDir: string;
  appVersion: string;
  today: () => string;
  now: () => number;
  printer?: DocumentPrinter;
  /**
   * Keep one worker started ahead, so a job begins at once (the app, the HTTP bridge, the
   * end-to-end tests); a worker that finished its job cleanly waits for the next one. A worker
   * loads its job's channel when the job starts (./channels.ts: ~0.1 s of CPU compiled for an
   * import's commit, every service was ~0.45 s) and seconds under tsx; without a warm worker each
   * job also pays the start. Off for tests and the CLI.
   */
  warmWorker?: boolean;
  /** A worker whose heap after its job exceeds this (MB) is ended, not reused (RECYCLE_HEAP_MB; tests set it). */
  recycleHeapMb?: number;
}

export interface StartOptions {
  /** Tests only: the worker waits at this step (reported with 'paused') until cancelled or resumed. */
  pauseAt?: string;
  /** One of the runtime's own jobs instead of the channel (the runner's dailyBackup). */
  task?: WorkerTask;
}

/**
 * One job. Events: 'progress' (JobStatus, in order), 'paused' (step), 'end' (JobStatus, once).
 */
export class Job extends EventEmitter {
  readonly id = crypto.randomUUID();
  status: JobStatus['status'] = 'berjalan';
  tahap: string;
  persen: number | null = null;
  /** The output as the worker sent it (result-bytes.ts), until read as text. */
  private hasilChunks: Uint8Array[] | null = null;
  private hasilText: string | null = null;
  galat: AppError | null = null;
  batalDitolak: string | undefined;
  /** What the worker's connection was, as it reported it (true: opened read-only). */
  readOnly: boolean | null = null;
  /** The worker's heap as its job left it, MB (as it reported it). */
  workerHeapMb: number | null = null;
  /** Settles with the final status when the job ends, whatever the outcome. */
  readonly done: Promise<JobStatus>;
  private finish!: (s: JobStatus) => void;

  constructor(
    readonly channel: JobChannel,
    readonly owner: Caller,
    readonly worker: Worker,
    readonly state: Int32Array,
  ) {
    super();
    this.tahap = JOBS[channel].tahap;
    this.done = new Promise((resolve) => (this.finish = resolve));
  }

  /** The output's JSON text (decoded at once when not yet; `resultText` decodes it without holding the thread). */
  get hasilJson(): string | null {
    if (this.hasilChunks) {
      this.hasilText = textOfChunksNow(this.hasilChunks);
      this.hasilChunks = null;
    }
    return this.hasilText;
  }

  set hasilJson(text: string | null) {
    this.hasilChunks = null;
    this.hasilText = text;
  }

  /** Keeps the worker's output as it came (decoded when first asked for). */
  receive(chunks: Uint8Array[]): void {
    this.hasilChunks = chunks;
    this.hasilText = null;
  }

  /** The output's JSON text, decoded a chunk per turn of the event loop (jobs.status before it hands the result on). */
  async resultText(): Promise<string | null> {
    const chunks = this.hasilChunks;
    if (chunks) {
      const text = await textOfChunks(chunks);
      if (this.hasilChunks === chunks) this.hasilJson = text;
    }
    return this.hasilText;
  }

  snapshot(): JobStatus {
    const s: JobStatus = {
      jobId: this.id,
      channel: this.channel,
      status: this.status,
      tahap: this.tahap,
      persen: this.persen,
      hasilJson: null,
      galat: this.galat,
      ...(this.batalDitolak ? { batalDitolak: this.batalDitolak } : {}),
    };
    // Read when asked for (the 'end' event and `done` carry the status without decoding a large output).
    if (this.status === 'selesai') Object.defineProperty(s, 'hasilJson', { get: () => this.hasilJson, enumerable: true, configurable: true });
    return s;
  }

  /** The channel's result, as calling the channel itself would give it (parsed here: for trusted callers). */
  async result(): Promise<Result<unknown>> {
    const s = await this.done;
    if (s.status === 'selesai') return { ok: true, value: JSON.parse((await this.resultText()) ?? 'null') as unknown };
    return { ok: false, error: s.galat ?? { code: 'INTERNAL', message: 'Pekerjaan berhenti tanpa hasil.' } };
  }

  /** Tests only: lets a job paused at `pauseAt` go on. */
  resume(): void {
    Atomics.store(this.state, GATE, 1);
    Atomics.notify(this.state, GATE);
  }

  end(status: JobStatus['status'], tahap: string): void {
    if (this.status !== 'berjalan') return;
    this.status = status;
    this.tahap = tahap;
    if (status === 'selesai') this.persen = 100;
    const s = this.snapshot();
    this.emit('end', s);
    this.finish(s);
  }
}

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private spare: Worker | null = null;
  private closed = false;

  constructor(private readonly opts: JobRunnerOptions) {
    if (opts.warmWorker) this.prepareSpare();
  }

  /** The thread id of the worker waiting for the next job (null: none). */
  get spareThreadId(): number | null {
    return this.spare?.threadId ?? null;
  }

  private spawn(data: JobWorkerData | null): Worker {
    return startWorker(__dirname, 'worker', data, { maxOldGenerationSizeMb: WORKER_HEAP_MB });
  }

  /** Starts the next job's worker now, idle (unref'd: it keeps no process alive) until a job takes it. */
  private prepareSpare(): void {
    if (this.closed || this.spare) return;
    const spare = this.spawn(null);
    spare.unref();
    // A spare that dies (it should not) is simply replaced at the next job.
    spare.once('exit', () => {
      if (this.spare === spare) this.spare = null;
    });
    spare.on('error', () => undefined);
    this.spare = spare;
  }

  start(channel: JobChannel, input: unknown, caller: Caller, options: StartOptions = {}): Job {
    const shared = new SharedArrayBuffer(8);
    const data: JobWorkerData = {
      jobId: '',
      channel,
      input,
      readOnly: JOBS[channel].readOnly,
      databasePath: this.opts.databasePath,
      backupDir: this.opts.backupDir,
      caller: { ...caller },
      today: this.opts.today(),
      now: this.opts.now(),
      appVersion: this.opts.appVersion,
      printer: Boolean(this.opts.printer),
      canPrint: Boolean(this.opts.printer?.print),
      task: options.task ?? null,
      state: shared,
      stay: this.opts.warmWorker === true,
      pauseAt: options.pauseAt ?? null,
    };
    let worker: Worker;
    if (this.spare) {
      worker = this.spare;
      this.spare = null;
      worker.removeAllListeners();
      worker.ref();
      worker.postMessage({ type: 'start', data } satisfies ToWorker);
    } else {
      worker = this.spawn(data);
    }
    const job = new Job(channel, caller, worker, new Int32Array(shared));
    this.jobs.set(job.id, job);
    this.forgetOld();
    this.expireWhenDone(job.id, job.done);

    worker.on('message', (msg: FromWorker) => this.onMessage(job, msg));
    worker.on('error', (err: Error & { code?: string }) => {
      if (Atomics.load(job.state, STATE) === CANCELLED) {
        // Cancelled at a pause point outside the channel's own error handling (the worker's first
        // progress('Memulai')): the worker woke, threw its JobCancelled out of main() and died of it
        // before terminate() ended it (seen under load: jobs.test's warm-worker cancel read 'gagal').
        // Nothing was written either way: the cancel's outcome, as the 'exit' handler gives it.
        job.galat = { code: 'CONFLICT', message: CANCELLED_MESSAGE };
        job.end('dibatalkan', 'Dibatalkan');
        return;
      }
      job.galat = {
        code: 'INTERNAL',
        message:
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `Pekerjaan dihentikan: memerlukan lebih dari ${WORKER_HEAP_MB.toLocaleString('id-ID')} MB memori. Tidak ada yang diubah.`
            : `Pekerjaan latar berhenti karena kesalahan (${err.message}). Tidak ada yang diubah; coba lagi, dan hubungi admin bila berulang.`,
      };
      job.end('gagal', 'Gagal');
    });
    worker.on('exit', () => {
      // A cancelled or crashed worker is gone: a warm runner readies the next one.
      if (this.opts.warmWorker) setImmediate(() => this.prepareSpare());
      if (Atomics.load(job.state, STATE) === CANCELLED) {
        job.galat = { code: 'CONFLICT', message: CANCELLED_MESSAGE };
        job.end('dibatalkan', 'Dibatalkan');
      } else {
        job.galat ??= { code: 'INTERNAL', message: 'Pekerjaan latar berhenti tanpa hasil. Coba lagi; hubungi admin bila berulang.' };
        job.end('gagal', 'Gagal');
      }
    });
    return job;
  }

  /**
   * The automatic backup of the day (database/backup.ts dailyBackupIfDue) in a worker, from its
   * read-only connection: at 1,000,000 loans the copy and its integrity check held the runtime's
   * thread ~9 s at every start. Null when today's was made already. A restore cancels it (cancelAll)
   * like any job; its partial file is removed by the housekeeping.
   */
  startDailyBackup(keep: number, caller: Caller, options: Omit<StartOptions, 'task'> = {}): Job {
    // Shown as a backup: the job's channel is the manual backup's, its step says which.
    const job = this.start('backup.create', null, caller, { ...options, task: { kind: 'daily-backup', keep } });
    job.tahap = DAILY_BACKUP_TAHAP;
    return job;
  }

  /** startDailyBackup, awaited: the new backup, null when today's exists; a failure or cancel as a ServiceError. */
  async dailyBackup(keep: number, caller: Caller): Promise<BackupEntry | null> {
    const result = await this.resultHandedOn(this.startDailyBackup(keep, caller));
    if (!result.ok) throw new ServiceError(result.error.code, result.error.message);
    return result.value as BackupEntry | null;
  }

  /** Starts a job and awaits its result, parsed on this thread (trusted callers: the CLI, tests). */
  run(channel: JobChannel, input: unknown, caller: Caller): Promise<Result<unknown>> {
    return this.resultHandedOn(this.start(channel, input, caller));
  }

  /** The job's result, the job then forgotten: handed on, not kept for a jobs.status that never comes. */
  private async resultHandedOn(job: Job): Promise<Result<unknown>> {
    const result = await job.result();
    this.forget(job);
    return result;
  }

  /** How many jobs (running or finished, results included) the runner holds now. */
  get kept(): number {
    return this.jobs.size;
  }

  /** The job, if `caller` started it: nobody else sees another's job. */
  get(id: string, caller: Caller): Job {
    const job = this.jobs.get(id);
    if (!job || job.owner.username !== caller.username || job.owner.userId !== caller.userId) {
      throw new ServiceError('NOT_FOUND', 'Pekerjaan tidak ditemukan (mungkin sudah lama selesai).');
    }
    return job;
  }

  /** Forgets a finished job (its result may be large) once its starter has it. */
  forget(job: Job): void {
    if (job.status !== 'berjalan') this.jobs.delete(job.id);
  }

  /**
   * A finished job never fetched (its screen closed) is forgotten after a while with its result.
   * A method of its own: a closure made inside start() would share start()'s scope, `job`
   * included, and keep the result alive for those minutes. Unref'd: it keeps no process alive.
   */
  private expireWhenDone(id: string, done: Promise<unknown>): void {
    void done.then(() =>
      setTimeout(() => {
        const job = this.jobs.get(id);
        if (job) this.forget(job);
      }, KEEP_RESULT_MS).unref(),
    );
  }

  /**
   * Cancels a running job unless it is already saving its result. The worker is ended at once;
   * the job reads `dibatalkan` when it has exited.
   */
  cancel(job: Job): JobStatus {
    if (job.status !== 'berjalan') return job.snapshot();
    if (Atomics.compareExchange(job.state, STATE, RUNNING, CANCELLED) !== RUNNING) {
      if (Atomics.load(job.state, STATE) !== CANCELLED) job.batalDitolak = 'Hasil sedang disimpan; pekerjaan ini tidak dapat dibatalkan lagi.';
      return job.snapshot();
    }
    job.tahap = 'Membatalkan';
    Atomics.notify(job.state, GATE);
    void job.worker.terminate();
    return job.snapshot();
  }

  /** Cancels every running job and waits until their workers have ended (before a restore, at close). */
  async cancelAll(): Promise<void> {
    await this.close(false);
  }

  /** Cancels every running job and ends the spare worker; `final`: no new spare afterwards (the runtime closes). */
  async close(final = true): Promise<void> {
    if (final) this.closed = true;
    const spare = this.spare;
    this.spare = null;
    if (spare) void spare.terminate();
    const running = [...this.jobs.values()].filter((j) => j.status === 'berjalan');
    for (const job of running) {
      this.cancel(job);
      // Past its commit point it is finishing: wait for it rather than cut a commit short.
    }
    await Promise.all(running.map((j) => j.done));
    if (!final && this.opts.warmWorker) this.prepareSpare();
  }

  private onMessage(job: Job, msg: FromWorker): void {
    switch (msg.type) {
      case 'progress':
        if (job.status !== 'berjalan' || job.tahap === 'Membatalkan') return;
        job.tahap = msg.tahap;
        job.persen = msg.done !== null && msg.total ? Math.min(100, Math.floor((msg.done / msg.total) * 100)) : null;
        job.emit('progress', job.snapshot());
        return;
      case 'paused':
        job.emit('paused', msg.tahap);
        return;
      case 'pdf':
        void this.printPdf(job, msg.id, msg.html, msg.opts);
        return;
      case 'print':
        void this.printDialog(job, msg.id, msg.html, msg.opts);
        return;
      case 'done':
        job.readOnly = msg.readOnly;
        job.workerHeapMb = msg.heapMb ?? null;
        if (msg.result.ok) job.receive(msg.result.chunks);
        else job.galat = msg.result.error;
        if (!msg.result.ok && Atomics.load(job.state, STATE) === CANCELLED) {
          // Cancelled: the worker woke at its gate (or a check) and reported the cancel before
          // terminate() ended it. The same outcome as when it is ended first (the 'exit' handler).
          job.galat = { code: 'CONFLICT', message: CANCELLED_MESSAGE };
          job.end('dibatalkan', 'Dibatalkan');
        } else {
          job.end(msg.result.ok ? 'selesai' : 'gagal', msg.result.ok ? 'Selesai' : 'Gagal');
        }
        this.recycle(job);
        return;
    }
  }

  /**
   * A warm runner's worker that finished its job cleanly (its connection closed) becomes the spare
   * again: the services stay loaded. One spare at most; a cancelled or crashed worker is never reused.
   */
  private recycle(job: Job): void {
    if (!this.opts.warmWorker) return;
    const worker = job.worker;
    // A worker its job left with a large heap is ended (its memory goes back; 'exit' readies a new spare).
    const bigHeap = (job.workerHeapMb ?? 0) > (this.opts.recycleHeapMb ?? RECYCLE_HEAP_MB);
    if (this.closed || this.spare || bigHeap || Atomics.load(job.state, STATE) === CANCELLED) {
      void worker.terminate();
      return;
    }
    worker.removeAllListeners();
    worker.unref();
    worker.once('exit', () => {
      if (this.spare === worker) this.spare = null;
    });
    worker.on('error', () => undefined);
    this.spare = worker;
  }

  private async printPdf(job: Job, id: number, html: string, opts: Parameters<DocumentPrinter['pdf']>[1]): Promise<void> {
    let reply: ToWorker;
    try {
      if (!this.opts.printer) throw new Error('Pembuatan PDF tidak tersedia di sini.');
      const pdf = await this.opts.printer.pdf(html, opts);
      reply = { type: 'pdf', id, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) };
    } catch (err) {
      reply = { type: 'pdf', id, error: err instanceof Error ? err.message : String(err) };
    }
    if (job.status === 'berjalan') job.worker.postMessage(reply);
  }

  /** The system print dialog is the shell's (an Electron window): opened here with the page the worker made. */
  private async printDialog(job: Job, id: number, html: string, opts: Parameters<DocumentPrinter['pdf']>[1]): Promise<void> {
    let error: string | null = null;
    try {
      if (!this.opts.printer?.print) throw new Error('Dialog cetak tidak tersedia di sini.');
      await this.opts.printer.print(html, opts);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (job.status === 'berjalan') job.worker.postMessage({ type: 'print', id, error } satisfies ToWorker);
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'berjalan');
    while (finished.length > KEEP_FINISHED) this.jobs.delete(finished.shift()!.id);
  }
}
