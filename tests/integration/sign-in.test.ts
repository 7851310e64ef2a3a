/**
 * Signing in tells nothing about which user names exist, and lets nobody lock an account out.
 * The clock is injected: the delays are stepped through, never waited for.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../electron/contract';
import { createRuntime, type Runtime } from '../../electron/runtime';
import { verifyPassword } from '../../electron/services/auth/password';
import { MAX_DELAY_MS } from '../../electron/services/auth/throttle';
import { call } from '../helpers/runtime';

// The real check, watched: how many scrypt checks each sign-in costs, and against what.
vi.mock('../../electron/services/auth/password', async (orig) => {
  const actual = await orig<typeof import('../../electron/services/auth/password')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

let rt: Runtime;
let dir: string;
let clock = 0;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-signin-'));
  clock = Date.parse('2026-11-23T02:00:00Z');
  rt = createRuntime({ databasePath: path.join(dir, 'db.sqlite'), user: 'uji', today: () => '2026-11-23', now: () => clock });
  await call(rt, 'users.save', { username: 'kepala', nama: 'Kepala', peran: 'admin', passwordAwal: 'Rahasia123' });
  vi.mocked(verifyPassword).mockClear();
});
afterEach(() => {
  rt.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const login = (username: string, password: string, origin = 'ipc:1') =>
  rt.callWithSession(null, 'auth.login', { username, password }, origin) as Promise<Result<{ token: string }>>;

describe('signing in', () => {
  it('answers an unknown name exactly as a wrong password, after the same scrypt check', async () => {
    const answers: Result<unknown>[] = [];
    for (const name of ['kepala', 'tidakada', 'Kepala', 'orang.lain']) answers.push(await login(name, 'salah', `ipc:${name}`));
    for (const a of answers) expect(a).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Nama pengguna atau kata sandi salah.' } });
    // One password check per attempt, known name or not, each against a scrypt hash with the same cost.
    const checked = vi.mocked(verifyPassword).mock.calls.map(([, hash]) => hash.split('$').slice(0, 4).join('$'));
    expect(checked).toEqual(Array(4).fill('scrypt$32768$8$1'));
  });

  it('an inactive account answers as a wrong password too', async () => {
    const rina = await call(rt, 'users.save', { username: 'rina', nama: 'Rina', peran: 'operator', passwordAwal: 'Rahasia123' });
    await call(rt, 'users.setActive', { id: rina.id, aktif: false });
    vi.mocked(verifyPassword).mockClear();
    expect(await login('rina', 'Rahasia123')).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Nama pengguna atau kata sandi salah.' } });
    expect(verifyPassword).toHaveBeenCalledTimes(1);
  });

  it('makes the guessing origin wait longer and longer, up to a ceiling, while the account stays open to others', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 16; i++) {
      const r = await login('kepala', `tebakan${i}`, 'http:10.0.0.9');
      expect(r.ok).toBe(false);
      const refused = await login('kepala', 'Rahasia123', 'http:10.0.0.9');
      const m = !refused.ok ? /Coba lagi dalam (\d+) detik/.exec(refused.error.message) : null;
      const wait = m ? Number(m[1]) : 0;
      waits.push(wait);
      clock += wait * 1000;
    }
    expect(waits.slice(0, 10)).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 64]);
    expect(Math.max(...waits)).toBe(MAX_DELAY_MS / 1000);
    // Refused while waiting: no password was checked for those (16 guesses + the free right answers).
    expect(verifyPassword).toHaveBeenCalledTimes(16 + 3);
    // All the while the real admin signs in from their own window, at once.
    expect((await login('kepala', 'Rahasia123', 'ipc:1')).ok).toBe(true);
    expect(rt.db.prepare("SELECT terkunci_sampai, gagal_masuk FROM pengguna WHERE username = 'kepala'").get()).toEqual({ terkunci_sampai: null, gagal_masuk: 0 });
  });

  it('forgets an origin’s wrong answers after a quiet quarter of an hour', async () => {
    for (let i = 0; i < 5; i++) {
      await login('kepala', 'salah', 'ipc:7');
      clock += 60_000;
    }
    clock += 16 * 60_000;
    expect((await login('kepala', 'Rahasia123', 'ipc:7')).ok).toBe(true);
  });
});
