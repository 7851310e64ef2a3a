/**
 * Bank claims (tagihan): reconciliation against the subsidy run, line decisions, approval with a
 * berita acara, and the SP2D that pays the agreed total.
 */
import { z } from 'zod';
import { id, requiredText, returns, versi, type Page } from './common';
import { isoDate, period, rupiah } from './schemes';
import { CLAIM_LINE_STATUSES, type ClaimLine, type ClaimLineStatus } from './claim-lines';

export const CLAIM_STATUSES = ['draf', 'diverifikasi', 'disetujui', 'dibayar', 'dibatalkan'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_LINE_STATUS_LABELS: Readonly<Record<ClaimLineStatus, string>> = {
  cocok: 'Cocok',
  selisih: 'Selisih nominal',
  rekening_tidak_dikenal: 'Rekening tidak dikenal',
  tidak_memenuhi_syarat: 'Tidak memenuhi syarat',
  ganda: 'Ganda',
};

export const CLAIM_DECISIONS = ['terima_bank', 'terima_hitungan', 'keluarkan'] as const;
export type ClaimDecision = (typeof CLAIM_DECISIONS)[number];

export const CLAIM_DECISION_LABELS: Readonly<Record<ClaimDecision, string>> = {
  terima_bank: 'Terima angka bank',
  terima_hitungan: 'Terima angka perhitungan',
  keluarkan: 'Keluarkan',
};

/** The likely cause of a nominal difference. */
export const DIAGNOSES = ['outstanding', 'bunga', 'hari', 'konvensi_hari', 'pembulatan', 'gabungan', 'tidak_diketahui'] as const;
export type Diagnosis = (typeof DIAGNOSES)[number];

export const DIAGNOSIS_LABELS: Readonly<Record<Diagnosis, string>> = {
  outstanding: 'Baki debet bank berbeda',
  bunga: 'Tarif bunga berbeda',
  hari: 'Jumlah hari berbeda',
  konvensi_hari: 'Konvensi hari berbeda',
  pembulatan: 'Pembulatan berbeda',
  gabungan: 'Beberapa sebab sekaligus',
  tidak_diketahui: 'Tidak diketahui',
};

/** A claim in lists: the header and its totals. */
export interface ClaimSummary {
  id: number;
  bankId: number;
  bankKode: string;
  bankNama: string;
  periodeAwal: string;
  periodeAkhir: string;
  status: ClaimStatus;
  jumlahBaris: number;
  totalDiklaim: number;
  /** Fixed at approval; before it, the sum of the lines' agreed amounts so far (null when none decided). */
  totalDisetujui: number | null;
  totalDibayar: number;
  imporId: number | null;
  namaBerkas: string | null;
  dibuat: string;
  dibuatOleh: string | null;
  /** Sent back with a reconciliation, decision, approval, cancellation or SP2D (record versions). */
  versi: number;
}

export interface ClaimPaymentRow {
  id: number;
  nomorSp2d: string;
  tanggalSp2d: string;
  jumlah: number;
  paguId: number | null;
  paguKode: string | null;
}

/** Per status: how many lines, and the sums of claimed, expected and agreed amounts. */
export interface ClaimStatusTotal {
  status: ClaimLineStatus;
  jumlah: number;
  diklaim: number;
  diharapkan: number;
  disetujui: number;
}

export interface ClaimHeader extends ClaimSummary {
  direkonsiliasiPada: string | null;
  direkonsiliasiOleh: string | null;
  disetujuiOleh: string | null;
  disetujuiPada: string | null;
  nomorBa: string | null;
  tanggalBa: string | null;
}

// ClaimLine (a bank claim's line) is derived from its column map in ./claim-lines.ts.

export interface UnclaimedLine {
  pinjamanId: number;
  periode: string;
  nomorRekening: string;
  nik: string;
  nama: string;
  diharapkan: number;
}

export interface ClaimDetail {
  claim: ClaimHeader;
  perStatus: ClaimStatusTotal[];
  /** Lines not yet decided: approval waits for them. */
  belumDiputuskan: number;
  /** Sum of our expected amounts over the matched lines. */
  totalDiharapkan: number;
  /** Sum of agreed amounts so far, and of what was claimed but not agreed (rejected). */
  totalDisetujuiSementara: number;
  totalDitolak: number;
  tidakDiklaim: { jumlah: number; total: number };
  pembayaran: ClaimPaymentRow[];
  /** Corrections offset on this claim: − overpayments + underpayments (0 when none). */
  koreksiKompensasi: number;
  /** What the SP2D pays: agreed total + koreksiKompensasi (null before approval). */
  totalBersih: number | null;
  /** What may still be paid: the net payable less what was paid (0 before approval). */
  sisaBayar: number;
  /** The lines of the page asked for, filtered in SQL. */
  lines: Page<ClaimLine>;
}

export interface ReconcileResult {
  tagihanId: number;
  perStatus: ClaimStatusTotal[];
  tidakDiklaim: { jumlah: number; total: number };
  /** Milliseconds spent outside the subsidy run (matching, diagnosing, writing). */
  ms: { run: number; rest: number };
}

const lineFilter = z.enum([...CLAIM_LINE_STATUSES, 'belum_diputuskan']);

export const claimListInput = z
  .object({
    bankId: id.optional(),
    /** Claims whose period range contains this month. */
    periode: period.optional(),
    status: z.enum(CLAIM_STATUSES).optional(),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .default({ page: 1, pageSize: 50 });

export const claimGetInput = z.object({
  tagihanId: id,
  status: lineFilter.optional(),
  search: z.string().trim().max(100).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
});

const reason = z
  .string()
  .trim()
  .max(300, 'Alasan paling banyak 300 karakter')
  .nullish()
  .transform((v) => (v ? v : null));

export const claimDecideInput = z.object({
  barisId: id,
  /** The line's version as shown. */
  versi,
  keputusan: z.enum(CLAIM_DECISIONS, { error: 'Pilih keputusan' }),
  alasan: reason,
});

export const claimDecideBulkInput = z.object({
  tagihanId: id,
  /** The claim's version as shown. */
  versi,
  /** Which lines: every undecided line of this status. */
  status: z.enum(['cocok', 'selisih']),
  keputusan: z.enum(['terima_bank', 'terima_hitungan']),
  alasan: reason,
});

/** Withdrawing a claim that will not be paid (a wrong file, a month paid by another path). */
export const claimCancelInput = z.object({
  tagihanId: id,
  versi,
  alasan: requiredText('Alasan pembatalan', 300),
});

export const claimApproveInput = z.object({
  tagihanId: id,
  versi,
  /** The berita acara's number; one is made up when left out. */
  nomorBa: z
    .string()
    .trim()
    .max(80)
    .nullish()
    .transform((v) => (v ? v : null)),
  tanggalBa: isoDate('Tanggal berita acara')
    .nullish()
    .transform((v) => v ?? null),
  /**
   * Open corrections of the same bank the verifier chose to settle on this claim (offset): its
   * SP2D then pays the agreed total − these overpayments + these underpayments.
   */
  koreksiIds: z.array(id).max(500, 'Paling banyak 500 koreksi sekaligus').default([]),
});

export const claimPaymentInput = z.object({
  tagihanId: id,
  versi,
  nomorSp2d: requiredText('Nomor SP2D', 60),
  tanggalSp2d: isoDate('Tanggal SP2D'),
  jumlah: rupiah('Jumlah').positive('Jumlah harus lebih dari 0'),
  paguId: id,
});

export interface ClaimPaymentResult {
  pembayaranId: number;
  jumlah: number;
  totalDibayar: number;
  sisaBayar: number;
  sisaPagu: number;
  status: ClaimStatus;
}

// ---------------------------------------------------------------------------
// Corrections after payment (koreksi, migration 0023_payment_corrections)
// ---------------------------------------------------------------------------

export const CORRECTION_KINDS = ['lebih_bayar', 'kurang_bayar'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];
export const CORRECTION_KIND_LABELS: Readonly<Record<CorrectionKind, string>> = { lebih_bayar: 'Lebih bayar', kurang_bayar: 'Kurang bayar' };

export const CORRECTION_DOCUMENTS = ['koreksi_bank', 'inspektorat', 'bpk', 'lainnya'] as const;
export type CorrectionDocument = (typeof CORRECTION_DOCUMENTS)[number];
export const CORRECTION_DOCUMENT_LABELS: Readonly<Record<CorrectionDocument, string>> = {
  koreksi_bank: 'Koreksi bank',
  inspektorat: 'Temuan Inspektorat',
  bpk: 'Temuan BPK',
  lainnya: 'Lainnya',
};

export const CORRECTION_STATUSES = ['terbuka', 'diselesaikan'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/** A correction of a paid claim line, with the line it is about and how it is settled. */
export interface Correction {
  id: number;
  barisId: number;
  /** The paid claim the line belongs to. */
  tagihanId: number;
  bankId: number;
  nomorBaris: number;
  nomorRekening: string;
  nama: string | null;
  periode: string;
  /** What the line was agreed and paid. */
  dibayarBaris: number;
  jenis: CorrectionKind;
  jumlah: number;
  alasan: string;
  dokumenJenis: CorrectionDocument;
  dokumenNomor: string;
  dokumenTanggal: string;
  dicatatOleh: string;
  dicatatPada: string;
  status: CorrectionStatus;
  penyelesaian: 'kompensasi' | 'sts' | null;
  /** The claim it is (to be) offset on. */
  tagihanKompensasiId: number | null;
  nomorSts: string | null;
  tanggalSts: string | null;
  penyelesaianOleh: string | null;
  /** When the money moved (the SP2D that paid the offsetting claim in full, or the STS). */
  tanggalSelesai: string | null;
  /** Sent back with its STS (record versions). */
  versi: number;
}

export const correctionListInput = z.object({
  /** Corrections of this claim's lines. */
  tagihanId: id.optional(),
  /** Corrections offset on this claim. */
  tagihanKompensasiId: id.optional(),
  bankId: id.optional(),
  status: z.enum(CORRECTION_STATUSES).optional(),
  /** Only those still free to settle: open and not yet chosen for a claim. */
  tersedia: z.boolean().optional(),
});

export const correctionRecordInput = z.object({
  barisId: id,
  jenis: z.enum(CORRECTION_KINDS, { error: 'Pilih jenis koreksi' }),
  jumlah: rupiah('Jumlah koreksi').positive('Jumlah koreksi harus lebih dari 0'),
  alasan: requiredText('Alasan koreksi', 500),
  dokumenJenis: z.enum(CORRECTION_DOCUMENTS, { error: 'Pilih jenis dokumen' }),
  dokumenNomor: requiredText('Nomor dokumen', 100),
  dokumenTanggal: isoDate('Tanggal dokumen'),
});

export const correctionStsInput = z.object({
  koreksiId: id,
  versi,
  nomorSts: requiredText('Nomor STS', 60),
  tanggalSts: isoDate('Tanggal STS'),
});

export const claimsContract = {
  'claims.list': { input: claimListInput, output: returns<Page<ClaimSummary>>() },
  /** The claim's header, totals per status, payments and one page of its lines (filtered in SQL). */
  'claims.get': { input: claimGetInput, output: returns<ClaimDetail>() },
  /** Loans the run expected (eligible, amount > 0) that the bank did not claim. */
  'claims.unclaimed': {
    input: z.object({ tagihanId: id, page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(500).default(50) }),
    output: returns<Page<UnclaimedLine>>(),
  },
  /** Matches every line to a loan and compares it with the subsidy run; allowed until approval. */
  'claims.reconcile': { input: z.object({ tagihanId: id, versi }), output: returns<ReconcileResult>() },
  'claims.decide': { input: claimDecideInput, output: returns<ClaimLine>() },
  'claims.decideBulk': { input: claimDecideBulkInput, output: returns<{ jumlah: number }>() },
  /** Fixes the agreed total and locks the lines (four-eyes: not by whoever created the claim). */
  'claims.approve': { input: claimApproveInput, output: returns<ClaimHeader>() },
  /** An SP2D against an approved claim, never above its agreed total less what was paid. */
  'claims.recordPayment': { input: claimPaymentInput, output: returns<ClaimPaymentResult>() },
  /** Cancels a claim nothing has been paid on (draf, reconciled or approved); it stays, marked dibatalkan. */
  'claims.cancel': { input: claimCancelInput, output: returns<ClaimHeader>() },
  /** Corrections after payment: of a claim's lines, offset on a claim, or of a bank (open ones to offset). */
  'claims.corrections': { input: correctionListInput, output: returns<Correction[]>() },
  /** Records a correction against a paid line (the line, its payment and periode_dibayar stay as they are). */
  'claims.recordCorrection': { input: correctionRecordInput, output: returns<Correction>() },
  /** Settles an overpayment by its deposit back to the kas daerah (four-eyes: not its recorder). */
  'claims.settleCorrectionSts': { input: correctionStsInput, output: returns<Correction>() },
} as const;
