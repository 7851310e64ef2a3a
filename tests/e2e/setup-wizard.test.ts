import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signOut, startApp, type AppUnderTest } from './harness';

/** A 1×1 PNG, as a logo file the clerk picks. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function fill(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).fill(value);
}
const activeStep = (page: Page) => page.locator('.el-step:has(.el-step__head.is-process)').getAttribute('data-testid');

/** The element's bottom edge lies inside the window: reachable without scrolling. */
async function fitsWindow(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  const height = page.viewportSize()!.height;
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

describe('the first setup of a real office, end to end in Chromium over a real SQLite file', () => {
  let app: AppUnderTest;

  beforeAll(async () => {
    app = await startApp();
    // An office laptop's screen.
    await app.page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('"Mulai kosong" opens the setup wizard at the office step', async () => {
    const { page } = app;
    await page.getByTestId('start-empty').click();
    await page.getByTestId('setup-steps').waitFor();
    expect(page.url()).toContain('#/persiapan');
    expect(await activeStep(page)).toBe('setup-step-kantor');
    await expect.poll(() => page.getByTestId('nav-setup').isVisible()).toBe(true);
  });

  it('office and letterhead with a logo, saved with Enter; the step fits 1366×768', async () => {
    const { page } = app;
    await fill(page, 'settings-instansi', 'SEKRETARIAT PROGRAM GERBANG SERASAN');
    await fill(page, 'settings-alamat', 'Jl. Jenderal Sudirman No. 7, Muara Enim 31311');
    await fill(page, 'settings-telepon', '(0734) 421000');
    await page.getByTestId('settings-logo-file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('settings-preview-logo').waitFor();
    expect(await fitsWindow(page, 'setup-save-next')).toBe(true);
    await screenshot(page, 'setup-wizard-kantor');
    await page.getByTestId('settings-telepon').press('Enter');
    await expect.poll(() => activeStep(page)).toBe('setup-step-penandatangan');
    const kop = JSON.parse((app.runtime.db.prepare("SELECT value FROM settings WHERE key = 'dokumen'").get() as { value: string }).value) as {
      kop: { alamat: string; logo: string };
    };
    expect(kop.kop.alamat).toBe('Jl. Jenderal Sudirman No. 7, Muara Enim 31311');
    expect(kop.kop.logo).toMatch(/^data:image\/png;base64,/);
  });

  it('signers: a NIP that does not read is a warning; a good one is written 8-6-1-3', async () => {
    const { page } = app;
    await fill(page, 'settings-kepalaSekretariat-nama', 'Drs. H. Ahmad Rizal, M.Si.');
    await fill(page, 'settings-kepalaSekretariat-nip', '196804111966031009');
    await expect.poll(() => page.getByTestId('settings-kepalaSekretariat-nip-warning').innerText()).toContain('tidak sesudah tanggal lahirnya');
    await fill(page, 'settings-kepalaSekretariat-nip', '196804111993031009');
    await page.getByTestId('settings-kepalaSekretariat-nip').press('Tab');
    await expect.poll(() => page.getByTestId('settings-kepalaSekretariat-nip').inputValue()).toBe('19680411 199303 1 009');
    expect(await page.getByTestId('settings-kepalaSekretariat-nip-warning').count()).toBe(0);
    await fill(page, 'settings-bendahara-nama', 'Sri Wahyuni, S.E.');
    await fill(page, 'settings-bendahara-nip', '8812 3456');
    await expect.poll(() => page.getByTestId('settings-bendahara-nip-warning').isVisible()).toBe(true);
    expect(await fitsWindow(page, 'setup-save-next')).toBe(true);
    await screenshot(page, 'setup-wizard-penandatangan');
    await page.getByTestId('setup-save-next').click();
    await expect.poll(() => activeStep(page)).toBe('setup-step-bank');
    const saved = JSON.parse((app.runtime.db.prepare("SELECT value FROM settings WHERE key = 'dokumen'").get() as { value: string }).value) as {
      penandatangan: Record<string, { nip: string | null }>;
    };
    expect(saved.penandatangan.kepalaSekretariat!.nip).toBe('19680411 199303 1 009');
    expect(saved.penandatangan.bendahara!.nip).toBe('8812 3456');
  });

  it('a bank with two units through the bank form, opened with Alt+N', async () => {
    const { page } = app;
    await page.keyboard.press('Alt+n');
    await fill(page, 'bank-kode', 'BSB');
    await fill(page, 'bank-nama', 'Bank Sumsel Babel');
    await page.getByTestId('cabang-add').click();
    await fill(page, 'cabang-kode-0', 'BSB-ME');
    await fill(page, 'cabang-nama-0', 'Cabang Muara Enim');
    await page.getByTestId('cabang-add').click();
    await fill(page, 'cabang-kode-1', 'BSB-GM');
    await fill(page, 'cabang-nama-1', 'Capem Gunung Megang');
    await page.getByTestId('bank-save').click();
    await expect.poll(() => page.getByTestId('setup-banks').innerText()).toContain('Cabang Muara Enim');
    expect(await page.getByTestId('setup-banks').innerText()).toContain('Capem Gunung Megang');
    await page.getByTestId('setup-next').click();
    await expect.poll(() => activeStep(page)).toBe('setup-step-penjamin');
  });

  it('an insurer, then the first scheme with it', async () => {
    const { page } = app;
    await page.getByTestId('setup-add').click();
    await fill(page, 'insurer-kode', 'JAMKRINDO');
    await fill(page, 'insurer-nama', 'PT Jamkrindo');
    await page.getByTestId('insurer-save').click();
    await expect.poll(() => page.getByTestId('setup-insurers').innerText()).toContain('PT Jamkrindo');
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => activeStep(page)).toBe('setup-step-skema');

    await page.getByTestId('setup-add').click();
    await fill(page, 'scheme-kode', 'GS-2026');
    await fill(page, 'scheme-nama', 'Gerbang Serasan 2026');
    // The first date of the form: valid from.
    const from = page.locator('.el-dialog .el-date-editor input').first();
    await from.fill('01/01/2026');
    await from.press('Tab');
    await fill(page, 'scheme-bunga-bank', '11');
    await fill(page, 'scheme-bunga-debitur', '3');
    await page.getByTestId('scheme-save').click();
    await expect.poll(() => page.getByTestId('setup-schemes').innerText()).toContain('GS-2026');
    await page.getByTestId('setup-next').click();
    await expect.poll(() => activeStep(page)).toBe('setup-step-pagu');
  });

  it('the pagu through the budget form, linked to the scheme', async () => {
    const { page } = app;
    // Alt+← is the wizard's "back", not the browser's: the page stays.
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => activeStep(page)).toBe('setup-step-skema');
    expect(page.url()).toContain('#/persiapan');
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => activeStep(page)).toBe('setup-step-pagu');
    await page.getByTestId('setup-add').click();
    await fill(page, 'budget-form-kode', '5.1.05.05.01.0001');
    await fill(page, 'budget-form-uraian', 'Subsidi bunga Gerbang Serasan');
    await fill(page, 'budget-form-pagu', '2500000000');
    await page.getByTestId('budget-form-save').click();
    await expect.poll(() => page.getByTestId('setup-pagu').innerText()).toContain('GS-2026');
    const scheme = app.runtime.db.prepare("SELECT id FROM skema WHERE kode = 'GS-2026'").get() as { id: number };
    const pagu = app.runtime.db.prepare("SELECT id, tahun, jumlah FROM pagu WHERE kode_rekening = '5.1.05.05.01.0001'").get() as { id: number; tahun: number; jumlah: number };
    expect(pagu).toMatchObject({ tahun: 2026, jumlah: 2_500_000_000 });
    const linked = await app.runtime.handlers['schemes.get']({ id: scheme.id });
    expect(linked.paguIds).toEqual([pagu.id]);
    await page.getByTestId('setup-next').click();
    await expect.poll(() => activeStep(page)).toBe('setup-step-selesai');
  });

  it('ends at "Impor pinjaman": the setup is finished, no longer offered, and the import page opens', async () => {
    const { page } = app;
    const summary = await page.getByTestId('setup-summary').innerText();
    expect(summary).toContain('1 bank, 2 unit');
    expect(summary).toContain('PT Jamkrindo');
    expect(summary).toContain('Rp2.500.000.000');
    expect(await fitsWindow(page, 'setup-import')).toBe(true);
    await screenshot(page, 'setup-wizard-selesai');
    await page.getByTestId('setup-import').click();
    await expect.poll(() => page.url()).toContain('#/impor');
    expect(app.runtime.db.prepare("SELECT value FROM settings WHERE key = 'persiapan'").get()).toEqual({ value: 'selesai' });
    await expect.poll(() => page.getByTestId('nav-setup').count()).toBe(0);
    expect(app.problems).toEqual([]);
  });

  it('the sign-in screen gives no admin/admin hint on this database', async () => {
    const { page } = app;
    await signOut(page);
    await page.getByTestId('login-submit').waitFor();
    expect(await page.getByTestId('login-hint').count()).toBe(0);
  });
});
