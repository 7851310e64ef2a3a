import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Bank, Decree, DecreeRow, DecreeRowInput, DecreeSaveInput, Scheme } from '@contract';
import { call } from '@/api';
import { useLatestOnly } from '@/composables/useLatestOnly';

/** The recipient decrees (SK penerima): the list, and one decree with its rows. */
export const useDecreesStore = defineStore('decrees', () => {
  const decrees = ref<Decree[]>([]);
  const loading = ref(false);
  const search = ref('');
  const skemaId = ref<number | null>(null);
  const schemes = ref<Scheme[]>([]);
  const banks = ref<Bank[]>([]);
  const latestList = useLatestOnly(loading);

  async function load(): Promise<void> {
    await latestList(
      () => call('decrees.list', { search: search.value || undefined, skemaId: skemaId.value ?? undefined }),
      (r) => {
        decrees.value = r;
      },
    );
  }

  async function loadSchemes(): Promise<void> {
    schemes.value = await call('schemes.list', { includeInactive: true });
  }

  async function save(input: DecreeSaveInput): Promise<Decree> {
    const saved = await call('decrees.save', input);
    if (decree.value?.id === saved.id) decree.value = saved;
    await load();
    return saved;
  }

  // One decree and its rows.
  const decree = ref<Decree | null>(null);
  const rows = ref<DecreeRow[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(50);
  const rowSearch = ref('');
  const rowBankId = ref<number | null>(null);
  const rowsLoading = ref(false);
  const latestRows = useLatestOnly(rowsLoading);

  async function open(id: number): Promise<void> {
    decree.value = await call('decrees.get', { id });
    rowSearch.value = '';
    rowBankId.value = null;
    page.value = 1;
    await loadRows();
  }

  async function loadRows(): Promise<void> {
    const d = decree.value;
    if (!d) return;
    await latestRows(
      () => call('decrees.rows', { skId: d.id, search: rowSearch.value || undefined, bankId: rowBankId.value ?? undefined, page: page.value, pageSize: pageSize.value }),
      (r) => {
        rows.value = r.rows;
        total.value = r.total;
      },
    );
  }

  async function loadBanks(): Promise<void> {
    banks.value = await call('banks.list', {});
  }

  async function addRow(input: DecreeRowInput): Promise<void> {
    await call('decrees.addRow', input);
    await refresh();
  }

  async function removeRow(id: number): Promise<void> {
    await call('decrees.removeRow', { id });
    await refresh();
  }

  async function refresh(): Promise<void> {
    if (!decree.value) return;
    decree.value = await call('decrees.get', { id: decree.value.id });
    await loadRows();
  }

  return {
    decrees,
    loading,
    search,
    skemaId,
    schemes,
    banks,
    load,
    loadSchemes,
    save,
    loadBanks,
    decree,
    rows,
    total,
    page,
    pageSize,
    rowSearch,
    rowBankId,
    rowsLoading,
    open,
    loadRows,
    addRow,
    removeRow,
  };
});
