import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { invoke } from '../../electron/services/dispatch';
import type { Result } from '../../electron/contract';
import { E2E_USER, addUser, count, screenshot, signInAs, signOut, startApp, type AppUnderTest } from './harness';
import { schemeInput } from '../helpers/scheme';

/**
 * Issue 3 end to end: a clerk enters a loan through the UI, sees its schedule, takes it through
 * approval (by a verifier: nobody approves what they entered) and disbursement, runs February's
 * subsidy for the bank, opens the line's working, and pays it with an SP2D. "Today" is 10 March
 * 2025 for both the browser and the services.
 */
function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Independent reference for February 2025: 8 % a year on the outstanding, actual/360, half-up. */
function februarySubsidy(): number {
  // 1–15 Feb: 12.000.000 outstanding for 14 days; 15 Feb–1 Mar: 11.000.000 for 14 days.
  const dayRupiah = new Decimal(12_000_000).times(14).plus(new Decimal(11_000_000).times(14));
  return dayRupiah.times('0.08').dividedBy(360).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

const VERIFIER = { username: 'budi', password: 'Verifikasi-2025' } as const;

async function choose(page: Page, selectTestId: string, option: string, typed?: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  if (typed) await page.keyboard.type(typed);
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

/** Types a date as a clerk does (dd/mm/yyyy) into the date picker inside a form item, and leaves it. */
async function typeDate(page: Page, formItemTestId: string, date: string): Promise<void> {
  const input = page.getByTestId(formItemTestId).locator('input');
  await input.fill(date);
  await input.press('Tab');
}

describe('loans and the subsidy run, end to end in Chromium over a real SQLite file', () => {
  let app: AppUnderTest;

  beforeAll(async () => {
    app = await startApp({ today: '2025-03-10' });
    const h = app.runtime.handlers;
    // Master data and the budget come from the earlier screens (tested elsewhere); set them up directly.
    ok(await invoke(h, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [{ kode: 'BSB-ME', nama: 'Cabang Muara Enim' }] }));
    const insurer = ok(await invoke(h, 'insurers.save', { kode: 'JAMKRINDO', nama: 'Perum Jamkrindo', jenis: 'penjaminan' }));
    ok(await invoke(h, 'schemes.save', schemeInput(2025, insurer.id, { nama: 'Gerbang Serasan 2025' })));
    ok(await invoke(h, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' }));
    ok(await invoke(h, 'budget.save', { tahun: 2025, jenis: 'subsidi_bunga', kodeRekening: '5.1.05.01.001', uraian: 'Subsidi bunga Gerbang Serasan', pagu: 500_000_000 }));
    ok(await invoke(h, 'app.startEmpty', {}));
    await addUser(app.runtime, { ...VERIFIER, peran: 'verifikator', nama: 'Budi Verifikator' });
    await app.page.reload();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('enters a loan through the form and sees its schedule before saving', async () => {
    const { page } = app;
    await page.getByTestId('nav-loans').click();
    await page.getByTestId('loan-add').click();
    await choose(page, 'loan-debitur', 'Siti Aminah', 'Siti');
    await choose(page, 'loan-bank', 'Bank Sumsel Babel');
    await choose(page, 'loan-cabang', 'Cabang Muara Enim');
    await choose(page, 'loan-skema', 'GS-2025');
    await page.getByTestId('loan-rekening').fill('0012300045');
    await page.getByTestId('loan-akad').fill('AK/001/2025');
    await typeDate(page, 'loan-tanggal-akad', '10/01/2025');
    await page.getByTestId('loan-plafon').fill('12000000');
    await page.getByTestId('loan-tenor').locator('input').fill('12');
    await typeDate(page, 'loan-angsuran-pertama', '15/02/2025');

    // The schedule appears while the form is still open: 12 rows, first one 1.000.000 + 110.000.
    const preview = page.getByTestId('loan-preview');
    await expect.poll(() => preview.getByTestId('schedule-row').count()).toBe(12);
    const first = await preview.getByTestId('schedule-row').first().innerText();
    expect(first).toContain('15/02/2025');
    expect(first).toContain('Rp1.000.000');
    expect(first).toContain('Rp110.000');
    expect(first).toContain('Rp80.000');
    expect(await preview.getByTestId('schedule-total').innerText()).toContain('Rp12.000.000');
    await screenshot(page, 'loan-form-preview');

    await page.getByTestId('loan-save').click();
    await expect.poll(() => page.getByTestId('loan-table').innerText()).toContain('0012300045');
    expect(app.runtime.db.prepare('SELECT nomor_rekening, plafon, tenor_bulan, status FROM pinjaman').all()).toEqual([
      { nomor_rekening: '0012300045', plafon: 12_000_000, tenor_bulan: 12, status: 'diajukan' },
    ]);
  });

  it('refuses the approval to whoever entered the loan; a verifier approves, the clerk disburses', async () => {
    const { page } = app;
    await page.getByTestId('loan-table').getByText('0012300045').dblclick();
    await expect.poll(() => page.getByTestId('loan-status').innerText()).toBe('Diajukan');
    const loanUrl = page.url();

    await page.getByTestId('loan-action-disetujui').click();
    await typeDate(page, 'transition-tanggal', '12/01/2025');
    await page.getByTestId('transition-save').click();
    await expect.poll(() => page.getByTestId('transition-error').innerText()).toContain('prinsip empat mata');
    await page.keyboard.press('Escape');

    await signOut(page);
    await signInAs(page, VERIFIER);
    await page.goto(loanUrl);
    await page.getByTestId('loan-action-disetujui').click();
    await typeDate(page, 'transition-tanggal', '12/01/2025');
    await page.getByTestId('transition-save').click();
    await expect.poll(() => page.getByTestId('loan-status').innerText()).toBe('Disetujui');
    expect(app.runtime.db.prepare("SELECT pengguna FROM pinjaman_riwayat WHERE ke = 'disetujui'").get()).toEqual({ pengguna: 'budi' });

    await signOut(page);
    await signInAs(page, E2E_USER);
    await page.goto(loanUrl);

    await page.getByTestId('loan-action-aktif').click();
    await typeDate(page, 'transition-tanggal', '15/01/2025');
    await page.getByTestId('transition-save').click();
    await expect.poll(() => page.getByTestId('loan-status').innerText()).toContain('Aktif');
    expect(app.runtime.db.prepare('SELECT status, tanggal_pencairan FROM pinjaman').get()).toEqual({ status: 'aktif', tanggal_pencairan: '2025-01-15' });
    // The premium is computed at disbursement: 1,5 % × Rp12.000.000.
    expect(app.runtime.db.prepare('SELECT jumlah FROM premi').get()).toEqual({ jumlah: 180_000 });

    // An auditor's question, "who did what to this loan, and when", answered from the loan's page.
    await page.getByTestId('loan-history').click();
    await expect.poll(() => page.getByTestId('audit-table').innerText()).toContain('budi');
    const trail = await page.getByTestId('audit-table').innerText();
    expect(trail).toContain('e2e');
    // Entered, approved, disbursed.
    expect((await page.getByTestId('audit-total').innerText()).trim()).toBe('Jumlah: 3');
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-ok').isVisible()).toBe(true);
  });

  it("runs February's subsidy and explains the line from the screen", async () => {
    const { page } = app;
    await page.getByTestId('nav-subsidy').click();
    // Last month and the only active bank are offered.
    await expect.poll(() => page.getByTestId('subsidy-period').locator('input').inputValue()).toBe('Februari 2025');
    await page.getByTestId('subsidy-run').click();

    const expected = februarySubsidy();
    expect(expected).toBe(71_556);
    await expect.poll(() => page.getByTestId('sum-total').innerText()).toBe('Rp71.556');
    const row = page.getByTestId('subsidy-table').locator('.el-table__body tr').first();
    expect(await row.innerText()).toContain('Layak');

    await row.locator('.el-table__expand-icon').click();
    const detail = page.getByTestId('line-detail');
    await expect.poll(() => detail.isVisible()).toBe(true);
    const segments = await detail.getByTestId('line-segments').innerText();
    expect(segments).toContain('Rp12.000.000');
    expect(segments).toContain('Rp11.000.000');
    // Each segment with its inclusive end date: the principal changes on the 15th.
    for (const day of ['01/02/2025', '14/02/2025', '15/02/2025', '28/02/2025']) expect(segments).toContain(day);
    const formula = await detail.getByTestId('line-formula').innerText();
    expect(formula).toContain('8 % × (Rp12.000.000 × 14 + Rp11.000.000 × 14) / 360 = 71.555,56 → Rp71.556');
    const terms = await detail.getByTestId('line-terms').innerText();
    expect(terms).toContain('Aktual/360');
    expect(terms).toContain('8 % per tahun');
    await screenshot(page, 'subsidy-line-working');
  });

  it('pays nothing from the run itself: the SP2D is recorded on an approved bank claim', async () => {
    const { page } = app;
    expect(await page.getByTestId('subsidy-pay').count()).toBe(0);
    expect(await page.getByTestId('subsidy-pay-hint').innerText()).toContain('Tagihan & Rekonsiliasi');
    expect(count(app, 'pembayaran')).toBe(0);
    expect(app.problems).toEqual([]);
  });
});
