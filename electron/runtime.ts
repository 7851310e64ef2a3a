import { dropAllStaging } from '../database/repositories/import-staging';
import type { Database } from '../database/connection';
import type { FileCheck } from '../database/backup';
import { todayIso } from './domain/format';
import { createHandlers, type Handlers } from './services/index';
import type { ServiceContext } from './services/context';
import { currentCaller, currentOrigin, type Caller } from './services/auth/caller';
import { setAuditOrigin } from '../database/repositories/audit';
import { refuseNetworkShare } from './office/network-share';
import { callWithSession } from './services/auth/gate';
import { SessionStore } from './services/auth/sessions';
import { cleanLeftovers, type LeftoversRemoved } from './services/backup/leftovers';
import { DatabaseHost, RECOVERY_CHANNELS, guardedHandlers } from './services/backup/host';
import { dispatch } from './services/dispatch';
import type { BackupEntry, DatabaseHealth, Result } from './contract';
import type { DocumentPrinter } from './services/documents/printer';
import { JobRunner } from './services/jobs/runner';
import packageJson from '../package.json';

export interface Runtime {
  /** The current connection: a restore replaces it (read it again after one; do not keep it). */
  readonly db: Database;
  /**
   * What the start-up check found (and 'ok' after a successful restore). When not 'ok' the file is
   * left untouched, `db` is an empty in-memory placeholder and only the recovery channels
   * (backup.health, backup.list, backup.restore) answer, without a session: the user list is in
   * the damaged file.
   */
  readonly health: DatabaseHealth;
  /** Backups and restore outside the contract (the CLI's restore of any file, the daily backup). */
  dataSafety: DatabaseHost;
  /** The automatic backup of the day, rotated; the shell runs it after start. */
  dailyBackup: () => Promise<BackupEntry | null>;
  /**
   * Removes what interrupted work left (partial backups, a restore's staging copy, uploads never
   * imported): run at start by createRuntime and then on a schedule by the shell. Null while the
   * database is not sound.
   */
  housekeeping: () => LeftoversRemoved | null;
  /** Trusted, in-process use (CLI, tests): calls run as the runtime's own user with every right. */
  handlers: Handlers;
  /** Calls from the renderer: the session token decides who calls and what they may do. */
  /** `origin`: where the call comes from ('ipc:<window>', 'http:<address>'); sign-in delays count per origin. */
  callWithSession: (token: string | null, channel: string, input: unknown, origin?: string) => Promise<Result<unknown>>;
  sessions: SessionStore;
  /** Long jobs in worker threads (jobs.start for the renderer; `jobs.run` for trusted callers). */
  jobs: JobRunner;
  close: () => void;
}

export interface RuntimeOptions {
  databasePath: string;
  /** Who trusted calls are written as in the audit trail (e.g. 'cli:budi'). */
  user?: string;
  today?: () => string;
  now?: () => number;
  /** Automatic daily backups kept (default 7). */
  keepAutomaticBackups?: number;
  /** Keep a long-job worker started ahead (electron/services/jobs/runner.ts): the app, the bridge, end-to-end tests. */
  warmJobWorker?: boolean;
  /** The PDF/print step for documents (electron/services/documents/printer.ts); closed with the runtime. */
  printer?: DocumentPrinter;
  /**
   * The file's start-up check, already made by the start-up migration's worker just before
   * (electron/services/startup): a sound file is then not checked a second time (a quick_check of
   * a 4 GB file takes seconds). A refused check is never passed: the host checks for itself.
   */
  startCheck?: FileCheck | null;
}

/**
 * Opens the database and wires the services: the one way the shell, the CLI, the HTTP
 * bridge and the tests get a working backend.
 */
export function createRuntime(opts: RuntimeOptions): Runtime {
  const now = opts.now ?? Date.now;
  // A file on a network share is never opened (it corrupts with several writers): the office
  // shares it through server mode instead (electron/office/network-share.ts says why).
  refuseNetworkShare(opts.databasePath);
  // Checks the file (integrity, schema version) before migrating it; see services/backup/host.ts.
  const host = new DatabaseHost(opts.databasePath, {
    now,
    ...(opts.keepAutomaticBackups ? { keepAutomatic: opts.keepAutomaticBackups } : {}),
    ...(opts.startCheck?.ok ? { startCheck: opts.startCheck } : {}),
  });
  const sessions = new SessionStore(now);
  const trusted: Caller = { userId: null, username: opts.user ?? 'sistem', role: 'sistem', bankId: null, token: null };
  const caller = () => currentCaller() ?? trusted;
  const today = opts.today ?? (() => todayIso());
  const jobs = new JobRunner({
    databasePath: opts.databasePath,
    backupDir: host.backupDir,
    appVersion: packageJson.version,
    today,
    now,
    warmWorker: opts.warmJobWorker === true && host.health.status === 'ok',
    ...(opts.printer ? { printer: opts.printer } : {}),
  });
  const ctx: ServiceContext = {
    db: host.db,
    get user() {
      return caller().username;
    },
    caller,
    sessions,
    now,
    today,
    appVersion: packageJson.version,
    databasePath: opts.databasePath,
    dataSafety: host,
    ...(opts.printer ? { printer: opts.printer } : {}),
    jobs,
  };
  // The daily backup's copy and integrity check take seconds on a big file: in a job's worker.
  host.dailyBackupElsewhere = (keep) => jobs.dailyBackup(keep, trusted);
  // A restore replaces the file under the jobs' own connections: they are cancelled (or, past
  // their commit, finished) before it starts.
  const restore = host.restore.bind(host);
  host.restore = async (backupPath, user) => {
    await jobs.cancelAll();
    return restore(backupPath, user);
  };
  // A restore swaps the connection: the handlers are built anew on it, behind a stable map, and
  // everybody signs in again (the restored file's users may differ).
  // Audit entries name where a call came from (a client PC on an office server); trusted local
  // callers (CLI, tests) leave it empty, as before.
  const auditOrigin = () => {
    const origin = currentOrigin();
    return origin === 'lokal' ? null : origin;
  };
  setAuditOrigin(host.db, auditOrigin);
  let current = createHandlers(ctx);
  host.onReplaced = (db, restored) => {
    setAuditOrigin(db, auditOrigin);
    ctx.db = db;
    current = createHandlers(ctx);
    if (restored) sessions.closeAll();
    // A backup taken while a claim's preview was staged carries its rows: no preview of this run has them.
    if (restored) dropAllStaging(db);
  };
  const handlers = guardedHandlers(() => current, host);
  const housekeeping = (atStart: boolean): LeftoversRemoved | null => {
    if (host.health.status !== 'ok') return null;
    const removed = cleanLeftovers(host.db, opts.databasePath, { now: now(), atStart });
    // Previews live in this runtime's memory: rows an earlier run staged for a commit
    // (imports/staging.ts) can never be committed now, whether it crashed or was closed.
    if (atStart) dropAllStaging(host.db);
    if (removed.files.length > 0) console.log(`[bersih-bersih] ${removed.files.length} berkas sisa dihapus (${Math.round(removed.bytes / 1024)} KB): ${removed.files.join(', ')}`);
    return removed;
  };
  housekeeping(true);
  return {
    get db() {
      return host.db;
    },
    get health() {
      return host.health;
    },
    dataSafety: host,
    jobs,
    dailyBackup: () => host.dailyBackup(),
    housekeeping: () => housekeeping(false),
    handlers,
    sessions,
    callWithSession: (token, channel, input, origin) => {
      if (host.health.status !== 'ok' && RECOVERY_CHANNELS.has(channel)) {
        // Without a session (the users are in the damaged file) — but only at the PC that holds the
        // file: an office server's clients may see the state, never replace its database.
        if (channel === 'backup.restore' && origin?.startsWith('https:')) {
          return Promise.resolve({
            ok: false,
            error: {
              code: 'FORBIDDEN',
              message: 'Basis data di server kantor perlu dipulihkan dari cadangan. Pemulihan hanya dapat dilakukan di PC server itu sendiri (oleh admin di sana).',
            },
          });
        }
        return dispatch(handlers, channel, input);
      }
      return callWithSession(handlers, sessions, token, channel, input, origin);
    },
    close: () => {
      // Workers end with the runtime; a running job's transaction rolls back.
      void jobs.close();
      host.close();
      // The printer may hold a browser; it ends in the background (printer.close() to await it).
      void opts.printer?.close?.().catch(() => undefined);
    },
  };
}
