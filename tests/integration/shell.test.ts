import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

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
  calls: { fromPage: { ok: boolean; value?: { databasePath: string; firstRun: boolean } }; fromStranger: { ok: boolean; error?: { code: string } } };
}

function startShell(userData: string): Report {
  const reportFile = path.join(dir, `report-${path.basename(userData)}.json`);
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['--require', path.join(ROOT, 'tests', 'fixtures', 'electron-stub.cjs'), path.join(ROOT, 'electron', 'main.ts')], {
    env: { ...process.env, STUB_USER_DATA: userData, STUB_REPORT: reportFile, GERBANG_DB: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
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
    expect(report.loaded[0]).toMatch(/dist[\\/]renderer[\\/]index\.html$/);
    expect(report.ipc).toEqual({ 'gerbang:api': true });
    expect(report.calls.fromPage.ok).toBe(true);
    expect(report.calls.fromPage.value!.databasePath).toBe(path.join(userData, 'gerbang-serasan.sqlite'));
    expect(report.calls.fromPage.value!.firstRun).toBe(true);
    expect(report.calls.fromStranger).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
