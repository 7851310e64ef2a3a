/** Builds NIKs for tests: province(2) regency(2) district(2) DDMMYY (day + 40 for women) serial(4). */
export interface NikParts {
  provinsi?: string;
  kabupaten?: string;
  kecamatan?: string;
  day: number;
  month: number;
  /** Two-digit year as written in the NIK. */
  yy: number;
  female?: boolean;
  serial?: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function makeNik(p: NikParts): string {
  return `${p.provinsi ?? '16'}${p.kabupaten ?? '03'}${p.kecamatan ?? '01'}${pad(p.day + (p.female ? 40 : 0))}${pad(p.month)}${pad(p.yy)}${pad(p.serial ?? 1, 4)}`;
}

/** A few valid NIKs (relative to 2026-11-23) with what they say. */
export const NIK = {
  /** Man born 17 July 1985, Muara Enim district 01. */
  man: { nik: '1603011707850001', jenisKelamin: 'L', tanggalLahir: '1985-07-17' },
  /** Woman born 12 February 1990 (day 12 + 40 = 52). */
  woman: { nik: '1603025202900002', jenisKelamin: 'P', tanggalLahir: '1990-02-12' },
  /** Man born 3 March 2001. */
  young: { nik: '1603100303010003', jenisKelamin: 'L', tanggalLahir: '2001-03-03' },
} as const;
