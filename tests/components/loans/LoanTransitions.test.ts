// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { LoanDetail, StatusPinjaman } from '@contract';
import { formatDateShort, todayIso } from '@domain/format';
import { ApiError } from '@/api';
import { buttonByText, byTestId, callsTo, fieldError, mockBackend, queryTestId, resetWorld, typeInto, visibleDialog } from '../setup';
import { buttonTexts, descriptionPairs, dialogTitle, fieldLabel, openTab, toasts, typeDate } from './dom';
import { KLAIM, PREMI, SERVICE_NEXT, fakeLoanService, loanDetail, runningLoan, type FakeLoanOptions } from './fixtures';
import { openLoanPage } from './page';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

/** A loan at each status as the service would hold it: disbursed from 'aktif' on. */
function loanAt(status: StatusPinjaman): LoanDetail {
  return ['diajukan', 'disetujui', 'ditolak'].includes(status) ? loanDetail({ status }) : runningLoan({ status, klaimAsuransi: status === 'klaim' ? KLAIM : null });
}

async function openAt(status: StatusPinjaman, options: FakeLoanOptions = {}) {
  const service = fakeLoanService(loanAt(status), options);
  mockBackend(service.backend);
  await openLoanPage(41);
  return service;
}

const actions = () => buttonTexts(byTestId('loan-actions'));
const status = () => byTestId('loan-status').textContent?.trim();
const header = () => Object.fromEntries(descriptionPairs('loan-header'));
const dateInput = () => byTestId('transition-tanggal').querySelector('input')!;

async function clickAction(text: string): Promise<void> {
  buttonByText(text, byTestId('loan-actions')).click();
  await flushPromises();
}
async function save(): Promise<void> {
  byTestId('transition-save').click();
  await flushPromises();
}

describe("LoanDetailPage: the steps of a loan's life", () => {
  afterEach(() => resetWorld());

  // What a clerk sees offered at each status, written out from NEXT in the loan service.
  it.each<[StatusPinjaman, string, string[]]>([
    ['diajukan', 'info', ['Ubah', 'Setujui', 'Tolak']],
    ['disetujui', 'primary', ['Ubah', 'Cairkan', 'Tolak']],
    ['aktif', 'success', ['Lunas (dipercepat)', 'Macet', 'Restrukturisasi']],
    ['macet', 'danger', ['Lancar kembali', 'Lunas (dipercepat)', 'Klaim asuransi', 'Restrukturisasi']],
    ['klaim', 'warning', ['Lunas (dipercepat)', 'Hapus buku']],
    ['lunas', 'info', []],
    ['hapus_buku', 'danger', []],
    ['ditolak', 'info', []],
  ])('offers at status %s (a %s tag) only %j', async (at, tag, offered) => {
    await openAt(at);
    expect(byTestId('loan-status').classList.contains(`el-tag--${tag}`)).toBe(true);
    expect(actions()).toEqual(offered);
    // Every step offered is one the service accepts from this status.
    const steps = [...byTestId('loan-actions').querySelectorAll('[data-testid^="loan-action-"]')].map((b) => b.getAttribute('data-testid')!.replace('loan-action-', ''));
    expect(steps).toEqual(SERVICE_NEXT[at]);
  });

  interface Step {
    from: StatusPinjaman;
    button: string;
    ke: Exclude<StatusPinjaman, 'diajukan'>;
    dateLabel: string;
    hint?: string;
    reasonRequired?: boolean;
    alasan?: string;
    now: string;
    then: string[];
    /** What else the returned loan shows. */
    shows?: () => Promise<void>;
  }
  const STEPS: Step[] = [
    { from: 'diajukan', button: 'Setujui', ke: 'disetujui', dateLabel: 'Tanggal persetujuan', now: 'Disetujui', then: ['Ubah', 'Cairkan', 'Tolak'] },
    {
      from: 'diajukan',
      button: 'Tolak',
      ke: 'ditolak',
      dateLabel: 'Tanggal penolakan',
      reasonRequired: true,
      alasan: 'Usaha belum berjalan 6 bulan',
      now: 'Ditolak',
      then: [],
    },
    {
      from: 'disetujui',
      button: 'Cairkan',
      ke: 'aktif',
      dateLabel: 'Tanggal pencairan',
      now: 'Aktif (dicairkan)',
      then: ['Lunas (dipercepat)', 'Macet', 'Restrukturisasi'],
      hint: 'Jadwal angsuran dihitung dari tanggal pencairan; premi asuransi dihitung sekali pada pencairan.',
      shows: async () => {
        expect(header()['Tanggal pencairan']).toBe('20/03/2025');
        await openTab('premi');
        expect(descriptionPairs('premium')[0]).toEqual(['Penjamin', 'PT Jamkrida Sumsel']);
        await openTab('posisi');
        expect(queryTestId('position-form')).not.toBeNull();
      },
    },
    { from: 'disetujui', button: 'Tolak', ke: 'ditolak', dateLabel: 'Tanggal penolakan', reasonRequired: true, alasan: 'Agunan tidak memadai', now: 'Ditolak', then: [] },
    {
      from: 'aktif',
      button: 'Lunas (dipercepat)',
      ke: 'lunas',
      dateLabel: 'Tanggal pelunasan',
      now: 'Lunas',
      then: [],
      shows: async () => expect(header()['Tanggal lunas']).toBe('20/03/2025'),
    },
    {
      from: 'aktif',
      button: 'Macet',
      ke: 'macet',
      dateLabel: 'Tanggal dinyatakan macet',
      alasan: 'Tunggakan lebih dari 180 hari',
      now: 'Macet',
      then: ['Lancar kembali', 'Lunas (dipercepat)', 'Klaim asuransi', 'Restrukturisasi'],
    },
    {
      from: 'macet',
      button: 'Lancar kembali',
      ke: 'aktif',
      dateLabel: 'Tanggal lancar kembali',
      now: 'Aktif (dicairkan)',
      then: ['Lunas (dipercepat)', 'Macet', 'Restrukturisasi'],
    },
    { from: 'macet', button: 'Lunas (dipercepat)', ke: 'lunas', dateLabel: 'Tanggal pelunasan', now: 'Lunas', then: [] },
    {
      from: 'macet',
      button: 'Klaim asuransi',
      ke: 'klaim',
      dateLabel: 'Tanggal pengajuan klaim',
      now: 'Klaim asuransi',
      then: ['Lunas (dipercepat)', 'Hapus buku'],
      hint: 'Klaim dihitung dari baki debet pada tanggal pinjaman dinyatakan macet (posisi bank, atau jadwal) dikali porsi penjaminan skema.',
      shows: async () => {
        await openTab('premi');
        expect(descriptionPairs('claim')).toContainEqual(['Nilai klaim', 'Rp5.600.000']);
      },
    },
    { from: 'klaim', button: 'Lunas (dipercepat)', ke: 'lunas', dateLabel: 'Tanggal pelunasan', now: 'Lunas', then: [] },
    { from: 'klaim', button: 'Hapus buku', ke: 'hapus_buku', dateLabel: 'Tanggal hapus buku', reasonRequired: true, alasan: 'Klaim dibayar penjamin', now: 'Hapus buku', then: [] },
  ];

  it.each(STEPS.map((s) => [`${s.from} → ${s.ke} (${s.button})`, s] as const))('%s: asks the date and reason, sends them, and shows the loan returned', async (_, step) => {
    await openAt(step.from, { premi: PREMI, klaim: KLAIM });
    expect(visibleDialog('transition-dialog')).toBeNull();
    await clickAction(step.button);

    expect(visibleDialog('transition-dialog')).not.toBeNull();
    expect(dialogTitle('transition-dialog')).toBe(`${step.button}: rekening 0012345678`);
    expect(fieldLabel('transition-tanggal')).toEqual({ label: step.dateLabel, required: true });
    expect(fieldLabel('transition-alasan')).toEqual({ label: 'Alasan / keterangan', required: step.reasonRequired ?? false });
    const hint = byTestId('transition-dialog').querySelector('.el-form .muted');
    expect(hint?.textContent?.trim() ?? null).toBe(step.hint ?? null);
    expect(byTestId('transition-save').textContent?.trim()).toBe(step.button);

    await typeDate('transition-tanggal', '20/03/2025');
    if (step.alasan) typeInto('transition-alasan', `  ${step.alasan} `);
    await save();

    expect(callsTo('loans.transition')).toEqual([{ id: 41, versi: 1, ke: step.ke, tanggal: '2025-03-20', alasan: step.alasan ?? null }]);
    expect(visibleDialog('transition-dialog')).toBeNull();
    expect(toasts('success')).toEqual([`Status pinjaman sekarang: ${step.now}`]);
    // The page shows the loan the service answered with, without asking for it again.
    expect(status()).toBe(step.now);
    expect(actions()).toEqual(step.then);
    expect(callsTo('loans.get')).toHaveLength(1);
    await step.shows?.();
  });

  it('proposes today as the date, and Cancel sends nothing', async () => {
    await openAt('diajukan', { today: todayIso() });
    await clickAction('Setujui');
    expect(dateInput().value).toBe(formatDateShort(todayIso()));
    buttonByText('Batal', byTestId('transition-dialog')).click();
    await flushPromises();
    expect(visibleDialog('transition-dialog')).toBeNull();
    expect(callsTo('loans.transition')).toEqual([]);

    await clickAction('Setujui');
    await save();
    expect(callsTo('loans.transition')).toEqual([{ id: 41, versi: 1, ke: 'disetujui', tanggal: todayIso(), alasan: null }]);
    expect(status()).toBe('Disetujui');
  });

  it('takes the step with Enter from the reason field', async () => {
    await openAt('aktif');
    await clickAction('Macet');
    await typeDate('transition-tanggal', '01/10/2025');
    const reason = typeInto('transition-alasan', 'Menunggak 181 hari');
    reason.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await flushPromises();
    expect(callsTo('loans.transition')).toEqual([{ id: 41, versi: 1, ke: 'macet', tanggal: '2025-10-01', alasan: 'Menunggak 181 hari' }]);
    expect(status()).toBe('Macet');
  });

  it("shows the service's refusal of a disbursement in the dialog and keeps the loan as it was", async () => {
    const message = 'Debitur ini sudah memiliki pinjaman bersubsidi yang masih berjalan: rekening 777 di BRI Unit Lawang Kidul (akad B-1, status aktif).';
    const service = fakeLoanService(loanAt('disetujui'));
    mockBackend({
      ...service.backend,
      'loans.transition': () => {
        throw new ApiError({ code: 'CONFLICT', message, fields: { _: message } });
      },
    });
    await openLoanPage(41);
    await clickAction('Cairkan');
    await typeDate('transition-tanggal', '20/03/2025');
    await save();

    expect(callsTo('loans.transition')).toEqual([{ id: 41, versi: 1, ke: 'aktif', tanggal: '2025-03-20', alasan: null }]);
    expect(byTestId('transition-error').textContent?.trim()).toBe(message);
    expect(toasts('error')).toEqual([message]);
    expect(visibleDialog('transition-dialog')).not.toBeNull();
    expect(dateInput().value).toBe('20/03/2025');
    expect(status()).toBe('Disetujui');
    expect(actions()).toEqual(['Ubah', 'Cairkan', 'Tolak']);
  });

  it('shows the four-eyes refusal when the clerk approves a loan they entered themselves', async () => {
    const message = 'Pengajuan ini Anda masukkan sendiri; persetujuan atau penolakannya harus oleh verifikator lain (prinsip empat mata).';
    mockBackend({
      ...fakeLoanService(loanAt('diajukan')).backend,
      'loans.transition': () => {
        throw new ApiError({ code: 'FORBIDDEN', message });
      },
    });
    await openLoanPage(41);
    await clickAction('Setujui');
    await save();
    expect(byTestId('transition-error').textContent?.trim()).toBe(message);
    expect(status()).toBe('Diajukan');
  });

  it("shows the service's message when another clerk already moved the loan on", async () => {
    // The page was opened while the loan was running; meanwhile it was paid off.
    await openAt('aktif', { stored: { status: 'lunas', tanggalLunas: '2025-09-30' } });
    await clickAction('Macet');
    await typeDate('transition-tanggal', '01/10/2025');
    await save();
    expect(callsTo('loans.transition')).toEqual([{ id: 41, versi: 1, ke: 'macet', tanggal: '2025-10-01', alasan: null }]);
    expect(byTestId('transition-error').textContent?.trim()).toBe('Pinjaman berstatus lunas tidak dapat diubah menjadi macet.');
    expect(visibleDialog('transition-dialog')).not.toBeNull();
  });

  it('shows a refused date beside the date, and takes the step once it is corrected', async () => {
    await openAt('aktif', { today: '2025-10-15' });
    await clickAction('Lunas (dipercepat)');
    await typeDate('transition-tanggal', '16/10/2025');
    await save();
    expect(await fieldError('transition-tanggal')).toBe('Tanggal tidak boleh di masa depan');
    expect(queryTestId('transition-error')).toBeNull();
    expect(toasts('error')).toEqual(['Tanggal tidak boleh di masa depan']);

    await typeDate('transition-tanggal', '09/03/2025');
    await save();
    expect(await fieldError('transition-tanggal')).toBe('Tanggal sebelum tanggal akad');

    await typeDate('transition-tanggal', '15/10/2025');
    await save();
    expect(callsTo('loans.transition').map((i) => i.tanggal)).toEqual(['2025-10-16', '2025-03-09', '2025-10-15']);
    expect(visibleDialog('transition-dialog')).toBeNull();
    expect(header()['Tanggal lunas']).toBe('15/10/2025');
  });

  it('needs a date: an emptied date is refused beside the field', async () => {
    await openAt('diajukan');
    await clickAction('Setujui');
    await typeDate('transition-tanggal', '');
    await save();
    expect(callsTo('loans.transition')).toEqual([{ id: 41, versi: 1, ke: 'disetujui', tanggal: null as unknown as string, alasan: null }]);
    expect(await fieldError('transition-tanggal')).toBe('Tanggal wajib diisi');
    expect(status()).toBe('Diajukan');
  });

  it('asks for a reason before rejecting, and opens clean after a refusal', async () => {
    await openAt('diajukan');
    await clickAction('Tolak');
    await typeDate('transition-tanggal', '12/03/2025');
    typeInto('transition-alasan', '   ');
    await save();
    expect(callsTo('loans.transition')).toEqual([{ id: 41, versi: 1, ke: 'ditolak', tanggal: '2025-03-12', alasan: null }]);
    expect(await fieldError('transition-alasan')).toBe('Tulis alasannya');

    // Closed and opened again: no old message, no old text.
    buttonByText('Batal', byTestId('transition-dialog')).click();
    await flushPromises();
    await clickAction('Tolak');
    expect(await fieldError('transition-alasan')).toBeNull();
    expect(byTestId<HTMLInputElement>('transition-alasan').value).toBe('');

    await typeDate('transition-tanggal', '12/03/2025');
    typeInto('transition-alasan', 'Debitur sudah menerima KUR');
    await save();
    expect(callsTo('loans.transition').at(-1)).toEqual({ id: 41, versi: 1, ke: 'ditolak', tanggal: '2025-03-12', alasan: 'Debitur sudah menerima KUR' });
    expect(status()).toBe('Ditolak');
    expect(actions()).toEqual([]);
  });
});
