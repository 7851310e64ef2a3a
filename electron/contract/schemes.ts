/** Schemes (skema) and the budget (pagu) they draw on. */
import { z } from 'zod';
import { id, requiredText, returns, setActiveInput } from './common';

export const METODE_BUNGA = ['flat', 'efektif', 'anuitas'] as const;
export const JENIS_SUBSIDI = ['selisih', 'persentase'] as const;
export const BASIS_SUBSIDI = ['outstanding', 'plafon'] as const;
export const KONVENSI_HARI = ['act360', 'act365', '30360'] as const;
export const PEMBULATAN = ['half_up', 'floor'] as const;
export const PREMI_BASIS = ['sekali', 'tahunan', 'tabel'] as const;
export const JENIS_PAGU = ['subsidi_bunga', 'premi'] as const;

export type MetodeBunga = (typeof METODE_BUNGA)[number];

/**
 * A percentage per year as an exact decimal string: '11', '11.5', '0.75'. A comma is
 * accepted as the decimal mark (as clerks type it) and stored as a dot.
 */
export const percent = (label: string) =>
  z
    .string({ error: `${label} wajib diisi` })
    .trim()
    .transform((v) => v.replace(',', '.'))
    .refine((v) => /^\d{1,3}(\.\d{1,6})?$/.test(v) && Number(v) <= 100, `${label} harus berupa persen 0–100, mis. 11 atau 11,5`);

/** Integer rupiah typed by a clerk; negative or fractional amounts are refused. */
export const rupiah = (label: string) =>
  z
    .number({ error: `${label} harus berupa angka rupiah` })
    .int(`${label} harus rupiah bulat`)
    .min(0, `${label} tidak boleh negatif`)
    .max(9_000_000_000_000_000);

export const isoDate = (label: string) => z.string({ error: `${label} wajib diisi` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label} harus tanggal yang sah`);

export const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Periode ditulis TTTT-BB, mis. 2025-10');

export interface PremiumBand {
  tenorMin: number;
  tenorMaks: number;
  tarifPersen: string;
}

export interface Scheme {
  id: number;
  kode: string;
  nama: string;
  berlakuDari: string;
  berlakuSampai: string | null;
  bungaBankPersen: string;
  bungaDebiturPersen: string;
  jenisSubsidi: (typeof JENIS_SUBSIDI)[number];
  /** For 'persentase': the share of the interest the regency pays, e.g. '50'. */
  porsiSubsidiPersen: string | null;
  metodeBunga: MetodeBunga;
  basisSubsidi: (typeof BASIS_SUBSIDI)[number];
  konvensiHari: (typeof KONVENSI_HARI)[number];
  pembulatan: (typeof PEMBULATAN)[number];
  kolMaks: number;
  wajibAngsuran: boolean;
  hanyaTahunAnggaran: boolean;
  plafonMaks: number | null;
  tenorMaks: number | null;
  tolakPembiayaanGanda: boolean;
  /** A loan not named in a recipient decree (SK) for its bank and unit earns no subsidy; otherwise it is only flagged. */
  tolakTanpaSk: boolean;
  penjaminId: number | null;
  penjaminNama: string | null;
  premiBasis: (typeof PREMI_BASIS)[number];
  premiTarifPersen: string | null;
  premiTabel: PremiumBand[];
  porsiJaminanPersen: string | null;
  toleransiRekonsiliasi: number;
  /** At most this many subsidised loans per person (NIK) per month, across loans, banks and schemes. */
  maksPinjamanPerOrang: number;
  paguIds: number[];
  aktif: boolean;
}

export interface BudgetLine {
  id: number;
  tahun: number;
  jenis: (typeof JENIS_PAGU)[number];
  kodeRekening: string;
  uraian: string;
  pagu: number;
  /** Paid so far, net: the SP2Ds charged to this line less overpayments deposited back (STS). */
  realisasi: number;
  /** What the paid lines were agreed at (realisasi − koreksi). */
  realisasiBruto: number;
  /** Settled corrections charged to this line: − overpayments offset or deposited, + underpayments paid later. */
  koreksi: number;
  sisa: number;
}

export interface BudgetYear {
  tahun: number;
  lines: BudgetLine[];
  /** What active loans will still cost (subsidy + premium) from today to 31 December. */
  proyeksiSisaTahun: { subsidi: number; premi: number };
  /** Projected subsidy per later year, for planning. */
  proyeksiTahunBerikut: { tahun: number; subsidi: number }[];
  peringatan: string[];
}

export const schemeSaveInput = z
  .object({
    id: id.optional(),
    kode: requiredText('Kode skema', 30),
    nama: requiredText('Nama skema'),
    berlakuDari: isoDate('Tanggal mulai berlaku'),
    berlakuSampai: isoDate('Tanggal akhir berlaku')
      .nullish()
      .transform((v) => v ?? null),
    bungaBankPersen: percent('Bunga bank'),
    bungaDebiturPersen: percent('Bunga debitur'),
    jenisSubsidi: z.enum(JENIS_SUBSIDI).default('selisih'),
    porsiSubsidiPersen: percent('Porsi subsidi')
      .nullish()
      .transform((v) => v ?? null),
    metodeBunga: z.enum(METODE_BUNGA, { error: 'Metode bunga wajib dipilih' }),
    basisSubsidi: z.enum(BASIS_SUBSIDI).default('outstanding'),
    konvensiHari: z.enum(KONVENSI_HARI).default('act360'),
    pembulatan: z.enum(PEMBULATAN).default('half_up'),
    kolMaks: z.number().int().min(1).max(5).default(2),
    wajibAngsuran: z.boolean().default(false),
    hanyaTahunAnggaran: z.boolean().default(false),
    plafonMaks: rupiah('Plafon maksimum')
      .positive('Plafon maksimum harus lebih dari 0')
      .nullish()
      .transform((v) => v ?? null),
    tenorMaks: z
      .number()
      .int()
      .positive('Tenor maksimum harus lebih dari 0')
      .nullish()
      .transform((v) => v ?? null),
    tolakPembiayaanGanda: z.boolean().default(true),
    tolakTanpaSk: z.boolean().default(false),
    penjaminId: id.nullish().transform((v) => v ?? null),
    premiBasis: z.enum(PREMI_BASIS).default('sekali'),
    premiTarifPersen: percent('Tarif premi')
      .nullish()
      .transform((v) => v ?? null),
    premiTabel: z.array(z.object({ tenorMin: z.number().int().positive(), tenorMaks: z.number().int().positive(), tarifPersen: percent('Tarif premi') })).default([]),
    porsiJaminanPersen: percent('Porsi penjaminan')
      .nullish()
      .transform((v) => v ?? null),
    toleransiRekonsiliasi: rupiah('Toleransi rekonsiliasi').default(1),
    maksPinjamanPerOrang: z
      .number({ error: 'Batas pinjaman bersubsidi per orang per bulan harus berupa angka' })
      .int('Batas pinjaman bersubsidi per orang per bulan harus bilangan bulat')
      .min(1, 'Batas pinjaman bersubsidi per orang per bulan paling sedikit 1')
      .max(12, 'Batas pinjaman bersubsidi per orang per bulan paling banyak 12')
      .default(1),
    paguIds: z.array(id).default([]),
  })
  .superRefine((s, ctx) => {
    if (s.berlakuSampai && s.berlakuSampai < s.berlakuDari) {
      ctx.addIssue({ code: 'custom', path: ['berlakuSampai'], message: 'Tanggal akhir berlaku sebelum tanggal mulai' });
    }
    if (s.jenisSubsidi === 'selisih' && Number(s.bungaDebiturPersen) > Number(s.bungaBankPersen)) {
      ctx.addIssue({ code: 'custom', path: ['bungaDebiturPersen'], message: 'Bunga debitur lebih tinggi dari bunga bank: tidak ada selisih yang disubsidi' });
    }
    if (s.jenisSubsidi === 'persentase' && !s.porsiSubsidiPersen) {
      ctx.addIssue({ code: 'custom', path: ['porsiSubsidiPersen'], message: 'Porsi subsidi wajib diisi untuk subsidi persentase' });
    }
    if (s.premiBasis === 'tabel' && s.premiTabel.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['premiTabel'], message: 'Tabel tarif premi per tenor wajib diisi' });
    }
    if (s.premiBasis !== 'tabel' && s.penjaminId && !s.premiTarifPersen) {
      ctx.addIssue({ code: 'custom', path: ['premiTarifPersen'], message: 'Tarif premi wajib diisi bila ada penjamin' });
    }
  });
export type SchemeSaveInput = z.input<typeof schemeSaveInput>;

export const budgetSaveInput = z.object({
  id: id.optional(),
  tahun: z.number().int().min(2000).max(2100),
  jenis: z.enum(JENIS_PAGU),
  kodeRekening: requiredText('Kode rekening', 60),
  uraian: requiredText('Uraian', 300),
  pagu: rupiah('Pagu'),
});
export type BudgetSaveInput = z.input<typeof budgetSaveInput>;

export const schemesContract = {
  'schemes.list': { input: z.object({ includeInactive: z.boolean().optional() }).default({}), output: returns<Scheme[]>() },
  'schemes.get': { input: z.object({ id }), output: returns<Scheme>() },
  'schemes.save': { input: schemeSaveInput, output: returns<Scheme>() },
  'schemes.setActive': { input: setActiveInput, output: returns<Scheme>() },
} as const;

export const budgetContract = {
  'budget.year': { input: z.object({ tahun: z.number().int().min(2000).max(2100) }), output: returns<BudgetYear>() },
  'budget.save': { input: budgetSaveInput, output: returns<BudgetLine>() },
} as const;
