/** Monitoring and evaluation (docs/monitoring.md): profiles, visits, visit plans, the evaluation. */
import { appendAudit } from '../../../database/repositories/audit';
import { getLoan } from '../../../database/repositories/loans';
import * as repo from '../../../database/repositories/monitoring';
import type { Visit } from '../../contract';
import { callerId } from '../auth/four-eyes';
import { callerBank, requireOwnBank } from '../auth/bank-scope';
import type { ServiceContext } from '../context';
import { ServiceError, invalid, notFound } from '../errors';
import type { HandlersFor } from '../index';
import { evaluation } from './evaluation';
import { createPlan, planDetail } from './plan';
import { writeProfile } from './profile';

/** Loans that never started (an application, a refusal) have no business to visit yet. */
const NOT_STARTED = ['diajukan', 'ditolak'];

export function monitoringHandlers(ctx: ServiceContext): HandlersFor<'monev'> {
  const { db } = ctx;

  const loanOf = (pinjamanId: number) => {
    const loan = getLoan(db, pinjamanId);
    if (!loan) throw notFound('Pinjaman');
    requireOwnBank(ctx, loan.bankId);
    return loan;
  };

  // The attachments have their own audit entries (entity lampiran); their count is not the visit's data.
  const strip = ({ terlambat: _t, jumlahLampiran: _l, ...rest }: Visit) => rest;

  return {
    'monev.loan': async ({ pinjamanId }) => {
      loanOf(pinjamanId);
      return { profil: repo.getProfile(db, pinjamanId), kunjungan: repo.visitsOfLoan(db, pinjamanId, ctx.today()) };
    },

    'monev.saveProfile': async ({ pinjamanId, ...fields }) =>
      db.transaction(() => {
        loanOf(pinjamanId);
        return writeProfile(ctx, pinjamanId, fields);
      })(),

    'monev.list': async (q) => repo.listVisits(db, { ...q, bankId: callerBank(ctx) ?? q.bankId }, ctx.today()),

    'monev.save': async (input) =>
      db.transaction(() => {
        const loan = loanOf(input.pinjamanId);
        if (NOT_STARTED.includes(loan.status)) {
          throw new ServiceError('CONFLICT', 'Pinjaman ini belum berjalan (masih pengajuan atau ditolak): belum ada usaha yang dipantau.');
        }
        if (input.tanggal < loan.tanggalAkad) throw invalid('tanggal', 'Tanggal kunjungan sebelum tanggal akad pinjaman');
        const today = ctx.today();
        if (input.tanggal > today) throw invalid('tanggal', 'Tanggal kunjungan tidak boleh sesudah hari ini');
        if (input.tindakLanjutSelesai !== null && input.tindakLanjutSelesai > today) throw invalid('tindakLanjutSelesai', 'Tanggal selesai tidak boleh sesudah hari ini');
        if (input.rencanaId !== null && !repo.getPlanSummary(db, input.rencanaId)) throw invalid('rencanaId', 'Rencana kunjungan tidak dikenal');
        const { id, ...fields } = input;
        const before = id === undefined ? null : repo.getVisit(db, id, today);
        if (id !== undefined && !before) throw notFound('Kunjungan');
        if (before && before.pinjamanId !== input.pinjamanId) throw invalid('pinjamanId', 'Kunjungan ini milik pinjaman lain');
        const visitId = id ?? repo.insertVisit(db, fields, ctx.user, callerId(ctx));
        if (id !== undefined) repo.updateVisit(db, id, fields);
        const after = repo.getVisit(db, visitId, today)!;
        appendAudit(db, { user: ctx.user, action: before ? 'ubah' : 'buat', entity: 'kunjungan_monev', entityId: visitId, before: before && strip(before), after: strip(after) });
        return after;
      })(),

    'monev.followUpDone': async ({ id, tanggal }) =>
      db.transaction(() => {
        const today = ctx.today();
        const before = repo.getVisit(db, id, today);
        if (!before) throw notFound('Kunjungan');
        requireOwnBank(ctx, repo.bankOfVisit(db, id));
        if (before.tindakLanjut === null) throw new ServiceError('CONFLICT', 'Kunjungan ini tidak mempunyai tindak lanjut.');
        if (before.tindakLanjutSelesai !== null) throw new ServiceError('CONFLICT', `Tindak lanjut ini sudah selesai pada ${before.tindakLanjutSelesai}.`);
        if (tanggal < before.tanggal) throw invalid('tanggal', 'Tanggal selesai tidak boleh sebelum tanggal kunjungan');
        if (tanggal > today) throw invalid('tanggal', 'Tanggal selesai tidak boleh sesudah hari ini');
        repo.setFollowUpDone(db, id, tanggal);
        const after = repo.getVisit(db, id, today)!;
        appendAudit(db, { user: ctx.user, action: 'ubah', entity: 'kunjungan_monev', entityId: id, before: strip(before), after: strip(after) });
        return after;
      })(),

    'monev.overdue': async () => repo.overdueVisits(db, ctx.today(), callerBank(ctx), 5),

    'monev.plans': async () => repo.listPlans(db),
    'monev.createPlan': async (input) => createPlan(ctx, input),
    'monev.plan': async ({ id }) => planDetail(ctx, id),

    'monev.evaluation': async (params) => db.transaction(() => evaluation(db, params)).deferred(),
  };
}
