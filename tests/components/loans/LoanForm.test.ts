// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { nextTick } from 'vue';
import type { Loan, LoanFlag, LoanEditInput, Schedule, SchedulePreviewInput } from '@contract';
import { ApiError } from '@/api';
import LoanForm from '@/features/loans/LoanForm.vue';
import { byTestId, callsTo, debtor, fieldError, mockBackend, mountWithApp, queryTestId, resetWorld, typeInto, visibleDialog, type Backend } from '../setup';
import { alerts, chooseOption, optionTexts, typeDate, typeNumber } from './dom';
import { BRI, BSB, SCHEME_KLATEN, SCHEME_OLD, loan, loanDetail, schedule, scheme, scheduleCells } from './fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const SITI = debtor({ id: 7, nama: 'Siti Aminah', nik: '1603106710850001' });
const BUDI = debtor({ id: 8, nama: 'Budi Santoso', nik: '1603101203800002', jenisKelamin: 'L' });

function backend(overrides: Backend = {}): Backend {
  return {
    'banks.list': () => [BSB, BRI],
    'schemes.list': () => [scheme(), SCHEME_KLATEN, SCHEME_OLD],
    'debtors.list': (q) => {
      const s = (q?.search ?? '').toLowerCase();
      const rows = [SITI, BUDI].filter((d) => d.nama.toLowerCase().includes(s) || d.nik.startsWith(s));
      return { rows, total: rows.length, page: 1, pageSize: 20 };
    },
    'loans.previewSchedule': () => schedule(),
    'loans.check': () => [],
    'loans.save': (input) => loanDetail({ id: input.id ?? 90 }),
    ...overrides,
  };
}

async function openForm(existing: Loan | null = null): Promise<VueWrapper> {
  const { wrapper } = mountWithApp(LoanForm, {
    props: {
      modelValue: false,
      loan: existing,
      'onUpdate:modelValue': (v: boolean) => void wrapper.setProps({ modelValue: v }),
    },
  });
  await wrapper.setProps({ modelValue: true });
  await flushPromises();
  return wrapper as VueWrapper;
}

/** Fills a complete new loan for Siti at BSB Cabang Muara Enim under GS-2025. */
async function fillLoan(options: { scheme?: string } = {}): Promise<void> {
  await chooseOption('Siti Aminah — 1603106710850001');
  await chooseOption('Bank Sumsel Babel');
  await chooseOption('Cabang Muara Enim');
  await chooseOption(options.scheme ?? 'GS-2025 — Gerbang Serasan 2025');
  typeInto('loan-rekening', '0012345678');
  typeInto('loan-akad', 'AK/2025/001');
  await typeDate('loan-tanggal-akad', '10/03/2025');
  typeInto('loan-plafon', '12.000.000');
  typeNumber('loan-tenor', '3');
  await nextTick();
}

/** Lets the 300 ms live delay pass and the answers arrive. */
async function afterLiveDelay(): Promise<void> {
  vi.advanceTimersByTime(300);
  await flushPromises();
}

const previewOf = (overrides: Partial<SchedulePreviewInput> = {}): SchedulePreviewInput => ({
  plafon: 12_000_000,
  tenorBulan: 3,
  bungaBankPersen: '11',
  bungaDebiturPersen: '3',
  metodeBunga: 'efektif',
  jenisSubsidi: 'selisih',
  porsiSubsidiPersen: null,
  tanggalPencairan: '2025-03-10',
  tanggalAngsuranPertama: null,
  pembulatan: 'half_up',
  ...overrides,
});

const savedLoan = (overrides: Partial<LoanEditInput> = {}): LoanEditInput => ({
  id: undefined,
  debiturId: 7,
  bankId: 1,
  cabangId: 11,
  skemaId: 3,
  nomorRekening: '0012345678',
  nomorAkad: 'AK/2025/001',
  tanggalAkad: '2025-03-10',
  tanggalPencairan: null,
  plafon: 12_000_000,
  tenorBulan: 3,
  bungaBankPersen: null,
  bungaDebiturPersen: null,
  alasanUbahBunga: null,
  tanggalAngsuranPertama: null,
  ...overrides,
});

describe('LoanForm', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    mockBackend(backend());
  });
  afterEach(() => resetWorld());

  it("offers the active debtors, banks and schemes, and only the chosen bank's branches", async () => {
    await openForm();
    expect(visibleDialog('loan-form')!.textContent).toContain('Pinjaman baru');
    expect(callsTo('debtors.list')).toEqual([{ search: '', page: 1, pageSize: 20 }]);
    expect(callsTo('schemes.list')).toEqual([{ includeInactive: true }]);
    const offered = optionTexts();
    expect(offered).toEqual(expect.arrayContaining(['Siti Aminah — 1603106710850001', 'Budi Santoso — 1603101203800002', 'Bank Sumsel Babel', 'BRI Unit Lawang Kidul']));
    expect(offered).toContain('GS-2025 — Gerbang Serasan 2025');
    // A deactivated scheme is not offered for a new loan.
    expect(offered).not.toContain('GS-2019 — Gerbang Serasan 2019');
    expect(offered).not.toContain('Cabang Muara Enim');

    await chooseOption('Bank Sumsel Babel');
    expect(optionTexts()).toEqual(expect.arrayContaining(['Cabang Muara Enim', 'Capem Tanjung Enim']));
    expect(optionTexts()).not.toContain('Unit Lawang Kidul');
  });

  it('searches debtors by what the clerk types', async () => {
    await openForm();
    const input = byTestId('loan-debitur').querySelector('input')!;
    input.value = 'budi';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // el-select debounces its remote search.
    vi.advanceTimersByTime(500);
    await flushPromises();
    expect(callsTo('debtors.list').at(-1)).toEqual({ search: 'budi', page: 1, pageSize: 20 });
  });

  it('copies the rates from the chosen scheme: shows them and sends null for both rates', async () => {
    const wrapper = await openForm();
    await fillLoan();
    expect(byTestId('loan-scheme-info').textContent?.trim()).toBe('Bunga bank 11 % · bunga debitur 3 % · efektif (menurun) · subsidi selisih bunga');
    expect(byTestId<HTMLInputElement>('loan-bunga-bank').placeholder).toBe('dari skema: 11 %');
    expect(byTestId<HTMLInputElement>('loan-bunga-debitur').placeholder).toBe('dari skema: 3 %');
    expect(queryTestId('loan-alasan')).toBeNull();

    byTestId('loan-save').click();
    await flushPromises();
    expect(callsTo('loans.save')).toEqual([savedLoan()]);
    expect(wrapper.emitted('saved')).toEqual([[loanDetail({ id: 90 })]]);
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]]);
  });

  it('sends the business profile at akad with a new loan, and names a field left empty', async () => {
    await openForm();
    await fillLoan();
    typeInto('profile-omzet', '15.000.000');
    typeNumber('profile-dibayar', '2');
    typeNumber('profile-keluarga', '1');
    await chooseOption('Usaha baru');
    await nextTick();
    mockBackend(
      backend({
        'loans.save': () => {
          throw new ApiError({ code: 'VALIDATION', message: 'Aset harus berupa angka rupiah', fields: { 'profilUsaha.aset': 'Aset harus berupa angka rupiah' } });
        },
      }),
    );
    byTestId('loan-save').click();
    await flushPromises();
    // The live checks never carry the half-typed profile; the save does, as typed (the empty asset goes as it is and is named).
    expect(callsTo('loans.check').every((c) => !('profilUsaha' in (c as object)))).toBe(true);
    expect(callsTo('loans.save')).toEqual([
      savedLoan({ profilUsaha: { omzetBulanan: 15_000_000, pekerjaDibayar: 2, pekerjaKeluarga: 1, aset: null, statusUsaha: 'baru' } as never }),
    ]);
    expect(await fieldError('profile-aset')).toBe('Aset harus berupa angka rupiah');
  });

  it("treats a typed rate equal to the scheme's (11,0 against 11) as the scheme's", async () => {
    await openForm();
    await fillLoan();
    typeInto('loan-bunga-bank', '11,0');
    await nextTick();
    expect(queryTestId('loan-alasan')).toBeNull();
    byTestId('loan-save').click();
    await flushPromises();
    expect(callsTo('loans.save')).toEqual([savedLoan()]);
  });

  it('asks for a reason when a rate differs from the scheme, and sends the rate and the reason', async () => {
    await openForm();
    await fillLoan();
    typeInto('loan-bunga-debitur', '2,5');
    await nextTick();
    expect(queryTestId('loan-alasan')).not.toBeNull();
    expect(byTestId('loan-alasan').closest('.el-form-item')!.classList.contains('is-required')).toBe(true);
    typeInto('loan-alasan', 'Surat Bupati 500/123/2025');

    byTestId('loan-save').click();
    await flushPromises();
    expect(callsTo('loans.save')).toEqual([savedLoan({ bungaDebiturPersen: '2.5', alasanUbahBunga: 'Surat Bupati 500/123/2025' })]);

    // Back to the scheme's rate: the reason is neither asked for nor sent.
    typeInto('loan-bunga-debitur', '');
    await nextTick();
    expect(queryTestId('loan-alasan')).toBeNull();
  });

  it("shows the service's message beside the reason when it refuses an override without one", async () => {
    mockBackend(
      backend({
        'loans.save': () => {
          throw new ApiError({
            code: 'VALIDATION',
            message: 'Bunga berbeda dari skema GS-2025 (11 % / 3 %): tulis alasannya',
            fields: { alasanUbahBunga: 'Bunga berbeda dari skema GS-2025 (11 % / 3 %): tulis alasannya' },
          });
        },
      }),
    );
    await openForm();
    await fillLoan();
    typeInto('loan-bunga-bank', '12');
    await nextTick();
    byTestId('loan-save').click();
    await flushPromises();
    expect(callsTo('loans.save')[0]).toMatchObject({ bungaBankPersen: '12', alasanUbahBunga: '' });
    expect(await fieldError('loan-alasan')).toBe('Bunga berbeda dari skema GS-2025 (11 % / 3 %): tulis alasannya');
    expect(visibleDialog('loan-form')).not.toBeNull();
  });

  it("asks for the schedule only after the clerk pauses, with the scheme's method and the akad date, and shows rows and totals", async () => {
    await openForm();
    await fillLoan();
    vi.advanceTimersByTime(299);
    await flushPromises();
    expect(callsTo('loans.previewSchedule')).toEqual([]);
    expect(queryTestId('schedule-table')).toBeNull();

    vi.advanceTimersByTime(1);
    await flushPromises();
    expect(callsTo('loans.previewSchedule')).toEqual([previewOf()]);
    const { rows, total } = scheduleCells();
    expect(rows).toEqual([
      ['1', '10/04/2025', 'Rp12.000.000', 'Rp4.000.000', 'Rp110.000', 'Rp4.110.000', 'Rp30.000', 'Rp80.000', 'Rp8.000.000'],
      ['2', '10/05/2025', 'Rp8.000.000', 'Rp4.000.000', 'Rp73.333', 'Rp4.073.333', 'Rp20.000', 'Rp53.333', 'Rp4.000.000'],
      ['3', '10/06/2025', 'Rp4.000.000', 'Rp4.000.000', 'Rp36.666', 'Rp4.036.666', 'Rp10.000', 'Rp26.666', 'Rp0'],
    ]);
    expect(total).toEqual(['Jumlah', '', 'Rp12.000.000', 'Rp219.999', 'Rp12.219.999', 'Rp60.000', 'Rp159.999', '']);
  });

  it('previews with the disbursement date, the first instalment date, an overridden rate and a percentage scheme', async () => {
    await openForm();
    await fillLoan({ scheme: 'KLT-80 — Subsidi 80 %' });
    await typeDate('loan-tanggal-cair', '15/03/2025');
    await typeDate('loan-angsuran-pertama', '25/04/2025');
    typeInto('loan-bunga-bank', '12,5');
    await nextTick();
    await afterLiveDelay();
    expect(callsTo('loans.previewSchedule')).toEqual([
      previewOf({
        bungaBankPersen: '12.5',
        bungaDebiturPersen: '2.4',
        metodeBunga: 'flat',
        jenisSubsidi: 'persentase',
        porsiSubsidiPersen: '80',
        pembulatan: 'floor',
        tanggalPencairan: '2025-03-15',
        tanggalAngsuranPertama: '2025-04-25',
      }),
    ]);
  });

  it('asks nothing while the loan is incomplete', async () => {
    await openForm();
    await chooseOption('GS-2025 — Gerbang Serasan 2025');
    typeInto('loan-plafon', '12.000.000');
    await nextTick();
    await afterLiveDelay();
    expect(callsTo('loans.previewSchedule')).toEqual([]);
    expect(callsTo('loans.check')).toEqual([]);
    expect(byTestId('loan-preview').textContent).toContain('Isi skema, plafon, tenor dan tanggal akad');
  });

  it('keeps the newest preview when an older answer arrives late', async () => {
    const pending: ((s: Schedule) => void)[] = [];
    mockBackend(backend({ 'loans.previewSchedule': () => new Promise<Schedule>((resolve) => pending.push(resolve)) }));
    await openForm();
    await fillLoan();
    await afterLiveDelay();
    typeInto('loan-plafon', '6.000.000');
    await nextTick();
    await afterLiveDelay();
    expect(callsTo('loans.previewSchedule').map((i) => i.plafon)).toEqual([12_000_000, 6_000_000]);

    // The answer for 6 juta comes first, then the stale one for 12 juta.
    pending[1]!(schedule([{ pokokAwal: 6_000_000, pokok: 6_000_000, pokokAkhir: 0 }]));
    await flushPromises();
    pending[0]!(schedule());
    await flushPromises();
    const { rows, total } = scheduleCells();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(2, 4)).toEqual(['Rp6.000.000', 'Rp6.000.000']);
    expect(total[2]).toBe('Rp6.000.000');
  });

  it('shows why a preview cannot be computed', async () => {
    mockBackend(
      backend({
        'loans.previewSchedule': () => {
          throw new ApiError({ code: 'VALIDATION', message: 'Angsuran pertama terlalu jauh dari pencairan' });
        },
      }),
    );
    await openForm();
    await fillLoan();
    await afterLiveDelay();
    expect(byTestId('loan-preview-error').textContent).toContain('Angsuran pertama terlalu jauh dari pencairan');
  });

  it('checks the complete loan after the pause and shows refusing flags in red, warnings in amber', async () => {
    const flags: LoanFlag[] = [
      { kode: 'pembiayaan_ganda', pesan: 'Debitur ini sudah memiliki pinjaman bersubsidi yang masih berjalan: rekening 777 di BRI.', menolak: true },
      { kode: 'melebihi_pagu', pesan: 'Subsidi pinjaman ini tahun 2025 melebihi sisa pagu subsidi skema GS-2025.', menolak: false },
    ];
    mockBackend(backend({ 'loans.check': () => flags }));
    await openForm();
    await fillLoan();
    expect(callsTo('loans.check')).toEqual([]);
    await afterLiveDelay();
    expect(callsTo('loans.check')).toEqual([savedLoan()]);
    expect(alerts(byTestId('loan-flags'))).toEqual([
      { type: 'error', text: flags[0]!.pesan },
      { type: 'warning', text: flags[1]!.pesan },
    ]);
  });

  it('keeps only the flags for what is in the form now', async () => {
    const pending: ((f: LoanFlag[]) => void)[] = [];
    mockBackend(backend({ 'loans.check': () => new Promise<LoanFlag[]>((resolve) => pending.push(resolve)) }));
    await openForm();
    await fillLoan();
    await afterLiveDelay();
    typeNumber('loan-tenor', '48');
    await nextTick();
    await afterLiveDelay();
    expect(callsTo('loans.check').map((i) => i.tenorBulan)).toEqual([3, 48]);
    pending[1]!([{ kode: 'melebihi_tenor_skema', pesan: 'Tenor 48 bulan melebihi batas skema GS-2025 (36 bulan).', menolak: true }]);
    await flushPromises();
    pending[0]!([]);
    await flushPromises();
    expect(alerts(byTestId('loan-flags'))).toEqual([{ type: 'error', text: 'Tenor 48 bulan melebihi batas skema GS-2025 (36 bulan).' }]);
  });

  it('shows a refusal beside its field, as a toast and as an alert in the form', async () => {
    const message = 'Nomor rekening 0012345678 sudah tercatat di bank ini (pinjaman no. 12)';
    mockBackend(
      backend({
        'loans.save': () => {
          throw new ApiError({ code: 'CONFLICT', message, fields: { nomorRekening: 'Sudah tercatat' } });
        },
      }),
    );
    const wrapper = await openForm();
    await fillLoan();
    byTestId('loan-save').click();
    await flushPromises();
    expect(await fieldError('loan-rekening')).toBe('Sudah tercatat');
    expect(byTestId('loan-form-error').textContent).toContain(message);
    expect(document.body.querySelector('.el-message--error')?.textContent).toContain(message);
    expect(visibleDialog('loan-form')).not.toBeNull();
    expect(wrapper.emitted('saved')).toBeUndefined();
    expect(byTestId<HTMLInputElement>('loan-rekening').value).toBe('0012345678');
  });

  it('says which pickers are still empty without calling the service', async () => {
    await openForm();
    byTestId('loan-save').click();
    await flushPromises();
    expect(callsTo('loans.save')).toEqual([]);
    expect(await fieldError('loan-debitur')).toBe('Wajib diisi');
    expect(await fieldError('loan-bank')).toBe('Wajib diisi');
    expect(await fieldError('loan-skema')).toBe('Wajib diisi');
  });

  it('saves with Enter from a text field', async () => {
    await openForm();
    await fillLoan();
    // Vue drops DOM events stamped no later than the moment its listener was attached; under
    // fake timers the clock stands still, so let some (fake) time pass as a clerk would.
    await afterLiveDelay();
    const input = byTestId('loan-akad');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await flushPromises();
    expect(callsTo('loans.save')).toHaveLength(1);
  });

  it('opens an existing loan with its values, its override and reason, and saves it under its id', async () => {
    const existing = loan({
      id: 41,
      cabangId: 12,
      cabangNama: 'Capem Tanjung Enim',
      bungaBankPersen: '11',
      bungaDebiturPersen: '2',
      alasanUbahBunga: 'Persetujuan Sekretariat 12/2025',
      tanggalPencairan: '2025-03-20',
      skemaId: 5,
      skemaKode: 'GS-2019',
    });
    const wrapper = await openForm(existing);
    expect(visibleDialog('loan-form')!.textContent).toContain('Ubah pinjaman');
    expect(byTestId('loan-debitur').textContent).toContain('Siti Aminah — 1603106710850001');
    expect(byTestId('loan-skema').textContent).toContain('GS-2019 — Gerbang Serasan 2019');
    expect(byTestId('loan-cabang').textContent).toContain('Capem Tanjung Enim');
    expect(byTestId<HTMLInputElement>('loan-rekening').value).toBe('0012345678');
    expect(byTestId<HTMLInputElement>('loan-plafon').value).toBe('12.000.000');
    expect(byTestId('loan-tanggal-cair').querySelector('input')!.value).toBe('20/03/2025');
    // The bank rate equals the scheme's and stays empty; the debtor rate was overridden.
    expect(byTestId<HTMLInputElement>('loan-bunga-bank').value).toBe('');
    expect(byTestId<HTMLInputElement>('loan-bunga-debitur').value).toBe('2');
    expect(byTestId<HTMLInputElement>('loan-alasan').value).toBe('Persetujuan Sekretariat 12/2025');

    await afterLiveDelay();
    expect(callsTo('loans.previewSchedule')).toEqual([previewOf({ bungaDebiturPersen: '2', tanggalPencairan: '2025-03-20' })]);

    byTestId('loan-save').click();
    await flushPromises();
    expect(callsTo('loans.save')).toEqual([
      savedLoan({ id: 41, versi: 1, cabangId: 12, skemaId: 5, tanggalPencairan: '2025-03-20', bungaDebiturPersen: '2', alasanUbahBunga: 'Persetujuan Sekretariat 12/2025' }),
    ]);
    expect(wrapper.emitted('saved')).toHaveLength(1);
  });

  it('clears the branch when another bank is chosen', async () => {
    await openForm();
    await fillLoan();
    await chooseOption('BRI Unit Lawang Kidul');
    byTestId('loan-save').click();
    await flushPromises();
    expect(callsTo('loans.save')[0]).toMatchObject({ bankId: 2, cabangId: null });
  });
});
