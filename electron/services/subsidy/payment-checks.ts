/**
 * The checks every subsidy SP2D passes before anything is written, whichever path records it:
 * subsidy.recordPayment (pays the computed run directly) and claims.recordPayment (pays a
 * reconciled, approved bank claim). One place, so the two paths cannot drift apart.
 */
import type { Database } from '../../../database/connection';
import { findPaymentBySp2d, getPagu, realisasiPagu, type PaguRow } from '../../../database/repositories/payments';
import { formatRupiah } from '../../domain/format';
import { refuseClosedMonths } from '../closing/guard';
import { ServiceError, invalid } from '../errors';

export interface SubsidySp2d {
  nomorSp2d: string;
  tanggalSp2d: string;
  paguId: number;
}

/**
 * Refuses an SP2D dated in a closed month, charged to an unknown budget line, a premium line or
 * another year's line, or whose number was already recorded. Returns the budget line and what
 * is left of it.
 */
export function checkSubsidySp2d(db: Database, input: SubsidySp2d): { pagu: PaguRow; sisa: number } {
  refuseClosedMonths(db, [input.tanggalSp2d.slice(0, 7)], 'Pembayaran tidak dapat dicatat', 'tanggalSp2d');
  const pagu = getPagu(db, input.paguId);
  if (!pagu) throw invalid('paguId', 'Pos anggaran tidak dikenal');
  if (pagu.jenis !== 'subsidi_bunga') throw invalid('paguId', 'Pos anggaran ini bukan untuk subsidi bunga');
  if (pagu.tahun !== Number(input.tanggalSp2d.slice(0, 4))) {
    throw invalid('paguId', `Pos anggaran tahun ${pagu.tahun}, sedangkan SP2D bertanggal tahun ${input.tanggalSp2d.slice(0, 4)}`);
  }
  const sameSp2d = findPaymentBySp2d(db, input.nomorSp2d);
  if (sameSp2d) throw new ServiceError('CONFLICT', `SP2D nomor ${input.nomorSp2d} sudah dicatat (tanggal ${sameSp2d.tanggal_sp2d})`, { nomorSp2d: 'Sudah dicatat' });
  return { pagu, sisa: pagu.jumlah - realisasiPagu(db, pagu.id) };
}

/** Refuses a payment larger than what is left of the budget line. */
export function refuseAbovePagu(check: { pagu: PaguRow; sisa: number }, total: number): void {
  if (total > check.sisa) {
    throw new ServiceError(
      'CONFLICT',
      `Pembayaran ${formatRupiah(total)} melebihi sisa pagu ${check.pagu.kode_rekening} tahun ${check.pagu.tahun} (${formatRupiah(check.sisa)}). Tidak ada yang dicatat.`,
    );
  }
}
