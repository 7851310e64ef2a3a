/** Monitoring and evaluation: business profiles, visits, visit plans and the evaluation's rows (docs/monitoring.md). */
import type { Database } from 'better-sqlite3';
import { optionalFilters } from './sql';
import type {
  BusinessProfile,
  EvaluationParams,
  EvaluationRow,
  Page,
  PlanRow,
  PlanSummary,
  StatusUsahaAkad,
  StatusUsahaKunjungan,
  Visit,
  VisitListRow,
} from '../../electron/contract';

// ---------------------------------------------------------------------------------------------
// Business profile at akad
// ---------------------------------------------------------------------------------------------

interface ProfileRow {
  pinjaman_id: number;
  omzet_bulanan: number;
  pekerja_dibayar: number;
  pekerja_keluarga: number;
  aset: number;
  status_usaha: StatusUsahaAkad;
  diubah: string;
}

const toProfile = (r: ProfileRow): BusinessProfile => ({
  pinjamanId: r.pinjaman_id,
  omzetBulanan: r.omzet_bulanan,
  pekerjaDibayar: r.pekerja_dibayar,
  pekerjaKeluarga: r.pekerja_keluarga,
  aset: r.aset,
  statusUsaha: r.status_usaha,
  diubah: r.diubah,
});

export type ProfileFields = Omit<BusinessProfile, 'pinjamanId' | 'diubah'>;

export function getProfile(db: Database, pinjamanId: number): BusinessProfile | null {
  const row = db.prepare<[number], ProfileRow>('SELECT * FROM profil_usaha WHERE pinjaman_id = ?').get(pinjamanId);
  return row ? toProfile(row) : null;
}

export function upsertProfile(db: Database, pinjamanId: number, f: ProfileFields): void {
  db.prepare(
    `INSERT INTO profil_usaha (pinjaman_id, omzet_bulanan, pekerja_dibayar, pekerja_keluarga, aset, status_usaha)
     VALUES (@pinjamanId, @omzetBulanan, @pekerjaDibayar, @pekerjaKeluarga, @aset, @statusUsaha)
     ON CONFLICT (pinjaman_id) DO UPDATE SET omzet_bulanan = excluded.omzet_bulanan, pekerja_dibayar = excluded.pekerja_dibayar,
       pekerja_keluarga = excluded.pekerja_keluarga, aset = excluded.aset, status_usaha = excluded.status_usaha,
       diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  ).run({ pinjamanId, ...f });
}

// ---------------------------------------------------------------------------------------------
// Visits
// ---------------------------------------------------------------------------------------------

interface VisitRow {
  id: number;
  pinjaman_id: number;
  rencana_id: number | null;
  tanggal: string;
  petugas: string;
  omzet_bulanan: number;
  pekerja_dibayar: number;
  pekerja_keluarga: number;
  status_usaha: StatusUsahaKunjungan;
  dana_sesuai: number;
  penggunaan_dana: string | null;
  masalah: string | null;
  tindak_lanjut: string | null;
  tindak_lanjut_batas: string | null;
  tindak_lanjut_selesai: string | null;
  pengguna: string;
  jumlah_lampiran: number;
}

/**
 * The attachments (photos) of a visit that are not removed, as a column of the visit's row: the
 * loan's visit list and the evaluation's rows show how many and open them.
 */
const VISIT_ATTACHMENTS = (visit: string) => `(SELECT count(*) FROM lampiran la WHERE la.pemilik_jenis = 'kunjungan' AND la.pemilik_id = ${visit}.id AND la.dihapus_pada IS NULL)`;
const VISIT_SELECT = `SELECT k.*, ${VISIT_ATTACHMENTS('k')} AS jumlah_lampiran FROM kunjungan_monev k`;

interface VisitListDbRow extends VisitRow {
  nomor_rekening: string;
  debitur_nama: string;
  nama_usaha: string | null;
  bank_id: number;
  bank_nama: string;
  kecamatan_nama: string | null;
}

/** A follow-up is overdue when its due date is before today and it is not done. */
const overdue = (r: VisitRow, today: string) => r.tindak_lanjut_batas !== null && r.tindak_lanjut_selesai === null && r.tindak_lanjut_batas < today;

const toVisit = (r: VisitRow, today: string): Visit => ({
  id: r.id,
  pinjamanId: r.pinjaman_id,
  rencanaId: r.rencana_id,
  tanggal: r.tanggal,
  petugas: r.petugas,
  omzetBulanan: r.omzet_bulanan,
  pekerjaDibayar: r.pekerja_dibayar,
  pekerjaKeluarga: r.pekerja_keluarga,
  statusUsaha: r.status_usaha,
  danaSesuai: r.dana_sesuai === 1,
  penggunaanDana: r.penggunaan_dana,
  masalah: r.masalah,
  tindakLanjut: r.tindak_lanjut,
  tindakLanjutBatas: r.tindak_lanjut_batas,
  tindakLanjutSelesai: r.tindak_lanjut_selesai,
  pengguna: r.pengguna,
  terlambat: overdue(r, today),
  jumlahLampiran: r.jumlah_lampiran,
});

const toListRow = (r: VisitListDbRow, today: string): VisitListRow => ({
  ...toVisit(r, today),
  nomorRekening: r.nomor_rekening,
  debiturNama: r.debitur_nama,
  namaUsaha: r.nama_usaha,
  bankId: r.bank_id,
  bankNama: r.bank_nama,
  kecamatanNama: r.kecamatan_nama,
});

export type VisitFields = Omit<Visit, 'id' | 'pengguna' | 'terlambat' | 'jumlahLampiran'>;

const visitParams = (f: VisitFields) => ({
  pinjamanId: f.pinjamanId,
  rencanaId: f.rencanaId,
  tanggal: f.tanggal,
  petugas: f.petugas,
  omzetBulanan: f.omzetBulanan,
  pekerjaDibayar: f.pekerjaDibayar,
  pekerjaKeluarga: f.pekerjaKeluarga,
  statusUsaha: f.statusUsaha,
  danaSesuai: f.danaSesuai ? 1 : 0,
  penggunaanDana: f.penggunaanDana,
  masalah: f.masalah,
  tindakLanjut: f.tindakLanjut,
  tindakLanjutBatas: f.tindakLanjutBatas,
  tindakLanjutSelesai: f.tindakLanjutSelesai,
});

export function insertVisit(db: Database, f: VisitFields, pengguna: string, penggunaId: number | null): number {
  return Number(
    db
      .prepare(
        `INSERT INTO kunjungan_monev (pinjaman_id, rencana_id, tanggal, petugas, omzet_bulanan, pekerja_dibayar, pekerja_keluarga, status_usaha,
           dana_sesuai, penggunaan_dana, masalah, tindak_lanjut, tindak_lanjut_batas, tindak_lanjut_selesai, pengguna, pengguna_id)
         VALUES (@pinjamanId, @rencanaId, @tanggal, @petugas, @omzetBulanan, @pekerjaDibayar, @pekerjaKeluarga, @statusUsaha,
           @danaSesuai, @penggunaanDana, @masalah, @tindakLanjut, @tindakLanjutBatas, @tindakLanjutSelesai, @pengguna, @penggunaId)`,
      )
      .run({ ...visitParams(f), pengguna, penggunaId }).lastInsertRowid,
  );
}

export function updateVisit(db: Database, id: number, f: VisitFields): void {
  db.prepare(
    `UPDATE kunjungan_monev SET rencana_id = @rencanaId, tanggal = @tanggal, petugas = @petugas, omzet_bulanan = @omzetBulanan,
       pekerja_dibayar = @pekerjaDibayar, pekerja_keluarga = @pekerjaKeluarga, status_usaha = @statusUsaha, dana_sesuai = @danaSesuai,
       penggunaan_dana = @penggunaanDana, masalah = @masalah, tindak_lanjut = @tindakLanjut, tindak_lanjut_batas = @tindakLanjutBatas,
       tindak_lanjut_selesai = @tindakLanjutSelesai
     WHERE id = @id`,
  ).run({ ...visitParams(f), id });
}

export function setFollowUpDone(db: Database, id: number, tanggal: string): void {
  db.prepare('UPDATE kunjungan_monev SET tindak_lanjut_selesai = ? WHERE id = ?').run(tanggal, id);
}

export function getVisit(db: Database, id: number, today: string): Visit | null {
  const row = db.prepare<[number], VisitRow>(`${VISIT_SELECT} WHERE k.id = ?`).get(id);
  return row ? toVisit(row, today) : null;
}

/** The bank of a visit's loan (for a liaison officer's scope). */
export function bankOfVisit(db: Database, id: number): number | null {
  return db.prepare<[number], { bank_id: number }>('SELECT l.bank_id FROM kunjungan_monev k JOIN pinjaman l ON l.id = k.pinjaman_id WHERE k.id = ?').get(id)?.bank_id ?? null;
}

export function visitsOfLoan(db: Database, pinjamanId: number, today: string): Visit[] {
  return db
    .prepare<[number], VisitRow>(`${VISIT_SELECT} WHERE k.pinjaman_id = ? ORDER BY k.tanggal DESC, k.id DESC`)
    .all(pinjamanId)
    .map((r) => toVisit(r, today));
}

export interface VisitQuery {
  search?: string | undefined;
  bankId?: number | undefined;
  kecamatanId?: number | undefined;
  pinjamanId?: number | undefined;
  statusUsaha?: StatusUsahaKunjungan | undefined;
  dari?: string | undefined;
  sampai?: string | undefined;
  tindakLanjut?: 'terlambat' | 'terbuka' | 'selesai' | 'tanpa' | undefined;
  page: number;
  pageSize: number;
}

const VISIT_LIST_FROM = `
  FROM kunjungan_monev k
  JOIN pinjaman l ON l.id = k.pinjaman_id
  JOIN debitur d ON d.id = l.debitur_id
  JOIN bank b ON b.id = l.bank_id
  LEFT JOIN kecamatan kc ON kc.id = d.kecamatan_id`;
const VISIT_LIST_SELECT = `SELECT k.*, ${VISIT_ATTACHMENTS('k')} AS jumlah_lampiran, l.nomor_rekening, d.nama AS debitur_nama, d.nama_usaha, l.bank_id, b.nama AS bank_nama, kc.nama AS kecamatan_nama`;

export function listVisits(db: Database, q: VisitQuery, today: string): Page<VisitListRow> {
  const where: string[] = [];
  const params: Record<string, unknown> = { today };
  const eq = (value: unknown, column: string, name: string) => {
    if (value === undefined) return;
    where.push(`${column} = @${name}`);
    params[name] = value;
  };
  eq(q.bankId, 'l.bank_id', 'bankId');
  eq(q.kecamatanId, 'd.kecamatan_id', 'kecamatanId');
  eq(q.pinjamanId, 'k.pinjaman_id', 'pinjamanId');
  eq(q.statusUsaha, 'k.status_usaha', 'statusUsaha');
  if (q.dari) {
    where.push('k.tanggal >= @dari');
    params.dari = q.dari;
  }
  if (q.sampai) {
    where.push('k.tanggal <= @sampai');
    params.sampai = q.sampai;
  }
  if (q.tindakLanjut === 'terlambat') where.push('k.tindak_lanjut_selesai IS NULL AND k.tindak_lanjut_batas < @today');
  if (q.tindakLanjut === 'terbuka') where.push('k.tindak_lanjut IS NOT NULL AND k.tindak_lanjut_selesai IS NULL');
  if (q.tindakLanjut === 'selesai') where.push('k.tindak_lanjut_selesai IS NOT NULL');
  if (q.tindakLanjut === 'tanpa') where.push('k.tindak_lanjut IS NULL');
  const search = q.search?.trim();
  if (search) {
    where.push(`(l.nomor_rekening LIKE @like ESCAPE '\\' OR d.nama LIKE @like ESCAPE '\\' OR d.nama_usaha LIKE @like ESCAPE '\\' OR k.petugas LIKE @like ESCAPE '\\')`);
    params.like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare<Record<string, unknown>, { n: number }>(`SELECT count(*) AS n ${VISIT_LIST_FROM} ${whereSql}`).get(params)!.n;
  const rows = db
    .prepare<Record<string, unknown>, VisitListDbRow>(`${VISIT_LIST_SELECT} ${VISIT_LIST_FROM} ${whereSql} ORDER BY k.tanggal DESC, k.id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { rows: rows.map((r) => toListRow(r, today)), total, page: q.page, pageSize: q.pageSize };
}

/** Follow-ups due before today and not done (a bank's own when `bankId` is given): the count and the oldest `limit`. */
export function overdueVisits(db: Database, today: string, bankId: number | null, limit: number): { jumlah: number; kunjungan: VisitListRow[] } {
  const where = `WHERE k.tindak_lanjut_selesai IS NULL AND k.tindak_lanjut_batas < @today ${bankId === null ? '' : 'AND l.bank_id = @bankId'}`;
  const params = { today, bankId, limit };
  const jumlah = db.prepare<typeof params, { n: number }>(`SELECT count(*) AS n ${VISIT_LIST_FROM} ${where}`).get(params)!.n;
  const rows = db.prepare<typeof params, VisitListDbRow>(`${VISIT_LIST_SELECT} ${VISIT_LIST_FROM} ${where} ORDER BY k.tindak_lanjut_batas, k.id LIMIT @limit`).all(params);
  return { jumlah, kunjungan: rows.map((r) => toListRow(r, today)) };
}

// ---------------------------------------------------------------------------------------------
// Visit plans
// ---------------------------------------------------------------------------------------------

/**
 * The plan's population: loans running on the period's last day — disbursed by then, state aktif
 * or macet (still owed, still worth a visit). Stratum = bank and the debtor's kecamatan.
 */
export function planPopulation(db: Database, lastDay: string): { id: number; bankId: number; kecamatanId: number | null }[] {
  return db
    .prepare<[string], { id: number; bankId: number; kecamatanId: number | null }>(
      `SELECT l.id, l.bank_id AS bankId, d.kecamatan_id AS kecamatanId
       FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id
       WHERE l.status IN ('aktif', 'macet') AND l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan <= ?
       ORDER BY l.id`,
    )
    .all(lastDay);
}

export function insertPlan(
  db: Database,
  p: { periode: string; ukuran: number; seed: number; populasi: number; pengguna: string },
  rows: { pinjamanId: number; strata: string }[],
): number {
  const id = Number(
    db.prepare('INSERT INTO rencana_monev (periode, ukuran, seed, populasi, pengguna) VALUES (@periode, @ukuran, @seed, @populasi, @pengguna)').run(p).lastInsertRowid,
  );
  const insert = db.prepare('INSERT INTO rencana_monev_pinjaman (rencana_id, urutan, pinjaman_id, strata) VALUES (?, ?, ?, ?)');
  rows.forEach((r, i) => insert.run(id, i + 1, r.pinjamanId, r.strata));
  return id;
}

const PLAN_SUMMARY = `SELECT r.id, r.periode, r.ukuran, r.seed, r.populasi, r.pengguna, r.dibuat,
    (SELECT count(*) FROM rencana_monev_pinjaman WHERE rencana_id = r.id) AS jumlah FROM rencana_monev r`;

export function listPlans(db: Database): PlanSummary[] {
  return db.prepare<[], PlanSummary>(`${PLAN_SUMMARY} ORDER BY r.periode DESC, r.id DESC`).all();
}

export function getPlanSummary(db: Database, id: number): PlanSummary | null {
  return db.prepare<[number], PlanSummary>(`${PLAN_SUMMARY} WHERE r.id = ?`).get(id) ?? null;
}

interface PlanDbRow {
  urutan: number;
  pinjaman_id: number;
  strata: string;
  nomor_rekening: string;
  debitur_nama: string;
  nama_usaha: string | null;
  alamat: string | null;
  desa: string | null;
  telepon: string | null;
  kecamatan_nama: string | null;
  bank_nama: string;
  dikunjungi: number;
}

/** A plan's loans in drawing order, with the addresses the field officers need and whether each was visited in the period. */
export function planRows(db: Database, id: number, periode: string): PlanRow[] {
  return db
    .prepare<[string, number], PlanDbRow>(
      `SELECT rp.urutan, rp.pinjaman_id, rp.strata, l.nomor_rekening, d.nama AS debitur_nama, d.nama_usaha, d.alamat, d.desa, d.telepon,
              kc.nama AS kecamatan_nama, b.nama AS bank_nama,
              EXISTS (SELECT 1 FROM kunjungan_monev k WHERE k.pinjaman_id = rp.pinjaman_id AND substr(k.tanggal, 1, 7) = ?) AS dikunjungi
       FROM rencana_monev_pinjaman rp
       JOIN pinjaman l ON l.id = rp.pinjaman_id
       JOIN debitur d ON d.id = l.debitur_id
       JOIN bank b ON b.id = l.bank_id
       LEFT JOIN kecamatan kc ON kc.id = d.kecamatan_id
       WHERE rp.rencana_id = ?
       ORDER BY rp.urutan`,
    )
    .all(periode, id)
    .map((r) => ({
      urutan: r.urutan,
      pinjamanId: r.pinjaman_id,
      strata: r.strata,
      nomorRekening: r.nomor_rekening,
      debiturNama: r.debitur_nama,
      namaUsaha: r.nama_usaha,
      alamat: r.alamat,
      desa: r.desa,
      telepon: r.telepon,
      kecamatanNama: r.kecamatan_nama,
      bankNama: r.bank_nama,
      dikunjungi: r.dikunjungi === 1,
    }));
}

/** Names of the banks and kecamatan, for the plan's strata labels. */
export function strataNames(db: Database): { banks: Map<number, string>; kecamatan: Map<number, string> } {
  const banks = new Map(
    db
      .prepare<[], { id: number; nama: string }>('SELECT id, nama FROM bank')
      .all()
      .map((r) => [r.id, r.nama]),
  );
  const kecamatan = new Map(
    db
      .prepare<[], { id: number; nama: string }>('SELECT id, nama FROM kecamatan')
      .all()
      .map((r) => [r.id, r.nama]),
  );
  return { banks, kecamatan };
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

interface EvaluationDbRow {
  pinjaman_id: number;
  nomor_rekening: string;
  debitur_nama: string;
  nama_usaha: string | null;
  bank_nama: string;
  skema_kode: string;
  kecamatan_nama: string | null;
  sektor_nama: string | null;
  tanggal_pencairan: string;
  status: string;
  profil_status: StatusUsahaAkad | null;
  omzet_akad: number | null;
  tk_akad: number | null;
  kunjungan_tanggal: string | null;
  kunjungan_status: StatusUsahaKunjungan | null;
  omzet_kunjungan: number | null;
  tk_kunjungan: number | null;
  kunjungan_id: number | null;
  kunjungan_lampiran: number | null;
  periode_posisi: string | null;
  kol: number | null;
  outstanding: number | null;
  subsidi: number;
  premi: number;
}

/**
 * The cohort of the evaluation: loans disbursed in the year (with the filters), each with its
 * profile at akad, its latest visit, its latest bank position, the subsidy paid on it (the agreed
 * amounts of its paid claim lines, gross of later corrections) and its premium when paid.
 */
export function evaluationRows(db: Database, p: EvaluationParams): EvaluationRow[] {
  const { where, params } = optionalFilters(
    [
      ['l.skema_id = @skemaId', 'skemaId', p.skemaId],
      ['l.bank_id = @bankId', 'bankId', p.bankId],
      ['d.kecamatan_id = @kecamatanId', 'kecamatanId', p.kecamatanId],
      ['d.sektor_id = @sektorId', 'sektorId', p.sektorId],
    ],
    { where: ['l.tanggal_pencairan BETWEEN @dari AND @sampai', "l.status <> 'ditolak'"], params: { dari: `${p.tahun}-01-01`, sampai: `${p.tahun}-12-31` } },
  );
  return db
    .prepare<Record<string, unknown>, EvaluationDbRow>(
      `SELECT l.id AS pinjaman_id, l.nomor_rekening, d.nama AS debitur_nama, d.nama_usaha, b.nama AS bank_nama, s.kode AS skema_kode,
              kc.nama AS kecamatan_nama, se.nama AS sektor_nama, l.tanggal_pencairan, l.status,
              pu.status_usaha AS profil_status, pu.omzet_bulanan AS omzet_akad, pu.pekerja_dibayar + pu.pekerja_keluarga AS tk_akad,
              k.tanggal AS kunjungan_tanggal, k.status_usaha AS kunjungan_status, k.omzet_bulanan AS omzet_kunjungan,
              k.pekerja_dibayar + k.pekerja_keluarga AS tk_kunjungan,
              k.id AS kunjungan_id, CASE WHEN k.id IS NULL THEN NULL ELSE ${VISIT_ATTACHMENTS('k')} END AS kunjungan_lampiran,
              pb.periode AS periode_posisi, pb.kol, pb.outstanding,
              coalesce((SELECT sum(coalesce(tb.disetujui, tb.diklaim)) FROM periode_dibayar pd JOIN tagihan_baris tb ON tb.id = pd.tagihan_baris_id
                        WHERE pd.pinjaman_id = l.id), 0) AS subsidi,
              coalesce((SELECT jumlah FROM premi WHERE pinjaman_id = l.id AND status = 'dibayar'), 0) AS premi
       FROM pinjaman l
       JOIN debitur d ON d.id = l.debitur_id
       JOIN bank b ON b.id = l.bank_id
       JOIN skema s ON s.id = l.skema_id
       LEFT JOIN kecamatan kc ON kc.id = d.kecamatan_id
       LEFT JOIN sektor se ON se.id = d.sektor_id
       LEFT JOIN profil_usaha pu ON pu.pinjaman_id = l.id
       LEFT JOIN kunjungan_monev k ON k.id = (SELECT id FROM kunjungan_monev WHERE pinjaman_id = l.id ORDER BY tanggal DESC, id DESC LIMIT 1)
       LEFT JOIN posisi_bank pb ON pb.pinjaman_id = l.id AND pb.periode = (SELECT max(periode) FROM posisi_bank WHERE pinjaman_id = l.id)
       WHERE ${where.join(' AND ')}
       ORDER BY l.tanggal_pencairan, l.id`,
    )
    .all(params)
    .map((r) => ({
      pinjamanId: r.pinjaman_id,
      nomorRekening: r.nomor_rekening,
      debiturNama: r.debitur_nama,
      namaUsaha: r.nama_usaha,
      bankNama: r.bank_nama,
      skemaKode: r.skema_kode,
      kecamatanNama: r.kecamatan_nama,
      sektorNama: r.sektor_nama,
      tanggalPencairan: r.tanggal_pencairan,
      status: r.status,
      profilStatus: r.profil_status,
      omzetAkad: r.omzet_akad,
      tenagaKerjaAkad: r.tk_akad,
      kunjunganTanggal: r.kunjungan_tanggal,
      kunjunganStatus: r.kunjungan_status,
      omzetKunjungan: r.omzet_kunjungan,
      tenagaKerjaKunjungan: r.tk_kunjungan,
      kunjunganId: r.kunjungan_id,
      kunjunganLampiran: r.kunjungan_lampiran ?? 0,
      periodePosisi: r.periode_posisi,
      kol: r.kol,
      outstanding: r.outstanding,
      subsidi: r.subsidi,
      premi: r.premi,
    }));
}

/** A name for the evaluation's filter heading. */
export function nameOf(db: Database, table: 'bank' | 'kecamatan' | 'skema' | 'sektor', id: number): string | null {
  const col = table === 'skema' ? "kode || ' — ' || nama" : 'nama';
  return db.prepare<[number], { n: string }>(`SELECT ${col} AS n FROM ${table} WHERE id = ?`).get(id)?.n ?? null;
}

/** Disbursed loans, for the demo set's profiles and visits. */
export function disbursedLoans(db: Database): { id: number; tanggalAkad: string; tanggalPencairan: string; status: string; plafon: number; tanggalLunas: string | null }[] {
  return db
    .prepare<[], { id: number; tanggalAkad: string; tanggalPencairan: string; status: string; plafon: number; tanggalLunas: string | null }>(
      `SELECT id, tanggal_akad AS tanggalAkad, tanggal_pencairan AS tanggalPencairan, status, plafon, tanggal_lunas AS tanggalLunas
       FROM pinjaman WHERE tanggal_pencairan IS NOT NULL ORDER BY id`,
    )
    .all();
}
