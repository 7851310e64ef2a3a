/**
 * Bank claims: list, detail, reconciliation, line decisions, approval and payment.
 *
 * Two paths pay subsidy, and both end in the same tables and the same guard:
 *   subsidy.recordPayment  pays the computed run directly (no bank file): it writes a claim
 *                          already 'dibayar' whose lines are the run's eligible lines;
 *   claims.recordPayment   pays a bank's claim after reconciliation and approval: the agreed lines.
 * Both check the SP2D the same way (subsidy/payment-checks.ts) and mark each paid loan-month in
 * periode_dibayar, whose primary key refuses a second payment of a loan-month by either path.
 */
import { appendAudit } from '../../../database/repositories/audit';
import { getBank } from '../../../database/repositories/banks';
import * as repo from '../../../database/repositories/claims';
import { CLAIM_LINE_STATUS_LABELS, type ClaimStatus } from '../../contract/claims';
import { formatPeriod, formatRupiah } from '../../domain/format';
import { callerBank, requireOwnBank } from '../auth/bank-scope';
import { callerId, refuseOwnEntry } from '../auth/four-eyes';
import type { ServiceContext } from '../context';
import { ServiceError, invalid, notFound } from '../errors';
import type { HandlersFor } from '../index';
import { checkSubsidySp2d, refuseAbovePagu } from '../subsidy/payment-checks';
import { refusePersonMonth } from '../subsidy/person-month';
import { isPersonMonthRefusal } from '../../../database/repositories/payments';
import { agreedAmount, allowedDecisions, reconcileClaim } from './reconcile';
import { offsetTotal, releaseOffsets, settleOffsets } from '../../../database/repositories/corrections';
import { applyOffsets, correctionHandlers } from './corrections';
import { requireVersion } from '../versions';

export function claimHandlers(ctx: ServiceContext): HandlersFor<'claims'> {
  const { db } = ctx;
  const nowIso = () => new Date(ctx.now()).toISOString();

  function claimOf(tagihanId: number) {
    const header = repo.getClaimHeader(db, tagihanId);
    if (!header) throw notFound('Tagihan');
    requireOwnBank(ctx, header.bankId);
    return header;
  }

  function refuseUnlessDeciding(status: string): void {
    if (status === 'draf') throw new ServiceError('CONFLICT', 'Tagihan belum direkonsiliasi. Jalankan rekonsiliasi terlebih dahulu.');
    if (status === 'dibatalkan') throw new ServiceError('CONFLICT', 'Tagihan sudah dibatalkan.');
    if (status !== 'diverifikasi') throw new ServiceError('CONFLICT', 'Tagihan sudah disetujui; keputusan baris tidak dapat diubah lagi.');
  }

  return {
    ...correctionHandlers(ctx),
    'claims.list': async (q) => {
      const own = callerBank(ctx);
      if (own !== null && q.bankId !== undefined && q.bankId !== own) requireOwnBank(ctx, q.bankId);
      return repo.listClaims(db, { ...q, bankId: own ?? q.bankId });
    },

    'claims.get': async (q) => {
      const claim = claimOf(q.tagihanId);
      const sums = repo.claimSums(db, q.tagihanId);
      const pembayaran = repo.claimPayments(db, q.tagihanId);
      const paidTotal = pembayaran.reduce((s, p) => s + p.jumlah, 0);
      const approved = claim.status === 'disetujui' || claim.status === 'dibayar';
      const koreksiKompensasi = offsetTotal(db, q.tagihanId);
      const totalBersih = approved ? (claim.totalDisetujui ?? 0) + koreksiKompensasi : null;
      return {
        claim,
        perStatus: repo.statusTotals(db, q.tagihanId),
        belumDiputuskan: claim.status === 'draf' ? sums.baris : sums.belumDiputuskan,
        totalDiharapkan: sums.diharapkan,
        totalDisetujuiSementara: sums.disetujui,
        totalDitolak: repo.rejectedTotal(db, q.tagihanId),
        tidakDiklaim: repo.unclaimedTotals(db, q.tagihanId),
        pembayaran,
        koreksiKompensasi,
        totalBersih,
        sisaBayar: totalBersih !== null ? Math.max(0, totalBersih - paidTotal) : 0,
        lines: repo.listClaimLines(db, q.tagihanId, q),
      };
    },

    'claims.unclaimed': async (q) => {
      claimOf(q.tagihanId);
      return repo.listUnclaimed(db, q.tagihanId, q.page, q.pageSize);
    },

    'claims.reconcile': async ({ tagihanId, versi }) => reconcileClaim(ctx, tagihanId, versi),

    'claims.decide': async (input) =>
      db.transaction(() => {
        const line = repo.getClaimLine(db, input.barisId);
        if (!line) throw notFound('Baris tagihan');
        const claim = claimOf(line.tagihanId);
        requireVersion(ctx, 'tagihan_baris', line.id, input.versi);
        refuseUnlessDeciding(claim.status);
        if (line.status === null) throw new ServiceError('CONFLICT', 'Baris ini belum direkonsiliasi.');
        if (!allowedDecisions(line.status).includes(input.keputusan)) {
          throw invalid('keputusan', `Baris berstatus "${CLAIM_LINE_STATUS_LABELS[line.status]}" tidak dapat dibayar; satu-satunya keputusan yang mungkin adalah mengeluarkannya.`);
        }
        const asIs = line.status === 'cocok' && input.keputusan === 'terima_bank';
        if (!asIs && !input.alasan) throw invalid('alasan', 'Alasan keputusan wajib diisi');
        if (input.keputusan === 'terima_hitungan' && line.diharapkan === null) throw invalid('keputusan', 'Baris ini tidak memiliki angka perhitungan');
        const disetujui = agreedAmount(input.keputusan, line);
        repo.setLineDecision(db, line.id, { keputusan: input.keputusan, alasan: input.alasan, disetujui, oleh: ctx.user, pada: nowIso() });
        repo.refreshAgreedTotal(db, line.tagihanId);
        const after = repo.getClaimLine(db, line.id)!;
        appendAudit(db, {
          user: ctx.user,
          action: 'ubah',
          entity: 'tagihan_baris',
          entityId: line.id,
          before: { keputusan: line.keputusan, disetujui: line.disetujui, alasan: line.alasanKeputusan },
          after: { langkah: 'keputusan', tagihanId: line.tagihanId, nomorBaris: line.nomorBaris, keputusan: input.keputusan, disetujui, alasan: input.alasan },
        });
        return repo.toClaimLineOnly(after);
      })(),

    'claims.decideBulk': async (input) =>
      db.transaction(() => {
        const claim = claimOf(input.tagihanId);
        requireVersion(ctx, 'tagihan', claim.id, input.versi);
        refuseUnlessDeciding(claim.status);
        const asIs = input.status === 'cocok' && input.keputusan === 'terima_bank';
        if (!asIs && !input.alasan) throw invalid('alasan', 'Alasan keputusan wajib diisi');
        const changed = repo.decideLinesOfStatus(db, {
          tagihanId: input.tagihanId,
          status: input.status,
          keputusan: input.keputusan,
          alasan: input.alasan,
          oleh: ctx.user,
          pada: nowIso(),
        });
        repo.refreshAgreedTotal(db, input.tagihanId);
        appendAudit(db, {
          user: ctx.user,
          action: 'ubah',
          entity: 'tagihan',
          entityId: input.tagihanId,
          after: { langkah: 'keputusan massal', status: input.status, keputusan: input.keputusan, alasan: input.alasan, baris: changed },
        });
        return { jumlah: changed };
      })(),

    'claims.approve': async (input) =>
      db.transaction(() => {
        const claim = claimOf(input.tagihanId);
        requireVersion(ctx, 'tagihan', claim.id, input.versi);
        if (claim.status === 'draf') throw new ServiceError('CONFLICT', 'Tagihan belum direkonsiliasi.');
        if (claim.status !== 'diverifikasi') throw new ServiceError('CONFLICT', `Tagihan berstatus ${claim.status}; hanya tagihan yang sudah direkonsiliasi dapat disetujui.`);
        refuseOwnEntry(ctx, repo.claimCreators(db, claim.id), 'Tagihan ini Anda masukkan sendiri; persetujuannya harus oleh verifikator lain (prinsip empat mata).');
        const sums = repo.claimSums(db, claim.id);
        if (sums.belumDiputuskan > 0) {
          throw new ServiceError('CONFLICT', `Masih ada ${sums.belumDiputuskan} baris yang belum diputuskan. Putuskan semua baris sebelum menyetujui.`);
        }
        // Backstops: nothing unpayable carries an amount; nothing paid since the reconciliation.
        if (repo.unpayableAgreedCount(db, claim.id) > 0)
          throw new ServiceError('CONFLICT', 'Ada baris yang tidak memenuhi syarat tetapi bernilai disetujui. Jalankan rekonsiliasi ulang.');
        const paidElsewhere = repo.alreadyPaidOf(db, claim.id);
        if (paidElsewhere.length > 0) throw alreadyPaid(paidElsewhere, 'disetujui');
        refusePersonMonth(db, repo.payableLines(db, claim.id), lineText, 'Tagihan tidak dapat disetujui', 'Jalankan rekonsiliasi ulang agar baris itu ditandai.');

        const tanggalBa = input.tanggalBa ?? ctx.today();
        const bank = getBank(db, claim.bankId)!;
        const nomorBa = input.nomorBa ?? `${String(claim.id).padStart(4, '0')}/BA-REK/${bank.kode}/${tanggalBa.slice(0, 4)}`;
        if (repo.nomorBaTaken(db, nomorBa, claim.id)) throw invalid('nomorBa', `Nomor berita acara ${nomorBa} sudah dipakai`);
        repo.approveClaim(db, claim.id, { total: sums.disetujui, oleh: ctx.user, olehId: callerId(ctx), pada: nowIso(), nomorBa, tanggalBa });
        // Corrections of earlier paid lines the verifier chose to offset on this claim (issue 18.5).
        const koreksi = applyOffsets(ctx, claim, sums.disetujui, input.koreksiIds);
        const after = repo.getClaimHeader(db, claim.id)!;
        appendAudit(db, {
          user: ctx.user,
          action: 'ubah',
          entity: 'tagihan',
          entityId: claim.id,
          before: { status: claim.status, totalDisetujui: claim.totalDisetujui },
          after: {
            langkah: 'persetujuan',
            status: after.status,
            totalDiklaim: after.totalDiklaim,
            totalDisetujui: after.totalDisetujui,
            nomorBa,
            tanggalBa,
            ...(input.koreksiIds.length > 0 ? { koreksiIds: [...new Set(input.koreksiIds)], koreksiKompensasi: koreksi, totalBersih: sums.disetujui + koreksi } : {}),
          },
        });
        return after;
      })(),

    'claims.cancel': async (input) =>
      db.transaction(() => {
        const claim = claimOf(input.tagihanId);
        requireVersion(ctx, 'tagihan', claim.id, input.versi);
        if (claim.status === 'dibatalkan') throw new ServiceError('CONFLICT', 'Tagihan ini sudah dibatalkan.');
        if (repo.paymentCount(db, claim.id) > 0 || claim.status === 'dibayar') {
          throw new ServiceError('CONFLICT', 'Tagihan yang sudah dibayar (seluruhnya atau sebagian) tidak dapat dibatalkan.');
        }
        repo.setClaimStatus(db, claim.id, 'dibatalkan');
        const dilepas = releaseOffsets(db, claim.id);
        appendAudit(db, {
          user: ctx.user,
          action: 'ubah',
          entity: 'tagihan',
          entityId: claim.id,
          before: { status: claim.status },
          after: { langkah: 'pembatalan', status: 'dibatalkan', alasan: input.alasan, ...(dilepas > 0 ? { koreksiDilepas: dilepas } : {}) },
        });
        return repo.getClaimHeader(db, claim.id)!;
      })(),

    'claims.recordPayment': async (input) =>
      db.transaction(() => {
        const claim = claimOf(input.tagihanId);
        // Two verifiers entering the same SP2D: the second reads who paid it, nothing is written twice.
        requireVersion(ctx, 'tagihan', claim.id, input.versi);
        if (claim.status === 'dibayar') throw new ServiceError('CONFLICT', 'Tagihan ini sudah dibayar penuh.');
        if (claim.status !== 'disetujui') throw new ServiceError('CONFLICT', 'Pembayaran hanya dapat dicatat untuk tagihan yang sudah disetujui.');
        refuseOwnEntry(ctx, repo.claimCreators(db, claim.id), 'Tagihan ini Anda masukkan atau impor sendiri; SP2D-nya harus dicatat verifikator lain (prinsip empat mata).');
        // The net payable: the agreed total less overpayments, plus underpayments, offset on it.
        const koreksi = offsetTotal(db, claim.id);
        const total = (claim.totalDisetujui ?? 0) + koreksi;
        const sisaBayar = total - claim.totalDibayar;
        if (sisaBayar <= 0) throw new ServiceError('CONFLICT', 'Tidak ada jumlah yang disetujui untuk dibayar pada tagihan ini.');
        if (input.jumlah > sisaBayar) {
          throw invalid(
            'jumlah',
            `Jumlah ${formatRupiah(input.jumlah)} melebihi sisa yang disetujui untuk dibayar (${formatRupiah(sisaBayar)}${koreksi !== 0 ? `, setelah koreksi ${formatRupiah(koreksi)}` : ''})`,
          );
        }
        const budget = checkSubsidySp2d(db, input);
        refuseAbovePagu(budget, input.jumlah);

        // The first SP2D against the claim marks every agreed loan-month as paid: from then on no
        // other claim, and no direct payment of the run, can pay them again.
        let marked = 0;
        if (!repo.hasPaidMonths(db, claim.id)) {
          const paidElsewhere = repo.alreadyPaidOf(db, claim.id);
          if (paidElsewhere.length > 0) throw alreadyPaid(paidElsewhere, 'dibayar');
          const lines = repo.payableLines(db, claim.id);
          // One person, one subsidy per month: another loan of the debtor (any bank) may hold the month.
          refusePersonMonth(db, lines, lineText, 'Tagihan tidak dapat dibayar', 'Tidak ada yang dicatat.');
          try {
            repo.markPaidMonths(db, lines);
          } catch (err) {
            if (isPersonMonthRefusal(err)) {
              throw new ServiceError('CONFLICT', 'Sebagian bulan pada tagihan ini sudah disubsidi melalui pinjaman lain debitur yang sama. Tidak ada yang dicatat.');
            }
            if (err instanceof Error && /UNIQUE|PRIMARY KEY/i.test(err.message)) {
              throw new ServiceError('CONFLICT', 'Sebagian bulan pinjaman pada tagihan ini sudah dibayar. Tidak ada yang dicatat.');
            }
            throw err;
          }
          marked = lines.length;
        }
        const pembayaranId = repo.insertClaimPayment(db, { ...input, paguId: budget.pagu.id, dicatatOlehId: callerId(ctx) });
        const totalDibayar = claim.totalDibayar + input.jumlah;
        const status: ClaimStatus = totalDibayar === total ? 'dibayar' : 'disetujui';
        // Paid in full: the corrections offset on it are settled, dated and charged as this SP2D.
        let koreksiSelesai = 0;
        if (status === 'dibayar') {
          repo.setClaimStatus(db, claim.id, 'dibayar');
          koreksiSelesai = settleOffsets(db, claim.id, { tanggal: input.tanggalSp2d, paguId: budget.pagu.id });
        }
        appendAudit(db, {
          user: ctx.user,
          action: 'buat',
          entity: 'pembayaran',
          entityId: pembayaranId,
          after: {
            ...input,
            totalDisetujui: claim.totalDisetujui ?? 0,
            totalDibayar,
            statusTagihan: status,
            bulanDitandaiDibayar: marked,
            ...(koreksi !== 0 ? { koreksiKompensasi: koreksi, totalBersih: total, koreksiDiselesaikan: koreksiSelesai } : {}),
          },
        });
        return { pembayaranId, jumlah: input.jumlah, totalDibayar, sisaBayar: total - totalDibayar, sisaPagu: budget.sisa - input.jumlah, status };
      })(),
  };
}

const lineText = (l: { nomorBaris: number; nomorRekening: string; periode: string }) => `baris ${l.nomorBaris} (rekening ${l.nomorRekening}, ${formatPeriod(l.periode)})`;

function alreadyPaid(rows: { nomorBaris: number; nomorRekening: string; periode: string; tagihanId: number }[], what: 'disetujui' | 'dibayar'): ServiceError {
  const first = rows
    .slice(0, 3)
    .map((r) => `baris ${r.nomorBaris} (rekening ${r.nomorRekening}, ${formatPeriod(r.periode)}, tagihan nomor ${r.tagihanId})`)
    .join('; ');
  const more = rows.length > 3 ? ` dan ${rows.length - 3} lainnya` : '';
  const next = what === 'disetujui' ? 'Jalankan rekonsiliasi ulang agar baris itu ditandai ganda.' : 'Tidak ada yang dicatat.';
  return new ServiceError('CONFLICT', `Tagihan tidak dapat ${what}: ${rows.length} bulan pinjaman sudah dibayar melalui pembayaran lain — ${first}${more}. ${next}`);
}
