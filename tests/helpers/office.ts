/**
 * The office server as a real child process (`npm run server`'s entry under tsx) on a temporary
 * database, for the office-network tests: started, killed, restarted on the same port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Result } from '../../electron/contract';

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
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron', 'office', 'server-cli.ts'), '--db', databasePath, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, GERBANG_DB: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
