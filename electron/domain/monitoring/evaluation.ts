/**
 * The evaluation report's figures from its rows (one row per loan of the cohort), each figure with
 * the ids of the rows behind it so the screen and the workbook can show where it came from. The
 * definitions are written out in docs/monitoring.md; the comments below say the same in short.
 */
import { D } from '../loan/money';

export const STATUS_USAHA_AKAD = ['baru', 'berjalan'] as const;
export const STATUS_USAHA_KUNJUNGAN = ['berjalan', 'berkembang', 'menurun', 'tutup'] as const;

/** One loan of the cohort with what the figures need. Money is integer rupiah. */
export interface EvaluationInput {
  pinjamanId: number;
  /** The loan's state now (pinjaman.status). */
  status: string;
  profil: { omzet: number; tenagaKerja: number; statusUsaha: string } | null;
  /** The latest visit. */
  kunjungan: { omzet: number; tenagaKerja: number; statusUsaha: string } | null;
  /** The latest bank position. */
  posisi: { kol: number; outstanding: number } | null;
  /** Subsidy paid on the loan (agreed amounts of its paid claim lines), and its premium when paid. */
  subsidi: number;
  premi: number;
}

export const FIGURE_KEYS = [
  'usaha',
  'usahaBaru',
  'denganProfil',
  'dikunjungi',
  'tenagaKerjaAkad',
  'tenagaKerjaAkadBanding',
  'tenagaKerjaKunjungan',
  'omzetMedianPerubahan',
  'omzetTumbuhPersen',
  'usahaTutup',
  'nplJumlah',
  'nplPersen',
  'nplOutstandingPersen',
  'subsidi',
  'premi',
  'subsidiPerUsaha',
  'premiPerUsaha',
  'subsidiPerTenagaKerja',
  'premiPerTenagaKerja',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export interface EvaluationFigure {
  kunci: FigureKey;
  /** count: integer; rupiah: integer rupiah; percent: decimal string with 2 places ('12.50'). Null: no rows to compute it from. */
  nilai: number | string | null;
  jenis: 'count' | 'rupiah' | 'percent';
  /** The rows (loan ids) the figure is computed from. */
  pinjamanIds: number[];
}

/** Kol 3–5 (kurang lancar, diragukan, macet) is non-performing, as the banks' own quality classes. */
export const NPL_KOL = 3;
/** Loan states that are non-performing whatever the last position said. */
export const NPL_STATES: readonly string[] = ['macet', 'klaim', 'hapus_buku'];

export function isNonPerforming(r: Pick<EvaluationInput, 'status' | 'posisi'>): boolean {
  if (NPL_STATES.includes(r.status)) return true;
  return r.status === 'aktif' && r.posisi !== null && r.posisi.kol >= NPL_KOL;
}

/** Median of exact decimals (mean of the two middle values for an even count). */
export function median(values: InstanceType<typeof D>[]): InstanceType<typeof D> | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a.comparedTo(b));
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : s[mid - 1]!.plus(s[mid]!).div(2);
}

const percentOf = (part: InstanceType<typeof D> | number, whole: number): string | null =>
  whole === 0 ? null : new D(part).times(100).div(whole).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);

/** Rupiah per unit: the exact quotient rounded half-up to whole rupiah, once. */
export const perUnit = (amount: number, units: number): number | null => (units === 0 ? null : new D(amount).div(units).toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber());

export function evaluate(rows: readonly EvaluationInput[]): EvaluationFigure[] {
  const ids = (list: readonly EvaluationInput[]) => list.map((r) => r.pinjamanId);
  const sum = (list: readonly EvaluationInput[], f: (r: EvaluationInput) => number) => list.reduce((s, r) => s + f(r), 0);
  const withProfile = rows.filter((r) => r.profil !== null);
  const visited = rows.filter((r) => r.kunjungan !== null);
  const paired = rows.filter((r) => r.profil !== null && r.kunjungan !== null);
  const turnoverPaired = paired.filter((r) => r.profil!.omzet > 0);
  const grown = turnoverPaired.filter((r) => r.kunjungan!.omzet > r.profil!.omzet);
  const closed = visited.filter((r) => r.kunjungan!.statusUsaha === 'tutup');
  const npl = rows.filter(isNonPerforming);
  // Outstanding: the running loans' latest positions.
  const running = rows.filter((r) => (r.status === 'aktif' || r.status === 'macet') && r.posisi !== null);
  const runningNpl = running.filter(isNonPerforming);
  const runningOutstanding = sum(running, (r) => r.posisi!.outstanding);
  const profiledJobs = withProfile.filter((r) => r.profil!.tenagaKerja > 0);
  const jobs = sum(profiledJobs, (r) => r.profil!.tenagaKerja);

  const changes = turnoverPaired.map((r) => new D(r.kunjungan!.omzet - r.profil!.omzet).div(r.profil!.omzet));
  const med = median(changes);
  const subsidi = sum(rows, (r) => r.subsidi);
  const premi = sum(rows, (r) => r.premi);

  const f = (kunci: FigureKey, jenis: EvaluationFigure['jenis'], nilai: number | string | null, list: readonly EvaluationInput[]): EvaluationFigure => ({
    kunci,
    jenis,
    nilai,
    pinjamanIds: ids(list),
  });
  return [
    f('usaha', 'count', rows.length, rows),
    f(
      'usahaBaru',
      'count',
      withProfile.filter((r) => r.profil!.statusUsaha === 'baru').length,
      withProfile.filter((r) => r.profil!.statusUsaha === 'baru'),
    ),
    f('denganProfil', 'count', withProfile.length, withProfile),
    f('dikunjungi', 'count', visited.length, visited),
    f(
      'tenagaKerjaAkad',
      'count',
      sum(withProfile, (r) => r.profil!.tenagaKerja),
      withProfile,
    ),
    f('tenagaKerjaAkadBanding', 'count', paired.length ? sum(paired, (r) => r.profil!.tenagaKerja) : null, paired),
    f('tenagaKerjaKunjungan', 'count', paired.length ? sum(paired, (r) => r.kunjungan!.tenagaKerja) : null, paired),
    f('omzetMedianPerubahan', 'percent', med === null ? null : med.times(100).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2), turnoverPaired),
    f('omzetTumbuhPersen', 'percent', percentOf(grown.length, turnoverPaired.length), grown),
    f('usahaTutup', 'count', closed.length, closed),
    f('nplJumlah', 'count', npl.length, npl),
    f('nplPersen', 'percent', percentOf(npl.length, rows.length), npl),
    f(
      'nplOutstandingPersen',
      'percent',
      percentOf(
        sum(runningNpl, (r) => r.posisi!.outstanding),
        runningOutstanding,
      ),
      running,
    ),
    f('subsidi', 'rupiah', subsidi, rows),
    f('premi', 'rupiah', premi, rows),
    f('subsidiPerUsaha', 'rupiah', perUnit(subsidi, rows.length), rows),
    f('premiPerUsaha', 'rupiah', perUnit(premi, rows.length), rows),
    f(
      'subsidiPerTenagaKerja',
      'rupiah',
      perUnit(
        sum(profiledJobs, (r) => r.subsidi),
        jobs,
      ),
      profiledJobs,
    ),
    f(
      'premiPerTenagaKerja',
      'rupiah',
      perUnit(
        sum(profiledJobs, (r) => r.premi),
        jobs,
      ),
      profiledJobs,
    ),
  ];
}
