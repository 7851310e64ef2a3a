import type { Database } from 'better-sqlite3';

export interface AuditEntry {
  user: string;
  action: 'buat' | 'ubah' | 'nonaktifkan' | 'aktifkan' | 'impor' | 'hapus';
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
}

/** Appends to the audit trail. Call it inside the same transaction as the change it records. */
export function appendAudit(db: Database, entry: AuditEntry): void {
  db.prepare(
    `INSERT INTO audit_log (pengguna, aksi, entitas, entitas_id, sebelum, sesudah)
     VALUES (@user, @action, @entity, @entityId, @before, @after)`,
  ).run({
    user: entry.user,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  });
}
