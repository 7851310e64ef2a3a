/**
 * Corrections after payment (koreksi, migration 0023_payment_corrections): all their SQL. Writers
 * run in the caller's transaction. A paid line, its payment and periode_dibayar are never written here.
 */
import type { Database } from 'better-sqlite3';
import type { Correction, CorrectionDocument, CorrectionKind, CorrectionStatus } from '../../electron/contract/claims';

const SELECT = `SELECT k.id, k.tagihan_baris_id AS barisId, b.tagihan_id AS tagihanId, t.bank_id AS bankId, b.nomor_baris AS nomorBaris,
    b.nomor_rekening AS nomorRekening, b.nama, b.periode, coalesce(b.disetujui, 0) AS dibayarBaris, k.jenis, k.jumlah, k.alasan,
    k.dokumen_jenis AS dokumenJenis, k.dokumen_nomor AS dokumenNomor, k.dokumen_tanggal AS dokumenTanggal, k.dicatat_oleh AS dicatatOleh,
    k.dicatat_oleh_id AS dicatatOlehId, k.dicatat_pada AS dicatatPada, k.status, k.penyelesaian, k.tagihan_kompensasi_id AS tagihanKompensasiId,
    k.nomor_sts AS nomorSts, k.tanggal_sts AS tanggalSts, k.penyelesaian_oleh AS penyelesaianOleh, k.tanggal_selesai AS tanggalSelesai, k.versi
  FROM koreksi k JOIN tagihan_baris b ON b.id = k.tagihan_baris_id JOIN tagihan t ON t.id = b.tagihan_id`;

/** The correction as the contract returns it, and who recorded it (by id, for four-eyes). */
export type CorrectionRecord = Correction & { dicatatOlehId: number | null };

export function getCorrection(db: Database, id: number): CorrectionRecord | null {
  return (db.prepare(`${SELECT} WHERE k.id = ?`).get(id) as CorrectionRecord | undefined) ?? null;
}

export function listCorrections(
  db: Database,
  q: {
    tagihanId?: number | undefined;
    tagihanKompensasiId?: number | undefined;
    bankId?: number | undefined;
    status?: CorrectionStatus | undefined;
    tersedia?: boolean | undefined;
  },
): CorrectionRecord[] {
  const where: string[] = [];
  if (q.tagihanId !== undefined) where.push('b.tagihan_id = @tagihanId');
  if (q.tagihanKompensasiId !== undefined) where.push('k.tagihan_kompensasi_id = @tagihanKompensasiId');
  if (q.bankId !== undefined) where.push('t.bank_id = @bankId');
  if (q.status !== undefined) where.push('k.status = @status');
  if (q.tersedia) where.push("k.status = 'terbuka' AND k.penyelesaian IS NULL");
  return db
    .prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY k.id`)
    .all({ tagihanId: q.tagihanId, tagihanKompensasiId: q.tagihanKompensasiId, bankId: q.bankId, status: q.status }) as CorrectionRecord[];
}

/** A claim line as a correction needs it: its claim, bank, what it was agreed and whether it is paid. */
export interface LineForCorrection {
  id: number;
  tagihanId: number;
  bankId: number;
  nomorBaris: number;
  nomorRekening: string;
  periode: string;
  disetujui: number;
  dibayar: boolean;
  /** Overpayments recorded on it less underpayments (any status). */
  koreksiLebihBersih: number;
}

export function lineForCorrection(db: Database, barisId: number): LineForCorrection | null {
  const row = db
    .prepare(
      `SELECT b.id, b.tagihan_id AS tagihanId, t.bank_id AS bankId, b.nomor_baris AS nomorBaris, b.nomor_rekening AS nomorRekening, b.periode,
              coalesce(b.disetujui, 0) AS disetujui,
              EXISTS (SELECT 1 FROM periode_dibayar pd WHERE pd.tagihan_baris_id = b.id) AS dibayar,
              (SELECT coalesce(sum(CASE k.jenis WHEN 'lebih_bayar' THEN k.jumlah ELSE -k.jumlah END), 0) FROM koreksi k WHERE k.tagihan_baris_id = b.id) AS koreksiLebihBersih
       FROM tagihan_baris b JOIN tagihan t ON t.id = b.tagihan_id WHERE b.id = ?`,
    )
    .get(barisId) as (Omit<LineForCorrection, 'dibayar'> & { dibayar: number }) | undefined;
  return row ? { ...row, dibayar: row.dibayar === 1 } : null;
}

export function insertCorrection(
  db: Database,
  k: {
    barisId: number;
    jenis: CorrectionKind;
    jumlah: number;
    alasan: string;
    dokumenJenis: CorrectionDocument;
    dokumenNomor: string;
    dokumenTanggal: string;
    dicatatOleh: string;
    dicatatOlehId: number | null;
    dicatatPada: string;
  },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO koreksi (tagihan_baris_id, jenis, jumlah, alasan, dokumen_jenis, dokumen_nomor, dokumen_tanggal, dicatat_oleh, dicatat_oleh_id, dicatat_pada)
         VALUES (@barisId, @jenis, @jumlah, @alasan, @dokumenJenis, @dokumenNomor, @dokumenTanggal, @dicatatOleh, @dicatatOlehId, @dicatatPada)`,
      )
      .run(k).lastInsertRowid,
  );
}

/** The budget line that paid a claim (its first SP2D's) and its year, for an STS's realisation. */
export function paguOfClaim(db: Database, tagihanId: number): { id: number; tahun: number } | null {
  const row = db.prepare('SELECT g.id, g.tahun FROM pembayaran p JOIN pagu g ON g.id = p.pagu_id WHERE p.tagihan_id = ? ORDER BY p.tanggal_sp2d, p.id LIMIT 1').get(tagihanId) as
    { id: number; tahun: number } | undefined;
  return row ?? null;
}

export function settleBySts(db: Database, id: number, s: { nomorSts: string; tanggalSts: string; oleh: string; olehId: number | null; pada: string; paguId: number | null }): void {
  db.prepare(
    `UPDATE koreksi SET status = 'diselesaikan', penyelesaian = 'sts', nomor_sts = @nomorSts, tanggal_sts = @tanggalSts, penyelesaian_oleh = @oleh,
       penyelesaian_oleh_id = @olehId, penyelesaian_pada = @pada, tanggal_selesai = @tanggalSts, pagu_id = @paguId
     WHERE id = @id`,
  ).run({ ...s, id });
}

export function stsNumberTaken(db: Database, nomorSts: string): boolean {
  return db.prepare('SELECT 1 FROM koreksi WHERE nomor_sts = ?').get(nomorSts) !== undefined;
}

/**
 * Chooses corrections to be offset on an approved claim (settled when the claim is paid in full).
 * Underpayments first: the database checks after each row that something is left to pay, so an
 * overpayment that only fits beside an underpayment must come after it.
 */
export function assignOffset(db: Database, ids: readonly number[], tagihanId: number, a: { oleh: string; olehId: number | null; pada: string }): void {
  const stmt = db.prepare(
    `UPDATE koreksi SET penyelesaian = 'kompensasi', tagihan_kompensasi_id = @tagihanId, penyelesaian_oleh = @oleh, penyelesaian_oleh_id = @olehId,
       penyelesaian_pada = @pada WHERE id = @id AND jenis = @jenis`,
  );
  for (const jenis of ['kurang_bayar', 'lebih_bayar'] as const) for (const id of ids) stmt.run({ id, jenis, tagihanId, ...a });
}

/** A cancelled claim gives back the corrections chosen for it (they were never settled). */
export function releaseOffsets(db: Database, tagihanId: number): number {
  return db
    .prepare(
      `UPDATE koreksi SET penyelesaian = NULL, tagihan_kompensasi_id = NULL, penyelesaian_oleh = NULL, penyelesaian_oleh_id = NULL, penyelesaian_pada = NULL
       WHERE tagihan_kompensasi_id = ? AND status = 'terbuka'`,
    )
    .run(tagihanId).changes;
}

/** The SP2D that completed the claim settles the corrections offset on it, dated and charged as that SP2D. */
export function settleOffsets(db: Database, tagihanId: number, s: { tanggal: string; paguId: number | null }): number {
  return db
    .prepare(`UPDATE koreksi SET status = 'diselesaikan', tanggal_selesai = ?, pagu_id = ? WHERE tagihan_kompensasi_id = ? AND status = 'terbuka'`)
    .run(s.tanggal, s.paguId, tagihanId).changes;
}

/** − overpayments + underpayments offset on a claim (0 when none). */
export function offsetTotal(db: Database, tagihanId: number): number {
  return (
    db.prepare(`SELECT coalesce(sum(CASE jenis WHEN 'kurang_bayar' THEN jumlah ELSE -jumlah END), 0) AS n FROM koreksi WHERE tagihan_kompensasi_id = ?`).get(tagihanId) as {
      n: number;
    }
  ).n;
}

// ---------------------------------------------------------------------------
// Realisation: gross, corrections and net. Net is the money that moved (SP2D − STS); the settled
// corrections are − overpayments (offset or deposited) + underpayments (paid on a later claim);
// gross = net − corrections: what the paid lines were agreed at.
// ---------------------------------------------------------------------------

/**
 * Settled corrections between two dates (inclusive, by the date the money moved), optionally of one
 * bank; only those charged to a budget line (a deposit for an earlier year's payment is revenue).
 */
export function correctionsBetween(db: Database, from: string, to: string, bankId: number | null = null): { koreksi: number; sts: number; lebih: number; kurang: number } {
  return db
    .prepare(
      `SELECT coalesce(sum(CASE k.jenis WHEN 'kurang_bayar' THEN k.jumlah ELSE -k.jumlah END), 0) AS koreksi,
              coalesce(sum(CASE WHEN k.penyelesaian = 'sts' THEN k.jumlah ELSE 0 END), 0) AS sts,
              coalesce(sum(CASE k.jenis WHEN 'lebih_bayar' THEN k.jumlah ELSE 0 END), 0) AS lebih,
              coalesce(sum(CASE k.jenis WHEN 'kurang_bayar' THEN k.jumlah ELSE 0 END), 0) AS kurang
       FROM koreksi k JOIN tagihan_baris b ON b.id = k.tagihan_baris_id JOIN tagihan t ON t.id = b.tagihan_id
       WHERE k.status = 'diselesaikan' AND k.pagu_id IS NOT NULL AND k.tanggal_selesai BETWEEN @from AND @to AND (@bankId IS NULL OR t.bank_id = @bankId)`,
    )
    .get({ from, to, bankId }) as { koreksi: number; sts: number; lebih: number; kurang: number };
}

/** Settled corrections per month (by the date the money moved) of a year's subsidy lines, optionally of one bank. */
export function correctionsByMonth(db: Database, tahun: number, bankId: number | null): { periode: string; koreksi: number; sts: number }[] {
  return db
    .prepare(
      `SELECT substr(k.tanggal_selesai, 1, 7) AS periode,
              sum(CASE k.jenis WHEN 'kurang_bayar' THEN k.jumlah ELSE -k.jumlah END) AS koreksi,
              sum(CASE WHEN k.penyelesaian = 'sts' THEN k.jumlah ELSE 0 END) AS sts
       FROM koreksi k JOIN pagu g ON g.id = k.pagu_id JOIN tagihan_baris b ON b.id = k.tagihan_baris_id JOIN tagihan t ON t.id = b.tagihan_id
       WHERE k.status = 'diselesaikan' AND g.tahun = @tahun AND g.jenis = 'subsidi_bunga' AND (@bankId IS NULL OR t.bank_id = @bankId)
       GROUP BY 1 ORDER BY 1`,
    )
    .all({ tahun, bankId }) as { periode: string; koreksi: number; sts: number }[];
}
