// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import type { AppInfo } from '@contract';
import { ApiError } from '@/api';
import LoginPage from '@/features/auth/LoginPage.vue';
import { setLocale } from '@/i18n';
import { callsTo, mockBackend, mountWithApp, queryTestId, resetWorld } from '../setup';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

function info(initialPassword: boolean): AppInfo {
  return {
    version: '0.1.0',
    databasePath: 'C:/GerbangSerasan/gerbang.sqlite',
    schemaVersion: 14,
    firstRun: initialPassword,
    setupPending: false,
    initialPassword,
    counts: { bank: 0, penjamin: 0, debitur: 0 },
  };
}

async function mountLogin() {
  mountWithApp(LoginPage, {}, { signedInAs: null });
  await flushPromises();
}

afterEach(() => resetWorld());

describe('the sign-in screen and the admin/admin hint', () => {
  it('shows the hint while the first password was never changed, asking app.info (no session needed)', async () => {
    mockBackend({ 'app.info': () => info(true) });
    await mountLogin();
    expect(callsTo('app.info')).toEqual([{}]);
    expect(queryTestId('login-hint')?.textContent).toBe('Pertama kali? Masuk sebagai admin dengan kata sandi admin, lalu ganti kata sandinya.');
    setLocale('en');
    await nextTick();
    expect(queryTestId('login-hint')?.textContent).toBe('First time? Sign in as admin with password admin, then change the password.');
  });

  it('does not show it once the first password was changed', async () => {
    mockBackend({ 'app.info': () => info(false) });
    await mountLogin();
    expect(callsTo('app.info')).toEqual([{}]);
    expect(queryTestId('login-hint')).toBeNull();
    expect(document.body.textContent).not.toContain('admin');
  });

  it('does not show it when app.info does not answer, and still lets people sign in', async () => {
    mockBackend({
      'app.info': () => {
        throw new ApiError({ code: 'INTERNAL', message: 'Tidak dapat menghubungi layanan aplikasi' });
      },
    });
    await mountLogin();
    expect(queryTestId('login-hint')).toBeNull();
    expect(queryTestId('login-submit')).not.toBeNull();
    expect(queryTestId('login-error')).toBeNull();
  });
});
