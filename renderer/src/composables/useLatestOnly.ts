import type { Ref } from 'vue';

/**
 * For a list or summary that reloads as the user types or clicks: answers can arrive out of
 * order, so only the latest request's answer is applied, and `loading` stays on until that one
 * has come back.
 *
 *   const latestOnly = useLatestOnly(loading);
 *   await latestOnly(() => call('debtors.list', input), (r) => { rows.value = r.rows; });
 */
export function useLatestOnly(loading: Ref<boolean>): <T>(request: () => Promise<T>, apply: (result: T) => void) => Promise<void> {
  let latest = 0;
  return async (request, apply) => {
    const mine = ++latest;
    loading.value = true;
    try {
      const result = await request();
      if (mine === latest) apply(result);
    } finally {
      if (mine === latest) loading.value = false;
    }
  };
}
