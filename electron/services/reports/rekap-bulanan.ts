/**
 * Rekap bulanan: the program at the end of a month, for the head of the secretariat to sign.
 *
 * - Loans and debtors, plafon and outstanding: the month-end cube summed in SQL (snapshot.ts):
 *   the bank's latest position in or before the month, else the schedule; breakdowns add cells.
 * - Subsidy and premium paid: SP2D dated in the month / from 1 January to the month end
 *   (subsidy: the paid claim lines, `tagihan_baris` joined to `periode_dibayar` and the payment;
 *   premium: the premiums settled by an insurer payment), integer SUMs in SQL.
 * - Budget: the year's pagu per kind, realisation to the month end, and the projection of the
 *   months after it to the year end (services/budget/projection.ts, as on the budget page).
 * - Quality: the share of the outstanding at kol 3–5.
 */
import Decimal from 'decimal.js';
import type { Database } from '../../../database/connection';
import { activeKecamatanNames, namesById, paguByKind, paymentTotals, subsidyPaidByMonth } from '../../../database/repositories/monthly-summary';
import type { DocumentRequest } from '../../contract';
import { formatDateLong, formatPeriod, formatRupiah } from '../../domain/format';
import { nextPeriod, periodLastDay } from '../../domain/loan';
import { projectCosts } from '../budget/projection';
import type { ServiceContext } from '../context';
import type { DocumentColumn, DocumentRow, ReportDocument, TableBlock } from '../documents/model';
import { getDocumentSettings, SIGNER_HEADING } from '../settings/document-settings';
import { SKALA_LABEL } from './registers';
import { correctionsBetween } from '../../../database/repositories/corrections';
import { debtorPlaces, debtorsByPlace, monthCells, premiumPaidCells, subsidyPaidCellsYearAndMonth, type CellKey, type PaidCell } from './snapshot';

type Params = Extract<DocumentRequest, { jenis: 'rekapBulanan' }>;

/** a / b as a percentage with two decimals ('12.34'); '0.00' when b is 0. */
export function share(a: number, b: number): string {
  return b === 0 ? '0.00' : new Decimal(a).times(100).div(b).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

type Dim = 'bank' | 'kecamatan' | 'sektor' | 'skala' | 'gender';

const GENDER_LABEL: Record<string, string> = { L: 'Laki-laki', P: 'Perempuan' };
export const TANPA_KECAMATAN = '(tanpa kecamatan)';
export const TANPA_SEKTOR = '(tanpa sektor)';

/** The label of a cell along one dimension, from the names of the small reference tables. */
function labeller(db: Database): (dim: Dim, cell: Partial<CellKey> & Omit<CellKey, 'bankId'>) => string {
  const bank = namesById(db, 'bank');
  const kecamatan = namesById(db, 'kecamatan');
  const sektor = namesById(db, 'sektor');
  return (dim, c) => {
    switch (dim) {
      case 'bank':
        return bank.get(c.bankId!) ?? '-';
      case 'kecamatan':
        return c.kecamatanId === null ? TANPA_KECAMATAN : (kecamatan.get(c.kecamatanId) ?? '-');
      case 'sektor':
        return c.sektorId === null ? TANPA_SEKTOR : (sektor.get(c.sektorId) ?? '-');
      case 'skala':
        return SKALA_LABEL[c.skala] ?? c.skala;
      case 'gender':
        return GENDER_LABEL[c.jenisKelamin] ?? c.jenisKelamin;
    }
  };
}

/** Integer sums of `value` per label, in first-seen order. */
function sumBy<T>(items: readonly T[], label: (t: T, i: number) => string, value: (t: T) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const k = label(item, i);
    out.set(k, (out.get(k) ?? 0) + value(item));
  }
  return out;
}

const SUM_FIELDS = ['berjalan', 'baru', 'lunas', 'plafon', 'outstanding', 'bad'] as const;

export async function buildRekapBulanan(ctx: ServiceContext, p: Params): Promise<ReportDocument> {
  const { db } = ctx;
  const periode = p.periode;
  const year = Number(periode.slice(0, 4));
  const monthStart = `${periode}-01`;
  const monthEnd = periodLastDay(periode);
  const yearStart = `${year}-01-01`;

  // Every debtor's place read once (debtorPlaces) for the cube and the paid lines, all three in one
  // read transaction so the map and the sums see the same debtors.
  const { cells, subsidyMonth, subsidyYear } = db
    .transaction(() => {
      const debtors = debtorPlaces(db);
      const { month, year } = subsidyPaidCellsYearAndMonth(db, yearStart, monthStart, monthEnd, debtors);
      return { cells: monthCells(db, periode, debtors), subsidyMonth: month, subsidyYear: year };
    })
    .deferred();
  const places = debtorsByPlace(db, periode, cells);
  const premiumMonth = premiumPaidCells(db, monthStart, monthEnd);
  const paidMonth = paymentTotals(db, monthStart, monthEnd);
  const paidYear = paymentTotals(db, yearStart, monthEnd);
  // Subsidy gross, corrections after payment and net (migration 0023_payment_corrections): net is
  // what moved (SP2D − STS deposits); corrections are those settled in the period (− overpayments
  // offset or deposited, + underpayments paid later); gross = net − corrections, the paid lines' worth.
  const subsidyNet = (paid: number, k: { koreksi: number; sts: number; lebih: number; kurang: number }) => ({
    bersih: paid - k.sts,
    koreksi: k.koreksi,
    lebih: k.lebih,
    kurang: k.kurang,
    bruto: paid - k.sts - k.koreksi,
  });
  const netMonth = subsidyNet(paidMonth.subsidi, correctionsBetween(db, monthStart, monthEnd));
  const netYear = subsidyNet(paidYear.subsidi, correctionsBetween(db, yearStart, monthEnd));
  const labelOf = labeller(db);

  const total = <T>(items: readonly T[], f: (t: T) => number) => items.reduce((s, x) => s + f(x), 0);

  // ---- the whole program
  const totals = {
    debitur: total(places, (c) => c.debitur),
    berjalan: total(cells, (c) => c.berjalan),
    baru: total(cells, (c) => c.baru),
    plafonBaru: total(cells, (c) => c.plafonBaru),
    lunas: total(cells, (c) => c.lunas),
    macet: total(cells, (c) => c.macet),
    kol35: total(cells, (c) => c.kol35),
    plafon: total(cells, (c) => c.plafon),
    outstanding: total(cells, (c) => c.outstanding),
    badOutstanding: total(cells, (c) => c.bad),
  };

  // ---- breakdowns: every dimension has the same columns
  const breakdown = (title: string, sheet: string, label: string, dim: Dim, all: string[] = []): TableBlock => {
    const keyOf = (c: Partial<CellKey> & Omit<CellKey, 'bankId'>) => labelOf(dim, c);
    // Each cell's label found once for the seven sums over the cells (~5,000 cells at 100,000
    // loans, five breakdowns: finding it per sum was ~0.1 s of a summary's CPU).
    const cellLabels = cells.map((c) => keyOf(c));
    const cellLabel = (_c: unknown, i: number) => cellLabels[i]!;
    const sums = Object.fromEntries(SUM_FIELDS.map((f) => [f, sumBy(cells, cellLabel, (c) => c[f])])) as Record<(typeof SUM_FIELDS)[number], Map<string, number>>;
    // A debtor has one kecamatan, sector, scale and gender but may borrow from two banks.
    const debtors = dim === 'bank' ? sumBy(cells, cellLabel, (c) => c.debitur) : sumBy(places, keyOf, (c) => c.debitur);
    const paid = (lines: PaidCell[]) => sumBy(lines, keyOf, (x) => x.jumlah);
    const sMonth = paid(subsidyMonth);
    const sYear = paid(subsidyYear);
    const pMonth = paid(premiumMonth);
    const keys = [...new Set([...all, ...sums.berjalan.keys(), ...sYear.keys(), ...pMonth.keys()])];
    if (all.length === 0) keys.sort((a, b) => a.localeCompare(b, 'id'));
    const rows: DocumentRow[] = keys.map((k) => {
      const of = (f: (typeof SUM_FIELDS)[number]) => sums[f].get(k) ?? 0;
      return {
        nama: k,
        debitur: debtors.get(k) ?? 0,
        berjalan: of('berjalan'),
        baru: of('baru'),
        lunas: of('lunas'),
        plafon: of('plafon'),
        outstanding: of('outstanding'),
        bad: of('bad'),
        badShare: share(of('bad'), of('outstanding')),
        subsidiBulan: sMonth.get(k) ?? 0,
        subsidiTahun: sYear.get(k) ?? 0,
        premiBulan: pMonth.get(k) ?? 0,
      };
    });
    const col = (key: string, lbl: string, kind: DocumentColumn['kind'], width = 1): DocumentColumn => ({ key, label: lbl, kind, width });
    const sum = (key: string) => rows.reduce((s, r) => s + (r[key] as number), 0);
    return {
      type: 'table',
      title,
      sheet,
      columns: [
        col('nama', label, 'text', 1.7),
        col('debitur', 'Debitur', 'number', 0.7),
        col('berjalan', 'Pinjaman berjalan', 'number', 0.75),
        col('baru', 'Baru', 'number', 0.5),
        col('lunas', 'Lunas', 'number', 0.5),
        col('plafon', 'Plafon berjalan', 'rupiah', 1.35),
        col('outstanding', 'Baki debet', 'rupiah', 1.35),
        col('bad', 'Baki debet kol 3–5', 'rupiah', 1.2),
        col('badShare', '% kol 3–5', 'percent', 0.6),
        col('subsidiBulan', 'Subsidi dibayar bulan ini', 'rupiah', 1.2),
        col('subsidiTahun', 'Subsidi dibayar s.d. bulan ini', 'rupiah', 1.25),
        col('premiBulan', 'Premi dibayar bulan ini', 'rupiah', 1.1),
      ],
      rows,
      totals: {
        nama: 'Jumlah',
        debitur: sum('debitur'),
        berjalan: sum('berjalan'),
        baru: sum('baru'),
        lunas: sum('lunas'),
        plafon: sum('plafon'),
        outstanding: sum('outstanding'),
        bad: sum('bad'),
        badShare: share(sum('bad'), sum('outstanding')),
        subsidiBulan: sum('subsidiBulan'),
        subsidiTahun: sum('subsidiTahun'),
        premiBulan: sum('premiBulan'),
      },
    };
  };
  const allKecamatan = activeKecamatanNames(db);
  const byBank = breakdown('D. Menurut bank mitra', 'Per bank', 'Bank', 'bank');

  // ---- budget: pagu, realisation and projection of the year
  const pagu = paguByKind(db, year);
  const paguOf = (jenis: string) => pagu.find((x) => x.jenis === jenis)?.pagu ?? 0;
  const projection = periode.endsWith('-12') ? { subsidyByYear: new Map<number, number>(), pendingPremiums: 0 } : projectCosts(db, nextPeriod(periode), `${year}-12`);
  const budgetRow = (uraian: string, paguAmount: number, month: number, ytd: number, projected: number): DocumentRow => ({
    uraian,
    pagu: paguAmount,
    bulanIni: month,
    sdBulanIni: ytd,
    persen: share(ytd, paguAmount),
    sisa: paguAmount - ytd,
    proyeksi: projected,
    perkiraan: ytd + projected,
    selisih: paguAmount - ytd - projected,
  });
  const budgetRows = [
    budgetRow('Subsidi bunga', paguOf('subsidi_bunga'), netMonth.bersih, netYear.bersih, projection.subsidyByYear.get(year) ?? 0),
    budgetRow('Premi asuransi kredit', paguOf('premi'), paidMonth.premi, paidYear.premi, projection.pendingPremiums),
  ];
  const budgetTotal = (k: string) => budgetRows.reduce((s, r) => s + (r[k] as number), 0);

  // ---- charts
  const banksWithLoans = byBank.rows.filter((r) => (r.berjalan as number) > 0);
  const byKol = [0, 1, 2, 3, 4].map((i) => total(cells, (c) => c.outstandingByKol[i]!));
  const months = Array.from({ length: Number(periode.slice(5, 7)) }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const monthly = subsidyPaidByMonth(db, yearStart, monthEnd);
  const BULAN_SINGKAT = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

  const settings = getDocumentSettings(db);
  const signer = (role: 'kepalaSekretariat' | 'verifikator', heading: string) => {
    const s = settings.penandatangan[role];
    return { heading, position: s.jabatan, name: s.nama, ...(s.nip ? { nip: s.nip } : {}) };
  };
  const fromSchedule = total(cells, (c) => c.jadwal);
  const fromOlder = total(cells, (c) => c.posisiLama);
  const lineTotal = (lines: PaidCell[]) => total(lines, (l) => l.jumlah);
  const numberTable = (title: string, rows: [string, number][]): TableBlock => ({
    type: 'table',
    title,
    compact: true,
    columns: [
      { key: 'uraian', label: 'Uraian', kind: 'text', width: 3 },
      { key: 'jumlah', label: 'Jumlah', kind: 'number', width: 1 },
    ],
    rows: rows.map(([uraian, jumlah]) => ({ uraian, jumlah })),
  });

  return {
    title: 'Rekapitulasi Bulanan Program Gerbang Serasan',
    subtitle: `Bulan ${formatPeriod(periode)} (keadaan ${formatDateLong(monthEnd)})`,
    orientation: 'landscape',
    fileName: `rekap-bulanan-${periode}`,
    letterhead: true,
    blocks: [
      numberTable('A. Debitur dan pinjaman', [
        ['Debitur dengan pinjaman berjalan', totals.debitur],
        ['Pinjaman berjalan pada akhir bulan', totals.berjalan],
        ['Pinjaman baru dicairkan bulan ini', totals.baru],
        ['Pinjaman lunas bulan ini', totals.lunas],
        ['Pinjaman bermasalah (kol 3–5)', totals.kol35],
        ['di antaranya macet (kol 5)', totals.macet],
      ]),
      {
        type: 'table',
        title: 'B. Plafon, baki debet dan kualitas kredit',
        compact: true,
        columns: [
          { key: 'uraian', label: 'Uraian', kind: 'text', width: 3 },
          { key: 'jumlah', label: 'Jumlah', kind: 'rupiah', width: 1 },
        ],
        rows: [
          { uraian: 'Plafon pinjaman baru bulan ini', jumlah: totals.plafonBaru },
          { uraian: 'Plafon pinjaman berjalan', jumlah: totals.plafon },
          { uraian: 'Baki debet akhir bulan', jumlah: totals.outstanding },
          { uraian: `Baki debet kol 3–5 (${share(totals.badOutstanding, totals.outstanding).replace('.', ',')}% dari baki debet)`, jumlah: totals.badOutstanding },
        ],
      },
      {
        type: 'table',
        title: `C. Anggaran tahun ${year}: pagu, realisasi dan proyeksi`,
        sheet: 'Anggaran',
        columns: [
          { key: 'uraian', label: 'Uraian', kind: 'text', width: 1.5 },
          { key: 'pagu', label: 'Pagu', kind: 'rupiah' },
          { key: 'bulanIni', label: 'Realisasi bulan ini', kind: 'rupiah' },
          { key: 'sdBulanIni', label: 'Realisasi s.d. bulan ini', kind: 'rupiah' },
          { key: 'persen', label: '% pagu', kind: 'percent', width: 0.55 },
          { key: 'sisa', label: 'Sisa pagu', kind: 'rupiah' },
          { key: 'proyeksi', label: 'Proyeksi s.d. akhir tahun', kind: 'rupiah' },
          { key: 'perkiraan', label: 'Perkiraan realisasi setahun', kind: 'rupiah' },
          { key: 'selisih', label: 'Pagu − perkiraan', kind: 'rupiah' },
        ],
        rows: budgetRows,
        totals: {
          uraian: 'Jumlah',
          pagu: budgetTotal('pagu'),
          bulanIni: budgetTotal('bulanIni'),
          sdBulanIni: budgetTotal('sdBulanIni'),
          persen: share(budgetTotal('sdBulanIni'), budgetTotal('pagu')),
          sisa: budgetTotal('sisa'),
          proyeksi: budgetTotal('proyeksi'),
          perkiraan: budgetTotal('perkiraan'),
          selisih: budgetTotal('selisih'),
        },
      },
      {
        type: 'table',
        title: 'Subsidi bunga: bruto, koreksi setelah pembayaran, bersih',
        compact: true,
        columns: [
          { key: 'uraian', label: 'Uraian', kind: 'text', width: 3 },
          { key: 'bulanIni', label: 'Bulan ini', kind: 'rupiah', width: 1 },
          { key: 'sdBulanIni', label: 'S.d. bulan ini', kind: 'rupiah', width: 1 },
        ],
        rows: [
          { uraian: 'Bruto (baris tagihan yang dibayar)', bulanIni: netMonth.bruto, sdBulanIni: netYear.bruto },
          { uraian: 'Koreksi lebih bayar (dikompensasi atau disetor STS)', bulanIni: -netMonth.lebih, sdBulanIni: -netYear.lebih },
          { uraian: 'Koreksi kurang bayar (dibayar pada tagihan berikutnya)', bulanIni: netMonth.kurang, sdBulanIni: netYear.kurang },
          { uraian: 'Bersih (SP2D dikurangi setoran STS)', bulanIni: netMonth.bersih, sdBulanIni: netYear.bersih },
        ],
      },
      { type: 'amount', label: `Subsidi bunga dibayar bulan ${formatPeriod(periode)}`, amount: paidMonth.subsidi },
      { type: 'amount', label: `Premi asuransi kredit dibayar bulan ${formatPeriod(periode)}`, amount: paidMonth.premi },
      {
        type: 'chart',
        title: `Subsidi bunga dibayar per bulan, ${year}`,
        chart: 'bar',
        categories: months.map((m) => BULAN_SINGKAT[Number(m.slice(5, 7)) - 1]!),
        series: [{ name: 'Subsidi dibayar', kind: 'rupiah', values: months.map((m) => monthly.find((x) => x.periode === m)?.jumlah ?? 0) }],
        height: 230,
      },
      {
        type: 'chart',
        title: 'Baki debet per kolektibilitas',
        chart: 'pie',
        categories: ['1', '2', '3', '4', '5'].map((k) => `Kol ${k}`),
        series: [{ name: 'Baki debet', kind: 'rupiah', values: byKol }],
        height: 220,
      },
      byBank,
      {
        type: 'chart',
        title: 'Baki debet per bank mitra',
        chart: 'bar',
        categories: banksWithLoans.map((r) => r.nama as string),
        series: [{ name: 'Baki debet', kind: 'rupiah', values: banksWithLoans.map((r) => r.outstanding as number) }],
        height: 200,
      },
      breakdown('E. Menurut kecamatan', 'Per kecamatan', 'Kecamatan', 'kecamatan', allKecamatan),
      breakdown('F. Menurut sektor usaha', 'Per sektor', 'Sektor', 'sektor'),
      breakdown('G. Menurut skala usaha', 'Per skala usaha', 'Skala usaha', 'skala', ['Mikro', 'Kecil', 'Menengah', 'Koperasi']),
      breakdown('H. Menurut jenis kelamin debitur', 'Per jenis kelamin', 'Jenis kelamin', 'gender', ['Laki-laki', 'Perempuan']),
      {
        type: 'signatures',
        place: settings.tempat,
        date: ctx.today(),
        signers: [signer('kepalaSekretariat', SIGNER_HEADING.kepalaSekretariat), signer('verifikator', 'Dibuat oleh,')],
      },
    ],
    notes: [
      `Baki debet: posisi bank bulan ${formatPeriod(periode)}; bila bank belum melaporkan bulan itu, posisi terakhir sebelumnya (${fromOlder} pinjaman); bila belum pernah melaporkan, menurut jadwal angsuran (${fromSchedule} pinjaman, dianggap kol 1).`,
      'Pinjaman berjalan: dicairkan paling lambat akhir bulan dan belum lunas pada akhir bulan. Baru/lunas: tanggal pencairan/pelunasan dalam bulan ini.',
      'Subsidi dan premi dibayar: menurut tanggal SP2D. Rincian per bank, kecamatan, sektor, skala dan jenis kelamin dari baris tagihan dan premi yang dibayar SP2D tersebut.',
      `Proyeksi s.d. akhir tahun: subsidi yang diharapkan dari jadwal pinjaman berjalan untuk bulan sesudah ${formatPeriod(periode)} yang belum dibayar, dan premi pinjaman yang disetujui tetapi belum dicairkan (dihitung pada ${formatDateLong(ctx.today())}).`,
      'Jenis kelamin debitur menurut NIK.',
      ...(netMonth.koreksi !== 0 || netYear.koreksi !== 0
        ? [
            'Koreksi setelah pembayaran (temuan bank, Inspektorat atau BPK) dihitung pada tanggal uangnya bergerak: tanggal SP2D yang melunasi tagihan kompensasinya, atau tanggal STS. Baris yang dibayar tidak diubah.',
          ]
        : []),
      ...(lineTotal(subsidyMonth) !== netMonth.bruto || lineTotal(subsidyYear) !== netYear.bruto
        ? [
            `Rincian subsidi per bank dan lainnya (${formatRupiah(lineTotal(subsidyMonth))} bulan ini, ${formatRupiah(lineTotal(subsidyYear))} s.d. bulan ini) berbeda dari jumlah SP2D karena ada tagihan yang dibayar bertahap; rincian mengikuti tanggal SP2D pertama tagihannya.`,
          ]
        : []),
    ],
  };
}
