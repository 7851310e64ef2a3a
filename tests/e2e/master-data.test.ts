import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { count, screenshot, startApp, type AppUnderTest } from './harness';

// A woman born 27 October 1985 (day + 40 = 67), registered in Muara Enim (16.03.10).
const NIK = '1603106710850001';

// Element Plus puts data-testid on the <input> itself.
async function fill(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).fill(value);
}

describe('master data, end to end in Chromium over a real SQLite file', () => {
  let app: AppUnderTest;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('offers demo data on first start; the user starts empty', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('first-run').isVisible()).toBe(true);
    await page.getByTestId('start-empty').click();
    await expect.poll(() => page.getByTestId('first-run').isVisible()).toBe(false);
    expect(count(app, 'debitur')).toBe(0);
    expect(app.runtime.db.prepare("SELECT value FROM settings WHERE key = 'onboarding'").get()).toEqual({ value: 'kosong' });
  });

  it('creates a partner bank with a branch', async () => {
    const { page } = app;
    await page.getByTestId('nav-banks').click();
    await page.getByTestId('bank-add').click();
    await fill(page, 'bank-kode', 'BSB');
    await fill(page, 'bank-nama', 'Bank Sumsel Babel');
    await fill(page, 'bank-pic', 'Rahmat Hidayat');
    await page.getByTestId('cabang-add').click();
    await fill(page, 'cabang-kode-0', 'BSB-ME');
    await fill(page, 'cabang-nama-0', 'Cabang Muara Enim');
    await page.getByTestId('bank-save').click();
    await expect.poll(() => page.getByTestId('bank-table').innerText()).toContain('Bank Sumsel Babel');
    expect(app.runtime.db.prepare('SELECT kode, nama, pic_nama FROM bank').all()).toEqual([{ kode: 'BSB', nama: 'Bank Sumsel Babel', pic_nama: 'Rahmat Hidayat' }]);
    expect(app.runtime.db.prepare('SELECT kode, nama, aktif FROM bank_cabang').all()).toEqual([{ kode: 'BSB-ME', nama: 'Cabang Muara Enim', aktif: 1 }]);
  });

  it('creates a debtor, deriving gender and birth date from the NIK', async () => {
    const { page } = app;
    await page.getByTestId('nav-debtors').click();
    await page.getByTestId('debtor-add').click();
    await fill(page, 'debtor-nik', NIK);
    await expect.poll(() => page.getByTestId('nik-derived').innerText()).toBe('Dari NIK: Perempuan, lahir 27 Oktober 1985');
    await fill(page, 'debtor-nama', 'Siti Aminah');
    await fill(page, 'debtor-usaha', 'Pempek Siti');
    await page.getByTestId('debtor-save').click();
    await expect.poll(() => page.getByTestId('debtor-table').innerText()).toContain('Siti Aminah');
    expect(app.runtime.db.prepare('SELECT nik, nama, jenis_kelamin, tanggal_lahir FROM debitur').all()).toEqual([
      { nik: NIK, nama: 'Siti Aminah', jenis_kelamin: 'P', tanggal_lahir: '1985-10-27' },
    ]);
    await expect.poll(() => page.getByTestId('debtor-table').innerText()).toContain('27/10/1985');
  });

  it('refuses a duplicate NIK with a message naming the existing debtor, writing nothing', async () => {
    const { page } = app;
    const auditBefore = count(app, 'audit_log');
    await page.getByTestId('debtor-add').click();
    await fill(page, 'debtor-nik', NIK);
    await fill(page, 'debtor-nama', 'Orang Lain');
    await page.getByTestId('debtor-save').click();
    const toast = page.locator('.el-message--error');
    await expect.poll(() => toast.first().innerText()).toContain('sudah terdaftar atas nama Siti Aminah');
    await expect.poll(() => page.getByTestId('debtor-form').innerText()).toContain('Sudah terdaftar atas nama Siti Aminah');
    expect(count(app, 'debitur')).toBe(1);
    expect(count(app, 'audit_log')).toBe(auditBefore);
    await screenshot(page, 'debtor-duplicate-nik');
  });

  it('refuses an impossible NIK with a clear reason, writing nothing', async () => {
    const { page } = app;
    // 31 February is no birth date.
    await fill(page, 'debtor-nik', '1603103102850001');
    await page.getByTestId('debtor-save').click();
    await expect.poll(() => page.getByTestId('debtor-form').innerText()).toContain('bukan tanggal yang sah');
    expect(count(app, 'debitur')).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('switches the interface to English and back', async () => {
    const { page } = app;
    await page.getByTestId('locale-select').click();
    await page.locator('.el-select-dropdown__item', { hasText: 'English' }).click();
    await expect.poll(() => page.getByTestId('nav-debtors').innerText()).toBe('Debtors');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Debtors');
    await screenshot(page, 'debtors-english');
    await page.getByTestId('locale-select').click();
    await page.locator('.el-select-dropdown__item', { hasText: 'Bahasa Indonesia' }).click();
    await expect.poll(() => page.getByTestId('nav-debtors').innerText()).toBe('Debitur');
  });

  it('ran without page errors or CSP violations', () => {
    expect(app.problems.filter((p) => !p.includes('status of 4'))).toEqual([]);
  });
});

describe('first start with demo data', () => {
  let app: AppUnderTest;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('loads the demo set and lists its debtors page by page', async () => {
    const { page } = app;
    await page.getByTestId('load-demo').click();
    await expect.poll(() => page.getByTestId('first-run').isVisible()).toBe(false);
    expect(count(app, 'debitur')).toBe(300);
    expect(count(app, 'bank')).toBe(3);
    await page.getByTestId('nav-debtors').click();
    await expect.poll(() => page.getByTestId('debtor-total').innerText()).toBe('Jumlah: 300');
    await expect.poll(() => page.locator('[data-testid="debtor-table"] .el-table__body tr').count()).toBe(50);
    await screenshot(page, 'debtors-demo');
    // Search by NIK prefix narrows the list (answered by SQL, not in the page).
    const nik = (app.runtime.db.prepare('SELECT nik FROM debitur ORDER BY id LIMIT 1').get() as { nik: string }).nik;
    await fill(page, 'list-search', nik);
    await expect.poll(() => page.getByTestId('debtor-total').innerText()).toBe('Jumlah: 1');
    expect(app.problems.filter((p) => !p.includes('status of 4'))).toEqual([]);
  });
});
