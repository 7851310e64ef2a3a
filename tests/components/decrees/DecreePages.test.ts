// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { Decree, DecreeRow, Scheme } from '@contract';
import { ApiError } from '@/api';
import { setLocale } from '@/i18n';
import DecreesPage from '@/features/decrees/DecreesPage.vue';
import DecreeDetailPage from '@/features/decrees/DecreeDetailPage.vue';
import ImportPage from '@/features/imports/ImportPage.vue';
import { bank, byTestId, callsTo, fieldError, mockBackend, mountWithApp, queryTestId, resetWorld, selectedLabel, typeInto, visibleDialog, type Backend } from '../setup';
import { chooseOptionContaining, text } from '../subsidy/fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const decree = (over: Partial<Decree> = {}): Decree => ({
  id: 3,
  nomor: '188.45/123/KPTS/2025',
  tanggal: '2025-01-02',
  tahun: 2025,
  skemaId: 1,
  skemaKode: 'GS-2025',
  keterangan: 'Tahap I',
  jumlahBaris: 2,
  totalPlafon: 27_000_000,
  terkunci: false,
  dibuat: '2025-01-03T01:00:00Z',
  dibuatOleh: 'rina',
  diubah: '2025-01-03T01:00:00Z',
  diubahOleh: 'rina',
  ...over,
});

const ROWS: DecreeRow[] = [
  {
    id: 10,
    skId: 3,
    noUrut: 1,
    nik: '1603106710850001',
    nama: 'Siti Aminah',
    bankId: 1,
    bankNama: 'Bank Sumsel Babel',
    cabangId: 4,
    cabangNama: 'Muara Enim',
    unitTertulis: 'Cab. Muara Enim',
    plafon: 15_000_000,
  },
  {
    id: 11,
    skId: 3,
    noUrut: 2,
    nik: '1603101203800002',
    nama: 'Rudi Hartono',
    bankId: 1,
    bankNama: 'Bank Sumsel Babel',
    cabangId: 5,
    cabangNama: 'Gunung Megang',
    unitTertulis: null,
    plafon: 12_000_000,
  },
];

const scheme = { id: 1, kode: 'GS-2025', nama: 'Gerbang Serasan 2025' } as Scheme;
const BSB = bank({
  cabang: [
    { id: 4, kode: 'ME', nama: 'Muara Enim', alamat: null, aktif: true },
    { id: 5, kode: 'GM', nama: 'Gunung Megang', alamat: null, aktif: true },
  ],
});

const rowsOf = (id: string) =>
  [...byTestId(id).querySelectorAll('.el-table__body tr.el-table__row')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim() ?? ''));

function router() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sk-penerima', name: 'decrees', component: DecreesPage },
      { path: '/sk-penerima/:id', name: 'decree', component: DecreeDetailPage, props: (r) => ({ id: Number(r.params.id) }) },
      { path: '/impor', name: 'imports', component: { template: '<div />' } },
    ],
  });
}

function backend(over: Partial<Decree> = {}): Backend {
  return {
    'decrees.list': () => [decree(over), decree({ id: 4, nomor: '188.45/9/KPTS/2026', tanggal: '2026-01-05', tahun: 2026, jumlahBaris: 0, totalPlafon: 0, terkunci: true })],
    'decrees.get': () => decree(over),
    'decrees.rows': (input) => {
      const rows = ROWS.filter((r) => !input.search || r.nik.startsWith(input.search) || r.nama.toLowerCase().includes(input.search.toLowerCase()));
      return { rows, total: rows.length, page: 1, pageSize: 50 };
    },
    'decrees.save': (input) => decree({ ...over, nomor: input.nomor, keterangan: input.keterangan ?? null }),
    'decrees.addRow': () => ROWS[0]!,
    'decrees.removeRow': () => null,
    'schemes.list': () => [scheme],
    'banks.list': () => [BSB],
  };
}

async function mountDetail(role: 'admin' | 'operator' | 'pemantau' = 'operator') {
  const r = router();
  await r.push('/sk-penerima/3');
  mountWithApp(DecreeDetailPage, { props: { id: 3 } }, { router: r, signedInAs: role });
  await flushPromises();
  return r;
}

describe('DecreesPage', () => {
  afterEach(() => resetWorld());

  it('lists the decrees with their scheme, count and plafon, and opens one', async () => {
    mockBackend(backend());
    const r = router();
    await r.push('/sk-penerima');
    mountWithApp(DecreesPage, {}, { router: r });
    await flushPromises();
    expect(rowsOf('decrees-table')).toEqual([
      ['188.45/123/KPTS/2025', '02/01/2025', '2025', 'GS-2025', '2', 'Rp27.000.000', 'Dapat diubah'],
      ['188.45/9/KPTS/2026', '05/01/2026', '2026', 'GS-2025', '0', 'Rp0', 'Terkunci'],
    ]);
    typeInto('decree-search', '9/KPTS');
    await flushPromises();
    expect(callsTo('decrees.list').at(-1)).toEqual({ search: '9/KPTS' });
    byTestId('decree-link-3').click();
    await flushPromises();
    expect(r.currentRoute.value.fullPath).toBe('/sk-penerima/3');
  });

  it('speaks English when asked', async () => {
    mockBackend(backend());
    setLocale('en');
    const r = router();
    await r.push('/sk-penerima');
    mountWithApp(DecreesPage, {}, { router: r });
    await flushPromises();
    expect(text('decree-add')).toBe('New decree');
    expect(rowsOf('decrees-table')[1]!.at(-1)).toBe('Locked');
  });
});

describe('DecreeDetailPage', () => {
  beforeEach(() => mockBackend(backend()));
  afterEach(() => resetWorld());

  it('shows the decree, its rows (the unit as written beside the branch) and a link to import its list', async () => {
    const r = await mountDetail();
    expect(text('decree-title')).toBe('SK 188.45/123/KPTS/2025');
    expect(text('decree-fields')).toContain('GS-2025');
    expect(text('decree-fields')).toContain('Rp27.000.000');
    expect(rowsOf('decree-rows').map((row) => row.slice(0, 6))).toEqual([
      ['1', '1603106710850001', 'Siti Aminah', 'Bank Sumsel Babel', 'Muara Enim (tertulis: Cab. Muara Enim)', 'Rp15.000.000'],
      ['2', '1603101203800002', 'Rudi Hartono', 'Bank Sumsel Babel', 'Gunung Megang', 'Rp12.000.000'],
    ]);
    byTestId('decree-import').click();
    await flushPromises();
    expect(r.currentRoute.value.fullPath).toBe('/impor?jenis=sk_penerima&skId=3');
  });

  it('searches the rows in the main process', async () => {
    await mountDetail();
    typeInto('decree-row-search', '16031012');
    await flushPromises();
    expect(callsTo('decrees.rows').at(-1)).toEqual({ skId: 3, search: '16031012', page: 1, pageSize: 50 });
    expect(rowsOf('decree-rows').map((row) => row[2])).toEqual(['Rudi Hartono']);
  });

  it('adds a person by hand, showing the main process refusal beside the NIK', async () => {
    let refuse = true;
    mockBackend({
      ...backend(),
      'decrees.addRow': () => {
        if (refuse) {
          refuse = false;
          throw new ApiError({ code: 'VALIDATION', message: 'NIK "1.60311E+15" rusak oleh Excel', fields: { nik: 'NIK "1.60311E+15" rusak oleh Excel' } });
        }
        return ROWS[0]!;
      },
    });
    await mountDetail();
    byTestId('decree-add-row').click();
    await flushPromises();
    expect(visibleDialog('decree-row-form')).not.toBeNull();
    typeInto('row-nik', '1.60311E+15');
    typeInto('row-nama', 'Siti Aminah');
    await chooseOptionContaining('BSB —');
    await chooseOptionContaining('GM — Gunung Megang');
    byTestId('row-save').click();
    await flushPromises();
    expect(callsTo('decrees.addRow')).toEqual([{ skId: 3, nik: '1.60311E+15', nama: 'Siti Aminah', bankId: 1, cabangId: 5, plafon: null, noUrut: null }]);
    expect(await fieldError('row-nik')).toBe('NIK "1.60311E+15" rusak oleh Excel');
    typeInto('row-nik', '1603106710850001');
    byTestId('row-save').click();
    await flushPromises();
    expect(callsTo('decrees.addRow').at(-1)!.nik).toBe('1603106710850001');
    expect(visibleDialog('decree-row-form')).toBeNull();
    // The decree and its rows are read again.
    expect(callsTo('decrees.get').length).toBe(2);
  });

  it('removes a person after asking', async () => {
    await mountDetail();
    byTestId('decree-remove-11').click();
    await flushPromises();
    document.body.querySelector<HTMLButtonElement>('.el-message-box__btns .el-button--primary')!.click();
    await flushPromises();
    await flushPromises();
    expect(callsTo('decrees.removeRow')).toEqual([{ id: 11 }]);
  });

  it('corrects the decree through the form', async () => {
    await mountDetail();
    byTestId('decree-edit').click();
    await flushPromises();
    expect(byTestId<HTMLInputElement>('decree-nomor').value).toBe('188.45/123/KPTS/2025');
    typeInto('decree-nomor', '188.45/123/KPTS/2025 (ralat)');
    byTestId('decree-save').click();
    await flushPromises();
    expect(callsTo('decrees.save')).toEqual([{ id: 3, nomor: '188.45/123/KPTS/2025 (ralat)', tanggal: '2025-01-02', tahun: 2025, skemaId: 1, keterangan: 'Tahap I' }]);
    expect(text('decree-title')).toBe('SK 188.45/123/KPTS/2025 (ralat)');
  });

  it('a paid decree is fixed: no adding, removing or importing, and says why', async () => {
    mockBackend(backend({ terkunci: true }));
    await mountDetail();
    expect(text('decree-locked')).toContain('sudah dibayar subsidinya');
    expect(queryTestId('decree-add-row')).toBeNull();
    expect(queryTestId('decree-import')).toBeNull();
    expect(queryTestId('decree-remove-10')).toBeNull();
  });

  it('a viewer (pemantau) reads only', async () => {
    await mountDetail('pemantau');
    expect(rowsOf('decree-rows')).toHaveLength(2);
    expect(queryTestId('decree-add-row')).toBeNull();
    expect(queryTestId('decree-edit')).toBeNull();
    expect(queryTestId('decree-remove-10')).toBeNull();
  });
});

describe('importing a decree list from the decree page', () => {
  afterEach(() => resetWorld());

  it('opens the import with the kind and the decree chosen; only decrees still open are offered', async () => {
    mockBackend({ ...backend(), 'insurers.list': () => [], 'imports.list': () => ({ rows: [], total: 0, page: 1, pageSize: 10 }) });
    const r = router();
    await r.push('/impor?jenis=sk_penerima&skId=3');
    mountWithApp(ImportPage, {}, { router: r });
    await flushPromises();
    expect(byTestId('kind-sk_penerima').classList.contains('is-active')).toBe(true);
    expect(selectedLabel('import-decree')).toBe('188.45/123/KPTS/2025 (GS-2025, 2025)');
    expect([...document.body.querySelectorAll('.el-select-dropdown__item')].map((e) => e.textContent?.trim())).toContain('188.45/123/KPTS/2025 (GS-2025, 2025)');
    expect([...document.body.querySelectorAll('.el-select-dropdown__item')].map((e) => e.textContent?.trim())).not.toContain('188.45/9/KPTS/2026 (GS-2025, 2026)');
    expect(byTestId<HTMLButtonElement>('import-browse').disabled).toBe(false);
  });
});
