/**
 * (7) The main list screens in Chromium on the large database, to the first rendered row, beside
 * a bare fetch of the same API call from the same page. Same set-up as the end-to-end tests
 * (tests/e2e/harness.ts): the built renderer behind the HTTP bridge, Debian's Chromium.
 */
import { chromium } from 'playwright-core';
import { startBridge } from '../../electron/bridge/http';
import type { Runtime } from '../../electron/runtime';
import { addUser, CHROMIUM, CHROMIUM_ARGS, E2E_USER, ensureRendererBuilt, RENDERER_DIR, signInAs } from '../../tests/e2e/harness';
import type { StepResult } from './bench';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const SCREENS = [
  { no: '7a', name: 'layar Debitur, sampai baris pertama', hash: '#/debitur', table: 'debtor-table', channel: 'debtors.list', input: { page: 1, pageSize: 50 } },
  { no: '7b', name: 'layar Pinjaman, sampai baris pertama', hash: '#/pinjaman', table: 'loan-table', channel: 'loans.list', input: { page: 1, pageSize: 50 } },
] as const;

export async function screenSteps(rt: Runtime, runs: number): Promise<StepResult[]> {
  await ensureRendererBuilt();
  const bridge = await startBridge({ call: rt.callWithSession, staticDir: RENDERER_DIR });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'id-ID' })).newPage();
    page.setDefaultTimeout(60_000);
    await addUser(rt, { ...E2E_USER, peran: 'admin', nama: 'Petugas Bench' });
    await page.goto(bridge.url);
    await signInAs(page, E2E_USER);
    const out: StepResult[] = [];
    for (const s of SCREENS) {
      const screen: number[] = [];
      const bare: number[] = [];
      let peak = 0;
      // One warm-up (chunks loaded, statements prepared), then the measured runs.
      for (let i = 0; i <= runs; i++) {
        // Browser code as strings: this file is type-checked for Node, without the DOM's globals.
        await page.evaluate("location.hash = '#/'");
        await page.getByTestId('nav-home').waitFor();
        const t0 = performance.now();
        await page.evaluate(`location.hash = ${JSON.stringify(s.hash)}`);
        await page.locator(`[data-testid="${s.table}"] tbody tr`).first().waitFor({ state: 'visible' });
        const ms = performance.now() - t0;
        const baseMs = await page.evaluate<number>(`(async () => {
          const token = sessionStorage.getItem('gerbang.sesi') ?? '';
          const t = performance.now();
          const res = await fetch('./api/${s.channel}', { method: 'POST', headers: { 'content-type': 'application/json', 'x-gerbang-sesi': token }, body: ${JSON.stringify(JSON.stringify(s.input))} });
          await res.json();
          return performance.now() - t;
        })()`);
        peak = Math.max(peak, process.memoryUsage().rss / 1024 / 1024);
        if (i > 0) {
          screen.push(ms);
          bare.push(baseMs);
        }
      }
      const ms = median(screen);
      const baseMs = median(bare);
      out.push({
        no: s.no,
        step: s.name,
        medianMs: Math.round(ms * 10) / 10,
        baselineMs: Math.round(baseMs * 10) / 10,
        baseline: `fetch ${s.channel} dari halaman yang sama`,
        ratio: baseMs > 0 ? Math.round((ms / baseMs) * 10) / 10 : null,
        target: '—',
        met: null,
        peakMb: Math.round(peak),
      });
    }
    return out;
  } finally {
    await browser.close();
    await bridge.close();
  }
}
