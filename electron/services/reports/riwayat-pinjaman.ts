/**
 * The history sheet of one loan: terms, schedule in force, the bank's monthly positions (with the
 * instalments paid), the subsidy paid per month with its SP2D, the premium and any insurance
 * claim, and the lifecycle steps. The data is the loan page's (loans.get), so both agree.
 */
import { debtorBusiness, loanStatusSteps } from '../../../database/repositories/loan-history';
import { loanBankId } from '../../../database/repositories/scoping';
import type { DocumentRequest } from '../../contract';
import { formatDateLong, formatDateShort, formatPeriod, formatRupiah } from '../../domain/format';
import type { ServiceContext } from '../context';
import type { ReportDocument } from '../documents/model';
import { notFound } from '../errors';
import { loanHandlers } from '../loans/handlers';
import { preparedBy, STATUS_LABEL } from './registers';

type Params = Extract<DocumentRequest, { jenis: 'riwayatPinjaman' }>;

/** The bank of a loan, for bank scoping (before anything is built). */
export function bankOfLoan(ctx: ServiceContext, loanId: number): number {
  const bankId = loanBankId(ctx.db, loanId);
  if (bankId === null) throw notFound('Pinjaman');
  return bankId;
}

const KOL_LABEL = ['', 'Lancar', 'Dalam Perhatian Khusus', 'Kurang Lancar', 'Diragukan', 'Macet'];

export async function buildRiwayatPinjaman(ctx: ServiceContext, p: Params): Promise<ReportDocument> {
  const loan = await loanHandlers(ctx)['loans.get']({ id: p.pinjamanId });
  const steps = loanStatusSteps(ctx.db, loan.id);
  // The loan was just read with its debtor (a foreign key), so the debtor is there.
  const debtor = debtorBusiness(ctx.db, loan.debiturId)!;
  const jadwal = loan.jadwal;
  const subsidyTotal = loan.subsidiDibayar.reduce((s, l) => s + l.jumlah, 0);

  return {
    title: 'Riwayat Pinjaman',
    subtitle: `${loan.debiturNama} — rekening ${loan.nomorRekening}, ${loan.bankNama}`,
    orientation: 'landscape',
    fileName: `riwayat-pinjaman-${loan.nomorRekening.replace(/[^0-9A-Za-z-]+/g, '-')}`,
    letterhead: true,
    blocks: [
      {
        type: 'fields',
        items: [
          { label: 'Debitur', value: `${loan.debiturNama} (NIK ${loan.debiturNik})` },
          { label: 'Usaha', value: [debtor.nama_usaha, debtor.skala, debtor.kecamatan ? `Kec. ${debtor.kecamatan}` : null].filter(Boolean).join(', ') },
          { label: 'Bank / cabang', value: loan.cabangNama ? `${loan.bankNama}, ${loan.cabangNama}` : loan.bankNama },
          { label: 'Nomor rekening / akad', value: `${loan.nomorRekening} / ${loan.nomorAkad}` },
          {
            label: 'Tanggal akad / pencairan',
            value: `${formatDateShort(loan.tanggalAkad)} / ${loan.tanggalPencairan ? formatDateShort(loan.tanggalPencairan) : 'belum dicairkan'}`,
          },
          { label: 'Skema', value: `${loan.skemaKode}, bunga ${loan.metodeBunga}` },
          { label: 'Plafon / tenor', value: `${formatRupiah(loan.plafon)} / ${loan.tenorBulan} bulan` },
          {
            label: 'Bunga bank / debitur',
            value: `${loan.bungaBankPersen.replace('.', ',')}% / ${loan.bungaDebiturPersen.replace('.', ',')}% per tahun${loan.alasanUbahBunga ? ` (${loan.alasanUbahBunga})` : ''}`,
          },
          { label: 'Status', value: `${STATUS_LABEL[loan.status] ?? loan.status}${loan.tanggalLunas ? `, lunas ${formatDateShort(loan.tanggalLunas)}` : ''}` },
          ...loan.restrukturisasi.map((r) => ({
            label: 'Restrukturisasi',
            value: `mulai ${formatDateShort(r.berlakuMulai)}${r.tenorBulan ? `, sisa tenor ${r.tenorBulan} bulan` : ''}${r.bungaBankPersen ? `, bunga bank ${r.bungaBankPersen.replace('.', ',')}%` : ''}: ${r.alasan}`,
          })),
        ],
      },
      {
        type: 'table',
        title: 'Jadwal angsuran yang berlaku',
        sheet: 'Jadwal',
        csv: true,
        columns: [
          { key: 'no', label: 'Ke', kind: 'number', width: 0.4 },
          { key: 'jatuhTempo', label: 'Jatuh tempo', kind: 'date', width: 0.9 },
          { key: 'pokokAwal', label: 'Pokok awal', kind: 'rupiah' },
          { key: 'pokok', label: 'Pokok', kind: 'rupiah' },
          { key: 'bunga', label: 'Bunga', kind: 'rupiah' },
          { key: 'angsuran', label: 'Angsuran', kind: 'rupiah' },
          { key: 'bungaDebitur', label: 'Bunga debitur', kind: 'rupiah' },
          { key: 'bungaSubsidi', label: 'Bunga disubsidi', kind: 'rupiah' },
          { key: 'pokokAkhir', label: 'Sisa pokok', kind: 'rupiah' },
        ],
        rows: (jadwal?.rows ?? []).map((r) => ({ ...r })),
        ...(jadwal
          ? {
              totals: {
                jatuhTempo: 'Jumlah',
                pokok: jadwal.totalPokok,
                bunga: jadwal.totalBunga,
                angsuran: jadwal.totalAngsuran,
                bungaDebitur: jadwal.totalBungaDebitur,
                bungaSubsidi: jadwal.totalBungaSubsidi,
              },
            }
          : {}),
      },
      {
        type: 'table',
        title: 'Posisi bulanan dari bank (angsuran dan kolektibilitas)',
        sheet: 'Posisi bank',
        columns: [
          { key: 'periode', label: 'Periode', kind: 'text', width: 1 },
          { key: 'outstanding', label: 'Baki debet', kind: 'rupiah', width: 1.2 },
          { key: 'kol', label: 'Kol', kind: 'text', width: 1.5 },
          { key: 'hari', label: 'Hari tunggakan', kind: 'number', width: 0.8 },
          { key: 'angsuran', label: 'Angsuran dibayar', kind: 'text', width: 0.8 },
          { key: 'sumber', label: 'Sumber', kind: 'text', width: 0.7 },
        ],
        rows: loan.posisi.map((x) => ({
          periode: formatPeriod(x.periode),
          outstanding: x.outstanding,
          kol: `${x.kol} ${KOL_LABEL[x.kol] ?? ''}`,
          hari: x.hariTunggakan,
          angsuran: x.angsuranDibayar ? 'ya' : 'tidak',
          sumber: x.sumber === 'impor' ? 'berkas bank' : 'manual',
        })),
        empty: 'Bank belum melaporkan posisi pinjaman ini.',
      },
      {
        type: 'table',
        title: 'Subsidi bunga dibayar',
        sheet: 'Subsidi dibayar',
        columns: [
          { key: 'periode', label: 'Periode', kind: 'text' },
          { key: 'sp2d', label: 'SP2D', kind: 'text', width: 1.5 },
          { key: 'jumlah', label: 'Subsidi', kind: 'rupiah' },
        ],
        rows: loan.subsidiDibayar.map((s) => ({ periode: formatPeriod(s.periode), sp2d: s.nomorSp2d ?? '', jumlah: s.jumlah })),
        totals: { periode: 'Jumlah', jumlah: subsidyTotal },
        empty: 'Belum ada subsidi yang dibayar untuk pinjaman ini.',
      },
      {
        type: 'fields',
        items: [
          { label: 'Premi asuransi/penjaminan', value: loan.premi ? `${loan.premi.penjaminNama}: ${loan.premi.rincian} (${loan.premi.status})` : 'tidak ada' },
          {
            label: 'Klaim asuransi',
            value: loan.klaimAsuransi
              ? `${formatDateShort(loan.klaimAsuransi.tanggal)}: ${loan.klaimAsuransi.porsiPersen.replace('.', ',')}% × ${formatRupiah(loan.klaimAsuransi.outstanding)} = ${formatRupiah(loan.klaimAsuransi.jumlah)} (${loan.klaimAsuransi.status})${loan.klaimAsuransi.dasar ? `; ${loan.klaimAsuransi.dasar}` : ''}`
              : 'tidak ada',
          },
        ],
      },
      {
        type: 'table',
        title: 'Langkah pinjaman',
        sheet: 'Langkah',
        columns: [
          { key: 'tanggal', label: 'Tanggal', kind: 'date', width: 0.8 },
          { key: 'langkah', label: 'Langkah', kind: 'text', width: 1.5 },
          { key: 'alasan', label: 'Alasan', kind: 'text', width: 2.5 },
          { key: 'pengguna', label: 'Dicatat oleh', kind: 'text', width: 1 },
        ],
        rows: steps.map((s) => ({
          tanggal: s.tanggal,
          langkah: `${STATUS_LABEL[s.dari] ?? s.dari} → ${STATUS_LABEL[s.ke] ?? s.ke}`,
          alasan: s.alasan ?? '',
          pengguna: s.pengguna,
        })),
        empty: 'Tidak ada langkah tercatat (data dimuat langsung).',
      },
      { type: 'amount', label: 'Jumlah subsidi bunga yang telah dibayar', amount: subsidyTotal },
      preparedBy(ctx),
    ],
    notes: [`Dicetak ${formatDateLong(ctx.today())} dari data pinjaman no. ${loan.id}.`],
  };
}
