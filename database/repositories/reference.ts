import type { Database } from 'better-sqlite3';
import type { Kecamatan, ReferenceData, ReferenceItem } from '../../electron/contract';

export function listReference(db: Database): ReferenceData {
  const kecamatan = (
    db.prepare('SELECT id, nama, kode_wilayah, aktif FROM kecamatan ORDER BY nama COLLATE NOCASE').all() as {
      id: number;
      nama: string;
      kode_wilayah: string | null;
      aktif: number;
    }[]
  ).map((r): Kecamatan => ({ id: r.id, nama: r.nama, kodeWilayah: r.kode_wilayah, aktif: r.aktif === 1 }));
  const sektor = (db.prepare('SELECT id, nama, aktif FROM sektor ORDER BY nama COLLATE NOCASE').all() as { id: number; nama: string; aktif: number }[]).map((r): ReferenceItem => ({
    id: r.id,
    nama: r.nama,
    aktif: r.aktif === 1,
  }));
  return { kecamatan, sektor };
}

export type ReferenceKind = 'kecamatan' | 'sektor';

export function findReferenceByName(db: Database, kind: ReferenceKind, nama: string): { id: number } | null {
  return (db.prepare(`SELECT id FROM ${kind} WHERE nama = ? COLLATE NOCASE`).get(nama) as { id: number } | undefined) ?? null;
}

export function getReferenceRow(db: Database, kind: ReferenceKind, id: number): Record<string, unknown> | null {
  return (db.prepare(`SELECT * FROM ${kind} WHERE id = ?`).get(id) as Record<string, unknown> | undefined) ?? null;
}

export function insertKecamatan(db: Database, nama: string, kodeWilayah: string | null, aktif: boolean): number {
  return Number(db.prepare('INSERT INTO kecamatan (nama, kode_wilayah, aktif) VALUES (?, ?, ?)').run(nama, kodeWilayah, aktif ? 1 : 0).lastInsertRowid);
}

export function updateKecamatan(db: Database, id: number, nama: string, kodeWilayah: string | null, aktif: boolean): void {
  db.prepare('UPDATE kecamatan SET nama = ?, kode_wilayah = ?, aktif = ? WHERE id = ?').run(nama, kodeWilayah, aktif ? 1 : 0, id);
}

export function insertSektor(db: Database, nama: string, aktif: boolean): number {
  return Number(db.prepare('INSERT INTO sektor (nama, aktif) VALUES (?, ?)').run(nama, aktif ? 1 : 0).lastInsertRowid);
}

export function updateSektor(db: Database, id: number, nama: string, aktif: boolean): void {
  db.prepare('UPDATE sektor SET nama = ?, aktif = ? WHERE id = ?').run(nama, aktif ? 1 : 0, id);
}
