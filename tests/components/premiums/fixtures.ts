/** Premiums and insurers as the main process answers them, and a fake premiums backend for the page. */
import type { Insurer, InputOf, PremiumRow } from '@contract';

export function insurer(overrides: Partial<Insurer> = {}): Insurer {
  return { id: 2, kode: 'JAMKRINDO', nama: 'Perum Jamkrindo', jenis: 'penjaminan', alamat: null, picNama: null, telepon: null, email: null, aktif: true, ...overrides };
}

export const JAMKRINDO = insurer();
export const ASKRINDO = insurer({ id: 3, kode: 'ASKRINDO', nama: 'PT Askrindo', jenis: 'asuransi' });
export const LAMA = insurer({ id: 4, kode: 'LAMA', nama: 'Asuransi Lama', aktif: false });

export function premium(overrides: Partial<PremiumRow> = {}): PremiumRow {
  return {
    id: 11,
    pinjamanId: 101,
    penjaminId: 2,
    penjaminNama: 'Perum Jamkrindo',
    tarifPersen: '1.5',
    jumlah: 180_000,
    status: 'terhitung',
    rincian: '1,5 % × Rp12.000.000 = Rp180.000',
    nomorRekening: '0012300045',
    debiturNama: 'Siti Aminah',
    bankNama: 'Bank Sumsel Babel',
    plafon: 12_000_000,
    tanggalPencairan: '2025-01-15',
    nomorTagihan: null,
    tanggalTagihan: null,
    nomorSp2d: null,
    pembayaranPremiId: null,
    versi: 1,
    ...overrides,
  };
}

/** Siti and Budi: computed, Jamkrindo. */
export const SITI = premium();
export const BUDI = premium({
  id: 12,
  pinjamanId: 102,
  jumlah: 750_000,
  rincian: '1,5 % × Rp50.000.000 = Rp750.000',
  nomorRekening: '0023456789',
  debiturNama: 'Budi Santoso',
  plafon: 50_000_000,
  tanggalPencairan: '2025-02-03',
});
/** Rina: billed by Askrindo (2 %). */
export const RINA = premium({
  id: 13,
  pinjamanId: 103,
  penjaminId: 3,
  penjaminNama: 'PT Askrindo',
  tarifPersen: '2',
  jumlah: 500_000,
  status: 'ditagih',
  rincian: '2 % × Rp25.000.000 = Rp500.000',
  nomorRekening: '0034567890',
  debiturNama: 'Rina Marlina',
  bankNama: 'BPR Muara Enim',
  plafon: 25_000_000,
  tanggalPencairan: '2025-02-10',
  nomorTagihan: 'INV/ASK/2025/02',
  tanggalTagihan: '2025-02-28',
});
/** Dedi: billed by Jamkrindo. */
export const DEDI = premium({
  id: 14,
  pinjamanId: 104,
  jumlah: 240_000,
  status: 'ditagih',
  rincian: '1,5 % × Rp16.000.000 = Rp240.000',
  nomorRekening: '0045678901',
  debiturNama: 'Dedi Kurniawan',
  plafon: 16_000_000,
  tanggalPencairan: '2025-01-20',
  nomorTagihan: 'INV/JK/2025/01',
  tanggalTagihan: '2025-01-31',
});
/** Wati: paid. */
export const WATI = premium({
  id: 15,
  pinjamanId: 105,
  jumlah: 120_000,
  status: 'dibayar',
  rincian: '1,5 % × Rp8.000.000 = Rp120.000',
  nomorRekening: '0056789012',
  debiturNama: 'Wati Susanti',
  plafon: 8_000_000,
  tanggalPencairan: '2025-01-05',
  nomorTagihan: 'INV/JK/2024/12',
  tanggalTagihan: '2025-01-10',
  nomorSp2d: 'SP2D/0007/LS/2025',
});

export const ALL = [WATI, SITI, DEDI, BUDI, RINA];

/** What premiums.list answers for a query, over the given rows. */
export function listOf(rows: PremiumRow[]) {
  return (q: InputOf<'premiums.list'>): PremiumRow[] =>
    rows.filter((r) => (q?.penjaminId === undefined || r.penjaminId === q.penjaminId) && (q?.status === undefined || r.status === q.status));
}
