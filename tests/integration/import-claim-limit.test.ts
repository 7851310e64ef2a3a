/**
 * A bank's claim may hold more rows than other files (CLAIM_ROW_LIMIT, issue 16: a national bank's
 * month is ~330,000 lines and cannot be split over two claims); every other kind keeps
 * IMPORT_LIMITS.barisMaks. A real file just over the general limit, read through the worker as the
 * preview does: the claim is read whole, a position file of the same size is refused naming its limit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLAIM_ROW_LIMIT, IMPORT_LIMITS, rowLimitOf } from '../../electron/contract';
import { readSource } from '../../electron/services/imports/parse/source';
import { runWorker, WorkerFileError } from '../../electron/services/imports/run-worker';
import type { ParseOutcome } from '../../electron/services/imports/parse/rows';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-batas-klaim-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Windows-1252, semicolons, a title line naming the period, Indonesian numbers: a core-banking export. */
function claimCsv(rows: number): Buffer {
  const lines = ['DAFTAR TAGIHAN SUBSIDI BUNGA PERIODE OKTOBER 2026', 'No Rekening;Nama Debitur;Periode;Nilai Subsidi'];
  for (let i = 1; i <= rows; i++) lines.push(`${String(i).padStart(10, '0')};Peña ${i % 97};10/2026;${(1000 + (i % 5000)).toLocaleString('id-ID')},00`);
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

describe('the claim row limit', () => {
  it('is the claim’s alone, above the general one', () => {
    expect(CLAIM_ROW_LIMIT).toBeGreaterThan(IMPORT_LIMITS.barisMaks);
    expect(rowLimitOf('tagihan')).toBe(CLAIM_ROW_LIMIT);
    expect(rowLimitOf('posisi')).toBe(IMPORT_LIMITS.barisMaks);
    expect(rowLimitOf('pinjaman')).toBe(IMPORT_LIMITS.barisMaks);
  });

  it('the reader takes the limit it is given, and names it when a file is over it', async () => {
    const bytes = new Uint8Array(claimCsv(120));
    await expect(readSource(bytes, 'a.csv', {}, undefined, undefined, 200)).resolves.toMatchObject({ complete: true });
    await expect(readSource(bytes, 'a.csv', {}, undefined, undefined, 100)).rejects.toThrow('Berkas berisi lebih dari 100 baris, batas satu impor.');
  });

  it('a claim over the general limit is read whole; a position file as big is refused with its limit named', async () => {
    const rows = IMPORT_LIMITS.barisMaks + 1;
    const file = path.join(dir, 'tagihan-besar.csv');
    fs.writeFileSync(file, claimCsv(rows));
    const mapping = { nomorRekening: 'No Rekening', nama: 'Nama Debitur', periode: 'Periode', diklaim: 'Nilai Subsidi' };
    const claim = await runWorker<ParseOutcome>({ kind: 'parse', file, name: 'tagihan-besar.csv', jenis: 'tagihan', opts: { headerRow: 2 }, mapping, fixed: {} });
    expect(claim.rows).toHaveLength(rows);
    expect(claim.rows.at(-1)).toMatchObject({ baris: rows + 2, galat: false, values: { nomorRekening: String(rows).padStart(10, '0'), periode: '2026-10' } });
    expect(claim.rows[96]!.values.nama).toBe('Peña 0');
    const positions = runWorker({ kind: 'parse', file, name: 'posisi-besar.csv', jenis: 'posisi', opts: { headerRow: 2 }, mapping: { nomorRekening: 'No Rekening' }, fixed: {} });
    await expect(positions).rejects.toThrow(WorkerFileError);
    await expect(positions).rejects.toThrow(
      'Berkas berisi lebih dari 300.000 baris, batas satu impor. Bagi berkas menjadi beberapa berkas (misalnya per bulan) lalu impor satu per satu.',
    );
  }, 180_000);
});
