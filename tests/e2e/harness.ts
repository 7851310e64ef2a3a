import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { startBridge } from '../../electron/bridge/http';
import { createRuntime, type Runtime } from '../../electron/runtime';
import { invoke } from '../../electron/services/dispatch';
import { nodePrinter } from '../../electron/services/documents/node-printer';
import type { Role } from '../../electron/contract';

/**
 * End-to-end harness: the Vite-built renderer served by the HTTP bridge over a real SQLite
 * file, driven in Debian's Chromium. Everything but the Electron window is the real app.
 */
export const ROOT = path.resolve(__dirname, '..', '..');
export const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
export const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Builds the renderer when dist/renderer is missing (a fresh clone running `npm run bench` or one
 * e2e file), as `npm run build:renderer` does: Vite's own command in a child process. (Vite's API
 * called from inside tsx fails to resolve its own "./modulepreload-polyfill".) Built into a
 * folder of its own and renamed into place, so two test files building at once never read half a build.
 */
export async function ensureRendererBuilt(): Promise<void> {
  if (fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  const tmp = `${RENDERER_DIR}.bouw-${process.pid}`;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn', '--outDir', tmp], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
      fs.rmSync(RENDERER_DIR, { recursive: true, force: true });
      fs.renameSync(tmp, RENDERER_DIR);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export interface AppUnderTest {
  url: string;
  runtime: Runtime;
  databasePath: string;
  browser: Browser;
  page: Page;
  /** Console errors and page errors seen so far (CSP violations show up here). */
  problems: string[];
  close: () => Promise<void>;
}

export async function startApp(opts: { today?: string } = {}): Promise<AppUnderTest> {
  await ensureRendererBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-'));
  const databasePath = path.join(dir, 'gerbang-serasan.sqlite');
  const today = opts.today ?? '2026-11-23';
  // PDFs come from headless Chromium here, as under `npm run serve` (the app uses printToPDF).
  const printer = nodePrinter({ executablePath: CHROMIUM });
  const runtime = createRuntime({ databasePath, user: 'e2e', today: () => today, printer, warmJobWorker: true });
  const bridge = await startBridge({ call: runtime.callWithSession, staticDir: RENDERER_DIR });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'id-ID' });
  // The browser's calendar agrees with the services' "today" (screens offer last month, this year),
  // and time still flows, so Vue's event timestamps and Element Plus's timers behave as in real use.
  await context.clock.install({ time: new Date(`${today}T09:00:00`) });
  const page = await context.newPage();
  // Fail fast: a missing element should fail the test, not wait out the test timeout.
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await page.goto(bridge.url);
  await signIn(runtime, page);
  return {
    url: bridge.url,
    runtime,
    databasePath,
    browser,
    page,
    problems,
    close: async () => {
      await browser.close();
      await bridge.close();
      runtime.close();
      await printer.close?.();
      fs.rmSync(dir, { recursive: true, force: true });
      // A message missing in either language fails the file (renderer/src/i18n reports each as a console error).
      const missing = problems.filter((p) => p.includes('[i18n] missing message'));
      if (missing.length > 0) throw new Error(`Missing translations seen in the browser:\n${[...new Set(missing)].join('\n')}`);
    },
  };
}

/** The clerk the end-to-end tests sign in as: an admin whose password is already their own. */
export const E2E_USER = { username: 'e2e', password: 'Uji-Serasan-2026' } as const;

/** Adds a user who has already chosen their password (as after their first sign-in). */
export async function addUser(runtime: Runtime, user: { username: string; password: string; peran: Role; nama?: string }): Promise<void> {
  const created = await invoke(runtime.handlers, 'users.save', { username: user.username, nama: user.nama ?? user.username, peran: user.peran, passwordAwal: user.password });
  if (!created.ok) throw new Error(created.error.message);
  runtime.db.prepare('UPDATE pengguna SET wajib_ganti_sandi = 0 WHERE id = ?').run(created.value.id);
}

/** Signs in through the sign-in screen, as a clerk does, and waits for the menu. */
export async function signInAs(page: Page, user: { username: string; password: string }): Promise<void> {
  await page.getByTestId('login-username').fill(user.username);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-password').press('Enter');
  await page.getByTestId('nav-home').waitFor();
}

/** Signs out from the top bar and waits for the sign-in screen. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-username').waitFor();
}

async function signIn(runtime: Runtime, page: Page): Promise<void> {
  await addUser(runtime, { ...E2E_USER, peran: 'admin', nama: 'Petugas Uji' });
  await signInAs(page, E2E_USER);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Counts rows straight from the SQLite file, to prove what was (not) written. */
export function count(app: AppUnderTest, table: string): number {
  return (app.runtime.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
