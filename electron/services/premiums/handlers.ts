import * as repo from '../../../database/repositories/premiums';
import { appendAudit } from '../../../database/repositories/audit';
import { callerId, refuseOwnEntry } from '../auth/four-eyes';
import { refuseClosedMonths } from '../closing/guard';
import { chosenPremiums, recordInsurerInvoice } from './invoice';
import { findPaymentBySp2d, getPagu, realisasiPagu } from '../../../database/repositories/payments';
import { formatRupiah } from '../../domain/format';
import type { ServiceContext } from '../context';
import { ServiceError, invalid } from '../errors';
import type { HandlersFor } from '../index';

export function premiumHandlers(ctx: ServiceContext): HandlersFor<'premiums'> {
  const { db } = ctx;

  const chosen = (penjaminId: number, ids: number[], versions: number[]) => chosenPremiums(ctx, penjaminId, ids, versions);

  return {
    'premiums.list': async (q) => repo.listPremiums(db, q),

    'premiums.recordInvoice': async (input) => db.transaction(() => recordInsurerInvoice(ctx, input))(),

    'premiums.recordPayment': async (input) =>
      db.transaction(() => {
        const rows = chosen(input.penjaminId, input.premiIds, input.versi);
        // Paid on the insurer's invoice only: whoever records it is the first person, the payer the second.
        const notInvoiced = rows.filter((r) => r.status !== 'ditagih');
        if (notInvoiced.length > 0) {
          throw new ServiceError(
            'CONFLICT',
            `${notInvoiced.length} premi yang dipilih belum ditagih penjamin. Catat tagihannya terlebih dahulu; pembayarannya dicatat orang lain (prinsip empat mata). Tidak ada yang dicatat.`,
            { premiIds: 'Belum ditagih' },
          );
        }
        refuseOwnEntry(
          ctx,
          rows.map((r) => r.tagihanDicatatOlehId),
          'Tagihan premi ini Anda catat sendiri; pembayarannya harus dicatat verifikator lain (prinsip empat mata).',
        );
        refuseClosedMonths(db, [input.tanggalSp2d.slice(0, 7)], 'Pembayaran premi tidak dapat dicatat', 'tanggalSp2d');
        const pagu = getPagu(db, input.paguId);
        if (!pagu) throw invalid('paguId', 'Pos anggaran tidak dikenal');
        if (pagu.jenis !== 'premi') throw invalid('paguId', 'Pos anggaran ini bukan untuk premi');
        if (pagu.tahun !== Number(input.tanggalSp2d.slice(0, 4)))
          throw invalid('paguId', `Pos anggaran tahun ${pagu.tahun}, sedangkan SP2D bertanggal tahun ${input.tanggalSp2d.slice(0, 4)}`);
        const same = findPaymentBySp2d(db, input.nomorSp2d);
        if (same) throw new ServiceError('CONFLICT', `SP2D nomor ${input.nomorSp2d} sudah dicatat (tanggal ${same.tanggal_sp2d})`, { nomorSp2d: 'Sudah dicatat' });
        const jumlah = rows.reduce((s, r) => s + r.jumlah, 0);
        const sisa = pagu.jumlah - realisasiPagu(db, pagu.id);
        if (jumlah > sisa) {
          throw new ServiceError(
            'CONFLICT',
            `Pembayaran ${formatRupiah(jumlah)} melebihi sisa pagu ${pagu.kode_rekening} tahun ${pagu.tahun} (${formatRupiah(sisa)}). Tidak ada yang dicatat.`,
          );
        }
        const pembayaranId = repo.insertPremiumPayment(db, { ...input, jumlah, premiIds: rows.map((r) => r.id), dicatatOlehId: callerId(ctx) });
        const { versi: _versi, ...recorded } = input;
        appendAudit(db, { user: ctx.user, action: 'buat', entity: 'pembayaran_premi', entityId: pembayaranId, after: { ...recorded, jumlah } });
        return { pembayaranId, jumlah, sisaPagu: sisa - jumlah };
      })(),
  };
}
