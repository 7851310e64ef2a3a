// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import type { BackupEntry, BackupList, RestoreAnswer, Role, SessionInfo } from '@contract';
import { ApiError } from '@/api';
import { setLocale } from '@/i18n';
import BackupPage from '@/features/backup/BackupPage.vue';
import { useAuthStore } from '@/features/auth/store';
import { useBackupStore } from '@/features/backup/store';
import { byTestId, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld, visibleDialog, type Backend } from '../setup';
import { tableCells, text } from '../subsidy/fixtures';
import { toasts } from '../budget/fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const FOLDER = 'C:/Users/sekretariat/AppData/Roaming/Gerbang Serasan/cadangan';

function entry(name: string, kind: BackupEntry['kind'], createdAt: string, size: number): BackupEntry {
  return { name, kind, createdAt, size, path: `${FOLDER}/${name}` };
}

const MANUAL = entry('gerbang-serasan-20261123-101500.sqlite', 'manual', '2026-11-23T10:15:00', 3_250_000);
const AUTO = entry('gerbang-serasan-otomatis-20261123-080102.sqlite', 'otomatis', '2026-11-23T08:01:02', 3_100_000);
const BEFORE = entry('sebelum-pulih-20261120-161000.sqlite', 'sebelum-pulih', '2026-11-20T16:10:00', 2_048);

function list(backups: BackupEntry[] = [MANUAL, AUTO, BEFORE]): BackupList {
  return { folder: FOLDER, backups, keepAutomatic: 7 };
}

function session(peran: Role): SessionInfo {
  return { token: 't', userId: 1, username: 'rina', nama: 'Rina', peran, bankId: null, bankNama: null, wajibGantiSandi: false };
}

/** A promise the test resolves or rejects when it wants: to see the page while a call is under way. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function mountPage(role: Role | null = 'admin', backend: Backend = {}): Promise<void> {
  mockBackend({ 'backup.list': () => list(), ...backend });
  mountWithApp(BackupPage);
  if (role) useAuthStore().session = session(role);
  await flushPromises();
}

async function click(testId: string): Promise<void> {
  byTestId<HTMLButtonElement>(testId).click();
  await flushPromises();
}

const headers = () => [...byTestId('backup-table').querySelectorAll('.el-table__header th')].map((th) => th.textContent?.trim());
const restoreDialog = () => visibleDialog('backup-restore-dialog');

describe('BackupPage', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetWorld();
  });

  describe('the list', () => {
    it('shows every backup with local date and time, kind, size and file name, and where the folder is', async () => {
      const warn = vi.spyOn(console, 'warn');
      await mountPage();
      expect(warn).not.toHaveBeenCalled();
      expect(callsTo('backup.list')).toEqual([{}]);
      expect(byTestId('backup-page').querySelector('h1')?.textContent).toBe('Cadangan Data');
      expect(headers()).toEqual(['Waktu', 'Jenis', 'Ukuran', 'Nama berkas', 'Aksi']);
      expect(tableCells('backup-table')).toEqual([
        ['23/11/2026 10:15:00', 'Manual', '3,1 MB', MANUAL.name, 'Pulihkan'],
        ['23/11/2026 08:01:02', 'Otomatis harian', '3,0 MB', AUTO.name, 'Pulihkan'],
        ['20/11/2026 16:10:00', 'Sebelum pemulihan', '2,0 KB', BEFORE.name, 'Pulihkan'],
      ]);
      expect(text('backup-folder')).toBe(`Folder cadangan: ${FOLDER}`);
      expect(byTestId('backup-page').textContent).toContain('menyimpan 7 yang terbaru');
    });

    it('says so when there is none yet, and shows the service’s message when the folder cannot be read', async () => {
      await mountPage('admin', { 'backup.list': () => list([]) });
      expect(byTestId('backup-table').textContent).toContain('Belum ada cadangan');
      resetWorld();

      await mountPage('admin', {
        'backup.list': () => {
          throw new ApiError({ code: 'INTERNAL', message: 'Folder cadangan tidak dapat dibaca' });
        },
      });
      expect(text('backup-error')).toBe('Folder cadangan tidak dapat dibaca');
    });

    it('is in English when the app is', async () => {
      setLocale('en');
      await mountPage();
      expect(headers()).toEqual(['Time', 'Kind', 'Size', 'File name', 'Actions']);
      expect(tableCells('backup-table')[1]![1]).toBe('Daily automatic');
      expect(byTestId('backup-create').textContent?.trim()).toBe('Back up now');
    });

    it('offers what the role may do: an operator backs up but does not restore; without a role, neither', async () => {
      await mountPage('operator');
      expect(queryTestId('backup-create')).not.toBeNull();
      expect(queryTestId(`backup-restore-${MANUAL.name}`)).toBeNull();
      expect(headers()).not.toContain('Aksi');
      resetWorld();

      await mountPage('pemantau');
      expect(queryTestId('backup-create')).toBeNull();
      expect(queryTestId(`backup-restore-${MANUAL.name}`)).toBeNull();
    });
  });

  describe('Buat cadangan sekarang', () => {
    it('shows that it is working, then names the new backup and lists it', async () => {
      const made = entry('gerbang-serasan-20261123-103000.sqlite', 'manual', '2026-11-23T10:30:00', 3_300_000);
      const pending = deferred<BackupEntry>();
      let backups = [MANUAL, AUTO, BEFORE];
      await mountPage('admin', { 'backup.list': () => list(backups), 'backup.create': () => pending.promise });

      await click('backup-create');
      const button = byTestId<HTMLButtonElement>('backup-create');
      expect(button.classList.contains('is-loading')).toBe(true);
      expect(button.textContent?.trim()).toBe('Membuat cadangan…');
      expect(callsTo('backup.create')).toEqual([{}]);

      backups = [made, ...backups];
      pending.resolve(made);
      await flushPromises();
      expect(button.classList.contains('is-loading')).toBe(false);
      expect(button.textContent?.trim()).toBe('Buat cadangan sekarang');
      expect(toasts('success')).toEqual(['Cadangan dibuat: gerbang-serasan-20261123-103000.sqlite (3,1 MB)']);
      expect(callsTo('backup.list')).toHaveLength(2);
      expect(tableCells('backup-table')[0]![3]).toBe(made.name);
    });

    it('shows the service’s message when no backup could be made', async () => {
      await mountPage('admin', {
        'backup.create': () => {
          throw new ApiError({ code: 'INTERNAL', message: 'Disk penuh: cadangan tidak dibuat' });
        },
      });
      await click('backup-create');
      expect(text('backup-error')).toBe('Disk penuh: cadangan tidak dibuat');
      expect(toasts('success')).toEqual([]);
    });
  });

  describe('restore', () => {
    const SAFETY = entry('sebelum-pulih-20261123-104500.sqlite', 'sebelum-pulih', '2026-11-23T10:45:00', 3_300_000);
    const RESULT: RestoreAnswer = { restoredFrom: AUTO.name, safetyCopy: SAFETY.name, schemaVersion: 7, daftar: list([SAFETY, MANUAL, AUTO, BEFORE]) };

    it('asks first, naming the file and saying that a copy of the current data is kept; cancel changes nothing', async () => {
      await mountPage('admin', { 'backup.restore': () => RESULT });
      expect(restoreDialog()).toBeNull();
      await click(`backup-restore-${AUTO.name}`);
      expect(restoreDialog()).not.toBeNull();
      expect(text('backup-restore-question')).toBe(`Pulihkan data dari cadangan ${AUTO.name} (23/11/2026 08:01:02)?`);
      expect(text('backup-restore-keeps')).toBe('Sebelum diganti, salinan data saat ini disimpan di folder cadangan sebagai sebelum-pulih-… sehingga dapat dipulihkan kembali.');
      await click('backup-restore-cancel');
      await nextTick();
      expect(restoreDialog()).toBeNull();
      expect(callsTo('backup.restore')).toEqual([]);
    });

    it('restores the chosen file by name, says where the previous data went, and offers to reload the app', async () => {
      const pending = deferred<RestoreAnswer>();
      await mountPage('admin', { 'backup.restore': () => pending.promise });
      const reload = vi.spyOn(useBackupStore(), 'reloadApp').mockImplementation(() => undefined);

      await click(`backup-restore-${AUTO.name}`);
      await click('backup-restore-confirm');
      expect(callsTo('backup.restore')).toEqual([{ name: AUTO.name }]);
      expect(byTestId('backup-restore-confirm').classList.contains('is-loading')).toBe(true);
      expect(byTestId('backup-restore-confirm').textContent?.trim()).toBe('Memulihkan…');

      pending.resolve(RESULT);
      await flushPromises();
      await nextTick();
      expect(restoreDialog()).toBeNull();
      expect(text('backup-restored')).toContain(
        `Data dipulihkan dari ${AUTO.name}. Data sebelumnya disimpan sebagai ${RESULT.safetyCopy}. Muat ulang aplikasi untuk melanjutkan; Anda perlu masuk kembali.`,
      );
      // Nothing more is asked of the main process (it ended every session) until the reload; the
      // list came with the answer, with the copy of the data as it was (issue 18, item 14).
      expect(callsTo('backup.list')).toHaveLength(1);
      expect(text('backup-table')).toContain(SAFETY.name);
      expect(byTestId<HTMLButtonElement>(`backup-restore-${MANUAL.name}`).disabled).toBe(true);
      expect(byTestId<HTMLButtonElement>('backup-create').disabled).toBe(true);
      await click('backup-reload');
      expect(reload).toHaveBeenCalledOnce();
    });

    it('shows why a backup was refused in the dialog, and nothing else happens', async () => {
      const refusal = `Cadangan ${BEFORE.name} ditolak: Berkas basis data rusak: pemeriksaan integritas menemukan 3 masalah (pertama: Page 5: btreeInitPage() returns error code 11). Data saat ini tidak diubah.`;
      await mountPage('admin', {
        'backup.restore': () => {
          throw new ApiError({ code: 'VALIDATION', message: refusal });
        },
      });
      await click(`backup-restore-${BEFORE.name}`);
      await click('backup-restore-confirm');
      expect(restoreDialog()).not.toBeNull();
      expect(text('backup-restore-error')).toBe(refusal);
      expect(queryTestId('backup-restored')).toBeNull();
      expect(byTestId<HTMLButtonElement>('backup-create').disabled).toBe(false);

      // Choosing another backup starts without the old message.
      await click('backup-restore-cancel');
      await click(`backup-restore-${MANUAL.name}`);
      expect(queryTestId('backup-restore-error')).toBeNull();
    });
  });
});

describe('the store', () => {
  beforeEach(() => mockBackend({}));
  afterEach(() => resetWorld());

  it('reads an unanswered health check as "carry on" (an older main process)', async () => {
    mountWithApp(BackupPage);
    const store = useBackupStore();
    expect(await store.checkHealth()).toBeNull();
    expect(store.damaged).toBe(false);
  });
});
