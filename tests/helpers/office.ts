/**
 * The office server as a real child process (`npm run server`'s entry under tsx) on a temporary
 * database, for the office-network tests: started, killed, restarted on the same port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Result } from '../../electron/contract';
import { createRuntime } from '../../electron/runtime';
import { invoke } from '../../electron/services/dispatch';
import { schemeInput } from './scheme';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ServerProcess {
  port: number;
  sidikJari: string;
  kodePairing: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for the exit (a clean stop). */
  stop: () => Promise<void>;
  /** SIGKILL: the power cut / crash, whatever the server was doing. */
  kill: () => Promise<void>;
}

export function startServerProcess(databasePath: string, port = 0): Promise<ServerProcess> {
  // Node itself with tsx's loader (not the tsx launcher, which runs the server in a grandchild
  // process a SIGKILL to the launcher would leave running).
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'electron', 'office', 'server-cli.ts'), '--db', databasePath, '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      env: { ...process.env, GERBANG_DB: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /^SIAP (.+)$/m.exec(out);
      if (!m) return;
      child.stdout!.off('data', onData);
      const ready = JSON.parse(m[1]!) as { port: number; sidikJari: string; kodePairing: string };
      child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
      const stopWith = (signal: NodeJS.Signals) => async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await exited;
      };
      resolve({ ...ready, child, output: () => out, stop: stopWith('SIGTERM'), kill: stopWith('SIGKILL') });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready:\n${out}`)));
  });
}

export function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

export const OPERATOR = { username: 'sari', password: 'Operator-2026' };
export const VERIFIER = { username: 'budi', password: 'Verifikasi-2026' };
export const ADMIN = { username: 'kepala', password: 'Admin-Serasan-1' };

/** A database with the office's users and the master data a loan needs, written before the server starts. */
export async function prepareDatabase(file: string): Promise<void> {
  const rt = createRuntime({ databasePath: file, user: 'persiapan', today: () => '2025-03-10' });
  const h = rt.handlers;
  for (const [u, peran] of [
    [OPERATOR, 'operator'],
    [VERIFIER, 'verifikator'],
    [ADMIN, 'admin'],
  ] as const) {
    const created = ok(await invoke(h, 'users.save', { username: u.username, nama: u.username, peran, passwordAwal: u.password }));
    // As after their first sign-in: the password is their own.
    rt.db.prepare('UPDATE pengguna SET wajib_ganti_sandi = 0 WHERE id = ?').run(created.id);
  }
  ok(await invoke(h, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [] }));
  const insurer = ok(await invoke(h, 'insurers.save', { kode: 'JAMKRINDO', nama: 'Perum Jamkrindo', jenis: 'penjaminan' }));
  ok(await invoke(h, 'schemes.save', schemeInput(2025, insurer.id, { nama: 'Gerbang Serasan 2025' })));
  ok(await invoke(h, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' }));
  rt.close();
}
