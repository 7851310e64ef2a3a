// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick, type Component } from 'vue';
import type { Insurer, Role, User } from '@contract';
import BanksPage from '@/features/banks/BanksPage.vue';
import DebtorsPage from '@/features/debtors/DebtorsPage.vue';
import InsurersPage from '@/features/insurers/InsurersPage.vue';
import ReferencePage from '@/features/reference/ReferencePage.vue';
import SchemesPage from '@/features/schemes/SchemesPage.vue';
import UsersPage from '@/features/users/UsersPage.vue';
import { setLocale } from '@/i18n';
import { bank, byTestId, callsTo, debtor, mockBackend, mountWithApp, resetWorld } from './setup';
import { fakeLoanService, loanDetail, scheme } from './loans/fixtures';
import { openLoanPage } from './loans/page';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

/**
 * Issue 18 item 10: a button the role may not use is not offered as if it would work (and then
 * refused after the clerk filled the dialog): it stays, disabled, saying who may — read from the
 * access table the main process enforces.
 */
const INSURER: Insurer = { id: 3, kode: 'JAMKRINDO', nama: 'Perum Jamkrindo', jenis: 'penjaminan', alamat: null, picNama: null, telepon: null, email: null, aktif: true };
const USER: User = { id: 5, username: 'budi', nama: 'Budi', peran: 'operator', bankId: null, bankNama: null, wajibGantiSandi: false, terkunciSampai: null, aktif: true };

function backend(): void {
  mockBackend({
    'debtors.list': () => ({ rows: [debtor()], total: 1, page: 1, pageSize: 50 }),
    'reference.list': () => ({ kecamatan: [{ id: 1, nama: 'Muara Enim', kodeWilayah: '16.03.10', aktif: true }], sektor: [{ id: 1, nama: 'Perdagangan', aktif: true }] }),
    'banks.list': () => [bank()],
    'insurers.list': () => [INSURER],
    'schemes.list': () => [scheme()],
    'users.list': () => [USER],
  });
}

/** Each button's label, whether it is disabled, and the tooltip around it. */
function buttons(root: Element = document.body): { text: string; disabled: boolean; why: string | null }[] {
  return [...root.querySelectorAll('button')].map((b) => ({
    text: b.textContent?.trim() ?? '',
    disabled: b.disabled,
    why: b.closest('[title]')?.getAttribute('title') || null,
  }));
}
const rowButtons = (testId?: string) => buttons(testId ? byTestId(testId).querySelector('.el-table__body')! : document.querySelector('.el-table__body')!);

async function mountAs(page: Component, role: Role) {
  mountWithApp(page, {}, { signedInAs: role });
  await flushPromises();
  await nextTick();
}

const ENTRY = 'Hanya Admin atau Operator yang dapat melakukan ini.';
const ADMIN = 'Hanya Admin yang dapat melakukan ini.';

describe('row buttons a role cannot use are disabled, saying who may', () => {
  afterEach(() => resetWorld());

  it('debtors: a verifier sees Ubah and Nonaktifkan disabled (entry staff’s work); an operator may use them', async () => {
    backend();
    await mountAs(DebtorsPage, 'verifikator');
    expect(rowButtons('debtor-table')).toEqual([
      { text: 'Ubah', disabled: true, why: ENTRY },
      { text: 'Nonaktifkan', disabled: true, why: ENTRY },
    ]);
    resetWorld();
    backend();
    await mountAs(DebtorsPage, 'operator');
    expect(rowButtons('debtor-table').map((b) => [b.text, b.disabled, b.why])).toEqual([
      ['Ubah', false, null],
      ['Nonaktifkan', false, null],
    ]);
  });

  it.each<[string, Component, string]>([
    ['banks', BanksPage, 'bank-table'],
    ['insurers', InsurersPage, ''],
    ['schemes', SchemesPage, ''],
  ])('%s: only an admin may change them, so an operator’s row buttons are disabled', async (_name, page, table) => {
    backend();
    await mountAs(page, 'operator');
    const row = rowButtons(table || undefined);
    expect(row.map((b) => b.text)).toEqual(['Ubah', 'Nonaktifkan']);
    expect(row.every((b) => b.disabled && b.why === ADMIN)).toBe(true);
  });

  it('reference data: an operator cannot add or edit kecamatan', async () => {
    backend();
    await mountAs(ReferencePage, 'operator');
    const all = buttons(byTestId('kecamatan-table').closest('.el-tab-pane')!);
    expect(all).toHaveLength(3);
    expect(all.every((b) => b.disabled && b.why === ADMIN)).toBe(true);
  });

  it('users: an admin is offered every row button', async () => {
    backend();
    await mountAs(UsersPage, 'admin');
    const row = rowButtons('user-table');
    expect(row.map((b) => [b.text, b.disabled])).toEqual([
      ['Ubah', false],
      ['Atur ulang sandi', false],
      ['Nonaktifkan', false],
    ]);
    expect(callsTo('users.list')).toHaveLength(1);
  });

  it('says who may in English too', async () => {
    setLocale('en');
    backend();
    await mountAs(BanksPage, 'verifikator');
    expect(rowButtons('bank-table')[0]).toEqual({ text: 'Edit', disabled: true, why: 'Only Admin can do this.' });
  });
});

describe('the loan’s lifecycle steps follow the split of loans.transition', () => {
  afterEach(() => resetWorld());

  async function openAs(role: Role) {
    mockBackend(fakeLoanService(loanDetail({ status: 'diajukan' })).backend);
    await openLoanPage(41, { signedInAs: role });
    return buttons(byTestId('loan-actions'));
  }
  const VERIFY = 'Hanya Admin atau Verifikator yang dapat melakukan ini.';

  it('an operator may edit the application but not approve or reject it', async () => {
    expect(await openAs('operator')).toEqual([
      { text: 'Ubah', disabled: false, why: null },
      { text: 'Setujui', disabled: true, why: VERIFY },
      { text: 'Tolak', disabled: true, why: VERIFY },
    ]);
  });

  it('a verifier may approve or reject it but not edit it', async () => {
    expect(await openAs('verifikator')).toEqual([
      { text: 'Ubah', disabled: true, why: ENTRY },
      { text: 'Setujui', disabled: false, why: null },
      { text: 'Tolak', disabled: false, why: null },
    ]);
  });

  it('a viewer may do none of it', async () => {
    const shown = await openAs('pemantau');
    expect(shown.map((b) => b.disabled)).toEqual([true, true, true]);
  });
});
