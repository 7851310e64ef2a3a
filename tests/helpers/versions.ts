/**
 * Record versions in the service tests written before versions existed: a call that names no
 * `versi` is sent with the record's version as it is in the database now — what a screen that
 * has just loaded the record sends. A test about versions (tests/integration/record-versions.test.ts)
 * passes `versi` itself, and then it is left alone.
 */
import type { Database } from '../../database/connection';
import { currentVersion, type VersionedTable } from '../../database/repositories/versions';
import type { Channel, InputOf, OutputOf, Result } from '../../electron/contract';
import { dispatch } from '../../electron/services/dispatch';
import type { Handlers } from '../../electron/services/index';

const SEEN: Readonly<Record<string, { table: VersionedTable; key: string }>> = {
  'claims.reconcile': { table: 'tagihan', key: 'tagihanId' },
  'claims.decideBulk': { table: 'tagihan', key: 'tagihanId' },
  'claims.approve': { table: 'tagihan', key: 'tagihanId' },
  'claims.cancel': { table: 'tagihan', key: 'tagihanId' },
  'claims.recordPayment': { table: 'tagihan', key: 'tagihanId' },
  'claims.decide': { table: 'tagihan_baris', key: 'barisId' },
  'claims.settleCorrectionSts': { table: 'koreksi', key: 'koreksiId' },
  'loans.transition': { table: 'pinjaman', key: 'id' },
  'loans.restructure': { table: 'pinjaman', key: 'id' },
  'loans.save': { table: 'pinjaman', key: 'id' },
  'debtors.save': { table: 'debitur', key: 'id' },
  'premiums.recordInvoice': { table: 'premi', key: 'premiIds' },
  'premiums.recordPayment': { table: 'premi', key: 'premiIds' },
};

export function withSeenVersion(db: Database | undefined, channel: string, input: unknown): unknown {
  const seen = SEEN[channel];
  if (!db || !db.open || !seen || typeof input !== 'object' || input === null || 'versi' in input) return input;
  const key = (input as Record<string, unknown>)[seen.key];
  // A record that does not exist: any version; the service answers NOT_FOUND as before.
  const of = (id: unknown) => (typeof id === 'number' && Number.isInteger(id) && id > 0 ? (currentVersion(db, seen.table, id) ?? 1) : 1);
  if (Array.isArray(key)) return { ...input, versi: key.map(of) };
  if (key === undefined) return input;
  return { ...input, versi: of(key) };
}

/** `invoke` for the tests that call the handlers directly: fills `versi` as withSeenVersion does. */
export function invokeSeen<C extends Channel>(handlers: Handlers, channel: C, input: Seen<InputOf<C>>, db?: Database): Promise<Result<OutputOf<C>>> {
  return dispatch(handlers, channel, withSeenVersion(db, channel, input)) as Promise<Result<OutputOf<C>>>;
}

/** An input whose `versi` may be left out: withSeenVersion fills in the record's current one. */
export type Seen<T> = T extends { versi: unknown } ? Omit<T, 'versi'> & { versi?: T['versi'] } : T;
