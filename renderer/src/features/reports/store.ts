import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Bank, DocumentKindInfo, Loan, ReferenceData, Scheme } from '@contract';
import { call } from '@/api';

/** What the report picker offers: the kinds the signed-in role may print and the filter choices. */
export const useReportsStore = defineStore('reports', () => {
  const kinds = ref<DocumentKindInfo[]>([]);
  const banks = ref<Bank[]>([]);
  const schemes = ref<Scheme[]>([]);
  const reference = ref<ReferenceData>({ kecamatan: [], sektor: [] });
  const loans = ref<Loan[]>([]);

  /** Kinds first; the choices each role may read (a bank's officer reads only banks). */
  async function load(staff: boolean): Promise<void> {
    const [k, b] = await Promise.all([call('documents.kinds', {}), call('banks.list', {})]);
    kinds.value = k;
    banks.value = b;
    if (staff) {
      const [s, r] = await Promise.all([call('schemes.list', {}), call('reference.list', {})]);
      schemes.value = s;
      reference.value = r;
    }
  }

  /** Loans for the history sheet's picker, searched by account number, NIK or name. */
  async function searchLoans(search: string): Promise<void> {
    loans.value = (await call('loans.list', { search, page: 1, pageSize: 20 })).rows;
  }

  return { kinds, banks, schemes, reference, loans, load, searchLoans };
});
