import { ref, type Ref } from 'vue';
import type { BudgetLine } from '@contract';
import { ApiError } from '@/api';
import { runJob } from '@/jobs';
import { useLatestOnly } from './useLatestOnly';

/**
 * The budget lines (pagu) of one kind for the year of a payment's date: a payment is charged to
 * its own year's pagu. Keeps `chosenId` valid: the only line of the year is chosen by itself, a
 * choice not among the year's lines is dropped. A later request wins over an earlier one.
 */
export function useBudgetLinesOfYear(jenis: BudgetLine['jenis'], chosenId: Ref<number | null>) {
  const lines = ref<BudgetLine[]>([]);
  const year = ref<number | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const latestOnly = useLatestOnly(loading);

  async function load(tahun: number): Promise<void> {
    year.value = tahun;
    error.value = null;
    await latestOnly(
      // budget.year also projects the year's costs over every running loan: off the main process.
      () => runJob('budget.year', { tahun }),
      (budget) => {
        lines.value = budget.lines.filter((l) => l.jenis === jenis);
        if (!lines.value.some((l) => l.id === chosenId.value)) chosenId.value = lines.value.length === 1 ? lines.value[0]!.id : null;
      },
      (err) => {
        lines.value = [];
        chosenId.value = null;
        error.value = err instanceof ApiError ? err.message : String(err);
      },
    );
  }

  /** Follows a payment date: loads its year's lines when the year changes (or always, with `reload`). */
  function follow(tanggal: string | null, reload = false): void {
    if (!tanggal) {
      latestOnly.invalidate();
      lines.value = [];
      year.value = null;
      error.value = null;
      chosenId.value = null;
      return;
    }
    const tahun = Number(tanggal.slice(0, 4));
    if (reload || tahun !== year.value) void load(tahun);
  }

  return { lines, year, loading, error, follow };
}
