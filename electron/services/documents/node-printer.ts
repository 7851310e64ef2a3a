/**
 * The PDF step under plain Node: headless Chromium through playwright-core (`page.setContent`,
 * `page.pdf`). One browser is started on the first PDF and reused; `close()` ends it
 * (Runtime.close calls it). playwright-core is loaded only when a PDF is asked for, so the
 * Electron app, which prints with its own Chromium, never needs it.
 */
import type { Browser } from 'playwright-core';
import { PAGE_MARGIN_MM, PDF_HEADER_TEMPLATE } from './html';
import type { DocumentPrinter, PrintOptions } from './printer';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function nodePrinter(opts: { executablePath?: string } = {}): DocumentPrinter {
  let browser: Promise<Browser> | null = null;
  const launch = async (): Promise<Browser> => {
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath: opts.executablePath ?? CHROMIUM_PATH, args: ARGS });
  };
  const mm = (n: number) => `${n}mm`;
  return {
    async pdf(html: string, o: PrintOptions): Promise<Buffer> {
      browser ??= launch().catch((err: unknown) => {
        browser = null;
        throw err;
      });
      const page = await (await browser).newPage();
      try {
        // The page has no external resources (data URL logo, inline SVG charts): 'load' is enough.
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({
          // The sheet as it lies: width and height already say the orientation.
          width: mm(o.paperMm.width),
          height: mm(o.paperMm.height),
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: PDF_HEADER_TEMPLATE,
          footerTemplate: o.footerTemplate,
          margin: { top: mm(PAGE_MARGIN_MM.top), right: mm(PAGE_MARGIN_MM.right), bottom: mm(PAGE_MARGIN_MM.bottom), left: mm(PAGE_MARGIN_MM.left) },
        });
      } finally {
        await page.close();
      }
    },
    async close(): Promise<void> {
      const b = browser;
      browser = null;
      if (b) await (await b.catch(() => null))?.close();
    },
  };
}
