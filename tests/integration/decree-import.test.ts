/**
 * Importing a recipient decree's list (kind sk_penerima) into a decree: CSV and XLSX written here,
 * each with a NIK damaged by Excel, a NIK that is no real NIK, an unknown unit and an unknown bank;
 * every bad row refused with its file, row, column and reason; the good ones written in one
 * transaction with the unit as the file wrote it; a replacement; a locked decree refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportProblem } from '../../electron/contract';
import { importFileFromPath } from '../../electron/services/imports/import-file';
import { auditRows, call, countRows, useTempRuntime, type TempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-skimport-' });

async function world(r: TempRuntime) {
  const bsb = await call(r, 'banks.save', {
    kode: 'BSB',
    nama: 'Bank Sumsel Babel',
    cabang: [
      { kode: 'ME', nama: 'Muara Enim' },
      { kode: 'GM', nama: 'Gunung Megang' },
      { kode: 'TE', nama: 'Cabang Pembantu Tanjung Enim' },
    ],
  });
  const bri = await call(r, 'banks.save', { kode: 'BRI', nama: 'BRI', cabang: [{ kode: 'UME', nama: 'Unit Pasar Muara Enim' }] });
  const scheme = await call(r, 'schemes.save', {
    kode: 'GS-2025',
    nama: 'GS 2025',
    berlakuDari: '2025-01-01',
    bungaBankPersen: '11',
    bungaDebiturPersen: '3',
    metodeBunga: 'efektif',
  });
  const sk = await call(r, 'decrees.save', { nomor: '188.45/123/KPTS/2025', tanggal: '2025-01-02', tahun: 2025, skemaId: scheme.id });
  const unit = (b: typeof bsb, kode: string) => b.cabang.find((c) => c.kode === kode)!.id;
  return { bsb, bri, scheme, sk, me: unit(bsb, 'ME'), te: unit(bsb, 'TE'), briUnit: unit(bri, 'UME') };
}

const HEADER = ['No', 'NIK', 'Nama', 'Bank', 'Unit/Cabang', 'Plafon'];
/** The list as the secretariat's spreadsheet has it; rows 4–10 of the file (title, blank, header first). */
const ROWS: (string | number)[][] = [
  [1, '1603106710850001', 'Siti Aminah', 'Bank Sumsel Babel', 'Muara Enim', '15.000.000'],
  [2, '1603101203800002', 'Rudi Hartono', 'bsb', 'Tanjung Enim', '12.000.000'],
  [3, '1.60302E+15', 'Ani Susanti', 'BSB', 'Muara Enim', '10.000.000'],
  [4, '1603104504900003', 'Ani Susanti', 'BSB', 'Lubai', '10.000.000'],
  [5, '1603103213850001', 'Dedi', 'BSB', 'Muara Enim', '10.000.000'],
  [6, '1603100202700005', 'Eko Saputra', 'Bank Mandiri', 'Muara Enim', '10.000.000'],
  [7, '1603100101750004', 'Budi Santoso', 'BRI', 'Unit Pasar Muara Enim', '12.000.000'],
];

function writeCsv(dir: string): string {
  const file = path.join(dir, 'sk-penerima-2025.csv');
  const lines = ['DAFTAR PENERIMA KREDIT GERBANG SERASAN — LAMPIRAN SK BUPATI MUARA ENIM 188.45/123/KPTS/2025', '', HEADER.join(';'), ...ROWS.map((r) => r.join(';'))];
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`, 'utf8');
  return file;
}

/** The same list as an XLSX; Eko's NIK typed into a number cell (Excel keeps 15 digits: the last is lost). */
async function writeXlsx(dir: string): Promise<string> {
  const file = path.join(dir, 'sk-penerima-2025.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Lampiran');
  ws.getCell('A1').value = 'DAFTAR PENERIMA KREDIT GERBANG SERASAN';
  ws.getRow(3).values = HEADER;
  ROWS.forEach((r, i) => {
    const values = [...r];
    values[5] = Number(String(r[5]).replace(/\./g, ''));
    if (r[2] === 'Eko Saputra') values[1] = 1603100202700010;
    ws.getRow(4 + i).values = values;
  });
  await wb.xlsx.writeFile(file);
  return file;
}

const errorsOf = (problems: ImportProblem[]) => problems.filter((p) => p.tingkat === 'galat').map((p) => [p.berkas, p.baris, p.kolom, p.pesan]);

describe('importing a decree list', () => {
  it('CSV: refuses each bad row with file, row, column and reason, and writes the good rows into the decree', async () => {
    const r = rt();
    const w = await world(r);
    const file = writeCsv(r.dir);
    const res = await importFileFromPath(r.handlers, { file, jenis: 'sk_penerima', skId: w.sk.id, previewOnly: true });
    expect(res.inspection).toMatchObject({ headerRow: 3, pemetaan: { nik: 'NIK', nama: 'Nama', bank: 'Bank', unit: 'Unit/Cabang', plafon: 'Plafon', noUrut: 'No' } });
    expect(res.preview).toMatchObject({ jumlahBaris: 7, jumlahValid: 3, jumlahGalat: 4, totalNilai: 39_000_000, bisaDisimpan: true });
    const problems = res.preview.masalah;
    const name = 'sk-penerima-2025.csv';
    expect(errorsOf(problems)).toEqual([
      [name, 6, 'NIK', 'NIK "1.60302E+15" rusak (format ilmiah Excel): digit aslinya sudah hilang; simpan kolom NIK sebagai teks'],
      [name, 7, 'Unit/Cabang', 'Unit/cabang "Lubai" tidak dikenal di Bank Sumsel Babel (yang terdaftar: Gunung Megang, Muara Enim, Cabang Pembantu Tanjung Enim)'],
      [name, 8, 'NIK', 'NIK "1603103213850001": Tanggal lahir pada NIK (digit 7–12) bukan tanggal yang sah'],
      [name, 9, 'Bank', 'Bank "Bank Mandiri" tidak dikenal; tulis nama atau kode bank mitra: Bank Sumsel Babel (BSB), BRI (BRI)'],
    ]);
    expect(problems.filter((p) => p.tingkat === 'peringatan').map((p) => [p.baris, p.kolom, p.pesan])).toEqual([
      [5, 'Unit/Cabang', 'Unit "Tanjung Enim" dibaca sebagai Cabang Pembantu Tanjung Enim (Bank Sumsel Babel)'],
    ]);

    const done = await importFileFromPath(r.handlers, { file, jenis: 'sk_penerima', skId: w.sk.id });
    expect(done.commit).toMatchObject({ jumlahBaris: 3, jumlahDilewati: 4, totalNilai: 39_000_000, tagihanId: null });
    const rows = (await call(r, 'decrees.rows', { skId: w.sk.id })).rows;
    expect(rows.map((x) => [x.noUrut, x.nik, x.nama, x.bankNama, x.cabangNama, x.unitTertulis, x.plafon])).toEqual([
      [1, '1603106710850001', 'Siti Aminah', 'Bank Sumsel Babel', 'Muara Enim', 'Muara Enim', 15_000_000],
      [2, '1603101203800002', 'Rudi Hartono', 'Bank Sumsel Babel', 'Cabang Pembantu Tanjung Enim', 'Tanjung Enim', 12_000_000],
      [7, '1603100101750004', 'Budi Santoso', 'BRI', 'Unit Pasar Muara Enim', 'Unit Pasar Muara Enim', 12_000_000],
    ]);
    expect(r.db.prepare('SELECT jenis, sk_id, bank_id, jumlah_baris FROM impor_berkas').all()).toEqual([{ jenis: 'sk_penerima', sk_id: w.sk.id, bank_id: null, jumlah_baris: 3 }]);
    expect(auditRows(r.db, 'sk_penerima').at(-1)).toMatchObject({ aksi: 'impor', entitasId: w.sk.id, sesudah: { ditambahkan: 3, dilewati: 0, jumlahBaris: 3 } });
    expect(auditRows(r.db, 'impor_berkas')).toHaveLength(1);

    // The decree now names Siti at BSB Muara Enim: her loan there is not flagged.
    const debtor = await call(r, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' });
    const flags = await call(r, 'loans.check', {
      debiturId: debtor.id,
      bankId: w.bsb.id,
      cabangId: w.me,
      skemaId: w.scheme.id,
      nomorRekening: '001',
      nomorAkad: 'AK/1',
      tanggalAkad: '2025-01-10',
      plafon: 12_000_000,
      tenorBulan: 12,
    });
    expect(flags).toEqual([]);

    // The same file again, replacing: the earlier rows are removed and written anew, never twice.
    const again = await importFileFromPath(r.handlers, { file, jenis: 'sk_penerima', skId: w.sk.id, ganti: true });
    expect(again.commit).toMatchObject({ diganti: true, jumlahBaris: 3 });
    expect(countRows(r.db, 'sk_penerima_baris')).toBe(3);
  });

  it('XLSX: the same checks, and a NIK in a number cell refused because Excel dropped its last digit', async () => {
    const r = rt();
    const w = await world(r);
    const file = await writeXlsx(r.dir);
    const res = await importFileFromPath(r.handlers, { file, jenis: 'sk_penerima', skId: w.sk.id, previewOnly: true });
    const name = 'sk-penerima-2025.xlsx';
    expect(errorsOf(res.preview.masalah)).toEqual([
      [name, 6, 'NIK', 'NIK "1.60302E+15" rusak (format ilmiah Excel): digit aslinya sudah hilang; simpan kolom NIK sebagai teks'],
      [name, 7, 'Unit/Cabang', 'Unit/cabang "Lubai" tidak dikenal di Bank Sumsel Babel (yang terdaftar: Gunung Megang, Muara Enim, Cabang Pembantu Tanjung Enim)'],
      [name, 8, 'NIK', 'NIK "1603103213850001": Tanggal lahir pada NIK (digit 7–12) bukan tanggal yang sah'],
      [name, 9, 'NIK', 'NIK "1603100202700010" tersimpan sebagai angka di Excel dan angka terakhirnya hilang; simpan kolom NIK sebagai teks'],
    ]);
    const done = await importFileFromPath(r.handlers, { file, jenis: 'sk_penerima', skId: w.sk.id });
    expect(done.commit).toMatchObject({ jumlahBaris: 3, totalNilai: 39_000_000 });
    expect((await call(r, 'decrees.get', { id: w.sk.id })).jumlahBaris).toBe(3);
  });

  it('a person already in the decree is skipped with a warning; a paid (locked) decree takes no list', async () => {
    const r = rt();
    const w = await world(r);
    await call(r, 'decrees.addRow', { skId: w.sk.id, nik: '1603106710850001', nama: 'Siti Aminah', bankId: w.bsb.id, cabangId: w.me, plafon: 15_000_000 });
    const file = writeCsv(r.dir);
    const res = await importFileFromPath(r.handlers, { file, jenis: 'sk_penerima', skId: w.sk.id });
    expect(res.preview.masalah.find((p) => p.baris === 4)).toMatchObject({
      tingkat: 'peringatan',
      kolom: 'NIK',
      pesan: 'NIK 1603106710850001 sudah tercantum dalam SK ini untuk Bank Sumsel Babel; baris ini dilewati',
    });
    expect(countRows(r.db, 'sk_penerima_baris')).toBe(3);
    expect(auditRows(r.db, 'sk_penerima').at(-1)).toMatchObject({ sesudah: { ditambahkan: 2, dilewati: 1, jumlahBaris: 3 } });

    // A loan the decree names gets paid: the decree is locked, and a further list is refused as a whole.
    const other = await call(r, 'decrees.save', { nomor: 'SK/2', tanggal: '2025-02-02', tahun: 2025, skemaId: w.scheme.id });
    const debtor = await call(r, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' });
    await call(r, 'decrees.addRow', { skId: other.id, nik: debtor.nik, nama: 'Siti Aminah', bankId: w.bsb.id, cabangId: w.me });
    const loan = await call(r, 'loans.save', {
      debiturId: debtor.id,
      bankId: w.bsb.id,
      cabangId: w.me,
      skemaId: w.scheme.id,
      nomorRekening: '001',
      nomorAkad: 'AK/1',
      tanggalAkad: '2025-02-10',
      plafon: 12_000_000,
      tenorBulan: 12,
    });
    await call(r, 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2025-02-11' });
    await call(r, 'loans.transition', { id: loan.id, ke: 'aktif', tanggal: '2025-02-12' });
    const paguId = Number(
      r.db.prepare("INSERT INTO pagu (tahun, jenis, kode_rekening, uraian, jumlah) VALUES (2025, 'subsidi_bunga', '5.1', 'Subsidi', 10000000)").run().lastInsertRowid,
    );
    await call(r, 'subsidy.recordPayment', { bankId: w.bsb.id, periodeAwal: '2025-02', nomorSp2d: 'SP2D/1', tanggalSp2d: '2025-03-10', paguId });
    expect((await call(r, 'decrees.get', { id: other.id })).terkunci).toBe(true);
    const locked = await importFileFromPath(r.handlers, { file: await writeXlsx(r.dir), jenis: 'sk_penerima', skId: other.id, previewOnly: true });
    expect(locked.preview.masalahBerkas).toEqual(['SK SK/2 sudah terkunci: pinjaman yang tercantum di dalamnya sudah dibayar subsidinya, daftarnya tidak dapat ditambah.']);
    expect(locked.preview.bisaDisimpan).toBe(false);
  });
});
