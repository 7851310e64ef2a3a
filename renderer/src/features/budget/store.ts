import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BudgetLine, BudgetSaveInput, BudgetYear } from '@contract';
import { todayIso } from '@domain/format';
import { ApiError, call } from '@/api';
import { useLatestOnly } from '@/composables/useLatestOnly';
import { useJob } from '@/composables/useJob';
import { JobCancelledError } from '@/jobs';

/** The budget (pagu) of one fiscal year: its lines with what was paid, and the projection. */
export const useBudgetStore = defineStore('budget', () => {
  const tahun = ref(Number(todayIso().slice(0, 4)));
  const year = ref<BudgetYear | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const latestOnly = useLatestOnly(loading);
  // The projection reads every running loan: a job, with its step and Cancel.
  const job = useJob();

  async function load(): Promise<void> {
    error.value = null;
    await latestOnly(
      () => job.run('budget.year', { tahun: tahun.value }),
      (result) => (year.value = result),
      (err) => {
        year.value = null;
        error.value = err instanceof JobCancelledError ? null : err instanceof ApiError ? err.message : String(err);
      },
    );
  }

  /** Saves a line, then shows the year it belongs to. */
  async function save(input: BudgetSaveInput): Promise<BudgetLine> {
    const saved = await call('budget.save', input);
    tahun.value = saved.tahun;
    await load();
    return saved;
  }

  return { tahun, year, loading, error, job: job.state, cancel: job.cancel, load, save };
});
