import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { useLatestOnly } from '@/composables/useLatestOnly';

/** A request whose answer arrives when the test says so. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('useLatestOnly (the lists and the dashboard reloading as the user types)', () => {
  it('applies only the latest answer when answers come back out of order, and stays loading until it has', async () => {
    const loading = ref(false);
    const latestOnly = useLatestOnly(loading);
    const shown: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const a = latestOnly(() => first.promise, (r) => shown.push(r));
    const b = latestOnly(() => second.promise, (r) => shown.push(r));
    expect(loading.value).toBe(true);
    second.resolve('kedua');
    await b;
    expect(shown).toEqual(['kedua']);
    expect(loading.value).toBe(false);
    first.resolve('pertama');
    await a;
    expect(shown).toEqual(['kedua']);
    expect(loading.value).toBe(false);
  });

  it('a failed latest request ends the loading and passes its error on; an older failure is still thrown to its caller', async () => {
    const loading = ref(false);
    const latestOnly = useLatestOnly(loading);
    const old = deferred<string>();
    const pending = latestOnly(() => old.promise, () => undefined);
    await expect(latestOnly(() => Promise.reject(new Error('gagal')), () => undefined)).rejects.toThrow('gagal');
    expect(loading.value).toBe(false);
    old.reject(new Error('lama'));
    await expect(pending).rejects.toThrow('lama');
    expect(loading.value).toBe(false);
  });
});
