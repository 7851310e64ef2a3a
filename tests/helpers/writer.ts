/**
 * Drives tests/fixtures/db-writer.ts as a child process: waits on what it prints (never on the
 * clock) and kills it with SIGKILL, as a crash or a pulled plug of the process would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Database } from '../../database/connection';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'tests', 'fixtures', 'db-writer.ts');

export interface Writer {
  child: ChildProcess;
  /** The last batch the child reported committed (0 before the first). */
  readonly lastCommitted: number;
  /** Resolves once a printed line satisfies `test` (at once if one already did). */
  waitFor: (test: (line: string) => boolean, what: string) => Promise<string>;
  /** Resolves once the child has reported batch `n` (or a later one) committed. */
  waitForCommit: (n: number) => Promise<void>;
  /** kill -9, and resolves when the process is gone and all it printed has been read. */
  kill: () => Promise<void>;
}

/**
 * Starts the writer: `node --import tsx` (one process, so the pid killed is the writer itself,
 * not a launcher), with the repository as working directory so that `tsx` resolves.
 */
export function startWriter(databasePath: string, mode: string, rowsPerBatch = 200, bytesPerRow = 1024): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, databasePath, mode, String(rowsPerBatch), String(bytesPerRow)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  let exited: string | null = null;
  let lastCommitted = 0;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  let pending = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      const m = /^commit (\d+)$/.exec(line);
      if (m) lastCommitted = Number(m[1]);
    }
    wake();
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
  });
  // 'close', not 'exit': only then has everything the child printed been read.
  const gone = new Promise<void>((resolve) =>
    child.on('close', (code, signal) => {
      exited = `exit ${code ?? ''}${signal ?? ''}`;
      wake();
      resolve();
    }),
  );

  const waitFor = (test: (line: string) => boolean, what: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = lines.find(test);
        if (found !== undefined) {
          waiters.delete(check);
          resolve(found);
        } else if (exited) {
          waiters.delete(check);
          reject(new Error(`writer ended (${exited}) before "${what}": ${stderr}`));
        }
      };
      waiters.add(check);
      check();
    });

  return {
    child,
    get lastCommitted() {
      return lastCommitted;
    },
    waitFor,
    waitForCommit: async (n) => {
      await waitFor((line) => Number(/^commit (\d+)$/.exec(line)?.[1] ?? 0) >= n, `commit ${n}`);
    },
    kill: async () => {
      if (!exited) child.kill('SIGKILL');
      await gone;
    },
  };
}

/** Rows per batch of uji_tulis: every batch 1..max must be whole (no half transaction, no gap). */
export function batchesOf(db: Database, rowsPerBatch: number): { batches: number; complete: boolean; rows: number } {
  const groups = db.prepare('SELECT batch, count(*) AS n FROM uji_tulis GROUP BY batch ORDER BY batch').all() as { batch: number; n: number }[];
  const rows = groups.reduce((sum, g) => sum + g.n, 0);
  const complete = groups.every((g, i) => g.batch === i + 1 && g.n === rowsPerBatch);
  return { batches: groups.length, complete, rows };
}
