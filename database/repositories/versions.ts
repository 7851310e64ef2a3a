/**
 * Record versions (migration record_versions): the optimistic check of an edit or decision
 * against the version the person saw, and who last changed the record, from the audit trail.
 */
import type { Database } from 'better-sqlite3';
import { cachedStatement } from './sql';

/** The tables whose rows carry `versi` (each has its bump trigger). */
export const VERSIONED_TABLES = ['pinjaman', 'debitur', 'tagihan', 'tagihan_baris', 'premi', 'koreksi'] as const;
export type VersionedTable = (typeof VERSIONED_TABLES)[number];

/**
 * Takes the version: bumps it only if it is still `expected`. False when the row is gone or someone
 * else's write moved it on. Run inside the write transaction, so nothing can change in between.
 */
export function takeVersion(db: Database, table: VersionedTable, id: number, expected: number): boolean {
  return cachedStatement(db, `UPDATE ${table} SET versi = versi + 1 WHERE id = ? AND versi = ?`).run(id, expected).changes === 1;
}

/** The row's version now (null when it does not exist). */
export function currentVersion(db: Database, table: VersionedTable, id: number): number | null {
  const row = cachedStatement(db, `SELECT versi FROM ${table} WHERE id = ?`).get(id) as { versi: number } | undefined;
  return row?.versi ?? null;
}

interface LastChangeRow {
  pengguna: string;
  waktu: string | null;
}

/** The newest audit entry about the record itself. */
const OWN_ENTRY = `SELECT pengguna, waktu FROM audit_log WHERE entitas = @table AND entitas_id = @id ORDER BY id DESC LIMIT 1`;

/** A claim changes through its lines' decisions and its SP2Ds too, audited under their own names. */
const CLAIM_ENTRY = `SELECT pengguna, waktu FROM audit_log
  WHERE (entitas = 'tagihan' AND entitas_id = @id)
     OR (entitas = 'tagihan_baris' AND entitas_id IN (SELECT id FROM tagihan_baris WHERE tagihan_id = @id))
     OR (entitas = 'pembayaran' AND entitas_id IN (SELECT id FROM pembayaran WHERE tagihan_id = @id))
  ORDER BY id DESC LIMIT 1`;

/**
 * A premium's invoice is audited per insurer batch (no premium id), its SP2D as pembayaran_premi:
 * the payment's entry when paid, else who recorded the invoice (the premium keeps the name, not the time).
 */
const PREMIUM_ENTRY = `SELECT coalesce(
    (SELECT a.pengguna FROM audit_log a WHERE a.entitas = 'pembayaran_premi' AND a.entitas_id = p.pembayaran_premi_id ORDER BY a.id DESC LIMIT 1),
    p.tagihan_dicatat_oleh) AS pengguna,
  (SELECT a.waktu FROM audit_log a WHERE a.entitas = 'pembayaran_premi' AND a.entitas_id = p.pembayaran_premi_id ORDER BY a.id DESC LIMIT 1) AS waktu
  FROM premi p WHERE p.id = @id`;

/** Who changed the record last and when (when known), as the audit trail says; null when nobody is recorded. */
export function lastChange(db: Database, table: VersionedTable, id: number): { oleh: string; pada: string | null } | null {
  const row =
    table === 'tagihan'
      ? (cachedStatement(db, CLAIM_ENTRY).get({ id }) as LastChangeRow | undefined)
      : table === 'premi'
        ? (cachedStatement(db, PREMIUM_ENTRY).get({ id }) as LastChangeRow | undefined)
        : (cachedStatement(db, OWN_ENTRY).get({ id, table }) as LastChangeRow | undefined);
  return row?.pengguna ? { oleh: row.pengguna, pada: row.waktu } : null;
}
