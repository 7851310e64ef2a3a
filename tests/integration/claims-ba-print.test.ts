/**
 * The berita acara as printed (issue 18.7): read back from the PDF (Chromium's page.pdf, the same
 * path as the app's printToPDF) with pdftotext and pdfinfo, page by page. The pages are also
 * written as PNG to tests/artifacts/ (pdftoppm) for people to look at.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertClaim } from '../../database/repositories/claims';
import { createRuntime } from '../../electron/runtime';
import { nodePrinter } from '../../electron/services/documents/node-printer';
import { computeSubsidyRun } from '../../electron/services/subsidy/run';
import { pdfFooterTemplate, renderHtml, sheetMm } from '../../electron/services/documents/html';
import type { ReportDocument } from '../../electron/services/documents/model';
import { DEFAULT_DOCUMENT_SETTINGS } from '../../electron/services/settings/document-settings';
import { call, TODAY } from '../helpers/runtime';

const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-ba-print-'));
const printer = nodePrinter();
// The approving verifier is the runtime's user 'uji'; the claim was imported by 'rina' (four-eyes).
const rt = createRuntime({ databasePath: path.join(dir, 'db.sqlite'), user: 'uji', today: () => TODAY, printer });
let tagihanId = 0;
let lineCount = 0;

beforeAll(async () => {
  await call(rt, 'app.loadDemo', {});
  rt.db.prepare("INSERT INTO pengguna (username, nama, peran, password_hash) VALUES ('uji', 'Dewi Kartika, S.E.', 'verifikator', 'x')").run();
  const bankId = (rt.db.prepare("SELECT id FROM bank WHERE kode = 'BSB'").get() as { id: number }).id;
  const run = computeSubsidyRun(rt.db, { bankId, periodeAwal: '2026-09', periodeAkhir: '2026-09' });
  const eligible = run.lines.filter((l) => l.layak && (l.rincian?.jumlah ?? 0) > 0);
  // The file's own row numbers start at 7 (a title and a header above the data in the bank's sheet).
  const lines = eligible.map((l, i) => ({
    nomorBaris: i + 7,
    periode: l.periode,
    nomorRekening: l.nomorRekening,
    nik: l.nik,
    nama: l.debiturNama,
    outstanding: null,
    bungaPersen: null,
    hari: null,
    kol: l.kol,
    diklaim: l.rincian!.jumlah + (i === 0 ? 1_200_000 : 0),
    plafon: null,
    tanggalAkad: null,
  }));
  lineCount = lines.length;
  tagihanId = insertClaim(rt.db, { bankId, periodeAwal: '2026-09', periodeAkhir: '2026-09', imporId: null, lines, dibuatOleh: 'rina' }).tagihanId;
  await call(rt, 'claims.reconcile', { tagihanId });
  await call(rt, 'claims.decideBulk', { tagihanId, status: 'selisih', keputusan: 'terima_hitungan', alasan: 'Ikut perhitungan' });
  await call(rt, 'claims.approve', { tagihanId, nomorBa: 'BA-REK/9/2026', tanggalBa: '2026-10-21' });
}, 120_000);

afterAll(async () => {
  rt.close();
  await printer.close?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function printed(kertas: 'A4' | 'F4') {
  const pdf = await call(rt, 'documents.render', { dokumen: { jenis: 'beritaAcaraRekonsiliasi', tagihanId }, format: 'pdf', kertas });
  const file = path.join(dir, `ba-${kertas}.pdf`);
  fs.writeFileSync(file, Buffer.from(pdf.isiBase64!, 'base64'));
  const info = execFileSync('pdfinfo', [file]).toString('utf8');
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const text = (p: number) => execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), file, '-']).toString('utf8');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '70', file, path.join(ARTIFACTS, `berita-acara-${kertas}`)]);
  // The sheet in millimetres (Chromium rounds it to its pixel grid: within half a millimetre).
  const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/
    .exec(info)!
    .slice(1)
    .map((pt) => (Number(pt) / 72) * 25.4);
  return { sheet: [Math.round(w!), Math.round(h!)], pages, text };
}

describe('the berita acara as printed', () => {
  it('numbers its lines 1…n, names the verifier who approved, and never leaves the signatures alone on a page (A4)', async () => {
    const { sheet, pages, text } = await printed('A4');
    expect(sheet).toEqual([210, 297]);
    const all = Array.from({ length: pages }, (_, i) => text(i + 1)).join('\n');
    // The "No." column counts 1…n, not the file's rows (7…): the last line is number n.
    const numbers = [...all.matchAll(/^\s*(\d+)\s+0\d{9}\s/gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: lineCount }, (_, i) => i + 1));
    // The verifier is the user who approved, not a dotted line; the bank's officer has no name on file.
    expect(all).toContain('Dewi Kartika, S.E.');
    // The signatures share their page with the end of the table: its totals row.
    const last = text(pages);
    expect(last).toContain('Diperiksa oleh');
    expect(last).toMatch(/Jumlah\s+Rp[\d.]+\s+Rp[\d.]+\s+Rp[\d.]+/);
    // A month is never broken over two lines.
    expect(all).not.toMatch(/September\s*\n\s*2026/);
  }, 120_000);

  it('prints on F4 (215 × 330 mm) too', async () => {
    const { sheet, pages, text } = await printed('F4');
    expect(sheet).toEqual([215, 330]);
    expect(text(pages)).toContain('Diperiksa oleh');
  }, 120_000);

  it('a table that just fills its page takes its last rows and totals over to the signatures, under a repeated header', async () => {
    // Around 30 rows fill the first A4 page of this document: whichever count, the signatures never stand alone.
    for (const n of [28, 30, 32]) {
      const doc: ReportDocument = {
        title: 'Uji',
        orientation: 'portrait',
        fileName: 'uji',
        letterhead: true,
        blocks: [
          {
            type: 'table',
            columns: [
              { key: 'no', label: 'No.', kind: 'number' },
              { key: 'nama', label: 'Nama', kind: 'text' },
              { key: 'jumlah', label: 'Jumlah', kind: 'rupiah' },
            ],
            rows: Array.from({ length: n }, (_, i) => ({ no: i + 1, nama: `Debitur ${i + 1}`, jumlah: 1000 })),
            totals: { nama: 'Total', jumlah: n * 1000 },
          },
          { type: 'paragraph', text: 'Demikian berita acara ini dibuat.' },
          {
            type: 'signatures',
            place: 'Muara Enim',
            date: '2026-10-21',
            signers: [
              { heading: 'Pihak Bank', position: 'Petugas', name: 'Lukman' },
              { heading: 'Diperiksa oleh,', position: 'Verifikator', name: 'Dewi' },
            ],
          },
        ],
      };
      const html = renderHtml(doc, { settings: DEFAULT_DOCUMENT_SETTINGS, printedOn: TODAY, pageNumbers: 'none' });
      const file = path.join(dir, `keep-${n}.pdf`);
      fs.writeFileSync(file, await printer.pdf(html, { landscape: false, footerTemplate: pdfFooterTemplate('Uji', TODAY), paperMm: sheetMm('A4', 'portrait') }));
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString('utf8'))![1]);
      const last = execFileSync('pdftotext', ['-f', String(pages), '-l', String(pages), file, '-'])
        .toString('utf8')
        .replace(/\s+/g, ' ');
      expect(last, `${n} rows`).toContain(`Debitur ${n} `);
      expect(last, `${n} rows`).toContain(`Total Rp${(n * 1000).toLocaleString('id-ID')}`);
      expect(last, `${n} rows`).toContain('Dewi');
      if (pages > 1) expect(last.trimStart().startsWith('No. Nama Jumlah'), `${n} rows: header repeated`).toBe(true);
    }
  }, 120_000);
});
