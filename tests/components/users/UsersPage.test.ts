// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import type { User, UserSaveInput } from '@contract';
import { ApiError } from '@/api';
import { setLocale } from '@/i18n';
import { useAuthStore } from '@/features/auth/store';
import UsersPage from '@/features/users/UsersPage.vue';
import { bank, buttonByText, byTestId, callsTo, fieldError, mockBackend, mountWithApp, queryTestId, resetWorld, selectedLabel, typeInto, visibleDialog } from '../setup';
import { chooseOption } from '../loans/dom';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const BSB = bank({ id: 1, kode: 'BSB', nama: 'Bank Sumsel Babel' });
const BRI = bank({ id: 2, kode: 'BRI', nama: 'BRI Unit Lawang Kidul' });
const BPR_OLD = bank({ id: 3, kode: 'BPRL', nama: 'BPR Lama', aktif: false });

function user(overrides: Partial<User> = {}): User {
  return { id: 1, username: 'admin', nama: 'Administrator', peran: 'admin', bankId: null, bankNama: null, wajibGantiSandi: false, terkunciSampai: null, aktif: true, ...overrides };
}

/** Ten minutes from now (the clock is not frozen: Vue needs it to move), and how the page shows it. */
const LOCK = new Date(Date.now() + 10 * 60_000);
const LOCK_HHMM = `${String(LOCK.getHours()).padStart(2, '0')}.${String(LOCK.getMinutes()).padStart(2, '0')}`;

const ADMIN = user();
const RINA = user({ id: 2, username: 'rina', nama: 'Rina Marlina', peran: 'operator', wajibGantiSandi: true });
const YUSUF = user({ id: 3, username: 'yusuf.bsb', nama: 'Yusuf Effendi', peran: 'bank', bankId: 1, bankNama: 'Bank Sumsel Babel', terkunciSampai: LOCK.toISOString() });
const DEWI = user({ id: 4, username: 'dewi', nama: 'Dewi Lestari', peran: 'verifikator', terkunciSampai: '2020-01-01T00:00:00.000Z' });
const LAMA = user({ id: 5, username: 'pemantau1', nama: 'Hendra Lama', peran: 'pemantau', aktif: false });

/** A backend holding users; users.save / setActive / resetPassword change them and users.list reads them. */
function usersBackend(initial: User[] = [ADMIN, RINA, YUSUF, DEWI, LAMA]): User[] {
  const users = initial.map((u) => ({ ...u }));
  const find = (id: number) => users.find((u) => u.id === id)!;
  mockBackend({
    'users.list': () => users.map((u) => ({ ...u })),
    'banks.list': () => [BSB, BRI, BPR_OLD],
    'users.save': (input: UserSaveInput) => {
      const bankId = input.bankId ?? null;
      const fields = { username: input.username, nama: input.nama, peran: input.peran, bankId, bankNama: [BSB, BRI, BPR_OLD].find((b) => b.id === bankId)?.nama ?? null };
      if (input.id !== undefined) {
        Object.assign(find(input.id), fields);
        return { ...find(input.id) };
      }
      const created = user({ ...fields, id: 100 + users.length, wajibGantiSandi: true });
      users.push(created);
      return { ...created };
    },
    'users.setActive': ({ id, aktif }) => {
      find(id).aktif = aktif;
      return { ...find(id) };
    },
    'users.resetPassword': ({ id }) => {
      Object.assign(find(id), { wajibGantiSandi: true, terkunciSampai: null });
      return { ...find(id) };
    },
  });
  return users;
}

async function mountPage(): Promise<void> {
  mountWithApp(UsersPage);
  await flushPromises();
  await nextTick();
}

const text = (e: Element | null | undefined): string => e?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const headers = () => [...byTestId('user-table').querySelectorAll('.el-table__header th')].map(text);
const bodyRows = () => [...byTestId('user-table').querySelectorAll<HTMLTableRowElement>('.el-table__body tbody tr')];
/** A row's cells as text; the status cell as its tags joined by ' | ', the actions cell as its buttons joined the same way. */
function cells(tr: HTMLTableRowElement): string[] {
  return [...tr.querySelectorAll('td')].map((td) => {
    const parts = [...td.querySelectorAll('.el-tag, button')].map(text);
    return parts.length ? parts.join(' | ') : text(td);
  });
}
const tableRows = () => bodyRows().map(cells);
function rowOf(username: string): HTMLTableRowElement {
  const row = bodyRows().find((tr) => text(tr.querySelector('td')) === username);
  if (!row) throw new Error(`no row for ${username}`);
  return row;
}

async function click(el: HTMLElement): Promise<void> {
  el.click();
  await flushPromises();
}
const clickTestId = (testId: string) => click(byTestId(testId));
const clickInRow = (username: string, label: string) => click(buttonByText(label, rowOf(username)));

function pressAlt(key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, altKey: true, bubbles: true, cancelable: true });
  window.dispatchEvent(event);
  return event;
}

async function pressEnter(el: Element): Promise<void> {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
  await flushPromises();
}

/** The confirmation box of useActiveToggle, once it is on screen. */
async function messageBox(): Promise<HTMLElement> {
  await flushPromises();
  await nextTick();
  const box = document.body.querySelector<HTMLElement>('.el-message-box');
  if (!box) throw new Error('no confirmation box');
  return box;
}

const errorToast = () => text(document.body.querySelector('.el-message--error'));
const successToast = () => text(document.body.querySelector('.el-message--success'));

describe('UsersPage', () => {
  beforeEach(() => {
    usersBackend();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    resetWorld();
  });

  describe('the list', () => {
    it('shows the active users with role, bank and status, without missing translations', async () => {
      const warn = vi.spyOn(console, 'warn');
      await mountPage();
      expect(warn).not.toHaveBeenCalled();
      expect(callsTo('users.list')).toEqual([{}]);
      expect(headers()).toEqual(['Nama pengguna', 'Nama lengkap', 'Peran', 'Bank', 'Status', 'Aksi']);
      expect(tableRows().map((r) => r.slice(0, 5))).toEqual([
        ['admin', 'Administrator', 'Admin', '', 'Aktif'],
        ['rina', 'Rina Marlina', 'Operator', '', 'Aktif | wajib ganti sandi'],
        ['yusuf.bsb', 'Yusuf Effendi', 'Petugas bank', 'Bank Sumsel Babel', `Aktif | terkunci sampai ${LOCK_HHMM}`],
        // A lock that has run out is not shown.
        ['dewi', 'Dewi Lestari', 'Verifikator', '', 'Aktif'],
      ]);
      expect(tableRows()[0]![5]).toBe('Ubah | Atur ulang sandi | Nonaktifkan');
    });

    it('shows inactive users with the switch, and filters by the search text', async () => {
      await mountPage();
      await click(byTestId('user-table').closest('.page')!.querySelector<HTMLElement>('.el-switch')!);
      expect(tableRows().map((r) => r[0])).toEqual(['admin', 'rina', 'yusuf.bsb', 'dewi', 'pemantau1']);
      expect(tableRows()[4]!.slice(2, 5)).toEqual(['Pemantau', '', 'Nonaktif']);
      expect(tableRows()[4]![5]).toContain('Aktifkan');

      typeInto('list-search', 'sumsel');
      await flushPromises();
      expect(tableRows().map((r) => r[0])).toEqual(['yusuf.bsb']);
      typeInto('list-search', 'RINA');
      await flushPromises();
      expect(tableRows().map((r) => r[0])).toEqual(['rina']);
      // Filtering is done on the rows already read.
      expect(callsTo('users.list')).toHaveLength(1);
    });

    it('shows the empty text when there are no users to show', async () => {
      usersBackend([]);
      await mountPage();
      expect(tableRows()).toEqual([]);
      expect(byTestId('user-table').textContent).toContain('Belum ada data');
    });

    it('shows a refusal of users.list as a message', async () => {
      mockBackend({
        'users.list': () => {
          throw new ApiError({ code: 'FORBIDDEN', message: 'Anda tidak berwenang membuka daftar pengguna.' });
        },
      });
      await mountPage();
      expect(errorToast()).toContain('Anda tidak berwenang membuka daftar pengguna.');
    });
  });

  describe('a new user', () => {
    it('opens an empty form from Tambah and with Alt+N, with the role labels and the password rule', async () => {
      await mountPage();
      expect(visibleDialog('user-form')).toBeNull();
      const event = pressAlt('n');
      await flushPromises();
      expect(event.defaultPrevented).toBe(true);
      const dialog = visibleDialog('user-form')!;
      expect(dialog).not.toBeNull();
      expect(text(dialog.querySelector('.el-dialog__title'))).toBe('Pengguna baru');
      expect(byTestId<HTMLInputElement>('user-username').value).toBe('');
      expect(byTestId<HTMLInputElement>('user-nama').value).toBe('');
      expect(selectedLabel('user-peran')).toBe('Operator');
      expect(queryTestId('user-bank')).toBeNull();
      expect(byTestId<HTMLInputElement>('user-password').type).toBe('password');
      expect(text(byTestId('user-password-rule'))).toContain('Min 8 karakter, huruf dan angka');
      const peranOptions = [
        ...document.getElementById(byTestId('user-peran').querySelector('input')!.getAttribute('aria-controls')!)!.querySelectorAll('.el-select-dropdown__item'),
      ].map(text);
      expect(peranOptions).toEqual(['Admin', 'Operator', 'Verifikator', 'Petugas bank', 'Pemantau']);
    });

    it('sends exactly what was typed, with bankId null for a role other than bank, then lists the user', async () => {
      await mountPage();
      await clickTestId('user-add');
      typeInto('user-username', 'sari');
      typeInto('user-nama', 'Sari Wulandari');
      await chooseOption('Verifikator', 'user-peran');
      typeInto('user-password', 'rahasia123');
      await clickTestId('user-save');

      expect(callsTo('users.save')).toStrictEqual([{ username: 'sari', nama: 'Sari Wulandari', peran: 'verifikator', bankId: null, passwordAwal: 'rahasia123' }]);
      expect(visibleDialog('user-form')).toBeNull();
      expect(successToast()).toContain('Data tersimpan');
      expect(callsTo('users.list')).toHaveLength(2);
      expect(rowOf('sari').textContent).toContain('Sari Wulandari');
      expect(cells(rowOf('sari'))[4]).toBe('Aktif | wajib ganti sandi');
    });

    it('offers the active banks (only) for a bank officer and sends the chosen bankId', async () => {
      await mountPage();
      await clickTestId('user-add');
      await chooseOption('Petugas bank', 'user-peran');
      expect(queryTestId('user-bank')).not.toBeNull();
      expect(callsTo('banks.list')).toEqual([{ includeInactive: true }]);
      const offered = [...document.getElementById(byTestId('user-bank').querySelector('input')!.getAttribute('aria-controls')!)!.querySelectorAll('.el-select-dropdown__item')].map(
        text,
      );
      expect(offered).toEqual(['Bank Sumsel Babel', 'BRI Unit Lawang Kidul']);
      typeInto('user-username', 'andi.bri');
      typeInto('user-nama', 'Andi Saputra');
      await chooseOption('BRI Unit Lawang Kidul', 'user-bank');
      typeInto('user-password', 'lawang2025');
      await clickTestId('user-save');
      expect(callsTo('users.save')).toStrictEqual([{ username: 'andi.bri', nama: 'Andi Saputra', peran: 'bank', bankId: 2, passwordAwal: 'lawang2025' }]);
      expect(
        tableRows()
          .find((r) => r[0] === 'andi.bri')!
          .slice(2, 4),
      ).toEqual(['Petugas bank', 'BRI Unit Lawang Kidul']);
    });

    it('requires a bank for a bank officer: the message sits beside the field and nothing is sent', async () => {
      await mountPage();
      await clickTestId('user-add');
      typeInto('user-username', 'andi.bri');
      typeInto('user-nama', 'Andi Saputra');
      await chooseOption('Petugas bank', 'user-peran');
      typeInto('user-password', 'lawang2025');
      await clickTestId('user-save');
      expect(callsTo('users.save')).toEqual([]);
      expect(visibleDialog('user-form')).not.toBeNull();
      expect(await fieldError('user-bank')).toBe('Petugas bank harus terikat pada satu bank');
    });

    it('drops a bank chosen before the role was changed away from bank', async () => {
      await mountPage();
      await clickTestId('user-add');
      await chooseOption('Petugas bank', 'user-peran');
      await chooseOption('Bank Sumsel Babel', 'user-bank');
      await chooseOption('Pemantau', 'user-peran');
      expect(queryTestId('user-bank')).toBeNull();
      typeInto('user-username', 'budi');
      typeInto('user-nama', 'Budi Santoso');
      typeInto('user-password', 'pantau123');
      await clickTestId('user-save');
      expect(callsTo('users.save')[0]).toMatchObject({ peran: 'pemantau', bankId: null });
    });

    it('shows a duplicate user name beside the field and as a message, keeping the form open', async () => {
      mockBackend({
        'users.list': () => [ADMIN, RINA],
        'banks.list': () => [BSB],
        'users.save': () => {
          throw new ApiError({ code: 'VALIDATION', message: 'Nama pengguna rina sudah dipakai', fields: { username: 'Nama pengguna rina sudah dipakai' } });
        },
      });
      await mountPage();
      await clickTestId('user-add');
      typeInto('user-username', 'rina');
      typeInto('user-nama', 'Rina Kedua');
      typeInto('user-password', 'rahasia123');
      await clickTestId('user-save');
      expect(visibleDialog('user-form')).not.toBeNull();
      expect(await fieldError('user-username')).toBe('Nama pengguna rina sudah dipakai');
      expect(errorToast()).toContain('Nama pengguna rina sudah dipakai');
    });

    it('shows a weak initial password refused by the service beside the password field', async () => {
      mockBackend({
        'users.list': () => [ADMIN],
        'banks.list': () => [],
        'users.save': () => {
          throw new ApiError({
            code: 'VALIDATION',
            message: 'Isian belum benar: Kata sandi harus berisi huruf dan angka',
            fields: { passwordAwal: 'Kata sandi harus berisi huruf dan angka' },
          });
        },
      });
      await mountPage();
      await clickTestId('user-add');
      typeInto('user-username', 'sari');
      typeInto('user-nama', 'Sari');
      typeInto('user-password', 'abcdefgh');
      await clickTestId('user-save');
      expect(await fieldError('user-password')).toBe('Kata sandi harus berisi huruf dan angka');
    });

    it('saves with Enter', async () => {
      await mountPage();
      await clickTestId('user-add');
      typeInto('user-username', 'sari');
      typeInto('user-nama', 'Sari Wulandari');
      const password = typeInto('user-password', 'rahasia123');
      await nextTick();
      await pressEnter(password);
      expect(callsTo('users.save')).toHaveLength(1);
      expect(visibleDialog('user-form')).toBeNull();
    });
  });

  describe('editing a user', () => {
    it('fills the form, hides the password, and sends no passwordAwal', async () => {
      await mountPage();
      await clickInRow('yusuf.bsb', 'Ubah');
      const dialog = visibleDialog('user-form')!;
      expect(text(dialog.querySelector('.el-dialog__title'))).toBe('Ubah pengguna');
      expect(byTestId<HTMLInputElement>('user-username').value).toBe('yusuf.bsb');
      expect(byTestId<HTMLInputElement>('user-nama').value).toBe('Yusuf Effendi');
      expect(selectedLabel('user-peran')).toBe('Petugas bank');
      expect(selectedLabel('user-bank')).toBe('Bank Sumsel Babel');
      expect(queryTestId('user-password')).toBeNull();

      typeInto('user-nama', 'Yusuf Effendi, S.E.');
      await clickTestId('user-save');
      const sent = callsTo('users.save');
      expect(sent).toStrictEqual([{ id: 3, username: 'yusuf.bsb', nama: 'Yusuf Effendi, S.E.', peran: 'bank', bankId: 1 }]);
      expect(sent[0]).not.toHaveProperty('passwordAwal');
      expect(rowOf('yusuf.bsb').textContent).toContain('Yusuf Effendi, S.E.');
    });

    it('clears the bank when a bank officer becomes an operator', async () => {
      await mountPage();
      await clickInRow('yusuf.bsb', 'Ubah');
      await chooseOption('Operator', 'user-peran');
      await clickTestId('user-save');
      expect(callsTo('users.save')).toStrictEqual([{ id: 3, username: 'yusuf.bsb', nama: 'Yusuf Effendi', peran: 'operator', bankId: null }]);
    });

    it('still shows an inactive bank the user is bound to', async () => {
      usersBackend([user({ id: 9, username: 'lama.bpr', nama: 'Petugas BPR', peran: 'bank', bankId: 3, bankNama: 'BPR Lama' })]);
      await mountPage();
      await clickInRow('lama.bpr', 'Ubah');
      expect(selectedLabel('user-bank')).toBe('BPR Lama (nonaktif)');
    });

    it('shows the refusal to take away the last admin as a message', async () => {
      mockBackend({
        'users.list': () => [ADMIN],
        'banks.list': () => [],
        'users.save': () => {
          throw new ApiError({ code: 'CONFLICT', message: 'Harus tetap ada sedikitnya satu admin aktif.' });
        },
      });
      await mountPage();
      await clickInRow('admin', 'Ubah');
      await chooseOption('Operator', 'user-peran');
      await clickTestId('user-save');
      expect(visibleDialog('user-form')).not.toBeNull();
      expect(errorToast()).toContain('Harus tetap ada sedikitnya satu admin aktif.');
    });

    it('Alt+N while editing keeps the edit', async () => {
      await mountPage();
      await clickInRow('rina', 'Ubah');
      pressAlt('n');
      await flushPromises();
      expect(text(visibleDialog('user-form')!.querySelector('.el-dialog__title'))).toBe('Ubah pengguna');
      expect(byTestId<HTMLInputElement>('user-username').value).toBe('rina');
    });
  });

  describe('resetting a password', () => {
    it('explains what happens and sends {id, passwordBaru}; the lock disappears', async () => {
      await mountPage();
      await clickInRow('yusuf.bsb', 'Atur ulang sandi');
      const dialog = visibleDialog('reset-form')!;
      expect(dialog).not.toBeNull();
      expect(text(dialog.querySelector('.el-dialog__title'))).toBe('Atur ulang kata sandi');
      expect(text(byTestId('reset-for'))).toBe('Kata sandi sementara untuk Yusuf Effendi (yusuf.bsb).');
      const explain = text(byTestId('reset-explain'));
      expect(explain).toContain('wajib menggantinya saat masuk berikutnya');
      expect(explain).toContain('kuncinya dibuka');
      expect(dialog.textContent).toContain('Min 8 karakter, huruf dan angka');
      expect(byTestId<HTMLInputElement>('reset-password').value).toBe('');

      typeInto('reset-password', 'sementara1');
      await clickTestId('reset-save');
      expect(callsTo('users.resetPassword')).toStrictEqual([{ id: 3, passwordBaru: 'sementara1' }]);
      expect(visibleDialog('reset-form')).toBeNull();
      expect(successToast()).toContain('Kata sandi yusuf.bsb telah diatur ulang');
      expect(tableRows().find((r) => r[0] === 'yusuf.bsb')![4]).toBe('Aktif | wajib ganti sandi');
    });

    it('saves with Enter and starts empty the next time', async () => {
      await mountPage();
      await clickInRow('dewi', 'Atur ulang sandi');
      const input = typeInto('reset-password', 'sementara2');
      await nextTick();
      await pressEnter(input);
      expect(callsTo('users.resetPassword')).toEqual([{ id: 4, passwordBaru: 'sementara2' }]);
      await clickInRow('rina', 'Atur ulang sandi');
      expect(text(byTestId('reset-for'))).toContain('Rina Marlina (rina)');
      expect(byTestId<HTMLInputElement>('reset-password').value).toBe('');
    });

    it('shows a refused password beside the field and keeps the dialog open', async () => {
      mockBackend({
        'users.list': () => [ADMIN, RINA],
        'users.resetPassword': () => {
          throw new ApiError({
            code: 'VALIDATION',
            message: 'Isian belum benar: Kata sandi paling sedikit 8 karakter',
            fields: { passwordBaru: 'Kata sandi paling sedikit 8 karakter' },
          });
        },
      });
      await mountPage();
      await clickInRow('rina', 'Atur ulang sandi');
      typeInto('reset-password', 'abc1');
      await clickTestId('reset-save');
      expect(visibleDialog('reset-form')).not.toBeNull();
      expect(await fieldError('reset-password')).toBe('Kata sandi paling sedikit 8 karakter');
      expect(errorToast()).toContain('Kata sandi paling sedikit 8 karakter');
    });
  });

  describe('activating and deactivating', () => {
    it('asks first, then deactivates; the user leaves the list of active users', async () => {
      await mountPage();
      await clickInRow('rina', 'Nonaktifkan');
      const box = await messageBox();
      expect(box.textContent).toContain('Nonaktifkan Rina Marlina?');
      await click(buttonByText('Nonaktifkan', box));
      await flushPromises();
      expect(callsTo('users.setActive')).toEqual([{ id: 2, aktif: false }]);
      expect(tableRows().map((r) => r[0])).not.toContain('rina');
    });

    it('sends nothing when the question is cancelled', async () => {
      await mountPage();
      await clickInRow('rina', 'Nonaktifkan');
      await click(buttonByText('Batal', await messageBox()));
      await flushPromises();
      expect(callsTo('users.setActive')).toEqual([]);
    });

    it('activates an inactive user at once', async () => {
      await mountPage();
      await click(byTestId('user-table').closest('.page')!.querySelector<HTMLElement>('.el-switch')!);
      await clickInRow('pemantau1', 'Aktifkan');
      expect(callsTo('users.setActive')).toEqual([{ id: 5, aktif: true }]);
      expect(tableRows().find((r) => r[0] === 'pemantau1')![4]).toBe('Aktif');
    });

    it('does not offer to deactivate the signed-in admin’s own account', async () => {
      await mountPage();
      useAuthStore().session = { token: 't', userId: 1, username: 'admin', nama: 'Administrator', peran: 'admin', bankId: null, bankNama: null, wajibGantiSandi: false };
      await nextTick();
      const own = buttonByText('Nonaktifkan', rowOf('admin'));
      expect(own.disabled).toBe(true);
      expect(own.closest('[title]')?.getAttribute('title')).toBe('Anda tidak dapat menonaktifkan akun Anda sendiri.');
      expect(buttonByText('Nonaktifkan', rowOf('rina')).disabled).toBe(false);
    });

    it('shows the service’s refusal as a message', async () => {
      mockBackend({
        'users.list': () => [ADMIN, RINA],
        'users.setActive': () => {
          throw new ApiError({ code: 'CONFLICT', message: 'Harus tetap ada sedikitnya satu admin aktif.' });
        },
      });
      await mountPage();
      await clickInRow('admin', 'Nonaktifkan');
      await click(buttonByText('Nonaktifkan', await messageBox()));
      await flushPromises();
      expect(errorToast()).toContain('Harus tetap ada sedikitnya satu admin aktif.');
    });
  });

  describe('in English', () => {
    it('labels the table, roles, statuses and forms in English', async () => {
      setLocale('en');
      const warn = vi.spyOn(console, 'warn');
      await mountPage();
      expect(warn).not.toHaveBeenCalled();
      expect(headers()).toEqual(['User name', 'Full name', 'Role', 'Bank', 'Status', 'Actions']);
      expect(tableRows().map((r) => r.slice(2, 5))).toEqual([
        ['Admin', '', 'Active'],
        ['Operator', '', 'Active | must change password'],
        ['Bank officer', 'Bank Sumsel Babel', `Active | locked until ${LOCK_HHMM}`],
        ['Verifier', '', 'Active'],
      ]);
      expect(tableRows()[0]![5]).toBe('Edit | Reset password | Deactivate');

      await clickTestId('user-add');
      const dialog = visibleDialog('user-form')!;
      expect(text(dialog.querySelector('.el-dialog__title'))).toBe('New user');
      expect(text(byTestId('user-password-rule'))).toContain('At least 8 characters, with letters and digits.');
      expect(selectedLabel('user-peran')).toBe('Operator');
      await chooseOption('Viewer', 'user-peran');
      expect(selectedLabel('user-peran')).toBe('Viewer');
      await clickTestId('user-cancel');

      await clickInRow('rina', 'Reset password');
      expect(text(byTestId('reset-explain'))).toContain('They must change it at their next sign-in');
      expect(text(byTestId('reset-explain'))).toContain('it is unlocked');
    });
  });
});
