/**
 * The debtor register's and the loan register's reads: the rows a filter selects, and the totals
 * summed in SQL (integer rupiah).
 */
import type { Database } from 'better-sqlite3';
import { optionalFilters } from './sql';

/** What the clerk filtered the loans on; `akadFrom`/`akadTo` are dates (the period's first and last day). */
export interface LoanFilter {
  bankId?: number | undefined;
  kecamatanId?: number | undefined;
  skemaId?: number | undefined;
  status?: string | undefined;
  akadFrom?: string | undefined;
  akadTo?: string | undefined;
}

export interface DebtorFilter extends LoanFilter {
  sektorId?: number | undefined;
  skala?: string | undefined;
}

/** The WHERE clause of both registers over pinjaman l / debitur d. */
function loanWhere(p: LoanFilter): { sql: string; params: Record<string, unknown> } {
  const { where, params } = optionalFilters([
    ['l.bank_id = @bankId', 'bankId', p.bankId],
    ['d.kecamatan_id = @kecamatanId', 'kecamatanId', p.kecamatanId],
    ['l.skema_id = @skemaId', 'skemaId', p.skemaId],
    ['l.status = @status', 'status', p.status],
    // An empty date is no bound.
    ['l.tanggal_akad >= @dari', 'dari', p.akadFrom || undefined],
    ['l.tanggal_akad <= @sampai', 'sampai', p.akadTo || undefined],
  ]);
  return { sql: where.length ? where.join(' AND ') : '1 = 1', params };
}

/** The name the register's heading shows for a filter's bank, kecamatan, scheme (code — name) or sector; null if there is no such row. */
export function filterName(db: Database, table: 'bank' | 'kecamatan' | 'skema' | 'sektor', id: number): string | null {
  const col = table === 'skema' ? "kode || ' — ' || nama" : 'nama';
  return db.prepare<[number], { n: string }>(`SELECT ${col} AS n FROM ${table} WHERE id = ?`).get(id)?.n ?? null;
}

export interface RegisterLoanRow {
  id: number;
  nomor_rekening: string;
  nomor_akad: string;
  tanggal_akad: string;
  tanggal_pencairan: string | null;
  debitur: string;
  nik: string;
  kecamatan: string | null;
  bank: string;
  skema: string;
  plafon: number;
  tenor_bulan: number;
  bunga_bank_persen: string;
  bunga_debitur_persen: string;
  status: string;
  tanggal_lunas: string | null;
  /** The bank's latest position, if it ever reported the loan. */
  outstanding: number | null;
  kol: number | null;
  periode_posisi: string | null;
}

/** The loans a filter selects, in order of their akad, each with the bank's latest position. */
export function registerLoans(db: Database, filter: LoanFilter): RegisterLoanRow[] {
  const { sql, params } = loanWhere(filter);
  return db
    .prepare<[Record<string, unknown>], RegisterLoanRow>(
      `SELECT l.id, l.nomor_rekening, l.nomor_akad, l.tanggal_akad, l.tanggal_pencairan, d.nama AS debitur, d.nik, k.nama AS kecamatan,
              b.nama AS bank, sk.kode AS skema, l.plafon, l.tenor_bulan, l.bunga_bank_persen, l.bunga_debitur_persen, l.status, l.tanggal_lunas,
              p.outstanding, p.kol, p.periode AS periode_posisi
       FROM pinjaman l
       JOIN debitur d ON d.id = l.debitur_id
       JOIN bank b ON b.id = l.bank_id
       JOIN skema sk ON sk.id = l.skema_id
       LEFT JOIN kecamatan k ON k.id = d.kecamatan_id
       LEFT JOIN posisi_bank p ON p.pinjaman_id = l.id AND p.periode = (SELECT max(periode) FROM posisi_bank WHERE pinjaman_id = l.id)
       WHERE ${sql}
       ORDER BY l.tanggal_akad, l.id`,
    )
    .all(params);
}

/** How many loans a filter selects and their plafon (summed in SQL). */
export function registerLoanTotals(db: Database, filter: LoanFilter): { n: number; plafon: number } {
  const { sql, params } = loanWhere(filter);
  return db
    .prepare<[Record<string, unknown>], { n: number; plafon: number }>(
      `SELECT count(*) AS n, coalesce(sum(l.plafon), 0) AS plafon FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id WHERE ${sql}`,
    )
    .get(params)!;
}

export interface RegisterDebtorRow {
  id: number;
  nik: string;
  nama: string;
  jenis_kelamin: string;
  tanggal_lahir: string;
  nama_usaha: string | null;
  sektor: string | null;
  skala: string;
  kecamatan: string | null;
  desa: string | null;
  /** Loans of the debtor (not counting refused ones), and the plafon of those running (aktif, macet, klaim). */
  pinjaman: number;
  plafon_berjalan: number;
}

/**
 * The active debtors a filter selects, by name. The loan fields of the filter (bank, scheme,
 * status, akad dates) select debtors with at least one such loan.
 */
export function registerDebtors(db: Database, filter: DebtorFilter): RegisterDebtorRow[] {
  const loanFilter = loanWhere(filter);
  const hasLoanFilter = filter.bankId !== undefined || filter.skemaId !== undefined || filter.status !== undefined || filter.akadFrom !== undefined || filter.akadTo !== undefined;
  const where: string[] = ['d.aktif = 1'];
  const params: Record<string, unknown> = { ...loanFilter.params };
  if (filter.kecamatanId !== undefined) where.push('d.kecamatan_id = @kecamatanId');
  if (filter.sektorId !== undefined) {
    where.push('d.sektor_id = @sektorId');
    params.sektorId = filter.sektorId;
  }
  if (filter.skala !== undefined) {
    where.push('d.skala = @skala');
    params.skala = filter.skala;
  }
  if (hasLoanFilter) where.push(`EXISTS (SELECT 1 FROM pinjaman l WHERE l.debitur_id = d.id AND ${loanFilter.sql})`);
  return db
    .prepare<[Record<string, unknown>], RegisterDebtorRow>(
      `SELECT d.id, d.nik, d.nama, d.jenis_kelamin, d.tanggal_lahir, d.nama_usaha, s.nama AS sektor, d.skala, k.nama AS kecamatan, d.desa,
              (SELECT count(*) FROM pinjaman l WHERE l.debitur_id = d.id AND l.status NOT IN ('ditolak')) AS pinjaman,
              (SELECT coalesce(sum(l.plafon), 0) FROM pinjaman l WHERE l.debitur_id = d.id AND l.status IN ('aktif', 'macet', 'klaim')) AS plafon_berjalan
       FROM debitur d
       LEFT JOIN kecamatan k ON k.id = d.kecamatan_id
       LEFT JOIN sektor s ON s.id = d.sektor_id
       WHERE ${where.join(' AND ')}
       ORDER BY d.nama COLLATE NOCASE, d.id`,
    )
    .all(params);
}
