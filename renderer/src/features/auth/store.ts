import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Role, SessionInfo } from '@contract';
import { call, sessionToken, setSessionToken, whenSessionEnds } from '@/api';

/**
 * Who is signed in. The main process decides every call from the session token; this store only
 * lets the screens greet the user and hide what their role cannot do.
 */
export const useAuthStore = defineStore('auth', () => {
  const session = ref<SessionInfo | null>(null);
  /** i18n key of why the sign-in screen shows again (the session ended), if it does. */
  const notice = ref<string | null>(null);
  const ready = ref(false);
  /** The user asked to change their password (not forced): the change screen shows, with a way back. */
  const changing = ref(false);

  const role = computed<Role | null>(() => session.value?.peran ?? null);
  const signedIn = computed(() => session.value !== null && !session.value.wajibGantiSandi);

  function accept(s: SessionInfo): void {
    setSessionToken(s.token);
    session.value = s;
    notice.value = null;
  }

  function ended(message: string | null): void {
    setSessionToken(null);
    session.value = null;
    changing.value = false;
    notice.value = message;
  }

  /** On start or reload: picks up a session the window already had, if it is still alive. */
  async function restore(): Promise<void> {
    try {
      if (sessionToken()) session.value = await call('auth.session', {});
    } catch {
      ended(null);
    } finally {
      ready.value = true;
    }
  }

  async function login(username: string, password: string): Promise<void> {
    accept(await call('auth.login', { username, password }));
  }

  async function changePassword(passwordLama: string, passwordBaru: string): Promise<void> {
    accept(await call('auth.changePassword', { passwordLama, passwordBaru }));
    changing.value = false;
  }

  async function logout(): Promise<void> {
    try {
      await call('auth.logout', {});
    } finally {
      ended(null);
    }
  }

  /** Whether the signed-in role is one of these (for showing menu items and buttons). */
  function is(...roles: Role[]): boolean {
    return role.value !== null && roles.includes(role.value);
  }

  whenSessionEnds(() => ended('auth.sessionEnded'));

  return { session, notice, ready, changing, role, signedIn, restore, login, changePassword, logout, is };
});
