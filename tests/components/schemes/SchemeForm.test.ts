// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import type { Scheme } from '@contract';
import { setLocale } from '@/i18n';
import SchemeForm from '@/features/schemes/SchemeForm.vue';
import { scheme } from '../loans/fixtures';
import { byTestId, callsTo, mockBackend, mountWithApp, resetWorld, visibleDialog } from '../setup';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

async function openForm(existing: Scheme | null): Promise<VueWrapper> {
  const { wrapper } = mountWithApp(SchemeForm, {
    props: { modelValue: false, scheme: existing, 'onUpdate:modelValue': (v: boolean) => void wrapper.setProps({ modelValue: v }) },
  });
  await wrapper.setProps({ modelValue: true });
  await flushPromises();
  return wrapper as VueWrapper;
}

/** The <input> of the limit's el-input-number (the test id may sit on its root or on the input). */
function limitInput(): HTMLInputElement {
  const el = byTestId<HTMLElement>('scheme-maks-per-orang');
  return (el instanceof HTMLInputElement ? el : el.querySelector('input'))!;
}

const labelOf = (input: HTMLElement) => input.closest('.el-form-item')!.querySelector('.el-form-item__label')!.textContent!.trim();

describe('SchemeForm: subsidised loans per person per month', () => {
  beforeEach(() => {
    mockBackend({ 'insurers.list': () => [], 'schemes.save': (input) => ({ ...scheme(), ...(input as object), id: 7 }), 'schemes.list': () => [] });
  });
  afterEach(() => resetWorld());

  it('shows the scheme’s limit under its Indonesian label and sends the changed value', async () => {
    await openForm(scheme({ maksPinjamanPerOrang: 1 }));
    expect(visibleDialog('scheme-form')).not.toBeNull();
    const input = limitInput();
    expect(labelOf(input)).toBe('Pinjaman bersubsidi per orang per bulan (maks.)');
    expect(input.value).toBe('1');
    input.value = '2';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await flushPromises();
    byTestId<HTMLButtonElement>('scheme-save').click();
    await flushPromises();
    expect(callsTo('schemes.save')[0]).toMatchObject({ id: scheme().id, maksPinjamanPerOrang: 2 });
  });

  it('defaults to 1 for a new scheme, and speaks English when asked', async () => {
    setLocale('en');
    await openForm(null);
    const input = limitInput();
    expect(input.value).toBe('1');
    expect(labelOf(input)).toBe('Subsidised loans per person per month (max.)');
  });
});
