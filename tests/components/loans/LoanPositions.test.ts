// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { setLocale } from '@/i18n';
import { byTestId, callsTo, fieldError, mockBackend, queryTestId, resetWorld, selectedLabel, typeInto } from '../setup';
import { chooseOption, fieldLabel, openTab, toasts, typeDate, typeNumber } from './dom';
import { elTableRows, fakeLoanService, runningLoan } from './fixtures';
import { openLoanPage } from './page';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

async function openPositions() {
  const service = fakeLoanService(runningLoan());
  mockBackend(service.backend);
  await openLoanPage(41);
  await openTab('posisi');
  return service;
}

const rows = () => elTableRows(byTestId('position-table'));
const inputOf = (testId: string) => {
  const el = byTestId(testId);
  return el instanceof HTMLInputElement ? el : el.querySelector('input')!;
};
/** What the position form shows: month, outstanding, kol, days past due, instalment paid. */
const formShows = () => [
  inputOf('position-periode').value,
  inputOf('position-outstanding').value,
  selectedLabel('position-kol'),
  inputOf('position-hari').value,
  inputOf('position-dibayar').checked,
];
async function save(): Promise<void> {
  byTestId('position-save').click();
  await flushPromises();
}
async function toggleDibayar(): Promise<void> {
  inputOf('position-dibayar').click();
  await flushPromises();
}

describe("LoanDetailPage: the bank's monthly positions", () => {
  afterEach(() => resetWorld());

  it("records a month's position, says so, shows it from the reloaded loan and empties the form", async () => {
    await openPositions();
    expect(fieldLabel('position-periode')).toEqual({ label: 'Periode', required: true });
    expect(fieldLabel('position-kol')).toEqual({ label: 'Kolektibilitas', required: true });
    expect(formShows()).toEqual(['', '', '1 – Lancar', '0', true]);

    await typeDate('position-periode', '05/2025');
    typeInto('position-outstanding', '4000000');
    await flushPromises();
    expect(inputOf('position-outstanding').value).toBe('4.000.000');
    await chooseOption('3 – Kurang Lancar', 'position-kol');
    typeNumber('position-hari', '95');
    await toggleDibayar();
    await save();

    expect(callsTo('positions.save')).toEqual([{ pinjamanId: 41, periode: '2025-05', outstanding: 4_000_000, kol: 3, hariTunggakan: 95, angsuranDibayar: false }]);
    expect(toasts('success')).toEqual(['Posisi Mei 2025 tersimpan']);
    // The loan is asked for again: its positions (and anything they change) come from the service.
    expect(callsTo('loans.get')).toEqual([{ id: 41 }, { id: 41 }]);
    expect(rows()).toEqual([
      ['Maret 2025', 'Rp12.000.000', '1 – Lancar', '0', 'Ya', 'Diisi manual'],
      ['April 2025', 'Rp8.000.000', '2 – Dalam Perhatian Khusus', '12', 'Tidak', 'Impor file bank'],
      ['Mei 2025', 'Rp4.000.000', '3 – Kurang Lancar', '95', 'Tidak', 'Diisi manual'],
    ]);
    expect(formShows()).toEqual(['', '', '1 – Lancar', '0', true]);
  });

  it('corrects a reported month: a click on its row fills the form, and saving replaces that month', async () => {
    await openPositions();
    const april = byTestId('position-table').querySelectorAll('.el-table__body tbody tr')[1]!;
    april.querySelector('td')!.click();
    await flushPromises();
    expect(formShows()).toEqual(['04/2025', '8.000.000', '2 – Dalam Perhatian Khusus', '12', false]);

    await chooseOption('1 – Lancar', 'position-kol');
    typeNumber('position-hari', '0');
    typeInto('position-outstanding', '7.950.000');
    await toggleDibayar();
    await save();

    expect(callsTo('positions.save')).toEqual([{ pinjamanId: 41, periode: '2025-04', outstanding: 7_950_000, kol: 1, hariTunggakan: 0, angsuranDibayar: true }]);
    expect(toasts('success')).toEqual(['Posisi April 2025 tersimpan']);
    expect(rows()).toEqual([
      ['Maret 2025', 'Rp12.000.000', '1 – Lancar', '0', 'Ya', 'Diisi manual'],
      ['April 2025', 'Rp7.950.000', '1 – Lancar', '0', 'Ya', 'Diisi manual'],
    ]);
  });

  it("shows the service's refusals beside their fields and keeps what was typed", async () => {
    await openPositions();
    await typeDate('position-periode', '06/2025');
    typeInto('position-outstanding', '15.000.000');
    await save();
    expect(callsTo('positions.save')).toEqual([{ pinjamanId: 41, periode: '2025-06', outstanding: 15_000_000, kol: 1, hariTunggakan: 0, angsuranDibayar: true }]);
    expect(await fieldError('position-outstanding')).toBe('Baki debet melebihi plafon (Rp12.000.000)');
    expect(toasts('error')).toEqual(['Baki debet melebihi plafon (Rp12.000.000)']);
    expect(formShows()).toEqual(['06/2025', '15.000.000', '1 – Lancar', '0', true]);

    await typeDate('position-periode', '02/2025');
    typeInto('position-outstanding', '12.000.000');
    await save();
    expect(callsTo('positions.save').at(-1)).toMatchObject({ periode: '2025-02', outstanding: 12_000_000 });
    expect(await fieldError('position-periode')).toBe('Periode sebelum pinjaman dicairkan');
    expect(await fieldError('position-outstanding')).toBeNull();
    expect(rows()).toHaveLength(2);
  });

  it('says plainly what is missing, without asking the service', async () => {
    await openPositions();
    await save();
    expect(callsTo('positions.save')).toEqual([]);
    expect(await fieldError('position-periode')).toBe('Wajib diisi');
    expect(await fieldError('position-outstanding')).toBe('Wajib diisi');

    typeInto('position-outstanding', '4.000.000');
    await save();
    expect(callsTo('positions.save')).toEqual([]);
    expect(await fieldError('position-periode')).toBe('Wajib diisi');
    expect(await fieldError('position-outstanding')).toBeNull();
    expect(inputOf('position-outstanding').value).toBe('4.000.000');

    // A month paid off: an outstanding of Rp0 is a value, not a missing one.
    await typeDate('position-periode', '06/2025');
    typeInto('position-outstanding', '0');
    await save();
    expect(callsTo('positions.save')).toEqual([{ pinjamanId: 41, periode: '2025-06', outstanding: 0, kol: 1, hariTunggakan: 0, angsuranDibayar: true }]);
  });

  it('saves with Enter from the outstanding field', async () => {
    await openPositions();
    await typeDate('position-periode', '05/2025');
    const outstanding = typeInto('position-outstanding', '4.000.000');
    await flushPromises();
    outstanding.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await flushPromises();
    expect(callsTo('positions.save')).toEqual([{ pinjamanId: 41, periode: '2025-05', outstanding: 4_000_000, kol: 1, hariTunggakan: 0, angsuranDibayar: true }]);
  });

  it('speaks English in the form and in the toast', async () => {
    await openPositions();
    setLocale('en');
    await flushPromises();
    expect(fieldLabel('position-outstanding').label).toBe('Outstanding');
    expect(byTestId('position-form').querySelector('.position-title')!.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      "Record or correct one month's position Click a row in the table to correct that month.",
    );
    expect(selectedLabel('position-kol')).toBe('1 – Current');
    await typeDate('position-periode', '05/2025');
    typeInto('position-outstanding', '4.000.000');
    await save();
    expect(toasts('success')).toEqual(['Position May 2025 saved']);
    expect(queryTestId('position-form')).not.toBeNull();
  });
});
