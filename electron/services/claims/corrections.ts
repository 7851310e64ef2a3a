/**
 * Corrections after payment (issue 18.5): a paid claim line later found wrong is corrected, never
 * edited. A correction (lebih bayar / kurang bayar, with the finding's document) is recorded
 * against the paid line; it is settled by offset on the bank's next claim (chosen at that claim's
 * approval, settled when it is paid in full: see handlers.ts) or, for an overpayment, by an STS
 * deposit back to the kas daerah. Four-eyes: whoever recorded it neither deposits nor offsets it.
 */
import { requireVersion } from '../versions';
import { appendAudit } from '../../../database/repositories/audit';
import { getClaimHeader } from '../../../database/repositories/claims';
import * as repo from '../../../database/repositories/corrections';
import type { Correction } from '../../contract/claims';
import { formatPeriod, formatRupiah } from '../../domain/format';
import { callerBank, requireOwnBank } from '../auth/bank-scope';
import { callerId, refuseOwnEntry } from '../auth/four-eyes';
import { refuseClosedMonths } from '../closing/guard';
import type { ServiceContext } from '../context';
import { ServiceError, invalid, notFound } from '../errors';
import type { Handlers } from '../index';

type CorrectionHandlers = Pick<Handlers, 'claims.corrections' | 'claims.recordCorrection' | 'claims.settleCorrectionSts'>;

/** The correction without who recorded it by id (the contract's shape). */
export function toCorrection(k: repo.CorrectionRecord): Correction {
  const { dicatatOlehId, ...rest } = k;
  void dicatatOlehId;
  return rest;
}

export function correctionHandlers(ctx: ServiceContext): CorrectionHandlers {
  const { db } = ctx;
  const nowIso = () => new Date(ctx.now()).toISOString();

  return {
    'claims.corrections': async (q) => {
      const own = callerBank(ctx);
      if (q.bankId !== undefined) requireOwnBank(ctx, q.bankId);
      for (const t of [q.tagihanId, q.tagihanKompensasiId]) {
        if (t === undefined) continue;
        const claim = getClaimHeader(db, t);
        if (!claim) throw notFound('Tagihan');
        requireOwnBank(ctx, claim.bankId);
      }
      return repo.listCorrections(db, { ...q, bankId: own ?? q.bankId }).map(toCorrection);
    },

    'claims.recordCorrection': async (input) =>
      db.transaction(() => {
        const line = repo.lineForCorrection(db, input.barisId);
        if (!line) throw notFound('Baris tagihan');
        requireOwnBank(ctx, line.bankId);
        if (!line.dibayar) throw new ServiceError('CONFLICT', 'Baris ini belum dibayar; koreksi hanya untuk baris yang sudah dibayar. Sebelum dibayar, ubah keputusan barisnya.');
        if (input.dokumenTanggal > ctx.today()) throw invalid('dokumenTanggal', 'Tanggal dokumen tidak boleh di masa depan');
        if (input.jenis === 'lebih_bayar') {
          // What can still be found overpaid: what the line was paid (agreed + underpayments) less overpayments already recorded.
          const room = line.disetujui - line.koreksiLebihBersih;
          if (input.jumlah > room) {
            throw invalid(
              'jumlah',
              `Lebih bayar ${formatRupiah(input.jumlah)} melebihi yang dibayar pada baris ${line.nomorBaris} (rekening ${line.nomorRekening}, ${formatPeriod(line.periode)}): paling banyak ${formatRupiah(Math.max(0, room))}`,
            );
          }
        }
        const id = repo.insertCorrection(db, {
          ...input,
          dicatatOleh: ctx.user,
          dicatatOlehId: callerId(ctx),
          dicatatPada: nowIso(),
        });
        const after = repo.getCorrection(db, id)!;
        appendAudit(db, {
          user: ctx.user,
          action: 'buat',
          entity: 'koreksi',
          entityId: id,
          after: { ...input, tagihanId: line.tagihanId, nomorRekening: line.nomorRekening, periode: line.periode, dibayarBaris: line.disetujui },
        });
        return toCorrection(after);
      })(),

    'claims.settleCorrectionSts': async (input) =>
      db.transaction(() => {
        const k = repo.getCorrection(db, input.koreksiId);
        if (!k) throw notFound('Koreksi');
        requireOwnBank(ctx, k.bankId);
        requireVersion(ctx, 'koreksi', k.id, input.versi);
        if (k.jenis !== 'lebih_bayar') throw new ServiceError('CONFLICT', 'Hanya lebih bayar yang disetor kembali ke kas daerah; kurang bayar dibayarkan pada tagihan berikutnya.');
        if (k.status === 'diselesaikan') throw new ServiceError('CONFLICT', 'Koreksi ini sudah diselesaikan.');
        if (k.penyelesaian === 'kompensasi') {
          throw new ServiceError('CONFLICT', `Koreksi ini sudah diperhitungkan pada tagihan nomor ${k.tagihanKompensasiId}; batalkan tagihan itu dulu bila akan disetor.`);
        }
        refuseOwnEntry(ctx, [k.dicatatOlehId], 'Koreksi ini Anda catat sendiri; setorannya harus dicatat orang lain (prinsip empat mata).');
        if (input.tanggalSts > ctx.today()) throw invalid('tanggalSts', 'Tanggal STS tidak boleh di masa depan');
        if (input.tanggalSts < k.dokumenTanggal) throw invalid('tanggalSts', 'Tanggal STS tidak boleh sebelum tanggal dokumen temuan');
        if (repo.stsNumberTaken(db, input.nomorSts)) throw invalid('nomorSts', `Nomor STS ${input.nomorSts} sudah dicatat`);
        refuseClosedMonths(db, [input.tanggalSts.slice(0, 7)], 'Setoran tidak dapat dicatat', 'tanggalSts');
        // A deposit in the paying budget line's own year reduces its realisation; a deposit for an
        // earlier year's payment is the kas daerah's revenue (pendapatan lain-lain): recorded, not charged.
        const pagu = repo.paguOfClaim(db, k.tagihanId);
        const paguId = pagu !== null && pagu.tahun === Number(input.tanggalSts.slice(0, 4)) ? pagu.id : null;
        repo.settleBySts(db, k.id, {
          nomorSts: input.nomorSts,
          tanggalSts: input.tanggalSts,
          oleh: ctx.user,
          olehId: callerId(ctx),
          pada: nowIso(),
          paguId,
        });
        const after = repo.getCorrection(db, k.id)!;
        appendAudit(db, {
          user: ctx.user,
          action: 'ubah',
          entity: 'koreksi',
          entityId: k.id,
          before: { status: k.status, penyelesaian: k.penyelesaian },
          after: { langkah: 'setoran STS', status: after.status, nomorSts: input.nomorSts, tanggalSts: input.tanggalSts, jumlah: k.jumlah, paguId },
        });
        return toCorrection(after);
      })(),
  };
}

/**
 * At a claim's approval, in its transaction: checks and assigns the corrections the verifier chose
 * to offset on it; returns their signed sum (− overpayments + underpayments). Refuses, naming the
 * figures, an offset that would leave the claim nothing to pay.
 */
export function applyOffsets(ctx: ServiceContext, claim: { id: number; bankId: number }, agreedTotal: number, ids: readonly number[]): number {
  const { db } = ctx;
  if (ids.length === 0) return 0;
  const unique = [...new Set(ids)];
  const chosen = unique.map((id) => {
    const k = repo.getCorrection(db, id);
    if (!k) throw invalid('koreksiIds', `Koreksi nomor ${id} tidak ditemukan`);
    if (k.bankId !== claim.bankId) throw invalid('koreksiIds', `Koreksi nomor ${id} milik bank lain; kompensasi hanya pada tagihan bank yang sama`);
    if (k.status !== 'terbuka' || k.penyelesaian !== null) throw invalid('koreksiIds', `Koreksi nomor ${id} sudah diselesaikan atau diperhitungkan pada tagihan lain`);
    return k;
  });
  refuseOwnEntry(
    ctx,
    chosen.map((k) => k.dicatatOlehId),
    'Sebagian koreksi yang dipilih Anda catat sendiri; kompensasinya harus disetujui orang lain (prinsip empat mata).',
  );
  const net = chosen.reduce((s, k) => s + (k.jenis === 'kurang_bayar' ? k.jumlah : -k.jumlah), 0);
  if (agreedTotal + net < 1) {
    const over = chosen.filter((k) => k.jenis === 'lebih_bayar').reduce((s, k) => s + k.jumlah, 0);
    throw invalid(
      'koreksiIds',
      `Lebih bayar yang dikompensasikan (${formatRupiah(over)}) menghabiskan jumlah yang disetujui (${formatRupiah(agreedTotal)}); pilih lebih sedikit koreksi — sisanya tetap terbuka untuk tagihan berikutnya atau disetor dengan STS.`,
    );
  }
  repo.assignOffset(db, unique, claim.id, { oleh: ctx.user, olehId: callerId(ctx), pada: new Date(ctx.now()).toISOString() });
  return net;
}
