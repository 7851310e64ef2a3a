/**
 * A bank's monthly positions (posisi): written as they are, so each row must be a loan of this
 * bank and pass what the position form checks (positionRefusal), in a month not closed, once per
 * loan and month in the file. Written with sumber 'impor'.
 */
import * as repo from '../../../../database/repositories/imports';
import { upsertPosition } from '../../../../database/repositories/loans';
import { formatPeriod } from '../../../domain/format';
import { closedAmong, refuseClosedMonths } from '../../closing/guard';
import { ServiceError } from '../../errors';
import { positionRefusal } from '../../loans/position-checks';
import { matchBankLoans } from './bank-loans';
import type { ImportKindModule } from './types';

export const posisi: ImportKindModule = {
  check(db, t, rows, report) {
    const { bankName, matches } = matchBankLoans(db, t, rows, report);
    const closed = new Set(closedAmong(db, [...new Set(rows.map((r) => r.values.periode).filter((p): p is string => typeof p === 'string'))]));
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const m = matches[i];
      if (!m || row.galat) return;
      const account = row.values.nomorRekening as string;
      if (!m.loan) {
        report.fail(
          row,
          'nomorRekening',
          m.candidates > 1 ? `Nomor rekening "${account}" cocok dengan lebih dari satu pinjaman ${bankName}` : `Nomor rekening "${account}" bukan pinjaman ${bankName}`,
        );
        return;
      }
      const periode = row.values.periode as string;
      const refusal = positionRefusal(m.loan, { periode, outstanding: row.values.outstanding as number });
      if (refusal) {
        report.fail(row, refusal.field, refusal.message);
        return;
      }
      if (closed.has(periode)) {
        report.fail(row, 'periode', `Bulan ${formatPeriod(periode)} sudah ditutup (tutup buku); posisinya tidak dapat diubah`);
        return;
      }
      const key = `${m.loan.id}|${periode}`;
      const first = seen.get(key);
      if (first !== undefined) {
        report.fail(row, 'nomorRekening', `Posisi rekening ini untuk ${formatPeriod(periode)} sudah ada di baris ${first}`);
        return;
      }
      seen.set(key, row.baris);
    });
  },

  write(ctx, { imporId, valid, afterWrite }) {
    let n = 0;
    for (const r of valid) {
      upsertPosition(ctx.db, {
        pinjamanId: r.pinjamanId!,
        periode: r.values.periode as string,
        outstanding: r.values.outstanding as number,
        kol: r.values.kol as number,
        hariTunggakan: typeof r.values.hariTunggakan === 'number' ? r.values.hariTunggakan : 0,
        angsuranDibayar: typeof r.values.angsuranDibayar === 'boolean' ? r.values.angsuranDibayar : true,
        sumber: 'impor',
        imporId,
      });
      afterWrite(++n);
    }
    return { tagihanId: null };
  },

  removeProducts(ctx, imporId) {
    const made = repo.positionsOfImport(ctx.db, imporId);
    if (made.paid > 0) {
      throw new ServiceError('CONFLICT', `Impor sebelumnya tidak dapat diganti: ${made.paid} posisi darinya sudah dipakai untuk subsidi yang dibayar.`);
    }
    refuseClosedMonths(ctx.db, made.periods, 'Impor sebelumnya tidak dapat diganti');
    return { posisiDihapus: repo.deletePositionsOfImport(ctx.db, imporId) };
  },
};
