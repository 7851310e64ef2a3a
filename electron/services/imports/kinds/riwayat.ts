/**
 * Subsidy already paid before the app (riwayat; issue 13, item 2): each row a loan of this bank
 * (by account number), a month, the amount paid and the SP2D that paid it (number and date, per
 * row or once for the file). Checked and written by the subsidy service's own history functions
 * (services/subsidy/history.ts), so the import refuses exactly what recordHistoricPayments
 * refuses: an account not of this bank, a month already paid or twice in the file, a month the
 * person already had subsidised through another loan, an SP2D dated before the month ended, …
 * The commit records one paid claim 'riwayat' and one payment per SP2D.
 *
 * The SP2D is the regency's own record: a bank's liaison officer may send the file's other kinds,
 * not this one. A history import is never replaced: payments are never deleted.
 */
import * as repo from '../../../../database/repositories/imports';
import { periodLastDay } from '../../../domain/loan/dates';
import { ServiceError } from '../../errors';
import { checkHistoricPayments, recordHistoricPayments, type HistoricPaymentRow } from '../../subsidy/history';
import { matchBankLoans } from './bank-loans';
import type { CheckedRow, ImportKindModule } from './types';

function historicRow(r: CheckedRow): HistoricPaymentRow {
  const v = r.values;
  const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null);
  return {
    baris: r.baris,
    nomorRekening: v.nomorRekening as string,
    periode: v.periode as string,
    jumlah: v.jumlah as number,
    nomorSp2d: str(v.nomorSp2d),
    tanggalSp2d: str(v.tanggalSp2d),
    nik: str(v.nik),
    nama: str(v.nama),
  };
}

export const riwayat: ImportKindModule = {
  check(db, t, rows, report) {
    const { bankName, matches } = matchBankLoans(db, t, rows, report);
    const candidates: CheckedRow[] = [];
    rows.forEach((row, i) => {
      const m = matches[i];
      if (!m || row.galat) return;
      if (!m.loan && m.candidates > 1) {
        report.fail(row, 'nomorRekening', `Nomor rekening "${String(row.values.nomorRekening)}" cocok dengan lebih dari satu pinjaman ${bankName}`);
        return;
      }
      candidates.push(row);
    });
    if (t.bankId === null || candidates.length === 0) return;
    // The preview knows the month, not the day: an SP2D dated after this month is refused here,
    // one later this month than today by the commit (which then writes nothing).
    const byRow = new Map(candidates.map((r) => [r.baris, r]));
    const { ditolak } = checkHistoricPayments(db, t.bankId, candidates.map(historicRow), periodLastDay(t.bulanIni));
    for (const d of ditolak) report.fail(byRow.get(d.baris)!, d.kolom ?? 'nomorRekening', d.pesan);
  },

  write(ctx, { req, imporId, valid, afterWrite }) {
    if (ctx.caller().role === 'bank') {
      throw new ServiceError('FORBIDDEN', 'Riwayat pembayaran (SP2D) dicatat oleh sekretariat; petugas bank tidak dapat mengimpornya.');
    }
    const result = recordHistoricPayments(ctx, req.bankId!, valid.map(historicRow), imporId);
    const first = result.ditolak[0];
    if (first) {
      throw new ServiceError('CONFLICT', `Data berubah sejak pratinjau: baris ${first.baris} — ${first.pesan}. Jalankan pratinjau lagi; tidak ada yang disimpan.`);
    }
    afterWrite(result.jumlahBaris);
    return { tagihanId: null };
  },

  removeProducts(ctx, imporId) {
    const claims = repo.claimsOfImport(ctx.db, imporId);
    if (claims.length > 0) {
      throw new ServiceError(
        'CONFLICT',
        `Impor riwayat sebelumnya tidak dapat diganti: ${claims.length} SP2D darinya sudah tercatat sebagai pembayaran, dan pembayaran tidak pernah dihapus. Impor berkas yang hanya memuat baris yang belum tercatat.`,
      );
    }
    return {};
  },
};
