// @vitest-environment happy-dom
/**
 * A loan list's preview: registered debtors whose data in the file differs are shown old against
 * new per field, and the clerk's keep/update choices (per field, per debtor, for all) go into the
 * commit's `pilihan`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { DebtorDifference, ImportInspection, ImportPreviewResult } from '@contract';
import ImportPage from '@/features/imports/ImportPage.vue';
import { bank, byTestId, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld, type Backend } from '../setup';
import { chooseOptionContaining, clickRadio, text } from '../subsidy/fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const BSB = bank({ id: 1, nama: 'Bank Sumsel Babel' });
const CSV = 'NIK;Nama;No Rekening\n1603011707850001;Ahmad Fauzi;0012300101\n';
const SHA = 'c'.repeat(64);
const COLUMNS = ['NIK', 'Nama', 'No Rekening', 'No Akad', 'Tgl Akad', 'Plafon', 'Tenor', 'Skema'];
const FIELDS = ['nik', 'nama', 'nomorRekening', 'nomorAkad', 'tanggalAkad', 'plafon', 'tenorBulan', 'skema'];
const FAUZI = '1603011707850001';
const RINA = '1603015111910021';

const DIFFS: DebtorDifference[] = [
  { nik: FAUZI, nama: 'Ahmad Fauzi', field: 'alamat', label: 'Alamat', lama: 'Jl. Lama No. 1', baru: 'Jl. Baru No. 9', baris: 2 },
  { nik: FAUZI, nama: 'Ahmad Fauzi', field: 'kecamatan', label: 'Kecamatan', lama: 'Muara Enim', baru: 'Gelumbang', baris: 2 },
  { nik: RINA, nama: 'Rina Marlina', field: 'telepon', label: 'Telepon', lama: null, baru: '0813-1234-5678', baris: 3 },
];

function inspection(): ImportInspection {
  return {
    berkas: SHA,
    namaBerkas: 'nominatif.csv',
    ukuran: CSV.length,
    format: 'csv',
    delimiter: ';',
    encoding: 'utf-8',
    bom: false,
    sheets: [],
    sheet: null,
    headerRow: 1,
    tanpaJudul: false,
    saranTetap: {},
    contoh: [{ baris: 1, sel: COLUMNS }],
    kolom: COLUMNS.map((key, index) => ({ key, index })),
    pemetaan: Object.fromEntries(FIELDS.map((f, i) => [f, COLUMNS[i]!])),
    sumberPemetaan: 'nama_kolom',
    catatan: [],
    sebelumnya: null,
  };
}

function previewResult(overrides: Partial<ImportPreviewResult> = {}): ImportPreviewResult {
  return {
    jenis: 'pinjaman',
    namaBerkas: 'nominatif.csv',
    jumlahBaris: 2,
    jumlahValid: 2,
    jumlahGalat: 0,
    jumlahPeringatan: 0,
    dilewati: [],
    jumlahKosong: 0,
    masalahBerkas: [],
    totalNilai: 55_000_000,
    periodeAwal: null,
    periodeAkhir: null,
    masalah: [],
    jumlahMasalah: 0,
    contohValid: [],
    sebelumnya: null,
    bisaDisimpan: true,
    debiturBerbeda: DIFFS,
    jumlahDebiturBerbeda: DIFFS.length,
    ...overrides,
  };
}

function backend(overrides: Backend = {}): Backend {
  return {
    'banks.list': () => [BSB],
    'insurers.list': () => [],
    'imports.list': () => ({ rows: [], total: 0, page: 1, pageSize: 10 }),
    'imports.upload': () => inspection(),
    'imports.preview': () => ({ jobId: 'job-9' }),
    'imports.progress': () => ({ jobId: 'job-9', status: 'selesai', tahap: 'Selesai', persen: 100, hasil: previewResult(), pesan: null }),
    'imports.problems': () => ({ rows: [], total: 0, page: 1, pageSize: 20 }),
    'imports.commit': () => ({
      imporId: 5,
      jenis: 'pinjaman',
      jumlahBaris: 2,
      jumlahDilewati: 0,
      totalNilai: 55_000_000,
      tagihanId: null,
      diganti: false,
      pinjamanBaru: 2,
      debiturBaru: 1,
      debiturDiperbarui: 1,
    }),
    ...overrides,
  };
}

async function toPreview(): Promise<void> {
  mountWithApp(
    ImportPage,
    {},
    { router: createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] }), signedInAs: 'admin' },
  );
  await flushPromises();
  await clickRadio('kind-pinjaman');
  await chooseOptionContaining('Bank Sumsel Babel');
  const input = byTestId<HTMLInputElement>('import-file');
  Object.defineProperty(input, 'files', { value: [new File([CSV], 'nominatif.csv')], configurable: true });
  input.dispatchEvent(new Event('change'));
  await flushPromises();
  await flushPromises();
  byTestId<HTMLButtonElement>('import-preview').click();
  await flushPromises();
  await flushPromises();
}

const chosenCells = () => [...byTestId('import-debtor-table').querySelectorAll('td.chosen')].map((td) => td.textContent?.trim());

async function save(): Promise<void> {
  byTestId<HTMLButtonElement>('import-save').click();
  await flushPromises();
  await flushPromises();
}

beforeEach(() => mockBackend(backend()));
afterEach(() => resetWorld());

describe('registered debtors with different data in a loan list', () => {
  it('shows old against new per field; by default everything stored is kept', async () => {
    await toPreview();
    expect(callsTo('imports.upload')[0]).toMatchObject({ jenis: 'pinjaman', bankId: 1 });
    expect(text('import-debtor-differences')).toContain('Debitur terdaftar dengan data berbeda (2)');
    const rows = [...byTestId('import-debtor-table').querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent?.trim()));
    expect(rows).toEqual([
      ['Alamat', 'Jl. Lama No. 1', 'Jl. Baru No. 9'],
      ['Kecamatan', 'Muara Enim', 'Gelumbang'],
      ['Telepon', '–', '0813-1234-5678'],
    ]);
    expect(text(`diff-${FAUZI}-alamat`)).toContain(`NIK ${FAUZI} · baris 2`);
    expect(chosenCells()).toEqual(['Jl. Lama No. 1', 'Muara Enim', '–']);
    await save();
    expect(callsTo('imports.commit')).toEqual([{ jobId: 'job-9', ganti: false, pilihan: { semua: 'pertahankan', debitur: {} } }]);
    expect(text('import-done-loans')).toBe('2 pinjaman dimasukkan, 1 debitur baru, 1 debitur diperbarui.');
  });

  it('per field and per debtor choices go into the commit', async () => {
    await toPreview();
    await clickRadio(`choice-${FAUZI}-alamat-perbarui`);
    expect(chosenCells()).toEqual(['Jl. Baru No. 9', 'Muara Enim', '–']);
    byTestId<HTMLButtonElement>(`debtor-${RINA}-perbarui`).click();
    await flushPromises();
    expect(chosenCells()).toEqual(['Jl. Baru No. 9', 'Muara Enim', '0813-1234-5678']);
    await save();
    expect(callsTo('imports.commit')[0]).toEqual({
      jobId: 'job-9',
      ganti: false,
      pilihan: { semua: 'pertahankan', debitur: { [FAUZI]: { alamat: 'perbarui' }, [RINA]: { telepon: 'perbarui' } } },
    });
  });

  it('one choice for all replaces the choices made so far', async () => {
    await toPreview();
    await clickRadio(`choice-${FAUZI}-alamat-perbarui`);
    await clickRadio('debtor-all-perbarui');
    expect(chosenCells()).toEqual(['Jl. Baru No. 9', 'Gelumbang', '0813-1234-5678']);
    await clickRadio(`choice-${FAUZI}-kecamatan-pertahankan`);
    await save();
    expect(callsTo('imports.commit')[0]).toMatchObject({ pilihan: { semua: 'perbarui', debitur: { [FAUZI]: { kecamatan: 'pertahankan' } } } });
  });

  it('files of other kinds show no such section and send no choices', async () => {
    mockBackend(
      backend({
        'imports.progress': () => ({
          jobId: 'job-9',
          status: 'selesai',
          tahap: 'Selesai',
          persen: 100,
          hasil: previewResult({ debiturBerbeda: undefined, jumlahDebiturBerbeda: undefined }),
          pesan: null,
        }),
      }),
    );
    await toPreview();
    expect(queryTestId('import-debtor-differences')).toBeNull();
    await save();
    expect(callsTo('imports.commit')).toEqual([{ jobId: 'job-9', ganti: false }]);
  });
});
