import type { Database } from 'better-sqlite3';

/** The scheme fields the foundation writes; the loan-engine work extends this. */
export interface SchemeFields {
  kode: string;
  nama: string;
  berlakuDari: string;
  berlakuSampai: string | null;
  bungaBankPersen: string;
  bungaDebiturPersen: string;
  metodeBunga: 'flat' | 'efektif' | 'anuitas';
  plafonMaks: number | null;
  tenorMaks: number | null;
  penjaminId: number | null;
  premiTarifPersen: string | null;
  porsiJaminanPersen: string | null;
}

export function insertScheme(db: Database, f: SchemeFields): number {
  return Number(
    db
      .prepare(
        `INSERT INTO skema (kode, nama, berlaku_dari, berlaku_sampai, bunga_bank_persen, bunga_debitur_persen,
           metode_bunga, plafon_maks, tenor_maks, penjamin_id, premi_tarif_persen, porsi_jaminan_persen)
         VALUES (@kode, @nama, @berlakuDari, @berlakuSampai, @bungaBankPersen, @bungaDebiturPersen,
           @metodeBunga, @plafonMaks, @tenorMaks, @penjaminId, @premiTarifPersen, @porsiJaminanPersen)`,
      )
      .run(f).lastInsertRowid,
  );
}

export function countSchemes(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM skema').get() as { n: number }).n;
}
