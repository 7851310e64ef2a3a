/**
 * Issue 14 end to end: three PCs of one office on loopback. The office server is the headless
 * `npm run server` process over a temporary database (TLS); two client PCs are each the app's
 * main-process switchboard (electron/office/switchboard.ts, as the Electron shell wires it) behind
 * its own loopback bridge with the built renderer, driven by its own Chromium context. Each
 * client connects from its own loopback address, as two PCs on a LAN. A third app in server mode
 * shows the Pengaturan screen an admin sees on the server PC.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/http';
import { createRuntime } from '../../electron/runtime';
import { invoke } from '../../electron/services/dispatch';
import { createSwitchboard, type Switchboard } from '../../electron/office/switchboard';
import { ADMIN, OPERATOR, VERIFIER, ok, prepareDatabase, startServerProcess, type ServerProcess } from '../helpers/office';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR, ensureRendererBuilt, screenshot, signInAs } from './harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-kantor-'));
const dbFile = path.join(dir, 'server', 'gerbang-serasan.sqlite');

interface Pc {
  board: Switchboard;
  bridge: Bridge;
  page: Page;
  problems: string[];
}

let browser: Browser;
let server: ServerProcess;
const pcs: Pc[] = [];

/** A client PC: its own data folder (kantor.json, an unused local database), switchboard and window. */
async function startPc(name: string, localAddress: string): Promise<Pc> {
  const dataDir = path.join(dir, name);
  const databasePath = path.join(dataDir, 'gerbang-serasan.sqlite');
  const board = await createSwitchboard({
    dataDir,
    databasePath,
    openRuntime: () => createRuntime({ databasePath, today: () => '2025-03-10' }),
    pcName: name,
    localAddress,
    heartbeatMs: 500,
  });
  const bridge = await startBridge({ call: board.call, staticDir: RENDERER_DIR });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
  await context.clock.install({ time: new Date('2025-03-10T09:00:00') });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}${process.env.GS_STACK ? ` ${err.stack}` : ''}`));
  await page.goto(bridge.url);
  const pc = { board, bridge, page, problems };
  pcs.push(pc);
  return pc;
}

/** The first connection from the sign-in screen: address typed, certificate checked, then confirmed. */
async function connect(page: Page, how: { fingerprint: string } | { pairingCode: string }): Promise<void> {
  await page.getByTestId('office-connect-open').click();
  await page.getByTestId('office-address').fill('127.0.0.1');
  await page.getByTestId('office-connect-port').locator('input').fill(String(server.port));
  await page.getByTestId('office-check').click();
  await expect.poll(() => page.getByTestId('office-probed-fingerprint').innerText()).toBe(server.sidikJari);
  if ('fingerprint' in how) {
    await screenshot(page, 'office-connect-dialog');
    // The clerk compares what the dialog shows with the server's screen, and says so.
    expect(await page.getByTestId('office-probed-fingerprint').innerText()).toBe(how.fingerprint);
    await page.getByTestId('office-confirm-fingerprint').click();
  } else {
    await page.getByTestId('office-pairing-input').fill(how.pairingCode.toLowerCase().replace(/-/g, ' '));
  }
  await page.getByTestId('office-connect').click();
  await expect.poll(() => page.getByTestId('office-connection').getAttribute('data-online')).toBe('ya');
}

async function choose(page: Page, selectTestId: string, option: string, typed?: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  if (typed) await page.keyboard.type(typed);
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

async function typeDate(page: Page, formItemTestId: string, date: string): Promise<void> {
  const input = page.getByTestId(formItemTestId).locator('input');
  await input.fill(date);
  await input.press('Tab');
}

/** A port free right now, for the in-app server (the setting takes a fixed port, as a clerk types it). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('the office network in Chromium: one server, two client PCs', () => {
  let operatorPc: Pc;
  let verifierPc: Pc;

  beforeAll(async () => {
    await ensureRendererBuilt();
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
    await prepareDatabase(dbFile);
    server = await startServerProcess(dbFile);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    operatorPc = await startPc('PC-OPERATOR', '127.0.0.2');
    verifierPc = await startPc('PC-VERIFIKATOR', '127.0.0.3');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const pc of pcs) {
      await pc.bridge.close();
      await pc.board.close();
    }
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('each client connects once: one by comparing the fingerprint, the other by the pairing code; then the same sign-in screen', async () => {
    await connect(operatorPc.page, { fingerprint: server.sidikJari });
    await connect(verifierPc.page, { pairingCode: server.kodePairing });
    // Client mode is kept, with the certificate pinned (kantor.json), and no local database is used for data.
    expect(operatorPc.board.status()).toMatchObject({ mode: 'klien', klien: { alamat: '127.0.0.1', port: server.port, sidikJari: server.sidikJari } });
    expect(operatorPc.board.runtime()).toBeNull();
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'PC-OPERATOR', 'kantor.json'), 'utf8')) as { server: { sidikJari: string } };
    expect(saved.server.sidikJari).toBe(server.sidikJari);
    await screenshot(operatorPc.page, 'office-login-connected');
  });

  it('four-eyes across PCs: the operator enters a loan on one PC, the verifier approves it on the other, and the trail names both PCs', async () => {
    const a = operatorPc.page;
    const b = verifierPc.page;
    await signInAs(a, OPERATOR);
    await signInAs(b, VERIFIER);
    await expect.poll(() => a.getByTestId('office-connection').innerText()).toContain('Terhubung ke server kantor');

    await a.getByTestId('nav-loans').click();
    await a.getByTestId('loan-add').click();
    await choose(a, 'loan-debitur', 'Siti Aminah', 'Siti');
    await choose(a, 'loan-bank', 'Bank Sumsel Babel');
    await choose(a, 'loan-skema', 'GS-2025');
    await a.getByTestId('loan-rekening').fill('0012300045');
    await a.getByTestId('loan-akad').fill('AK/001/2025');
    await typeDate(a, 'loan-tanggal-akad', '10/01/2025');
    await a.getByTestId('loan-plafon').fill('12000000');
    await a.getByTestId('loan-tenor').locator('input').fill('12');
    await typeDate(a, 'loan-angsuran-pertama', '15/02/2025');
    await a.getByTestId('loan-save').click();
    await expect.poll(() => a.getByTestId('loan-table').innerText()).toContain('0012300045');

    // The verifier, on the other PC, sees it at once (one database) and approves it.
    await b.getByTestId('nav-loans').click();
    await expect.poll(() => b.getByTestId('loan-table').innerText()).toContain('0012300045');
    await b.getByTestId('loan-table').getByText('0012300045').dblclick();
    await expect.poll(() => b.getByTestId('loan-status').innerText()).toBe('Diajukan');
    await b.getByTestId('loan-action-disetujui').click();
    await typeDate(b, 'transition-tanggal', '12/01/2025');
    await b.getByTestId('transition-save').click();
    await expect.poll(() => b.getByTestId('loan-status').innerText()).toBe('Disetujui');

    await b.getByTestId('loan-history').click();
    await expect.poll(() => b.getByTestId('audit-table').innerText()).toContain('budi');
    const origins = await b.getByTestId('audit-asal').allInnerTexts();
    expect(origins).toEqual(expect.arrayContaining(['https:127.0.0.2 (PC-OPERATOR)', 'https:127.0.0.3 (PC-VERIFIKATOR)']));
    await screenshot(b, 'office-audit-two-pcs');
  });

  it('the server killed: every client shows it is offline and refuses work with a clear message; after the restart both are online again', async () => {
    const a = operatorPc.page;
    await a.getByTestId('nav-home').click();
    await server.kill();
    for (const pc of [operatorPc, verifierPc]) {
      await expect.poll(() => pc.page.getByTestId('office-connection').getAttribute('data-online'), { timeout: 20_000 }).toBe('tidak');
    }
    expect(await a.getByTestId('office-connection').innerText()).toContain('Tidak terhubung ke server kantor');
    await screenshot(a, 'office-header-offline');
    // A call while offline is refused with the typed error (as the renderer receives it).
    const refused = (await a.evaluate(() => fetch('./api/banks.list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.json()))) as {
      ok: boolean;
      error?: { code: string; message: string };
    };
    expect(refused).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(refused.error!.message).toContain('Tidak terhubung ke server kantor');

    server = await startServerProcess(dbFile, server.port);
    for (const pc of [operatorPc, verifierPc]) {
      await expect.poll(() => pc.page.getByTestId('office-connection').getAttribute('data-online'), { timeout: 20_000 }).toBe('ya');
    }
    await screenshot(a, 'office-header-online');
    // The restart signed everybody out (sessions live in the server's memory): sign in again, work on.
    await a.getByTestId('nav-loans').click();
    await a.getByTestId('login-username').waitFor();
    await signInAs(a, OPERATOR);
    await a.getByTestId('nav-loans').click();
    await expect.poll(() => a.getByTestId('loan-table').innerText()).toContain('0012300045');
    expect([...operatorPc.problems, ...verifierPc.problems]).toEqual([]);
  }, 90_000);

  it('on the server PC, Pengaturan turns server mode on and shows the port, addresses, fingerprint and pairing code', async () => {
    const dataDir = path.join(dir, 'PC-SERVER-APP');
    const databasePath = path.join(dataDir, 'gerbang-serasan.sqlite');
    const rt = createRuntime({ databasePath, today: () => '2025-03-10' });
    const created = ok(await invoke(rt.handlers, 'users.save', { username: ADMIN.username, nama: 'Kepala Sekretariat', peran: 'admin', passwordAwal: ADMIN.password }));
    rt.db.prepare('UPDATE pengguna SET wajib_ganti_sandi = 0 WHERE id = ?').run(created.id);
    ok(await invoke(rt.handlers, 'app.startEmpty', {}));
    ok(await invoke(rt.handlers, 'app.finishSetup', {}));
    rt.close();
    const board = await createSwitchboard({ dataDir, databasePath, openRuntime: () => createRuntime({ databasePath, today: () => '2025-03-10' }), serverHost: '127.0.0.1' });
    const bridge = await startBridge({ call: board.call, staticDir: RENDERER_DIR });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    pcs.push({ board, bridge, page, problems: [] });
    await page.goto(bridge.url);
    await signInAs(page, ADMIN);
    await page.getByTestId('nav-document-settings').click();
    await page.getByTestId('office-settings').waitFor();
    const port = await freePort();
    await page.getByTestId('office-server-switch').click();
    await page.getByTestId('office-port').locator('input').fill(String(port));
    await page.getByTestId('office-apply').click();
    await expect.poll(() => page.getByTestId('office-pairing-code').innerText()).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const status = board.status();
    expect(status).toMatchObject({ mode: 'server', server: { aktif: true, port } });
    expect(await page.getByTestId('office-fingerprint').innerText()).toBe(status.server!.sidikJari);
    expect(await page.getByTestId('office-pairing-code').innerText()).toBe(status.server!.kodePairing);
    await expect.poll(() => page.getByTestId('office-connection').innerText()).toBe(`Server kantor · port ${port}`);
    // The certificate lives next to the database, the key owner-only.
    expect(fs.statSync(path.join(dataDir, 'kantor-tls.key')).mode & 0o077).toBe(0);
    // Nothing clipped at 1366 × 768: the settings card fits the page's width.
    const card = await page.getByTestId('office-settings').boundingBox();
    expect(card!.x + card!.width).toBeLessThanOrEqual(1366);
    await screenshot(page, 'office-server-settings');
  }, 60_000);
});
