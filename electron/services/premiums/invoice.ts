import * as repo from '../../../database/repositories/premiums';
import { appendAudit } from '../../../database/repositories/audit';
import { getInsurer } from '../../../database/repositories/insurers';
import { callerId } from '../auth/four-eyes';
import type { ServiceContext } from '../context';
import { ServiceError, invalid, notFound } from '../errors';
import { requireVersion } from '../versions';

/**
 * The chosen premiums, all of this insurer and none paid yet; otherwise a clear refusal.
 * `versions` (aligned with `ids`, from the screen's list) are taken first: a premium someone else
 * invoiced or paid since the list was loaded is refused as STALE naming its account. An invoice
 * file's import passes none (it makes the invoice, there is no earlier view of it).
 */
export function chosenPremiums(ctx: ServiceContext, penjaminId: number, ids: number[], versions?: readonly number[]) {
  const { db } = ctx;
  if (!getInsurer(db, penjaminId)) throw notFound('Penjamin');
  const unique = [...new Set(ids)];
  const rows = repo.premiumsOfInsurer(db, penjaminId, unique);
  if (rows.length !== unique.length) throw invalid('premiIds', 'Sebagian premi yang dipilih bukan milik penjamin ini');
  if (versions) {
    const account = new Map(rows.map((r) => [r.id, r.nomorRekening]));
    const taken = new Set<number>();
    ids.forEach((id, i) => {
      if (taken.has(id)) return;
      taken.add(id);
      requireVersion(ctx, 'premi', id, versions[i]!, `Premi pinjaman rekening ${account.get(id)}`);
    });
  }
  const paid = rows.filter((r) => r.status === 'dibayar');
  if (paid.length > 0) throw new ServiceError('CONFLICT', `${paid.length} premi yang dipilih sudah dibayar; tidak ada yang dicatat.`, { premiIds: 'Sudah dibayar' });
  return rows;
}

/**
 * Records an insurer's invoice (tagihan premi) for the chosen premiums: they become 'ditagih'
 * with the invoice's number and date, audited. Call it inside the caller's transaction; the
 * screen (premiums.recordInvoice) and the invoice-file import (imports.commit, with imporId)
 * both record invoices through here.
 */
export function recordInsurerInvoice(
  ctx: ServiceContext,
  input: { penjaminId: number; premiIds: number[]; versi?: number[]; nomorTagihan: string; tanggalTagihan: string; imporId?: number | null },
): { jumlah: number; jumlahPremi: number } {
  const rows = chosenPremiums(ctx, input.penjaminId, input.premiIds, input.versi);
  // An invoice recorded once is not recorded over: that would replace who recorded it (four-eyes).
  const invoiced = rows.filter((r) => r.status === 'ditagih');
  if (invoiced.length > 0) {
    throw new ServiceError('CONFLICT', `${invoiced.length} premi yang dipilih sudah ditagih; tagihan yang sudah dicatat tidak dapat ditimpa. Tidak ada yang dicatat.`, {
      premiIds: 'Sudah ditagih',
    });
  }
  repo.markInvoiced(
    ctx.db,
    rows.map((r) => r.id),
    input.nomorTagihan,
    input.tanggalTagihan,
    { name: ctx.user, id: callerId(ctx) },
    input.imporId ?? null,
  );
  const jumlah = rows.reduce((s, r) => s + r.jumlah, 0);
  const { imporId, versi: _versi, ...rest } = input;
  appendAudit(ctx.db, { user: ctx.user, action: 'ubah', entity: 'tagihan_premi', entityId: null, after: imporId ? { ...rest, jumlah, imporId } : { ...rest, jumlah } });
  return { jumlah, jumlahPremi: rows.length };
}
