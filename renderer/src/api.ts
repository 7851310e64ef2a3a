/**
 * The renderer's only door out. Inside Electron it goes through the preload's IPC function;
 * in a plain browser (end-to-end tests, or a second office PC) through the HTTP bridge.
 * Both carry the same typed contract.
 */
import type { AppError, Channel, InputOf, OutputOf, Result } from '@contract';

/** A failed call, carrying the main process's Indonesian message and per-field messages. */
export class ApiError extends Error {
  readonly code: AppError['code'];
  readonly fields: Record<string, string>;

  constructor(error: AppError) {
    super(error.message);
    this.code = error.code;
    this.fields = error.fields ?? {};
  }
}

async function transport(channel: string, input: unknown): Promise<Result<unknown>> {
  if (window.gerbang) return (await window.gerbang.invoke(channel, input)) as Result<unknown>;
  const res = await fetch(`./api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
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
  if (!result.ok) throw new ApiError(result.error);
  return result.value as OutputOf<C>;
}
