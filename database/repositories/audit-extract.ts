/** The part of the audit trail an auditor's bundle carries: the entries of some records, and the chain's spine. */
import type { Database } from 'better-sqlite3';
import type { AuditLogRow } from './audit';

export interface ExtractScope {
  /** entity name (audit_log.entitas) → the ids of its records. */
  records: Record<string, readonly number[]>;
  /** Claims whose entries on other entities carry `tagihanId` (line decisions, the import, a payment). */
  claimIds: readonly number[];
}

/** The entries about the records of the scope, oldest first. */
export function auditEntriesOf(db: Database, scope: ExtractScope): AuditLogRow[] {
  const where: string[] = [];
  const params: string[] = [];
  for (const [entity, ids] of Object.entries(scope.records)) {
    if (ids.length === 0) continue;
    where.push('(entitas = ? AND entitas_id IN (SELECT value FROM json_each(?)))');
    params.push(entity, JSON.stringify(ids));
  }
  if (scope.claimIds.length > 0) {
    where.push(`(json_valid(sesudah) AND json_extract(sesudah, '$.tagihanId') IN (SELECT value FROM json_each(?)))`);
    params.push(JSON.stringify(scope.claimIds));
  }
  if (where.length === 0) return [];
  return db.prepare<string[], AuditLogRow>(`SELECT * FROM audit_log WHERE ${where.join(' OR ')} ORDER BY id`).all(...params);
}

/** id, prev_hash and hash of every entry from `fromId` to the end, in order: the links an extract is checked along. */
export function auditSpine(db: Database, fromId: number): [number, string | null, string | null][] {
  return db
    .prepare<[number], { id: number; prev_hash: string | null; hash: string | null }>('SELECT id, prev_hash, hash FROM audit_log WHERE id >= ? ORDER BY id')
    .all(fromId)
    .map((r) => [r.id, r.prev_hash, r.hash]);
}

/** The end of the chain as the app last wrote it (audit_chain). */
export function auditChainEnd(db: Database): { id: number | null; hash: string | null } {
  const row = db.prepare<[], { ujung_id: number | null; ujung_hash: string | null }>('SELECT ujung_id, ujung_hash FROM audit_chain WHERE id = 1').get();
  return { id: row?.ujung_id ?? null, hash: row?.ujung_hash ?? null };
}
