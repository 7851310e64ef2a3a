/**
 * A bank's subsidy claim (tagihan): every line is kept, matched or not — the reconciliation marks
 * an unknown account, a line not eligible or claimed twice; the preview only warns. The commit
 * writes one draft claim through the claims repository's insertClaim.
 */
import { insertClaim, setClaimStatus, type NewClaimLine } from '../../../../database/repositories/claims';
import { newClaimLineFrom } from '../../../contract/claim-lines';
import * as repo from '../../../../database/repositories/imports';
import { callerId } from '../../auth/four-eyes';
import { ServiceError } from '../../errors';
import { matchBankLoans } from './bank-loans';
import type { CheckedRow, ImportKindModule } from './types';

/** The line a checked row writes: its conversion comes with the claim line's column map. */
const claimLine = (r: CheckedRow): NewClaimLine => newClaimLineFrom(r.baris, r.values);

export const tagihan: ImportKindModule = {
  check(db, t, rows, report) {
    const { bankName, matches } = matchBankLoans(db, t, rows, report);
    rows.forEach((row, i) => {
      const m = matches[i];
      if (!m || m.loan || row.galat) return;
      const account = row.values.nomorRekening as string;
      report.warn(
        row.baris,
        'nomorRekening',
        m.candidates > 1
          ? `Nomor rekening "${account}" cocok dengan lebih dari satu pinjaman ${bankName}`
          : `Nomor rekening "${account}" bukan pinjaman ${bankName} yang terdaftar; rekonsiliasi akan menandainya`,
      );
    });
  },

  write(ctx, { req, imporId, valid, afterWrite }) {
    const periods = valid.map((r) => r.values.periode as string).sort();
    let total = 0;
    for (const r of valid) total += r.values.diklaim as number;
    const claim = insertClaim(ctx.db, {
      bankId: req.bankId!,
      periodeAwal: periods[0]!,
      periodeAkhir: periods.at(-1)!,
      imporId,
      lines: valid.map(claimLine),
      dibuatOleh: ctx.user,
      dibuatOlehId: callerId(ctx),
    });
    if (claim.totalDiklaim !== total) throw new Error(`Total tagihan ${claim.totalDiklaim} berbeda dengan total baris ${total}`);
    afterWrite(valid.length);
    return { tagihanId: claim.tagihanId };
  },

  removeProducts(ctx, imporId) {
    const claims = repo.claimsOfImport(ctx.db, imporId);
    const busy = claims.find((c) => c.status !== 'draf' || c.payments > 0);
    if (busy) {
      throw new ServiceError(
        'CONFLICT',
        `Impor sebelumnya tidak dapat diganti: tagihan no. ${busy.id} darinya sudah berstatus ${busy.status}${busy.payments > 0 ? ' dan ada pembayarannya' : ''}. Hanya tagihan yang masih draf yang dapat diganti.`,
      );
    }
    // A draft claim is cancelled, not deleted: it stays traceable, and is never counted.
    for (const c of claims) setClaimStatus(ctx.db, c.id, 'dibatalkan');
    return { tagihanDibatalkan: claims.map((c) => c.id) };
  },
};
