import type { Database } from 'better-sqlite3';
import { containsPattern } from './sql';
import type { Bank, BankBranch } from '../../electron/contract';

interface BankRow {
  id: number;
  kode: string;
  nama: string;
  jenis: Bank['jenis'];
  alamat: string | null;
  pic_nama: string | null;
  pic_jabatan: string | null;
  pic_telepon: string | null;
  pic_email: string | null;
  aktif: number;
}

interface BranchRow {
  id: number;
  bank_id: number;
  kode: string;
  nama: string;
  alamat: string | null;
  aktif: number;
}

export type BankFields = Omit<Bank, 'id' | 'aktif' | 'cabang'>;
export type BranchFields = Omit<BankBranch, 'id'> & { id?: number | undefined };

const toBranch = (r: BranchRow): BankBranch => ({ id: r.id, kode: r.kode, nama: r.nama, alamat: r.alamat, aktif: r.aktif === 1 });

const toBank = (r: BankRow, cabang: BankBranch[]): Bank => ({
  id: r.id,
  kode: r.kode,
  nama: r.nama,
  jenis: r.jenis,
  alamat: r.alamat,
  picNama: r.pic_nama,
  picJabatan: r.pic_jabatan,
  picTelepon: r.pic_telepon,
  picEmail: r.pic_email,
  aktif: r.aktif === 1,
  cabang,
});

export function listBanks(db: Database, opts: { search?: string | undefined; includeInactive?: boolean | undefined }): Bank[] {
  const like = containsPattern(opts.search ?? '');
  const rows = db
    .prepare(
      `SELECT * FROM bank
       WHERE (@all = 1 OR aktif = 1) AND (kode LIKE @like ESCAPE '\\' OR nama LIKE @like ESCAPE '\\')
       ORDER BY aktif DESC, nama COLLATE NOCASE`,
    )
    .all({ all: opts.includeInactive ? 1 : 0, like }) as BankRow[];
  const branches = db.prepare('SELECT * FROM bank_cabang ORDER BY kode').all() as BranchRow[];
  return rows.map((r) => toBank(r, branches.filter((b) => b.bank_id === r.id).map(toBranch)));
}

export function getBank(db: Database, id: number): Bank | null {
  const row = db.prepare('SELECT * FROM bank WHERE id = ?').get(id) as BankRow | undefined;
  if (!row) return null;
  const branches = db.prepare('SELECT * FROM bank_cabang WHERE bank_id = ? ORDER BY kode').all(id) as BranchRow[];
  return toBank(row, branches.map(toBranch));
}

export function findBankByKode(db: Database, kode: string): { id: number; nama: string } | null {
  return (db.prepare('SELECT id, nama FROM bank WHERE kode = ? COLLATE NOCASE').get(kode) as { id: number; nama: string } | undefined) ?? null;
}

const bankParams = (f: BankFields) => ({
  kode: f.kode,
  nama: f.nama,
  jenis: f.jenis,
  alamat: f.alamat,
  pic_nama: f.picNama,
  pic_jabatan: f.picJabatan,
  pic_telepon: f.picTelepon,
  pic_email: f.picEmail,
});

export function insertBank(db: Database, f: BankFields): number {
  const info = db
    .prepare(
      `INSERT INTO bank (kode, nama, jenis, alamat, pic_nama, pic_jabatan, pic_telepon, pic_email)
       VALUES (@kode, @nama, @jenis, @alamat, @pic_nama, @pic_jabatan, @pic_telepon, @pic_email)`,
    )
    .run(bankParams(f));
  return Number(info.lastInsertRowid);
}

export function updateBank(db: Database, id: number, f: BankFields): void {
  db.prepare(
    `UPDATE bank SET kode = @kode, nama = @nama, jenis = @jenis, alamat = @alamat, pic_nama = @pic_nama,
       pic_jabatan = @pic_jabatan, pic_telepon = @pic_telepon, pic_email = @pic_email,
       diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = @id`,
  ).run({ ...bankParams(f), id });
}

export function setBankActive(db: Database, id: number, aktif: boolean): void {
  db.prepare(`UPDATE bank SET aktif = ?, diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`).run(aktif ? 1 : 0, id);
}

/**
 * Writes the branch list of a bank: listed branches are updated, new ones inserted (or, when
 * a branch with that code existed before, that row is brought back). Branches left out of the
 * list are deactivated, never deleted (loans may point at them). The caller has checked that
 * codes are unique in the list and that listed ids belong to this bank.
 */
export function saveBranches(db: Database, bankId: number, branches: BranchFields[]): void {
  const existing = db.prepare('SELECT id, kode FROM bank_cabang WHERE bank_id = ?').all(bankId) as { id: number; kode: string }[];
  const listedIds = new Set(branches.flatMap((b) => (b.id ? [b.id] : [])));
  // A new entry whose code an unlisted old branch carries takes over that row.
  const byCode = new Map(existing.filter((e) => !listedIds.has(e.id)).map((e) => [e.kode.toUpperCase(), e.id]));
  const rows = branches.map((b) => ({ ...b, id: b.id ?? byCode.get(b.kode.toUpperCase()) }));
  const keep = new Set(rows.flatMap((b) => (b.id ? [b.id] : [])));
  // Codes may be swapped between branches in one save: park the kept rows' codes first.
  const park = db.prepare("UPDATE bank_cabang SET kode = '~' || id WHERE id = ?");
  for (const id of keep) park.run(id);
  const update = db.prepare('UPDATE bank_cabang SET kode = ?, nama = ?, alamat = ?, aktif = ? WHERE id = ? AND bank_id = ?');
  const insert = db.prepare('INSERT INTO bank_cabang (bank_id, kode, nama, alamat, aktif) VALUES (?, ?, ?, ?, ?)');
  for (const b of rows) {
    if (b.id) update.run(b.kode, b.nama, b.alamat, b.aktif ? 1 : 0, b.id, bankId);
    else insert.run(bankId, b.kode, b.nama, b.alamat, b.aktif ? 1 : 0);
  }
  const deactivate = db.prepare('UPDATE bank_cabang SET aktif = 0 WHERE id = ?');
  for (const { id } of existing) if (!keep.has(id)) deactivate.run(id);
}

/** Ids of the branches that belong to a bank. */
export function branchIdsOfBank(db: Database, bankId: number): Set<number> {
  return new Set((db.prepare('SELECT id FROM bank_cabang WHERE bank_id = ?').all(bankId) as { id: number }[]).map((r) => r.id));
}

export function countBanks(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM bank').get() as { n: number }).n;
}
