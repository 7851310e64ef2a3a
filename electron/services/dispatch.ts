import { z } from 'zod';
import { contract, type Channel, type InputOf, type OutputOf, type Result } from '../contract';
import { isBusyError } from '../../database/connection';
import { ServiceError } from './errors';
import type { Handlers } from './index';

/** The message of the tutup-buku triggers in database/migrations/0007_month_close.sql. */
const CLOSED_MONTH_TRIGGER = 'Periode sudah ditutup (tutup buku)';

/**
 * The messages of the four-eyes and payment triggers (migrations 0014, 0015), already in
 * Indonesian: when the database refuses what no service check caught, the clerk reads why.
 */
const REFUSAL_TRIGGERS: readonly { prefix: string; code: 'FORBIDDEN' | 'CONFLICT' }[] = [
  { prefix: 'Prinsip empat mata:', code: 'FORBIDDEN' },
  { prefix: 'Premi hanya dapat dibayar setelah tagihan penjamin dicatat', code: 'CONFLICT' },
  { prefix: 'Tagihan premi sudah dicatat; tidak dapat ditimpa', code: 'CONFLICT' },
];

export const BUSY_MESSAGE =
  'Basis data sedang dipakai proses lain (misalnya aplikasi kedua pada berkas yang sama, impor, atau pencadangan). Tidak ada yang diubah; coba lagi sebentar lagi.';

// Generic validation messages (wrong type, too long, …) in Indonesian too.
z.config(z.locales.id());

/**
 * The single entry point both transports (Electron IPC and the HTTP bridge) use: looks the
 * channel up in the contract, validates the input, runs the handler, and turns every
 * outcome into a typed Result. Nothing is thrown across the boundary.
 */
export async function dispatch(handlers: Handlers, channel: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(contract, channel)) {
    return { ok: false, error: { code: 'NOT_FOUND', message: `Perintah tidak dikenal: ${channel}` } };
  }
  const ch = channel as Channel;
  const parsed = contract[ch].input.safeParse(rawInput ?? undefined);
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  try {
    const handler = handlers[ch] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ServiceError) return { ok: false, error: err.toAppError() };
    // A closed month's trigger (migration 0007) stopped a write no service check caught.
    if (err instanceof Error && err.message === CLOSED_MONTH_TRIGGER) {
      return { ok: false, error: { code: 'CONFLICT', message: 'Bulan ini sudah ditutup (tutup buku); tidak ada yang diubah.' } };
    }
    const refusal = err instanceof Error ? REFUSAL_TRIGGERS.find((t) => err.message.startsWith(t.prefix)) : undefined;
    if (refusal) return { ok: false, error: { code: refusal.code, message: `${(err as Error).message}. Tidak ada yang diubah.` } };
    // Another process (a second app window on the same file, the CLI, an import) held the write
    // lock longer than busy_timeout: nothing was written; the clerk tries again.
    if (isBusyError(err)) {
      return { ok: false, error: { code: 'CONFLICT', message: BUSY_MESSAGE } };
    }
    console.error(`[${channel}]`, err);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: 'Terjadi kesalahan di aplikasi; data tidak diubah. Hubungi admin bila berulang.' },
    };
  }
}

export function validationError(error: z.ZodError) {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = Object.values(fields)[0] ?? 'Isian tidak valid';
  return { code: 'VALIDATION' as const, message: `Isian belum benar: ${first}`, fields };
}

/** `dispatch` with the contract's types, for callers that name the channel in code (CLI, tests). */
export function invoke<C extends Channel>(handlers: Handlers, channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  return dispatch(handlers, channel, input) as Promise<Result<OutputOf<C>>>;
}
