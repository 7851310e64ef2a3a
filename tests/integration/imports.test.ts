import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportInspection, InputOf } from '../../electron/contract';
import { commitHooks } from '../../electron/services/imports/commit';
import { getJob } from '../../electron/services/imports/jobs';
import { importFileFromPath } from '../../electron/services/imports/import-file';
import { auditRows, call, callError, countRows, sessionAs, snapshot, useTempRuntime, type TempRuntime } from '../helpers/runtime';
import { withPlantedCrash } from '../helpers/console';
import { BRI_ACCOUNTS, BSB_ACCOUNTS, buildWorld, PLAFON, type World } from '../fixtures/bank-files/world';
import { claimWorkbook } from '../fixtures/bank-files/make-xlsx';
import { previewUpload } from '../helpers/import-job';

const FIX = path.join(__dirname, '..', 'fixtures', 'bank-files');
const rt = useTempRuntime({ prefix: 'gs-import-' });
afterEach(() => {
  commitHooks.afterWrite = null;
});

const base64 = (file: string) => fs.readFileSync(file).toString('base64');
type Owner = { jenis: 'tagihan' | 'posisi' | 'premi'; bankId?: number; penjaminId?: number };

async function upload(r: TempRuntime, owner: Owner, name: string, opsi: InputOf<'imports.upload'>['opsi'] = {}, file = path.join(FIX, name)): Promise<ImportInspection> {
  return call(r, 'imports.upload', { ...owner, namaBerkas: name, isiBase64: base64(file), opsi });
}

/** Starts the preview and waits for the job through imports.progress, as the screen does. */
const preview = previewUpload;

const TABLES = ['impor_berkas', 'impor_templat', 'posisi_bank', 'tagihan', 'tagihan_baris', 'premi', 'audit_log'];

describe('a claim file, from upload to a draft claim', () => {
  it('Indonesian CSV with BOM, title lines, a total row and a footer: kept, previewed, committed once', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const up = await upload(r, owner, 'tagihan-titikkoma-bom.csv');
    expect(up).toMatchObject({ format: 'csv', delimiter: ';', encoding: 'utf-8', bom: true, headerRow: 4, sumberPemetaan: 'nama_kolom', sebelumnya: null });
    expect(up.pemetaan).toMatchObject({ nomorRekening: 'No. Rek', periode: 'Bulan', diklaim: 'Subsidi Bunga' });
    expect(up.contoh[3]).toEqual({ baris: 4, sel: ['No.', 'No. Rek', 'Nama Nasabah', 'Bulan', 'Baki Debet', 'Tgl Akad', 'Subsidi Bunga'] });
    // The file is kept beside the database, named by its content.
    const kept = path.join(path.dirname(r.databasePath), 'berkas', `${up.berkas}.csv`);
    expect(fs.readFileSync(kept).equals(fs.readFileSync(path.join(FIX, 'tagihan-titikkoma-bom.csv')))).toBe(true);

    const { jobId, hasil } = await preview(r, owner, up);
    expect(hasil).toMatchObject({ jumlahBaris: 3, jumlahValid: 3, jumlahGalat: 0, masalahBerkas: [], periodeAwal: '2026-10', periodeAkhir: '2026-10', bisaDisimpan: true });
    // 79.236 + 75.778,50 (→ 75.779) + 1.234.567,50 (→ 1.234.568), each rounded half-up once.
    expect(hasil.totalNilai).toBe(79_236 + 75_779 + 1_234_568);
    expect(hasil.dilewati.map((d) => d.baris)).toEqual([9, 11, 12]);
    const problems = await call(r, 'imports.problems', { jobId, tingkat: 'peringatan' });
    expect(problems.rows.map((p) => [p.berkas, p.baris, p.kolom])).toEqual([
      ['tagihan-titikkoma-bom.csv', 6, 'Subsidi Bunga'],
      ['tagihan-titikkoma-bom.csv', 7, 'Subsidi Bunga'],
    ]);

    const done = await call(r, 'imports.commit', { jobId });
    expect(done).toMatchObject({ jumlahBaris: 3, jumlahDilewati: 0, diganti: false });
    const claim = r.db.prepare('SELECT * FROM tagihan WHERE id = ?').get(done.tagihanId) as { status: string; total_diklaim: number; impor_id: number; bank_id: number };
    expect(claim).toMatchObject({ status: 'draf', impor_id: done.imporId, bank_id: w.bsb, total_diklaim: hasil.totalNilai });
    const lines = r.db
      .prepare('SELECT nomor_baris, nomor_rekening, periode, diklaim, nama, outstanding, tanggal_akad FROM tagihan_baris WHERE tagihan_id = ? ORDER BY nomor_baris')
      .all(done.tagihanId);
    expect(lines).toEqual([
      { nomor_baris: 5, nomor_rekening: '0012300001', periode: '2026-10', diklaim: 79_236, nama: 'Siti; Aminah', outstanding: 11_500_000, tanggal_akad: '2026-01-10' },
      { nomor_baris: 6, nomor_rekening: '0012300002', periode: '2026-10', diklaim: 75_779, nama: 'Rudi Hartono', outstanding: 11_000_000, tanggal_akad: '2026-01-10' },
      { nomor_baris: 7, nomor_rekening: '0012300003', periode: '2026-10', diklaim: 1_234_568, nama: 'Dewi Lestari', outstanding: 10_500_000, tanggal_akad: '2026-01-10' },
    ]);
    const file = r.db.prepare('SELECT * FROM impor_berkas WHERE id = ?').get(done.imporId) as Record<string, unknown>;
    expect(file).toMatchObject({
      jenis: 'tagihan',
      bank_id: w.bsb,
      nama_berkas: 'tagihan-titikkoma-bom.csv',
      sha256: up.berkas,
      lokasi: kept,
      jumlah_baris: 3,
      total_nilai: hasil.totalNilai,
      dibuat_oleh: 'uji',
    });
    const audit = auditRows(r.db, 'impor_berkas');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ pengguna: 'uji', aksi: 'impor', entitasId: done.imporId, sesudah: { tagihanId: done.tagihanId, totalNilai: hasil.totalNilai } });

    // History and detail.
    const list = await call(r, 'imports.list', {});
    expect(list.rows.map((x) => [x.id, x.tagihanId, x.bankNama])).toEqual([[done.imporId, done.tagihanId, 'Bank Sumsel Babel']]);
    const detail = await call(r, 'imports.get', { id: done.imporId });
    expect(detail.hasil.tagihan).toEqual([{ id: done.tagihanId, status: 'draf', totalDiklaim: hasil.totalNilai }]);
  });

  it('the same content again: recognised, refused naming the earlier import, or replaced — never counted twice', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const first = await importFileFromPath(r.handlers, { file: path.join(FIX, 'tagihan-koma.csv'), ...owner });
    const up = await upload(r, owner, 'tagihan-koma.csv');
    expect(up.sebelumnya).toMatchObject({ id: first.commit!.imporId, namaBerkas: 'tagihan-koma.csv', dibuatOleh: 'uji', jumlahBaris: 5 });
    const { jobId, hasil } = await preview(r, owner, up);
    expect(hasil.sebelumnya?.id).toBe(first.commit!.imporId);

    const before = snapshot(r.db, TABLES);
    const refused = await callError(r, 'imports.commit', { jobId });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain(`impor no. ${first.commit!.imporId} "tagihan-koma.csv"`);
    expect(refused.message).toContain('oleh uji');
    expect(snapshot(r.db, TABLES)).toBe(before);

    const replaced = await call(r, 'imports.commit', { jobId, ganti: true });
    expect(replaced).toMatchObject({ imporId: first.commit!.imporId, diganti: true });
    const claims = r.db.prepare('SELECT id, status, total_diklaim FROM tagihan WHERE impor_id = ? ORDER BY id').all(first.commit!.imporId) as {
      id: number;
      status: string;
      total_diklaim: number;
    }[];
    expect(claims.map((c) => c.status)).toEqual(['dibatalkan', 'draf']);
    // Counted once: only one claim of this content is alive, and the file row is one.
    const expected = [79_236, 75_778, 72_333, 68_889, 65_444].reduce((a, b) => a + b, 0);
    expect(claims.filter((c) => c.status !== 'dibatalkan').map((c) => c.total_diklaim)).toEqual([expected]);
    expect(countRows(r.db, 'impor_berkas')).toBe(1);
    expect(r.db.prepare('SELECT diganti_kali FROM impor_berkas').get()).toEqual({ diganti_kali: 1 });
    expect(auditRows(r.db, 'impor_berkas').at(-1)).toMatchObject({
      sebelum: { id: first.commit!.imporId, dihapus: { tagihanDibatalkan: [first.commit!.tagihanId] } },
      sesudah: { diganti: true },
    });
  });

  it('a replacement is refused once the claim has moved on', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const first = await importFileFromPath(r.handlers, { file: path.join(FIX, 'tagihan-koma.csv'), ...owner });
    r.db.prepare("UPDATE tagihan SET status = 'disetujui', total_disetujui = total_diklaim WHERE id = ?").run(first.commit!.tagihanId);
    const up = await upload(r, owner, 'tagihan-koma.csv');
    const { jobId } = await preview(r, owner, up);
    const before = snapshot(r.db, TABLES);
    const err = await callError(r, 'imports.commit', { jobId, ganti: true });
    expect(err.message).toContain(`tagihan no. ${first.commit!.tagihanId} darinya sudah berstatus disetujui`);
    expect(snapshot(r.db, TABLES)).toBe(before);
  });

  it('the mapping is saved per bank and kind and applied next time, as changed', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const up = await upload(r, owner, 'tagihan-koma.csv');
    expect(up.pemetaan.nik).toBe('NIK');
    const { nik: _nik, ...withoutNik } = up.pemetaan;
    const { jobId } = await preview(r, owner, up, { pemetaan: withoutNik });
    await call(r, 'imports.commit', { jobId });
    // Another file of the same layout from the same bank: the template, without NIK.
    const again = await call(r, 'imports.upload', {
      ...owner,
      namaBerkas: 'november.csv',
      isiBase64: Buffer.from(fs.readFileSync(path.join(FIX, 'tagihan-koma.csv'), 'utf8').replaceAll('2026-10', '2026-11')).toString('base64'),
      opsi: {},
    });
    expect(again.sumberPemetaan).toBe('templat');
    expect(again.pemetaan).toEqual(withoutNik);
    // Another bank has no template.
    const other = await upload(r, { jenis: 'tagihan', bankId: w.bri }, 'tagihan-koma.csv');
    expect(other.sumberPemetaan).toBe('nama_kolom');
  });

  it('XLSX from a chosen sheet, header on row 5, serial dates, total row', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const file = path.join(r.dir, 'tagihan-okt.xlsx');
    const made = await claimWorkbook(file);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const first = await upload(r, owner, 'tagihan-okt.xlsx', {}, file);
    expect(first.sheets).toEqual(['Catatan', 'Tagihan Okt']);
    const up = await call(r, 'imports.inspect', { ...owner, berkas: first.berkas, namaBerkas: 'tagihan-okt.xlsx', opsi: { sheet: 'Tagihan Okt' } });
    expect(up).toMatchObject({ format: 'xlsx', sheet: 'Tagihan Okt', headerRow: 5 });
    const { jobId, hasil } = await preview(r, owner, up);
    expect(hasil.jumlahValid).toBe(made.rows.length);
    expect(hasil.totalNilai).toBe(made.rows.reduce((s, x) => s + Math.round(x.diklaim), 0));
    const done = await call(r, 'imports.commit', { jobId });
    const accounts = r.db
      .prepare('SELECT nomor_rekening FROM tagihan_baris WHERE tagihan_id = ? ORDER BY nomor_baris')
      .all(done.tagihanId)
      .map((x) => (x as { nomor_rekening: string }).nomor_rekening);
    expect(accounts).toEqual(made.rows.map((x) => x.rek));
  });
});

describe('what stops a file', () => {
  it('another bank’s file: one clear message, nothing can be saved', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const up = await upload(r, owner, 'tagihan-bank-lain.csv');
    const { jobId, hasil } = await preview(r, owner, up);
    expect(hasil.bisaDisimpan).toBe(false);
    expect(hasil.masalahBerkas).toEqual([
      'Berkas ini tampaknya berkas Bank Rakyat Indonesia, bukan Bank Sumsel Babel: 4 dari 4 nomor rekening adalah pinjaman Bank Rakyat Indonesia, hanya 0 pinjaman Bank Sumsel Babel. Periksa pilihan bank.',
    ]);
    const before = snapshot(r.db, TABLES);
    expect((await callError(r, 'imports.commit', { jobId })).message).toContain('tampaknya berkas Bank Rakyat Indonesia');
    expect(snapshot(r.db, TABLES)).toBe(before);
    // The same file for its own bank is fine.
    const own = await preview(r, { jenis: 'tagihan', bankId: w.bri }, await upload(r, { jenis: 'tagihan', bankId: w.bri }, 'tagihan-bank-lain.csv'));
    expect(own.hasil).toMatchObject({ bisaDisimpan: true, masalahBerkas: [], jumlahValid: 4 });
  });

  it('a wrong mapping is said plainly and nothing can be saved', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const up = await upload(r, owner, 'tagihan-koma.csv');
    const { jobId, hasil } = await preview(r, owner, up, { pemetaan: { ...up.pemetaan, diklaim: 'Nama Debitur', nama: 'Nilai Tagihan' } });
    expect(hasil.masalahBerkas[0]).toMatch(/^Pemetaan kolom tampaknya salah: 5 dari 5 nilai di kolom "Nama Debitur" \(dipetakan ke Nilai diklaim\)/);
    expect(hasil.bisaDisimpan).toBe(false);
    expect((await callError(r, 'imports.commit', { jobId })).code).toBe('CONFLICT');
  });

  it('a mapping missing a required field, or using a column twice, is refused before parsing', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const up = await upload(r, owner, 'tagihan-cp1252.csv');
    const base = { ...owner, berkas: up.berkas, namaBerkas: up.namaBerkas, opsi: {} };
    const { periode: _p, ...noPeriod } = up.pemetaan;
    const missing = await callError(r, 'imports.preview', { ...base, pemetaan: noPeriod });
    expect(missing.fields).toEqual({ 'pemetaan.periode': 'Pilih kolom untuk Periode, atau isi untuk seluruh berkas' });
    const twice = await callError(r, 'imports.preview', { ...base, pemetaan: { ...up.pemetaan, nama: 'No Rekening' } });
    expect(twice.message).toContain('Kolom "No Rekening" sudah dipakai untuk Nomor rekening');
    // A period for the whole file instead of a column.
    const { hasil } = await preview(r, owner, up, { pemetaan: noPeriod, tetap: { periode: '2026-09' } });
    expect(hasil).toMatchObject({ jumlahValid: 3, periodeAwal: '2026-09' });
  });

  it('empty, header-only and corrupt files', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    expect((await callError(r, 'imports.upload', { ...owner, namaBerkas: 'kosong.csv', isiBase64: '' })).message).toContain('Berkas kosong');
    const corrupt = await callError(r, 'imports.upload', { ...owner, namaBerkas: 'tagihan-rusak.xlsx', isiBase64: base64(path.join(FIX, 'tagihan-rusak.xlsx')) });
    expect(corrupt).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('XLSX rusak') });
    const dir = path.join(path.dirname(r.databasePath), 'berkas');
    expect(fs.readdirSync(dir)).toEqual([]);
    const headerOnly = await upload(r, owner, 'judul-saja.csv');
    expect(headerOnly.catatan).toContain('Tidak ada baris data di bawah baris judul.');
    const { jobId, hasil } = await preview(r, owner, headerOnly);
    expect(hasil).toMatchObject({ jumlahBaris: 0, bisaDisimpan: false });
    expect((await callError(r, 'imports.commit', { jobId })).message).toBe('Tidak ada baris yang valid untuk disimpan.');
  });
});

describe('bank positions', () => {
  it('pipe file: leading zeros restored, unknown accounts and impossible figures listed, the rest upserted as imported', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'posisi', bankId: w.bsb };
    const up = await upload(r, owner, 'posisi-pipa.txt');
    expect(up).toMatchObject({ delimiter: '|', headerRow: 1 });
    expect(up.pemetaan).toEqual({
      nomorRekening: 'REKENING',
      nama: 'NAMA',
      periode: 'BULAN',
      outstanding: 'OUTSTANDING',
      kol: 'KOLEKTIBILITAS',
      hariTunggakan: 'DPD',
      angsuranDibayar: 'ANGSURAN',
    });
    // An earlier manual position of loan 1 is overwritten by the file's.
    await call(r, 'positions.save', { pinjamanId: w.loans.get(BSB_ACCOUNTS[0]!)!, periode: '2026-10', outstanding: 11_600_000, kol: 1, hariTunggakan: 0, angsuranDibayar: true });
    const { jobId, hasil } = await preview(r, owner, up);
    expect(hasil).toMatchObject({ jumlahBaris: 6, jumlahValid: 4, jumlahGalat: 2 });
    const galat = (await call(r, 'imports.problems', { jobId, tingkat: 'galat' })).rows;
    expect(galat.map((p) => [p.baris, p.kolom, p.pesan])).toEqual([
      [6, 'REKENING', 'Nomor rekening "0012300099" bukan pinjaman Bank Sumsel Babel'],
      [7, 'OUTSTANDING', `Baki debet melebihi plafon (Rp${PLAFON.toLocaleString('id-ID')})`],
    ]);
    const warned = (await call(r, 'imports.problems', { jobId, tingkat: 'peringatan' })).rows;
    expect(warned).toEqual([expect.objectContaining({ baris: 4, pesan: expect.stringContaining('dibaca sebagai 0012300003') })]);

    const done = await call(r, 'imports.commit', { jobId });
    expect(done).toMatchObject({ jumlahBaris: 4, jumlahDilewati: 2, totalNilai: 11_500_000 + 11_000_000 + 10_500_000 + 10_000_000 });
    const rows = r.db.prepare('SELECT pinjaman_id, periode, outstanding, kol, hari_tunggakan, angsuran_dibayar, sumber, impor_id FROM posisi_bank ORDER BY pinjaman_id').all();
    expect(rows).toEqual(
      [
        [BSB_ACCOUNTS[0], 11_500_000, 1, 0, 1],
        [BSB_ACCOUNTS[1], 11_000_000, 1, 0, 1],
        [BSB_ACCOUNTS[2], 10_500_000, 2, 35, 0],
        [BSB_ACCOUNTS[3], 10_000_000, 1, 0, 1],
      ].map(([rek, os, kol, dpd, paid]) => ({
        pinjaman_id: w.loans.get(rek as string),
        periode: '2026-10',
        outstanding: os,
        kol,
        hari_tunggakan: dpd,
        angsuran_dibayar: paid,
        sumber: 'impor',
        impor_id: done.imporId,
      })),
    );
  });

  it('a closed month: the rows are refused with the reason, nothing written', async () => {
    const r = rt();
    const w = await buildWorld(r);
    await call(r, 'closing.close', { periode: '2026-10' });
    const owner: Owner = { jenis: 'posisi', bankId: w.bsb };
    const { jobId, hasil } = await preview(r, owner, await upload(r, owner, 'posisi-pipa.txt'));
    expect(hasil.jumlahValid).toBe(0);
    const galat = (await call(r, 'imports.problems', { jobId, tingkat: 'galat' })).rows;
    expect(galat.filter((p) => p.pesan.includes('Oktober 2026 sudah ditutup'))).toHaveLength(4);
    expect((await callError(r, 'imports.commit', { jobId })).code).toBe('CONFLICT');
  });

  it('checks again at commit when the data changed after the preview (here: the month was closed)', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'posisi', bankId: w.bsb };
    const { jobId, hasil } = await preview(r, owner, await upload(r, owner, 'posisi-pipa.txt'));
    expect(hasil.jumlahValid).toBe(4);
    await call(r, 'closing.close', { periode: '2026-10' });
    const before = snapshot(r.db, TABLES);
    expect((await callError(r, 'imports.commit', { jobId })).message).toBe('Tidak ada baris yang valid untuk disimpan.');
    expect(snapshot(r.db, TABLES)).toBe(before);
  });

  it('a crash half-way through the commit leaves the database exactly as it was', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'posisi', bankId: w.bsb };
    const { jobId } = await preview(r, owner, await upload(r, owner, 'posisi-pipa.txt'));
    const before = snapshot(r.db, TABLES);
    commitHooks.afterWrite = (n) => {
      if (n === 2) throw new Error('listrik padam');
    };
    const err = await withPlantedCrash('imports.commit', 'listrik padam', () => callError(r, 'imports.commit', { jobId }));
    expect(err.code).toBe('INTERNAL');
    expect(snapshot(r.db, TABLES)).toBe(before);
    // After the "crash" the same job commits cleanly.
    commitHooks.afterWrite = null;
    expect((await call(r, 'imports.commit', { jobId })).jumlahBaris).toBe(4);
  });

  it('a crash after the claim lines are written leaves no claim', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const { jobId } = await preview(r, owner, await upload(r, owner, 'tagihan-koma.csv'));
    const before = snapshot(r.db, TABLES);
    commitHooks.afterWrite = () => {
      throw new Error('disk penuh');
    };
    await withPlantedCrash('imports.commit', 'disk penuh', () => callError(r, 'imports.commit', { jobId }));
    expect(snapshot(r.db, TABLES)).toBe(before);
  });
});

describe('insurer premium invoices', () => {
  it('matches the insurer’s premiums, refuses a different amount, records the invoice as the premium screen does', async () => {
    const r = rt();
    const w: World = await buildWorld(r);
    const owner: Owner = { jenis: 'premi', penjaminId: w.insurer };
    const up = await upload(r, owner, 'premi-jamkrindo.csv');
    expect(up.pemetaan).toMatchObject({ nomorRekening: 'No. Rekening', nilaiPremi: 'IJP', nomorTagihan: 'No Invoice', tanggalTagihan: 'Tgl Invoice' });
    const { jobId, hasil } = await preview(r, owner, up);
    expect(hasil).toMatchObject({ jumlahValid: 3, jumlahGalat: 1, totalNilai: 3 * 180_000 });
    expect(hasil.masalah.filter((m) => m.tingkat === 'galat')).toEqual([
      { berkas: 'premi-jamkrindo.csv', baris: 5, kolom: 'IJP', pesan: 'Nilai premi di berkas Rp185.000 berbeda dengan premi terhitung Rp180.000', tingkat: 'galat' },
    ]);
    const done = await call(r, 'imports.commit', { jobId });
    const invoiced = r.db.prepare("SELECT p.pinjaman_id, p.nomor_tagihan, p.tanggal_tagihan, p.impor_id FROM premi p WHERE p.status = 'ditagih' ORDER BY p.pinjaman_id").all();
    expect(invoiced).toEqual(
      [BSB_ACCOUNTS[0], BSB_ACCOUNTS[1], BRI_ACCOUNTS[0]].map((rek) => ({
        pinjaman_id: w.loans.get(rek!),
        nomor_tagihan: 'INV/JMK/2026/014',
        tanggal_tagihan: '2026-02-05',
        impor_id: done.imporId,
      })),
    );
    expect(auditRows(r.db, 'tagihan_premi')).toEqual([
      expect.objectContaining({ sesudah: expect.objectContaining({ nomorTagihan: 'INV/JMK/2026/014', jumlah: 540_000, imporId: done.imporId }) }),
    ]);
    // Uploaded for the wrong insurer: one clear message.
    const wrong = await preview(r, { jenis: 'premi', penjaminId: w.otherInsurer }, await upload(r, { jenis: 'premi', penjaminId: w.otherInsurer }, 'premi-jamkrindo.csv'));
    expect(wrong.hasil.masalahBerkas[0]).toContain('tampaknya tagihan Perum Jamkrindo, bukan PT Askrindo');
  });
});

describe('who may import what', () => {
  it('a bank liaison officer imports and sees only their own bank’s files; premiums are staff work', async () => {
    const r = rt();
    const w = await buildWorld(r);
    await importFileFromPath(r.handlers, { file: path.join(FIX, 'tagihan-bank-lain.csv'), jenis: 'tagihan', bankId: w.bri });
    const officer = sessionAs(r, 'bank', { bankId: w.bsb });
    const as = (channel: string, input: unknown) => r.callWithSession(officer, channel, input);
    const own = await as('imports.upload', { jenis: 'tagihan', bankId: w.bsb, namaBerkas: 'tagihan-koma.csv', isiBase64: base64(path.join(FIX, 'tagihan-koma.csv')) });
    expect(own.ok).toBe(true);
    const other = await as('imports.upload', { jenis: 'tagihan', bankId: w.bri, namaBerkas: 'tagihan-koma.csv', isiBase64: base64(path.join(FIX, 'tagihan-koma.csv')) });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const premi = await as('imports.upload', { jenis: 'premi', penjaminId: w.insurer, namaBerkas: 'p.csv', isiBase64: base64(path.join(FIX, 'premi-jamkrindo.csv')) });
    expect(premi).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const list = await as('imports.list', {});
    expect(list).toMatchObject({ ok: true, value: { total: 0, rows: [] } });
    const briImport = (await call(r, 'imports.list', {})).rows[0]!;
    expect(await as('imports.get', { id: briImport.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A job is its starter's own: another user cannot see or commit it.
    const up = own.ok ? (own.value as ImportInspection) : null;
    const started = await as('imports.preview', { jenis: 'tagihan', bankId: w.bsb, berkas: up!.berkas, namaBerkas: 'tagihan-koma.csv', pemetaan: up!.pemetaan });
    expect(started.ok).toBe(true);
    const jobId = (started as { value: { jobId: string } }).value.jobId;
    await getJob(jobId)!.done;
    expect((await callError(r, 'imports.progress', { jobId })).code).toBe('NOT_FOUND');
    expect(await as('imports.commit', { jobId })).toMatchObject({ ok: true, value: { jumlahBaris: 5 } });
  });
});

describe('a large file', () => {
  it('100,000 claim lines go through the worker; counts and total match an independent sum', { timeout: 240_000 }, async () => {
    const r = rt();
    const w = await buildWorld(r);
    const file = path.join(r.dir, 'besar.csv');
    const lines = ['No Rekening;Periode;Nilai Tagihan'];
    let seed = 20261023;
    let sum = 0;
    let bad = 0;
    const N = 100_000;
    for (let i = 0; i < N; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const amount = 10_000 + (seed % 990_000);
      if (i % 25_000 === 7) {
        lines.push(`${BSB_ACCOUNTS[i % 8]};2026-10;bukan angka`);
        bad++;
        continue;
      }
      sum += amount;
      // Half of the amounts in Indonesian notation, half plain.
      lines.push(`${BSB_ACCOUNTS[i % 8]};2026-10;${i % 2 ? amount.toLocaleString('id-ID') : amount}`);
    }
    lines.push(`;TOTAL;${sum}`);
    fs.writeFileSync(file, lines.join('\n'));
    const seen: number[] = [];
    const result = await importFileFromPath(r.handlers, { file, jenis: 'tagihan', bankId: w.bsb }, (p) => seen.push(p));
    expect(result.preview).toMatchObject({ jumlahBaris: N, jumlahValid: N - bad, jumlahGalat: bad, totalNilai: sum });
    expect(result.preview.dilewati.map((d) => d.alasan)).toEqual(['Baris total']);
    expect(seen.at(-1)).toBe(100);
    const claim = r.db.prepare('SELECT total_diklaim, (SELECT count(*) FROM tagihan_baris WHERE tagihan_id = t.id) AS n FROM tagihan t WHERE id = ?').get(result.commit!.tagihanId);
    expect(claim).toEqual({ total_diklaim: sum, n: N - bad });
    const sqlSum = r.db.prepare('SELECT sum(diklaim) AS s FROM tagihan_baris WHERE tagihan_id = ?').get(result.commit!.tagihanId) as { s: number };
    expect(sqlSum.s).toBe(sum);
  });
});
