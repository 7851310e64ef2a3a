/**
 * Every import kind's commit runs as a job (issue 16: no long work on the main process), as the
 * claim's does (tests/integration/import-commit-job.test.ts): its preview stages its parsed rows
 * in the database (as JSON values; the claim's in typed columns) and the job's worker reads them
 * back, checks them again with the same checks and writes them in one transaction. Here: each
 * kind's job writes exactly what the commit on the runtime's thread writes (compared table by
 * table in a twin runtime: every table of the file), reports the rows written, and a cancel, a
 * change since the preview or a failure half-way leaves nothing written (the loan list's twin is
 * in imports-loans.test.ts, beside its world).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { stagedRowCount } from '../../database/repositories/import-staging';
import { buildWorld } from '../fixtures/bank-files/world';
import { commitBothWays, previewFile, stagedCount, startCommitJob, tablesAsWritten } from '../helpers/import-job';
import { makeNik } from '../helpers/nik';
import { call, callError, countRows, useTempRuntime, type TempRuntime } from '../helpers/runtime';

const FIX = path.join(__dirname, '..', 'fixtures', 'bank-files');
const rt = useTempRuntime({ prefix: 'gs-import-kinds-job-' });

/** Every table of the file but the staging's own (compared between the job's runtime and its twin). */
const allTables = (r: TempRuntime) =>
  r.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT GLOB 'impor_staging*' ORDER BY name").pluck().all() as string[];

/** The bank files' world with a budget line for the payment history (its SP2Ds are charged to it). */
async function worldWithPagu(r: TempRuntime) {
  const w = await buildWorld(r);
  r.db.prepare("INSERT INTO pagu (tahun, jenis, kode_rekening, uraian, jumlah) VALUES (2026, 'subsidi_bunga', '5.1.05', 'Subsidi bunga', 50000000)").run();
  return w;
}

/** A bank with branches and an open recipient decree, and the decree's list as a CSV (one row an unknown unit). */
async function decreeWorld(r: TempRuntime) {
  await call(r, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [{ kode: 'ME', nama: 'Muara Enim' }] });
  const scheme = await call(r, 'schemes.save', {
    kode: 'GS-2025',
    nama: 'GS 2025',
    berlakuDari: '2025-01-01',
    bungaBankPersen: '11',
    bungaDebiturPersen: '3',
    metodeBunga: 'efektif',
  });
  const sk = await call(r, 'decrees.save', { nomor: '188.45/123/KPTS/2025', tanggal: '2025-01-02', tahun: 2025, skemaId: scheme.id });
  const file = path.join(r.dir, 'sk-penerima.csv');
  const rows = Array.from({ length: 12 }, (_, i) => [
    i + 1,
    makeNik({ day: i + 1, month: 5, yy: 80, serial: i + 1 }),
    `Penerima ${i + 1}`,
    'BSB',
    i === 7 ? 'Lubai' : 'Muara Enim',
    '10.000.000',
  ]);
  fs.writeFileSync(file, ['No;NIK;Nama;Bank;Unit/Cabang;Plafon', ...rows.map((c) => c.join(';'))].join('\r\n'), 'utf8');
  return { sk: sk.id, file };
}

describe('every import kind commits as a job, writing what the commit on the thread writes', () => {
  it('bank positions: the same positions, import record, template and audit trail; the rows written reported up to 100 %', async () => {
    const r = rt();
    const done = await commitBothWays(r, buildWorld, (w) => ({ owner: { jenis: 'posisi', bankId: w.bsb }, file: path.join(FIX, 'posisi-pipa.txt') }), allTables(r));
    expect(done.viaJob.jumlahBaris).toBe(done.preview.jumlahValid);
    expect(countRows(r.db, 'posisi_bank')).toBeGreaterThanOrEqual(done.preview.jumlahValid);
    const saving = done.reports.filter((s) => s.tahap === 'Menyimpan baris');
    expect(saving.map((s) => s.persen).filter((p) => p !== null)).toContain(100);
    // The percentages only rise.
    const percents = saving.map((s) => s.persen ?? 0);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(stagedCount(r.db)).toBe(0);
  });

  it('an insurer invoice: the same premiums invoiced', async () => {
    const r = rt();
    const done = await commitBothWays(r, buildWorld, (w) => ({ owner: { jenis: 'premi', penjaminId: w.insurer }, file: path.join(FIX, 'premi-jamkrindo.csv') }), allTables(r));
    expect(done.viaJob.jumlahBaris).toBe(done.preview.jumlahValid);
    expect(countRows(r.db, 'premi')).toBeGreaterThan(0);
  });

  it('payment history: the same paid claims and SP2Ds', async () => {
    const r = rt();
    const done = await commitBothWays(r, worldWithPagu, (w) => ({ owner: { jenis: 'riwayat', bankId: w.bsb }, file: path.join(FIX, 'riwayat-bsb.csv') }), allTables(r));
    expect(done.viaJob.jumlahBaris).toBe(done.preview.jumlahValid);
    expect(countRows(r.db, 'pembayaran')).toBeGreaterThan(0);
  });

  it("a recipient decree's list: the same rows in the decree, and the decree's own audit entry", async () => {
    const r = rt();
    const done = await commitBothWays(r, decreeWorld, (w) => ({ owner: { jenis: 'sk_penerima', skId: w.sk }, file: w.file }), allTables(r));
    expect(done.preview).toMatchObject({ jumlahBaris: 12, jumlahValid: 11 });
    expect(done.viaJob.jumlahBaris).toBe(11);
  });
});

describe('a job commit of any kind leaves nothing when it does not finish', () => {
  it('cancelled inside its transaction: nothing written, the preview still committable', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const { jobId } = await previewFile(r, { jenis: 'posisi', bankId: w.bsb }, path.join(FIX, 'posisi-pipa.txt'));
    const before = tablesAsWritten(r.db, allTables(r));
    const { job } = startCommitJob(r, { jobId, ganti: false }, { pauseAt: 'Menyimpan baris' });
    await new Promise((resolve) => job.once('paused', resolve));
    r.jobs.cancel(job);
    expect(await job.done).toMatchObject({ status: 'dibatalkan' });
    expect(tablesAsWritten(r.db, allTables(r))).toEqual(before);
    expect(stagedRowCount(r.db, jobId)).toBeGreaterThan(0);
    // The same preview then commits (here as a job again) and spends its staged rows.
    const again = await startCommitJob(r, { jobId, ganti: false }).job.done;
    expect(again.status).toBe('selesai');
    expect(stagedCount(r.db)).toBe(0);
  });

  it('a failure half-way through the writing (after rows were written) leaves nothing, with the app’s message', async () => {
    const r = rt();
    const w = await decreeWorld(r);
    const { jobId } = await previewFile(r, { jenis: 'sk_penerima', skId: w.sk }, w.file);
    // The database refuses the fifth person (a trigger of the file, so the worker's connection has it too).
    r.db.exec(`CREATE TRIGGER uji_gagal BEFORE INSERT ON sk_penerima_baris WHEN NEW.nama = 'Penerima 5' BEGIN SELECT RAISE(ABORT, 'uji: baris ditolak'); END`);
    const before = tablesAsWritten(r.db, allTables(r));
    // The worker logs the crash as dispatch does ([channel] and the error) on the process's stderr: checked, not printed over the run.
    const logged: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = String(chunk);
      if (logged.length > 0 || text.includes('[imports.commit]')) return logged.push(text) > 0;
      return (write as (c: string | Uint8Array, ...a: unknown[]) => boolean)(chunk, ...rest);
    });
    let status;
    try {
      status = await startCommitJob(r, { jobId, ganti: false }).job.done;
      await vi.waitFor(() => expect(logged.join('')).toContain('uji: baris ditolak'));
    } finally {
      spy.mockRestore();
    }
    expect(logged[0]).toContain('[imports.commit] SqliteError: uji: baris ditolak');
    expect(status).toMatchObject({ status: 'gagal', galat: { code: 'INTERNAL', message: 'Terjadi kesalahan di aplikasi; data tidak diubah. Hubungi admin bila berulang.' } });
    expect(tablesAsWritten(r.db, allTables(r))).toEqual(before);
    expect(countRows(r.db, 'impor_berkas')).toBe(0);
    // Nothing spent: the staged rows stay for another try.
    expect(stagedRowCount(r.db, jobId)).toBe(12);
  });

  it('data changed since the preview: the job refuses with the message the commit on the thread gives, word for word', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const { jobId, hasil } = await previewFile(r, { jenis: 'posisi', bankId: w.bsb }, path.join(FIX, 'posisi-pipa.txt'));
    expect(hasil.jumlahValid).toBe(4);
    // After the preview one of the file's loans turns out to be BRI's (entered under the wrong bank).
    r.db.prepare("UPDATE pinjaman SET bank_id = ? WHERE nomor_rekening = '0012300001'").run(w.bri);
    const before = tablesAsWritten(r.db, allTables(r));
    const status = await startCommitJob(r, { jobId, ganti: false }).job.done;
    expect(status).toMatchObject({ status: 'gagal', galat: { code: 'CONFLICT' } });
    expect(status.galat!.message).toBe('Data berubah sejak pratinjau (4 baris valid, sekarang 3). Jalankan pratinjau lagi; tidak ada yang disimpan.');
    expect(tablesAsWritten(r.db, allTables(r))).toEqual(before);
    expect((await callError(r, 'imports.commit', { jobId })).message).toBe(status.galat!.message);
  });
});
