import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Bank, Loan, Scheme, StatusPinjaman } from '@contract';
import { STATUS_PINJAMAN } from '@contract';
import { call } from '@/api';
import { useLatestOnly } from '@/composables/useLatestOnly';

/** Filters a link may open the loan list with (the dashboard's tiles and charts), e.g. `/pinjaman?status=macet`. */
export interface LoanRouteQuery {
  status?: unknown;
  /** Kol of the bank position, comma-separated ('3,4,5'), in `periode` (default: the latest month reported). */
  kol?: unknown;
  periode?: unknown;
  /** Debtors' kecamatan, with its name to show on the filter tag. */
  kecamatan?: unknown;
  kecamatanNama?: unknown;
}

/** One page of loans at a time: filtering and paging happen in SQL (loans.list). */
export const useLoansStore = defineStore('loans', () => {
  const rows = ref<Loan[]>([]);
  const total = ref(0);
  /** `total` is a cap, not a count (a search of 1–2 characters: Page.totalCapped). */
  const totalCapped = ref(false);
  const page = ref(1);
  const pageSize = ref(50);
  const search = ref('');
  const bankId = ref<number | undefined>();
  const status = ref<StatusPinjaman | undefined>();
  const kol = ref<number[] | undefined>();
  const periodePosisi = ref<string | undefined>();
  const kecamatanId = ref<number | undefined>();
  const kecamatanNama = ref<string | undefined>();
  const loading = ref(false);
  const latestOnly = useLatestOnly(loading);

  async function load(): Promise<void> {
    // Answers can arrive out of order while the user types; only the latest one counts.
    await latestOnly(
      () =>
        call('loans.list', {
          search: search.value,
          // el-select's clear button sets '' or null; neither is a filter.
          bankId: bankId.value || undefined,
          status: status.value || undefined,
          kol: kol.value?.length ? kol.value : undefined,
          periodePosisi: kol.value?.length ? periodePosisi.value : undefined,
          kecamatanId: kecamatanId.value,
          page: page.value,
          pageSize: pageSize.value,
        }),
      (result) => {
        rows.value = result.rows;
        total.value = result.total;
        totalCapped.value = result.totalCapped === true;
      },
    );
  }

  /**
   * Opens the list as a link asks (a query with any of its filters): those filters replace the
   * ones set before, the search is emptied and the first page shown. Without such a query the
   * list stays as the user left it. Values that are not valid are ignored.
   */
  function applyRouteQuery(q: LoanRouteQuery): void {
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    if (![q.status, q.kol, q.kecamatan].some((v) => text(v) !== undefined)) return;
    const s = text(q.status);
    status.value = STATUS_PINJAMAN.includes(s as StatusPinjaman) ? (s as StatusPinjaman) : undefined;
    const kols = (text(q.kol) ?? '')
      .split(',')
      .map(Number)
      .filter((k) => Number.isInteger(k) && k >= 1 && k <= 5);
    kol.value = kols.length ? [...new Set(kols)].sort((a, b) => a - b) : undefined;
    const p = text(q.periode);
    periodePosisi.value = p && /^\d{4}-(0[1-9]|1[0-2])$/.test(p) ? p : undefined;
    const k = Number(text(q.kecamatan));
    kecamatanId.value = Number.isInteger(k) && k > 0 ? k : undefined;
    kecamatanNama.value = kecamatanId.value ? text(q.kecamatanNama) : undefined;
    // The figure behind the link counts every bank (a bank officer's list is narrowed by the main process anyway).
    bankId.value = undefined;
    search.value = '';
    page.value = 1;
  }

  function clearKol(): void {
    kol.value = undefined;
    periodePosisi.value = undefined;
  }

  function clearKecamatan(): void {
    kecamatanId.value = undefined;
    kecamatanNama.value = undefined;
  }

  return {
    rows,
    total,
    totalCapped,
    page,
    pageSize,
    search,
    bankId,
    status,
    kol,
    periodePosisi,
    kecamatanId,
    kecamatanNama,
    loading,
    load,
    applyRouteQuery,
    clearKol,
    clearKecamatan,
  };
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
