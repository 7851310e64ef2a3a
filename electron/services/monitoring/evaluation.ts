/**
 * The evaluation report of a year: the figures (electron/domain/monitoring/evaluation.ts) from the
 * cohort's rows, on screen (monev.evaluation) and as a document (PDF/XLSX with a rows sheet).
 */
import type { Database } from '../../../database/connection';
import * as repo from '../../../database/repositories/monitoring';
import type { DocumentRequest, Evaluation, EvaluationParams, EvaluationRow, FigureKey } from '../../contract';
import { evaluate, type EvaluationInput } from '../../domain/monitoring/evaluation';
import { formatDateLong } from '../../domain/format';
import type { ServiceContext } from '../context';
import type { DocumentRow, ReportDocument } from '../documents/model';
import { preparedBy, STATUS_LABEL } from '../reports/registers';

export function evaluation(db: Database, params: EvaluationParams): Evaluation {
  const rows = repo.evaluationRows(db, params);
  return { params, figures: evaluate(rows.map(toInput)), rows };
}

const toInput = (r: EvaluationRow): EvaluationInput => ({
  pinjamanId: r.pinjamanId,
  status: r.status,
  profil: r.profilStatus === null ? null : { omzet: r.omzetAkad!, tenagaKerja: r.tenagaKerjaAkad!, statusUsaha: r.profilStatus },
  kunjungan: r.kunjunganStatus === null ? null : { omzet: r.omzetKunjungan!, tenagaKerja: r.tenagaKerjaKunjungan!, statusUsaha: r.kunjunganStatus },
  posisi: r.kol === null ? null : { kol: r.kol, outstanding: r.outstanding! },
  subsidi: r.subsidi,
  premi: r.premi,
});

/** The figures' labels in the printed report (the screen has its own in both languages). */
export const FIGURE_LABEL: Record<FigureKey, string> = {
  usaha: 'Usaha dibiayai (pinjaman dicairkan)',
  usahaBaru: 'Usaha baru saat akad',
  denganProfil: 'Usaha dengan profil saat akad',
  dikunjungi: 'Usaha yang sudah dikunjungi',
  tenagaKerjaAkad: 'Tenaga kerja saat akad (usaha berprofil)',
  tenagaKerjaAkadBanding: 'Tenaga kerja saat akad (usaha berprofil dan dikunjungi)',
  tenagaKerjaKunjungan: 'Tenaga kerja pada kunjungan terakhir (usaha yang sama)',
  omzetMedianPerubahan: 'Median perubahan omzet',
  omzetTumbuhPersen: 'Usaha dengan omzet naik',
  usahaTutup: 'Usaha tutup (kunjungan terakhir)',
  nplJumlah: 'Pinjaman bermasalah (NPL)',
  nplPersen: 'NPL menurut jumlah pinjaman',
  nplOutstandingPersen: 'NPL menurut baki debet',
  subsidi: 'Subsidi bunga dibayar',
  premi: 'Premi asuransi dibayar',
  subsidiPerUsaha: 'Subsidi per usaha',
  premiPerUsaha: 'Premi per usaha',
  subsidiPerTenagaKerja: 'Subsidi per tenaga kerja (saat akad)',
  premiPerTenagaKerja: 'Premi per tenaga kerja (saat akad)',
};

const VISIT_STATUS: Record<string, string> = { berjalan: 'Berjalan', berkembang: 'Berkembang', menurun: 'Menurun', tutup: 'Tutup' };
const PROFILE_STATUS: Record<string, string> = { baru: 'Usaha baru', berjalan: 'Sudah berjalan' };

export const EVALUATION_NOTES = [
  'Usaha dibiayai: pinjaman yang dicairkan pada tahun laporan (sesuai saringan); satu akad dihitung satu usaha.',
  'Tenaga kerja = pekerja dibayar + pekerja keluarga. Perbandingan akad dan kunjungan terakhir hanya atas usaha yang punya keduanya.',
  'Perubahan omzet = (omzet kunjungan terakhir − omzet saat akad) ÷ omzet saat akad, atas usaha dengan omzet akad di atas nol yang sudah dikunjungi; median dan bagian yang naik.',
  'NPL: pinjaman berstatus macet, klaim atau hapus buku, atau aktif dengan kolektibilitas 3–5 pada posisi bank terakhir. Menurut baki debet: atas pinjaman aktif/macet yang punya posisi bank.',
  'Subsidi: nilai disetujui baris tagihan yang sudah dibayar (bruto, sebelum koreksi). Premi: premi yang sudah dibayar.',
  'Per usaha dan per tenaga kerja: jumlah dibagi banyaknya, dibulatkan sekali ke rupiah terdekat (setengah ke atas). Per tenaga kerja atas usaha berprofil dengan tenaga kerja.',
  'Kunjungan terakhir dan posisi bank terakhir: yang tercatat sampai tanggal cetak.',
];

export function filterItems(db: Database, p: EvaluationParams): { label: string; value: string }[] {
  const items = [{ label: 'Tahun pencairan', value: String(p.tahun) }];
  const add = (label: string, table: 'bank' | 'kecamatan' | 'skema' | 'sektor', id: number | undefined) => {
    if (id !== undefined) items.push({ label, value: repo.nameOf(db, table, id) ?? `(tidak dikenal: ${id})` });
  };
  add('Skema', 'skema', p.skemaId);
  add('Bank', 'bank', p.bankId);
  add('Kecamatan', 'kecamatan', p.kecamatanId);
  add('Sektor', 'sektor', p.sektorId);
  return items;
}

export function buildEvaluasiProgram(ctx: ServiceContext, request: Extract<DocumentRequest, { jenis: 'evaluasiProgram' }>): ReportDocument {
  const { jenis: _jenis, ...params } = request;
  const ev = evaluation(ctx.db, params);
  const figureRows: DocumentRow[] = ev.figures.map((f) => ({
    uraian: FIGURE_LABEL[f.kunci],
    jumlah: f.jenis === 'count' ? f.nilai : null,
    rupiah: f.jenis === 'rupiah' ? f.nilai : null,
    persen: f.jenis === 'percent' ? f.nilai : null,
    baris: f.pinjamanIds.length,
  }));
  const rows: DocumentRow[] = ev.rows.map((r, i) => ({
    no: i + 1,
    rekening: r.nomorRekening,
    debitur: r.debiturNama,
    usaha: r.namaUsaha ?? '',
    bank: r.bankNama,
    kecamatan: r.kecamatanNama ?? '',
    sektor: r.sektorNama ?? '',
    skema: r.skemaKode,
    cair: r.tanggalPencairan,
    status: STATUS_LABEL[r.status] ?? r.status,
    profil: r.profilStatus ? PROFILE_STATUS[r.profilStatus]! : 'belum diisi',
    omzetAkad: r.omzetAkad,
    tkAkad: r.tenagaKerjaAkad,
    kunjungan: r.kunjunganTanggal,
    statusKunjungan: r.kunjunganStatus ? VISIT_STATUS[r.kunjunganStatus]! : '',
    omzetKunjungan: r.omzetKunjungan,
    tkKunjungan: r.tenagaKerjaKunjungan,
    // The latest visit's photos (attachments): kept in the app, named here so a reader knows they exist.
    foto: r.kunjunganId === null ? null : r.kunjunganLampiran,
    kol: r.kol,
    outstanding: r.outstanding,
    subsidi: r.subsidi,
    premi: r.premi,
  }));
  const sum = (k: 'subsidi' | 'premi') => ev.rows.reduce((s, r) => s + r[k], 0);
  return {
    title: `Evaluasi Program Tahun ${params.tahun}`,
    subtitle: `Keadaan usaha yang dibiayai, dicetak ${formatDateLong(ctx.today())}`,
    orientation: 'landscape',
    fileName: `evaluasi-program-${params.tahun}`,
    letterhead: true,
    blocks: [
      { type: 'fields', items: filterItems(ctx.db, params) },
      {
        type: 'table',
        title: 'Ringkasan',
        sheet: 'Ringkasan',
        compact: false,
        columns: [
          { key: 'uraian', label: 'Uraian', kind: 'text', width: 4 },
          { key: 'jumlah', label: 'Jumlah', kind: 'number', width: 1 },
          { key: 'rupiah', label: 'Rupiah', kind: 'rupiah', width: 1.6 },
          { key: 'persen', label: 'Persen', kind: 'percent', width: 1 },
          { key: 'baris', label: 'Baris dasar', kind: 'number', width: 1 },
        ],
        rows: figureRows,
      },
      {
        type: 'table',
        title: 'Baris (satu per pinjaman)',
        sheet: 'Baris',
        csv: true,
        columns: [
          { key: 'no', label: 'No', kind: 'number', width: 0.4 },
          { key: 'rekening', label: 'Rekening', kind: 'text', width: 1.2 },
          { key: 'debitur', label: 'Debitur', kind: 'text', width: 1.5 },
          { key: 'bank', label: 'Bank', kind: 'text', width: 1.2 },
          { key: 'kecamatan', label: 'Kecamatan', kind: 'text', width: 1.1 },
          { key: 'cair', label: 'Cair', kind: 'date', width: 1, nowrap: true },
          { key: 'status', label: 'Status', kind: 'text', width: 0.8 },
          { key: 'omzetAkad', label: 'Omzet akad', kind: 'rupiah', width: 1.3 },
          { key: 'tkAkad', label: 'TK akad', kind: 'number', width: 0.6 },
          { key: 'kunjungan', label: 'Kunjungan', kind: 'date', width: 1, nowrap: true },
          { key: 'statusKunjungan', label: 'Keadaan', kind: 'text', width: 0.9 },
          { key: 'omzetKunjungan', label: 'Omzet kunjungan', kind: 'rupiah', width: 1.3 },
          { key: 'tkKunjungan', label: 'TK kunj.', kind: 'number', width: 0.6 },
          { key: 'foto', label: 'Foto kunj.', kind: 'number', width: 0.5 },
          { key: 'kol', label: 'Kol', kind: 'number', width: 0.4 },
          { key: 'subsidi', label: 'Subsidi', kind: 'rupiah', width: 1.2 },
          { key: 'premi', label: 'Premi', kind: 'rupiah', width: 1.1 },
        ],
        rows,
        totals: { no: null, rekening: 'Jumlah', subsidi: sum('subsidi'), premi: sum('premi') },
        empty: 'Tidak ada pinjaman yang dicairkan pada tahun ini dengan saringan tersebut.',
      },
      preparedBy(ctx),
    ],
    notes: EVALUATION_NOTES,
  };
}
