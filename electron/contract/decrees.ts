/** The recipient decree (SK Bupati penerima): decrees of a scheme and the people they name. */
import { z } from 'zod';
import { id, optionalText, requiredText, returns, type Page } from './common';
import { isoDate, rupiah } from './schemes';

export interface Decree {
  id: number;
  nomor: string;
  tanggal: string;
  tahun: number;
  skemaId: number;
  skemaKode: string;
  keterangan: string | null;
  jumlahBaris: number;
  totalPlafon: number;
  /** Loans named by this decree already paid a subsidy month: its list and scheme/year are fixed. */
  terkunci: boolean;
  dibuat: string;
  dibuatOleh: string;
  diubah: string;
  diubahOleh: string;
}

export interface DecreeRow {
  id: number;
  skId: number;
  noUrut: number | null;
  nik: string;
  nama: string;
  bankId: number;
  bankNama: string;
  cabangId: number;
  cabangNama: string;
  /** The unit as the decree wrote it, when that differs from the branch's name. */
  unitTertulis: string | null;
  plafon: number | null;
}

export const decreeSaveInput = z.object({
  id: id.optional(),
  nomor: requiredText('Nomor SK', 100),
  tanggal: isoDate('Tanggal SK'),
  tahun: z.number({ error: 'Tahun SK wajib diisi' }).int('Tahun SK harus bilangan bulat').min(2000, 'Tahun SK 2000–2100').max(2100, 'Tahun SK 2000–2100'),
  skemaId: id,
  keterangan: optionalText(500),
});
export type DecreeSaveInput = z.input<typeof decreeSaveInput>;

export const decreeRowInput = z.object({
  skId: id,
  nik: z.string({ error: 'NIK wajib diisi' }).trim().min(1, 'NIK wajib diisi').max(40, 'NIK terlalu panjang'),
  nama: requiredText('Nama penerima'),
  bankId: id,
  cabangId: id,
  plafon: rupiah('Plafon')
    .positive('Plafon harus lebih dari 0')
    .nullish()
    .transform((v) => v ?? null),
  noUrut: z
    .number()
    .int()
    .positive('Nomor urut harus lebih dari 0')
    .nullish()
    .transform((v) => v ?? null),
});
export type DecreeRowInput = z.input<typeof decreeRowInput>;

export const decreesContract = {
  'decrees.list': {
    input: z.object({ search: z.string().trim().max(100).optional(), skemaId: id.optional(), tahun: z.number().int().min(2000).max(2100).optional() }).default({}),
    output: returns<Decree[]>(),
  },
  'decrees.get': { input: z.object({ id }), output: returns<Decree>() },
  'decrees.save': { input: decreeSaveInput, output: returns<Decree>() },
  /** A decree's rows, searched by NIK (prefix) or name, optionally one bank's. */
  'decrees.rows': {
    input: z.object({
      skId: id,
      search: z.string().trim().max(100).optional(),
      bankId: id.optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(500).default(50),
    }),
    output: returns<Page<DecreeRow>>(),
  },
  /** Adds one person by hand, while no loan the decree names has been paid. */
  'decrees.addRow': { input: decreeRowInput, output: returns<DecreeRow>() },
  'decrees.removeRow': { input: z.object({ id }), output: returns<null>() },
} as const;
