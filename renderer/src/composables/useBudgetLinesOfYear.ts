import { ref, type Ref } from 'vue';
import type { BudgetLine } from '@contract';
import { ApiError } from '@/api';
import { runJob } from '@/jobs';

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
  let seq = 0;

  async function load(tahun: number): Promise<void> {
    const mine = ++seq;
    year.value = tahun;
    loading.value = true;
    error.value = null;
    try {
      // budget.year also projects the year's costs over every running loan: off the main process.
      const budget = await runJob('budget.year', { tahun });
      if (mine !== seq) return;
      lines.value = budget.lines.filter((l) => l.jenis === jenis);
      if (!lines.value.some((l) => l.id === chosenId.value)) chosenId.value = lines.value.length === 1 ? lines.value[0]!.id : null;
    } catch (err) {
      if (mine !== seq) return;
      lines.value = [];
      chosenId.value = null;
      error.value = err instanceof ApiError ? err.message : String(err);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  /** Follows a payment date: loads its year's lines when the year changes (or always, with `reload`). */
  function follow(tanggal: string | null, reload = false): void {
    if (!tanggal) {
      seq++;
      lines.value = [];
      year.value = null;
      loading.value = false;
      error.value = null;
      chosenId.value = null;
      return;
    }
    const tahun = Number(tanggal.slice(0, 4));
    if (reload || tahun !== year.value) void load(tahun);
  }

  return { lines, year, loading, error, follow };
}
