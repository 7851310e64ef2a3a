import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { invoke } from '../../electron/services/dispatch';
import type { Result } from '../../electron/contract';
import { formatRupiah } from '../../electron/domain/format';
import { terbilang } from '../../electron/domain/terbilang';
import { plantClaim, writeClaimFile, type ClaimFileSet } from '../../electron/services/demo/claim-files';
import { ARTIFACTS, E2E_USER, addUser, screenshot, signInAs, signOut, startApp, type AppUnderTest } from './harness';

/**
 * Issue 4 end to end: a bank's October claim arrives as the bank's own export (Windows-1252,
 * semicolons, title lines, Indonesian numbers, a total row), is imported through the screens,
 * reconciled against the expected run with every planted difference found, decided line by line,
 * approved by a verifier (not the clerk who imported it), printed as a berita acara whose PDF
 * carries the totals in words, and paid once — after which nothing of it can be paid again.
 */
function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const VERIFIER = { username: 'sari', password: 'Verifikasi-2026' } as const;

async function choose(page: Page, selectTestId: string, option: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

describe('a bank claim from file to paid berita acara, in Chromium over a real SQLite file', () => {
  let app: AppUnderTest;
  let set: ClaimFileSet;
  let file: string;
  let tagihanId = 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-claim-'));

  beforeAll(async () => {
    app = await startApp({ today: '2026-11-23' });
    const h = app.runtime.handlers;
    ok(await invoke(h, 'app.loadDemo', {}));
    await addUser(app.runtime, { ...VERIFIER, peran: 'verifikator', nama: 'Sari Verifikator' });
    const bank = ok(await invoke(h, 'banks.list', {}))[0]!;
    set = plantClaim(app.runtime.db, bank.id, '2026-10', { each: 1 });
    file = path.join(dir, 'TAGIHAN OKTOBER 2026.csv');
    fs.writeFileSync(file, await writeClaimFile(set, 'csv-titik-koma'));
    await app.page.reload();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports the bank’s own export after a preview, with every line read', async () => {
    const { page } = app;
    await page.getByTestId('nav-imports').click();
    await page.getByTestId('kind-tagihan').click();
    await choose(page, 'import-bank', set.bankNama);
    await page.getByTestId('import-file').setInputFiles(file);
    // Detected, not asked: the semicolons, the code page and the header below the title lines.
    await expect.poll(() => page.getByTestId('import-delimiter').innerText()).toContain(';');
    await page.getByTestId('import-preview').click();
    await expect.poll(() => page.getByTestId('count-rows').innerText()).toBe(String(set.lines.length));
    expect(await page.getByTestId('count-errors').innerText()).toBe('0');
    expect(await page.getByTestId('count-total').innerText()).toBe(formatRupiah(set.totalDiklaim));
    await page.getByTestId('import-save').click();
    await page.getByTestId('import-claim-link').click();
    await page.getByTestId('claim-per-status').waitFor();
    // Opening the claim changes nothing: the clerk reconciles it with the button.
    expect(await page.getByTestId('claim-status').innerText()).toMatch(/Draf/i);
    await page.getByTestId('claim-reconcile').click();
    await expect.poll(() => page.getByTestId('claim-status').innerText()).toMatch(/Direkonsiliasi/i);
    tagihanId = Number(/tagihan\/(\d+)/.exec(page.url())![1]);
    expect(await page.getByTestId('sum-claimed').innerText()).toBe(formatRupiah(set.totalDiklaim));
  });

  it('finds every planted difference, and the loans the bank forgot', async () => {
    const { page } = app;
    const detail = ok(await invoke(app.runtime.handlers, 'claims.get', { tagihanId }));
    const count = (s: string) => detail.perStatus.find((p) => p.status === s)?.jumlah ?? 0;
    expect(count('cocok')).toBe(set.planted.cocok);
    expect(count('selisih')).toBe(set.planted.selisih_outstanding + set.planted.selisih_konvensi_hari);
    expect(count('rekening_tidak_dikenal')).toBe(set.planted.rekening_tidak_dikenal);
    expect(count('tidak_memenuhi_syarat')).toBe(set.planted.tidak_memenuhi_syarat);
    expect(count('ganda')).toBe(set.planted.ganda);
    expect(detail.tidakDiklaim.jumlah).toBe(set.tidakDiklaim.length);
    expect(detail.tidakDiklaim.total).toBe(set.tidakDiklaim.reduce((s, m) => s + m.diharapkan, 0));

    // The bank's larger outstanding is named as the cause of its difference.
    await page.getByTestId('filter-selisih').click();
    await expect.poll(() => page.getByTestId('lines-table').innerText()).toContain('Baki debet');
    await screenshot(page, 'claim-reconciliation');
  });

  it('is decided line by line and approved by a verifier, never by the clerk who imported it', async () => {
    const { page } = app;
    // The outstanding difference: the bank's figure is accepted, with the reason written down.
    const lines = ok(await invoke(app.runtime.handlers, 'claims.get', { tagihanId, status: 'selisih' })).lines.rows;
    const bankLine = lines.find((l) => l.diagnosis === 'outstanding')!;
    expect(bankLine).toBeDefined();
    await page.getByTestId(`decide-line-${bankLine.nomorBaris}`).click();
    await page.getByTestId('decide-terima_bank').click();
    await page.getByTestId('decide-alasan').fill('Baki debet bank sesuai rekening koran Oktober');
    await page.getByTestId('decide-save').click();
    await page.getByTestId('decide-dialog').waitFor({ state: 'hidden' });
    // The rest of the differences: our computation.
    await page.getByTestId('bulk-selisih').click();
    await page.locator('.el-message-box__input input').fill('Dihitung ulang sesuai skema: aktual/360');
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await expect.poll(() => page.getByTestId('sum-undecided').innerText()).toBe('0');

    const expectedAgreed = ok(await invoke(app.runtime.handlers, 'claims.get', { tagihanId })).totalDisetujuiSementara;
    expect(expectedAgreed).toBe(set.totalCocok + bankLine.diklaim + lines.filter((l) => l.id !== bankLine.id).reduce((s, l) => s + (l.diharapkan ?? 0), 0));

    // The clerk who imported the claim may not approve it (four-eyes): a verifier does.
    await signOut(page);
    await signInAs(page, VERIFIER);
    await page.goto(`${app.url}/#/tagihan/${tagihanId}`);
    await page.getByTestId('claim-approve').click();
    // The approval dialog: the bank's open corrections (none here) and the net to pay.
    await expect.poll(() => page.getByTestId('approve-net').innerText()).toBe(formatRupiah(expectedAgreed));
    await page.getByTestId('claim-approve-save').click();
    await expect.poll(() => page.getByTestId('claim-status').innerText()).toMatch(/Disetujui/i);
    expect(await page.getByTestId('sum-agreed').innerText()).toBe(formatRupiah(expectedAgreed));
  });

  it('prints the berita acara with the totals in figures and in words', async () => {
    const { page } = app;
    const claim = ok(await invoke(app.runtime.handlers, 'claims.get', { tagihanId })).claim;
    await page.getByRole('tab', { name: /Berita acara/i }).click();
    const frame = page.frameLocator('[data-testid="document-frame"]');
    await expect.poll(() => frame.locator('body').innerText()).toContain('BERITA ACARA');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('document-pdf').click()]);
    const pdf = path.join(dir, download.suggestedFilename());
    await download.saveAs(pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain(formatRupiah(claim.totalDisetujui!));
    expect(text.toLowerCase()).toContain(`${terbilang(claim.totalDisetujui!)} rupiah`);
    expect(text).toContain(set.bankNama);
    // A look at the first page, for people (tests/artifacts/berita-acara-1.png).
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdf, path.join(ARTIFACTS, 'berita-acara')]);
  });

  it('is paid once by SP2D against the budget, and then nothing of it can be paid again', async () => {
    const { page } = app;
    const claim = ok(await invoke(app.runtime.handlers, 'claims.get', { tagihanId })).claim;
    await page
      .getByRole('tab', { name: /Rincian|Baris/i })
      .first()
      .click();
    await page.getByTestId('claim-pay').click();
    await page.getByTestId('claim-payment-sp2d').fill('SP2D-0987/BUD/2026');
    expect(await page.getByTestId('claim-payment-rest').innerText()).toBe(formatRupiah(claim.totalDisetujui!));
    await page.getByTestId('claim-payment-pagu').locator('.el-select').click();
    await page.locator('.el-select-dropdown__item:visible').first().click();
    await page.getByTestId('claim-payment-save').click();
    await expect.poll(() => page.getByTestId('claim-status').innerText()).toMatch(/Dibayar/i);
    expect(await page.getByTestId('sum-paid').innerText()).toBe(formatRupiah(claim.totalDisetujui!));
    await screenshot(page, 'claim-paid');

    const payable = app.runtime.db.prepare('SELECT count(*) AS n FROM tagihan_baris WHERE tagihan_id = ? AND disetujui > 0').get(tagihanId) as { n: number };
    const paid = app.runtime.db
      .prepare('SELECT count(*) AS n FROM periode_dibayar pd JOIN tagihan_baris b ON b.id = pd.tagihan_baris_id WHERE b.tagihan_id = ?')
      .get(tagihanId) as { n: number };
    expect(paid.n).toBe(payable.n);
    // The same months through the other door (paying the computed run) find nothing left to pay.
    const again = await invoke(app.runtime.handlers, 'claims.recordPayment', {
      tagihanId,
      versi: ok(await invoke(app.runtime.handlers, 'claims.get', { tagihanId })).claim.versi,
      nomorSp2d: 'SP2D-LAGI',
      tanggalSp2d: '2026-11-23',
      jumlah: 1,
      paguId: 1,
    });
    expect(again.ok).toBe(false);
    await signOut(page);
    await signInAs(page, E2E_USER);
  });
});
