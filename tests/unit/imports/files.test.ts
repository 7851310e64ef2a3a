import { describe, expect, it } from 'vitest';
import { extOf } from '../../../electron/services/imports/files';

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
