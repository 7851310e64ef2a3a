/**
 * The refusal wired at start: the runtime (used by the app's shell and the headless server) and
 * the CLI refuse a database path on a share before touching it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../electron/runtime';

const ROOT = path.resolve(__dirname, '..', '..');
const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SHARE = '//server-kantor/bersama/gerbang-serasan.sqlite';

describe('a database on a network share, at start', () => {
  it('the runtime refuses it with the advice to use server mode', () => {
    expect(() => createRuntime({ databasePath: SHARE })).toThrow(/berada di folder jaringan \(jalur UNC\).*Mode server kantor/);
  });

  it('the CLI and the headless server refuse it and exit with an error', () => {
    const cli = spawnSync(tsx, [path.join(ROOT, 'electron', 'cli.ts'), 'info', '--db', SHARE], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, GERBANG_DB: '' },
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('berada di folder jaringan');
    const server = spawnSync(tsx, [path.join(ROOT, 'electron', 'office', 'server-cli.ts'), '--db', SHARE, '--port', '0'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, GERBANG_DB: '' },
    });
    expect(server.status).toBe(1);
    expect(server.stderr).toContain('Basis data tidak dapat dibuka: Berkas basis data //server-kantor/bersama/gerbang-serasan.sqlite berada di folder jaringan');
  });
});
