/**
 * The document printer of the desktop app: the document's HTML is loaded into a hidden window
 * (from a temporary file: large registers exceed what a data: URL may hold) and
 * - `printToPDF` makes the PDF (A4 or F4), with the same footer template as the Node printer
 *   ("Halaman X dari Y"), or
 * - `webContents.print` opens the system print dialog (the page prints its own page numbers
 *   with CSS page-margin boxes).
 * The window has no preload, no Node, no JavaScript: the page is static HTML.
 */
import { BrowserWindow } from 'electron';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PAGE_MARGIN_MM, PDF_HEADER_TEMPLATE } from '../services/documents/html';
import type { DocumentPrinter, PrintOptions } from '../services/documents/printer';

const inches = (mm: number) => mm / 25.4;
const portraitMm = (o: PrintOptions) => ({ width: Math.min(o.paperMm.width, o.paperMm.height), height: Math.max(o.paperMm.width, o.paperMm.height) });
/** printToPDF takes a custom size in inches, print() in microns; both portrait, turned by `landscape`. */
const portraitInches = (o: PrintOptions) => ({ width: inches(portraitMm(o).width), height: inches(portraitMm(o).height) });
const portraitMicrons = (o: PrintOptions) => ({ width: portraitMm(o).width * 1000, height: portraitMm(o).height * 1000 });

async function withPage<T>(html: string, show: boolean, fn: (win: BrowserWindow) => Promise<T>): Promise<T> {
  const file = path.join(os.tmpdir(), `gerbang-serasan-cetak-${randomUUID()}.html`);
  await fs.writeFile(file, html, 'utf8');
  const win = new BrowserWindow({
    show,
    width: 900,
    height: 1100,
    title: 'Cetak dokumen',
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    await win.loadFile(file);
    return await fn(win);
  } finally {
    if (!win.isDestroyed()) win.destroy();
    await fs.rm(file, { force: true });
  }
}

export function electronPrinter(): DocumentPrinter {
  return {
    pdf: (html: string, o: PrintOptions) =>
      withPage(html, false, (win) =>
        win.webContents.printToPDF({
          // Portrait size in inches, turned by `landscape` (A4, or F4 215 × 330 mm).
          pageSize: portraitInches(o),
          landscape: o.landscape,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: PDF_HEADER_TEMPLATE,
          footerTemplate: o.footerTemplate,
          margins: { top: inches(PAGE_MARGIN_MM.top), bottom: inches(PAGE_MARGIN_MM.bottom), left: inches(PAGE_MARGIN_MM.left), right: inches(PAGE_MARGIN_MM.right) },
        }),
      ),
    print: (html: string, o: PrintOptions) =>
      withPage(
        html,
        false,
        (win) =>
          new Promise<void>((resolve, reject) => {
            win.webContents.print({ silent: false, printBackground: true, landscape: o.landscape, pageSize: portraitMicrons(o) }, (success, failureReason) => {
              // Cancelling the dialog is not an error.
              if (success || failureReason === 'Print job canceled' || failureReason === 'cancelled') resolve();
              else reject(new Error(`Pencetakan gagal: ${failureReason}`));
            });
          }),
      ),
  };
}
