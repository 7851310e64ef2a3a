/** Visit plans: the seeded stratified sample of running loans (electron/domain/monitoring/sampling.ts). */
import { randomInt } from 'node:crypto';
import * as repo from '../../../database/repositories/monitoring';
import { appendAudit } from '../../../database/repositories/audit';
import type { PlanDetail } from '../../contract';
import { periodLastDay } from '../../domain/loan';
import { drawSample } from '../../domain/monitoring/sampling';
import type { ServiceContext } from '../context';
import { ServiceError, notFound } from '../errors';

/** 'bankId:kecamatanId', '-' for a debtor without a kecamatan. */
export const stratumOf = (bankId: number, kecamatanId: number | null) => `${bankId}:${kecamatanId ?? '-'}`;

export function createPlan(ctx: ServiceContext, input: { periode: string; ukuran: number; seed?: number | undefined }): PlanDetail {
  // A seed the user did not give is chosen here, once, and stored with the plan: the sample itself
  // only ever depends on (seed, period, loans).
  const seed = input.seed ?? randomInt(1, 0xffffffff);
  return ctx.db.transaction(() => {
    const population = repo.planPopulation(ctx.db, periodLastDay(input.periode));
    if (population.length === 0) throw new ServiceError('CONFLICT', 'Tidak ada pinjaman berjalan (aktif atau macet) pada periode ini untuk dikunjungi.');
    const sample = drawSample(
      population.map((l) => ({ id: l.id, stratum: stratumOf(l.bankId, l.kecamatanId) })),
      input.ukuran,
      seed,
      input.periode,
    );
    const id = repo.insertPlan(
      ctx.db,
      { periode: input.periode, ukuran: input.ukuran, seed, populasi: population.length, pengguna: ctx.user },
      sample.chosen.map((c) => ({ pinjamanId: c.id, strata: c.stratum })),
    );
    const plan = planDetail(ctx, id);
    appendAudit(ctx.db, {
      user: ctx.user,
      action: 'buat',
      entity: 'rencana_monev',
      entityId: id,
      before: null,
      after: { periode: plan.periode, ukuran: plan.ukuran, seed: plan.seed, populasi: plan.populasi, pinjamanIds: plan.baris.map((b) => b.pinjamanId) },
    });
    return plan;
  })();
}

/** A stored plan with its allocation per stratum (recomputed from the stored population size and rows). */
export function planDetail(ctx: ServiceContext, id: number): PlanDetail {
  const summary = repo.getPlanSummary(ctx.db, id);
  if (!summary) throw notFound('Rencana kunjungan');
  const baris = repo.planRows(ctx.db, id, summary.periode);
  const names = repo.strataNames(ctx.db);
  // The population per stratum as it is now may differ from when the plan was drawn; the sample
  // per stratum is what was drawn and stored.
  const perStratum = new Map<string, number>();
  for (const b of baris) perStratum.set(b.strata, (perStratum.get(b.strata) ?? 0) + 1);
  const population = new Map<string, number>();
  for (const l of repo.planPopulation(ctx.db, periodLastDay(summary.periode))) {
    const key = stratumOf(l.bankId, l.kecamatanId);
    population.set(key, (population.get(key) ?? 0) + 1);
  }
  const alokasi = [...new Set([...perStratum.keys(), ...population.keys()])].sort().map((strata) => {
    const [bank, kec] = strata.split(':');
    return {
      strata,
      bankNama: names.banks.get(Number(bank)) ?? bank!,
      kecamatanNama: kec === '-' ? null : (names.kecamatan.get(Number(kec)) ?? kec!),
      populasi: population.get(strata) ?? 0,
      sampel: perStratum.get(strata) ?? 0,
    };
  });
  return { ...summary, alokasi, baris };
}
