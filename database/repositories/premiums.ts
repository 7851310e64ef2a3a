import type { Database } from 'better-sqlite3';
import type { Premium, PremiumRow as PremiumListItem } from '../../electron/contract';

interface PremiumRow {
  id: number;
  pinjaman_id: number;
  penjamin_id: number;
  penjamin_nama: string;
  tarif_persen: string;
  jumlah: number;
  status: Premium['status'];
  rincian: string | null;
  versi: number;
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
  versi: r.versi,
});

export function getPremiumOfLoan(db: Database, loanId: number): Premium | null {
  const row = db.prepare('SELECT p.*, j.nama AS penjamin_nama FROM premi p JOIN penjamin j ON j.id = p.penjamin_id WHERE p.pinjaman_id = ?').get(loanId) as PremiumRow | undefined;
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

interface PremiumListRow extends PremiumRow {
  nomor_rekening: string;
  debitur_nama: string;
  bank_nama: string;
  plafon: number;
  tanggal_pencairan: string | null;
  nomor_tagihan: string | null;
  tanggal_tagihan: string | null;
  nomor_sp2d: string | null;
  pembayaran_premi_id: number | null;
}

export function listPremiums(db: Database, q: { penjaminId?: number | undefined; status?: Premium['status'] | undefined }): PremiumListItem[] {
  const rows = db
    .prepare(
      `SELECT p.*, j.nama AS penjamin_nama, l.nomor_rekening, d.nama AS debitur_nama, b.nama AS bank_nama, l.plafon,
              l.tanggal_pencairan, pp.nomor_sp2d
       FROM premi p
       JOIN penjamin j ON j.id = p.penjamin_id
       JOIN pinjaman l ON l.id = p.pinjaman_id
       JOIN debitur d ON d.id = l.debitur_id
       JOIN bank b ON b.id = l.bank_id
       LEFT JOIN pembayaran_premi pp ON pp.id = p.pembayaran_premi_id
       WHERE (@penjaminId IS NULL OR p.penjamin_id = @penjaminId) AND (@status IS NULL OR p.status = @status)
       ORDER BY l.tanggal_pencairan, p.id`,
    )
    .all({ penjaminId: q.penjaminId ?? null, status: q.status ?? null }) as PremiumListRow[];
  return rows.map((r) => ({
    ...toPremium(r),
    nomorRekening: r.nomor_rekening,
    debiturNama: r.debitur_nama,
    bankNama: r.bank_nama,
    plafon: r.plafon,
    tanggalPencairan: r.tanggal_pencairan,
    nomorTagihan: r.nomor_tagihan,
    tanggalTagihan: r.tanggal_tagihan,
    nomorSp2d: r.nomor_sp2d,
    pembayaranPremiId: r.pembayaran_premi_id,
  }));
}

/** The chosen premiums that are this insurer's, with who recorded their invoice (for four-eyes). */
export interface InsurerPremiumRow {
  id: number;
  status: Premium['status'];
  jumlah: number;
  tagihanDicatatOleh: string | null;
  /** Who recorded the invoice, by user id (four-eyes compares ids, never names); null: the trusted caller. */
  tagihanDicatatOlehId: number | null;
  /** The loan's account, to name the premium in a message. */
  nomorRekening: string;
}

export function premiumsOfInsurer(db: Database, penjaminId: number, ids: number[]): InsurerPremiumRow[] {
  const stmt = db.prepare(
    `SELECT p.id, p.status, p.jumlah, p.tagihan_dicatat_oleh AS tagihanDicatatOleh, p.tagihan_dicatat_oleh_id AS tagihanDicatatOlehId,
            l.nomor_rekening AS nomorRekening
     FROM premi p JOIN pinjaman l ON l.id = p.pinjaman_id WHERE p.id = ? AND p.penjamin_id = ?`,
  );
  return ids.flatMap((id) => {
    const row = stmt.get(id, penjaminId) as InsurerPremiumRow | undefined;
    return row ? [row] : [];
  });
}

/** Marks premiums invoiced; `imporId` links them to the invoice file they came from (null: entered on screen). */
export function markInvoiced(
  db: Database,
  ids: number[],
  nomorTagihan: string,
  tanggalTagihan: string,
  recordedBy: { name: string; id: number | null },
  imporId: number | null = null,
): void {
  const stmt = db.prepare(
    "UPDATE premi SET status = 'ditagih', nomor_tagihan = ?, tanggal_tagihan = ?, tagihan_dicatat_oleh = ?, tagihan_dicatat_oleh_id = ?, impor_id = ? WHERE id = ? AND status <> 'dibayar'",
  );
  for (const id of ids) stmt.run(nomorTagihan, tanggalTagihan, recordedBy.name, recordedBy.id, imporId, id);
}

export function insertPremiumPayment(
  db: Database,
  p: { penjaminId: number; nomorSp2d: string; tanggalSp2d: string; jumlah: number; paguId: number; premiIds: number[]; dicatatOlehId?: number | null },
): number {
  const paymentId = Number(
    db
      .prepare('INSERT INTO pembayaran_premi (penjamin_id, nomor_sp2d, tanggal_sp2d, jumlah, pagu_id, dicatat_oleh_id) VALUES (?, ?, ?, ?, ?, ?)')
      .run(p.penjaminId, p.nomorSp2d, p.tanggalSp2d, p.jumlah, p.paguId, p.dicatatOlehId ?? null).lastInsertRowid,
  );
  // The status guard makes a second payment of the same premium change nothing; the caller checks first.
  const mark = db.prepare("UPDATE premi SET status = 'dibayar', pembayaran_premi_id = ? WHERE id = ? AND status <> 'dibayar'");
  for (const id of p.premiIds) {
    if (mark.run(paymentId, id).changes !== 1) throw new Error(`Premi ${id} sudah dibayar`);
  }
  return paymentId;
}
