/**
 * The renderer's only door out. Inside Electron it goes through the preload's IPC function;
 * in a plain browser (end-to-end tests, or a second office PC) through the HTTP bridge.
 * Both carry the same typed contract.
 */
import type { AppError, Channel, InputOf, OfficeChannel, OutputOf, Result } from '@contract';

/** A failed call, carrying the main process's Indonesian message and per-field messages. */
export class ApiError extends Error {
  readonly code: AppError['code'];
  readonly fields: Record<string, string>;
  /** With STALE: who changed the record first (docs/concurrency.md). */
  readonly perubahan: AppError['perubahan'];

  constructor(error: AppError) {
    super(error.message);
    this.code = error.code;
    this.fields = error.fields ?? {};
    this.perubahan = error.perubahan;
  }
}

const TOKEN_KEY = 'gerbang.sesi';

/**
 * The session token from signing in, sent with every call; the main process decides from it who
 * calls and what they may do. Kept in sessionStorage so reloading the window keeps the session
 * while closing the app ends it.
 */
let memoryToken: string | null = null;

export function setSessionToken(token: string | null): void {
  memoryToken = token;
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage unavailable: the session lasts until the window reloads.
  }
}

export function sessionToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

/** Told when the main process says the session has ended, so the app can show the sign-in screen. */
let onSessionEnded: (() => void) | null = null;
export function whenSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

async function transport(channel: string, input: unknown): Promise<Result<unknown>> {
  const token = sessionToken();
  if (window.gerbang) return (await window.gerbang.invoke(channel, input, token)) as Result<unknown>;
  const res = await fetch(`./api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-gerbang-sesi': token } : {}) },
    body: JSON.stringify(input ?? {}),
  });
  if (!res.ok) return { ok: false, error: { code: 'INTERNAL', message: `Server menjawab ${res.status}` } };
  return (await res.json()) as Result<unknown>;
}

/** Calls a channel and returns its value, or throws an ApiError. */
export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  let result: Result<unknown>;
  try {
    result = await transport(channel, input);
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: 'Tidak dapat menghubungi layanan aplikasi' });
  }
  if (!result.ok) {
    if (result.error.code === 'UNAUTHENTICATED' && channel !== 'auth.login') onSessionEnded?.();
    throw new ApiError(result.error);
  }
  return result.value as OutputOf<C>;
}

/**
 * The office network's channels (electron/contract/office.ts): answered by this PC's own main
 * process, never by the office server. Same transport, same errors.
 */
export async function callOffice<T>(channel: OfficeChannel, input: unknown = {}): Promise<T> {
  let result: Result<unknown>;
  try {
    result = await transport(channel, input);
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: 'Tidak dapat menghubungi layanan aplikasi' });
  }
  if (!result.ok) throw new ApiError(result.error);
  return result.value as T;
}
