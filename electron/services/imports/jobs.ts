/**
 * Preview jobs: a file parsed in the worker, then checked against the database, with progress
 * the renderer polls. Kept in memory (a few at a time) until committed or replaced by newer ones.
 */
import crypto from 'node:crypto';
import type { ImportKind, ImportOptions, ImportPreviewResult, ImportProgress } from '../../contract/imports';
import type { Checked } from './checks';
import type { ParseOutcome } from './parse/rows';
import type { StagedPreview } from './claim-preview';

export interface PreviewRequest {
  jenis: ImportKind;
  bankId: number | null;
  penjaminId: number | null;
  skId: number | null;
  berkas: string;
  namaBerkas: string;
  lokasi: string;
  format: 'csv' | 'xlsx' | null;
  opsi: ImportOptions;
  pemetaan: Record<string, string>;
  /** Values for the whole file (checked against their fields' types by imports.preview). */
  tetap: Record<string, string>;
}

export interface PreviewJob {
  id: string;
  /** Who started it: only they see its progress and may commit it. */
  user: string;
  databasePath: string;
  request: PreviewRequest;
  status: ImportProgress['status'];
  tahap: string;
  persen: number;
  pesan: string | null;
  outcome: ParseOutcome | null;
  checked: Checked | null;
  /** What `checked` was checked against: the commit reuses it while none of this has changed. */
  checkedAgainst: { db: unknown; version: string; bulanIni: string } | null;
  result: ImportPreviewResult | null;
  /**
   * A preview finished in the worker (./claim-preview.ts, ./kind-preview.ts): its rows are in its staged table, not
   * in `outcome` or `checked` (both without rows then); what the row pages need of them.
   */
  staged?: Pick<StagedPreview, 'findings' | 'baris' | 'galat' | 'problemColumns'>;
  /** Settles when the job ends (tests and the end-to-end import await it). */
  done: Promise<void>;
}

const MAX_JOBS = 6;
const jobs = new Map<string, PreviewJob>();

/** `forget`: told each older job forgotten to make room (its staged rows go with it). */
export function createJob(user: string, databasePath: string, request: PreviewRequest, forget?: (job: PreviewJob) => void): PreviewJob {
  const job: PreviewJob = {
    id: crypto.randomUUID(),
    user,
    databasePath,
    request,
    status: 'berjalan',
    tahap: 'Menyiapkan',
    persen: 0,
    pesan: null,
    outcome: null,
    checked: null,
    checkedAgainst: null,
    result: null,
    done: Promise.resolve(),
  };
  jobs.set(job.id, job);
  // Forget the oldest finished jobs beyond a few (each may hold 100,000 parsed rows).
  const finished = [...jobs.values()].filter((j) => j.status !== 'berjalan');
  while (jobs.size > MAX_JOBS && finished.length > 0) {
    const old = finished.shift()!;
    jobs.delete(old.id);
    forget?.(old);
  }
  return job;
}

export function getJob(id: string): PreviewJob | undefined {
  return jobs.get(id);
}

export function dropJob(id: string): void {
  jobs.delete(id);
}

export function progressOf(job: PreviewJob): ImportProgress {
  return { jobId: job.id, status: job.status, tahap: job.tahap, persen: job.persen, hasil: job.result, pesan: job.pesan };
}
