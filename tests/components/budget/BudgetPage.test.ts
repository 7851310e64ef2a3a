// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import type { BudgetSaveInput } from '@contract';
import { ApiError } from '@/api';
import { setLocale } from '@/i18n';
import BudgetPage from '@/features/budget/BudgetPage.vue';
import { byTestId, callsTo, fieldError, mockBackend, mountWithApp, queryTestId, resetWorld, selectedLabel, typeInto, visibleDialog } from '../setup';
import { alerts, bodyRows, cells, chooseOptionContaining, tableCells, text, typeIn } from '../subsidy/fixtures';
import {
  KOPERASI_2025,
  KUR_2024,
  KUR_2025,
  KUR_2026,
  MIKRO_2025,
  PREMI_2025,
  PROJECTION_2025,
  fakeBudget,
  rupiahValue,
  step,
  toasts,
  typeNumber,
  type FakeBudget,
} from './fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const HINT_USED = 'Pos ini sudah dipakai membayar: tahun dan jenisnya tidak dapat diubah, dan pagunya tidak boleh di bawah realisasi.';

/** 2025 as stored (deliberately out of order: the page groups by kind and sorts by code), 2024 and 2026 beside it. */
function world(): FakeBudget {
  return fakeBudget([PREMI_2025, MIKRO_2025, KUR_2025, KUR_2024, KUR_2026], {
    2025: PROJECTION_2025,
    2026: { subsidi: 420_000_000, premi: 0, later: [{ tahun: 2027, subsidi: 35_500_000 }] },
  });
}

async function mountPage(): Promise<void> {
  mountWithApp(BudgetPage);
  await flushPromises();
}

async function click(testId: string): Promise<void> {
  byTestId<HTMLButtonElement>(testId).click();
  await flushPromises();
}

const form = () => visibleDialog('budget-form');
const formTitle = () => form()?.querySelector('.el-dialog__title')?.textContent?.trim();
const inputOf = (testId: string) => byTestId(testId).querySelector('input')!;
const headers = () => [...byTestId('budget-table').querySelectorAll('.el-table__header th')].map((th) => th.textContent?.trim());
const projectionCells = (key: string) => cells(byTestId<HTMLTableRowElement>(`projection-${key}`));
/** The later years' projection (a plain table, not an el-table). */
const laterYears = () => [...byTestId('projection-later').querySelectorAll<HTMLTableRowElement>('tbody tr')].map(cells);
const saves = () => callsTo('budget.save');
const loads = () => callsTo('budget.year');

/** Vue ignores an event in a listener attached after the event began (it compares Date.now() stamps); with the clock stopped every stamp is equal, so move it on as real time would. */
async function clockMovesOn(): Promise<void> {
  vi.setSystemTime(new Date(2025, 2, 10, 9, 0, 5));
  await nextTick();
}

async function pressEnter(el: Element): Promise<void> {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
  await flushPromises();
}

describe('BudgetPage', () => {
  let fake: FakeBudget;

  beforeEach(() => {
    // Only Date is mocked (timers stay real): today is 10 March 2025.
    vi.setSystemTime(new Date(2025, 2, 10, 9, 0, 0));
    fake = world();
    mockBackend(fake.backend);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    resetWorld();
  });

  describe('the year’s budget', () => {
    it('opens on this year: lines grouped by kind and sorted by code, each kind closed by its total', async () => {
      const warn = vi.spyOn(console, 'warn');
      await mountPage();
      // No missing translation, no prop of the wrong type.
      expect(warn).not.toHaveBeenCalled();
      expect(loads()).toEqual([{ tahun: 2025 }]);
      expect(inputOf('budget-year').value).toBe('2025');
      expect(headers()).toEqual(['Kode rekening', 'Uraian', 'Jenis', 'Pagu', 'Realisasi', 'Sisa', 'Terserap', 'Aksi']);
      expect(tableCells('budget-table')).toEqual([
        ['5.1.05.01.001', 'Subsidi bunga KUR Gerbang Serasan', 'Subsidi bunga', 'Rp1.500.000.000', 'Rp300.000.000', 'Rp1.200.000.000', '20,0 %', 'Ubah'],
        ['5.1.05.01.002', 'Subsidi bunga usaha mikro', 'Subsidi bunga', 'Rp100.000.000', 'Rp95.000.000', 'Rp5.000.000', '95,0 %', 'Ubah'],
        ['Jumlah Subsidi bunga', 'Rp1.600.000.000', 'Rp395.000.000', 'Rp1.205.000.000', '24,7 %', ''],
        ['5.1.05.02.001', 'Premi asuransi kredit', 'Premi', 'Rp200.000.000', 'Rp12.345.678', 'Rp187.654.322', '6,2 %', 'Ubah'],
        ['Jumlah Premi', 'Rp200.000.000', 'Rp12.345.678', 'Rp187.654.322', '6,2 %', ''],
      ]);
    });

    it('has totals that are exactly the sums of their lines (pagu, realisasi, sisa)', async () => {
      await mountPage();
      const rows = tableCells('budget-table');
      let group: string[][] = [];
      let totals = 0;
      for (const row of rows) {
        if (!row[0]!.startsWith('Jumlah ')) {
          group.push(row);
          continue;
        }
        // A line: pagu, realisasi, sisa in columns 3–5; a total row spans the first three columns.
        for (const [col, totalCol] of [
          [3, 1],
          [4, 2],
          [5, 3],
        ] as const) {
          expect(rupiahValue(row[totalCol]!)).toBe(group.reduce((s, l) => s + rupiahValue(l[col]!), 0));
        }
        group = [];
        totals++;
      }
      expect(totals).toBe(2);
      expect(group).toEqual([]);
    });

    it('shows a line’s realisation net of corrections after payment, with gross and corrections, only where there are any', async () => {
      // Gross 300,012,345; an overpayment of 12,345 returned (STS): net 300,000,000.
      mockBackend(fakeBudget([{ ...KUR_2025, realisasiBruto: 300_012_345, koreksi: -12_345 }, MIKRO_2025]).backend);
      await mountPage();
      const hints = [...document.querySelectorAll('[data-testid="budget-koreksi"]')].map((e) => e.textContent?.replace(/\s+/g, ' ').trim());
      // The line, and its kind's total (with the other line's 95,000,000, which has no corrections).
      expect(hints).toEqual(['bruto Rp300.012.345 · koreksi -Rp12.345', 'bruto Rp395.012.345 · koreksi -Rp12.345']);
    });

    it('colours a line by how much of it is used, and still shows the share when it is nearly used up', async () => {
      await mountPage();
      const bar = (row: number) => bodyRows('budget-table')[row]!.querySelector('.el-progress')!;
      expect(bar(0).classList.contains('is-warning')).toBe(false);
      expect(bar(1).classList.contains('is-warning')).toBe(true);
      expect(bar(1).querySelector('.el-progress__text')!.textContent!.trim()).toBe('95,0 %');
    });

    it('compares what the running loans will still cost until 31 December with what is left, and warns when it is more', async () => {
      await mountPage();
      expect(text('budget-projection')).toContain('Perkiraan sampai 31 Desember 2025');
      // kind, projected cost to 31 December, sisa, difference
      expect(projectionCells('subsidi_bunga')).toEqual(['Subsidi bunga', 'Rp1.350.000.000', 'Rp1.205.000.000', '-Rp145.000.000']);
      expect(projectionCells('premi')).toEqual(['Premi', 'Rp7.500.000', 'Rp187.654.322', 'Rp180.154.322']);
      const short = (key: string) => byTestId(`projection-${key}`).querySelector('td:last-child')!.classList.contains('short');
      expect([short('subsidi_bunga'), short('premi')]).toEqual([true, false]);

      expect(alerts(byTestId('budget-warnings'))).toEqual([
        { type: 'warning', text: 'Proyeksi subsidi bunga sampai akhir tahun 2025 (Rp1.350.000.000) melebihi sisa pagu subsidi bunga (Rp1.205.000.000): kurang Rp145.000.000.' },
      ]);
      expect(laterYears()).toEqual([
        ['2026', 'Rp420.000.000'],
        ['2027', 'Rp35.500.000'],
      ]);
    });

    it('shows the service’s message when the budget cannot be read', async () => {
      mockBackend({
        'budget.year': () => {
          throw new ApiError({ code: 'INTERNAL', message: 'Tidak dapat menghubungi layanan aplikasi' });
        },
      });
      await mountPage();
      expect(text('budget-error')).toBe('Tidak dapat menghubungi layanan aplikasi');
      expect(bodyRows('budget-table')).toEqual([]);
      expect(queryTestId('budget-projection')).toBeNull();
    });
  });

  describe('choosing another year', () => {
    it('reloads for a typed year, with its own projection and no warning when the pagu suffices', async () => {
      await mountPage();
      typeNumber('budget-year', '2026');
      await flushPromises();
      expect(loads()).toEqual([{ tahun: 2025 }, { tahun: 2026 }]);
      expect(tableCells('budget-table')).toEqual([
        ['5.1.05.01.001', 'Subsidi bunga KUR Gerbang Serasan 2026', 'Subsidi bunga', 'Rp2.000.000.000', 'Rp0', 'Rp2.000.000.000', '0,0 %', 'Ubah'],
        ['Jumlah Subsidi bunga', 'Rp2.000.000.000', 'Rp0', 'Rp2.000.000.000', '0,0 %', ''],
      ]);
      expect(queryTestId('budget-warnings')).toBeNull();
      expect(text('budget-projection')).toContain('Perkiraan sampai 31 Desember 2026');
      expect(projectionCells('subsidi_bunga')).toEqual(['Subsidi bunga', 'Rp420.000.000', 'Rp2.000.000.000', 'Rp1.580.000.000']);
      expect(projectionCells('premi')).toEqual(['Premi', 'Rp0', 'Rp0', 'Rp0']);
      expect(laterYears()).toEqual([['2027', 'Rp35.500.000']]);
    });

    it('goes to last year with the − button; a past year has no projection', async () => {
      await mountPage();
      step('budget-year', 'decrease');
      await flushPromises();
      expect(loads()).toEqual([{ tahun: 2025 }, { tahun: 2024 }]);
      expect(inputOf('budget-year').value).toBe('2024');
      expect(tableCells('budget-table')).toEqual([
        ['5.1.05.01.001', 'Subsidi bunga KUR Gerbang Serasan 2024', 'Subsidi bunga', 'Rp1.250.000.000', 'Rp1.237.500.000', 'Rp12.500.000', '99,0 %', 'Ubah'],
        ['Jumlah Subsidi bunga', 'Rp1.250.000.000', 'Rp1.237.500.000', 'Rp12.500.000', '99,0 %', ''],
      ]);
      expect(byTestId('budget-projection').querySelector('.el-card__body')!.textContent!.trim()).toBe('Proyeksi hanya dibuat untuk tahun berjalan dan tahun sesudahnya.');
      expect(queryTestId('projection-subsidi_bunga')).toBeNull();
      expect(queryTestId('budget-warnings')).toBeNull();
    });

    it('says so when a year has no budget lines yet', async () => {
      await mountPage();
      typeNumber('budget-year', '2027');
      await flushPromises();
      expect(loads()).toEqual([{ tahun: 2025 }, { tahun: 2027 }]);
      expect(bodyRows('budget-table')).toEqual([]);
      expect(byTestId('budget-table').querySelector('.el-table__empty-text')!.textContent!.trim()).toBe('Belum ada pos anggaran untuk tahun 2027');
    });

    it('does not ask the service for "no year" when the year is cleared, and keeps showing the year it had', async () => {
      await mountPage();
      typeNumber('budget-year', '');
      await flushPromises();
      expect(loads()).toEqual([{ tahun: 2025 }]);
      expect(queryTestId('budget-error')).toBeNull();
      expect(inputOf('budget-year').value).toBe('2025');
      expect(bodyRows('budget-table')).toHaveLength(5);
    });
  });

  describe('adding and changing a line', () => {
    it('adds a line: sends exactly what was typed, in whole rupiah, then shows it in the reloaded year', async () => {
      await mountPage();
      await click('budget-add');
      expect(formTitle()).toBe('Pos anggaran baru');
      expect(inputOf('budget-form-tahun').value).toBe('2025');
      expect(selectedLabel('budget-form-jenis')).toBe('Subsidi bunga');
      expect(byTestId<HTMLInputElement>('budget-form-kode').value).toBe('');
      expect(byTestId<HTMLInputElement>('budget-form-pagu').value).toBe('');

      await chooseOptionContaining('Premi');
      typeInto('budget-form-kode', '5.1.05.02.002');
      typeInto('budget-form-uraian', 'Imbal jasa penjaminan Jamkrida');
      typeInto('budget-form-pagu', '75.000.000');
      await nextTick();
      expect(byTestId<HTMLInputElement>('budget-form-pagu').value).toBe('75.000.000');
      await click('budget-form-save');

      expect(saves()).toEqual<BudgetSaveInput[]>([
        { id: undefined, tahun: 2025, jenis: 'premi', kodeRekening: '5.1.05.02.002', uraian: 'Imbal jasa penjaminan Jamkrida', pagu: 75_000_000 },
      ]);
      expect(Number.isInteger(saves()[0]!.pagu)).toBe(true);
      expect(loads()).toEqual([{ tahun: 2025 }, { tahun: 2025 }]);
      expect(form()).toBeNull();
      expect(toasts('success')).toEqual(['Data tersimpan']);
      expect(tableCells('budget-table').slice(3)).toEqual([
        ['5.1.05.02.001', 'Premi asuransi kredit', 'Premi', 'Rp200.000.000', 'Rp12.345.678', 'Rp187.654.322', '6,2 %', 'Ubah'],
        ['5.1.05.02.002', 'Imbal jasa penjaminan Jamkrida', 'Premi', 'Rp75.000.000', 'Rp0', 'Rp75.000.000', '0,0 %', 'Ubah'],
        ['Jumlah Premi', 'Rp275.000.000', 'Rp12.345.678', 'Rp262.654.322', '4,5 %', ''],
      ]);
      expect(projectionCells('premi')).toEqual(['Premi', 'Rp7.500.000', 'Rp262.654.322', 'Rp255.154.322']);
    });

    it('edits a line from its button: the form holds the line, sends its id and the new pagu, and the totals follow', async () => {
      await mountPage();
      await click('budget-edit-31');
      expect(formTitle()).toBe('Ubah pos anggaran');
      expect(inputOf('budget-form-tahun').value).toBe('2025');
      expect(selectedLabel('budget-form-jenis')).toBe('Subsidi bunga');
      expect(byTestId<HTMLInputElement>('budget-form-kode').value).toBe('5.1.05.01.001');
      expect(byTestId<HTMLInputElement>('budget-form-uraian').value).toBe('Subsidi bunga KUR Gerbang Serasan');
      expect(byTestId<HTMLInputElement>('budget-form-pagu').value).toBe('1.500.000.000');
      expect(form()!.querySelector('.muted')?.textContent?.trim()).toBe(HINT_USED);

      typeInto('budget-form-uraian', 'Subsidi bunga KUR Gerbang Serasan (APBD-P)');
      typeInto('budget-form-pagu', '1.750.000.000');
      await click('budget-form-save');

      expect(saves()).toEqual<BudgetSaveInput[]>([
        { id: 31, tahun: 2025, jenis: 'subsidi_bunga', kodeRekening: '5.1.05.01.001', uraian: 'Subsidi bunga KUR Gerbang Serasan (APBD-P)', pagu: 1_750_000_000 },
      ]);
      expect(form()).toBeNull();
      expect(tableCells('budget-table').slice(0, 3)).toEqual([
        ['5.1.05.01.001', 'Subsidi bunga KUR Gerbang Serasan (APBD-P)', 'Subsidi bunga', 'Rp1.750.000.000', 'Rp300.000.000', 'Rp1.450.000.000', '17,1 %', 'Ubah'],
        ['5.1.05.01.002', 'Subsidi bunga usaha mikro', 'Subsidi bunga', 'Rp100.000.000', 'Rp95.000.000', 'Rp5.000.000', '95,0 %', 'Ubah'],
        ['Jumlah Subsidi bunga', 'Rp1.850.000.000', 'Rp395.000.000', 'Rp1.455.000.000', '21,4 %', ''],
      ]);
      // Now the pagu holds the projection: the warning is gone.
      expect(queryTestId('budget-warnings')).toBeNull();
      expect(projectionCells('subsidi_bunga')).toEqual(['Subsidi bunga', 'Rp1.350.000.000', 'Rp1.455.000.000', 'Rp105.000.000']);
    });

    it('opens a line with a double click on its row, but not on a total row', async () => {
      await mountPage();
      bodyRows('budget-table')[2]!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
      await flushPromises();
      expect(form()).toBeNull();

      bodyRows('budget-table')[1]!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
      await flushPromises();
      expect(formTitle()).toBe('Ubah pos anggaran');
      expect(byTestId<HTMLInputElement>('budget-form-kode').value).toBe('5.1.05.01.002');
      await click('budget-form-save');
      expect(saves()).toEqual<BudgetSaveInput[]>([
        { id: 32, tahun: 2025, jenis: 'subsidi_bunga', kodeRekening: '5.1.05.01.002', uraian: 'Subsidi bunga usaha mikro', pagu: 100_000_000 },
      ]);
    });

    it('shows the year a line was saved into', async () => {
      await mountPage();
      await click('budget-add');
      typeNumber('budget-form-tahun', '2026');
      typeInto('budget-form-kode', '5.1.05.01.002');
      typeInto('budget-form-uraian', 'Subsidi bunga usaha mikro 2026');
      typeInto('budget-form-pagu', '150.000.000');
      await click('budget-form-save');

      expect(saves()).toEqual<BudgetSaveInput[]>([
        { id: undefined, tahun: 2026, jenis: 'subsidi_bunga', kodeRekening: '5.1.05.01.002', uraian: 'Subsidi bunga usaha mikro 2026', pagu: 150_000_000 },
      ]);
      expect(loads()).toEqual([{ tahun: 2025 }, { tahun: 2026 }]);
      expect(inputOf('budget-year').value).toBe('2026');
      expect(tableCells('budget-table').map((r) => r.slice(0, 4))).toEqual([
        ['5.1.05.01.001', 'Subsidi bunga KUR Gerbang Serasan 2026', 'Subsidi bunga', 'Rp2.000.000.000'],
        ['5.1.05.01.002', 'Subsidi bunga usaha mikro 2026', 'Subsidi bunga', 'Rp150.000.000'],
        ['Jumlah Subsidi bunga', 'Rp2.150.000.000', 'Rp0', 'Rp2.150.000.000'],
      ]);
    });

    it('offers a blank form for a new line after editing one, and Cancel sends nothing', async () => {
      await mountPage();
      await click('budget-edit-40');
      expect(selectedLabel('budget-form-jenis')).toBe('Premi');
      form()!.querySelector<HTMLButtonElement>('.el-dialog__footer button')!.click();
      await flushPromises();
      expect(form()).toBeNull();

      await click('budget-add');
      expect(formTitle()).toBe('Pos anggaran baru');
      expect(selectedLabel('budget-form-jenis')).toBe('Subsidi bunga');
      expect(byTestId<HTMLInputElement>('budget-form-kode').value).toBe('');
      expect(byTestId<HTMLInputElement>('budget-form-uraian').value).toBe('');
      expect(byTestId<HTMLInputElement>('budget-form-pagu').value).toBe('');
      expect(form()!.querySelector('.muted')).toBeNull();
      expect(saves()).toEqual([]);
    });

    it('opens a new line with Alt+N', async () => {
      await mountPage();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', altKey: true, bubbles: true }));
      await flushPromises();
      expect(formTitle()).toBe('Pos anggaran baru');
    });
  });

  describe('refusals', () => {
    it('shows a duplicate code beside its field and as a message, keeps the form open and what was typed', async () => {
      await mountPage();
      await click('budget-add');
      typeInto('budget-form-kode', '5.1.05.01.001');
      typeInto('budget-form-uraian', 'Subsidi bunga KUR (dobel)');
      typeInto('budget-form-pagu', '10.000.000');
      await click('budget-form-save');

      expect(saves()).toHaveLength(1);
      expect(toasts('error')).toEqual(['Kode rekening 5.1.05.01.001 sudah ada untuk tahun 2025']);
      expect(await fieldError('budget-form-kode')).toBe('Sudah ada');
      expect(await fieldError('budget-form-pagu')).toBeNull();
      expect(form()).not.toBeNull();
      expect(byTestId<HTMLInputElement>('budget-form-uraian').value).toBe('Subsidi bunga KUR (dobel)');
      expect(loads()).toEqual([{ tahun: 2025 }]);
      expect(fake.lines).toHaveLength(5);

      // Corrected, it goes through.
      typeInto('budget-form-kode', '5.1.05.01.004');
      await click('budget-form-save');
      expect(saves()[1]).toEqual({ id: undefined, tahun: 2025, jenis: 'subsidi_bunga', kodeRekening: '5.1.05.01.004', uraian: 'Subsidi bunga KUR (dobel)', pagu: 10_000_000 });
      expect(form()).toBeNull();
    });

    it('refuses a pagu below what was already paid, beside the pagu', async () => {
      await mountPage();
      await click('budget-edit-31');
      typeInto('budget-form-pagu', '250.000.000');
      await click('budget-form-save');

      expect(saves()).toEqual<BudgetSaveInput[]>([
        { id: 31, tahun: 2025, jenis: 'subsidi_bunga', kodeRekening: '5.1.05.01.001', uraian: 'Subsidi bunga KUR Gerbang Serasan', pagu: 250_000_000 },
      ]);
      expect(toasts('error')).toEqual(['Pagu tidak boleh lebih kecil dari yang sudah dibayar (Rp300.000.000)']);
      expect(await fieldError('budget-form-pagu')).toBe('Di bawah realisasi');
      expect(form()).not.toBeNull();
      expect(tableCells('budget-table')[0]![3]).toBe('Rp1.500.000.000');
    });

    it('sends an empty form as it is and shows the contract’s messages beside each field', async () => {
      await mountPage();
      await click('budget-add');
      await click('budget-form-save');

      expect(saves()).toEqual([{ id: undefined, tahun: 2025, jenis: 'subsidi_bunga', kodeRekening: '', uraian: '', pagu: null }]);
      expect(toasts('error')).toEqual(['Isian belum benar: Kode rekening wajib diisi']);
      expect(await fieldError('budget-form-kode')).toBe('Kode rekening wajib diisi');
      expect(await fieldError('budget-form-uraian')).toBe('Uraian wajib diisi');
      expect(await fieldError('budget-form-pagu')).toBe('Pagu harus berupa angka rupiah');
      expect(form()).not.toBeNull();

      // Closing and opening again starts clean.
      form()!.querySelector<HTMLButtonElement>('.el-dialog__footer button')!.click();
      await flushPromises();
      await click('budget-add');
      expect(await fieldError('budget-form-kode')).toBeNull();
      expect(await fieldError('budget-form-pagu')).toBeNull();
    });

    it('refuses to move a used line to another kind, then saves it back as it was', async () => {
      await mountPage();
      await click('budget-edit-31');
      await chooseOptionContaining('Premi');
      await click('budget-form-save');

      expect(saves()).toEqual([expect.objectContaining({ id: 31, jenis: 'premi' })]);
      expect(toasts('error')).toEqual(['Tahun dan jenis pos anggaran yang sudah dipakai membayar tidak boleh diubah']);
      expect(form()).not.toBeNull();
      expect(loads()).toHaveLength(1);

      await chooseOptionContaining('Subsidi bunga');
      await click('budget-form-save');
      expect(saves()[1]).toEqual({ id: 31, tahun: 2025, jenis: 'subsidi_bunga', kodeRekening: '5.1.05.01.001', uraian: 'Subsidi bunga KUR Gerbang Serasan', pagu: 1_500_000_000 });
      expect(form()).toBeNull();
    });

    it('lets an unused line change its kind', async () => {
      fake = fakeBudget([KUR_2025, KOPERASI_2025]);
      mockBackend(fake.backend);
      await mountPage();
      await click('budget-edit-33');
      expect(form()!.querySelector('.muted')).toBeNull();
      await chooseOptionContaining('Premi');
      await click('budget-form-save');
      expect(saves()).toEqual<BudgetSaveInput[]>([{ id: 33, tahun: 2025, jenis: 'premi', kodeRekening: '5.1.05.01.003', uraian: 'Subsidi bunga koperasi', pagu: 50_000_000 }]);
      expect(tableCells('budget-table').map((r) => r[0])).toEqual(['5.1.05.01.001', 'Jumlah Subsidi bunga', '5.1.05.01.003', 'Jumlah Premi']);
    });
  });

  describe('keyboard', () => {
    it('saves with Enter from a text field', async () => {
      await mountPage();
      await click('budget-add');
      typeInto('budget-form-kode', '5.1.05.01.004');
      typeInto('budget-form-pagu', '20.000.000');
      const uraian = typeInto('budget-form-uraian', 'Subsidi bunga petani kopi');
      await clockMovesOn();
      await pressEnter(uraian);

      expect(saves()).toEqual<BudgetSaveInput[]>([
        { id: undefined, tahun: 2025, jenis: 'subsidi_bunga', kodeRekening: '5.1.05.01.004', uraian: 'Subsidi bunga petani kopi', pagu: 20_000_000 },
      ]);
      expect(form()).toBeNull();
    });

    it('saves with Enter right after typing a year, with the year typed', async () => {
      await mountPage();
      await click('budget-add');
      typeInto('budget-form-kode', '5.1.05.01.009');
      typeInto('budget-form-uraian', 'Subsidi bunga 2026');
      typeInto('budget-form-pagu', '1.000.000');
      // Typed but not yet committed by leaving the field.
      const tahun = typeIn(byTestId('budget-form-tahun'), '2026');
      await clockMovesOn();
      await pressEnter(tahun);
      expect(saves()).toEqual([expect.objectContaining({ tahun: 2026, kodeRekening: '5.1.05.01.009', pagu: 1_000_000 })]);
    });

    // Element Plus's select also stops Enter itself; this guards the form against listening in the capture phase.
    it('does not save with Enter while choosing the kind', async () => {
      await mountPage();
      await click('budget-add');
      await clockMovesOn();
      await pressEnter(inputOf('budget-form-jenis'));
      expect(saves()).toEqual([]);
    });
  });

  it('speaks English when asked', async () => {
    const warn = vi.spyOn(console, 'warn');
    await mountPage();
    setLocale('en');
    await nextTick();
    expect(headers()).toEqual(['Account code', 'Description', 'Kind', 'Budget', 'Paid', 'Left', 'Used', 'Actions']);
    expect(tableCells('budget-table')[2]).toEqual(['Total Interest subsidy', 'Rp1.600.000.000', 'Rp395.000.000', 'Rp1.205.000.000', '24,7 %', '']);
    expect(projectionCells('premi')[0]).toBe('Premium');
    expect(text('budget-projection')).toContain('Expected until 31 December 2025');
    await click('budget-add');
    expect(formTitle()).toBe('New budget line');
    expect(selectedLabel('budget-form-jenis')).toBe('Interest subsidy');
    expect(warn).not.toHaveBeenCalled();
  });
});
