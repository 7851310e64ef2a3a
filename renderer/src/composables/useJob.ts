import { reactive } from 'vue';
import type { InputOf, JobChannel, OutputOf } from '@contract';
import { runJob } from '@/jobs';

/** What <JobProgress> shows: whether a job runs, its step (as the service names it) and percentage. */
export interface JobState {
  running: boolean;
  tahap: string;
  persen: number | null;
  cancelling: boolean;
}

/**
 * One long action of a screen or store: `run` starts the channel as a job and keeps `state` up to
 * date for <JobProgress>; `cancel` asks the main process to stop it (nothing is saved then).
 */
export function useJob() {
  const state = reactive<JobState>({ running: false, tahap: '', persen: null, cancelling: false });
  let controller: AbortController | null = null;

  async function run<C extends JobChannel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    Object.assign(state, { running: true, tahap: '', persen: null, cancelling: false });
    try {
      return await runJob(channel, input, {
        signal: mine.signal,
        onProgress: (s) => {
          if (controller !== mine) return;
          state.tahap = s.tahap;
          state.persen = s.persen;
        },
      });
    } finally {
      if (controller === mine) {
        controller = null;
        Object.assign(state, { running: false, cancelling: false });
      }
    }
  }

  function cancel(): void {
    if (!controller) return;
    state.cancelling = true;
    controller.abort();
  }

  return { state, run, cancel };
}
