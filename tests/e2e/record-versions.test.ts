/**
 * Two clerks on two PCs (two Chromium contexts on the HTTP bridge, each signed in as a different
 * user) open the same loan; ani saves first, dedi's save from the screen he opened before is
 * refused with who changed it and when, and his screen reloads the loan as ani left it
 * (record versions, docs/concurrency.md). Screenshot at 1366 × 768.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { invoke } from '../../electron/services/dispatch';
import { formatRupiah } from '../../electron/domain/format';
import type { Result } from '../../electron/contract';
import { NIK } from '../helpers/nik';
import { addUser, screenshot, signInAs, startApp, type AppUnderTest } from './harness';
import { schemeInput } from '../helpers/scheme';

let app: AppUnderTest;
const contexts: BrowserContext[] = [];
let loanId = 0;

function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A second office PC: its own browser context (own session), signed in as `username`. */
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

describe('two clerks save the same loan', () => {
  beforeAll(async () => {
    app = await startApp({ today: '2026-11-23' });
    const h = app.runtime.handlers;
    const bank = ok(await invoke(h, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [] }));
    const insurer = ok(await invoke(h, 'insurers.save', { kode: 'JAMKRINDO', nama: 'Perum Jamkrindo', jenis: 'penjaminan' }));
    const scheme = ok(await invoke(h, 'schemes.save', schemeInput(2026, insurer.id)));
    const debtor = ok(await invoke(h, 'debtors.save', { nik: NIK.man.nik, nama: 'Ahmad Fauzi', skala: 'mikro' }));
    loanId = ok(
      await invoke(h, 'loans.save', {
        debiturId: debtor.id,
        bankId: bank.id,
        skemaId: scheme.id,
        nomorRekening: '0012300045',
        nomorAkad: 'AK/001/2026',
        tanggalAkad: '2026-11-10',
        plafon: 12_000_000,
        tenorBulan: 12,
      }),
    ).id;
    for (const username of ['ani', 'dedi']) await addUser(app.runtime, { username, password: 'Sandi-Uji-2026', peran: 'operator' });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await app?.close();
  });

  it('the second save shows who changed the loan and when, and the loan as it now is; nothing of it is written', async () => {
    const [ani, dedi] = await Promise.all([pcOf('ani'), pcOf('dedi')]);
    // Both open the loan and its edit form.
    for (const page of [ani, dedi]) {
      await page.goto(`${app.url}#/pinjaman/${loanId}`);
      await expect.poll(() => page.getByTestId('loan-plafon-value').innerText()).toBe(formatRupiah(12_000_000));
      await page.getByTestId('loan-edit').click();
      await page.getByTestId('loan-form').waitFor();
    }
    // Ani lowers the plafon and saves.
    await ani.getByTestId('loan-plafon').fill('10000000');
    await ani.getByTestId('loan-save').click();
    await expect.poll(() => ani.getByTestId('loan-plafon-value').innerText()).toBe(formatRupiah(10_000_000));

    // Dedi, on the form he opened before, shortens the tenor and saves.
    await dedi.getByTestId('loan-tenor').locator('input').fill('10');
    await dedi.getByTestId('loan-save').click();
    const notice = dedi.getByTestId('stale-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/Pinjaman ini sudah diubah oleh ani pada \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} sejak Anda membukanya\. Tidak ada yang disimpan/);
    // His form is closed and the page shows the loan as ani left it.
    await expect.poll(() => dedi.getByTestId('loan-form').isVisible()).toBe(false);
    await expect.poll(() => dedi.getByTestId('loan-plafon-value').innerText()).toBe(formatRupiah(10_000_000));
    expect(app.runtime.db.prepare('SELECT plafon, tenor_bulan AS tenor FROM pinjaman WHERE id = ?').get(loanId)).toEqual({ plafon: 10_000_000, tenor: 12 });
    await screenshot(dedi, 'record-versions-loan-1366');
    // The message is inside the window at 1366 × 768, not clipped on the right.
    const box = (await notice.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1366);

    // Saving again from the reloaded loan goes through: he now decides on what he sees.
    await dedi.getByTestId('loan-edit').click();
    await dedi.getByTestId('loan-tenor').locator('input').fill('10');
    await dedi.getByTestId('loan-save').click();
    await expect.poll(() => app.runtime.db.prepare('SELECT tenor_bulan AS t FROM pinjaman WHERE id = ?').get(loanId)).toEqual({ t: 10 });
    // The notice closes once the save's answer is in (polled: it is taken down after the reload).
    await expect.poll(() => dedi.getByTestId('stale-notice').count()).toBe(0);
    expect(app.problems).toEqual([]);
  }, 120_000);
});
