import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportInspection, ImportPreviewResult, ImportProgress, InputOf } from '../../electron/contract';
import { getJob } from '../../electron/services/imports/jobs';
import { importFileFromPath } from '../../electron/services/imports/import-file';
import { call, callError, sessionAs, useTempRuntime, type TempRuntime } from '../helpers/runtime';
import { buildWorld } from '../fixtures/bank-files/world';

/**
 * What a new clerk met importing real bank files (issue 13, item 5): a file without a header
 * row, the same loan-month twice, the period only in a title line, and a preview that showed
 * counts but not the rows.
 */
const FIX = path.join(__dirname, '..', 'fixtures', 'bank-files');
const rt = useTempRuntime({ prefix: 'gs-import-gaps-' });
type Owner = { jenis: 'tagihan' | 'posisi' | 'premi'; bankId?: number; penjaminId?: number };

async function uploadText(r: TempRuntime, owner: Owner, name: string, content: Buffer | string): Promise<ImportInspection> {
  return call(r, 'imports.upload', { ...owner, namaBerkas: name, isiBase64: Buffer.from(content).toString('base64'), opsi: {} });
}

async function preview(
  r: TempRuntime,
  owner: Owner,
  up: ImportInspection,
  extra: Partial<InputOf<'imports.preview'>> = {},
): Promise<{ jobId: string; hasil: ImportPreviewResult }> {
  const opsi = up.tanpaJudul ? { tanpaJudul: true } : { headerRow: up.headerRow };
  const { jobId } = await call(r, 'imports.preview', { ...owner, berkas: up.berkas, namaBerkas: up.namaBerkas, opsi, pemetaan: up.pemetaan, ...extra });
  await getJob(jobId)!.done;
  const p: ImportProgress = await call(r, 'imports.progress', { jobId });
  if (p.status !== 'selesai') throw new Error(`pratinjau ${p.status}: ${p.pesan}`);
  return { jobId, hasil: p.hasil! };
}

describe('a claim file without a header row', () => {
  it('every line kept (the one identical to the first too), the repeats flagged, the total right; the layout remembered', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const content = fs.readFileSync(path.join(FIX, 'tagihan-pipa-tanpa-judul.txt'));
    const up = await uploadText(r, owner, 'SIKP_BSB_202610.txt', content);
    expect(up).toMatchObject({ delimiter: '|', tanpaJudul: true, headerRow: 0, pemetaan: {} });
    expect(up.kolom.slice(0, 4).map((c) => `${c.key}: ${c.contoh}`)).toEqual([
      'Kolom 1: 0012300001',
      'Kolom 2: SUTISNA AJENG RAHAYU',
      'Kolom 3: 1603014503800001',
      'Kolom 4: 202610',
    ]);
    expect(up.catatan.join(' ')).toContain('dibaca tanpa baris judul');

    const pemetaan = { nomorRekening: 'Kolom 1', nama: 'Kolom 2', nik: 'Kolom 3', periode: 'Kolom 4', outstanding: 'Kolom 5', diklaim: 'Kolom 9' };
    const { jobId, hasil } = await preview(r, owner, up, { pemetaan });
    // 79.236 + 75.778 + 61.000 + 72.333 + 79.236 + 61.000, worked out by hand.
    expect(hasil).toMatchObject({ jumlahBaris: 6, jumlahValid: 6, jumlahGalat: 0, totalNilai: 428_583, dilewati: [], bisaDisimpan: true });
    const warned = (await call(r, 'imports.problems', { jobId, tingkat: 'peringatan' })).rows.map((p) => [p.baris, p.kolom, p.pesan]);
    expect(warned).toEqual([
      [3, 'Kolom 1', 'Nomor rekening "9990000001" bukan pinjaman Bank Sumsel Babel yang terdaftar; rekonsiliasi akan menandainya'],
      [5, 'Kolom 1', expect.stringContaining('Rekening 0012300001 untuk Oktober 2026 sudah ada di baris 1')],
      [6, 'Kolom 1', expect.stringContaining('Rekening 9990000001 untuk Oktober 2026 sudah ada di baris 3')],
      [6, 'Kolom 1', 'Nomor rekening "9990000001" bukan pinjaman Bank Sumsel Babel yang terdaftar; rekonsiliasi akan menandainya'],
    ]);

    // The rows themselves, paged, and only those with a problem.
    const page1 = await call(r, 'imports.rows', { jobId, page: 1, pageSize: 2 });
    expect(page1).toMatchObject({ total: 6, page: 1, pageSize: 2, isian: ['nomorRekening', 'periode', 'nik', 'nama', 'outstanding', 'diklaim'] });
    expect(page1.rows).toEqual([
      {
        baris: 1,
        galat: false,
        masalah: [],
        nilai: { nomorRekening: '0012300001', periode: '2026-10', nik: '1603014503800001', nama: 'SUTISNA AJENG RAHAYU', outstanding: 11_500_000, diklaim: 79_236 },
      },
      {
        baris: 2,
        galat: false,
        masalah: [],
        nilai: { nomorRekening: '0012300002', periode: '2026-10', nik: '1603014603800002', nama: 'MUH MARUF', outstanding: 11_000_000, diklaim: 75_778 },
      },
    ]);
    const flagged = await call(r, 'imports.rows', { jobId, hanya: 'bermasalah' });
    expect(flagged.rows.map((x) => [x.baris, x.masalah.length])).toEqual([
      [3, 1],
      [5, 1],
      [6, 2],
    ]);
    expect((await call(r, 'imports.rows', { jobId, hanya: 'galat' })).total).toBe(0);

    const done = await call(r, 'imports.commit', { jobId });
    expect(done).toMatchObject({ jumlahBaris: 6, totalNilai: 428_583 });
    const lines = r.db.prepare('SELECT nomor_baris, nomor_rekening, diklaim FROM tagihan_baris WHERE tagihan_id = ? ORDER BY nomor_baris').all(done.tagihanId);
    expect(lines).toEqual([
      { nomor_baris: 1, nomor_rekening: '0012300001', diklaim: 79_236 },
      { nomor_baris: 2, nomor_rekening: '0012300002', diklaim: 75_778 },
      { nomor_baris: 3, nomor_rekening: '9990000001', diklaim: 61_000 },
      { nomor_baris: 4, nomor_rekening: '0012300003', diklaim: 72_333 },
      { nomor_baris: 5, nomor_rekening: '0012300001', diklaim: 79_236 },
      { nomor_baris: 6, nomor_rekening: '9990000001', diklaim: 61_000 },
    ]);
    expect(r.db.prepare('SELECT total_diklaim FROM tagihan WHERE id = ?').get(done.tagihanId)).toEqual({ total_diklaim: 428_583 });
    const template = r.db.prepare('SELECT pemetaan, opsi FROM impor_templat WHERE bank_id = ?').get(w.bsb) as { pemetaan: string; opsi: string };
    expect(JSON.parse(template.opsi)).toMatchObject({ tanpaJudul: true });

    // Next month's file of the same layout: read without a header, mapped from the template.
    const next = await uploadText(r, owner, 'SIKP_BSB_202611.txt', content.toString('utf8').replaceAll('202610', '202611'));
    expect(next).toMatchObject({ tanpaJudul: true, sumberPemetaan: 'templat', pemetaan });
    expect(next.catatan.join(' ')).not.toContain('Tidak ada baris yang tampak seperti baris judul');

    // The same bank sends a file with a header: the clerk picks its row, and the template's
    // "no header row" gives way for that file (inspection and preview alike).
    const headed = await uploadText(r, owner, 'tagihan-nov.csv', 'No Rekening|Periode|Nilai Tagihan\r\n0012300001|202611|79236\r\n0012300002|202611|75778\r\n');
    expect(headed.tanpaJudul).toBe(true);
    const chosen = await call(r, 'imports.inspect', { ...owner, berkas: headed.berkas, namaBerkas: 'tagihan-nov.csv', opsi: { headerRow: 1 } });
    expect(chosen).toMatchObject({ tanpaJudul: false, headerRow: 1 });
    const read = await preview(r, owner, chosen, { pemetaan: { nomorRekening: 'No Rekening', periode: 'Periode', diklaim: 'Nilai Tagihan' } });
    expect(read.hasil).toMatchObject({ jumlahBaris: 2, jumlahValid: 2, totalNilai: 79_236 + 75_778 });
  });

  it('the clerk can choose a header row, and then none again', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const up = await uploadText(r, owner, 'a.txt', fs.readFileSync(path.join(FIX, 'tagihan-pipa-tanpa-judul.txt')));
    const withHeader = await call(r, 'imports.inspect', { ...owner, berkas: up.berkas, namaBerkas: 'a.txt', opsi: { tanpaJudul: false, headerRow: 1 } });
    expect(withHeader).toMatchObject({ tanpaJudul: false, headerRow: 1 });
    expect(withHeader.kolom[0]!.key).toBe('0012300001');
    const without = await call(r, 'imports.inspect', { ...owner, berkas: up.berkas, namaBerkas: 'a.txt', opsi: { tanpaJudul: true, headerRow: 1 } });
    expect(without).toMatchObject({ tanpaJudul: true, headerRow: 0 });
    // A header row of 0 is not a row: the clerk is told to choose "without a header row".
    const zero = await callError(r, 'imports.inspect', { ...owner, berkas: up.berkas, namaBerkas: 'a.txt', opsi: { headerRow: 0 } });
    expect(zero.code).toBe('VALIDATION');
  });
});

describe('the same unknown account twice in a claim with a header', () => {
  it('is flagged in the preview naming the first row, however the account was written', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const csv = [
      'No Rekening;Nama;Periode;Nilai Tagihan',
      '0012300001;Debitur 1;10/2026;79.236',
      '5550001234;Toko Baru;10/2026;50.000',
      '0012300002;Debitur 2;10/2026;75.778',
      '555-000-1234;Toko Baru;10/2026;50.000',
      '5550001234;Toko Baru;09/2026;50.000',
    ].join('\r\n');
    const up = await uploadText(r, owner, 'tagihan.csv', csv);
    const { jobId, hasil } = await preview(r, owner, up);
    // Claims keep what the bank sent: all five lines, the repeat marked for reconciliation.
    expect(hasil).toMatchObject({ jumlahValid: 5, totalNilai: 79_236 + 50_000 + 75_778 + 50_000 + 50_000 });
    const repeats = (await call(r, 'imports.problems', { jobId })).rows.filter((p) => p.pesan.includes('sudah ada di baris'));
    expect(repeats.map((p) => [p.baris, p.kolom, p.tingkat, p.pesan])).toEqual([
      [5, 'No Rekening', 'peringatan', 'Rekening 555-000-1234 untuk Oktober 2026 sudah ada di baris 3: tagihan ganda; rekonsiliasi akan menandainya dan tidak dibayar dua kali'],
    ]);
  });
});

describe('the period only in a title line', () => {
  it('two title lines and PERIODE: 01/10/2026 s.d. 31/10/2026 above the header: offered for the whole file, said where from, used', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const up = await uploadText(r, owner, 'tagihan-judul-periode.csv', fs.readFileSync(path.join(FIX, 'tagihan-judul-periode.csv')));
    expect(up).toMatchObject({ headerRow: 5, tanpaJudul: false, saranTetap: { periode: '2026-10' } });
    expect(up.pemetaan.periode).toBeUndefined();
    expect(up.catatan).toContain(
      'Periode Oktober 2026 dibaca dari judul berkas (baris 3: "PERIODE: 01/10/2026 s.d. 31/10/2026") dan diisikan sebagai periode untuk seluruh berkas (dipakai bila tidak ada kolom periode); ubah bila keliru.',
    );
    const { jobId, hasil } = await preview(r, owner, up, { tetap: up.saranTetap });
    // 79.236 + 75.778 + 72.333; the JUMLAH line set aside.
    expect(hasil).toMatchObject({ jumlahValid: 3, totalNilai: 227_347, periodeAwal: '2026-10', periodeAkhir: '2026-10' });
    expect(hasil.dilewati.map((d) => [d.baris, d.alasan])).toEqual([[9, 'Baris total']]);
    const rows = await call(r, 'imports.rows', { jobId });
    expect(rows.isian).toEqual(['nomorRekening', 'periode', 'nama', 'outstanding', 'hari', 'diklaim']);
    expect(rows.rows.map((x) => x.nilai.periode)).toEqual(['2026-10', '2026-10', '2026-10']);
  });
});

describe('who may page through the rows', () => {
  it('only who started the job; a bank officer their own', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const officer = sessionAs(r, 'bank', { bankId: w.bsb });
    const owner: Owner = { jenis: 'tagihan', bankId: w.bsb };
    const up = await uploadText(r, owner, 'tagihan-judul-periode.csv', fs.readFileSync(path.join(FIX, 'tagihan-judul-periode.csv')));
    const { jobId } = await preview(r, owner, up, { tetap: { periode: '2026-10' } });
    expect(await r.callWithSession(officer, 'imports.rows', { jobId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await call(r, 'imports.rows', { jobId })).total).toBe(3);
    expect((await callError(r, 'imports.rows', { jobId, hanya: 'semuanya' })).code).toBe('VALIDATION');
  });
});

describe('importing from a path (the benchmark’s and scripts’ way)', () => {
  it('a headerless file, read as inspected', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const pemetaan = { nomorRekening: 'Kolom 1', periode: 'Kolom 4', diklaim: 'Kolom 9' };
    const done = await importFileFromPath(r.handlers, { file: path.join(FIX, 'tagihan-pipa-tanpa-judul.txt'), jenis: 'tagihan', bankId: w.bsb, pemetaan });
    expect(done.commit).toMatchObject({ jumlahBaris: 6, totalNilai: 428_583 });
  });

  it('the period the title names, used for the whole file', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const done = await importFileFromPath(r.handlers, { file: path.join(FIX, 'tagihan-judul-periode.csv'), jenis: 'tagihan', bankId: w.bsb });
    expect(done.preview).toMatchObject({ jumlahValid: 3, totalNilai: 227_347, periodeAwal: '2026-10' });
  });
});
