/**
 * Writing an import: the good rows or nothing, in one transaction — the impor_berkas row (with
 * the kept file's location), what the file produces (written by its kind's module in kinds/: a
 * draft claim through insertClaim, bank positions marked sumber 'impor', an insurer invoice through
 * the premium service's own function, …), the mapping template, and the audit entry. Any failure
 * rolls all of it back.
 */
import { appendAudit } from '../../../database/repositories/audit';
import * as repo from '../../../database/repositories/imports';
import { IMPORT_KIND_SPECS, type ImportKind } from '../../contract/import-kinds';
import type { ImportCommitResult, ImportDebtorChoices } from '../../contract/imports';
import type { Database } from '../../../database/connection';
import { stagedClaimTotals } from '../../../database/repositories/import-staging';
import { checkStagedClaimFindings } from './claim-check';
import type { CheckTarget, Checked, KindWrite } from './kinds/types';
import type { ParseOutcome } from './parse/rows';
import { formatDateShort, formatPeriod } from '../../domain/format';
import { requireOwnBank } from '../auth/bank-scope';
import { callerId } from '../auth/four-eyes';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { amountOf, checkRows, checkTargetOf } from './checks';
import { dataVersion } from '../../../database/data-version';
import type { PreviewJob } from './jobs';
import { dropStaging } from '../../../database/repositories/import-staging';
import { IMPORT_KIND_MODULES } from './kinds';

/**
 * A seam for the crash test: called after each row (or batch) is written inside the
 * transaction. Throwing from it simulates a crash half-way; nothing may remain.
 */
export const commitHooks: { afterWrite: ((written: number) => void) | null } = { afterWrite: null };

function describeEarlier(e: NonNullable<ReturnType<typeof repo.findImportBySha>>): string {
  const who = e.dibuatOleh ? ` oleh ${e.dibuatOleh}` : '';
  const owner = e.bankNama ?? e.penjaminNama;
  return `impor no. ${e.id} "${e.namaBerkas}"${owner ? ` (${owner})` : ''}, ${formatDateShort(e.dibuat.slice(0, 10))}${who}, ${e.jumlahBaris} baris`;
}

/**
 * What a commit needs of a finished preview: from the runtime's memory (the preview job), or
 * read back from its staged rows in a job worker (./staging.ts). `jumlahValid`: what the preview showed.
 */
export type Committable = Pick<PreviewJob, 'id' | 'request' | 'outcome' | 'checked' | 'checkedAgainst'> & {
  jumlahValid: number | null;
  /**
   * A claim whose rows are all in its staged table (./staging.ts): checked, counted and summed
   * there in SQL and written with one INSERT … SELECT, its rows never read back (`outcome.rows` empty).
   */
  stagedClaim?: true;
};

/** What the commit writes, counted: from the checked rows, or in SQL from a claim's staged rows. */
interface Counted {
  fileProblems: string[];
  /** Rows valid, and every row (valid or not). */
  valid: number;
  rows: number;
  total: number;
  periodeAwal: string | null;
  periodeAkhir: string | null;
  write: Pick<KindWrite, 'valid' | 'checked' | 'staged'>;
}

function countRows(jenis: ImportKind, checked: Checked): Counted {
  const valid = checked.rows.filter((r) => !r.galat);
  let total = 0;
  let first: string | null = null;
  let last: string | null = null;
  for (const r of valid) {
    total += amountOf(jenis, r.values);
    // The first and last period (as a sort of the periods would put them, without sorting 100,000 texts).
    const p = r.values.periode;
    if (typeof p !== 'string') continue;
    if (first === null || p < first) first = p;
    if (last === null || p > last) last = p;
  }
  return {
    fileProblems: checked.fileProblems,
    valid: valid.length,
    rows: checked.rows.length,
    total,
    periodeAwal: first,
    periodeAkhir: last,
    write: { valid, checked: checked.rows },
  };
}

/** The claim's checks in SQL on its staged rows (./claim-check.ts), then its count, total and periods there too. */
function countStagedClaim(db: Database, t: CheckTarget, id: string, outcome: ParseOutcome): Counted {
  const findings = checkStagedClaimFindings(db, t, id, outcome);
  const totals = stagedClaimTotals(db, id, findings.refused);
  return {
    fileProblems: findings.fileProblems,
    valid: totals.valid,
    rows: totals.rows,
    total: totals.total,
    periodeAwal: totals.periodeAwal,
    periodeAkhir: totals.periodeAkhir,
    write: { valid: [], checked: [], staged: { refused: findings.refused, corrected: findings.corrected, totals } },
  };
}

export function commitJob(ctx: ServiceContext, job: Committable, ganti: boolean, pilihan?: ImportDebtorChoices): ImportCommitResult {
  const { db } = ctx;
  const req = job.request;
  requireOwnBank(ctx, req.bankId);
  if (!job.outcome || job.jumlahValid === null) throw new ServiceError('CONFLICT', 'Pratinjau belum selesai.');
  const previewValid = job.jumlahValid;
  const kind = IMPORT_KIND_MODULES[req.jenis];

  return db.transaction((): ImportCommitResult => {
    // The same content imported before is said first: re-checking its rows against what it wrote would only list them as duplicates.
    const earlier = repo.findImportBySha(db, req.jenis, req.berkas);
    if (earlier && !ganti) {
      throw new ServiceError(
        'CONFLICT',
        `Berkas dengan isi yang sama sudah diimpor sebagai ${IMPORT_KIND_SPECS[req.jenis].label}: ${describeEarlier(earlier)}. Tidak ada yang disimpan; pilih "Ganti impor sebelumnya" bila memang hendak menggantinya.`,
        { ganti: 'Sudah pernah diimpor' },
      );
    }
    if (earlier && kind.tidakDapatDiganti) throw new ServiceError('CONFLICT', kind.tidakDapatDiganti, { ganti: 'Tidak dapat diganti' });

    // The data may have changed since the preview (a month closed, a loan added): check again,
    // unless nothing was written since (a 100,000-line check costs half a second).
    const bulanIni = ctx.today().slice(0, 7);
    ctx.progress?.('Memeriksa ulang baris');
    const against = job.checkedAgainst;
    const unchanged = against !== null && against.db === db && against.bulanIni === bulanIni && against.version === dataVersion(db);
    const counted = job.stagedClaim
      ? countStagedClaim(db, checkTargetOf(req, ctx.today()), job.id, job.outcome!)
      : countRows(req.jenis, unchanged && job.checked ? job.checked : checkRows(db, checkTargetOf(req, ctx.today()), job.outcome!, job.id));
    if (counted.fileProblems.length > 0) throw new ServiceError('CONFLICT', `Tidak ada yang disimpan: ${counted.fileProblems[0]}`);
    const valid = counted.valid;
    if (valid === 0) throw new ServiceError('CONFLICT', 'Tidak ada baris yang valid untuk disimpan.');
    if (valid !== previewValid) {
      throw new ServiceError('CONFLICT', `Data berubah sejak pratinjau (${previewValid} baris valid, sekarang ${valid}). Jalankan pratinjau lagi; tidak ada yang disimpan.`);
    }
    const total = counted.total;
    const write: repo.ImportWrite = {
      jenis: req.jenis,
      bankId: req.bankId,
      penjaminId: req.penjaminId,
      skId: req.skId,
      namaBerkas: req.namaBerkas,
      sha256: req.berkas,
      lokasi: req.lokasi,
      format: req.format ?? 'csv',
      jumlahBaris: valid,
      jumlahDilewati: counted.rows - valid,
      totalNilai: total,
      periodeAwal: counted.periodeAwal,
      periodeAkhir: counted.periodeAkhir,
      pemetaan: req.pemetaan,
      opsi: { ...req.opsi, tetap: req.tetap },
      oleh: ctx.user,
      olehId: callerId(ctx),
    };

    let imporId: number;
    let before: Record<string, unknown> | null = null;
    let removed: Record<string, unknown> | null = null;
    if (earlier) {
      const old = repo.getImportRecord(db, earlier.id)!;
      requireOwnBank(ctx, old.bankId);
      before = repo.importRowForAudit(db, earlier.id);
      removed = kind.removeProducts(ctx, earlier.id);
      repo.markReplaced(db, earlier.id, write, new Date(ctx.now()).toISOString());
      imporId = earlier.id;
    } else {
      imporId = repo.insertImport(db, write);
    }

    // Inside the transaction: a job cancelled here rolls everything back.
    ctx.progress?.('Menyimpan baris');
    const { tagihanId, ...produced } = kind.write(ctx, {
      req,
      imporId,
      ...counted.write,
      previewId: job.id,
      pilihan,
      afterWrite: (n) => {
        commitHooks.afterWrite?.(n);
        // As a job: the rows written so far (the screen's percentage), and a cancel stops here, inside the transaction.
        ctx.progress?.('Menyimpan baris', n, valid);
      },
    });

    repo.setImportTotals(db, imporId, write);
    // The preview's staged rows are spent: gone with the commit, or kept if it rolls back.
    dropStaging(db, job.id);
    const opsiTemplat = Object.fromEntries(Object.entries(req.opsi).filter(([k]) => k !== 'headerRow' && k !== 'sheet'));
    repo.saveTemplate(db, req.jenis, { bankId: req.bankId, penjaminId: req.penjaminId }, { pemetaan: req.pemetaan, opsi: opsiTemplat }, ctx.user);
    // The trail records what was written, less the storage details (format, options; who is the entry's user) and with the period as words.
    const { format: _format, opsi: _opsi, oleh: _oleh, olehId: _olehId, periodeAwal, periodeAkhir, ...recorded } = write;
    appendAudit(db, {
      user: ctx.user,
      // A replacement is an import too; `diganti` and the before-image say what it replaced.
      action: 'impor',
      entity: 'impor_berkas',
      entityId: imporId,
      before: before ? { ...before, dihapus: removed } : undefined,
      after: {
        ...recorded,
        periode: periodeAwal ? (periodeAwal === periodeAkhir ? formatPeriod(periodeAwal) : `${formatPeriod(periodeAwal)} – ${formatPeriod(periodeAkhir!)}`) : null,
        tagihanId,
        ...produced,
        diganti: earlier !== null,
      },
    });
    return { imporId, jenis: req.jenis, jumlahBaris: valid, jumlahDilewati: write.jumlahDilewati, totalNilai: total, tagihanId, diganti: earlier !== null, ...produced };
  })();
}
