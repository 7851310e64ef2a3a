/**
 * Claim files (tagihan subsidi) as the partner banks send them, made from the demo data: the
 * expected subsidy run of a bank and month, with a known number of planted differences, written in
 * each shape the importer must read. Used by the benchmark, the end-to-end tests and anyone who
 * wants to try the import and the reconciliation on the demo database.
 *
 * The manifest says what was planted, so a test knows the reconciliation's result in advance.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Database } from 'better-sqlite3';
import type { SubsidyLine } from '../../contract';
import { computeSubsidy, type DayCountRule } from '../../domain/loan';
import { BULAN, groupThousands } from '../../domain/format';
import { computeSubsidyRun } from '../subsidy/run';
import { SeededRandom } from './random';

/** What a planted line should come out as in the reconciliation. */
export type PlantedKind = 'cocok' | 'selisih_outstanding' | 'selisih_konvensi_hari' | 'rekening_tidak_dikenal' | 'tidak_memenuhi_syarat' | 'ganda';

export interface ClaimFileLine {
  nomorRekening: string;
  nama: string;
  nik: string;
  periode: string;
  plafon: number;
  tanggalAkad: string;
  outstanding: number;
  bungaPersen: string;
  hari: number;
  kol: number | null;
  diklaim: number;
  planted: PlantedKind;
}

export interface ClaimFileSet {
  bankId: number;
  bankNama: string;
  /** The claim's (first) month. */
  periode: string;
  /** The last month of a claim over several months (the same as `periode` for one month). */
  periodeAkhir: string;
  lines: ClaimFileLine[];
  /** How many lines of each kind the file holds (ganda counts the repeated copy only). */
  planted: Record<PlantedKind, number>;
  /** Eligible loans left out of the file on purpose: the reconciliation lists them as not claimed. */
  tidakDiklaim: { nomorRekening: string; diharapkan: number }[];
  totalDiklaim: number;
  /** What the run expects for the lines the bank claims correctly (the cocok lines). */
  totalCocok: number;
}

export interface PlantOptions {
  /** Lines of each planted difference (default: 3, or 1 % of the eligible lines for big runs). */
  each?: number;
  seed?: number;
  /** A claim over several months, `periode` … `periodeAkhir` (default: the one month `periode`). */
  periodeAkhir?: string;
}

const OUTSTANDING_GAP = 1_000_000;

/**
 * The bank's version of a month (or of the months `periode` … `opts.periodeAkhir`): the run's
 * eligible lines, with differences planted as asked.
 */
export function plantClaim(db: Database, bankId: number, periode: string, opts: PlantOptions = {}): ClaimFileSet {
  const periodeAkhir = opts.periodeAkhir ?? periode;
  if (periodeAkhir < periode) throw new RangeError(`periodeAkhir ${periodeAkhir} sebelum periode ${periode}`);
  const run = computeSubsidyRun(db, { bankId, periodeAwal: periode, periodeAkhir });
  const loanFacts = new Map(
    (db.prepare('SELECT id, plafon, tanggal_akad AS akad FROM pinjaman WHERE bank_id = ?').all(bankId) as { id: number; plafon: number; akad: string }[]).map((r) => [r.id, r]),
  );
  const accounts = new Set(run.lines.map((l) => l.nomorRekening));
  const random = new SeededRandom(opts.seed ?? 20251027);
  const eligible = run.lines.filter((l) => l.layak && l.rincian && l.rincian.jumlah > 0);
  // Months a bank might claim although the scheme does not pay them.
  const claimable: readonly (string | null)[] = ['kol_melebihi_batas', 'tidak_ada_angsuran', 'sudah_klaim_asuransi', 'lewat_jatuh_tempo'];
  const ineligible = run.lines.filter((l) => !l.layak && claimable.includes(l.alasan));
  const each = opts.each ?? Math.max(3, Math.floor(eligible.length / 100));

  // Shuffle once (seeded), then deal the lines out to the planted kinds.
  const deck = [...eligible];
  for (let i = deck.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [deck[i], deck[j]] = [deck[j]!, deck[i]!];
  }
  const take = (n: number, ok: (l: SubsidyLine) => boolean = () => true) => {
    const out: SubsidyLine[] = [];
    for (let i = 0; i < deck.length && out.length < n; i++) {
      if (ok(deck[i]!)) out.push(...deck.splice(i--, 1));
    }
    return out;
  };
  // Differences are planted on lines big enough that they exceed any tolerance.
  const big = (l: SubsidyLine) => l.rincian!.jumlah >= 1000;
  const outstandingGap = take(each, (l) => big(l) && l.rincian!.segmen.length === 1 && l.rincian!.basis === 'outstanding');
  const dayCountGap = take(each, (l) => big(l) && l.rincian!.konvensiHari !== 'act365' && l.rincian!.konvensiHari !== '30360');
  const missing = take(each);
  const rest = deck;

  const lineOf = (l: SubsidyLine, planted: PlantedKind, diklaim = l.rincian?.jumlah ?? 0, outstanding?: number): ClaimFileLine => {
    const facts = loanFacts.get(l.pinjamanId)!;
    const segmen = l.rincian?.segmen ?? [];
    return {
      nomorRekening: l.nomorRekening,
      nama: l.debiturNama,
      nik: l.nik,
      periode: l.periode,
      plafon: facts.plafon,
      tanggalAkad: facts.akad,
      outstanding: outstanding ?? segmen[0]?.pokok ?? facts.plafon,
      bungaPersen: l.rincian?.tarifSubsidiPersen ?? '0',
      hari: segmen.reduce((d, s) => d + s.hari, 0) || 30,
      kol: l.kol,
      diklaim,
      planted,
    };
  };
  const recompute = (l: SubsidyLine, dayCount: DayCountRule, addToBase = 0) =>
    computeSubsidy({
      segments: l.rincian!.segmen.map((s) => ({ from: s.dari, toExclusive: s.sampai, outstanding: s.pokok + addToBase })),
      ratePercent: l.rincian!.tarifSubsidiPersen,
      dayCount,
      basis: 'outstanding',
      rounding: l.rincian!.pembulatan,
    }).amount;

  const lines: ClaimFileLine[] = [];
  for (const l of rest) lines.push(lineOf(l, 'cocok'));
  for (const l of outstandingGap) {
    const bankOutstanding = l.rincian!.segmen[0]!.pokok + OUTSTANDING_GAP;
    lines.push(lineOf(l, 'selisih_outstanding', recompute(l, l.rincian!.konvensiHari, OUTSTANDING_GAP), bankOutstanding));
  }
  // The bank counted a 365-day year where the scheme says 360.
  for (const l of dayCountGap) lines.push(lineOf(l, 'selisih_konvensi_hari', recompute(l, 'act365')));
  // Accounts the program does not know: copies of real lines under account numbers nobody has.
  for (const l of rest.slice(0, each)) {
    let account: string;
    do account = `9${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
    while (accounts.has(account));
    accounts.add(account);
    lines.push({ ...lineOf(l, 'rekening_tidak_dikenal'), nomorRekening: account, nik: '', plafon: 0, tanggalAkad: '' });
  }
  for (const l of ineligible.slice(0, each)) {
    const facts = loanFacts.get(l.pinjamanId)!;
    // The bank claims a month the scheme does not pay (kol too high, no instalment, …).
    lines.push(lineOf(l, 'tidak_memenuhi_syarat', Math.max(1000, Math.round(facts.plafon / 1000)), facts.plafon));
  }
  // The same loan-month twice: the first copy reconciles, the repeat is ganda.
  const repeated = lines.filter((l) => l.planted === 'cocok').slice(0, each);
  for (const l of repeated) lines.push({ ...l, planted: 'ganda' });

  // The file's order is the bank's (by account number, then month), not the planting order.
  lines.sort((a, b) => (a.nomorRekening < b.nomorRekening ? -1 : a.nomorRekening > b.nomorRekening ? 1 : a.periode < b.periode ? -1 : a.periode > b.periode ? 1 : 0));
  const planted = { cocok: 0, selisih_outstanding: 0, selisih_konvensi_hari: 0, rekening_tidak_dikenal: 0, tidak_memenuhi_syarat: 0, ganda: 0 };
  for (const l of lines) planted[l.planted]++;
  return {
    bankId,
    bankNama: run.bankNama,
    periode,
    periodeAkhir,
    lines,
    planted,
    tidakDiklaim: missing.map((l) => ({ nomorRekening: l.nomorRekening, diharapkan: l.rincian!.jumlah })),
    totalDiklaim: lines.reduce((s, l) => s + l.diklaim, 0),
    totalCocok: lines.filter((l) => l.planted === 'cocok').reduce((s, l) => s + l.diklaim, 0),
  };
}

/**
 * The shapes banks send. Each is a real-world habit: a core-banking CSV export in Windows-1252 with
 * title lines, semicolons, Indonesian numbers and a total row; a plain UTF-8 CSV with BOM; a
 * pipe-delimited SIKP-style text file; a tab export; an XLSX report with a title block, text account
 * numbers, date cells and a SUM total row.
 */
export const CLAIM_FILE_FORMATS = ['csv-titik-koma', 'csv-koma', 'txt-pipa', 'txt-tab', 'xlsx'] as const;
export type ClaimFileFormat = (typeof CLAIM_FILE_FORMATS)[number];

const HEADERS = ['No', 'No Rekening', 'Nama Debitur', 'NIK', 'Periode', 'Plafon', 'Tgl Akad', 'Baki Debet', 'Suku Bunga Subsidi (%)', 'Jumlah Hari', 'Kol', 'Nilai Subsidi'];

const idNumber = (n: number) => `${groupThousands(n)},00`; // 1.234.567,00
const idRate = (r: string) => r.replace('.', ',');
const dmy = (iso: string) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const monthYear = (p: string) => `${p.slice(5, 7)}/${p.slice(0, 4)}`;
const monthName = (p: string) => `${BULAN[Number(p.slice(5, 7)) - 1]!.toUpperCase()} ${p.slice(0, 4)}`;
const title = (set: ClaimFileSet) =>
  `DAFTAR TAGIHAN SUBSIDI BUNGA PROGRAM GERBANG SERASAN PERIODE ${monthName(set.periode)}${set.periodeAkhir && set.periodeAkhir !== set.periode ? ` S.D. ${monthName(set.periodeAkhir)}` : ''}`;

function rowsOf(set: ClaimFileSet, style: 'indonesia' | 'plain'): string[][] {
  return set.lines.map((l, i) =>
    style === 'indonesia'
      ? [
          String(i + 1),
          l.nomorRekening,
          l.nama,
          l.nik,
          monthYear(l.periode),
          idNumber(l.plafon),
          dmy(l.tanggalAkad),
          idNumber(l.outstanding),
          idRate(l.bungaPersen),
          String(l.hari),
          String(l.kol ?? ''),
          idNumber(l.diklaim),
        ]
      : [
          String(i + 1),
          l.nomorRekening,
          l.nama,
          l.nik,
          l.periode,
          String(l.plafon),
          l.tanggalAkad,
          String(l.outstanding),
          l.bungaPersen,
          String(l.hari),
          String(l.kol ?? ''),
          String(l.diklaim),
        ],
  );
}

/** Characters outside Latin-1 become '?', as a Windows-1252 export would show them. */
function windows1252(text: string): Buffer {
  return Buffer.from([...text].map((c) => (c.charCodeAt(0) > 0xff ? '?' : c)).join(''), 'latin1');
}

export async function writeClaimFile(set: ClaimFileSet, format: ClaimFileFormat): Promise<Buffer> {
  switch (format) {
    case 'csv-titik-koma': {
      const body = Papa.unparse([HEADERS, ...rowsOf(set, 'indonesia')], { delimiter: ';', newline: '\r\n' });
      const total = ['', '', 'JUMLAH', '', '', '', '', '', '', '', '', idNumber(set.totalDiklaim)].join(';');
      return windows1252([set.bankNama.toUpperCase(), title(set), '', body, total, '', 'Dicetak oleh sistem inti bank'].join('\r\n'));
    }
    case 'csv-koma':
      return Buffer.concat([Buffer.from('\ufeff'), Buffer.from(Papa.unparse([HEADERS, ...rowsOf(set, 'plain')], { delimiter: ',' }))]);
    case 'txt-pipa':
      return Buffer.from(Papa.unparse([HEADERS, ...rowsOf(set, 'plain')], { delimiter: '|', quotes: false }));
    case 'txt-tab':
      return Buffer.from(Papa.unparse([HEADERS, ...rowsOf(set, 'plain')], { delimiter: '\t' }));
    case 'xlsx':
      return writeXlsx(set);
  }
}

/**
 * The XLSX through exceljs's streaming writer, each row committed as it is added: a 100,000-line
 * claim built as a whole Workbook left the process holding ~1 GB more (and the benchmark's XLSX
 * import step counted it in its peak).
 */
async function writeXlsx(set: ClaimFileSet): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  const sheet = book.addWorksheet('Tagihan');
  // Column formats first: the cells added after take them.
  for (const col of ['F', 'H', 'L']) sheet.getColumn(col).numFmt = '#,##0';
  sheet.getColumn('G').numFmt = 'dd/mm/yyyy';
  sheet.addRow([set.bankNama.toUpperCase()]).commit();
  sheet.addRow([title(set)]).commit();
  sheet.addRow([]).commit();
  const header = sheet.addRow(HEADERS);
  header.font = { bold: true };
  header.commit();
  set.lines.forEach((l, i) => {
    sheet
      .addRow([
        i + 1,
        l.nomorRekening, // a string cell: the leading zeros stay
        l.nama,
        l.nik,
        l.periode,
        l.plafon,
        l.tanggalAkad ? new Date(`${l.tanggalAkad}T00:00:00Z`) : null,
        l.outstanding,
        Number(l.bungaPersen),
        l.hari,
        l.kol,
        l.diklaim,
      ])
      .commit();
  });
  const first = 5;
  const last = first + set.lines.length - 1;
  sheet.addRow(['', '', 'JUMLAH', '', '', '', '', '', '', '', '', { formula: `SUM(L${first}:L${last})`, result: set.totalDiklaim }]).commit();
  sheet.commit();
  await book.commit();
  return Buffer.concat(chunks);
}
