/**
 * The parse's rows cross from the import worker to the main thread as columns (parse/columns.ts)
 * and are rebuilt there. The rows, problems, skipped lines and file problems that arrive must be
 * exactly what the parser made in-process, for the files the import tests use: headerless files,
 * title lines with the period, Windows-1252, a BOM, Excel-damaged numbers and dates, numeric XLSX
 * accounts (rekeningAngka), rows with errors; and the inspection reading only a file's head must
 * answer as reading it whole did.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile, parseFile, INSPECTION_HEAD_ROWS } from '../../electron/services/imports/parse/pipeline';
import { readSource } from '../../electron/services/imports/parse/source';
import { runWorker } from '../../electron/services/imports/run-worker';
import { columnsToRows, rowsToColumns } from '../../electron/services/imports/parse/columns';
import type { ImportKind, ImportOptions } from '../../electron/contract/imports';
import { claimWorkbook } from '../fixtures/bank-files/make-xlsx';
import { bankListCsv, legacyWorkbook } from '../fixtures/loan-files/make';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'bank-files');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-import-columns-'));

const kindOf = (name: string): ImportKind => (name.startsWith('posisi') ? 'posisi' : name.startsWith('premi') ? 'premi' : name.startsWith('riwayat') ? 'riwayat' : 'tagihan');

async function files(): Promise<{ file: string; kind: ImportKind }[]> {
  const out = fs
    .readdirSync(FIXTURES)
    .filter((f) => /\.(csv|txt|tsv)$/.test(f) && f !== 'kosong.csv' && f !== 'judul-saja.csv')
    .map((f) => ({ file: path.join(FIXTURES, f), kind: kindOf(f) }));
  const xlsx = path.join(dir, 'tagihan.xlsx');
  await claimWorkbook(xlsx);
  const legacy = path.join(dir, 'pinjaman-lama.xlsx');
  await legacyWorkbook(legacy);
  const bankList = path.join(dir, 'pinjaman-bank.csv');
  bankListCsv(bankList);
  return [...out, { file: xlsx, kind: 'tagihan' }, { file: legacy, kind: 'pinjaman' }, { file: bankList, kind: 'pinjaman' }];
}

describe('rows across the worker as columns', () => {
  it('arrive as the parser made them, for every fixture file', async () => {
    let withRows = 0;
    for (const { file, kind } of await files()) {
      const bytes = new Uint8Array(fs.readFileSync(file));
      const name = path.basename(file);
      const inspection = await inspectFile(bytes, name, kind, {}, null);
      const opts: ImportOptions = inspection.tanpaJudul ? { tanpaJudul: true } : { headerRow: inspection.headerRow };
      // A headerless file has no names to map by: the clerk picks the columns (Kolom 1, …).
      const mapping = name === 'tagihan-pipa-tanpa-judul.txt' ? { nomorRekening: 'Kolom 1', nik: 'Kolom 3', periode: 'Kolom 4', diklaim: 'Kolom 9' } : inspection.pemetaan;
      if (name === 'tagihan-pipa-tanpa-judul.txt') expect(inspection.tanpaJudul).toBe(true);
      const req = { kind, opts, mapping, fixed: inspection.saranTetap };
      const inProcess = await parseFile(bytes, name, req);
      const viaWorker = await runWorker<typeof inProcess>({ kind: 'parse', file, name, jenis: kind, opts, mapping: req.mapping, fixed: req.fixed });
      expect(viaWorker, name).toEqual(inProcess);
      if (inProcess.rows.length > 0) withRows++;
    }
    // Not a comparison of empty lists: nearly every file reads rows with the suggested mapping.
    expect(withRows).toBeGreaterThanOrEqual(12);
  }, 120_000);

  it('keep nulls, zero, text, yes/no, errors and numeric accounts apart', () => {
    const rows = [
      { baris: 5, values: { a: 0, b: 'x', c: true, d: null }, galat: false },
      { baris: 7, values: { a: null, b: null, c: false, d: null }, galat: true, rekeningAngka: true as const },
      { baris: 9, values: { a: -12_345_678_901, b: '', c: null, d: null }, galat: false },
    ];
    const { columns, transfer } = rowsToColumns(rows);
    expect(columns.columns.map((c) => [c.key, c.kind])).toEqual([
      ['a', 'angka'],
      ['b', 'nilai'],
      ['c', 'nilai'],
      ['d', 'angka'],
    ]);
    expect(transfer.length).toBe(6);
    expect(columnsToRows(columns)).toEqual(rows);
    expect(columnsToRows(rowsToColumns([]).columns)).toEqual([]);
  });
});

describe('the inspection reads the head', () => {
  const big = (lines: number, header = 'No;No Rekening;Periode;Nilai Subsidi') =>
    [
      'BANK SUMSEL BABEL',
      'TAGIHAN SUBSIDI BUNGA PERIODE OKTOBER 2026',
      '',
      header,
      ...Array.from({ length: lines }, (_, i) => `${i + 1};00123${String(i).padStart(5, '0')};2026-10;1.234,00`),
    ].join('\r\n');

  it('and answers as reading the whole file did: header, columns, samples, the title period', async () => {
    const bytes = new Uint8Array(Buffer.from(big(5000), 'latin1'));
    const head = await readSource(bytes, 'a.csv', {}, undefined, INSPECTION_HEAD_ROWS);
    expect(head.complete).toBe(false);
    expect(head.grid.rows).toHaveLength(INSPECTION_HEAD_ROWS);
    const whole = await readSource(bytes, 'a.csv', {});
    expect(whole.grid.rows.slice(0, INSPECTION_HEAD_ROWS)).toEqual(head.grid.rows);
    expect(whole.grid.rowNumbers.slice(0, INSPECTION_HEAD_ROWS)).toEqual(head.grid.rowNumbers);
    for (const opts of [{}, { headerRow: 4 }, { tanpaJudul: true }]) {
      const { dataRows, ...fromHead } = await inspectFile(bytes, 'a.csv', 'tagihan', opts, null);
      const { dataRows: allRows, ...fromWhole } = await inspectFile(bytes, 'a.csv', 'tagihan', opts, null, undefined, Infinity);
      expect(fromHead).toEqual(fromWhole);
      // Only whether there is a data row is asked of the count.
      expect(dataRows > 0).toBe(allRows > 0);
    }
    const withHeader = await inspectFile(bytes, 'a.csv', 'tagihan', { headerRow: 4 }, null);
    expect(withHeader).toMatchObject({
      headerRow: 4,
      saranTetap: { periode: '2026-10' },
      pemetaan: { nomorRekening: 'No Rekening', periode: 'Periode', diklaim: 'Nilai Subsidi' },
    });
  });

  it('and reads the whole file when the header row asked for lies beyond the head', async () => {
    const bytes = new Uint8Array(Buffer.from(big(3000), 'latin1'));
    const inspection = await inspectFile(bytes, 'a.csv', 'tagihan', { headerRow: 2000 }, null);
    expect(inspection.headerRow).toBe(2000);
    await expect(inspectFile(bytes, 'a.csv', 'tagihan', { headerRow: 9000 }, null)).rejects.toThrow('Baris 9000 tidak ada di berkas ini (berkas berisi 3004 baris).');
  });
});
