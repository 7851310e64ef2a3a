// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { defineComponent, h, nextTick } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { Loan, Page } from '@contract';
import LoansPage from '@/features/loans/LoansPage.vue';
import { useLoansStore } from '@/features/loans/store';
import { byTestId, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld } from '../setup';
import { BSB, loan } from '../loans/fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

/** The loan list opened by the dashboard's links: the query's filters reach loans.list and show as removable tags. */
async function open(url: string) {
  const stub = defineComponent({ render: () => h('div') });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/pinjaman', component: stub },
      { path: '/pinjaman/:id', component: stub },
    ],
  });
  await router.push(url);
  await router.isReady();
  const { pinia } = mountWithApp(LoansPage, {}, { router });
  await flushPromises();
  await nextTick();
  return { router, pinia };
}

describe('LoansPage opened from the dashboard', () => {
  beforeEach(() =>
    mockBackend({
      'banks.list': () => [BSB],
      'schemes.list': () => [],
      'loans.list': (): Page<Loan> => ({ rows: [loan()], total: 1, page: 1, pageSize: 50 }),
    }),
  );
  afterEach(() => resetWorld());

  it('?status=macet filters by status, as if chosen in the status box', async () => {
    await open('/pinjaman?status=macet');
    expect(callsTo('loans.list')).toEqual([{ search: '', status: 'macet', page: 1, pageSize: 50 }]);
    expect(byTestId('loan-filter-status').textContent).toContain('Macet');
  });

  it('?kol=3,4,5&periode=… asks for those kol in that month and shows it; closing the tag lifts the filter', async () => {
    await open('/pinjaman?kol=5,3,4&periode=2026-10');
    expect(callsTo('loans.list')).toEqual([{ search: '', kol: [3, 4, 5], periodePosisi: '2026-10', page: 1, pageSize: 50 }]);
    expect(byTestId('loan-filter-kol').textContent?.trim()).toBe('Kol 3, 4, 5, posisi Oktober 2026');
    byTestId('loan-filter-kol').querySelector<HTMLElement>('.el-tag__close')!.click();
    await flushPromises();
    expect(callsTo('loans.list').at(-1)).toEqual({ search: '', page: 1, pageSize: 50 });
    expect(queryTestId('loan-filter-kol')).toBeNull();
  });

  it('?kecamatan=7 filters by the debtors’ kecamatan, named on the tag', async () => {
    await open('/pinjaman?kecamatan=7&kecamatanNama=Lubai');
    expect(callsTo('loans.list')).toEqual([{ search: '', kecamatanId: 7, page: 1, pageSize: 50 }]);
    expect(byTestId('loan-filter-kecamatan').textContent?.trim()).toBe('Kecamatan Lubai');
  });

  it('a link replaces the filters left from before; without a query the list stays as it was; nonsense is ignored', async () => {
    const { pinia } = await open('/pinjaman?kol=9,x&status=bukan&kecamatan=-1');
    // Nothing valid in the query: no filter at all.
    expect(callsTo('loans.list')).toEqual([{ search: '', page: 1, pageSize: 50 }]);
    const store = useLoansStore(pinia);
    store.search = 'Siti';
    store.bankId = 1;
    store.applyRouteQuery({ status: 'aktif' });
    expect([store.search, store.bankId, store.status, store.kol, store.kecamatanId]).toEqual(['', undefined, 'aktif', undefined, undefined]);
    store.search = 'Siti';
    store.applyRouteQuery({});
    expect([store.search, store.status]).toEqual(['Siti', 'aktif']);
  });
});
