/**
 * The payment history import kind (riwayat; issue 13, item 2) end to end through the import
 * channels: a CSV and an XLSX history file with a duplicate month and an unknown account, the
 * good rows committed as paid months per SP2D, and the subsidy run then showing them as paid.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportInspection } from '../../electron/contract';
import { realisasiPagu } from '../../database/repositories/payments';
import { auditRows, call, callError, countRows, sessionAs, useTempRuntime, type TempRuntime } from '../helpers/runtime';
import { buildWorld } from '../fixtures/bank-files/world';
import { previewUpload } from '../helpers/import-job';

const FIX = path.join(__dirname, '..', 'fixtures', 'bank-files');
const rt = useTempRuntime({ prefix: 'gs-import-riwayat-' });
type Owner = { jenis: 'riwayat'; bankId: number };

async function upload(r: TempRuntime, owner: Owner, file: string): Promise<ImportInspection> {
  return call(r, 'imports.upload', { ...owner, namaBerkas: path.basename(file), isiBase64: fs.readFileSync(file).toString('base64'), opsi: {} });
}

/** Starts the preview and waits for the job through imports.progress, as the screen does. */
const preview = previewUpload;

/** A history workbook without SP2D columns (the file is one SP2D, given for the whole file), the month as a date cell. */
async function historyWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Riwayat');
  ws.getRow(1).values = ['Nomor Rekening', 'Nama', 'Periode', 'Jumlah'];
  const rows: [string, string, number][] = [
    ['0012300004', 'Debitur 4', 76_000],
    ['0012300005', 'Debitur 5', 75_500],
    ['0012300001', 'Debitur 1', 80_000],
    ['7770000001', 'Debitur 9', 70_000],
    ['0012300004', 'Debitur 4', 76_000],
  ];
  rows.forEach(([rek, nama, jumlah], i) => {
    const row = ws.getRow(2 + i);
    // Row 4 is February (already paid by the CSV); the others April.
    row.values = [rek, nama, new Date(Date.UTC(2026, i === 2 ? 1 : 3, 1)), jumlah];
    row.getCell(3).numFmt = 'mmm-yyyy';
  });
  await wb.xlsx.writeFile(file);
}

describe('import kind riwayat (payment history)', () => {
  it('CSV then XLSX: good rows become paid months per SP2D, the duplicate month and the unknown account are refused, the run shows them paid', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const pagu = Number(
      r.db.prepare("INSERT INTO pagu (tahun, jenis, kode_rekening, uraian, jumlah) VALUES (2026, 'subsidi_bunga', '5.1.05', 'Subsidi bunga', 50000000)").run().lastInsertRowid,
    );
    const owner: Owner = { jenis: 'riwayat', bankId: w.bsb };

    // --- CSV: semicolons, Indonesian numbers, title and total rows, SP2D per row.
    const up = await upload(r, owner, path.join(FIX, 'riwayat-bsb.csv'));
    expect(up.headerRow).toBe(4);
    expect(up.pemetaan).toEqual({
      nomorRekening: 'No. Rek',
      nama: 'Nama Nasabah',
      nik: 'NIK',
      periode: 'Bulan',
      jumlah: 'Subsidi Dibayar',
      nomorSp2d: 'No SP2D',
      tanggalSp2d: 'Tgl SP2D',
    });
    const { jobId, hasil } = await preview(r, owner, up);
    expect(hasil).toMatchObject({ jumlahBaris: 6, jumlahValid: 4, jumlahGalat: 2, masalahBerkas: [], totalNilai: 80_000 + 79_500 + 78_000 + 77_000, bisaDisimpan: true });
    const problems = await call(r, 'imports.problems', { jobId });
    expect(problems.rows.map((p) => [p.baris, p.kolom, p.tingkat, p.pesan])).toEqual([
      [8, 'No. Rek', 'galat', 'Rekening 0012300001 untuk Maret 2026 sudah ada di baris 7; baris ini tidak disimpan'],
      [9, 'No. Rek', 'galat', 'Rekening 0099999999 tidak terdaftar pada Bank Sumsel Babel'],
      [10, 'No. Rek', 'peringatan', 'Nomor rekening "12300003" dibaca sebagai 0012300003 (angka nol di depan hilang atau tanda baca berbeda)'],
    ]);
    const done = await call(r, 'imports.commit', { jobId });
    expect(done).toMatchObject({ jenis: 'riwayat', jumlahBaris: 4, jumlahDilewati: 2, totalNilai: 314_500, tagihanId: null });
    const payments = r.db
      .prepare('SELECT p.nomor_sp2d, p.tanggal_sp2d, p.jumlah, p.pagu_id, t.sumber, t.status, t.impor_id FROM pembayaran p JOIN tagihan t ON t.id = p.tagihan_id ORDER BY p.id')
      .all();
    expect(payments).toEqual([
      { nomor_sp2d: 'SP2D/0101/2026', tanggal_sp2d: '2026-03-10', jumlah: 159_500, pagu_id: pagu, sumber: 'riwayat', status: 'dibayar', impor_id: done.imporId },
      { nomor_sp2d: 'SP2D/0150/2026', tanggal_sp2d: '2026-04-08', jumlah: 155_000, pagu_id: pagu, sumber: 'riwayat', status: 'dibayar', impor_id: done.imporId },
    ]);
    expect(realisasiPagu(r.db, pagu)).toBe(314_500);
    expect(auditRows(r.db, 'pembayaran').map((a) => a.aksi)).toEqual(['impor', 'impor']);

    // --- XLSX: one SP2D for the whole file, the month as a date cell.
    const xlsx = path.join(r.dir, 'riwayat-bsb-april.xlsx');
    await historyWorkbook(xlsx);
    const up2 = await upload(r, owner, xlsx);
    expect(up2.pemetaan).toEqual({ nomorRekening: 'Nomor Rekening', nama: 'Nama', periode: 'Periode', jumlah: 'Jumlah' });
    const p2 = await preview(r, owner, up2, { tetap: { nomorSp2d: 'SP2D/0222/2026', tanggalSp2d: '2026-05-12' } });
    expect(p2.hasil).toMatchObject({ jumlahBaris: 5, jumlahValid: 2, jumlahGalat: 3, totalNilai: 151_500 });
    const problems2 = await call(r, 'imports.problems', { jobId: p2.jobId });
    expect(problems2.rows.map((p) => [p.baris, p.pesan])).toEqual([
      [4, 'Bulan Februari 2026 rekening 0012300001 sudah dibayar (SP2D SP2D/0101/2026)'],
      [5, 'Rekening 7770000001 tidak terdaftar pada Bank Sumsel Babel'],
      [6, 'Rekening 0012300004 untuk April 2026 sudah ada di baris 2; baris ini tidak disimpan'],
    ]);
    await call(r, 'imports.commit', { jobId: p2.jobId });
    expect(r.db.prepare("SELECT jumlah FROM pembayaran WHERE nomor_sp2d = 'SP2D/0222/2026'").pluck().get()).toBe(151_500);

    // --- The run knows the past.
    const run = await call(r, 'subsidy.run', { bankId: w.bsb, periodeAwal: '2026-02', periodeAkhir: '2026-04' });
    const status = (rek: string, periode: string) => {
      const l = run.lines.find((x) => x.nomorRekening === rek && x.periode === periode)!;
      return l.layak ? 'layak' : l.alasan;
    };
    expect([status('0012300001', '2026-02'), status('0012300001', '2026-03'), status('0012300001', '2026-04')]).toEqual(['sudah_dibayar', 'sudah_dibayar', 'layak']);
    expect([status('0012300002', '2026-02'), status('0012300002', '2026-03')]).toEqual(['sudah_dibayar', 'layak']);
    expect([status('0012300003', '2026-02'), status('0012300003', '2026-03')]).toEqual(['layak', 'sudah_dibayar']);
    expect([status('0012300004', '2026-04'), status('0012300005', '2026-04'), status('0012300006', '2026-04')]).toEqual(['sudah_dibayar', 'sudah_dibayar', 'layak']);

    // --- The same file again: recognised as imported before, and every row now paid: nothing written.
    const upAgain = await upload(r, owner, path.join(FIX, 'riwayat-bsb.csv'));
    expect(upAgain.sebelumnya?.id).toBe(done.imporId);
    const again = await preview(r, owner, upAgain);
    expect(again.hasil.jumlahValid).toBe(0);
    const before = countRows(r.db, 'periode_dibayar');
    const refused = await callError(r, 'imports.commit', { jobId: again.jobId, ganti: true });
    expect(refused.code).toBe('CONFLICT');
    expect(countRows(r.db, 'periode_dibayar')).toBe(before);
  });

  it('is the secretariat’s: a bank liaison officer cannot import payment history, even for their own bank', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const officer = sessionAs(r, 'bank', { bankId: w.bsb });
    const res = await r.callWithSession(officer, 'imports.upload', {
      jenis: 'riwayat',
      bankId: w.bsb,
      namaBerkas: 'riwayat-bsb.csv',
      isiBase64: fs.readFileSync(path.join(FIX, 'riwayat-bsb.csv')).toString('base64'),
    });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Petugas bank tidak mengimpor riwayat pembayaran subsidi; berkas ini diimpor oleh sekretariat.' },
    });
  });
});
