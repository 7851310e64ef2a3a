// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { BackupList, DatabaseHealth } from '@contract';
import App from '@/App.vue';
import { byTestId, callMock, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld, visibleDialog, type Backend } from '../setup';
import { tableCells, text } from '../subsidy/fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const DB = 'C:/Users/sekretariat/AppData/Roaming/Gerbang Serasan/gerbang-serasan.sqlite';
const BACKUP = 'gerbang-serasan-otomatis-20261122-080000.sqlite';

function health(overrides: Partial<DatabaseHealth> = {}): DatabaseHealth {
  return {
    status: 'rusak',
    message: 'Berkas basis data rusak: pemeriksaan integritas menemukan 2 masalah (pertama: Page 12: btreeInitPage() returns error code 11).',
    databasePath: DB,
    check: 'integrity_check',
    ...overrides,
  };
}

const LIST: BackupList = {
  folder: 'C:/Users/sekretariat/AppData/Roaming/Gerbang Serasan/cadangan',
  backups: [{ name: BACKUP, path: `C:/cadangan/${BACKUP}`, kind: 'otomatis', createdAt: '2026-11-22T08:00:00', size: 2_500_000 }],
  keepAutomatic: 7,
};

async function mountApp(backend: Backend): Promise<void> {
  mockBackend(backend);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: defineComponent({ render: () => h('div', 'home') }) }] });
  await router.push('/');
  await router.isReady();
  mountWithApp(App, {}, { router });
  await flushPromises();
}

describe('the "database damaged" screen', () => {
  afterEach(() => resetWorld());

  it('replaces the whole app when the start-up check refused the file: what is wrong, and restore as the way out', async () => {
    await mountApp({
      'backup.health': () => health(),
      'backup.list': () => LIST,
      'backup.restore': ({ name }) => ({ restoredFrom: name, safetyCopy: 'sebelum-pulih-20261123-090000.sqlite', schemaVersion: 7, daftar: LIST }),
    });
    expect(queryTestId('database-damaged')).not.toBeNull();
    // The list is its own chunk (as for the /cadangan route): wait for it to load and ask.
    await vi.waitUntil(() => queryTestId('backup-table') !== null);
    await flushPromises();
    expect(byTestId('database-damaged').textContent).toContain('Berkas basis data rusak');
    expect(text('database-damaged-message')).toBe(health().message);
    expect(byTestId('database-damaged').textContent).toContain(`Berkas: ${DB} Aplikasi tidak mengubah berkas ini.`);
    // No sign-in (the users are in the damaged file), no menu, no backing up of a damaged file.
    expect(callMock.mock.calls.map(([c]) => c)).toEqual(['backup.health', 'backup.list']);
    expect(queryTestId('nav-home')).toBeNull();
    expect(queryTestId('backup-create')).toBeNull();
    expect(tableCells('backup-table')).toEqual([['22/11/2026 08:00:00', 'Otomatis harian', '2,4 MB', BACKUP, 'Pulihkan']]);

    byTestId<HTMLButtonElement>(`backup-restore-${BACKUP}`).click();
    await flushPromises();
    expect(visibleDialog('backup-restore-dialog')).not.toBeNull();
    byTestId<HTMLButtonElement>('backup-restore-confirm').click();
    await flushPromises();
    expect(callsTo('backup.restore')).toEqual([{ name: BACKUP }]);
    expect(text('backup-restored')).toContain('Data sebelumnya disimpan sebagai sebelum-pulih-20261123-090000.sqlite');
  });

  it('for a file from a newer version, says to update the app first', async () => {
    await mountApp({
      'backup.health': () => health({ status: 'terlalu-baru', message: 'Berkas ini berasal dari versi aplikasi yang lebih baru (skema 9, aplikasi ini mengenal sampai 7).' }),
      'backup.list': () => LIST,
    });
    expect(byTestId('database-damaged').textContent).toContain('Basis data dari versi aplikasi yang lebih baru');
    expect(byTestId('database-damaged').textContent).toContain('Perbarui aplikasi ke versi terbaru');
  });

  it('is not shown for a sound database: the app starts as usual', async () => {
    await mountApp({ 'backup.health': () => health({ status: 'ok', message: null }) });
    expect(queryTestId('database-damaged')).toBeNull();
    expect(callsTo('backup.list')).toEqual([]);
  });
});
