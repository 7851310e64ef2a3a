/**
 * The state of every loan at the end of a month, the base of the monthly summary and the loan
 * register: one SQL query gives each loan with its debtor's kecamatan, sector, scale and gender
 * and the bank's latest reported position in or before the month; where the bank reported
 * nothing yet the loan's schedule gives the expected outstanding (marked so).
 *
 * "As of the month" is read from the loan's dates: disbursed (tanggal_pencairan) on or before the
 * month end, paid off (tanggal_lunas) on or before it; a loan never disbursed is not counted.
 */
import type { Database } from 'better-sqlite3';
import type { Loan } from '../../contract';
import * as loansRepo from '../../../database/repositories/loans';
import { getScheme } from '../../../database/repositories/schemes';
import { periodLastDay, scheduledOutstandingOn } from '../../domain/loan';
import { loanSchedule } from '../loans/engine';

export interface LoanSnapshot {
  id: number;
  debiturId: number;
  bankId: number;
  bank: string;
  kecamatan: string;
  sektor: string;
  skala: string;
  jenisKelamin: 'L' | 'P';
  skema: string;
  plafon: number;
  tanggalPencairan: string;
  tanggalLunas: string | null;
  status: string;
  /** Disbursed in the month. */
  baru: boolean;
  /** Paid off in the month. */
  lunasBulanIni: boolean;
  /** Disbursed by the month end and not paid off by then. */
  berjalan: boolean;
  /** Outstanding at the month end (0 when paid off). */
  outstanding: number;
  /** Kol of the position used (1 when the schedule stood in). */
  kol: number;
  /** Where the outstanding comes from: the bank's position of that month, an earlier one, or the schedule. */
  sumber: 'posisi' | 'posisi_lama' | 'jadwal' | 'lunas';
  periodePosisi: string | null;
}

interface Row {
  id: number;
  debitur_id: number;
  bank_id: number;
  bank: string;
  kecamatan: string | null;
  sektor: string | null;
  skala: string;
  jenis_kelamin: 'L' | 'P';
  skema: string;
  plafon: number;
  tanggal_pencairan: string;
  tanggal_lunas: string | null;
  status: string;
  outstanding: number | null;
  kol: number | null;
  periode_posisi: string | null;
}

export const TANPA_KECAMATAN = '(tanpa kecamatan)';
export const TANPA_SEKTOR = '(tanpa sektor)';

export interface SnapshotFilter {
  bankId?: number | undefined;
}

/** Loans disbursed on or before the end of `periode`, each with its state at that month end. */
export function loanSnapshots(db: Database, periode: string, filter: SnapshotFilter = {}): LoanSnapshot[] {
  const monthEnd = periodLastDay(periode);
  const monthStart = `${periode}-01`;
  const rows = db
    .prepare(
      `SELECT l.id, l.debitur_id, l.bank_id, b.nama AS bank, k.nama AS kecamatan, s.nama AS sektor, d.skala, d.jenis_kelamin,
              sk.kode AS skema, l.plafon, l.tanggal_pencairan, l.tanggal_lunas, l.status,
              p.outstanding, p.kol, p.periode AS periode_posisi
       FROM pinjaman l
       JOIN debitur d ON d.id = l.debitur_id
       JOIN bank b ON b.id = l.bank_id
       JOIN skema sk ON sk.id = l.skema_id
       LEFT JOIN kecamatan k ON k.id = d.kecamatan_id
       LEFT JOIN sektor s ON s.id = d.sektor_id
       LEFT JOIN posisi_bank p ON p.pinjaman_id = l.id
            AND p.periode = (SELECT max(periode) FROM posisi_bank WHERE pinjaman_id = l.id AND periode <= @periode)
       WHERE l.tanggal_pencairan IS NOT NULL AND l.tanggal_pencairan <= @monthEnd
         AND l.status NOT IN ('diajukan', 'disetujui', 'ditolak')
         AND (@bankId IS NULL OR l.bank_id = @bankId)
       ORDER BY l.id`,
    )
    .all({ periode, monthEnd, bankId: filter.bankId ?? null }) as Row[];

  return rows.map((r) => {
    const paidOff = r.tanggal_lunas !== null && r.tanggal_lunas <= monthEnd;
    const base = {
      id: r.id,
      debiturId: r.debitur_id,
      bankId: r.bank_id,
      bank: r.bank,
      kecamatan: r.kecamatan ?? TANPA_KECAMATAN,
      sektor: r.sektor ?? TANPA_SEKTOR,
      skala: r.skala,
      jenisKelamin: r.jenis_kelamin,
      skema: r.skema,
      plafon: r.plafon,
      tanggalPencairan: r.tanggal_pencairan,
      tanggalLunas: r.tanggal_lunas,
      status: r.status,
      baru: r.tanggal_pencairan >= monthStart,
      lunasBulanIni: paidOff && r.tanggal_lunas! >= monthStart,
      berjalan: !paidOff,
    };
    if (paidOff) return { ...base, outstanding: 0, kol: r.kol ?? 1, sumber: 'lunas' as const, periodePosisi: r.periode_posisi };
    if (r.outstanding !== null) {
      return { ...base, outstanding: r.outstanding, kol: r.kol ?? 1, sumber: r.periode_posisi === periode ? ('posisi' as const) : ('posisi_lama' as const), periodePosisi: r.periode_posisi };
    }
    return { ...base, outstanding: scheduledOutstanding(db, r.id, monthEnd), kol: 1, sumber: 'jadwal' as const, periodePosisi: null };
  });
}

/** The schedule's outstanding of a loan on a date (after restructurings), as the loan page computes it. */
export function scheduledOutstanding(db: Database, loanId: number, date: string): number {
  const loan = loansRepo.getLoan(db, loanId) as Loan;
  const scheme = getScheme(db, loan.skemaId)!;
  const schedule = loanSchedule(
    { ...loan, tanggalPencairan: loan.tanggalPencairan ?? loan.tanggalAkad, metodeBunga: scheme.metodeBunga, pembulatan: scheme.pembulatan },
    loansRepo.listRestructurings(db, loanId),
  );
  return scheduledOutstandingOn(schedule, date);
}

/** Integer sums per group key, in first-seen order. */
export function groupSums<T, K extends string>(items: readonly T[], key: (t: T) => string, fields: Record<K, (t: T) => number>): Map<string, Record<K, number>> {
  const out = new Map<string, Record<K, number>>();
  for (const item of items) {
    const k = key(item);
    let acc = out.get(k);
    if (!acc) {
      acc = Object.fromEntries(Object.keys(fields).map((f) => [f, 0])) as Record<K, number>;
      out.set(k, acc);
    }
    for (const f of Object.keys(fields) as K[]) acc[f] += fields[f](item);
  }
  return out;
}
