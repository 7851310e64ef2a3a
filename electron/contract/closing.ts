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
  /**
   * Months are closed in order: the months before `periode` since the books began (the first month
   * with a bank position, a payment or an insurance claim) that are still open — closing `periode`
   * is refused while there are any, unless `termasukSebelumnya` closes them too, oldest first.
   */
  'closing.pending': { input: z.object({ periode }), output: returns<string[]>() },
  'closing.close': { input: z.object({ periode, termasukSebelumnya: z.boolean().optional() }), output: returns<ClosedMonth>() },
  /** Admin only, with a reason that goes into the audit trail; the latest closed month first (months stay closed in order). */
  'closing.reopen': { input: z.object({ periode, alasan: requiredText('Alasan membuka kembali', 300) }), output: returns<null>() },
} as const;
