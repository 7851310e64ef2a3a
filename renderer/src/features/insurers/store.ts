import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Insurer, InsurerSaveInput } from '@contract';
import { call } from '@/api';

export const useInsurersStore = defineStore('insurers', () => {
  const rows = ref<Insurer[]>([]);
  const loading = ref(false);
  const search = ref('');
  const includeInactive = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      rows.value = await call('insurers.list', { search: search.value, includeInactive: includeInactive.value });
    } finally {
      loading.value = false;
    }
  }

  async function save(input: InsurerSaveInput): Promise<Insurer> {
    const saved = await call('insurers.save', input);
    await load();
    return saved;
  }

  async function setActive(id: number, aktif: boolean): Promise<void> {
    await call('insurers.setActive', { id, aktif });
    await load();
  }

  return { rows, loading, search, includeInactive, load, save, setActive };
});
