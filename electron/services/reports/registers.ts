/**
 * The debtor register and the loan register: lists on landscape A4 with the filters the clerk
 * chose written at the head, totals in SQL-summed integer rupiah.
 */
import type { Database } from 'better-sqlite3';
import type { DocumentRequest } from '../../contract';
import { LOAN_STATUS_TITLE } from '../../contract/loans';
import { formatDateLong, formatPercentText, formatPeriod } from '../../domain/format';
import { periodFirstDay, periodLastDay } from '../../domain/loan';
import type { ServiceContext } from '../context';
import type { DocumentRow, ReportDocument, SignaturesBlock } from '../documents/model';
import { getDocumentSettings, SIGNER_HEADING } from '../settings/document-settings';
import { scheduledOutstanding } from './snapshot';

type RegisterPinjaman = Extract<DocumentRequest, { jenis: 'registerPinjaman' }>;
type RegisterDebitur = Extract<DocumentRequest, { jenis: 'registerDebitur' }>;

/** Statuses as a register prints them; the table lives with the lifecycle in the loan contract. */
export const STATUS_LABEL: Readonly<Record<string, string>> = LOAN_STATUS_TITLE;
export const SKALA_LABEL: Record<string, string> = { mikro: 'Mikro', kecil: 'Kecil', menengah: 'Menengah', koperasi: 'Koperasi' };

const nameOf = (db: Database, table: 'bank' | 'kecamatan' | 'skema' | 'sektor', id: number | undefined): string | null => {
  if (id === undefined) return null;
  const col = table === 'skema' ? "kode || ' — ' || nama" : 'nama';
  return (db.prepare(`SELECT ${col} AS n FROM ${table} WHERE id = ?`).get(id) as { n: string } | undefined)?.n ?? `(tidak dikenal: ${id})`;
};

function periodText(p: { periodeAwal?: string | undefined; periodeAkhir?: string | undefined }): string | null {
  if (p.periodeAwal && p.periodeAkhir) return p.periodeAwal === p.periodeAkhir ? formatPeriod(p.periodeAwal) : `${formatPeriod(p.periodeAwal)} s.d. ${formatPeriod(p.periodeAkhir)}`;
  if (p.periodeAwal) return `sejak ${formatPeriod(p.periodeAwal)}`;
  if (p.periodeAkhir) return `sampai ${formatPeriod(p.periodeAkhir)}`;
  return null;
}

/** The WHERE clause of both registers over pinjaman l / debitur d. */
function loanWhere(p: {
  bankId?: number | undefined; kecamatanId?: number | undefined; skemaId?: number | undefined; status?: string | undefined;
  periodeAwal?: string | undefined; periodeAkhir?: string | undefined;
}): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (p.bankId !== undefined) { where.push('l.bank_id = @bankId'); params.bankId = p.bankId; }
  if (p.kecamatanId !== undefined) { where.push('d.kecamatan_id = @kecamatanId'); params.kecamatanId = p.kecamatanId; }
  if (p.skemaId !== undefined) { where.push('l.skema_id = @skemaId'); params.skemaId = p.skemaId; }
  if (p.status !== undefined) { where.push('l.status = @status'); params.status = p.status; }
  if (p.periodeAwal) { where.push('l.tanggal_akad >= @dari'); params.dari = periodFirstDay(p.periodeAwal); }
  if (p.periodeAkhir) { where.push('l.tanggal_akad <= @sampai'); params.sampai = periodLastDay(p.periodeAkhir); }
  return { sql: where.length ? where.join(' AND ') : '1 = 1', params };
}

function filterFields(db: Database, p: RegisterPinjaman | RegisterDebitur): { label: string; value: string }[] {
  const items: { label: string; value: string }[] = [];
  const add = (label: string, value: string | null) => value && items.push({ label, value });
  add('Bank', nameOf(db, 'bank', p.bankId));
  add('Kecamatan', nameOf(db, 'kecamatan', p.kecamatanId));
  add('Skema', nameOf(db, 'skema', p.skemaId));
  add('Status pinjaman', p.status ? STATUS_LABEL[p.status] ?? p.status : null);
  if (p.jenis === 'registerDebitur') {
    add('Sektor', nameOf(db, 'sektor', p.sektorId));
    add('Skala usaha', p.skala ? SKALA_LABEL[p.skala] ?? p.skala : null);
  }
  add('Periode akad', periodText(p));
  if (items.length === 0) items.push({ label: 'Saringan', value: 'semua data' });
  return items;
}

export function preparedBy(ctx: ServiceContext): SignaturesBlock {
  const s = getDocumentSettings(ctx.db);
  const k = s.penandatangan.kepalaSekretariat;
  const v = s.penandatangan.verifikator;
  return {
    type: 'signatures',
    place: s.tempat,
    date: ctx.today(),
    signers: [
      { heading: SIGNER_HEADING.kepalaSekretariat, position: k.jabatan, name: k.nama, ...(k.nip ? { nip: k.nip } : {}) },
      { heading: 'Dibuat oleh,', position: v.jabatan, name: v.nama, ...(v.nip ? { nip: v.nip } : {}) },
    ],
  };
}

const fileSuffix = (p: { periodeAwal?: string | undefined; periodeAkhir?: string | undefined }, today: string) =>
  p.periodeAwal || p.periodeAkhir ? `${p.periodeAwal ?? 'awal'}_${p.periodeAkhir ?? 'akhir'}` : today;

export function buildRegisterPinjaman(ctx: ServiceContext, p: RegisterPinjaman): ReportDocument {
  const { db } = ctx;
  const { sql, params } = loanWhere(p);
  const rows = db
    .prepare(
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
    .all(params) as {
    id: number; nomor_rekening: string; nomor_akad: string; tanggal_akad: string; tanggal_pencairan: string | null; debitur: string; nik: string;
    kecamatan: string | null; bank: string; skema: string; plafon: number; tenor_bulan: number; bunga_bank_persen: string; bunga_debitur_persen: string;
    status: string; tanggal_lunas: string | null; outstanding: number | null; kol: number | null; periode_posisi: string | null;
  }[];
  const totals = db
    .prepare(`SELECT count(*) AS n, coalesce(sum(l.plafon), 0) AS plafon FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id WHERE ${sql}`)
    .get(params) as { n: number; plafon: number };

  let fromSchedule = 0;
  const today = ctx.today();
  const table: DocumentRow[] = rows.map((r, i) => {
    const running = ['aktif', 'macet', 'klaim'].includes(r.status) && r.tanggal_pencairan !== null;
    let bakiDebet: number | null = null;
    if (r.status === 'lunas') bakiDebet = 0;
    else if (running && r.outstanding !== null) bakiDebet = r.outstanding;
    else if (running) {
      bakiDebet = scheduledOutstanding(db, r.id, today);
      fromSchedule++;
    }
    return {
      no: i + 1,
      rekening: r.nomor_rekening,
      akad: r.nomor_akad,
      tanggalAkad: r.tanggal_akad,
      debitur: r.debitur,
      nik: r.nik,
      kecamatan: r.kecamatan ?? '',
      bank: r.bank,
      skema: r.skema,
      plafon: r.plafon,
      tenor: r.tenor_bulan,
      bunga: `${formatPercentText(r.bunga_bank_persen)} / ${formatPercentText(r.bunga_debitur_persen)}`,
      status: STATUS_LABEL[r.status] ?? r.status,
      bakiDebet,
      kol: running && r.kol !== null ? r.kol : null,
    };
  });
  const bakiTotal = table.reduce((s, r) => s + (typeof r.bakiDebet === 'number' ? r.bakiDebet : 0), 0);

  return {
    title: 'Register Pinjaman',
    subtitle: `Program Gerbang Serasan — keadaan ${formatDateLong(today)}`,
    orientation: 'landscape',
    fileName: `register-pinjaman-${fileSuffix(p, today)}`,
    letterhead: true,
    blocks: [
      { type: 'fields', items: [...filterFields(db, p), { label: 'Jumlah pinjaman', value: String(totals.n) }] },
      {
        type: 'table',
        sheet: 'Pinjaman',
        csv: true,
        columns: [
          { key: 'no', label: 'No', kind: 'number', width: 0.45 },
          { key: 'rekening', label: 'No. rekening', kind: 'text', width: 1.2 },
          { key: 'akad', label: 'No. akad', kind: 'text', width: 1.5 },
          { key: 'tanggalAkad', label: 'Tgl akad', kind: 'date', width: 0.95 },
          { key: 'debitur', label: 'Debitur', kind: 'text', width: 1.7 },
          { key: 'nik', label: 'NIK', kind: 'text', width: 1.45 },
          { key: 'kecamatan', label: 'Kecamatan', kind: 'text', width: 1.2 },
          { key: 'bank', label: 'Bank', kind: 'text', width: 1.3 },
          { key: 'skema', label: 'Skema', kind: 'text', width: 0.85 },
          { key: 'plafon', label: 'Plafon', kind: 'rupiah', width: 1.25 },
          { key: 'tenor', label: 'Tenor (bln)', kind: 'number', width: 0.6 },
          { key: 'bunga', label: 'Bunga bank / debitur', kind: 'text', width: 1 },
          { key: 'status', label: 'Status', kind: 'text', width: 0.8 },
          { key: 'bakiDebet', label: 'Baki debet', kind: 'rupiah', width: 1.25 },
          { key: 'kol', label: 'Kol', kind: 'number', width: 0.4 },
        ],
        rows: table,
        totals: { no: null, debitur: `Jumlah (${totals.n} pinjaman)`, plafon: totals.plafon, bakiDebet: bakiTotal },
        empty: 'Tidak ada pinjaman yang memenuhi saringan.',
      },
      preparedBy(ctx),
    ],
    notes: [
      'Baki debet: posisi terakhir yang dilaporkan bank; pinjaman lunas bernilai nol.',
      ...(fromSchedule > 0 ? [`${fromSchedule} pinjaman berjalan belum pernah dilaporkan bank: baki debetnya menurut jadwal angsuran per ${formatDateLong(today)}.`] : []),
      'Kol: kolektibilitas menurut posisi bank terakhir (1 Lancar, 2 Dalam Perhatian Khusus, 3 Kurang Lancar, 4 Diragukan, 5 Macet).',
    ],
  };
}

export function buildRegisterDebitur(ctx: ServiceContext, p: RegisterDebitur): ReportDocument {
  const { db } = ctx;
  const loanFilter = loanWhere(p);
  const hasLoanFilter = p.bankId !== undefined || p.skemaId !== undefined || p.status !== undefined || p.periodeAwal !== undefined || p.periodeAkhir !== undefined;
  const where: string[] = ['d.aktif = 1'];
  const params: Record<string, unknown> = { ...loanFilter.params };
  if (p.kecamatanId !== undefined) where.push('d.kecamatan_id = @kecamatanId');
  if (p.sektorId !== undefined) { where.push('d.sektor_id = @sektorId'); params.sektorId = p.sektorId; }
  if (p.skala !== undefined) { where.push('d.skala = @skala'); params.skala = p.skala; }
  if (hasLoanFilter) where.push(`EXISTS (SELECT 1 FROM pinjaman l WHERE l.debitur_id = d.id AND ${loanFilter.sql})`);
  const rows = db
    .prepare(
      `SELECT d.id, d.nik, d.nama, d.jenis_kelamin, d.tanggal_lahir, d.nama_usaha, s.nama AS sektor, d.skala, k.nama AS kecamatan, d.desa,
              (SELECT count(*) FROM pinjaman l WHERE l.debitur_id = d.id AND l.status NOT IN ('ditolak')) AS pinjaman,
              (SELECT coalesce(sum(l.plafon), 0) FROM pinjaman l WHERE l.debitur_id = d.id AND l.status IN ('aktif', 'macet', 'klaim')) AS plafon_berjalan
       FROM debitur d
       LEFT JOIN kecamatan k ON k.id = d.kecamatan_id
       LEFT JOIN sektor s ON s.id = d.sektor_id
       WHERE ${where.join(' AND ')}
       ORDER BY d.nama COLLATE NOCASE, d.id`,
    )
    .all(params) as {
    id: number; nik: string; nama: string; jenis_kelamin: string; tanggal_lahir: string; nama_usaha: string | null; sektor: string | null; skala: string;
    kecamatan: string | null; desa: string | null; pinjaman: number; plafon_berjalan: number;
  }[];
  const total = rows.reduce((s, r) => ({ pinjaman: s.pinjaman + r.pinjaman, plafon: s.plafon + r.plafon_berjalan }), { pinjaman: 0, plafon: 0 });
  const today = ctx.today();
  return {
    title: 'Register Debitur',
    subtitle: `Program Gerbang Serasan — keadaan ${formatDateLong(today)}`,
    orientation: 'landscape',
    fileName: `register-debitur-${fileSuffix(p, today)}`,
    letterhead: true,
    blocks: [
      {
        type: 'fields',
        items: [
          ...filterFields(db, p),
          { label: 'Jumlah debitur', value: String(rows.length) },
          { label: 'Laki-laki / perempuan', value: `${rows.filter((r) => r.jenis_kelamin === 'L').length} / ${rows.filter((r) => r.jenis_kelamin === 'P').length}` },
        ],
      },
      {
        type: 'table',
        sheet: 'Debitur',
        csv: true,
        columns: [
          { key: 'no', label: 'No', kind: 'number', width: 0.45 },
          { key: 'nik', label: 'NIK', kind: 'text', width: 1.45 },
          { key: 'nama', label: 'Nama', kind: 'text', width: 1.8 },
          { key: 'jk', label: 'L/P', kind: 'text', width: 0.4 },
          { key: 'lahir', label: 'Tgl lahir', kind: 'date', width: 0.95 },
          { key: 'usaha', label: 'Nama usaha', kind: 'text', width: 1.6 },
          { key: 'sektor', label: 'Sektor', kind: 'text', width: 1.2 },
          { key: 'skala', label: 'Skala', kind: 'text', width: 0.75 },
          { key: 'kecamatan', label: 'Kecamatan', kind: 'text', width: 1.2 },
          { key: 'desa', label: 'Desa/kelurahan', kind: 'text', width: 1.3 },
          { key: 'pinjaman', label: 'Pinjaman', kind: 'number', width: 0.7 },
          { key: 'plafon', label: 'Plafon berjalan', kind: 'rupiah', width: 1.3 },
        ],
        rows: rows.map((r, i) => ({
          no: i + 1, nik: r.nik, nama: r.nama, jk: r.jenis_kelamin, lahir: r.tanggal_lahir, usaha: r.nama_usaha ?? '', sektor: r.sektor ?? '',
          skala: SKALA_LABEL[r.skala] ?? r.skala, kecamatan: r.kecamatan ?? '', desa: r.desa ?? '', pinjaman: r.pinjaman, plafon: r.plafon_berjalan,
        })),
        totals: { nama: `Jumlah (${rows.length} debitur)`, pinjaman: total.pinjaman, plafon: total.plafon },
        empty: 'Tidak ada debitur yang memenuhi saringan.',
      },
      preparedBy(ctx),
    ],
    notes: [
      'Pinjaman: banyaknya pinjaman debitur (tidak termasuk yang ditolak). Plafon berjalan: plafon pinjaman berstatus aktif, macet atau klaim.',
      'Jenis kelamin dan tanggal lahir menurut NIK.',
    ],
  };
}
