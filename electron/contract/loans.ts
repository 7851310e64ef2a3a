/** Loans, their schedules, the banks' monthly positions, premiums and insurance claims. */
import { z } from 'zod';
import { id, optionalText, pageQuery, requiredText, returns, versi, versionWhenEditing, type Page } from './common';
import { isoDate, METODE_BUNGA, percent, period, rupiah, type MetodeBunga } from './schemes';
import { businessProfileFields } from './monitoring';

export const STATUS_PINJAMAN = ['diajukan', 'disetujui', 'aktif', 'lunas', 'macet', 'klaim', 'hapus_buku', 'ditolak'] as const;
export type StatusPinjaman = (typeof STATUS_PINJAMAN)[number];

/**
 * The loan's lifecycle: which status may follow which. The one table: the loan service refuses
 * any other step, the loan page offers only these buttons, the component tests' fake follows it.
 */
export const LOAN_NEXT: Readonly<Record<StatusPinjaman, readonly Exclude<StatusPinjaman, 'diajukan'>[]>> = {
  diajukan: ['disetujui', 'ditolak'],
  disetujui: ['aktif', 'ditolak'],
  aktif: ['lunas', 'macet'],
  macet: ['aktif', 'lunas', 'klaim'],
  klaim: ['lunas', 'hapus_buku'],
  lunas: [],
  hapus_buku: [],
  ditolak: [],
};

/** A status as a service message names it ("Pinjaman berstatus aktif (dicairkan) …"). */
export const LOAN_STATUS_LABEL: Readonly<Record<StatusPinjaman, string>> = {
  diajukan: 'diajukan',
  disetujui: 'disetujui',
  aktif: 'aktif (dicairkan)',
  lunas: 'lunas',
  macet: 'macet',
  klaim: 'klaim asuransi',
  hapus_buku: 'hapus buku',
  ditolak: 'ditolak',
};

/** A status as a printed register names it (capitalised, in a table cell). */
export const LOAN_STATUS_TITLE: Readonly<Record<StatusPinjaman, string>> = {
  diajukan: 'Diajukan',
  disetujui: 'Disetujui',
  aktif: 'Aktif',
  lunas: 'Lunas',
  macet: 'Macet',
  klaim: 'Klaim asuransi',
  hapus_buku: 'Hapus buku',
  ditolak: 'Ditolak',
};

/** Only a loan not yet disbursed may be edited; later changes are restructurings. */
export const isLoanEditable = (status: StatusPinjaman): boolean => status === 'diajukan' || status === 'disetujui';

/** One instalment of a schedule, all integer rupiah. */
export interface ScheduleRow {
  no: number;
  jatuhTempo: string;
  periode: string;
  pokokAwal: number;
  pokok: number;
  bunga: number;
  angsuran: number;
  pokokAkhir: number;
  /** The part of the interest the debtor pays, and the part the regency subsidises. */
  bungaDebitur: number;
  bungaSubsidi: number;
}

export interface Schedule {
  rows: ScheduleRow[];
  totalPokok: number;
  totalBunga: number;
  totalAngsuran: number;
  totalBungaDebitur: number;
  totalBungaSubsidi: number;
}

export const schedulePreviewInput = z.object({
  plafon: rupiah('Plafon').positive('Plafon harus lebih dari 0'),
  tenorBulan: z.number({ error: 'Tenor wajib diisi' }).int().min(1, 'Tenor paling sedikit 1 bulan').max(360, 'Tenor paling lama 360 bulan'),
  bungaBankPersen: percent('Bunga bank'),
  bungaDebiturPersen: percent('Bunga debitur'),
  metodeBunga: z.enum(METODE_BUNGA),
  jenisSubsidi: z.enum(['selisih', 'persentase']).default('selisih'),
  porsiSubsidiPersen: percent('Porsi subsidi')
    .nullish()
    .transform((v) => v ?? null),
  tanggalPencairan: isoDate('Tanggal pencairan'),
  tanggalAngsuranPertama: isoDate('Tanggal angsuran pertama')
    .nullish()
    .transform((v) => v ?? null),
  pembulatan: z.enum(['half_up', 'floor']).default('half_up'),
});
export type SchedulePreviewInput = z.input<typeof schedulePreviewInput>;

export interface Restructuring {
  id: number;
  berlakuMulai: string;
  tenorBulan: number | null;
  bungaBankPersen: string | null;
  bungaDebiturPersen: string | null;
  alasan: string;
}

export interface BankPosition {
  id: number;
  pinjamanId: number;
  periode: string;
  outstanding: number;
  kol: number;
  hariTunggakan: number;
  angsuranDibayar: boolean;
  sumber: 'manual' | 'impor';
}

export interface Premium {
  id: number;
  pinjamanId: number;
  penjaminId: number;
  penjaminNama: string;
  tarifPersen: string;
  jumlah: number;
  status: 'terhitung' | 'ditagih' | 'dibayar';
  /** Sent back with an invoice or payment of it (record versions). */
  versi: number;
  /** How the amount was found, e.g. '1,5 % × Rp50.000.000 = Rp750.000'. */
  rincian: string;
}

export interface InsuranceClaim {
  id: number;
  pinjamanId: number;
  tanggal: string;
  /** The date the claim is about (the default), whose outstanding is the base; null on claims recorded before it was kept. */
  tanggalDasar: string | null;
  /** Where the outstanding came from, e.g. 'Baki debet pada 10 April 2025 (tanggal macet): posisi bank akhir Maret 2025'. */
  dasar: string | null;
  outstanding: number;
  porsiPersen: string;
  jumlah: number;
  status: 'diajukan' | 'dibayar' | 'ditolak';
}

/**
 * A warning raised on a loan: double financing, overlap with a paid period, over the scheme's limits,
 * not named in a recipient decree (SK) for its bank and unit, or above the decree's plafon.
 */
export interface LoanFlag {
  kode:
    | 'pembiayaan_ganda'
    | 'periode_sudah_dibayar'
    | 'melebihi_plafon_skema'
    | 'melebihi_tenor_skema'
    | 'di_luar_masa_skema'
    | 'melebihi_pagu'
    | 'tidak_tercantum_sk'
    | 'sk_unit_lain'
    | 'sk_plafon_melebihi';
  pesan: string;
  /** True when the scheme refuses the loan rather than only warning. */
  menolak: boolean;
}

export interface Loan {
  id: number;
  debiturId: number;
  debiturNama: string;
  debiturNik: string;
  bankId: number;
  bankNama: string;
  cabangId: number | null;
  cabangNama: string | null;
  skemaId: number;
  skemaKode: string;
  nomorRekening: string;
  nomorAkad: string;
  tanggalAkad: string;
  tanggalPencairan: string | null;
  plafon: number;
  tenorBulan: number;
  bungaBankPersen: string;
  bungaDebiturPersen: string;
  alasanUbahBunga: string | null;
  metodeBunga: MetodeBunga;
  tanggalAngsuranPertama: string | null;
  status: StatusPinjaman;
  tanggalLunas: string | null;
  /** Sent back with an edit or a lifecycle step: refused (STALE) when someone else changed the loan since. */
  versi: number;
}

export interface LoanDetail extends Loan {
  /** The schedule in force (after restructurings), or null before disbursement data is known. */
  jadwal: Schedule | null;
  restrukturisasi: Restructuring[];
  posisi: BankPosition[];
  premi: Premium | null;
  klaimAsuransi: InsuranceClaim | null;
  subsidiDibayar: { periode: string; jumlah: number; nomorSp2d: string | null }[];
  flags: LoanFlag[];
}

export const loanSaveInput = z.object({
  id: id.optional(),
  debiturId: id,
  bankId: id,
  cabangId: id.nullish().transform((v) => v ?? null),
  skemaId: id,
  nomorRekening: requiredText('Nomor rekening', 40).regex(/^[0-9A-Za-z.\-/]+$/, 'Nomor rekening hanya angka, huruf, titik, garis miring atau tanda hubung'),
  nomorAkad: requiredText('Nomor akad', 80),
  tanggalAkad: isoDate('Tanggal akad'),
  tanggalPencairan: isoDate('Tanggal pencairan')
    .nullish()
    .transform((v) => v ?? null),
  plafon: rupiah('Plafon').positive('Plafon harus lebih dari 0'),
  tenorBulan: z.number({ error: 'Tenor wajib diisi' }).int().min(1).max(360),
  /** Left out: copied from the scheme. Given and different from the scheme: a reason is required. */
  bungaBankPersen: percent('Bunga bank')
    .nullish()
    .transform((v) => v ?? null),
  bungaDebiturPersen: percent('Bunga debitur')
    .nullish()
    .transform((v) => v ?? null),
  alasanUbahBunga: optionalText(300),
  tanggalAngsuranPertama: isoDate('Tanggal angsuran pertama')
    .nullish()
    .transform((v) => v ?? null),
  /** The business at akad (docs/monitoring.md), saved with the loan; left out: the profile is not touched. */
  profilUsaha: businessProfileFields.nullish().transform((v) => v ?? null),
});
export type LoanSaveInput = z.input<typeof loanSaveInput>;

/** loans.save: the form, and when editing the version the form was filled from. */
export const loanEditInput = loanSaveInput.extend({ versi: versi.optional() }).refine(...versionWhenEditing);
export type LoanEditInput = z.input<typeof loanEditInput>;

export const loanTransitionInput = z.object({
  id,
  versi,
  ke: z.enum(['disetujui', 'ditolak', 'aktif', 'lunas', 'macet', 'klaim', 'hapus_buku']),
  /** Date of the event: disbursement for 'aktif', payoff for 'lunas', default for 'macet', claim date for 'klaim'. */
  tanggal: isoDate('Tanggal'),
  alasan: optionalText(300),
});

export const restructureInput = z
  .object({
    id,
    versi,
    berlakuMulai: isoDate('Tanggal berlaku'),
    tenorBulan: z
      .number()
      .int()
      .min(1)
      .max(360)
      .nullish()
      .transform((v) => v ?? null),
    bungaBankPersen: percent('Bunga bank')
      .nullish()
      .transform((v) => v ?? null),
    bungaDebiturPersen: percent('Bunga debitur')
      .nullish()
      .transform((v) => v ?? null),
    alasan: requiredText('Alasan restrukturisasi', 300),
  })
  .refine((r) => r.tenorBulan !== null || r.bungaBankPersen !== null || r.bungaDebiturPersen !== null, {
    message: 'Isi tenor baru atau bunga baru',
    path: ['tenorBulan'],
  });

export const positionSaveInput = z.object({
  pinjamanId: id,
  periode: period,
  outstanding: rupiah('Baki debet'),
  kol: z.number().int().min(1, 'Kolektibilitas 1–5').max(5, 'Kolektibilitas 1–5'),
  hariTunggakan: z.number().int().min(0).default(0),
  angsuranDibayar: z.boolean().default(true),
});
export type PositionSaveInput = z.input<typeof positionSaveInput>;

export const loansContract = {
  'loans.previewSchedule': { input: schedulePreviewInput, output: returns<Schedule>() },
  'loans.list': {
    input: pageQuery
      .extend({
        bankId: id.optional(),
        skemaId: id.optional(),
        debiturId: id.optional(),
        status: z.enum(STATUS_PINJAMAN).optional(),
        /** Loans whose bank position in `periodePosisi` (default: the latest month reported) has one of these kol. */
        kol: z.array(z.number().int().min(1, 'Kolektibilitas 1–5').max(5, 'Kolektibilitas 1–5')).min(1).max(5).optional(),
        periodePosisi: period.optional(),
        /** Loans of debtors in this kecamatan. */
        kecamatanId: id.optional(),
      })
      .default({ page: 1, pageSize: 50 }),
    output: returns<Page<Loan>>(),
  },
  'loans.get': { input: z.object({ id }), output: returns<LoanDetail>() },
  /** Checks a loan before saving: double financing, scheme limits, budget. */
  'loans.check': { input: loanSaveInput, output: returns<LoanFlag[]>() },
  'loans.save': { input: loanEditInput, output: returns<LoanDetail>() },
  'loans.transition': { input: loanTransitionInput, output: returns<LoanDetail>() },
  'loans.restructure': { input: restructureInput, output: returns<LoanDetail>() },

  'positions.save': { input: positionSaveInput, output: returns<BankPosition>() },
} as const;
