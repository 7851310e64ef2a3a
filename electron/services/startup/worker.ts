/**
 * The start-up migration's worker thread (./migrations.ts): checks the file as the runtime's start
 * does, migrates it when sound, reports each step, closes its connection and ends. Loaded by
 * startWorker (compiled worker.js, a bundle, or worker.ts through tsx).
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { checkDatabaseFile } from '../../../database/backup';
import { openDatabase } from '../../../database/connection';
import type { StartupWorkerReply } from './migrations';

const port = parentPort;
if (!port) throw new Error('worker.ts harus dijalankan sebagai worker thread');
const post = (msg: StartupWorkerReply) => port.postMessage(msg);

try {
  const { databasePath } = workerData as { databasePath: string };
  post({ type: 'progress', progress: { phase: 'check' }, threadId });
  const check = checkDatabaseFile(databasePath, { purpose: 'start' });
  if (!check.ok) {
    post({ type: 'done', check, migrated: false, threadId });
  } else {
    // openDatabase: the same settings and migration (one transaction) as the runtime's start.
    const db = openDatabase(databasePath, { onMigration: (step) => post({ type: 'progress', progress: { phase: 'migrate', ...step }, threadId }) });
    db.close();
    post({ type: 'done', check, migrated: true, threadId });
  }
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err), threadId });
}
