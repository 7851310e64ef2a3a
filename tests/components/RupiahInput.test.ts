// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { defineComponent, h, ref } from 'vue';
import RupiahInput from '@/components/RupiahInput.vue';

function mountInput(initial: number | null) {
  const value = ref<number | null>(initial);
  const Host = defineComponent(() => () => h(RupiahInput, { modelValue: value.value, 'onUpdate:modelValue': (v: number | null) => (value.value = v) }));
  const wrapper = mount(Host, { global: { plugins: [ElementPlus] } });
  return { wrapper, value, input: () => wrapper.find('input') };
}

describe('RupiahInput', () => {
  it('shows the amount with thousands dots', () => {
    const { input } = mountInput(12_500_000);
    expect((input().element as HTMLInputElement).value).toBe('12.500.000');
  });

  it('reads what the clerk types as whole rupiah, ignoring dots, spaces and letters', async () => {
    const { input, value } = mountInput(null);
    await input().setValue('12.500.000');
    expect(value.value).toBe(12_500_000);
    await input().setValue('Rp 7 500 abc');
    expect(value.value).toBe(7500);
    await input().setValue('');
    expect(value.value).toBeNull();
  });

  it('never makes an inexact number from a very long entry', async () => {
    const { input, value } = mountInput(null);
    await input().setValue('12345678901234567890');
    expect(value.value).toBe(123_456_789_012_345);
    expect(Number.isSafeInteger(value.value)).toBe(true);
  });
});
