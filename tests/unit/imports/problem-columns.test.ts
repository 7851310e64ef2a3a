/**
 * A preview's problems kept as columns (electron/services/imports/problem-columns.ts): every
 * problem comes back as it went in — a whole-file problem without row or column, several files
 * and columns, both levels — and the pages, the level filter and the problems of a page's rows
 * are those of the list of objects.
 */
import { describe, expect, it } from 'vitest';
import type { ImportProblem } from '../../../electron/contract/imports';
import { problemAt, problemsOfRows, problemsPage, rowProblemFlags, toProblemColumns } from '../../../electron/services/imports/problem-columns';

const PROBLEMS: ImportProblem[] = [
  { berkas: 'a.csv', baris: null, kolom: null, pesan: 'Berkas tanpa baris data', tingkat: 'galat' },
  { berkas: 'a.csv', baris: 2, kolom: 'NIK', pesan: 'NIK tidak valid', tingkat: 'galat' },
  { berkas: 'a.csv', baris: 2, kolom: 'Plafon', pesan: 'Plafon di atas batas', tingkat: 'peringatan' },
  { berkas: 'a.csv', baris: 5, kolom: null, pesan: 'Tidak tercantum dalam SK', tingkat: 'peringatan' },
  { berkas: 'b.xlsx', baris: 7, kolom: 'NIK', pesan: 'NIK rusak', tingkat: 'galat' },
  { berkas: 'a.csv', baris: 9, kolom: 'Skema', pesan: 'Skema tidak dikenal', tingkat: 'peringatan' },
];

describe('problems as columns', () => {
  it('gives every problem back as it was, the names kept once', () => {
    const c = toProblemColumns(PROBLEMS);
    expect(PROBLEMS.map((_, i) => problemAt(c, i))).toEqual(PROBLEMS);
    expect(c.names).toEqual(['a.csv', 'NIK', 'Plafon', 'b.xlsx', 'Skema']);
  });

  it('pages all problems or one level, as slicing the list would', () => {
    const c = toProblemColumns(PROBLEMS);
    expect(problemsPage(c, 2, 4)).toEqual({ rows: PROBLEMS.slice(4, 8), total: 6 });
    const warnings = PROBLEMS.filter((p) => p.tingkat === 'peringatan');
    expect(problemsPage(c, 1, 2, 'peringatan')).toEqual({ rows: warnings.slice(0, 2), total: 3 });
    expect(problemsPage(c, 2, 2, 'peringatan')).toEqual({ rows: warnings.slice(2), total: 3 });
    expect(problemsPage(c, 1, 50, 'galat').rows.map((p) => p.pesan)).toEqual(['Berkas tanpa baris data', 'NIK tidak valid', 'NIK rusak']);
    expect(problemsPage(c, 3, 50)).toEqual({ rows: [], total: 6 });
  });

  it("finds the rows with a problem and a page's problems, in order", () => {
    const c = toProblemColumns(PROBLEMS);
    const rows = Int32Array.from([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const expected = [1, 0, 0, 1, 0, 1, 0, 1, 0];
    expect([...rowProblemFlags(c, rows)]).toEqual(expected);
    // Out of order (not what the checks give, but answered all the same).
    const shuffled = toProblemColumns([...PROBLEMS].reverse());
    expect([...rowProblemFlags(shuffled, rows)]).toEqual(expected);
    expect([...rowProblemFlags(toProblemColumns(PROBLEMS), Int32Array.from([10, 9, 2]))]).toEqual([0, 1, 1]);
    const byRow = problemsOfRows(c, [2, 3, 9]);
    expect([...byRow.keys()]).toEqual([2, 9]);
    expect(byRow.get(2)).toEqual([
      { kolom: 'NIK', pesan: 'NIK tidak valid', tingkat: 'galat' },
      { kolom: 'Plafon', pesan: 'Plafon di atas batas', tingkat: 'peringatan' },
    ]);
  });
});
