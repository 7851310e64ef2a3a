/**
 * The demo's paid history: for every bank and every month up to a few months before "today",
 * the month's expected subsidy paid by an SP2D dated the 15th of the following month, against
 * that year's subsidy pagu — written the way the subsidy screen's SP2D writes it (a paid claim,
 * its lines, periode_dibayar). The last months stay unpaid, so there is always a month to claim.
 */
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../../../database/repositories/audit';
import { insertPaidClaim, realisasiPagu } from '../../../database/repositories/payments';
import { addMonths } from '../../domain/loan';
import { paidClaimLines, payableLines } from '../subsidy/paid-claim';
import { computeSubsidyRun } from '../subsidy/run';
import { DEMO_USER } from './loans';

export interface PaidHistory {
  tagihan: number;
  baris: number;
  total: number;
  /** Bank-months left unpaid because the year's pagu had run out. */
  melebihiPagu: number;
}

export function seedPaidHistory(db: Database, opts: { today: string; unpaidMonths: number; user?: string }): PaidHistory {
  const lastPaid = addMonths(`${opts.today.slice(0, 7)}-01`, -(opts.unpaidMonths + 1)).slice(0, 7);
  const first = (db.prepare('SELECT min(substr(tanggal_pencairan, 1, 7)) AS p FROM pinjaman WHERE tanggal_pencairan IS NOT NULL').get() as { p: string | null }).p;
  const out: PaidHistory = { tagihan: 0, baris: 0, total: 0, melebihiPagu: 0 };
  if (!first) return out;
  const banks = db.prepare('SELECT id, kode FROM bank ORDER BY id').all() as { id: number; kode: string }[];
  const paguOf = db.prepare("SELECT id, jumlah FROM pagu WHERE tahun = ? AND jenis = 'subsidi_bunga' ORDER BY id LIMIT 1");
  for (let periode = first; periode <= lastPaid; periode = addMonths(`${periode}-01`, 1).slice(0, 7)) {
    const tanggalSp2d = `${addMonths(`${periode}-01`, 1).slice(0, 7)}-15`;
    const pagu = paguOf.get(Number(tanggalSp2d.slice(0, 4))) as { id: number; jumlah: number } | undefined;
    for (const bank of banks) {
      const payable = payableLines(computeSubsidyRun(db, { bankId: bank.id, periodeAwal: periode, periodeAkhir: periode }));
      if (payable.length === 0 || !pagu) continue;
      const total = payable.reduce((s, l) => s + l.rincian.jumlah, 0);
      if (total > pagu.jumlah - realisasiPagu(db, pagu.id)) {
        out.melebihiPagu++;
        continue;
      }
      const nomorSp2d = `${tanggalSp2d.slice(0, 4)}/SP2D-LS/${bank.kode}/${periode.slice(5, 7)}${periode.slice(2, 4)}`;
      const paid = insertPaidClaim(db, { bankId: bank.id, periodeAwal: periode, periodeAkhir: periode, nomorSp2d, tanggalSp2d, paguId: pagu.id, lines: paidClaimLines(payable) });
      // Written as the payment's own writer writes it, so the trail names every SP2D and claim.
      appendAudit(db, {
        user: opts.user ?? DEMO_USER,
        action: 'buat',
        entity: 'pembayaran',
        entityId: paid.pembayaranId,
        after: {
          sumber: 'data contoh',
          bankId: bank.id,
          periodeAwal: periode,
          periodeAkhir: periode,
          nomorSp2d,
          tanggalSp2d,
          paguId: pagu.id,
          jumlah: paid.total,
          baris: payable.length,
          tagihanId: paid.tagihanId,
        },
      });
      out.tagihan++;
      out.baris += payable.length;
      out.total += total;
    }
  }
  return out;
}
