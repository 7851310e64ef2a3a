/** Attachments (lampiran): the record of each attached file; the bytes are in lampiran/<sha256>.<ext>. */
import type { Database } from 'better-sqlite3';
import type { Attachment, AttachmentDocumentKind } from '../../electron/contract';

interface AttachmentDbRow {
  id: number;
  pemilik_jenis: Attachment['pemilikJenis'];
  pemilik_id: number;
  nama_berkas: string;
  tipe: Attachment['tipe'];
  ukuran: number;
  sha256: string;
  jenis_dokumen: AttachmentDocumentKind;
  catatan: string | null;
  dibuat_oleh: string;
  dibuat_pada: string;
  dihapus_oleh: string | null;
  dihapus_pada: string | null;
  alasan_hapus: string | null;
}

const toAttachment = (r: AttachmentDbRow): Attachment => ({
  id: r.id,
  pemilikJenis: r.pemilik_jenis,
  pemilikId: r.pemilik_id,
  namaBerkas: r.nama_berkas,
  tipe: r.tipe,
  ukuran: r.ukuran,
  sha256: r.sha256,
  jenisDokumen: r.jenis_dokumen,
  catatan: r.catatan,
  dibuatOleh: r.dibuat_oleh,
  dibuatPada: r.dibuat_pada,
  dihapusOleh: r.dihapus_oleh,
  dihapusPada: r.dihapus_pada,
  alasanHapus: r.alasan_hapus,
});

export interface NewAttachment {
  pemilikJenis: string;
  pemilikId: number;
  namaBerkas: string;
  tipe: Attachment['tipe'];
  ukuran: number;
  sha256: string;
  jenisDokumen: AttachmentDocumentKind;
  catatan: string | null;
  dibuatOleh: string;
}

export function insertAttachment(db: Database, a: NewAttachment): number {
  return Number(
    db
      .prepare(
        `INSERT INTO lampiran (pemilik_jenis, pemilik_id, nama_berkas, tipe, ukuran, sha256, jenis_dokumen, catatan, dibuat_oleh)
         VALUES (@pemilikJenis, @pemilikId, @namaBerkas, @tipe, @ukuran, @sha256, @jenisDokumen, @catatan, @dibuatOleh)`,
      )
      .run(a).lastInsertRowid,
  );
}

export function getAttachment(db: Database, id: number): Attachment | null {
  const row = db.prepare<[number], AttachmentDbRow>('SELECT * FROM lampiran WHERE id = ?').get(id);
  return row ? toAttachment(row) : null;
}

export function listAttachments(db: Database, kind: string, ownerId: number, includeRemoved: boolean): Attachment[] {
  return db
    .prepare<[string, number, number], AttachmentDbRow>('SELECT * FROM lampiran WHERE pemilik_jenis = ? AND pemilik_id = ? AND (? = 1 OR dihapus_pada IS NULL) ORDER BY id')
    .all(kind, ownerId, includeRemoved ? 1 : 0)
    .map(toAttachment);
}

/** The live (not removed) attachments of several records of one kind. */
export function attachmentsOfOwners(db: Database, kind: string, ownerIds: readonly number[]): Attachment[] {
  if (ownerIds.length === 0) return [];
  return db
    .prepare<[string, string], AttachmentDbRow>(
      `SELECT * FROM lampiran WHERE pemilik_jenis = ? AND pemilik_id IN (SELECT value FROM json_each(?)) AND dihapus_pada IS NULL ORDER BY pemilik_id, id`,
    )
    .all(kind, JSON.stringify(ownerIds))
    .map(toAttachment);
}

export function markAttachmentRemoved(db: Database, id: number, user: string, reason: string): void {
  db.prepare(`UPDATE lampiran SET dihapus_oleh = ?, dihapus_pada = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), alasan_hapus = ? WHERE id = ? AND dihapus_pada IS NULL`).run(
    user,
    reason,
    id,
  );
}

/**
 * Whether the record an attachment is for exists. `table` comes from the contract's fixed list
 * (ATTACHMENT_OWNERS), never from input, so it may be spliced into the SQL.
 */
export function ownerExists(db: Database, table: string, ownerId: number): boolean {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`Nama tabel pemilik tidak sah: ${table}`);
  return db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(ownerId) !== undefined;
}

export function shaInUse(db: Database, sha: string): boolean {
  return db.prepare('SELECT 1 FROM lampiran WHERE sha256 = ? LIMIT 1').get(sha) !== undefined;
}

/** Every attachment's file, removed ones included (their files are kept as evidence): for verify and backups. */
export function allAttachmentFiles(db: Database): Attachment[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'lampiran'").get();
  if (!exists) return [];
  return db.prepare<[], AttachmentDbRow>('SELECT * FROM lampiran ORDER BY id').all().map(toAttachment);
}

// ---------------------------------------------------------------------------
// The records an auditor's bundle covers
// ---------------------------------------------------------------------------

export interface BundleRecords {
  tagihan: number[];
  pembayaran: number[];
  pembayaran_premi: number[];
  pinjaman: number[];
  debitur: number[];
}

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

/** The claims, their SP2Ds, the loans on their lines and those loans' debtors. */
function recordsOfClaims(db: Database, claimIds: number[], premiumPayments: number[]): BundleRecords {
  const json = JSON.stringify(claimIds);
  const loans = ids(
    db
      .prepare<[string], { id: number }>(
        'SELECT DISTINCT pinjaman_id AS id FROM tagihan_baris WHERE tagihan_id IN (SELECT value FROM json_each(?)) AND pinjaman_id IS NOT NULL ORDER BY 1',
      )
      .all(json),
  );
  return {
    tagihan: claimIds,
    pembayaran: ids(db.prepare<[string], { id: number }>('SELECT id FROM pembayaran WHERE tagihan_id IN (SELECT value FROM json_each(?)) ORDER BY id').all(json)),
    pembayaran_premi: premiumPayments,
    pinjaman: loans,
    debitur: ids(
      db.prepare<[string], { id: number }>('SELECT DISTINCT debitur_id AS id FROM pinjaman WHERE id IN (SELECT value FROM json_each(?)) ORDER BY 1').all(JSON.stringify(loans)),
    ),
  };
}

export function recordsOfClaim(db: Database, claimId: number): BundleRecords {
  return recordsOfClaims(db, [claimId], []);
}

/**
 * A month's records: the claims for a period covering the month (a quarter's claim covers three)
 * and the claims paid by an SP2D dated in it, and the premium SP2Ds dated in it.
 */
export function recordsOfMonth(db: Database, periode: string): BundleRecords {
  const claims = ids(
    db
      .prepare<[string, string, string], { id: number }>(
        `SELECT id FROM tagihan WHERE substr(periode_awal, 1, 7) <= ? AND substr(periode_akhir, 1, 7) >= ? AND status <> 'dibatalkan'
         UNION SELECT tagihan_id FROM pembayaran WHERE substr(tanggal_sp2d, 1, 7) = ? ORDER BY 1`,
      )
      .all(periode, periode, periode),
  );
  const premiums = ids(db.prepare<[string], { id: number }>('SELECT id FROM pembayaran_premi WHERE substr(tanggal_sp2d, 1, 7) = ? ORDER BY id').all(periode));
  return recordsOfClaims(db, claims, premiums);
}

export function claimExists(db: Database, claimId: number): boolean {
  return db.prepare('SELECT 1 FROM tagihan WHERE id = ?').get(claimId) !== undefined;
}
