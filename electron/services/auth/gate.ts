import type { AppError, Channel, Result } from '../../contract';
import { contract } from '../../contract';
import { dispatch } from '../dispatch';
import type { Handlers } from '../index';
import { ACCESS, APPROVAL_STEPS, ROLE_LABEL, transitionRoles } from '../../contract';
import { runAs, runFrom, type Caller } from './caller';
import type { Session, SessionStore } from './sessions';

/**
 * The door for calls from the renderer (Electron IPC and the HTTP bridge): finds the session of
 * the token, checks the role against the access table, keeps a bank's liaison officer inside
 * their bank, and runs the call as that user so the audit trail names them. `origin` names where
 * the call comes from (the window, the HTTP client): sign-in delays are counted per origin.
 */
export async function callWithSession(
  handlers: Handlers,
  sessions: SessionStore,
  token: string | null,
  channel: string,
  input: unknown,
  origin = 'lokal',
): Promise<Result<unknown>> {
  return runFrom(origin, () => gated(handlers, sessions, token, channel, input));
}

async function gated(handlers: Handlers, sessions: SessionStore, token: string | null, channel: string, input: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(contract, channel)) return dispatch(handlers, channel, input);
  const ch = channel as Channel;
  // A job runs another channel in a worker: that channel's rules decide, on its own input.
  const job = ch === 'jobs.start' ? jobTarget(input) : null;
  if (job) return gatedJob(handlers, sessions, token, job);
  const access = ACCESS[ch];
  if (access === 'public') return dispatch(handlers, ch, input);

  const session = sessions.get(token);
  if (!session) return refuse('UNAUTHENTICATED', 'Sesi Anda telah berakhir. Silakan masuk kembali.');
  if (session.mustChangePassword && !ch.startsWith('auth.')) {
    return refuse('FORBIDDEN', 'Ganti kata sandi Anda terlebih dahulu.');
  }
  if (access !== 'signedIn' && !access.includes(session.role)) {
    return refuse('FORBIDDEN', `Peran ${ROLE_LABEL[session.role]} tidak berwenang untuk tindakan ini.`);
  }
  const stepRefusal = transitionRefusal(ch, session, input);
  if (stepRefusal) return refuse('FORBIDDEN', stepRefusal);

  const scoped = session.role === 'bank' ? scopeToBank(ch, session.bankId!, input) : { input };
  if ('refusal' in scoped) return refuse('FORBIDDEN', scoped.refusal);

  const caller: Caller = { userId: session.userId, username: session.username, role: session.role, bankId: session.bankId, token: session.token };
  const result = await runAs(caller, () => dispatch(handlers, ch, scoped.input));
  return session.role === 'bank' && result.ok ? filterForBank(ch, session.bankId!, result) : result;
}

/** jobs.start's target, when it names a channel of the contract (else its own validation answers). */
function jobTarget(input: unknown): { channel: Channel; input: unknown } | null {
  if (typeof input !== 'object' || input === null) return null;
  const { channel, input: inner } = input as { channel?: unknown; input?: unknown };
  return typeof channel === 'string' && Object.hasOwn(contract, channel) ? { channel: channel as Channel, input: inner } : null;
}

/** jobs.start checked as the channel it runs would be (role, steps, a bank's own bank), then started as the caller. */
async function gatedJob(handlers: Handlers, sessions: SessionStore, token: string | null, job: { channel: Channel; input: unknown }): Promise<Result<unknown>> {
  const session = sessions.get(token);
  if (!session) return refuse('UNAUTHENTICATED', 'Sesi Anda telah berakhir. Silakan masuk kembali.');
  if (session.mustChangePassword) return refuse('FORBIDDEN', 'Ganti kata sandi Anda terlebih dahulu.');
  const access = ACCESS[job.channel];
  if (access !== 'public' && access !== 'signedIn' && !access.includes(session.role)) {
    return refuse('FORBIDDEN', `Peran ${ROLE_LABEL[session.role]} tidak berwenang untuk tindakan ini.`);
  }
  const stepRefusal = transitionRefusal(job.channel, session, job.input);
  if (stepRefusal) return refuse('FORBIDDEN', stepRefusal);
  const scoped = session.role === 'bank' ? scopeToBank(job.channel, session.bankId!, job.input) : { input: job.input };
  if ('refusal' in scoped) return refuse('FORBIDDEN', scoped.refusal);
  const caller: Caller = { userId: session.userId, username: session.username, role: session.role, bankId: session.bankId, token: session.token };
  return runAs(caller, () => dispatch(handlers, 'jobs.start', { channel: job.channel, input: scoped.input }));
}

function refuse(code: AppError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** Approving or rejecting an application is the verifier's decision; the other steps are entry work. */
function transitionRefusal(ch: Channel, session: Session, input: unknown): string | null {
  if (ch !== 'loans.transition' || session.role === 'admin') return null;
  const target = typeof input === 'object' && input !== null ? (input as { ke?: unknown }).ke : undefined;
  const step = typeof target === 'string' ? target : '';
  if (transitionRoles(step).includes(session.role)) return null;
  return APPROVAL_STEPS.includes(step)
    ? 'Persetujuan atau penolakan pinjaman dilakukan oleh verifikator.'
    : 'Verifikator hanya menyetujui atau menolak pengajuan; langkah lain dicatat operator.';
}

const OWN_BANK_ONLY = 'Petugas bank hanya dapat melihat data banknya sendiri.';

/** Before the call: a liaison officer's queries are narrowed to, or must name, their own bank. */
function scopeToBank(ch: Channel, bankId: number, input: unknown): { input: unknown } | { refusal: string } {
  const obj = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  switch (ch) {
    case 'loans.list':
      return { input: { ...obj, bankId } };
    case 'banks.get':
    case 'subsidy.run': {
      const asked = ch === 'banks.get' ? obj.id : obj.bankId;
      return asked === bankId ? { input } : { refusal: OWN_BANK_ONLY };
    }
    default:
      return { input };
  }
}

/** After the call: lists lose other banks' rows, and another bank's loan is refused. */
function filterForBank(ch: Channel, bankId: number, result: { ok: true; value: unknown }): Result<unknown> {
  if (ch === 'banks.list') return { ok: true, value: (result.value as { id: number }[]).filter((b) => b.id === bankId) };
  if (ch === 'loans.get' && (result.value as { bankId: number }).bankId !== bankId) return refuse('FORBIDDEN', OWN_BANK_ONLY);
  return result;
}
