import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { invoke } from '../../electron/services/dispatch';
import { formatRupiah } from '../../electron/domain/format';
import { makeNik } from '../helpers/nik';
import { E2E_USER, addUser, screenshot, signInAs, signOut, startApp, type AppUnderTest } from './harness';

/**
 * Issue 13 end to end: an office starts on an empty database, sets itself up through the wizard
 * (banks with their units, the scheme, the pagu), imports a bank's loan list (new applications and
 * old running loans with their real dates; a garbled NIK refused with its row and column), then the
 * payment history of the old loans (months paid by SP2D before the app), has the applications
 * approved by a verifier (four-eyes: the importer may not) and one disbursed, and runs a quarter of
 * subsidy: the months the history paid show "Sudah dibayar", the others compute, one line checked
 * by hand. Then the 2020 audit's double payment: the same person with a second loan at another
 * bank finds the months already paid through the first loan excluded, naming that loan.
 * "Today" is 23 November 2026 for the browser and the services; the window is an office laptop's.
 */
const VERIFIER = { username: 'rudi', password: 'Verifikasi-2026' } as const;

const NIK_ANI = makeNik({ day: 12, month: 3, yy: 88, female: true, serial: 31 });
const NIK_HENDRA = makeNik({ day: 20, month: 6, yy: 79, serial: 32 });
const NIK_RINA = makeNik({ day: 11, month: 11, yy: 91, female: true, serial: 21 });
const NIK_DEDI = makeNik({ day: 5, month: 5, yy: 95, serial: 22 });
const NIK_MAYA = makeNik({ day: 7, month: 8, yy: 93, female: true, serial: 24 });
/** Day 32: no such birth date. */
const NIK_BAD = '1603013205800006';

const REK_ANI = '0012300201';
const REK_HENDRA = '0012300202';
const REK_RINA = '0012300101';
const REK_ANI_BRI = '5550000301';

const LOAN_HEADER =
  'No;NIK;Nama Nasabah;Nama Usaha;Skala Usaha;No. Rekening;No. Akad;Tgl Akad;Tgl Realisasi;Tgl Angsuran Pertama;Plafond;Jangka Waktu;Suku Bunga;Bunga Debitur;Kode Skema;Unit;Status';

/** Bank Sumsel Babel's daftar nominatif: semicolons, Indonesian numbers, dd/mm/yyyy. Row 1 is the header. */
const BSB_LOANS = [
  LOAN_HEADER,
  // 2–4: new applications (no state): they enter 'diajukan'.
  `1;${NIK_RINA};Rina Marlina;Kue Rina;Mikro;${REK_RINA};AK/2026/101;05/10/2026;;;20.000.000;24;11;3;GS-2025;BSB-ME;`,
  `2;${NIK_DEDI};Dedi Kurnia;Ternak Dedi;Mikro;0012300102;AK/2026/102;06/10/2026;;;15.000.000;24;11;3;GS-2025;BSB-ME;`,
  `3;${NIK_MAYA};Maya Sari;Jahit Maya;Mikro;0012300103;AK/2026/103;07/10/2026;;;10.000.000;12;11;3;GS-2025;BSB-ME;`,
  // 5: an old loan, running since October 2025; instalments on the 1st: Rp1.000.000 principal a month.
  `4;${NIK_ANI};Ani Rahmawati;Warung Ani;Mikro;${REK_ANI};PK/2025/201;01/10/2025;01/10/2025;01/11/2025;24.000.000;24;11;3;GS-2025;BSB-ME;aktif`,
  // 6: an old loan, running since December 2025.
  `5;${NIK_HENDRA};Hendra Gunawan;Bengkel Hendra;Mikro;${REK_HENDRA};PK/2025/202;15/12/2025;15/12/2025;15/01/2026;12.000.000;12;11;3;GS-2025;BSB-ME;aktif`,
  // 7: a NIK with no such birth date: refused, with its row and column.
  `6;${NIK_BAD};Nik Salah;Usaha Salah;Mikro;0012300203;PK/2025/203;01/11/2025;01/11/2025;01/12/2025;10.000.000;12;11;3;GS-2025;BSB-ME;aktif`,
].join('\r\n');

/** Hand reference: 8 % a year (11 − 3) on the outstanding, actual/360, rounded half-up to the rupiah. */
const subsidy = (outstanding: number, days: number) => new Decimal(outstanding).times('0.08').times(days).dividedBy(360).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
// Ani: Rp24.000.000 over 24 months, Rp1.000.000 principal on the 1st of each month from 1 Nov 2025.
//  August 2026: 10 instalments paid (Nov … Aug) → Rp14.000.000 all month, 31 days.
//  September 2026: 11 paid → Rp13.000.000, 30 days.
//  October 2026: 12 paid → Rp12.000.000, 31 days: 12.000.000 × 8 % × 31 / 360 = 82.666,67 → Rp82.667.
const ANI_AUG = subsidy(14_000_000, 31);
const ANI_SEP = subsidy(13_000_000, 30);
const ANI_OCT = subsidy(12_000_000, 31);
// Hendra: Rp12.000.000 over 12 months, Rp1.000.000 on the 15th from 15 Jan 2026: Rp3.000.000 on
// 1–14 October (9 paid), Rp2.000.000 from the 15th (10 paid): (3.000.000 × 14 + 2.000.000 × 17) × 8 % / 360.
const HENDRA_OCT = new Decimal(3_000_000).times(14).plus(new Decimal(2_000_000).times(17)).times('0.08').dividedBy(360).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
// Rina: disbursed Rp20.000.000 on 15 October, 17 days to the month's end, no instalment yet.
const RINA_OCT = subsidy(20_000_000, 17);

/** The subsidy paid before the app, as the secretariat's SP2D ledger has it (August and September). */
const BSB_HISTORY = [
  'No.;No. Rek;Nama Nasabah;NIK;Bulan;Subsidi Dibayar;No SP2D;Tgl SP2D',
  `1;${REK_ANI};Ani Rahmawati;${NIK_ANI};08/2026;${ANI_AUG.toLocaleString('id-ID')};SP2D/0801/2026;10/09/2026`,
  `2;${REK_HENDRA};Hendra Gunawan;${NIK_HENDRA};08/2026;45.000;SP2D/0801/2026;10/09/2026`,
  `3;${REK_ANI};Ani Rahmawati;${NIK_ANI};09/2026;${ANI_SEP.toLocaleString('id-ID')};SP2D/0902/2026;09/10/2026`,
  `4;${REK_HENDRA};Hendra Gunawan;${NIK_HENDRA};09/2026;38.000;SP2D/0902/2026;09/10/2026`,
].join('\r\n');

/** Bank Rakyat Indonesia's list: Ani again, a second loan under another akad (the audit's case). */
const BRI_LOANS = [
  LOAN_HEADER,
  `1;${NIK_ANI};Ani Rahmawati;Warung Ani;Mikro;${REK_ANI_BRI};BRI/2025/301;01/12/2025;01/12/2025;01/01/2026;10.000.000;12;11;3;GS-2025;BRI-ME;aktif`,
].join('\r\n');

async function choose(page: Page, selectTestId: string, option: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

async function typeDate(page: Page, formItemTestId: string, date: string): Promise<void> {
  const input = page.getByTestId(formItemTestId).locator('input');
  await input.fill(date);
  await input.press('Tab');
}

/** The "saved" toasts of earlier steps have gone (they close by themselves), for a clean screenshot. */
async function noToasts(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.el-message').count()).toBe(0);
}

/** 'tertutup' once a form's dialog has closed; while open, the errors it shows (a failure then says why). */
async function dialogClosed(page: Page, testId: string): Promise<string | string[]> {
  const dialog = page.getByTestId(testId);
  return (await dialog.isVisible()) ? dialog.locator('.el-form-item__error, .el-alert').allInnerTexts() : 'tertutup';
}

const activeStep = (page: Page) => page.locator('.el-step:has(.el-step__head.is-process)').getAttribute('data-testid');

/** Impor Berkas from the menu: kind, bank, file; the suggested mapping is taken and previewed. */
async function uploadAndPreview(page: Page, kind: string, bank: string, file: string): Promise<void> {
  await page.getByTestId('nav-imports').click();
  if (await page.getByTestId('import-again').isVisible()) await page.getByTestId('import-again').click();
  await page.getByTestId(`kind-${kind}`).click();
  await choose(page, 'import-bank', bank);
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('step-pemetaan').waitFor();
  await page.getByTestId('import-preview').click();
  await page.getByTestId('import-counts').waitFor();
}

async function saveImport(page: Page): Promise<string> {
  await page.getByTestId('import-save').click();
  await page.getByTestId('import-done-summary').waitFor();
  return page.getByTestId('import-done-summary').innerText();
}

/** The loan's page, and one lifecycle step dated as the clerk types it. */
async function transition(page: Page, url: string, loanId: number, to: 'disetujui' | 'aktif', date: string): Promise<void> {
  await page.goto(`${url}/#/pinjaman/${loanId}`);
  await page.getByTestId(`loan-action-${to}`).click();
  await typeDate(page, 'transition-tanggal', date);
  await page.getByTestId('transition-save').click();
}

/** The subsidy screen: bank, the quarter starting at `monthIndex` (0 = January) of the year shown. */
async function runQuarter(page: Page, bank: string, monthIndex: number): Promise<void> {
  await page.getByTestId('nav-subsidy').click();
  await choose(page, 'subsidy-bank', bank);
  await page.getByTestId('subsidy-period').locator('input').click();
  await page.locator('.el-month-table td:visible').nth(monthIndex).click();
  await page.getByTestId('subsidy-quarterly').click();
  await page.getByTestId('subsidy-run').click();
  await page.getByTestId('subsidy-summary').waitFor();
}

/** The run's row for an account and a month ("Agustus 2026"), as the screen shows it. */
function runRow(page: Page, rekening: string, month: string) {
  return page.getByTestId('subsidy-table').locator('.el-table__body tr.el-table__row').filter({ hasText: rekening }).filter({ hasText: month });
}

describe('a real office’s data brought in, end to end in Chromium over a real SQLite file', () => {
  let app: AppUnderTest;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-office-'));
  const file = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, `${text}\r\n`, 'utf8');
    return f;
  };
  const loanId = (rekening: string) => (app.runtime.db.prepare('SELECT id FROM pinjaman WHERE nomor_rekening = ?').get(rekening) as { id: number }).id;

  beforeAll(async () => {
    app = await startApp({ today: '2026-11-23' });
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await addUser(app.runtime, { ...VERIFIER, peran: 'verifikator', nama: 'Rudi Verifikator' });
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sets the office up through the wizard: letterhead and signers skipped, two banks with a unit each', async () => {
    const { page } = app;
    await page.getByTestId('start-empty').click();
    await page.getByTestId('setup-steps').waitFor();
    // Letterhead and signers another day.
    await page.getByTestId('setup-skip').click();
    await expect.poll(() => activeStep(page)).toBe('setup-step-penandatangan');
    await page.getByTestId('setup-skip').click();
    await expect.poll(() => activeStep(page)).toBe('setup-step-bank');

    for (const b of [
      { kode: 'BSB', nama: 'Bank Sumsel Babel', unitKode: 'BSB-ME', unit: 'Cabang Muara Enim' },
      { kode: 'BRI', nama: 'Bank Rakyat Indonesia', unitKode: 'BRI-ME', unit: 'Unit Muara Enim' },
    ]) {
      await page.getByTestId('setup-add').click();
      await page.getByTestId('bank-kode').fill(b.kode);
      await page.getByTestId('bank-nama').fill(b.nama);
      await page.getByTestId('cabang-add').click();
      await page.getByTestId('cabang-kode-0').fill(b.unitKode);
      await page.getByTestId('cabang-nama-0').fill(b.unit);
      await page.getByTestId('bank-save').click();
      await expect.poll(() => page.getByTestId('setup-banks').innerText()).toContain(b.unit);
    }
    await page.getByTestId('setup-next').click();
    await expect.poll(() => activeStep(page)).toBe('setup-step-penjamin');
    // No insurer yet.
    await page.getByTestId('setup-next').click();
    await expect.poll(() => activeStep(page)).toBe('setup-step-skema');
  });

  it('… the scheme (an old one, valid since 2025) and this year’s pagu, then on to Impor Berkas', async () => {
    const { page } = app;

    await page.getByTestId('setup-add').click();
    await page.getByTestId('scheme-kode').fill('GS-2025');
    await page.getByTestId('scheme-nama').fill('Gerbang Serasan 2025');
    const from = page.locator('.el-dialog .el-date-editor input').first();
    await from.fill('01/01/2025');
    await from.press('Tab');
    await page.getByTestId('scheme-bunga-bank').fill('11');
    await page.getByTestId('scheme-bunga-debitur').fill('3');
    // The old scheme did not refuse a second loan (how the audit's double payments came about):
    // a double financing is a warning, and the person-month rule is what stops the second payment.
    const refuseDouble = page.getByTestId('scheme-tolak-ganda');
    // With the mouse, on the label, in a dialog taller than the window (the click once jumped the
    // dialog back to its first field and did not tick or untick anything).
    await refuseDouble.locator('.el-checkbox__label').click();
    await expect.poll(() => refuseDouble.locator('input').isChecked()).toBe(false);
    // The longest label of the form (the decree rule) wraps inside the dialog at 1366 wide.
    const skLabel = (await page.getByTestId('scheme-tolak-tanpa-sk').boundingBox())!;
    const dialogBox = (await page.locator('.el-dialog:has([data-testid="scheme-tolak-tanpa-sk"])').boundingBox())!;
    expect(skLabel.x + skLabel.width).toBeLessThanOrEqual(dialogBox.x + dialogBox.width);
    expect(await page.getByTestId('scheme-tolak-tanpa-sk').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.getByTestId('scheme-save').click();
    await expect.poll(() => dialogClosed(page, 'scheme-form')).toBe('tertutup');
    await expect.poll(() => page.getByTestId('setup-schemes').innerText()).toContain('GS-2025');
    await page.getByTestId('setup-next').click();
    await expect.poll(() => activeStep(page)).toBe('setup-step-pagu');

    await page.getByTestId('setup-add').click();
    // As a clerk does: type once the dialog is open and has put the cursor in its first field (on a
    // loaded machine the dialog's opening could land between the typing and the click on Simpan).
    await expect.poll(() => page.evaluate(() => (document.activeElement?.closest('[data-testid]') as HTMLElement | null)?.dataset.testid)).toBe('budget-form-kode');
    await page.getByTestId('budget-form-kode').fill('5.1.05.05.01.0001');
    await page.getByTestId('budget-form-uraian').fill('Subsidi bunga Gerbang Serasan');
    await page.getByTestId('budget-form-pagu').fill('2500000000');
    await expect.poll(() => page.getByTestId('budget-form-pagu').inputValue()).toBe('2.500.000.000');
    await page.getByTestId('budget-form-save').click();
    await expect.poll(() => dialogClosed(page, 'budget-form')).toBe('tertutup');
    await expect.poll(() => page.getByTestId('setup-pagu').innerText()).toContain('GS-2025');
    await page.getByTestId('setup-next').click();
    await expect.poll(() => activeStep(page)).toBe('setup-step-selesai');
    expect(await page.getByTestId('setup-summary').innerText()).toContain('2 bank, 2 unit');
    await page.getByTestId('setup-import').click();
    await expect.poll(() => page.url()).toContain('#/impor');
  });

  it('imports the bank’s loan list: the bad NIK is refused naming its row and column, the rest enter', async () => {
    const { page } = app;
    await uploadAndPreview(page, 'pinjaman', 'Bank Sumsel Babel', file('NOMINATIF BSB OKTOBER 2026.csv', BSB_LOANS));
    await expect.poll(() => page.getByTestId('count-rows').innerText()).toBe('6');
    expect(await page.getByTestId('count-valid').innerText()).toBe('5');
    expect(await page.getByTestId('count-errors').innerText()).toBe('1');
    // All the problems: the refused row, and the decree warnings of the others.
    const problems = page.getByTestId('import-problems');
    await expect.poll(() => problems.innerText()).toContain('Tanggal lahir pada NIK (digit 7–12) bukan tanggal yang sah');
    const problemRow = problems.locator('.el-table__body tr').filter({ hasText: 'Tanggal lahir pada NIK' });
    expect(await problemRow.count()).toBe(1);
    const cells = (await problemRow.locator('td').allInnerTexts()).map((c) => c.trim());
    // Row 7 of the file, column "NIK" as its header says, an error (the row is not saved).
    expect(cells).toEqual(['NOMINATIF BSB OKTOBER 2026.csv', '7', 'NIK', 'Tanggal lahir pada NIK (digit 7–12) bukan tanggal yang sah', 'Galat']);
    // The rows as read show the NIK whole, on one line like the account number beside it.
    const nikCell = page.getByTestId('import-rows').locator('.el-table__body td', { hasText: NIK_BAD }).first();
    const rekCell = page.getByTestId('import-rows').locator('.el-table__body td', { hasText: '0012300203' }).first();
    expect((await nikCell.locator('.cell').boundingBox())!.height).toBe((await rekCell.locator('.cell').boundingBox())!.height);
    expect(await nikCell.innerText()).toBe(NIK_BAD);
    await problemRow.scrollIntoViewIfNeeded();
    await noToasts(page);
    await screenshot(page, 'real-office-loan-preview');

    const summary = await saveImport(page);
    expect(summary).toContain('5');
    const loans = app.runtime.db.prepare('SELECT nomor_rekening AS rek, status, tanggal_pencairan AS cair FROM pinjaman ORDER BY nomor_rekening').all();
    expect(loans).toEqual([
      { rek: '0012300101', status: 'diajukan', cair: null },
      { rek: '0012300102', status: 'diajukan', cair: null },
      { rek: '0012300103', status: 'diajukan', cair: null },
      { rek: REK_ANI, status: 'aktif', cair: '2025-10-01' },
      { rek: REK_HENDRA, status: 'aktif', cair: '2025-12-15' },
    ]);
    expect(app.runtime.db.prepare('SELECT count(*) AS n FROM debitur WHERE nik = ?').get(NIK_BAD)).toEqual({ n: 0 });
  });

  it('imports the payment history: August and September of the old loans paid by two SP2Ds', async () => {
    const { page } = app;
    await uploadAndPreview(page, 'riwayat', 'Bank Sumsel Babel', file('RIWAYAT SP2D 2026.csv', BSB_HISTORY));
    await expect.poll(() => page.getByTestId('count-rows').innerText()).toBe('4');
    expect(await page.getByTestId('count-errors').innerText()).toBe('0');
    await saveImport(page);
    const paid = app.runtime.db
      .prepare(
        'SELECT p.nomor_rekening AS rek, d.periode, y.nomor_sp2d AS sp2d FROM periode_dibayar d JOIN pinjaman p ON p.id = d.pinjaman_id JOIN tagihan_baris b ON b.id = d.tagihan_baris_id JOIN pembayaran y ON y.tagihan_id = b.tagihan_id ORDER BY rek, d.periode',
      )
      .all();
    expect(paid).toEqual([
      { rek: REK_ANI, periode: '2026-08', sp2d: 'SP2D/0801/2026' },
      { rek: REK_ANI, periode: '2026-09', sp2d: 'SP2D/0902/2026' },
      { rek: REK_HENDRA, periode: '2026-08', sp2d: 'SP2D/0801/2026' },
      { rek: REK_HENDRA, periode: '2026-09', sp2d: 'SP2D/0902/2026' },
    ]);
  });

  it('the importer may not approve the applications; a verifier approves them, the clerk disburses one', async () => {
    const { page } = app;
    const rina = loanId(REK_RINA);
    await transition(page, app.url, rina, 'disetujui', '08/10/2026');
    await expect.poll(() => page.getByTestId('transition-error').innerText()).toContain('prinsip empat mata');
    await page.keyboard.press('Escape');

    await signOut(page);
    await signInAs(page, VERIFIER);
    for (const rek of [REK_RINA, '0012300102', '0012300103']) {
      await transition(page, app.url, loanId(rek), 'disetujui', '08/10/2026');
      await expect.poll(() => page.getByTestId('loan-status').innerText()).toBe('Disetujui');
    }
    await signOut(page);
    await signInAs(page, E2E_USER);
    await transition(page, app.url, rina, 'aktif', '15/10/2026');
    await expect.poll(() => page.getByTestId('loan-status').innerText()).toContain('Aktif');
    expect(app.runtime.db.prepare("SELECT count(*) AS n FROM pinjaman_riwayat WHERE ke = 'disetujui' AND pengguna = 'rudi'").get()).toEqual({ n: 3 });
  });

  it('runs August–October: the months the history paid show "Sudah dibayar", October computes, checked by hand', async () => {
    const { page } = app;
    await runQuarter(page, 'Bank Sumsel Babel', 7);
    expect(await page.getByTestId('subsidy-range').innerText()).toContain('Agustus');
    // Ani, Hendra and Rina (disbursed on 15 October), three months each.
    await expect.poll(() => page.getByTestId('sum-lines').innerText()).toBe('9');
    for (const rek of [REK_ANI, REK_HENDRA]) {
      for (const month of ['Agustus 2026', 'September 2026']) expect(await runRow(page, rek, month).innerText()).toContain('Sudah dibayar');
      expect(await runRow(page, rek, 'Oktober 2026').innerText()).toContain('Layak');
    }
    // Rina's months before her disbursement earn nothing; October from the 15th.
    expect(await runRow(page, REK_RINA, 'September 2026').innerText()).toContain('Belum dicairkan');
    expect(await runRow(page, REK_RINA, 'Oktober 2026').innerText()).toContain('Layak');
    expect(await page.getByTestId('sum-excluded').innerText()).toBe('6');
    // Three Octobers computed: Ani (below), Hendra (Rp3.000.000 × 14 days + Rp2.000.000 × 17 days,
    // his instalment falls on the 15th) and Rina (Rp20.000.000 × 17 days).
    expect(await page.getByTestId('sum-total').innerText()).toBe(formatRupiah(ANI_OCT + HENDRA_OCT + RINA_OCT));

    expect(ANI_OCT).toBe(82_667);
    const october = runRow(page, REK_ANI, 'Oktober 2026');
    expect(await october.innerText()).toContain('Rp82.667');
    await october.locator('.el-table__expand-icon').click();
    const detail = page.getByTestId('line-detail');
    await expect.poll(() => detail.isVisible()).toBe(true);
    expect(await detail.getByTestId('line-formula').innerText()).toContain('8 % × Rp12.000.000 × 31 / 360 = 82.666,67 → Rp82.667');
    // The warnings column is in view at 1366 wide, not behind a sideways scroll of the table.
    const warning = (await runRow(page, REK_ANI, 'Oktober 2026').getByTestId('row-warning').boundingBox())!;
    const table = (await page.getByTestId('subsidy-table').boundingBox())!;
    expect(warning.x + warning.width).toBeLessThanOrEqual(table.x + table.width);
    await noToasts(page);
    await screenshot(page, 'real-office-subsidy-run');
    await detail.getByTestId('line-formula').scrollIntoViewIfNeeded();
    await screenshot(page, 'real-office-subsidy-line');
  });

  it('the audit’s double payment: Ani’s second loan at another bank is not subsidised for the months her first loan was paid', async () => {
    const { page } = app;
    await uploadAndPreview(page, 'pinjaman', 'Bank Rakyat Indonesia', file('NOMINATIF BRI.csv', BRI_LOANS));
    await expect.poll(() => page.getByTestId('count-valid').innerText()).toBe('1');
    // Allowed by this scheme, but said out loud: the other running loan and the months it was paid.
    await page.getByTestId('level-peringatan').click();
    await expect.poll(() => page.getByTestId('import-problems').innerText()).toContain(REK_ANI);
    await saveImport(page);

    await runQuarter(page, 'Bank Rakyat Indonesia', 7);
    await expect.poll(() => page.getByTestId('sum-lines').innerText()).toBe('3');
    for (const month of ['Agustus 2026', 'September 2026']) {
      const row = runRow(page, REK_ANI_BRI, month);
      expect(await row.innerText()).toContain('Sudah disubsidi melalui pinjaman lain');
    }
    // The reason names the loan that took the month.
    await runRow(page, REK_ANI_BRI, 'Agustus 2026').locator('.el-table__expand-icon').click();
    await expect.poll(() => page.getByTestId('line-reason').first().innerText()).toContain(`pinjaman ${REK_ANI} (Bank Sumsel Babel)`);
    expect(await runRow(page, REK_ANI_BRI, 'Oktober 2026').innerText()).toContain('Layak');
    await noToasts(page);
    await screenshot(page, 'real-office-double-payment');

    const bri = (app.runtime.db.prepare("SELECT id FROM bank WHERE kode = 'BRI'").get() as { id: number }).id;
    const run = await invoke(app.runtime.handlers, 'subsidy.run', { bankId: bri, periodeAwal: '2026-08', periodeAkhir: '2026-09' });
    if (!run.ok) throw new Error(run.error.message);
    expect(run.value.lines.map((l) => [l.periode, l.alasan])).toEqual([
      ['2026-08', 'sudah_disubsidi_lain'],
      ['2026-09', 'sudah_disubsidi_lain'],
    ]);
    expect(app.problems).toEqual([]);
  });
});
