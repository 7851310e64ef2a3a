import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo, DashboardSummary } from '@contract';
import { call } from '@/api';
import { useLatestOnly } from '@/composables/useLatestOnly';

/** What the app knows about itself and its database (shown on the home page and footer). */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);

  /**
   * Never rejects: it is called without waiting (on signing in, on the home page) and a failure
   * (the office server unreachable, the session ended) is already told by the connection badge or
   * the sign-in screen; the last known info stays meanwhile.
   */
  async function refresh(): Promise<void> {
    try {
      info.value = await call('app.info', {});
    } catch {
      // Kept as it was (see above).
    }
  }

  return { info, refresh };
});

/** The dashboard of the home screen: one summary per chosen year (dashboard.summary). */
export const useDashboardStore = defineStore('dashboard', () => {
  const tahun = ref(new Date().getFullYear());
  const summary = ref<DashboardSummary | null>(null);
  const loading = ref(false);
  const latestOnly = useLatestOnly(loading);

  async function load(): Promise<void> {
    // Switching years quickly: only the answer for the year last chosen is shown.
    await latestOnly(
      () => call('dashboard.summary', { tahun: tahun.value }),
      (result) => (summary.value = result),
    );
  }

  return { tahun, summary, loading, load };
});
