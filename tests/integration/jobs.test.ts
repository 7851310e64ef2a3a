/**
 * Long jobs (docs/long-jobs.md): the subsidy run, the reconciliation and documents run in a worker
 * thread with their own connection, while the runtime's thread keeps answering; progress arrives in
 * order; a cancel before the job's commit leaves nothing written; failures are the channel's typed
 * errors in Indonesian; a job that only reads opens the file read-only.
 *
 * No timing is assumed: where a test needs the job "in the middle", the job pauses at a named
 * step (the runner's test-only `pauseAt`) and the test acts while it waits there.
 */
import { describe, expect, it } from 'vitest';
import type { JobStatus, ReconcileResult, Result, SubsidyRun } from '../../electron/contract';
import { openJobConnection } from '../../database/connection';
import { createRuntime, type Runtime } from '../../electron/runtime';
import { insertClaim } from '../../database/repositories/claims';
import type { Caller } from '../../electron/services/auth/caller';
import { DEMO_SET, seedDemo } from '../../electron/services/demo/seed';
import type { Job } from '../../electron/services/jobs/runner';
import { computeSubsidyRun } from '../../electron/services/subsidy/run';
import { INDONESIAN, TODAY, call, sessionAs, snapshot, useTempRuntime, type TempRuntime } from '../helpers/runtime';
import { currentVersion } from '../../database/repositories/versions';

/** The claim's version as a freshly loaded screen sends it (record versions). */
const claimVersion = (r: Runtime, tagihanId: number) => currentVersion(r.db, 'tagihan', tagihanId) ?? 1;

const rt = useTempRuntime({ prefix: 'gs-jobs-' });
const PERIODE = '2026-10';
const SYSTEM: Caller = { userId: null, username: 'uji', role: 'sistem', bankId: null, token: null };
const CLAIM_TABLES = ['tagihan', 'tagihan_baris', 'tagihan_tidak_diklaim', 'audit_log'];

/** The demo's loans without paid history, and a draft claim of the biggest bank's October run as the bank would send it. */
function world(r: TempRuntime) {
  const { paidHistory: _paid, ...unpaid } = DEMO_SET;
  seedDemo(r.db, { ...unpaid, today: TODAY });
  const banks = (r.db.prepare('SELECT id FROM bank ORDER BY id').all() as { id: number }[]).map((b) =>
    computeSubsidyRun(r.db, { bankId: b.id, periodeAwal: PERIODE, periodeAkhir: PERIODE }),
  );
  const run = banks.sort((a, b) => b.lines.length - a.lines.length)[0]!;
  const lines = run.lines
    .filter((l) => l.layak && l.rincian)
    .map((l, i) => ({
      nomorBaris: i + 1,
      periode: l.periode,
      nomorRekening: l.nomorRekening,
      nik: l.nik,
      nama: l.debiturNama,
      outstanding: null,
      bungaPersen: null,
      hari: null,
      kol: l.kol,
      diklaim: l.rincian!.jumlah,
      plafon: null,
      tanggalAkad: null,
    }));
  const tagihanId = insertClaim(r.db, { bankId: run.bankId, periodeAwal: PERIODE, periodeAkhir: PERIODE, imporId: null, lines, dibuatOleh: 'rina' }).tagihanId;
  return { run, tagihanId, lineCount: lines.length };
}

/** Every progress event of a job, in the order they arrived. */
function recordProgress(job: Job): JobStatus[] {
  const seen: JobStatus[] = [];
  job.on('progress', (s: JobStatus) => seen.push(s));
  return seen;
}

/** A finished job's output: the status carries it as JSON text (JobStatus.hasilJson). */
const hasilOf = <T = unknown>(s: JobStatus): T => JSON.parse(s.hasilJson!) as T;

const paused = (job: Job) => new Promise<string>((resolve) => job.once('paused', resolve));

describe('a long job runs beside the runtime', () => {
  it('computes the subsidy run in a read-only worker, with the same result as the channel itself', async () => {
    const r = rt();
    const { run } = world(r);
    const job = r.jobs.start('subsidy.run', { bankId: run.bankId, periodeAwal: PERIODE }, SYSTEM);
    const status = await job.done;
    expect(status).toMatchObject({ status: 'selesai', galat: null, persen: 100 });
    expect(hasilOf<SubsidyRun>(status)).toEqual(await call(r, 'subsidy.run', { bankId: run.bankId, periodeAwal: PERIODE }));
    // The worker's own connection said it was opened read-only.
    expect(job.readOnly).toBe(true);
  });

  it('answers other calls, reads and writes, while a reconciliation is in progress; its steps arrive in order', async () => {
    const r = rt();
    const { tagihanId } = world(r);
    const order: string[] = [];
    const job = r.jobs.start('claims.reconcile', { tagihanId, versi: claimVersion(r, tagihanId) }, SYSTEM, { pauseAt: 'Mencocokkan baris tagihan' });
    const seen = recordProgress(job);
    void job.done.then(() => order.push('job selesai'));
    // The job has computed the expected run and waits before matching: the runtime still answers.
    await paused(job);
    await call(r, 'banks.list', {});
    order.push('banks.list');
    await call(r, 'budget.save', { tahun: 2027, jenis: 'premi', kodeRekening: '5.1.05.02', uraian: 'Premi 2027', pagu: 1_000_000 });
    order.push('budget.save');
    expect(job.status).toBe('berjalan');
    job.resume();
    const status = await job.done;
    expect(order).toEqual(['banks.list', 'budget.save', 'job selesai']);
    expect(seen.map((s) => s.tahap)).toEqual(['Memulai', 'Menghitung subsidi yang diharapkan', 'Mencocokkan baris tagihan', 'Menyimpan hasil rekonsiliasi']);
    expect(seen.map((s) => s.persen)).toEqual([null, 0, 33, 66]);
    expect(status).toMatchObject({ status: 'selesai', persen: 100, tahap: 'Selesai' });
    expect(hasilOf<ReconcileResult>(status).tagihanId).toBe(tagihanId);
    expect(job.readOnly).toBe(false);
    expect((r.db.prepare('SELECT status FROM tagihan WHERE id = ?').get(tagihanId) as { status: string }).status).toBe('diverifikasi');
  });

  it('makes a document in the worker, with its steps', async () => {
    const r = rt();
    world(r);
    const job = r.jobs.start('documents.render', { dokumen: { jenis: 'rekapBulanan', periode: PERIODE }, format: 'csv' }, SYSTEM);
    const seen = recordProgress(job);
    const end = await job.done;
    expect(seen.map((s) => s.tahap)).toEqual(['Memulai', 'Mengumpulkan data dokumen', 'Menyusun berkas CSV']);
    expect(end.status).toBe('selesai');
    const direct = await call(r, 'documents.render', { dokumen: { jenis: 'rekapBulanan', periode: PERIODE }, format: 'csv' });
    expect(hasilOf(end)).toEqual(direct);
    expect(job.readOnly).toBe(true);
  });
});

describe('a backup as a job', () => {
  it('copies and checks the file in the worker, from its read-only connection, with its steps', async () => {
    const r = rt();
    world(r);
    const job = r.jobs.start('backup.create', {}, SYSTEM);
    const seen = recordProgress(job);
    const end = await job.done;
    expect(end.status).toBe('selesai');
    expect(job.readOnly).toBe(true);
    const entry = hasilOf<{ name: string }>(end);
    expect((await call(r, 'backup.list', {})).backups.map((b) => b.name)).toContain(entry.name);
    const steps = seen.map((s) => s.tahap);
    expect(steps[0]).toBe('Memulai');
    expect(steps.at(-1)).toBe('Memeriksa cadangan');
    expect(seen.at(-1)!.persen).toBe(100);
  });
});

describe('a warm worker (the app, the bridge)', () => {
  it('runs the next job in the worker started ahead, which then waits for the one after', async () => {
    const first = rt();
    const { run } = world(first);
    first.close();
    const r = createRuntime({ databasePath: first.databasePath, user: 'uji', today: () => TODAY, warmJobWorker: true });
    try {
      const spare = r.jobs.spareThreadId;
      expect(spare).not.toBeNull();
      const job = r.jobs.start('subsidy.run', { bankId: run.bankId, periodeAwal: PERIODE }, SYSTEM);
      expect(job.worker.threadId).toBe(spare);
      expect(hasilOf(await job.done)).toEqual(run);
      // The same worker, its services loaded, waits for the next job…
      expect(r.jobs.spareThreadId).toBe(spare);
      const second = r.jobs.start('claims.reconcile', { tagihanId: 99_999, versi: 1 }, SYSTEM);
      expect(second.worker.threadId).toBe(spare);
      expect(await second.done).toMatchObject({ status: 'gagal', galat: { code: 'NOT_FOUND' } });
      // …opening its own connection per job: read-only for the run before, read-write for the reconciliation now.
      expect(second.readOnly).toBe(false);
      // A cancelled worker is never reused: a new one is readied.
      const third = r.jobs.start('subsidy.run', { bankId: run.bankId, periodeAwal: PERIODE }, SYSTEM, { pauseAt: 'Memulai' });
      await paused(third);
      r.jobs.cancel(third);
      expect((await third.done).status).toBe('dibatalkan');
      await new Promise((resolve) => setImmediate(resolve));
      const replacement = r.jobs.spareThreadId;
      expect(replacement).not.toBeNull();
      expect(replacement).not.toBe(spare);
    } finally {
      r.close();
    }
  });
});

describe('cancelling a job', () => {
  it("inside the reconciliation's transaction, after the lines were written: rolls all of it back", async () => {
    const r = rt();
    const { tagihanId } = world(r);
    const before = snapshot(r.db, CLAIM_TABLES);
    const job = r.jobs.start('claims.reconcile', { tagihanId, versi: claimVersion(r, tagihanId) }, SYSTEM, { pauseAt: 'Menyimpan hasil rekonsiliasi' });
    await paused(job);
    // The worker holds the write lock with every line's result written, not committed.
    const answer = r.jobs.cancel(job);
    expect(answer).toMatchObject({ status: 'berjalan', tahap: 'Membatalkan' });
    const end = await job.done;
    expect(end).toMatchObject({ status: 'dibatalkan', galat: { code: 'CONFLICT' } });
    expect(end.galat!.message).toMatch(INDONESIAN);
    // Nothing half-written: the claim, its lines, the unclaimed list and the trail are as they were…
    expect(snapshot(r.db, CLAIM_TABLES)).toBe(before);
    // …and the lock is free: the same reconciliation now runs and commits on the runtime's own connection.
    const done = await call(r, 'claims.reconcile', { tagihanId });
    expect(done.tagihanId).toBe(tagihanId);
  });

  it("through the renderer's door: cancel by who started it; nobody else sees the job", async () => {
    const r = rt();
    const { tagihanId } = world(r);
    const operator = sessionAs(r, 'operator');
    const other = sessionAs(r, 'verifikator');
    const started = (await r.callWithSession(operator, 'jobs.start', {
      channel: 'claims.reconcile',
      input: { tagihanId, versi: claimVersion(r, tagihanId) },
    })) as Result<JobStatus>;
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value;
    expect(await r.callWithSession(other, 'jobs.status', { jobId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await r.callWithSession(other, 'jobs.cancel', { jobId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const cancelled = (await r.callWithSession(operator, 'jobs.cancel', { jobId })) as Result<JobStatus>;
    expect(cancelled.ok).toBe(true);
    // Either it was cancelled before its commit, or it was already saving and says so: never both, never half.
    let status: JobStatus;
    do {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = ((await r.callWithSession(operator, 'jobs.status', { jobId })) as { ok: true; value: JobStatus }).value;
    } while (status.status === 'berjalan');
    // The final status was handed over once: the job (and its result) is forgotten.
    expect(await r.callWithSession(operator, 'jobs.status', { jobId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const claim = r.db.prepare('SELECT status FROM tagihan WHERE id = ?').get(tagihanId) as { status: string };
    if (status.status === 'dibatalkan') expect(claim.status).toBe('draf');
    else expect([status.status, claim.status, cancelled.ok && cancelled.value.batalDitolak]).toEqual(['selesai', 'diverifikasi', expect.stringMatching(INDONESIAN)]);
  });
});

describe('a job that fails', () => {
  it("ends with the channel's typed error in Indonesian", async () => {
    const r = rt();
    world(r);
    const end = await r.jobs.start('claims.reconcile', { tagihanId: 99_999, versi: 1 }, SYSTEM).done;
    expect(end).toMatchObject({ status: 'gagal', galat: { code: 'NOT_FOUND', message: 'Tagihan tidak ditemukan' }, hasilJson: null });
  });

  it('refuses a wrong input at once, as the channel would, without starting a worker', async () => {
    const r = rt();
    const token = sessionAs(r, 'operator');
    const answer = await r.callWithSession(token, 'jobs.start', { channel: 'subsidy.run', input: { bankId: 1, periodeAwal: 'Oktober' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(answer.ok || answer.error.message).toMatch(INDONESIAN);
    // Only the long channels run as jobs (an admin may call claims.approve itself).
    expect(await r.callWithSession(sessionAs(r, 'admin'), 'jobs.start', { channel: 'claims.approve', input: {} })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('does not write over a claim that was cancelled while it computed', async () => {
    const r = rt();
    const { tagihanId } = world(r);
    const job = r.jobs.start('claims.reconcile', { tagihanId, versi: claimVersion(r, tagihanId) }, SYSTEM, { pauseAt: 'Mencocokkan baris tagihan' });
    await paused(job);
    r.db.prepare("UPDATE tagihan SET status = 'dibatalkan' WHERE id = ?").run(tagihanId);
    const before = snapshot(r.db, CLAIM_TABLES);
    job.resume();
    const end = await job.done;
    expect(end).toMatchObject({ status: 'gagal', galat: { code: 'CONFLICT' } });
    expect(end.galat!.message).toContain('Tagihan diubah selama rekonsiliasi');
    expect(snapshot(r.db, CLAIM_TABLES)).toBe(before);
  });
});

describe("the worker's connection", () => {
  it('is read-only for a job that only reads: a write is refused by SQLite itself', () => {
    const r = rt();
    const db = openJobConnection(r.databasePath, true);
    try {
      expect(db.readonly).toBe(true);
      expect(() => db.prepare("INSERT INTO bank (kode, nama) VALUES ('X', 'X')").run()).toThrow(/readonly/i);
    } finally {
      db.close();
    }
  });
});
