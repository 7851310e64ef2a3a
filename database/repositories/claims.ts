/**
 * Bank claims (tagihan) and their lines: all SQL of the reconciliation. Writers run in the
 * caller's transaction (better-sqlite3 nests db.transaction as a savepoint).
 */
import type { Database } from 'better-sqlite3';
import type {
  ClaimDecision,
  ClaimHeader,
  ClaimLine,
  ClaimLineStatus,
  NewClaimLine,
  StoredOf,
  ClaimPaymentRow,
  ClaimStatus,
  ClaimStatusTotal,
  ClaimSummary,
  Diagnosis,
  Page,
  UnclaimedLine,
} from '../../electron/contract';
import { CLAIM_LINE_STATUSES } from '../../electron/contract/claim-lines';
import { BANK_CLAIM_LINE_KEYS, CLAIM_LINE_COLUMNS, CLAIM_LINE_WORKING_COLUMNS, type ValuesOf } from '../../electron/contract/claim-lines';
import { cachedStatement, containsPattern } from './sql';

// ---------------------------------------------------------------------------
// Creating a claim (the import calls this)
// ---------------------------------------------------------------------------

export type { NewClaimLine };

/** The bank's columns of tagihan_baris in the column map's order: what an import writes. */
const BANK_COLUMNS = BANK_CLAIM_LINE_KEYS.map((k) => CLAIM_LINE_COLUMNS[k].column);
const INSERT_LINE = `INSERT INTO tagihan_baris (tagihan_id, ${BANK_COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(BANK_COLUMNS.length)})`;

/**
 * Writes a claim as 'draf' with its lines, in one (nested) transaction, with one prepared
 * statement for all lines (100,000 lines take well under a second). `dibuatOleh` is who
 * imported or entered it: four-eyes keeps them from approving it.
 */
/** A draft claim's header row; its lines are the caller's (insertClaim, or the import's staged rows). */
export function insertClaimHeader(
  db: Database,
  claim: { bankId: number; periodeAwal: string; periodeAkhir: string; imporId: number | null; dibuatOleh?: string | null; dibuatOlehId?: number | null },
  total: number,
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO tagihan (bank_id, periode_awal, periode_akhir, status, total_diklaim, impor_id, dibuat_oleh, dibuat_oleh_id)
         VALUES (?, ?, ?, 'draf', ?, ?, ?, ?)`,
      )
      .run(claim.bankId, claim.periodeAwal, claim.periodeAkhir, total, claim.imporId, claim.dibuatOleh ?? null, claim.dibuatOlehId ?? null).lastInsertRowid,
  );
}

export function insertClaim(
  db: Database,
  claim: { bankId: number; periodeAwal: string; periodeAkhir: string; imporId: number | null; lines: NewClaimLine[]; dibuatOleh?: string | null; dibuatOlehId?: number | null },
): { tagihanId: number; totalDiklaim: number } {
  let total = 0;
  for (const l of claim.lines) {
    if (!Number.isSafeInteger(l.diklaim) || l.diklaim < 0) throw new RangeError(`Baris ${l.nomorBaris}: jumlah diklaim tidak sah (${l.diklaim})`);
    total += l.diklaim;
    if (!Number.isSafeInteger(total)) throw new RangeError('Jumlah total tagihan terlalu besar');
  }
  return db.transaction(() => {
    const tagihanId = insertClaimHeader(db, claim, total);
    const insert = db.prepare(INSERT_LINE);
    // One argument array for every line (not two new arrays per line).
    const args: unknown[] = [tagihanId, ...BANK_CLAIM_LINE_KEYS.map(() => null)];
    for (const l of claim.lines) {
      for (let k = 0; k < BANK_CLAIM_LINE_KEYS.length; k++) args[k + 1] = l[BANK_CLAIM_LINE_KEYS[k]!];
      insert.run(args);
    }
    return { tagihanId, totalDiklaim: total };
  })();
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

interface HeaderRow {
  id: number;
  bank_id: number;
  bank_kode: string;
  bank_nama: string;
  periode_awal: string;
  periode_akhir: string;
  status: ClaimStatus;
  jumlah_baris: number;
  total_diklaim: number;
  total_disetujui: number | null;
  total_dibayar: number;
  impor_id: number | null;
  nama_berkas: string | null;
  dibuat: string;
  dibuat_oleh: string | null;
  direkonsiliasi_pada: string | null;
  direkonsiliasi_oleh: string | null;
  disetujui_oleh: string | null;
  disetujui_pada: string | null;
  nomor_ba: string | null;
  tanggal_ba: string | null;
  versi: number;
}

const HEADER_SELECT = `
  SELECT t.*, b.kode AS bank_kode, b.nama AS bank_nama, f.nama_berkas,
         (SELECT count(*) FROM tagihan_baris WHERE tagihan_id = t.id) AS jumlah_baris,
         (SELECT coalesce(sum(jumlah), 0) FROM pembayaran WHERE tagihan_id = t.id) AS total_dibayar
  FROM tagihan t
  JOIN bank b ON b.id = t.bank_id
  LEFT JOIN impor_berkas f ON f.id = t.impor_id`;

const toSummary = (r: HeaderRow): ClaimSummary => ({
  id: r.id,
  bankId: r.bank_id,
  bankKode: r.bank_kode,
  bankNama: r.bank_nama,
  periodeAwal: r.periode_awal,
  periodeAkhir: r.periode_akhir,
  status: r.status,
  jumlahBaris: r.jumlah_baris,
  totalDiklaim: r.total_diklaim,
  totalDisetujui: r.total_disetujui,
  totalDibayar: r.total_dibayar,
  imporId: r.impor_id,
  namaBerkas: r.nama_berkas,
  dibuat: r.dibuat,
  dibuatOleh: r.dibuat_oleh,
  versi: r.versi,
});

const toHeader = (r: HeaderRow): ClaimHeader => ({
  ...toSummary(r),
  direkonsiliasiPada: r.direkonsiliasi_pada,
  direkonsiliasiOleh: r.direkonsiliasi_oleh,
  disetujuiOleh: r.disetujui_oleh,
  disetujuiPada: r.disetujui_pada,
  nomorBa: r.nomor_ba,
  tanggalBa: r.tanggal_ba,
});

export function getClaimHeader(db: Database, id: number): ClaimHeader | null {
  const row = db.prepare(`${HEADER_SELECT} WHERE t.id = ?`).get(id) as HeaderRow | undefined;
  return row ? toHeader(row) : null;
}

export interface ClaimListQuery {
  bankId?: number | undefined;
  periode?: string | undefined;
  status?: ClaimStatus | undefined;
  page: number;
  pageSize: number;
}

export function listClaims(db: Database, q: ClaimListQuery): Page<ClaimSummary> {
  const where = `WHERE (@bank IS NULL OR t.bank_id = @bank)
      AND (@periode IS NULL OR (t.periode_awal <= @periode AND t.periode_akhir >= @periode))
      AND (@status IS NULL OR t.status = @status)`;
  const params = { bank: q.bankId ?? null, periode: q.periode ?? null, status: q.status ?? null };
  const total = (db.prepare(`SELECT count(*) AS n FROM tagihan t ${where}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`${HEADER_SELECT} ${where} ORDER BY t.periode_awal DESC, t.id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as HeaderRow[];
  return { rows: rows.map(toSummary), total, page: q.page, pageSize: q.pageSize };
}

/** Per status, in the fixed order, including statuses with no line (zeros): integer sums in SQL. */
export function statusTotals(db: Database, tagihanId: number): ClaimStatusTotal[] {
  const rows = db
    .prepare(
      `SELECT status, count(*) AS jumlah, coalesce(sum(diklaim), 0) AS diklaim, coalesce(sum(diharapkan), 0) AS diharapkan,
              coalesce(sum(disetujui), 0) AS disetujui
       FROM tagihan_baris WHERE tagihan_id = ? AND status IS NOT NULL GROUP BY status`,
    )
    .all(tagihanId) as ClaimStatusTotal[];
  const by = new Map(rows.map((r) => [r.status, r]));
  return CLAIM_LINE_STATUSES.map((status) => by.get(status) ?? { status, jumlah: 0, diklaim: 0, diharapkan: 0, disetujui: 0 });
}

export interface ClaimSums {
  baris: number;
  belumDiputuskan: number;
  diklaim: number;
  diharapkan: number;
  disetujui: number;
  /** Lines with an agreed amount (decided). */
  diputuskan: number;
}

export function claimSums(db: Database, tagihanId: number): ClaimSums {
  return db
    .prepare(
      `SELECT count(*) AS baris, coalesce(sum(keputusan IS NULL), 0) AS belumDiputuskan, coalesce(sum(diklaim), 0) AS diklaim,
              coalesce(sum(diharapkan), 0) AS diharapkan, coalesce(sum(disetujui), 0) AS disetujui, count(disetujui) AS diputuskan
       FROM tagihan_baris WHERE tagihan_id = ?`,
    )
    .get(tagihanId) as ClaimSums;
}

/** A row of tagihan_baris as SELECT * returns it, typed from the column map. */
type LineRow = { id: number; tagihan_id: number } & StoredOf<typeof CLAIM_LINE_COLUMNS> & StoredOf<typeof CLAIM_LINE_WORKING_COLUMNS>;

/** The values of a column map read from a row (each column's `read` turns its stored value into the contract's). */
function readColumns<M extends typeof CLAIM_LINE_COLUMNS | typeof CLAIM_LINE_WORKING_COLUMNS>(map: M, row: LineRow): ValuesOf<M> {
  const out: Record<string, unknown> = {};
  const stored: Record<string, unknown> = row;
  for (const [key, c] of Object.entries(map)) out[key] = (c.read as (v: unknown) => unknown)(stored[c.column]);
  // Each key of the map was set above from its own column.
  return out as ValuesOf<M>;
}

export const toClaimLine = (r: LineRow): ClaimLine => {
  const hitung = readColumns(CLAIM_LINE_WORKING_COLUMNS, r);
  return {
    id: r.id,
    ...readColumns(CLAIM_LINE_COLUMNS, r),
    // No working when we expected nothing (konvensi alone does not make one).
    hitung: hitung.pokok === null && hitung.hari === null && hitung.tarifPersen === null ? null : hitung,
  };
};

export interface LineQuery {
  status?: ClaimLineStatus | 'belum_diputuskan' | undefined;
  search?: string | undefined;
  page: number;
  pageSize: number;
}

/** One page of a claim's lines, filtered and counted in SQL (a claim may have 100,000 lines). */
export function listClaimLines(db: Database, tagihanId: number, q: LineQuery): Page<ClaimLine> {
  const search = q.search?.trim() ?? '';
  const where = `WHERE tagihan_id = @id
      AND (@status IS NULL OR (@status = 'belum_diputuskan' AND keputusan IS NULL) OR status = @status)
      AND (@search = '' OR nomor_rekening LIKE @like ESCAPE '\\' OR nik LIKE @like ESCAPE '\\' OR nama LIKE @like ESCAPE '\\')`;
  const params = { id: tagihanId, status: q.status ?? null, search, like: containsPattern(search) };
  const total = (db.prepare(`SELECT count(*) AS n FROM tagihan_baris ${where}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM tagihan_baris ${where} ORDER BY nomor_baris, id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as LineRow[];
  return { rows: rows.map(toClaimLine), total, page: q.page, pageSize: q.pageSize };
}

/** Every line of a claim in file order (for documents and exports). */
export function allClaimLines(db: Database, tagihanId: number): ClaimLine[] {
  return (db.prepare('SELECT * FROM tagihan_baris WHERE tagihan_id = ? ORDER BY nomor_baris, id').all(tagihanId) as LineRow[]).map(toClaimLine);
}

/** A line without its claim id, as the contract returns it. */
export function toClaimLineOnly(line: ClaimLine & { tagihanId?: number }): ClaimLine {
  const { tagihanId, ...rest } = line;
  void tagihanId;
  return rest;
}

export function getClaimLine(db: Database, id: number): (ClaimLine & { tagihanId: number }) | null {
  const row = db.prepare('SELECT * FROM tagihan_baris WHERE id = ?').get(id) as LineRow | undefined;
  return row ? { ...toClaimLine(row), tagihanId: row.tagihan_id } : null;
}

/** What the reconciliation needs of each line. */
export interface LineForMatching {
  id: number;
  nomorBaris: number;
  periode: string;
  nomorRekening: string;
  nik: string | null;
  outstanding: number | null;
  bungaPersen: string | null;
  hari: number | null;
  plafon: number | null;
  tanggalAkad: string | null;
  diklaim: number;
}

export function linesForMatching(db: Database, tagihanId: number): LineForMatching[] {
  return db
    .prepare(
      `SELECT id, nomor_baris AS nomorBaris, periode, nomor_rekening AS nomorRekening, nik, outstanding, bunga_persen AS bungaPersen, hari,
              plafon, tanggal_akad AS tanggalAkad, diklaim
       FROM tagihan_baris WHERE tagihan_id = ? ORDER BY nomor_baris, id`,
    )
    .all(tagihanId) as LineForMatching[];
}

/** A clerk's decision on a line (not the reconciliation's own default), with what it was made on. */
export interface ManualDecision {
  id: number;
  status: ClaimLineStatus | null;
  diharapkan: number | null;
  keputusan: ClaimDecision;
  alasanKeputusan: string | null;
  diputuskanOleh: string | null;
  diputuskanPada: string | null;
}

export function manualDecisions(db: Database, tagihanId: number): Map<number, ManualDecision> {
  const rows = db
    .prepare(
      `SELECT id, status, diharapkan, keputusan, alasan_keputusan AS alasanKeputusan, diputuskan_oleh AS diputuskanOleh, diputuskan_pada AS diputuskanPada
       FROM tagihan_baris WHERE tagihan_id = ? AND keputusan IS NOT NULL AND keputusan_otomatis = 0`,
    )
    .all(tagihanId) as ManualDecision[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** A bank's loans as the matching needs them: account, debtor NIK, plafon, akad date, scheme tolerance. */
export interface LoanForMatching {
  id: number;
  nomorRekening: string;
  nik: string;
  plafon: number;
  tanggalAkad: string;
  status: string;
  toleransi: number;
}

export function loansForMatching(db: Database, bankId: number): LoanForMatching[] {
  return db
    .prepare(
      `SELECT l.id, l.nomor_rekening AS nomorRekening, d.nik, l.plafon, l.tanggal_akad AS tanggalAkad, l.status,
              s.toleransi_rekonsiliasi AS toleransi
       FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id JOIN skema s ON s.id = l.skema_id
       WHERE l.bank_id = ?`,
    )
    .all(bankId) as LoanForMatching[];
}

const LOAN_FOR_MATCHING = `SELECT l.id, l.nomor_rekening AS nomorRekening, d.nik, l.plafon, l.tanggal_akad AS tanggalAkad, l.status,
         s.toleransi_rekonsiliasi AS toleransi
  FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id JOIN skema s ON s.id = l.skema_id`;

/** A claim line with the bank's loan at its account number (exact text, as matchLine compares), or null. */
export interface LineWithAccountLoan extends LineForMatching {
  loan: LoanForMatching | null;
}

/**
 * The claim's lines in file order (linesForMatching) each with the bank's loan at its account,
 * found through the bank's account index in the same query: neither every loan of the bank (at
 * 1,000,000 loans a bank has ~330,000) nor the claim's loans are read and indexed apart.
 */
export function linesWithAccountLoans(db: Database, tagihanId: number, bankId: number): LineWithAccountLoan[] {
  const rows = cachedStatement(
    db,
    `SELECT tb.id, tb.nomor_baris, tb.periode, tb.nomor_rekening, tb.nik, tb.outstanding, tb.bunga_persen, tb.hari, tb.plafon, tb.tanggal_akad, tb.diklaim,
            l.id, d.nik, l.plafon, l.tanggal_akad, l.status, s.toleransi_rekonsiliasi
     FROM tagihan_baris tb
     LEFT JOIN pinjaman l ON l.bank_id = @bankId AND l.nomor_rekening = tb.nomor_rekening
     LEFT JOIN debitur d ON d.id = l.debitur_id
     LEFT JOIN skema s ON s.id = l.skema_id
     WHERE tb.tagihan_id = @tagihanId ORDER BY tb.nomor_baris, tb.id`,
  )
    .raw()
    .all({ tagihanId, bankId }) as LineWithAccountLoanRow[];
  return rows.map((r) => ({
    id: r[0],
    nomorBaris: r[1],
    periode: r[2],
    nomorRekening: r[3],
    nik: r[4],
    outstanding: r[5],
    bungaPersen: r[6],
    hari: r[7],
    plafon: r[8],
    tanggalAkad: r[9],
    diklaim: r[10],
    loan: r[11] === null ? null : { id: r[11], nomorRekening: r[3], nik: r[12]!, plafon: r[13]!, tanggalAkad: r[14]!, status: r[15]!, toleransi: r[16]! },
  }));
}

type LineWithAccountLoanRow = [
  id: number,
  nomorBaris: number,
  periode: string,
  nomorRekening: string,
  nik: string | null,
  outstanding: number | null,
  bungaPersen: string | null,
  hari: number | null,
  plafon: number | null,
  tanggalAkad: string | null,
  diklaim: number,
  loanId: number | null,
  loanNik: string | null,
  loanPlafon: number | null,
  loanTanggalAkad: string | null,
  loanStatus: string | null,
  toleransi: number | null,
];

/** Every loan of the bank whose debtor has this NIK (the matching's second way, for a line whose account is unknown). */
export function loansOfNikAtBank(db: Database, bankId: number, nik: string): LoanForMatching[] {
  return cachedStatement(db, `${LOAN_FOR_MATCHING} WHERE d.nik = ? AND l.bank_id = ?`).all(nik, bankId) as LoanForMatching[];
}

/** Loan-months of these periods already paid, with the claim that paid them. */
export function paidLoanMonths(db: Database, fromPeriod: string, toPeriod: string): Map<string, { tagihanId: number; barisId: number }> {
  const rows = db
    .prepare(
      `SELECT pd.pinjaman_id AS pinjamanId, pd.periode, pd.tagihan_baris_id AS barisId, tb.tagihan_id AS tagihanId
       FROM periode_dibayar pd JOIN tagihan_baris tb ON tb.id = pd.tagihan_baris_id
       WHERE pd.periode BETWEEN ? AND ?`,
    )
    .all(fromPeriod, toPeriod) as { pinjamanId: number; periode: string; barisId: number; tagihanId: number }[];
  return new Map(rows.map((r) => [`${r.pinjamanId}|${r.periode}`, { tagihanId: r.tagihanId, barisId: r.barisId }]));
}

// ---------------------------------------------------------------------------
// Writing the reconciliation's results
// ---------------------------------------------------------------------------

export interface LineResult {
  id: number;
  pinjamanId: number | null;
  cocokOleh: 'rekening' | 'nik' | null;
  status: ClaimLineStatus;
  keterangan: string | null;
  alasanKode: string | null;
  diharapkan: number | null;
  hitungPokok: number | null;
  hitungHari: number | null;
  hitungTarif: string | null;
  hitungKonvensi: string | null;
  diagnosis: Diagnosis | null;
  diagnosisRincian: string | null;
  keputusan: ClaimDecision | null;
  alasanKeputusan: string | null;
  keputusanOtomatis: boolean;
  disetujui: number | null;
  diputuskanOleh: string | null;
  diputuskanPada: string | null;
}

/**
 * Writes every line's result, in the caller's transaction: the results go into a temporary table
 * with one prepared insert, then one UPDATE … FROM sets all lines (100,000 single-row updates
 * took seconds; this is one pass). Every result is a line of claim `tagihanId`: the UPDATE is
 * limited to its lines, or SQLite (no statistics) walks every claim line ever stored — at
 * 1,000,000 loans the paid history's ~12 million — once per reconciliation.
 */
export function writeLineResults(db: Database, tagihanId: number, results: readonly LineResult[]): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS hasil_rekonsiliasi (
    id INTEGER PRIMARY KEY, pinjaman_id INTEGER, cocok_oleh TEXT, status TEXT, keterangan TEXT, alasan_kode TEXT, diharapkan INTEGER,
    hitung_pokok INTEGER, hitung_hari INTEGER, hitung_tarif TEXT, hitung_konvensi TEXT, diagnosis TEXT, diagnosis_rincian TEXT,
    keputusan TEXT, alasan_keputusan TEXT, keputusan_otomatis INTEGER, disetujui INTEGER, diputuskan_oleh TEXT, diputuskan_pada TEXT)`);
  db.exec('DELETE FROM temp.hasil_rekonsiliasi');
  const insert = db.prepare('INSERT INTO temp.hasil_rekonsiliasi VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const r of results) {
    insert.run(
      r.id,
      r.pinjamanId,
      r.cocokOleh,
      r.status,
      r.keterangan,
      r.alasanKode,
      r.diharapkan,
      r.hitungPokok,
      r.hitungHari,
      r.hitungTarif,
      r.hitungKonvensi,
      r.diagnosis,
      r.diagnosisRincian,
      r.keputusan,
      r.alasanKeputusan,
      r.keputusanOtomatis ? 1 : 0,
      r.disetujui,
      r.diputuskanOleh,
      r.diputuskanPada,
    );
  }
  db.prepare(
    `UPDATE tagihan_baris AS b SET pinjaman_id = h.pinjaman_id, cocok_oleh = h.cocok_oleh, status = h.status, keterangan = h.keterangan,
      alasan_kode = h.alasan_kode, diharapkan = h.diharapkan, hitung_pokok = h.hitung_pokok, hitung_hari = h.hitung_hari, hitung_tarif = h.hitung_tarif,
      hitung_konvensi = h.hitung_konvensi, diagnosis = h.diagnosis, diagnosis_rincian = h.diagnosis_rincian, keputusan = h.keputusan,
      alasan_keputusan = h.alasan_keputusan, keputusan_otomatis = h.keputusan_otomatis, disetujui = h.disetujui, diputuskan_oleh = h.diputuskan_oleh,
      diputuskan_pada = h.diputuskan_pada, versi = b.versi + 1
    FROM temp.hasil_rekonsiliasi AS h WHERE b.tagihan_id = ? AND b.id = h.id`,
  ).run(tagihanId);
  db.exec('DELETE FROM temp.hasil_rekonsiliasi');
}

export function replaceUnclaimed(db: Database, tagihanId: number, rows: readonly { pinjamanId: number; periode: string; diharapkan: number }[]): void {
  db.prepare('DELETE FROM tagihan_tidak_diklaim WHERE tagihan_id = ?').run(tagihanId);
  const insert = db.prepare('INSERT INTO tagihan_tidak_diklaim (tagihan_id, pinjaman_id, periode, diharapkan) VALUES (?, ?, ?, ?)');
  for (const r of rows) insert.run(tagihanId, r.pinjamanId, r.periode, r.diharapkan);
}

export function unclaimedTotals(db: Database, tagihanId: number): { jumlah: number; total: number } {
  return db.prepare('SELECT count(*) AS jumlah, coalesce(sum(diharapkan), 0) AS total FROM tagihan_tidak_diklaim WHERE tagihan_id = ?').get(tagihanId) as {
    jumlah: number;
    total: number;
  };
}

export function listUnclaimed(db: Database, tagihanId: number, page: number, pageSize: number): Page<UnclaimedLine> {
  const total = unclaimedTotals(db, tagihanId).jumlah;
  const rows = db
    .prepare(
      `SELECT u.pinjaman_id AS pinjamanId, u.periode, l.nomor_rekening AS nomorRekening, d.nik, d.nama, u.diharapkan
       FROM tagihan_tidak_diklaim u JOIN pinjaman l ON l.id = u.pinjaman_id JOIN debitur d ON d.id = l.debitur_id
       WHERE u.tagihan_id = ? ORDER BY l.nomor_rekening, u.periode LIMIT ? OFFSET ?`,
    )
    .all(tagihanId, pageSize, (page - 1) * pageSize) as UnclaimedLine[];
  return { rows, total, page, pageSize };
}

export function markReconciled(db: Database, tagihanId: number, user: string, at: string): void {
  db.prepare(
    `UPDATE tagihan SET status = 'diverifikasi', direkonsiliasi_pada = ?, direkonsiliasi_oleh = ?,
       total_disetujui = (SELECT CASE WHEN count(disetujui) = 0 THEN NULL ELSE sum(disetujui) END FROM tagihan_baris WHERE tagihan_id = ?)
     WHERE id = ?`,
  ).run(at, user, tagihanId, tagihanId);
}

/**
 * The bulk decision: every undecided line of the status gets the same decision, the bank's figure
 * or ours (where there is one). Sets versi itself (one pass, not a trigger's second update per line).
 */
export function decideLinesOfStatus(
  db: Database,
  d: { tagihanId: number; status: 'cocok' | 'selisih'; keputusan: 'terima_bank' | 'terima_hitungan'; alasan: string | null; oleh: string; pada: string },
): number {
  const amount = d.keputusan === 'terima_bank' ? 'diklaim' : 'diharapkan';
  return db
    .prepare(
      `UPDATE tagihan_baris SET keputusan = @keputusan, alasan_keputusan = @alasan, disetujui = ${amount}, keputusan_otomatis = 0,
         diputuskan_oleh = @oleh, diputuskan_pada = @pada, versi = versi + 1
       WHERE tagihan_id = @tagihanId AND status = @status AND keputusan IS NULL AND ${amount} IS NOT NULL`,
    )
    .run(d).changes;
}

/** Claimed but not agreed, over the decided lines (all of them once approved). */
export function rejectedTotal(db: Database, tagihanId: number): number {
  const row = db.prepare('SELECT coalesce(sum(diklaim - disetujui), 0) AS n FROM tagihan_baris WHERE tagihan_id = ? AND disetujui IS NOT NULL').get(tagihanId) as
    { n: number } | undefined;
  return row?.n ?? 0;
}

/** Lines carrying an agreed amount that cannot be paid (no loan, or not cocok/selisih): the approval's backstop. */
export function unpayableAgreedCount(db: Database, tagihanId: number): number {
  const row = db
    .prepare(`SELECT count(*) AS n FROM tagihan_baris WHERE tagihan_id = ? AND disetujui > 0 AND (pinjaman_id IS NULL OR status NOT IN ('cocok', 'selisih'))`)
    .get(tagihanId) as { n: number } | undefined;
  return row?.n ?? 0;
}

/** How many SP2Ds were recorded against the claim. */
export function paymentCount(db: Database, tagihanId: number): number {
  const row = db.prepare('SELECT count(*) AS n FROM pembayaran WHERE tagihan_id = ?').get(tagihanId) as { n: number } | undefined;
  return row?.n ?? 0;
}

/** Keeps the header's running agreed total in step with the lines (until approval fixes it). */
export function refreshAgreedTotal(db: Database, tagihanId: number): void {
  db.prepare(
    `UPDATE tagihan SET total_disetujui = (SELECT CASE WHEN count(disetujui) = 0 THEN NULL ELSE sum(disetujui) END FROM tagihan_baris WHERE tagihan_id = ?)
     WHERE id = ?`,
  ).run(tagihanId, tagihanId);
}

export function setLineDecision(db: Database, id: number, d: { keputusan: ClaimDecision; alasan: string | null; disetujui: number; oleh: string; pada: string }): void {
  db.prepare(
    `UPDATE tagihan_baris SET keputusan = ?, alasan_keputusan = ?, disetujui = ?, keputusan_otomatis = 0, diputuskan_oleh = ?, diputuskan_pada = ?
     WHERE id = ?`,
  ).run(d.keputusan, d.alasan, d.disetujui, d.oleh, d.pada, id);
}

export function approveClaim(db: Database, tagihanId: number, a: { total: number; oleh: string; olehId: number | null; pada: string; nomorBa: string; tanggalBa: string }): void {
  db.prepare(
    `UPDATE tagihan SET status = 'disetujui', total_disetujui = ?, disetujui_oleh = ?, disetujui_oleh_id = ?, disetujui_pada = ?, nomor_ba = ?, tanggal_ba = ?
     WHERE id = ?`,
  ).run(a.total, a.oleh, a.olehId, a.pada, a.nomorBa, a.tanggalBa, tagihanId);
}

export function nomorBaTaken(db: Database, nomorBa: string, exceptId: number): boolean {
  return db.prepare('SELECT 1 FROM tagihan WHERE nomor_ba = ? AND id <> ?').get(nomorBa, exceptId) !== undefined;
}

export function claimPayments(db: Database, tagihanId: number): ClaimPaymentRow[] {
  return db
    .prepare(
      `SELECT p.id, p.nomor_sp2d AS nomorSp2d, p.tanggal_sp2d AS tanggalSp2d, p.jumlah, p.pagu_id AS paguId, g.kode_rekening AS paguKode
       FROM pembayaran p LEFT JOIN pagu g ON g.id = p.pagu_id WHERE p.tagihan_id = ? ORDER BY p.tanggal_sp2d, p.id`,
    )
    .all(tagihanId) as ClaimPaymentRow[];
}

/** `dicatatOlehId`: the signed-in user recording it (the database refuses the claim's own creator); null for the trusted caller. */
export function insertClaimPayment(
  db: Database,
  p: { tagihanId: number; nomorSp2d: string; tanggalSp2d: string; jumlah: number; paguId: number; dicatatOlehId?: number | null },
): number {
  return Number(
    db
      .prepare('INSERT INTO pembayaran (tagihan_id, nomor_sp2d, tanggal_sp2d, jumlah, pagu_id, dicatat_oleh_id) VALUES (?, ?, ?, ?, ?, ?)')
      .run(p.tagihanId, p.nomorSp2d, p.tanggalSp2d, p.jumlah, p.paguId, p.dicatatOlehId ?? null).lastInsertRowid,
  );
}

/** The agreed lines with an amount: what a payment marks as paid, loan-month by loan-month. */
export interface PayableClaimLine {
  id: number;
  nomorBaris: number;
  nomorRekening: string;
  pinjamanId: number;
  periode: string;
  disetujui: number;
}

export function payableLines(db: Database, tagihanId: number): PayableClaimLine[] {
  return db
    .prepare(
      `SELECT id, nomor_baris AS nomorBaris, nomor_rekening AS nomorRekening, pinjaman_id AS pinjamanId, periode, disetujui FROM tagihan_baris
       WHERE tagihan_id = ? AND disetujui > 0 ORDER BY nomor_baris, id`,
    )
    .all(tagihanId) as PayableClaimLine[];
}

/** Of these lines' loan-months, those already in periode_dibayar (paid by another claim or path). */
export function alreadyPaidOf(db: Database, tagihanId: number): { nomorBaris: number; nomorRekening: string; periode: string; tagihanId: number }[] {
  return db
    .prepare(
      `SELECT tb.nomor_baris AS nomorBaris, tb.nomor_rekening AS nomorRekening, tb.periode, other.tagihan_id AS tagihanId
       FROM tagihan_baris tb
       JOIN periode_dibayar pd ON pd.pinjaman_id = tb.pinjaman_id AND pd.periode = tb.periode
       JOIN tagihan_baris other ON other.id = pd.tagihan_baris_id
       WHERE tb.tagihan_id = ? AND tb.disetujui > 0 AND pd.tagihan_baris_id <> tb.id
       ORDER BY tb.nomor_baris`,
    )
    .all(tagihanId) as { nomorBaris: number; nomorRekening: string; periode: string; tagihanId: number }[];
}

export function markPaidMonths(db: Database, lines: readonly { id: number; pinjamanId: number; periode: string }[]): void {
  const insert = db.prepare('INSERT INTO periode_dibayar (pinjaman_id, periode, tagihan_baris_id) VALUES (?, ?, ?)');
  for (const l of lines) insert.run(l.pinjamanId, l.periode, l.id);
}

export function hasPaidMonths(db: Database, tagihanId: number): boolean {
  return db.prepare('SELECT 1 FROM periode_dibayar pd JOIN tagihan_baris tb ON tb.id = pd.tagihan_baris_id WHERE tb.tagihan_id = ? LIMIT 1').get(tagihanId) !== undefined;
}

export function setClaimStatus(db: Database, tagihanId: number, status: ClaimStatus): void {
  db.prepare('UPDATE tagihan SET status = ? WHERE id = ?').run(status, tagihanId);
}

/**
 * Who entered the claim, as user ids (never names: an account can be renamed): whoever created
 * it and whoever imported its file (the import's latest replacement included).
 */
export function claimCreators(db: Database, tagihanId: number): number[] {
  const row = db
    .prepare('SELECT t.dibuat_oleh_id AS dibuat, f.dibuat_oleh_id AS diimpor FROM tagihan t LEFT JOIN impor_berkas f ON f.id = t.impor_id WHERE t.id = ?')
    .get(tagihanId) as { dibuat: number | null; diimpor: number | null } | undefined;
  if (!row) return [];
  return [...new Set([row.dibuat, row.diimpor].filter((u): u is number => u !== null))];
}

/**
 * Removes a claim that is not yet approved, with its lines and its reconciliation (for an import
 * that is replaced). Refuses an approved or paid claim: money has touched it.
 */
export function deleteUnapprovedClaim(db: Database, tagihanId: number): void {
  const row = db.prepare('SELECT status FROM tagihan WHERE id = ?').get(tagihanId) as { status: ClaimStatus } | undefined;
  if (!row) return;
  if (row.status !== 'draf' && row.status !== 'diverifikasi') throw new Error(`Tagihan ${tagihanId} sudah ${row.status}; tidak dapat dihapus`);
  db.transaction(() => {
    db.prepare('DELETE FROM tagihan_tidak_diklaim WHERE tagihan_id = ?').run(tagihanId);
    db.prepare('DELETE FROM tagihan_baris WHERE tagihan_id = ?').run(tagihanId);
    db.prepare('DELETE FROM tagihan WHERE id = ?').run(tagihanId);
  })();
}
