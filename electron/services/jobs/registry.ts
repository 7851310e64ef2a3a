/**
 * How each job channel runs in its worker. `readOnly`: the worker opens the database read-only
 * (it only computes and answers); the others write their result in the worker, in the handler's
 * own transaction (see docs/long-jobs.md for why there and not on the runtime's thread).
 * A job's result does not pass gate.ts's after-call filter for a bank's officer (filterForBank):
 * a channel that needs it (banks.list, loans.get) must not become a job without adding that.
 */
import type { JobChannel } from '../../contract';

export interface JobDefinition {
  readOnly: boolean;
  /** The first step shown until the service reports its own. */
  tahap: string;
}

export const JOBS: { readonly [C in JobChannel]: JobDefinition } = {
  'subsidy.run': { readOnly: true, tahap: 'Menghitung subsidi' },
  'budget.year': { readOnly: true, tahap: 'Menghitung proyeksi anggaran' },
  'claims.reconcile': { readOnly: false, tahap: 'Merekonsiliasi tagihan' },
  'documents.render': { readOnly: true, tahap: 'Menyusun dokumen' },
  // The copy is read from the worker's own read-only connection (WAL: one consistent snapshot),
  // and the new file's integrity check — seconds on a large file — runs there too.
  'backup.create': { readOnly: true, tahap: 'Membuat cadangan' },
  // The document is gathered and laid out in the worker; only the print dialog is the runtime's
  // (the shell's printer, asked for by message as a PDF is).
  'documents.print': { readOnly: true, tahap: 'Menyiapkan cetakan' },
  // An import's commit (every kind): its preview's rows are read back from the database
  // (imports/staging.ts), checked again and written in the worker's one transaction.
  'imports.commit': { readOnly: false, tahap: 'Menyimpan impor' },
};

/** The automatic backup of the day: not a channel (nobody asks for it), the runtime starts it after start. */
export const DAILY_BACKUP_TAHAP = 'Membuat cadangan otomatis';
