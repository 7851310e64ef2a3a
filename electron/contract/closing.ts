/** Closing a month (tutup buku) and reopening it. */
import { z } from 'zod';
import { requiredText, returns } from './common';

const periode = z.string({ error: 'Periode wajib diisi' }).regex(/^[12]\d{3}-(0[1-9]|1[0-2])$/, 'Periode ditulis seperti 2025-10');

export interface ClosedMonth {
  periode: string;
  ditutupOleh: string;
  ditutupPada: string;
}

export const closingContract = {
  /** The closed months, newest first. */
  'closing.list': { input: z.object({}).default({}), output: returns<ClosedMonth[]>() },
  'closing.close': { input: z.object({ periode }), output: returns<ClosedMonth>() },
  /** Admin only, with a reason that goes into the audit trail. */
  'closing.reopen': { input: z.object({ periode, alasan: requiredText('Alasan membuka kembali', 300) }), output: returns<null>() },
} as const;
