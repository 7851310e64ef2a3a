import { describe, expect, it } from 'vitest';
import { formatRupiah } from '../../electron/domain/format';
import { terbilangRupiahKapital } from '../../electron/domain/terbilang';
import { renderCsv } from '../../electron/services/documents/csv';
import { pdfFooterTemplate, renderHtml } from '../../electron/services/documents/html';
import type { ReportDocument } from '../../electron/services/documents/model';
import { DEFAULT_DOCUMENT_SETTINGS } from '../../electron/services/settings/document-settings';

const doc = (over: Partial<ReportDocument> = {}): ReportDocument => ({
  title: 'Uji <Dokumen>',
  subtitle: 'Oktober 2026',
  orientation: 'portrait',
  fileName: 'uji',
  letterhead: true,
  blocks: [
    {
      type: 'table',
      columns: [
        { key: 'nama', label: 'Nama', kind: 'text' },
        { key: 'tgl', label: 'Tanggal', kind: 'date' },
        { key: 'persen', label: '%', kind: 'percent' },
        { key: 'jumlah', label: 'Jumlah', kind: 'rupiah' },
      ],
      rows: [
        { nama: 'Siti & <b>Rudi</b>', tgl: '2026-10-27', persen: '12.5', jumlah: 1_234_567 },
        { nama: '=HYPERLINK("x")', tgl: null, persen: '0', jumlah: -5 },
      ],
      totals: { nama: 'Jumlah', jumlah: 1_234_562 },
    },
    { type: 'amount', label: 'Disetujui', amount: 1_200_000 },
    {
      type: 'signatures',
      place: 'Muara Enim',
      date: '2025-10-27',
      signers: [
        { heading: 'Mengetahui,', position: 'Kepala', name: 'Ahmad', nip: '1970' },
        { heading: 'Dibuat,', position: 'Verifikator', name: 'Budi' },
      ],
    },
  ],
  ...over,
});

describe('the HTML print template', () => {
  const html = renderHtml(doc(), { settings: DEFAULT_DOCUMENT_SETTINGS, printedOn: '2026-11-23', pageNumbers: 'css' });

  it('escapes text, right-aligns rupiah and writes dates, percentages and totals the Indonesian way', () => {
    expect(html).toContain('Siti &amp; &lt;b&gt;Rudi&lt;/b&gt;');
    expect(html).not.toContain('<b>Rudi</b>');
    expect(html).toContain('<h1>Uji &lt;Dokumen&gt;</h1>');
    expect(html).toContain(`<td class="num">${formatRupiah(1_234_567)}</td>`);
    expect(html).toContain('<td class="num">-Rp5</td>');
    expect(html).toContain('<td class="date">27/10/2026</td>');
    // One way of writing a percentage, on paper as on screen (issue 18, item 8).
    expect(html).toContain('<td class="num">12,5 %</td>');
    expect(html).toMatch(/<tr class="total"><td>Jumlah<\/td>.*<td class="num">Rp1\.234\.562<\/td><\/tr>/);
    expect(html).toContain('<thead>');
  });

  it('carries the letterhead, the amount in words, the place-and-date line and the signers', () => {
    expect(html).toContain('PEMERINTAH KABUPATEN MUARA ENIM');
    expect(html).toContain(`Terbilang: ${terbilangRupiahKapital(1_200_000)}`);
    expect(terbilangRupiahKapital(1_200_000)).toBe('Satu juta dua ratus ribu rupiah');
    expect(html).toContain('Muara Enim, 27 Oktober 2025');
    expect(html).toContain('NIP. 1970');
    expect(html).toContain('@page { size: 210mm 297mm;');
    expect(html).toContain('counter(pages)');
    // No page numbers of its own when the PDF printer's footer template draws them.
    expect(renderHtml(doc(), { settings: DEFAULT_DOCUMENT_SETTINGS, printedOn: '2026-11-23', pageNumbers: 'none' })).not.toContain('counter(pages)');
    expect(renderHtml(doc({ letterhead: false, orientation: 'landscape' }), { settings: DEFAULT_DOCUMENT_SETTINGS, printedOn: '2026-11-23' })).not.toContain('class="kop"');
    expect(pdfFooterTemplate('Rekap <1>', '2026-11-23')).toContain('Rekap &lt;1&gt; &middot; dicetak 23/11/2026');
    expect(pdfFooterTemplate('x', '2026-11-23')).toContain('Halaman <span class="pageNumber"></span> dari <span class="totalPages"></span>');
  });

  it('prints on F4 (215 × 330 mm) as well as A4, either way round', () => {
    const opts = { settings: DEFAULT_DOCUMENT_SETTINGS, printedOn: '2026-11-23' };
    expect(renderHtml(doc(), { ...opts, paper: 'F4' })).toContain('@page { size: 215mm 330mm;');
    expect(renderHtml(doc({ orientation: 'landscape' }), { ...opts, paper: 'F4' })).toContain('@page { size: 330mm 215mm;');
    expect(renderHtml(doc({ orientation: 'landscape' }), opts)).toContain('@page { size: 297mm 210mm;');
    expect(renderHtml(doc(), { ...opts, paper: 'F4' })).toContain('width: 215mm; min-height: 330mm;');
  });

  it('signature lines stay level: one table row per line, so a wrapped position lowers every signer alike', () => {
    const sig = /<section class="signatures"><table>([\s\S]*?)<\/table><\/section>/.exec(html)![1]!;
    const rows = sig.split('</tr>').filter((r) => r.includes('<tr>'));
    expect(rows.map((r) => (r.match(/<td/g) ?? []).length)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(rows[2]).toContain('<td class="position">Kepala</td><td class="position">Verifikator</td>');
    expect(rows[4]).toContain('<td class="name">Ahmad</td><td class="name">Budi</td>');
    expect(rows[5]).toContain('<td>NIP. 1970</td><td>&nbsp;</td>');
  });

  it('keeps the last rows, the totals and the closing signatures in one body that never splits', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ nama: `Debitur ${i + 1}`, periode: 'September 2026', jumlah: 1000 }));
    const kept = renderHtml(
      doc({
        blocks: [
          {
            type: 'table',
            columns: [
              { key: 'nama', label: 'Nama', kind: 'text' },
              { key: 'periode', label: 'Periode', kind: 'text', nowrap: true },
              { key: 'jumlah', label: 'Jumlah', kind: 'rupiah' },
            ],
            rows,
            totals: { nama: 'Jumlah', jumlah: 10_000 },
          },
          { type: 'paragraph', text: 'Demikian berita acara ini.' },
          { type: 'signatures', place: 'Muara Enim', date: '2025-10-27', signers: [{ heading: 'Dibuat,', position: 'Verifikator', name: 'Budi' }] },
        ],
      }),
      { settings: DEFAULT_DOCUMENT_SETTINGS, printedOn: '2026-11-23' },
    );
    const tail = /<tbody class="keep">([\s\S]*?)<\/tbody>/.exec(kept)![1]!;
    expect(tail).toContain('Debitur 8');
    expect(tail).not.toContain('Debitur 7<');
    expect(tail).toContain('<tr class="total">');
    expect(tail).toMatch(/<tr class="closing"><td colspan="3"><p>Demikian berita acara ini.<\/p>\n<section class="signatures">/);
    expect(kept).toContain('<td class="nowrap">September 2026</td>');
    expect(kept).toContain('tbody.keep { break-inside: avoid;');
  });

  it('draws charts as inline SVG', () => {
    const withChart = renderHtml(
      doc({
        blocks: [{ type: 'chart', title: 'Per bulan', chart: 'bar', categories: ['Jan', 'Feb'], series: [{ name: 'Subsidi', kind: 'rupiah', values: [1_500_000, 2_000_000] }] }],
      }),
      { settings: DEFAULT_DOCUMENT_SETTINGS, printedOn: '2026-11-23' },
    );
    expect(withChart).toMatch(/<svg[^>]*width="\d+"/);
    expect(withChart).toContain('Rp1,5 jt');
    expect(withChart).not.toContain('<script');
  });

  it('CSV: the table with ; between fields, plain integers, ISO dates, no formula injection', () => {
    expect(renderCsv(doc()).split('\r\n')).toEqual(['Nama;Tanggal;%;Jumlah', 'Siti & <b>Rudi</b>;2026-10-27;12.5;1234567', `"'=HYPERLINK(""x"")";;0;-5`]);
  });
});
