// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { DocumentSettings } from '@contract';
import DocumentSettingsPage from '@/features/settings/DocumentSettingsPage.vue';
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
      { ...SETTINGS, kop: { ...SETTINGS.kop, instansi: 'BAPPEDA KABUPATEN MUARA ENIM' }, penandatangan: { ...SETTINGS.penandatangan, kepalaSekretariat: { ...SETTINGS.penandatangan.kepalaSekretariat, nip: '197003121995031002' } } },
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
});
