/**
 * Every kind's preview finished in the import worker (electron/services/imports/kind-preview.ts)
 * against the preview as the runtime's thread ran it (the parse's rows back from the worker, then
 * checkRows and summarize on the runtime's connection — what runPreview did for these kinds):
 * on each kind's files — a pipe file, a file without a header row, title and total lines, an
 * invoice in Windows-1252, another sender's file, spreadsheets with Excel-damaged NIKs and
 * accounts, date cells and serial dates, a bank's list with a registered debtor whose data
 * differs — the same summary, the same problems (file, row, column, message, order), the same
 * whole-file problems, the same staged rows (what the commit's job reads back and writes), and
 * the same row pages.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { stagedValueRows } from '../../database/repositories/import-staging';
import type { ImportInspection, ImportRowView, InputOf } from '../../electron/contract';
import { checkRows, checkTargetOf, summarize, type Checked } from '../../electron/services/imports/checks';
import { getJob } from '../../electron/services/imports/jobs';
import type { ParseOutcome } from '../../electron/services/imports/parse/rows';
import { runWorker } from '../../electron/services/imports/run-worker';
import { buildWorld } from '../fixtures/bank-files/world';
import { bankListCsv, bankListWorkbook, legacyWorkbook } from '../fixtures/loan-files/make';
import { loanWorld } from '../fixtures/loan-files/world';
import type { ImportOwner } from '../helpers/import-job';
import { call, TODAY, useTempRuntime, type TempRuntime } from '../helpers/runtime';

const FIX = path.join(__dirname, '..', 'fixtures', 'bank-files');
const rt = useTempRuntime({ prefix: 'gs-kinds-preview-' });

type PreviewExtra = Partial<Pick<InputOf<'imports.preview'>, 'opsi' | 'pemetaan' | 'tetap'>>;

/** Uploads `bytes` as `name` and previews it as the screen does (the inspection's header, sheet, mapping and whole-file values; `extra` over them). */
async function preview(r: TempRuntime, owner: ImportOwner, name: string, bytes: Buffer, extra: (up: ImportInspection) => PreviewExtra = () => ({})) {
  const up = await call(r, 'imports.upload', { ...owner, namaBerkas: name, isiBase64: bytes.toString('base64'), opsi: {} });
  const more = extra(up);
  const { jobId } = await call(r, 'imports.preview', {
    ...owner,
    berkas: up.berkas,
    namaBerkas: name,
    // A file without a header row has none to name.
    opsi: { ...(more.opsi?.tanpaJudul ? {} : { headerRow: up.headerRow }), sheet: up.sheet ?? undefined, ...more.opsi },
    pemetaan: more.pemetaan ?? up.pemetaan,
    tetap: more.tetap ?? up.saranTetap,
  });
  const job = getJob(jobId)!;
  await job.done;
  expect(job.status, job.pesan ?? '').toBe('selesai');
  return job;
}

/** The preview's rows as the thread's old imports.rows paged them (checked rows in memory). */
function threadPage(c: Checked, isian: string[], hanya: 'semua' | 'galat' | 'bermasalah', page: number, pageSize: number) {
  const byRow = new Map<number, ImportRowView['masalah']>();
  for (const p of c.problems) {
    if (p.baris === null) continue;
    let list = byRow.get(p.baris);
    if (!list) byRow.set(p.baris, (list = []));
    list.push({ kolom: p.kolom, pesan: p.pesan, tingkat: p.tingkat });
  }
  const chosen = hanya === 'semua' ? c.rows : c.rows.filter((r) => (hanya === 'galat' ? r.galat : r.galat || byRow.has(r.baris)));
  return {
    rows: chosen.slice((page - 1) * pageSize, page * pageSize).map((r) => ({
      baris: r.baris,
      nilai: Object.fromEntries(isian.map((k) => [k, r.values[k] ?? null])),
      galat: r.galat,
      masalah: byRow.get(r.baris) ?? [],
    })),
    total: chosen.length,
    page,
    pageSize,
    isian,
  };
}

/** A row as the staging keeps it: JSON values (a field the parse left undefined is left out). */
const asStaged = (o: ParseOutcome) =>
  o.rows.map((x) => ({ baris: x.baris, galat: x.galat, ...(x.rekeningAngka ? { rekeningAngka: true } : {}), values: JSON.parse(JSON.stringify(x.values)) as unknown }));

/**
 * The finished worker preview `job` of `bytes` against the thread's: the file parsed by the worker
 * alone (its rows sent back, as the thread received them), checked and summed up here.
 */
async function sameAsOnTheThread(r: TempRuntime, job: NonNullable<ReturnType<typeof getJob>>) {
  const req = job.request;
  const outcome = await runWorker<ParseOutcome>({
    kind: 'parse',
    file: req.lokasi,
    name: req.namaBerkas,
    jenis: req.jenis,
    opts: req.opsi,
    mapping: req.pemetaan,
    fixed: req.tetap,
  });
  const onThread = checkRows(r.db, checkTargetOf(req, TODAY), outcome, job.id);
  // The worker answered without rows: nothing of them on the runtime's thread.
  expect(job.outcome!.rows).toEqual([]);
  expect(job.checked!.rows).toEqual([]);
  expect(job.staged).toBeDefined();

  // The summary (counts, totals, periods, the first problems, the valid examples, the debtor differences).
  expect(job.result).toEqual(summarize(req.jenis, req.namaBerkas, outcome, onThread, job.result!.sebelumnya));
  // Every problem, word for word and in order (kept as columns: paged, and by level); the whole-file problems.
  expect(job.staged!.problemColumns).toBeDefined();
  const problems = await call(r, 'imports.problems', { jobId: job.id, page: 1, pageSize: 500 });
  expect(problems).toEqual({ rows: onThread.problems, total: onThread.problems.length, page: 1, pageSize: 500 });
  for (const tingkat of ['galat', 'peringatan'] as const) {
    const of = onThread.problems.filter((p) => p.tingkat === tingkat);
    expect(await call(r, 'imports.problems', { jobId: job.id, page: 1, pageSize: 500, tingkat })).toEqual({ rows: of, total: of.length, page: 1, pageSize: 500 });
    expect((await call(r, 'imports.problems', { jobId: job.id, page: 2, pageSize: 2, tingkat })).rows).toEqual(of.slice(2, 4));
  }
  expect((await call(r, 'imports.problems', { jobId: job.id, page: 2, pageSize: 3 })).rows).toEqual(onThread.problems.slice(3, 6));
  expect(job.checked!.fileProblems).toEqual(onThread.fileProblems);

  // The staged rows, which the commit (a job, or on the thread) reads back, checks again and writes: as the thread staged them.
  expect(stagedValueRows(r.db, job.id)).toEqual(asStaged(outcome));

  // The row pages: every filter, a page past the first too.
  const spec = (await call(r, 'imports.rows', { jobId: job.id, page: 1, pageSize: 1, hanya: 'semua' })).isian;
  for (const hanya of ['semua', 'galat', 'bermasalah'] as const)
    for (const [page, pageSize] of [
      [1, 50],
      [2, 3],
    ] as const)
      expect(await call(r, 'imports.rows', { jobId: job.id, page, pageSize, hanya }), `${hanya} ${page}`).toEqual(threadPage(onThread, spec, hanya, page, pageSize));
  return { outcome, onThread };
}

/** An SK list world (decree-import.test.ts's): BSB with three branches, BRI with a unit, a scheme and an open decree. */
async function decreeWorld(r: TempRuntime) {
  await call(r, 'banks.save', {
    kode: 'BSB',
    nama: 'Bank Sumsel Babel',
    cabang: [
      { kode: 'ME', nama: 'Muara Enim' },
      { kode: 'GM', nama: 'Gunung Megang' },
      { kode: 'TE', nama: 'Cabang Pembantu Tanjung Enim' },
    ],
  });
  await call(r, 'banks.save', { kode: 'BRI', nama: 'BRI', cabang: [{ kode: 'UME', nama: 'Unit Pasar Muara Enim' }] });
  const scheme = await call(r, 'schemes.save', {
    kode: 'GS-2025',
    nama: 'GS 2025',
    berlakuDari: '2025-01-01',
    bungaBankPersen: '11',
    bungaDebiturPersen: '3',
    metodeBunga: 'efektif',
  });
  return (await call(r, 'decrees.save', { nomor: '188.45/123/KPTS/2025', tanggal: '2025-01-02', tahun: 2025, skemaId: scheme.id })).id;
}

const SK_HEADER = ['No', 'NIK', 'Nama', 'Bank', 'Unit/Cabang', 'Plafon'];
const SK_ROWS: (string | number)[][] = [
  [1, '1603106710850001', 'Siti Aminah', 'Bank Sumsel Babel', 'Muara Enim', '15.000.000'],
  [2, '1603101203800002', 'Rudi Hartono', 'bsb', 'Tanjung Enim', '12.000.000'],
  [3, '1.60302E+15', 'Ani Susanti', 'BSB', 'Muara Enim', '10.000.000'],
  [4, '1603104504900003', 'Ani Susanti', 'BSB', 'Lubai', '10.000.000'],
  [5, '1603103213850001', 'Dedi', 'BSB', 'Muara Enim', '10.000.000'],
  [6, '1603100202700005', 'Eko Saputra', 'Bank Mandiri', 'Muara Enim', '10.000.000'],
  [7, '1603100101750004', 'Budi Santoso', 'BRI', 'Unit Pasar Muara Enim', '12.000.000'],
  [8, '1603106710850001', 'Siti Aminah', 'BSB', 'Muara Enim', '15.000.000'],
];

async function workbookBytes(build: (ws: ExcelJS.Worksheet) => void, sheet: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet(sheet));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('bank positions (posisi)', () => {
  it('the pipe file: a loose account, a refused figure', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const job = await preview(r, { jenis: 'posisi', bankId: w.bsb }, 'posisi-pipa.txt', fs.readFileSync(path.join(FIX, 'posisi-pipa.txt')));
    const { onThread } = await sameAsOnTheThread(r, job);
    // The loose account: shown as the loan's in the row page.
    expect(onThread.problems.some((p) => p.pesan.includes('dibaca sebagai'))).toBe(true);
  });

  it('the same without its header row (columns by number), in a closed month', async () => {
    const r = rt();
    const w = await buildWorld(r);
    await call(r, 'closing.close', { periode: '2026-10' });
    const lines = fs.readFileSync(path.join(FIX, 'posisi-pipa.txt'), 'utf8').split(/\r?\n/).slice(1);
    const job = await preview(r, { jenis: 'posisi', bankId: w.bsb }, 'posisi-tanpa-judul.txt', Buffer.from(lines.join('\r\n'), 'utf8'), () => ({
      opsi: { tanpaJudul: true, delimiter: '|' },
      pemetaan: { nomorRekening: 'Kolom 1', nama: 'Kolom 2', periode: 'Kolom 3', outstanding: 'Kolom 4', kol: 'Kolom 5', hariTunggakan: 'Kolom 6', angsuranDibayar: 'Kolom 7' },
    }));
    const { onThread } = await sameAsOnTheThread(r, job);
    expect(onThread.problems.filter((p) => p.pesan.includes('sudah ditutup')).length).toBeGreaterThan(0);
  });

  it("another bank's file", async () => {
    const r = rt();
    const w = await buildWorld(r);
    const job = await preview(r, { jenis: 'posisi', bankId: w.bri }, 'posisi-pipa.txt', fs.readFileSync(path.join(FIX, 'posisi-pipa.txt')));
    const { onThread } = await sameAsOnTheThread(r, job);
    expect(onThread.fileProblems).toHaveLength(1);
  });
});

describe('progress', () => {
  it('the worker reports the parse, then the staging up to half of the matching step, before the check', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const job = await preview(r, { jenis: 'posisi', bankId: w.bsb }, 'posisi-pipa.txt', fs.readFileSync(path.join(FIX, 'posisi-pipa.txt')));
    const req = job.request;
    const reports: [string, number, number][] = [];
    const id = crypto.randomUUID();
    const answer = await runWorker<{ staged: { result: { jumlahBaris: number } } }>(
      {
        kind: 'parse',
        file: req.lokasi,
        name: req.namaBerkas,
        jenis: req.jenis,
        opts: req.opsi,
        mapping: req.pemetaan,
        fixed: req.tetap,
        stage: { databasePath: r.databasePath, id, target: checkTargetOf(req, TODAY) },
      },
      (stage, done, total) => reports.push([stage, done, total]),
    );
    const rows = answer.staged.result.jumlahBaris;
    expect(rows).toBe(job.result!.jumlahBaris);
    const matching = reports.filter(([stage]) => stage === 'mencocokkan');
    // After the parse's own steps; the staging from 0 to half of its step, the check the other half.
    expect(reports.findIndex(([stage]) => stage === 'mencocokkan')).toBeGreaterThan(0);
    expect(reports.slice(reports.findIndex(([stage]) => stage === 'mencocokkan')).every(([stage]) => stage === 'mencocokkan')).toBe(true);
    expect(matching[0]).toEqual(['mencocokkan', 0, rows * 2]);
    expect(matching.at(-1)).toEqual(['mencocokkan', rows, rows * 2]);
    expect(stagedValueRows(r.db, id)).toHaveLength(rows);
  });
});

describe("an insurer's invoice (premi)", () => {
  it('the CSV: a different amount refused', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const job = await preview(r, { jenis: 'premi', penjaminId: w.insurer }, 'premi-jamkrindo.csv', fs.readFileSync(path.join(FIX, 'premi-jamkrindo.csv')));
    const { onThread } = await sameAsOnTheThread(r, job);
    expect(onThread.problems.some((p) => p.tingkat === 'galat')).toBe(true);
  });

  it('the same in Windows-1252 with accented names and an account without its zeros; and sent to the wrong insurer', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const text = fs.readFileSync(path.join(FIX, 'premi-jamkrindo.csv'), 'utf8').replace('Debitur 1', 'Débitur Ñoñó').replace('0012300002;', '12300002;');
    const bytes = Buffer.from(text, 'latin1');
    const job = await preview(r, { jenis: 'premi', penjaminId: w.insurer }, 'premi-1252.csv', bytes);
    expect(job.request.opsi.encoding ?? 'windows-1252').toMatch(/1252|latin/i);
    const { outcome } = await sameAsOnTheThread(r, job);
    expect(outcome.rows.some((x) => x.values.nama === 'Débitur Ñoñó')).toBe(true);
    const wrong = await preview(r, { jenis: 'premi', penjaminId: w.otherInsurer }, 'premi-1252.csv', bytes);
    const other = await sameAsOnTheThread(r, wrong);
    expect(other.onThread.fileProblems[0]).toContain('tampaknya tagihan');
  });
});

describe('payment history (riwayat)', () => {
  it('the CSV with title and total lines: a month twice, an unknown account, a loose one', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const job = await preview(r, { jenis: 'riwayat', bankId: w.bsb }, 'riwayat-bsb.csv', fs.readFileSync(path.join(FIX, 'riwayat-bsb.csv')));
    const { onThread } = await sameAsOnTheThread(r, job);
    expect(onThread.problems).toHaveLength(3);
  });

  it('an XLSX with the month as date cells and the SP2D for the whole file', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const bytes = await workbookBytes((ws) => {
      ws.getRow(1).values = ['Nomor Rekening', 'Nama', 'Periode', 'Jumlah'];
      const rows: [string | number, number, number][] = [
        ['0012300004', 3, 76_000],
        [12300005, 3, 75_500],
        ['0012300001', 1, 80_000],
        ['7770000001', 3, 70_000],
        ['0012300004', 3, 76_000],
        ['0012300006', 12, 76_000],
      ];
      rows.forEach(([rek, month, jumlah], i) => {
        const row = ws.getRow(2 + i);
        row.values = [rek, `Debitur ${i}`, new Date(Date.UTC(2026, month, 1)), jumlah];
        row.getCell(3).numFmt = 'mmm-yyyy';
      });
    }, 'Riwayat');
    const job = await preview(r, { jenis: 'riwayat', bankId: w.bsb }, 'riwayat.xlsx', bytes, () => ({ tetap: { nomorSp2d: 'SP2D/0222/2026', tanggalSp2d: '2026-05-12' } }));
    const { onThread } = await sameAsOnTheThread(r, job);
    expect(onThread.rows.filter((x) => x.galat).length).toBeGreaterThan(1);
  });
});

describe("a decree's recipient list (sk_penerima)", () => {
  it('the CSV with a title line: a NIK in scientific notation, an unknown unit and bank, a date of birth that is none, a name twice', async () => {
    const r = rt();
    const skId = await decreeWorld(r);
    const lines = ['DAFTAR PENERIMA KREDIT GERBANG SERASAN — LAMPIRAN SK BUPATI MUARA ENIM 188.45/123/KPTS/2025', '', SK_HEADER.join(';'), ...SK_ROWS.map((x) => x.join(';'))];
    const job = await preview(r, { jenis: 'sk_penerima', skId }, 'sk-penerima.csv', Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'));
    const { onThread } = await sameAsOnTheThread(r, job);
    expect(onThread.problems.length).toBeGreaterThanOrEqual(5);
  });

  it('the XLSX: a NIK typed into a number cell', async () => {
    const r = rt();
    const skId = await decreeWorld(r);
    const bytes = await workbookBytes((ws) => {
      ws.getCell('A1').value = 'DAFTAR PENERIMA KREDIT GERBANG SERASAN';
      ws.getRow(3).values = SK_HEADER;
      SK_ROWS.forEach((x, i) => {
        const values = [...x];
        values[5] = Number(String(x[5]).replace(/\./g, ''));
        if (x[2] === 'Eko Saputra') values[1] = 1603100202700010;
        ws.getRow(4 + i).values = values;
      });
    }, 'Lampiran');
    const job = await preview(r, { jenis: 'sk_penerima', skId }, 'sk-penerima.xlsx', bytes);
    const { onThread } = await sameAsOnTheThread(r, job);
    expect(onThread.problems.some((p) => p.pesan.includes('tersimpan sebagai angka'))).toBe(true);
  });
});

describe('a loan list (pinjaman)', () => {
  it("the secretariat's damaged spreadsheet: title rows, NIKs and accounts as numbers, serial dates, a rule broken per row", async () => {
    const r = rt();
    const w = await loanWorld(r);
    const file = path.join(r.dir, 'data-lama.xlsx');
    await legacyWorkbook(file);
    const job = await preview(r, { jenis: 'pinjaman', bankId: w.bsb }, 'data-lama.xlsx', fs.readFileSync(file));
    const { onThread } = await sameAsOnTheThread(r, job);
    expect(onThread.rows.filter((x) => x.galat).length).toBeGreaterThan(5);
    expect(onThread.rows.filter((x) => !x.galat).length).toBe(5);
  }, 60_000);

  it("a bank's list as CSV and as XLSX: a registered debtor whose data differs (the differences listed)", async () => {
    const r = rt();
    const w = await loanWorld(r);
    const csv = path.join(r.dir, 'nominatif-bsb.csv');
    bankListCsv(csv);
    const a = await preview(r, { jenis: 'pinjaman', bankId: w.bsb }, 'nominatif-bsb.csv', fs.readFileSync(csv));
    await sameAsOnTheThread(r, a);
    expect(a.result!.debiturBerbeda!.length).toBeGreaterThan(0);
    const xlsx = path.join(r.dir, 'nominatif-bsb.xlsx');
    await bankListWorkbook(xlsx);
    const b = await preview(r, { jenis: 'pinjaman', bankId: w.bsb }, 'nominatif-bsb.xlsx', fs.readFileSync(xlsx));
    await sameAsOnTheThread(r, b);
    expect(b.result!.debiturBerbeda).toEqual(a.result!.debiturBerbeda);
  }, 60_000);
});
