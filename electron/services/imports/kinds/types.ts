/**
 * What a kind of import file is to the service: how its rows are checked against the database and
 * how the good ones are written. The contract side of a kind (its fields, who sends it) is its
 * ImportKindSpec in electron/contract/imports.ts; this is the other half. A kind's module gets the
 * rows the parser read (every field already typed, row errors already marked) and:
 *  - check: refuses rows (report.fail) or notes warnings the way the kind's own form would, and
 *    may add whole-file problems (another sender's file) that stop the commit;
 *  - write: writes the valid rows inside the commit's transaction, through the services' own
 *    functions where there are some (the claim insert, the premium invoice, the loan entry);
 *  - removeProducts: undoes what an earlier import of the same content wrote, when the clerk
 *    replaces it, or refuses (ServiceError CONFLICT) naming what depends on it.
 */
import type { Database } from '../../../../database/connection';
import type { DebtorDifference, ImportCommitResult, ImportDebtorChoices, ImportKind, ImportProblem } from '../../../contract/imports';
import type { ServiceContext } from '../../context';
import type { PreviewRequest } from '../jobs';
import type { RecordValues } from '../parse/rows';

export interface CheckTarget {
  jenis: ImportKind;
  bankId: number | null;
  penjaminId: number | null;
  skId: number | null;
  namaBerkas: string;
  pemetaan: Record<string, string>;
  /** The current month (YYYY-MM): later periods are refused. */
  bulanIni: string;
  /** Today (YYYY-MM-DD): a NIK's birth date or an old loan's dates cannot be later. */
  hariIni: string;
}

/** A row ready to write: its values (account number as the loan has it) and what it refers to. */
export interface CheckedRow {
  baris: number;
  /**
   * Shared with the parsed row it came from until a check changes a value (then replaced by a
   * copy): the parse outcome stays as read, for the commit's re-check, without a copy of every row.
   */
  values: Readonly<RecordValues>;
  galat: boolean;
  pinjamanId: number | null;
  premiId: number | null;
  /** What a kind's check found for the row and its write needs (kind-specific; JSON-like). */
  data?: Record<string, unknown>;
  /** The account number came from a numeric XLSX cell (its leading zeros may be lost). */
  rekeningAngka?: true;
}

export interface Checked {
  rows: CheckedRow[];
  problems: ImportProblem[];
  fileProblems: string[];
  /** Kind 'pinjaman': registered debtors whose data in the file differs (every one; the preview shows the first). */
  debiturBerbeda?: DebtorDifference[];
}

/** How a kind's check reports: each message names the file, row and the field's column. */
export interface Report {
  /** Refuses the row: an error on `field`. */
  fail(row: CheckedRow, field: string, pesan: string): void;
  /** A warning on `field` of the row numbered `baris`; the row is still written. */
  warn(baris: number, field: string, pesan: string): void;
  /** A problem about the whole file: nothing is written while there is one. */
  file(pesan: string): void;
}

export interface KindWrite {
  req: PreviewRequest;
  imporId: number;
  valid: CheckedRow[];
  /** Every checked row (valid or not) and the preview's id: a claim writes from its staged rows (imports/staging.ts) when they are all there. */
  checked: CheckedRow[];
  previewId: string;
  /**
   * A claim counted and checked in SQL on its staged rows (commit.ts, countStagedClaim): `valid`
   * and `checked` are then empty, and this says what to write — the rows its check refused, the
   * accounts it corrected, and the count, total and periods the write must come to.
   */
  staged?: {
    refused: readonly number[];
    corrected: readonly { baris: number; nomorRekening: string }[];
    totals: { valid: number; total: number; periodeAwal: string | null; periodeAkhir: string | null };
  };
  /** Call after each row (or batch) written: the crash test's seam (commitHooks.afterWrite). */
  afterWrite(written: number): void;
  /** Kind 'pinjaman': the clerk's choices on registered debtors whose data differs. */
  pilihan?: ImportDebtorChoices | undefined;
}

/** What a kind's write produced: the claim (tagihan), the debtors and loans (pinjaman). */
export type KindWritten = { tagihanId: number | null } & Pick<ImportCommitResult, 'debiturBaru' | 'debiturDiperbarui' | 'pinjamanBaru'>;

export interface ImportKindModule {
  /** May answer what the preview shows besides the problems (kind 'pinjaman': the debtor differences). */
  check(db: Database, t: CheckTarget, rows: CheckedRow[], report: Report): void | Pick<Checked, 'debiturBerbeda'>;
  write(ctx: ServiceContext, w: KindWrite): KindWritten;
  removeProducts(ctx: ServiceContext, imporId: number): Record<string, unknown>;
  /** Set when an earlier import of the kind is never replaced (what it wrote is never deleted): the refusal. */
  tidakDapatDiganti?: string;
  /** For kinds sent by a decree (pemilik 'sk'): whether the decree exists. */
  ownerExists?(db: Database, id: number): boolean;
}
