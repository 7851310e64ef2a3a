// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { buttonByText, byTestId, callsTo, fieldError, mockBackend, queryTestId, resetWorld, typeInto, visibleDialog } from '../setup';
import { dialogTitle, fieldLabel, openTab, toasts, typeDate, typeNumber } from './dom';
import { elTableRows, fakeLoanService, runningLoan, schedule, scheduleCells, type FakeLoanOptions } from './fixtures';
import { openLoanPage } from './page';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

/** The plan re-made from June 2025 over six more months (recognisable first row). */
const RESCHEDULED = schedule([{}, { pokok: 1_000_000, angsuran: 1_060_000, bunga: 60_000, pokokAkhir: 7_000_000, jatuhTempo: '2025-07-10' }]);

async function openRestructure(options: FakeLoanOptions = {}) {
  const service = fakeLoanService(runningLoan(), { rescheduled: RESCHEDULED, ...options });
  mockBackend(service.backend);
  await openLoanPage(41);
  byTestId('loan-restructure').click();
  await flushPromises();
  return service;
}
async function save(): Promise<void> {
  byTestId('restructure-save').click();
  await flushPromises();
}
const restructurings = () => elTableRows(byTestId('restructure-table'));

describe('LoanDetailPage: restructuring a running loan', () => {
  afterEach(() => resetWorld());

  it('records a new term and new rates from a date, and shows them with the new plan', async () => {
    await openRestructure();
    expect(visibleDialog('restructure-dialog')).not.toBeNull();
    expect(dialogTitle('restructure-dialog')).toBe('Restrukturisasi rekening 0012345678');
    expect(fieldLabel('restructure-berlaku')).toEqual({ label: 'Berlaku mulai', required: true });
    expect(fieldLabel('restructure-alasan')).toEqual({ label: 'Alasan restrukturisasi', required: true });
    expect(fieldLabel('restructure-tenor')).toEqual({ label: 'Tenor baru (bulan, dari tanggal berlaku)', required: false });
    expect(byTestId<HTMLInputElement>('restructure-bunga-bank').placeholder).toBe('tetap');

    await typeDate('restructure-berlaku', '15/06/2025');
    typeNumber('restructure-tenor', '6');
    typeInto('restructure-bunga-bank', '10,5');
    typeInto('restructure-bunga-debitur', ' 2,5 ');
    typeInto('restructure-alasan', ' Usaha terdampak banjir Mei 2025 ');
    await save();

    expect(callsTo('loans.restructure')).toEqual([
      { id: 41, versi: 1, berlakuMulai: '2025-06-15', tenorBulan: 6, bungaBankPersen: '10,5', bungaDebiturPersen: '2,5', alasan: 'Usaha terdampak banjir Mei 2025' },
    ]);
    expect(visibleDialog('restructure-dialog')).toBeNull();
    expect(toasts('success')).toEqual(['Restrukturisasi dicatat']);
    // The loan answered by the service: the plan in force and the restructuring (rates as stored, 10.5).
    expect(scheduleCells().rows[1]!.slice(0, 6)).toEqual(['2', '10/07/2025', 'Rp8.000.000', 'Rp1.000.000', 'Rp60.000', 'Rp1.060.000']);
    await openTab('restrukturisasi');
    expect(restructurings()).toEqual([['15/06/2025', '6 bulan', '10,5 %', '2,5 %', 'Usaha terdampak banjir Mei 2025']]);
    expect(callsTo('loans.get')).toHaveLength(1);
  });

  it('leaves unchanged what is left empty', async () => {
    await openRestructure();
    await typeDate('restructure-berlaku', '01/07/2025');
    typeInto('restructure-bunga-debitur', '1');
    typeInto('restructure-alasan', 'Keringanan bunga debitur');
    await save();
    expect(callsTo('loans.restructure')).toEqual([
      { id: 41, versi: 1, berlakuMulai: '2025-07-01', tenorBulan: null, bungaBankPersen: null, bungaDebiturPersen: '1', alasan: 'Keringanan bunga debitur' },
    ]);
    await openTab('restrukturisasi');
    expect(restructurings()).toEqual([['01/07/2025', 'tetap', 'tetap', '1 %', 'Keringanan bunga debitur']]);
  });

  it('shows each refusal beside its field until the restructuring is complete', async () => {
    await openRestructure();
    await save();
    expect(await fieldError('restructure-berlaku')).toBe('Tanggal berlaku wajib diisi');
    expect(await fieldError('restructure-alasan')).toBe('Alasan restrukturisasi wajib diisi');
    expect(queryTestId('restructure-error')).toBeNull();

    // Nothing new: the contract asks for a new term or new rates.
    await typeDate('restructure-berlaku', '10/03/2025');
    typeInto('restructure-alasan', 'Usaha terdampak banjir');
    await save();
    expect(await fieldError('restructure-tenor')).toBe('Isi tenor baru atau bunga baru');
    expect(await fieldError('restructure-berlaku')).toBeNull();
    expect(toasts('error')).toContain('Isian belum benar: Isi tenor baru atau bunga baru');

    // From a date before the disbursement (15/03/2025).
    typeNumber('restructure-tenor', '6');
    await save();
    expect(await fieldError('restructure-berlaku')).toBe('Tanggal berlaku harus sesudah pencairan');
    expect(await fieldError('restructure-tenor')).toBeNull();

    await typeDate('restructure-berlaku', '15/06/2025');
    await save();
    expect(callsTo('loans.restructure').map((r) => [r.berlakuMulai, r.tenorBulan])).toEqual([
      [null, null],
      ['2025-03-10', null],
      ['2025-03-10', 6],
      ['2025-06-15', 6],
    ]);
    expect(visibleDialog('restructure-dialog')).toBeNull();
  });

  it("shows the service's message when the loan is no longer running, and opens clean the next time", async () => {
    await openRestructure({ stored: { status: 'lunas', tanggalLunas: '2025-09-30' } });
    await typeDate('restructure-berlaku', '01/10/2025');
    typeNumber('restructure-tenor', '12');
    typeInto('restructure-alasan', 'Permohonan debitur');
    await save();
    expect(byTestId('restructure-error').textContent?.trim()).toBe('Hanya pinjaman yang sudah dicairkan dan masih berjalan yang dapat direstrukturisasi.');
    expect(visibleDialog('restructure-dialog')).not.toBeNull();

    buttonByText('Batal', byTestId('restructure-dialog')).click();
    await flushPromises();
    expect(visibleDialog('restructure-dialog')).toBeNull();
    byTestId('loan-restructure').click();
    await flushPromises();
    expect(queryTestId('restructure-error')).toBeNull();
    expect(byTestId('restructure-berlaku').querySelector('input')!.value).toBe('');
    expect(byTestId<HTMLInputElement>('restructure-alasan').value).toBe('');
    expect(byTestId('restructure-tenor').querySelector('input')!.value).toBe('');
  });
});
