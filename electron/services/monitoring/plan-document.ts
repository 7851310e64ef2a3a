/** The visit plan printed for the field officers: each loan with its address, in drawing order. */
import type { DocumentRequest } from '../../contract';
import { formatPeriod } from '../../domain/format';
import type { ServiceContext } from '../context';
import type { ReportDocument } from '../documents/model';
import { preparedBy } from '../reports/registers';
import { planDetail } from './plan';

export function buildRencanaKunjungan(ctx: ServiceContext, p: Extract<DocumentRequest, { jenis: 'rencanaKunjungan' }>): ReportDocument {
  const plan = planDetail(ctx, p.rencanaId);
  return {
    title: `Rencana Kunjungan Monitoring ${formatPeriod(plan.periode)}`,
    subtitle: `Sampel acak berlapis per bank dan kecamatan · seed ${plan.seed}`,
    orientation: 'landscape',
    fileName: `rencana-kunjungan-${plan.periode}-${plan.seed}`,
    letterhead: true,
    blocks: [
      {
        type: 'fields',
        items: [
          { label: 'Periode', value: formatPeriod(plan.periode) },
          { label: 'Seed', value: String(plan.seed) },
          { label: 'Pinjaman berjalan', value: String(plan.populasi) },
          { label: 'Sampel diminta / terpilih', value: `${plan.ukuran} / ${plan.jumlah}` },
        ],
      },
      {
        type: 'table',
        title: 'Daftar kunjungan',
        sheet: 'Kunjungan',
        csv: true,
        columns: [
          { key: 'no', label: 'No', kind: 'number', width: 0.4 },
          { key: 'debitur', label: 'Debitur / usaha', kind: 'text', width: 2 },
          { key: 'rekening', label: 'Rekening', kind: 'text', width: 1.2 },
          { key: 'bank', label: 'Bank', kind: 'text', width: 1.3 },
          { key: 'alamat', label: 'Alamat', kind: 'text', width: 2.6 },
          { key: 'kecamatan', label: 'Kecamatan', kind: 'text', width: 1.2 },
          { key: 'telepon', label: 'Telepon', kind: 'text', width: 1.1 },
          { key: 'tanggal', label: 'Tgl. kunjungan', kind: 'text', width: 1 },
          { key: 'paraf', label: 'Paraf', kind: 'text', width: 0.7 },
        ],
        rows: plan.baris.map((b) => ({
          no: b.urutan,
          debitur: b.namaUsaha ? `${b.debiturNama} — ${b.namaUsaha}` : b.debiturNama,
          rekening: b.nomorRekening,
          bank: b.bankNama,
          alamat: [b.alamat, b.desa].filter(Boolean).join(', '),
          kecamatan: b.kecamatanNama ?? '',
          telepon: b.telepon ?? '',
          tanggal: '',
          paraf: '',
        })),
      },
      {
        type: 'table',
        title: 'Alokasi per lapisan (bank × kecamatan)',
        sheet: 'Alokasi',
        compact: true,
        columns: [
          { key: 'bank', label: 'Bank', kind: 'text', width: 1.5 },
          { key: 'kecamatan', label: 'Kecamatan', kind: 'text', width: 1.5 },
          { key: 'populasi', label: 'Pinjaman berjalan', kind: 'number' },
          { key: 'sampel', label: 'Sampel', kind: 'number' },
        ],
        rows: plan.alokasi.map((a) => ({ bank: a.bankNama, kecamatan: a.kecamatanNama ?? '(tanpa kecamatan)', populasi: a.populasi, sampel: a.sampel })),
        totals: { bank: 'Jumlah', populasi: plan.alokasi.reduce((s, a) => s + a.populasi, 0), sampel: plan.jumlah },
      },
      preparedBy(ctx),
    ],
    notes: [
      'Pinjaman berjalan: dicairkan sampai akhir periode dan berstatus aktif atau macet. Lapisan: bank dan kecamatan debitur.',
      'Alokasi: satu per lapisan bila jumlah sampel cukup, sisanya sebanding dengan besar lapisan (sisa terbesar). Seed, periode dan data yang sama menghasilkan daftar yang sama.',
    ],
  };
}
