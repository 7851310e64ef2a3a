import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startApp, type AppUnderTest } from './harness';

/**
 * A search of 1–2 characters over more than 1,000 debtors: the Debtors screen says "more than
 * 1.000" rather than a count (Page.totalCapped), in a 1366 × 768 window.
 */
describe('a short search over a big register, in Chromium', () => {
  let app: AppUnderTest;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('says "Lebih dari 1.000" and still lists the first matches by name', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('first-run').isVisible()).toBe(true);
    await page.getByTestId('start-empty').click();
    await expect.poll(() => page.getByTestId('first-run').isVisible()).toBe(false);
    const db = app.runtime.db;
    db.transaction(() => {
      const insert = db.prepare("INSERT INTO debitur (nik, nama, jenis_kelamin, tanggal_lahir, skala, nama_usaha) VALUES (?, ?, 'L', '1980-01-01', 'mikro', ?)");
      for (let i = 1; i <= 1_200; i++) insert.run(`16030101018${String(i).padStart(5, '0')}`, `Xaverius ${String(i).padStart(4, '0')}`, `Kios ${i}`);
    })();
    await page.getByTestId('nav-debtors').click();
    await expect.poll(() => page.getByTestId('debtor-total').innerText()).toBe('Jumlah: 1200');
    await page.getByTestId('list-search').fill('xa');
    await expect.poll(() => page.getByTestId('debtor-total').innerText()).toBe('Lebih dari 1.000 — ketik lebih banyak huruf untuk mempersempit');
    await expect.poll(() => page.locator('[data-testid="debtor-table"] .el-table__body tr').first().innerText()).toContain('Xaverius 0001');
    await screenshot(page, 'debtors-short-search-capped');
    // Three characters are counted exactly (the trigram index).
    await page.getByTestId('list-search').fill('xav');
    await expect.poll(() => page.getByTestId('debtor-total').innerText()).toBe('Jumlah: 1200');
    expect(app.problems.filter((p) => !p.includes('status of 4'))).toEqual([]);
  });
});
