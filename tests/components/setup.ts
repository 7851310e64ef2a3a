/**
 * Shared helpers for the component tests: a real Pinia, the real i18n instance and Element Plus,
 * with only the backend (`call` from '@/api') replaced by a per-channel fake.
 *
 * Each test file must itself declare
 *   vi.mock('@/api', async (orig) => ({ ...(await orig()), call: vi.fn() }));
 * (vi.mock is hoisted only within the file that contains it).
 */
import { afterEach, vi } from 'vitest';
import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import ElementPlus, { ElMessage } from 'element-plus';
import { nextTick, type Component } from 'vue';
import type { Router } from 'vue-router';
import type { Bank, Channel, Debtor, InputOf, JobChannel, JobStatus, NikCheck, OutputOf, Role, SessionInfo } from '@contract';
import { ApiError, call } from '@/api';
import { elementPlusLocale, i18n, setLocale, setMissingHandler } from '@/i18n';
import { useAuthStore } from '@/features/auth/store';

/*
 * Browsers answer '[object HTMLDivElement]' for String(element); happy-dom serialises the whole
 * subtree (outerHTML). Popper (behind every el-select, date picker and tooltip) asks it of an
 * element and each of its scroll parents up to <body> on every update, which made a page holding
 * one picker take seconds. Answer as a browser does.
 */
Element.prototype.toString = function toString(this: Element): string {
  return Object.prototype.toString.call(this);
};

/*
 * No component test reaches a network: the backend is the mocked `call`. Anything else that
 * fetches (the office badge and the sign-in page ask this PC's main process through callOffice)
 * is refused at once, as by a main process without those channels, instead of happy-dom trying
 * localhost:3000 and printing ECONNREFUSED over the run.
 */
globalThis.fetch = () => Promise.reject(new TypeError('component tests have no network'));

/*
 * A message missing in either language fails the test that showed it (vue-i18n would only warn,
 * and a green run printed the warning over a hundred times).
 */
const missingMessages = new Set<string>();
setMissingHandler((locale, key) => void missingMessages.add(`'${key}' (${locale})`));
afterEach(() => {
  if (missingMessages.size === 0) return;
  const list = [...missingMessages].join(', ');
  missingMessages.clear();
  throw new Error(`Missing translation: ${list}`);
});

export type Handler<C extends Channel> = (input: InputOf<C>) => OutputOf<C> | Promise<OutputOf<C>>;
export type Backend = { [C in Channel]?: Handler<C> };

/** The mocked `call`, typed loosely enough to inspect calls by channel. */
export const callMock = vi.mocked(call) as unknown as ReturnType<typeof vi.fn<(channel: Channel, input: unknown) => Promise<unknown>>>;

/**
 * Answers `call(channel, input)` with the handler for that channel. A channel without a handler
 * rejects, so a component reaching for something the test did not expect fails loudly.
 */
export function mockBackend(backend: Backend): void {
  callMock.mockReset();
  callMock.mockImplementation(async (channel: Channel, input: unknown) => {
    // A long channel started as a job (renderer/src/jobs.ts) answers at once from that channel's
    // handler, finished, unless the test mocks the jobs channels itself.
    if (channel === 'jobs.start' && !backend['jobs.start']) return finishedJob(backend, input as { channel: JobChannel; input: unknown });
    const handler = backend[channel] as ((input: unknown) => unknown) | undefined;
    if (!handler) throw new ApiError({ code: 'INTERNAL', message: `test: channel ${channel} not mocked` });
    return handler(input);
  });
}

async function finishedJob(backend: Backend, job: { channel: JobChannel; input: unknown }): Promise<JobStatus> {
  const base = { jobId: '00000000-0000-4000-8000-000000000000', channel: job.channel, tahap: 'Selesai', persen: 100 };
  const handler = backend[job.channel] as ((input: unknown) => unknown) | undefined;
  if (!handler) throw new ApiError({ code: 'INTERNAL', message: `test: channel ${job.channel} not mocked` });
  try {
    return { ...base, status: 'selesai', hasilJson: JSON.stringify(await handler(job.input)), galat: null };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { ...base, status: 'gagal', hasilJson: null, galat: { code: err.code, message: err.message, fields: err.fields } };
  }
}

/** Inputs sent on one channel, in order (also when started as a job with jobs.start). */
export function callsTo<C extends Channel>(channel: C): InputOf<C>[] {
  return callMock.mock.calls
    .map(([c, input]) => (c === 'jobs.start' && (input as { channel: Channel }).channel === channel ? [channel, (input as { input: unknown }).input] : [c, input]))
    .filter(([c]) => c === channel)
    .map(([, input]) => input as InputOf<C>);
}

export interface MountExtras {
  router?: Router;
  /** The role signed in while the component runs; null for nobody (the sign-in screen). Default admin. */
  signedInAs?: Role | null;
}

export function sessionOf(peran: Role, overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    token: 'sesi-uji',
    userId: 9999,
    username: `uji-${peran}`,
    nama: 'Petugas Uji',
    peran,
    bankId: peran === 'bank' ? 1 : null,
    bankNama: null,
    wajibGantiSandi: false,
    ...overrides,
  };
}

const mounted: { unmount(): void }[] = [];

/** Mounts with a fresh Pinia, the app's i18n and Element Plus, attached to document.body (dialogs teleport). */
export function mountWithApp<T extends Component>(component: T, options: ComponentMountingOptions<T> = {} as ComponentMountingOptions<T>, extras: MountExtras = {}) {
  const pinia: Pinia = createPinia();
  setActivePinia(pinia);
  // Screens are tested as an admin (who may do everything) unless a test signs in as someone else.
  if (extras.signedInAs !== null) useAuthStore().session = sessionOf(extras.signedInAs ?? 'admin');
  const plugins: unknown[] = [pinia, i18n, ElementPlus, elementPlusLocale];
  if (extras.router) plugins.push(extras.router);
  const wrapper = mount(component, {
    attachTo: document.body,
    ...options,
    global: {
      ...(options.global ?? {}),
      plugins: [...(plugins as never[]), ...((options.global?.plugins ?? []) as never[])],
    },
  } as ComponentMountingOptions<T>);
  mounted.push(wrapper);
  return { wrapper, pinia };
}

/** Resets the parts of the world that outlive a test: locale, storage, the DOM, timers. */
export function resetWorld(): void {
  // Unmount, not just clear the DOM: a live component keeps its window listeners (Alt+N) and timers.
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  ElMessage.closeAll();
  setLocale('id');
  localStorage.clear();
  sessionStorage.clear();
  document.body.innerHTML = '';
  vi.useRealTimers();
}

/** Sets an Element Plus input (data-testid sits on the <input> itself) and fires `input`. */
export function typeInto(testId: string, value: string): HTMLInputElement {
  const el = byTestId<HTMLInputElement>(testId);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  return el;
}

export function byTestId<E extends Element = HTMLElement>(testId: string): E {
  const el = document.body.querySelector<E>(`[data-testid="${testId}"]`);
  if (!el) throw new Error(`no element with data-testid="${testId}" in document.body`);
  return el;
}

export function queryTestId<E extends Element = HTMLElement>(testId: string): E | null {
  return document.body.querySelector<E>(`[data-testid="${testId}"]`);
}

/** The visible Element Plus dialog whose root carries this data-testid (null when closed or hidden). */
export function visibleDialog(testId: string): HTMLElement | null {
  const el = queryTestId<HTMLElement>(testId);
  if (!el) return null;
  // v-show hides the overlay wrapper; walk up and check for display: none.
  for (let node: HTMLElement | null = el; node; node = node.parentElement) {
    if (node.style.display === 'none') return null;
  }
  return el;
}

/**
 * Text of the error message under the form item that holds `testId`. Element Plus shows a form
 * item's message through a 100 ms debounce (refDebounced in form-item), so this waits it out first.
 */
export async function fieldError(testId: string): Promise<string | null> {
  if (vi.isFakeTimers()) vi.advanceTimersByTime(FORM_ITEM_MESSAGE_DELAY);
  else await new Promise((resolve) => setTimeout(resolve, FORM_ITEM_MESSAGE_DELAY + 20));
  await nextTick();
  const item = byTestId(testId).closest('.el-form-item');
  if (!item) throw new Error(`data-testid="${testId}" is not inside an el-form-item`);
  return item.querySelector('.el-form-item__error')?.textContent?.trim() ?? null;
}
const FORM_ITEM_MESSAGE_DELAY = 100;

export function buttonByText(text: string, root: ParentNode = document.body): HTMLButtonElement {
  const button = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text);
  if (!button) throw new Error(`no button "${text}"`);
  return button;
}

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

/** A woman born 27 October 1985 (day + 40 = 67), registered in Muara Enim (16.03.10). */
export const NIK_PEREMPUAN = '1603106710850001';

export function nikCheck(overrides: Partial<NikCheck> = {}): NikCheck {
  return { valid: true, message: null, jenisKelamin: 'P', tanggalLahir: '1985-10-27', kodeWilayah: '16.03.10', existingDebtor: null, ...overrides };
}

export function debtor(overrides: Partial<Debtor> = {}): Debtor {
  return {
    id: 7,
    nik: NIK_PEREMPUAN,
    nama: 'Siti Aminah',
    jenisKelamin: 'P',
    tanggalLahir: '1985-10-27',
    namaUsaha: 'Pempek Siti',
    sektorId: null,
    sektorNama: null,
    skala: 'mikro',
    alamat: null,
    kecamatanId: null,
    kecamatanNama: null,
    desa: null,
    telepon: null,
    npwp: null,
    nib: null,
    aktif: true,
    versi: 1,
    ...overrides,
  };
}

export function bank(overrides: Partial<Bank> = {}): Bank {
  return {
    id: 1,
    kode: 'BSB',
    nama: 'Bank Sumsel Babel',
    jenis: 'umum',
    alamat: null,
    picNama: 'Rahmat Hidayat',
    picJabatan: null,
    picTelepon: '0734-421000',
    picEmail: null,
    aktif: true,
    cabang: [],
    ...overrides,
  };
}

/** What an Element Plus select shows as chosen (its input is only for typing a filter), or '' when nothing is. */
export function selectedLabel(testId: string): string {
  const shown = byTestId(testId).querySelector('.el-select__placeholder:not(.is-transparent)');
  return shown?.textContent?.trim() ?? '';
}
