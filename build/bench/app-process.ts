/**
 * The long jobs' table (stall.ts) measured in a process of its own, as the app's main process
 * runs them: a runtime on the bench's copy and nothing else, its workers inside it (worker
 * threads share their process's memory, as in Electron's main process). The bench's own process
 * holds what the app never does — the planted claim's lines it checks results against, the
 * baselines' rows, the data set's steps before — so its resident memory and its garbage
 * collections (a major collection walks the whole heap on the runtime's thread) were not the
 * app's. Here the peak is the app's process's peak: the runtime's thread and its workers.
 *
 * Started by bench.ts through `child_process.fork` (./app-child.ts); the result rows come back
 * by IPC. The child opens the same file as the bench's runtime (WAL: both may, and the bench's
 * connection is idle meanwhile).
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { JobStallResult } from './stall';

/** What the child runs: the file, the bench's dates, and the claim file to import as the screen does (none: no import row). */
export interface AppProcessInput {
  databasePath: string;
  period: string;
  today: string;
  pdf: boolean;
  idleMs: number;
  claim: { file: string; bankId: number; lines: number; total: number } | null;
  /** One way per process: what a row starts from is then what the same way left (the app runs every long job as a job). */
  only?: 'langsung' | 'job';
}

export type AppChildMessage = { type: 'log'; line: string } | { type: 'done'; rows: JobStallResult[] } | { type: 'error'; message: string };

/**
 * The long jobs as the app runs them (the claim import, then each as a job) in one process, then
 * each on the thread in another (the reference the jobs are compared with): a job's row never
 * starts from what the same job on the thread left resident.
 */
export async function appProcessJobs(input: AppProcessInput, log: (line: string) => void = () => undefined): Promise<JobStallResult[]> {
  const asJobs = await appProcess({ ...input, only: 'job' }, log);
  const onThread = await appProcess({ ...input, claim: null, only: 'langsung' }, log);
  return [...asJobs, ...onThread];
}

/** Runs the long jobs in a child process and gives back its rows. */
function appProcess(input: AppProcessInput, log: (line: string) => void): Promise<JobStallResult[]> {
  // tsx's CommonJS hook: the child is TypeScript, whether the bench runs under tsx or vitest.
  const tsx = createRequire(__filename).resolve('tsx/cjs', { paths: [__dirname, process.cwd()] });
  const child = fork(path.join(__dirname, 'app-child.ts'), [JSON.stringify(input)], { execArgv: ['--require', tsx], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let rows: JobStallResult[] | null = null;
    child.on('message', (msg: AppChildMessage) => {
      if (msg.type === 'log') log(msg.line);
      else if (msg.type === 'done') rows = msg.rows;
      else reject(new Error(`proses aplikasi: ${msg.message}`));
    });
    child.on('error', reject);
    child.on('exit', (code) => (rows ? resolve(rows) : reject(new Error(`proses aplikasi berhenti (kode ${code}) tanpa hasil`))));
  });
}
