/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { invoke } from '../../electron/services/dispatch';
import type { Result } from '../../electron/contract';
import { startApp, type AppUnderTest } from './harness';
import { schemeInput } from '../helpers/scheme';

/**
 * Issue 18 item 13: a clerk enters a debtor and then a loan with the keyboard only — Alt+N, typing,
 * Tab, arrow keys and Enter; no click once the list is open.
 */
function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/**
 * In the filterable select `testId`: once it has the focus, type to narrow, pick the first match
 * with Enter, and leave with Tab once the select shows it. Each step waits for the one before: on a
 * loaded machine (CI at load ~12) typing began before the focus had reached the next select.
 */
async function pick(page: Page, testId: string, typed: string, expectOption: string): Promise<void> {
  await expect.poll(() => focusedTestId(page)).toBe(testId);
  await page.keyboard.type(typed);
  await page.locator('.el-select-dropdown__item:visible', { hasText: expectOption }).first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId(testId).innerText()).toContain(expectOption);
  await page.keyboard.press('Tab');
}

const focusedTestId = (page: Page) =>
  page.evaluate(() => (document.activeElement?.closest('[data-testid]') as HTMLElement | null)?.dataset.testid ?? document.activeElement?.tagName);

describe('keyboard only: a debtor, then a loan', () => {
  let app: AppUnderTest;

  beforeAll(async () => {
    app = await startApp({ today: '2025-03-10' });
    const h = app.runtime.handlers;
    ok(await invoke(h, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [{ kode: 'BSB-ME', nama: 'Cabang Muara Enim' }] }));
    const insurer = ok(await invoke(h, 'insurers.save', { kode: 'JAMKRINDO', nama: 'Perum Jamkrindo', jenis: 'penjaminan' }));
    ok(await invoke(h, 'schemes.save', schemeInput(2025, insurer.id, { nama: 'Gerbang Serasan 2025' })));
    ok(await invoke(h, 'app.startEmpty', {}));
    await app.page.reload();
    await app.page.getByTestId('nav-home').waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('enters a debtor: Alt+N puts the cursor in the NIK, Tab moves on, Enter saves', async () => {
    const { page } = app;
    await page.getByTestId('nav-debtors').click();
    await page.getByTestId('debtor-table').waitFor();
    await page.keyboard.press('Alt+n');
    await expect.poll(() => focusedTestId(page)).toBe('debtor-nik');
    await page.keyboard.type('1603106710850001');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Siti Aminah');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Pempek Siti');
    await page.keyboard.press('Enter');
    await page.getByTestId('debtor-form').waitFor({ state: 'hidden' });
    expect(app.runtime.db.prepare('SELECT nik, nama, nama_usaha FROM debitur').all()).toEqual([{ nik: '1603106710850001', nama: 'Siti Aminah', nama_usaha: 'Pempek Siti' }]);
  });

  it('enters a loan: selects by typing, dates typed without calendars in the way, Enter saves', async () => {
    const { page } = app;
    await page.getByTestId('nav-loans').click();
    await page.getByTestId('loan-table').waitFor();
    await page.keyboard.press('Alt+n');
    await expect.poll(() => focusedTestId(page)).toBe('loan-debitur');
    await pick(page, 'loan-debitur', 'Siti', 'Siti Aminah');
    await pick(page, 'loan-bank', 'Sumsel', 'Bank Sumsel Babel');
    await pick(page, 'loan-cabang', 'Muara', 'Cabang Muara Enim');
    await pick(page, 'loan-skema', 'GS', 'GS-2025');
    await page.keyboard.type('0012300045');
    await page.keyboard.press('Tab');
    await page.keyboard.type('AK/001/2025');
    await page.keyboard.press('Tab');
    await page.keyboard.type('10/01/2025');
    // Element Plus shows the calendar while a date is typed (it marks the typed day); Tab takes it
    // away, so no calendar is left over the fields below. (An earlier check that none opened at all
    // passed only when it ran before the panel was drawn.) Polled: the panel fades out.
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('.el-picker-panel:visible').count()).toBe(0);
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedTestId(page)).toBe('loan-plafon');
    await page.keyboard.type('12000000');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12');
    await page.keyboard.press('Tab');
    await page.keyboard.type('15/02/2025');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('.el-picker-panel:visible').count()).toBe(0);
    await expect.poll(() => page.getByTestId('loan-form').innerText()).toContain('Rp1.000.000');
    await page.keyboard.press('Enter');
    await page.getByTestId('loan-form').waitFor({ state: 'hidden' });
    expect(app.runtime.db.prepare('SELECT nomor_rekening, plafon, tenor_bulan, tanggal_akad FROM pinjaman').all()).toEqual([
      { nomor_rekening: '0012300045', plafon: 12_000_000, tenor_bulan: 12, tanggal_akad: '2025-01-10' },
    ]);
  });
});
