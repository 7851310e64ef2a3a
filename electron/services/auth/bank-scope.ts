import { ServiceError } from '../errors';
import type { ServiceContext } from '../context';

/**
 * Record-level bank scoping for services whose records carry a bank (imports, claims, their
 * documents): a bank's liaison officer may touch only their own bank's; everybody else any bank.
 * The gate (gate.ts) narrows list inputs; this is for "this claim, this file" checks in services.
 */
export const OWN_BANK_ONLY = 'Petugas bank hanya dapat melihat data banknya sendiri.';

/** The bank the caller is confined to, or null when they may see every bank. */
export function callerBank(ctx: ServiceContext): number | null {
  const caller = ctx.caller();
  return caller.role === 'bank' ? caller.bankId : null;
}

/** Refuses unless the caller may act on `bankId`'s data. */
export function requireOwnBank(ctx: ServiceContext, bankId: number | null): void {
  const own = callerBank(ctx);
  if (own !== null && bankId !== own) throw new ServiceError('FORBIDDEN', OWN_BANK_ONLY);
}
