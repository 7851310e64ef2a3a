// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { defineComponent, h, nextTick, ref } from 'vue';
import { ElDatePicker } from 'element-plus';
import { formatDecimal, formatPercentText, roundDecimalText } from '@domain/format';
import { setLocale } from '@/i18n';
import { mountWithApp, resetWorld } from './setup';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

/** Issue 18 item 12: one number style in both languages, and Indonesian picker headers. */
describe('numbers are written one way, beside Rp1.234.567', () => {
  it('decimals with a comma and grouped thousands, percentages with " %"', () => {
    expect(formatDecimal(804, 1)).toBe('804,0');
    expect(formatDecimal('1234567.5')).toBe('1.234.567,5');
    expect(formatDecimal('-12')).toBe('-12');
    expect(formatPercentText('0.57')).toBe('0,57 %');
    expect(formatPercentText(24.6875, 1)).toBe('24,7 %');
  });

  it('rounds exact decimal text half up, never through binary floating point', () => {
    expect(roundDecimalText('0.005699999999999999', 2)).toBe('0.01');
    expect(roundDecimalText('0.0057', 4)).toBe('0.0057');
    expect(roundDecimalText('12.345', 2)).toBe('12.35');
    expect(roundDecimalText('9.995', 2)).toBe('10.00');
    expect(roundDecimalText('-0.004', 2)).toBe('0.00');
    expect(roundDecimalText('7', 2)).toBe('7.00');
  });
});

describe('the date picker’s header', () => {
  afterEach(() => resetWorld());

  async function header(type: 'date' | 'month'): Promise<string> {
    const Picker = defineComponent(() => {
      const value = ref(type === 'date' ? '2026-12-05' : '2026-12');
      return () =>
        h(ElDatePicker, {
          modelValue: value.value,
          type,
          valueFormat: type === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM',
          teleported: false,
          'onUpdate:modelValue': (v: string) => (value.value = v),
        });
    });
    const { wrapper } = mountWithApp(Picker);
    await wrapper.find('input').trigger('focus');
    await wrapper.find('input').trigger('click');
    await flushPromises();
    await nextTick();
    return (document.querySelector('.el-date-picker__header, .el-date-picker__header--bordered')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  it('reads "2026 Desember", not "2026 Tahun Desember"', async () => {
    const text = await header('date');
    expect(text).toContain('2026');
    expect(text).toContain('Desember');
    expect(text).not.toContain('Tahun');
  });

  it('the month picker reads "2026", in English too', async () => {
    expect(await header('month')).not.toContain('Tahun');
    resetWorld();
    setLocale('en');
    expect(await header('month')).toContain('2026');
  });
});
