/**
 * A preview's rows kept in the database for its commit (database/repositories/import-staging.ts).
 * The preview lives in the runtime's memory; a commit run as a job (in a worker with its own
 * connection, docs/long-jobs.md) sees none of it, so a claim's preview stages its parsed rows and
 * the job reads them back and checks them again, with the same checks (the same messages) as the
 * runtime's commit. The worker always re-checks: "nothing was written since the preview" is
 * known only on the runtime's connection (database/data-version.ts counts per connection).
 */
import type { Database } from '../../../database/connection';
import { getStaging, stageClaimRows, stagedClaimRows } from '../../../database/repositories/import-staging';
import { commitsAsJob } from '../../contract/imports';
import type { ServiceContext } from '../context';
import { notFound } from '../errors';
import type { Committable } from './commit';
import type { PreviewJob, PreviewRequest } from './jobs';

/** Stages a finished preview's rows (every parsed row, with the parse's whole-file problems). */
export function stagePreview(db: Database, job: PreviewJob): void {
  if (!commitsAsJob(job.request.jenis) || !job.outcome || !job.result) return;
  stageClaimRows(
    db,
    {
      id: job.id,
      pengguna: job.user,
      jenis: job.request.jenis,
      permintaan: JSON.stringify(job.request),
      jumlahValid: job.result.jumlahValid,
      masalahBerkas: job.outcome.fileProblems,
    },
    job.outcome.rows,
  );
}

/** The staged preview `id` of the caller, ready to commit (checked again: no check is reused). */
export function stagedCommittable(ctx: ServiceContext, id: string): Committable {
  const s = getStaging(ctx.db, id);
  // Another user's preview is as good as unknown (as on the runtime's thread).
  if (!s || s.pengguna !== ctx.user) throw notFound('Pekerjaan impor');
  const rows = stagedClaimRows(ctx.db, id);
  return {
    id,
    request: JSON.parse(s.permintaan) as PreviewRequest,
    outcome: { rows, problems: [], skipped: [], emptyRows: 0, fileProblems: s.masalahBerkas },
    checked: null,
    checkedAgainst: null,
    jumlahValid: s.jumlahValid,
  };
}
