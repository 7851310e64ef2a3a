import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { invoke } from '../../electron/services/dispatch';
import type { Result } from '../../electron/contract';
import { formatRupiah } from '../../electron/domain/format';
import { terbilang } from '../../electron/domain/terbilang';
import { ARTIFACTS, screenshot, startApp, type AppUnderTest } from './harness';

/**
 * Issue 5 end to end: the head of the secretariat opens the app on its dashboard, follows a tile to
 * the loans behind it, then prints October's rekap bulanan — on screen, as PDF and as XLSX — and each
 * certified figure equals a sum the test takes from the raw rows.
 */
function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function download(page: Page, testId: string, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

describe('dashboard and the monthly summary, in Chromium over a real SQLite file', () => {
  let app: AppUnderTest;
  let octoberPaid = 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-reports-'));

  beforeAll(async () => {
    app = await startApp({ today: '2026-11-23' });
    const h = app.runtime.handlers;
    ok(await invoke(h, 'app.loadDemo', {}));
    // October's subsidy paid for every bank by SP2Ds dated in October.
    const paguId = (app.runtime.db.prepare("SELECT id FROM pagu WHERE tahun = 2026 AND jenis = 'subsidi_bunga'").get() as { id: number }).id;
    for (const [i, bank] of ok(await invoke(h, 'banks.list', {})).entries()) {
      ok(await invoke(h, 'subsidy.recordPayment', { bankId: bank.id, periodeAwal: '2026-09', nomorSp2d: `SP2D/10/${i + 1}`, tanggalSp2d: '2026-10-15', paguId }));
    }
    octoberPaid = (app.runtime.db.prepare("SELECT sum(jumlah) AS s FROM pembayaran WHERE tanggal_sp2d BETWEEN '2026-10-01' AND '2026-10-31'").get() as { s: number }).s;
    await app.page.reload();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens on the dashboard, whose tiles lead to the loans behind them', async () => {
    const { page } = app;
    await page.getByTestId('nav-home').click();
    const macet = (app.runtime.db.prepare("SELECT count(*) AS n FROM pinjaman WHERE status = 'macet'").get() as { n: number }).n;
    await expect.poll(() => page.getByTestId('tile-bad-value').innerText()).toBe(String(macet));
    await page.getByTestId('chart-trend').locator('canvas').first().waitFor();
    // Only for the picture: let the charts' entry animation finish (nothing is asserted on it).
    await page.waitForTimeout(1500);
    await screenshot(page, 'dashboard');
    await page.getByTestId('tile-bad').click();
    await expect.poll(() => page.url()).toContain('status=macet');
    await expect.poll(() => page.getByTestId('loan-total').innerText()).toContain(String(macet));
  });

  it('shows, prints as PDF and exports as XLSX the same rekap bulanan, figures traced to the rows', async () => {
    const { page } = app;
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('report-kind').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: /Rekap/i }).first().click();
    await page.getByTestId('report-show').click();
    const frame = page.frameLocator('[data-testid="document-frame"]');
    await expect.poll(() => frame.locator('body').innerText()).toContain('REKAPITULASI BULANAN');
    const onScreen = await frame.locator('body').innerText();
    expect(onScreen).toContain('Oktober 2026');
    expect(onScreen).toContain(formatRupiah(octoberPaid));
    expect(onScreen).toContain('PEMERINTAH KABUPATEN MUARA ENIM');

    const pdf = await download(page, 'document-pdf', dir);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain(formatRupiah(octoberPaid));
    expect(text.toLowerCase()).toContain(terbilang(octoberPaid));
    expect(text).toMatch(/Halaman 1 dari \d+/);
    expect(text).toMatch(/Muara Enim, \d{1,2} November 2026/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, path.join(ARTIFACTS, 'rekap-bulanan-e2e')]);

    const xlsx = await download(page, 'document-xlsx', dir);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const numbers: number[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          if (typeof v === 'number') numbers.push(v);
          else if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') numbers.push(v.result);
        }),
      ),
    );
    expect(numbers).toContain(octoberPaid);
  });
});
