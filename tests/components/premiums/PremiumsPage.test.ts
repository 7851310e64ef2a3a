// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import { ApiError } from '@/api';
import { setLocale } from '@/i18n';
import PremiumsPage from '@/features/premiums/PremiumsPage.vue';
import { byTestId, callsTo, fieldError, mockBackend, mountWithApp, queryTestId, resetWorld, selectedLabel, typeInto, visibleDialog, type Backend } from '../setup';
import { alerts, bodyRows, budgetLine, budgetYear, chooseOptionContaining, optionTexts, tableCells, text, typeIn } from '../subsidy/fixtures';
import { ALL, ASKRINDO, BUDI, DEDI, JAMKRINDO, LAMA, SITI, listOf } from './fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const SUBSIDI_2025 = budgetLine({ id: 31 });
const PREMI_2025 = budgetLine({
  id: 40,
  jenis: 'premi',
  kodeRekening: '5.1.05.02.001',
  uraian: 'Premi asuransi kredit',
  pagu: 200_000_000,
  realisasi: 20_000_000,
  sisa: 180_000_000,
});
const PREMI_2025_B = budgetLine({ id: 41, jenis: 'premi', kodeRekening: '5.1.05.02.002', uraian: 'Premi penjaminan koperasi', pagu: 1_000_000, realisasi: 400_000, sisa: 600_000 });

const WHY_NONE = 'Centang premi di tabel untuk mencatat tagihan atau pembayarannya.';
const WHY_ONE_INSURER = 'Pilih premi dari satu penjamin: tagihan dan SP2D dicatat per penjamin.';
const WHY_ONLY_COMPUTED = 'Tagihan hanya dicatat untuk premi berstatus Terhitung; sebagian premi yang dipilih sudah ditagih.';
const WHY_ONLY_INVOICED = 'Pembayaran hanya dicatat untuk premi yang sudah ditagih penjamin; catat tagihannya dulu, lalu petugas lain mencatat pembayarannya.';
/** Budi's premium billed too, so Dedi's and Budi's can be paid together. */
const BILLED = ALL.map((p) => (p === BUDI ? { ...p, status: 'ditagih' as const, nomorTagihan: 'INV/JK/2025/04', tanggalTagihan: '2025-03-09' } : p));

function backend(overrides: Backend = {}): Backend {
  return {
    'insurers.list': () => [JAMKRINDO, ASKRINDO, LAMA],
    'premiums.list': listOf(ALL),
    'budget.year': ({ tahun }) => budgetYear(tahun === 2025 ? [SUBSIDI_2025, PREMI_2025, PREMI_2025_B] : [], { tahun }),
    ...overrides,
  };
}

async function mountPage(): Promise<void> {
  mountWithApp(PremiumsPage);
  await flushPromises();
}

async function click(testId: string): Promise<void> {
  byTestId<HTMLButtonElement>(testId).click();
  await flushPromises();
}

const rowOf = (debitur: string) => {
  const row = bodyRows('premium-table').find((tr) => tr.textContent?.includes(debitur));
  if (!row) throw new Error(`no row for ${debitur}`);
  return row;
};
const checkboxOf = (debitur: string) => rowOf(debitur).querySelector<HTMLInputElement>('.el-checkbox input')!;

/** Ticks (or unticks) the rows of these debtors. */
async function tick(...debitur: string[]): Promise<void> {
  for (const name of debitur) {
    checkboxOf(name).click();
    await flushPromises();
  }
}

const disabled = (testId: string) => byTestId<HTMLButtonElement>(testId).disabled;
const debtorsListed = () => tableCells('premium-table').map((r) => r[2]);

/** Vue ignores an event in a listener attached after the event began (it compares Date.now() stamps); with the clock stopped every stamp is equal, so move it on as real time would. */
async function clockMovesOn(): Promise<void> {
  vi.setSystemTime(new Date(2025, 2, 10, 9, 0, 5));
  await nextTick();
}

async function pressEnter(el: Element): Promise<void> {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
  await flushPromises();
}

describe('PremiumsPage', () => {
  beforeEach(() => {
    // Only Date is mocked (timers stay real): "today" is 10 March 2025.
    vi.setSystemTime(new Date(2025, 2, 10, 9, 0, 0));
    mockBackend(backend());
  });
  afterEach(() => resetWorld());

  it('lists every premium at first, one row each, amounts in rupiah', async () => {
    await mountPage();
    expect(callsTo('insurers.list')).toEqual([{ includeInactive: true }]);
    expect(callsTo('premiums.list')).toEqual([{}]);
    // checkbox, rekening, debitur, bank, penjamin, plafon, pencairan, tarif, premi, status, tagihan, SP2D
    expect(tableCells('premium-table')).toEqual([
      [
        '',
        '0056789012',
        'Wati Susanti',
        'Bank Sumsel Babel',
        'Perum Jamkrindo',
        'Rp8.000.000',
        '05/01/2025',
        '1,5 %',
        'Rp120.000',
        'Dibayar',
        'INV/JK/2024/12 10/01/2025',
        'SP2D/0007/LS/2025',
      ],
      ['', '0012300045', 'Siti Aminah', 'Bank Sumsel Babel', 'Perum Jamkrindo', 'Rp12.000.000', '15/01/2025', '1,5 %', 'Rp180.000', 'Terhitung', '', ''],
      ['', '0045678901', 'Dedi Kurniawan', 'Bank Sumsel Babel', 'Perum Jamkrindo', 'Rp16.000.000', '20/01/2025', '1,5 %', 'Rp240.000', 'Ditagih', 'INV/JK/2025/01 31/01/2025', ''],
      ['', '0023456789', 'Budi Santoso', 'Bank Sumsel Babel', 'Perum Jamkrindo', 'Rp50.000.000', '03/02/2025', '1,5 %', 'Rp750.000', 'Terhitung', '', ''],
      ['', '0034567890', 'Rina Marlina', 'BPR Muara Enim', 'PT Askrindo', 'Rp25.000.000', '10/02/2025', '2 %', 'Rp500.000', 'Ditagih', 'INV/ASK/2025/02 28/02/2025', ''],
    ]);
    expect(text('premium-listed')).toBe('5 premi ditampilkan, jumlah Rp1.790.000');
    // The working of an amount is at hand.
    expect(rowOf('Siti Aminah').querySelector('[title="1,5 % × Rp12.000.000 = Rp180.000"]')).not.toBeNull();
    // A paid premium cannot be ticked.
    expect(checkboxOf('Wati Susanti').disabled).toBe(true);
    expect(checkboxOf('Siti Aminah').disabled).toBe(false);
  });

  it('asks again with exactly the insurer and status chosen', async () => {
    await mountPage();
    // Inactive insurers stay choosable: their premiums are still owed.
    expect(optionTexts()).toEqual(['Perum Jamkrindo', 'PT Askrindo', 'Asuransi Lama (Nonaktif)']);

    await chooseOptionContaining('Perum Jamkrindo');
    expect(selectedLabel('premium-penjamin')).toBe('Perum Jamkrindo');
    expect(callsTo('premiums.list').at(-1)).toEqual({ penjaminId: 2 });
    expect(debtorsListed()).toEqual(['Wati Susanti', 'Siti Aminah', 'Dedi Kurniawan', 'Budi Santoso']);

    byTestId('status-ditagih').querySelector('input')!.click();
    await flushPromises();
    expect(callsTo('premiums.list').at(-1)).toEqual({ penjaminId: 2, status: 'ditagih' });
    expect(debtorsListed()).toEqual(['Dedi Kurniawan']);

    // Clearing the insurer keeps the status.
    const select = byTestId('premium-penjamin').querySelector<HTMLElement>('.el-select__wrapper')!;
    select.dispatchEvent(new MouseEvent('mouseenter'));
    await nextTick();
    byTestId('premium-penjamin').querySelector<HTMLElement>('.el-select__clear')!.click();
    await flushPromises();
    expect(callsTo('premiums.list').at(-1)).toEqual({ status: 'ditagih' });
    expect(debtorsListed()).toEqual(['Dedi Kurniawan', 'Rina Marlina']);

    byTestId('status-all').querySelector('input')!.click();
    await flushPromises();
    expect(callsTo('premiums.list')).toEqual([{}, { penjaminId: 2 }, { penjaminId: 2, status: 'ditagih' }, { status: 'ditagih' }, {}]);
  });

  it('adds up the premiums ticked', async () => {
    await mountPage();
    expect(text('premium-selection')).toBe('0 premi dipilih, jumlah Rp0');
    await tick('Siti Aminah', 'Budi Santoso');
    expect(text('premium-selection')).toBe('2 premi dipilih, jumlah Rp930.000');
    await tick('Dedi Kurniawan');
    expect(text('premium-selected-total')).toBe('Rp1.170.000');
    await tick('Siti Aminah');
    expect(text('premium-selection')).toBe('2 premi dipilih, jumlah Rp990.000');
  });

  it('says why each button is disabled', async () => {
    await mountPage();
    // Nothing chosen: one reason, for both.
    expect(disabled('premium-invoice')).toBe(true);
    expect(disabled('premium-pay')).toBe(true);
    expect(text('premium-why')).toBe(WHY_NONE);
    expect(byTestId('premium-invoice').getAttribute('aria-describedby')).toBe('premium-why');

    // Computed premiums of one insurer: invoiced, not yet paid (a payment needs the insurer's invoice).
    await tick('Siti Aminah', 'Budi Santoso');
    expect(disabled('premium-invoice')).toBe(false);
    expect(disabled('premium-pay')).toBe(true);
    expect(text('premium-why')).toBe(WHY_ONLY_INVOICED);
    expect(byTestId('premium-pay').parentElement!.getAttribute('title')).toBe(WHY_ONLY_INVOICED);

    // One of them billed already: neither invoiced again nor paid with the others.
    await tick('Dedi Kurniawan');
    expect(disabled('premium-invoice')).toBe(true);
    expect(disabled('premium-pay')).toBe(true);
    expect(text('premium-why')).toBe(`${WHY_ONLY_COMPUTED} · ${WHY_ONLY_INVOICED}`);
    expect(byTestId('premium-invoice').parentElement!.getAttribute('title')).toBe(WHY_ONLY_COMPUTED);

    // Only billed premiums: they can be paid.
    await tick('Siti Aminah', 'Budi Santoso');
    expect(disabled('premium-pay')).toBe(false);

    // Two insurers: neither.
    await tick('Rina Marlina');
    expect(disabled('premium-invoice')).toBe(true);
    expect(disabled('premium-pay')).toBe(true);
    expect(text('premium-why')).toBe(WHY_ONE_INSURER);
  });

  it('records the invoice for the computed premiums chosen, with Enter, and lists again', async () => {
    let invoiced = false;
    mockBackend(
      backend({
        'premiums.list': (q) =>
          listOf(invoiced ? ALL.map((p) => (p === SITI || p === BUDI ? { ...p, status: 'ditagih', nomorTagihan: 'INV/JK/2025/03', tanggalTagihan: '2025-03-10' } : p)) : ALL)(q),
        'premiums.recordInvoice': () => {
          invoiced = true;
          return { jumlah: 930_000, jumlahPremi: 2 };
        },
      }),
    );
    await mountPage();
    await tick('Siti Aminah', 'Budi Santoso');
    await click('premium-invoice');

    expect(visibleDialog('invoice-dialog')).not.toBeNull();
    expect(text('invoice-penjamin')).toBe('Perum Jamkrindo');
    expect(text('invoice-count')).toBe('2');
    expect(text('invoice-total')).toBe('Rp930.000');
    expect(byTestId('invoice-tanggal').querySelector('input')!.value).toBe('10/03/2025');

    const input = typeInto('invoice-nomor', '  INV/JK/2025/03 ');
    await clockMovesOn();
    await pressEnter(input);

    expect(callsTo('premiums.recordInvoice')).toEqual([{ penjaminId: 2, premiIds: [11, 12], versi: [1, 1], nomorTagihan: 'INV/JK/2025/03', tanggalTagihan: '2025-03-10' }]);
    expect(text('invoice-result')).toContain('Tagihan tercatat');
    expect(text('invoice-result')).toContain('Rp930.000 untuk 2 premi');
    expect(callsTo('premiums.list')).toEqual([{}, {}]);
    expect(
      tableCells('premium-table')
        .map((r) => [r[2], r[9], r[10]])
        .filter(([, status]) => status === 'Ditagih'),
    ).toEqual([
      ['Siti Aminah', 'Ditagih', 'INV/JK/2025/03 10/03/2025'],
      ['Dedi Kurniawan', 'Ditagih', 'INV/JK/2025/01 31/01/2025'],
      ['Budi Santoso', 'Ditagih', 'INV/JK/2025/03 10/03/2025'],
      ['Rina Marlina', 'Ditagih', 'INV/ASK/2025/02 28/02/2025'],
    ]);
    // The list is new: nothing is chosen any more.
    expect(text('premium-selection')).toBe('0 premi dipilih, jumlah Rp0');

    await click('invoice-close');
    expect(visibleDialog('invoice-dialog')).toBeNull();
  });

  it('shows the service refusal of an invoice and keeps the dialog open', async () => {
    mockBackend(
      backend({
        'premiums.recordInvoice': ({ nomorTagihan }) => {
          if (!nomorTagihan)
            throw new ApiError({ code: 'VALIDATION', message: 'Isian belum benar: Nomor tagihan wajib diisi', fields: { nomorTagihan: 'Nomor tagihan wajib diisi' } });
          throw new ApiError({ code: 'CONFLICT', message: '1 premi yang dipilih sudah dibayar; tidak ada yang dicatat.', fields: { premiIds: 'Sudah dibayar' } });
        },
      }),
    );
    await mountPage();
    await tick('Siti Aminah');
    await click('premium-invoice');

    await click('invoice-save');
    expect(text('invoice-error')).toBe('Isian belum benar: Nomor tagihan wajib diisi');
    expect(await fieldError('invoice-nomor')).toBe('Nomor tagihan wajib diisi');

    typeInto('invoice-nomor', 'INV/JK/2025/04');
    await click('invoice-save');
    expect(callsTo('premiums.recordInvoice')).toEqual([
      { penjaminId: 2, premiIds: [11], versi: [1], nomorTagihan: '', tanggalTagihan: '2025-03-10' },
      { penjaminId: 2, premiIds: [11], versi: [1], nomorTagihan: 'INV/JK/2025/04', tanggalTagihan: '2025-03-10' },
    ]);
    expect(text('invoice-error')).toBe('1 premi yang dipilih sudah dibayar; tidak ada yang dicatat.');
    expect(await fieldError('invoice-nomor')).toBeNull();
    expect(queryTestId('invoice-result')).toBeNull();
    expect(visibleDialog('invoice-dialog')).not.toBeNull();
    expect(callsTo('premiums.list')).toHaveLength(1);
  });

  it('records the SP2D paying the chosen premiums from a premium budget line of its year, and lists again', async () => {
    let paid = false;
    mockBackend(
      backend({
        'premiums.list': (q) =>
          listOf(paid ? BILLED.map((p) => (p.id === DEDI.id || p.id === BUDI.id ? { ...p, status: 'dibayar', nomorSp2d: 'SP2D/0101/LS/2025' } : p)) : BILLED)(q),
        'premiums.recordPayment': () => {
          paid = true;
          return { pembayaranId: 9, jumlah: 990_000, sisaPagu: 179_010_000 };
        },
      }),
    );
    await mountPage();
    await tick('Dedi Kurniawan', 'Budi Santoso');
    expect(text('premium-selected-total')).toBe('Rp990.000');
    await click('premium-pay');

    expect(visibleDialog('premium-payment-dialog')).not.toBeNull();
    expect(text('pay-penjamin')).toBe('Perum Jamkrindo');
    expect(text('pay-count')).toBe('2');
    expect(text('pay-total')).toBe('Rp990.000');
    // The budget of the SP2D date's year, premium lines only, each with what is left.
    expect(byTestId('pay-tanggal').querySelector('input')!.value).toBe('10/03/2025');
    expect(callsTo('budget.year')).toEqual([{ tahun: 2025 }]);
    expect(optionTexts().filter((o) => o.startsWith('5.1.05'))).toEqual([
      '5.1.05.02.001 — Premi asuransi kreditsisa Rp180.000.000',
      '5.1.05.02.002 — Premi penjaminan koperasisisa Rp600.000',
    ]);
    expect(selectedLabel('pay-pagu')).toBe('');

    typeInto('pay-sp2d', 'SP2D/0101/LS/2025');
    await chooseOptionContaining('5.1.05.02.001');
    expect(text('pay-pagu-sisa')).toBe('Pagu Rp200.000.000, sisa Rp180.000.000');
    expect(queryTestId('pay-over')).toBeNull();
    await click('pay-save');

    expect(callsTo('premiums.recordPayment')).toEqual([
      { penjaminId: 2, premiIds: [14, 12], versi: [1, 1], nomorSp2d: 'SP2D/0101/LS/2025', tanggalSp2d: '2025-03-10', paguId: 40 },
    ]);
    const result = text('pay-result');
    expect(result).toContain('Pembayaran tercatat');
    expect(result).toContain('Rp990.000 untuk 2 premi');
    expect(result).toContain('Sisa pagu: Rp179.010.000');
    expect(callsTo('premiums.list')).toHaveLength(2);
    expect(
      tableCells('premium-table')
        .filter((r) => r[9] === 'Dibayar')
        .map((r) => [r[2], r[11]]),
    ).toEqual([
      ['Wati Susanti', 'SP2D/0007/LS/2025'],
      ['Dedi Kurniawan', 'SP2D/0101/LS/2025'],
      ['Budi Santoso', 'SP2D/0101/LS/2025'],
    ]);
    expect(checkboxOf('Budi Santoso').disabled).toBe(true);
    expect(text('premium-selection')).toBe('0 premi dipilih, jumlah Rp0');
  });

  it('warns when the total exceeds the remaining pagu, and shows the service refusal without closing', async () => {
    const refusal = 'Pembayaran Rp990.000 melebihi sisa pagu 5.1.05.02.002 tahun 2025 (Rp600.000). Tidak ada yang dicatat.';
    mockBackend(
      backend({
        'premiums.list': listOf(BILLED),
        'premiums.recordPayment': () => {
          throw new ApiError({ code: 'CONFLICT', message: refusal });
        },
      }),
    );
    await mountPage();
    await tick('Dedi Kurniawan', 'Budi Santoso');
    await click('premium-pay');
    await chooseOptionContaining('5.1.05.02.002');
    expect(text('pay-over')).toBe('Jumlah yang dibayar (Rp990.000) melebihi sisa pagu pos anggaran ini (Rp600.000).');
    expect(alerts(byTestId('premium-payment-dialog')).map((a) => a.type)).toEqual(['warning']);

    const input = typeInto('pay-sp2d', 'SP2D/0102/LS/2025');
    await clockMovesOn();
    await pressEnter(input);

    expect(callsTo('premiums.recordPayment')).toEqual([
      { penjaminId: 2, premiIds: [14, 12], versi: [1, 1], nomorSp2d: 'SP2D/0102/LS/2025', tanggalSp2d: '2025-03-10', paguId: 41 },
    ]);
    expect(text('pay-error')).toBe(refusal);
    expect(queryTestId('pay-result')).toBeNull();
    expect(visibleDialog('premium-payment-dialog')).not.toBeNull();
    expect(callsTo('premiums.list')).toHaveLength(1);
  });

  it('shows a duplicate SP2D beside its field', async () => {
    mockBackend(
      backend({
        'premiums.recordPayment': () => {
          throw new ApiError({ code: 'CONFLICT', message: 'SP2D nomor SP2D/1 sudah dicatat (tanggal 2025-03-01)', fields: { nomorSp2d: 'Sudah dicatat' } });
        },
      }),
    );
    await mountPage();
    await tick('Dedi Kurniawan');
    await click('premium-pay');
    await chooseOptionContaining('5.1.05.02.001');
    typeInto('pay-sp2d', 'SP2D/1');
    await click('pay-save');
    expect(text('pay-error')).toBe('SP2D nomor SP2D/1 sudah dicatat (tanggal 2025-03-01)');
    expect(await fieldError('pay-sp2d')).toBe('Sudah dicatat');
  });

  it('asks for the budget line before sending, and loads another year for an SP2D dated in it', async () => {
    await mountPage();
    await tick('Dedi Kurniawan');
    await click('premium-pay');
    typeInto('pay-sp2d', 'SP2D/0103/LS/2026');
    await click('pay-save');
    expect(callsTo('premiums.recordPayment')).toEqual([]);
    expect(text('pay-error')).toBe('Pilih pos anggaran premi untuk tahun SP2D');
    expect(await fieldError('pay-pagu')).toBe('Pilih pos anggaran premi untuk tahun SP2D');

    const date = typeIn(byTestId('pay-tanggal'), '05/01/2026');
    date.dispatchEvent(new Event('change', { bubbles: true }));
    await flushPromises();
    expect(callsTo('budget.year')).toEqual([{ tahun: 2025 }, { tahun: 2026 }]);
    expect(text('pay-no-pagu')).toBe('Belum ada pos anggaran premi untuk tahun 2026. Tambahkan di menu Pagu Anggaran.');
  });

  it('chooses the only premium budget line of the year by itself', async () => {
    mockBackend(backend({ 'budget.year': ({ tahun }) => budgetYear([SUBSIDI_2025, PREMI_2025], { tahun }) }));
    await mountPage();
    await tick('Dedi Kurniawan');
    await click('premium-pay');
    expect(selectedLabel('pay-pagu')).toBe('5.1.05.02.001 — Premi asuransi kredit');
  });

  it('shows the message when the list cannot be loaded', async () => {
    mockBackend(
      backend({
        'premiums.list': () => {
          throw new ApiError({ code: 'FORBIDDEN', message: 'Peran Bank mitra tidak berwenang untuk tindakan ini.' });
        },
      }),
    );
    await mountPage();
    expect(text('premium-error')).toBe('Peran Bank mitra tidak berwenang untuk tindakan ini.');
    expect(bodyRows('premium-table')).toEqual([]);
  });

  it('speaks English when asked', async () => {
    await mountPage();
    setLocale('en');
    await nextTick();
    expect(byTestId('premium-invoice').textContent?.trim()).toBe('Record invoice');
    expect(byTestId('premium-pay').textContent?.trim()).toBe('Record payment');
    expect(text('premium-why')).toBe('Tick premiums in the table to record their invoice or payment.');
    expect(tableCells('premium-table').map((r) => [r[7], r[9]])[1]).toEqual(['1,5 %', 'Computed']);
    await tick('Siti Aminah', 'Rina Marlina');
    expect(text('premium-why')).toBe('Choose premiums of one insurer: invoices and SP2Ds are recorded per insurer.');
    expect(text('premium-selection')).toBe('2 premiums selected, total Rp680.000');
  });
});
