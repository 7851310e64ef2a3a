import { formatRupiah } from '../../domain/format';

/**
 * Why a bank position cannot be recorded for this loan (field and message), or null: the checks
 * the position form (positions.save) and the position-file import (imports) both apply. Closed
 * months are checked separately (electron/services/closing/guard.ts), in bulk for a file.
 */
export function positionRefusal(
  loan: { tanggalPencairan: string | null; plafon: number },
  p: { periode: string; outstanding: number },
): { field: 'periode' | 'outstanding'; message: string } | null {
  if (!loan.tanggalPencairan || p.periode < loan.tanggalPencairan.slice(0, 7)) return { field: 'periode', message: 'Periode sebelum pinjaman dicairkan' };
  if (p.outstanding > loan.plafon) return { field: 'outstanding', message: `Baki debet melebihi plafon (${formatRupiah(loan.plafon)})` };
  return null;
}
