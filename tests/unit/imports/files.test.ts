import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBase64Yielding, extOf, sha256Yielding, writeTemp } from '../../../electron/services/imports/files';

describe('the kept copy of an upload', () => {
  it('keeps the data file types the app reads', () => {
    expect(extOf('tagihan-okt.CSV')).toBe('csv');
    expect(extOf('nominatif.xlsx')).toBe('xlsx');
    expect(extOf('sikp.txt')).toBe('txt');
  });

  it('never stores something the system would run or open elsewhere', () => {
    for (const name of ['tagihan.exe', 'x.bat', 'x.cmd', 'x.js', 'x.lnk', 'x.hta', 'x.scr', 'x.ps1', 'x.vbs', 'x.html', 'tanpa-ekstensi', 'x.csv.exe']) {
      expect(extOf(name), name).toBe('dat');
    }
  });
});

describe('an upload hashed and written off the runtime thread', () => {
  it('hashes in slices to the same sha256 as at once (several slices, a partial last one, empty)', async () => {
    // 4 MB slices: 9 MB + 7 bytes is two whole slices and a partial third.
    const bytes = crypto.randomBytes(9 * 1024 * 1024 + 7);
    expect(await sha256Yielding(bytes)).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    const small = Buffer.from('nomor_rekening;diklaim\r\n');
    expect(await sha256Yielding(small)).toBe(crypto.createHash('sha256').update(small).digest('hex'));
    expect(await sha256Yielding(new Uint8Array(0))).toBe(crypto.createHash('sha256').digest('hex'));
  });

  it('decodes base64 in slices to the same bytes as at once, also text with line breaks or padding', async () => {
    // 4 MB-character slices: 9 MB of bytes is ~12 MB of text, three slices and a partial fourth.
    for (const size of [9 * 1024 * 1024 + 1, 9 * 1024 * 1024 + 2, 9 * 1024 * 1024 + 3, 100]) {
      const bytes = crypto.randomBytes(size);
      const text = bytes.toString('base64');
      expect((await decodeBase64Yielding(text)).equals(bytes), String(size)).toBe(true);
      // A file encoded with line breaks (MIME style) decodes as Buffer.from decodes it.
      const wrapped = text.replace(/.{76}/g, '$&\r\n');
      expect((await decodeBase64Yielding(wrapped)).equals(Buffer.from(wrapped, 'base64'))).toBe(true);
    }
    const odd = `${'QUJD'.repeat(1024 * 1024)}=x${'QUJD'.repeat(1024 * 1024)}`;
    expect((await decodeBase64Yielding(odd)).equals(Buffer.from(odd, 'base64'))).toBe(true);
  });

  it('writes the temporary file whole, beside where the kept files go', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-files-'));
    try {
      const bytes = crypto.randomBytes(1024 * 1024 + 3);
      const tmp = await writeTemp(path.join(dir, 'data.sqlite'), bytes);
      expect(path.basename(tmp)).toMatch(/^\..+\.tmp$/);
      expect(fs.readFileSync(tmp).equals(bytes)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
