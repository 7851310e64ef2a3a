/**
 * The checks on parsed rows that need the database: does the account belong to this bank's
 * loans (or this insurer's premiums), is the month closed, would the position be refused on the
 * form, is the premium already invoiced or paid — and, over the whole file, does it look like
 * another bank's (or insurer's) file. Run when the preview job ends and again inside the commit's
 * transaction (the data may have changed in between).
 */
import type { Database } from '../../../database/connection';
import * as repo from '../../../database/repositories/imports';
import type { ImportKind, ImportPreviewResult, ImportProblem } from '../../contract/imports';
import { formatPeriod, formatRupiah } from '../../domain/format';
import { closedAmong } from '../closing/guard';
import { positionRefusal } from '../loans/position-checks';
import type { ParseOutcome, RecordValues } from './parse/rows';
import { accountDigits } from './parse/values';

export interface CheckTarget {
  jenis: ImportKind;
  bankId: number | null;
  penjaminId: number | null;
  namaBerkas: string;
  pemetaan: Record<string, string>;
  /** The current month (YYYY-MM): later periods are refused. */
  bulanIni: string;
}

/** A row ready to write: its values (account number as the loan has it) and what it refers to. */
export interface CheckedRow {
  baris: number;
  values: RecordValues;
  galat: boolean;
  pinjamanId: number | null;
  premiId: number | null;
}

export interface Checked {
  rows: CheckedRow[];
  problems: ImportProblem[];
  fileProblems: string[];
}

/** Same digits, leading zeros aside: how '12300045' finds '0012300045' after Excel dropped the zeros. */
const looseKey = (s: string) => accountDigits(s).replace(/^0+/, '');

function indexBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === '') continue;
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(it);
  }
  return out;
}

/** Finds an account among candidates: exactly, else by digits when that names exactly one. */
function finder<T extends { nomorRekening: string }>(items: T[]) {
  const exact = indexBy(items, (i) => i.nomorRekening);
  const loose = indexBy(items, (i) => looseKey(i.nomorRekening));
  return (account: string): { found: T[]; loose: boolean } => {
    const e = exact.get(account);
    if (e) return { found: e, loose: false };
    const l = loose.get(looseKey(account)) ?? [];
    return { found: l, loose: l.length > 0 };
  };
}

export function checkRows(db: Database, t: CheckTarget, outcome: ParseOutcome): Checked {
  const problems: ImportProblem[] = outcome.problems.map((p) => ({ berkas: t.namaBerkas, ...p }));
  const fileProblems = [...outcome.fileProblems];
  const col = (field: string) => t.pemetaan[field] ?? null;
  const err = (baris: number, field: string, pesan: string): ImportProblem => ({ berkas: t.namaBerkas, baris, kolom: col(field), pesan, tingkat: 'galat' });
  const warn = (baris: number, field: string, pesan: string): ImportProblem => ({ berkas: t.namaBerkas, baris, kolom: col(field), pesan, tingkat: 'peringatan' });
  const rows: CheckedRow[] = outcome.rows.map((r) => ({ baris: r.baris, values: { ...r.values }, galat: r.galat, pinjamanId: null, premiId: null }));
  const fail = (row: CheckedRow, field: string, pesan: string) => {
    problems.push(err(row.baris, field, pesan));
    row.galat = true;
  };

  // Periods after this month cannot have been reported or claimed yet.
  for (const row of rows) {
    const p = row.values.periode;
    if (!row.galat && typeof p === 'string' && p > t.bulanIni) fail(row, 'periode', `Periode ${formatPeriod(p)} belum berjalan`);
  }

  if (t.jenis === 'premi') checkPremiums(db, t, rows, fail, warn, problems, fileProblems);
  else checkLoans(db, t, rows, fail, warn, problems, fileProblems);

  problems.sort((a, b) => (a.baris ?? 0) - (b.baris ?? 0));
  return { rows, problems, fileProblems };
}

type Fail = (row: CheckedRow, field: string, pesan: string) => void;

/**
 * The sender a file most likely came from instead of the one chosen: the other sender with the
 * most of the file's account numbers, when it holds at least half of them and the chosen sender
 * fewer than half. `hits` counts the rows per other sender; `withAccount` the rows with an account.
 */
function likelyOtherSender(hits: Map<number, number>, withAccount: number, ours: number): { id: number; count: number } | null {
  const [id, count] = [...hits.entries()].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
  return id !== null && withAccount > 0 && ours * 2 < withAccount && count * 2 >= withAccount ? { id, count } : null;
}
type Warn = (baris: number, field: string, pesan: string) => ImportProblem;

function checkLoans(db: Database, t: CheckTarget, rows: CheckedRow[], fail: Fail, warn: Warn, problems: ImportProblem[], fileProblems: string[]): void {
  const banks = repo.bankNames(db);
  const bankName = banks.get(t.bankId ?? -1) ?? 'bank ini';
  const all = repo.loansForImport(db);
  const inBank = finder(all.filter((l) => l.bankId === t.bankId));
  const anywhere = finder(all);
  const otherBankHits = new Map<number, number>();
  let withAccount = 0;
  let ours = 0;
  const seen = new Map<string, number>();
  const closed = new Set(closedAmong(db, [...new Set(rows.map((r) => r.values.periode).filter((p): p is string => typeof p === 'string'))]));

  for (const row of rows) {
    const account = row.values.nomorRekening;
    if (typeof account !== 'string') continue;
    withAccount++;
    const { found, loose } = inBank(account);
    const loan = found.length === 1 ? found[0]! : null;
    if (loan) {
      ours++;
      row.pinjamanId = loan.id;
      if (loose) {
        problems.push(warn(row.baris, 'nomorRekening', `Nomor rekening "${account}" dibaca sebagai ${loan.nomorRekening} (angka nol di depan hilang atau tanda baca berbeda)`));
        row.values.nomorRekening = loan.nomorRekening;
      }
    } else {
      const elsewhere = anywhere(account).found.filter((l) => l.bankId !== t.bankId);
      for (const b of new Set(elsewhere.map((l) => l.bankId))) otherBankHits.set(b, (otherBankHits.get(b) ?? 0) + 1);
    }

    if (t.jenis === 'tagihan') {
      if (!loan && !row.galat) {
        problems.push(
          warn(row.baris, 'nomorRekening', found.length > 1 ? `Nomor rekening "${account}" cocok dengan lebih dari satu pinjaman ${bankName}` : `Nomor rekening "${account}" bukan pinjaman ${bankName} yang terdaftar; rekonsiliasi akan menandainya`),
        );
      }
      continue;
    }

    // Bank positions are written as they are: each must be a loan of this bank, as on the form.
    if (row.galat) continue;
    if (!loan) {
      fail(row, 'nomorRekening', found.length > 1 ? `Nomor rekening "${account}" cocok dengan lebih dari satu pinjaman ${bankName}` : `Nomor rekening "${account}" bukan pinjaman ${bankName}`);
      continue;
    }
    const periode = row.values.periode as string;
    const outstanding = row.values.outstanding as number;
    const refusal = positionRefusal(loan, { periode, outstanding });
    if (refusal) {
      fail(row, refusal.field, refusal.message);
      continue;
    }
    if (closed.has(periode)) {
      fail(row, 'periode', `Bulan ${formatPeriod(periode)} sudah ditutup (tutup buku); posisinya tidak dapat diubah`);
      continue;
    }
    const key = `${loan.id}|${periode}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(row, 'nomorRekening', `Posisi rekening ini untuk ${formatPeriod(periode)} sudah ada di baris ${first}`);
      continue;
    }
    seen.set(key, row.baris);
  }

  const other = likelyOtherSender(otherBankHits, withAccount, ours);
  if (other) {
    const otherName = banks.get(other.id) ?? 'bank lain';
    fileProblems.push(
      `Berkas ini tampaknya berkas ${otherName}, bukan ${bankName}: ${other.count} dari ${withAccount} nomor rekening adalah pinjaman ${otherName}, hanya ${ours} pinjaman ${bankName}. Periksa pilihan bank.`,
    );
  }
}

function checkPremiums(db: Database, t: CheckTarget, rows: CheckedRow[], fail: Fail, _warn: Warn, problems: ImportProblem[], fileProblems: string[]): void {
  const names = repo.insurerNames(db);
  const name = names.get(t.penjaminId ?? -1) ?? 'penjamin ini';
  const all = repo.premiumsForImport(db);
  const mine = finder(all.filter((p) => p.penjaminId === t.penjaminId));
  const anywhere = finder(all);
  const otherHits = new Map<number, number>();
  let withAccount = 0;
  let ours = 0;
  const seen = new Map<number, number>();
  for (const row of rows) {
    const account = row.values.nomorRekening;
    if (typeof account !== 'string') continue;
    withAccount++;
    const { found, loose } = mine(account);
    if (found.length === 0) {
      for (const p of new Set(anywhere(account).found.filter((p) => p.penjaminId !== t.penjaminId).map((p) => p.penjaminId))) otherHits.set(p, (otherHits.get(p) ?? 0) + 1);
    } else ours++;
    if (row.galat) continue;
    if (found.length === 0) {
      fail(row, 'nomorRekening', `Nomor rekening "${account}" tidak ada di antara premi yang dijamin ${name}`);
      continue;
    }
    if (found.length > 1) {
      fail(row, 'nomorRekening', `Nomor rekening "${account}" ada pada pinjaman di lebih dari satu bank; tidak dapat dipastikan premi yang mana`);
      continue;
    }
    const premi = found[0]!;
    if (loose) {
      problems.push({ berkas: t.namaBerkas, baris: row.baris, kolom: t.pemetaan.nomorRekening ?? null, pesan: `Nomor rekening "${account}" dibaca sebagai ${premi.nomorRekening}`, tingkat: 'peringatan' });
      row.values.nomorRekening = premi.nomorRekening;
    }
    if (premi.status === 'dibayar') {
      fail(row, 'nomorRekening', 'Premi pinjaman ini sudah dibayar');
      continue;
    }
    if (premi.status === 'ditagih') {
      fail(row, 'nomorRekening', `Premi pinjaman ini sudah ditagih${premi.nomorTagihan ? ` dengan nomor tagihan ${premi.nomorTagihan}` : ''}`);
      continue;
    }
    const nilai = row.values.nilaiPremi as number;
    if (nilai !== premi.jumlah) {
      fail(row, 'nilaiPremi', `Nilai premi di berkas ${formatRupiah(nilai)} berbeda dengan premi terhitung ${formatRupiah(premi.jumlah)}`);
      continue;
    }
    const first = seen.get(premi.id);
    if (first !== undefined) {
      fail(row, 'nomorRekening', `Premi rekening ini sudah ada di baris ${first}`);
      continue;
    }
    seen.set(premi.id, row.baris);
    row.premiId = premi.id;
    row.pinjamanId = premi.pinjamanId;
  }
  const other = likelyOtherSender(otherHits, withAccount, ours);
  if (other) {
    const otherName = names.get(other.id) ?? 'penjamin lain';
    fileProblems.push(`Berkas ini tampaknya tagihan ${otherName}, bukan ${name}: ${other.count} dari ${withAccount} nomor rekening dijamin ${otherName}. Periksa pilihan penjamin.`);
  }
}

/** The money a valid row carries, by kind. */
export function amountOf(jenis: ImportKind, v: RecordValues): number {
  const n = jenis === 'tagihan' ? v.diklaim : jenis === 'posisi' ? v.outstanding : v.nilaiPremi;
  return typeof n === 'number' ? n : 0;
}

export function summarize(
  jenis: ImportKind,
  namaBerkas: string,
  outcome: Pick<ParseOutcome, 'skipped' | 'emptyRows'>,
  checked: Checked,
  sebelumnya: ImportPreviewResult['sebelumnya'],
): ImportPreviewResult {
  const valid = checked.rows.filter((r) => !r.galat);
  const periods = valid.map((r) => r.values.periode).filter((p): p is string => typeof p === 'string').sort();
  let total = 0;
  for (const r of valid) total += amountOf(jenis, r.values);
  return {
    jenis,
    namaBerkas,
    jumlahBaris: checked.rows.length,
    jumlahValid: valid.length,
    jumlahGalat: checked.rows.length - valid.length,
    jumlahPeringatan: checked.problems.filter((p) => p.tingkat === 'peringatan').length,
    dilewati: outcome.skipped,
    jumlahKosong: outcome.emptyRows,
    masalahBerkas: checked.fileProblems,
    totalNilai: total,
    periodeAwal: periods[0] ?? null,
    periodeAkhir: periods.at(-1) ?? null,
    masalah: checked.problems.slice(0, 100),
    jumlahMasalah: checked.problems.length,
    contohValid: valid.slice(0, 10).map((r) => ({ baris: r.baris, ...r.values })),
    sebelumnya,
    bisaDisimpan: checked.fileProblems.length === 0 && valid.length > 0,
  };
}
