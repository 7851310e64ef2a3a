/**
 * A preview's rows kept in the database for its commit (database/repositories/import-staging.ts).
 * The preview lives in the runtime's memory; a commit run as a job (in a worker with its own
 * connection, docs/long-jobs.md) sees none of it, so a claim's preview stages its parsed rows and
 * the job reads them back and checks them again, with the same checks (the same messages) as the
 * runtime's commit. The worker always re-checks: "nothing was written since the preview" is
 * known only on the runtime's connection (database/data-version.ts counts per connection).
 */
import type { Database } from '../../../database/connection';
import { beginStaging, finishStaging as writeHeader, getStaging, stageClaimRows, stagedClaimRows } from '../../../database/repositories/import-staging';
import { stagedClaimTally } from '../../../database/repositories/import-staging';
import { commitsAsJob } from '../../contract/imports';
import type { ServiceContext } from '../context';
import { notFound } from '../errors';
import type { Committable } from './commit';
import type { PreviewJob, PreviewRequest } from './jobs';
import type { ParseOutcome } from './parse/rows';

/** Rows staged per transaction: the runtime's thread answers other calls between batches. */
const STAGE_BATCH = 10_000;

/**
 * Stages a preview's parsed rows (every one, valid or not), in batches with a turn of the event
 * loop between them: 100,000 rows in one go held the runtime's thread ~0.5 s. Before the checks,
 * so that nothing is written between the checks and the data version the preview records
 * (job.checkedAgainst). A preview whose staging stopped half-way has no header (finishStaging):
 * it is never committed from its rows, and its table goes when the preview is forgotten or the
 * runtime next starts.
 */
export async function stageRows(db: Database, job: PreviewJob, outcome: ParseOutcome): Promise<void> {
  if (!commitsAsJob(job.request.jenis)) return;
  const rows = outcome.rows;
  beginStaging(db, job.id);
  for (let from = 0; from < rows.length; from += STAGE_BATCH) {
    if (from > 0) await new Promise((resolve) => setImmediate(resolve));
    stageClaimRows(db, job.id, rows, from, Math.min(rows.length, from + STAGE_BATCH));
  }
}

/** The staged preview's header, once checked: from now on its commit may run as a job. */
export function finishStaging(db: Database, job: PreviewJob): void {
  if (!commitsAsJob(job.request.jenis) || !job.outcome || !job.result) return;
  writeHeader(db, {
    id: job.id,
    pengguna: job.user,
    jenis: job.request.jenis,
    permintaan: JSON.stringify(job.request),
    jumlahValid: job.result.jumlahValid,
    masalahBerkas: job.outcome.fileProblems,
  });
}

/** The staged preview `id` of the caller, ready to commit (checked again: no check is reused). */
export function stagedCommittable(ctx: ServiceContext, id: string): Committable {
  const s = getStaging(ctx.db, id);
  // Another user's preview is as good as unknown (as on the runtime's thread).
  if (!s || s.pengguna !== ctx.user) throw notFound('Pekerjaan impor');
  // A claim's check runs in SQL on the staged rows (../claim-check.ts): the commit needs only their count, amounts, periods and accounts.
  const rows = s.jenis === 'tagihan' ? stagedClaimTally(ctx.db, id) : stagedClaimRows(ctx.db, id);
  return {
    id,
    request: JSON.parse(s.permintaan) as PreviewRequest,
    outcome: { rows, problems: [], skipped: [], emptyRows: 0, fileProblems: s.masalahBerkas },
    checked: null,
    checkedAgainst: null,
    jumlahValid: s.jumlahValid,
  };
}
