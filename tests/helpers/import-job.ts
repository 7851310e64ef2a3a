/**
 * An import's commit as a job (docs/long-jobs.md) beside the same commit on the runtime's thread:
 * two runtimes built alike, the same file previewed in each, one committed by a job in a worker
 * (from the rows its preview staged), the other by imports.commit on the thread. What each left
 * in the tables must be the same, less the moments of writing (timestamps, and the audit chain's
 * hashes, which cover them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { ImportCommitResult, ImportInspection, ImportKind, ImportPreviewResult, InputOf, JobStatus } from '../../electron/contract';
import type { Caller } from '../../electron/services/auth/caller';
import { getJob } from '../../electron/services/imports/jobs';
import type { Job } from '../../electron/services/jobs/runner';
import { call, createTempRuntime, type TempRuntime } from './runtime';

/** The runtime's own caller (createRuntime's trusted caller for user 'uji'), as the job's starter. */
export const SYSTEM: Caller = { userId: null, username: 'uji', role: 'sistem', bankId: null, token: null };

export interface ImportOwner {
  jenis: ImportKind;
  bankId?: number;
  penjaminId?: number;
  skId?: number;
}

/**
 * Previews an inspected upload as the screen does (the header row, sheet and mapping the
 * inspection proposed, `extra` changing any of them) and waits for it: the preview's id and result.
 */
export async function previewUpload(
  r: TempRuntime,
  owner: ImportOwner,
  up: ImportInspection,
  extra: Partial<InputOf<'imports.preview'>> = {},
): Promise<{ jobId: string; hasil: ImportPreviewResult }> {
  const { jobId } = await call(r, 'imports.preview', {
    ...owner,
    berkas: up.berkas,
    namaBerkas: up.namaBerkas,
    opsi: { headerRow: up.headerRow, sheet: up.sheet ?? undefined },
    pemetaan: up.pemetaan,
    ...extra,
  });
  await getJob(jobId)!.done;
  const p = await call(r, 'imports.progress', { jobId });
  if (p.status !== 'selesai') throw new Error(`pratinjau ${p.status}: ${p.pesan}`);
  return { jobId, hasil: p.hasil! };
}

/** Uploads `file` and previews it with the mapping the inspection proposed; the preview's id and result. */
export async function previewFile(
  r: TempRuntime,
  owner: ImportOwner,
  file: string,
  extra: Partial<InputOf<'imports.preview'>> = {},
): Promise<{ jobId: string; hasil: ImportPreviewResult }> {
  const up = await call(r, 'imports.upload', { ...owner, namaBerkas: path.basename(file), isiBase64: fs.readFileSync(file).toString('base64'), opsi: {} });
  return previewUpload(r, owner, up, extra);
}

/** Starts the commit of preview `jobId` as a job, noting every progress report. */
export function startCommitJob(r: TempRuntime, input: InputOf<'imports.commit'>, opts: { pauseAt?: string } = {}): { job: Job; reports: JobStatus[] } {
  const job = r.jobs.start('imports.commit', input, SYSTEM, opts);
  const reports: JobStatus[] = [];
  job.on('progress', (s: JobStatus) => reports.push(s));
  return { job, reports };
}

const MOMENT = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?/g;
/** Columns that hold when a row was written, or hashes over it (the audit chain). */
const MOMENT_COLUMNS = new Set(['waktu', 'hash', 'prev_hash', 'ujung_hash', 'dibuat', 'diubah', 'diperbarui']);

/**
 * Every row of `tables`, without the moments of writing (a moment inside a text, e.g. an audit's
 * JSON, too) and with the runtime's folder `dir` (where the kept files are) as <folder>, each row
 * as JSON text, sorted (some tables have no rowid to order by).
 */
export function tablesAsWritten(db: TempRuntime['db'], tables: readonly string[], dir?: string): Record<string, string[]> {
  const shown = (v: string) => (dir ? v.replaceAll(dir, '<folder>') : v).replace(MOMENT, '<waktu>');
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    out[t] = (db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[])
      .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, MOMENT_COLUMNS.has(k) ? '<waktu>' : typeof v === 'string' ? shown(v) : v]))))
      .sort();
  }
  return out;
}

export interface BothWays {
  /** The job's runtime (still open: the caller's useTempRuntime disposes of it). */
  r: TempRuntime;
  preview: ImportPreviewResult;
  viaJob: ImportCommitResult;
  onThread: ImportCommitResult;
  /** The job's progress reports, in order. */
  reports: JobStatus[];
}

/**
 * Builds the world in `r` and in a twin runtime, previews the file in both, commits it as a job
 * in `r` and on the thread in the twin, and checks the results and `tables` are the same.
 */
export async function commitBothWays<W>(
  r: TempRuntime,
  build: (r: TempRuntime) => Promise<W>,
  what: (w: W) => { owner: ImportOwner; file: string; preview?: Partial<InputOf<'imports.preview'>>; commit?: Partial<InputOf<'imports.commit'>> },
  tables: readonly string[],
): Promise<BothWays> {
  const twin = createTempRuntime({ prefix: 'gs-import-twin-' });
  try {
    const w = await build(r);
    const wt = await build(twin);
    const a = what(w);
    const b = what(wt);
    const pa = await previewFile(r, a.owner, a.file, a.preview);
    const pb = await previewFile(twin, b.owner, b.file, b.preview);
    expect(pa.hasil.jumlahValid).toBeGreaterThan(0);
    const { job, reports } = startCommitJob(r, { jobId: pa.jobId, ganti: false, ...a.commit });
    const status = await job.done;
    expect(status).toMatchObject({ status: 'selesai', galat: null });
    const viaJob = JSON.parse(status.hasilJson!) as ImportCommitResult;
    const onThread = await call(twin, 'imports.commit', { jobId: pb.jobId, ganti: false, ...b.commit });
    expect(viaJob).toEqual(onThread);
    const a1 = tablesAsWritten(r.db, tables, r.dir);
    const b1 = tablesAsWritten(twin.db, tables, twin.dir);
    // Table by table, each row's difference named.
    for (const t of tables) expect({ [t]: a1[t]!.filter((x) => !b1[t]!.includes(x)) }, t).toEqual({ [t]: b1[t]!.filter((x) => !a1[t]!.includes(x)) });
    return { r, preview: pa.hasil, viaJob, onThread, reports };
  } finally {
    twin.dispose();
  }
}

/** Staged previews and their row tables (one per preview, impor_staging_<id>). */
export const stagedCount = (db: TempRuntime['db']): number =>
  (db.prepare('SELECT count(*) AS n FROM impor_staging').get() as { n: number }).n +
  (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name GLOB 'impor_staging_*'").get() as { n: number }).n;
