/**
 * The claim's checks in SQL against the staged rows (electron/services/imports/claim-check.ts)
 * against the row-by-row check (checkRows without the staged rows, kinds/tagihan.ts): on every
 * claim fixture and on a file with each kind of problem, the same problems in the same order,
 * the same file problems, and the same rows (refused or not, the account as corrected); and the
 * preview, staged and checked in the worker, shows what the row-by-row check would have shown.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stagedAccountsPlan, stagedClaimRows, stagedClaimTotals, stagedRowCount } from '../../database/repositories/import-staging';
import { amountOf, checkRows, summarize, type Checked } from '../../electron/services/imports/checks';
import { parseFile } from '../../electron/services/imports/parse/pipeline';
import { checkStagedClaim, checkStagedClaimFindings } from '../../electron/services/imports/claim-check';
import { getJob } from '../../electron/services/imports/jobs';
import { claimWorkbook } from '../fixtures/bank-files/make-xlsx';
import { buildWorld, type World } from '../fixtures/bank-files/world';
import { makeNik } from '../helpers/nik';
import { call, TODAY, useTempRuntime, type TempRuntime } from '../helpers/runtime';

const FIX = path.join(__dirname, '..', 'fixtures', 'bank-files');
const rt = useTempRuntime({ prefix: 'gs-claim-check-' });

/** Previews a claim file of bank `bankId` as the screen does (the inspection's header and mapping). */
async function preview(r: TempRuntime, bankId: number, name: string, bytes: Buffer, opsi: { sheet?: string } = {}) {
  const owner = { jenis: 'tagihan' as const, bankId };
  const up = await call(r, 'imports.upload', { ...owner, namaBerkas: name, isiBase64: bytes.toString('base64'), opsi });
  // A headerless file: its columns by number (as tests/integration/import-gaps.test.ts maps them); a period in the title: for the whole file.
  const headerless = up.tanpaJudul
    ? {
        opsi: { ...opsi, tanpaJudul: true },
        pemetaan: { nomorRekening: 'Kolom 1', nama: 'Kolom 2', nik: 'Kolom 3', periode: 'Kolom 4', outstanding: 'Kolom 5', diklaim: 'Kolom 9' },
      }
    : { opsi: { ...opsi, headerRow: up.headerRow }, pemetaan: up.pemetaan };
  const { jobId } = await call(r, 'imports.preview', { ...owner, berkas: up.berkas, namaBerkas: name, ...headerless, tetap: up.saranTetap });
  const job = getJob(jobId)!;
  await job.done;
  expect(job.status).toBe('selesai');
  return job;
}

/** What the clerk and the write see of a check: not the loan ids (the claim's write never used them). */
const seen = (c: Checked) => ({
  problems: c.problems,
  fileProblems: c.fileProblems,
  rows: c.rows.map((r) => ({ baris: r.baris, galat: r.galat, values: r.values, data: r.data, rekeningAngka: r.rekeningAngka })),
});

/**
 * Both checks of a finished preview, now: the file parsed again here (the preview's rows are in
 * its staged table only), checked row by row, and checked in SQL on the staged rows; and the
 * preview's own result (worked out in the worker) against the row-by-row check's summary.
 */
async function bothChecks(r: TempRuntime, job: NonNullable<ReturnType<typeof getJob>>, bytes: Buffer) {
  const req = job.request;
  const t = { ...req, bulanIni: TODAY.slice(0, 7), hariIni: TODAY };
  const outcome = await parseFile(bytes, req.namaBerkas, { kind: req.jenis, opts: req.opsi, mapping: req.pemetaan, fixed: req.tetap });
  expect(stagedRowCount(r.db, job.id)).toBe(outcome.rows.length);
  const rowByRow = checkRows(r.db, t, outcome);
  const staged = checkStagedClaim(r.db, t, job.id, outcome);
  // checkRows given the staged rows takes the SQL path.
  expect(seen(checkRows(r.db, t, outcome, job.id))).toEqual(seen(staged));
  // What the clerk saw: as the row-by-row check would have shown it.
  expect(job.result).toEqual(summarize(req.jenis, req.namaBerkas, outcome, rowByRow, job.result!.sebelumnya));
  expect(job.checked!.problems).toEqual(rowByRow.problems);
  // The commit's count, total and periods, in SQL on the staged rows, as worked out from the rows checked one by one.
  const valid = rowByRow.rows.filter((x) => !x.galat);
  const periods = valid
    .map((x) => x.values.periode)
    .filter((p): p is string => typeof p === 'string')
    .sort();
  expect(stagedClaimTotals(r.db, job.id, checkStagedClaimFindings(r.db, t, job.id, outcome).refused)).toEqual({
    rows: rowByRow.rows.length,
    valid: valid.length,
    total: valid.reduce((n, x) => n + amountOf(req.jenis, x.values), 0),
    periodeAwal: periods[0] ?? null,
    periodeAkhir: periods.at(-1) ?? null,
  });
  return { rowByRow: seen(rowByRow), staged: seen(staged) };
}

/** Adds a running loan of `bankId` with account `rek` (for accounts sharing their digits with another). */
async function addLoan(r: TempRuntime, bankId: number, rek: string, serial: number) {
  const skemaId = (r.db.prepare('SELECT id FROM skema LIMIT 1').get() as { id: number }).id;
  const debtor = await call(r, 'debtors.save', { nik: makeNik({ day: 3, month: 4, yy: 81, serial }), nama: `Debitur ${serial}`, skala: 'mikro' });
  await call(r, 'loans.save', {
    debiturId: debtor.id,
    bankId,
    skemaId,
    nomorRekening: rek,
    nomorAkad: `AK/X${serial}`,
    tanggalAkad: '2026-01-10',
    plafon: 12_000_000,
    tenorBulan: 24,
    tanggalAngsuranPertama: '2026-02-15',
  });
}

const CLAIM_FIXTURES = [
  'tagihan-titikkoma-bom.csv',
  'tagihan-koma.csv',
  'tagihan-cp1252.csv',
  'tagihan-tab.tsv',
  'tagihan-pipa-tanpa-judul.txt',
  'tagihan-judul-periode.csv',
  'tagihan-bank-lain.csv',
];

describe('the claim checks in SQL on the staged rows', () => {
  it.each(CLAIM_FIXTURES)('%s: the same problems, file problems and rows as the row-by-row check', async (name) => {
    const r = rt();
    const w = await buildWorld(r);
    const bytes = fs.readFileSync(path.join(FIX, name));
    const job = await preview(r, w.bsb, name, bytes);
    const { rowByRow, staged } = await bothChecks(r, job, bytes);
    expect(staged).toEqual(rowByRow);
  });

  it('every kind of problem at once, in the same order: loose and ambiguous accounts, periods not begun, refused rows, other banks', async () => {
    const r = rt();
    const w: World = await buildWorld(r);
    // Two BSB loans whose accounts share their digits with a third number: "more than one loan".
    await addLoan(r, w.bsb, '55-001', 901);
    await addLoan(r, w.bsb, '0055001', 902);
    const file = [
      'No. Rek;Nama Nasabah;Bulan;Baki Debet;Subsidi Bunga',
      '12300001;Siti Aminah;10/2026;11.500.000;79.236', // loose: read as 0012300001
      '0012300002;;10/2026;11.000.000,00;75.778,50', // exact
      '0012300003;Dewi Lestari;01/2027;10.500.000;1.000', // exact, period not begun
      '0012300004;Tanpa Nilai;10/2026;10.000.000;', // refused by the parse
      '12300005;Ahmad;12/2026;9.500.000;61.000', // loose and period not begun
      '9990000001;Tak Dikenal;10/2026;9.000.000;61.000', // unknown
      '9990000002;Tak Dikenal Juga;01/2027;9.000.000;61.000', // unknown, period not begun: no warning
      '9990000003;Tanpa Nilai Lagi;10/2026;9.000.000;', // unknown, refused by the parse: no warning
      '55001;Dua Pinjaman;10/2026;9.000.000;61.000', // two loans by digits
      '7770000001;Nasabah BRI;10/2026;9.000.000;61.000', // another bank's loan, exactly
      '777000000002;Nasabah BRI Lagi;10/2026;9.000.000;61.000', // another bank's loan by digits? (no: more digits)
      '12300001;Siti Lagi;09/2026;11.500.000;79.236', // the loose account again
    ].join('\r\n');
    const job = await preview(r, w.bsb, 'campuran.csv', Buffer.from(file, 'utf8'));
    const { rowByRow, staged } = await bothChecks(r, job, Buffer.from(file, 'utf8'));
    expect(staged).toEqual(rowByRow);
    // The file has each problem (else the comparison proves less than it says).
    const messages = rowByRow.problems.map((p) => `${p.baris} ${p.tingkat} ${p.pesan}`);
    expect(messages.some((m) => m.startsWith('2 peringatan') && m.includes('dibaca sebagai 0012300001'))).toBe(true);
    expect(messages.some((m) => m.startsWith('4 galat') && m.includes('belum berjalan'))).toBe(true);
    expect(messages.some((m) => m.startsWith('7 peringatan') && m.includes('bukan pinjaman Bank Sumsel Babel'))).toBe(true);
    expect(messages.some((m) => m.startsWith('10 peringatan') && m.includes('lebih dari satu pinjaman'))).toBe(true);
    expect(messages.filter((m) => m.startsWith('8 ') || m.startsWith('9 ')).every((m) => !m.includes('bukan pinjaman'))).toBe(true);
    expect(rowByRow.rows.filter((x) => x.data?.rekeningDibaca).map((x) => x.baris)).toEqual([2, 6, 13]);

    // The preview's row pages, read from the staged rows: the refused, those with any problem, and
    // the values as checked (the corrected account).
    const refused = await call(r, 'imports.rows', { jobId: job.id, page: 1, pageSize: 50, hanya: 'galat' });
    expect(refused.rows.map((x) => x.baris)).toEqual(rowByRow.rows.filter((x) => x.galat).map((x) => x.baris));
    expect(refused.rows.map((x) => x.baris)).toEqual([4, 5, 6, 8, 9]);
    const withProblem = await call(r, 'imports.rows', { jobId: job.id, page: 2, pageSize: 3, hanya: 'bermasalah' });
    const problemRows = [...new Set([...rowByRow.rows.filter((x) => x.galat).map((x) => x.baris), ...rowByRow.problems.map((p) => p.baris)])].sort((a, b) => a! - b!);
    expect(withProblem).toMatchObject({ total: problemRows.length, page: 2, pageSize: 3 });
    expect(withProblem.rows.map((x) => x.baris)).toEqual(problemRows.slice(3, 6));
    const all = await call(r, 'imports.rows', { jobId: job.id, page: 1, pageSize: 20, hanya: 'semua' });
    expect(all.total).toBe(12);
    const byNumber = new Map(rowByRow.rows.map((x) => [x.baris, x]));
    for (const row of all.rows) {
      expect(row.galat).toBe(byNumber.get(row.baris)!.galat);
      expect(row.masalah).toEqual(rowByRow.problems.filter((p) => p.baris === row.baris).map((p) => ({ kolom: p.kolom, pesan: p.pesan, tingkat: p.tingkat })));
      for (const k of all.isian) expect(row.nilai[k]).toEqual(byNumber.get(row.baris)!.values[k] ?? null);
    }
    expect(all.rows.find((x) => x.baris === 2)!.nilai.nomorRekening).toBe('0012300001');
  });

  it("another bank's file: the same file problem", async () => {
    const r = rt();
    const w = await buildWorld(r);
    const bytes = fs.readFileSync(path.join(FIX, 'tagihan-koma.csv'));
    const job = await preview(r, w.bri, 'tagihan-koma.csv', bytes);
    const { rowByRow, staged } = await bothChecks(r, job, bytes);
    expect(rowByRow.fileProblems.some((p) => p.startsWith('Berkas ini tampaknya berkas Bank Sumsel Babel'))).toBe(true);
    expect(staged).toEqual(rowByRow);
  });

  it('an XLSX claim with numeric account cells (leading zeros lost)', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const file = path.join(r.dir, 'tagihan-okt.xlsx');
    await claimWorkbook(file);
    const job = await preview(r, w.bsb, 'tagihan-okt.xlsx', fs.readFileSync(file), { sheet: 'Tagihan Okt' });
    const { rowByRow, staged } = await bothChecks(r, job, fs.readFileSync(file));
    expect(rowByRow.rows.length).toBeGreaterThan(0);
    expect(staged).toEqual(rowByRow);
  });

  it('stages every row as parsed, past the many-row inserts and their remainder', async () => {
    const r = rt();
    const w = await buildWorld(r);
    // 137 rows: two statements of 50 rows, then 37 one by one; names, amounts and blanks differ per row.
    const lines = ['No. Rek;Nama Nasabah;Bulan;Baki Debet;Subsidi Bunga'];
    for (let i = 0; i < 137; i++)
      lines.push(
        `00123000${String((i % 8) + 1).padStart(2, '0')};${i % 5 === 0 ? '' : `Nasabah ${i}`};${i % 3 === 0 ? '09' : '10'}/2026;${10_000_000 + i * 1000};${i % 11 === 0 ? '' : 50_000 + i}`,
      );
    const bytes = Buffer.from(lines.join('\r\n'), 'utf8');
    const job = await preview(r, w.bsb, 'banyak.csv', bytes);
    const req = job.request;
    const outcome = await parseFile(bytes, req.namaBerkas, { kind: req.jenis, opts: req.opsi, mapping: req.pemetaan, fixed: req.tetap });
    const staged = stagedClaimRows(r.db, job.id);
    expect(staged).toHaveLength(137);
    // As the parse gave them (a field it left empty is absent from both).
    const parsed = outcome.rows.map((x) => ({
      baris: x.baris,
      galat: x.galat,
      values: Object.fromEntries(Object.entries(x.values).filter(([, v]) => v !== null && v !== undefined)),
    }));
    expect(staged.map((x) => ({ baris: x.baris, galat: x.galat, values: x.values }))).toEqual(parsed);
    expect(job.result!.jumlahGalat).toBe(13);
  });

  it("looks the accounts up through the bank's unique index", async () => {
    const r = rt();
    const w = await buildWorld(r);
    const job = await preview(r, w.bsb, 'tagihan-koma.csv', fs.readFileSync(path.join(FIX, 'tagihan-koma.csv')));
    const plan = stagedAccountsPlan(r.db, job.id).join('\n');
    expect(plan).toMatch(/SEARCH p USING COVERING INDEX \S+ \(bank_id=\? AND nomor_rekening=\?\)/);
  });
});
