/**
 * The first start after an update whose migration fills an index (debtor_search took ~13 s at
 * 1,000,000 debtors) showed no window at all until the migrations ended: the clerk took the app
 * for broken. The shell (electron/main.ts) asks here first whether the file has migrations
 * pending; if so it shows a small "Memperbarui basis data…" window and runs them with
 * migrateBeforeStart, in a worker thread, so the main process (and that window) stay responsive;
 * then it opens the runtime as always, which finds nothing left to migrate.
 *
 * The worker does what the runtime's start does, in the same order: it checks the file (integrity,
 * schema: checkDatabaseFile for 'start') and migrates it only when sound. A file refused by the
 * check is left untouched for the runtime, which opens its recovery screen as before; a migration
 * that fails rolls back (one transaction) and the runtime's own attempt reports it as before.
 * Nothing here imports Electron: the tests run it under Node.
 */
import fs from 'node:fs';
import { pendingMigrations } from '../../../database/connection';
import type { FileCheck } from '../../../database/backup';
import { startWorker } from '../worker-start';

export { pendingMigrations };

/**
 * Above this size the start's own check of the file (integrity_check; quick_check above 512 MB,
 * database/backup.ts) takes seconds on every start — ~22 s of quick_check on the 4 GB file of
 * 1,000,000 loans — with no window either: the window then shows for that check alone too.
 */
export const SLOW_CHECK_ABOVE_BYTES = 64 * 1024 * 1024;

/** What the start has to do before the app's window: run pending migrations, only check a big file, or nothing worth a window. */
export type StartupWork = 'migrate' | 'check';

export function startupWork(databasePath: string, slowCheckAboveBytes: number = SLOW_CHECK_ABOVE_BYTES): StartupWork | null {
  if (pendingMigrations(databasePath)) return 'migrate';
  try {
    return fs.statSync(databasePath).size > slowCheckAboveBytes ? 'check' : null;
  } catch {
    return null;
  }
}

/** What the start-up window shows: the file being checked, then each migration as it runs. */
export type StartupProgress = { phase: 'check' } | { phase: 'migrate'; step: number; steps: number; name: string };

/** The worker's messages (./worker.ts). `threadId`: the thread that did the work (never the caller's). */
export type StartupWorkerReply =
  | { type: 'progress'; progress: StartupProgress; threadId: number }
  | { type: 'done'; check: FileCheck; migrated: boolean; threadId: number }
  | { type: 'error'; message: string; threadId: number };

export interface StartupOutcome {
  /** The start-up check of the file, made in the worker before migrating: the runtime need not check it again. Null when the worker failed. */
  check: FileCheck | null;
  /** True when the pending migrations were applied. */
  migrated: boolean;
  /** The worker's failure (a migration that failed, rolled back); the runtime's start then reports it. */
  error: string | null;
  /** The worker thread's id (it is not the main thread: the window was answered meanwhile). */
  threadId: number | null;
}

/** Checks and migrates the file at `databasePath` in a worker thread, reporting progress. */
export function migrateBeforeStart(databasePath: string, onProgress: (p: StartupProgress) => void = () => undefined): Promise<StartupOutcome> {
  return new Promise((resolve) => {
    const worker = startWorker(__dirname, 'worker', { databasePath });
    let settled = false;
    const finish = (outcome: StartupOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    worker.on('message', (msg: StartupWorkerReply) => {
      if (msg.type === 'progress') onProgress(msg.progress);
      else if (msg.type === 'done') finish({ check: msg.check, migrated: msg.migrated, error: null, threadId: msg.threadId });
      else finish({ check: null, migrated: false, error: msg.message, threadId: msg.threadId });
    });
    worker.on('error', (err) => finish({ check: null, migrated: false, error: err.message, threadId: null }));
    worker.on('exit', (code) => finish({ check: null, migrated: false, error: `Proses pembaruan basis data berhenti (kode ${code}).`, threadId: null }));
  });
}

/** The start-up window's words, Indonesian unless the system speaks English (the window comes before the app's own language setting is readable). */
export function startupText(systemLocale: string, progress: StartupProgress | null, work: StartupWork = 'migrate'): { title: string; line: string; note: string } {
  const en = systemLocale.toLowerCase().startsWith('en');
  const title = work === 'check' ? (en ? 'Checking the database…' : 'Memeriksa basis data…') : en ? 'Updating the database…' : 'Memperbarui basis data…';
  const note =
    work === 'check'
      ? en
        ? 'Checking a large database file at start can take up to a minute. Please do not close the application.'
        : 'Pemeriksaan berkas basis data yang besar saat mulai dapat memakan waktu hingga satu menit. Mohon jangan tutup aplikasi.'
      : en
        ? 'The first start after an update can take a minute on a large database. Please do not close the application.'
        : 'Mulai pertama setelah pembaruan dapat memakan waktu hingga satu menit pada basis data yang besar. Mohon jangan tutup aplikasi.';
  if (!progress) return { title, line: '', note };
  const line =
    progress.phase === 'check'
      ? en
        ? 'Checking the database file…'
        : 'Memeriksa berkas basis data…'
      : en
        ? `Step ${progress.step} of ${progress.steps}`
        : `Langkah ${progress.step} dari ${progress.steps}`;
  return { title, line, note };
}

/** The start-up window's page at one step (a data: URL, no script: the window loads the next step's page). */
export function startupPage(systemLocale: string, progress: StartupProgress | null, work: StartupWork = 'migrate'): string {
  const { title, line, note } = startupText(systemLocale, progress, work);
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="${systemLocale.toLowerCase().startsWith('en') ? 'en' : 'id'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Gerbang Serasan</title>
<style>body{font-family:system-ui,sans-serif;margin:0;padding:24px;color:#1f2d3d;background:#fff}h1{font-size:18px;margin:0 0 12px}
#langkah{font-size:14px;min-height:20px;margin:0 0 12px}p.catatan{font-size:13px;color:#5a6b7b;margin:0}
.bar{height:4px;background:#e4e7ed;overflow:hidden;border-radius:2px;margin:0 0 16px}.bar i{display:block;height:4px;width:30%;background:#409eff;animation:jalan 1.4s linear infinite}
@keyframes jalan{from{margin-left:-30%}to{margin-left:100%}}</style></head>
<body><h1>${esc(title)}</h1><div class="bar"><i></i></div><p id="langkah">${esc(line)}</p><p class="catatan">${esc(note)}</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
