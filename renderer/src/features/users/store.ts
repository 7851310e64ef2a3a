import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Bank, User, UserSaveInput } from '@contract';
import { call } from '@/api';

/**
 * The users of this database file (admin only). users.list has no search of its own: the list is
 * short, so the toolbar's search and "show inactive" filter the rows here.
 */
export const useUsersStore = defineStore('users', () => {
  const all = ref<User[]>([]);
  const banks = ref<Bank[]>([]);
  const loading = ref(false);
  const search = ref('');
  const includeInactive = ref(false);

  const rows = computed(() => {
    const q = search.value.trim().toLowerCase();
    return all.value.filter((u) => (includeInactive.value || u.aktif) && (!q || [u.username, u.nama, u.bankNama ?? ''].some((v) => v.toLowerCase().includes(q))));
  });

  async function load(): Promise<void> {
    loading.value = true;
    try {
      all.value = await call('users.list', {});
    } finally {
      loading.value = false;
    }
  }

  /** Partner banks a bank officer can be bound to (inactive ones too: a user may still be bound to one). */
  async function loadBanks(): Promise<void> {
    banks.value = await call('banks.list', { includeInactive: true });
  }

  async function save(input: UserSaveInput): Promise<User> {
    const saved = await call('users.save', input);
    await load();
    return saved;
  }

  async function setActive(id: number, aktif: boolean): Promise<void> {
    await call('users.setActive', { id, aktif });
    await load();
  }

  async function resetPassword(id: number, passwordBaru: string): Promise<User> {
    const saved = await call('users.resetPassword', { id, passwordBaru });
    await load();
    return saved;
  }

  return { all, rows, banks, loading, search, includeInactive, load, loadBanks, save, setActive, resetPassword };
});
