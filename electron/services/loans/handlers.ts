import type { z } from 'zod';
import type { Loan, LoanDetail, LoanFlag, loanSaveInput, Scheme } from '../../contract';
import * as repo from '../../../database/repositories/loans';
import { getBank } from '../../../database/repositories/banks';
import { getDebtor } from '../../../database/repositories/debtors';
import { getScheme } from '../../../database/repositories/schemes';
import { getPremiumOfLoan } from '../../../database/repositories/premiums';
import { appendAudit } from '../../../database/repositories/audit';
import { APPROVAL_STEPS, LOAN_NEXT, LOAN_STATUS_LABEL, isLoanEditable } from '../../contract';
import { callerId, refuseOwnEntry } from '../auth/four-eyes';
import { refuseClosedMonths } from '../closing/guard';
import { getPagu, realisasiPagu } from '../../../database/repositories/payments';
import { projectCosts, projectLoan } from '../budget/projection';
import { computeInsuranceClaim } from '../../domain/loan';
import { formatRupiah } from '../../domain/format';
import type { ServiceContext } from '../context';
import { ServiceError, invalid, notFound } from '../errors';
import type { HandlersFor } from '../index';
import { accountRefusal, loanFlags, prepareLoan, stepDateRefusal } from './checks';
import { recordDisbursementPremium } from './lifecycle';
import { positionRefusal } from './position-checks';
import { claimBase } from './claim-base';
import { loanSchedule, scheduleView } from './engine';
import { writeProfile } from '../monitoring/profile';
import { requireVersion } from '../versions';

type LoanInput = z.output<typeof loanSaveInput>;

export function loanHandlers(ctx: ServiceContext): HandlersFor<'loans' | 'positions'> {
  const { db } = ctx;

  const loadScheme = (id: number): Scheme => {
    const scheme = getScheme(db, id);
    if (!scheme) throw invalid('skemaId', 'Skema tidak dikenal');
    return scheme;
  };

  const detail = (id: number): LoanDetail => {
    const loan = repo.getLoan(db, id);
    if (!loan) throw notFound('Pinjaman');
    const scheme = loadScheme(loan.skemaId);
    const restrukturisasi = repo.listRestructurings(db, id);
    // Before disbursement the plan starts from the agreement date, so the clerk sees the shape.
    const schedule = loanSchedule(
      { ...loan, tanggalPencairan: loan.tanggalPencairan ?? loan.tanggalAkad, metodeBunga: scheme.metodeBunga, pembulatan: scheme.pembulatan },
      restrukturisasi,
    );
    const open = ['diajukan', 'disetujui', 'aktif', 'macet'].includes(loan.status);
    return {
      ...loan,
      jadwal: scheduleView(schedule, scheme, loan, restrukturisasi),
      restrukturisasi,
      posisi: repo.listPositions(db, id),
      premi: getPremiumOfLoan(db, id),
      klaimAsuransi: repo.getInsuranceClaim(db, id),
      subsidiDibayar: repo.paidPeriods(db, id),
      flags: open ? loanFlags(db, loan, scheme) : [],
    };
  };

  /** Resolves the rates and checks references and dates (checks.ts, shared with the import). */
  const checkedLoan = (input: LoanInput): { fields: repo.LoanFields; scheme: Scheme } => {
    const prepared = prepareLoan(input, { debtor: (id) => getDebtor(db, id), bank: (id) => getBank(db, id), scheme: (id) => getScheme(db, id) });
    if (!prepared.ok) throw invalid(prepared.field, prepared.message);
    return prepared;
  };

  const refuseOnFlags = (input: Omit<LoanInput, 'profilUsaha'>, scheme: Scheme): void => {
    const blocking = loanFlags(db, input, scheme).filter((f) => f.menolak);
    if (blocking.length > 0) throw new ServiceError('CONFLICT', blocking.map((f) => f.pesan).join(' '), { _: blocking[0]!.pesan });
  };

  const uniqueAccount = (input: LoanInput): void => {
    const refusal = accountRefusal(input, repo.findLoanByAccount(db, input.bankId, input.nomorRekening), repo.findLoanByAkad(db, input.bankId, input.nomorAkad));
    if (refusal) throw new ServiceError('CONFLICT', refusal.message, { [refusal.field]: refusal.conflict!.fieldMessage });
  };

  const history = (id: number, dari: string, ke: string, tanggal: string, alasan: string | null) =>
    repo.insertLoanHistory(db, { pinjamanId: id, dari, ke, tanggal, alasan, pengguna: ctx.user, penggunaId: callerId(ctx) });

  return {
    'loans.previewSchedule': async (p) => {
      try {
        const schedule = loanSchedule({ ...p, tanggalAngsuranPertama: p.tanggalAngsuranPertama, pembulatan: p.pembulatan });
        return scheduleView(schedule, { jenisSubsidi: p.jenisSubsidi, porsiSubsidiPersen: p.porsiSubsidiPersen }, p);
      } catch (err) {
        if (err instanceof RangeError) throw new ServiceError('VALIDATION', err.message);
        throw err;
      }
    },

    'loans.list': async (q) => repo.listLoans(db, q),
    'loans.get': async ({ id }) => detail(id),

    'loans.check': async (input) => {
      const { scheme, fields } = checkedLoan(input);
      const flags = loanFlags(db, input, scheme);
      const budget = budgetFlag(fields, scheme);
      return budget ? [...flags, budget] : flags;
    },

    'loans.save': async ({ versi, ...input }) =>
      db.transaction(() => {
        const before = input.id ? detail(input.id) : null;
        // The contract requires the version with an id: the form was filled from that version.
        if (input.id && versi !== undefined) requireVersion(ctx, 'pinjaman', input.id, versi);
        if (before && !isLoanEditable(before.status)) {
          throw new ServiceError(
            'CONFLICT',
            `Pinjaman berstatus ${LOAN_STATUS_LABEL[before.status]} tidak dapat diubah lagi; perubahan tenor atau bunga dicatat sebagai restrukturisasi.`,
          );
        }
        const { fields, scheme } = checkedLoan(input);
        uniqueAccount(input);
        refuseOnFlags(input, scheme);
        const id = input.id ?? repo.insertLoan(db, fields, callerId(ctx));
        if (input.id) repo.updateLoan(db, input.id, fields);
        const after = detail(id);
        appendAudit(db, { user: ctx.user, action: before ? 'ubah' : 'buat', entity: 'pinjaman', entityId: id, before: before && stripDetail(before), after: stripDetail(after) });
        // The business at akad goes with the loan, audited as its own record (docs/monitoring.md).
        if (input.profilUsaha) writeProfile(ctx, id, input.profilUsaha);
        return after;
      })(),

    'loans.transition': async ({ id, versi, ke, tanggal, alasan }) =>
      db.transaction(() => {
        const before = detail(id);
        requireVersion(ctx, 'pinjaman', id, versi);
        if (!(LOAN_NEXT[before.status] as readonly string[]).includes(ke)) {
          throw new ServiceError('CONFLICT', `Pinjaman berstatus ${LOAN_STATUS_LABEL[before.status]} tidak dapat diubah menjadi ${LOAN_STATUS_LABEL[ke]}.`);
        }
        // A disbursement that is not the step from 'disetujui' keeps the loan's date (macet → aktif).
        const stepRefusal = stepDateRefusal(before, ke === 'aktif' && before.status !== 'disetujui' ? 'kembali_aktif' : ke, tanggal, ctx.today());
        if (stepRefusal) throw invalid('tanggal', stepRefusal);
        const scheme = loadScheme(before.skemaId);
        if ((ke === 'ditolak' || ke === 'hapus_buku') && !alasan) throw invalid('alasan', 'Tulis alasannya');
        if (APPROVAL_STEPS.includes(ke)) {
          refuseOwnEntry(ctx, [repo.loanCreatorId(db, id)], 'Pengajuan ini Anda masukkan sendiri; persetujuan atau penolakannya harus oleh verifikator lain (prinsip empat mata).');
        }

        if (ke === 'aktif' && before.status === 'disetujui') {
          // Disbursement: the schedule starts here and the premium falls due once.
          refuseOnFlags(before, scheme);
          repo.setLoanStatus(db, id, 'aktif', { tanggalPencairan: tanggal });
          recordDisbursementPremium(db, id, before, scheme);
        } else if (ke === 'lunas') {
          repo.setLoanStatus(db, id, 'lunas', { tanggalLunas: tanggal });
        } else if (ke === 'klaim') {
          refuseClosedMonths(db, [tanggal.slice(0, 7)], 'Klaim asuransi tidak dapat dicatat', 'tanggal');
          if (!scheme.porsiJaminanPersen) throw new ServiceError('CONFLICT', `Skema ${scheme.kode} tidak mengatur porsi penjaminan: klaim tidak dapat dihitung.`);
          // The claim is about the default: the outstanding on the day the loan was declared macet.
          const defaulted = repo.lastTransitionDate(db, id, 'macet');
          if (defaulted !== null && defaulted > tanggal) throw invalid('tanggal', `Tanggal klaim sebelum tanggal macet (${defaulted})`);
          const base = claimBase(defaulted ?? tanggal, defaulted !== null ? 'tanggal macet' : 'tanggal klaim', before.posisi, scheduleOf(before));
          const claim = computeInsuranceClaim(base.outstanding, scheme.porsiJaminanPersen, scheme.pembulatan);
          repo.insertInsuranceClaim(db, {
            pinjamanId: id,
            tanggal,
            tanggalDasar: base.tanggal,
            dasar: base.dasar,
            outstanding: base.outstanding,
            porsiPersen: claim.coverageSharePercent,
            jumlah: claim.amount,
          });
          repo.setLoanStatus(db, id, 'klaim');
        } else {
          repo.setLoanStatus(db, id, ke);
        }
        history(id, before.status, ke, tanggal, alasan);
        const after = detail(id);
        appendAudit(db, { user: ctx.user, action: 'ubah', entity: 'pinjaman', entityId: id, before: stripDetail(before), after: { ...stripDetail(after), alasan } });
        return after;
      })(),

    'loans.restructure': async ({ versi, ...input }) =>
      db.transaction(() => {
        const before = detail(input.id);
        requireVersion(ctx, 'pinjaman', input.id, versi);
        if (!['aktif', 'macet'].includes(before.status) || !before.tanggalPencairan) {
          throw new ServiceError('CONFLICT', 'Hanya pinjaman yang sudah dicairkan dan masih berjalan yang dapat direstrukturisasi.');
        }
        if (input.berlakuMulai <= before.tanggalPencairan) throw invalid('berlakuMulai', 'Tanggal berlaku harus sesudah pencairan');
        const last = before.restrukturisasi.at(-1);
        if (last && input.berlakuMulai <= last.berlakuMulai) throw invalid('berlakuMulai', 'Tanggal berlaku harus sesudah restrukturisasi sebelumnya');
        const scheme = loadScheme(before.skemaId);
        const restructurings = [...before.restrukturisasi, { ...input, id: 0 }];
        try {
          loanSchedule({ ...before, tanggalPencairan: before.tanggalPencairan, metodeBunga: scheme.metodeBunga, pembulatan: scheme.pembulatan }, restructurings);
        } catch (err) {
          if (err instanceof RangeError) throw invalid('berlakuMulai', err.message);
          throw err;
        }
        repo.insertRestructuring(db, input.id, input);
        const after = detail(input.id);
        appendAudit(db, { user: ctx.user, action: 'ubah', entity: 'pinjaman', entityId: input.id, before: stripDetail(before), after: { restrukturisasi: after.restrukturisasi } });
        return after;
      })(),

    'positions.save': async (input) =>
      db.transaction(() => {
        const loan = repo.getLoan(db, input.pinjamanId);
        if (!loan) throw notFound('Pinjaman');
        const early = positionRefusal(loan, input);
        if (early?.field === 'periode') throw invalid(early.field, early.message);
        refuseClosedMonths(db, [input.periode], 'Posisi bank tidak dapat diubah', 'periode');
        if (early) throw invalid(early.field, early.message);
        const before = repo.listPositions(db, loan.id).find((p) => p.periode === input.periode) ?? null;
        const saved = repo.upsertPosition(db, { ...input, sumber: 'manual' });
        appendAudit(db, { user: ctx.user, action: before ? 'ubah' : 'buat', entity: 'posisi_bank', entityId: saved.id, before, after: saved });
        return saved;
      })(),
  };

  /**
   * Warns (does not refuse) when the subsidy this new loan will earn in its first budget year,
   * on top of what running loans are projected to cost, exceeds what is left of the scheme's
   * subsidy pagu for that year.
   */
  function budgetFlag(fields: repo.LoanFields, scheme: Scheme): LoanFlag | null {
    const year = Number((fields.tanggalPencairan ?? fields.tanggalAkad).slice(0, 4));
    const lines = scheme.paguIds.map((id) => getPagu(db, id)).filter((p) => p !== null && p.jenis === 'subsidi_bunga' && p.tahun === year);
    if (lines.length === 0) return null;
    const sisa = lines.reduce((s, p) => s + p!.jumlah - realisasiPagu(db, p!.id), 0);
    const thisMonth = ctx.today().slice(0, 7);
    const from = thisMonth > `${year}-01` ? thisMonth : `${year}-01`;
    const candidate: Loan = {
      ...fields,
      id: 0,
      debiturNama: '',
      debiturNik: '',
      bankNama: '',
      cabangNama: null,
      skemaKode: scheme.kode,
      metodeBunga: scheme.metodeBunga,
      status: 'disetujui',
      tanggalLunas: null,
      versi: 0,
    };
    const own = projectLoan(candidate, scheme, from).get(year) ?? 0;
    const running = projectCosts(db, from).subsidyByYear.get(year) ?? 0;
    if (own + running <= sisa) return null;
    return {
      kode: 'melebihi_pagu',
      pesan: `Subsidi pinjaman ini tahun ${year} (${formatRupiah(own)}) ditambah proyeksi pinjaman berjalan (${formatRupiah(running)}) melebihi sisa pagu subsidi skema ${scheme.kode} (${formatRupiah(sisa)}).`,
      menolak: false,
    };
  }

  /** The loan's schedule in force (with its restructurings). */
  function scheduleOf(loan: LoanDetail) {
    const scheme = loadScheme(loan.skemaId);
    return loanSchedule(
      { ...loan, tanggalPencairan: loan.tanggalPencairan ?? loan.tanggalAkad, metodeBunga: scheme.metodeBunga, pembulatan: scheme.pembulatan },
      loan.restrukturisasi,
    );
  }
}

/** The audit trail keeps the loan's own fields, not the derived schedule. */
function stripDetail(d: LoanDetail) {
  const { jadwal: _jadwal, posisi: _posisi, flags: _flags, subsidiDibayar: _paid, ...rest } = d;
  return rest;
}
