/** The recipient decrees (sk_penerima) and the people they name (sk_penerima_baris). */
import type { Database } from 'better-sqlite3';
import type { Decree, DecreeRow, Page } from '../../electron/contract';
import type { DecreeEntry } from '../../electron/domain/decree';
import { cachedStatement, containsPattern, prefixGlob } from './sql';

interface DecreeDbRow {
  id: number;
  nomor: string;
  tanggal: string;
  tahun: number;
  skema_id: number;
  skema_kode: string;
  keterangan: string | null;
  jumlah_baris: number;
  total_plafon: number;
  terkunci: number;
  dibuat: string;
  dibuat_oleh: string;
  diubah: string;
  diubah_oleh: string;
}

interface DecreeLineDbRow {
  id: number;
  sk_id: number;
  no_urut: number | null;
  nik: string;
  nama: string;
  bank_id: number;
  bank_nama: string;
  cabang_id: number;
  cabang_nama: string;
  unit_tertulis: string | null;
  plafon: number | null;
}

/**
 * A decree is fixed once a loan it names (a debtor's NIK in its list, at that bank, under its
 * scheme) has a subsidy month paid.
 */
const PAID_EXISTS = `EXISTS (
  SELECT 1 FROM sk_penerima_baris b
  JOIN debitur d ON d.nik = b.nik
  JOIN pinjaman l ON l.debitur_id = d.id AND l.bank_id = b.bank_id AND l.skema_id = s.skema_id
  JOIN periode_dibayar pd ON pd.pinjaman_id = l.id
  WHERE b.sk_id = s.id)`;

const SELECT = `SELECT s.*, k.kode AS skema_kode,
    (SELECT count(*) FROM sk_penerima_baris b WHERE b.sk_id = s.id) AS jumlah_baris,
    (SELECT coalesce(sum(b.plafon), 0) FROM sk_penerima_baris b WHERE b.sk_id = s.id) AS total_plafon,
    ${PAID_EXISTS} AS terkunci
  FROM sk_penerima s JOIN skema k ON k.id = s.skema_id`;

const toDecree = (r: DecreeDbRow): Decree => ({
  id: r.id,
  nomor: r.nomor,
  tanggal: r.tanggal,
  tahun: r.tahun,
  skemaId: r.skema_id,
  skemaKode: r.skema_kode,
  keterangan: r.keterangan,
  jumlahBaris: r.jumlah_baris,
  totalPlafon: r.total_plafon,
  terkunci: r.terkunci === 1,
  dibuat: r.dibuat,
  dibuatOleh: r.dibuat_oleh,
  diubah: r.diubah,
  diubahOleh: r.diubah_oleh,
});

const toRow = (r: DecreeLineDbRow): DecreeRow => ({
  id: r.id,
  skId: r.sk_id,
  noUrut: r.no_urut,
  nik: r.nik,
  nama: r.nama,
  bankId: r.bank_id,
  bankNama: r.bank_nama,
  cabangId: r.cabang_id,
  cabangNama: r.cabang_nama,
  unitTertulis: r.unit_tertulis,
  plafon: r.plafon,
});

export function listDecrees(db: Database, q: { search?: string | undefined; skemaId?: number | undefined; tahun?: number | undefined }): Decree[] {
  const rows = db
    .prepare(
      `${SELECT}
       WHERE (@skema IS NULL OR s.skema_id = @skema) AND (@tahun IS NULL OR s.tahun = @tahun)
         AND (s.nomor LIKE @like ESCAPE '\\' OR coalesce(s.keterangan, '') LIKE @like ESCAPE '\\')
       ORDER BY s.tahun DESC, s.tanggal DESC, s.id DESC`,
    )
    .all({ skema: q.skemaId ?? null, tahun: q.tahun ?? null, like: containsPattern(q.search ?? '') }) as DecreeDbRow[];
  return rows.map(toDecree);
}

export function getDecree(db: Database, id: number): Decree | null {
  const row = db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as DecreeDbRow | undefined;
  return row ? toDecree(row) : null;
}

export function findDecreeByNomor(db: Database, nomor: string): { id: number; tahun: number } | null {
  return (db.prepare('SELECT id, tahun FROM sk_penerima WHERE nomor = ? COLLATE NOCASE').get(nomor) as { id: number; tahun: number } | undefined) ?? null;
}

export interface DecreeFields {
  nomor: string;
  tanggal: string;
  tahun: number;
  skemaId: number;
  keterangan: string | null;
}

export function insertDecree(db: Database, f: DecreeFields, user: string): number {
  return Number(
    db
      .prepare('INSERT INTO sk_penerima (nomor, tanggal, tahun, skema_id, keterangan, dibuat_oleh, diubah_oleh) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(f.nomor, f.tanggal, f.tahun, f.skemaId, f.keterangan, user, user).lastInsertRowid,
  );
}

export function updateDecree(db: Database, id: number, f: DecreeFields, user: string): void {
  db.prepare(
    `UPDATE sk_penerima SET nomor = ?, tanggal = ?, tahun = ?, skema_id = ?, keterangan = ?,
       diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), diubah_oleh = ? WHERE id = ?`,
  ).run(f.nomor, f.tanggal, f.tahun, f.skemaId, f.keterangan, user, id);
}

/** Marks the decree changed (its list changed) by `user`. */
export function touchDecree(db: Database, id: number, user: string): void {
  db.prepare(`UPDATE sk_penerima SET diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), diubah_oleh = ? WHERE id = ?`).run(user, id);
}

const ROW_SELECT = `SELECT b.id, b.sk_id, b.no_urut, b.nik, b.nama, b.bank_id, bk.nama AS bank_nama, b.cabang_id, c.nama AS cabang_nama, b.unit_tertulis, b.plafon
  FROM sk_penerima_baris b JOIN bank bk ON bk.id = b.bank_id JOIN bank_cabang c ON c.id = b.cabang_id`;

/** A decree's rows: NIK by prefix (digits), else name anywhere; in the decree's order. */
export function listDecreeRows(db: Database, q: { skId: number; search?: string | undefined; bankId?: number | undefined; page: number; pageSize: number }): Page<DecreeRow> {
  const search = q.search ?? '';
  const byNik = /^\d+$/.test(search);
  const where = `b.sk_id = @skId AND (@bank IS NULL OR b.bank_id = @bank)
    AND (@search = '' OR ${byNik ? 'b.nik GLOB @pattern' : "b.nama LIKE @pattern ESCAPE '\\'"})`;
  const params = { skId: q.skId, bank: q.bankId ?? null, search, pattern: byNik ? prefixGlob(search) : containsPattern(search) };
  const total = (db.prepare(`SELECT count(*) AS n FROM sk_penerima_baris b WHERE ${where}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`${ROW_SELECT} WHERE ${where} ORDER BY b.no_urut IS NULL, b.no_urut, b.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as DecreeLineDbRow[];
  return { rows: rows.map(toRow), total, page: q.page, pageSize: q.pageSize };
}

export function getDecreeRow(db: Database, id: number): DecreeRow | null {
  const row = db.prepare(`${ROW_SELECT} WHERE b.id = ?`).get(id) as DecreeLineDbRow | undefined;
  return row ? toRow(row) : null;
}

export function findDecreeRow(db: Database, skId: number, nik: string, bankId: number): { id: number; nama: string } | null {
  return (
    (db.prepare('SELECT id, nama FROM sk_penerima_baris WHERE sk_id = ? AND nik = ? AND bank_id = ?').get(skId, nik, bankId) as { id: number; nama: string } | undefined) ?? null
  );
}

export interface DecreeRowFields {
  skId: number;
  noUrut: number | null;
  nik: string;
  nama: string;
  bankId: number;
  cabangId: number;
  unitTertulis: string | null;
  plafon: number | null;
  imporId?: number | null;
}

export function insertDecreeRow(db: Database, f: DecreeRowFields): number {
  return Number(
    cachedStatement(
      db,
      `INSERT INTO sk_penerima_baris (sk_id, no_urut, nik, nama, bank_id, cabang_id, unit_tertulis, plafon, impor_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(f.skId, f.noUrut, f.nik, f.nama, f.bankId, f.cabangId, f.unitTertulis, f.plafon, f.imporId ?? null).lastInsertRowid,
  );
}

export function deleteDecreeRow(db: Database, id: number): void {
  db.prepare('DELETE FROM sk_penerima_baris WHERE id = ?').run(id);
}

/** The (NIK, bank) pairs already in a decree, for an import's duplicate check. */
export function decreeNikBankKeys(db: Database, skId: number): Set<string> {
  const rows = db.prepare('SELECT nik, bank_id FROM sk_penerima_baris WHERE sk_id = ?').raw().all(skId) as [string, number][];
  return new Set(rows.map(([nik, bank]) => `${nik}|${bank}`));
}

interface EntryDbRow {
  nik: string;
  sk_id: number;
  nomor: string;
  tahun: number;
  skema_id: number;
  bank_id: number;
  bank_nama: string;
  cabang_id: number;
  cabang_nama: string;
  plafon: number | null;
}

const ENTRY_SELECT = `SELECT b.nik, s.id AS sk_id, s.nomor, s.tahun, s.skema_id, b.bank_id, bk.nama AS bank_nama, b.cabang_id, c.nama AS cabang_nama, b.plafon
  FROM sk_penerima_baris b
  JOIN sk_penerima s ON s.id = b.sk_id
  JOIN bank bk ON bk.id = b.bank_id
  JOIN bank_cabang c ON c.id = b.cabang_id`;

const toEntry = (r: EntryDbRow): DecreeEntry => ({
  skId: r.sk_id,
  nomor: r.nomor,
  tahun: r.tahun,
  skemaId: r.skema_id,
  bankId: r.bank_id,
  bankNama: r.bank_nama,
  cabangId: r.cabang_id,
  cabangNama: r.cabang_nama,
  plafon: r.plafon,
});

/** Every decree row naming one NIK (any scheme, year or bank): the loan form's and the reference run's check. */
export function decreeEntriesOfNik(db: Database, nik: string): DecreeEntry[] {
  return (cachedStatement(db, `${ENTRY_SELECT} WHERE b.nik = ?`).all(nik) as EntryDbRow[]).map(toEntry);
}

/**
 * Names the decree lines the subsidy run streams with its loans (runLoans): the few
 * decrees, banks and branches are read once into small maps, so the lines are read raw, without joins.
 */
export function decreeEntryNamer(db: Database): (skId: number, bankId: number, cabangId: number, plafon: number | null) => DecreeEntry {
  const decrees = new Map((db.prepare('SELECT id, nomor, tahun, skema_id FROM sk_penerima').raw().all() as [number, string, number, number][]).map((d) => [d[0], d]));
  const banks = new Map(db.prepare('SELECT id, nama FROM bank').raw().all() as [number, string][]);
  const units = new Map(db.prepare('SELECT id, nama FROM bank_cabang').raw().all() as [number, string][]);
  return (skId, bankId, cabangId, plafon) => {
    const d = decrees.get(skId)!;
    return { skId, nomor: d[1], tahun: d[2], skemaId: d[3], bankId, bankNama: banks.get(bankId) ?? '', cabangId, cabangNama: units.get(cabangId) ?? '', plafon };
  };
}

/** The decree rows an import wrote, removed when the import is replaced. Returns how many. */
export function deleteDecreeRowsOfImport(db: Database, imporId: number): number {
  return db.prepare('DELETE FROM sk_penerima_baris WHERE impor_id = ?').run(imporId).changes;
}

/** The decree an import wrote rows into (null when it wrote none). */
export function decreeOfImport(db: Database, imporId: number): number | null {
  return (db.prepare('SELECT sk_id FROM sk_penerima_baris WHERE impor_id = ? LIMIT 1').pluck().get(imporId) as number | undefined) ?? null;
}

/**
 * The demo's decrees: one per scheme and agreement year (dated 2 January), naming the debtor of
 * every loan at its bank and unit with its plafon, except every `leaveOut`-th loan (so the demo
 * shows the "not in the decree" flag). Set-based: the demo may hold 100,000 loans.
 */
export function insertDemoDecrees(db: Database, opts: { leaveOut: number; user: string }): { sk: number; baris: number } {
  const sk = db
    .prepare(
      `INSERT INTO sk_penerima (nomor, tanggal, tahun, skema_id, keterangan, dibuat_oleh, diubah_oleh)
       SELECT '188.45/' || (100 + s.id) || '/KPTS/' || y.tahun, y.tahun || '-01-02', y.tahun, s.id, 'Penerima ' || s.nama || ' (data contoh)', @user, @user
       FROM (SELECT DISTINCT skema_id, CAST(substr(tanggal_akad, 1, 4) AS INTEGER) AS tahun FROM pinjaman) y JOIN skema s ON s.id = y.skema_id
       WHERE y.tahun BETWEEN 2000 AND 2100
       ORDER BY y.tahun, s.id`,
    )
    .run({ user: opts.user }).changes;
  const baris = db
    .prepare(
      `INSERT OR IGNORE INTO sk_penerima_baris (sk_id, no_urut, nik, nama, bank_id, cabang_id, unit_tertulis, plafon)
       SELECT s.id, row_number() OVER (PARTITION BY s.id ORDER BY l.id), d.nik, d.nama, l.bank_id, l.cabang_id, c.nama, l.plafon
       FROM pinjaman l
       JOIN debitur d ON d.id = l.debitur_id
       JOIN bank_cabang c ON c.id = l.cabang_id
       JOIN sk_penerima s ON s.skema_id = l.skema_id AND s.tahun = CAST(substr(l.tanggal_akad, 1, 4) AS INTEGER)
       WHERE l.id % @leaveOut <> 0 AND l.status <> 'ditolak'
       ORDER BY l.id`,
    )
    .run({ leaveOut: opts.leaveOut }).changes;
  return { sk, baris };
}
