import type { Database } from '../../database/connection';
import type { Caller } from './auth/caller';
import type { SessionStore } from './auth/sessions';
import type { DataSafety } from './backup/host';
import type { DocumentPrinter } from './documents/printer';
import type { JobRunner } from './jobs/runner';

/** What every handler gets besides its input: the database and who is asking. */
export interface ServiceContext {
  db: Database;
  /** The name written in the audit trail: the signed-in user of this call, or the trusted caller's. */
  readonly user: string;
  /** Who makes the call in progress (role, bank), for rules that depend on it (four-eyes). */
  caller: () => Caller;
  /** Open sign-in sessions (the auth service opens and closes them). */
  sessions: SessionStore;
  /** The clock, in milliseconds, injectable so lock-out tests need not wait. */
  now: () => number;
  /** Today's date (ISO), injectable so tests are deterministic. */
  today: () => string;
  appVersion: string;
  databasePath: string;
  /**
   * Backups, restore and the start-up state of the database (electron/services/backup/host.ts).
   * A restore replaces `db`: the runtime then builds the handlers anew on the new connection.
   */
  dataSafety: DataSafety;
  /**
   * Turns document HTML into PDF and opens the print dialog, provided by the runner: the Electron
   * shell (printToPDF, webContents.print) or Node (Chromium via playwright-core). Absent: no PDF.
   */
  printer?: DocumentPrinter;
  /**
   * Long jobs in worker threads (electron/services/jobs): the runtime's runner; absent inside a
   * job's worker (a job does not start jobs).
   */
  jobs?: JobRunner;
  /**
   * Tells the job's starter how far a long call is (`tahap` in Indonesian; `done`/`total` for a
   * percentage). Set inside a job's worker; elsewhere absent, so services call it as
   * `ctx.progress?.(…)`. Inside a job it also stops the job at that point when it was cancelled.
   */
  progress?: (tahap: string, done?: number, total?: number) => void;
}
