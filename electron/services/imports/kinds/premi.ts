/**
 * An insurer's premium invoice (premi): each row must be a premium this insurer guarantees, still
 * only computed (not invoiced, not paid), for exactly the computed amount, once in the file. The
 * commit records one invoice per number and date in the file through the premium service's own
 * recordInsurerInvoice, as the premium screen does.
 */
import * as repo from '../../../../database/repositories/imports';
import { formatRupiah } from '../../../domain/format';
import { ServiceError } from '../../errors';
import { recordInsurerInvoice } from '../../premiums/invoice';
import { finder, likelyOtherSender } from './shared';
import type { ImportKindModule } from './types';

export const premi: ImportKindModule = {
  check(db, t, rows, report) {
    const names = repo.insurerNames(db);
    const name = names.get(t.penjaminId ?? -1) ?? 'penjamin ini';
    const all = repo.premiumsForImport(db);
    const mine = finder(all.filter((p) => p.penjaminId === t.penjaminId));
    const anywhere = finder(all);
    const otherHits = new Map<number, number>();
    let withAccount = 0;
    let ours = 0;
    const seen = new Map<number, number>();
    for (const row of rows) {
      const account = row.values.nomorRekening;
      if (typeof account !== 'string') continue;
      withAccount++;
      const { found, loose } = mine(account);
      if (found.length === 0) {
        for (const p of new Set(
          anywhere(account)
            .found.filter((p) => p.penjaminId !== t.penjaminId)
            .map((p) => p.penjaminId),
        ))
          otherHits.set(p, (otherHits.get(p) ?? 0) + 1);
      } else ours++;
      if (row.galat) continue;
      if (found.length === 0) {
        report.fail(row, 'nomorRekening', `Nomor rekening "${account}" tidak ada di antara premi yang dijamin ${name}`);
        continue;
      }
      if (found.length > 1) {
        report.fail(row, 'nomorRekening', `Nomor rekening "${account}" ada pada pinjaman di lebih dari satu bank; tidak dapat dipastikan premi yang mana`);
        continue;
      }
      const premium = found[0]!;
      if (loose) {
        report.warn(row.baris, 'nomorRekening', `Nomor rekening "${account}" dibaca sebagai ${premium.nomorRekening}`);
        row.values = { ...row.values, nomorRekening: premium.nomorRekening };
      }
      if (premium.status === 'dibayar') {
        report.fail(row, 'nomorRekening', 'Premi pinjaman ini sudah dibayar');
        continue;
      }
      if (premium.status === 'ditagih') {
        report.fail(row, 'nomorRekening', `Premi pinjaman ini sudah ditagih${premium.nomorTagihan ? ` dengan nomor tagihan ${premium.nomorTagihan}` : ''}`);
        continue;
      }
      const nilai = row.values.nilaiPremi as number;
      if (nilai !== premium.jumlah) {
        report.fail(row, 'nilaiPremi', `Nilai premi di berkas ${formatRupiah(nilai)} berbeda dengan premi terhitung ${formatRupiah(premium.jumlah)}`);
        continue;
      }
      const first = seen.get(premium.id);
      if (first !== undefined) {
        report.fail(row, 'nomorRekening', `Premi rekening ini sudah ada di baris ${first}`);
        continue;
      }
      seen.set(premium.id, row.baris);
      row.premiId = premium.id;
      row.pinjamanId = premium.pinjamanId;
    }
    const other = likelyOtherSender(otherHits, withAccount, ours);
    if (other) {
      const otherName = names.get(other.id) ?? 'penjamin lain';
      report.file(`Berkas ini tampaknya tagihan ${otherName}, bukan ${name}: ${other.count} dari ${withAccount} nomor rekening dijamin ${otherName}. Periksa pilihan penjamin.`);
    }
  },

  write(ctx, { req, imporId, valid, afterWrite }) {
    // One invoice per number and date in the file, each recorded as the premium screen records it.
    const groups = new Map<string, { nomorTagihan: string; tanggalTagihan: string; premiIds: number[] }>();
    for (const r of valid) {
      const nomor = String(r.values.nomorTagihan);
      const tanggal = String(r.values.tanggalTagihan);
      const key = `${nomor}\u0000${tanggal}`;
      const g = groups.get(key) ?? { nomorTagihan: nomor, tanggalTagihan: tanggal, premiIds: [] };
      g.premiIds.push(r.premiId!);
      groups.set(key, g);
    }
    let n = 0;
    for (const g of groups.values()) {
      recordInsurerInvoice(ctx, { penjaminId: req.penjaminId!, ...g, imporId });
      n += g.premiIds.length;
      afterWrite(n);
    }
    return { tagihanId: null };
  },

  removeProducts(ctx, imporId) {
    const premiums = repo.premiumsOfImport(ctx.db, imporId);
    const paid = premiums.filter((p) => p.status === 'dibayar').length;
    if (paid > 0) throw new ServiceError('CONFLICT', `Impor sebelumnya tidak dapat diganti: ${paid} premi dari tagihan itu sudah dibayar.`);
    return { premiDikembalikan: repo.revertInvoicedOfImport(ctx.db, imporId) };
  },
};
