/**
 * Long calls as jobs (docs/long-jobs.md): starts the channel in the main process's worker with
 * jobs.start, polls jobs.status for its step and percentage, and cancels it when `signal` aborts.
 * Resolves with the channel's own output, or throws the channel's own error (an ApiError), or a
 * JobCancelledError when it was cancelled before it saved anything.
 */
import type { InputOf, JobChannel, JobStatus, OutputOf } from '@contract';
import { ApiError, call } from '@/api';

/** How often the step is asked for while a job runs. */
const POLL_MS = 250;

export class JobCancelledError extends ApiError {}

export interface JobOptions {
  onProgress?: (status: JobStatus) => void;
  signal?: AbortSignal;
}

export async function runJob<C extends JobChannel>(channel: C, input: InputOf<C>, opts: JobOptions = {}): Promise<OutputOf<C>> {
  let status = await call('jobs.start', { channel, input });
  const cancel = () => void call('jobs.cancel', { jobId: status.jobId }).catch(() => undefined);
  if (opts.signal?.aborted) cancel();
  opts.signal?.addEventListener('abort', cancel, { once: true });
  try {
    while (status.status === 'berjalan') {
      opts.onProgress?.(status);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      status = await call('jobs.status', { jobId: status.jobId });
    }
  } finally {
    opts.signal?.removeEventListener('abort', cancel);
  }
  opts.onProgress?.(status);
  if (status.status === 'selesai') return JSON.parse(status.hasilJson ?? 'null') as OutputOf<C>;
  const error = status.galat ?? { code: 'INTERNAL' as const, message: 'Pekerjaan berhenti tanpa hasil.' };
  throw status.status === 'dibatalkan' ? new JobCancelledError(error) : new ApiError(error);
}
