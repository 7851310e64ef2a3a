/**
 * The debtor register and the loan register: lists on landscape A4 with the filters the clerk
 * chose written at the head, totals in SQL-summed integer rupiah.
 */
import type { Database } from '../../../database/connection';
import { filterName, registerDebtors, registerLoans, registerLoanTotals, type DebtorFilter } from '../../../database/repositories/registers';
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

const nameOf = (db: Database, table: 'bank' | 'kecamatan' | 'skema' | 'sektor', id: number | undefined): string | null =>
  id === undefined ? null : (filterName(db, table, id) ?? `(tidak dikenal: ${id})`);

function periodText(p: { periodeAwal?: string | undefined; periodeAkhir?: string | undefined }): string | null {
  if (p.periodeAwal && p.periodeAkhir)
    return p.periodeAwal === p.periodeAkhir ? formatPeriod(p.periodeAwal) : `${formatPeriod(p.periodeAwal)} s.d. ${formatPeriod(p.periodeAkhir)}`;
  if (p.periodeAwal) return `sejak ${formatPeriod(p.periodeAwal)}`;
  if (p.periodeAkhir) return `sampai ${formatPeriod(p.periodeAkhir)}`;
  return null;
}

/** The register's filter as the repository takes it: the akad period as dates. */
const filterOf = (p: RegisterPinjaman | RegisterDebitur): DebtorFilter => ({
  bankId: p.bankId,
  kecamatanId: p.kecamatanId,
  skemaId: p.skemaId,
  status: p.status,
  akadFrom: p.periodeAwal ? periodFirstDay(p.periodeAwal) : undefined,
  akadTo: p.periodeAkhir ? periodLastDay(p.periodeAkhir) : undefined,
  ...(p.jenis === 'registerDebitur' ? { sektorId: p.sektorId, skala: p.skala } : {}),
});

function filterFields(db: Database, p: RegisterPinjaman | RegisterDebitur): { label: string; value: string }[] {
  const items: { label: string; value: string }[] = [];
  const add = (label: string, value: string | null) => value && items.push({ label, value });
  add('Bank', nameOf(db, 'bank', p.bankId));
  add('Kecamatan', nameOf(db, 'kecamatan', p.kecamatanId));
  add('Skema', nameOf(db, 'skema', p.skemaId));
  add('Status pinjaman', p.status ? (STATUS_LABEL[p.status] ?? p.status) : null);
  if (p.jenis === 'registerDebitur') {
    add('Sektor', nameOf(db, 'sektor', p.sektorId));
    add('Skala usaha', p.skala ? (SKALA_LABEL[p.skala] ?? p.skala) : null);
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
  const filter = filterOf(p);
  const rows = registerLoans(db, filter);
  const totals = registerLoanTotals(db, filter);

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
  const rows = registerDebtors(db, filterOf(p));
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
          no: i + 1,
          nik: r.nik,
          nama: r.nama,
          jk: r.jenis_kelamin,
          lahir: r.tanggal_lahir,
          usaha: r.nama_usaha ?? '',
          sektor: r.sektor ?? '',
          skala: SKALA_LABEL[r.skala] ?? r.skala,
          kecamatan: r.kecamatan ?? '',
          desa: r.desa ?? '',
          pinjaman: r.pinjaman,
          plafon: r.plafon_berjalan,
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
