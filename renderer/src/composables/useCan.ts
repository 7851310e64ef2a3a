import { ACCESS, type Channel } from '@contract';
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
