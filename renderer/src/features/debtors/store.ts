import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Debtor, DebtorEditInput } from '@contract';
import { call } from '@/api';
import { useLatestOnly } from '@/composables/useLatestOnly';

/** One page of debtors at a time: filtering and paging happen in SQL, so 100,000 rows stay quick. */
export const useDebtorsStore = defineStore('debtors', () => {
  const rows = ref<Debtor[]>([]);
  const total = ref(0);
  /** `total` is a cap, not a count (a search of 1–2 characters: Page.totalCapped). */
  const totalCapped = ref(false);
  const page = ref(1);
  const pageSize = ref(50);
  const search = ref('');
  const kecamatanId = ref<number | undefined>();
  const includeInactive = ref(false);
  const loading = ref(false);
  const latestOnly = useLatestOnly(loading);

  async function load(): Promise<void> {
    // Answers can arrive out of order while the user types; only the latest one counts.
    await latestOnly(
      () =>
        call('debtors.list', {
          search: search.value,
          kecamatanId: kecamatanId.value,
          includeInactive: includeInactive.value,
          page: page.value,
          pageSize: pageSize.value,
        }),
      (result) => {
        rows.value = result.rows;
        total.value = result.total;
        totalCapped.value = result.totalCapped === true;
      },
    );
  }

  async function save(input: DebtorEditInput): Promise<Debtor> {
    const saved = await call('debtors.save', input);
    await load();
    return saved;
  }

  async function setActive(id: number, aktif: boolean): Promise<void> {
    await call('debtors.setActive', { id, aktif });
    await load();
  }

  return { rows, total, totalCapped, page, pageSize, search, kecamatanId, includeInactive, loading, load, save, setActive };
});
