/**
 * Long jobs: a call that may take seconds on a big data set (the subsidy run, the reconciliation,
 * the budget projection, documents) runs in a worker thread, so the process holding the services
 * answers every other call meanwhile. The renderer starts one with `jobs.start` (the channel and
 * its usual input), polls `jobs.status` for the step and percentage, and may `jobs.cancel` it; the
 * result is the channel's usual output. Trusted callers (CLI, tests) may still call the channel
 * itself and await it. See docs/long-jobs.md.
 */
import { z } from 'zod';
import type { AppError } from './common';
import { returns } from './common';

/** The channels that may run as a job (each also stays an ordinary channel). */
export const JOB_CHANNELS = ['subsidy.run', 'budget.year', 'claims.reconcile', 'documents.render', 'backup.create', 'documents.print', 'imports.commit'] as const;
export type JobChannel = (typeof JOB_CHANNELS)[number];

export const JOB_STATUSES = ['berjalan', 'selesai', 'gagal', 'dibatalkan'] as const;
export type JobState = (typeof JOB_STATUSES)[number];

export interface JobStatus {
  jobId: string;
  channel: JobChannel;
  status: JobState;
  /** The step in progress, in Indonesian (e.g. "Mencocokkan baris tagihan"). */
  tahap: string;
  /** 0–100 when the step knows how far it is, null when it only knows its step. */
  persen: number | null;
  /**
   * The channel's output once `selesai` (the same value the channel itself returns), as JSON text:
   * the worker serialises it, the main process passes the text on without rebuilding a large
   * result's objects on its thread (100,000 lines would stall it), and the renderer parses it.
   */
  hasilJson: string | null;
  /** Why it failed (`gagal`), the channel's own typed error. */
  galat: AppError | null;
  /** When cancel came too late (the result was already being saved): the job finishes instead. */
  batalDitolak?: string;
}

const jobId = z.string().uuid('Nomor pekerjaan tidak dikenal');

export const jobStartInput = z.object({
  channel: z.enum(JOB_CHANNELS, { error: 'Pekerjaan ini tidak dapat dijalankan di latar belakang' }),
  /** The channel's own input, validated by that channel's schema when the job starts. */
  input: z.unknown(),
});

export const jobsContract = {
  'jobs.start': { input: jobStartInput, output: returns<JobStatus>() },
  'jobs.status': { input: z.object({ jobId }), output: returns<JobStatus>() },
  'jobs.cancel': { input: z.object({ jobId }), output: returns<JobStatus>() },
} as const;
