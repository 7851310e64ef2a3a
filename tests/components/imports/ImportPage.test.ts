// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ImportInspection, ImportPreviewResult, ImportProblem, ImportProgress, ImportRecord, ImportRowsPage, JobStatus } from '@contract';
import { ApiError } from '@/api';
import ImportPage from '@/features/imports/ImportPage.vue';
import { bank, byTestId, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld, selectedLabel, type Backend } from '../setup';
import { chooseOptionContaining, clickRadio, optionTexts, tableCells, text } from '../subsidy/fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const BSB = bank({ id: 1, nama: 'Bank Sumsel Babel' });
const BRI = bank({ id: 2, kode: 'BRI', nama: 'Bank Rakyat Indonesia' });
const CSV = 'No. Rek;Bulan;Subsidi Bunga\n0012300001;10/2026;79.236\n';
const SHA = 'a'.repeat(64);

function inspection(overrides: Partial<ImportInspection> = {}): ImportInspection {
  return {
    berkas: SHA,
    namaBerkas: 'tagihan-okt.csv',
    ukuran: CSV.length,
    format: 'csv',
    delimiter: ';',
    encoding: 'utf-8',
    bom: false,
    sheets: [],
    sheet: null,
    headerRow: 2,
    tanpaJudul: false,
    saranTetap: {},
    contoh: [
      { baris: 1, sel: ['LAPORAN TAGIHAN'] },
      { baris: 2, sel: ['No. Rek', 'Bulan', 'Subsidi Bunga'] },
      { baris: 3, sel: ['0012300001', '10/2026', '79.236'] },
    ],
    kolom: [
      { key: 'No. Rek', index: 0 },
      { key: 'Bulan', index: 1 },
      { key: 'Subsidi Bunga', index: 2 },
    ],
    pemetaan: { nomorRekening: 'No. Rek', periode: 'Bulan', diklaim: 'Subsidi Bunga' },
    sumberPemetaan: 'nama_kolom',
    catatan: [],
    sebelumnya: null,
    ...overrides,
  };
}

const PROBLEM: ImportProblem = { berkas: 'tagihan-okt.csv', baris: 7, kolom: 'Subsidi Bunga', pesan: '"abc" bukan angka rupiah', tingkat: 'galat' };

function previewResult(overrides: Partial<ImportPreviewResult> = {}): ImportPreviewResult {
  return {
    jenis: 'tagihan',
    namaBerkas: 'tagihan-okt.csv',
    jumlahBaris: 5,
    jumlahValid: 4,
    jumlahGalat: 1,
    jumlahPeringatan: 0,
    dilewati: [{ baris: 9, alasan: 'Baris total', isi: 'TOTAL | 300.000' }],
    jumlahKosong: 1,
    masalahBerkas: [],
    totalNilai: 300_000,
    periodeAwal: '2026-10',
    periodeAkhir: '2026-10',
    masalah: [PROBLEM],
    jumlahMasalah: 1,
    contohValid: [],
    sebelumnya: null,
    bisaDisimpan: true,
    ...overrides,
  };
}

const HISTORY: ImportRecord = {
  id: 3,
  jenis: 'posisi',
  bankId: 1,
  bankNama: 'Bank Sumsel Babel',
  penjaminId: null,
  penjaminNama: null,
  skId: null,
  namaBerkas: 'posisi-sep.csv',
  sha256: 'b'.repeat(64),
  format: 'csv',
  jumlahBaris: 250,
  jumlahDilewati: 0,
  totalNilai: 2_500_000_000,
  periodeAwal: '2026-09',
  periodeAkhir: '2026-09',
  dibuat: '2026-10-05T03:00:00Z',
  dibuatOleh: 'rina',
  digantiKali: 0,
  tagihanId: null,
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
    'imports.rows': () => ({ rows: [], total: 0, page: 1, pageSize: 20, isian: ['nomorRekening', 'periode', 'diklaim'] }),
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
    expect(tableCells('import-history')[0]).toEqual([
      '05/10/2026',
      'Posisi bulanan bank',
      'Bank Sumsel Babel',
      'posisi-sep.csv',
      'September 2026',
      '250',
      'Rp2.500.000.000',
      'rina',
    ]);
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
    expect(callsTo('imports.preview')[0]).toMatchObject({
      berkas: SHA,
      opsi: { headerRow: 2 },
      pemetaan: { nomorRekening: 'No. Rek', periode: 'Bulan', diklaim: 'Subsidi Bunga' },
    });
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
    mockBackend(
      backend({
        'imports.upload': () => inspection({ sebelumnya: earlier }),
        'imports.progress': () => ({ jobId: 'job-1', status: 'selesai', tahap: 'Selesai', persen: 100, hasil: previewResult({ sebelumnya: earlier }), pesan: null }),
      }),
    );
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
    mockBackend(
      backend({
        'imports.progress': () => ({
          jobId: 'job-1',
          status: 'selesai',
          tahap: 'Selesai',
          persen: 100,
          pesan: null,
          hasil: previewResult({ bisaDisimpan: false, masalahBerkas: ['Berkas ini tampaknya berkas Bank Rakyat Indonesia, bukan Bank Sumsel Babel: 4 dari 4 nomor rekening.'] }),
        }),
      }),
    );
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
    mockBackend(
      backend({
        'banks.list': () => [BSB],
        'imports.upload': () => {
          throw new ApiError({ code: 'VALIDATION', message: 'Berkas XLSX rusak atau tidak lengkap; tidak dapat dibuka.', fields: { berkas: 'rusak' } });
        },
      }),
    );
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

describe('the rows as read, in the preview', () => {
  /** 45 rows: row 7 with an error, row 9 with a warning; pages of 20. */
  function rowsPage({ page, pageSize, hanya }: { page: number; pageSize: number; hanya: string }): ImportRowsPage {
    const all = Array.from({ length: 45 }, (_, i) => {
      const baris = i + 5;
      const masalah =
        baris === 7
          ? [{ kolom: 'Subsidi Bunga', pesan: '"abc" bukan angka rupiah', tingkat: 'galat' as const }]
          : baris === 9
            ? [{ kolom: 'No. Rek', pesan: 'Rekening 0012300001 untuk Oktober 2026 sudah ada di baris 5: tagihan ganda', tingkat: 'peringatan' as const }]
            : [];
      return {
        baris,
        galat: baris === 7,
        masalah,
        nilai: {
          nomorRekening: baris === 9 ? '0012300001' : `00123000${String(i + 1).padStart(2, '0')}`,
          periode: '2026-10',
          nama: `Debitur ${i + 1}`,
          diklaim: baris === 7 ? null : 79_236 + i,
        },
      };
    });
    const chosen = hanya === 'bermasalah' ? all.filter((r) => r.masalah.length > 0) : all;
    return { rows: chosen.slice((page - 1) * pageSize, page * pageSize), total: chosen.length, page, pageSize, isian: ['nomorRekening', 'periode', 'nama', 'diklaim'] };
  }

  it('shows each row’s parsed values (rupiah, month) and the problem text of problem rows; pages; only problem rows on request', async () => {
    mockBackend(
      backend({
        'imports.rows': (input) => rowsPage(input as { page: number; pageSize: number; hanya: string }),
        'imports.progress': () => ({ jobId: 'job-1', status: 'selesai', tahap: 'Selesai', persen: 100, hasil: previewResult({ jumlahBaris: 45 }), pesan: null }),
      }),
    );
    await mountPage();
    await chooseOptionContaining('Bank Sumsel Babel');
    await chooseFile();
    await click('import-preview');
    await flushPromises();
    expect(callsTo('imports.rows')[0]).toEqual({ jobId: 'job-1', page: 1, pageSize: 20, hanya: 'semua' });
    const first = tableCells('import-rows');
    expect(first).toHaveLength(20);
    expect(first[0]).toEqual(['5', '0012300001', 'Oktober 2026', 'Debitur 1', 'Rp79.236', '']);
    expect(first[2]).toEqual(['7', '0012300003', 'Oktober 2026', 'Debitur 3', '–', 'Subsidi Bunga: "abc" bukan angka rupiah']);
    expect(first[4]![5]).toBe('No. Rek: Rekening 0012300001 untuk Oktober 2026 sudah ada di baris 5: tagihan ganda');
    // Headers: the fields' names.
    const heads = [...byTestId('import-rows').querySelectorAll('.el-table__header th')].map((th) => th.textContent?.trim());
    expect(heads).toEqual(['Baris', 'Nomor rekening', 'Periode', 'Nama debitur', 'Nilai diklaim', 'Masalah']);

    // Page 3 of 45 rows.
    byTestId('import-rows-pages').querySelectorAll<HTMLElement>('.el-pager li')[2]!.click();
    await flushPromises();
    expect(callsTo('imports.rows').at(-1)).toEqual({ jobId: 'job-1', page: 3, pageSize: 20, hanya: 'semua' });
    expect(tableCells('import-rows').map((r) => r[0])).toEqual(['45', '46', '47', '48', '49']);

    await clickRadio('rows-problems');
    expect(callsTo('imports.rows').at(-1)).toEqual({ jobId: 'job-1', page: 1, pageSize: 20, hanya: 'bermasalah' });
    expect(tableCells('import-rows').map((r) => [r[0], r[5]])).toEqual([
      ['7', 'Subsidi Bunga: "abc" bukan angka rupiah'],
      ['9', 'No. Rek: Rekening 0012300001 untuk Oktober 2026 sudah ada di baris 5: tagihan ganda'],
    ]);
    expect(queryTestId('import-rows-pages')).toBeNull();
  });
});

describe('a file without a header row, and the period from the title', () => {
  const HEADERLESS = inspection({
    namaBerkas: 'SIKP_BSB_202610.txt',
    delimiter: '|',
    headerRow: 0,
    tanpaJudul: true,
    pemetaan: {},
    contoh: [
      { baris: 1, sel: ['0012300001', 'SUTISNA', '202610', '79236'] },
      { baris: 2, sel: ['0012300002', 'RUDI', '202610', '75778'] },
    ],
    kolom: [
      { key: 'Kolom 1', index: 0, contoh: '0012300001' },
      { key: 'Kolom 2', index: 1, contoh: 'SUTISNA' },
      { key: 'Kolom 3', index: 2, contoh: '202610' },
      { key: 'Kolom 4', index: 3, contoh: '79236' },
    ],
    catatan: ['Tidak ada baris yang tampak seperti baris judul …'],
  });

  it('the clerk says "no header row": read again without one, columns named Kolom 1 … with a sample, the preview reads it so', async () => {
    mockBackend(
      backend({
        'imports.upload': () => inspection({ namaBerkas: 'SIKP_BSB_202610.txt', headerRow: 1, pemetaan: {} }),
        'imports.inspect': () => HEADERLESS,
      }),
    );
    await mountPage();
    await chooseOptionContaining('Bank Sumsel Babel');
    await chooseFile('0012300001|SUTISNA|202610|79236\n', 'SIKP_BSB_202610.txt');
    expect(byTestId('import-no-header').classList.contains('is-checked')).toBe(false);
    byTestId('import-no-header').querySelector('input')!.click();
    await flushPromises();
    expect(callsTo('imports.inspect')).toEqual([{ jenis: 'tagihan', bankId: 1, berkas: SHA, namaBerkas: 'SIKP_BSB_202610.txt', opsi: { tanpaJudul: true } }]);
    expect(byTestId('import-no-header').classList.contains('is-checked')).toBe(true);
    expect(byTestId('import-header-row').classList.contains('is-disabled')).toBe(true);
    // No row is marked as the header; the columns carry their first value.
    expect(byTestId('import-grid').querySelector('tr.header')).toBeNull();
    expect(optionTexts().filter((o) => o.startsWith('Kolom 1') || o.startsWith('Kolom 4'))).toEqual(expect.arrayContaining(['Kolom 1mis. 0012300001', 'Kolom 4mis. 79236']));

    await clickOption('map-nomorRekening', 'Kolom 1');
    await clickOption('map-periode', 'Kolom 3');
    await clickOption('map-diklaim', 'Kolom 4');
    await click('import-preview');
    expect(callsTo('imports.preview')[0]).toMatchObject({ opsi: { tanpaJudul: true }, pemetaan: { nomorRekening: 'Kolom 1', periode: 'Kolom 3', diklaim: 'Kolom 4' } });
    expect(callsTo('imports.preview')[0]!.opsi).not.toHaveProperty('headerRow');
  });

  it('choosing a header row again says the file has one', async () => {
    mockBackend(backend({ 'imports.upload': () => HEADERLESS, 'imports.inspect': () => inspection() }));
    await mountPage();
    await chooseOptionContaining('Bank Sumsel Babel');
    await chooseFile();
    expect(byTestId('import-no-header').classList.contains('is-checked')).toBe(true);
    byTestId('import-no-header').querySelector('input')!.click();
    await flushPromises();
    expect(callsTo('imports.inspect')[0]!.opsi).toEqual({ tanpaJudul: false });
    expect(byTestId('import-grid').querySelector('tr.header')?.textContent).toContain('Subsidi Bunga');
    await click('import-preview');
    expect(callsTo('imports.preview')[0]!.opsi).toEqual({ headerRow: 2 });
  });

  it('the period named in the title fills the whole-file period, marked as such, and is sent', async () => {
    mockBackend(
      backend({
        'imports.upload': () =>
          inspection({
            pemetaan: { nomorRekening: 'No. Rek', diklaim: 'Subsidi Bunga' },
            saranTetap: { periode: '2026-10' },
            catatan: ['Periode Oktober 2026 dibaca dari judul berkas (baris 3: "PERIODE: 01/10/2026 s.d. 31/10/2026") …'],
          }),
      }),
    );
    await mountPage();
    await chooseOptionContaining('Bank Sumsel Babel');
    await chooseFile();
    expect(byTestId('step-pemetaan').textContent).toContain('dibaca dari judul berkas (baris 3');
    // (The month picker does not pass its data-testid on; it stands beside the note.)
    expect(byTestId('tetap-periode-judul').parentElement!.querySelector<HTMLInputElement>('.el-date-editor input')!.value).toBe('10/2026');
    expect(text('tetap-periode-judul')).toBe('dari judul berkas');
    expect(queryTestId('import-missing')).toBeNull();
    await click('import-preview');
    expect(callsTo('imports.preview')[0]).toMatchObject({ tetap: { periode: '2026-10' } });
  });
});

describe('the title period when the file has a period column', () => {
  it('is not sent: the rows carry their own', async () => {
    mockBackend(backend({ 'imports.upload': () => inspection({ saranTetap: { periode: '2026-09' } }) }));
    await mountPage();
    await chooseOptionContaining('Bank Sumsel Babel');
    await chooseFile();
    expect(queryTestId('tetap-periode-judul')).toBeNull();
    await click('import-preview');
    expect(callsTo('imports.preview')[0]!.tetap).toEqual({});
  });
});

/** Picks a column for a field in the mapping table. */
async function clickOption(selectTestId: string, column: string): Promise<void> {
  byTestId(selectTestId).click();
  await flushPromises();
  const dropdowns = [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown')];
  const id = byTestId(selectTestId).querySelector('input')?.getAttribute('aria-controls');
  const list = (id && document.getElementById(id)?.closest('.el-select-dropdown')) || dropdowns.at(-1)!;
  const item = [...list.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((e) => e.querySelector('span')?.textContent?.trim() === column);
  if (!item) throw new Error(`no option ${column} in ${selectTestId}`);
  item.click();
  await flushPromises();
}

describe('the commit as a job', () => {
  it("a bank's positions are saved as a job: its step, the rows saved so far and Cancel; Cancel keeps the preview to save again", async () => {
    const JOB = '33333333-3333-4333-8333-333333333333';
    const status = (over: Partial<JobStatus>): JobStatus => ({
      jobId: JOB,
      channel: 'imports.commit',
      status: 'berjalan',
      tahap: 'Menyimpan impor',
      persen: null,
      hasilJson: null,
      galat: null,
      ...over,
    });
    let cancelled = false;
    mockBackend(
      backend({
        'imports.upload': () =>
          inspection({
            namaBerkas: 'posisi-okt.csv',
            kolom: ['No. Rek', 'Bulan', 'Baki Debet', 'Kol'].map((key, index) => ({ key, index })),
            pemetaan: { nomorRekening: 'No. Rek', periode: 'Bulan', outstanding: 'Baki Debet', kol: 'Kol' },
          }),
        'imports.progress': () => ({
          jobId: 'job-1',
          status: 'selesai',
          tahap: 'Selesai',
          persen: 100,
          hasil: previewResult({ jenis: 'posisi', namaBerkas: 'posisi-okt.csv' }),
          pesan: null,
        }),
        'jobs.start': () => status({ tahap: 'Memulai' }),
        'jobs.status': () =>
          cancelled
            ? status({ status: 'dibatalkan', tahap: 'Dibatalkan', galat: { code: 'CONFLICT', message: 'Pekerjaan dibatalkan; tidak ada yang diubah.' } })
            : status({ tahap: 'Menyimpan baris', persen: 40 }),
        'jobs.cancel': () => {
          cancelled = true;
          return status({ tahap: 'Membatalkan' });
        },
      }),
    );
    await mountPage();
    await clickRadio('kind-posisi');
    await chooseOptionContaining('Bank Sumsel Babel');
    await chooseFile('No. Rek;Bulan;Baki Debet;Kol\n', 'posisi-okt.csv');
    await click('import-preview');
    await click('import-save');
    expect(callsTo('jobs.start')).toEqual([{ channel: 'imports.commit', input: { jobId: 'job-1', ganti: false } }]);
    expect(text('job-step')).toBe('Memulai');
    await vi.waitFor(() => expect(text('job-percent')).toBe('40%'), { timeout: 5000 });
    expect(text('job-step')).toBe('Menyimpan baris');
    // Nothing else to press while it saves: the way back waits too.
    expect(byTestId<HTMLButtonElement>('import-save').classList.contains('is-loading')).toBe(true);
    expect(byTestId<HTMLButtonElement>('import-back').disabled).toBe(true);

    byTestId<HTMLButtonElement>('job-cancel').click();
    await flushPromises();
    expect(callsTo('jobs.cancel')).toEqual([{ jobId: JOB }]);
    await vi.waitFor(() => expect(queryTestId('job-progress')).toBeNull(), { timeout: 5000 });
    expect(text('import-commit-cancelled')).toBe('Dibatalkan; tidak ada yang diubah.');
    expect(queryTestId('import-error')).toBeNull();
    // Still the preview, ready to save again.
    expect(queryTestId('step-hasil')).toBeNull();
    expect(byTestId<HTMLButtonElement>('import-save').disabled).toBe(false);
  });
});
