/**
 * The last two long jobs that ran on the runtime's thread (issue 16): the automatic daily backup
 * made after start (its copy and integrity check took ~9 s at 1,000,000 loans) and documents.print
 * (gathering a monthly summary: ~15 s). Both now run in a job's worker; the runtime's thread only
 * starts them and, for printing, opens the shell's print dialog with the page the worker made.
 *
 * As in jobs.test.ts no timing is assumed: "while the job runs" is a job paused at a named step
 * (the runner's test-only `pauseAt`), or a print dialog the test keeps open.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDatabaseFile, listBackups } from '../../database/backup';
import type { BackupEntry, DocumentRequestInput, JobStatus } from '../../electron/contract';
import { PRINT_UNAVAILABLE_FIELD } from '../../electron/contract';
import { createRuntime, type Runtime } from '../../electron/runtime';
import type { Caller } from '../../electron/services/auth/caller';
import type { DocumentPrinter, PrintOptions } from '../../electron/services/documents/printer';
import type { Job } from '../../electron/services/jobs/runner';
import { TODAY, call } from '../helpers/runtime';

const SYSTEM: Caller = { userId: null, username: 'uji', role: 'sistem', bankId: null, token: null };
const SUMMARY: DocumentRequestInput = { jenis: 'rekapBulanan', periode: '2026-10' };
/** 23 November 2026, 09:00:00 local time. */
const START = new Date(2026, 10, 23, 9, 0, 0).getTime();
/** The worker's clock counts on from the runtime's at the job's start: the seconds are not fixed. */
const OF_THE_DAY = /^gerbang-serasan-otomatis-20261123-\d{6}\.sqlite$/;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function open(printer?: DocumentPrinter): Runtime {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-jobs-backup-print-'));
  const r = createRuntime({ databasePath: path.join(dir, 'data.sqlite'), user: 'uji', today: () => TODAY, now: () => START, ...(printer ? { printer } : {}) });
  cleanups.push(() => {
    r.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return r;
}

const recordProgress = (job: Job) => {
  const seen: JobStatus[] = [];
  job.on('progress', (s: JobStatus) => seen.push(s));
  return seen;
};
const paused = (job: Job) => new Promise<string>((resolve) => job.once('paused', resolve));
const automatic = (r: Runtime) => listBackups(r.dataSafety.backupDir).filter((b) => b.kind === 'otomatis');

describe('the automatic daily backup', () => {
  it('is copied and checked in a worker from its read-only connection while the runtime answers reads and writes', async () => {
    const r = open();
    const job = r.jobs.startDailyBackup(7, SYSTEM, { pauseAt: 'Menyalin basis data' });
    const seen = recordProgress(job);
    expect(job.tahap).toBe('Membuat cadangan otomatis');
    // The copy has begun in the worker and waits there: the runtime's thread is free.
    await paused(job);
    expect((await call(r, 'reference.list', {})).kecamatan).toHaveLength(22);
    await call(r, 'budget.save', { tahun: 2027, jenis: 'premi', kodeRekening: '5.1.05.02', uraian: 'Premi 2027', pagu: 1_000_000 });
    expect(job.status).toBe('berjalan');
    job.resume();
    const end = await job.done;
    expect(end).toMatchObject({ status: 'selesai', persen: 100, galat: null });
    expect(job.readOnly).toBe(true);
    const entry = JSON.parse(end.hasilJson!) as BackupEntry;
    expect(entry).toMatchObject({ kind: 'otomatis', name: expect.stringMatching(OF_THE_DAY) });
    expect(automatic(r).map((b) => b.name)).toEqual([entry.name]);
    expect(checkDatabaseFile(entry.path)).toMatchObject({ ok: true, verdict: 'ok' });
    const steps = seen.map((s) => s.tahap);
    expect(steps[0]).toBe('Memulai');
    expect(steps).toContain('Menyalin basis data');
    expect(steps.at(-1)).toBe('Memeriksa cadangan');
  });

  it("goes through the worker when the runtime makes it (the shell's call after start): once a day", async () => {
    const r = open();
    // The host hands the backup to the runtime's job runner (it would otherwise copy on its own thread).
    expect(r.dataSafety.dailyBackupElsewhere).not.toBeNull();
    const made = await r.dailyBackup();
    expect(made).toMatchObject({ kind: 'otomatis', name: expect.stringMatching(OF_THE_DAY) });
    expect(await r.dailyBackup()).toBeNull();
    expect(automatic(r).map((b) => b.name)).toEqual([made!.name]);
  });

  it('cancelled before it is done (e.g. by a restore) leaves no backup listed, and the next start makes it', async () => {
    const r = open();
    const job = r.jobs.startDailyBackup(7, SYSTEM, { pauseAt: 'Menyalin basis data' });
    await paused(job);
    r.jobs.cancel(job);
    expect(await job.done).toMatchObject({ status: 'dibatalkan', galat: { code: 'CONFLICT' } });
    expect(automatic(r)).toEqual([]);
    // The worker ended mid-copy: its partial file carries no backup's name (housekeeping removes it).
    expect(fs.readdirSync(r.dataSafety.backupDir).filter((f) => f.endsWith('.sqlite'))).toEqual([]);
    expect(await r.dailyBackup()).toMatchObject({ kind: 'otomatis' });
  });
});

/** The shell's print dialog as the runner sees it: the page it was given, and a dialog the test closes. */
function dialogPrinter(outcome: 'printed' | 'failed' = 'printed') {
  const pages: { html: string; opts: PrintOptions }[] = [];
  let close: () => void = () => undefined;
  let opened: () => void = () => undefined;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const printer: DocumentPrinter = {
    pdf: () => Promise.reject(new Error('PDF tidak dipakai di tes ini')),
    print: (html, opts) => {
      pages.push({ html, opts });
      opened();
      return new Promise<void>((resolve, reject) => {
        close = () => (outcome === 'printed' ? resolve() : reject(new Error('Pencetakan gagal: printer tidak terhubung')));
      });
    },
  };
  return { printer, pages, open, close: () => close() };
}

describe('documents.print as a job', () => {
  it('gathers the document in the worker; the dialog opens on the runtime with the same page as the channel itself prints', async () => {
    const dialog = dialogPrinter();
    const r = open(dialog.printer);
    const job = r.jobs.start('documents.print', { dokumen: SUMMARY, kertas: 'F4' }, SYSTEM);
    const seen = recordProgress(job);
    await dialog.open;
    // The dialog is open: the job waits for it, and the runtime answers meanwhile.
    expect(job.status).toBe('berjalan');
    expect((await call(r, 'reference.list', {})).kecamatan).toHaveLength(22);
    dialog.close();
    const end = await job.done;
    expect(end).toMatchObject({ status: 'selesai', galat: null });
    expect(JSON.parse(end.hasilJson!)).toEqual({ dicetak: true });
    expect(job.readOnly).toBe(true);
    expect(seen.map((s) => s.tahap)).toEqual(['Memulai', 'Mengumpulkan data dokumen', 'Membuka dialog cetak']);

    // The channel called directly (trusted callers) prints the very same page on the same paper.
    const direct = call(r, 'documents.print', { dokumen: SUMMARY, kertas: 'F4' });
    await new Promise<void>((resolve) => setImmediate(resolve));
    dialog.close();
    expect(await direct).toEqual({ dicetak: true });
    expect(dialog.pages).toHaveLength(2);
    expect(dialog.pages[0]).toEqual(dialog.pages[1]);
    expect(dialog.pages[0]!.html).toContain('</html>');
    // F4 (215 × 330 mm), turned: the monthly summary is printed landscape.
    expect(dialog.pages[0]!.opts).toMatchObject({ landscape: true, paperMm: { width: 330, height: 215 } });
  });

  it("ends with the dialog's failure as the job's typed error in Indonesian", async () => {
    const dialog = dialogPrinter('failed');
    const r = open(dialog.printer);
    const job = r.jobs.start('documents.print', { dokumen: SUMMARY }, SYSTEM);
    await dialog.open;
    dialog.close();
    expect(await job.done).toMatchObject({ status: 'gagal', galat: { code: 'CONFLICT', message: 'Pencetakan gagal: printer tidak terhubung' } });
  });

  it('without a system dialog (CLI, browser bridge) answers with the fallback error the screen prints its preview on', async () => {
    const r = open();
    const job = r.jobs.start('documents.print', { dokumen: SUMMARY }, SYSTEM);
    const end = await job.done;
    expect(end).toMatchObject({ status: 'gagal', galat: { code: 'CONFLICT', fields: { [PRINT_UNAVAILABLE_FIELD]: expect.any(String) } } });
  });
});
