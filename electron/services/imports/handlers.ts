/**
 * The import channels: upload → inspect → preview (a worker job) → progress/problems → commit,
 * and the history (list, get). See electron/contract/imports.ts.
 */
import fs from 'node:fs';
import { getBank } from '../../../database/repositories/banks';
import * as repo from '../../../database/repositories/imports';
import { getInsurer } from '../../../database/repositories/insurers';
import { bankOfficerMayImport, IMPORT_KIND_SPECS, type ImportField, type ImportInspection, type ImportKind, type ImportOptions } from '../../contract/imports';
import { callerBank, requireOwnBank } from '../auth/bank-scope';
import type { ServiceContext } from '../context';
import { ServiceError, invalid, notFound } from '../errors';
import type { HandlersFor } from '../index';
import { checkRows, checkTargetOf, summarize } from './checks';
import { dataVersion } from '../../../database/data-version';
import { commitJob } from './commit';
import { decodeBase64Yielding, keep, keptFile, sha256Yielding, writeTemp } from './files';
import { createJob, dropJob, getJob, progressOf, type PreviewJob, type PreviewRequest } from './jobs';
import { IMPORT_KIND_MODULES } from './kinds';
import type { Inspection } from './parse/pipeline';
import type { ParseOutcome } from './parse/rows';
import { runWorker, WorkerFileError } from './run-worker';
import { dropStaging } from '../../../database/repositories/import-staging';
import { commitsAsJob } from '../../contract/imports';
import { problemsPage } from './problem-columns';
import { finishStaging, stagedCommittable, stageRows } from './staging';
import { problemsByRow, shownFields, stagedRowsPage, type ClaimStageTask, type StagedPreview } from './claim-preview';

interface Owner {
  jenis: ImportKind;
  bankId?: number | undefined;
  penjaminId?: number | undefined;
  skId?: number | undefined;
}

/** A whole-file value checked against its field's type; the message when it does not fit. */
function fileLevelRefusal(f: ImportField, v: string): string | null {
  if (f.type === 'periode') return /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? null : `${f.label} tidak valid (bulan dan tahun)`;
  if (f.type === 'tanggal') return /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v) ? null : `${f.label} tidak valid`;
  if (f.type === 'teks') return v.length <= (f.maxLength ?? 200) ? null : `${f.label} terlalu panjang (paling banyak ${f.maxLength ?? 200} karakter)`;
  return `${f.label} tidak dapat diisi untuk seluruh berkas`;
}

/**
 * Reading options a template remembers (not the header row or sheet: those change with the file;
 * but whether the file has a header row at all is the sender's layout).
 */
const TEMPLATE_OPTIONS = ['delimiter', 'encoding', 'formatAngka', 'tanpaJudul'] as const;

export function importHandlers(ctx: ServiceContext): HandlersFor<'imports'> {
  const { db } = ctx;

  /** Who the file is from, as its kind says, checked: the bank (own bank for a liaison officer), the insurer or the decree. */
  const ownerOf = (o: Owner): { bankId: number | null; penjaminId: number | null; skId: number | null } => {
    const { pemilik, label } = IMPORT_KIND_SPECS[o.jenis];
    if (callerBank(ctx) !== null && !bankOfficerMayImport(o.jenis))
      throw new ServiceError('FORBIDDEN', `Petugas bank tidak mengimpor ${label}; berkas ini diimpor oleh sekretariat.`);
    if (pemilik === 'penjamin') {
      if (!o.penjaminId || !getInsurer(db, o.penjaminId)) throw invalid('penjaminId', 'Penjamin tidak dikenal');
      return { bankId: null, penjaminId: o.penjaminId, skId: null };
    }
    if (pemilik === 'sk') {
      const exists = IMPORT_KIND_MODULES[o.jenis].ownerExists;
      if (!o.skId || !exists || !exists(db, o.skId)) throw invalid('skId', 'SK penerima tidak dikenal');
      return { bankId: null, penjaminId: null, skId: o.skId };
    }
    if (!o.bankId || !getBank(db, o.bankId)) throw invalid('bankId', 'Bank tidak dikenal');
    requireOwnBank(ctx, o.bankId);
    return { bankId: o.bankId, penjaminId: null, skId: null };
  };

  const withTemplateOptions = (opsi: ImportOptions, template: repo.Template | null): ImportOptions => {
    if (!template) return opsi;
    // A header row chosen for this file says it has one, whatever the template remembers.
    const keys = TEMPLATE_OPTIONS.filter((k) => template.opsi[k] !== undefined && !(k === 'tanpaJudul' && opsi.headerRow !== undefined));
    const remembered = Object.fromEntries(keys.map((k) => [k, template.opsi[k]]));
    return { ...remembered, ...opsi } as ImportOptions;
  };

  const fileError = (err: unknown): never => {
    if (err instanceof WorkerFileError) throw invalid('berkas', err.message);
    throw err;
  };

  async function inspect(o: Owner, file: string, sha: string, namaBerkas: string, ukuran: number, opsi: ImportOptions): Promise<ImportInspection> {
    const owner = ownerOf(o);
    const template = repo.getTemplate(db, o.jenis, owner);
    const opts = withTemplateOptions(opsi, template);
    const found = await runWorker<Inspection>({ kind: 'inspect', file, name: namaBerkas, jenis: o.jenis, opts, template: template?.pemetaan ?? null }).catch(fileError);
    const sebelumnya = repo.findImportBySha(db, o.jenis, sha);
    return {
      berkas: sha,
      namaBerkas,
      ukuran,
      format: found.info.format,
      delimiter: found.info.delimiter,
      encoding: found.info.encoding,
      bom: found.info.bom,
      sheets: found.info.sheets,
      sheet: found.info.sheet,
      headerRow: found.headerRow,
      tanpaJudul: found.tanpaJudul,
      saranTetap: found.saranTetap,
      contoh: found.contoh,
      kolom: found.kolom,
      pemetaan: found.pemetaan,
      sumberPemetaan: found.sumberPemetaan,
      catatan: [
        ...found.info.notes,
        ...found.notes,
        ...(found.dataRows <= 0 ? ['Tidak ada baris data di bawah baris judul.'] : []),
        ...(found.sumberPemetaan === 'templat' ? ['Pemetaan kolom diambil dari templat yang tersimpan untuk pengirim dan jenis berkas ini.'] : []),
      ],
      sebelumnya,
    };
  }

  const fileOf = (sha: string): string => {
    const file = keptFile(ctx.databasePath, sha);
    if (!file) throw notFound('Berkas yang diunggah');
    return file;
  };

  const jobOf = (id: string): PreviewJob => {
    const job = getJob(id);
    // Another user's job is as good as unknown.
    if (!job || job.user !== ctx.user || job.databasePath !== ctx.databasePath) throw notFound('Pekerjaan impor');
    return job;
  };

  /** Parses in the worker (progress 0–90 %), then checks against the database (90–100 %). */
  async function runPreview(job: PreviewJob): Promise<void> {
    const req = job.request;
    try {
      job.tahap = 'Membaca berkas';
      // Every kind is staged and checked in the worker too (a claim: ./claim-preview.ts; the others:
      // ./kind-preview.ts), unless the database is in memory (tests; a worker cannot open it): then
      // here, after the parse, as before.
      const stage: ClaimStageTask | undefined =
        commitsAsJob(req.jenis) && ctx.databasePath !== ':memory:' ? { databasePath: ctx.databasePath, id: job.id, target: checkTargetOf(req, ctx.today()) } : undefined;
      const outcome = await runWorker<ParseOutcome & { info: { format: 'csv' | 'xlsx' }; staged?: StagedPreview }>(
        { kind: 'parse', file: req.lokasi, name: req.namaBerkas, jenis: req.jenis, opts: req.opsi, mapping: req.pemetaan, fixed: req.tetap, ...(stage ? { stage } : {}) },
        (stage, done, total) => {
          if (stage === 'mencocokkan') {
            job.tahap = 'Mencocokkan dengan data pinjaman';
            job.persen = Math.min(99, 90 + Math.floor((done / Math.max(total, 1)) * 9));
            return;
          }
          job.tahap = stage === 'membaca' ? 'Membaca berkas' : 'Memeriksa baris';
          const base = stage === 'membaca' ? 0 : 45;
          job.persen = Math.min(90, base + Math.floor((done / Math.max(total, 1)) * 45));
        },
      );
      job.request.format = outcome.info.format;
      if (outcome.staged) {
        // Its rows are in the staged table; what the preview shows came with the answer.
        const { result, findings, baris, galat, problemColumns } = outcome.staged;
        job.outcome = { rows: [], problems: outcome.problems, skipped: outcome.skipped, emptyRows: outcome.emptyRows, fileProblems: outcome.fileProblems };
        job.checked = { rows: [], problems: findings.problems, fileProblems: findings.fileProblems };
        job.staged = { findings, baris, galat, ...(problemColumns ? { problemColumns } : {}) };
        job.result = { ...result, sebelumnya: repo.findImportBySha(db, req.jenis, req.berkas) };
        finishStaging(db, job);
        job.persen = 100;
        job.tahap = 'Selesai';
        job.status = 'selesai';
        return;
      }
      job.tahap = 'Mencocokkan dengan data pinjaman';
      job.persen = 90;
      // For a commit run as a job (its worker sees the database, not this memory); in batches.
      await stageRows(db, job, outcome);
      const target = checkTargetOf(req, ctx.today());
      const checked = checkRows(db, target, outcome, job.id);
      job.outcome = outcome;
      job.checked = checked;
      job.result = summarize(req.jenis, req.namaBerkas, outcome, checked, repo.findImportBySha(db, req.jenis, req.berkas));
      finishStaging(db, job);
      // After the staging's last write: the commit reuses these checks while nothing else was written.
      job.checkedAgainst = { db, version: dataVersion(db), bulanIni: target.bulanIni };
      job.persen = 100;
      job.tahap = 'Selesai';
      job.status = 'selesai';
    } catch (err) {
      job.status = 'gagal';
      job.tahap = 'Gagal';
      if (err instanceof WorkerFileError || err instanceof ServiceError) job.pesan = err.message;
      else {
        console.error('[imports.preview]', err);
        job.pesan = 'Berkas tidak dapat diperiksa karena kesalahan di aplikasi. Hubungi admin bila berulang.';
      }
    }
  }

  return {
    'imports.upload': async (input) => {
      ownerOf(input);
      const bytes = await decodeBase64Yielding(input.isiBase64);
      if (bytes.length === 0) throw invalid('berkas', 'Berkas kosong (0 bita).');
      // Hashed and written off the thread or in slices: other calls are answered meanwhile.
      const sha = await sha256Yielding(bytes);
      const tmp = await writeTemp(ctx.databasePath, bytes);
      try {
        const result = await inspect(input, tmp, sha, input.namaBerkas, bytes.length, input.opsi);
        keep(ctx.databasePath, tmp, sha, input.namaBerkas);
        return result;
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    },

    'imports.inspect': async (input) => {
      const file = fileOf(input.berkas);
      return inspect(input, file, input.berkas, input.namaBerkas, fs.statSync(file).size, input.opsi);
    },

    'imports.preview': async (input) => {
      const owner = ownerOf(input);
      const lokasi = fileOf(input.berkas);
      const spec = IMPORT_KIND_SPECS[input.jenis];
      const fields = spec.fields;
      const pemetaan = Object.fromEntries(Object.entries(input.pemetaan).filter(([k, v]) => v !== '' && fields.some((f) => f.key === k)));
      const used = new Map<string, string>();
      for (const field of fields.map((f) => f.key).filter((k) => pemetaan[k])) {
        const col = pemetaan[field]!;
        const other = used.get(col);
        const label = (k: string) => fields.find((f) => f.key === k)!.label;
        if (other) throw invalid(`pemetaan.${field}`, `Kolom "${col}" sudah dipakai untuk ${label(other)}; satu kolom hanya untuk satu isian`);
        used.set(col, field);
      }
      // Whole-file values: only the kind's file-level fields, each of its field's type; blanks dropped.
      const tetap: Record<string, string> = {};
      for (const [key, raw] of Object.entries(input.tetap)) {
        const v = (raw ?? '').trim();
        const f = fields.find((x) => x.key === key);
        if (v === '' || !f || !spec.fileLevel.includes(key)) continue;
        const refusal = fileLevelRefusal(f, v);
        if (refusal) throw invalid(`tetap.${key}`, refusal);
        tetap[key] = v;
      }
      for (const f of fields.filter((f) => f.required && !pemetaan[f.key])) {
        const fileLevel = spec.fileLevel.includes(f.key) && tetap[f.key];
        if (!fileLevel) {
          const hint = spec.fileLevel.includes(f.key) ? ', atau isi untuk seluruh berkas' : '';
          throw invalid(`pemetaan.${f.key}`, `Pilih kolom untuk ${f.label}${hint}`);
        }
      }
      const template = repo.getTemplate(db, input.jenis, owner);
      const request: PreviewRequest = {
        jenis: input.jenis,
        ...owner,
        berkas: input.berkas,
        namaBerkas: input.namaBerkas,
        lokasi,
        format: null,
        opsi: withTemplateOptions(input.opsi, template),
        pemetaan,
        tetap,
      };
      // A forgotten preview of another database (before a restore, another runtime in tests) is left to that one's start.
      const job = createJob(ctx.user, ctx.databasePath, request, (old) => {
        if (old.databasePath === ctx.databasePath) dropStaging(db, old.id);
      });
      job.done = runPreview(job);
      return { jobId: job.id };
    },

    'imports.progress': async ({ jobId }) => progressOf(jobOf(jobId)),

    'imports.problems': async ({ jobId, page, pageSize, tingkat }) => {
      const job = jobOf(jobId);
      if (!job.checked) throw new ServiceError('CONFLICT', 'Pratinjau belum selesai.');
      // Kept as columns (./problem-columns.ts): only this page made into objects.
      if (job.staged?.problemColumns) return { ...problemsPage(job.staged.problemColumns, page, pageSize, tingkat), page, pageSize };
      const all = tingkat ? job.checked.problems.filter((p) => p.tingkat === tingkat) : job.checked.problems;
      return { rows: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize };
    },

    'imports.rows': async ({ jobId, page, pageSize, hanya }) => {
      const job = jobOf(jobId);
      if (!job.checked) throw new ServiceError('CONFLICT', 'Pratinjau belum selesai.');
      if (job.staged) return stagedRowsPage(db, job, job.staged, { page, pageSize, hanya });
      const byRow = problemsByRow(job.checked.problems);
      const rows = job.checked.rows;
      const chosen = hanya === 'semua' ? rows : rows.filter((r) => (hanya === 'galat' ? r.galat : r.galat || byRow.has(r.baris)));
      const isian = shownFields(job.request.jenis, job.request.pemetaan);
      return {
        rows: chosen.slice((page - 1) * pageSize, page * pageSize).map((r) => ({
          baris: r.baris,
          nilai: Object.fromEntries(isian.map((k) => [k, r.values[k] ?? null])),
          galat: r.galat,
          masalah: byRow.get(r.baris) ?? [],
        })),
        total: chosen.length,
        page,
        pageSize,
        isian,
      };
    },

    'imports.commit': async ({ jobId, ganti, pilihan }) => {
      // Run as a job (ctx.progress is given only there): in a worker, with its own connection and
      // none of the runtime's memory; the preview's rows are read back from where it staged them.
      if (ctx.progress) return commitJob(ctx, stagedCommittable(ctx, jobId), ganti, pilihan);
      const job = jobOf(jobId);
      if (job.status === 'berjalan') throw new ServiceError('CONFLICT', 'Pratinjau masih berjalan; tunggu sampai selesai.');
      if (job.status === 'gagal') throw new ServiceError('CONFLICT', job.pesan ?? 'Pratinjau gagal; tidak ada yang dapat disimpan.');
      // A preview finished in the worker commits from its staged rows, as its job would.
      const result = commitJob(ctx, job.staged ? stagedCommittable(ctx, job.id) : { ...job, jumlahValid: job.result?.jumlahValid ?? null }, ganti, pilihan);
      dropJob(job.id);
      return result;
    },

    'imports.list': async (q) => {
      const own = callerBank(ctx);
      return repo.listImports(db, own !== null ? { ...q, bankId: own, penjaminId: undefined } : q);
    },

    'imports.get': async ({ id }) => {
      const detail = repo.getImportDetail(db, id);
      if (!detail) throw notFound('Impor');
      requireOwnBank(ctx, detail.bankId);
      return detail;
    },
  };
}
