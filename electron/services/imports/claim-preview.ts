/**
 * A claim's preview finished in the import worker (worker.ts): the parsed rows staged with the
 * worker's own connection to the database file, checked there in SQL (./claim-check.ts) and
 * summed up, so that only the summary, the problems and two small typed arrays go back to the
 * runtime's thread — not 100,000 rows as columns rebuilt into objects, staged in batches and
 * checked there (~1 s of that thread at 100,000 lines before). The rows stay in the preview's
 * staged table: the preview's row pages read them from it (handlers.ts, imports.rows) and the
 * commit, on the runtime's thread or as a job, commits from it (staging.ts, stagedCommittable).
 */
import { openJobConnection, type Database } from '../../../database/connection';
import { beginStaging, stageClaimRows, stagedClaimRowsAt, stagedValueRowsAt } from '../../../database/repositories/import-staging';
import type { InputOf, OutputOf } from '../../contract';
import { IMPORT_KIND_SPECS } from '../../contract/import-kinds';
import type { ImportKind, ImportPreviewResult, ImportProblem, ImportRowView } from '../../contract/imports';
import type { PreviewJob } from './jobs';
import { problemsOfRows, rowProblemFlags, type ProblemColumns } from './problem-columns';
import { summarize } from './summary';
import { applyClaimCheck, checkStagedClaimFindings, type ClaimCheckFindings } from './claim-check';
import type { CheckTarget } from './kinds/types';
import type { ParseOutcome } from './parse/rows';

/** What the runtime asks of the worker besides the parse: where to stage, and what to check against. */
export interface ClaimStageTask {
  databasePath: string;
  /** The preview's id (its staged table's name). */
  id: string;
  target: CheckTarget;
}

/** What the runtime keeps of a claim preview finished in the worker (instead of its rows). */
export interface StagedPreview {
  /** The preview's result, less what was imported before (`sebelumnya`: the runtime's to say). */
  result: ImportPreviewResult;
  findings: ClaimCheckFindings;
  /** Every row's number in file order, and whether it is refused (by the parse or the check): the row pages' filter. */
  baris: Int32Array;
  galat: Uint8Array;
  /** The problems as columns (./problem-columns.ts; another kind's preview, ./kind-preview.ts): then `findings.problems` is empty. */
  problemColumns?: ProblemColumns;
}

/**
 * Rows staged per transaction, wherever a preview is staged (here, ./kind-preview.ts, and on the
 * runtime's thread in ./staging.ts): the runtime's own writes, or its other calls, wait for at most one batch.
 */
export const STAGE_BATCH = 10_000;

/** Every checked row's number in file order and whether it is refused: what StagedPreview keeps of the rows. */
export function rowFlags(rows: readonly { baris: number; galat: boolean }[]): Pick<StagedPreview, 'baris' | 'galat'> {
  const baris = new Int32Array(rows.length);
  const galat = new Uint8Array(rows.length);
  rows.forEach((r, i) => {
    baris[i] = r.baris;
    galat[i] = r.galat ? 1 : 0;
  });
  return { baris, galat };
}

/** The problems of each row (a file's own problems left out), as a row page shows them. */
export function problemsByRow(problems: readonly ImportProblem[]): Map<number, ImportRowView['masalah']> {
  const byRow = new Map<number, ImportRowView['masalah']>();
  for (const p of problems) {
    if (p.baris === null) continue;
    let list = byRow.get(p.baris);
    if (!list) byRow.set(p.baris, (list = []));
    list.push({ kolom: p.kolom, pesan: p.pesan, tingkat: p.tingkat });
  }
  return byRow;
}

/** The fields a row page shows: those mapped to a column of the file, and those given once for the whole file. */
export function shownFields(jenis: ImportKind, pemetaan: Readonly<Record<string, unknown>>): string[] {
  const spec = IMPORT_KIND_SPECS[jenis];
  return spec.fields.map((f) => f.key).filter((k) => pemetaan[k] || spec.fileLevel.includes(k));
}

export function stageAndCheckClaim(outcome: ParseOutcome, task: ClaimStageTask, progress?: (stage: string, done: number, total: number) => void): StagedPreview {
  const db = openJobConnection(task.databasePath, false);
  try {
    const rows = outcome.rows;
    beginStaging(db, task.id);
    for (let from = 0; from < rows.length; from += STAGE_BATCH) {
      progress?.('mencocokkan', from, rows.length);
      stageClaimRows(db, task.id, rows, from, Math.min(rows.length, from + STAGE_BATCH));
    }
    const findings = checkStagedClaimFindings(db, task.target, task.id, outcome);
    const checked = applyClaimCheck(outcome, findings);
    const result = summarize(task.target.jenis, task.target.namaBerkas, outcome, checked, null);
    return { result, findings, ...rowFlags(checked.rows) };
  } finally {
    db.close();
  }
}

/**
 * A page of a staged preview's rows (imports.rows; a claim's, or another kind's from ./kind-preview.ts): chosen as the rows in memory were
 * (all, the refused, or those refused or warned about), their values read from the staged table with the
 * accounts the check corrected, as the checked rows carried them.
 */
export function stagedRowsPage(
  db: Database,
  job: Pick<PreviewJob, 'id' | 'request'>,
  staged: Pick<StagedPreview, 'findings' | 'baris' | 'galat' | 'problemColumns'>,
  q: { page: number; pageSize: number; hanya: InputOf<'imports.rows'>['hanya'] },
): OutputOf<'imports.rows'> {
  const { jenis, pemetaan } = job.request;
  let byRow = problemsByRow(staged.findings.problems);
  const columns = staged.problemColumns;
  const flags = columns && q.hanya === 'bermasalah' ? rowProblemFlags(columns, staged.baris) : null;
  const chosen: number[] = [];
  for (let i = 0; i < staged.baris.length; i++) {
    const b = staged.baris[i]!;
    const galat = staged.galat[i] === 1;
    if (q.hanya === 'semua' || (q.hanya === 'galat' ? galat : galat || (flags ? flags[i] === 1 : byRow.has(b)))) chosen.push(i);
  }
  const pageOf = chosen.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  // Problems kept as columns: made into objects for this page's rows only.
  if (columns)
    byRow = problemsOfRows(
      columns,
      pageOf.map((i) => staged.baris[i]!),
    );
  const corrected = new Map(staged.findings.corrected.map((c) => [c.baris, c.nomorRekening]));
  const values = new Map(
    (jenis === 'tagihan' ? stagedClaimRowsAt : stagedValueRowsAt)(
      db,
      job.id,
      pageOf.map((i) => staged.baris[i]!),
    ).map((r) => [r.baris, r.values]),
  );
  const isian = shownFields(jenis, pemetaan);
  return {
    rows: pageOf.map((i) => {
      const b = staged.baris[i]!;
      const v: Readonly<Record<string, string | number | boolean | null>> = values.get(b) ?? {};
      const account = corrected.get(b);
      return {
        baris: b,
        nilai: Object.fromEntries(isian.map((k) => [k, (k === 'nomorRekening' && account !== undefined ? account : v[k]) ?? null])),
        galat: staged.galat[i] === 1,
        masalah: byRow.get(b) ?? [],
      };
    }),
    total: chosen.length,
    page: q.page,
    pageSize: q.pageSize,
    isian,
  };
}
