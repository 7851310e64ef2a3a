import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { inspectFile, parseFile } from '../../../electron/services/imports/parse/pipeline';
import { readSource } from '../../../electron/services/imports/parse/source';
import { detectHeaderRow } from '../../../electron/services/imports/parse/mapping';
import { findTitlePeriod, periodInText } from '../../../electron/services/imports/parse/title';
import { CLAIM_FILE_FORMATS, writeClaimFile, type ClaimFileLine, type ClaimFileSet } from '../../../electron/services/demo/claim-files';

const FIX = path.join(__dirname, '..', '..', 'fixtures', 'bank-files');
const bytes = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIX, name)));
const text = (s: string) => new TextEncoder().encode(s);

describe('a file without a header row (SIKP-style pipe export)', () => {
  const FILE = 'tagihan-pipa-tanpa-judul.txt';
  const mapping = { nomorRekening: 'Kolom 1', nama: 'Kolom 2', periode: 'Kolom 4', diklaim: 'Kolom 9' };

  it('is detected as having none: no data line is taken as the header, columns named Kolom 1 … with a sample each', async () => {
    const found = await inspectFile(bytes(FILE), FILE, 'tagihan', {}, null);
    expect(found.tanpaJudul).toBe(true);
    expect(found.headerRow).toBe(0);
    expect(found.dataRows).toBe(6);
    expect(found.kolom.map((c) => [c.key, c.contoh])).toEqual([
      ['Kolom 1', '0012300001'],
      ['Kolom 2', 'SUTISNA AJENG RAHAYU'],
      ['Kolom 3', '1603014503800001'],
      ['Kolom 4', '202610'],
      ['Kolom 5', '11500000'],
      ['Kolom 6', '8'],
      ['Kolom 7', '31'],
      ['Kolom 8', '1'],
      ['Kolom 9', '79236'],
    ]);
    // No header names, so nothing is suggested from them.
    expect(found.pemetaan).toEqual({});
    expect(found.notes.join(' ')).toContain('dibaca tanpa baris judul');
  });

  it('every money line is kept, the line identical to the first too; the total is the sum of all six', async () => {
    const out = await parseFile(bytes(FILE), FILE, { kind: 'tagihan', opts: { tanpaJudul: true }, mapping, fixed: {} });
    expect(out.headerRow).toBe(0);
    expect(out.skipped).toEqual([]);
    expect(out.fileProblems).toEqual([]);
    expect(out.rows.map((r) => [r.baris, r.values.nomorRekening, r.values.diklaim, r.galat])).toEqual([
      [1, '0012300001', 79_236, false],
      [2, '0012300002', 75_778, false],
      [3, '9990000001', 61_000, false],
      [4, '0012300003', 72_333, false],
      [5, '0012300001', 79_236, false],
      [6, '9990000001', 61_000, false],
    ]);
    // By hand: 79.236 + 75.778 + 61.000 + 72.333 + 79.236 + 61.000.
    expect(out.rows.reduce((s, r) => s + (r.values.diklaim as number), 0)).toBe(428_583);
    // Auto-detected the same way without being told.
    const auto = await parseFile(bytes(FILE), FILE, { kind: 'tagihan', opts: {}, mapping, fixed: {} });
    expect(auto.rows).toHaveLength(6);
  });

  it('a repeated account and period is a warning naming the first row, known account or not', async () => {
    const out = await parseFile(bytes(FILE), FILE, { kind: 'tagihan', opts: { tanpaJudul: true }, mapping, fixed: {} });
    expect(out.problems).toEqual([
      { baris: 5, kolom: 'Kolom 1', tingkat: 'peringatan', pesan: expect.stringContaining('Rekening 0012300001 untuk Oktober 2026 sudah ada di baris 1') },
      { baris: 6, kolom: 'Kolom 1', tingkat: 'peringatan', pesan: expect.stringContaining('Rekening 9990000001 untuk Oktober 2026 sudah ada di baris 3') },
    ]);
  });

  it('told the first line is the header, the file stops with a message instead of losing money lines', async () => {
    const out = await parseFile(bytes(FILE), FILE, {
      kind: 'tagihan',
      opts: { headerRow: 1 },
      mapping: { nomorRekening: '0012300001', periode: '202610', diklaim: '79236' },
      fixed: {},
    });
    // The line identical to the "header" is data, not a repeated header.
    expect(out.skipped).toEqual([]);
    expect(out.rows.map((r) => r.baris)).toEqual([2, 3, 4, 5, 6]);
    expect(out.fileProblems).toEqual([expect.stringMatching(/^Baris judul \(baris 1\) berisi nomor rekening "0012300001": tampaknya baris data/)]);
  });

  it('a repeated header under a real header is still set aside', async () => {
    const csv = 'No Rekening;Periode;Nilai Tagihan\n0012300001;2026-10;79.236\nNo Rekening;Periode;Nilai Tagihan\n0012300002;2026-10;75.778\n';
    const out = await parseFile(text(csv), 'a.csv', {
      kind: 'tagihan',
      opts: {},
      mapping: { nomorRekening: 'No Rekening', periode: 'Periode', diklaim: 'Nilai Tagihan' },
      fixed: {},
    });
    expect(out.skipped.map((s) => [s.baris, s.alasan])).toEqual([[3, 'Judul kolom berulang']]);
    expect(out.rows.map((r) => r.values.diklaim)).toEqual([79_236, 75_778]);
  });

  it('a bank position file repeating an account-month: the repeat is an error (positions are written as they are)', async () => {
    const csv = ['0012300001|10/2026|11.500.000|1', '0012300002|10/2026|11.000.000|1', '12300001|10/2026|11.400.000|1'].join('\n');
    const out = await parseFile(text(csv), 'posisi.txt', {
      kind: 'posisi',
      opts: { tanpaJudul: true },
      mapping: { nomorRekening: 'Kolom 1', periode: 'Kolom 2', outstanding: 'Kolom 3', kol: 'Kolom 4' },
      fixed: {},
    });
    expect(out.rows.map((r) => r.galat)).toEqual([false, false, true]);
    expect(out.problems).toEqual([{ baris: 3, kolom: 'Kolom 1', tingkat: 'galat', pesan: 'Rekening 12300001 untuk Oktober 2026 sudah ada di baris 1; baris ini tidak disimpan' }]);
  });

  it('headers are still found: with known names, with unknown names, a data row naming "Bunga" and "Saldo" is not one', () => {
    expect(
      detectHeaderRow('tagihan', [
        ['ACCT', 'CUSTNAME', 'AMT'],
        ['0012300001', 'SITI', '79236'],
      ]),
    ).toBe(0);
    expect(detectHeaderRow('tagihan', [['LAPORAN'], [], ['No Rekening', 'Nama', 'Subsidi'], ['0012300001', 'Siti', '79.236']])).toBe(2);
    expect(detectHeaderRow('tagihan', [['0012300001', 'TOKO BUNGA SALDO', '202610', '61000']])).toBe(-1);
    // A two-cell title line above a wider table is not its header.
    expect(
      detectHeaderRow('tagihan', [
        ['Periode', 'Oktober 2026'],
        ['0012300001', 'SITI', '202610', '79236', '1'],
      ]),
    ).toBe(-1);
  });
});

describe('the period in the title lines', () => {
  it.each([
    ['PERIODE: 01/01/2025 s.d. 31/01/2025', '2025-01', '2025-01'],
    ['Periode : Januari 2025', '2025-01', '2025-01'],
    ['Bulan Januari 2025', '2025-01', '2025-01'],
    ['PERIODE 2025-01', '2025-01', '2025-01'],
    ['LAPORAN TAGIHAN SUBSIDI BUNGA BULAN OKTOBER 2026', '2026-10', '2026-10'],
    ['Bank Sumsel Babel — Periode Oktober 2026', '2026-10', '2026-10'],
    ['Periode Tagihan : 10/2026', '2026-10', '2026-10'],
    ['Posisi per 31 Desember 2026', '2026-12', '2026-12'],
    ['POSISI AKHIR BULAN NOPEMBER 2026', '2026-11', '2026-11'],
    ['Periode 26/12/2025 s/d 25/01/2026', '2025-12', '2026-01'],
    ['DAFTAR TAGIHAN SUBSIDI BUNGA PROGRAM GERBANG SERASAN PERIODE Oktober 2026 S.D. Desember 2026', '2026-10', '2026-12'],
    ['Periode Januari - Maret 2025', '2025-01', '2025-03'],
  ])('%s', (title, awal, akhir) => {
    expect(periodInText(title)).toEqual({ awal, akhir });
  });

  it.each(['Dicetak tanggal 05/11/2026', 'Laporan per cabang', 'Muara Enim, 5 November 2026', 'Bunga 8% per tahun', 'PT BANK SUMSEL BABEL', 'Periode'])(
    'not a period: %s',
    (title) => {
      expect(periodInText(title)).toBeNull();
    },
  );

  it('a CSV with two title lines and the period line above the header: the month offered for the whole file, the note says where from', async () => {
    const found = await inspectFile(bytes('tagihan-judul-periode.csv'), 'tagihan-judul-periode.csv', 'tagihan', {}, null);
    expect(found.headerRow).toBe(5);
    expect(found.tanpaJudul).toBe(false);
    expect(found.pemetaan).toEqual({ nomorRekening: 'No. Rekening', nama: 'Nama Debitur', outstanding: 'Baki Debet', hari: 'Hari', diklaim: 'Subsidi Bunga' });
    expect(found.saranTetap).toEqual({ periode: '2026-10' });
    expect(found.notes).toEqual([expect.stringContaining('Periode Oktober 2026 dibaca dari judul berkas (baris 3: "PERIODE: 01/10/2026 s.d. 31/10/2026")')]);
  });

  it('several months: not offered, and said', async () => {
    const csv = 'DAFTAR TAGIHAN PERIODE OKTOBER 2026 S.D. DESEMBER 2026\nNo Rekening;Periode;Nilai Tagihan\n0012300001;2026-10;79.236\n';
    const found = await inspectFile(text(csv), 'a.csv', 'tagihan', {}, null);
    expect(found.saranTetap).toEqual({});
    expect(found.notes.join(' ')).toContain('menyebut periode Oktober 2026 s.d. Desember 2026, lebih dari satu bulan');
  });

  it('title lines naming different months: not offered', () => {
    const r = findTitlePeriod([['Periode Oktober 2026'], ['Bulan November 2026'], ['No Rekening']], [1, 2, 3], 2);
    expect(r.found).toBeNull();
    expect(r.conflict.map((f) => f.baris)).toEqual([1, 2]);
  });

  it('a headerless file: its title line above the data', async () => {
    const txt = 'PERIODE: 01/10/2026 s.d. 31/10/2026\n0012300001|SITI|202610|79236\n0012300002|RUDI|202610|75778\n';
    const found = await inspectFile(text(txt), 'a.txt', 'tagihan', {}, null);
    expect(found).toMatchObject({ tanpaJudul: true, saranTetap: { periode: '2026-10' } });
    const out = await parseFile(text(txt), 'a.txt', {
      kind: 'tagihan',
      opts: { tanpaJudul: true },
      mapping: { nomorRekening: 'Kolom 1', diklaim: 'Kolom 4' },
      fixed: { periode: '2026-10' },
    });
    expect(out.rows.map((r) => [r.baris, r.values.diklaim, r.values.periode])).toEqual([
      [2, 79_236, '2026-10'],
      [3, 75_778, '2026-10'],
    ]);
    expect(out.skipped.map((s) => s.baris)).toEqual([1]);
  });

  it('XLSX: "Posisi per" and a date cell in the title block, "Periode :" and a month in two cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Nominatif');
    ws.mergeCells('A1:E1');
    ws.getCell('A1').value = 'DAFTAR NOMINATIF KREDIT GERBANG SERASAN';
    ws.getCell('A2').value = 'Posisi per';
    ws.getCell('B2').value = new Date(Date.UTC(2026, 9, 31));
    ws.getCell('B2').numFmt = 'dd/mm/yyyy';
    ws.getCell('A3').value = 'Bank Sumsel Babel';
    ws.getRow(5).values = ['No', 'No Rekening', 'Nama Debitur', 'Baki Debet', 'Kol'];
    ws.getRow(6).values = [1, '0012300001', 'Sutisna', 11_500_000, 1];
    ws.getRow(7).values = [2, '0012300002', 'Rudi', 11_000_000, 1];
    const b = new Uint8Array(await wb.xlsx.writeBuffer());
    const found = await inspectFile(b, 'nominatif.xlsx', 'posisi', {}, null);
    expect(found).toMatchObject({ headerRow: 5, saranTetap: { periode: '2026-10' } });
    expect(found.notes[0]).toContain('(baris 2: "Posisi per 2026-10-31")');

    const wb2 = new ExcelJS.Workbook();
    const ws2 = wb2.addWorksheet('Tagihan');
    ws2.getRow(1).values = ['LAPORAN TAGIHAN SUBSIDI BUNGA'];
    ws2.getRow(2).values = ['Periode :', 'Januari 2027'];
    ws2.getRow(4).values = ['No Rekening', 'Nama', 'Subsidi'];
    ws2.getRow(5).values = ['0012300001', 'Siti', 79_236];
    const found2 = await inspectFile(new Uint8Array(await wb2.xlsx.writeBuffer()), 't.xlsx', 'tagihan', {}, null);
    expect(found2).toMatchObject({ headerRow: 4, saranTetap: { periode: '2027-01' } });
  });
});

describe('row numbers are the file’s line numbers', () => {
  it('a quoted field spanning lines does not shift the later rows', async () => {
    const csv =
      'No Rekening;Alamat;Periode;Nilai Tagihan\r\n0012300001;"Jl. Merdeka\r\nNo. 5";2026-10;79.236\r\n0012300002;"Desa Lubai\nRT 01\nRW 02";2026-10;abc\r\n0012300003;Muara Enim;2026-10;72.333\r\n';
    const { grid } = await readSource(text(csv), 'a.csv', {});
    expect(grid.rowNumbers).toEqual([1, 2, 4, 7]);
    const out = await parseFile(text(csv), 'a.csv', {
      kind: 'tagihan',
      opts: {},
      mapping: { nomorRekening: 'No Rekening', periode: 'Periode', diklaim: 'Nilai Tagihan' },
      fixed: {},
    });
    expect(out.rows.map((r) => r.baris)).toEqual([2, 4, 7]);
    expect(out.problems.map((p) => [p.baris, p.kolom])).toEqual([[4, 'Nilai Tagihan']]);
  });
});

describe('the shapes the demo claim-file writer produces (written by other code, read back here)', () => {
  const line = (i: number, planted: ClaimFileLine['planted'] = 'cocok'): ClaimFileLine => ({
    nomorRekening: `00123000${String(i).padStart(2, '0')}`,
    nama: `Debitur ${i}`,
    nik: `16030145038000${String(i).padStart(2, '0')}`,
    periode: '2026-10',
    plafon: 12_000_000,
    tanggalAkad: '2026-01-10',
    outstanding: 11_500_000 - i * 100_000,
    bungaPersen: '8',
    hari: 31,
    kol: 1,
    diklaim: 79_236 - i * 700,
    planted,
  });
  const lines = [line(1), line(2), line(3), { ...line(2), planted: 'ganda' as const }, line(4)];
  const set = (periodeAkhir = '2026-10'): ClaimFileSet => ({
    bankId: 1,
    bankNama: 'Bank Sumsel Babel',
    periode: '2026-10',
    periodeAkhir,
    lines,
    planted: { cocok: 4, selisih_outstanding: 0, selisih_konvensi_hari: 0, rekening_tidak_dikenal: 0, tidak_memenuhi_syarat: 0, ganda: 1 },
    tidakDiklaim: [],
    totalDiklaim: lines.reduce((s, l) => s + l.diklaim, 0),
    totalCocok: 0,
  });

  it.each(CLAIM_FILE_FORMATS)('%s: the header found, every line read, the repeat flagged, the title period offered', async (format) => {
    const name = `tagihan.${format === 'xlsx' ? 'xlsx' : 'csv'}`;
    const b = new Uint8Array(await writeClaimFile(set(), format));
    const found = await inspectFile(b, name, 'tagihan', {}, null);
    expect(found.tanpaJudul).toBe(false);
    expect(found.pemetaan).toMatchObject({ nomorRekening: 'No Rekening', periode: 'Periode', diklaim: 'Nilai Subsidi' });
    const titled = format === 'csv-titik-koma' || format === 'xlsx';
    expect(found.saranTetap).toEqual(titled ? { periode: '2026-10' } : {});
    const out = await parseFile(b, name, { kind: 'tagihan', opts: { headerRow: found.headerRow }, mapping: found.pemetaan, fixed: {} });
    expect(out.rows.map((r) => r.values.diklaim)).toEqual(lines.map((l) => l.diklaim));
    expect(out.rows.filter((r) => r.galat)).toEqual([]);
    const repeat = out.problems.filter((p) => p.pesan.includes('sudah ada di baris'));
    expect(repeat).toEqual([expect.objectContaining({ baris: out.rows[3]!.baris, pesan: expect.stringContaining(`sudah ada di baris ${out.rows[1]!.baris}`) })]);
  });

  it('a claim over three months: the title range is said, not taken', async () => {
    const found = await inspectFile(new Uint8Array(await writeClaimFile(set('2026-12'), 'csv-titik-koma')), 'q.csv', 'tagihan', {}, null);
    expect(found.saranTetap).toEqual({});
    expect(found.notes.join(' ')).toContain('menyebut periode Oktober 2026 s.d. Desember 2026, lebih dari satu bulan');
  });
});
