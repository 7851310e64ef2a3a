/**
 * What one import may be (IMPORT_LIMITS): a file that unpacks to more than the limit, holds more rows,
 * needs more memory or more time is refused with the limit named — never a frozen worker, a crash or a
 * reset connection. The readers and the worker take smaller limits here, so the files stay small.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IMPORT_LIMITS, UPLOAD_BASE64_MAX } from '../../electron/contract';
import { MAX_BODY, startBridge } from '../../electron/bridge/http';
import { readCsv, readXlsx, SourceError } from '../../electron/services/imports/parse/source';
import { runWorker, WorkerFileError } from '../../electron/services/imports/run-worker';
import { rawRequest } from '../helpers/http';
import { sessionAs, useTempRuntime } from '../helpers/runtime';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-batas-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const rt = useTempRuntime({ prefix: 'gs-batas-rt-' });

function csv(rows: number): string {
  const lines = ['No Rek;Periode;Nilai Tagihan'];
  for (let i = 1; i <= rows; i++) lines.push(`${String(i).padStart(10, '0')};2026-10;${1000 + i}`);
  return lines.join('\n');
}

/** A workbook whose sheet is `rows` rows of the same long text: it packs small and unpacks big. */
async function compressible(rows: number): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Tagihan');
  sheet.addRow(['No Rek', 'Periode', 'Keterangan']);
  const filler = 'x'.repeat(200);
  for (let i = 1; i <= rows; i++) sheet.addRow([String(i).padStart(10, '0'), '2026-10', { richText: [{ text: filler }] }]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('limits on what a file may hold', () => {
  it('the default limits are those the screen states', () => {
    expect(IMPORT_LIMITS).toMatchObject({ berkasMb: 50, barisMaks: 300_000 });
    // The bridge takes every upload the contract accepts, with room for the JSON around it.
    expect(MAX_BODY).toBeGreaterThan(UPLOAD_BASE64_MAX);
    expect(UPLOAD_BASE64_MAX).toBe(Math.ceil((50 * 1024 * 1024) / 3) * 4);
  });

  it('a CSV with more rows than the limit is refused naming it', () => {
    const bytes = new TextEncoder().encode(csv(120));
    expect(readCsv(bytes, {}, { barisMaks: 200, teruraiMb: 600 }).grid.rows).toHaveLength(121);
    expect(() => readCsv(bytes, {}, { barisMaks: 100, teruraiMb: 600 })).toThrow(SourceError);
    expect(() => readCsv(bytes, {}, { barisMaks: 100, teruraiMb: 600 })).toThrow('Berkas berisi lebih dari 100 baris, batas satu impor.');
  });

  it('an XLSX whose sheet unpacks to more than the limit, or holds more rows, is refused before it is all read', async () => {
    const bytes = await compressible(3000); // ~0.7 MB of sheet XML, packed to a few KB
    expect(bytes.byteLength).toBeLessThan(200_000);
    await expect(readXlsx(bytes, {}, undefined, { barisMaks: 10_000, teruraiMb: 50 })).resolves.toMatchObject({ info: { sheet: 'Tagihan' } });
    await expect(readXlsx(bytes, {}, undefined, { barisMaks: 10_000, teruraiMb: 0.25 })).rejects.toThrow(
      /^Berkas XLSX terlalu besar setelah diurai: (lembar kerja "Tagihan"|daftar teksnya \(sharedStrings\)) melebihi 0,25 MB, batas satu impor\./,
    );
    await expect(readXlsx(bytes, {}, undefined, { barisMaks: 1000, teruraiMb: 50 })).rejects.toThrow('Berkas berisi lebih dari 1.000 baris, batas satu impor.');
  });
});

describe('limits on the reading worker', () => {
  const file = path.join(dir, 'tagihan.csv');
  fs.writeFileSync(file, csv(50_000));
  const task = {
    kind: 'parse',
    file,
    name: 'tagihan.csv',
    jenis: 'tagihan',
    opts: {},
    mapping: { nomorRekening: 'No Rek', periode: 'Periode', diklaim: 'Nilai Tagihan' },
    fixed: {},
  } as const;

  it('reads the file within its memory and time', async () => {
    const out = await runWorker<{ rows: unknown[] }>({ ...task, opts: { headerRow: 1 } });
    expect(out.rows).toHaveLength(50_000);
  });

  it('a file that needs more memory than the worker may have ends the worker, not the app, with the limit named', async () => {
    const err = await runWorker({ ...task, opts: { headerRow: 1 } }, undefined, { memoriMb: 4, waktuDetik: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerFileError);
    expect((err as Error).message).toBe(
      'Berkas terlalu besar untuk diperiksa: pembacaannya memerlukan lebih dari 4 MB memori, batas satu impor. Bagi berkas menjadi beberapa berkas lalu impor satu per satu.',
    );
  });

  it('a file that keeps the worker busy past the limit is given up, with the limit named', async () => {
    const err = await runWorker({ ...task, opts: { headerRow: 1 } }, undefined, { memoriMb: 2048, waktuDetik: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerFileError);
    expect((err as Error).message).toMatch(/^Pemeriksaan berkas dihentikan: lebih dari 0 detik, batas satu impor\./);
  });
});

describe('an upload over the bridge', () => {
  it('a file at the limit arrives whole; one over it gets the message, not a reset connection', async () => {
    const bridge = await startBridge({ call: rt().callWithSession, port: 0 });
    try {
      const token = sessionAs(rt(), 'admin');
      const post = (isiBase64: string) =>
        rawRequest(bridge.url, {
          method: 'POST',
          path: '/api/imports.upload',
          headers: { host: new URL(bridge.url).host, 'content-type': 'application/json', 'x-gerbang-sesi': token },
          body: JSON.stringify({ jenis: 'tagihan', bankId: 999, namaBerkas: 'besar.csv', isiBase64 }),
        });
      // 45 MB: over the old 37 MB a base64 upload could reach. It gets as far as the owner check.
      const near = await post(Buffer.alloc(45 * 1024 * 1024, 65).toString('base64'));
      expect(near.status).toBe(200);
      expect(JSON.parse(near.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { bankId: 'Bank tidak dikenal' } } });
      const over = await post(Buffer.alloc(52 * 1024 * 1024, 65).toString('base64'));
      expect(over.status).toBe(200);
      expect(JSON.parse(over.body)).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Berkas terlalu besar (paling besar 50 MB)' } });
    } finally {
      await bridge.close();
    }
  }, 120_000);
});
