import { randomBytes } from 'node:crypto';
import type { Role } from '../../contract';

export interface Session {
  token: string;
  userId: number;
  username: string;
  role: Role;
  bankId: number | null;
  mustChangePassword: boolean;
  lastSeen: number;
  /** Where the session was opened (the transport's origin: the window, or a client PC's address and name). */
  origin: string;
}

/** A session not used for this long ends; the clerk signs in again. */
export const IDLE_LIMIT_MS = 8 * 60 * 60 * 1000;

/**
 * Open sessions, in memory only: a restart of the app signs everybody out. Tokens are random
 * 256-bit strings the renderer holds and sends with each call.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  open(s: Omit<Session, 'token' | 'lastSeen' | 'origin'> & { origin?: string }): Session {
    const session: Session = { ...s, origin: s.origin ?? 'lokal', token: randomBytes(32).toString('hex'), lastSeen: this.now() };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The live session for a token (and marks it used), or undefined when unknown or idle too long. */
  get(token: string | null | undefined): Session | undefined {
    if (!token) return undefined;
    const s = this.sessions.get(token);
    if (!s) return undefined;
    if (this.now() - s.lastSeen > IDLE_LIMIT_MS) {
      this.sessions.delete(token);
      return undefined;
    }
    s.lastSeen = this.now();
    return s;
  }

  /** Where a user's live sessions were opened, each once (the user admin shows it). */
  originsOf(userId: number): string[] {
    const found = new Set<string>();
    for (const s of this.sessions.values()) if (s.userId === userId && this.now() - s.lastSeen <= IDLE_LIMIT_MS) found.add(s.origin);
    return [...found];
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every session of a user (deactivated, password reset, role changed). */
  closeUser(userId: number): void {
    for (const [token, s] of this.sessions) if (s.userId === userId) this.sessions.delete(token);
  }

  /** Ends every session (the database was replaced by a restore: its users may differ). */
  closeAll(): void {
    this.sessions.clear();
  }
}
