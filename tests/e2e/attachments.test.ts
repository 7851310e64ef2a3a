/// <reference lib="dom" />
/**
 * Issue 15, attachments end to end at 1366 × 768: on a loan's page a clerk attaches the scanned akad
 * (PDF, with the file picker) and a photo (JPG, from the keyboard: Enter on the drop zone), sees a
 * truncated image refused by name, and views both inside the app — the photo inline, the akad in
 * the embedded PDF viewer (a blob: frame the CSP allows) — with no CSP complaint.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSetting } from '../../database/repositories/settings';
import { seedDemo } from '../../electron/services/demo/seed';
import { count, screenshot, startApp, type AppUnderTest } from './harness';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'attachments');

describe('attachments on a loan, end to end', () => {
  let app: AppUnderTest;
  let loanId = 0;

  beforeAll(async () => {
    app = await startApp({ today: '2026-11-23' });
    seedDemo(app.runtime.db, { today: '2026-11-23', loans: 4, months: 3, paidHistory: { unpaidMonths: 1 } });
    // As the CLI's seed-demo does: the first-run choice is made (no "demo or empty" dialog).
    setSetting(app.runtime.db, 'onboarding', 'demo');
    loanId = (app.runtime.db.prepare('SELECT min(id) AS id FROM pinjaman').get() as { id: number }).id;
    await app.page.setViewportSize({ width: 1366, height: 768 });
    // The page was opened on the empty database: load it again on the seeded one.
    await app.page.reload();
    await app.page.getByTestId('nav-home').waitFor();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('attaches a scanned akad and a photo to a loan and shows both in the app', async () => {
    const { page } = app;
    await page.goto(`${app.url}/#/pinjaman/${loanId}`);
    await page.locator('#tab-lampiran').click();
    const panel = page.getByTestId('attachments-panel').first();
    await panel.waitFor();
    // The limit is stated before anything is sent.
    expect(await panel.innerText()).toContain('paling besar 10 MB');

    // The akad, through the file picker (the document kind offered first on a loan is the akad).
    await panel.getByTestId('attachment-input').setInputFiles(path.join(FIXTURES, 'akad-pindaian.pdf'));
    await expect.poll(() => panel.getByTestId('attachments-table').innerText()).toContain('akad-pindaian.pdf');

    // The photo, from the keyboard: choose the kind, then Enter on the drop zone opens the picker.
    await panel.getByTestId('attachment-kind').click();
    const option = page.locator('.el-select-dropdown__item:visible', { hasText: 'Foto' });
    await option.click();
    await option.waitFor({ state: 'hidden' });
    const zone = panel.getByTestId('attachment-dropzone');
    await zone.focus();
    await expect.poll(() => zone.evaluate((el) => el === document.activeElement)).toBe(true);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), zone.press('Enter')]);
    await chooser.setFiles(path.join(FIXTURES, 'foto-usaha.jpg'));
    await expect.poll(() => panel.getByTestId('attachments-table').innerText()).toContain('foto-usaha.jpg');
    const table = await panel.getByTestId('attachments-table').innerText();
    expect(table).toContain('Akad kredit');
    expect(table).toContain('Foto');

    // A truncated image is refused by name, and nothing is stored.
    await panel
      .getByTestId('attachment-input')
      .setInputFiles({ name: 'ktp-terpotong.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
    await expect.poll(() => panel.getByTestId('attachment-refusals').innerText()).toMatch(/Berkas "ktp-terpotong\.png" ditolak: gambar PNG terpotong/);
    expect(count(app, 'lampiran')).toBe(2);
    await screenshot(page, 'lampiran-pinjaman-daftar');

    const ids = app.runtime.db.prepare('SELECT id, tipe FROM lampiran ORDER BY id').all() as { id: number; tipe: string }[];
    const photo = ids.find((r) => r.tipe === 'jpg')!;
    const akad = ids.find((r) => r.tipe === 'pdf')!;

    // The photo inline.
    await panel.getByTestId(`attachment-view-${photo.id}`).click();
    const image = page.getByTestId('attachment-image');
    await image.waitFor();
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBe(480);
    await screenshot(page, 'lampiran-pinjaman-foto');
    await page.keyboard.press('Escape');
    await image.waitFor({ state: 'detached' });

    // The akad in the embedded PDF viewer.
    await panel.getByTestId(`attachment-view-${akad.id}`).click();
    const frame = page.getByTestId('attachment-pdf');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    // Chromium opens its PDF viewer in the frame: the frame's document is the PDF, not an error page.
    await expect.poll(() => page.frames().some((f) => f.url().startsWith('blob:') && f !== page.mainFrame())).toBe(true);
    // Loaded: the viewer's page selector knows the document's page count (Chromium's own viewer, in
    // its shadow DOM; the scan has one page). Read from inside the viewer's frame.
    const pagesInViewer = async () => {
      const viewerFrame = page.frames().find((f) => f.url().startsWith('chrome-extension://'));
      if (!viewerFrame) return null;
      return viewerFrame
        .evaluate(() => {
          const toolbar = document.querySelector('pdf-viewer')?.shadowRoot?.querySelector('viewer-toolbar');
          const selector = toolbar?.shadowRoot?.querySelector('viewer-page-selector') as (Element & { docLength?: number }) | null | undefined;
          return selector?.docLength ?? null;
        })
        .catch(() => null);
    };
    await expect.poll(pagesInViewer, { timeout: 20_000 }).toBe(1);
    const box = await frame.boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    await screenshot(page, 'lampiran-pinjaman-akad');

    expect(app.problems.filter((p) => /Content Security Policy|Refused/i.test(p))).toEqual([]);
  }, 120_000);

  it("saves the auditor's bundle of a claim from its page", async () => {
    const { page } = app;
    const claimId = (app.runtime.db.prepare("SELECT min(id) AS id FROM tagihan WHERE status = 'dibayar'").get() as { id: number }).id;
    await page.goto(`${app.url}/#/tagihan/${claimId}`);
    const button = page.getByTestId('audit-bundle');
    await button.waitFor();
    const box = await button.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
    await screenshot(page, 'bundel-audit-tagihan');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`bundel-audit-tagihan-${claimId}.zip`);
    const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!));
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['BACA-SAYA.txt', 'jejak-audit.json', 'DAFTAR-LAMPIRAN.csv', `tagihan-${claimId}/baris-tagihan.xlsx`]));
    // The harness prints PDFs with Chromium, so the berita acara is there as a PDF.
    expect(zip.file(`tagihan-${claimId}/berita-acara.pdf`)).not.toBeNull();
  }, 120_000);

  it("Periksa keutuhan names an attachment whose file was replaced behind the app's back", async () => {
    const { page } = app;
    const akad = app.runtime.db.prepare("SELECT id, sha256 FROM lampiran WHERE tipe = 'pdf' ORDER BY id LIMIT 1").get() as { id: number; sha256: string };
    const file = path.join(path.dirname(app.databasePath), 'lampiran', `${akad.sha256}.pdf`);
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([original.subarray(0, 9), Buffer.from('% ditukar\n'), original.subarray(9)]));
    try {
      await page.getByTestId('nav-audit').click();
      await page.getByTestId('audit-verify').click();
      const reason = page.getByTestId('audit-verify-reason');
      await reason.waitFor();
      expect(await reason.innerText()).toMatch(new RegExp(`lampiran no\\. ${akad.id} "akad-pindaian\\.pdf" \\(pinjaman no\\. ${loanId}\\).*tidak cocok lagi`));
      await screenshot(page, 'lampiran-periksa-keutuhan');
    } finally {
      fs.writeFileSync(file, original);
    }
  }, 60_000);
});
