// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { DocumentKindInfo, DocumentRenderInput, RenderedDocument } from '@contract';
import { PRINT_UNAVAILABLE_FIELD, PRINT_UNAVAILABLE_MESSAGE } from '@contract';
import { ApiError } from '@/api';
import DocumentView from '@/components/DocumentView.vue';
import ReportsPage from '@/features/reports/ReportsPage.vue';
import { bank, byTestId, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld, type Backend } from '../setup';
import { chooseOption } from '../loans/dom';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const KINDS: DocumentKindInfo[] = [
  { jenis: 'rekapBulanan', judul: 'Rekap bulanan', keterangan: 'Ringkasan sebulan.' },
  { jenis: 'registerPinjaman', judul: 'Register pinjaman', keterangan: 'Daftar pinjaman.' },
  { jenis: 'registerDebitur', judul: 'Register debitur', keterangan: 'Daftar debitur.' },
  { jenis: 'riwayatPinjaman', judul: 'Riwayat pinjaman', keterangan: 'Satu pinjaman.' },
];
const PAGE = '<!doctype html><html><body><h1>REKAP</h1></body></html>';

function rendered(input: DocumentRenderInput): RenderedDocument {
  const format = input.format ?? 'html';
  const base = {
    namaBerkas: `dokumen.${format}`,
    mime: format === 'pdf' ? 'application/pdf' : 'text/plain',
    judul: 'Rekap',
    orientasi: 'landscape' as const,
    kertas: input.kertas ?? 'A4',
  };
  if (format === 'html') return { ...base, html: PAGE };
  if (format === 'csv') return { ...base, teks: 'No;Nama\r\n1;Siti' };
  return { ...base, isiBase64: btoa('%PDF-1.7 isi') };
}

function backend(overrides: Backend = {}): Backend {
  return {
    'documents.kinds': () => KINDS,
    'documents.render': (input) => rendered(input),
    'documents.print': () => ({ dicetak: true }),
    'banks.list': () => [bank(), bank({ id: 2, kode: 'BRI', nama: 'Bank Rakyat Indonesia' })],
    'schemes.list': () => [],
    'reference.list': () => ({ kecamatan: [{ id: 5, nama: 'Lubai', aktif: true, kodeWilayah: null }], sektor: [] }),
    ...overrides,
  };
}

let downloads: { name: string; type: string }[];
beforeEach(() => {
  downloads = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    downloads.push({ name: '', type: (blob as Blob).type });
    return 'blob:uji';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads[downloads.length - 1]!.name = this.download;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  resetWorld();
});

describe('DocumentView', () => {
  it('shows the rendered page in a sandboxed iframe and downloads PDF, XLSX and CSV', async () => {
    mockBackend(backend());
    mountWithApp(DocumentView, { props: { request: { jenis: 'rekapBulanan', periode: '2026-10' } } });
    await flushPromises();
    expect(callsTo('documents.render')).toEqual([{ dokumen: { jenis: 'rekapBulanan', periode: '2026-10' }, format: 'html', kertas: 'A4' }]);
    const frame = byTestId<HTMLIFrameElement>('document-frame');
    expect(frame.getAttribute('srcdoc')).toBe(PAGE);
    expect(frame.getAttribute('sandbox')).toBe('allow-same-origin allow-modals');

    byTestId('document-pdf').click();
    await flushPromises();
    byTestId('document-csv').click();
    await flushPromises();
    expect(
      callsTo('documents.render')
        .slice(1)
        .map((c) => c.format),
    ).toEqual(['pdf', 'csv']);
    expect(downloads).toEqual([
      { name: 'dokumen.pdf', type: 'application/pdf' },
      { name: 'dokumen.csv', type: 'text/plain' },
    ]);
    expect(document.body.textContent).toContain('Berkas dokumen.csv diunduh.');
  });

  it('says in Indonesian why a document cannot be shown, and shows nothing for no request', async () => {
    mockBackend(
      backend({
        'documents.render': () => {
          throw new ApiError({ code: 'FORBIDDEN', message: 'Petugas bank hanya dapat melihat data banknya sendiri.' });
        },
      }),
    );
    mountWithApp(DocumentView, { props: { request: { jenis: 'registerPinjaman', bankId: 2 } } });
    await flushPromises();
    expect(byTestId('document-error').textContent).toContain('Dokumen tidak dapat ditampilkan');
    expect(byTestId('document-error').textContent).toContain('Petugas bank hanya dapat melihat data banknya sendiri.');
    expect(queryTestId('document-frame')).toBeNull();
    expect(byTestId<HTMLButtonElement>('document-print').disabled).toBe(true);

    resetWorld();
    mockBackend(backend());
    mountWithApp(DocumentView, { props: { request: null } });
    await flushPromises();
    expect(callsTo('documents.render')).toEqual([]);
    expect(queryTestId('document-empty')).not.toBeNull();
  });

  it('prints on F4 as well as A4: the preview, the PDF and the print dialog all take the chosen paper', async () => {
    mockBackend(backend());
    mountWithApp(DocumentView, { props: { request: { jenis: 'rekapBulanan', periode: '2026-10' } } });
    await flushPromises();
    (byTestId('document-paper-F4').querySelector('input') as HTMLInputElement).click();
    await flushPromises();
    expect(callsTo('documents.render').at(-1)).toEqual({ dokumen: { jenis: 'rekapBulanan', periode: '2026-10' }, format: 'html', kertas: 'F4' });
    byTestId('document-pdf').click();
    await flushPromises();
    expect(callsTo('documents.render').at(-1)).toMatchObject({ format: 'pdf', kertas: 'F4' });
    byTestId('document-print').click();
    await flushPromises();
    expect(callsTo('documents.print')).toEqual([{ dokumen: { jenis: 'rekapBulanan', periode: '2026-10' }, kertas: 'F4' }]);
  });

  it('prints through the system dialog, or the preview itself where there is none', async () => {
    mockBackend(backend());
    mountWithApp(DocumentView, { props: { request: { jenis: 'rekapBulanan', periode: '2026-10' } } });
    await flushPromises();
    const print = vi.fn();
    Object.defineProperty(byTestId('document-frame'), 'contentWindow', { value: { focus: vi.fn(), print }, configurable: true });
    byTestId('document-print').click();
    await flushPromises();
    expect(callsTo('documents.print')).toEqual([{ dokumen: { jenis: 'rekapBulanan', periode: '2026-10' }, kertas: 'A4' }]);
    expect(print).not.toHaveBeenCalled();

    mockBackend(
      backend({
        'documents.print': () => {
          throw new ApiError({ code: 'CONFLICT', message: PRINT_UNAVAILABLE_MESSAGE, fields: { [PRINT_UNAVAILABLE_FIELD]: PRINT_UNAVAILABLE_MESSAGE } });
        },
      }),
    );
    byTestId('document-print').click();
    await flushPromises();
    expect(print).toHaveBeenCalledTimes(1);
  });
});

describe('the reports page', () => {
  it('offers the reports, and shows the chosen one with its parameters', async () => {
    mockBackend(backend());
    mountWithApp(ReportsPage);
    await flushPromises();
    expect(byTestId('report-description').textContent).toBe('Ringkasan sebulan.');
    byTestId('report-show').click();
    await flushPromises();
    const [first] = callsTo('documents.render');
    expect(first!.dokumen).toMatchObject({ jenis: 'rekapBulanan', periode: expect.stringMatching(/^\d{4}-\d{2}$/) });

    byTestId('report-kind').querySelector('input')!.click();
    await flushPromises();
    await chooseOption('Register pinjaman', 'report-kind');
    byTestId('report-bank').querySelector('input')!.click();
    await flushPromises();
    await chooseOption('Bank Rakyat Indonesia', 'report-bank');
    byTestId('report-show').click();
    await flushPromises();
    expect(callsTo('documents.render').at(-1)).toEqual({ dokumen: { jenis: 'registerPinjaman', bankId: 2 }, format: 'html', kertas: 'A4' });
    expect(byTestId<HTMLIFrameElement>('document-frame').getAttribute('srcdoc')).toBe(PAGE);
  });

  it("a bank's liaison officer gets their own bank, fixed", async () => {
    mockBackend(backend({ 'documents.kinds': () => KINDS.filter((k) => ['registerPinjaman', 'riwayatPinjaman'].includes(k.jenis)) }));
    mountWithApp(ReportsPage, {}, { signedInAs: 'bank' });
    await flushPromises();
    expect(callsTo('schemes.list')).toEqual([]);
    expect(byTestId('report-bank').querySelector('.is-disabled')).not.toBeNull();
    byTestId('report-show').click();
    await flushPromises();
    expect(callsTo('documents.render')).toEqual([{ dokumen: { jenis: 'registerPinjaman', bankId: 1 }, format: 'html', kertas: 'A4' }]);
  });

  it("draws each report's declared parameters: the debtor register's sector and scale, the history's loan, which it asks for before showing", async () => {
    mockBackend(backend());
    mountWithApp(ReportsPage);
    await flushPromises();
    expect(queryTestId('report-sektor')).toBeNull();
    expect(queryTestId('report-bank')).toBeNull();
    byTestId('report-kind').querySelector('input')!.click();
    await flushPromises();
    await chooseOption('Register debitur', 'report-kind');
    for (const ui of ['bank', 'kecamatan', 'sektor', 'skala', 'skema', 'status']) expect(queryTestId(`report-${ui}`), ui).not.toBeNull();

    byTestId('report-kind').querySelector('input')!.click();
    await flushPromises();
    await chooseOption('Riwayat pinjaman', 'report-kind');
    byTestId('report-show').click();
    await flushPromises();
    // The form item is marked in error (its message sits in a transition the test setup stubs).
    expect(byTestId('report-loan').closest('.el-form-item')!.classList.contains('is-error')).toBe(true);
    expect(callsTo('documents.render')).toEqual([]);
  });
});
