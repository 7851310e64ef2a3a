// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { defineComponent, h, nextTick } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { AppInfo } from '@contract';
import App from '@/App.vue';
import { i18n, setLocale } from '@/i18n';
import { byTestId, callMock, mockBackend, mountWithApp, queryTestId, resetWorld, visibleDialog } from './setup';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

// Pages are stand-ins: this file is about the shell (menu, language), not the pages.
const page = (name: string) => defineComponent({ name, render: () => h('div', { 'data-testid': `page-${name}` }, name) });

function info(overrides: Partial<AppInfo> = {}): AppInfo {
  return { version: '0.1.0', databasePath: 'C:/GerbangSerasan/gerbang.sqlite', schemaVersion: 3, firstRun: false, counts: { bank: 1, penjamin: 1, debitur: 1 }, ...overrides };
}

async function makeRouter(): Promise<Router> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: page('home') },
      { path: '/bank', component: page('banks') },
      { path: '/penjamin', component: page('insurers') },
      { path: '/debitur', component: page('debtors') },
      { path: '/referensi', component: page('reference') },
    ],
  });
  await router.push('/');
  await router.isReady();
  return router;
}

async function mountApp() {
  const router = await makeRouter();
  const { wrapper } = mountWithApp(App, {}, { router });
  await flushPromises();
  return { wrapper, router };
}

const label = (testId: string) => byTestId(testId).textContent?.trim();

describe('App shell', () => {
  beforeEach(() => {
    mockBackend({ 'app.info': () => info(), 'app.startEmpty': () => null });
  });
  afterEach(() => resetWorld());

  it('shows the Indonesian menu by default and asks app.info once', async () => {
    await mountApp();
    expect(i18n.global.locale.value).toBe('id');
    expect(label('nav-home')).toBe('Beranda');
    expect(label('nav-debtors')).toBe('Debitur');
    expect(label('nav-banks')).toBe('Bank Mitra');
    expect(label('nav-insurers')).toBe('Asuransi & Penjamin');
    expect(label('nav-reference')).toBe('Data Referensi');
    expect(document.body.textContent).toContain('Data Induk');
    expect(callMock.mock.calls).toEqual([['app.info', {}]]);
    expect(document.documentElement.lang).toBe('id');
  });

  it("setLocale('en') switches the menu to English, and 'id' switches it back", async () => {
    await mountApp();
    setLocale('en');
    await nextTick();
    expect(label('nav-debtors')).toBe('Debtors');
    expect(label('nav-banks')).toBe('Partner banks');
    expect(label('nav-home')).toBe('Home');
    expect(document.body.textContent).toContain('Master data');
    expect(document.body.textContent).not.toContain('Data Induk');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('gerbang.locale')).toBe('en');

    setLocale('id');
    await nextTick();
    expect(label('nav-debtors')).toBe('Debitur');
    expect(label('nav-banks')).toBe('Bank Mitra');
    expect(document.documentElement.lang).toBe('id');
    expect(localStorage.getItem('gerbang.locale')).toBe('id');
  });

  it('switches language from the select in the top bar', async () => {
    await mountApp();
    const select = byTestId('locale-select');
    select.closest('.el-select')!.querySelector<HTMLElement>('.el-select__wrapper')!.click();
    await flushPromises();
    const english = [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((li) => li.textContent?.trim() === 'English');
    expect(english).toBeDefined();
    english!.click();
    await flushPromises();
    expect(i18n.global.locale.value).toBe('en');
    expect(label('nav-debtors')).toBe('Debtors');
    expect(label('nav-banks')).toBe('Partner banks');
  });

  it('navigates with the menu', async () => {
    const { router } = await mountApp();
    byTestId('nav-debtors').click();
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/debitur');
    expect(queryTestId('page-debtors')).not.toBeNull();
  });

  it('shows the first-run dialog only while app.info says firstRun, and hides it after a choice', async () => {
    let firstRun = true;
    mockBackend({ 'app.info': () => info({ firstRun }), 'app.startEmpty': () => ((firstRun = false), null) });
    await mountApp();
    expect(visibleDialog('first-run')).not.toBeNull();
    byTestId<HTMLButtonElement>('start-empty').click();
    await flushPromises();
    expect(callMock.mock.calls.map(([c]) => c)).toEqual(['app.info', 'app.startEmpty', 'app.info']);
    expect(visibleDialog('first-run')).toBeNull();
  });

  it('does not show the first-run dialog on a database already set up', async () => {
    await mountApp();
    expect(visibleDialog('first-run')).toBeNull();
  });
});
