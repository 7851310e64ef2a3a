/** Pieces every part of the contract uses: results, errors, and common field schemas. */
import { z } from 'zod';

// ---------------------------------------------------------------------------
// Results and errors
// ---------------------------------------------------------------------------

/**
 * UNAUTHENTICATED: no (or an expired) session; FORBIDDEN: signed in, but the role may not do this.
 * OFFLINE: a client PC cannot reach the office server (the call did not reach it, or its answer was lost).
 */
export type ErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'INTERNAL' | 'OFFLINE';

export interface AppError {
  code: ErrorCode;
  /** A sentence a clerk understands, in Indonesian. */
  message: string;
  /** Per-field messages (field name as in the input), for highlighting a form. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

// ---------------------------------------------------------------------------
// Field schemas shared by several channels
// ---------------------------------------------------------------------------

export const id = z.number().int().positive();

/** Optional free text: trimmed, empty becomes null so the database never stores ''. */
export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, `Paling banyak ${max} karakter`)
    .nullish()
    .transform((v) => (v ? v : null));

export const requiredText = (label: string, max = 200) =>
  z.string({ error: `${label} wajib diisi` }).trim().min(1, `${label} wajib diisi`).max(max, `${label} paling banyak ${max} karakter`);

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
}

export const setActiveInput = z.object({ id, aktif: z.boolean() });

/** Marks a channel's output type; the value is never used at run time. */
export const returns = <T>() => undefined as unknown as T;
