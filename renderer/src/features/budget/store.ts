import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BudgetLine, BudgetSaveInput, BudgetYear } from '@contract';
import { todayIso } from '@domain/format';
import { ApiError, call } from '@/api';
import { useJob } from '@/composables/useJob';
import { JobCancelledError } from '@/jobs';

/** The budget (pagu) of one fiscal year: its lines with what was paid, and the projection. */
export const useBudgetStore = defineStore('budget', () => {
  const tahun = ref(Number(todayIso().slice(0, 4)));
  const year = ref<BudgetYear | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  // The projection reads every running loan: a job, with its step and Cancel.
  const job = useJob();
  let seq = 0;

  async function load(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const result = await job.run('budget.year', { tahun: tahun.value });
      if (mine !== seq) return;
      year.value = result;
    } catch (err) {
      if (mine !== seq) return;
      year.value = null;
      error.value = err instanceof JobCancelledError ? null : err instanceof ApiError ? err.message : String(err);
    } finally {
      if (mine === seq) loading.value = false;
    }
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
