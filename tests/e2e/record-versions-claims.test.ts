/**
 * Two clerks on two PCs decide the same claim line (two Chromium contexts on the HTTP bridge, two
 * operators): ani's decision stands, dedi's from the line he opened before is refused with who
 * decided it and when, and his page shows the line as ani decided it (record versions).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { invoke } from '../../electron/services/dispatch';
import type { Result } from '../../electron/contract';
import { plantClaim, writeClaimFile } from '../../electron/services/demo/claim-files';
import { importFileFromPath } from '../../electron/services/imports/import-file';
import { addUser, screenshot, signInAs, startApp, type AppUnderTest } from './harness';

let app: AppUnderTest;
let dir: string;
let tagihanId = 0;
const contexts: BrowserContext[] = [];

function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function pcOf(username: string): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
  await context.clock.install({ time: new Date('2026-11-23T09:00:00') });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => app.problems.push(`pageerror: ${err.message}`));
  await page.goto(app.url);
  await signInAs(page, { username, password: 'Sandi-Uji-2026' });
  return page;
}

describe('two clerks decide the same claim line', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-versi-'));
    app = await startApp({ today: '2026-11-23' });
    const h = app.runtime.handlers;
    ok(await invoke(h, 'app.loadDemo', {}));
    const bank = ok(await invoke(h, 'banks.list', {}))[0]!;
    const set = plantClaim(app.runtime.db, bank.id, '2026-10', { each: 1 });
    const file = path.join(dir, 'tagihan.csv');
    fs.writeFileSync(file, await writeClaimFile(set, 'csv-koma'));
    tagihanId = (await importFileFromPath(h, { file, jenis: 'tagihan', bankId: bank.id })).commit!.tagihanId!;
    ok(await invoke(h, 'claims.reconcile', { tagihanId, versi: ok(await invoke(h, 'claims.get', { tagihanId })).claim.versi }));
    for (const username of ['ani', 'dedi']) await addUser(app.runtime, { username, password: 'Sandi-Uji-2026', peran: 'operator' });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the second decision shows who decided the line, and the line as it now is', async () => {
    const [ani, dedi] = await Promise.all([pcOf('ani'), pcOf('dedi')]);
    for (const page of [ani, dedi]) {
      await page.goto(`${app.url}#/tagihan/${tagihanId}`);
      // The first line of the file (its row number: the CSV's header is row 1).
      await page.locator('[data-testid^="decide-line-"]').first().click();
      await page.getByTestId('decide-dialog').waitFor();
      await page.getByTestId('decide-keluarkan').click();
    }
    await ani.getByTestId('decide-alasan').fill('Rekening ditutup bank');
    await ani.getByTestId('decide-save').click();
    const first = (page: Page) => page.locator('[data-testid^="decide-line-"]').first();
    await expect.poll(() => first(ani).innerText()).toBe('Keluarkan');

    await dedi.getByTestId('decide-alasan').fill('Dobel dengan bulan lalu');
    await dedi.getByTestId('decide-save').click();
    const notice = dedi.getByTestId('stale-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/Baris tagihan ini sudah diubah oleh ani pada \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} sejak Anda membukanya\. Tidak ada yang disimpan/);
    await expect.poll(() => dedi.getByTestId('decide-dialog').isVisible()).toBe(false);
    await expect.poll(() => first(dedi).innerText()).toBe('Keluarkan');
    const line = app.runtime.db
      .prepare('SELECT alasan_keputusan AS alasan, diputuskan_oleh AS oleh FROM tagihan_baris WHERE tagihan_id = ? ORDER BY nomor_baris, id LIMIT 1')
      .get(tagihanId);
    expect(line).toEqual({ alasan: 'Rekening ditutup bank', oleh: 'ani' });
    // The reload has finished: the lines are shown, not behind the loading veil.
    await dedi.locator('[data-testid="lines-table"] .el-loading-mask').waitFor({ state: 'hidden' });
    await screenshot(dedi, 'record-versions-claim-line-1366');
    expect(app.problems).toEqual([]);
  }, 120_000);
});
