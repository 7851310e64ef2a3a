/**
 * A preview's rows kept in the database for its commit (database/repositories/import-staging.ts).
 * The preview lives in the runtime's memory; a commit run as a job (in a worker with its own
 * connection, docs/long-jobs.md) sees none of it, so every preview stages its parsed rows and
 * the job reads them back and checks them again, with the same checks (the same messages) as the
 * runtime's commit. The worker always re-checks: "nothing was written since the preview" is
 * known only on the runtime's connection (database/data-version.ts counts per connection).
 */
import type { Database } from '../../../database/connection';
import {
  beginStaging,
  beginValueStaging,
  finishStaging as writeHeader,
  getStaging,
  stageClaimRows,
  stagedValueRows,
  stageValueRows,
  type StagedRow,
} from '../../../database/repositories/import-staging';
import type { ImportKind } from '../../contract/imports';
import { commitsAsJob } from '../../contract/import-kinds';
import type { ServiceContext } from '../context';
import { notFound } from '../errors';
import { STAGE_BATCH } from './claim-preview';
import type { Committable } from './commit';
import type { PreviewJob, PreviewRequest } from './jobs';
import type { ParseOutcome } from './parse/rows';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * How a kind's rows are kept: a claim's in typed columns (its commit writes them with one
 * INSERT … SELECT), every other kind's as JSON values (their commits write row by row through the
 * services' own functions, from the rows read back).
 */
interface Layout {
  begin(db: Database, id: string): void;
  stage(db: Database, id: string, rows: readonly StagedRow[], from: number, to: number): void;
}
const CLAIM_LAYOUT: Layout = { begin: beginStaging, stage: stageClaimRows };
const VALUE_LAYOUT: Layout = { begin: beginValueStaging, stage: stageValueRows };
const layoutOf = (jenis: ImportKind | string): Layout => (jenis === 'tagihan' ? CLAIM_LAYOUT : VALUE_LAYOUT);

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
  const layout = layoutOf(job.request.jenis);
  layout.begin(db, job.id);
  for (let from = 0; from < rows.length; from += STAGE_BATCH) {
    if (from > 0) await nextTurn();
    layout.stage(db, job.id, rows, from, Math.min(rows.length, from + STAGE_BATCH));
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
  // A claim is checked, counted and written in SQL from its staged rows: none is read back.
  const claim = s.jenis === 'tagihan';
  const rows = claim ? [] : stagedValueRows(ctx.db, id);
  return {
    id,
    request: JSON.parse(s.permintaan) as PreviewRequest,
    outcome: { rows, problems: [], skipped: [], emptyRows: 0, fileProblems: s.masalahBerkas },
    checked: null,
    checkedAgainst: null,
    jumlahValid: s.jumlahValid,
    ...(claim ? { stagedClaim: true as const } : {}),
  };
}
