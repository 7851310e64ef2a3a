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
    const a = latestOnly(
      () => first.promise,
      (r) => shown.push(r),
    );
    const b = latestOnly(
      () => second.promise,
      (r) => shown.push(r),
    );
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
    const pending = latestOnly(
      () => old.promise,
      () => undefined,
    );
    await expect(
      latestOnly(
        () => Promise.reject(new Error('gagal')),
        () => undefined,
      ),
    ).rejects.toThrow('gagal');
    expect(loading.value).toBe(false);
    old.reject(new Error('lama'));
    await expect(pending).rejects.toThrow('lama');
    expect(loading.value).toBe(false);
  });

  it("with a fail handler, only the latest request's error reaches it; an older one is dropped like its answer", async () => {
    const loading = ref(false);
    const latestOnly = useLatestOnly(loading);
    const failed: string[] = [];
    const fail = (err: unknown) => failed.push((err as Error).message);
    const old = deferred<string>();
    const pending = latestOnly(
      () => old.promise,
      () => undefined,
      fail,
    );
    await latestOnly(
      () => Promise.reject(new Error('baru')),
      () => undefined,
      fail,
    );
    old.reject(new Error('lama'));
    await pending;
    expect(failed).toEqual(['baru']);
    expect(loading.value).toBe(false);
  });

  it('invalidate drops the answer on its way and ends the loading (a save answered with the whole record)', async () => {
    const loading = ref(false);
    const latestOnly = useLatestOnly(loading);
    const shown: string[] = [];
    const slow = deferred<string>();
    const pending = latestOnly(
      () => slow.promise,
      (r) => shown.push(r),
    );
    expect(loading.value).toBe(true);
    latestOnly.invalidate();
    expect(loading.value).toBe(false);
    slow.resolve('usang');
    await pending;
    expect(shown).toEqual([]);
  });
});
