/**
 * Step 5 of `npm run bench` (issue 7): the monthly summary (rekap bulanan) through the channel the
 * report screen uses (documents.render, as HTML: the aggregations and the page), and its PDF
 * (documents.render as PDF: the same aggregations, then headless Chromium's page.pdf through the
 * runtime's printer, electron/services/documents/node-printer.ts).
 */
import type { Database } from 'better-sqlite3';
import { invoke } from '../../electron/services/dispatch';
import { PAPER_MM } from '../../electron/services/documents/html';
import type { DocumentPrinter } from '../../electron/services/documents/printer';
import type { BenchStep } from './bench';

const TRIVIAL_PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body><p>Halaman uji.</p></body></html>';

export function summarySteps(db: Database, periode: string, printer: DocumentPrinter | null): { summary: BenchStep; pdf: BenchStep | null } {
  const loans = db.prepare('SELECT count(*) AS n, sum(plafon) AS plafon FROM pinjaman');
  const outstanding = db.prepare('SELECT sum(outstanding) AS outstanding FROM posisi_bank WHERE periode = ?');
  const dokumen = { jenis: 'rekapBulanan' as const, periode };
  let bytes = 0;
  const summary: BenchStep = {
    no: '5',
    name: `ringkasan bulanan ${periode} (documents.render HTML: agregasi + halaman)`,
    target: '< 1000 ms',
    limitMs: 1000,
    baseline: 'SELECT count/sum(plafon) pinjaman + sum(outstanding) posisi bulan itu',
    run: async ({ rt }) => {
      const res = await invoke(rt.handlers, 'documents.render', { dokumen, format: 'html' });
      if (!res.ok) throw new Error(res.error.message);
      if (!res.value.html) throw new Error('Ringkasan bulanan tanpa HTML');
    },
    base: () => {
      loans.get();
      outstanding.get(periode);
    },
  };
  const pdf: BenchStep | null = printer && {
    no: '5b',
    name: `PDF ringkasan bulanan ${periode}`,
    label: () => `PDF ringkasan bulanan ${periode} (documents.render PDF: agregasi + Chromium page.pdf, ${Math.round(bytes / 1024)} KB)`,
    target: '< 3000 ms',
    limitMs: 3000,
    baseline: 'Chromium page.pdf halaman HTML sepele (peramban yang sama)',
    run: async ({ rt }) => {
      const res = await invoke(rt.handlers, 'documents.render', { dokumen, format: 'pdf' });
      if (!res.ok) throw new Error(res.error.message);
      const pdfBytes = Buffer.from(res.value.isiBase64 ?? '', 'base64');
      if (pdfBytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('Keluaran bukan PDF');
      bytes = pdfBytes.length;
    },
    base: async () => {
      await printer.pdf(TRIVIAL_PAGE, { landscape: false, footerTemplate: '<span></span>', paperMm: PAPER_MM.A4 });
    },
  };
  return { summary, pdf };
}
