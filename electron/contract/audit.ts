/** The audit trail: browse and filter it, check that nobody edited it, export it for auditors. */
import { z } from 'zod';
import { id, returns, type Page } from './common';
import { isoDate } from './schemes';

/** One entry of the trail as the renderer sees it. */
export interface AuditRow {
  id: number;
  /** When, as an ISO instant in UTC ('2025-10-27T07:05:03.123Z'); shown in the PC's local time. */
  waktu: string;
  pengguna: string;
  /** Where the change came from: a client PC's address and name on an office server ('https:10.0.0.5 (PC-KASI)'), the window, or null. */
  asal: string | null;
  /** buat, ubah, aktifkan, nonaktifkan, impor, hapus (services may add more). */
  aksi: string;
  /** What kind of record: debitur, pinjaman, skema, posisi_bank, pagu, pengguna, … */
  entitas: string;
  entitasId: number | null;
  /** The record before and after the change (parsed JSON; null when there is none). */
  sebelum: unknown;
  sesudah: unknown;
  /** The chain: this entry's hash and the hash of the entry before it (null only if tampered with). */
  hash: string | null;
  prevHash: string | null;
}

/** The distinct values the filters offer. */
export interface AuditFacets {
  entitas: string[];
  pengguna: string[];
}

/** What `audit.verify` found. */
export interface AuditVerifyResult {
  ok: boolean;
  /** Entries checked (up to the first break when there is one). */
  checked: number;
  /**
   * The first entry where the chain breaks, and why, in Indonesian. `id` is null when the finding
   * is not one entry: the chain's end record or table is gone, or a money record has no trail.
   */
  firstBroken?: { id: number | null; reason: string };
  /** The end of the chain: an auditor may note it and later see that nothing was rewritten since. */
  ujungId: number | null;
  ujungHash: string | null;
}

export interface AuditExport {
  /** CSV text (comma-separated, header row in Indonesian), oldest entry first. */
  csv: string;
  jumlah: number;
}

const auditFilterFields = z.object({
  /** One entry by its number (e.g. the one verify names). */
  id: id.optional(),
  entitas: z.string().trim().max(60).optional(),
  entitasId: id.optional(),
  pengguna: z.string().trim().max(60).optional(),
  aksi: z.string().trim().max(30).optional(),
  /** Calendar days in the PC's local time, both ends included. */
  dari: isoDate('Tanggal awal').optional(),
  sampai: isoDate('Tanggal akhir').optional(),
  /** Matched anywhere in the user, the entity and the before/after data; a number also matches an id. */
  search: z.string().trim().max(100).optional(),
});

const datesInOrder = (f: { dari?: string | undefined; sampai?: string | undefined }) => !f.dari || !f.sampai || f.dari <= f.sampai;
const DATES_IN_ORDER = { message: 'Tanggal akhir tidak boleh sebelum tanggal awal', path: ['sampai'] };

/** Filters shared by the list and the export. */
export const auditFilter = auditFilterFields.refine(datesInOrder, DATES_IN_ORDER);
export type AuditFilter = z.input<typeof auditFilter>;

export const auditListInput = auditFilterFields
  .extend({
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(500).default(50),
  })
  .refine(datesInOrder, DATES_IN_ORDER);
export type AuditListInput = z.input<typeof auditListInput>;

export const auditContract = {
  /** One page of the trail, newest first. */
  'audit.list': {
    input: auditListInput.default({ page: 1, pageSize: 50 }),
    output: returns<Page<AuditRow>>(),
  },
  'audit.facets': { input: z.object({}).default({}), output: returns<AuditFacets>() },
  /** Walks the whole chain and reports the first broken link. Changes nothing. */
  'audit.verify': { input: z.object({}).default({}), output: returns<AuditVerifyResult>() },
  /** The entries the filters select, oldest first, as CSV for auditors. */
  'audit.export': { input: auditFilter.default({}), output: returns<AuditExport>() },
} as const;
