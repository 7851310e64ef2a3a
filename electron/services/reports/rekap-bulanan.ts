/**
 * Rekap bulanan: the program at the end of a month, for the head of the secretariat to sign.
 *
 * - Loans and debtors, plafon and outstanding: the loan snapshot at the month end (snapshot.ts):
 *   the bank's latest position in or before the month, else the schedule.
 * - Subsidy and premium paid: SP2D dated in the month / from 1 January to the month end
 *   (subsidy: the paid claim lines, `tagihan_baris` joined to `periode_dibayar` and the payment;
 *   premium: the premiums settled by an insurer payment), integer SUMs in SQL.
 * - Budget: the year's pagu per kind, realisation to the month end, and the projection of the
 *   months after it to the year end (services/budget/projection.ts, as on the budget page).
 * - Quality: the share of the outstanding at kol 3–5.
 */
import Decimal from 'decimal.js';
import type { Database } from 'better-sqlite3';
import type { DocumentRequest } from '../../contract';
import { formatDateLong, formatPeriod, formatRupiah } from '../../domain/format';
import { nextPeriod, periodLastDay } from '../../domain/loan';
import { projectCosts } from '../budget/projection';
import type { ServiceContext } from '../context';
import type { DocumentColumn, DocumentRow, ReportDocument, TableBlock } from '../documents/model';
import { getDocumentSettings, SIGNER_HEADING } from '../settings/document-settings';
import { SKALA_LABEL } from './registers';
import { groupSums, loanSnapshots, TANPA_KECAMATAN, TANPA_SEKTOR, type LoanSnapshot } from './snapshot';

type Params = Extract<DocumentRequest, { jenis: 'rekapBulanan' }>;

/** a / b as a percentage with two decimals ('12.34'); '0.00' when b is 0. */
export function share(a: number, b: number): string {
  return b === 0 ? '0.00' : new Decimal(a).times(100).div(b).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

interface PaidLine {
  pinjaman_id: number;
  bank_id: number;
  jumlah: number;
}

/**
 * Subsidy lines paid, per loan (integer SUM in SQL), dated by their claim's first SP2D: a claim
 * paid in instalments (several SP2D) counts its lines once, on the first payment's date.
 */
function subsidyPaid(db: Database, from: string, to: string): PaidLine[] {
  return db
    .prepare(
      `SELECT tb.pinjaman_id, t.bank_id, sum(tb.disetujui) AS jumlah
       FROM tagihan_baris tb
       JOIN periode_dibayar pd ON pd.tagihan_baris_id = tb.id
       JOIN tagihan t ON t.id = tb.tagihan_id
       JOIN pembayaran pb ON pb.id = (SELECT min(p2.id) FROM pembayaran p2 WHERE p2.tagihan_id = t.id)
       WHERE pb.tanggal_sp2d BETWEEN @from AND @to
       GROUP BY tb.pinjaman_id, t.bank_id`,
    )
    .all({ from, to }) as PaidLine[];
}

/** Premiums settled by an insurer payment dated in [from, to], per loan. */
function premiumPaid(db: Database, from: string, to: string): PaidLine[] {
  return db
    .prepare(
      `SELECT pr.pinjaman_id, l.bank_id, sum(pr.jumlah) AS jumlah
       FROM premi pr
       JOIN pembayaran_premi pp ON pp.id = pr.pembayaran_premi_id
       JOIN pinjaman l ON l.id = pr.pinjaman_id
       WHERE pp.tanggal_sp2d BETWEEN @from AND @to
       GROUP BY pr.pinjaman_id, l.bank_id`,
    )
    .all({ from, to }) as PaidLine[];
}

/** What the SP2D themselves say (the certified totals). */
function paymentTotals(db: Database, from: string, to: string): { subsidi: number; premi: number } {
  return db
    .prepare(
      `SELECT (SELECT coalesce(sum(jumlah), 0) FROM pembayaran WHERE tanggal_sp2d BETWEEN @from AND @to) AS subsidi,
              (SELECT coalesce(sum(jumlah), 0) FROM pembayaran_premi WHERE tanggal_sp2d BETWEEN @from AND @to) AS premi`,
    )
    .get({ from, to }) as { subsidi: number; premi: number };
}

interface Dims {
  bank: string;
  kecamatan: string;
  sektor: string;
  skala: string;
  gender: string;
}

const GENDER_LABEL: Record<string, string> = { L: 'Laki-laki', P: 'Perempuan' };

export async function buildRekapBulanan(ctx: ServiceContext, p: Params): Promise<ReportDocument> {
  const { db } = ctx;
  const periode = p.periode;
  const year = Number(periode.slice(0, 4));
  const monthStart = `${periode}-01`;
  const monthEnd = periodLastDay(periode);
  const yearStart = `${year}-01-01`;

  const loans = loanSnapshots(db, periode);
  const running = loans.filter((l) => l.berjalan);
  const dimsOfLoan = new Map<number, Dims>(
    (
      db
        .prepare(
          `SELECT l.id, b.nama AS bank, coalesce(k.nama, '${TANPA_KECAMATAN}') AS kecamatan, coalesce(s.nama, '${TANPA_SEKTOR}') AS sektor, d.skala, d.jenis_kelamin
           FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id JOIN bank b ON b.id = l.bank_id
           LEFT JOIN kecamatan k ON k.id = d.kecamatan_id LEFT JOIN sektor s ON s.id = d.sektor_id`,
        )
        .all() as { id: number; bank: string; kecamatan: string; sektor: string; skala: string; jenis_kelamin: string }[]
    ).map((r) => [r.id, { bank: r.bank, kecamatan: r.kecamatan, sektor: r.sektor, skala: SKALA_LABEL[r.skala] ?? r.skala, gender: GENDER_LABEL[r.jenis_kelamin] ?? r.jenis_kelamin }]),
  );
  const subsidyMonth = subsidyPaid(db, monthStart, monthEnd);
  const subsidyYear = subsidyPaid(db, yearStart, monthEnd);
  const premiumMonth = premiumPaid(db, monthStart, monthEnd);
  const paidMonth = paymentTotals(db, monthStart, monthEnd);
  const paidYear = paymentTotals(db, yearStart, monthEnd);

  const lineTotal = (lines: PaidLine[]) => lines.reduce((s, l) => s + l.jumlah, 0);

  // ---- the whole program
  const sum = (items: readonly LoanSnapshot[], f: (l: LoanSnapshot) => number) => items.reduce((s, l) => s + f(l), 0);
  const bad = running.filter((l) => l.kol >= 3);
  const outstanding = sum(running, (l) => l.outstanding);
  const badOutstanding = sum(bad, (l) => l.outstanding);
  const totals = {
    debitur: new Set(running.map((l) => l.debiturId)).size,
    berjalan: running.length,
    baru: loans.filter((l) => l.baru).length,
    plafonBaru: sum(loans.filter((l) => l.baru), (l) => l.plafon),
    lunas: loans.filter((l) => l.lunasBulanIni).length,
    macet: running.filter((l) => l.kol === 5).length,
    kol35: bad.length,
    plafon: sum(running, (l) => l.plafon),
    outstanding,
    badOutstanding,
  };

  // ---- breakdowns: every dimension has the same columns
  const breakdown = (title: string, sheet: string, label: string, dim: keyof Dims, all: string[] = []): TableBlock => {
    const keyOf = (loanId: number) => dimsOfLoan.get(loanId)?.[dim] ?? '-';
    const loanSums = groupSums(loans, (l) => keyOf(l.id), {
      berjalan: (l) => (l.berjalan ? 1 : 0),
      baru: (l) => (l.baru ? 1 : 0),
      lunas: (l) => (l.lunasBulanIni ? 1 : 0),
      plafon: (l) => (l.berjalan ? l.plafon : 0),
      outstanding: (l) => (l.berjalan ? l.outstanding : 0),
      bad: (l) => (l.berjalan && l.kol >= 3 ? l.outstanding : 0),
    });
    const debtors = new Map<string, Set<number>>();
    for (const l of running) {
      const k = keyOf(l.id);
      if (!debtors.has(k)) debtors.set(k, new Set());
      debtors.get(k)!.add(l.debiturId);
    }
    const paid = (lines: PaidLine[]) => groupSums(lines, (x) => keyOf(x.pinjaman_id), { jumlah: (x) => x.jumlah });
    const sMonth = paid(subsidyMonth);
    const sYear = paid(subsidyYear);
    const pMonth = paid(premiumMonth);
    const keys = [...new Set([...all, ...loanSums.keys(), ...sYear.keys(), ...pMonth.keys()])];
    if (all.length === 0) keys.sort((a, b) => a.localeCompare(b, 'id'));
    const rows: DocumentRow[] = keys.map((k) => {
      const s = loanSums.get(k);
      return {
        nama: k,
        debitur: debtors.get(k)?.size ?? 0,
        berjalan: s?.berjalan ?? 0,
        baru: s?.baru ?? 0,
        lunas: s?.lunas ?? 0,
        plafon: s?.plafon ?? 0,
        outstanding: s?.outstanding ?? 0,
        bad: s?.bad ?? 0,
        badShare: share(s?.bad ?? 0, s?.outstanding ?? 0),
        subsidiBulan: sMonth.get(k)?.jumlah ?? 0,
        subsidiTahun: sYear.get(k)?.jumlah ?? 0,
        premiBulan: pMonth.get(k)?.jumlah ?? 0,
      };
    });
    const col = (key: string, lbl: string, kind: DocumentColumn['kind'], width = 1): DocumentColumn => ({ key, label: lbl, kind, width });
    const total = (key: string) => rows.reduce((s, r) => s + (r[key] as number), 0);
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
        debitur: total('debitur'),
        berjalan: total('berjalan'),
        baru: total('baru'),
        lunas: total('lunas'),
        plafon: total('plafon'),
        outstanding: total('outstanding'),
        bad: total('bad'),
        badShare: share(total('bad'), total('outstanding')),
        subsidiBulan: total('subsidiBulan'),
        subsidiTahun: total('subsidiTahun'),
        premiBulan: total('premiBulan'),
      },
    };
  };
  const allKecamatan = (db.prepare('SELECT nama FROM kecamatan WHERE aktif = 1 ORDER BY nama').all() as { nama: string }[]).map((r) => r.nama);

  // ---- budget: pagu, realisation and projection of the year
  const pagu = db.prepare('SELECT jenis, coalesce(sum(jumlah), 0) AS pagu FROM pagu WHERE tahun = ? GROUP BY jenis').all(year) as { jenis: string; pagu: number }[];
  const paguOf = (jenis: string) => pagu.find((x) => x.jenis === jenis)?.pagu ?? 0;
  const projection = periode.endsWith('-12') ? { subsidyByYear: new Map<number, number>(), pendingPremiums: 0 } : projectCosts(db, nextPeriod(periode));
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
    budgetRow('Subsidi bunga', paguOf('subsidi_bunga'), paidMonth.subsidi, paidYear.subsidi, projection.subsidyByYear.get(year) ?? 0),
    budgetRow('Premi asuransi kredit', paguOf('premi'), paidMonth.premi, paidYear.premi, projection.pendingPremiums),
  ];
  const budgetTotal = (k: string) => budgetRows.reduce((s, r) => s + (r[k] as number), 0);

  // ---- charts
  const byBank = groupSums(running, (l) => l.bank, { outstanding: (l) => l.outstanding });
  const byKol = groupSums(running, (l) => String(l.kol), { outstanding: (l) => l.outstanding });
  const months = Array.from({ length: Number(periode.slice(5, 7)) }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const monthly = db
    .prepare(`SELECT substr(tanggal_sp2d, 1, 7) AS periode, sum(jumlah) AS jumlah FROM pembayaran WHERE tanggal_sp2d BETWEEN ? AND ? GROUP BY 1`)
    .all(yearStart, monthEnd) as { periode: string; jumlah: number }[];
  const BULAN_SINGKAT = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

  const settings = getDocumentSettings(db);
  const signer = (role: 'kepalaSekretariat' | 'verifikator', heading: string) => {
    const s = settings.penandatangan[role];
    return { heading, position: s.jabatan, name: s.nama, ...(s.nip ? { nip: s.nip } : {}) };
  };
  const fromSchedule = running.filter((l) => l.sumber === 'jadwal').length;
  const fromOlder = running.filter((l) => l.sumber === 'posisi_lama').length;
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
        series: [{ name: 'Baki debet', kind: 'rupiah', values: ['1', '2', '3', '4', '5'].map((k) => byKol.get(k)?.outstanding ?? 0) }],
        height: 220,
      },
      breakdown('D. Menurut bank mitra', 'Per bank', 'Bank', 'bank'),
      {
        type: 'chart',
        title: 'Baki debet per bank mitra',
        chart: 'bar',
        categories: [...byBank.keys()],
        series: [{ name: 'Baki debet', kind: 'rupiah', values: [...byBank.values()].map((v) => v.outstanding) }],
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
      ...(lineTotal(subsidyMonth) !== paidMonth.subsidi || lineTotal(subsidyYear) !== paidYear.subsidi
        ? [`Rincian subsidi per bank dan lainnya (${formatRupiah(lineTotal(subsidyMonth))} bulan ini, ${formatRupiah(lineTotal(subsidyYear))} s.d. bulan ini) berbeda dari jumlah SP2D karena ada tagihan yang dibayar bertahap; rincian mengikuti tanggal SP2D pertama tagihannya.`]
        : []),
    ],
  };
}
