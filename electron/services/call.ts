/**
 * A channel's call once its input schema and handler are known: validate, run, and turn every
 * outcome into a typed Result (nothing thrown across the boundary). Apart from ./dispatch.ts,
 * which looks the channel up in the whole contract, so a job's worker can call its one channel
 * with that channel's schema only, without loading every feature's schemas (docs/performance-history.md,
 * "Fourth round: worker starts").
 */
import { z } from 'zod';
import type { Result } from '../contract';
import { isBusyError } from '../../database/connection';
import { ServiceError } from './errors';

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

/** Validates `rawInput` with `input` and runs `handler` on it; `channel` names the call in the log. */
export async function callChannel(channel: string, input: z.ZodType, handler: (input: unknown) => Promise<unknown>, rawInput: unknown): Promise<Result<unknown>> {
  const parsed = input.safeParse(rawInput ?? undefined);
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  try {
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
