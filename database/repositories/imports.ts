/**
 * Imported files (impor_berkas), mapping templates (impor_templat) and the lookups an import
 * needs: loans by account number, premiums by account number, what an earlier import produced.
 * Writers run inside the caller's transaction.
 */
import type { Database } from 'better-sqlite3';
import type { EarlierImport, ImportDetail, ImportKind, ImportRecord, Page } from '../../electron/contract';

// ---------------------------------------------------------------------------
// impor_berkas
// ---------------------------------------------------------------------------

interface ImportRow {
  id: number;
  jenis: ImportKind;
  bank_id: number | null;
  bank_nama: string | null;
  penjamin_id: number | null;
  penjamin_nama: string | null;
  sk_id: number | null;
  nama_berkas: string;
  sha256: string;
  lokasi: string | null;
  format: string | null;
  jumlah_baris: number;
  jumlah_dilewati: number;
  total_nilai: number | null;
  periode_awal: string | null;
  periode_akhir: string | null;
  dibuat: string;
  dibuat_oleh: string | null;
  diganti_kali: number;
  diganti_pada: string | null;
  pemetaan: string | null;
  opsi: string | null;
  tagihan_id: number | null;
}

const SELECT = `
  SELECT f.*, b.nama AS bank_nama, j.nama AS penjamin_nama,
         (SELECT max(t.id) FROM tagihan t WHERE t.impor_id = f.id AND t.status <> 'dibatalkan') AS tagihan_id
  FROM impor_berkas f
  LEFT JOIN bank b ON b.id = f.bank_id
  LEFT JOIN penjamin j ON j.id = f.penjamin_id`;

const toRecord = (r: ImportRow): ImportRecord => ({
  id: r.id,
  jenis: r.jenis,
  bankId: r.bank_id,
  bankNama: r.bank_nama,
  penjaminId: r.penjamin_id,
  penjaminNama: r.penjamin_nama,
  skId: r.sk_id,
  namaBerkas: r.nama_berkas,
  sha256: r.sha256,
  format: r.format,
  jumlahBaris: r.jumlah_baris,
  jumlahDilewati: r.jumlah_dilewati,
  totalNilai: r.total_nilai,
  periodeAwal: r.periode_awal,
  periodeAkhir: r.periode_akhir,
  dibuat: r.dibuat,
  dibuatOleh: r.dibuat_oleh,
  digantiKali: r.diganti_kali,
  tagihanId: r.tagihan_id,
});

export function findImportBySha(db: Database, jenis: ImportKind, sha256: string): EarlierImport | null {
  const r = db.prepare(`${SELECT} WHERE f.jenis = ? AND f.sha256 = ?`).get(jenis, sha256) as ImportRow | undefined;
  return r
    ? {
        id: r.id,
        namaBerkas: r.nama_berkas,
        dibuat: r.diganti_pada ?? r.dibuat,
        dibuatOleh: r.dibuat_oleh,
        bankNama: r.bank_nama,
        penjaminNama: r.penjamin_nama,
        jumlahBaris: r.jumlah_baris,
      }
    : null;
}

export function getImportRecord(db: Database, id: number): ImportRecord | null {
  const r = db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as ImportRow | undefined;
  return r ? toRecord(r) : null;
}

export function getImportDetail(db: Database, id: number): ImportDetail | null {
  const r = db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as ImportRow | undefined;
  if (!r) return null;
  const posisi = (db.prepare('SELECT count(*) AS n FROM posisi_bank WHERE impor_id = ?').get(id) as { n: number }).n;
  const premi = (db.prepare('SELECT count(*) AS n FROM premi WHERE impor_id = ?').get(id) as { n: number }).n;
  const tagihan = db.prepare('SELECT id, status, total_diklaim AS totalDiklaim FROM tagihan WHERE impor_id = ? ORDER BY id').all(id) as {
    id: number;
    status: string;
    totalDiklaim: number;
  }[];
  const pinjaman = (db.prepare('SELECT count(*) AS n FROM pinjaman WHERE impor_id = ?').get(id) as { n: number }).n;
  return {
    ...toRecord(r),
    lokasi: r.lokasi,
    pemetaan: r.pemetaan ? (JSON.parse(r.pemetaan) as Record<string, string>) : {},
    opsi: r.opsi ? (JSON.parse(r.opsi) as Record<string, unknown>) : {},
    hasil: { posisi, premi, tagihan, pinjaman },
  };
}

export function listImports(
  db: Database,
  q: { jenis?: ImportKind | undefined; bankId?: number | undefined; penjaminId?: number | undefined; page: number; pageSize: number },
): Page<ImportRecord> {
  const where = `WHERE (@jenis IS NULL OR f.jenis = @jenis) AND (@bankId IS NULL OR f.bank_id = @bankId) AND (@penjaminId IS NULL OR f.penjamin_id = @penjaminId)`;
  const params = { jenis: q.jenis ?? null, bankId: q.bankId ?? null, penjaminId: q.penjaminId ?? null };
  const total = (db.prepare(`SELECT count(*) AS n FROM impor_berkas f ${where}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`${SELECT} ${where} ORDER BY coalesce(f.diganti_pada, f.dibuat) DESC, f.id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as ImportRow[];
  return { rows: rows.map(toRecord), total, page: q.page, pageSize: q.pageSize };
}

export interface ImportWrite {
  jenis: ImportKind;
  bankId: number | null;
  penjaminId: number | null;
  /** The recipient decree whose list the file is (kind sk_penerima). */
  skId: number | null;
  namaBerkas: string;
  sha256: string;
  lokasi: string;
  format: 'csv' | 'xlsx';
  jumlahBaris: number;
  jumlahDilewati: number;
  totalNilai: number;
  periodeAwal: string | null;
  periodeAkhir: string | null;
  pemetaan: Record<string, string>;
  opsi: Record<string, unknown>;
  oleh: string;
  /** The importing user's id (four-eyes reads it); null for the trusted caller. */
  olehId: number | null;
}

const writeParams = (w: ImportWrite) => ({
  ...w,
  pemetaan: JSON.stringify(w.pemetaan),
  opsi: JSON.stringify(w.opsi),
});

export function insertImport(db: Database, w: ImportWrite): number {
  return Number(
    db
      .prepare(
        `INSERT INTO impor_berkas (jenis, bank_id, penjamin_id, sk_id, nama_berkas, sha256, lokasi, format, jumlah_baris, jumlah_dilewati, total_nilai,
           periode_awal, periode_akhir, pemetaan, opsi, dibuat_oleh, dibuat_oleh_id)
         VALUES (@jenis, @bankId, @penjaminId, @skId, @namaBerkas, @sha256, @lokasi, @format, @jumlahBaris, @jumlahDilewati, @totalNilai,
           @periodeAwal, @periodeAkhir, @pemetaan, @opsi, @oleh, @olehId)`,
      )
      .run(writeParams(w)).lastInsertRowid,
  );
}

/** Counts written later (the row is inserted first, so what it produces can point at it). */
export function setImportTotals(
  db: Database,
  id: number,
  t: { jumlahBaris: number; jumlahDilewati: number; totalNilai: number; periodeAwal: string | null; periodeAkhir: string | null },
): void {
  db.prepare(
    `UPDATE impor_berkas SET jumlah_baris = @jumlahBaris, jumlah_dilewati = @jumlahDilewati, total_nilai = @totalNilai,
       periode_awal = @periodeAwal, periode_akhir = @periodeAkhir WHERE id = @id`,
  ).run({ ...t, id });
}

/** The same content imported again in place of the earlier import: the row now describes the new one. */
export function markReplaced(db: Database, id: number, w: ImportWrite, at: string): void {
  db.prepare(
    `UPDATE impor_berkas SET bank_id = @bankId, penjamin_id = @penjaminId, sk_id = @skId, nama_berkas = @namaBerkas, lokasi = @lokasi, format = @format,
       pemetaan = @pemetaan, opsi = @opsi, dibuat_oleh = @oleh, dibuat_oleh_id = @olehId, diganti_kali = diganti_kali + 1, diganti_pada = @at WHERE id = @id`,
  ).run({ ...writeParams(w), id, at });
}

export function importRowForAudit(db: Database, id: number): Record<string, unknown> | null {
  return (
    (db
      .prepare(
        'SELECT id, jenis, bank_id, penjamin_id, sk_id, nama_berkas, sha256, lokasi, format, jumlah_baris, jumlah_dilewati, total_nilai, periode_awal, periode_akhir, dibuat, dibuat_oleh, diganti_kali, diganti_pada FROM impor_berkas WHERE id = ?',
      )
      .get(id) as Record<string, unknown> | undefined) ?? null
  );
}

// ---------------------------------------------------------------------------
// What an import produced, for a replacement
// ---------------------------------------------------------------------------

export function positionsOfImport(db: Database, imporId: number): { count: number; paid: number; periods: string[] } {
  const count = (db.prepare('SELECT count(*) AS n FROM posisi_bank WHERE impor_id = ?').get(imporId) as { n: number }).n;
  const paid = (
    db.prepare('SELECT count(*) AS n FROM posisi_bank p JOIN periode_dibayar d ON d.pinjaman_id = p.pinjaman_id AND d.periode = p.periode WHERE p.impor_id = ?').get(imporId) as {
      n: number;
    }
  ).n;
  const periods = (db.prepare('SELECT DISTINCT periode FROM posisi_bank WHERE impor_id = ? ORDER BY periode').all(imporId) as { periode: string }[]).map((r) => r.periode);
  return { count, paid, periods };
}

export function deletePositionsOfImport(db: Database, imporId: number): number {
  return db.prepare('DELETE FROM posisi_bank WHERE impor_id = ?').run(imporId).changes;
}

export function premiumsOfImport(db: Database, imporId: number): { id: number; status: string }[] {
  return db.prepare('SELECT id, status FROM premi WHERE impor_id = ?').all(imporId) as { id: number; status: string }[];
}

/** Puts an imported invoice's premiums back to 'terhitung' (only those not paid). */
export function revertInvoicedOfImport(db: Database, imporId: number): number {
  return db
    .prepare(
      `UPDATE premi SET status = 'terhitung', nomor_tagihan = NULL, tanggal_tagihan = NULL, tagihan_dicatat_oleh = NULL, impor_id = NULL
       WHERE impor_id = ? AND status = 'ditagih'`,
    )
    .run(imporId).changes;
}

export function claimsOfImport(db: Database, imporId: number): { id: number; status: string; payments: number }[] {
  return db
    .prepare(`SELECT t.id, t.status, (SELECT count(*) FROM pembayaran p WHERE p.tagihan_id = t.id) AS payments FROM tagihan t WHERE t.impor_id = ? AND t.status <> 'dibatalkan'`)
    .all(imporId) as { id: number; status: string; payments: number }[];
}

// ---------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------

export interface Template {
  pemetaan: Record<string, string>;
  opsi: Record<string, unknown>;
}

type TemplateOwner = { bankId?: number | null | undefined; penjaminId?: number | null | undefined };

/** A template belongs to its bank, its insurer, or (a decree's list) to no sender: one per kind. */
const ownerSql = (o: TemplateOwner): { clause: string; id: number[] } =>
  o.bankId
    ? { clause: 'bank_id = ?', id: [o.bankId] }
    : o.penjaminId
      ? { clause: 'penjamin_id = ?', id: [o.penjaminId] }
      : { clause: 'bank_id IS NULL AND penjamin_id IS NULL', id: [] };

export function getTemplate(db: Database, jenis: ImportKind, owner: TemplateOwner): Template | null {
  const { clause, id } = ownerSql(owner);
  const r = db.prepare(`SELECT pemetaan, opsi FROM impor_templat WHERE jenis = ? AND ${clause}`).get(jenis, ...id) as { pemetaan: string; opsi: string } | undefined;
  return r ? { pemetaan: JSON.parse(r.pemetaan) as Record<string, string>, opsi: JSON.parse(r.opsi) as Record<string, unknown> } : null;
}

export function saveTemplate(db: Database, jenis: ImportKind, owner: { bankId: number | null; penjaminId: number | null }, t: Template, oleh: string): void {
  const { clause, id } = ownerSql(owner);
  const existing = db.prepare(`SELECT id FROM impor_templat WHERE jenis = ? AND ${clause}`).get(jenis, ...id) as { id: number } | undefined;
  if (existing) {
    db.prepare("UPDATE impor_templat SET pemetaan = ?, opsi = ?, diubah_oleh = ?, diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?").run(
      JSON.stringify(t.pemetaan),
      JSON.stringify(t.opsi),
      oleh,
      existing.id,
    );
  } else {
    db.prepare('INSERT INTO impor_templat (jenis, bank_id, penjamin_id, pemetaan, opsi, diubah_oleh) VALUES (?, ?, ?, ?, ?, ?)').run(
      jenis,
      owner.bankId,
      owner.penjaminId,
      JSON.stringify(t.pemetaan),
      JSON.stringify(t.opsi),
      oleh,
    );
  }
}

// ---------------------------------------------------------------------------
// Lookups for checking the rows
// ---------------------------------------------------------------------------

export interface LoanForImport {
  id: number;
  bankId: number;
  nomorRekening: string;
  status: string;
  tanggalPencairan: string | null;
  plafon: number;
}

/** Every loan's account number and bank (one read; account numbers are unique per bank only). */
export function loansForImport(db: Database): LoanForImport[] {
  return db.prepare('SELECT id, bank_id AS bankId, nomor_rekening AS nomorRekening, status, tanggal_pencairan AS tanggalPencairan, plafon FROM pinjaman').all() as LoanForImport[];
}

const LOAN_FOR_IMPORT = 'SELECT id, bank_id AS bankId, nomor_rekening AS nomorRekening, status, tanggal_pencairan AS tanggalPencairan, plafon FROM pinjaman';

/**
 * The loans whose account number is exactly one of `accounts`: of one bank (through its unique
 * (bank_id, nomor_rekening) index), or of any bank (bankId null: the same index, bank by bank).
 * The accounts go in as one JSON array, so 100,000 of them are one statement, not 100,000.
 */
export function loansWithAccounts(db: Database, bankId: number | null, accounts: readonly string[]): LoanForImport[] {
  if (accounts.length === 0) return [];
  const banks = bankId === null ? 'bank_id IN (SELECT id FROM bank)' : 'bank_id = @bankId';
  return db
    .prepare(`${LOAN_FOR_IMPORT} WHERE ${banks} AND nomor_rekening IN (SELECT value FROM json_each(@accounts))`)
    .all({ ...(bankId === null ? {} : { bankId }), accounts: JSON.stringify(accounts) }) as LoanForImport[];
}

/**
 * The loans whose account number has one of `keys` as its loose key (`looseKey`, the kinds'
 * "same digits, leading zeros aside"; a key is digits without a leading zero), for the few
 * accounts of a file that match no account exactly. Without calling the key function on every
 * loan (at 1,000,000 loans that pass was seconds, and ran in the preview and again in the commit):
 *  - an account of digits only has the key "itself without its leading zeros", so the key k is
 *    found exactly as the numbers k, 0k, 00k, … up to the longest account: looked up through the
 *    (bank_id, nomor_rekening) index;
 *  - only accounts with anything but digits (dots, dashes, letters) get the key computed in SQLite by
 *    the caller's function, after SQLite's own GLOB has picked them out (both passes read the
 *    narrow account index, not the loans' rows).
 */
export function loansWithLooseKeys(db: Database, keys: readonly string[], looseKey: (account: string) => string): LoanForImport[] {
  if (keys.length === 0) return [];
  const longest = (db.prepare('SELECT max(length(nomor_rekening)) AS n FROM pinjaman').get() as { n: number | null }).n ?? 0;
  const padded: string[] = [];
  for (const k of keys) for (let zeros = 0; k.length + zeros <= longest; zeros++) padded.push('0'.repeat(zeros) + k);
  const digitsOnly = loansWithAccounts(db, null, padded);
  db.function('gs_kunci_rekening', { deterministic: true }, (a: unknown) => (typeof a === 'string' ? looseKey(a) : null));
  const others = db
    .prepare(
      `${LOAN_FOR_IMPORT} WHERE id IN (SELECT id FROM pinjaman WHERE nomor_rekening GLOB '*[^0-9]*' AND gs_kunci_rekening(nomor_rekening) IN (SELECT value FROM json_each(?)))`,
    )
    .all(JSON.stringify(keys)) as LoanForImport[];
  return [...digitsOnly, ...others];
}

export interface PremiumForImport {
  id: number;
  penjaminId: number;
  pinjamanId: number;
  nomorRekening: string;
  bankId: number;
  jumlah: number;
  status: 'terhitung' | 'ditagih' | 'dibayar';
  nomorTagihan: string | null;
}

export function premiumsForImport(db: Database): PremiumForImport[] {
  return db
    .prepare(
      `SELECT p.id, p.penjamin_id AS penjaminId, p.pinjaman_id AS pinjamanId, l.nomor_rekening AS nomorRekening, l.bank_id AS bankId,
              p.jumlah, p.status, p.nomor_tagihan AS nomorTagihan
       FROM premi p JOIN pinjaman l ON l.id = p.pinjaman_id`,
    )
    .all() as PremiumForImport[];
}

export function bankNames(db: Database): Map<number, string> {
  return new Map((db.prepare('SELECT id, nama FROM bank').all() as { id: number; nama: string }[]).map((r) => [r.id, r.nama]));
}

export function insurerNames(db: Database): Map<number, string> {
  return new Map((db.prepare('SELECT id, nama FROM penjamin').all() as { id: number; nama: string }[]).map((r) => [r.id, r.nama]));
}

/** Every content (SHA-256) an import was committed from: their kept files are the imports' originals. */
export function committedShas(db: Database): Set<string> {
  return new Set((db.prepare('SELECT DISTINCT sha256 FROM impor_berkas').all() as { sha256: string }[]).map((r) => r.sha256));
}
