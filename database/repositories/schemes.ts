import type { Database } from 'better-sqlite3';
import type { PremiumBand, Scheme } from '../../electron/contract';

interface SchemeRow {
  id: number;
  kode: string;
  nama: string;
  berlaku_dari: string;
  berlaku_sampai: string | null;
  bunga_bank_persen: string;
  bunga_debitur_persen: string;
  jenis_subsidi: Scheme['jenisSubsidi'];
  porsi_subsidi_persen: string | null;
  metode_bunga: Scheme['metodeBunga'];
  basis_subsidi: Scheme['basisSubsidi'];
  konvensi_hari: Scheme['konvensiHari'];
  pembulatan: Scheme['pembulatan'];
  kol_maks: number;
  wajib_angsuran: number;
  hanya_tahun_anggaran: number;
  plafon_maks: number | null;
  tenor_maks: number | null;
  tolak_pembiayaan_ganda: number;
  tolak_tanpa_sk: number;
  penjamin_id: number | null;
  penjamin_nama: string | null;
  premi_basis: Scheme['premiBasis'];
  premi_tarif_persen: string | null;
  porsi_jaminan_persen: string | null;
  toleransi_rekonsiliasi: number;
  maks_pinjaman_per_orang: number;
  aktif: number;
}

/** Every scheme field a caller writes (the rest is derived or kept by the database). */
export type SchemeFields = Omit<Scheme, 'id' | 'aktif' | 'penjaminNama'>;

const SELECT = `SELECT s.*, p.nama AS penjamin_nama FROM skema s LEFT JOIN penjamin p ON p.id = s.penjamin_id`;

function toScheme(db: Database, r: SchemeRow): Scheme {
  const premiTabel = db
    .prepare('SELECT tenor_min AS tenorMin, tenor_maks AS tenorMaks, tarif_persen AS tarifPersen FROM skema_premi_tenor WHERE skema_id = ? ORDER BY tenor_min')
    .all(r.id) as PremiumBand[];
  const paguIds = (db.prepare('SELECT pagu_id FROM skema_pagu WHERE skema_id = ? ORDER BY pagu_id').all(r.id) as { pagu_id: number }[]).map((p) => p.pagu_id);
  return {
    id: r.id,
    kode: r.kode,
    nama: r.nama,
    berlakuDari: r.berlaku_dari,
    berlakuSampai: r.berlaku_sampai,
    bungaBankPersen: r.bunga_bank_persen,
    bungaDebiturPersen: r.bunga_debitur_persen,
    jenisSubsidi: r.jenis_subsidi,
    porsiSubsidiPersen: r.porsi_subsidi_persen,
    metodeBunga: r.metode_bunga,
    basisSubsidi: r.basis_subsidi,
    konvensiHari: r.konvensi_hari,
    pembulatan: r.pembulatan,
    kolMaks: r.kol_maks,
    wajibAngsuran: r.wajib_angsuran === 1,
    hanyaTahunAnggaran: r.hanya_tahun_anggaran === 1,
    plafonMaks: r.plafon_maks,
    tenorMaks: r.tenor_maks,
    tolakPembiayaanGanda: r.tolak_pembiayaan_ganda === 1,
    tolakTanpaSk: r.tolak_tanpa_sk === 1,
    penjaminId: r.penjamin_id,
    penjaminNama: r.penjamin_nama,
    premiBasis: r.premi_basis,
    premiTarifPersen: r.premi_tarif_persen,
    premiTabel,
    porsiJaminanPersen: r.porsi_jaminan_persen,
    toleransiRekonsiliasi: r.toleransi_rekonsiliasi,
    maksPinjamanPerOrang: r.maks_pinjaman_per_orang,
    paguIds,
    aktif: r.aktif === 1,
  };
}

export function listSchemes(db: Database, includeInactive = false): Scheme[] {
  const rows = db.prepare(`${SELECT} WHERE (? = 1 OR s.aktif = 1) ORDER BY s.aktif DESC, s.berlaku_dari DESC, s.kode`).all(includeInactive ? 1 : 0) as SchemeRow[];
  return rows.map((r) => toScheme(db, r));
}

export function getScheme(db: Database, id: number): Scheme | null {
  const row = db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as SchemeRow | undefined;
  return row ? toScheme(db, row) : null;
}

export function findSchemeByKode(db: Database, kode: string): { id: number; nama: string } | null {
  return (db.prepare('SELECT id, nama FROM skema WHERE kode = ? COLLATE NOCASE').get(kode) as { id: number; nama: string } | undefined) ?? null;
}

const params = (f: SchemeFields) => ({
  kode: f.kode,
  nama: f.nama,
  berlaku_dari: f.berlakuDari,
  berlaku_sampai: f.berlakuSampai,
  bunga_bank_persen: f.bungaBankPersen,
  bunga_debitur_persen: f.bungaDebiturPersen,
  jenis_subsidi: f.jenisSubsidi,
  porsi_subsidi_persen: f.porsiSubsidiPersen,
  metode_bunga: f.metodeBunga,
  basis_subsidi: f.basisSubsidi,
  konvensi_hari: f.konvensiHari,
  pembulatan: f.pembulatan,
  kol_maks: f.kolMaks,
  wajib_angsuran: f.wajibAngsuran ? 1 : 0,
  hanya_tahun_anggaran: f.hanyaTahunAnggaran ? 1 : 0,
  plafon_maks: f.plafonMaks,
  tenor_maks: f.tenorMaks,
  tolak_pembiayaan_ganda: f.tolakPembiayaanGanda ? 1 : 0,
  tolak_tanpa_sk: f.tolakTanpaSk ? 1 : 0,
  penjamin_id: f.penjaminId,
  premi_basis: f.premiBasis,
  premi_tarif_persen: f.premiTarifPersen,
  porsi_jaminan_persen: f.porsiJaminanPersen,
  toleransi_rekonsiliasi: f.toleransiRekonsiliasi,
  maks_pinjaman_per_orang: f.maksPinjamanPerOrang,
});

const COLUMNS = Object.keys(params({} as SchemeFields));

function writeChildren(db: Database, id: number, f: SchemeFields): void {
  db.prepare('DELETE FROM skema_premi_tenor WHERE skema_id = ?').run(id);
  const band = db.prepare('INSERT INTO skema_premi_tenor (skema_id, tenor_min, tenor_maks, tarif_persen) VALUES (?, ?, ?, ?)');
  for (const b of f.premiTabel) band.run(id, b.tenorMin, b.tenorMaks, b.tarifPersen);
  db.prepare('DELETE FROM skema_pagu WHERE skema_id = ?').run(id);
  const pagu = db.prepare('INSERT INTO skema_pagu (skema_id, pagu_id) VALUES (?, ?)');
  for (const p of new Set(f.paguIds)) pagu.run(id, p);
}

export function insertScheme(db: Database, f: SchemeFields): number {
  const id = Number(db.prepare(`INSERT INTO skema (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`).run(params(f)).lastInsertRowid);
  writeChildren(db, id, f);
  return id;
}

export function updateScheme(db: Database, id: number, f: SchemeFields): void {
  db.prepare(`UPDATE skema SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...params(f), id });
  writeChildren(db, id, f);
}

export function setSchemeActive(db: Database, id: number, aktif: boolean): void {
  db.prepare('UPDATE skema SET aktif = ? WHERE id = ?').run(aktif ? 1 : 0, id);
}

export function countSchemes(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM skema').get() as { n: number }).n;
}

/** Loans under a scheme: its rules may not be changed under them once money has moved. */
export function countLoansOfScheme(db: Database, id: number): number {
  return (db.prepare("SELECT count(*) AS n FROM pinjaman WHERE skema_id = ? AND status NOT IN ('diajukan', 'ditolak')").get(id) as { n: number }).n;
}
