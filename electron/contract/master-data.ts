/** Master data: partner banks, insurers, debtors, reference lists, and the app itself. */
import { z } from 'zod';
import { email, id, listQuery, optionalText, pageQuery, phone, requiredText, returns, setActiveInput, versi, versionWhenEditing, type Page } from './common';

export const SKALA_USAHA = ['mikro', 'kecil', 'menengah', 'koperasi'] as const;
export const JENIS_BANK = ['umum', 'bpr', 'syariah'] as const;
export const JENIS_PENJAMIN = ['asuransi', 'penjaminan'] as const;

// ---------------------------------------------------------------------------
// Entities as the renderer sees them
// ---------------------------------------------------------------------------

export interface BankBranch {
  id: number;
  kode: string;
  nama: string;
  alamat: string | null;
  aktif: boolean;
}

export interface Bank {
  id: number;
  kode: string;
  nama: string;
  jenis: (typeof JENIS_BANK)[number];
  alamat: string | null;
  picNama: string | null;
  picJabatan: string | null;
  picTelepon: string | null;
  picEmail: string | null;
  aktif: boolean;
  cabang: BankBranch[];
}

export interface Insurer {
  id: number;
  kode: string;
  nama: string;
  jenis: (typeof JENIS_PENJAMIN)[number];
  alamat: string | null;
  picNama: string | null;
  telepon: string | null;
  email: string | null;
  aktif: boolean;
}

export interface Debtor {
  id: number;
  nik: string;
  nama: string;
  jenisKelamin: 'L' | 'P';
  tanggalLahir: string;
  namaUsaha: string | null;
  sektorId: number | null;
  sektorNama: string | null;
  skala: (typeof SKALA_USAHA)[number];
  alamat: string | null;
  kecamatanId: number | null;
  kecamatanNama: string | null;
  desa: string | null;
  telepon: string | null;
  npwp: string | null;
  nib: string | null;
  aktif: boolean;
  /** Sent back with an edit: refused (STALE) when someone else changed the debtor since. */
  versi: number;
}

export interface ReferenceItem {
  id: number;
  nama: string;
  aktif: boolean;
}

export interface Kecamatan extends ReferenceItem {
  kodeWilayah: string | null;
}

export interface ReferenceData {
  kecamatan: Kecamatan[];
  sektor: ReferenceItem[];
}

/** What the NIK says about its holder, for the debtor form's live feedback. */
export interface NikCheck {
  valid: boolean;
  message: string | null;
  jenisKelamin: 'L' | 'P' | null;
  tanggalLahir: string | null;
  kodeWilayah: string | null;
  existingDebtor: { id: number; nama: string } | null;
}

export interface AppInfo {
  version: string;
  databasePath: string;
  schemaVersion: number;
  /** True until the user has chosen demo data or an empty start. */
  firstRun: boolean;
  /**
   * True after an empty start until an admin finishes the setup wizard (app.finishSetup): office,
   * letterhead, signers, banks, insurers, the first scheme and pagu, then the loans' import.
   */
  setupPending: boolean;
  /**
   * True while the first administrator can still sign in as admin/admin (nobody has signed in yet,
   * or that password was never changed): the sign-in screen shows that hint only then.
   */
  initialPassword: boolean;
  counts: { bank: number; penjamin: number; debitur: number };
}

export interface DemoSummary {
  bank: number;
  cabang: number;
  penjamin: number;
  skema: number;
  debitur: number;
  pinjaman: number;
  /** With a paid history (CLI seed-demo): paid claims and their total. */
  tagihanDibayar?: number;
  subsidiDibayar?: number;
}

// ---------------------------------------------------------------------------
// Input schemas
// ---------------------------------------------------------------------------

export const bankSaveInput = z.object({
  id: id.optional(),
  kode: requiredText('Kode bank', 20),
  nama: requiredText('Nama bank'),
  jenis: z.enum(JENIS_BANK, { error: 'Jenis bank tidak dikenal' }).default('umum'),
  alamat: optionalText(300),
  picNama: optionalText(),
  picJabatan: optionalText(),
  picTelepon: phone,
  picEmail: email,
  cabang: z
    .array(
      z.object({
        id: id.optional(),
        kode: requiredText('Kode cabang', 20),
        nama: requiredText('Nama cabang'),
        alamat: optionalText(300),
        aktif: z.boolean().default(true),
      }),
    )
    .default([]),
});
export type BankSaveInput = z.input<typeof bankSaveInput>;

export const insurerSaveInput = z.object({
  id: id.optional(),
  kode: requiredText('Kode penjamin', 20),
  nama: requiredText('Nama penjamin'),
  jenis: z.enum(JENIS_PENJAMIN, { error: 'Jenis penjamin tidak dikenal' }).default('asuransi'),
  alamat: optionalText(300),
  picNama: optionalText(),
  telepon: phone,
  email,
});
export type InsurerSaveInput = z.input<typeof insurerSaveInput>;

/** NIK, NPWP and NIB are checked in depth by the debtor service (electron/domain/identity). */
export const debtorSaveInput = z.object({
  id: id.optional(),
  nik: z.string({ error: 'NIK wajib diisi' }).trim().min(1, 'NIK wajib diisi'),
  nama: requiredText('Nama debitur'),
  namaUsaha: optionalText(),
  sektorId: id.nullish().transform((v) => v ?? null),
  skala: z.enum(SKALA_USAHA, { error: 'Skala usaha wajib dipilih' }),
  alamat: optionalText(300),
  kecamatanId: id.nullish().transform((v) => v ?? null),
  desa: optionalText(100),
  telepon: phone,
  npwp: optionalText(30),
  nib: optionalText(30),
});
export type DebtorSaveInput = z.input<typeof debtorSaveInput>;

/** debtors.save: the form, and when editing the version it was filled from. */
export const debtorEditInput = debtorSaveInput.extend({ versi: versi.optional() }).refine(...versionWhenEditing);
export type DebtorEditInput = z.input<typeof debtorEditInput>;

export const referenceSaveInput = z.object({
  kind: z.enum(['kecamatan', 'sektor']),
  id: id.optional(),
  nama: requiredText('Nama', 100),
  kodeWilayah: optionalText(8).refine((v) => v === null || /^\d{2}\.\d{2}\.\d{2}$/.test(v), 'Kode wilayah ditulis seperti 16.03.01'),
  aktif: z.boolean().default(true),
});
export type ReferenceSaveInput = z.input<typeof referenceSaveInput>;

// ---------------------------------------------------------------------------
// The contract
// ---------------------------------------------------------------------------

export const masterDataContract = {
  'app.info': { input: z.object({}).default({}), output: returns<AppInfo>() },
  'app.loadDemo': { input: z.object({}).default({}), output: returns<DemoSummary>() },
  'app.startEmpty': { input: z.object({}).default({}), output: returns<null>() },
  /** The setup wizard is done (or the admin says so): it is no longer offered. Audited. */
  'app.finishSetup': { input: z.object({}).default({}), output: returns<null>() },

  'banks.list': { input: listQuery.default({}), output: returns<Bank[]>() },
  'banks.get': { input: z.object({ id }), output: returns<Bank>() },
  'banks.save': { input: bankSaveInput, output: returns<Bank>() },
  'banks.setActive': { input: setActiveInput, output: returns<Bank>() },

  'insurers.list': { input: listQuery.default({}), output: returns<Insurer[]>() },
  'insurers.save': { input: insurerSaveInput, output: returns<Insurer>() },
  'insurers.setActive': { input: setActiveInput, output: returns<Insurer>() },

  'debtors.list': {
    input: pageQuery.extend({ kecamatanId: id.optional() }).default({ page: 1, pageSize: 50 }),
    output: returns<Page<Debtor>>(),
  },
  'debtors.get': { input: z.object({ id }), output: returns<Debtor>() },
  'debtors.save': { input: debtorEditInput, output: returns<Debtor>() },
  'debtors.setActive': { input: setActiveInput, output: returns<Debtor>() },
  'debtors.checkNik': { input: z.object({ nik: z.string().max(40), excludeId: id.optional() }), output: returns<NikCheck>() },

  'reference.list': { input: z.object({}).default({}), output: returns<ReferenceData>() },
  'reference.save': { input: referenceSaveInput, output: returns<ReferenceData>() },
} as const;
