import type { Database } from 'better-sqlite3';
import { containsPattern, prefixGlob } from './sql';
import type { BankPosition, InsuranceClaim, Loan, Page, Restructuring, StatusPinjaman } from '../../electron/contract';

interface LoanRow {
  id: number;
  debitur_id: number;
  debitur_nama: string;
  debitur_nik: string;
  bank_id: number;
  bank_nama: string;
  cabang_id: number | null;
  cabang_nama: string | null;
  skema_id: number;
  skema_kode: string;
  metode_bunga: Loan['metodeBunga'];
  nomor_rekening: string;
  nomor_akad: string;
  tanggal_akad: string;
  tanggal_pencairan: string | null;
  plafon: number;
  tenor_bulan: number;
  bunga_bank_persen: string;
  bunga_debitur_persen: string;
  alasan_ubah_bunga: string | null;
  tanggal_angsuran_pertama: string | null;
  status: StatusPinjaman;
  tanggal_lunas: string | null;
}

export type LoanFields = Pick<
  Loan,
  | 'debiturId' | 'bankId' | 'cabangId' | 'skemaId' | 'nomorRekening' | 'nomorAkad' | 'tanggalAkad' | 'tanggalPencairan'
  | 'plafon' | 'tenorBulan' | 'bungaBankPersen' | 'bungaDebiturPersen' | 'alasanUbahBunga' | 'tanggalAngsuranPertama'
>;

const SELECT = `
  SELECT l.*, d.nama AS debitur_nama, d.nik AS debitur_nik, b.nama AS bank_nama, c.nama AS cabang_nama,
         s.kode AS skema_kode, s.metode_bunga AS metode_bunga
  FROM pinjaman l
  JOIN debitur d ON d.id = l.debitur_id
  JOIN bank b ON b.id = l.bank_id
  LEFT JOIN bank_cabang c ON c.id = l.cabang_id
  JOIN skema s ON s.id = l.skema_id`;

const toLoan = (r: LoanRow): Loan => ({
  id: r.id,
  debiturId: r.debitur_id,
  debiturNama: r.debitur_nama,
  debiturNik: r.debitur_nik,
  bankId: r.bank_id,
  bankNama: r.bank_nama,
  cabangId: r.cabang_id,
  cabangNama: r.cabang_nama,
  skemaId: r.skema_id,
  skemaKode: r.skema_kode,
  nomorRekening: r.nomor_rekening,
  nomorAkad: r.nomor_akad,
  tanggalAkad: r.tanggal_akad,
  tanggalPencairan: r.tanggal_pencairan,
  plafon: r.plafon,
  tenorBulan: r.tenor_bulan,
  bungaBankPersen: r.bunga_bank_persen,
  bungaDebiturPersen: r.bunga_debitur_persen,
  alasanUbahBunga: r.alasan_ubah_bunga,
  metodeBunga: r.metode_bunga,
  tanggalAngsuranPertama: r.tanggal_angsuran_pertama,
  status: r.status,
  tanggalLunas: r.tanggal_lunas,
});

export interface LoanQuery {
  search?: string | undefined;
  bankId?: number | undefined;
  skemaId?: number | undefined;
  debiturId?: number | undefined;
  status?: StatusPinjaman | undefined;
  page: number;
  pageSize: number;
}

export function listLoans(db: Database, q: LoanQuery): Page<Loan> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  for (const [key, column] of [['bankId', 'l.bank_id'], ['skemaId', 'l.skema_id'], ['debiturId', 'l.debitur_id'], ['status', 'l.status']] as const) {
    if (q[key] !== undefined) {
      where.push(`${column} = @${key}`);
      params[key] = q[key];
    }
  }
  const search = q.search?.trim();
  if (search) {
    where.push(`(l.nomor_rekening GLOB @prefix OR d.nik GLOB @prefix OR l.nomor_akad LIKE @like ESCAPE '\\' OR d.nama LIKE @like ESCAPE '\\')`);
    params.prefix = prefixGlob(search);
    params.like = containsPattern(search);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id ${whereSql}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`${SELECT} ${whereSql} ORDER BY l.tanggal_akad DESC, l.id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as LoanRow[];
  return { rows: rows.map(toLoan), total, page: q.page, pageSize: q.pageSize };
}

export function getLoan(db: Database, id: number): Loan | null {
  const row = db.prepare(`${SELECT} WHERE l.id = ?`).get(id) as LoanRow | undefined;
  return row ? toLoan(row) : null;
}

/** Loans of a bank that may earn subsidy in a window (disbursed before its end, not closed before its start). */
export function loansOfBankForPeriod(db: Database, bankId: number, firstDay: string, lastDay: string): Loan[] {
  const rows = db
    .prepare(
      `${SELECT} WHERE l.bank_id = ? AND l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan <= ?
         AND l.status IN ('aktif', 'lunas', 'macet', 'klaim', 'hapus_buku')
         AND (l.tanggal_lunas IS NULL OR l.tanggal_lunas >= ?)
       ORDER BY l.nomor_rekening`,
    )
    .all(bankId, lastDay, firstDay) as LoanRow[];
  return rows.map(toLoan);
}

export function findLoanByAccount(db: Database, bankId: number, nomorRekening: string): { id: number } | null {
  return (db.prepare('SELECT id FROM pinjaman WHERE bank_id = ? AND nomor_rekening = ?').get(bankId, nomorRekening) as { id: number } | undefined) ?? null;
}

export function findLoanByAkad(db: Database, bankId: number, nomorAkad: string): { id: number } | null {
  return (db.prepare('SELECT id FROM pinjaman WHERE bank_id = ? AND nomor_akad = ?').get(bankId, nomorAkad) as { id: number } | undefined) ?? null;
}

/** Other subsidised loans of the same debtor that are still running (for the double-financing check). */
export function otherActiveLoansOfDebtor(db: Database, debiturId: number, exceptId: number | undefined): Loan[] {
  const rows = db
    .prepare(`${SELECT} WHERE l.debitur_id = ? AND l.id <> ? AND l.status IN ('diajukan', 'disetujui', 'aktif', 'macet')`)
    .all(debiturId, exceptId ?? 0) as LoanRow[];
  return rows.map(toLoan);
}

const params = (f: LoanFields) => ({
  debitur_id: f.debiturId,
  bank_id: f.bankId,
  cabang_id: f.cabangId,
  skema_id: f.skemaId,
  nomor_rekening: f.nomorRekening,
  nomor_akad: f.nomorAkad,
  tanggal_akad: f.tanggalAkad,
  tanggal_pencairan: f.tanggalPencairan,
  plafon: f.plafon,
  tenor_bulan: f.tenorBulan,
  bunga_bank_persen: f.bungaBankPersen,
  bunga_debitur_persen: f.bungaDebiturPersen,
  alasan_ubah_bunga: f.alasanUbahBunga,
  tanggal_angsuran_pertama: f.tanggalAngsuranPertama,
});
const COLUMNS = Object.keys(params({} as LoanFields));

export function insertLoan(db: Database, f: LoanFields): number {
  return Number(db.prepare(`INSERT INTO pinjaman (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`).run(params(f)).lastInsertRowid);
}

export function updateLoan(db: Database, id: number, f: LoanFields): void {
  db.prepare(
    `UPDATE pinjaman SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')}, diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = @id`,
  ).run({ ...params(f), id });
}

export function setLoanStatus(db: Database, id: number, status: StatusPinjaman, extra: { tanggalPencairan?: string; tanggalLunas?: string | null } = {}): void {
  db.prepare(
    `UPDATE pinjaman SET status = @status,
       tanggal_pencairan = coalesce(@tanggalPencairan, tanggal_pencairan),
       tanggal_lunas = CASE WHEN @setLunas = 1 THEN @tanggalLunas ELSE tanggal_lunas END,
       diubah = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = @id`,
  ).run({
    id,
    status,
    tanggalPencairan: extra.tanggalPencairan ?? null,
    setLunas: extra.tanggalLunas !== undefined ? 1 : 0,
    tanggalLunas: extra.tanggalLunas ?? null,
  });
}

export function listRestructurings(db: Database, loanId: number): Restructuring[] {
  return db
    .prepare(
      `SELECT id, berlaku_mulai AS berlakuMulai, tenor_bulan AS tenorBulan, bunga_bank_persen AS bungaBankPersen,
              bunga_debitur_persen AS bungaDebiturPersen, alasan
       FROM restrukturisasi WHERE pinjaman_id = ? ORDER BY berlaku_mulai, id`,
    )
    .all(loanId) as Restructuring[];
}

export function insertRestructuring(db: Database, loanId: number, r: Omit<Restructuring, 'id'>): number {
  return Number(
    db
      .prepare(
        'INSERT INTO restrukturisasi (pinjaman_id, berlaku_mulai, tenor_bulan, bunga_bank_persen, bunga_debitur_persen, alasan) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(loanId, r.berlakuMulai, r.tenorBulan, r.bungaBankPersen, r.bungaDebiturPersen, r.alasan).lastInsertRowid,
  );
}

interface PositionRow {
  id: number;
  pinjaman_id: number;
  periode: string;
  outstanding: number;
  kol: number;
  hari_tunggakan: number;
  angsuran_dibayar: number;
  sumber: 'manual' | 'impor';
}

const toPosition = (r: PositionRow): BankPosition => ({
  id: r.id,
  pinjamanId: r.pinjaman_id,
  periode: r.periode,
  outstanding: r.outstanding,
  kol: r.kol,
  hariTunggakan: r.hari_tunggakan,
  angsuranDibayar: r.angsuran_dibayar === 1,
  sumber: r.sumber,
});

export function listPositions(db: Database, loanId: number): BankPosition[] {
  return (db.prepare('SELECT * FROM posisi_bank WHERE pinjaman_id = ? ORDER BY periode').all(loanId) as PositionRow[]).map(toPosition);
}

/** Positions of many loans for a window of months, keyed by loan id then period. */
export function positionsForPeriods(db: Database, loanIds: number[], fromPeriod: string, toPeriod: string): Map<number, Map<string, BankPosition>> {
  const out = new Map<number, Map<string, BankPosition>>();
  for (const id of loanIds) out.set(id, new Map());
  // Many loans: one pass over the window's rows (index on periode) instead of a query per loan.
  const rows =
    loanIds.length > BULK_THRESHOLD
      ? (db.prepare('SELECT * FROM posisi_bank WHERE periode BETWEEN ? AND ?').all(fromPeriod, toPeriod) as PositionRow[])
      : loanIds.flatMap((id) => db.prepare('SELECT * FROM posisi_bank WHERE pinjaman_id = ? AND periode BETWEEN ? AND ?').all(id, fromPeriod, toPeriod) as PositionRow[]);
  for (const r of rows) out.get(r.pinjaman_id)?.set(r.periode, toPosition(r));
  return out;
}

/** Above this many loans, the "of many loans" lookups read the table once instead of once per loan. */
const BULK_THRESHOLD = 200;

/** Restructurings of many loans, each list ordered as listRestructurings orders it. */
export function restructuringsOfLoans(db: Database, loanIds: number[]): Map<number, Restructuring[]> {
  const out = new Map<number, Restructuring[]>();
  if (loanIds.length <= BULK_THRESHOLD) {
    for (const id of loanIds) out.set(id, listRestructurings(db, id));
    return out;
  }
  const wanted = new Set(loanIds);
  const rows = db
    .prepare(
      `SELECT pinjaman_id AS pinjamanId, id, berlaku_mulai AS berlakuMulai, tenor_bulan AS tenorBulan, bunga_bank_persen AS bungaBankPersen,
              bunga_debitur_persen AS bungaDebiturPersen, alasan
       FROM restrukturisasi ORDER BY pinjaman_id, berlaku_mulai, id`,
    )
    .all() as (Restructuring & { pinjamanId: number })[];
  for (const { pinjamanId, ...r } of rows) {
    if (!wanted.has(pinjamanId)) continue;
    let list = out.get(pinjamanId);
    if (!list) out.set(pinjamanId, (list = []));
    list.push(r);
  }
  return out;
}

/** Insurance claim dates by loan (a loan has at most one claim). */
export function claimDatesOfLoans(db: Database, loanIds: number[]): Map<number, string> {
  const wanted = new Set(loanIds);
  const rows = db.prepare('SELECT pinjaman_id AS pinjamanId, tanggal FROM klaim_asuransi').all() as { pinjamanId: number; tanggal: string }[];
  return new Map(rows.filter((r) => wanted.has(r.pinjamanId)).map((r) => [r.pinjamanId, r.tanggal]));
}

/** Running subsidised loans ('aktif', 'macet') per debtor, for the double-financing warning. */
export function runningLoansPerDebtor(db: Database): Map<number, number> {
  const rows = db
    .prepare("SELECT debitur_id AS debiturId, count(*) AS n FROM pinjaman WHERE status IN ('aktif', 'macet') GROUP BY debitur_id")
    .all() as { debiturId: number; n: number }[];
  return new Map(rows.map((r) => [r.debiturId, r.n]));
}

export function upsertPosition(db: Database, p: Omit<BankPosition, 'id'> & { imporId?: number | null }): BankPosition {
  db.prepare(
    `INSERT INTO posisi_bank (pinjaman_id, periode, outstanding, kol, hari_tunggakan, angsuran_dibayar, sumber, impor_id)
     VALUES (@pinjamanId, @periode, @outstanding, @kol, @hariTunggakan, @angsuranDibayar, @sumber, @imporId)
     ON CONFLICT (pinjaman_id, periode) DO UPDATE SET outstanding = excluded.outstanding, kol = excluded.kol,
       hari_tunggakan = excluded.hari_tunggakan, angsuran_dibayar = excluded.angsuran_dibayar, sumber = excluded.sumber,
       impor_id = excluded.impor_id`,
  ).run({ ...p, angsuranDibayar: p.angsuranDibayar ? 1 : 0, imporId: p.imporId ?? null });
  const row = db.prepare('SELECT * FROM posisi_bank WHERE pinjaman_id = ? AND periode = ?').get(p.pinjamanId, p.periode) as PositionRow;
  return toPosition(row);
}

export function getInsuranceClaim(db: Database, loanId: number): InsuranceClaim | null {
  return (
    (db
      .prepare(
        `SELECT id, pinjaman_id AS pinjamanId, tanggal, outstanding, porsi_persen AS porsiPersen, jumlah, status
         FROM klaim_asuransi WHERE pinjaman_id = ?`,
      )
      .get(loanId) as InsuranceClaim | undefined) ?? null
  );
}

export function insertInsuranceClaim(db: Database, c: Omit<InsuranceClaim, 'id' | 'status'>): void {
  db.prepare('INSERT INTO klaim_asuransi (pinjaman_id, tanggal, outstanding, porsi_persen, jumlah) VALUES (?, ?, ?, ?, ?)').run(
    c.pinjamanId,
    c.tanggal,
    c.outstanding,
    c.porsiPersen,
    c.jumlah,
  );
}

/** Months of a loan already paid, with the payment that paid them. */
export function paidPeriods(db: Database, loanId: number): { periode: string; jumlah: number; nomorSp2d: string | null }[] {
  return db
    .prepare(
      `SELECT pd.periode, coalesce(tb.disetujui, tb.diklaim) AS jumlah, pb.nomor_sp2d AS nomorSp2d
       FROM periode_dibayar pd
       JOIN tagihan_baris tb ON tb.id = pd.tagihan_baris_id
       LEFT JOIN pembayaran pb ON pb.tagihan_id = tb.tagihan_id
       WHERE pd.pinjaman_id = ? ORDER BY pd.periode`,
    )
    .all(loanId) as { periode: string; jumlah: number; nomorSp2d: string | null }[];
}

export function paidPeriodSet(db: Database, loanIds: number[], fromPeriod?: string, toPeriod?: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const id of loanIds) out.set(id, new Set());
  const window = fromPeriod !== undefined && toPeriod !== undefined;
  const rows =
    loanIds.length > BULK_THRESHOLD
      ? window
        ? (db.prepare('SELECT pinjaman_id, periode FROM periode_dibayar WHERE periode BETWEEN ? AND ?').all(fromPeriod, toPeriod) as { pinjaman_id: number; periode: string }[])
        : (db.prepare('SELECT pinjaman_id, periode FROM periode_dibayar').all() as { pinjaman_id: number; periode: string }[])
      : loanIds.flatMap((id) => db.prepare('SELECT pinjaman_id, periode FROM periode_dibayar WHERE pinjaman_id = ?').all(id) as { pinjaman_id: number; periode: string }[]);
  for (const r of rows) out.get(r.pinjaman_id)?.add(r.periode);
  return out;
}
