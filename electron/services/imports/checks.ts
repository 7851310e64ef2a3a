/**
 * The checks on parsed rows that need the database, common to every kind (a period after this
 * month), then the kind's own (its module in kinds/: does the account belong to this bank's loans
 * or this insurer's premiums, is the month closed, would the form refuse it, does the file look
 * like another sender's). Run when the preview job ends and again inside the commit's transaction
 * (the data may have changed in between).
 */
import type { Database } from '../../../database/connection';
import type { ImportProblem } from '../../contract/imports';
import { IMPORT_KIND_MODULES, type CheckTarget, type Checked, type CheckedRow, type Report } from './kinds';
import { columnOf, futurePeriodMessage } from './kinds/shared';
import { checkStagedClaim } from './claim-check';
import { stagedRowCount } from '../../../database/repositories/import-staging';
import type { ParseOutcome } from './parse/rows';
import type { PreviewRequest } from './jobs';

export type { CheckTarget, Checked, CheckedRow } from './kinds';
// The preview's summary is its own module (a claim's worker loads it without every kind's checks).
export { amountOf, summarize } from './summary';

/**
 * `stagingId`: the preview whose rows are staged. A claim's checks then run in SQL against its
 * staged rows (./claim-check.ts: the same problems, set-based) when every row is there.
 */
/** What a preview's rows are checked against: the request's sender and mapping, today's month (the preview, a claim's worker and the commit alike). */
export function checkTargetOf(req: PreviewRequest, today: string): CheckTarget {
  return {
    jenis: req.jenis,
    bankId: req.bankId,
    penjaminId: req.penjaminId,
    skId: req.skId,
    namaBerkas: req.namaBerkas,
    pemetaan: req.pemetaan,
    bulanIni: today.slice(0, 7),
    hariIni: today,
  };
}

export function checkRows(db: Database, t: CheckTarget, outcome: ParseOutcome, stagingId?: string): Checked {
  if (stagingId !== undefined && t.jenis === 'tagihan' && stagedRowCount(db, stagingId) === outcome.rows.length) return checkStagedClaim(db, t, stagingId, outcome);
  const problems: ImportProblem[] = outcome.problems.map((p) => ({ berkas: t.namaBerkas, ...p }));
  const fileProblems = [...outcome.fileProblems];
  const col = (field: string) => columnOf(t, field);
  const rows: CheckedRow[] = outcome.rows.map((r) => ({
    baris: r.baris,
    values: r.values,
    galat: r.galat,
    pinjamanId: null,
    premiId: null,
    ...(r.rekeningAngka ? { rekeningAngka: true as const } : {}),
  }));
  const report: Report = {
    fail(row, field, pesan) {
      problems.push({ berkas: t.namaBerkas, baris: row.baris, kolom: col(field), pesan, tingkat: 'galat' });
      row.galat = true;
    },
    warn(baris, field, pesan) {
      problems.push({ berkas: t.namaBerkas, baris, kolom: col(field), pesan, tingkat: 'peringatan' });
    },
    file(pesan) {
      fileProblems.push(pesan);
    },
  };

  // Periods after this month cannot have been reported or claimed yet.
  for (const row of rows) {
    const p = row.values.periode;
    if (!row.galat && typeof p === 'string' && p > t.bulanIni) report.fail(row, 'periode', futurePeriodMessage(p));
  }

  const extra = IMPORT_KIND_MODULES[t.jenis].check(db, t, rows, report);

  problems.sort((a, b) => (a.baris ?? 0) - (b.baris ?? 0));
  return { rows, problems, fileProblems, ...(extra ?? {}) };
}
