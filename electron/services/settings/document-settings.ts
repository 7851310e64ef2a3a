/**
 * The document settings (kop surat, place, signers), kept as one JSON value in the `settings`
 * key/value table. Builders of printed documents read them with getDocumentSettings(db); until
 * an admin saves them the defaults below apply, so a document always has a letterhead.
 */
import type { Database } from '../../../database/connection';
import { getSetting, setSetting } from '../../../database/repositories/settings';
import { documentSettingsInput, type DocumentSettings, type SignerRole } from '../../contract/settings';

export const DOCUMENT_SETTINGS_KEY = 'dokumen';

export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettings = {
  kop: {
    pemerintah: 'PEMERINTAH KABUPATEN MUARA ENIM',
    instansi: 'SEKRETARIAT PROGRAM GERBANG SERASAN',
    alamat: 'Jl. Jenderal Sudirman No. 1, Muara Enim, Sumatera Selatan',
    telepon: null,
    email: null,
    logo: null,
  },
  tempat: 'Muara Enim',
  penandatangan: {
    kepalaSekretariat: { nama: '....................................', jabatan: 'Kepala Sekretariat Program Gerbang Serasan', nip: null },
    bendahara: { nama: '....................................', jabatan: 'Bendahara Pengeluaran', nip: null },
    verifikator: { nama: '....................................', jabatan: 'Verifikator', nip: null },
  },
};

/** The stored settings, or the defaults; a stored value that no longer validates falls back part by part. */
export function getDocumentSettings(db: Database): DocumentSettings {
  const raw = getSetting(db, DOCUMENT_SETTINGS_KEY);
  if (!raw) return structuredClone(DEFAULT_DOCUMENT_SETTINGS);
  try {
    const parsed = documentSettingsInput.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the defaults: a damaged value must not stop printing
  }
  return structuredClone(DEFAULT_DOCUMENT_SETTINGS);
}

export function saveDocumentSettings(db: Database, settings: DocumentSettings): void {
  setSetting(db, DOCUMENT_SETTINGS_KEY, JSON.stringify(settings));
}

/** Headings above the signatures, for the signer roles. */
export const SIGNER_HEADING: Record<SignerRole, string> = {
  kepalaSekretariat: 'Mengetahui,',
  bendahara: 'Bendahara,',
  verifikator: 'Diperiksa oleh,',
};
