import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { loadMigrations, migrate } from '../../database/migrate';
import { loadOrCreateIdentity } from '../../electron/office/certificate';
import { pendingMigrations, SLOW_CHECK_ABOVE_BYTES } from '../../electron/services/startup/migrations';

// The Electron binary is not needed here: the shell runs under Node against a recording stand-in
// for the 'electron' module, which proves its wiring (database location, window security
// settings, the IPC channel and its sender check) without a display.
const ROOT = path.resolve(__dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-shell-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Report {
  windows: { webPreferences: Record<string, unknown> }[];
  loaded: string[];
  ipc: Record<string, boolean>;
  errors: string[];
  singleInstance: boolean;
  menu: boolean;
  calls: {
    fromPage: { ok: boolean; value?: { databasePath: string; firstRun: boolean } };
    fromStranger: { ok: boolean; error?: { code: string } };
    fromShare: { ok: boolean; error?: { code: string } };
    fromMalformed: { ok: boolean; error?: { code: string } };
  };
  schemes: { scheme: string; privileges: Record<string, boolean> }[];
  protocols: string[];
  permission: boolean | null;
  permissionCheck: boolean | null;
  contentsEvents: string[];
  refused: Record<string, boolean>;
  windowOpen: Record<string, { action: string }>;
  opened?: string[];
  served: { index?: number; indexType?: string; outside?: number };
  destroyed?: number[];
}

function startShell(userData: string, env: Record<string, string> = {}): Report {
  const reportFile = path.join(dir, `report-${path.basename(userData)}.json`);
  const r = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['--require', path.join(ROOT, 'tests', 'fixtures', 'electron-stub.cjs'), path.join(ROOT, 'electron', 'main.ts')],
    {
      env: { ...process.env, STUB_USER_DATA: userData, STUB_REPORT: reportFile, GERBANG_DB: '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (!fs.existsSync(reportFile)) throw new Error(`shell did not report: ${r.stderr}`);
  return JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report;
}

describe('the Electron shell, under a stand-in', () => {
  it('opens the database in the user data folder and one locked-down window', () => {
    const userData = path.join(dir, 'userdata');
    const report = startShell(userData);
    expect(report.errors).toEqual([]);
    expect(report.singleInstance).toBe(true);
    expect(fs.existsSync(path.join(userData, 'gerbang-serasan.sqlite'))).toBe(true);
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0]!.webPreferences).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true });
    expect(String(report.windows[0]!.webPreferences.preload)).toMatch(/preload\.(js|ts)$/);
    expect(report.loaded[0]).toBe('app://gerbang/index.html');
    expect(report.ipc).toEqual({ 'gerbang:api': true });
    expect(report.calls.fromPage.ok).toBe(true);
    expect(report.calls.fromPage.value!.databasePath).toBe(path.join(userData, 'gerbang-serasan.sqlite'));
    expect(report.calls.fromPage.value!.firstRun).toBe(true);
    expect(report.calls.fromStranger).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('serves the renderer from app:// only, and refuses navigation, permissions and windows it did not ask for', () => {
    const report = startShell(path.join(dir, 'userdata-hardened'));
    expect(report.errors).toEqual([]);
    expect(report.windows[0]!.webPreferences).toMatchObject({ devTools: true, webSecurity: true });
    expect(report.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(report.protocols).toEqual(['app']);
    // A page from a network share, or an address that does not parse, gets no API.
    expect(report.calls.fromShare).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(report.calls.fromMalformed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(report.permission).toBe(false);
    expect(report.permissionCheck).toBe(false);
    expect(report.contentsEvents).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    expect(report.refused).toEqual({
      navigateAway: true,
      navigateShare: true,
      navigateMalformed: true,
      navigateOwn: false,
      redirectAway: true,
      frameAway: true,
      frameSrcdoc: false,
      webview: true,
    });
    expect(report.windowOpen).toEqual({ allowed: { action: 'deny' }, other: { action: 'deny' } });
    expect(report.opened).toEqual(['https://muaraenimkab.go.id/']);
    expect(report.served.index).toBe(fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html')) ? 200 : 404);
    if (report.served.index === 200) expect(report.served.indexType).toBe('text/html; charset=utf-8');
    expect(report.served.outside).toBe(404);
  });

  it('in client mode (kantor.json) opens no database of its own and forwards the window’s calls to the office server', async () => {
    const userData = path.join(dir, 'userdata-klien');
    // A real certificate to pin, for a server that is not running: the window's call is refused as offline.
    const identity = await loadOrCreateIdentity(path.join(dir, 'server-mati'));
    fs.mkdirSync(userData, { recursive: true });
    fs.writeFileSync(
      path.join(userData, 'kantor.json'),
      JSON.stringify({ mode: 'klien', port: 7443, server: { alamat: '127.0.0.1', port: 9, sertifikat: identity.cert, sidikJari: identity.fingerprint } }),
    );
    const report = startShell(userData);
    expect(report.errors).toEqual([]);
    expect(fs.existsSync(path.join(userData, 'gerbang-serasan.sqlite'))).toBe(false);
    expect(report.calls.fromPage).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    // The sender check still comes first.
    expect(report.calls.fromStranger).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('after an update with pending migrations, shows a small "Memperbarui basis data…" window while a worker migrates, then the app', () => {
    const userData = path.join(dir, 'userdata-pembaruan');
    fs.mkdirSync(userData, { recursive: true });
    const file = path.join(userData, 'gerbang-serasan.sqlite');
    // The file as the version before debtor_search (a migration that fills an index) left it.
    const all = loadMigrations();
    const older = new BetterSqlite3(file);
    migrate(
      older,
      all.slice(
        0,
        all.findIndex((m) => m.name === 'debtor_search'),
      ),
    );
    older.close();
    expect(pendingMigrations(file)?.names).toContain('debtor_search');

    for (const [locale, title, step] of [
      ['id', 'Memperbarui basis data…', /Langkah 1 dari \d+/],
      ['en-US', 'Updating the database…', /Step 1 of \d+/],
    ] as const) {
      if (locale === 'en-US') {
        // Back to the older file for the second start.
        fs.rmSync(file);
        const again = new BetterSqlite3(file);
        migrate(
          again,
          all.slice(
            0,
            all.findIndex((m) => m.name === 'debtor_search'),
          ),
        );
        again.close();
      }
      const report = startShell(userData, { STUB_LOCALE: locale });
      expect(report.errors).toEqual([]);
      // The start-up window first: locked down, no script, not closable; then the app's window.
      expect(report.windows).toHaveLength(2);
      expect(report.windows[0]!.webPreferences).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, javascript: false });
      expect(report.windows[0]).toMatchObject({ closable: false, width: 520 });
      const pages = report.loaded.slice(0, -1).map((url) => decodeURIComponent(url.replace(/^data:text\/html;charset=utf-8,/, '')));
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(pages.every((p) => p.includes(`<h1>${title}</h1>`))).toBe(true);
      expect(pages.some((p) => step.test(p))).toBe(true);
      expect(report.loaded.at(-1)).toBe('app://gerbang/index.html');
      // Closed once the app's window exists (closing the last window would quit the app).
      expect(report.destroyed).toEqual([0]);
      expect(pendingMigrations(file)).toBeNull();
      expect(report.calls.fromPage.ok).toBe(true);
    }
    // The next start has nothing to migrate: no start-up window.
    const later = startShell(userData);
    expect(later.windows).toHaveLength(1);
    expect(later.destroyed).toBeUndefined();
  });

  it('a big file (its check takes seconds) shows a "Memeriksa basis data…" window at every start while a worker checks it', () => {
    const userData = path.join(dir, 'userdata-besar');
    fs.mkdirSync(userData, { recursive: true });
    const file = path.join(userData, 'gerbang-serasan.sqlite');
    // An up-to-date file made bigger than SLOW_CHECK_ABOVE_BYTES by a table of filler.
    const db = new BetterSqlite3(file);
    migrate(db, loadMigrations());
    db.exec(`CREATE TABLE pengisi (isi BLOB); INSERT INTO pengisi VALUES (zeroblob(${SLOW_CHECK_ABOVE_BYTES + 1024 * 1024}))`);
    db.close();
    expect(pendingMigrations(file)).toBeNull();
    for (let start = 0; start < 2; start++) {
      const report = startShell(userData);
      expect(report.errors).toEqual([]);
      expect(report.windows).toHaveLength(2);
      const pages = report.loaded.slice(0, -1).map((url) => decodeURIComponent(url.replace(/^data:text\/html;charset=utf-8,/, '')));
      expect(pages.every((p) => p.includes('<h1>Memeriksa basis data…</h1>'))).toBe(true);
      expect(pages.some((p) => p.includes('Memeriksa berkas basis data…'))).toBe(true);
      expect(report.loaded.at(-1)).toBe('app://gerbang/index.html');
      expect(report.destroyed).toEqual([0]);
      expect(report.calls.fromPage.ok).toBe(true);
    }
  });
});
