import { contract, type Channel, type InputOf, type OutputOf, type Result } from '../contract';
import { callChannel } from './call';
import type { Handlers } from './index';

// The call itself (validation, typed errors, the database's refusals) is ./call.ts.
export { BUSY_MESSAGE, validationError } from './call';

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
  return callChannel(channel, contract[ch].input, handlers[ch] as (input: unknown) => Promise<unknown>, rawInput);
}

/** `dispatch` with the contract's types, for callers that name the channel in code (CLI, tests). */
export function invoke<C extends Channel>(handlers: Handlers, channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  return dispatch(handlers, channel, input) as Promise<Result<OutputOf<C>>>;
}
