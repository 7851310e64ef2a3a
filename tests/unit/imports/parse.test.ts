import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { inspectFile, parseFile } from '../../../electron/services/imports/parse/pipeline';
import { decodeText, detectDelimiter, readSource, SourceError } from '../../../electron/services/imports/parse/source';
import { detectHeaderRow, suggestMapping, columnsOf } from '../../../electron/services/imports/parse/mapping';
import { claimWorkbook } from '../../fixtures/bank-files/make-xlsx';

const FIX = path.join(__dirname, '..', '..', 'fixtures', 'bank-files');
const bytes = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIX, name)));
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-parse-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('reading the bytes', () => {
  it.each([
    ['tagihan-koma.csv', ',', 'utf-8', false],
    ['tagihan-titikkoma-bom.csv', ';', 'utf-8', true],
    ['posisi-pipa.txt', '|', 'utf-8', false],
    ['tagihan-tab.tsv', '\t', 'utf-8', false],
    ['tagihan-cp1252.csv', ';', 'windows-1252', false],
  ])('%s: delimiter %j, %s, BOM %s', async (name, delimiter, encoding, bom) => {
    const { info } = await readSource(bytes(name), name, {});
    expect(info).toMatchObject({ format: 'csv', delimiter, encoding, bom });
  });

  it('Windows-1252 names come out right; the same bytes read as UTF-8 would not', async () => {
    const { grid, info } = await readSource(bytes('tagihan-cp1252.csv'), 'x.csv', {});
    expect(grid.rows.slice(1).map((r) => r[1])).toEqual(['Sutisna Ajeng Rahayu', 'Muh. Ma\u2019ruf', 'D\u00e9sy Marlin\u00e9 Pe\u00f1a']);
    expect(info.notes.join(' ')).toContain('Windows-1252');
    // Forcing UTF-8 gives replacement characters: the detection mattered.
    expect(decodeText(bytes('tagihan-cp1252.csv'), 'utf-8').text).toContain('\ufffd');
  });

  it('the BOM is not part of the first header', async () => {
    const { grid } = await readSource(bytes('tagihan-titikkoma-bom.csv'), 'x.csv', {});
    expect(grid.rows[0]![0]).toBe('LAPORAN TAGIHAN SUBSIDI BUNGA PROGRAM GERBANG SERASAN');
    // The quoted name keeps its semicolon.
    expect(grid.rows[4]![2]).toBe('Siti; Aminah');
  });

  it('semicolons win over the commas of Indonesian decimals', () => {
    expect(detectDelimiter('a;b;c\n1;1.234,50;2\n2;3,5;4\n')).toBe(';');
    expect(detectDelimiter('a,b,c\n1,"1.234,50",2\n')).toBe(',');
  });

  it('an overridden delimiter is used as is', async () => {
    const { grid, info } = await readSource(bytes('tagihan-koma.csv'), 'x.csv', { delimiter: ';' });
    expect(info.delimiter).toBe(';');
    expect(grid.rows[0]).toHaveLength(1);
  });

  it('refuses empty, corrupt, old-Excel and PDF files with a reason', async () => {
    await expect(readSource(bytes('kosong.csv'), 'kosong.csv', {})).rejects.toThrow(/kosong/);
    await expect(readSource(new TextEncoder().encode('  \r\n \r\n'), 'a.csv', {})).rejects.toThrow(/kosong/);
    await expect(readSource(bytes('tagihan-rusak.xlsx'), 'tagihan-rusak.xlsx', {})).rejects.toThrow(SourceError);
    await expect(readSource(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), 'lama.xls', {})).rejects.toThrow(/\.xls/);
    await expect(readSource(new TextEncoder().encode('%PDF-1.4'), 'a.pdf', {})).rejects.toThrow(/PDF/);
    await expect(readSource(new TextEncoder().encode('a,b'), 'bukan.xlsx', {})).rejects.toThrow(/bukan XLSX/);
  });
});

describe('header and mapping', () => {
  it('finds the header under title lines and maps the usual names', async () => {
    const { grid } = await readSource(bytes('tagihan-titikkoma-bom.csv'), 'x.csv', {});
    const h = detectHeaderRow('tagihan', grid.rows);
    expect(grid.rowNumbers[h]).toBe(4);
    const cols = columnsOf(grid.rows[h]!, 7);
    expect(suggestMapping('tagihan', cols)).toEqual({
      nomorRekening: 'No. Rek',
      nama: 'Nama Nasabah',
      periode: 'Bulan',
      outstanding: 'Baki Debet',
      tanggalAkad: 'Tgl Akad',
      diklaim: 'Subsidi Bunga',
    });
  });

  it('synonyms across kinds and languages', () => {
    const cols = (names: string[]) => columnsOf(names, names.length);
    expect(suggestMapping('tagihan', cols(['Account', 'Name', 'Period', 'Outstanding', 'Subsidi', 'Bunga (%)']))).toEqual({
      nomorRekening: 'Account',
      nama: 'Name',
      periode: 'Period',
      outstanding: 'Outstanding',
      diklaim: 'Subsidi',
      bungaPersen: 'Bunga (%)',
    });
    expect(suggestMapping('posisi', cols(['REKENING', 'BULAN', 'OUTSTANDING', 'KOLEKTIBILITAS', 'DPD', 'ANGSURAN']))).toEqual({
      nomorRekening: 'REKENING',
      periode: 'BULAN',
      outstanding: 'OUTSTANDING',
      kol: 'KOLEKTIBILITAS',
      hariTunggakan: 'DPD',
      angsuranDibayar: 'ANGSURAN',
    });
    expect(suggestMapping('premi', cols(['No. Rekening', 'IJP', 'No Invoice', 'Tgl Invoice']))).toEqual({
      nomorRekening: 'No. Rekening',
      nilaiPremi: 'IJP',
      nomorTagihan: 'No Invoice',
      tanggalTagihan: 'Tgl Invoice',
    });
    // Blank and repeated headers still get a key each.
    expect(columnsOf(['Tanggal', '', 'Tanggal'], 3).map((c) => c.key)).toEqual(['Tanggal', 'Kolom B', 'Tanggal (2)']);
  });

  it('a saved template wins where its columns exist', async () => {
    const found = await inspectFile(bytes('tagihan-koma.csv'), 'a.csv', 'tagihan', {}, { diklaim: 'Nilai Tagihan', outstanding: 'Kolom Hilang' });
    expect(found.sumberPemetaan).toBe('templat');
    expect(found.pemetaan.diklaim).toBe('Nilai Tagihan');
    expect(found.pemetaan.outstanding).toBe('Baki Debet');
  });
});

describe('rows: values, problems, total and footer rows', () => {
  it('Indonesian CSV: sen rounded with a warning, total and footer skipped and listed', async () => {
    const mapping = { nomorRekening: 'No. Rek', nama: 'Nama Nasabah', periode: 'Bulan', outstanding: 'Baki Debet', tanggalAkad: 'Tgl Akad', diklaim: 'Subsidi Bunga' };
    const out = await parseFile(bytes('tagihan-titikkoma-bom.csv'), 'x.csv', { kind: 'tagihan', opts: {}, mapping, fixed: {} });
    expect(out.rows.map((r) => [r.baris, r.values.nomorRekening, r.values.periode, r.values.diklaim, r.values.tanggalAkad])).toEqual([
      [5, '0012300001', '2026-10', 79_236, '2026-01-10'],
      [6, '0012300002', '2026-10', 75_779, '2026-01-10'],
      [7, '0012300003', '2026-10', 1_234_568, '2026-01-10'],
    ]);
    expect(out.rows.every((r) => !r.galat)).toBe(true);
    expect(out.problems.filter((p) => p.tingkat === 'peringatan').map((p) => [p.baris, p.kolom])).toEqual([
      [6, 'Subsidi Bunga'],
      [7, 'Subsidi Bunga'],
    ]);
    expect(out.skipped.map((s) => [s.baris, s.alasan])).toEqual([
      [9, 'Baris total'],
      [11, 'Baris penutup (tanda tangan/keterangan)'],
      [12, 'Baris penutup (tanda tangan/keterangan)'],
    ]);
    expect(out.emptyRows).toBe(2);
    expect(out.fileProblems).toEqual([]);
  });

  it('a value repeated down the file (read once per column) still gives each row its own value and its own problem', async () => {
    // Windows-1252, semicolons, a title line: the period, rate and days repeat; one bad period and one bad rate twice each.
    const lines = ['TAGIHAN SUBSIDI BANK SUMSEL BABEL \u2013 PERIODE OKTOBER 2026', 'No Rekening;Nama;Periode;Suku Bunga;Jumlah Hari;Nilai Subsidi'];
    const cells = [
      ['0012300001', 'Désy', '10/2026', '6', '31', '79.236'],
      ['0012300002', 'Ma\u2019ruf', '13/2026', '6', '31', '75.779'],
      ['0012300003', 'Peña', '10/2026', 'enam', '31', '1.000'],
      ['0012300004', 'Andi', '13/2026', 'enam', '30', '2.000'],
      ['0012300005', 'Budi', '10/2026', '6', '31', '3.000,50'],
      ['0012300006', 'Citra', '10/2026', '6', '31', '3.000,50'],
    ];
    const text = [...lines, ...cells.map((c) => c.join(';'))].join('\r\n').replace('\u2013', '-').replace('\u2019', "'");
    const out = await parseFile(new Uint8Array(Buffer.from(text, 'latin1')), 'x.csv', {
      kind: 'tagihan',
      opts: {},
      mapping: { nomorRekening: 'No Rekening', nama: 'Nama', periode: 'Periode', bungaPersen: 'Suku Bunga', hari: 'Jumlah Hari', diklaim: 'Nilai Subsidi' },
      fixed: {},
    });
    expect(out.rows.map((r) => [r.baris, r.values.periode, r.values.bungaPersen, r.values.hari, r.values.diklaim, r.galat])).toEqual([
      [3, '2026-10', '6', 31, 79_236, false],
      [4, null, '6', 31, 75_779, true],
      [5, '2026-10', null, 31, 1_000, false],
      [6, null, null, 30, 2_000, true],
      [7, '2026-10', '6', 31, 3_001, false],
      [8, '2026-10', '6', 31, 3_001, false],
    ]);
    expect(out.rows[2]!.values.nama).toBe('Peña');
    expect(out.problems.map((p) => [p.baris, p.kolom, p.tingkat])).toEqual([
      [4, 'Periode', 'galat'],
      [5, 'Suku Bunga', 'peringatan'],
      [6, 'Periode', 'galat'],
      [6, 'Suku Bunga', 'peringatan'],
      [7, 'Nilai Subsidi', 'peringatan'],
      [8, 'Nilai Subsidi', 'peringatan'],
    ]);
    // The same message for the same bad cell, on each of its rows.
    expect(out.problems[0]!.pesan).toBe(out.problems[2]!.pesan);
    expect(out.problems[1]!.pesan).toBe(out.problems[3]!.pesan);
  });

  it('a broken account, a missing amount: errors with row and column', async () => {
    const out = await parseFile(bytes('tagihan-tab.tsv'), 'x.tsv', {
      kind: 'tagihan',
      opts: {},
      mapping: { nomorRekening: 'Account', periode: 'Period', diklaim: 'Subsidi' },
      fixed: {},
    });
    expect(out.rows.map((r) => r.galat)).toEqual([false, false, true]);
    expect(out.problems).toEqual([expect.objectContaining({ baris: 4, kolom: 'Account', tingkat: 'galat', pesan: expect.stringContaining('format ilmiah') })]);
  });

  it('a wrong mapping is said once for the file', async () => {
    const out = await parseFile(bytes('tagihan-koma.csv'), 'x.csv', {
      kind: 'tagihan',
      opts: {},
      mapping: { nomorRekening: 'No Rekening', periode: 'Periode', diklaim: 'Nama Debitur' },
      fixed: {},
    });
    expect(out.fileProblems).toHaveLength(1);
    expect(out.fileProblems[0]).toMatch(/Pemetaan kolom tampaknya salah: 5 dari 5 nilai di kolom "Nama Debitur"/);
  });

  it('a period for the whole file fills a missing period column', async () => {
    const out = await parseFile(bytes('tagihan-cp1252.csv'), 'x.csv', {
      kind: 'tagihan',
      opts: {},
      mapping: { nomorRekening: 'No Rekening', nama: 'Nama Debitur', diklaim: 'Nilai Tagihan' },
      fixed: { periode: '2026-09' },
    });
    expect(out.rows.map((r) => [r.values.periode, r.values.diklaim])).toEqual([
      ['2026-09', 79_236],
      ['2026-09', 75_778],
      ['2026-09', 72_333],
    ]);
  });

  it('XLSX: chosen sheet, header on row 5, text and zero-padded numeric accounts, date cells and serials, total row', async () => {
    const file = path.join(tmp, 'tagihan.xlsx');
    const made = await claimWorkbook(file);
    const b = new Uint8Array(fs.readFileSync(file));
    const first = await inspectFile(b, 'tagihan.xlsx', 'tagihan', {}, null);
    expect(first.info.sheets).toEqual(['Catatan', 'Tagihan Okt']);
    expect(first.info.sheet).toBe('Catatan');
    const found = await inspectFile(b, 'tagihan.xlsx', 'tagihan', { sheet: 'Tagihan Okt' }, null);
    expect(found.headerRow).toBe(5);
    expect(found.pemetaan).toMatchObject({
      nomorRekening: 'Nomor Rekening',
      periode: 'Periode',
      tanggalAkad: 'Tgl Akad',
      outstanding: 'Outstanding',
      kol: 'Kol',
      diklaim: 'Jumlah Subsidi',
    });
    const out = await parseFile(b, 'tagihan.xlsx', { kind: 'tagihan', opts: { sheet: 'Tagihan Okt' }, mapping: found.pemetaan, fixed: {} });
    expect(out.rows.map((r) => r.values.nomorRekening)).toEqual(made.rows.map((r) => r.rek));
    expect(out.rows.every((r) => r.values.periode === '2026-10' && r.values.tanggalAkad === '2026-01-10')).toBe(true);
    const expectedTotal = made.rows.reduce((s, r) => s + Math.round(r.diklaim), 0);
    expect(out.rows.reduce((s, r) => s + (r.values.diklaim as number), 0)).toBe(expectedTotal);
    expect(out.skipped.map((s) => s.alasan)).toEqual(['Baris total', 'Baris penutup (tanda tangan/keterangan)', 'Baris penutup (tanda tangan/keterangan)']);
    expect(out.problems.filter((p) => p.tingkat === 'peringatan')).toHaveLength(made.rows.filter((r) => r.sen).length);
  });

  it('XLSX read as a stream: 20,000 rows with their numbers, a gap kept, numeric accounts keep their zeros', async () => {
    const n = 20_000;
    const gap = 10_002; // no row at all in the file here
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tagihan');
    ws.getRow(1).values = ['No', 'No Rekening', 'Rekening Angka', 'Nama', 'Periode', 'Nilai Tagihan'];
    const expected = (i: number) => [i, `00${String(i).padStart(8, '0')}`, String(i * 7).padStart(10, '0'), `Debitur ${i}`, '2026-10-01', 50_000 + i];
    for (let i = 1; i <= n; i++) {
      const row = ws.getRow(i + 1 + (i + 1 >= gap ? 1 : 0));
      row.values = [i, `00${String(i).padStart(8, '0')}`, i * 7, `Debitur ${i}`, new Date(Date.UTC(2026, 9, 1)), 50_000 + i];
      row.getCell(3).numFmt = '0000000000';
      row.getCell(5).numFmt = 'mmm-yyyy';
    }
    const b = new Uint8Array(await wb.xlsx.writeBuffer());
    const progress: [number, number][] = [];
    const { info, grid } = await readSource(b, 'besar.xlsx', {}, (done, total) => progress.push([done, total]));
    expect(info).toMatchObject({ format: 'xlsx', sheets: ['Tagihan'], sheet: 'Tagihan' });
    expect(grid.rows).toHaveLength(n + 2);
    expect(grid.rowNumbers).toEqual(Array.from({ length: n + 2 }, (_, i) => i + 1));
    expect(grid.rows[0]).toEqual(['No', 'No Rekening', 'Rekening Angka', 'Nama', 'Periode', 'Nilai Tagihan']);
    expect(grid.rows[gap - 1]).toEqual([]);
    for (let i = 1; i <= n; i++) {
      const at = i + 1 + (i + 1 >= gap ? 1 : 0);
      expect(grid.rows[at - 1]).toEqual(expected(i));
    }
    expect(grid.rows[2]![2]).toBe('0000000014');
    // Every 5,000 rows, out of the row count the sheet's <dimension> gives.
    expect(progress).toEqual([5000, 10_000, 15_000, 20_000].map((done) => [done, n + 2]));
  });

  it('XLSX: the same grid whether its parts are deflated (inflated by zlib) or stored, and a damaged deflate stream is a damaged file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tagihan');
    ws.getRow(1).values = ['No Rekening', 'Nama', 'Periode', 'Nilai Tagihan'];
    for (let i = 1; i <= 3000; i++) ws.getRow(i + 1).values = [`00${String(i).padStart(8, '0')}`, `Debitur ${i} Ma’ruf`, new Date(Date.UTC(2026, 9, 1)), 50_000 + i];
    const deflated = new Uint8Array(await wb.xlsx.writeBuffer());
    const zip = await JSZip.loadAsync(deflated);
    const stored = new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }));
    const a = await readSource(deflated, 'a.xlsx', {});
    const b = await readSource(stored, 'b.xlsx', {});
    expect(b.grid).toEqual(a.grid);
    expect(a.grid.rows).toHaveLength(3001);
    expect(a.grid.rows[3000]).toEqual(['0000003000', 'Debitur 3000 Ma’ruf', '2026-10-01', 53_000]);
    // The sheet's deflated bytes damaged in the middle (the archive's directory intact).
    const sheet = zip.file('xl/worksheets/sheet1.xml')!;
    const packed = (sheet as unknown as { _data: { compressedContent: Uint8Array } })._data.compressedContent;
    const at = Buffer.from(deflated).indexOf(Buffer.from(packed.subarray(0, 64)));
    expect(at).toBeGreaterThan(0);
    const damaged = deflated.slice();
    for (let i = at + 200; i < at + 400; i++) damaged[i] = 0xff;
    await expect(readSource(damaged, 'c.xlsx', {})).rejects.toThrow(/rusak/);
  });

  it('XLSX: hidden and very hidden sheets, in any order of the parts inside the file', async () => {
    const wb = new ExcelJS.Workbook();
    const secret = wb.addWorksheet('Rahasia');
    secret.state = 'veryHidden';
    secret.getCell('A1').value = 'tidak untuk diimpor';
    const hidden = wb.addWorksheet('Sembunyi');
    hidden.state = 'hidden';
    hidden.getCell('A1').value = 'tersembunyi';
    const data = wb.addWorksheet('Data');
    data.getRow(3).values = ['No Rekening', 'Tgl'];
    data.getRow(4).values = ['0012300001', new Date(Date.UTC(2026, 0, 10))];
    data.getCell('B4').numFmt = 'dd/mm/yyyy';
    const written = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    // Excel's own order: the workbook first, then the sheets, styles and shared strings last.
    // (A one-pass unzip that meets the sheets before those can lose them.)
    const rank = (name: string) =>
      ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/', 'xl/styles.xml', 'xl/sharedStrings.xml'].findIndex((p) => name.startsWith(p));
    const names = Object.keys(written.files)
      .filter((f) => !written.files[f]!.dir)
      .sort((a, b) => rank(a) - rank(b));
    const reordered = new JSZip();
    for (const name of names) reordered.file(name, await written.file(name)!.async('nodebuffer'));
    const b = new Uint8Array(await reordered.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));

    const first = await readSource(b, 'a.xlsx', {});
    expect(first.info).toMatchObject({ sheets: ['Sembunyi', 'Data'], sheet: 'Data' });
    expect(first.grid.rows).toEqual([[], [], ['No Rekening', 'Tgl'], ['0012300001', '2026-01-10']]);
    expect(first.grid.rowNumbers).toEqual([1, 2, 3, 4]);
    expect((await readSource(b, 'a.xlsx', { sheet: 'Sembunyi' })).grid.rows).toEqual([['tersembunyi']]);
    await expect(readSource(b, 'a.xlsx', { sheet: 'Tidak Ada' })).rejects.toThrow('Lembar kerja "Tidak Ada" tidak ada di berkas ini.');
  });
});
