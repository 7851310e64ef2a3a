/**
 * A claim import's commit run as a job (docs/long-jobs.md): the worker has its own connection and
 * none of the runtime's memory, so it commits from the rows the preview staged in the database
 * (impor_staging, electron/services/imports/staging.ts), checked again there. The same claim as a
 * commit on the runtime's thread; a cancel inside its transaction leaves nothing; only who
 * previewed may commit; the staged rows are gone after the commit and when the runtime opens the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportCommitResult, JobStatus } from '../../electron/contract';
import { createRuntime } from '../../electron/runtime';
import type { Caller } from '../../electron/services/auth/caller';
import { getJob } from '../../electron/services/imports/jobs';
import type { Job } from '../../electron/services/jobs/runner';
import { call, callError, countRows, snapshot, TODAY, useTempRuntime, type TempRuntime } from '../helpers/runtime';
import { checkRows } from '../../electron/services/imports/checks';
import { parseFile } from '../../electron/services/imports/parse/pipeline';
import { newClaimLineFrom } from '../../electron/contract/claim-lines';
import { dropAllStaging, stagedRowCount } from '../../database/repositories/import-staging';
import { buildWorld } from '../fixtures/bank-files/world';

const FIX = path.join(__dirname, '..', 'fixtures', 'bank-files');
const rt = useTempRuntime({ prefix: 'gs-import-job-' });
const SYSTEM: Caller = { userId: null, username: 'uji', role: 'sistem', bankId: null, token: null };
const TABLES = ['impor_berkas', 'impor_templat', 'tagihan', 'tagihan_baris', 'audit_log'];
const hasilOf = <T>(s: JobStatus): T => JSON.parse(s.hasilJson!) as T;
const paused = (job: Job) => new Promise<string>((resolve) => job.once('paused', resolve));

/**
 * A claim with what the staged write must get right: an account that lost its leading zeros
 * (written as the loan's own number), a period not yet begun (refused by the check, not the
 * parse), a row the parse refuses (no amount), an empty name (NULL, not '').
 */
const MIXED_CLAIM = [
  'No. Rek;Nama Nasabah;Bulan;Baki Debet;Subsidi Bunga',
  '12300001;Siti Aminah;10/2026;11.500.000;79.236',
  '0012300002;;10/2026;11.000.000,00;75.778,50',
  '0012300003;Dewi Lestari;01/2027;10.500.000;1.000',
  '0012300004;Tanpa Nilai;10/2026;10.000.000;',
  '0012300005;Ahmad;09/2026;9.500.000;61.000',
].join('\r\n');

async function previewClaim(r: TempRuntime, name = 'tagihan-titikkoma-bom.csv', isi?: string) {
  const w = await buildWorld(r);
  const owner = { jenis: 'tagihan' as const, bankId: w.bsb };
  const bytes = isi === undefined ? fs.readFileSync(path.join(FIX, name)) : Buffer.from(isi, 'utf8');
  const up = await call(r, 'imports.upload', { ...owner, namaBerkas: name, isiBase64: bytes.toString('base64'), opsi: {} });
  const { jobId } = await call(r, 'imports.preview', { ...owner, berkas: up.berkas, namaBerkas: name, opsi: { headerRow: up.headerRow }, pemetaan: up.pemetaan });
  await getJob(jobId)!.done;
  const p = await call(r, 'imports.progress', { jobId });
  expect(p.status).toBe('selesai');
  return { jobId, hasil: p.hasil!, up, owner };
}

const lines = (r: TempRuntime, tagihanId: number | null) =>
  r.db.prepare('SELECT nomor_baris, nomor_rekening, periode, diklaim, nama, outstanding, tanggal_akad FROM tagihan_baris WHERE tagihan_id = ? ORDER BY nomor_baris').all(tagihanId);
/** Staged previews and their row tables (one per preview, impor_staging_<id>). */
const stagedIn = (db: TempRuntime['db']) =>
  countRows(db, 'impor_staging') + (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name GLOB 'impor_staging_*'").get() as { n: number }).n;
const staged = (r: TempRuntime) => stagedIn(r.db);

describe('the claim import committed as a job', () => {
  it('writes the claim in the worker from the staged rows, as the commit on the runtime thread does', async () => {
    const r = rt();
    const { jobId, hasil } = await previewClaim(r);
    // The preview staged all its parsed rows.
    expect(stagedRowCount(r.db, jobId)).toBe(hasil.jumlahBaris);
    expect(staged(r)).toBe(2);
    const status = await r.jobs.start('imports.commit', { jobId, ganti: false }, SYSTEM).done;
    expect(status).toMatchObject({ status: 'selesai', galat: null });
    const done = hasilOf<ImportCommitResult>(status);
    expect(done).toMatchObject({ jumlahBaris: 3, jumlahDilewati: 0, diganti: false, totalNilai: hasil.totalNilai });
    // The same lines as the runtime-thread commit of this file (tests/integration/imports.test.ts).
    expect(lines(r, done.tagihanId)).toEqual([
      { nomor_baris: 5, nomor_rekening: '0012300001', periode: '2026-10', diklaim: 79_236, nama: 'Siti; Aminah', outstanding: 11_500_000, tanggal_akad: '2026-01-10' },
      { nomor_baris: 6, nomor_rekening: '0012300002', periode: '2026-10', diklaim: 75_779, nama: 'Rudi Hartono', outstanding: 11_000_000, tanggal_akad: '2026-01-10' },
      { nomor_baris: 7, nomor_rekening: '0012300003', periode: '2026-10', diklaim: 1_234_568, nama: 'Dewi Lestari', outstanding: 10_500_000, tanggal_akad: '2026-01-10' },
    ]);
    expect(r.db.prepare('SELECT dibuat_oleh, total_nilai FROM impor_berkas WHERE id = ?').get(done.imporId)).toEqual({ dibuat_oleh: 'uji', total_nilai: hasil.totalNilai });
    // Spent with the commit, in its transaction.
    expect(staged(r)).toBe(0);
  });

  it('the lines written from the staged rows equal those written from the checked rows (corrected accounts, refused rows)', async () => {
    const r = rt();
    const { jobId, hasil } = await previewClaim(r, 'campuran.csv', MIXED_CLAIM);
    expect(hasil).toMatchObject({ jumlahBaris: 5, jumlahValid: 3, jumlahGalat: 2 });
    const request = getJob(jobId)!.request;
    const status = await r.jobs.start('imports.commit', { jobId, ganti: false }, SYSTEM).done;
    const staged = lines(r, hasilOf<ImportCommitResult>(status).tagihanId);

    // The lines the same file's checked rows give, parsed and checked here row by row (what
    // insertClaim writes from them when the staged rows are not there: tagihan.ts).
    const outcome = await parseFile(Buffer.from(MIXED_CLAIM, 'utf8'), 'campuran.csv', { kind: 'tagihan', opts: request.opsi, mapping: request.pemetaan, fixed: request.tetap });
    const checked = checkRows(r.db, { ...request, bulanIni: TODAY.slice(0, 7), hariIni: TODAY }, outcome);
    const fromChecked = checked.rows
      .filter((x) => !x.galat)
      .map((x) => newClaimLineFrom(x.baris, x.values))
      .map((l) => ({
        nomor_baris: l.nomorBaris,
        nomor_rekening: l.nomorRekening,
        periode: l.periode,
        diklaim: l.diklaim,
        nama: l.nama ?? null,
        outstanding: l.outstanding ?? null,
        tanggal_akad: l.tanggalAkad ?? null,
      }));
    expect(staged).toEqual(fromChecked);
    expect(staged).toEqual([
      { nomor_baris: 2, nomor_rekening: '0012300001', periode: '2026-10', diklaim: 79_236, nama: 'Siti Aminah', outstanding: 11_500_000, tanggal_akad: null },
      { nomor_baris: 3, nomor_rekening: '0012300002', periode: '2026-10', diklaim: 75_779, nama: null, outstanding: 11_000_000, tanggal_akad: null },
      { nomor_baris: 6, nomor_rekening: '0012300005', periode: '2026-09', diklaim: 61_000, nama: 'Ahmad', outstanding: 9_500_000, tanggal_akad: null },
    ]);
  });

  it('a claim preview whose staged rows are gone (as after a restore) is not committed: it is unknown, nothing written', async () => {
    const r = rt();
    const { jobId } = await previewClaim(r, 'campuran.csv', MIXED_CLAIM);
    // The preview's rows live only in its staged table (the worker staged and checked them there).
    expect(getJob(jobId)!.outcome!.rows).toEqual([]);
    dropAllStaging(r.db);
    const before = snapshot(r.db, TABLES);
    const err = await callError(r, 'imports.commit', { jobId });
    expect(err).toMatchObject({ code: 'NOT_FOUND' });
    expect(snapshot(r.db, TABLES)).toEqual(before);
  });

  it('a cancel inside its transaction leaves nothing written and the preview still committable', async () => {
    const r = rt();
    const { jobId } = await previewClaim(r);
    const before = snapshot(r.db, TABLES);
    const job = r.jobs.start('imports.commit', { jobId, ganti: false }, SYSTEM, { pauseAt: 'Menyimpan baris' });
    await paused(job);
    r.jobs.cancel(job);
    expect((await job.done).status).toBe('dibatalkan');
    expect(snapshot(r.db, TABLES)).toEqual(before);
    expect(staged(r)).toBeGreaterThan(0);
    // The runtime's own commit of the same preview then goes through (and spends the staged rows).
    const done = await call(r, 'imports.commit', { jobId });
    expect(done.jumlahBaris).toBe(3);
    expect(staged(r)).toBe(0);
  });

  it('checks the staged rows again in the worker: what changed since the preview stops the commit, with the same message', async () => {
    const r = rt();
    const { jobId } = await previewClaim(r);
    // After the preview, the file's loans turn out to be another bank's (as if entered under the wrong one).
    const bri = (r.db.prepare("SELECT id FROM bank WHERE kode = 'BRI'").get() as { id: number }).id;
    r.db.prepare("UPDATE pinjaman SET bank_id = ? WHERE nomor_rekening IN ('0012300001', '0012300002', '0012300003')").run(bri);
    const status = await r.jobs.start('imports.commit', { jobId, ganti: false }, SYSTEM).done;
    expect(status).toMatchObject({ status: 'gagal', galat: { code: 'CONFLICT' } });
    expect(status.galat!.message).toBe(
      'Tidak ada yang disimpan: Berkas ini tampaknya berkas Bank Rakyat Indonesia, bukan Bank Sumsel Babel: 3 dari 3 nomor rekening adalah pinjaman Bank Rakyat Indonesia, hanya 0 pinjaman Bank Sumsel Babel. Periksa pilihan bank.',
    );
    expect(countRows(r.db, 'tagihan')).toBe(0);
  });

  it("another user cannot commit someone's preview; an unknown preview is unknown", async () => {
    const r = rt();
    const { jobId } = await previewClaim(r);
    const other: Caller = { ...SYSTEM, username: 'budi' };
    const status = await r.jobs.start('imports.commit', { jobId, ganti: false }, other).done;
    expect(status).toMatchObject({ status: 'gagal', galat: { code: 'NOT_FOUND' } });
    expect(status.galat!.message).toContain('Pekerjaan impor');
    expect(countRows(r.db, 'tagihan')).toBe(0);
  });

  it('a preview forgotten to make room for newer ones takes its staged rows with it', async () => {
    const r = rt();
    const first = await previewClaim(r);
    const { up, owner } = first;
    // The runtime keeps 6 previews: 7 newer ones forget the first (and any older) whatever the order.
    for (let n = 0; n < 7; n++) {
      const { jobId } = await call(r, 'imports.preview', { ...owner, berkas: up.berkas, namaBerkas: up.namaBerkas, opsi: { headerRow: up.headerRow }, pemetaan: up.pemetaan });
      await getJob(jobId)!.done;
    }
    expect(stagedRowCount(r.db, first.jobId)).toBe(0);
    expect(r.db.prepare('SELECT count(*) AS n FROM impor_staging WHERE id = ?').get(first.jobId)).toEqual({ n: 0 });
    expect(countRows(r.db, 'impor_staging')).toBe(6);
  });

  it('rows a preview staged are dropped when the runtime next opens the file', async () => {
    const r = rt();
    await previewClaim(r);
    expect(staged(r)).toBeGreaterThan(0);
    r.close();
    const again = createRuntime({ databasePath: r.databasePath, user: 'uji' });
    try {
      expect(stagedIn(again.db)).toBe(0);
    } finally {
      again.close();
    }
  });
});
