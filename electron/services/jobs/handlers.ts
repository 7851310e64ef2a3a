import { contract } from '../../contract';
import type { ServiceContext } from '../context';
import { validationError } from '../dispatch';
import { ServiceError } from '../errors';
import type { HandlersFor } from '../index';

/** jobs.start/status/cancel: the renderer's door to the JobRunner (the gate already checked the target channel's rules). */
export function jobHandlers(ctx: ServiceContext): HandlersFor<'jobs'> {
  const runner = () => {
    if (!ctx.jobs) throw new ServiceError('CONFLICT', 'Pekerjaan latar tidak dapat dimulai dari pekerjaan latar lain.');
    return ctx.jobs;
  };
  return {
    'jobs.start': async ({ channel, input }) => {
      // Refused at once, as the channel itself would refuse it, rather than after a worker starts.
      const parsed = contract[channel].input.safeParse(input ?? undefined);
      if (!parsed.success) {
        const error = validationError(parsed.error);
        throw new ServiceError(error.code, error.message, error.fields);
      }
      return runner().start(channel, input, ctx.caller()).snapshot();
    },
    'jobs.status': async ({ jobId }) => {
      const jobs = runner();
      const job = jobs.get(jobId, ctx.caller());
      // A large output (a 1,000,000-loan bank's run: ~300 MB) decoded a piece at a time, not in one hold of the thread.
      if (job.status === 'selesai') await job.resultText();
      const status = job.snapshot();
      // The final status carries the result to its starter once; then the job is forgotten.
      jobs.forget(job);
      return status;
    },
    'jobs.cancel': async ({ jobId }) => {
      const jobs = runner();
      return jobs.cancel(jobs.get(jobId, ctx.caller()));
    },
  };
}
