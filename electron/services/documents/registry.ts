/**
 * Every printable document in one place: for each kind (`jenis`) who may see it, which bank's
 * data it shows (so a bank's liaison officer sees only their own) and how it is built. The
 * channels (documents.render / documents.print / documents.kinds), the access table and the
 * renderer's DocumentView are the same for all of them.
 *
 * ADDING A DOCUMENT KIND IS A 2-PLACE CHANGE:
 *   1. electron/contract/documents.ts — its params schema (`jenis: z.literal('beritaAcara')`, …)
 *      added to the `documentRequest` discriminated union;
 *   2. here — its entry in REPORTS: { judul, keterangan, roles, bankOf?, build }.
 * `build(ctx, params)` returns a ReportDocument (model.ts); it reads with SQL over integer rupiah
 * and never formats money itself. `bankOf` returns the bank whose data the document shows (null:
 * several banks): a caller with the role 'bank' may print it only for their own bank
 * (requireOwnBank). Documents without `bankOf` are refused to the role 'bank' unless listed in
 * `roles` — then they must not show other banks' data.
 */
import { ROLE_GROUPS, type DocumentKind, type DocumentRequest, type Role } from '../../contract';
import type { ServiceContext } from '../context';
import type { ReportDocument } from './model';
import { buildRekapBulanan } from '../reports/rekap-bulanan';
import { buildRegisterDebitur, buildRegisterPinjaman } from '../reports/registers';
import { buildRiwayatPinjaman, bankOfLoan } from '../reports/riwayat-pinjaman';
import { bankOfClaim, buildBeritaAcara, buildRekonsiliasiBaris } from '../claims/documents';
import { buildEvaluasiProgram } from '../monitoring/evaluation';
import { buildRencanaKunjungan } from '../monitoring/plan-document';

export interface ReportDefinition<J extends DocumentKind> {
  /** Shown in the report picker. */
  judul: string;
  keterangan: string;
  /** The roles that may print it (checked after the access table lets documents.* through). */
  roles: readonly Role[];
  /** The bank whose data the document shows, for bank scoping; null when it may show several. */
  bankOf?: (ctx: ServiceContext, params: Extract<DocumentRequest, { jenis: J }>) => number | null;
  build: (ctx: ServiceContext, params: Extract<DocumentRequest, { jenis: J }>) => ReportDocument | Promise<ReportDocument>;
}

// The access table's groups: a new role lands in every document kind its group may print.
const { STAFF, STAFF_AND_BANK } = ROLE_GROUPS;

export const REPORTS: { [J in DocumentKind]: ReportDefinition<J> } = {
  rekapBulanan: {
    judul: 'Rekap bulanan',
    keterangan: 'Debitur dan pinjaman, plafon dan baki debet, subsidi dan premi terhadap pagu, kualitas kredit, per bank, kecamatan, sektor, skala usaha dan jenis kelamin.',
    roles: STAFF,
    build: buildRekapBulanan,
  },
  registerPinjaman: {
    judul: 'Register pinjaman',
    keterangan: 'Daftar pinjaman dengan saring bank, kecamatan, skema, status dan periode akad.',
    roles: STAFF_AND_BANK,
    bankOf: (_ctx, p) => p.bankId ?? null,
    build: buildRegisterPinjaman,
  },
  registerDebitur: {
    judul: 'Register debitur',
    keterangan: 'Daftar debitur dengan saring kecamatan, sektor, skala usaha, bank, skema, status dan periode akad pinjamannya.',
    roles: STAFF,
    build: buildRegisterDebitur,
  },
  riwayatPinjaman: {
    judul: 'Riwayat pinjaman',
    keterangan: 'Satu pinjaman: syarat, jadwal angsuran, posisi bank, subsidi dibayar, premi dan langkah-langkahnya.',
    roles: STAFF_AND_BANK,
    bankOf: (ctx, p) => bankOfLoan(ctx, p.pinjamanId),
    build: buildRiwayatPinjaman,
  },
  beritaAcaraRekonsiliasi: {
    judul: 'Berita acara rekonsiliasi',
    keterangan: 'Hasil rekonsiliasi tagihan subsidi bunga satu bank: jumlah ditagih, disetujui dan ditolak (dengan terbilang), per status, rincian baris dan tanda tangan.',
    roles: STAFF_AND_BANK,
    bankOf: (ctx, p) => bankOfClaim(ctx, p.tagihanId),
    build: buildBeritaAcara,
  },
  rekonsiliasiBaris: {
    judul: 'Rincian rekonsiliasi tagihan',
    keterangan: 'Setiap baris tagihan dengan angka bank dan angka perhitungan, status, dugaan penyebab selisih dan keputusan; lembar ringkasan per status.',
    roles: STAFF_AND_BANK,
    bankOf: (ctx, p) => bankOfClaim(ctx, p.tagihanId),
    build: buildRekonsiliasiBaris,
  },
  rencanaKunjungan: {
    judul: 'Rencana kunjungan monitoring',
    keterangan: 'Sampel acak pinjaman berjalan satu periode, berlapis per bank dan kecamatan, dengan alamat untuk petugas lapangan.',
    roles: STAFF,
    build: buildRencanaKunjungan,
  },
  evaluasiProgram: {
    judul: 'Evaluasi program',
    keterangan: 'Usaha yang dibiayai dalam setahun: tenaga kerja, omzet, usaha tutup, NPL, subsidi dan premi per usaha dan per tenaga kerja, dengan baris dasarnya.',
    roles: STAFF,
    build: buildEvaluasiProgram,
  },
};

/** The definition of a request's kind, typed for its params. */
export function definitionOf<J extends DocumentKind>(jenis: J): ReportDefinition<J> {
  return REPORTS[jenis];
}
