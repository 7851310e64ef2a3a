/**
 * The subsidy run: for a bank and one or more months, the expected subsidy line of every loan
 * with its working, or the reason it earns nothing. Reads the database, computes with the pure
 * loan engine, writes nothing.
 *
 * Built for a province's 100,000 loans: the loans, their positions and paid months are streamed
 * in account order from three prepared statements (the loans with their first months and decree
 * lines, a range's later positions, its later paid months; only the columns needed, no Map per loan);
 * each loan's schedule is kept in outline (domain/loan/outline.ts: maturity, the principal owed
 * on a day, the instalment of a month) instead of a row per instalment; the working is computed
 * in exact integers that reproduce the decimal.js results digit for digit (domain/loan/exact.ts).
 * reference.ts is the same run written plainly over the full schedule; the tests compare the two
 * line by line.
 */
import type { Database } from '../../../database/connection';
import type { Restructuring, Scheme, SubsidyLine, SubsidyRun, SubsidySegment } from '../../contract';
import * as loansRepo from '../../../database/repositories/loans';
import { getBank } from '../../../database/repositories/banks';
import { getScheme } from '../../../database/repositories/schemes';
import { decreeEntryNamer } from '../../../database/repositories/decrees';
import { checkDecree, type DecreeEntry } from '../../domain/decree';
import {
  INELIGIBILITY_LABELS,
  computeSubsidy,
  dateParts,
  daysInMonth,
  parsePeriod,
  periodEndExclusive,
  periodFirstDay,
  periodLastDay,
  periodsBetween,
  previousPeriod,
  subsidizedRatePercent,
  type IneligibilityReason,
} from '../../domain/loan';
import { divRound, pow10, quotient40, quotientRupiah, quotientText, quotientTextRupiah, scaled } from '../../domain/loan/exact';
import { dateInMonth, outlineClosing, outlineMaturityDate, outlineMaturityMonth, outlineSchedule, restructureOutline, type ScheduleOutline } from '../../domain/loan/outline';
import { paidMonthsOfSharedDebtors } from '../../../database/repositories/payments';
import { notFound } from '../errors';
import { subsidyTerms, termsOn } from '../loans/engine';
import { PersonMonthLedger, personMonthLine } from './person-month';

export interface RunRequest {
  bankId: number;
  periodeAwal: string;
  periodeAkhir: string;
}

/** A month of the run, its dates worked out once for every loan. */
export interface RunPeriod {
  periode: string;
  year: number;
  /** year × 12 + month − 1 */
  monthIndex: number;
  first: string;
  last: string;
  endEx: string;
  /** Days in the month. */
  days: number;
  /** 'YYYY-MM-' */
  prefix: string;
}

export function runPeriod(periode: string): RunPeriod {
  const { year, month } = parsePeriod(periode);
  return {
    periode,
    year,
    monthIndex: year * 12 + month - 1,
    first: periodFirstDay(periode),
    last: periodLastDay(periode),
    endEx: periodEndExclusive(periode),
    days: daysInMonth(year, month),
    prefix: `${periode}-`,
  };
}

/** What the bank reported for a loan and month. */
export interface RunPosition {
  outstanding: number;
  kol: number;
  angsuranDibayar: boolean;
}

/** A loan as the run needs it; `outline` is its schedule in force (with restructurings). */
export interface RunLoan {
  id: number;
  nomorRekening: string;
  debiturNama: string;
  nik: string;
  skemaKode: string;
  tanggalPencairan: string | null;
  tanggalLunas: string | null;
  plafon: number;
  bungaBankPersen: string;
  bungaDebiturPersen: string;
  budgetYear: number;
  scheme: Scheme;
  restructurings: readonly Restructuring[];
  claimDate: string | null;
  /** The double-financing warning of every line of the loan, or null. */
  warning: string | null;
  /** The recipient decree's warning of every line of the loan (not named for its bank and unit, plafon above), or null. */
  decreeWarning: string | null;
  /** The scheme stops the payment: the loan is not named in a decree for its bank and unit. */
  decreeExcluded: boolean;
  outline: ScheduleOutline;
  /** year × 12 + month − 1 and day of the disbursement (−1 when not disbursed). */
  disbursementMonth: number;
  disbursementDay: number;
  /** Day of month of the payoff date (0 when running). */
  payoffDay: number;
  /** year × 12 + month − 1 of the last instalment. */
  maturityMonth: number;
  /** The line rate when the loan's own rates hold throughout (no restructuring), once found. */
  ownRate: LineRate | null;
}

interface LineRate {
  text: string;
  int: bigint;
  intNumber: number | null;
  scale: number;
  /** Too many decimals for the integer working: computeSubsidy does the line. */
  general: boolean;
}

/**
 * Subsidised rates by scheme object, then the bank's and the debtor's rate texts: a handful of
 * distinct values in a whole run, and no key text built per loan (the projection asks once for
 * each of its ~77,000 running loans at 100,000). A scheme's own map goes with the scheme object.
 */
const lineRatesByScheme = new WeakMap<Scheme, Map<string, Map<string, LineRate>>>();

function lineRate(scheme: Scheme, bank: string, debtor: string): LineRate {
  let byBank = lineRatesByScheme.get(scheme);
  if (!byBank) lineRatesByScheme.set(scheme, (byBank = new Map()));
  let byDebtor = byBank.get(bank);
  if (!byDebtor) {
    if (byBank.size >= 1_000) byBank.clear();
    byBank.set(bank, (byDebtor = new Map()));
  }
  let hit = byDebtor.get(debtor);
  if (!hit) {
    if (byDebtor.size >= 1_000) byDebtor.clear();
    const s = scaled(subsidizedRatePercent(subsidyTerms(scheme, { bungaBankPersen: bank, bungaDebiturPersen: debtor })));
    byDebtor.set(debtor, (hit = { text: s.text, int: s.int, intNumber: s.intNumber, scale: s.scale, general: s.scale > 12 }));
  }
  return hit;
}

/** A loan's schedule outline with its restructurings applied in order (a new tenor and/or rate from each one's date). */
export function withRestructurings(outline: ScheduleOutline, restructurings: readonly Restructuring[]): ScheduleOutline {
  for (const r of restructurings) {
    outline = restructureOutline(outline, r.berlakuMulai, {
      ...(r.tenorBulan === null ? {} : { newTenorMonths: r.tenorBulan }),
      ...(r.bungaBankPersen === null ? {} : { newAnnualRatePercent: r.bungaBankPersen }),
    });
  }
  return outline;
}

/** Builds the run's view of a loan; throws as loanSchedule would on terms it cannot schedule. */
export function runLoan(
  fields: Omit<RunLoan, 'outline' | 'maturityMonth' | 'ownRate' | 'disbursementMonth' | 'disbursementDay' | 'payoffDay' | 'decreeWarning' | 'decreeExcluded'> & {
    tenorBulan: number;
    tanggalAngsuranPertama: string | null;
    decreeWarning?: string | null;
    decreeExcluded?: boolean;
  },
  disbursement: string,
): RunLoan {
  const { scheme } = fields;
  const outline = withRestructurings(
    outlineSchedule({
      plafon: fields.plafon,
      tenorMonths: fields.tenorBulan,
      annualRatePercent: fields.bungaBankPersen,
      method: scheme.metodeBunga,
      disbursementDate: disbursement,
      // firstDueDate(): one month after disbursement unless the agreement says otherwise.
      firstDueDate: fields.tanggalAngsuranPertama ?? oneMonthAfter(disbursement),
      rounding: scheme.pembulatan,
    }),
    fields.restructurings,
  );
  const disbursed = fields.tanggalPencairan === null ? null : dateParts(fields.tanggalPencairan);
  return {
    id: fields.id,
    nomorRekening: fields.nomorRekening,
    debiturNama: fields.debiturNama,
    nik: fields.nik,
    skemaKode: fields.skemaKode,
    tanggalPencairan: fields.tanggalPencairan,
    tanggalLunas: fields.tanggalLunas,
    plafon: fields.plafon,
    bungaBankPersen: fields.bungaBankPersen,
    bungaDebiturPersen: fields.bungaDebiturPersen,
    budgetYear: fields.budgetYear,
    scheme,
    restructurings: fields.restructurings,
    claimDate: fields.claimDate,
    warning: fields.warning,
    decreeWarning: fields.decreeWarning ?? null,
    decreeExcluded: fields.decreeExcluded ?? false,
    outline,
    disbursementMonth: disbursed === null ? -1 : disbursed.year * 12 + disbursed.month - 1,
    disbursementDay: disbursed === null ? 0 : disbursed.day,
    payoffDay: fields.tanggalLunas === null ? 0 : dateParts(fields.tanggalLunas).day,
    maturityMonth: outlineMaturityMonth(outline),
    ownRate: null,
  };
}

function oneMonthAfter(date: string): string {
  const d = dateParts(date);
  return dateInMonth(d.year * 12 + d.month, d.day);
}

/** A loan's few decree entries sorted by their decree line's id. */
function inLineOrder(entries: DecreeEntry[], lineIds: readonly number[]): DecreeEntry[] {
  return entries
    .map((e, i) => [lineIds[i]!, e] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, e]) => e);
}

const NO_RESTRUCTURINGS: readonly Restructuring[] = Object.freeze([]);
const NO_DECREES: readonly DecreeEntry[] = Object.freeze([]);

export function computeSubsidyRun(db: Database, req: RunRequest): SubsidyRun {
  const lines: SubsidyLine[] = [];
  const t = forEachRunLine(db, req, (line) => lines.push(line));
  return {
    bankId: t.bankId,
    bankNama: t.bankNama,
    periodeAwal: t.periodeAwal,
    periodeAkhir: t.periodeAkhir,
    lines,
    jumlahLayak: t.jumlahLayak,
    jumlahTidakLayak: t.jumlahTidakLayak,
    total: t.total,
  };
}

/** What a caller of forEachRunLine leaves out of the lines. */
export interface RunLineOptions {
  /**
   * false: the working's unrounded amounts (`tidakDibulatkan` of the line and of its segments)
   * are left as '' (the amount is the same, found without them). The reconciliation needs them
   * only for a line that differs from the claim, and fills them in with `withWorkingTexts`:
   * writing the 40-digit texts of every line was a tenth of its time.
   */
  texts?: boolean;
}

/**
 * The run line by line, in account order, handed to `onLine` as each is computed instead of
 * collected: the reconciliation of a 1,000,000-loan province keeps only what the claim needs.
 * Answers the run without its lines.
 */
export function forEachRunLine(db: Database, req: RunRequest, onLine: (line: SubsidyLine) => void, opts: RunLineOptions = {}): Omit<SubsidyRun, 'lines'> {
  const texts = opts.texts ?? true;
  const bank = getBank(db, req.bankId);
  if (!bank) throw notFound('Bank mitra');
  const periods = periodsBetween(req.periodeAwal, req.periodeAkhir).map(runPeriod);
  const window: loansRepo.RunWindow = { bankId: req.bankId, firstDay: periodFirstDay(req.periodeAwal), lastDay: periodEndExclusive(req.periodeAkhir) };
  const restructuringsByLoan = loansRepo.bankRestructurings(db, req.bankId);
  const claimDates = loansRepo.bankClaimDates(db, req.bankId);
  // The recipient decree lines naming each loan's debtor come with the loan's rows (one per line).
  const decreeEntry = decreeEntryNamer(db);
  const schemes = new Map<number, Scheme>();
  const warnings = new Map<number, string>();
  // Debtors with several loans, with their running loans: only they can have another running
  // loan (double financing) or be refused a month another loan holds (one person, one subsidy).
  const shared = loansRepo.sharedDebtorRunningLoans(db);
  const ledger = new PersonMonthLedger(shared.size === 0 ? [] : paidMonthsOfSharedDebtors(db, req.periodeAwal, req.periodeAkhir));

  // Positions of the month before the run and of each run month, by offset (0: the month before),
  // and the months already paid. The first two months come with the loan's row; a range's later
  // months from two more streams in the same loan order.
  const positionOf: (RunPosition | null)[] = new Array<RunPosition | null>(periods.length + 1).fill(null);
  const paidOf: boolean[] = new Array<boolean>(periods.length).fill(false);
  const more = periods.length > 1;
  const offsetOf = new Map<string, number>(periods.map((p, i) => [p.periode, i + 1] as [string, number]));
  const positions = more ? loansRepo.runPositions(db, window, periods[1]!.periode, req.periodeAkhir) : null;
  const paid = more ? loansRepo.runPaidPeriods(db, window, periods[1]!.periode, req.periodeAkhir) : null;
  let pos = positions?.next();
  let pay = paid?.next();
  const lineIds: number[] = [];
  const loanRows = loansRepo.runLoans(db, window, previousPeriod(req.periodeAwal), req.periodeAwal);

  let count = 0;
  let jumlahLayak = 0;
  let total = 0;
  try {
    let next = loanRows.next();
    while (!next.done) {
      const row = next.value;
      const id = row[0];
      // The loan's decree lines: on its row and the rows of the same loan that follow (one per
      // line), in line order as the per-NIK lookup gives them (checkDecree keeps it among equals).
      let decrees: DecreeEntry[] | null = null;
      lineIds.length = 0;
      for (let r = row; ;) {
        if (r[23] !== null) {
          (decrees ??= []).push(decreeEntry(r[24]!, r[25]!, r[26]!, r[27]));
          lineIds.push(r[23]);
        }
        next = loanRows.next();
        if (next.done || next.value[0] !== id) break;
        r = next.value;
      }
      if (decrees !== null && decrees.length > 1) decrees = inLineOrder(decrees, lineIds);
      positionOf[0] = row[16] === null ? null : { outstanding: row[15]!, kol: row[16], angsuranDibayar: row[17] === 1 };
      positionOf[1] = row[19] === null ? null : { outstanding: row[18]!, kol: row[19], angsuranDibayar: row[20] === 1 };
      paidOf[0] = row[21] === 1;
      if (more) {
        for (let i = 2; i < positionOf.length; i++) positionOf[i] = null;
        for (let i = 1; i < paidOf.length; i++) paidOf[i] = false;
        for (; pos && !pos.done && pos.value[0] === id; pos = positions!.next()) {
          const [, periode, outstanding, kol, angsuran] = pos.value;
          const offset = offsetOf.get(periode);
          if (offset !== undefined) positionOf[offset] = { outstanding, kol, angsuranDibayar: angsuran === 1 };
        }
        for (; pay && !pay.done && pay.value[0] === id; pay = paid!.next()) {
          const offset = offsetOf.get(pay.value[1]);
          if (offset !== undefined) paidOf[offset - 1] = true;
        }
      }
      const skemaId = row[2];
      let scheme = schemes.get(skemaId);
      if (!scheme) {
        scheme = getScheme(db, skemaId)!;
        schemes.set(skemaId, scheme);
      }
      // Other running loans of the debtor: all of them, less this one when it is itself running.
      const others = (shared.get(row[1]) ?? row[13]) - row[13];
      let warning: string | null = null;
      if (others > 0) {
        warning = warnings.get(others) ?? `Debitur memiliki ${others} pinjaman bersubsidi lain yang masih berjalan (pembiayaan ganda)`;
        warnings.set(others, warning);
      }
      const verdict = checkDecree({ skemaId, skemaKode: scheme.kode, bankId: req.bankId, cabangId: row[22], tahunAkad: row[6], plafon: row[8] }, decrees ?? NO_DECREES);
      const loan = runLoan(
        {
          id,
          nomorRekening: row[3],
          debiturNama: row[4],
          nik: row[5],
          skemaKode: scheme.kode,
          tanggalPencairan: row[7],
          tanggalLunas: row[14],
          plafon: row[8],
          tenorBulan: row[9],
          bungaBankPersen: row[10],
          bungaDebiturPersen: row[11],
          tanggalAngsuranPertama: row[12],
          budgetYear: row[6],
          scheme,
          restructurings: restructuringsByLoan.get(id) ?? NO_RESTRUCTURINGS,
          claimDate: claimDates.get(id) ?? null,
          warning,
          decreeWarning: verdict.pesan,
          decreeExcluded: verdict.tidakTercantum && scheme.tolakTanpaSk,
        },
        row[7],
      );
      const person = { debiturId: row[1], batas: scheme.maksPinjamanPerOrang, bankNama: bank.nama, shared: shared.has(row[1]) };
      for (let i = 0; i < periods.length; i++) {
        const line = personMonthLine(ledger, runLine(loan, periods[i]!, positionOf[i + 1]!, positionOf[i]!, paidOf[i]!, texts), person);
        onLine(line);
        count++;
        if (line.layak) {
          jumlahLayak++;
          total += line.rincian!.jumlah;
        }
      }
    }
    // Rows left over would mean the statements disagree on the loans or their order.
    if ((pos && !pos.done) || (pay && !pay.done)) throw new Error('Perhitungan subsidi: posisi atau periode dibayar tidak cocok dengan urutan pinjaman');
  } finally {
    positions?.return?.();
    paid?.return?.();
    loanRows.return?.();
  }

  return {
    bankId: bank.id,
    bankNama: bank.nama,
    periodeAwal: req.periodeAwal,
    periodeAkhir: req.periodeAkhir,
    jumlahLayak,
    jumlahTidakLayak: count - jumlahLayak,
    total,
  };
}

/**
 * The first reason a loan-month earns nothing (checkEligibility, same order and words), or null.
 * `assumeInstalment`: the projection's future months, whose instalment is taken as paid.
 */
function ineligibility(loan: RunLoan, p: RunPeriod, position: RunPosition | null, paid: boolean, assumeInstalment = false): [IneligibilityReason, string] | null {
  const scheme = loan.scheme;
  // ISO dates compare as text in calendar order.
  if (loan.tanggalPencairan === null) return ['belum_cair', 'Pinjaman belum dicairkan'];
  if (loan.tanggalPencairan > p.last) return ['belum_cair', `Dicairkan ${loan.tanggalPencairan}, sesudah periode ${p.periode}`];
  if (loan.tanggalLunas !== null && loan.tanggalLunas <= p.first) return ['lunas', `Lunas ${loan.tanggalLunas}`];
  // A period wholly after the maturity date: its month is after the maturity's month.
  if (p.monthIndex > loan.maturityMonth) return ['lewat_jatuh_tempo', `Jatuh tempo ${outlineMaturityDate(loan.outline)}`];
  if (position !== null && position.kol > scheme.kolMaks) return ['kol_melebihi_batas', `Kol ${position.kol}, batas skema kol ${scheme.kolMaks}`];
  if (loan.claimDate !== null && loan.claimDate <= p.last) return ['sudah_klaim_asuransi', `Klaim asuransi ${loan.claimDate}`];
  if (scheme.wajibAngsuran && !(position !== null ? position.angsuranDibayar : assumeInstalment)) {
    return ['tidak_ada_angsuran', position === null ? 'Bank tidak melaporkan angsuran' : 'Bank melaporkan tidak ada angsuran'];
  }
  if (paid) return ['sudah_dibayar', `Periode ${p.periode} sudah dibayar`];
  if (scheme.hanyaTahunAnggaran && p.year !== loan.budgetYear) return ['di_luar_tahun_anggaran', `Periode ${p.periode} di luar tahun anggaran ${loan.budgetYear}`];
  if (loan.decreeExcluded) return ['tidak_tercantum_sk', loan.decreeWarning!];
  return null;
}

/**
 * A month's segments (segmentsFromChanges for the month's one instalment), in days of the month:
 * 1 is the first, `days + 1` the first day of the next month (the exclusive end). Opening from the
 * bank's report of last month or the schedule, the instalment changing it, payoff ending it.
 * Every date involved lies in the month once the line is eligible, so no date is parsed.
 */
interface MonthCut {
  /** Day the loan is active from (disbursement inside the month, else 1). */
  activeFrom: number;
  count: 0 | 1 | 2;
  from0: number;
  to0: number;
  outstanding0: number;
  from1: number;
  to1: number;
  outstanding1: number;
}

function monthCut(loan: RunLoan, p: RunPeriod, position: RunPosition | null, previous: RunPosition | null): MonthCut {
  const o = loan.outline;
  const activeFrom = loan.disbursementMonth === p.monthIndex ? loan.disbursementDay : 1;
  const end = loan.tanggalLunas !== null && loan.tanggalLunas < p.endEx ? loan.payoffDay : p.days + 1;
  const cut: MonthCut = { activeFrom, count: 0, from0: 0, to0: 0, outstanding0: 0, from1: 0, to1: 0, outstanding1: 0 };
  if (activeFrom >= end) return cut;
  // The instalment of this month, if any, falls on the due day clamped to the month's end.
  const m = p.monthIndex - o.firstDueMonth;
  const no = m >= 0 && m < o.periodCount ? m + 1 : 0;
  const dueDay = Math.min(o.firstDueDay, p.days);
  let outstanding: number;
  if (previous !== null && activeFrom === 1) outstanding = previous.outstanding;
  else {
    // outlineOutstandingOn(activeFrom): after every instalment due on or before it.
    const dueBefore = m < 0 ? 0 : m >= o.periodCount ? o.periodCount : dueDay <= activeFrom ? m + 1 : m;
    outstanding = outlineClosing(o, dueBefore);
  }
  let from = activeFrom;
  if (no > 0) {
    // The bank's month-end report, when there is one, is what the principal became after the instalment.
    const after = position !== null ? position.outstanding : outlineClosing(o, no);
    if (dueDay <= from) outstanding = after;
    else if (dueDay < end && outstanding !== 0 && after !== outstanding) {
      cut.count = 1;
      cut.from0 = from;
      cut.to0 = dueDay;
      cut.outstanding0 = outstanding;
      from = dueDay;
      outstanding = after;
    }
  }
  if (outstanding > 0 && from < end) {
    if (cut.count === 0) {
      cut.from0 = from;
      cut.to0 = end;
      cut.outstanding0 = outstanding;
    } else {
      cut.from1 = from;
      cut.to1 = end;
      cut.outstanding1 = outstanding;
    }
    cut.count++;
  }
  return cut;
}

/**
 * Interest days from day `a` to day `b` of a month (b may be days + 1, the next month's first):
 * actual days, or 30E/360, where a whole month is 30 and day 31 counts as 30.
 */
function monthDays(a: number, b: number, p: RunPeriod, rule: Scheme['konvensiHari']): number {
  if (rule !== '30360') return b - a;
  const sb = b === p.days + 1 ? 30 : Math.min(b, 30) - 1;
  return sb - (Math.min(a, 30) - 1);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The ISO date of day `d` of the month (days + 1: the next month's first). */
function dayText(p: RunPeriod, d: number): string {
  if (d === 1) return p.first;
  if (d === p.days + 1) return p.endEx;
  return `${p.prefix}${pad2(d)}`;
}

/** The subsidised rate in force on day `activeFrom` of the month (termsOn, then subsidizedRatePercent). */
function rateInForce(loan: RunLoan, p: RunPeriod, activeFrom: number): LineRate {
  if (loan.restructurings.length === 0) return (loan.ownRate ??= lineRate(loan.scheme, loan.bungaBankPersen, loan.bungaDebiturPersen));
  const terms = termsOn(loan, loan.restructurings, dayText(p, activeFrom));
  return lineRate(loan.scheme, terms.bungaBankPersen, terms.bungaDebiturPersen);
}

interface RateChangeDay {
  /** Day of the month the new rate applies from. */
  day: number;
  rate: LineRate;
}

/**
 * The days strictly inside the month's active stretch on which a restructuring changed the
 * subsidised rate, in order (lineForReference's rateChanges). Empty for nearly every loan-month.
 */
function rateChangesIn(loan: RunLoan, p: RunPeriod, cut: MonthCut, rate: LineRate): RateChangeDay[] {
  if (loan.restructurings.length === 0 || cut.count === 0) return NO_CHANGES;
  const from = cut.from0;
  const end = cut.count === 2 ? cut.to1 : cut.to0;
  let changes: RateChangeDay[] = NO_CHANGES;
  let current = rate;
  for (const r of loan.restructurings) {
    if (!r.berlakuMulai.startsWith(p.prefix)) continue;
    const day = Number(r.berlakuMulai.slice(8, 10));
    if (day <= from || day >= end) continue;
    const terms = termsOn(loan, loan.restructurings, r.berlakuMulai);
    const next = lineRate(loan.scheme, terms.bungaBankPersen, terms.bungaDebiturPersen);
    if (next.text === current.text) continue;
    if (changes === NO_CHANGES) changes = [];
    changes.push({ day, rate: next });
    current = next;
  }
  return changes;
}

const NO_CHANGES: RateChangeDay[] = [];

/** One loan-month of the run: the line and its working, as lineForReference gives it. */
export function runLine(loan: RunLoan, p: RunPeriod, position: RunPosition | null, previous: RunPosition | null, paid: boolean, texts = true): SubsidyLine {
  const kol = position === null ? null : position.kol;
  const peringatan = lineWarnings(loan);
  const no = ineligibility(loan, p, position, paid);
  if (no !== null) {
    return {
      pinjamanId: loan.id,
      nomorRekening: loan.nomorRekening,
      debiturNama: loan.debiturNama,
      nik: loan.nik,
      skemaKode: loan.skemaKode,
      periode: p.periode,
      kol,
      peringatan,
      layak: false,
      alasan: no[0],
      alasanLabel: `${INELIGIBILITY_LABELS[no[0]]} (${no[1]})`,
      rincian: null,
    };
  }
  const cut = monthCut(loan, p, position, previous);
  const rate = rateInForce(loan, p, cut.activeFrom);
  const changes = rateChangesIn(loan, p, cut, rate);
  const rincian = changes.length === 0 ? working(loan, p, cut, rate, position === null, texts) : splitWorking(loan, p, cut, rate, changes, position === null);
  return {
    pinjamanId: loan.id,
    nomorRekening: loan.nomorRekening,
    debiturNama: loan.debiturNama,
    nik: loan.nik,
    skemaKode: loan.skemaKode,
    periode: p.periode,
    kol,
    peringatan,
    layak: true,
    alasan: null,
    alasanLabel: null,
    rincian,
  };
}

/** The warnings every line of the loan carries: double financing, then the recipient decree. */
function lineWarnings(loan: RunLoan): string[] {
  if (loan.warning === null) return loan.decreeWarning === null ? [] : [loan.decreeWarning];
  return loan.decreeWarning === null ? [loan.warning] : [loan.warning, loan.decreeWarning];
}

type Working = NonNullable<SubsidyLine['rincian']>;

/**
 * The working in exact integers: Σ base × days × rate over 10^scale × 100 × (360|365), rounded once.
 * Without `texts` the unrounded amounts are '' and the amount comes from divRound, which rounds
 * as the texts' digits do (runAmount's way).
 */
function working(loan: RunLoan, p: RunPeriod, cut: MonthCut, rate: LineRate, dariJadwal: boolean, texts = true): Working {
  const scheme = loan.scheme;
  const rule = scheme.konvensiHari;
  const plafonBasis = scheme.basisSubsidi === 'plafon';
  const segmen: SubsidySegment[] = [];
  let sumBaseDays = 0;
  if (cut.count > 0) {
    const pokok = plafonBasis ? loan.plafon : cut.outstanding0;
    const hari = monthDays(cut.from0, cut.to0, p, rule);
    sumBaseDays += pokok * hari;
    segmen.push({ dari: dayText(p, cut.from0), sampai: dayText(p, cut.to0), pokok, hari, tarifPersen: rate.text, tidakDibulatkan: '' });
  }
  if (cut.count > 1) {
    const pokok = plafonBasis ? loan.plafon : cut.outstanding1;
    const hari = monthDays(cut.from1, cut.to1, p, rule);
    sumBaseDays += pokok * hari;
    segmen.push({ dari: dayText(p, cut.from1), sampai: dayText(p, cut.to1), pokok, hari, tarifPersen: rate.text, tidakDibulatkan: '' });
  }
  if (rate.general || !Number.isSafeInteger(sumBaseDays)) return generalWorking(loan, segmen, rate, dariJadwal);
  const den = rule === 'act365' ? 36500 : 36000;
  if (!texts && rate.intNumber !== null && rate.scale <= 4 && sumBaseDays * rate.intNumber < 2 ** 50) {
    return {
      basis: scheme.basisSubsidi,
      konvensiHari: rule,
      tarifSubsidiPersen: rate.text,
      segmen,
      tidakDibulatkan: '',
      pembulatan: scheme.pembulatan,
      jumlah: divRound(sumBaseDays * rate.intNumber, den * POW10[rate.scale]!, scheme.pembulatan),
      dariJadwal,
    };
  }
  let text: string;
  let jumlah: number;
  const fast = quotientFast(sumBaseDays, rate, den, scheme.pembulatan);
  if (fast !== null) {
    text = fast.text;
    jumlah = fast.rupiah;
  } else {
    const sum = BigInt(sumBaseDays) * rate.int;
    // Beyond 40 digits decimal.js would round the sum itself: leave such a line to it.
    if (sum >= pow10(40)) return generalWorking(loan, segmen, rate, dariJadwal);
    const q = quotient40(sum, pow10(rate.scale) * BigInt(den));
    text = quotientText(q);
    jumlah = quotientRupiah(q, scheme.pembulatan);
  }
  if (segmen.length === 1) segmen[0]!.tidakDibulatkan = text;
  else {
    for (const sg of segmen) {
      const f = quotientFast(sg.pokok * sg.hari, rate, den, 'floor');
      sg.tidakDibulatkan = f !== null ? f.text : quotientText(quotient40(BigInt(sg.pokok * sg.hari) * rate.int, pow10(rate.scale) * BigInt(den)));
    }
  }
  return {
    basis: scheme.basisSubsidi,
    konvensiHari: rule,
    tarifSubsidiPersen: rate.text,
    segmen,
    tidakDibulatkan: text,
    pembulatan: scheme.pembulatan,
    jumlah,
    dariJadwal,
  };
}

/**
 * A working computed without its texts (`texts: false`) with them filled in, by the loan engine's
 * computeSubsidy over the same segments (what generalWorking does): the reconciliation's
 * diagnosis of a differing line needs the unrounded amount. A working with its texts is returned as is.
 */
export function withWorkingTexts(w: Working): Working {
  if (w.tidakDibulatkan !== '') return w;
  const full = computeSubsidy({
    segments: w.segmen.map((s) => ({
      from: s.dari,
      toExclusive: s.sampai,
      outstanding: s.pokok,
      ...(s.tarifPersen === w.tarifSubsidiPersen ? {} : { ratePercent: s.tarifPersen }),
    })),
    ratePercent: w.tarifSubsidiPersen,
    dayCount: w.konvensiHari,
    basis: 'outstanding',
    rounding: w.pembulatan,
  });
  // The same amount both ways, or the working is not the one computed (never expected).
  if (full.amount !== w.jumlah || full.segments.length !== w.segmen.length) throw new Error(`Perhitungan ulang rincian berbeda: ${full.amount} ≠ ${w.jumlah}`);
  return { ...w, tidakDibulatkan: full.totalUnrounded, segmen: w.segmen.map((s, i) => ({ ...s, tidakDibulatkan: full.segments[i]!.unroundedAmount })) };
}

/** baseDays × rate / (10^scale × den) in safe integers when they suffice (see quotientTextRupiah). */
function quotientFast(baseDays: number, rate: LineRate, den: number, rule: Scheme['pembulatan']): { text: string; rupiah: number } | null {
  if (rate.intNumber === null || rate.scale > 4) return null;
  return quotientTextRupiah(baseDays * rate.intNumber, den * POW10[rate.scale]!, rule);
}

const POW10 = [1, 10, 100, 1000, 10000];

/**
 * A month in which a restructuring changed the rate: the month's segments cut again at each
 * change, every piece at the rate of its days, through the loan engine's computeSubsidy.
 */
function splitWorking(loan: RunLoan, p: RunPeriod, cut: MonthCut, rate: LineRate, changes: readonly RateChangeDay[], dariJadwal: boolean): Working {
  const scheme = loan.scheme;
  const plafonBasis = scheme.basisSubsidi === 'plafon';
  const segmen: SubsidySegment[] = [];
  const rateOn = (day: number) => {
    let r = rate;
    for (const c of changes) if (c.day <= day) r = c.rate;
    return r;
  };
  const add = (from: number, to: number, outstanding: number) => {
    const pokok = plafonBasis ? loan.plafon : outstanding;
    let a = from;
    for (const c of changes) {
      if (c.day <= a || c.day >= to) continue;
      segmen.push({ dari: dayText(p, a), sampai: dayText(p, c.day), pokok, hari: 0, tarifPersen: rateOn(a).text, tidakDibulatkan: '' });
      a = c.day;
    }
    segmen.push({ dari: dayText(p, a), sampai: dayText(p, to), pokok, hari: 0, tarifPersen: rateOn(a).text, tidakDibulatkan: '' });
  };
  if (cut.count > 0) add(cut.from0, cut.to0, cut.outstanding0);
  if (cut.count > 1) add(cut.from1, cut.to1, cut.outstanding1);
  return generalWorking(loan, segmen, rate, dariJadwal);
}

/** The loan engine's general computeSubsidy, for rates with very many decimals or huge amounts, and months whose rate changed. */
function generalWorking(loan: RunLoan, segmen: SubsidySegment[], rate: LineRate, dariJadwal: boolean): Working {
  const scheme = loan.scheme;
  const w = computeSubsidy({
    segments: segmen.map((s) => ({ from: s.dari, toExclusive: s.sampai, outstanding: s.pokok, ...(s.tarifPersen === rate.text ? {} : { ratePercent: s.tarifPersen }) })),
    ratePercent: rate.text,
    dayCount: scheme.konvensiHari,
    basis: 'outstanding',
    rounding: scheme.pembulatan,
  });
  return {
    basis: scheme.basisSubsidi,
    konvensiHari: w.dayCount,
    tarifSubsidiPersen: w.ratePercent,
    segmen: w.segments.map((s) => ({ dari: s.from, sampai: s.toExclusive, pokok: s.base, hari: s.days, tarifPersen: s.rate, tidakDibulatkan: s.unroundedAmount })),
    tidakDibulatkan: w.totalUnrounded,
    pembulatan: w.rounding,
    jumlah: w.amount,
    dariJadwal,
  };
}

/**
 * Only the amount of a loan-month as the schedule expects it (no bank position, the instalment
 * taken as paid), null when it earns nothing, without the working's texts: the budget projection
 * adds up every future month of every running loan.
 */
export function runAmount(loan: RunLoan, p: RunPeriod, paid: boolean): number | null {
  if (ineligibility(loan, p, null, paid, true) !== null) return null;
  const scheme = loan.scheme;
  const cut = monthCut(loan, p, null, null);
  const rate = rateInForce(loan, p, cut.activeFrom);
  const changes = rateChangesIn(loan, p, cut, rate);
  if (changes.length > 0) return splitWorking(loan, p, cut, rate, changes, true).jumlah;
  const plafonBasis = scheme.basisSubsidi === 'plafon';
  let sum = 0;
  if (cut.count > 0) sum += (plafonBasis ? loan.plafon : cut.outstanding0) * monthDays(cut.from0, cut.to0, p, scheme.konvensiHari);
  if (cut.count > 1) sum += (plafonBasis ? loan.plafon : cut.outstanding1) * monthDays(cut.from1, cut.to1, p, scheme.konvensiHari);
  if (!rate.general && rate.intNumber !== null && rate.scale <= 4 && Number.isSafeInteger(sum)) {
    const n = sum * rate.intNumber;
    if (n < 2 ** 50) return divRound(n, (scheme.konvensiHari === 'act365' ? 36500 : 36000) * POW10[rate.scale]!, scheme.pembulatan);
  }
  return working(loan, p, cut, rate, true).jumlah;
}
