// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { defineComponent, h, nextTick } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { InputOf, Loan, Page } from '@contract';
import LoansPage from '@/features/loans/LoansPage.vue';
import { setLocale } from '@/i18n';
import { byTestId, callsTo, debtor, mockBackend, mountWithApp, resetWorld, typeInto, visibleDialog, type Backend } from '../setup';
import { chooseOption, typeDate, typeNumber } from './dom';
import { BRI, BSB, elTableRows, loan, loanDetail, schedule, scheme } from './fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

/** 120 loans, newest first, so that paging has three pages of 50. */
const ALL: Loan[] = Array.from({ length: 120 }, (_, i) =>
  loan({
    id: i + 1,
    nomorRekening: `00${String(1000 + i)}`,
    debiturNama: `Debitur ${i + 1}`,
    debiturNik: `16031001018500${String(i).padStart(2, '0')}`,
    status: i % 2 === 0 ? 'aktif' : 'diajukan',
  }),
);
ALL[0] = loan({
  id: 1,
  nomorRekening: '0012345678',
  debiturNama: 'Siti Aminah',
  debiturNik: '1603106710850001',
  bankNama: 'Bank Sumsel Babel',
  cabangNama: 'Cabang Muara Enim',
  skemaKode: 'GS-2025',
  plafon: 25_000_000,
  tenorBulan: 24,
  tanggalAkad: '2025-10-27',
  status: 'macet',
});

function listBackend(overrides: Backend = {}): Backend {
  return {
    'banks.list': () => [BSB, BRI],
    'schemes.list': () => [scheme()],
    'debtors.list': () => ({ rows: [], total: 0, page: 1, pageSize: 20 }),
    'loans.previewSchedule': () => schedule(),
    'loans.check': () => [],
    'loans.list': (q: InputOf<'loans.list'>): Page<Loan> => {
      const query = q ?? { page: 1, pageSize: 50 };
      const page = query.page ?? 1;
      const size = query.pageSize ?? 50;
      const rows = ALL.filter((l) => !query.status || l.status === query.status);
      return { rows: rows.slice((page - 1) * size, page * size), total: rows.length, page, pageSize: size };
    },
    ...overrides,
  };
}

async function makeRouter(): Promise<Router> {
  const stub = (name: string) => defineComponent({ name, render: () => h('div', { 'data-testid': `page-${name}` }) });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/pinjaman', component: stub('loans') },
      { path: '/pinjaman/:id', component: stub('loan') },
    ],
  });
  await router.push('/pinjaman');
  await router.isReady();
  return router;
}

async function mountPage() {
  const router = await makeRouter();
  const { wrapper } = mountWithApp(LoansPage, {}, { router });
  await flushPromises();
  await nextTick();
  return { wrapper, router };
}

const rows = () => elTableRows(byTestId('loan-table'));
const pressAlt = (key: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key, altKey: true, bubbles: true, cancelable: true }));

describe('LoansPage', () => {
  beforeEach(() => mockBackend(listBackend()));
  afterEach(() => resetWorld());

  it('shows the first page of loans with their columns in Indonesian', async () => {
    await mountPage();
    expect(callsTo('loans.list')).toEqual([{ search: '', bankId: undefined, status: undefined, page: 1, pageSize: 50 }]);
    expect(rows()).toHaveLength(50);
    // nomor rekening, debitur (nama NIK), bank (nama cabang), skema, plafon, tenor, tanggal akad, status, aksi
    expect(rows()[0]).toEqual([
      '0012345678',
      'Siti Aminah 1603106710850001',
      'Bank Sumsel Babel Cabang Muara Enim',
      'GS-2025',
      'Rp25.000.000',
      '24 bulan',
      '27/10/2025',
      'Macet',
      'Buka',
    ]);
    expect(rows()[1]![0]).toBe('001001');
    expect(byTestId('loan-total').textContent).toBe('Jumlah: 120');
    const headers = [...byTestId('loan-table').querySelectorAll('.el-table__header th')].map((th) => th.textContent?.trim());
    expect(headers.slice(0, 8)).toEqual(['Nomor rekening', 'Debitur', 'Bank mitra', 'Skema', 'Plafon', 'Tenor', 'Tanggal akad', 'Status']);
    // Plafon sits right-aligned.
    expect(byTestId('loan-table').querySelector('.el-table__body tbody tr td:nth-child(5)')!.classList.contains('is-right')).toBe(true);
  });

  it('turns pages through loans.list', async () => {
    await mountPage();
    byTestId('loan-pagination').querySelector<HTMLButtonElement>('.btn-next')!.click();
    await flushPromises();
    expect(callsTo('loans.list').at(-1)).toMatchObject({ page: 2, pageSize: 50 });
    expect(rows()).toHaveLength(50);
    expect(rows()[0]![1]).toContain('Debitur 51');

    byTestId('loan-pagination').querySelector<HTMLButtonElement>('.btn-next')!.click();
    await flushPromises();
    expect(rows()).toHaveLength(20);
    expect(rows()[19]![1]).toContain('Debitur 120');
  });

  it('says "more than 1.000" for a capped count of a short search, in Indonesian and in English, and leaves the pager without a total', async () => {
    const capped = (q: InputOf<'loans.list'>): Page<Loan> => {
      const page = q?.page ?? 1;
      return q?.search === 'ka' ? { rows: ALL.slice(0, 50), total: 1000, totalCapped: true, page, pageSize: 50 } : { rows: ALL.slice(0, 50), total: 120, page, pageSize: 50 };
    };
    vi.useFakeTimers();
    mockBackend(listBackend({ 'loans.list': capped }));
    await mountPage();
    const pagerTotal = () => byTestId('loan-pagination').querySelector('.el-pagination__total');
    expect(byTestId('loan-total').textContent).toBe('Jumlah: 120');
    expect(pagerTotal()?.textContent).toContain('120');
    typeInto('loan-search', 'ka');
    vi.advanceTimersByTime(200);
    await flushPromises();
    expect(callsTo('loans.list').at(-1)).toMatchObject({ search: 'ka', page: 1 });
    expect(byTestId('loan-total').textContent).toBe('Lebih dari 1.000 — ketik lebih banyak huruf untuk mempersempit');
    expect(pagerTotal()).toBeNull();
    // 1,000 capped rows are 20 pages of 50: the pager offers no page past the cap.
    expect([...byTestId('loan-pagination').querySelectorAll('.el-pager li')].map((li) => li.textContent?.trim()).at(-1)).toBe('20');
    setLocale('en');
    await nextTick();
    expect(byTestId('loan-total').textContent).toBe('More than 1,000 — type more letters to narrow the search');
    // A longer search is counted exactly again.
    typeInto('loan-search', 'kartika');
    vi.advanceTimersByTime(200);
    await flushPromises();
    expect(byTestId('loan-total').textContent).toBe('Total: 120');
    expect(pagerTotal()).not.toBeNull();
  });

  it('searches 200 ms after the clerk stops typing, from page 1', async () => {
    vi.useFakeTimers();
    await mountPage();
    byTestId('loan-pagination').querySelector<HTMLButtonElement>('.btn-next')!.click();
    await flushPromises();
    typeInto('loan-search', '00123');
    await nextTick();
    vi.advanceTimersByTime(100);
    typeInto('loan-search', '0012345');
    await nextTick();
    vi.advanceTimersByTime(199);
    await flushPromises();
    expect(callsTo('loans.list').map((q) => q?.search)).toEqual(['', '']);
    vi.advanceTimersByTime(1);
    await flushPromises();
    expect(callsTo('loans.list').at(-1)).toEqual({ search: '0012345', bankId: undefined, status: undefined, page: 1, pageSize: 50 });
    expect(callsTo('loans.list')).toHaveLength(3);
  });

  it('filters by status and by bank', async () => {
    await mountPage();
    await chooseOption('Macet');
    expect(callsTo('loans.list').at(-1)).toMatchObject({ status: 'macet', page: 1 });
    expect(rows()).toHaveLength(1);
    await chooseOption('BRI Unit Lawang Kidul');
    expect(callsTo('loans.list').at(-1)).toMatchObject({ status: 'macet', bankId: 2, page: 1 });
  });

  it('keeps the newest list when an older answer arrives late', async () => {
    const pending: ((p: Page<Loan>) => void)[] = [];
    mockBackend(listBackend({ 'loans.list': () => new Promise<Page<Loan>>((resolve) => pending.push(resolve)) }));
    await mountPage();
    await chooseOption('Diajukan');
    pending[1]!({ rows: [ALL[1]!], total: 1, page: 1, pageSize: 50 });
    await flushPromises();
    pending[0]!({ rows: ALL.slice(0, 50), total: 120, page: 1, pageSize: 50 });
    await flushPromises();
    expect(rows()).toHaveLength(1);
    expect(byTestId('loan-total').textContent).toBe('Jumlah: 1');
  });

  it('opens a loan by double-click or with its button', async () => {
    const { router } = await mountPage();
    byTestId('loan-open-1').click();
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/pinjaman/1');

    await router.push('/pinjaman');
    const second = byTestId('loan-table').querySelectorAll('.el-table__body tbody tr')[1]!;
    second.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/pinjaman/2');
  });

  it('opens the new-loan form with Tambah and with Alt+N, and Alt+N keeps what is being typed', async () => {
    await mountPage();
    expect(visibleDialog('loan-form')).toBeNull();
    pressAlt('n');
    await flushPromises();
    expect(visibleDialog('loan-form')!.textContent).toContain('Pinjaman baru');
    typeInto('loan-rekening', '0099');
    pressAlt('n');
    await flushPromises();
    expect(byTestId<HTMLInputElement>('loan-rekening').value).toBe('0099');
  });

  it('reloads the list after a new loan is saved', async () => {
    mockBackend(listBackend({ 'debtors.list': () => ({ rows: [debtor()], total: 1, page: 1, pageSize: 20 }), 'loans.save': () => loanDetail({ id: 500 }) }));
    await mountPage();
    byTestId('loan-add').click();
    await flushPromises();
    await chooseOption('Siti Aminah — 1603106710850001');
    await chooseOption('Bank Sumsel Babel', 'loan-bank');
    await chooseOption('GS-2025 — Gerbang Serasan 2025');
    typeInto('loan-rekening', '0012345678');
    typeInto('loan-akad', 'AK/2025/001');
    await typeDate('loan-tanggal-akad', '10/03/2025');
    typeInto('loan-plafon', '12.000.000');
    typeNumber('loan-tenor', '3');
    byTestId('loan-save').click();
    await flushPromises();
    expect(callsTo('loans.save')).toHaveLength(1);
    expect(callsTo('loans.list')).toHaveLength(2);
    await flushPromises();
    expect(visibleDialog('loan-form')).toBeNull();
  });
});
