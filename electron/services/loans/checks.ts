import type { Database } from 'better-sqlite3';
import type { LoanFlag, Scheme } from '../../contract';
import { otherActiveLoansOfDebtor } from '../../../database/repositories/loans';
import { getDebtor } from '../../../database/repositories/debtors';
import { decreeFlag, decreeVerdictOfLoan } from '../decrees/check';
import { formatDateShort, formatRupiah } from '../../domain/format';
import { addMonths } from '../../domain/loan';

export interface LoanCandidate {
  id?: number | undefined;
  debiturId: number;
  bankId: number;
  cabangId: number | null;
  plafon: number;
  tenorBulan: number;
  tanggalAkad: string;
}

/**
 * Everything that stands against a loan before it is saved: double financing (the 2020 audit's
 * finding), the scheme's ceilings and validity window, and the recipient decree (a warning here:
 * the scheme decides whether it stops the payment, in the subsidy run). `menolak` tells whether
 * it blocks saving.
 */
export function loanFlags(db: Database, loan: LoanCandidate, scheme: Scheme): LoanFlag[] {
  const flags: LoanFlag[] = [];
  for (const other of otherActiveLoansOfDebtor(db, loan.debiturId, loan.id)) {
    flags.push({
      kode: 'pembiayaan_ganda',
      pesan: `Debitur ini sudah memiliki pinjaman bersubsidi yang masih berjalan: rekening ${other.nomorRekening} di ${other.bankNama} (akad ${other.nomorAkad}, status ${other.status}).`,
      menolak: scheme.tolakPembiayaanGanda,
    });
  }
  // A month already paid on another loan of the same debtor (same NIK) inside this loan's term.
  const firstPeriod = loan.tanggalAkad.slice(0, 7);
  const lastPeriod = addMonths(loan.tanggalAkad, loan.tenorBulan + 1).slice(0, 7);
  const overlap = db
    .prepare(
      `SELECT l.nomor_rekening AS rekening, min(pd.periode) AS dari, max(pd.periode) AS sampai, count(*) AS n
       FROM periode_dibayar pd JOIN pinjaman l ON l.id = pd.pinjaman_id
       WHERE l.debitur_id = ? AND l.id <> ? AND pd.periode BETWEEN ? AND ?
       GROUP BY l.id`,
    )
    .all(loan.debiturId, loan.id ?? 0, firstPeriod, lastPeriod) as { rekening: string; dari: string; sampai: string; n: number }[];
  for (const o of overlap) {
    flags.push({
      kode: 'periode_sudah_dibayar',
      pesan: `Subsidi debitur ini sudah dibayar untuk ${o.n} bulan (${o.dari} s.d. ${o.sampai}) melalui rekening ${o.rekening}, di dalam masa pinjaman ini.`,
      menolak: scheme.tolakPembiayaanGanda,
    });
  }
  if (scheme.plafonMaks !== null && loan.plafon > scheme.plafonMaks) {
    flags.push({ kode: 'melebihi_plafon_skema', pesan: `Plafon ${formatRupiah(loan.plafon)} melebihi batas skema ${scheme.kode} (${formatRupiah(scheme.plafonMaks)}).`, menolak: true });
  }
  if (scheme.tenorMaks !== null && loan.tenorBulan > scheme.tenorMaks) {
    flags.push({ kode: 'melebihi_tenor_skema', pesan: `Tenor ${loan.tenorBulan} bulan melebihi batas skema ${scheme.kode} (${scheme.tenorMaks} bulan).`, menolak: true });
  }
  if (loan.tanggalAkad < scheme.berlakuDari || (scheme.berlakuSampai !== null && loan.tanggalAkad > scheme.berlakuSampai)) {
    flags.push({
      kode: 'di_luar_masa_skema',
      pesan: `Tanggal akad ${formatDateShort(loan.tanggalAkad)} di luar masa berlaku skema ${scheme.kode} (${formatDateShort(scheme.berlakuDari)} – ${scheme.berlakuSampai ? formatDateShort(scheme.berlakuSampai) : 'seterusnya'}).`,
      menolak: true,
    });
  }
  const debtor = getDebtor(db, loan.debiturId);
  if (debtor) {
    const sk = decreeFlag(decreeVerdictOfLoan(db, { ...loan, nik: debtor.nik }, scheme), scheme);
    if (sk) flags.push(sk);
  }
  return flags;
}
