/** Pieces every part of the contract uses: results, errors, and common field schemas. */
import { z } from 'zod';

// ---------------------------------------------------------------------------
// Results and errors
// ---------------------------------------------------------------------------

/**
 * UNAUTHENTICATED: no (or an expired) session; FORBIDDEN: signed in, but the role may not do this;
 * STALE: the record was changed by someone else since it was opened (its version moved on):
 * nothing was written, the screen reloads it (docs/concurrency.md).
 * OFFLINE: a client PC cannot reach the office server (the call did not reach it, or its answer was lost).
 */
export type ErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'STALE' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'INTERNAL' | 'OFFLINE';

/** What a STALE error knows of the change that came first (from the audit trail, when recorded). */
export interface StaleInfo {
  /** The record's version now. */
  versi: number;
  /** Who changed it last, and when (ISO instant); null when the trail does not say. */
  oleh: string | null;
  pada: string | null;
}

export interface AppError {
  code: ErrorCode;
  /** A sentence a clerk understands, in Indonesian. */
  message: string;
  /** Per-field messages (field name as in the input), for highlighting a form. */
  fields?: Record<string, string>;
  /** Only with STALE: who changed the record, and its version now. */
  perubahan?: StaleInfo;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

// ---------------------------------------------------------------------------
// Field schemas shared by several channels
// ---------------------------------------------------------------------------

export const id = z.number().int().positive();

/**
 * A record's version as the renderer received it, sent back with an edit or a decision: the
 * service refuses (STALE) when the record has moved on since (migration record_versions).
 */
export const versi = z.number({ error: 'Versi data wajib dikirim; muat ulang halaman' }).int().positive();

/**
 * The rule of a save form's input that creates (no id) or edits (id): an edit carries the version
 * it was made from. `form.extend({ versi: versi.optional() }).refine(...versionWhenEditing)`; the
 * form schema itself stays as it is for its other users (checks, imports).
 */
export const versionWhenEditing = [
  (v: { id?: number | undefined; versi?: number | undefined }) => v.id === undefined || v.versi !== undefined,
  { message: 'Versi data wajib dikirim saat mengubah; muat ulang halaman', path: ['versi'] as PropertyKey[] },
] as const;

/** Optional free text: trimmed, empty becomes null so the database never stores ''. */
export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, `Paling banyak ${max} karakter`)
    .nullish()
    .transform((v) => (v ? v : null));

export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `${label} wajib diisi` })
    .trim()
    .min(1, `${label} wajib diisi`)
    .max(max, `${label} paling banyak ${max} karakter`);

export const email = optionalText(120).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Alamat email tidak valid');
export const phone = optionalText(30).refine((v) => v === null || /^\+?[0-9 ()-]{6,20}$/.test(v), 'Nomor telepon hanya boleh berisi angka, spasi, +, - dan tanda kurung');

export const listQuery = z.object({
  search: z.string().trim().max(100).optional(),
  includeInactive: z.boolean().optional(),
});

export const pageQuery = listQuery.extend({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
});

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  /**
   * True when `total` is a cap, not a count: more than `total` rows match. A search of 1–2
   * characters (a clerk still typing) matches a good part of a big register, and counting every
   * match reads every row (~0.5 s at 1,000,000 debtors); it is counted up to a cap and the screen
   * says "lebih dari 1.000". Absent or false: `total` is exact.
   */
  totalCapped?: boolean;
}

export const setActiveInput = z.object({ id, aktif: z.boolean() });

/** Marks a channel's output type; the value is never used at run time. */
export const returns = <T>() => undefined as unknown as T;
