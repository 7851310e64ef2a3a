import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Bank, ClaimStatus, ClaimSummary } from '@contract';
import { ApiError, call } from '@/api';
import { useLatestOnly } from '@/composables/useLatestOnly';

/**
 * The claims list's filters and page, kept in a store so they survive opening a claim and
 * coming back. A bank's liaison officer gets only their own bank's claims (the main process
 * narrows the list whatever is asked).
 */
export const useClaimsStore = defineStore('claims', () => {
  const banks = ref<Bank[]>([]);
  const bankId = ref<number | null>(null);
  const periode = ref<string | null>(null);
  const status = ref<ClaimStatus | null>(null);
  const page = ref(1);
  const pageSize = 50;
  const rows = ref<ClaimSummary[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const latestOnly = useLatestOnly(loading);

  async function loadBanks(): Promise<void> {
    banks.value = await call('banks.list', { includeInactive: true });
  }

  async function load(): Promise<void> {
    error.value = null;
    await latestOnly(
      () =>
        call('claims.list', {
          ...(bankId.value !== null ? { bankId: bankId.value } : {}),
          ...(periode.value ? { periode: periode.value } : {}),
          ...(status.value ? { status: status.value } : {}),
          page: page.value,
          pageSize,
        }),
      (result) => {
        rows.value = result.rows;
        total.value = result.total;
      },
      (err) => {
        rows.value = [];
        total.value = 0;
        error.value = err instanceof ApiError ? err.message : String(err);
      },
    );
  }

  return { banks, bankId, periode, status, page, pageSize, rows, total, loading, error, loadBanks, load };
});
