import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Bank, BankSaveInput } from '@contract';
import { call } from '@/api';

export const useBanksStore = defineStore('banks', () => {
  const rows = ref<Bank[]>([]);
  const loading = ref(false);
  const search = ref('');
  const includeInactive = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      rows.value = await call('banks.list', { search: search.value, includeInactive: includeInactive.value });
    } finally {
      loading.value = false;
    }
  }

  async function save(input: BankSaveInput): Promise<Bank> {
    const bank = await call('banks.save', input);
    await load();
    return bank;
  }

  async function setActive(id: number, aktif: boolean): Promise<void> {
    await call('banks.setActive', { id, aktif });
    await load();
  }

  return { rows, loading, search, includeInactive, load, save, setActive };
});
