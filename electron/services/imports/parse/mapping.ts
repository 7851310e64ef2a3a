/**
 * Finding the header row and suggesting which column is which field, from the names banks give
 * their columns ("No. Rek", "Baki Debet", "Nilai Tagihan", …).
 */
import { IMPORT_FIELDS, type ImportKind } from '../../../contract/import-kinds';
import type { ImportColumn } from '../../../contract/imports';
import { isBlank, type Cell } from './values';

/** Header text compared without case, punctuation or extra spaces: "No. Rek." → "no rek". */
export function normalizeHeader(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/%/g, ' persen ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** What banks call each field (normalised). The first matches exactly; longer ones win a "contains" match. */
export const SYNONYMS: Record<string, readonly string[]> = {
  nomorRekening: [
    'no rekening',
    'nomor rekening',
    'no rek',
    'norek',
    'no reg',
    'rekening',
    'account',
    'account no',
    'account number',
    'no account',
    'acc no',
    'nomor rekening pinjaman',
    'no rekening pinjaman',
    'no rek pinjaman',
    'nomor pinjaman',
    'no pinjaman',
    'loan account',
    'no kredit',
    'nomor kredit',
    'rek',
  ],
  periode: ['periode', 'bulan', 'period', 'periode tagihan', 'bulan tagihan', 'bln', 'masa', 'bulan posisi', 'periode posisi', 'posisi bulan', 'bulan laporan', 'periode laporan'],
  nik: ['nik', 'no ktp', 'nomor ktp', 'ktp', 'nik debitur', 'no identitas', 'nomor identitas', 'nomor induk kependudukan', 'nik ktp'],
  nama: ['nama', 'nama debitur', 'nama nasabah', 'debitur', 'nasabah', 'name', 'nama peminjam', 'customer name', 'nama umkm'],
  outstanding: [
    'outstanding',
    'baki debet',
    'baki debit',
    'os',
    'sisa pokok',
    'saldo pokok',
    'saldo',
    'sisa pinjaman',
    'outstanding pokok',
    'os pokok',
    'saldo pinjaman',
    'sisa kredit',
    'baki debet rp',
    'outstanding rp',
  ],
  bungaPersen: ['bunga persen', 'suku bunga', 'rate', 'interest rate', 'suku bunga persen', 'tingkat bunga', 'bunga', 'rate persen', 'sb'],
  hari: ['hari', 'jumlah hari', 'jml hari', 'hari bunga', 'days', 'jumlah hari bunga'],
  kol: ['kol', 'kolektibilitas', 'kolek', 'kualitas kredit', 'collectibility', 'kolektabilitas', 'kol debitur'],
  diklaim: [
    'nilai tagihan',
    'tagihan',
    'subsidi',
    'subsidi bunga',
    'nilai subsidi',
    'jumlah subsidi',
    'jumlah tagihan',
    'nominal',
    'klaim',
    'nilai klaim',
    'jumlah diklaim',
    'diklaim',
    'subsidi bunga rp',
    'nilai subsidi bunga',
    'tagihan subsidi',
    'jumlah subsidi bunga',
    'subsidi rp',
    'claim amount',
  ],
  plafon: ['plafon', 'plafond', 'limit', 'plafon kredit', 'plafond kredit', 'pokok pinjaman', 'jumlah pinjaman', 'nilai pinjaman', 'plafon rp'],
  tanggalAkad: [
    'tanggal akad',
    'tgl akad',
    'tanggal realisasi',
    'tgl realisasi',
    'tanggal pencairan',
    'tgl pencairan',
    'tgl kredit',
    'tanggal kredit',
    'tgl cair',
    'akad',
    'tanggal perjanjian',
    'tgl perjanjian',
  ],
  hariTunggakan: ['hari tunggakan', 'tunggakan hari', 'dpd', 'days past due', 'hari tunggak', 'jumlah hari tunggakan', 'lama tunggakan', 'tunggakan', 'hari terlambat'],
  angsuranDibayar: ['angsuran dibayar', 'status angsuran', 'bayar angsuran', 'angsuran', 'sudah bayar', 'status bayar', 'angsuran bulan ini', 'bayar'],
  nilaiPremi: ['premi', 'nilai premi', 'jumlah premi', 'ijp', 'imbal jasa penjaminan', 'nilai ijp', 'premium', 'premi rp', 'nominal premi', 'tagihan premi'],
  nomorTagihan: ['nomor tagihan', 'no tagihan', 'no invoice', 'invoice', 'nomor invoice', 'no nota', 'nomor nota', 'no debet nota', 'invoice no'],
  tanggalTagihan: ['tanggal tagihan', 'tgl tagihan', 'tanggal invoice', 'tgl invoice', 'tanggal nota', 'tgl nota', 'invoice date'],
  // Payment history (riwayat): the subsidy paid and the SP2D that paid it.
  jumlah: [
    'jumlah',
    'subsidi',
    'subsidi dibayar',
    'jumlah dibayar',
    'nilai dibayar',
    'dibayar',
    'jumlah subsidi',
    'nilai subsidi',
    'subsidi bunga',
    'realisasi',
    'nominal',
    'jumlah bayar',
    'nilai bayar',
    'subsidi rp',
    'jumlah rp',
  ],
  nomorSp2d: ['nomor sp2d', 'no sp2d', 'sp2d', 'nomor sp 2d', 'no sp 2d', 'sp2d no'],
  tanggalSp2d: ['tanggal sp2d', 'tgl sp2d', 'tanggal sp 2d', 'tgl sp 2d', 'tanggal bayar', 'tgl bayar', 'tanggal pembayaran', 'tgl pembayaran'],
  // A recipient decree's list.
  bank: ['bank', 'nama bank', 'kode bank', 'bank mitra', 'bank penyalur', 'bank pelaksana', 'lembaga keuangan'],
  unit: ['unit', 'cabang', 'unit cabang', 'unit kerja', 'kantor cabang', 'kantor', 'nama unit', 'nama cabang', 'unit bank', 'cabang bank', 'kantor unit'],
  noUrut: ['no urut', 'nomor urut', 'no'],
};

/**
 * Names that mean something else in one kind of file: a loan list has the agreement date and the
 * disbursement date side by side, so "Tgl Realisasi" is not the agreement date there.
 */
export const KIND_SYNONYMS: Partial<Record<ImportKind, Record<string, readonly string[]>>> = {
  pinjaman: {
    tanggalAkad: ['tanggal akad', 'tgl akad', 'tanggal perjanjian', 'tgl perjanjian', 'tanggal pk', 'tgl pk', 'tanggal akad kredit', 'tgl akad kredit'],
    tanggalPencairan: [
      'tanggal pencairan',
      'tgl pencairan',
      'tanggal realisasi',
      'tgl realisasi',
      'tgl cair',
      'tanggal cair',
      'tanggal dropping',
      'tgl dropping',
      'pencairan',
      'realisasi',
    ],
    nomorAkad: ['nomor akad', 'no akad', 'no perjanjian', 'nomor perjanjian', 'no pk', 'nomor pk', 'no akad kredit', 'nomor akad kredit', 'akad'],
    nama: ['nama', 'nama debitur', 'nama nasabah', 'debitur', 'nasabah', 'name', 'nama peminjam', 'customer name'],
    namaUsaha: ['nama usaha', 'usaha', 'nama umkm', 'jenis usaha', 'bidang usaha', 'nama toko'],
    sektor: ['sektor', 'sektor usaha', 'sektor ekonomi', 'lapangan usaha'],
    skala: ['skala', 'skala usaha', 'kategori usaha', 'jenis umkm'],
    alamat: ['alamat', 'alamat usaha', 'alamat debitur', 'alamat rumah', 'address'],
    kecamatan: ['kecamatan', 'kec'],
    desa: ['desa', 'kelurahan', 'desa kelurahan', 'desa kel', 'kel desa'],
    telepon: ['telepon', 'telp', 'no telp', 'no hp', 'nomor hp', 'hp', 'telepon hp', 'no telepon', 'phone'],
    npwp: ['npwp', 'no npwp'],
    nib: ['nib', 'no nib', 'nomor induk berusaha'],
    tenorBulan: ['tenor', 'jangka waktu', 'jw', 'tenor bulan', 'jangka waktu bulan', 'lama pinjaman', 'jw bulan'],
    bungaBankPersen: ['bunga bank', 'suku bunga', 'bunga', 'suku bunga bank', 'rate', 'bunga bank persen', 'suku bunga persen'],
    bungaDebiturPersen: ['bunga debitur', 'bunga nasabah', 'suku bunga debitur', 'bunga debitur persen', 'beban debitur'],
    alasanUbahBunga: ['alasan bunga', 'alasan ubah bunga', 'keterangan bunga'],
    tanggalAngsuranPertama: ['angsuran pertama', 'tgl angsuran pertama', 'tanggal angsuran pertama', 'jatuh tempo pertama'],
    skema: ['skema', 'kode skema', 'program', 'skim'],
    cabang: ['cabang', 'unit', 'kantor cabang', 'cabang unit', 'unit kerja', 'kantor', 'kode cabang'],
    status: ['status', 'status pinjaman', 'status kredit', 'keadaan', 'kondisi'],
    tanggalStatus: ['tanggal lunas', 'tgl lunas', 'tanggal pelunasan', 'tgl pelunasan', 'tanggal status', 'tgl status', 'tanggal macet', 'tgl macet'],
  },
};

const synonymsOf = (kind: ImportKind, field: string): readonly string[] => KIND_SYNONYMS[kind]?.[field] ?? SYNONYMS[field] ?? [];

const cellText = (c: Cell): string => (c === null ? '' : String(c)).trim();

/** Excel-style column letter: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The columns named by a header row: its text made unique; a blank header is "Kolom C". */
export function columnsOf(header: Cell[], width: number): ImportColumn[] {
  const seen = new Map<string, number>();
  const out: ImportColumn[] = [];
  for (let i = 0; i < width; i++) {
    const text = cellText(header[i] ?? null).replace(/\s+/g, ' ');
    let key = text === '' ? `Kolom ${columnLetter(i)}` : text;
    const n = (seen.get(key.toLowerCase()) ?? 0) + 1;
    seen.set(key.toLowerCase(), n);
    if (n > 1) key = `${key} (${n})`;
    out.push({ key, index: i });
  }
  return out;
}

/** The columns of a file without a header row: "Kolom 1", "Kolom 2", … (numbered as a clerk counts them). */
export function headerlessColumns(width: number): ImportColumn[] {
  return Array.from({ length: width }, (_, i) => ({ key: `Kolom ${i + 1}`, index: i }));
}

/** How well a header text names a field: 2 exact, 1 contains a synonym as whole words, 0 not. */
function matchScore(kind: ImportKind, norm: string, field: string): { score: number; length: number } {
  let best = { score: 0, length: 0 };
  for (const syn of synonymsOf(kind, field)) {
    if (norm === syn) return { score: 2, length: syn.length };
    if (syn.length >= 3 && ` ${norm} `.includes(` ${syn} `) && syn.length > best.length) best = { score: 1, length: syn.length };
  }
  return best;
}

/**
 * field → column key, from the header names. Exact names first, then the longest synonym
 * contained in a header; each column serves one field.
 */
export function suggestMapping(kind: ImportKind, columns: ImportColumn[]): Record<string, string> {
  const fields = IMPORT_FIELDS[kind].map((f) => f.key);
  const candidates: { field: string; col: string; score: number; length: number; order: number }[] = [];
  for (const col of columns) {
    const norm = normalizeHeader(col.key.replace(/ \(\d+\)$/, ''));
    if (norm === '') continue;
    fields.forEach((field, order) => {
      const m = matchScore(kind, norm, field);
      if (m.score > 0) candidates.push({ field, col: col.key, ...m, order });
    });
  }
  candidates.sort((a, b) => b.score - a.score || b.length - a.length || a.order - b.order);
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const c of candidates) {
    if (mapping[c.field] || used.has(c.col)) continue;
    mapping[c.field] = c.col;
    used.add(c.col);
  }
  return mapping;
}

/** A cell a header never holds: a number, or text made of digits and separators ("0012300001", "11.500.000", "10/2026"). */
const numeric = (c: Cell): boolean => typeof c === 'number' || (typeof c === 'string' && /\d/.test(c) && /^[\d.,\-/\s]+$/.test(c.trim()));

/**
 * The header row among the first 30: the one naming the most known fields (at least two, and
 * most of its cells text, not numbers: a data line whose name happens to contain "Bunga" or
 * "Saldo" is not a header); failing that, the first row of two or more cells that are all text
 * followed by a row about as wide. Returns an index into the grid's rows, or -1 when no row looks like
 * a header (a bank export without one): reading its first data line as the header would lose it.
 */
export function detectHeaderRow(kind: ImportKind, rows: Cell[][]): number {
  const limit = Math.min(rows.length, 30);
  const fields = IMPORT_FIELDS[kind].map((f) => f.key);
  const filled = (r: Cell[] | undefined) => (r ?? []).filter((c) => !isBlank(c));
  let best = { index: -1, hits: 1 };
  for (let i = 0; i < limit; i++) {
    const cells = filled(rows[i]);
    if (cells.filter(numeric).length * 2 > cells.length) continue;
    const texts = cells.filter((c) => typeof c === 'string').map((c) => normalizeHeader(String(c)));
    const hits = new Set<string>();
    for (const t of texts) for (const f of fields) if (matchScore(kind, t, f).score > 0) hits.add(f);
    if (hits.size > best.hits) best = { index: i, hits: hits.size };
  }
  if (best.index >= 0) return best.index;
  for (let i = 0; i < limit; i++) {
    const cells = filled(rows[i]);
    const allText = cells.every((c) => typeof c === 'string' && !numeric(c));
    const next = filled(rows[i + 1]).length;
    if (cells.length >= 2 && allText && next >= cells.length - 1 && cells.length * 2 >= next) return i;
  }
  return -1;
}
