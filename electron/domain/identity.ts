/**
 * Indonesian identity numbers: NIK, NPWP and NIB. Pure functions, shared by the main
 * process (which decides) and the renderer (which gives live feedback while typing).
 */

/** Province codes in use (Kemendagri), including the 2022 Papua provinces. */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '21',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '51',
  '52',
  '53',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
  '81',
  '82',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
]);

export interface NikInfo {
  nik: string;
  provinsi: string;
  kabupaten: string;
  kecamatan: string;
  /** 'L' (laki-laki) or 'P' (perempuan): women have 40 added to the day of birth. */
  jenisKelamin: 'L' | 'P';
  /** ISO date 'YYYY-MM-DD'. */
  tanggalLahir: string;
  /** Region code as written in reference data, e.g. '16.03.01'. */
  kodeWilayah: string;
}

export type NikResult = { ok: true; info: NikInfo } | { ok: false; message: string };

/** Strips the spaces and dots people type or paste into a NIK. */
export function normalizeNik(raw: string): string {
  return raw.replace(/[\s.-]/g, '');
}

/**
 * Checks a NIK: 16 digits, a known province, non-zero regency/district, a real date of
 * birth not in the future, and a non-zero serial. `today` is passed in so the check is pure.
 */
export function parseNik(raw: string, today: string): NikResult {
  const damaged = excelDamage(raw);
  if (damaged) return { ok: false, message: damaged };
  const nik = normalizeNik(raw);
  if (!/^\d+$/.test(nik)) return { ok: false, message: 'NIK hanya boleh berisi angka' };
  if (nik.length !== 16) {
    const hint = nik.length >= 12 && nik.length < 16 ? '; ada digit yang hilang, mis. terpotong saat disalin dari Excel' : '';
    return { ok: false, message: `NIK harus 16 digit (tertulis ${nik.length} digit${hint})` };
  }
  const provinsi = nik.slice(0, 2);
  const kabupaten = nik.slice(2, 4);
  const kecamatan = nik.slice(4, 6);
  if (!PROVINCE_CODES.has(provinsi)) return { ok: false, message: `Kode provinsi ${provinsi} pada NIK tidak dikenal` };
  if (kabupaten === '00') return { ok: false, message: 'Kode kabupaten/kota pada NIK tidak boleh 00' };
  if (kecamatan === '00') return { ok: false, message: 'Kode kecamatan pada NIK tidak boleh 00' };

  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const jenisKelamin = day > 40 ? 'P' : 'L';
  if (day > 40) day -= 40;
  const thisYear = Number(today.slice(0, 4));
  // Two-digit years: a year that would lie in the future belongs to the previous century.
  const year = 2000 + yy > thisYear ? 1900 + yy : 2000 + yy;
  if (!isRealDate(year, month, day)) {
    return { ok: false, message: 'Tanggal lahir pada NIK (digit 7–12) bukan tanggal yang sah' };
  }
  const tanggalLahir = `${year}-${pad2(month)}-${pad2(day)}`;
  if (tanggalLahir > today) return { ok: false, message: 'Tanggal lahir pada NIK jatuh di masa depan' };
  if (nik.slice(12) === '0000') return { ok: false, message: 'Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000' };

  return {
    ok: true,
    info: { nik, provinsi, kabupaten, kecamatan, jenisKelamin, tanggalLahir, kodeWilayah: `${provinsi}.${kabupaten}.${kecamatan}` },
  };
}

/**
 * A NIK that a spreadsheet turned into a number and then into scientific notation
 * (`1.60302E+15`, `1,60302E+15`) or into a decimal (`1603024507900010.0`) has lost its digits
 * for good: say so, instead of "only digits", so the clerk asks for the column as text.
 */
function excelDamage(raw: string): string | null {
  const t = raw.trim();
  if (/^\d+([.,]\d+)?[eE]\+?\d+$/.test(t)) {
    return `NIK "${t}" rusak oleh Excel (ditulis dalam format ilmiah): digit aslinya sudah hilang. Format kolom NIK sebagai teks lalu salin ulang dari sumbernya.`;
  }
  if (/^\d{16}[.,]0+$/.test(t)) return `NIK "${t}" tersimpan sebagai angka desimal oleh Excel; format kolom NIK sebagai teks dan periksa digit terakhirnya.`;
  return null;
}

export type NpwpResult = { ok: true; npwp: string } | { ok: false; message: string };

/**
 * NPWP: the old 15-digit form (written XX.XXX.XXX.X-XXX.XXX) or, since 2024, 16 digits
 * (a person's NIK, or the 16-digit number of others). Stored as digits only.
 */
export function parseNpwp(raw: string): NpwpResult {
  const digits = raw.replace(/[\s.-]/g, '');
  if (!/^\d+$/.test(digits)) return { ok: false, message: 'NPWP hanya boleh berisi angka, titik dan tanda hubung' };
  if (digits.length !== 15 && digits.length !== 16) {
    return { ok: false, message: `NPWP harus 15 digit (format lama) atau 16 digit (tertulis ${digits.length} digit)` };
  }
  if (/^0+$/.test(digits)) return { ok: false, message: 'NPWP tidak boleh semuanya nol' };
  return { ok: true, npwp: digits };
}

/** Writes a stored NPWP the way people read it. */
export function formatNpwp(digits: string): string {
  if (digits.length === 15) {
    return `${digits.slice(0, 2)}.${digits.slice(2, 5)}.${digits.slice(5, 8)}.${digits.slice(8, 9)}-${digits.slice(9, 12)}.${digits.slice(12)}`;
  }
  return digits;
}

export type NibResult = { ok: true; nib: string } | { ok: false; message: string };

/** NIB from OSS: 13 digits. */
export function parseNib(raw: string): NibResult {
  const digits = raw.replace(/\s/g, '');
  if (!/^\d{13}$/.test(digits)) return { ok: false, message: 'NIB harus 13 digit angka' };
  return { ok: true, nib: digits };
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * What a NIP (Nomor Induk Pegawai, the civil servant number) says, read from its 18 digits
 * written 8-6-1-3: birth date YYYYMMDD, appointment (TMT CPNS) YYYYMM, gender (1 man, 2 woman),
 * serial. Other staff numbers exist (contract staff, bank officers), so a NIP that does not read
 * is only a warning to the clerk, never a refusal.
 */
export interface NipInfo {
  /** The 18 digits. */
  nip: string;
  /** ISO date 'YYYY-MM-DD'. */
  tanggalLahir: string;
  /** Appointment month, 'YYYY-MM'. */
  tmt: string;
  jenisKelamin: 'L' | 'P';
  urut: string;
}

/** Why a NIP does not read; the renderer words each in the user's language. */
export type NipProblem = 'angka' | 'panjang' | 'tanggalLahir' | 'lahirMasaDepan' | 'tmt' | 'tmtSebelumLahir' | 'tmtMasaDepan' | 'jenisKelamin' | 'urut';

export type NipResult = { ok: true; info: NipInfo } | { ok: false; problem: NipProblem; message: string };

/** Strips the spaces, dots and dashes people type or paste into a NIP. */
export function normalizeNip(raw: string): string {
  return raw.replace(/[\s.-]/g, '');
}

/**
 * Checks a NIP (see NipInfo). `today` (ISO date) is optional so the check stays pure: when given,
 * a birth date or appointment after it is reported too.
 */
export function checkNip(raw: string, today?: string): NipResult {
  const nip = normalizeNip(raw);
  const no = (problem: NipProblem, message: string): NipResult => ({ ok: false, problem, message });
  if (!/^\d+$/.test(nip)) return no('angka', 'NIP hanya berisi angka');
  if (nip.length !== 18) return no('panjang', `NIP biasanya 18 digit (tertulis ${nip.length} digit)`);

  const year = Number(nip.slice(0, 4));
  const month = Number(nip.slice(4, 6));
  const day = Number(nip.slice(6, 8));
  if (year < 1900 || !isRealDate(year, month, day)) return no('tanggalLahir', 'Tanggal lahir pada NIP (digit 1–8) bukan tanggal yang sah');
  const tanggalLahir = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  if (today && tanggalLahir > today) return no('lahirMasaDepan', 'Tanggal lahir pada NIP jatuh di masa depan');

  const tmtYear = Number(nip.slice(8, 12));
  const tmtMonth = Number(nip.slice(12, 14));
  if (tmtYear < 1900 || tmtMonth < 1 || tmtMonth > 12) return no('tmt', 'Bulan pengangkatan pada NIP (digit 9–14) bukan bulan yang sah');
  const tmt = `${nip.slice(8, 12)}-${nip.slice(12, 14)}`;
  if (tmt <= tanggalLahir.slice(0, 7)) return no('tmtSebelumLahir', 'Bulan pengangkatan pada NIP tidak sesudah tanggal lahirnya');
  if (today && tmt > today.slice(0, 7)) return no('tmtMasaDepan', 'Bulan pengangkatan pada NIP jatuh di masa depan');

  const g = nip[14];
  if (g !== '1' && g !== '2') return no('jenisKelamin', 'Digit ke-15 NIP (jenis kelamin) harus 1 atau 2');
  const urut = nip.slice(15);
  if (urut === '000') return no('urut', 'Nomor urut pada NIP (3 digit terakhir) tidak boleh 000');

  return { ok: true, info: { nip, tanggalLahir, tmt, jenisKelamin: g === '1' ? 'L' : 'P', urut } };
}

/**
 * Writes a NIP the way it is printed: 18 digits as `19680411 199303 1 009`; anything else (another
 * staff number) as typed, with its spaces tidied.
 */
export function formatNip(raw: string): string {
  const digits = normalizeNip(raw);
  if (/^\d{18}$/.test(digits)) return `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits.slice(14, 15)} ${digits.slice(15)}`;
  return raw.trim().replace(/\s+/g, ' ');
}
