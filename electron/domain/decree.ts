/**
 * The recipient decree check (SK Bupati penerima): is a loan's debtor named in a decree for the
 * loan's bank and unit? Pure: the caller reads the decree rows of the debtor's NIK (one query per
 * run, or one per loan on the loan form) and asks here.
 *
 * A decree counts for a loan when it belongs to the loan's scheme and its year is the year of the
 * agreement (akad) or earlier (a person named in 2024 may sign in 2025). Among those:
 *   tercantum        named at the loan's bank and unit (and the plafon within the decree's)
 *   plafon_melebihi  named there, but the loan's plafon is above the decree's: a warning only
 *   unit_lain        named at the loan's bank, but for another unit (or the loan has no unit)
 *   bank_lain        named, but at another bank
 *   tidak_ada        not named in any decree of the scheme up to that year
 * The last three are "not in the decree": the scheme says whether that stops the payment.
 */
import { formatRupiah } from './format';

export type DecreeStatus = 'tercantum' | 'plafon_melebihi' | 'unit_lain' | 'bank_lain' | 'tidak_ada';

/** One row of a decree, as the check needs it. */
export interface DecreeEntry {
  skId: number;
  nomor: string;
  tahun: number;
  skemaId: number;
  bankId: number;
  bankNama: string;
  cabangId: number;
  cabangNama: string;
  plafon: number | null;
}

export interface DecreeLoan {
  skemaId: number;
  skemaKode: string;
  bankId: number;
  cabangId: number | null;
  /** The agreement's year. */
  tahunAkad: number;
  plafon: number;
}

export interface DecreeVerdict {
  status: DecreeStatus;
  /** The decree that names the debtor (best match), if any. */
  skNomor: string | null;
  /** In words, for flags, run lines and reconciliation; null when all is well. */
  pesan: string | null;
  /** Not named for the loan's bank and unit: the payment stops where the scheme says so. */
  tidakTercantum: boolean;
}

const skText = (e: DecreeEntry) => `SK ${e.nomor} (${e.tahun})`;

/** The verdict for one loan, given every decree row of its debtor's NIK (any scheme, any year). */
export function checkDecree(loan: DecreeLoan, entries: readonly DecreeEntry[]): DecreeVerdict {
  const valid = entries.filter((e) => e.skemaId === loan.skemaId && e.tahun <= loan.tahunAkad);
  // Newest decree first: it is the one the clerk would look at.
  valid.sort((a, b) => b.tahun - a.tahun || b.skId - a.skId);
  const sameBank = valid.filter((e) => e.bankId === loan.bankId);
  const here = loan.cabangId === null ? [] : sameBank.filter((e) => e.cabangId === loan.cabangId);
  if (here.length > 0) {
    const within = here.find((e) => e.plafon === null || loan.plafon <= e.plafon);
    if (within) return { status: 'tercantum', skNomor: within.nomor, pesan: null, tidakTercantum: false };
    const e = here[0]!;
    return {
      status: 'plafon_melebihi',
      skNomor: e.nomor,
      pesan: `Plafon ${formatRupiah(loan.plafon)} melebihi plafon dalam ${skText(e)}: ${formatRupiah(e.plafon!)}`,
      tidakTercantum: false,
    };
  }
  if (sameBank.length > 0) {
    const e = sameBank[0]!;
    const units = [...new Set(sameBank.map((x) => x.cabangNama))].join(', ');
    return {
      status: 'unit_lain',
      skNomor: e.nomor,
      pesan:
        loan.cabangId === null
          ? `Tidak tercantum dalam SK untuk unit pinjaman ini (unit pinjaman belum diisi); tercantum di ${skText(e)} untuk unit ${units}`
          : `Tercantum di SK untuk unit lain: ${units} (${skText(e)})`,
      tidakTercantum: true,
    };
  }
  if (valid.length > 0) {
    const e = valid[0]!;
    return {
      status: 'bank_lain',
      skNomor: e.nomor,
      pesan: `Tidak tercantum dalam SK untuk bank ini; tercantum di ${skText(e)} untuk ${e.bankNama} unit ${e.cabangNama}`,
      tidakTercantum: true,
    };
  }
  return {
    status: 'tidak_ada',
    skNomor: null,
    pesan: `Tidak tercantum dalam SK penerima skema ${loan.skemaKode} sampai tahun ${loan.tahunAkad}`,
    tidakTercantum: true,
  };
}
