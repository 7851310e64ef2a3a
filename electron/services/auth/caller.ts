import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../../contract';

/**
 * Who is making the current call. Transports that face the renderer (IPC, HTTP bridge) run each
 * call as the signed-in session's user; trusted callers on the machine itself (the CLI, tests)
 * run as the 'sistem' caller, which has every right and is named in the audit trail as itself.
 */
export interface Caller {
  userId: number | null;
  username: string;
  role: Role | 'sistem';
  bankId: number | null;
  /** The session token the call came with (null for trusted callers). */
  token: string | null;
}

const storage = new AsyncLocalStorage<Caller>();

/** Runs `fn` (and everything it awaits) as `caller`. */
export function runAs<T>(caller: Caller, fn: () => T): T {
  return storage.run(caller, fn);
}

/** The caller of the call in progress, if it came through a session. */
export function currentCaller(): Caller | undefined {
  return storage.getStore();
}

const origins = new AsyncLocalStorage<string>();

/**
 * Where the call in progress comes from, as the transport names it: 'ipc:<window id>' for the
 * Electron window, 'http:<address>' for the HTTP bridge, 'lokal' for the CLI and tests. Sign-in
 * delays are counted per origin (auth/throttle.ts).
 */
export function runFrom<T>(origin: string, fn: () => T): T {
  return origins.run(origin, fn);
}

export function currentOrigin(): string {
  return origins.getStore() ?? 'lokal';
}

/**
 * What sign-in delays count: the transport and the address, without the PC name a server-mode
 * client adds after a space ('https:10.0.0.5 (PC-KASI)' → 'https:10.0.0.5'); the name is the
 * client's own claim and would let a guesser start afresh under another one.
 */
export function originKey(origin: string): string {
  const space = origin.indexOf(' ');
  return space < 0 ? origin : origin.slice(0, space);
}
