/**
 * Importing a file end to end from a path, through the same channels the screen uses (upload as
 * base64, preview in the worker, commit): for the benchmark (build/bench) and scripts.
 *
 *   const r = await importFileFromPath(runtime.handlers, { file: 'tagihan.csv', jenis: 'tagihan', bankId: 1 });
 *
 * The mapping is the suggested one (saved template, else header names) unless given; the period
 * for the whole file is the one the title lines name unless given.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportCommitResult, ImportInspection, ImportKind, ImportPreviewResult, InputOf } from '../../contract';
import { dispatch } from '../dispatch';
import type { Handlers } from '../index';
import { setImmediate as nextTurn } from 'node:timers/promises';

export interface ImportFromPathInput {
  file: string;
  jenis: ImportKind;
  bankId?: number;
  penjaminId?: number;
  skId?: number;
  opsi?: InputOf<'imports.upload'>['opsi'];
  pemetaan?: Record<string, string>;
  tetap?: InputOf<'imports.preview'>['tetap'];
  ganti?: boolean;
  /** Loan lists: keep or update registered debtors whose data differs (imports.commit's pilihan). */
  pilihan?: InputOf<'imports.commit'>['pilihan'];
  /** Stop after the preview (nothing written). */
  previewOnly?: boolean;
  /**
   * How to commit, when not by calling imports.commit on the runtime's thread: the bench commits a
   * claim as the screen does, as a job (`jobs.start`), to measure what the screen's user waits for.
   */
  commit?: (input: InputOf<'imports.commit'>) => Promise<ImportCommitResult>;
}

export interface ImportFromPathResult {
  inspection: ImportInspection;
  preview: ImportPreviewResult;
  commit: ImportCommitResult | null;
}

async function ok<T>(handlers: Handlers, channel: string, input: unknown): Promise<T> {
  const r = await dispatch(handlers, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as T;
}

/** Bytes encoded per turn of the event loop (a multiple of 3: the pieces join into one base64 text). */
const BASE64_SLICE = 3 * 1024 * 1024;

/**
 * The file as the screen sends it (base64), read asynchronously and encoded a slice at a time: in
 * the app the renderer does this, so the bench must not hold the runtime's thread with it (a 40 MB
 * claim at once: ~90 ms).
 */
async function base64Of(file: string): Promise<string> {
  const bytes = await fs.promises.readFile(file);
  const pieces: string[] = [];
  for (let at = 0; at < bytes.length; at += BASE64_SLICE) {
    if (at > 0) await nextTurn();
    pieces.push(bytes.subarray(at, at + BASE64_SLICE).toString('base64'));
  }
  return pieces.join('');
}

export async function importFileFromPath(handlers: Handlers, input: ImportFromPathInput, onProgress?: (percent: number, stage: string) => void): Promise<ImportFromPathResult> {
  const owner = { jenis: input.jenis, bankId: input.bankId, penjaminId: input.penjaminId, skId: input.skId };
  const namaBerkas = path.basename(input.file);
  const inspection = await ok<ImportInspection>(handlers, 'imports.upload', {
    ...owner,
    namaBerkas,
    isiBase64: await base64Of(input.file),
    opsi: input.opsi ?? {},
  });
  const { jobId } = await ok<{ jobId: string }>(handlers, 'imports.preview', {
    ...owner,
    berkas: inspection.berkas,
    namaBerkas,
    // As the screen does: the file read as inspected (with its header row, or without one), the
    // period its title names offered for the whole file.
    opsi: { ...(input.opsi ?? {}), ...(inspection.tanpaJudul ? { tanpaJudul: true } : { headerRow: inspection.headerRow }) },
    pemetaan: input.pemetaan ?? inspection.pemetaan,
    tetap: input.tetap ?? inspection.saranTetap,
  });
  for (;;) {
    const p = await ok<{ status: string; persen: number; tahap: string; hasil: ImportPreviewResult | null; pesan: string | null }>(handlers, 'imports.progress', { jobId });
    onProgress?.(p.persen, p.tahap);
    if (p.status === 'gagal') throw new Error(`imports.preview: ${p.pesan}`);
    if (p.status === 'selesai') {
      const preview = p.hasil!;
      if (input.previewOnly) return { inspection, preview, commit: null };
      const commitInput = { jobId, ganti: input.ganti ?? false, ...(input.pilihan ? { pilihan: input.pilihan } : {}) };
      const commit = input.commit ? await input.commit(commitInput) : await ok<ImportCommitResult>(handlers, 'imports.commit', commitInput);
      return { inspection, preview, commit };
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
