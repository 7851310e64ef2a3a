import type { Database } from 'better-sqlite3';
import type { Premium } from '../../electron/contract';

interface PremiumRow {
  id: number;
  pinjaman_id: number;
  penjamin_id: number;
  penjamin_nama: string;
  tarif_persen: string;
  jumlah: number;
  status: Premium['status'];
  rincian: string | null;
}

const toPremium = (r: PremiumRow): Premium => ({
  id: r.id,
  pinjamanId: r.pinjaman_id,
  penjaminId: r.penjamin_id,
  penjaminNama: r.penjamin_nama,
  tarifPersen: r.tarif_persen,
  jumlah: r.jumlah,
  status: r.status,
  rincian: r.rincian ?? '',
});

export function getPremiumOfLoan(db: Database, loanId: number): Premium | null {
  const row = db
    .prepare('SELECT p.*, j.nama AS penjamin_nama FROM premi p JOIN penjamin j ON j.id = p.penjamin_id WHERE p.pinjaman_id = ?')
    .get(loanId) as PremiumRow | undefined;
  return row ? toPremium(row) : null;
}

export function insertPremium(db: Database, p: { pinjamanId: number; penjaminId: number; tarifPersen: string; jumlah: number; rincian: string }): void {
  db.prepare('INSERT INTO premi (pinjaman_id, penjamin_id, tarif_persen, jumlah, rincian) VALUES (?, ?, ?, ?, ?)').run(
    p.pinjamanId,
    p.penjaminId,
    p.tarifPersen,
    p.jumlah,
    p.rincian,
  );
}
