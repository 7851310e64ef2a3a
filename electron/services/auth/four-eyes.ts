import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';

/**
 * Four-eyes: whoever entered something may not also approve or pay it. `enteredBy` are the user
 * names that entered the items in question. Trusted callers (CLI, tests) act for the office as a
 * whole and are not held to it; every signed-in user is.
 */
export function refuseOwnEntry(ctx: ServiceContext, enteredBy: readonly (string | null)[], message: string): void {
  if (ctx.caller().role === 'sistem') return;
  const me = ctx.user.toLowerCase();
  if (enteredBy.some((u) => u !== null && u.toLowerCase() === me)) throw new ServiceError('FORBIDDEN', message);
}
