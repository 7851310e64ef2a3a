// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { DocumentSettings } from '@contract';
import { createMemoryHistory, createRouter } from 'vue-router';
import DocumentSettingsPage from '@/features/settings/DocumentSettingsPage.vue';
import { useAppStore } from '@/features/home/store';
import { setLocale } from '@/i18n';
import { byTestId, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld } from '../setup';
import { typeIn } from '../loans/dom';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const SETTINGS: DocumentSettings = {
  kop: { pemerintah: 'PEMERINTAH KABUPATEN MUARA ENIM', instansi: 'SEKRETARIAT PROGRAM GERBANG SERASAN', alamat: 'Jl. Sudirman 1', telepon: null, email: null, logo: null },
  tempat: 'Muara Enim',
  penandatangan: {
    kepalaSekretariat: { nama: 'Ahmad', jabatan: 'Kepala Sekretariat', nip: null },
    bendahara: { nama: 'Sri', jabatan: 'Bendahara', nip: null },
    verifikator: { nama: 'Budi', jabatan: 'Verifikator', nip: null },
  },
};

afterEach(() => resetWorld());

describe('document settings page', () => {
  it('an admin edits the letterhead and a signer, sees the letterhead preview, and saves', async () => {
    mockBackend({ 'settings.documents': () => SETTINGS, 'settings.saveDocuments': (input) => input as DocumentSettings });
    mountWithApp(DocumentSettingsPage);
    await flushPromises();
    expect(byTestId('settings-preview').textContent).toContain('SEKRETARIAT PROGRAM GERBANG SERASAN');
    typeIn(byTestId('settings-instansi'), 'BAPPEDA KABUPATEN MUARA ENIM');
    typeIn(byTestId('settings-kepalaSekretariat-nip'), '197003121995031002');
    await flushPromises();
    expect(byTestId('settings-preview').textContent).toContain('BAPPEDA KABUPATEN MUARA ENIM');
    expect(queryTestId('settings-preview-logo')).toBeNull();
    byTestId('settings-save').click();
    await flushPromises();
    expect(callsTo('settings.saveDocuments')).toEqual([
      {
        ...SETTINGS,
        kop: { ...SETTINGS.kop, instansi: 'BAPPEDA KABUPATEN MUARA ENIM' },
        penandatangan: { ...SETTINGS.penandatangan, kepalaSekretariat: { ...SETTINGS.penandatangan.kepalaSekretariat, nip: '197003121995031002' } },
      },
    ]);
    expect(document.body.textContent).toContain('Pengaturan dokumen disimpan.');
  });

  it('others read it without a save button', async () => {
    mockBackend({ 'settings.documents': () => SETTINGS });
    mountWithApp(DocumentSettingsPage, {}, { signedInAs: 'operator' });
    await flushPromises();
    expect(queryTestId('settings-save')).toBeNull();
    expect(document.body.textContent).toContain('Hanya admin yang dapat mengubah pengaturan ini.');
  });

  it('warns under a NIP that does not read as one, never blocks saving, and writes 18 digits 8-6-1-3 on leaving the field', async () => {
    mockBackend({ 'settings.documents': () => SETTINGS, 'settings.saveDocuments': (input) => input as DocumentSettings });
    mountWithApp(DocumentSettingsPage);
    await flushPromises();
    expect(queryTestId('settings-bendahara-nip-warning')).toBeNull();

    // Appointed (1966) before the birth date (1968): a warning, with the field left as typed.
    typeIn(byTestId('settings-bendahara-nip'), '196804111966031009');
    await flushPromises();
    expect(byTestId('settings-bendahara-nip-warning').textContent).toContain('Bulan pengangkatan pada NIP tidak sesudah tanggal lahirnya.');
    // Too short: probably another staff number.
    typeIn(byTestId('settings-verifikator-nip'), '8812 3456');
    await flushPromises();
    expect(byTestId('settings-verifikator-nip-warning').textContent).toContain('NIP biasanya 18 digit (tertulis 8 digit)');

    // A good NIP: no warning, and written as printed once the clerk leaves the field.
    const input = typeIn(byTestId('settings-kepalaSekretariat-nip'), '196804111993031009');
    input.dispatchEvent(new FocusEvent('blur'));
    await flushPromises();
    expect(queryTestId('settings-kepalaSekretariat-nip-warning')).toBeNull();
    expect(byTestId<HTMLInputElement>('settings-kepalaSekretariat-nip').value).toBe('19680411 199303 1 009');

    byTestId('settings-save').click();
    await flushPromises();
    const saved = callsTo('settings.saveDocuments')[0]!;
    expect(saved.penandatangan).toMatchObject({
      kepalaSekretariat: { nip: '19680411 199303 1 009' },
      bendahara: { nip: '196804111966031009' },
      verifikator: { nip: '8812 3456' },
    });
  });

  it('words the NIP warning in English too', async () => {
    mockBackend({ 'settings.documents': () => SETTINGS });
    mountWithApp(DocumentSettingsPage);
    await flushPromises();
    setLocale('en');
    typeIn(byTestId('settings-bendahara-nip'), '19680411 199303 3 009');
    await flushPromises();
    expect(byTestId('settings-bendahara-nip-warning').textContent?.trim()).toBe('Digit 15 of a NIP (gender) is usually 1 or 2.');
  });

  it('offers the unfinished setup wizard to an admin, and only then', async () => {
    mockBackend({ 'settings.documents': () => SETTINGS });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', component: { render: () => null } },
        { path: '/persiapan', component: { render: () => null } },
      ],
    });
    mountWithApp(DocumentSettingsPage, {}, { router });
    useAppStore().info = {
      version: '0.1.0',
      databasePath: 'x',
      schemaVersion: 14,
      firstRun: false,
      setupPending: true,
      initialPassword: false,
      counts: { bank: 0, penjamin: 0, debitur: 0 },
    };
    await flushPromises();
    expect(byTestId('settings-setup-offer').textContent).toContain('Persiapan awal kantor belum selesai.');
    byTestId('settings-open-setup').click();
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/persiapan');
    useAppStore().info!.setupPending = false;
    await flushPromises();
    expect(queryTestId('settings-setup-offer')).toBeNull();
  });
});
