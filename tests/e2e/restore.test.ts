/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/services/dispatch';
import type { Result } from '../../electron/contract';
import { E2E_USER, signInAs, startApp, type AppUnderTest } from './harness';

/**
 * Issue 18 item 14: restoring a backup from the screen. The list shows the `sebelum-pulih-…` copy
 * at once, the sign-in screen says once (not three times) why the clerk must sign in again, and
 * the trail names the entry a restore, not an import.
 */
function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('restoring a backup, end to end', () => {
  let app: AppUnderTest;
  let backupName = '';

  beforeAll(async () => {
    app = await startApp({ today: '2026-11-23' });
    ok(await invoke(app.runtime.handlers, 'app.loadDemo', {}));
    backupName = ok(await invoke(app.runtime.handlers, 'backup.create', {})).name;
    await app.page.reload();
    await app.page.getByTestId('nav-home').waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists the copy of the data before the restore at once, and says once that the clerk must sign in again', async () => {
    const { page } = app;
    await page.getByTestId('nav-backup').click();
    await page.getByTestId(`backup-restore-${backupName}`).click();
    await page.getByTestId('backup-restore-confirm').click();
    await page.getByTestId('backup-restored').waitFor();
    // The safety copy is in the list without reloading the page.
    await expect.poll(() => page.getByTestId('backup-table').innerText()).toContain('sebelum-pulih-');

    // The clerk goes on elsewhere instead of reloading: every screen's calls are refused now.
    await page.getByTestId('nav-loans').click();
    await page.getByTestId('login-username').waitFor();
    // Give every request the reload starts its answer, then count what the screen says.
    await expect.poll(() => page.evaluate(() => document.readyState)).toBe('complete');
    await page.waitForLoadState('networkidle');
    const said = await page.evaluate(() => (document.body.innerText.match(/Sesi Anda telah berakhir/g) ?? []).length);
    expect(said).toBe(1);
    expect(app.problems.filter((p) => !p.includes('401') && !p.includes('Failed to load resource'))).toEqual([]);
  });

  it('the trail calls it a restore', async () => {
    const { page } = app;
    await signInAs(page, E2E_USER);
    await page.getByTestId('nav-audit').click();
    await expect.poll(() => page.locator('[data-testid="audit-table"], .el-table').first().innerText()).toContain('Pemulihan cadangan');
    const row = page.locator('.el-table__body tr', { hasText: 'Pemulihan cadangan' }).first();
    expect(await row.innerText()).toContain('Dipulihkan');
    expect(await row.innerText()).not.toContain('Diimpor');
  });
});
