import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';

/**
 * Four-eyes: whoever entered something may not also approve or pay it. `enteredBy` are the user
 * ids (never names: an account can be renamed) that entered the items in question; null where the
 * trusted caller wrote it. Trusted callers (CLI, tests) act for the office as a whole and are not
 * held to it; every signed-in user is. The database refuses the same (migration four_eyes_ids's triggers).
 */
export function refuseOwnEntry(ctx: ServiceContext, enteredBy: readonly (number | null)[], message: string): void {
  const me = ctx.caller();
  if (me.role === 'sistem' || me.userId === null) return;
  if (enteredBy.some((id) => id !== null && id === me.userId)) throw new ServiceError('FORBIDDEN', message);
}

/** The signed-in user's id, recorded beside the name on what four-eyes later reads; null for the trusted caller. */
export function callerId(ctx: ServiceContext): number | null {
  return ctx.caller().userId;
}
