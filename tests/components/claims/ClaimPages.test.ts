// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ClaimDetail, ClaimLine, ClaimStatusTotal, ClaimSummary } from '@contract';
import ClaimsPage from '@/features/claims/ClaimsPage.vue';
import ClaimDetailPage from '@/features/claims/ClaimDetailPage.vue';
import { bank, byTestId, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld, typeInto, visibleDialog, type Backend } from '../setup';
import { typeIn } from '../subsidy/fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const summary = (over: Partial<ClaimSummary> = {}): ClaimSummary => ({
  id: 5,
  bankId: 1,
  bankKode: 'BSB',
  bankNama: 'Bank Sumsel Babel',
  periodeAwal: '2026-10',
  periodeAkhir: '2026-10',
  status: 'diverifikasi',
  jumlahBaris: 3,
  totalDiklaim: 180_000,
  totalDisetujui: 100_000,
  totalDibayar: 0,
  imporId: 2,
  namaBerkas: 'tagihan-bsb-okt.csv',
  dibuat: '2026-11-02T03:00:00Z',
  dibuatOleh: 'rina',
  versi: 1,
  ...over,
});

const line = (over: Partial<ClaimLine>): ClaimLine => ({
  id: 1,
  nomorBaris: 1,
  periode: '2026-10',
  nomorRekening: '0012300045',
  nik: '1603106710850001',
  nama: 'Siti Aminah',
  outstanding: 10_000_000,
  bungaPersen: '8',
  hari: 31,
  kol: 1,
  plafon: null,
  tanggalAkad: null,
  diklaim: 68_889,
  diharapkan: 68_889,
  disetujui: 68_889,
  status: 'cocok',
  keterangan: null,
  pinjamanId: 11,
  cocokOleh: 'rekening',
  alasanKode: null,
  hitung: { pokok: 10_000_000, hari: 31, tarifPersen: '8', konvensiHari: 'act360' },
  diagnosis: null,
  diagnosisRincian: null,
  keputusan: 'terima_bank',
  alasanKeputusan: null,
  keputusanOtomatis: true,
  diputuskanOleh: null,
  diputuskanPada: '2026-11-02T03:00:00Z',
  versi: 1,
  ...over,
});

const LINES: ClaimLine[] = [
  line({}),
  line({
    id: 2,
    nomorBaris: 2,
    nomorRekening: '0023456789',
    nama: 'Budi Santoso',
    outstanding: 11_000_000,
    diklaim: 75_778,
    diharapkan: 68_889,
    disetujui: null,
    status: 'selisih',
    diagnosis: 'outstanding',
    diagnosisRincian: 'Baki debet bank Rp11.000.000 (kami Rp10.000.000) menghasilkan Rp75.778',
    keputusan: null,
    keputusanOtomatis: false,
    diputuskanPada: null,
  }),
  line({
    id: 3,
    nomorBaris: 3,
    nomorRekening: '999',
    nama: 'Tidak Dikenal',
    diklaim: 35_333,
    diharapkan: null,
    disetujui: 0,
    status: 'rekening_tidak_dikenal',
    pinjamanId: null,
    cocokOleh: null,
    hitung: null,
    keputusan: 'keluarkan',
  }),
];

function perStatus(): ClaimStatusTotal[] {
  return (['cocok', 'selisih', 'rekening_tidak_dikenal', 'tidak_memenuhi_syarat', 'ganda'] as const).map((status) => {
    const of = LINES.filter((l) => l.status === status);
    return {
      status,
      jumlah: of.length,
      diklaim: of.reduce((s, l) => s + l.diklaim, 0),
      diharapkan: of.reduce((s, l) => s + (l.diharapkan ?? 0), 0),
      disetujui: of.reduce((s, l) => s + (l.disetujui ?? 0), 0),
    };
  });
}

function detail(input: { status?: string; search?: string } = {}, over: Partial<ClaimDetail['claim']> = {}): ClaimDetail {
  const rows = LINES.filter((l) => !input.status || (input.status === 'belum_diputuskan' ? l.keputusan === null : l.status === input.status));
  return {
    claim: {
      ...summary(),
      direkonsiliasiPada: '2026-11-02T03:00:00Z',
      direkonsiliasiOleh: 'rina',
      disetujuiOleh: null,
      disetujuiPada: null,
      nomorBa: null,
      tanggalBa: null,
      ...over,
    },
    perStatus: perStatus(),
    belumDiputuskan: 1,
    totalDiharapkan: 137_778,
    totalDisetujuiSementara: 68_889,
    totalDitolak: 35_333,
    tidakDiklaim: { jumlah: 2, total: 90_000 },
    pembayaran: [],
    koreksiKompensasi: 0,
    totalBersih: null,
    sisaBayar: 0,
    lines: { rows, total: rows.length, page: 1, pageSize: 50 },
  };
}

const text = (id: string) => byTestId(id).textContent?.replace(/\s+/g, ' ').trim() ?? '';
const rowsOf = (id: string) =>
  [...byTestId(id).querySelectorAll('.el-table__body tr.el-table__row')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim() ?? ''));

function router() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/tagihan', name: 'claims', component: ClaimsPage },
      { path: '/tagihan/:id', name: 'claim', component: ClaimDetailPage, props: true },
    ],
  });
}

describe('ClaimsPage', () => {
  afterEach(() => resetWorld());

  it('lists the claims with their totals and filters by bank, period and status in the main process', async () => {
    mockBackend({
      'banks.list': () => [bank()],
      'claims.list': () => ({ rows: [summary(), summary({ id: 6, status: 'dibayar', totalDisetujui: 50_000, totalDibayar: 50_000 })], total: 2, page: 1, pageSize: 50 }),
    });
    const r = router();
    await r.push('/tagihan');
    mountWithApp(ClaimsPage, {}, { router: r });
    await flushPromises();
    expect(callsTo('claims.list')).toEqual([{ page: 1, pageSize: 50 }]);
    const rows = rowsOf('claims-table');
    expect(rows[0]!.slice(0, 7)).toEqual(['Bank Sumsel Babel', 'Oktober 2026', 'Direkonsiliasi', '3', 'Rp180.000', 'Rp100.000', 'Rp0']);
    expect(rows[1]!.slice(2, 7)).toEqual(['Dibayar', '3', 'Rp180.000', 'Rp50.000', 'Rp50.000']);
  });
});

describe('ClaimDetailPage', () => {
  let backend: Backend;
  beforeEach(() => {
    backend = {
      'claims.get': (input) => detail(input as { status?: string }),
      'claims.unclaimed': () => ({
        rows: [{ pinjamanId: 40, periode: '2026-10', nomorRekening: '0040', nik: '1603101203800002', nama: 'Rudi', diharapkan: 45_000 }],
        total: 1,
        page: 1,
        pageSize: 50,
      }),
      'claims.decide': (input) => ({ ...LINES[1]!, keputusan: input.keputusan, alasanKeputusan: input.alasan ?? null, disetujui: 75_778 }),
      'claims.reconcile': () => ({ tagihanId: 5, perStatus: perStatus(), tidakDiklaim: { jumlah: 2, total: 90_000 }, ms: { run: 1, rest: 1 } }),
    };
    mockBackend(backend);
  });
  afterEach(() => resetWorld());

  async function mountDetail(role: 'admin' | 'operator' | 'verifikator' | 'bank' | 'pemantau' = 'operator') {
    const r = router();
    await r.push('/tagihan/5');
    mountWithApp(ClaimDetailPage, { props: { id: 5 } }, { router: r, signedInAs: role });
    await flushPromises();
  }

  it('shows the totals per status and the lines, each expandable to both sides and the diagnosis', async () => {
    await mountDetail();
    expect(text('sum-claimed')).toBe('Rp180.000');
    expect(text('sum-agreed')).toBe('Rp68.889');
    expect(text('sum-rejected')).toBe('Rp35.333');
    expect(text('sum-unclaimed')).toBe('2 · Rp90.000');
    expect(rowsOf('claim-per-status').map((r) => r.slice(0, 2))).toEqual([
      ['Cocok', '1'],
      ['Selisih nominal', '1'],
      ['Rekening tidak dikenal', '1'],
      ['Tidak memenuhi syarat', '0'],
      ['Ganda', '0'],
    ]);
    const rows = rowsOf('lines-table');
    expect(rows.map((r) => [r[2], r[5], r[6], r[7]])).toEqual([
      ['0012300045', 'Rp68.889', 'Rp68.889', 'Cocok'],
      ['0023456789', 'Rp75.778', 'Rp68.889', 'Selisih nominalBaki debet bank berbeda'],
      ['999', 'Rp35.333', '—', 'Rekening tidak dikenal'],
    ]);
    // Not reconciled again: it already was.
    expect(callsTo('claims.reconcile')).toEqual([]);
    (byTestId('lines-table').querySelectorAll('.el-table__expand-icon')[1] as HTMLElement).click();
    await nextTick();
    expect(text('line-diagnosis')).toContain('Baki debet bank Rp11.000.000 (kami Rp10.000.000)');
    expect(text('line-detail-2')).toContain('Rp11.000.000');
  });

  it('filters lines by status in the main process', async () => {
    await mountDetail();
    (byTestId('filter-selisih').querySelector('input') as HTMLInputElement).click();
    await flushPromises();
    expect(callsTo('claims.get').at(-1)).toEqual({ tagihanId: 5, status: 'selisih', page: 1, pageSize: 50 });
    expect(rowsOf('lines-table')).toHaveLength(1);
  });

  it('decides a line with a reason through the dialog', async () => {
    await mountDetail();
    byTestId<HTMLButtonElement>('decide-line-2').click();
    await flushPromises();
    expect(visibleDialog('decide-dialog')).not.toBeNull();
    (byTestId('decide-terima_bank').querySelector('input') as HTMLInputElement).click();
    await nextTick();
    const area = byTestId<HTMLTextAreaElement>('decide-alasan');
    area.value = 'Surat bank 12/10';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await nextTick();
    byTestId<HTMLButtonElement>('decide-save').click();
    await flushPromises();
    expect(callsTo('claims.decide')).toEqual([{ barisId: 2, versi: 1, keputusan: 'terima_bank', alasan: 'Surat bank 12/10' }]);
  });

  it('opening a draft claim changes nothing; those who may reconcile it with the button', async () => {
    let status: 'draf' | 'diverifikasi' = 'draf';
    mockBackend({
      ...backend,
      'claims.get': (input) => detail(input as { status?: string }, { status }),
      'claims.reconcile': () => {
        status = 'diverifikasi';
        return backend['claims.reconcile']!({ tagihanId: 5, versi: 1 }) as never;
      },
    });
    await mountDetail('operator');
    expect(callsTo('claims.reconcile')).toEqual([]);
    expect(text('claim-status')).toBe('Draf');
    expect(text('claim-not-reconciled')).toContain('belum direkonsiliasi');
    expect(text('claim-reconcile')).toBe('Rekonsiliasi');
    byTestId<HTMLButtonElement>('claim-reconcile').click();
    await flushPromises();
    expect(callsTo('claims.reconcile')).toEqual([{ tagihanId: 5, versi: 1 }]);
    expect(text('claim-status')).toBe('Direkonsiliasi');
    expect(queryTestId('claim-not-reconciled')).toBeNull();
    expect(text('claim-reconcile')).toBe('Rekonsiliasi ulang');
  });

  it('a viewer (pemantau) opens a draft claim: no reconciliation, no button', async () => {
    mockBackend({ ...backend, 'claims.get': (input) => detail(input as { status?: string }, { status: 'draf' }) });
    await mountDetail('pemantau');
    expect(callsTo('claims.reconcile')).toEqual([]);
    expect(text('claim-status')).toBe('Draf');
    expect(text('claim-not-reconciled')).toContain('belum direkonsiliasi');
    expect(queryTestId('claim-reconcile')).toBeNull();
    expect(queryTestId('decide-line-2')).toBeNull();
  });

  it('a bank officer reads but neither reconciles nor decides', async () => {
    mockBackend({ ...backend, 'claims.get': (input) => detail(input as { status?: string }, { status: 'draf' }) });
    await mountDetail('bank');
    expect(callsTo('claims.reconcile')).toEqual([]);
    expect(queryTestId('decide-line-2')).toBeNull();
    expect(queryTestId('claim-approve')).toBeNull();
    expect(queryTestId('claim-reconcile')).toBeNull();
    expect(queryTestId('claim-cancel')).toBeNull();
  });

  it('offers approval to the verifier only when every line is decided, and payment once approved', async () => {
    await mountDetail('verifikator');
    expect(byTestId<HTMLButtonElement>('claim-approve').disabled).toBe(true);
    resetWorld();
    mockBackend({
      ...backend,
      'claims.get': (input) => ({
        ...detail(input as { status?: string }, { status: 'disetujui', totalDisetujui: 144_667, nomorBa: '0005/BA-REK/BSB/2026', tanggalBa: '2026-11-21' }),
        belumDiputuskan: 0,
        sisaBayar: 144_667,
      }),
      'budget.year': ({ tahun }) => ({ tahun, lines: [], total: { pagu: 0, realisasi: 0, sisa: 0 } }) as never,
    });
    await mountDetail('verifikator');
    expect(queryTestId('claim-approve')).toBeNull();
    // Nothing paid yet: the verifier may still withdraw it.
    expect(queryTestId('claim-cancel')).not.toBeNull();
    byTestId<HTMLButtonElement>('claim-pay').click();
    await flushPromises();
    expect(visibleDialog('claim-payment-dialog')).not.toBeNull();
    expect(text('claim-payment-rest')).toBe('Rp144.667');
    typeInto('claim-payment-sp2d', 'SP2D/77');
    await nextTick();
    expect(text('claim-summary')).toContain('0005/BA-REK/BSB/2026');
  });

  it('approval lists the bank’s open corrections to offset and shows the net; a paid claim offers “Catat koreksi” per paid line', async () => {
    const k = (id: number, jenis: 'lebih_bayar' | 'kurang_bayar', jumlah: number) => ({
      id,
      barisId: 90 + id,
      tagihanId: 4,
      bankId: 1,
      nomorBaris: id,
      nomorRekening: `00${id}`,
      nama: 'Lama',
      periode: '2026-09',
      dibayarBaris: 70_000,
      jenis,
      jumlah,
      alasan: 'Temuan',
      dokumenJenis: 'bpk' as const,
      dokumenNomor: `LHP/${id}`,
      dokumenTanggal: '2026-11-01',
      dicatatOleh: 'rina',
      dicatatPada: '2026-11-01T00:00:00Z',
      status: 'terbuka' as const,
      penyelesaian: null,
      tagihanKompensasiId: null,
      nomorSts: null,
      tanggalSts: null,
      penyelesaianOleh: null,
      tanggalSelesai: null,
      versi: 1,
    });
    mockBackend({
      ...backend,
      'claims.get': (input) => ({ ...detail(input as { status?: string }), belumDiputuskan: 0 }),
      'claims.corrections': () => [k(1, 'lebih_bayar', 12_345), k(2, 'kurang_bayar', 1_111)],
      'claims.approve': () => ({ ...summary({ status: 'disetujui' }) }) as never,
    });
    await mountDetail('verifikator');
    byTestId<HTMLButtonElement>('claim-approve').click();
    await flushPromises();
    expect(visibleDialog('claim-approve-dialog')).not.toBeNull();
    expect(text('approve-net')).toBe('Rp68.889');
    byTestId('approve-correction-1').querySelector('input')!.click();
    await nextTick();
    // 68,889 − 12,345 = 56,544
    expect(text('approve-net')).toBe('Rp56.544');
    byTestId('approve-correction-2').querySelector('input')!.click();
    await nextTick();
    expect(text('approve-net')).toBe('Rp57.655');
    byTestId<HTMLButtonElement>('claim-approve-save').click();
    await flushPromises();
    expect(callsTo('claims.approve')).toEqual([{ tagihanId: 5, versi: 1, koreksiIds: [1, 2] }]);

    resetWorld();
    mockBackend({
      ...backend,
      'claims.get': (input) => ({ ...detail(input as { status?: string }, { status: 'dibayar', totalDisetujui: 68_889, totalDibayar: 68_889 }), belumDiputuskan: 0 }),
    });
    await mountDetail('verifikator');
    expect(queryTestId('correct-line-1')).not.toBeNull();
    expect(queryTestId('correct-line-3')).toBeNull(); // nothing paid on it
    resetWorld();
    mockBackend({
      ...backend,
      'claims.get': (input) => ({ ...detail(input as { status?: string }, { status: 'dibayar', totalDisetujui: 68_889, totalDibayar: 68_889 }), belumDiputuskan: 0 }),
    });
    await mountDetail('pemantau');
    expect(queryTestId('correct-line-1')).toBeNull();
  });

  it('records a correction against a paid line, and its STS from the Koreksi tab', async () => {
    const paid = (input: unknown) => ({ ...detail(input as { status?: string }, { status: 'dibayar', totalDisetujui: 68_889, totalDibayar: 68_889 }), belumDiputuskan: 0 });
    const recorded = {
      id: 7,
      barisId: 1,
      tagihanId: 5,
      bankId: 1,
      nomorBaris: 1,
      nomorRekening: '0012300045',
      nama: 'Siti Aminah',
      periode: '2026-10',
      dibayarBaris: 68_889,
      jenis: 'lebih_bayar' as const,
      jumlah: 12_345,
      alasan: 'Hari dihitung ganda',
      dokumenJenis: 'bpk' as const,
      dokumenNomor: 'LHP/12',
      dokumenTanggal: '2026-11-23',
      dicatatOleh: 'rina',
      dicatatPada: '2026-11-23T01:00:00Z',
      status: 'terbuka' as const,
      penyelesaian: null,
      tagihanKompensasiId: null,
      nomorSts: null,
      tanggalSts: null,
      penyelesaianOleh: null,
      tanggalSelesai: null,
      versi: 1,
    };
    mockBackend({
      ...backend,
      'claims.get': paid,
      'claims.recordCorrection': () => recorded,
      'claims.corrections': (input) => ((input as { tagihanId?: number }).tagihanId ? [recorded] : []),
      'claims.settleCorrectionSts': () => ({ ...recorded, status: 'diselesaikan', penyelesaian: 'sts', nomorSts: 'STS/9', tanggalSts: '2026-11-23', tanggalSelesai: '2026-11-23' }),
    });
    await mountDetail('verifikator');
    byTestId<HTMLButtonElement>('correct-line-1').click();
    await flushPromises();
    expect(visibleDialog('correction-dialog')).not.toBeNull();
    typeIn(byTestId('correction-jumlah'), '12345');
    typeInto('correction-alasan', 'Hari dihitung ganda');
    typeInto('correction-dokumen-nomor', 'LHP/12');
    await nextTick();
    byTestId<HTMLButtonElement>('correction-save').click();
    await flushPromises();
    expect(callsTo('claims.recordCorrection')).toEqual([
      {
        barisId: 1,
        jenis: 'lebih_bayar',
        jumlah: 12_345,
        alasan: 'Hari dihitung ganda',
        dokumenJenis: 'bpk',
        dokumenNomor: 'LHP/12',
        dokumenTanggal: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    ]);

    [...document.querySelectorAll<HTMLElement>('.el-tabs__item')].find((el) => el.textContent?.includes('Koreksi'))!.click();
    await flushPromises();
    expect(rowsOf('corrections-ofLines')[0]).toEqual(expect.arrayContaining(['Lebih bayar', 'Rp12.345', 'Terbuka']));
    byTestId<HTMLButtonElement>('correction-sts-7').click();
    await flushPromises();
    typeInto('correction-sts-nomor', 'STS/9');
    byTestId<HTMLButtonElement>('correction-sts-save').click();
    await flushPromises();
    expect(callsTo('claims.settleCorrectionSts')).toEqual([{ koreksiId: 7, versi: 1, nomorSts: 'STS/9', tanggalSts: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
  });
});
