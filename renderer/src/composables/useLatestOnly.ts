import type { Ref } from 'vue';

/**
 * Runs a request and applies its answer only if no newer request was started meanwhile.
 * `fail`, when given, receives the latest request's error (an older request's error is dropped
 * with its answer); without it the error is thrown to the caller.
 */
export interface LatestOnly {
  <T>(request: () => Promise<T>, apply: (result: T) => void, fail?: (err: unknown) => void): Promise<void>;
  /** Drops the answers still on their way: a newer state arrived by another path (a save answered with the whole record). */
  invalidate(): void;
}

/**
 * For a list, summary or record that reloads as the user types or clicks: answers can arrive out
 * of order, so only the latest request's answer (or error) is applied, and `loading` stays on
 * until that one has come back. The one request-sequence guard of the renderer.
 *
 *   const latestOnly = useLatestOnly(loading);
 *   await latestOnly(() => call('debtors.list', input), (r) => { rows.value = r.rows; });
 *   await latestOnly(() => call('budget.year', q), (r) => (year.value = r), (err) => (error.value = messageOf(err)));
 */
export function useLatestOnly(loading: Ref<boolean>): LatestOnly {
  let latest = 0;
  const run = async <T>(request: () => Promise<T>, apply: (result: T) => void, fail?: (err: unknown) => void): Promise<void> => {
    const mine = ++latest;
    loading.value = true;
    try {
      const result = await request();
      if (mine === latest) apply(result);
    } catch (err) {
      if (!fail) throw err;
      if (mine === latest) fail(err);
    } finally {
      if (mine === latest) loading.value = false;
    }
  };
  return Object.assign(run, {
    invalidate: () => {
      latest++;
      loading.value = false;
    },
  });
}
