// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { AppInfo } from '@contract';
import { ApiError } from '@/api';
import FirstRunDialog from '@/features/onboarding/FirstRunDialog.vue';
import { useAppStore } from '@/features/home/store';
import { byTestId, callMock, mockBackend, mountWithApp, resetWorld, visibleDialog } from './setup';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const Blank = defineComponent({ render: () => h('div') });

function info(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: '0.1.0',
    databasePath: 'C:/GerbangSerasan/gerbang.sqlite',
    schemaVersion: 3,
    firstRun: false,
    setupPending: false,
    initialPassword: false,
    counts: { bank: 0, penjamin: 0, debitur: 0 },
    ...overrides,
  };
}

async function makeRouter(start: string): Promise<Router> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Blank },
      { path: '/bank', component: Blank },
      { path: '/persiapan', component: Blank },
    ],
  });
  await router.push(start);
  await router.isReady();
  return router;
}

async function mountDialog(router: Router) {
  const { wrapper } = mountWithApp(FirstRunDialog, {}, { router });
  await flushPromises();
  return wrapper;
}

const channels = () => callMock.mock.calls.map(([channel]) => channel);

describe('FirstRunDialog', () => {
  afterEach(() => resetWorld());

  describe('with a working backend', () => {
    beforeEach(() => {
      mockBackend({
        'app.loadDemo': () => ({ bank: 3, cabang: 9, penjamin: 3, skema: 3, debitur: 300, pinjaman: 250 }),
        'app.startEmpty': () => null,
        'app.info': () => info({ counts: { bank: 3, penjamin: 3, debitur: 300 } }),
      });
    });

    it('asks the question with both choices and calls nothing on its own', async () => {
      await mountDialog(await makeRouter('/'));
      const dialog = visibleDialog('first-run');
      expect(dialog).not.toBeNull();
      expect(dialog!.textContent).toContain('Selamat datang di Gerbang Serasan');
      expect(byTestId('load-demo').textContent?.trim()).toBe('Muat data contoh');
      expect(byTestId('start-empty').textContent?.trim()).toBe('Mulai kosong');
      expect(callMock).not.toHaveBeenCalled();
    });

    it('"Muat data contoh" calls app.loadDemo, then refreshes app.info, then goes home', async () => {
      const router = await makeRouter('/bank');
      await mountDialog(router);
      const store = useAppStore();
      expect(store.info).toBeNull();

      byTestId<HTMLButtonElement>('load-demo').click();
      await flushPromises();

      expect(channels()).toEqual(['app.loadDemo', 'app.info']);
      expect(callMock).toHaveBeenNthCalledWith(1, 'app.loadDemo', {});
      expect(store.info?.counts.debitur).toBe(300);
      expect(router.currentRoute.value.path).toBe('/');
      expect(visibleDialog('first-run')).toBeNull();
      expect(document.body.querySelector('.el-message--success')?.textContent).toContain('Data contoh dimuat: 3 bank, 3 penjamin, 300 debitur');
    });

    it('"Mulai kosong" calls app.startEmpty (not loadDemo), refreshes app.info, then opens the setup wizard', async () => {
      const router = await makeRouter('/bank');
      await mountDialog(router);
      byTestId<HTMLButtonElement>('start-empty').click();
      await flushPromises();
      expect(channels()).toEqual(['app.startEmpty', 'app.info']);
      expect(callMock).toHaveBeenNthCalledWith(1, 'app.startEmpty', {});
      expect(router.currentRoute.value.path).toBe('/persiapan');
      expect(visibleDialog('first-run')).toBeNull();
    });

    it('disables the buttons while the demo data loads', async () => {
      let finish: () => void = () => {};
      mockBackend({
        'app.loadDemo': () => new Promise((resolve) => (finish = () => resolve({ bank: 3, cabang: 9, penjamin: 3, skema: 3, debitur: 300, pinjaman: 250 }))),
        'app.info': () => info(),
      });
      await mountDialog(await makeRouter('/'));
      byTestId<HTMLButtonElement>('load-demo').click();
      await flushPromises();
      expect(byTestId<HTMLButtonElement>('start-empty').disabled).toBe(true);
      expect(byTestId<HTMLButtonElement>('load-demo').classList).toContain('is-loading');
      finish();
      await flushPromises();
      expect(channels()).toEqual(['app.loadDemo', 'app.info']);
    });
  });

  it('stays open with the error when loading the demo data fails, and does not refresh', async () => {
    mockBackend({
      'app.loadDemo': () => {
        throw new ApiError({ code: 'CONFLICT', message: 'Basis data sudah berisi data; data contoh tidak dimuat' });
      },
      'app.info': () => info(),
    });
    const router = await makeRouter('/bank');
    await mountDialog(router);
    byTestId<HTMLButtonElement>('load-demo').click();
    await flushPromises();
    expect(channels()).toEqual(['app.loadDemo']);
    expect(visibleDialog('first-run')).not.toBeNull();
    expect(router.currentRoute.value.path).toBe('/bank');
    expect(document.body.querySelector('.el-message--error')?.textContent).toContain('Basis data sudah berisi data');
    expect(byTestId<HTMLButtonElement>('start-empty').disabled).toBe(false);
  });
});
