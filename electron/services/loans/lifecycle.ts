/**
 * What happens to a loan at disbursement (loans.transition to 'aktif'): the premium falls due once.
 * Old loans imported already disbursed get none (imports, kind 'pinjaman': settled before the app).
 */
import type { Database } from '../../../database/connection';
import type { Scheme } from '../../contract';
import { insertPremium } from '../../../database/repositories/premiums';
import { computePremium } from '../../domain/loan';
import { formatRupiah } from '../../domain/format';

/** Records the loan's premium when its scheme names an insurer (rate × plafon, per the scheme's basis). */
export function recordDisbursementPremium(db: Database, loanId: number, loan: { plafon: number; tenorBulan: number }, scheme: Scheme): void {
  if (scheme.penjaminId === null) return;
  const premium = computePremium({
    plafon: loan.plafon,
    tenorMonths: loan.tenorBulan,
    basis: scheme.premiBasis,
    ratePercent: scheme.premiTarifPersen,
    table: scheme.premiTabel.map((b) => ({ tenorMin: b.tenorMin, tenorMax: b.tenorMaks, ratePercent: b.tarifPersen })),
    rounding: scheme.pembulatan,
  });
  const factor = scheme.premiBasis === 'tahunan' ? ` × ${loan.tenorBulan}/12` : '';
  insertPremium(db, {
    pinjamanId: loanId,
    penjaminId: scheme.penjaminId,
    tarifPersen: premium.ratePercent,
    jumlah: premium.amount,
    rincian: `${premium.ratePercent.replace('.', ',')} % × ${formatRupiah(loan.plafon)}${factor} = ${formatRupiah(premium.amount)}`,
  });
}
