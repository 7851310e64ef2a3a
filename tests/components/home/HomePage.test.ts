// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { defineComponent, h, nextTick } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { AppInfo, DashboardSummary, Role } from '@contract';
import { setLocale } from '@/i18n';
import HomePage from '@/features/home/HomePage.vue';
import { byTestId, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld } from '../setup';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

/**
 * happy-dom has no canvas: the chart component is replaced by a stub that keeps the option it was
 * given (to check the figures the chart draws) and can be "clicked" on a bar like ECharts emits.
 */
const charts = vi.hoisted(() => [] as { option: Record<string, unknown>; click: (dataIndex: number) => void }[]);
vi.mock('@/features/home/echarts', async () => {
  const { defineComponent: define, h: render } = await import('vue');
  const VChart = define({
    name: 'VChartStub',
    props: { option: { type: Object, required: true }, autoresize: Boolean },
    emits: ['click'],
    setup(props, { emit }) {
      const entry = { option: props.option as Record<string, unknown>, click: (dataIndex: number) => emit('click', { dataIndex }) };
      charts.push(entry);
      return () => {
        entry.option = props.option as Record<string, unknown>;
        return render('div', { class: 'chart-stub' });
      };
    },
  });
  return { VChart };
});

function info(): AppInfo {
  return {
    version: '0.1.0',
    databasePath: '/data/gerbang-serasan.sqlite',
    schemaVersion: 8,
    firstRun: false,
    setupPending: false,
    initialPassword: false,
    counts: { bank: 3, penjamin: 3, debitur: 300 },
  };
}

const months = (from: number, n: number, year: number) => Array.from({ length: n }, (_, i) => `${year}-${String(from + i).padStart(2, '0')}`);

/** A small, hand-made summary: 2026, positions up to October. */
function summary(overrides: Partial<DashboardSummary> = {}): DashboardSummary {
  const trend = [...months(12, 1, 2024), ...months(1, 12, 2025), ...months(1, 11, 2026)];
  let cumulative = 0;
  return {
    tahun: 2026,
    bankId: null,
    periodeAwal: '2024-12',
    periodeAkhir: '2026-11',
    periodePosisi: '2026-10',
    ringkasan: {
      debiturAktif: 1234,
      pinjamanAktif: 1200,
      plafonAktif: 30_500_000_000,
      pinjamanMacet: 34,
      plafonMacet: 850_000_000,
      outstanding: 18_765_432_100,
      posisiJumlah: 1210,
    },
    bulanan: trend.map((periode, i) => ({
      periode,
      pencairanJumlah: 10 + i,
      pencairanPlafon: (10 + i) * 25_000_000,
      outstanding: i === trend.length - 1 ? null : 1_000_000_000 * (i + 1),
      posisiJumlah: i === trend.length - 1 ? 0 : 100 + i,
    })),
    realisasi: {
      subsidi: {
        pagu: 2_500_000_000,
        realisasi: 625_000_000,
        bruto: 625_000_000,
        koreksi: 0,
        bulanan: months(1, 12, 2026).map((periode, i) => {
          const jumlah = i === 3 ? 400_000_000 : i === 6 ? 225_000_000 : 0;
          cumulative += jumlah;
          return { periode, jumlah, kumulatif: cumulative };
        }),
      },
      premi: { pagu: 400_000_000, realisasi: 0, bruto: 0, koreksi: 0, bulanan: months(1, 12, 2026).map((periode) => ({ periode, jumlah: 0, kumulatif: 0 })) },
    },
    kualitas: {
      perKol: [
        { kol: 1, jumlah: 1100, outstanding: 17_000_000_000 },
        { kol: 2, jumlah: 60, outstanding: 1_000_000_000 },
        { kol: 3, jumlah: 10, outstanding: 200_000_000 },
        { kol: 4, jumlah: 6, outstanding: 115_432_100 },
        { kol: 5, jumlah: 34, outstanding: 450_000_000 },
      ],
      persenKol35Outstanding: '4.08',
      persenKol35Jumlah: '4.13',
    },
    kecamatan: [
      { kecamatanId: 10, nama: 'Muara Enim', jumlah: 300, outstanding: 5_000_000_000, plafon: 8_000_000_000 },
      { kecamatanId: 7, nama: 'Lubai', jumlah: 200, outstanding: 3_000_000_000, plafon: 5_000_000_000 },
      { kecamatanId: null, nama: null, jumlah: 5, outstanding: 50_000_000, plafon: 60_000_000 },
    ],
    ...overrides,
  };
}

async function makeRouter(): Promise<Router> {
  const stub = (name: string) => defineComponent({ name, render: () => h('div', { 'data-testid': `page-${name}` }) });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['/', '/pinjaman', '/debitur', '/anggaran', '/subsidi', '/premi', '/bank', '/penjamin'].map((path) => ({ path, component: stub(path) })),
  });
  await router.push('/');
  await router.isReady();
  return router;
}

async function mountHome(role: Role = 'admin', backend = { summary: summary() }): Promise<Router> {
  mockBackend({ 'app.info': () => info(), 'dashboard.summary': () => structuredClone(backend.summary) });
  const router = await makeRouter();
  mountWithApp(HomePage, {}, { router, signedInAs: role });
  await flushPromises();
  await nextTick();
  return router;
}

const text = (testId: string) => byTestId(testId).textContent?.replace(/\s+/g, ' ').trim();
const href = (testId: string) => byTestId(testId).getAttribute('href');
const series = (chart: number) => charts[chart]!.option.series as { name: string; data: unknown[]; markLine?: unknown }[];

describe('HomePage (dashboard)', () => {
  beforeEach(() => {
    charts.length = 0;
    vi.setSystemTime(new Date(2026, 10, 23, 9, 0, 0));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    resetWorld();
  });

  it('asks for this year’s summary and shows the headline figures as rupiah and counts', async () => {
    const warn = vi.spyOn(console, 'warn');
    await mountHome();
    expect(callsTo('dashboard.summary')).toEqual([{ tahun: 2026 }]);
    expect(warn).not.toHaveBeenCalled();
    expect(text('tile-debtors-value')).toBe('1.234');
    expect(text('tile-active-value')).toBe('1.200');
    expect(text('tile-active-hint')).toBe('plafon Rp30.500.000.000');
    expect(text('tile-outstanding-value')).toBe('Rp18.765.432.100');
    // Says it is the bank-reported figure, and of which month.
    expect(text('tile-outstanding')).toContain('laporan bank');
    expect(text('tile-outstanding-hint')).toBe('posisi Oktober 2026, 1.210 pinjaman');
    expect(text('chart-trend-note')).toContain('dilaporkan bank');
    expect(text('tile-bad-value')).toBe('34');
    expect(text('tile-kol35-value')).toBe('4,08 %');
    // Issue 18 item 11: the two "bad" tiles count different things, and say which (status now / the banks' kol of a month).
    expect(text('tile-bad')).toContain('berstatus macet');
    expect(text('tile-bad-hint')).toContain('status pinjaman saat ini');
    expect(text('tile-kol35-hint')).toContain('posisi Oktober 2026');
    expect(text('tile-subsidy-value')).toBe('Rp625.000.000');
    expect(text('tile-subsidy-hint')).toBe('dari pagu Rp2.500.000.000 (25,00 %)');
    expect(text('tile-premium-value')).toBe('Rp0');
    expect(text('tile-premium-hint')).toBe('dari pagu Rp400.000.000 (0,00 %)');
    // What the home page showed before stays: the database's contents and where it lives.
    expect(text('count-debtors')).toContain('300');
    expect(document.body.textContent).toContain('/data/gerbang-serasan.sqlite');
  });

  it('shows the realised subsidy net of corrections after payment, with gross and corrections, only when there are any', async () => {
    await mountHome();
    expect(queryTestId('tile-subsidy-koreksi')).toBeNull();
    resetWorld();
    const s = summary();
    // Gross 625,012,345 less an overpayment of 12,345 returned: net 625,000,000.
    s.realisasi.subsidi = { ...s.realisasi.subsidi, bruto: 625_012_345, koreksi: -12_345 };
    await mountHome('admin', { summary: s });
    expect(text('tile-subsidy-value')).toBe('Rp625.000.000');
    expect(text('tile-subsidy-koreksi')).toBe('bruto Rp625.012.345, koreksi setelah pembayaran -Rp12.345');
  });

  it('links every tile to the list behind its figure', async () => {
    const router = await mountHome();
    expect(href('tile-debtors')).toBe('/debitur');
    expect(href('tile-active')).toBe('/pinjaman?status=aktif');
    expect(href('tile-outstanding')).toBe('/pinjaman?kol=1,2,3,4,5&periode=2026-10');
    expect(href('tile-bad')).toBe('/pinjaman?status=macet');
    expect(href('tile-kol35')).toBe('/pinjaman?kol=3,4,5&periode=2026-10');
    expect(href('tile-subsidy')).toBe('/anggaran');
    expect(href('tile-premium')).toBe('/anggaran');
    expect(href('chart-trend-link')).toBe('/pinjaman');
    byTestId('tile-bad').click();
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/pinjaman?status=macet');
  });

  it('draws the charts from the summary’s figures, and a bar opens its loans', async () => {
    const s = summary();
    const router = await mountHome();
    expect(charts).toHaveLength(4);
    // Trend: disbursed plafon per month (bars) and bank-reported outstanding (line, a gap where none was reported).
    expect(series(0).map((x) => x.name)).toEqual(['Pencairan (plafon)', 'Baki debet']);
    expect(series(0)[0]!.data).toEqual(s.bulanan.map((m) => m.pencairanPlafon));
    expect(series(0)[1]!.data).toEqual(s.bulanan.map((m) => m.outstanding));
    expect((charts[0]!.option.xAxis as { data: string[] }).data.at(-1)).toBe('11/2026');
    // Realisation: cumulative share of each pagu, the pagu drawn at 100 %.
    expect(series(1).map((x) => x.name)).toEqual(['Subsidi bunga', 'Premi']);
    const shares = s.realisasi.subsidi.bulanan.map((m) => Number(((m.kumulatif * 100) / s.realisasi.subsidi.pagu!).toFixed(2)));
    expect(series(1)[0]!.data).toEqual(shares);
    expect(shares.at(-1)).toBe(25);
    expect(series(1)[0]!.markLine).toMatchObject({ data: [{ yAxis: 100 }] });
    // Quality: outstanding per kol; kecamatan: the largest on top (ECharts draws categories bottom-up).
    expect(series(2)[0]!.data.map((d) => (d as { value: number }).value)).toEqual(s.kualitas.perKol.map((k) => k.outstanding));
    expect((charts[3]!.option.yAxis as { data: string[] }).data).toEqual(['(tanpa kecamatan)', 'Lubai', 'Muara Enim']);
    expect(series(3)[0]!.data).toEqual([50_000_000, 3_000_000_000, 5_000_000_000]);

    charts[2]!.click(3);
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/pinjaman?kol=4&periode=2026-10');
    charts[3]!.click(1);
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/pinjaman?kecamatan=7&kecamatanNama=Lubai');
    // Debtors without a kecamatan have no list of their own: nothing happens.
    charts[3]!.click(0);
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/pinjaman?kecamatan=7&kecamatanNama=Lubai');
  });

  it('asks for another year when one is chosen', async () => {
    await mountHome();
    const input = byTestId('dashboard-year').querySelector('input')!;
    input.value = '2025';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await flushPromises();
    expect(callsTo('dashboard.summary')).toEqual([{ tahun: 2026 }, { tahun: 2025 }]);
  });

  it('a bank officer sees their bank’s figures, without the budget, premiums and master data, linked to lists they may open', async () => {
    await mountHome('bank', { summary: summary({ bankId: 1, realisasi: { ...summary().realisasi, subsidi: { ...summary().realisasi.subsidi, pagu: null }, premi: null } }) });
    expect(queryTestId('dashboard-bank-only')).not.toBeNull();
    expect(queryTestId('tile-premium')).toBeNull();
    expect(queryTestId('tile-subsidy-hint')).toBeNull();
    expect(text('tile-subsidy')).toContain('Subsidi bunga diterima 2026');
    expect(href('tile-subsidy')).toBe('/subsidi');
    expect(href('tile-debtors')).toBe('/pinjaman?status=aktif');
    expect(queryTestId('count-debtors')).toBeNull();
    // Without a pagu, the realisation chart is in rupiah: the bank's cumulative subsidy.
    expect(series(1).map((x) => x.name)).toEqual(['Subsidi bunga']);
    expect(series(1)[0]!.data).toEqual(summary().realisasi.subsidi.bulanan.map((m) => m.kumulatif));
  });

  it('speaks English when chosen', async () => {
    setLocale('en');
    const warn = vi.spyOn(console, 'warn');
    await mountHome();
    expect(warn).not.toHaveBeenCalled();
    expect(text('tile-outstanding')).toContain('Outstanding (bank-reported)');
    expect(text('tile-outstanding-hint')).toBe('position October 2026, 1.210 loans');
    expect(text('tile-kol35-value')).toBe('4,08 %');
    // Money stays Rupiah as the program writes it.
    expect(text('tile-outstanding-value')).toBe('Rp18.765.432.100');
    expect(series(0).map((x) => x.name)).toEqual(['Disbursed (principal)', 'Outstanding']);
  });

  it('says so when the summary cannot be loaded', async () => {
    mockBackend({
      'app.info': () => info(),
      'dashboard.summary': () => {
        throw new (class extends Error {})('tidak ada');
      },
    });
    const router = await makeRouter();
    mountWithApp(HomePage, {}, { router });
    await flushPromises();
    expect(text('dashboard-error')).toContain('Ringkasan tidak dapat dimuat');
    expect(queryTestId('tile-active')).toBeNull();
  });
});
