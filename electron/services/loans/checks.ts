/**
 * The rules a loan must satisfy before it is written, shared by the loan form (loans.save,
 * loans.check, the disbursement step) and the loan-list import (imports, kind 'pinjaman'):
 *  - prepareLoan: the debtor, bank, branch and scheme exist and are active, the rates come from
 *    the scheme (a departure needs a reason), the dates are in order;
 *  - accountRefusal: one account number and one agreement number per loan at a bank;
 *  - loanFlagsFrom: double financing (the 2020 audit's finding), months already paid on another
 *    loan of the debtor, the scheme's ceilings and validity window, the recipient decree (a warning).
 * What they need from the database comes in as arguments (`LoanLookups`, `FlagFacts`): the form
 * reads it per call, the import once for the whole file.
 */
import type { Database } from '../../../database/connection';
import type { z } from 'zod';
import type { Bank, LoanFlag, loanSaveInput, Scheme, StatusPinjaman } from '../../contract';
import { otherActiveLoansOfDebtor, paidMonthsOfDebtor, type LoanFields, type PaidMonthOfDebtor } from '../../../database/repositories/loans';
import { getDebtor } from '../../../database/repositories/debtors';
import { decreeFlag, decreeVerdictOfLoan } from '../decrees/check';
import type { DecreeVerdict } from '../../domain/decree';
import { formatDateShort, formatRupiah } from '../../domain/format';
import { addMonths } from '../../domain/loan';
import type { Refusal } from '../debtors/checks';

export type { Refusal } from '../debtors/checks';
export type LoanInput = z.output<typeof loanSaveInput>;

export interface LoanCandidate {
  id?: number | undefined;
  debiturId: number;
  bankId: number;
  cabangId: number | null;
  plafon: number;
  tenorBulan: number;
  tanggalAkad: string;
  /** A loan already paid off (an old loan entered by import): loans begun after it are not double financing. */
  tanggalLunas?: string | null | undefined;
}

/** States in which a loan still runs (or may still run): another such loan of the debtor is double financing. */
export const RUNNING_STATES: readonly StatusPinjaman[] = ['diajukan', 'disetujui', 'aktif', 'macet'];

/** Another loan of the debtor, as the double-financing message names it. */
export interface OtherLoan {
  id: number;
  nomorRekening: string;
  bankNama: string;
  nomorAkad: string;
  status: string;
  tanggalAkad: string;
}

export interface FlagFacts {
  /** The debtor's other loans still running (RUNNING_STATES). */
  running: readonly OtherLoan[];
  /** Months paid on the debtor's other loans (any range; filtered to the loan's term here). */
  paid: readonly PaidMonthOfDebtor[];
  /** The recipient decree's verdict on the loan (left out: not checked). */
  sk?: DecreeVerdict | undefined;
}

/** The months a loan's subsidy can fall in: from its agreement to a month past its term. */
export function termPeriods(loan: Pick<LoanCandidate, 'tanggalAkad' | 'tenorBulan'>): { first: string; last: string } {
  return { first: loan.tanggalAkad.slice(0, 7), last: addMonths(loan.tanggalAkad, loan.tenorBulan + 1).slice(0, 7) };
}

/**
 * Everything that stands against a loan before it is saved, from the facts given: double financing
 * (the 2020 audit's finding), the scheme's ceilings and validity window, and the recipient decree (a
 * warning here: the scheme decides whether it stops the payment, in the subsidy run). `menolak`
 * tells whether it blocks saving.
 */
export function loanFlagsFrom(loan: LoanCandidate, scheme: Scheme, facts: FlagFacts): LoanFlag[] {
  const flags: LoanFlag[] = [];
  for (const other of facts.running) {
    if (other.id === loan.id) continue;
    // A loan paid off before the other began did not run beside it (only old loans carry a payoff date here).
    if (loan.tanggalLunas && other.tanggalAkad >= loan.tanggalLunas) continue;
    flags.push({
      kode: 'pembiayaan_ganda',
      pesan: `Debitur ini sudah memiliki pinjaman bersubsidi yang masih berjalan: rekening ${other.nomorRekening} di ${other.bankNama} (akad ${other.nomorAkad}, status ${other.status}).`,
      menolak: scheme.tolakPembiayaanGanda,
    });
  }
  // A month already paid on another loan of the same debtor (same NIK) inside this loan's term.
  const { first, last } = termPeriods(loan);
  const overlap = new Map<number, { rekening: string; dari: string; sampai: string; n: number }>();
  for (const p of facts.paid) {
    if (p.pinjamanId === loan.id || p.periode < first || p.periode > last) continue;
    const o = overlap.get(p.pinjamanId);
    if (!o) overlap.set(p.pinjamanId, { rekening: p.nomorRekening, dari: p.periode, sampai: p.periode, n: 1 });
    else {
      o.n++;
      if (p.periode < o.dari) o.dari = p.periode;
      if (p.periode > o.sampai) o.sampai = p.periode;
    }
  }
  for (const [, o] of [...overlap.entries()].sort((a, b) => a[0] - b[0])) {
    flags.push({
      kode: 'periode_sudah_dibayar',
      pesan: `Subsidi debitur ini sudah dibayar untuk ${o.n} bulan (${o.dari} s.d. ${o.sampai}) melalui rekening ${o.rekening}, di dalam masa pinjaman ini.`,
      menolak: scheme.tolakPembiayaanGanda,
    });
  }
  if (scheme.plafonMaks !== null && loan.plafon > scheme.plafonMaks) {
    flags.push({
      kode: 'melebihi_plafon_skema',
      pesan: `Plafon ${formatRupiah(loan.plafon)} melebihi batas skema ${scheme.kode} (${formatRupiah(scheme.plafonMaks)}).`,
      menolak: true,
    });
  }
  if (scheme.tenorMaks !== null && loan.tenorBulan > scheme.tenorMaks) {
    flags.push({ kode: 'melebihi_tenor_skema', pesan: `Tenor ${loan.tenorBulan} bulan melebihi batas skema ${scheme.kode} (${scheme.tenorMaks} bulan).`, menolak: true });
  }
  if (loan.tanggalAkad < scheme.berlakuDari || (scheme.berlakuSampai !== null && loan.tanggalAkad > scheme.berlakuSampai)) {
    flags.push({
      kode: 'di_luar_masa_skema',
      pesan: `Tanggal akad ${formatDateShort(loan.tanggalAkad)} di luar masa berlaku skema ${scheme.kode} (${formatDateShort(scheme.berlakuDari)} – ${scheme.berlakuSampai ? formatDateShort(scheme.berlakuSampai) : 'seterusnya'}).`,
      menolak: true,
    });
  }
  const sk = facts.sk ? decreeFlag(facts.sk, scheme) : null;
  if (sk) flags.push(sk);
  return flags;
}

/** loanFlagsFrom with the facts read from the database (the form: one loan at a time). */
export function loanFlags(db: Database, loan: LoanCandidate, scheme: Scheme): LoanFlag[] {
  const { first, last } = termPeriods(loan);
  const debtor = getDebtor(db, loan.debiturId);
  return loanFlagsFrom(loan, scheme, {
    running: otherActiveLoansOfDebtor(db, loan.debiturId, loan.id),
    paid: paidMonthsOfDebtor(db, loan.debiturId, loan.id, first, last),
    sk: debtor ? decreeVerdictOfLoan(db, { ...loan, nik: debtor.nik }, scheme) : undefined,
  });
}

/** The form's field a flag is about, for messages per field (the import names the column). */
export const FLAG_FIELD: Record<LoanFlag['kode'], keyof LoanInput> = {
  pembiayaan_ganda: 'debiturId',
  periode_sudah_dibayar: 'debiturId',
  melebihi_plafon_skema: 'plafon',
  melebihi_tenor_skema: 'tenorBulan',
  di_luar_masa_skema: 'tanggalAkad',
  melebihi_pagu: 'plafon',
  tidak_tercantum_sk: 'debiturId',
  sk_unit_lain: 'cabangId',
  sk_plafon_melebihi: 'plafon',
};

export interface LoanLookups {
  debtor(id: number): { nama: string; aktif: boolean } | null;
  bank(id: number): Bank | null;
  scheme(id: number): Scheme | null;
}

export type PreparedLoan = { ok: true; fields: LoanFields; scheme: Scheme } | ({ ok: false } & Refusal);

/** Resolves the rates (the scheme's unless overridden with a reason) and checks the references and dates. */
export function prepareLoan(input: LoanInput, look: LoanLookups): PreparedLoan {
  const no = (field: keyof LoanInput, message: string): PreparedLoan => ({ ok: false, field, message });
  const debtor = look.debtor(input.debiturId);
  if (!debtor) return no('debiturId', 'Debitur tidak dikenal');
  if (!debtor.aktif) return no('debiturId', `Debitur ${debtor.nama} sudah dinonaktifkan`);
  const bank = look.bank(input.bankId);
  if (!bank) return no('bankId', 'Bank mitra tidak dikenal');
  if (!bank.aktif) return no('bankId', `${bank.nama} sudah dinonaktifkan`);
  if (input.cabangId !== null && !bank.cabang.some((c) => c.id === input.cabangId)) return no('cabangId', `Cabang ini bukan cabang ${bank.nama}`);
  const scheme = look.scheme(input.skemaId);
  if (!scheme) return no('skemaId', 'Skema tidak dikenal');
  if (!scheme.aktif && !input.id) return no('skemaId', `Skema ${scheme.kode} sudah dinonaktifkan`);
  const bungaBankPersen = input.bungaBankPersen ?? scheme.bungaBankPersen;
  const bungaDebiturPersen = input.bungaDebiturPersen ?? scheme.bungaDebiturPersen;
  const overridden = bungaBankPersen !== scheme.bungaBankPersen || bungaDebiturPersen !== scheme.bungaDebiturPersen;
  if (overridden && !input.alasanUbahBunga) {
    return no('alasanUbahBunga', `Bunga berbeda dari skema ${scheme.kode} (${scheme.bungaBankPersen} % / ${scheme.bungaDebiturPersen} %): tulis alasannya`);
  }
  if (Number(bungaDebiturPersen) > Number(bungaBankPersen)) return no('bungaDebiturPersen', 'Bunga debitur lebih tinggi dari bunga bank');
  if (input.tanggalPencairan && input.tanggalPencairan < input.tanggalAkad) return no('tanggalPencairan', 'Tanggal pencairan sebelum tanggal akad');
  const anchor = input.tanggalPencairan ?? input.tanggalAkad;
  if (input.tanggalAngsuranPertama && input.tanggalAngsuranPertama <= anchor) return no('tanggalAngsuranPertama', 'Angsuran pertama harus sesudah tanggal pencairan');
  const { id: _id, ...rest } = input;
  return { ok: true, scheme, fields: { ...rest, bungaBankPersen, bungaDebiturPersen, alasanUbahBunga: overridden ? input.alasanUbahBunga : null } };
}

/**
 * The date of a lifecycle step (`ke`: disbursement 'aktif', 'lunas', 'macet', …) for this loan, or
 * why it cannot be: not before the agreement, not in the future; a disbursement before the first
 * instalment; a later step not before the disbursement (the database refuses a payoff before it).
 * The lifecycle (loans.transition) and the import of old loans both ask this.
 */
export function stepDateRefusal(
  loan: { tanggalAkad: string; tanggalPencairan: string | null; tanggalAngsuranPertama: string | null },
  ke: string,
  tanggal: string,
  today: string,
): string | null {
  if (tanggal < loan.tanggalAkad) return 'Tanggal sebelum tanggal akad';
  if (tanggal > today) return 'Tanggal tidak boleh di masa depan';
  if (ke === 'aktif' && loan.tanggalAngsuranPertama && loan.tanggalAngsuranPertama <= tanggal) return 'Tanggal pencairan harus sebelum tanggal angsuran pertama';
  if (ke !== 'aktif' && loan.tanggalPencairan && tanggal < loan.tanggalPencairan) return `Tanggal sebelum tanggal pencairan (${formatDateShort(loan.tanggalPencairan)})`;
  return null;
}

/** One account number and one agreement number per loan at a bank: the clash with a stored loan, or null. */
export function accountRefusal(input: Pick<LoanInput, 'id' | 'nomorRekening' | 'nomorAkad'>, byAccount: { id: number } | null, byAkad: { id: number } | null): Refusal | null {
  if (byAccount && byAccount.id !== input.id) {
    return {
      field: 'nomorRekening',
      message: `Nomor rekening ${input.nomorRekening} sudah tercatat di bank ini (pinjaman no. ${byAccount.id})`,
      conflict: { fieldMessage: 'Sudah tercatat' },
    };
  }
  if (byAkad && byAkad.id !== input.id) {
    return {
      field: 'nomorAkad',
      message: `Nomor akad ${input.nomorAkad} sudah tercatat di bank ini (pinjaman no. ${byAkad.id}): satu akad satu catatan`,
      conflict: { fieldMessage: 'Sudah tercatat' },
    };
  }
  return null;
}
