/**
 * A bank's subsidy claim (tagihan): every line is kept, matched or not — the reconciliation marks
 * an unknown account, a line not eligible or claimed twice; the preview only warns. The commit
 * writes one draft claim: its lines with one INSERT … SELECT from the rows the preview staged
 * (database/repositories/import-staging.ts), or through insertClaim when they are gone.
 */
import { insertClaim, setClaimStatus, type NewClaimLine } from '../../../../database/repositories/claims';
import { insertClaimFromStaging, stagedRowCount } from '../../../../database/repositories/import-staging';
import { newClaimLineFrom } from '../../../contract/claim-lines';
import * as repo from '../../../../database/repositories/imports';
import { callerId } from '../../auth/four-eyes';
import { ServiceError } from '../../errors';
import { matchBankLoans } from './bank-loans';
import type { CheckedRow, ImportKindModule } from './types';

/** The warning on a row whose account names no one loan of the bank (`candidates`: how many matched by digits). */
export const unknownAccountMessage = (account: string, candidates: number, bankName: string) =>
  candidates > 1
    ? `Nomor rekening "${account}" cocok dengan lebih dari satu pinjaman ${bankName}`
    : `Nomor rekening "${account}" bukan pinjaman ${bankName} yang terdaftar; rekonsiliasi akan menandainya`;

/** The line a checked row writes: its conversion comes with the claim line's column map. */
const claimLine = (r: CheckedRow): NewClaimLine => newClaimLineFrom(r.baris, r.values);

export const tagihan: ImportKindModule = {
  check(db, t, rows, report) {
    const read = rows.map((r) => r.values);
    const { bankName, matches } = matchBankLoans(db, t, rows, report);
    // Rows whose account the match replaced by the loan's own (a copy of the values): the write
    // from the staged rows corrects just these.
    rows.forEach((row, i) => {
      if (row.values !== read[i]) row.data = { ...row.data, rekeningDibaca: true };
    });
    rows.forEach((row, i) => {
      const m = matches[i];
      if (!m || m.loan || row.galat) return;
      const account = row.values.nomorRekening as string;
      report.warn(row.baris, 'nomorRekening', unknownAccountMessage(account, m.candidates, bankName));
    });
  },

  write(ctx, { req, imporId, valid, checked, previewId, staged, afterWrite }) {
    if (staged) {
      // Counted in SQL (commit.ts): the lines from the staged rows, to the count and total counted.
      const { totals } = staged;
      const header = { bankId: req.bankId!, periodeAwal: totals.periodeAwal!, periodeAkhir: totals.periodeAkhir!, imporId, dibuatOleh: ctx.user, dibuatOlehId: callerId(ctx) };
      const claim = insertClaimFromStaging(ctx.db, { ...header, stagingId: previewId, refused: staged.refused, corrected: staged.corrected });
      if (claim.totalDiklaim !== totals.total || claim.lines !== totals.valid)
        throw new Error(`Total tagihan ${claim.totalDiklaim} (${claim.lines} baris) berbeda dengan total baris ${totals.total} (${totals.valid} baris)`);
      afterWrite(totals.valid);
      return { tagihanId: claim.tagihanId };
    }
    const periods = valid.map((r) => r.values.periode as string).sort();
    let total = 0;
    for (const r of valid) total += r.values.diklaim as number;
    const header = { bankId: req.bankId!, periodeAwal: periods[0]!, periodeAkhir: periods.at(-1)!, imporId, dibuatOleh: ctx.user, dibuatOlehId: callerId(ctx) };
    // The preview staged every parsed row (all of them still there unless a restore or a restart
    // took them): one INSERT … SELECT from them, else the lines from the checked rows.
    const claim =
      stagedRowCount(ctx.db, previewId) === checked.length
        ? insertClaimFromStaging(ctx.db, {
            ...header,
            stagingId: previewId,
            refused: checked.filter((r) => r.galat).map((r) => r.baris),
            corrected: valid.filter((r) => r.data?.rekeningDibaca).map((r) => ({ baris: r.baris, nomorRekening: r.values.nomorRekening as string })),
          })
        : { ...insertClaim(ctx.db, { ...header, lines: valid.map(claimLine) }), lines: valid.length };
    // The same rows as the check's, by count and by amount (a staged row left out or taken twice shows here).
    if (claim.totalDiklaim !== total || claim.lines !== valid.length)
      throw new Error(`Total tagihan ${claim.totalDiklaim} (${claim.lines} baris) berbeda dengan total baris ${total} (${valid.length} baris)`);
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
