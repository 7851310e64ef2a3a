import { useI18n } from 'vue-i18n';
import { ACCESS, rolesFor, type Channel } from '@contract';
import { useAuthStore } from '@/features/auth/store';

/**
 * Whether the signed-in user's role may call a channel, from the same table the main process
 * enforces (electron/contract/access.ts). Screens use it to offer only what will be accepted;
 * the main process still decides every call.
 */
export function useCan(): (channel: Channel) => boolean {
  const auth = useAuthStore();
  return (channel) => {
    const access = ACCESS[channel];
    if (access === 'public') return true;
    const role = auth.session?.peran;
    if (!role) return false;
    return access === 'signedIn' || access.includes(role);
  };
}

/**
 * Why the signed-in user may not do something (null when they may): "Hanya Admin atau Operator
 * yang dapat melakukan ini." — the roles read from the same access table, for a disabled button's
 * tooltip. `target` is a loan step (loans.transition is split by target, as gate.ts does).
 */
export function useRefusal(): (channel: Channel, target?: string) => string | null {
  const auth = useAuthStore();
  const { t, locale } = useI18n();
  return (channel, target) => {
    const roles = rolesFor(channel, target);
    const role = auth.session?.peran;
    if (roles === null) return role || ACCESS[channel] === 'public' ? null : t('auth.sessionEnded');
    if (role && roles.includes(role)) return null;
    const names = roles.map((r) => t(`auth.roles.${r}`));
    return t('auth.onlyRoles', { roles: new Intl.ListFormat(locale.value === 'en' ? 'en' : 'id', { type: 'disjunction' }).format(names) });
  };
}
