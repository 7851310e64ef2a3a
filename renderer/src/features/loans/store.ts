import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Bank, Loan, Scheme, StatusPinjaman } from '@contract';
import { call } from '@/api';

/** One page of loans at a time: filtering and paging happen in SQL (loans.list). */
export const useLoansStore = defineStore('loans', () => {
  const rows = ref<Loan[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(50);
  const search = ref('');
  const bankId = ref<number | undefined>();
  const status = ref<StatusPinjaman | undefined>();
  const loading = ref(false);
  let requestSeq = 0;

  async function load(): Promise<void> {
    // Answers can arrive out of order while the user types; only the latest one counts.
    const seq = ++requestSeq;
    loading.value = true;
    try {
      const result = await call('loans.list', {
        search: search.value,
        // el-select's clear button sets '' or null; neither is a filter.
        bankId: bankId.value || undefined,
        status: status.value || undefined,
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

  return { rows, total, page, pageSize, search, bankId, status, loading, load };
});

/**
 * Banks (with their branches) and schemes for the loan screens' pickers and filters. Inactive ones
 * are kept: an existing loan may sit at a bank or scheme that has since been deactivated.
 */
export const useLoanLookupsStore = defineStore('loanLookups', () => {
  const banks = ref<Bank[]>([]);
  const schemes = ref<Scheme[]>([]);

  async function load(): Promise<void> {
    const [b, s] = await Promise.all([call('banks.list', { includeInactive: true }), call('schemes.list', { includeInactive: true })]);
    banks.value = b;
    schemes.value = s;
  }

  return { banks, schemes, load };
});
