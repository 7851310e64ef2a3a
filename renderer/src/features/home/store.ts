import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo } from '@contract';
import { call } from '@/api';

/** What the app knows about itself and its database (shown on the home page and footer). */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);

  async function refresh(): Promise<void> {
    info.value = await call('app.info', {});
  }

  return { info, refresh };
});
