import { appendAudit } from '../../../database/repositories/audit';
import { getBank } from '../../../database/repositories/banks';
import { insertPaidClaim, isPersonMonthRefusal } from '../../../database/repositories/payments';
import { formatPeriod } from '../../domain/format';
import type { ServiceContext } from '../context';
import { ServiceError, invalid, notFound } from '../errors';
import { checkSubsidySp2d, refuseAbovePagu } from './payment-checks';
import type { HandlersFor } from '../index';
import { computeSubsidyRun } from './run';
import { paidClaimLines, payableLines } from './paid-claim';
import { refusePersonMonth } from './person-month';

export const DIRECT_PAYMENT_CLOSED =
  'Pembayaran subsidi langsung dari perhitungan (tanpa tagihan bank dan tanpa persetujuan orang kedua) tidak diizinkan. Impor tagihan bank, rekonsiliasi, minta verifikator lain menyetujuinya, lalu catat SP2D di Tagihan & Rekonsiliasi.';

export function subsidyHandlers(ctx: ServiceContext): HandlersFor<'subsidy'> {
  const { db } = ctx;
  return {
    'subsidy.run': async (req) => computeSubsidyRun(db, req),

    'subsidy.recordPayment': async (input) =>
      db.transaction(() => {
        // Paying the computed run directly has no bank claim, no approval and one person: it is
        // not open to signed-in users. The trusted caller (CLI: historic payments) still has it.
        if (ctx.caller().role !== 'sistem') throw new ServiceError('FORBIDDEN', DIRECT_PAYMENT_CLOSED);
        const periodeAkhir = input.periodeAkhir ?? input.periodeAwal;
        if (periodeAkhir < input.periodeAwal) throw invalid('periodeAkhir', 'Periode akhir sebelum periode awal');
        if (!getBank(db, input.bankId)) throw notFound('Bank mitra');
        const budget = checkSubsidySp2d(db, input);

        // The run excludes every loan-month already paid, so nothing can be paid twice.
        const run = computeSubsidyRun(db, { bankId: input.bankId, periodeAwal: input.periodeAwal, periodeAkhir });
        const payable = payableLines(run);
        if (payable.length === 0) {
          throw new ServiceError('CONFLICT', 'Tidak ada baris subsidi yang layak dibayar untuk bank dan periode ini (mungkin sudah dibayar).');
        }
        const total = payable.reduce((sum, l) => sum + l.rincian.jumlah, 0);
        refuseAbovePagu(budget, total);
        const { pagu, sisa } = budget;
        // The run already leaves out a month another loan of the person holds; checked again here
        // so that a refusal names the loan, and the database's trigger is only the backstop.
        const lines = paidClaimLines(payable);
        refusePersonMonth(db, lines, (l) => `rekening ${l.nomorRekening} (${formatPeriod(l.periode)})`, 'Pembayaran tidak dapat dicatat', 'Tidak ada yang dicatat.');
        let result: ReturnType<typeof insertPaidClaim>;
        try {
          result = insertPaidClaim(db, {
            bankId: input.bankId,
            periodeAwal: input.periodeAwal,
            periodeAkhir,
            nomorSp2d: input.nomorSp2d,
            tanggalSp2d: input.tanggalSp2d,
            paguId: pagu.id,
            lines,
          });
        } catch (err) {
          if (isPersonMonthRefusal(err)) throw new ServiceError('CONFLICT', 'Sebagian bulan sudah disubsidi melalui pinjaman lain debitur yang sama. Tidak ada yang dicatat.');
          throw err;
        }
        appendAudit(db, {
          user: ctx.user,
          action: 'buat',
          entity: 'pembayaran',
          entityId: result.pembayaranId,
          after: { ...input, periodeAkhir, jumlah: result.total, baris: payable.length, tagihanId: result.tagihanId },
        });
        return { tagihanId: result.tagihanId, pembayaranId: result.pembayaranId, jumlah: result.total, jumlahBaris: payable.length, sisaPagu: sisa - result.total };
      })(),
  };
}
