/**
 * Every other kind's preview (a loan list, positions, payment history, a decree's list, an
 * invoice) finished in the import worker, as a claim's is (./claim-preview.ts): the parsed rows
 * staged as JSON values with the worker's own connection, checked there by the kind's own checks
 * (checkRows and kinds/*.ts, unchanged: the same problems word for word) and summed up; the
 * runtime's thread gets the summary, the problems (as columns, ./problem-columns.ts) and two typed
 * arrays. Before, the checks ran on the runtime's thread after the parse (a 100,000-row loan list
 * held it 4–10 s, every other window's call waiting; docs/performance-history.md, fourth round).
 *
 * The checks are the kinds' JavaScript ones, not SQL on the staged table as the claim's: they
 * already read what they need once per file (batched lookups: NIKs, the bank's accounts and
 * agreements, schemes, …), and most of their work is the forms' rules per row, which SQL would
 * only copy (one source per rule). They read on a connection of their own, read-only, in one
 * snapshot: no write of the runtime's lands half-way through a check.
 */
import { openJobConnection, type Database } from '../../../database/connection';
import { beginValueStaging, stageValueRows } from '../../../database/repositories/import-staging';
import { checkRows, summarize } from './checks';
import { rowFlags, STAGE_BATCH, type ClaimStageTask, type StagedPreview } from './claim-preview';
import type { ParseOutcome } from './parse/rows';
import { toProblemColumns } from './problem-columns';

export function stageAndCheckKind(outcome: ParseOutcome, task: ClaimStageTask, progress?: (stage: string, done: number, total: number) => void): StagedPreview {
  const rows = outcome.rows;
  // The staging is the first half of the step's bar, the check (one call, no steps of its own) the rest.
  const db = openJobConnection(task.databasePath, false);
  try {
    beginValueStaging(db, task.id);
    for (let from = 0; from < rows.length; from += STAGE_BATCH) {
      progress?.('mencocokkan', from, rows.length * 2);
      stageValueRows(db, task.id, rows, from, Math.min(rows.length, from + STAGE_BATCH));
    }
  } finally {
    db.close();
  }
  progress?.('mencocokkan', rows.length, rows.length * 2);

  const read: Database = openJobConnection(task.databasePath, true);
  try {
    const checked = read.transaction(() => checkRows(read, task.target, outcome)).deferred();
    const result = summarize(task.target.jenis, task.target.namaBerkas, outcome, checked, null);
    const refused: number[] = [];
    const corrected: StagedPreview['findings']['corrected'] = [];
    checked.rows.forEach((r, i) => {
      const parsed = rows[i]!;
      if (r.galat && !parsed.galat) refused.push(r.baris);
      // A check replaces a row's values only to give the account as the loan or premium has it
      // (kinds/bank-loans.ts, kinds/premi.ts): the row pages show that one, as the checked rows did.
      if (r.values !== parsed.values && typeof r.values.nomorRekening === 'string') corrected.push({ baris: r.baris, nomorRekening: r.values.nomorRekening });
    });
    // The problems as columns: 100,000 problem objects took the runtime's thread 120–250 ms to receive.
    return {
      result,
      findings: { problems: [], fileProblems: checked.fileProblems, refused, corrected },
      ...rowFlags(checked.rows),
      problemColumns: toProblemColumns(checked.problems),
    };
  } finally {
    read.close();
  }
}
