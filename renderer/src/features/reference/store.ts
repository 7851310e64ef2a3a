import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ReferenceData, ReferenceSaveInput } from '@contract';
import { call } from '@/api';

/** Kecamatan and sectors: loaded once, used by every form that picks one. */
export const useReferenceStore = defineStore('reference', () => {
  const data = ref<ReferenceData>({ kecamatan: [], sektor: [] });
  const activeKecamatan = computed(() => data.value.kecamatan.filter((k) => k.aktif));
  const activeSektor = computed(() => data.value.sektor.filter((s) => s.aktif));

  async function load(): Promise<void> {
    data.value = await call('reference.list', {});
  }

  async function save(input: ReferenceSaveInput): Promise<void> {
    data.value = await call('reference.save', input);
  }

  return { data, activeKecamatan, activeSektor, load, save };
});
