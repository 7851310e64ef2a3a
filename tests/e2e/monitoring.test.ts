/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { invoke } from '../../electron/services/dispatch';
import type { EvaluationFigure, Result } from '../../electron/contract';
import { ARTIFACTS, screenshot, startApp, type AppUnderTest } from './harness';

/**
 * Issue 15 (monitoring and evaluation) end to end in Chromium at 1366 × 768 over the demo data: a
 * visit recorded on a loan's page, with a photo attached right after saving it, appears there (with
 * its photo, which opens) and in the evaluation report's rows (the photo count, which opens it too); the Monitoring page,
 * the loan's profile and visits and the evaluation are looked at in Indonesian and English with no
 * money figure clipped; the visit plan prints as a PDF.
 */
function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Money figures and evaluation values narrower than their text, or cut by a box around them; tables that scroll sideways. */
async function clipped(page: Page): Promise<{ checked: number; problems: string[] }> {
  await expect.poll(() => page.locator('.el-loading-mask:visible').count()).toBe(0);
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const overflows = (el: HTMLElement) => el.scrollWidth > el.clientWidth + 0.5;
    const figures = [...document.querySelectorAll<HTMLElement>('.money, .figure .value, .tile-value')].filter((el) => visible(el) && (el.textContent ?? '').trim() !== '');
    for (const el of figures) {
      const text = (el.textContent ?? '').trim();
      if (overflows(el)) problems.push(`${text}: narrower than its figure`);
      const cell = el.closest<HTMLElement>('.cell');
      if (cell && overflows(cell)) problems.push(`${text}: table cell ${cell.clientWidth}px < ${cell.scrollWidth}px`);
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 0.5) problems.push(`${text}: past the window's edge`);
      for (let a = el.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflowX === 'visible') continue;
        const c = a.getBoundingClientRect();
        if (r.left < c.left - 0.5 || r.right > c.right + 0.5) problems.push(`${text}: cut by ${a.className || a.tagName}`);
        break;
      }
    }
    for (const table of document.querySelectorAll<HTMLElement>('.el-table')) {
      const wrap = table.querySelector<HTMLElement>('.el-table__body-wrapper .el-scrollbar__wrap');
      if (wrap && visible(wrap) && overflows(wrap)) problems.push(`${table.dataset.testid ?? '?'}: table scrolls sideways (${wrap.clientWidth}px shows ${wrap.scrollWidth}px)`);
    }
    return { checked: figures.length, problems };
  });
}

async function setLanguage(page: Page, lang: 'id' | 'en'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('gerbang.locale', l), lang);
  await page.reload();
  await page.getByTestId('nav-home').waitFor();
}

async function typeDate(page: Page, testId: string, date: string): Promise<void> {
  // Element Plus puts a picker's attributes on its input (or on the wrapper, in some versions).
  const input = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  await input.fill(date);
  await input.press('Tab');
}

describe('monitoring visits and the evaluation, in Chromium at 1366 × 768', () => {
  let app: AppUnderTest;
  let loanId = 0;
  let account = '';
  let visitedBefore = 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-monev-'));

  const evaluation2025 = async () => {
    const ev = ok(await invoke(app.runtime.handlers, 'monev.evaluation', { tahun: 2025 }));
    return Object.fromEntries(ev.figures.map((f) => [f.kunci, f])) as Record<string, EvaluationFigure>;
  };

  beforeAll(async () => {
    app = await startApp({ today: '2026-11-23' });
    ok(await invoke(app.runtime.handlers, 'app.loadDemo', {}));
    await app.page.setViewportSize({ width: 1366, height: 768 });
    // A running loan of 2025 with a profile and no visit yet: the visit recorded below is its first.
    const row = app.runtime.db
      .prepare(
        `SELECT l.id, l.nomor_rekening FROM pinjaman l JOIN profil_usaha p ON p.pinjaman_id = l.id
         WHERE l.status = 'aktif' AND l.tanggal_pencairan BETWEEN '2025-01-01' AND '2025-12-31' AND p.omzet_bulanan > 0
           AND NOT EXISTS (SELECT 1 FROM kunjungan_monev k WHERE k.pinjaman_id = l.id) ORDER BY l.id LIMIT 1`,
      )
      .get() as { id: number; nomor_rekening: string };
    loanId = row.id;
    account = row.nomor_rekening;
    visitedBefore = (await evaluation2025()).dikunjungi!.nilai as number;
    await app.page.reload();
    await app.page.getByTestId('nav-home').waitFor();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('records a visit on a loan, sees it on the loan page, and the evaluation counts it', async () => {
    const { page } = app;
    await page.goto(`${app.url}/#/pinjaman/${loanId}`);
    await page.getByRole('tab', { name: 'Usaha & monitoring' }).click();
    await page.getByTestId('loan-profile').waitFor();
    await page.getByTestId('visit-record').click();
    const form = page.getByTestId('visit-form');
    await form.waitFor();
    await page.getByTestId('visit-omzet').fill('7500000');
    await page.getByTestId('visit-dibayar').locator('input').fill('3');
    await page.getByTestId('visit-status').click();
    await page.getByTestId('visit-status-berkembang').click();
    await page.getByTestId('visit-masalah').fill('Permintaan naik, tempat sempit');
    await page.getByTestId('visit-tindak-lanjut').fill('Bantu cari tempat usaha lebih luas');
    await typeDate(page, 'visit-batas', '15/12/2026');
    // Before saving, the form says photos come after saving; after saving it stays open on the visit.
    expect(await form.getByTestId('visit-attachments-hint').innerText()).toContain('setelah kunjungan disimpan');
    await page.getByTestId('visit-save').click();
    await form.getByTestId('visit-saved-add-photos').waitFor();
    const visitId = (app.runtime.db.prepare('SELECT id FROM kunjungan_monev WHERE pinjaman_id = ?').get(loanId) as { id: number }).id;
    // The upload zone has the focus: Enter would open the file picker (keyboard path).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('attachment-dropzone');
    // A real photo, drawn in the browser and encoded as PNG there (not a fixture).
    const png = Buffer.from(
      await page.evaluate(() => {
        const canvas = document.createElement('canvas');
        canvas.width = 160;
        canvas.height = 120;
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#2e7d32';
        g.fillRect(0, 0, 160, 120);
        g.fillStyle = '#ffeb3b';
        g.fillRect(20, 30, 120, 60);
        g.fillStyle = '#000';
        g.font = '16px sans-serif';
        g.fillText('WARUNG', 45, 66);
        return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
      }),
      'base64',
    );
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    await form.getByTestId('attachment-input').setInputFiles({ name: 'warung-tampak-depan.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => form.getByTestId('attachments-table').innerText()).toContain('warung-tampak-depan.png');
    expect(await form.getByTestId('attachments-table').innerText()).toContain('Foto');
    const kept = app.runtime.db.prepare("SELECT pemilik_id, tipe, ukuran, jenis_dokumen FROM lampiran WHERE pemilik_jenis = 'kunjungan'").all();
    expect(kept).toEqual([{ pemilik_id: visitId, tipe: 'png', ukuran: png.length, jenis_dokumen: 'foto' }]);
    await screenshot(page, 'monev-visit-photo-id');
    await page.getByTestId('visit-close').click();
    await form.waitFor({ state: 'hidden' });
    const visits = page.getByTestId('loan-visits');
    await expect.poll(() => visits.innerText()).toContain('Rp7.500.000');
    expect(await visits.innerText()).toContain('Bantu cari tempat usaha lebih luas');
    expect(await visits.innerText()).toContain('23/11/2026');
    const stored = app.runtime.db.prepare('SELECT * FROM kunjungan_monev WHERE pinjaman_id = ?').get(loanId) as { omzet_bulanan: number; status_usaha: string; pengguna: string };
    expect(stored).toMatchObject({ omzet_bulanan: 7_500_000, status_usaha: 'berkembang', pengguna: 'e2e' });
    // The visit's photo count on the loan's page, and the photo opened from it.
    await expect.poll(() => page.getByTestId(`visit-photos-${visitId}`).innerText()).toBe('1');
    await screenshot(page, 'monev-loan-id');
    const c = await clipped(page);
    expect(c.checked).toBeGreaterThan(0);
    expect(c.problems).toEqual([]);
    await page.getByTestId(`visit-photos-${visitId}`).click();
    const photos = page.getByTestId('visit-photos');
    await expect.poll(() => photos.innerText()).toContain('warung-tampak-depan.png');
    await photos.locator('[data-testid^="attachment-view-"]').click();
    const image = page.getByTestId('attachment-image');
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);
    // The viewer opens over the photos dialog: its fade-in done before the picture is taken.
    await expect.poll(() => page.evaluate(() => document.getAnimations().filter((x) => x.playState === 'running').length)).toBe(0);
    await screenshot(page, 'monev-visit-photo-view-id');
    await page.keyboard.press('Escape');
    await image.waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');
    await photos.waitFor({ state: 'hidden' });

    // The evaluation of 2025 now counts one more business visited, and this loan is among its rows.
    const after = await evaluation2025();
    expect(after.dikunjungi!.nilai).toBe(visitedBefore + 1);
    await page.getByTestId('nav-monitoring').click();
    await page.getByRole('tab', { name: 'Evaluasi program' }).click();
    await page.getByTestId('eval-tahun').locator('input').fill('2025');
    await page.getByTestId('eval-show').click();
    await expect.poll(() => page.getByTestId('eval-value-dikunjungi').innerText()).toBe(String(visitedBefore + 1));
    await page.getByTestId('eval-figure-dikunjungi').click();
    const rows = page.getByTestId('eval-rows');
    await expect.poll(() => rows.innerText()).toContain(account);
    // The row of the visited loan says its latest visit has one photo, and opens it.
    expect(await rows.getByTestId(`eval-photos-${loanId}`).innerText()).toBe('1');
    await rows.getByTestId(`eval-photos-${loanId}`).scrollIntoViewIfNeeded();
    await screenshot(page, 'monev-evaluation-rows-id');
    expect((await clipped(page)).problems).toEqual([]);
    await rows.getByTestId(`eval-photos-${loanId}`).click();
    const evalPhotos = page.getByTestId('visit-photos');
    await expect.poll(() => evalPhotos.innerText()).toContain('warung-tampak-depan.png');
    expect(await evalPhotos.innerText()).toContain('23/11/2026');
    await screenshot(page, 'monev-evaluation-photo-id');
    await page.keyboard.press('Escape');
    await evalPhotos.waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');
    await rows.waitFor({ state: 'hidden' });
    await screenshot(page, 'monev-evaluation-id');
    await page.getByTestId('eval-figure-premiPerTenagaKerja').scrollIntoViewIfNeeded();
    await screenshot(page, 'monev-evaluation-costs-id');
    const e = await clipped(page);
    expect(e.checked).toBeGreaterThan(15);
    expect(e.problems).toEqual([]);

    // The same report printed: its PDF names the figures and the visited loan among the rows.
    await page.getByTestId('eval-print').click();
    const frame = page.frameLocator('[data-testid="document-frame"]');
    await expect.poll(() => frame.locator('body').innerText()).toContain('EVALUASI PROGRAM TAHUN 2025');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('document-pdf').click()]);
    const pdf = path.join(dir, file.suggestedFilename());
    await file.saveAs(pdf);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', pdf, path.join(ARTIFACTS, 'monev-evaluation-pdf')]);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(text).toContain('Usaha yang sudah dikunjungi');
    expect(text).toContain('Foto');
    expect(text).toContain(account);
  });

  it('opens the overdue follow-ups from the dashboard tile', async () => {
    const { page } = app;
    const overdue = ok(await invoke(app.runtime.handlers, 'monev.overdue', {})).jumlah;
    expect(overdue).toBeGreaterThan(0);
    await page.getByTestId('nav-home').click();
    await expect.poll(() => page.getByTestId('tile-overdue-value').innerText()).toBe(String(overdue));
    await page.getByTestId('tile-overdue').scrollIntoViewIfNeeded();
    await screenshot(page, 'monev-dashboard-id');
    await page.getByTestId('tile-overdue').click();
    await expect.poll(() => page.url()).toContain('tindakLanjut=terlambat');
    await expect.poll(() => page.getByTestId('visit-total').innerText()).toBe(`${overdue} kunjungan`);
    expect(await page.getByTestId('follow-up-overdue').count()).toBeGreaterThan(0);
    await screenshot(page, 'monev-page-id');
    expect((await clipped(page)).problems).toEqual([]);
  });

  it('draws a visit plan from a seed and prints it with addresses (PDF)', async () => {
    const { page } = app;
    await page.goto(`${app.url}/#/monitoring`);
    await page.getByRole('tab', { name: 'Rencana kunjungan' }).click();
    await page.getByTestId('plan-ukuran').locator('input').fill('25');
    await page.getByTestId('plan-seed').locator('input').fill('20261123');
    await page.getByTestId('plan-create').click();
    await expect.poll(() => page.getByTestId('plan-title').innerText()).toContain('20261123');
    const plan = app.runtime.db.prepare('SELECT id, seed FROM rencana_monev ORDER BY id DESC LIMIT 1').get() as { id: number; seed: number };
    expect(plan.seed).toBe(20261123);
    // The same seed and period draw the same loans.
    const again = ok(await invoke(app.runtime.handlers, 'monev.createPlan', { periode: '2026-11', ukuran: 25, seed: 20261123 }));
    const drawn = (app.runtime.db.prepare('SELECT pinjaman_id FROM rencana_monev_pinjaman WHERE rencana_id = ? ORDER BY urutan').all(plan.id) as { pinjaman_id: number }[]).map(
      (r) => r.pinjaman_id,
    );
    expect(again.baris.map((b) => b.pinjamanId)).toEqual(drawn);
    await screenshot(page, 'monev-plan-id');

    await page.getByTestId('plan-print').click();
    const frame = page.frameLocator('[data-testid="document-frame"]');
    await expect.poll(() => frame.locator('body').innerText()).toContain('20261123');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('document-pdf').click()]);
    const pdf = path.join(dir, file.suggestedFilename());
    await file.saveAs(pdf);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdf, path.join(ARTIFACTS, 'monev-plan-pdf')]);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(text).toContain('Jl. ');
    expect(text).toContain('Rencana Kunjungan Monitoring');
  });

  it('reads the same in English, with nothing clipped', async () => {
    const { page } = app;
    await setLanguage(page, 'en');
    await page.goto(`${app.url}/#/pinjaman/${loanId}`);
    await page.getByRole('tab', { name: 'Business & monitoring' }).click();
    await page.getByTestId('loan-profile').waitFor();
    await expect.poll(() => page.getByTestId('loan-visits').innerText()).toContain('Growing');
    await screenshot(page, 'monev-loan-en');
    expect((await clipped(page)).problems).toEqual([]);

    await page.goto(`${app.url}/#/monitoring`);
    await page.getByTestId('visit-table').waitFor();
    await screenshot(page, 'monev-page-en');
    expect((await clipped(page)).problems).toEqual([]);
    await page.getByRole('tab', { name: 'Programme evaluation' }).click();
    await page.getByTestId('eval-tahun').locator('input').fill('2025');
    await page.getByTestId('eval-show').click();
    await expect.poll(() => page.getByTestId('eval-value-dikunjungi').innerText()).toBe(String(visitedBefore + 1));
    await screenshot(page, 'monev-evaluation-en');
    expect((await clipped(page)).problems).toEqual([]);
    await setLanguage(page, 'id');
  });
});
