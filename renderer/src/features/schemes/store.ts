import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Scheme, SchemeSaveInput } from '@contract';
import { call } from '@/api';

export const useSchemesStore = defineStore('schemes', () => {
  const rows = ref<Scheme[]>([]);
  const loading = ref(false);
  const includeInactive = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      rows.value = await call('schemes.list', { includeInactive: includeInactive.value });
    } finally {
      loading.value = false;
    }
  }

  async function save(input: SchemeSaveInput): Promise<Scheme> {
    const saved = await call('schemes.save', input);
    await load();
    return saved;
  }

  async function setActive(id: number, aktif: boolean): Promise<void> {
    await call('schemes.setActive', { id, aktif });
    await load();
  }

  return { rows, loading, includeInactive, load, save, setActive };
});
