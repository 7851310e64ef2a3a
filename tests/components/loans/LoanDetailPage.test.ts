// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { LoanDetail } from '@contract';
import { ApiError } from '@/api';
import { setLocale } from '@/i18n';
import { byTestId, callsTo, mockBackend, queryTestId, resetWorld, typeInto, visibleDialog } from '../setup';
import { alerts, buttonTexts, descriptionPairs, openTab, shownTab, toasts } from './dom';
import { BRI, BSB, KLAIM, elTableRows, fakeLoanService, loanDetail, runningLoan, schedule, scheduleCells, scheme } from './fixtures';
import { openLoanPage } from './page';
import { useAuthStore } from '@/features/auth/store';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const tagType = (el: Element) => ['primary', 'success', 'info', 'warning', 'danger'].find((k) => el.classList.contains(`el-tag--${k}`));
const headerOf = (pairs: [string, string][]) => Object.fromEntries(pairs);

describe('LoanDetailPage: one loan as the clerk reads it', () => {
  afterEach(() => resetWorld());

  it("opens /pinjaman/41 and shows the loan's terms, its status and the steps its status allows", async () => {
    mockBackend(fakeLoanService(runningLoan()).backend);
    await openLoanPage('41');
    // The route's id reaches the service as a number.
    expect(callsTo('loans.get')).toEqual([{ id: 41 }]);
    expect(byTestId('loan-status').textContent?.trim()).toBe('Aktif (dicairkan)');
    expect(tagType(byTestId('loan-status'))).toBe('success');
    expect(document.querySelector('h1')!.textContent?.replace(/\s+/g, ' ').trim()).toBe('Siti Aminah · 0012345678 Aktif (dicairkan)');
    expect(descriptionPairs('loan-header')).toEqual([
      ['Debitur', 'Siti Aminah'],
      ['NIK', '1603106710850001'],
      ['Bank mitra', 'Bank Sumsel Babel / Cabang Muara Enim'],
      ['Skema', 'GS-2025 · efektif (menurun)'],
      ['Nomor rekening', '0012345678'],
      ['Akad', 'AK/2025/001, 10/03/2025'],
      ['Plafon', 'Rp12.000.000'],
      ['Tenor', '3 bulan'],
      ['Tanggal pencairan', '15/03/2025'],
      ['Bunga bank / debitur', expect.stringMatching(/^11,5 % \/ 2,5 %/)],
      ['Tanggal angsuran pertama', '10/04/2025'],
      ['Tanggal lunas', '—'],
    ]);
    expect(byTestId('loan-rates').textContent).toBe('11,5 % / 2,5 %');
    expect(byTestId('loan-rate-reason').textContent).toBe('diubah dari skema: Surat Sekretariat 12/2025');
    // A running loan: no editing, its two next steps and a restructuring.
    expect(buttonTexts(byTestId('loan-actions'))).toEqual(['Lunas (dipercepat)', 'Macet', 'Restrukturisasi']);
    expect(queryTestId('loan-flags')).toBeNull();
    expect(byTestId('loan-back').getAttribute('href')).toBe('/pinjaman');
  });

  it('shows the schedule in force first, with its totals', async () => {
    mockBackend(fakeLoanService(runningLoan()).backend);
    await openLoanPage();
    expect(shownTab()).toBe('jadwal');
    const { rows, total } = scheduleCells();
    expect(rows).toEqual([
      ['1', '10/04/2025', 'Rp12.000.000', 'Rp4.000.000', 'Rp110.000', 'Rp4.110.000', 'Rp30.000', 'Rp80.000', 'Rp8.000.000'],
      ['2', '10/05/2025', 'Rp8.000.000', 'Rp4.000.000', 'Rp73.333', 'Rp4.073.333', 'Rp20.000', 'Rp53.333', 'Rp4.000.000'],
      ['3', '10/06/2025', 'Rp4.000.000', 'Rp4.000.000', 'Rp36.666', 'Rp4.036.666', 'Rp10.000', 'Rp26.666', 'Rp0'],
    ]);
    expect(total).toEqual(['Jumlah', '', 'Rp12.000.000', 'Rp219.999', 'Rp12.219.999', 'Rp60.000', 'Rp159.999', '']);
  });

  it("shows the bank's monthly positions, the premium and the subsidy paid, each on its tab", async () => {
    mockBackend(fakeLoanService(runningLoan()).backend);
    await openLoanPage();

    await openTab('posisi');
    expect(shownTab()).toBe('posisi');
    expect(elTableRows(byTestId('position-table'))).toEqual([
      ['Maret 2025', 'Rp12.000.000', '1 – Lancar', '0', 'Ya', 'Diisi manual'],
      ['April 2025', 'Rp8.000.000', '2 – Dalam Perhatian Khusus', '12', 'Tidak', 'Impor file bank'],
    ]);
    expect(queryTestId('position-form')).not.toBeNull();

    await openTab('restrukturisasi');
    expect(byTestId('restructure-table').textContent).toContain('Belum pernah direstrukturisasi');

    await openTab('premi');
    expect(descriptionPairs('premium')).toEqual([
      ['Penjamin', 'PT Jamkrida Sumsel'],
      ['Tarif', '1,5 %'],
      ['Premi', 'Rp180.000'],
      ['Status', 'Ditagih'],
      ['Perhitungan', '1,5 % × Rp12.000.000 = Rp180.000'],
    ]);
    expect(queryTestId('claim')).toBeNull();
    expect(byTestId('premium').parentElement!.textContent).toContain('Belum ada klaim asuransi');

    await openTab('subsidi');
    expect(elTableRows(byTestId('paid-table'))).toEqual([
      ['April 2025', 'Rp80.000', '0123/SP2D/LS/2025'],
      ['Mei 2025', 'Rp53.333', '—'],
    ]);
  });

  it('shows an insurance claim with its coverage share, and only the steps left after a claim', async () => {
    mockBackend(fakeLoanService(runningLoan({ status: 'klaim', klaimAsuransi: KLAIM })).backend);
    await openLoanPage();
    expect(byTestId('loan-status').textContent?.trim()).toBe('Klaim asuransi');
    expect(tagType(byTestId('loan-status'))).toBe('warning');
    expect(buttonTexts(byTestId('loan-actions'))).toEqual(['Lunas (dipercepat)', 'Hapus buku']);
    await openTab('premi');
    expect(descriptionPairs('claim')).toEqual([
      ['Tanggal klaim', '20/10/2025'],
      ['Status', 'Diajukan'],
      ['Baki debet saat macet', 'Rp8.000.000'],
      ['Porsi penjaminan', '70 %'],
      ['Nilai klaim', 'Rp5.600.000'],
      ['Dasar klaim', 'Baki debet pada 6 Oktober 2025 (tanggal macet): posisi bank akhir September 2025'],
    ]);
  });

  it('says what is not there yet on a loan still being applied for, with its warnings', async () => {
    const flag = {
      kode: 'pembiayaan_ganda' as const,
      pesan: 'Debitur ini sudah memiliki pinjaman bersubsidi yang masih berjalan: rekening 777 di BRI Unit Lawang Kidul (akad B-1, status aktif).',
      menolak: true,
    };
    mockBackend(fakeLoanService(loanDetail({ flags: [flag] })).backend);
    await openLoanPage();
    expect(byTestId('loan-status').textContent?.trim()).toBe('Diajukan');
    expect(buttonTexts(byTestId('loan-actions'))).toEqual(['Ubah', 'Setujui', 'Tolak']);
    expect(headerOf(descriptionPairs('loan-header'))).toMatchObject({ 'Tanggal pencairan': '—', 'Bunga bank / debitur': '11 % / 3 %', 'Tanggal angsuran pertama': '—' });
    expect(queryTestId('loan-rate-reason')).toBeNull();
    expect(alerts(byTestId('loan-flags'))).toEqual([{ type: 'error', text: flag.pesan }]);

    await openTab('posisi');
    expect(byTestId('position-table').textContent).toContain('Belum ada laporan posisi dari bank');
    // No position can be recorded before disbursement (the service refuses it).
    expect(queryTestId('position-form')).toBeNull();
    expect(byTestId('position-table').parentElement!.textContent).toContain('Posisi bank dapat dicatat sesudah pinjaman dicairkan.');
    await openTab('premi');
    expect(queryTestId('premium')).toBeNull();
    expect(document.getElementById('pane-premi')!.textContent).toContain('Belum ada premi (dihitung saat pencairan, bila skema memakai penjamin).');
    await openTab('subsidi');
    expect(byTestId('paid-table').textContent).toContain('Belum ada subsidi yang dibayar untuk pinjaman ini');
  });

  it("shows the service's message when the loan does not exist, and nothing else", async () => {
    mockBackend({
      'loans.get': () => {
        throw new ApiError({ code: 'NOT_FOUND', message: 'Pinjaman tidak ditemukan' });
      },
    });
    await openLoanPage(999);
    expect(callsTo('loans.get')).toEqual([{ id: 999 }]);
    expect(alerts(document.body)).toEqual([{ type: 'error', text: 'Pinjaman tidak ditemukan' }]);
    expect(queryTestId('loan-header')).toBeNull();
    expect(queryTestId('loan-actions')).toBeNull();
    expect(queryTestId('loan-back')).not.toBeNull();
  });

  it('loads the other loan when the route moves to it, and clears an earlier error', async () => {
    const loans = new Map([
      [41, runningLoan()],
      [42, loanDetail({ id: 42, nomorRekening: '0099887766', debiturNama: 'Budi Santoso', status: 'disetujui' })],
    ]);
    mockBackend({
      'loans.get': ({ id }) => {
        const found = loans.get(id);
        if (!found) throw new ApiError({ code: 'NOT_FOUND', message: 'Pinjaman tidak ditemukan' });
        return found;
      },
    });
    const router = await openLoanPage(77);
    expect(queryTestId('loan-load-error')).not.toBeNull();

    await router.push('/pinjaman/42');
    await flushPromises();
    expect(queryTestId('loan-load-error')).toBeNull();
    expect(byTestId('loan-status').textContent?.trim()).toBe('Disetujui');
    expect(buttonTexts(byTestId('loan-actions'))).toEqual(['Ubah', 'Cairkan', 'Tolak']);

    await router.push('/pinjaman/41');
    await flushPromises();
    expect(callsTo('loans.get')).toEqual([{ id: 77 }, { id: 42 }, { id: 41 }]);
    expect(headerOf(descriptionPairs('loan-header'))).toMatchObject({ Debitur: 'Siti Aminah', 'Nomor rekening': '0012345678' });

    byTestId('loan-back').click();
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/pinjaman');
  });

  it('keeps the loan of the route it is on when an older answer arrives late', async () => {
    const pending = new Map<number, (l: LoanDetail) => void>();
    mockBackend({ 'loans.get': ({ id }) => new Promise<LoanDetail>((resolve) => pending.set(id, resolve)) });
    const router = await openLoanPage(41);
    await router.push('/pinjaman/42');
    await flushPromises();
    pending.get(42)!(loanDetail({ id: 42, nomorRekening: '0099887766', debiturNama: 'Budi Santoso' }));
    await flushPromises();
    pending.get(41)!(runningLoan());
    await flushPromises();
    expect(headerOf(descriptionPairs('loan-header'))).toMatchObject({ Debitur: 'Budi Santoso', 'Nomor rekening': '0099887766' });
    expect(byTestId('loan-status').textContent?.trim()).toBe('Diajukan');
  });

  it('edits a loan not yet disbursed through the loan form and shows the terms saved', async () => {
    const service = fakeLoanService(loanDetail({ status: 'disetujui' }));
    mockBackend({
      ...service.backend,
      'banks.list': () => [BSB, BRI],
      'schemes.list': () => [scheme()],
      'loans.previewSchedule': () => schedule(),
      'loans.check': () => [],
    });
    await openLoanPage();
    byTestId('loan-edit').click();
    await flushPromises();
    expect(visibleDialog('loan-form')!.textContent).toContain('Ubah pinjaman');
    expect(byTestId<HTMLInputElement>('loan-plafon').value).toBe('12.000.000');
    typeInto('loan-plafon', '10.000.000');
    byTestId('loan-save').click();
    await flushPromises();
    expect(callsTo('loans.save')).toEqual([
      {
        id: 41,
        debiturId: 7,
        bankId: 1,
        cabangId: 11,
        skemaId: 3,
        nomorRekening: '0012345678',
        nomorAkad: 'AK/2025/001',
        tanggalAkad: '2025-03-10',
        tanggalPencairan: null,
        plafon: 10_000_000,
        tenorBulan: 3,
        bungaBankPersen: null,
        bungaDebiturPersen: null,
        alasanUbahBunga: null,
        tanggalAngsuranPertama: null,
        versi: 1,
      },
    ]);
    expect(visibleDialog('loan-form')).toBeNull();
    expect(toasts('success')).toEqual(['Data tersimpan']);
    expect(headerOf(descriptionPairs('loan-header'))).toMatchObject({ Plafon: 'Rp10.000.000' });
    expect(byTestId('loan-status').textContent?.trim()).toBe('Disetujui');
  });

  it('speaks English when the clerk switches language', async () => {
    mockBackend(fakeLoanService(runningLoan()).backend);
    await openLoanPage();
    setLocale('en');
    await flushPromises();
    expect(byTestId('loan-status').textContent?.trim()).toBe('Active (disbursed)');
    expect(buttonTexts(byTestId('loan-actions'))).toEqual(['Paid off (early)', 'Default', 'Restructure']);
    expect(byTestId('loan-back').textContent).toBe('← Back to the loan list');
    expect(descriptionPairs('loan-header').map(([label]) => label)).toEqual([
      'Debtor',
      'NIK',
      'Partner bank',
      'Scheme',
      'Account no.',
      'Agreement',
      'Principal (plafon)',
      'Term',
      'Disbursement date',
      'Bank / debtor rate',
      'First instalment date',
      'Paid-off date',
    ]);
    expect(headerOf(descriptionPairs('loan-header'))).toMatchObject({ Scheme: 'GS-2025 · effective (declining)', Term: '3 months' });
    expect(byTestId('loan-rates').textContent).toBe('11,5 % / 2,5 %');
    expect([...byTestId('loan-tabs').querySelectorAll('.el-tabs__item')].map((e) => e.textContent?.trim())).toEqual([
      'Instalment schedule',
      'Bank positions',
      'Restructurings',
      'Premium & claim',
      'Subsidy paid',
      'Business & monitoring',
      'Attachments',
    ]);
    await openTab('posisi');
    expect(elTableRows(byTestId('position-table'))[1]).toEqual(['April 2025', 'Rp8.000.000', '2 – Special mention', '12', 'No', 'Bank file import']);
    expect([...byTestId('position-table').querySelectorAll('.el-table__header th')].map((th) => th.textContent?.trim())).toEqual([
      'Period',
      'Outstanding',
      'Collectibility',
      'Days past due',
      'Instalment paid',
      'Source',
    ]);
  });
});

describe('LoanDetailPage: the way to who changed this loan', () => {
  afterEach(() => resetWorld());

  const signedInAs = async (peran: 'pemantau' | 'operator') => {
    useAuthStore().session = { token: 't', userId: 7, username: 'u', nama: 'U', peran, bankId: null, bankNama: null, wajibGantiSandi: false };
    await flushPromises();
  };

  it("links auditors to the loan's own audit trail", async () => {
    mockBackend(fakeLoanService(runningLoan()).backend);
    await openLoanPage('41');
    await signedInAs('pemantau');
    const link = byTestId<HTMLAnchorElement>('loan-history');
    expect(link.textContent?.trim()).toBe('Riwayat perubahan');
    expect(link.getAttribute('href')).toBe('/audit?entitas=pinjaman&entitasId=41');
  });

  it('does not offer it to a role that cannot read the trail', async () => {
    mockBackend(fakeLoanService(runningLoan()).backend);
    await openLoanPage('41');
    await signedInAs('operator');
    expect(queryTestId('loan-history')).toBeNull();
  });
});
