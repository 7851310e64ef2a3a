// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { defineComponent, h, nextTick } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { AppInfo, Role, SessionInfo } from '@contract';
import { ApiError, setSessionToken } from '@/api';
import App from '@/App.vue';
import { i18n, setLocale } from '@/i18n';
import { byTestId, callMock, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld, typeInto, visibleDialog, type Backend } from './setup';

vi.mock('@/api', async (orig) => ({
  ...(await orig<typeof import('@/api')>()),
  call: vi.fn(),
  // The header's office badge asks this PC's main process (not the backend) how it is connected:
  // a PC on its own, as the app starts by default. Unmocked, happy-dom's fetch went to a port
  // nobody listens on and printed ECONNREFUSED over the run's output.
  callOffice: vi.fn(async () => ({ mode: 'mandiri', server: null, klien: null })),
}));

// Pages are stand-ins: this file is about the shell (menu, language), not the pages.
const page = (name: string) => defineComponent({ name, render: () => h('div', { 'data-testid': `page-${name}` }, name) });

function info(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: '0.1.0',
    databasePath: 'C:/GerbangSerasan/gerbang.sqlite',
    schemaVersion: 3,
    firstRun: false,
    setupPending: false,
    initialPassword: false,
    counts: { bank: 1, penjamin: 1, debitur: 1 },
    ...overrides,
  };
}

function session(peran: Role = 'admin', overrides: Partial<SessionInfo> = {}): SessionInfo {
  return { token: 'sesi-1', userId: 1, username: 'kepala', nama: 'Kepala Sekretariat', peran, bankId: null, bankNama: null, wajibGantiSandi: false, ...overrides };
}

/** A window that already has a live session (as after a reload): the shell shows at once. */
function signedIn(backend: Backend, who: SessionInfo = session()): void {
  setSessionToken(who.token);
  mockBackend({ 'auth.session': () => who, ...backend });
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
      { path: '/persiapan', component: page('setup') },
    ],
  });
  await router.push('/');
  await router.isReady();
  return router;
}

async function mountApp() {
  const router = await makeRouter();
  const { wrapper } = mountWithApp(App, {}, { router, signedInAs: null });
  await flushPromises();
  return { wrapper, router };
}

const label = (testId: string) => byTestId(testId).textContent?.trim();

describe('App shell', () => {
  beforeEach(() => {
    signedIn({ 'app.info': () => info(), 'app.startEmpty': () => null });
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
    expect(callMock.mock.calls).toEqual([
      ['backup.health', {}],
      ['auth.session', {}],
      ['app.info', {}],
    ]);
    expect(byTestId('current-user').textContent?.replace(/\s+/g, ' ').trim()).toBe('Kepala Sekretariat · Admin');
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
    signedIn({ 'app.info': () => info({ firstRun }), 'app.startEmpty': () => ((firstRun = false), null) });
    await mountApp();
    expect(visibleDialog('first-run')).not.toBeNull();
    byTestId<HTMLButtonElement>('start-empty').click();
    await flushPromises();
    expect(callMock.mock.calls.map(([c]) => c)).toEqual(['backup.health', 'auth.session', 'app.info', 'app.startEmpty', 'app.info']);
    expect(visibleDialog('first-run')).toBeNull();
  });

  it('offers the setup wizard in the menu to an admin while it is pending, and not after', async () => {
    let setupPending = true;
    signedIn({ 'app.info': () => info({ setupPending }) });
    await mountApp();
    expect(label('nav-setup')).toBe('Persiapan Awal');
    resetWorld();
    setupPending = false;
    signedIn({ 'app.info': () => info({ setupPending }) });
    await mountApp();
    expect(queryTestId('nav-backup')).not.toBeNull();
    expect(queryTestId('nav-setup')).toBeNull();
  });

  it('does not offer the setup wizard to anybody but an admin', async () => {
    signedIn({ 'app.info': () => info({ setupPending: true }) }, session('operator'));
    await mountApp();
    expect(queryTestId('nav-backup')).not.toBeNull();
    expect(queryTestId('nav-setup')).toBeNull();
  });

  it('does not show the first-run dialog on a database already set up', async () => {
    await mountApp();
    expect(visibleDialog('first-run')).toBeNull();
  });
});

describe('signing in', () => {
  afterEach(() => resetWorld());

  it('shows only the sign-in screen without a session, then the shell after signing in', async () => {
    mockBackend({ 'auth.login': () => session('operator', { nama: 'Rina Marlina' }), 'app.info': () => info() });
    await mountApp();
    expect(queryTestId('nav-home')).toBeNull();
    // Before sign-in only the public app.info (for the admin/admin hint, not shown here: already changed).
    expect(callsTo('app.info')).toEqual([{}]);
    expect(queryTestId('login-hint')).toBeNull();
    byTestId<HTMLButtonElement>('login-submit').click();
    await flushPromises();
    expect(byTestId('login-error').textContent).toContain('Isi nama pengguna dan kata sandi.');

    typeInto('login-username', ' rina ');
    typeInto('login-password', 'Rahasia123');
    byTestId<HTMLButtonElement>('login-submit').click();
    await flushPromises();
    expect(callsTo('auth.login')).toEqual([{ username: 'rina', password: 'Rahasia123' }]);
    expect(queryTestId('nav-home')).not.toBeNull();
    expect(byTestId('current-user').textContent?.replace(/\s+/g, ' ').trim()).toBe('Rina Marlina · Operator');
    expect(sessionStorage.getItem('gerbang.sesi')).toBe('sesi-1');
  });

  it("shows the service's refusal and clears the password", async () => {
    mockBackend({
      'auth.login': () => {
        throw new ApiError({ code: 'UNAUTHENTICATED', message: 'Nama pengguna atau kata sandi salah. Sisa percobaan: 4.' });
      },
    });
    await mountApp();
    typeInto('login-username', 'rina');
    typeInto('login-password', 'salah');
    byTestId<HTMLButtonElement>('login-submit').click();
    await flushPromises();
    expect(byTestId('login-error').textContent).toContain('Sisa percobaan: 4.');
    expect(byTestId<HTMLInputElement>('login-password').value).toBe('');
    expect(queryTestId('nav-home')).toBeNull();
  });

  it('asks for a new password first when the account must change it', async () => {
    signedIn({ 'auth.changePassword': () => session('admin'), 'app.info': () => info() }, session('admin', { wajibGantiSandi: true }));
    await mountApp();
    expect(queryTestId('nav-home')).toBeNull();
    typeInto('change-old', 'admin');
    typeInto('change-new', 'Serasan2026');
    typeInto('change-repeat', 'Serasan2025');
    byTestId<HTMLButtonElement>('change-submit').click();
    await flushPromises();
    expect(callsTo('auth.changePassword')).toEqual([]);
    typeInto('change-repeat', 'Serasan2026');
    byTestId<HTMLButtonElement>('change-submit').click();
    await flushPromises();
    expect(callsTo('auth.changePassword')).toEqual([{ passwordLama: 'admin', passwordBaru: 'Serasan2026' }]);
    expect(queryTestId('nav-home')).not.toBeNull();
  });

  it('lets a signed-in user change their password from the top bar, or go back without changing it', async () => {
    signedIn({ 'app.info': () => info(), 'auth.changePassword': () => session('admin') });
    await mountApp();
    byTestId<HTMLButtonElement>('change-password').click();
    await flushPromises();
    expect(queryTestId('nav-home')).toBeNull();
    byTestId<HTMLButtonElement>('change-cancel').click();
    await flushPromises();
    expect(queryTestId('nav-home')).not.toBeNull();
    expect(callsTo('auth.changePassword')).toEqual([]);

    byTestId<HTMLButtonElement>('change-password').click();
    await flushPromises();
    typeInto('change-old', 'Lama12345');
    typeInto('change-new', 'Baru12345');
    typeInto('change-repeat', 'Baru12345');
    byTestId<HTMLButtonElement>('change-submit').click();
    await flushPromises();
    expect(callsTo('auth.changePassword')).toEqual([{ passwordLama: 'Lama12345', passwordBaru: 'Baru12345' }]);
    expect(queryTestId('nav-home')).not.toBeNull();
  });

  it("hides the other banks' menus from a bank's liaison officer", async () => {
    signedIn({ 'app.info': () => info() }, session('bank', { bankId: 3, bankNama: 'BPR Muara Enim' }));
    await mountApp();
    expect(queryTestId('nav-loans')).not.toBeNull();
    expect(queryTestId('nav-subsidy')).not.toBeNull();
    expect(queryTestId('nav-banks')).toBeNull();
    expect(queryTestId('nav-budget')).toBeNull();
    expect(byTestId('current-user').textContent?.replace(/\s+/g, ' ').trim()).toBe('Kepala Sekretariat · Petugas bank · BPR Muara Enim');
  });

  it('signs out, and returns to the sign-in screen when the main process says the session ended', async () => {
    signedIn({ 'app.info': () => info(), 'auth.logout': () => null });
    await mountApp();
    byTestId<HTMLButtonElement>('logout').click();
    await flushPromises();
    expect(callsTo('auth.logout')).toEqual([{}]);
    expect(queryTestId('login-submit')).not.toBeNull();
    expect(sessionStorage.getItem('gerbang.sesi')).toBeNull();
  });
});
