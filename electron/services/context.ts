import type { Database } from '../../database/connection';
import type { Caller } from './auth/caller';
import type { SessionStore } from './auth/sessions';
import type { DataSafety } from './backup/host';
import type { DocumentPrinter } from './documents/printer';

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
}
