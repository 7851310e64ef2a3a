import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Debtor, DebtorSaveInput } from '@contract';
import { call } from '@/api';

/** One page of debtors at a time: filtering and paging happen in SQL, so 100,000 rows stay quick. */
export const useDebtorsStore = defineStore('debtors', () => {
  const rows = ref<Debtor[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(50);
  const search = ref('');
  const kecamatanId = ref<number | undefined>();
  const includeInactive = ref(false);
  const loading = ref(false);
  let requestSeq = 0;

  async function load(): Promise<void> {
    // Answers can arrive out of order while the user types; only the latest one counts.
    const seq = ++requestSeq;
    loading.value = true;
    try {
      const result = await call('debtors.list', {
        search: search.value,
        kecamatanId: kecamatanId.value,
        includeInactive: includeInactive.value,
        page: page.value,
        pageSize: pageSize.value,
      });
      if (seq !== requestSeq) return;
      rows.value = result.rows;
      total.value = result.total;
    } finally {
      if (seq === requestSeq) loading.value = false;
    }
  }

  async function save(input: DebtorSaveInput): Promise<Debtor> {
    const saved = await call('debtors.save', input);
    await load();
    return saved;
  }

  async function setActive(id: number, aktif: boolean): Promise<void> {
    await call('debtors.setActive', { id, aktif });
    await load();
  }

  return { rows, total, page, pageSize, search, kecamatanId, includeInactive, loading, load, save, setActive };
});
