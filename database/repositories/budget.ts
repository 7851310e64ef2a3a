/** Budget lines (pagu) as the budget page writes them; their reads and realisation are in payments.ts. */
import type { Database } from 'better-sqlite3';
import type { BudgetLine } from '../../electron/contract';

export interface PaguFields {
  tahun: number;
  jenis: BudgetLine['jenis'];
  kodeRekening: string;
  uraian: string;
  jumlah: number;
}

/** The id of the year's line with this account code (kode rekening), if any. */
export function findPaguId(db: Database, tahun: number, kodeRekening: string): number | null {
  return db.prepare<[number, string], number>('SELECT id FROM pagu WHERE tahun = ? AND kode_rekening = ?').pluck().get(tahun, kodeRekening) ?? null;
}

export function insertPagu(db: Database, f: PaguFields): number {
  return Number(
    db.prepare('INSERT INTO pagu (tahun, jenis, kode_rekening, uraian, jumlah) VALUES (?, ?, ?, ?, ?)').run(f.tahun, f.jenis, f.kodeRekening, f.uraian, f.jumlah).lastInsertRowid,
  );
}

export function updatePagu(db: Database, id: number, f: PaguFields): void {
  db.prepare('UPDATE pagu SET tahun = ?, jenis = ?, kode_rekening = ?, uraian = ?, jumlah = ? WHERE id = ?').run(f.tahun, f.jenis, f.kodeRekening, f.uraian, f.jumlah, id);
}
