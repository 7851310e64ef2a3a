/**
 * Slows a password guesser down without handing anyone a switch to lock an account out.
 *
 * Wrong sign-ins are counted per **origin** (the window or the HTTP client that sent them: the
 * transport names it), never per account: whoever guesses at the admin's password slows only
 * themselves, and the admin signing in from elsewhere is not held up. The first FREE_TRIES wrong
 * answers cost nothing; after that each one makes the origin wait before its next try, twice as
 * long each time (1 s, 2 s, 4 s, …) up to MAX_DELAY_MS. An origin with no wrong answer for
 * FORGET_AFTER_MS starts again from zero. In memory only: a restart forgets (the delays are short).
 */
export const FREE_TRIES = 3;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 5 * 60_000;
export const FORGET_AFTER_MS = 15 * 60_000;

interface OriginState {
  failures: number;
  lastFailure: number;
  nextTry: number;
}

export class SignInThrottle {
  private readonly origins = new Map<string, OriginState>();

  constructor(private readonly now: () => number) {}

  /** Milliseconds the origin must still wait before its next try (0: it may try now). */
  waitFor(origin: string): number {
    const s = this.live(origin);
    return s ? Math.max(0, s.nextTry - this.now()) : 0;
  }

  /** Records a wrong answer; returns the wrong answers counted so far and the wait it now imposes. */
  fail(origin: string): { failures: number; delayMs: number } {
    const now = this.now();
    const s = this.live(origin) ?? { failures: 0, lastFailure: now, nextTry: now };
    s.failures++;
    s.lastFailure = now;
    const over = s.failures - FREE_TRIES;
    const delayMs = over <= 0 ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(over - 1, 30));
    s.nextTry = now + delayMs;
    this.origins.set(origin, s);
    // Bound the memory an endless stream of origins could take.
    if (this.origins.size > 10_000) this.forgetOld();
    return { failures: s.failures, delayMs };
  }

  private live(origin: string): OriginState | undefined {
    const s = this.origins.get(origin);
    if (s && this.now() - s.lastFailure > FORGET_AFTER_MS && this.now() >= s.nextTry) {
      this.origins.delete(origin);
      return undefined;
    }
    return s;
  }

  private forgetOld(): void {
    for (const origin of [...this.origins.keys()]) this.live(origin);
  }
}
