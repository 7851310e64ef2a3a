/**
 * Document settings: the letterhead (kop surat) and the people who sign, set up once by an admin
 * and used by every printed document (reports, registers, the berita acara).
 */
import { z } from 'zod';
import { formatNip } from '../domain/identity';
import { returns } from './common';

/** One person who signs: name, position and NIP (the civil servant number, 18 digits). */
export interface SignerSetting {
  nama: string;
  jabatan: string;
  nip: string | null;
}

/** The roles that sign the secretariat's documents. */
export const SIGNER_ROLES = ['kepalaSekretariat', 'bendahara', 'verifikator'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

export interface Letterhead {
  /** 'PEMERINTAH KABUPATEN MUARA ENIM'. */
  pemerintah: string;
  /** The office, e.g. 'SEKRETARIAT PROGRAM GERBANG SERASAN'. */
  instansi: string;
  alamat: string;
  telepon: string | null;
  email: string | null;
  /** The regency's emblem as a data URL (PNG or JPEG), or null for none. */
  logo: string | null;
}

export interface DocumentSettings {
  kop: Letterhead;
  /** The place of the place-and-date line: 'Muara Enim, 27 Oktober 2025'. */
  tempat: string;
  penandatangan: Record<SignerRole, SignerSetting>;
}

/** Largest logo accepted, in bytes of the image (the data URL is a third larger). */
export const LOGO_MAX_BYTES = 300 * 1024;
const LOGO_MAX_CHARS = Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 40;

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} wajib diisi` })
    .trim()
    .min(1, `${label} wajib diisi`)
    .max(max, `${label} paling banyak ${max} karakter`);
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Paling banyak ${max} karakter`)
    .nullish()
    .transform((v) => (v ? v : null));

const signer = z.object({
  nama: text('Nama', 100),
  jabatan: text('Jabatan', 120),
  // Kept (and so printed) as written on a decree: 18 digits as `19680411 199303 1 009`. Whether the
  // digits read as a NIP is only a warning in the form (checkNip): other staff numbers exist.
  nip: optional(30)
    .refine((v) => v === null || /^[0-9 ]{8,24}$/.test(v), 'NIP hanya berisi angka (18 digit), boleh dengan spasi')
    .transform((v) => (v === null ? null : formatNip(v))),
});

export const documentSettingsInput = z.object({
  kop: z.object({
    pemerintah: text('Nama pemerintah daerah', 120),
    instansi: text('Nama kantor', 160),
    alamat: text('Alamat', 240),
    telepon: optional(60),
    email: optional(120).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Alamat email tidak valid'),
    logo: z
      .string()
      .max(LOGO_MAX_CHARS, `Logo terlalu besar: paling besar ${LOGO_MAX_BYTES / 1024} KB`)
      .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/, 'Logo harus gambar PNG atau JPEG')
      .nullish()
      .transform((v) => v ?? null),
  }),
  tempat: text('Tempat', 60),
  penandatangan: z.object({ kepalaSekretariat: signer, bendahara: signer, verifikator: signer }),
});
export type DocumentSettingsInput = z.input<typeof documentSettingsInput>;

export const settingsContract = {
  /** Everybody signed in reads them (every printed document carries them). */
  'settings.documents': { input: z.object({}).default({}), output: returns<DocumentSettings>() },
  /** Admin only; written to the audit trail. */
  'settings.saveDocuments': { input: documentSettingsInput, output: returns<DocumentSettings>() },
} as const;
