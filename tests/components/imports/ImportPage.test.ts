// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ImportInspection, ImportPreviewResult, ImportProblem, ImportProgress, ImportRecord } from '@contract';
import { ApiError } from '@/api';
import ImportPage from '@/features/imports/ImportPage.vue';
import { bank, byTestId, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld, selectedLabel, type Backend } from '../setup';
import { chooseOptionContaining, clickRadio, tableCells, text } from '../subsidy/fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const BSB = bank({ id: 1, nama: 'Bank Sumsel Babel' });
const BRI = bank({ id: 2, kode: 'BRI', nama: 'Bank Rakyat Indonesia' });
const CSV = 'No. Rek;Bulan;Subsidi Bunga\n0012300001;10/2026;79.236\n';
const SHA = 'a'.repeat(64);

function inspection(overrides: Partial<ImportInspection> = {}): ImportInspection {
  return {
    berkas: SHA, namaBerkas: 'tagihan-okt.csv', ukuran: CSV.length, format: 'csv', delimiter: ';', encoding: 'utf-8', bom: false, sheets: [], sheet: null, headerRow: 2,
    contoh: [
      { baris: 1, sel: ['LAPORAN TAGIHAN'] },
      { baris: 2, sel: ['No. Rek', 'Bulan', 'Subsidi Bunga'] },
      { baris: 3, sel: ['0012300001', '10/2026', '79.236'] },
    ],
    kolom: [{ key: 'No. Rek', index: 0 }, { key: 'Bulan', index: 1 }, { key: 'Subsidi Bunga', index: 2 }],
    pemetaan: { nomorRekening: 'No. Rek', periode: 'Bulan', diklaim: 'Subsidi Bunga' },
    sumberPemetaan: 'nama_kolom', catatan: [], sebelumnya: null, ...overrides,
  };
}

const PROBLEM: ImportProblem = { berkas: 'tagihan-okt.csv', baris: 7, kolom: 'Subsidi Bunga', pesan: '"abc" bukan angka rupiah', tingkat: 'galat' };

function previewResult(overrides: Partial<ImportPreviewResult> = {}): ImportPreviewResult {
  return {
    jenis: 'tagihan', namaBerkas: 'tagihan-okt.csv', jumlahBaris: 5, jumlahValid: 4, jumlahGalat: 1, jumlahPeringatan: 0, dilewati: [{ baris: 9, alasan: 'Baris total', isi: 'TOTAL | 300.000' }],
    jumlahKosong: 1, masalahBerkas: [], totalNilai: 300_000, periodeAwal: '2026-10', periodeAkhir: '2026-10', masalah: [PROBLEM], jumlahMasalah: 1, contohValid: [],
    sebelumnya: null, bisaDisimpan: true, ...overrides,
  };
}

const HISTORY: ImportRecord = {
  id: 3, jenis: 'posisi', bankId: 1, bankNama: 'Bank Sumsel Babel', penjaminId: null, penjaminNama: null, skId: null, namaBerkas: 'posisi-sep.csv', sha256: 'b'.repeat(64), format: 'csv',
  jumlahBaris: 250, jumlahDilewati: 0, totalNilai: 2_500_000_000, periodeAwal: '2026-09', periodeAkhir: '2026-09', dibuat: '2026-10-05T03:00:00Z', dibuatOleh: 'rina', digantiKali: 0, tagihanId: null,
};

function backend(overrides: Backend = {}): Backend {
  const progress: ImportProgress[] = [
    { jobId: 'job-1', status: 'berjalan', tahap: 'Memeriksa baris', persen: 40, hasil: null, pesan: null },
    { jobId: 'job-1', status: 'selesai', tahap: 'Selesai', persen: 100, hasil: previewResult(), pesan: null },
  ];
  return {
    'banks.list': () => [BSB, BRI],
    'insurers.list': () => [],
    'imports.list': () => ({ rows: [HISTORY], total: 1, page: 1, pageSize: 10 }),
    'imports.upload': () => inspection(),
    'imports.preview': () => ({ jobId: 'job-1' }),
    'imports.progress': () => progress.shift() ?? progress[0]!,
    'imports.problems': () => ({ rows: [PROBLEM], total: 1, page: 1, pageSize: 20 }),
    'imports.commit': () => ({ imporId: 4, jenis: 'tagihan', jumlahBaris: 4, jumlahDilewati: 1, totalNilai: 300_000, tagihanId: 12, diganti: false }),
    ...overrides,
  };
}

function router() {
  return createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] });
}

async function mountPage(role: 'admin' | 'bank' = 'admin'): Promise<void> {
  mountWithApp(ImportPage, {}, { router: router(), signedInAs: role });
  await flushPromises();
}

async function chooseFile(content = CSV, name = 'tagihan-okt.csv'): Promise<void> {
  const input = byTestId<HTMLInputElement>('import-file');
  Object.defineProperty(input, 'files', { value: [new File([content], name)], configurable: true });
  input.dispatchEvent(new Event('change'));
  await flushPromises();
  await flushPromises();
}

async function click(testId: string): Promise<void> {
  byTestId<HTMLButtonElement>(testId).click();
  await flushPromises();
}

beforeEach(() => mockBackend(backend()));
afterEach(() => resetWorld());

describe('the import page', () => {
  it('goes from the file to a saved claim: mapping suggested, preview with progress, problems by row and column, save, link to the claim', async () => {
    await mountPage();
    expect(tableCells('import-history')[0]).toEqual(['05/10/2026', 'Posisi bulanan bank', 'Bank Sumsel Babel', 'posisi-sep.csv', 'September 2026', '250', 'Rp2.500.000.000', 'rina']);
    // Nothing can be uploaded before the sender is chosen.
    expect(byTestId<HTMLButtonElement>('import-browse').disabled).toBe(true);
    await chooseOptionContaining('Bank Sumsel Babel');
    expect(byTestId<HTMLButtonElement>('import-browse').disabled).toBe(false);

    await chooseFile();
    const [sent] = callsTo('imports.upload');
    expect(sent).toMatchObject({ jenis: 'tagihan', bankId: 1, namaBerkas: 'tagihan-okt.csv' });
    expect(atob(sent!.isiBase64)).toBe(CSV);

    // Step 2: how the file was read, the suggestion, the raw grid with the header marked.
    expect(queryTestId('step-pemetaan')).not.toBeNull();
    expect(text('import-format')).toBe('CSV');
    expect(selectedLabel('import-delimiter')).toBe('Titik koma (;)');
    expect(selectedLabel('map-nomorRekening')).toBe('No. Rek');
    expect(selectedLabel('map-diklaim')).toBe('Subsidi Bunga');
    expect(text('import-mapping-source')).toBe('Pemetaan disarankan dari nama kolom');
    const header = byTestId('import-grid').querySelector('tr.header');
    expect(header?.textContent).toContain('Subsidi Bunga');

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await click('import-preview');
    expect(callsTo('imports.preview')[0]).toMatchObject({ berkas: SHA, opsi: { headerRow: 2 }, pemetaan: { nomorRekening: 'No. Rek', periode: 'Bulan', diklaim: 'Subsidi Bunga' } });
    // Step 3 while the job runs: the progress bar.
    expect(byTestId('import-progress').getAttribute('aria-valuenow')).toBe('40');
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    vi.useRealTimers();

    expect(text('count-rows')).toBe('5');
    expect(text('count-valid')).toBe('4');
    expect(text('count-errors')).toBe('1');
    expect(text('count-skipped')).toBe('2');
    expect(text('count-total')).toBe('Rp300.000');
    expect(tableCells('import-problems')).toEqual([['tagihan-okt.csv', '7', 'Subsidi Bunga', '"abc" bukan angka rupiah', 'Galat']]);
    expect(callsTo('imports.problems')[0]).toEqual({ jobId: 'job-1', page: 1, pageSize: 20 });
    expect(text('import-save')).toBe('Simpan 4 baris valid');

    await click('import-save');
    expect(callsTo('imports.commit')).toEqual([{ jobId: 'job-1', ganti: false }]);
    expect(text('import-done-summary')).toBe('4 baris disimpan, 1 baris bermasalah tidak disimpan. Jumlah nilai Rp300.000.');
    expect(byTestId<HTMLAnchorElement>('import-claim-link').getAttribute('href')).toContain('/tagihan/12');
    await click('import-again');
    expect(queryTestId('step-sumber')).not.toBeNull();
  });

  it('a file imported before needs an explicit, confirmed replacement', async () => {
    const earlier = { id: 3, namaBerkas: 'tagihan-okt.csv', dibuat: '2026-11-02T01:00:00Z', dibuatOleh: 'rina', bankNama: 'Bank Sumsel Babel', penjaminNama: null, jumlahBaris: 4 };
    mockBackend(backend({
      'imports.upload': () => inspection({ sebelumnya: earlier }),
      'imports.progress': () => ({ jobId: 'job-1', status: 'selesai', tahap: 'Selesai', persen: 100, hasil: previewResult({ sebelumnya: earlier }), pesan: null }),
    }));
    await mountPage();
    await chooseOptionContaining('Bank Sumsel Babel');
    await chooseFile();
    expect(text('import-earlier')).toContain('impor no. 3 "tagihan-okt.csv" pada 02/11/2026 oleh rina, 4 baris');
    await click('import-preview');
    expect(byTestId<HTMLButtonElement>('import-save').disabled).toBe(true);
    expect(text('import-replace-needed')).toContain('Ganti impor sebelumnya');
    byTestId('import-replace').querySelector('input')!.click();
    await flushPromises();
    expect(byTestId<HTMLButtonElement>('import-save').disabled).toBe(false);
    await click('import-save');
    // Confirm in the message box.
    const confirm = document.body.querySelector<HTMLButtonElement>('.el-message-box__btns .el-button--primary');
    expect(confirm).not.toBeNull();
    confirm!.click();
    await flushPromises();
    await flushPromises();
    expect(callsTo('imports.commit')).toEqual([{ jobId: 'job-1', ganti: true }]);
  });

  it('a file that cannot be saved says why, and the way back is open', async () => {
    mockBackend(backend({
      'imports.progress': () => ({
        jobId: 'job-1', status: 'selesai', tahap: 'Selesai', persen: 100, pesan: null,
        hasil: previewResult({ bisaDisimpan: false, masalahBerkas: ['Berkas ini tampaknya berkas Bank Rakyat Indonesia, bukan Bank Sumsel Babel: 4 dari 4 nomor rekening.'] }),
      }),
    }));
    await mountPage();
    await chooseOptionContaining('Bank Sumsel Babel');
    await chooseFile();
    await click('import-preview');
    expect(text('import-file-problems')).toContain('tampaknya berkas Bank Rakyat Indonesia');
    expect(byTestId<HTMLButtonElement>('import-save').disabled).toBe(true);
    await click('import-back');
    expect(queryTestId('step-pemetaan')).not.toBeNull();
    await click('import-back');
    expect(queryTestId('step-sumber')).not.toBeNull();
  });

  it('a required field without a column blocks the preview and says which', async () => {
    mockBackend(backend({ 'imports.upload': () => inspection({ pemetaan: { nomorRekening: 'No. Rek', periode: 'Bulan' } }) }));
    await mountPage();
    await chooseOptionContaining('Bank Sumsel Babel');
    await chooseFile();
    expect(text('import-missing')).toBe('Belum dipetakan: Nilai diklaim');
    expect(byTestId<HTMLButtonElement>('import-preview').disabled).toBe(true);
  });

  it('a bank officer: own bank fixed, no premium invoices or loan lists; an unreadable file is explained and nothing moves on', async () => {
    mockBackend(backend({
      'banks.list': () => [BSB],
      'imports.upload': () => {
        throw new ApiError({ code: 'VALIDATION', message: 'Berkas XLSX rusak atau tidak lengkap; tidak dapat dibuka.', fields: { berkas: 'rusak' } });
      },
    }));
    await mountPage('bank');
    expect(queryTestId('kind-premi')).toBeNull();
    // Loan lists are imported by the secretariat.
    expect(queryTestId('kind-pinjaman')).toBeNull();
    expect(selectedLabel('import-bank')).toBe('Bank Sumsel Babel');
    await clickRadio('kind-posisi');
    await chooseFile('PK', 'rusak.xlsx');
    expect(callsTo('imports.upload')[0]).toMatchObject({ jenis: 'posisi', bankId: 1 });
    expect(text('import-error')).toContain('Berkas XLSX rusak');
    expect(queryTestId('step-sumber')).not.toBeNull();
  });
});
