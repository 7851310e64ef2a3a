/**
 * Payment history (issue 13, item 2): subsidy already paid before the app — per row a loan (by
 * account number at the bank), a month, an amount, the SP2D number and date — recorded so that
 * "never paid twice" knows the past: each row becomes a paid loan-month (periode_dibayar), so the
 * run says "already paid", a claim of that month is ganda, and one person's month counts against
 * the person-month limit (migration 0016_person_month_guard).
 *
 * Storage (migration 0017_payment_history): per SP2D one claim marked sumber = 'riwayat', already paid, whose
 * lines are the rows, and the SP2D as a payment. Realisation: the SP2D counts against the
 * subsidi_bunga budget line of its date's year (the one the loans' scheme names, else the year's
 * only line); a year without a recorded budget line counts in none. The remaining pagu does not
 * refuse history (the money was paid).
 *
 * Row by row: a refused row is listed with its reason (Indonesian) and not written; the others
 * are. An SP2D's recorded amount is the sum of its rows written.
 */
import type { Database } from '../../../database/connection';
import { appendAudit } from '../../../database/repositories/audit';
import { getBank } from '../../../database/repositories/banks';
import {
  bankLoansByAccount,
  findPaymentBySp2d,
  insertHistoricPayment,
  paidMonthsOfBank,
  subsidyBudgetLinesOfYear,
  type HistoricLineRecord,
} from '../../../database/repositories/payments';
import { formatDateShort, formatPeriod } from '../../domain/format';
import { isIsoDate, isPeriod, periodLastDay } from '../../domain/loan/dates';
import { closedAmong } from '../closing/guard';
import type { ServiceContext } from '../context';
import { notFound } from '../errors';
import { monthTakenText, personMonthConflicts } from './person-month';

/** One row of a history file, as the import read it. */
export interface HistoricPaymentRow {
  /** Row number in the file, for the messages. */
  baris: number;
  nomorRekening: string;
  periode: string;
  jumlah: number;
  nomorSp2d: string | null;
  tanggalSp2d: string | null;
  nik?: string | null;
  nama?: string | null;
}

export interface HistoryRefusal {
  baris: number;
  /** The field the reason is about (null: the row as a whole). */
  kolom: 'nomorRekening' | 'periode' | 'jumlah' | 'nomorSp2d' | 'tanggalSp2d' | 'nik' | null;
  pesan: string;
}

export interface HistoricSp2d {
  nomorSp2d: string;
  tanggalSp2d: string;
  /** Budget line the SP2D is realised against (null: no subsidy line recorded for its year). */
  paguId: number | null;
  lines: HistoricLineRecord[];
}

export interface HistoryCheck {
  sp2d: HistoricSp2d[];
  ditolak: HistoryRefusal[];
}

export interface HistoryResult {
  jumlahBaris: number;
  total: number;
  pembayaran: { nomorSp2d: string; tanggalSp2d: string; jumlah: number; baris: number; tagihanId: number; pembayaranId: number; paguId: number | null }[];
  ditolak: HistoryRefusal[];
}

interface Pending {
  row: HistoricPaymentRow;
  line: HistoricLineRecord;
  skemaId: number;
  nomorSp2d: string;
  tanggalSp2d: string;
}

/**
 * Checks the rows without writing: what would be recorded, grouped by SP2D, and each refused
 * row with its reason. The import's preview shows this; recordHistoricPayments writes it.
 */
export function checkHistoricPayments(db: Database, bankId: number, rows: readonly HistoricPaymentRow[], today: string): HistoryCheck {
  const bank = getBank(db, bankId);
  if (!bank) throw notFound('Bank mitra');
  const ditolak: HistoryRefusal[] = [];
  const refuse = (row: HistoricPaymentRow, kolom: HistoryRefusal['kolom'], pesan: string) => ditolak.push({ baris: row.baris, kolom, pesan });

  const loans = bankLoansByAccount(db, bankId);
  const periods = rows
    .map((r) => r.periode)
    .filter((p) => isPeriod(p))
    .sort();
  const paid = periods.length === 0 ? new Map<string, string | null>() : paidMonthsOfBank(db, bankId, periods[0]!, periods.at(-1)!);
  const closed = new Set(
    closedAmong(
      db,
      rows.flatMap((r) => (r.tanggalSp2d && isIsoDate(r.tanggalSp2d) ? [r.tanggalSp2d.slice(0, 7)] : [])),
    ),
  );
  const firstOfMonth = new Map<string, number>();
  const sp2dDate = new Map<string, { tanggal: string; baris: number }>();
  const recorded = new Map<string, { tanggal_sp2d: string } | null>();

  const pending: Pending[] = [];
  for (const row of rows) {
    const rekening = row.nomorRekening.trim();
    if (!rekening) {
      refuse(row, 'nomorRekening', 'Nomor rekening wajib diisi');
      continue;
    }
    if (!isPeriod(row.periode)) {
      refuse(row, 'periode', `Periode "${row.periode}" bukan bulan yang sah (misalnya 2024-03)`);
      continue;
    }
    if (!Number.isSafeInteger(row.jumlah) || row.jumlah <= 0) {
      refuse(row, 'jumlah', 'Jumlah subsidi harus rupiah bulat lebih dari 0');
      continue;
    }
    const nomorSp2d = row.nomorSp2d?.trim() ?? '';
    if (!nomorSp2d) {
      refuse(row, 'nomorSp2d', 'Nomor SP2D wajib diisi');
      continue;
    }
    const tanggal = row.tanggalSp2d ?? '';
    if (!isIsoDate(tanggal)) {
      refuse(row, 'tanggalSp2d', tanggal ? `Tanggal SP2D "${tanggal}" tidak sah` : 'Tanggal SP2D wajib diisi');
      continue;
    }
    const bulan = formatPeriod(row.periode);
    if (tanggal <= periodLastDay(row.periode)) {
      refuse(row, 'tanggalSp2d', `Tanggal SP2D ${formatDateShort(tanggal)} tidak sesudah bulan ${bulan}: subsidi sebulan dibayar sesudah bulan itu berakhir`);
      continue;
    }
    if (tanggal > today) {
      refuse(row, 'tanggalSp2d', `Tanggal SP2D ${formatDateShort(tanggal)} masih di masa depan`);
      continue;
    }
    if (closed.has(tanggal.slice(0, 7))) {
      refuse(row, 'tanggalSp2d', `Tanggal SP2D ${formatDateShort(tanggal)} jatuh pada bulan ${formatPeriod(tanggal.slice(0, 7))} yang sudah ditutup (tutup buku)`);
      continue;
    }
    const loan = loans.get(rekening);
    if (!loan) {
      refuse(row, 'nomorRekening', `Rekening ${rekening} tidak terdaftar pada ${bank.nama}`);
      continue;
    }
    const nik = row.nik?.trim() ?? '';
    if (nik && nik !== loan.nik) {
      refuse(row, 'nik', `NIK ${nik} bukan NIK debitur rekening ${rekening} (${loan.nama}, NIK ${loan.nik})`);
      continue;
    }
    if (loan.tanggalPencairan === null || loan.tanggalPencairan > periodLastDay(row.periode)) {
      refuse(
        row,
        'periode',
        loan.tanggalPencairan === null
          ? `Pinjaman rekening ${rekening} belum dicairkan: tidak ada subsidi untuk bulan ${bulan}`
          : `Pinjaman rekening ${rekening} baru dicairkan ${formatDateShort(loan.tanggalPencairan)}: tidak ada subsidi untuk bulan ${bulan}`,
      );
      continue;
    }
    const key = `${loan.id}|${row.periode}`;
    if (paid.has(key)) {
      const by = paid.get(key);
      refuse(row, 'periode', `Bulan ${bulan} rekening ${rekening} sudah dibayar${by ? ` (SP2D ${by})` : ''}`);
      continue;
    }
    const earlier = firstOfMonth.get(key);
    if (earlier !== undefined) {
      refuse(row, 'periode', `Bulan ${bulan} rekening ${rekening} sudah ada pada baris ${earlier} berkas ini`);
      continue;
    }
    if (!recorded.has(nomorSp2d)) recorded.set(nomorSp2d, findPaymentBySp2d(db, nomorSp2d));
    const before = recorded.get(nomorSp2d);
    if (before) {
      refuse(row, 'nomorSp2d', `SP2D nomor ${nomorSp2d} sudah dicatat (tanggal ${formatDateShort(before.tanggal_sp2d)})`);
      continue;
    }
    const same = sp2dDate.get(nomorSp2d);
    if (same && same.tanggal !== tanggal) {
      refuse(row, 'tanggalSp2d', `SP2D nomor ${nomorSp2d} bertanggal ${formatDateShort(same.tanggal)} pada baris ${same.baris}, bukan ${formatDateShort(tanggal)}`);
      continue;
    }
    if (!same) sp2dDate.set(nomorSp2d, { tanggal, baris: row.baris });
    firstOfMonth.set(key, row.baris);
    pending.push({
      row,
      skemaId: loan.skemaId,
      nomorSp2d,
      tanggalSp2d: tanggal,
      line: { nomorBaris: row.baris, pinjamanId: loan.id, periode: row.periode, nomorRekening: rekening, nik: loan.nik, nama: row.nama?.trim() || loan.nama, jumlah: row.jumlah },
    });
  }

  // One person, one subsidy per month: against the months paid (any bank) and the rows before.
  const blocked = new Set<Pending>();
  for (const c of personMonthConflicts(
    db,
    pending.map((p) => ({ pinjamanId: p.line.pinjamanId, periode: p.line.periode, p })),
  )) {
    blocked.add(c.candidate.p);
    refuse(c.candidate.p.row, 'periode', `${formatPeriod(c.candidate.p.line.periode)}: ${monthTakenText(c.block, 'berkas')}`);
  }

  // Group by SP2D (in file order) and find each one's budget line.
  const groups = new Map<string, { tanggal: string; rows: Pending[] }>();
  for (const p of pending) {
    if (blocked.has(p)) continue;
    const g = groups.get(p.nomorSp2d);
    if (g) g.rows.push(p);
    else groups.set(p.nomorSp2d, { tanggal: p.tanggalSp2d, rows: [p] });
  }
  const linesOfYear = new Map<number, ReturnType<typeof subsidyBudgetLinesOfYear>>();
  const sp2d: HistoricSp2d[] = [];
  for (const [nomorSp2d, g] of groups) {
    const year = Number(g.tanggal.slice(0, 4));
    let lines = linesOfYear.get(year);
    if (!lines) linesOfYear.set(year, (lines = subsidyBudgetLinesOfYear(db, year)));
    let paguId: number | null = null;
    if (lines.length === 1) paguId = lines[0]!.id;
    else if (lines.length > 1) {
      const schemes = new Set(g.rows.map((p) => p.skemaId));
      const named = lines.filter((l) => [...schemes].every((s) => l.skemaIds.includes(s)));
      if (named.length !== 1) {
        for (const p of g.rows) {
          refuse(
            p.row,
            'nomorSp2d',
            `SP2D nomor ${nomorSp2d}: tahun ${year} memiliki ${lines.length} pos anggaran subsidi bunga (${lines.map((l) => l.kodeRekening).join(', ')}) dan skema pinjamannya tidak menunjuk tepat satu pos`,
          );
        }
        continue;
      }
      paguId = named[0]!.id;
    }
    sp2d.push({ nomorSp2d, tanggalSp2d: g.tanggal, paguId, lines: g.rows.map((p) => p.line) });
  }
  ditolak.sort((a, b) => a.baris - b.baris);
  return { sp2d, ditolak };
}

/**
 * Records a bank's payment history in one transaction (the caller's, when inside one): every
 * accepted row as a paid loan-month of its SP2D, one audit entry per SP2D. Returns what was
 * written and every refused row with its reason.
 */
export function recordHistoricPayments(ctx: ServiceContext, bankId: number, rows: readonly HistoricPaymentRow[], imporId: number | null): HistoryResult {
  const { db } = ctx;
  return db.transaction((): HistoryResult => {
    const check = checkHistoricPayments(db, bankId, rows, ctx.today());
    const pembayaran: HistoryResult['pembayaran'] = [];
    for (const s of check.sp2d) {
      const written = insertHistoricPayment(db, { bankId, imporId, dibuatOleh: ctx.user, nomorSp2d: s.nomorSp2d, tanggalSp2d: s.tanggalSp2d, paguId: s.paguId, lines: s.lines });
      const entry = {
        nomorSp2d: s.nomorSp2d,
        tanggalSp2d: s.tanggalSp2d,
        jumlah: written.total,
        baris: s.lines.length,
        tagihanId: written.tagihanId,
        pembayaranId: written.pembayaranId,
        paguId: s.paguId,
      };
      pembayaran.push(entry);
      appendAudit(db, {
        user: ctx.user,
        action: 'impor',
        entity: 'pembayaran',
        entityId: written.pembayaranId,
        after: { sumber: 'riwayat', bankId, imporId, ...entry, periode: [...new Set(s.lines.map((l) => l.periode))].sort() },
      });
    }
    return {
      jumlahBaris: pembayaran.reduce((n, p) => n + p.baris, 0),
      total: pembayaran.reduce((n, p) => n + p.jumlah, 0),
      pembayaran,
      ditolak: check.ditolak,
    };
  })();
}
