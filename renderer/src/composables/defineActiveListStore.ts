import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';

/** The three calls of a master-data list whose entries are deactivated rather than deleted. */
export interface ActiveListApi<Row, SaveInput> {
  list(query: { search: string; includeInactive: boolean }): Promise<Row[]>;
  save(input: SaveInput): Promise<Row>;
  setActive(input: { id: number; aktif: boolean }): Promise<unknown>;
}

/**
 * The store of a searchable list of partners (banks, insurers): the rows, the search and the
 * "show inactive" switch; saving or (de)activating reloads the list. One pattern, defined once.
 */
export function defineActiveListStore<Row, SaveInput>(id: string, api: ActiveListApi<Row, SaveInput>) {
  return defineStore(id, () => {
    // Replaced whole on every load, never edited in place.
    const rows = shallowRef<Row[]>([]);
    const loading = ref(false);
    const search = ref('');
    const includeInactive = ref(false);

    async function load(): Promise<void> {
      loading.value = true;
      try {
        rows.value = await api.list({ search: search.value, includeInactive: includeInactive.value });
      } finally {
        loading.value = false;
      }
    }

    async function save(input: SaveInput): Promise<Row> {
      const saved = await api.save(input);
      await load();
      return saved;
    }

    async function setActive(id: number, aktif: boolean): Promise<void> {
      await api.setActive({ id, aktif });
      await load();
    }

    return { rows, loading, search, includeInactive, load, save, setActive };
  });
}
