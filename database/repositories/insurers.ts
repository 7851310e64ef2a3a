import type { Database } from 'better-sqlite3';
import { containsPattern } from './sql';
import type { Insurer } from '../../electron/contract';

interface InsurerRow {
  id: number;
  kode: string;
  nama: string;
  jenis: Insurer['jenis'];
  alamat: string | null;
  pic_nama: string | null;
  telepon: string | null;
  email: string | null;
  aktif: number;
}

export type InsurerFields = Omit<Insurer, 'id' | 'aktif'>;

const toInsurer = (r: InsurerRow): Insurer => ({
  id: r.id,
  kode: r.kode,
  nama: r.nama,
  jenis: r.jenis,
  alamat: r.alamat,
  picNama: r.pic_nama,
  telepon: r.telepon,
  email: r.email,
  aktif: r.aktif === 1,
});

export function listInsurers(db: Database, opts: { search?: string | undefined; includeInactive?: boolean | undefined }): Insurer[] {
  const like = containsPattern(opts.search ?? '');
  const rows = db
    .prepare(
      `SELECT * FROM penjamin WHERE (@all = 1 OR aktif = 1) AND (kode LIKE @like ESCAPE '\\' OR nama LIKE @like ESCAPE '\\')
       ORDER BY aktif DESC, nama COLLATE NOCASE`,
    )
    .all({ all: opts.includeInactive ? 1 : 0, like }) as InsurerRow[];
  return rows.map(toInsurer);
}

export function getInsurer(db: Database, id: number): Insurer | null {
  const row = db.prepare('SELECT * FROM penjamin WHERE id = ?').get(id) as InsurerRow | undefined;
  return row ? toInsurer(row) : null;
}

export function findInsurerByKode(db: Database, kode: string): { id: number; nama: string } | null {
  return (db.prepare('SELECT id, nama FROM penjamin WHERE kode = ? COLLATE NOCASE').get(kode) as { id: number; nama: string } | undefined) ?? null;
}

const params = (f: InsurerFields) => ({
  kode: f.kode,
  nama: f.nama,
  jenis: f.jenis,
  alamat: f.alamat,
  pic_nama: f.picNama,
  telepon: f.telepon,
  email: f.email,
});

export function insertInsurer(db: Database, f: InsurerFields): number {
  const info = db
    .prepare(
      `INSERT INTO penjamin (kode, nama, jenis, alamat, pic_nama, telepon, email)
       VALUES (@kode, @nama, @jenis, @alamat, @pic_nama, @telepon, @email)`,
    )
    .run(params(f));
  return Number(info.lastInsertRowid);
}

export function updateInsurer(db: Database, id: number, f: InsurerFields): void {
  db.prepare(
    `UPDATE penjamin SET kode = @kode, nama = @nama, jenis = @jenis, alamat = @alamat, pic_nama = @pic_nama,
       telepon = @telepon, email = @email, diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = @id`,
  ).run({ ...params(f), id });
}

export function setInsurerActive(db: Database, id: number, aktif: boolean): void {
  db.prepare(`UPDATE penjamin SET aktif = ?, diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`).run(aktif ? 1 : 0, id);
}

export function countInsurers(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM penjamin').get() as { n: number }).n;
}
