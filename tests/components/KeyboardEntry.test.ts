// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { nextTick } from 'vue';
import DebtorsPage from '@/features/debtors/DebtorsPage.vue';
import LoanForm from '@/features/loans/LoanForm.vue';
import { installDialogFocus } from '@/composables/dialogFocus';
import { byTestId, debtor, mockBackend, mountWithApp, resetWorld } from './setup';
import { BRI, BSB, loanDetail, schedule, scheme } from './loans/fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

/**
 * Issue 18 item 13: a clerk enters a debtor and a loan without the mouse. Alt+N puts the cursor in
 * the form's first field (not on the dialog, with the × as the first Tab stop), and tabbing
 * through the loan form does not open calendars over the fields below.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await nextTick();
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe('keyboard entry', () => {
  beforeAll(() => installDialogFocus());
  afterEach(() => resetWorld());

  it('Alt+N on the debtors list opens the form with the cursor in the NIK, and the × is not a Tab stop', async () => {
    mockBackend({
      'debtors.list': () => ({ rows: [debtor()], total: 1, page: 1, pageSize: 50 }),
      'reference.list': () => ({ kecamatan: [], sektor: [] }),
    });
    mountWithApp(DebtorsPage, {}, { signedInAs: 'operator' });
    await settle();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', altKey: true, bubbles: true, cancelable: true }));
    await settle();
    const form = byTestId('debtor-form');
    expect(document.activeElement).toBe(byTestId('debtor-nik'));
    const close = form.closest('.el-dialog')!.querySelector<HTMLElement>('.el-dialog__headerbtn')!;
    expect(close.tabIndex).toBe(-1);
  });

  it('tabbing into the loan form’s dates leaves their calendars closed; typing the date is enough', async () => {
    mockBackend({
      'banks.list': () => [BSB, BRI],
      'schemes.list': () => [scheme()],
      'debtors.list': () => ({ rows: [], total: 0, page: 1, pageSize: 20 }),
      'loans.previewSchedule': () => schedule(),
      'loans.check': () => [],
      'loans.save': () => loanDetail(),
    });
    const { wrapper } = mountWithApp(LoanForm, {
      props: { modelValue: false, loan: null, 'onUpdate:modelValue': (v: boolean) => void wrapper.setProps({ modelValue: v }) },
    });
    await (wrapper as VueWrapper).setProps({ modelValue: true });
    await settle();
    for (const id of ['loan-tanggal-akad', 'loan-tanggal-cair', 'loan-angsuran-pertama']) {
      const input = byTestId(id).querySelector('input')!;
      input.focus();
      input.dispatchEvent(new FocusEvent('focus'));
      await settle();
      const open = [...document.querySelectorAll<HTMLElement>('.el-picker-panel')].filter((p) => p.closest('[style*="display: none"]') === null);
      expect(
        open.map((p) => p.className),
        id,
      ).toEqual([]);
    }
  });
});
