// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { AuditRow, AuditVerifyResult, Page } from '@contract';
import { ApiError } from '@/api';
import { setLocale } from '@/i18n';
import AuditPage from '@/features/audit/AuditPage.vue';
import { byTestId, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld, selectedLabel, typeInto, type Backend } from '../setup';
import { alerts, chooseOption, toasts, typeDate, typeNumber } from '../loans/dom';
import { bodyRows, cells, tableCells, text } from '../subsidy/fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

/** An instant given in the PC's local time, as the main process stores it (ISO, UTC). */
const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).toISOString();
const hash = (c: string) => c.repeat(64);

function entry(overrides: Partial<AuditRow> = {}): AuditRow {
  return {
    id: 1,
    waktu: local(2025, 10, 27, 14, 5),
    pengguna: 'budi',
    aksi: 'ubah',
    entitas: 'pinjaman',
    entitasId: 12,
    asal: null,
    sebelum: null,
    sesudah: null,
    hash: hash('a'),
    prevHash: hash('0'),
    ...overrides,
  };
}

const RATE = entry({
  id: 4,
  pengguna: 'ani',
  sebelum: { nomorRekening: '0012345678', bungaBankPersen: '11', status: 'aktif' },
  sesudah: { nomorRekening: '0012345678', bungaBankPersen: '12.5', status: 'aktif' },
  hash: hash('d'),
  prevHash: hash('c'),
});
const DEBTOR = entry({
  id: 3,
  waktu: local(2025, 10, 26, 9, 0),
  aksi: 'buat',
  entitas: 'debitur',
  entitasId: 7,
  sesudah: { nama: 'Siti Aminah', nik: '1603106710850001', telepon: null },
  hash: hash('c'),
  prevHash: hash('b'),
});
const BANK = entry({
  id: 2,
  waktu: local(2025, 10, 25, 8, 30),
  aksi: 'ubah',
  entitas: 'bank',
  entitasId: 1,
  sebelum: { kode: 'BSB', nama: 'Bank Sumsel', alamat: null, picNama: 'Andi', picTelepon: '0812', aktif: true },
  sesudah: { kode: 'BSB', nama: 'Bank Sumsel Babel', alamat: 'Muara Enim', picNama: 'Rahmat', picTelepon: '0813', aktif: true },
  hash: hash('b'),
  prevHash: hash('a'),
});
const DEMO = entry({ id: 1, waktu: local(2025, 10, 24, 7, 0), pengguna: 'admin', aksi: 'impor', entitas: 'data_contoh', entitasId: null, sesudah: null, hash: hash('a') });
const TRAIL = [RATE, DEBTOR, BANK, DEMO];

const page = (rows: AuditRow[], total = rows.length, p = 1): Page<AuditRow> => ({ rows, total, page: p, pageSize: 50 });
const OK: AuditVerifyResult = { ok: true, checked: 4, ujungId: 4, ujungHash: hash('d') };

function backend(overrides: Backend = {}): Backend {
  return {
    'audit.list': () => page(TRAIL),
    'audit.facets': () => ({ entitas: ['bank', 'data_contoh', 'debitur', 'pinjaman'], pengguna: ['admin', 'ani', 'budi'] }),
    'audit.verify': () => OK,
    'audit.export': () => ({ csv: 'No,Waktu\r\n4,27/10/2025 14:05:00', jumlah: 1 }),
    ...overrides,
  };
}

async function mountPage(props: { entitas?: string; entitasId?: number } = {}) {
  const { wrapper } = mountWithApp(AuditPage, { props });
  await flushPromises();
  return wrapper;
}

async function click(testId: string): Promise<void> {
  byTestId<HTMLButtonElement>(testId).click();
  await flushPromises();
}

const lists = () => callsTo('audit.list');
const headers = () => [...byTestId('audit-table').querySelectorAll('.el-table__header th')].map((th) => th.textContent?.trim());
/** Rows without the expand column. */
const rows = () => tableCells('audit-table').map((r) => r.slice(1));

describe('AuditPage', () => {
  beforeEach(() => {
    mockBackend(backend());
  });
  afterEach(() => {
    vi.restoreAllMocks();
    resetWorld();
  });

  it('shows the newest entries first: local time, user, action, record and what changed', async () => {
    const warn = vi.spyOn(console, 'warn');
    await mountPage();
    expect(warn).not.toHaveBeenCalled();
    expect(lists()).toEqual([{ page: 1, pageSize: 50 }]);
    expect(callsTo('audit.facets')).toHaveLength(1);
    expect(text('audit-total')).toBe('Jumlah: 4');
    expect(headers()).toEqual(['', 'Waktu', 'Pengguna', 'Aksi', 'Data', 'Perubahan']);
    expect(rows()).toEqual([
      ['27/10/2025 14:05', 'ani', 'Diubah', 'Pinjaman no. 12', 'bungaBankPersen: 11 → 12.5'],
      ['26/10/2025 09:00', 'budi', 'Dibuat', 'Debitur no. 7', 'nama: Siti Aminah; nik: 1603106710850001'],
      ['25/10/2025 08:30', 'budi', 'Diubah', 'Bank mitra no. 1', 'nama: Bank Sumsel → Bank Sumsel Babel; alamat: — → Muara Enim; picNama: Andi → Rahmat; +1 lainnya'],
      ['24/10/2025 07:00', 'admin', 'Diimpor', 'Data contoh', 'Tanpa rincian perubahan'],
    ]);
  });

  it('opens an entry to every changed field, before and after, and its place in the chain', async () => {
    await mountPage();
    bodyRows('audit-table')[2]!.querySelector<HTMLElement>('.el-table__expand-icon')!.click();
    await flushPromises();
    const detail = byTestId('audit-detail');
    expect([...detail.querySelectorAll<HTMLTableRowElement>('[data-testid="audit-detail-changes"] tr')].map(cells)).toEqual([
      ['Kolom', 'Sebelum', 'Sesudah'],
      ['nama', 'Bank Sumsel', 'Bank Sumsel Babel'],
      ['alamat', '—', 'Muara Enim'],
      ['picNama', 'Andi', 'Rahmat'],
      ['picTelepon', '0812', '0813'],
    ]);
    expect(text('audit-detail-hash')).toBe(hash('b'));
    expect(detail.textContent).toContain('Entri no. 2');
    expect(detail.textContent).toContain(`dicatat ${BANK.waktu} (UTC)`);
  });

  it('pages 50 at a time on the server', async () => {
    mockBackend(backend({ 'audit.list': (q) => (q?.page === 2 ? page([DEMO], 120, 2) : page(TRAIL, 120)) }));
    await mountPage();
    expect(text('audit-total')).toBe('Jumlah: 120');
    byTestId('audit-pagination').querySelector<HTMLButtonElement>('.btn-next')!.click();
    await flushPromises();
    expect(lists().at(-1)).toEqual({ page: 2, pageSize: 50 });
    expect(rows()).toHaveLength(1);
  });

  it('filters by record, id, user, action and dates, and clears the filters', async () => {
    await mountPage();
    await chooseOption('Pinjaman', 'audit-filter-entitas');
    expect(lists().at(-1)).toEqual({ entitas: 'pinjaman', page: 1, pageSize: 50 });

    typeNumber('audit-filter-entitas-id', '12');
    await flushPromises();
    expect(lists().at(-1)).toEqual({ entitas: 'pinjaman', entitasId: 12, page: 1, pageSize: 50 });

    await chooseOption('ani', 'audit-filter-pengguna');
    await chooseOption('Diubah', 'audit-filter-aksi');
    await typeDate('audit-filter-dari', '01/10/2025');
    await typeDate('audit-filter-sampai', '27/10/2025');
    expect(lists().at(-1)).toEqual({ entitas: 'pinjaman', entitasId: 12, pengguna: 'ani', aksi: 'ubah', dari: '2025-10-01', sampai: '2025-10-27', page: 1, pageSize: 50 });
    // One request per change: the first page, then one for each of the six filters.
    expect(lists()).toHaveLength(7);

    await click('audit-reset');
    expect(lists()).toHaveLength(8);
    expect(lists().at(-1)).toEqual({ page: 1, pageSize: 50 });
    expect(queryTestId('audit-reset')).toBeNull();
  });

  it('searches as the user types, once typing pauses', async () => {
    await mountPage();
    vi.useFakeTimers();
    typeInto('audit-search', 'bunga');
    vi.advanceTimersByTime(249);
    await flushPromises();
    expect(lists()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await flushPromises();
    expect(lists().at(-1)).toEqual({ search: 'bunga', page: 1, pageSize: 50 });
    vi.useRealTimers();

    await click('audit-reset');
    expect(lists()).toHaveLength(3);
    expect(lists().at(-1)).toEqual({ page: 1, pageSize: 50 });
    expect(byTestId<HTMLInputElement>('audit-search').value).toBe('');
  });

  it('opens on one record’s history when asked to (/audit?entitas=pinjaman&entitasId=12)', async () => {
    await mountPage({ entitas: 'pinjaman', entitasId: 12 });
    expect(lists()).toEqual([{ entitas: 'pinjaman', entitasId: 12, page: 1, pageSize: 50 }]);
    expect(selectedLabel('audit-filter-entitas')).toBe('Pinjaman');
  });

  describe('Periksa keutuhan', () => {
    it('reports an intact trail in green, with where the chain ends', async () => {
      await mountPage();
      await click('audit-verify');
      expect(callsTo('audit.verify')).toEqual([{}]);
      expect(alerts(document.body)).toEqual([{ type: 'success', text: 'Jejak audit utuh: 4 entri diperiksa, tidak ada yang diubah, dihapus atau ditukar urutannya.' }]);
      expect(text('audit-verify-ok')).toContain(`Ujung rantai: entri no. 4, hash ${hash('d')}`);
    });

    it('names the first broken entry in red, marks it in the table and can show it alone', async () => {
      const reason = 'Isi entri ini diubah sesudah dicatat: hash-nya tidak cocok lagi dengan isinya.';
      mockBackend(backend({ 'audit.verify': () => ({ ok: false, checked: 2, firstBroken: { id: 3, reason }, ujungId: 4, ujungHash: hash('d') }) }));
      await mountPage();
      await click('audit-verify');
      expect(alerts(document.body)).toEqual([{ type: 'error', text: 'Jejak audit rusak pada entri no. 3' }]);
      expect(text('audit-verify-reason')).toBe(`${reason} 2 entri sebelumnya utuh.`);
      expect(bodyRows('audit-table').map((tr) => tr.classList.contains('broken-row'))).toEqual([false, true, false, false]);

      await click('audit-show-broken');
      expect(lists()).toHaveLength(2);
      expect(lists().at(-1)).toEqual({ id: 3, page: 1, pageSize: 50 });
      expect(text('audit-filter-id')).toBe('Entri no. 3');
    });

    it('shows a failure of the check itself as a message', async () => {
      mockBackend(backend({ 'audit.verify': () => Promise.reject(new ApiError({ code: 'FORBIDDEN', message: 'Peran Anda tidak boleh melakukan ini' })) }));
      await mountPage();
      await click('audit-verify');
      expect(toasts('error')).toEqual(['Peran Anda tidak boleh melakukan ini']);
      expect(queryTestId('audit-verify-ok')).toBeNull();
      expect(queryTestId('audit-verify-broken')).toBeNull();
    });
  });

  describe('Ekspor CSV', () => {
    it('exports what the filters select and offers it as audit-YYYYMMDD-HHmm.csv', async () => {
      const downloads: { name: string; href: string }[] = [];
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        downloads.push({ name: this.download, href: this.href });
      });
      const blobs: Blob[] = [];
      vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
        blobs.push(blob as Blob);
        return 'blob:audit';
      });
      vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
      await mountPage();
      await chooseOption('ani', 'audit-filter-pengguna');

      vi.setSystemTime(new Date(2025, 9, 27, 14, 5, 30));
      await click('audit-export');
      vi.useRealTimers();
      expect(callsTo('audit.export')).toEqual([{ pengguna: 'ani' }]);
      expect(downloads).toEqual([{ name: 'audit-20251027-1405.csv', href: 'blob:audit' }]);
      expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
      expect(await blobs[0]!.text()).toBe('\ufeffNo,Waktu\r\n4,27/10/2025 14:05:00');
      expect(toasts('success')).toEqual(['1 entri diekspor ke audit-20251027-1405.csv']);
      // The link does not stay behind in the page.
      expect(document.body.querySelector('a[download]')).toBeNull();
    });
  });

  it('speaks English when asked', async () => {
    setLocale('en');
    await mountPage();
    expect(headers()).toEqual(['', 'Time', 'User', 'Action', 'Record', 'Changes']);
    expect(rows()[0]!.slice(2, 4)).toEqual(['Changed', 'Loan no. 12']);
    expect(byTestId('audit-verify').textContent?.trim()).toBe('Check integrity');
    expect(byTestId('audit-export').textContent?.trim()).toBe('Export CSV');
  });
});
