import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BudgetLine, BudgetSaveInput, BudgetYear } from '@contract';
import { todayIso } from '@domain/format';
import { ApiError, call } from '@/api';
import { useLatestOnly } from '@/composables/useLatestOnly';

/** The budget (pagu) of one fiscal year: its lines with what was paid, and the projection. */
export const useBudgetStore = defineStore('budget', () => {
  const tahun = ref(Number(todayIso().slice(0, 4)));
  const year = ref<BudgetYear | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const latestOnly = useLatestOnly(loading);

  async function load(): Promise<void> {
    error.value = null;
    await latestOnly(
      () => call('budget.year', { tahun: tahun.value }),
      (result) => (year.value = result),
      (err) => {
        year.value = null;
        error.value = err instanceof ApiError ? err.message : String(err);
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

  return { tahun, year, loading, error, load, save };
});
