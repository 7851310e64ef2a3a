/**
 * The claim's printed outputs, as ReportDocuments (electron/services/documents/model.ts) rendered
 * by the document infrastructure (HTML, PDF, XLSX, CSV):
 *   beritaAcaraRekonsiliasi  the berita acara: letterhead, number and date, bank and period, totals
 *                            claimed / agreed / rejected in figures and words, counts per status,
 *                            the line table and the signature blocks of the bank and the secretariat;
 *   rekonsiliasiBaris        every line with both sides' figures, status, diagnosis and decision
 *                            (sheet "Baris") and the summary per status (the workbook's "Ringkasan").
 * Every figure is summed in SQL or as exact integers from the same lines the screen shows.
 */
import type { ClaimLine, DocumentRequest } from '../../contract';
import { CLAIM_DECISION_LABELS, CLAIM_LINE_STATUS_LABELS, DIAGNOSIS_LABELS } from '../../contract/claims';
import { formatDateLong, formatPeriod } from '../../domain/format';
import * as repo from '../../../database/repositories/claims';
import { getBank } from '../../../database/repositories/banks';
import type { ServiceContext } from '../context';
import { findUserByName } from '../../../database/repositories/users';
import type { DocumentColumn, DocumentRow, ReportDocument, Signer, TableBlock } from '../documents/model';
import { notFound } from '../errors';
import { getDocumentSettings } from '../settings/document-settings';
import { listCorrections } from '../../../database/repositories/corrections';
import { claimBankId } from '../../../database/repositories/scoping';
import { CORRECTION_DOCUMENT_LABELS, CORRECTION_KIND_LABELS, type Correction } from '../../contract/claims';

type BaParams = Extract<DocumentRequest, { jenis: 'beritaAcaraRekonsiliasi' }>;
type LinesParams = Extract<DocumentRequest, { jenis: 'rekonsiliasiBaris' }>;

/** More lines than this: the berita acara lists only the lines not agreed as claimed; the rest are in the lines export. */
export const BA_ALL_LINES_UP_TO = 2_000;

/** The bank of a claim, for bank scoping before anything is built. */
export function bankOfClaim(ctx: ServiceContext, tagihanId: number): number {
  const bankId = claimBankId(ctx.db, tagihanId);
  if (bankId === null) throw notFound('Tagihan');
  return bankId;
}

/**
 * The corrections of earlier paid lines offset on this claim (issue 18.5): one line each, and the
 * net the SP2D pays in figures and words. Nothing when none were offset.
 */
function offsetBlocks(offsets: readonly Correction[], disetujui: number): ReportDocument['blocks'] {
  if (offsets.length === 0) return [];
  const signed = (k: Correction) => (k.jenis === 'kurang_bayar' ? k.jumlah : -k.jumlah);
  const net = offsets.reduce((s, k) => s + signed(k), 0);
  return [
    {
      type: 'paragraph',
      text:
        'Atas pembayaran tagihan sebelumnya terdapat koreksi setelah pembayaran yang diperhitungkan (dikompensasikan) pada tagihan ini: ' +
        'lebih bayar mengurangi dan kurang bayar menambah jumlah yang dibayarkan. Baris tagihan yang telah dibayar tidak diubah.',
    },
    {
      type: 'table',
      title: 'Koreksi yang dikompensasikan pada tagihan ini',
      columns: [
        { key: 'no', label: 'No.', kind: 'number', width: 0.5 },
        { key: 'rekening', label: 'Nomor rekening', kind: 'text', width: 1.3 },
        { key: 'nama', label: 'Nama debitur', kind: 'text', width: 1.4 },
        { key: 'periode', label: 'Periode', kind: 'text', width: 1.1, nowrap: true },
        { key: 'asal', label: 'Tagihan asal', kind: 'text', width: 0.9 },
        { key: 'jenis', label: 'Jenis', kind: 'text', width: 1 },
        { key: 'jumlah', label: 'Jumlah (±)', kind: 'rupiah' },
        { key: 'dokumen', label: 'Dokumen', kind: 'text', width: 2 },
      ],
      rows: offsets.map((k, i) => ({
        no: i + 1,
        rekening: k.nomorRekening,
        nama: k.nama ?? '',
        periode: formatPeriod(k.periode),
        asal: `Nomor ${k.tagihanId}, baris ${k.nomorBaris}`,
        jenis: CORRECTION_KIND_LABELS[k.jenis],
        jumlah: signed(k),
        dokumen: `${CORRECTION_DOCUMENT_LABELS[k.dokumenJenis]} No. ${k.dokumenNomor} tanggal ${formatDateLong(k.dokumenTanggal)}: ${k.alasan}`,
      })),
      totals: { no: null, rekening: 'Jumlah koreksi', jumlah: net },
    },
    { type: 'amount', label: 'Jumlah bersih yang dibayarkan (disetujui dikurangi lebih bayar ditambah kurang bayar)', amount: disetujui + net },
  ];
}

const periodText = (awal: string, akhir: string) => (awal === akhir ? formatPeriod(awal) : `${formatPeriod(awal)} s.d. ${formatPeriod(akhir)}`);

const LINE_COLUMNS: DocumentColumn[] = [
  { key: 'no', label: 'No.', kind: 'number', width: 0.5 },
  { key: 'rekening', label: 'Nomor rekening', kind: 'text', width: 1.3 },
  { key: 'nama', label: 'Nama debitur', kind: 'text', width: 1.6 },
  { key: 'periode', label: 'Periode', kind: 'text', width: 1.1, nowrap: true },
  { key: 'diklaim', label: 'Diklaim bank', kind: 'rupiah' },
  { key: 'diharapkan', label: 'Perhitungan', kind: 'rupiah' },
  { key: 'disetujui', label: 'Disetujui', kind: 'rupiah' },
  { key: 'status', label: 'Status', kind: 'text', width: 1.2 },
  { key: 'keterangan', label: 'Keputusan / keterangan', kind: 'text', width: 2.2 },
];

/** A line of the berita acara; `no` counts the printed lines 1…n (the file's own row numbers are in the lines export). */
function lineRow(l: ClaimLine, no: number): DocumentRow {
  const decision = l.keputusan ? CLAIM_DECISION_LABELS[l.keputusan] : 'Belum diputuskan';
  const why = l.alasanKeputusan ?? (l.diagnosis ? DIAGNOSIS_LABELS[l.diagnosis] : l.keterangan);
  return {
    no,
    rekening: l.nomorRekening,
    nama: l.nama ?? '',
    periode: formatPeriod(l.periode),
    diklaim: l.diklaim,
    diharapkan: l.diharapkan,
    disetujui: l.disetujui,
    status: l.status ? CLAIM_LINE_STATUS_LABELS[l.status] + (l.cocokOleh === 'nik' ? ' (cocok NIK)' : '') : '',
    keterangan: why ? `${decision}: ${why}` : decision,
  };
}

function sumOf(lines: readonly ClaimLine[], key: 'diklaim' | 'diharapkan' | 'disetujui'): number {
  let n = 0;
  for (const l of lines) n += l[key] ?? 0;
  return n;
}

function summaryTable(ctx: ServiceContext, tagihanId: number): TableBlock {
  const per = repo.statusTotals(ctx.db, tagihanId);
  const unclaimed = repo.unclaimedTotals(ctx.db, tagihanId);
  return {
    type: 'table',
    title: 'Ringkasan per status',
    columns: [
      { key: 'status', label: 'Status', kind: 'text', width: 2 },
      { key: 'jumlah', label: 'Jumlah baris', kind: 'number' },
      { key: 'diklaim', label: 'Diklaim bank', kind: 'rupiah' },
      { key: 'diharapkan', label: 'Perhitungan', kind: 'rupiah' },
      { key: 'disetujui', label: 'Disetujui', kind: 'rupiah' },
    ],
    rows: [
      ...per.map((p) => ({ status: CLAIM_LINE_STATUS_LABELS[p.status], jumlah: p.jumlah, diklaim: p.diklaim, diharapkan: p.diharapkan, disetujui: p.disetujui })),
      { status: 'Diharapkan tetapi tidak diklaim bank', jumlah: unclaimed.jumlah, diklaim: 0, diharapkan: unclaimed.total, disetujui: 0 },
    ],
    totals: {
      status: 'Jumlah',
      jumlah: per.reduce((s, p) => s + p.jumlah, 0) + unclaimed.jumlah,
      diklaim: per.reduce((s, p) => s + p.diklaim, 0),
      diharapkan: per.reduce((s, p) => s + p.diharapkan, 0) + unclaimed.total,
      disetujui: per.reduce((s, p) => s + p.disetujui, 0),
    },
  };
}

/** The settings' placeholder for a signer nobody named: a dotted line to write on. */
const UNNAMED = /^[.\s]*$/;

/**
 * Who signs as verifier: the user who approved the claim (their name; the configured verifier's
 * NIP when that is the same person), else the verifier named in the settings, else a dotted line.
 */
function verifierSigner(ctx: ServiceContext, approvedBy: string | null, configured: { nama: string; jabatan: string; nip: string | null }): Omit<Signer, 'heading'> {
  const configuredName = UNNAMED.test(configured.nama) ? null : configured.nama;
  const approver = approvedBy === null ? null : (findUserByName(ctx.db, approvedBy)?.nama ?? null);
  const name = approver ?? configuredName ?? '....................................';
  const nip = configured.nip && name === configuredName ? { nip: configured.nip } : {};
  return { position: configured.jabatan, name, ...nip };
}

export function buildBeritaAcara(ctx: ServiceContext, p: BaParams): ReportDocument {
  const claim = repo.getClaimHeader(ctx.db, p.tagihanId);
  if (!claim) throw notFound('Tagihan');
  const bank = getBank(ctx.db, claim.bankId)!;
  const settings = getDocumentSettings(ctx.db);
  const lines = repo.allClaimLines(ctx.db, claim.id);
  const unclaimed = repo.unclaimedTotals(ctx.db, claim.id);
  const approved = claim.status === 'disetujui' || claim.status === 'dibayar';
  const diklaim = claim.totalDiklaim;
  const disetujui = approved ? (claim.totalDisetujui ?? 0) : sumOf(lines, 'disetujui');
  const tanggal = claim.tanggalBa ?? ctx.today();
  const shown = lines.length <= BA_ALL_LINES_UP_TO ? lines : lines.filter((l) => l.disetujui !== l.diklaim);
  const period = periodText(claim.periodeAwal, claim.periodeAkhir);
  const offsets = approved ? listCorrections(ctx.db, { tagihanKompensasiId: claim.id }) : [];

  return {
    title: 'Berita Acara Rekonsiliasi Tagihan Subsidi Bunga',
    subtitle: approved ? `Nomor ${claim.nomorBa}` : 'DRAF — tagihan belum disetujui',
    orientation: 'portrait',
    fileName: `berita-acara-rekonsiliasi-${bank.kode.toLowerCase()}-${claim.periodeAwal}${claim.periodeAkhir !== claim.periodeAwal ? `-${claim.periodeAkhir}` : ''}`,
    letterhead: true,
    blocks: [
      {
        type: 'fields',
        items: [
          { label: 'Nomor', value: claim.nomorBa ?? '—' },
          { label: 'Tanggal', value: formatDateLong(tanggal) },
          { label: 'Bank mitra', value: bank.nama },
          { label: 'Periode tagihan', value: period },
          { label: 'Berkas tagihan', value: claim.namaBerkas ?? `Tagihan nomor ${claim.id}` },
          { label: 'Jumlah baris', value: String(lines.length) },
        ],
      },
      {
        type: 'paragraph',
        text:
          `Pada tanggal ${formatDateLong(tanggal)} telah dilakukan rekonsiliasi atas tagihan subsidi bunga Program Gerbang Serasan dari ${bank.nama} ` +
          `untuk periode ${period}, dengan membandingkan setiap baris tagihan dengan perhitungan Sekretariat. Hasilnya sebagai berikut:`,
      },
      { type: 'amount', label: 'Jumlah yang ditagih bank', amount: diklaim },
      { type: 'amount', label: 'Jumlah yang disetujui', amount: disetujui },
      { type: 'amount', label: 'Jumlah yang tidak disetujui', amount: Math.max(0, diklaim - disetujui) },
      ...offsetBlocks(offsets, disetujui),
      summaryTable(ctx, claim.id),
      ...(unclaimed.jumlah > 0
        ? [
            {
              type: 'paragraph' as const,
              text: `Terdapat ${unclaimed.jumlah} bulan pinjaman yang menurut perhitungan Sekretariat layak disubsidi tetapi tidak ditagih oleh bank; bank dapat menagihkannya pada tagihan berikutnya.`,
            },
          ]
        : []),
      {
        type: 'table',
        title:
          shown.length === lines.length
            ? 'Rincian baris tagihan'
            : `Rincian baris yang tidak disetujui sebesar tagihannya (${shown.length} dari ${lines.length} baris; rincian lengkap pada lampiran)`,
        columns: LINE_COLUMNS,
        rows: shown.map((l, i) => lineRow(l, i + 1)),
        totals: { no: null, rekening: 'Jumlah', diklaim: sumOf(shown, 'diklaim'), diharapkan: sumOf(shown, 'diharapkan'), disetujui: sumOf(shown, 'disetujui') },
      },
      {
        type: 'paragraph',
        text: 'Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagai dasar pembayaran subsidi bunga.',
      },
      {
        type: 'signatures',
        place: settings.tempat,
        date: tanggal,
        signers: [
          { heading: `Pihak Bank (${bank.nama})`, position: bank.picJabatan ?? 'Petugas Penghubung', name: bank.picNama ?? '....................................' },
          { heading: 'Diperiksa oleh,', ...verifierSigner(ctx, claim.disetujuiOleh, settings.penandatangan.verifikator) },
          {
            heading: 'Mengetahui,',
            position: settings.penandatangan.kepalaSekretariat.jabatan,
            name: settings.penandatangan.kepalaSekretariat.nama,
            ...(settings.penandatangan.kepalaSekretariat.nip ? { nip: settings.penandatangan.kepalaSekretariat.nip } : {}),
          },
        ],
      },
    ],
  };
}

export function buildRekonsiliasiBaris(ctx: ServiceContext, p: LinesParams): ReportDocument {
  const claim = repo.getClaimHeader(ctx.db, p.tagihanId);
  if (!claim) throw notFound('Tagihan');
  const lines = repo.allClaimLines(ctx.db, claim.id);
  return {
    title: 'Rincian Rekonsiliasi Tagihan',
    subtitle: `${claim.bankNama} — ${periodText(claim.periodeAwal, claim.periodeAkhir)}`,
    orientation: 'landscape',
    fileName: `rekonsiliasi-${claim.bankKode.toLowerCase()}-${claim.periodeAwal}-tagihan-${claim.id}`,
    letterhead: false,
    blocks: [
      {
        type: 'table',
        title: 'Baris tagihan',
        sheet: 'Baris',
        columns: [
          { key: 'no', label: 'No.', kind: 'number' },
          { key: 'rekening', label: 'Nomor rekening', kind: 'text' },
          { key: 'nik', label: 'NIK', kind: 'text' },
          { key: 'nama', label: 'Nama debitur', kind: 'text' },
          { key: 'periode', label: 'Periode', kind: 'text' },
          { key: 'outstandingBank', label: 'Baki debet bank', kind: 'rupiah' },
          { key: 'pokokKami', label: 'Baki debet perhitungan', kind: 'rupiah' },
          { key: 'bungaBank', label: 'Tarif bank (%)', kind: 'percent' },
          { key: 'tarifKami', label: 'Tarif perhitungan (%)', kind: 'percent' },
          { key: 'hariBank', label: 'Hari bank', kind: 'number' },
          { key: 'hariKami', label: 'Hari perhitungan', kind: 'number' },
          { key: 'diklaim', label: 'Diklaim bank', kind: 'rupiah' },
          { key: 'diharapkan', label: 'Perhitungan', kind: 'rupiah' },
          { key: 'selisih', label: 'Selisih', kind: 'rupiah' },
          { key: 'disetujui', label: 'Disetujui', kind: 'rupiah' },
          { key: 'status', label: 'Status', kind: 'text' },
          { key: 'cocokOleh', label: 'Dicocokkan dengan', kind: 'text' },
          { key: 'diagnosis', label: 'Dugaan penyebab', kind: 'text' },
          { key: 'keterangan', label: 'Keterangan', kind: 'text' },
          { key: 'keputusan', label: 'Keputusan', kind: 'text' },
          { key: 'alasan', label: 'Alasan keputusan', kind: 'text' },
        ],
        rows: lines.map((l) => ({
          no: l.nomorBaris,
          rekening: l.nomorRekening,
          nik: l.nik,
          nama: l.nama,
          periode: l.periode,
          outstandingBank: l.outstanding,
          pokokKami: l.hitung?.pokok ?? null,
          bungaBank: l.bungaPersen !== null && /^\d+([.,]\d+)?$/.test(l.bungaPersen) ? l.bungaPersen.replace(',', '.') : null,
          tarifKami: l.hitung?.tarifPersen ?? null,
          hariBank: l.hari,
          hariKami: l.hitung?.hari ?? null,
          diklaim: l.diklaim,
          diharapkan: l.diharapkan,
          selisih: l.diharapkan === null ? null : l.diklaim - l.diharapkan,
          disetujui: l.disetujui,
          status: l.status ? CLAIM_LINE_STATUS_LABELS[l.status] : null,
          cocokOleh: l.cocokOleh === 'rekening' ? 'Nomor rekening' : l.cocokOleh === 'nik' ? 'NIK, plafon dan tanggal akad' : null,
          diagnosis: l.diagnosisRincian ?? (l.diagnosis ? DIAGNOSIS_LABELS[l.diagnosis] : null),
          keterangan: l.keterangan,
          keputusan: l.keputusan ? CLAIM_DECISION_LABELS[l.keputusan] : null,
          alasan: l.alasanKeputusan,
        })),
        totals: {
          rekening: 'Jumlah',
          diklaim: sumOf(lines, 'diklaim'),
          diharapkan: sumOf(lines, 'diharapkan'),
          selisih: lines.reduce((s, l) => s + (l.diharapkan === null ? 0 : l.diklaim - l.diharapkan), 0),
          disetujui: sumOf(lines, 'disetujui'),
        },
      },
      // Without a sheet of its own: it goes on the workbook's summary sheet ('Ringkasan').
      summaryTable(ctx, claim.id),
    ],
  };
}
