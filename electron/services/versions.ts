/**
 * The version check of an edit or a decision (record versions, docs/concurrency.md): the person
 * sends the version of the record as their screen showed it; inside the write transaction the
 * service takes it (UPDATE … WHERE id = ? AND versi = ?). Nothing changed → someone else's write
 * came first: a STALE refusal naming who and when (from the audit trail), and nothing is written.
 */
import { currentVersion, lastChange, takeVersion, type VersionedTable } from '../../database/repositories/versions';
import { formatAuditTime } from '../domain/audit';
import type { ServiceContext } from './context';
import { ServiceError, notFound } from './errors';

/** What each versioned record is called in a message ("Pinjaman ini …"). */
const RECORD_NAME: Readonly<Record<VersionedTable, string>> = {
  pinjaman: 'Pinjaman',
  debitur: 'Data debitur',
  tagihan: 'Tagihan',
  tagihan_baris: 'Baris tagihan',
  premi: 'Premi',
  koreksi: 'Koreksi',
};

/** Takes the record's version or throws STALE (or NOT_FOUND when it is gone). Call inside the transaction. */
export function requireVersion(ctx: ServiceContext, table: VersionedTable, id: number, expected: number, name = RECORD_NAME[table]): void {
  if (takeVersion(ctx.db, table, id, expected)) return;
  throw staleError(ctx, table, id, name);
}

/** The STALE refusal for a record someone else changed since the person opened it. */
export function staleError(ctx: ServiceContext, table: VersionedTable, id: number, name = RECORD_NAME[table]): ServiceError {
  const now = currentVersion(ctx.db, table, id);
  if (now === null) return notFound(name);
  const change = lastChange(ctx.db, table, id);
  const who = change ? ` oleh ${change.oleh}${change.pada ? ` pada ${formatAuditTime(change.pada)}` : ''}` : ' oleh pengguna lain';
  return new ServiceError(
    'STALE',
    `${name} ini sudah diubah${who} sejak Anda membukanya. Tidak ada yang disimpan; data terbaru sudah dimuat ulang, periksa lalu ulangi bila masih perlu.`,
    undefined,
    { versi: now, oleh: change?.oleh ?? null, pada: change?.pada ?? null },
  );
}
