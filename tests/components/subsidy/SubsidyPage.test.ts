// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import type { JobStatus } from '@contract';
import { ApiError } from '@/api';
import { setLocale } from '@/i18n';
import SubsidyPage from '@/features/subsidy/SubsidyPage.vue';
import { bank, byTestId, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld, selectedLabel, typeInto, type Backend } from '../setup';
import { ANI, alerts, bodyRows, budgetLine, budgetYear, cells, clickRadio, manyLines, subsidyRun, tableCells, text } from './fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const BSB = bank({ id: 1, nama: 'Bank Sumsel Babel' });
const PAGU_2025 = budgetLine({ id: 31, kodeRekening: '5.1.05.01.001', uraian: 'Subsidi bunga KUR Gerbang Serasan', sisa: 1_200_000_000 });
const PAGU_2025_B = budgetLine({ id: 32, kodeRekening: '5.1.05.01.002', uraian: 'Subsidi bunga usaha mikro', pagu: 100_000_000, realisasi: 0, sisa: 100_000_000 });
const PREMI_2025 = budgetLine({ id: 40, jenis: 'premi', kodeRekening: '5.1.05.02.001', uraian: 'Premi asuransi kredit', pagu: 200_000_000, realisasi: 0, sisa: 200_000_000 });

function backend(overrides: Backend = {}): Backend {
  return {
    'banks.list': () => [BSB],
    'subsidy.run': () => subsidyRun(),
    'budget.year': ({ tahun }) => budgetYear([PAGU_2025, PAGU_2025_B, PREMI_2025], { tahun }),
    ...overrides,
  };
}

async function mountPage() {
  const { wrapper } = mountWithApp(SubsidyPage);
  await flushPromises();
  return wrapper;
}

async function compute(): Promise<void> {
  byTestId<HTMLButtonElement>('subsidy-run').click();
  await flushPromises();
  await nextTick();
}

const firstColumnsOf = (rows: string[][]) => rows.map((r) => r.slice(1, 8));

describe('SubsidyPage', () => {
  beforeEach(() => {
    // Only Date is mocked (timers stay real): "today" is 10 March 2025, so the period offered is February 2025.
    vi.setSystemTime(new Date(2025, 2, 10, 9, 0, 0));
    mockBackend(backend());
  });
  afterEach(() => resetWorld());

  it('offers last month for the only active bank and computes the run for it', async () => {
    await mountPage();
    expect(callsTo('banks.list')).toEqual([{ includeInactive: true }]);
    expect(byTestId('subsidy-period').querySelector('input')!.value).toBe('Februari 2025');
    expect(selectedLabel('subsidy-bank')).toBe('Bank Sumsel Babel');
    expect(queryTestId('subsidy-empty')).not.toBeNull();
    expect(callsTo('subsidy.run')).toEqual([]);

    await compute();
    expect(callsTo('subsidy.run')).toEqual([{ bankId: 1, periodeAwal: '2025-02', periodeAkhir: '2025-02' }]);
    expect(queryTestId('subsidy-empty')).toBeNull();
  });

  it('shows the summary and one row per line, amounts blank for excluded lines', async () => {
    await mountPage();
    await compute();
    expect(text('sum-lines')).toBe('3');
    expect(text('sum-eligible')).toBe('2');
    expect(text('sum-excluded')).toBe('1');
    expect(text('sum-warnings')).toBe('1');
    expect(text('sum-total')).toBe('Rp113.223');
    expect(text('subsidy-summary')).toContain('Bank Sumsel Babel · Februari 2025');

    // rekening, debitur, NIK, periode, kol, status, jumlah
    expect(firstColumnsOf(tableCells('subsidy-table'))).toEqual([
      ['0012345678', 'Siti Aminah', '1603106710850001', 'Februari 2025', '1', 'Layak', 'Rp71.556'],
      ['0023456789', 'Budi Santoso', '1603101203800002', 'Februari 2025', '2', 'Layak', 'Rp41.667'],
      ['0034567890', 'Rina Marlina', '1603104505900003', 'Februari 2025', '3', 'Kol melebihi batas', ''],
    ]);
    // Only Budi's line carries the double-financing warning.
    expect(bodyRows('subsidy-table').map((tr) => tr.querySelector('[data-testid="row-warning"]') !== null)).toEqual([false, true, false]);
  });

  it('filters by status and searches by account, name or NIK', async () => {
    await mountPage();
    await compute();
    const names = () => tableCells('subsidy-table').map((r) => r[2]);

    await clickRadio('filter-excluded');
    expect(names()).toEqual(['Rina Marlina']);
    await clickRadio('filter-eligible');
    expect(names()).toEqual(['Siti Aminah', 'Budi Santoso']);
    expect(text('filter-eligible')).toBe('Layak (2)');

    typeInto('subsidy-search', 'budi');
    await flushPromises();
    expect(names()).toEqual(['Budi Santoso']);
    typeInto('subsidy-search', '1603104505');
    await flushPromises();
    expect(names()).toEqual([]);
    await clickRadio('filter-all');
    expect(names()).toEqual(['Rina Marlina']);
    typeInto('subsidy-search', '0012345');
    await flushPromises();
    expect(names()).toEqual(['Siti Aminah']);
  });

  it('expands a line to its working: segments with inclusive end dates and the formula', async () => {
    await mountPage();
    await compute();
    bodyRows('subsidy-table')[0]!.querySelector<HTMLElement>('.el-table__expand-icon')!.click();
    await flushPromises();

    const detail = byTestId('line-detail');
    expect(detail.textContent).toContain('Baki debet');
    expect(detail.textContent).toContain('Aktual/360');
    expect(detail.textContent).toContain('8 % per tahun');
    expect(tableCells('line-segments')).toEqual([
      ['01/02/2025', '14/02/2025', 'Rp12.000.000', '14', '8 %', '37.333,33'],
      ['15/02/2025', '28/02/2025', 'Rp11.000.000', '14', '8 %', '34.222,22'],
    ]);
    expect(text('line-formula')).toBe('8 % × (Rp12.000.000 × 14 + Rp11.000.000 × 14) / 360 = 71.555,56 → Rp71.556 (dibulatkan ke rupiah terdekat)');
    expect(queryTestId('line-from-schedule')).toBeNull();
  });

  it('shows the rate of each segment when a restructuring changed it inside the month', async () => {
    mockBackend(backend({ 'subsidy.run': () => subsidyRun([ANI]) }));
    await mountPage();
    await compute();
    bodyRows('subsidy-table')[0]!.querySelector<HTMLElement>('.el-table__expand-icon')!.click();
    await flushPromises();
    expect(text('line-terms')).toContain('8 % → 11 % per tahun');
    expect(tableCells('line-segments')).toEqual([
      ['01/02/2025', '19/02/2025', 'Rp10.000.000', '19', '8 %', '42.222,22'],
      ['20/02/2025', '28/02/2025', 'Rp10.000.000', '9', '11 %', '27.500,00'],
    ]);
    // (10.000.000 × 19 × 8 % + 10.000.000 × 9 × 11 %) / 360 = 69.722,22… → Rp69.722
    expect(text('line-formula')).toBe('(Rp10.000.000 × 19 × 8 % + Rp10.000.000 × 9 × 11 %) / 360 = 69.722,22 → Rp69.722 (dibulatkan ke rupiah terdekat)');
  });

  it('explains a line taken from the schedule, with its warning', async () => {
    await mountPage();
    await compute();
    bodyRows('subsidy-table')[1]!.querySelector<HTMLElement>('.el-table__expand-icon')!.click();
    await flushPromises();
    expect(text('line-formula')).toBe('5 % × Rp10.000.000 × 30 / 360 = 41.666,67 → Rp41.667 (dibulatkan ke rupiah terdekat)');
    expect(text('line-from-schedule')).toBe('Bank belum melaporkan posisi bulan ini: baki debet menurut jadwal');
    expect(alerts(byTestId('line-detail')).map((a) => a.type)).toEqual(['warning', 'info']);
    expect(text('line-warning')).toContain('pembiayaan ganda');
    expect(text('line-detail')).toContain('30/360');
  });

  it('shows why an excluded line earns nothing', async () => {
    await mountPage();
    await compute();
    bodyRows('subsidy-table')[2]!.querySelector<HTMLElement>('.el-table__expand-icon')!.click();
    await flushPromises();
    expect(text('line-reason')).toBe('Tidak layak: Kolektibilitas melebihi batas skema (kol 3, batas 2)');
    expect(queryTestId('line-segments')).toBeNull();
    expect(queryTestId('line-formula')).toBeNull();
  });

  it('asks for a quarter as the chosen month and the two after it', async () => {
    await mountPage();
    await clickRadio('subsidy-quarterly');
    expect(text('subsidy-range')).toBe('Februari 2025 – April 2025');
    await compute();
    expect(callsTo('subsidy.run')).toEqual([{ bankId: 1, periodeAwal: '2025-02', periodeAkhir: '2025-04' }]);
  });

  it("shows the job's step, percentage and Cancel while the run computes; Cancel stops it and keeps nothing", async () => {
    const JOB = '11111111-1111-4111-8111-111111111111';
    const status = (over: Partial<JobStatus>): JobStatus => ({
      jobId: JOB,
      channel: 'subsidy.run',
      status: 'berjalan',
      tahap: 'Menghitung subsidi',
      persen: null,
      hasilJson: null,
      galat: null,
      ...over,
    });
    let cancelled = false;
    mockBackend(
      backend({
        'jobs.start': () => status({ tahap: 'Memulai' }),
        // The main process reports its step; once cancelled, the job ends as cancelled.
        'jobs.status': () =>
          cancelled
            ? status({ status: 'dibatalkan', tahap: 'Dibatalkan', galat: { code: 'CONFLICT', message: 'Pekerjaan dibatalkan; tidak ada yang diubah.' } })
            : status({ tahap: 'Mencocokkan baris tagihan', persen: 40 }),
        'jobs.cancel': () => {
          cancelled = true;
          return status({ tahap: 'Membatalkan' });
        },
      }),
    );
    await mountPage();
    await compute();
    expect(callsTo('subsidy.run')).toEqual([{ bankId: 1, periodeAwal: '2025-02', periodeAkhir: '2025-02' }]);
    expect(text('job-step')).toBe('Memulai');
    expect(byTestId('subsidy-run').classList.contains('is-loading')).toBe(true);
    await vi.waitFor(() => expect(text('job-percent')).toBe('40%'), { timeout: 5000 });
    expect(text('job-step')).toBe('Mencocokkan baris tagihan');
    expect(queryTestId('subsidy-table')).toBeNull();

    byTestId<HTMLButtonElement>('job-cancel').click();
    await flushPromises();
    expect(callsTo('jobs.cancel')).toEqual([{ jobId: JOB }]);
    await vi.waitFor(() => expect(queryTestId('job-progress')).toBeNull(), { timeout: 5000 });
    expect(text('subsidy-cancelled')).toBe('Dibatalkan; tidak ada yang diubah.');
    expect(queryTestId('subsidy-error')).toBeNull();
    expect(queryTestId('subsidy-table')).toBeNull();
    expect(byTestId('subsidy-run').classList.contains('is-loading')).toBe(false);
  });

  it("shows the job's step in English in the English UI", async () => {
    setLocale('en');
    mockBackend(
      backend({
        'jobs.start': () => ({
          jobId: '22222222-2222-4222-8222-222222222222',
          channel: 'subsidy.run',
          status: 'berjalan',
          tahap: 'Menghitung subsidi',
          persen: null,
          hasilJson: null,
          galat: null,
        }),
        'jobs.status': () => new Promise<never>(() => undefined),
      }),
    );
    await mountPage();
    await compute();
    expect(text('job-step')).toBe('Computing the subsidy');
    expect(text('job-cancel')).toBe('Cancel');
    expect(queryTestId('job-percent')).toBeNull();
  });

  it('shows the message when the run fails', async () => {
    mockBackend(
      backend({
        'subsidy.run': () => {
          throw new ApiError({ code: 'NOT_FOUND', message: 'Bank mitra tidak ditemukan' });
        },
      }),
    );
    await mountPage();
    await compute();
    expect(text('subsidy-error')).toBe('Bank mitra tidak ditemukan');
    expect(queryTestId('subsidy-table')).toBeNull();
  });

  it('pages through thousands of lines 50 at a time', async () => {
    mockBackend(backend({ 'subsidy.run': () => subsidyRun(manyLines(120)) }));
    await mountPage();
    await compute();
    expect(text('sum-total')).toBe('Rp120.000');
    expect(bodyRows('subsidy-table')).toHaveLength(50);
    expect(cells(bodyRows('subsidy-table')[0]!)[2]).toBe('Debitur 001');
    byTestId('subsidy-pager').querySelector<HTMLElement>('.btn-next')!.click();
    await flushPromises();
    expect(cells(bodyRows('subsidy-table')[0]!)[2]).toBe('Debitur 051');
    byTestId('subsidy-pager').querySelector<HTMLElement>('.btn-next')!.click();
    await flushPromises();
    expect(bodyRows('subsidy-table')).toHaveLength(20);
    // A new search starts again on the first page.
    typeInto('subsidy-search', 'Debitur 1');
    await flushPromises();
    expect(tableCells('subsidy-table').map((r) => r[2])).toEqual(Array.from({ length: 21 }, (_, i) => `Debitur ${100 + i}`));
  });

  it('pays nothing itself: it points to the claims screen, where a second person approves before the SP2D', async () => {
    await mountPage();
    await compute();
    expect(queryTestId('subsidy-pay')).toBeNull();
    expect(text('subsidy-pay-hint')).toBe('Pembayaran dicatat di Tagihan & Rekonsiliasi, setelah tagihan bank disetujui verifikator lain');
    expect(callsTo('subsidy.recordPayment')).toEqual([]);
  });

  it('speaks English when asked', async () => {
    await mountPage();
    setLocale('en');
    await nextTick();
    await compute();
    expect(byTestId('subsidy-run').textContent?.trim()).toBe('Compute');
    expect(byTestId('subsidy-period').querySelector('input')!.value).toBe('February 2025');
    expect(firstColumnsOf(tableCells('subsidy-table'))[2]).toEqual(['0034567890', 'Rina Marlina', '1603104505900003', 'February 2025', '3', 'Kol above the limit', '']);
  });
});
