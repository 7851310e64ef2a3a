/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { invoke } from '../../electron/services/dispatch';
import type { Result } from '../../electron/contract';
import { plantClaim, writeClaimFile } from '../../electron/services/demo/claim-files';
import { importFileFromPath } from '../../electron/services/imports/import-file';
import { screenshot, startApp, type AppUnderTest } from './harness';

/**
 * Issue 18 item 9: on a 1366 × 768 laptop no money figure is ever cut ("Rp261.47" for Rp261.471
 * reads as another number) and no action button's label is hidden, in Indonesian and in English,
 * on the demo data: subsidy run, claim detail, loans, debtors and users.
 */
function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

interface Clipped {
  text: string;
  why: string;
}

/**
 * Every money figure (`.money`, in tables and summaries) and every button inside a table row, with
 * what cuts it: its own box or its cell's box narrower than its content, or (for a button) a fixed
 * column or the table's edge covering part of it.
 */
async function clipped(page: Page): Promise<{ money: number; buttons: number; problems: Clipped[] }> {
  // Measured once the tables have stopped loading (a loading mask covers the rows).
  await expect.poll(() => page.locator('.el-loading-mask:visible').count()).toBe(0);
  return page.evaluate(() => {
    const problems: { text: string; why: string }[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const text = (el: Element) => (el.textContent ?? '').trim();
    const overflows = (el: HTMLElement) => el.scrollWidth > el.clientWidth + 0.5;
    // A box that clips (overflow other than visible) and does not show all of the element across:
    // a table scrolled sideways cuts "Rp261.471" to "Rp261.47" at its right edge.
    const cutBy = (el: HTMLElement): string | null => {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 0.5 || r.left < -0.5) return 'the window';
      for (let a = el.parentElement; a; a = a.parentElement) {
        const overflowX = getComputedStyle(a).overflowX;
        if (overflowX === 'visible') continue;
        const c = a.getBoundingClientRect();
        if (r.left < c.left - 0.5 || r.right > c.right + 0.5)
          return `${a.className || a.tagName} (${Math.round(c.left)}–${Math.round(c.right)} shows ${Math.round(r.left)}–${Math.round(r.right)})`;
      }
      return null;
    };
    const money = [...document.querySelectorAll<HTMLElement>('.money')].filter((el) => visible(el) && text(el) !== '');
    for (const el of money) {
      if (overflows(el)) problems.push({ text: text(el), why: 'money element narrower than its figure' });
      const cell = el.closest<HTMLElement>('.cell');
      if (cell && overflows(cell)) problems.push({ text: text(el), why: `table cell ${cell.clientWidth}px < ${cell.scrollWidth}px` });
      const cut = cutBy(el);
      if (cut) problems.push({ text: text(el), why: `cut by ${cut}` });
    }
    // Buttons (and status tags) in table rows: the label fits the button and the button lies within what is shown of
    // its table (not under another column, not past the scrolled edge).
    const buttons = [...document.querySelectorAll<HTMLElement>('.el-table__body .el-button, .el-table__body a, .el-table__body .el-tag')].filter(
      (el) => visible(el) && text(el) !== '',
    );
    for (const el of buttons) {
      if (overflows(el)) problems.push({ text: text(el), why: `button ${el.clientWidth}px < ${el.scrollWidth}px` });
      const cell = el.closest<HTMLElement>('.cell');
      if (cell && overflows(cell)) problems.push({ text: text(el), why: `button's cell ${cell.clientWidth}px < ${cell.scrollWidth}px` });
      const cut = cutBy(el);
      if (cut) problems.push({ text: text(el), why: `cut by ${cut}` });
      const td = el.closest<HTMLElement>('td');
      const b = el.getBoundingClientRect();
      if (td) {
        const c = td.getBoundingClientRect();
        if (b.left < c.left - 0.5 || b.right > c.right + 0.5) problems.push({ text: text(el), why: 'button wider than its column' });
      }
      // What is on top at the button's left and right edges must be the button itself (rows
      // below the window's bottom are left out: elementFromPoint sees only the window).
      const y = b.top + b.height / 2;
      if (y < 0 || y > window.innerHeight) continue;
      for (const x of [b.left + 2, b.right - 2]) {
        const top = document.elementFromPoint(x, y);
        if (!top || !(el === top || el.contains(top))) {
          problems.push({ text: text(el), why: `covered at x=${Math.round(x)} by ${top ? top.className || top.tagName : 'nothing (off screen)'}` });
          break;
        }
      }
    }
    // And no table scrolls sideways: a column out of sight (or under a fixed action column) is
    // a figure the clerk does not see.
    for (const table of document.querySelectorAll<HTMLElement>('.el-table')) {
      const wrap = table.querySelector<HTMLElement>('.el-table__body-wrapper .el-scrollbar__wrap');
      if (wrap && visible(wrap) && overflows(wrap)) {
        const id = table.dataset.testid ?? table.closest<HTMLElement>('[data-testid]')?.dataset.testid ?? '?';
        problems.push({ text: id, why: `table scrolls sideways: ${wrap.clientWidth}px shows ${wrap.scrollWidth}px` });
      }
    }
    return { money: money.length, buttons: buttons.length, problems };
  });
}

/** Scrolls the page so the first rows of each table are on screen (elementFromPoint sees only the viewport). */
async function showTable(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
}

async function setLanguage(page: Page, lang: 'id' | 'en'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('gerbang.locale', l), lang);
  await page.reload();
  await page.getByTestId('nav-home').waitFor();
}

describe('nothing is clipped at 1366 × 768 (issue 18, item 9)', () => {
  let app: AppUnderTest;
  let tagihanId = 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-layout-'));

  beforeAll(async () => {
    app = await startApp({ today: '2026-11-23' });
    const h = app.runtime.handlers;
    ok(await invoke(h, 'app.loadDemo', {}));
    const bank = ok(await invoke(h, 'banks.list', {}))[0]!;
    const set = plantClaim(app.runtime.db, bank.id, '2026-10', { each: 1 });
    const file = path.join(dir, 'tagihan.csv');
    fs.writeFileSync(file, await writeClaimFile(set, 'csv-koma'));
    tagihanId = (await importFileFromPath(h, { file, jenis: 'tagihan', bankId: bank.id })).commit!.tagihanId!;
    ok(await invoke(h, 'claims.reconcile', { tagihanId, versi: ok(await invoke(h, 'claims.get', { tagihanId })).claim.versi }));
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.page.reload();
    await app.page.getByTestId('nav-home').waitFor();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const lang of ['id', 'en'] as const) {
    describe(lang === 'id' ? 'in Indonesian' : 'in English', () => {
      beforeAll(async () => {
        await setLanguage(app.page, lang);
      });

      it('the subsidy run shows every line’s amount whole', async () => {
        const { page } = app;
        await page.getByTestId('nav-subsidy').click();
        await page.getByTestId('subsidy-bank').locator('.el-select').click();
        await page.locator('.el-select-dropdown__item:visible').first().click();
        await expect.poll(() => page.getByTestId('subsidy-run').isEnabled()).toBe(true);
        await page.getByTestId('subsidy-run').click();
        await page.getByTestId('filter-eligible').click();
        await expect.poll(async () => page.getByTestId('subsidy-table').locator('.money').count()).toBeGreaterThan(10);
        if (lang === 'id') await screenshot(page, 'layout-1366-subsidy-run');
        expect((await clipped(page)).problems).toEqual([]);
        await showTable(page, 'subsidy-table');
        const r = await clipped(page);
        expect(r.problems).toEqual([]);
      });

      it('the claim detail shows its totals, its lines’ amounts and the decision buttons whole', async () => {
        const { page } = app;
        await page.goto(`${app.url}/#/tagihan/${tagihanId}`);
        await expect.poll(async () => page.getByTestId('lines-table').locator('.el-table__body button').count()).toBeGreaterThan(5);
        if (lang === 'id') await screenshot(page, 'layout-1366-claim-detail');
        expect((await clipped(page)).problems).toEqual([]);
        await showTable(page, 'lines-table');
        const r = await clipped(page);
        expect(r.problems).toEqual([]);
      });

      it('the loans list shows the plafon and its actions whole', async () => {
        const { page } = app;
        await page.getByTestId('nav-loans').click();
        await page.getByTestId('loan-table').waitFor();
        await expect.poll(async () => page.getByTestId('loan-table').locator('.money').count()).toBeGreaterThan(10);
        const r = await clipped(page);
        expect(r.buttons).toBeGreaterThan(5);
        if (lang === 'id') await screenshot(page, 'layout-1366-loans');
        expect(r.problems).toEqual([]);
      });

      it('the debtors list shows its action buttons whole', async () => {
        const { page } = app;
        await page.getByTestId('nav-debtors').click();
        await expect.poll(async () => page.getByTestId('debtor-table').locator('.el-table__body button').count()).toBeGreaterThan(5);
        expect((await clipped(page)).problems).toEqual([]);
      });

      it('the users list shows its action buttons whole', async () => {
        const { page } = app;
        await page.getByTestId('nav-users').click();
        await expect.poll(async () => page.getByTestId('user-table').locator('.el-table__body button').count()).toBeGreaterThan(0);
        expect((await clipped(page)).problems).toEqual([]);
      });
    });
  }
});
