/**
 * Import kind 'pinjaman': debtors and loans from a bank's nominative list or the secretariat's old
 * spreadsheets, through the same steps and engine as the claims (upload → mapping → preview in
 * the worker → one-transaction commit), every row judged by the forms' own rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportInspection, ImportProblem } from '../../electron/contract';
import { commitHooks } from '../../electron/services/imports/commit';
import { importFileFromPath } from '../../electron/services/imports/import-file';
import { getJob } from '../../electron/services/imports/jobs';
import { auditRows, call, callError, countRows, sessionAs, snapshot, useTempRuntime, type TempRuntime } from '../helpers/runtime';
import { makeNik, NIK } from '../helpers/nik';
import { withPlantedCrash } from '../helpers/console';
import { bankListCsv, bankListWorkbook, legacyWorkbook, N } from '../fixtures/loan-files/make';
import { loanWorld } from '../fixtures/loan-files/world';
import { commitBothWays, previewUpload } from '../helpers/import-job';

const rt = useTempRuntime({ prefix: 'gs-import-pinjaman-' });
afterEach(() => {
  commitHooks.afterWrite = null;
});

type Owner = { jenis: 'pinjaman'; bankId: number };

async function upload(r: TempRuntime, owner: Owner, file: string): Promise<ImportInspection> {
  return call(r, 'imports.upload', { ...owner, namaBerkas: path.basename(file), isiBase64: fs.readFileSync(file).toString('base64'), opsi: {} });
}

/** Starts the preview and waits for the job through imports.progress, as the screen does. */
const preview = previewUpload;

/** The recipient decree's warning, which every row without a decree carries (asserted on its own below). */
const DECREE = /tercantum (dalam|di) SK/i;

/** The job's problems, less the decree warnings unless asked for. */
async function allProblems(r: TempRuntime, jobId: string, opts: { sk?: boolean } = {}): Promise<ImportProblem[]> {
  const rows = (await call(r, 'imports.problems', { jobId, pageSize: 500 })).rows;
  return opts.sk ? rows : rows.filter((p) => !DECREE.test(p.pesan));
}

const TABLES = ['debitur', 'pinjaman', 'pinjaman_riwayat', 'premi', 'impor_berkas', 'impor_templat', 'audit_log'];

const loanByAccount = (r: TempRuntime, rek: string) =>
  r.db
    .prepare('SELECT id, debitur_id, status, tanggal_akad, tanggal_pencairan, tanggal_lunas, plafon, tenor_bulan, cabang_id, impor_id FROM pinjaman WHERE nomor_rekening = ?')
    .get(rek) as
    | {
        id: number;
        debitur_id: number;
        status: string;
        tanggal_akad: string;
        tanggal_pencairan: string | null;
        tanggal_lunas: string | null;
        plafon: number;
        tenor_bulan: number;
        cabang_id: number | null;
        impor_id: number | null;
      }
    | undefined;

describe("the secretariat's old spreadsheet (XLSX): old loans with their real dates and states", () => {
  it('reads the damaged spreadsheet, refuses each bad row with file, row, column and reason, enters the good ones in their state', async () => {
    const r = rt();
    const w = await loanWorld(r);
    const file = path.join(r.dir, 'data-lama.xlsx');
    await legacyWorkbook(file);
    const owner: Owner = { jenis: 'pinjaman', bankId: w.bsb };
    const up = await upload(r, owner, file);
    expect(up).toMatchObject({ format: 'xlsx', headerRow: 3 });
    expect(up.pemetaan).toMatchObject({
      nik: 'NIK',
      nama: 'Nama Debitur',
      namaUsaha: 'Nama Usaha',
      sektor: 'Sektor',
      skala: 'Skala',
      alamat: 'Alamat',
      kecamatan: 'Kecamatan',
      desa: 'Desa',
      telepon: 'No HP',
      nomorRekening: 'No Rekening',
      nomorAkad: 'No Akad',
      tanggalAkad: 'Tgl Akad',
      tanggalPencairan: 'Tgl Pencairan',
      plafon: 'Plafon',
      tenorBulan: 'Jangka Waktu',
      bungaBankPersen: 'Bunga Bank',
      bungaDebiturPersen: 'Bunga Debitur',
      skema: 'Skema',
      cabang: 'Cabang',
      status: 'Status',
      tanggalStatus: 'Tgl Lunas',
    });

    const { jobId, hasil } = await preview(r, owner, up);
    expect(hasil.masalahBerkas).toEqual([]);
    expect(hasil.dilewati.map((d) => d.alasan)).toContain('Baris total');
    const problems = await allProblems(r, jobId);
    const errors = problems.filter((p) => p.tingkat === 'galat').map((p) => [p.berkas, p.baris, p.kolom, p.pesan]);
    expect(errors).toEqual([
      ['data-lama.xlsx', 7, 'NIK', `NIK "${N.angka}" tersimpan sebagai angka di Excel dan angka terakhirnya hilang; simpan kolom NIK sebagai teks`],
      ['data-lama.xlsx', 9, 'NIK', 'Tanggal lahir pada NIK (digit 7–12) bukan tanggal yang sah'],
      ['data-lama.xlsx', 10, 'Plafon', 'Plafon Rp75.000.000 melebihi batas skema GS-LAMA (Rp50.000.000).'],
      ['data-lama.xlsx', 11, 'Tgl Akad', 'Tanggal akad 02/05/2017 di luar masa berlaku skema GS-LAMA (01/01/2018 – 31/12/2023).'],
      [
        'data-lama.xlsx',
        12,
        'NIK',
        'Debitur ini sudah memiliki pinjaman bersubsidi yang masih berjalan: rekening 0012345001 di Bank Sumsel Babel (akad PK/2021/001, status aktif).',
      ],
      ['data-lama.xlsx', 13, 'No Rekening', 'Nomor rekening 0012345001 sudah ada di baris 4 berkas ini'],
      ['data-lama.xlsx', 14, 'No Rekening', `Nomor rekening 0012399999 sudah tercatat di bank ini (pinjaman no. ${w.storedLoan})`],
      ['data-lama.xlsx', 15, 'Tgl Lunas', 'Pinjaman lunas perlu tanggal lunas'],
      ['data-lama.xlsx', 16, 'NIK', 'NIK "1.60302E+15" rusak (format ilmiah Excel): digit aslinya sudah hilang; simpan kolom NIK sebagai teks'],
      ['data-lama.xlsx', 18, 'Tgl Lunas', 'Tanggal sebelum tanggal pencairan (05/04/2021)'],
    ]);
    const warnings = problems.filter((p) => p.tingkat === 'peringatan');
    expect(warnings.map((p) => [p.baris, p.kolom])).toEqual([
      [8, 'No Rekening'],
      [17, 'No HP'],
    ]);
    expect(warnings[1]!.pesan).toBe(`Data debitur NIK ${N.budi} berbeda dengan baris 4 (telepon); dipakai data baris 4`);
    expect(warnings[0]!.pesan).toContain('Nomor rekening 12345005 tersimpan sebagai angka di Excel dan lebih pendek (8 angka) dari nomor lain di berkas ini (10 angka)');
    expect(warnings[0]!.pesan).toContain('Nomor akad PK/0012345005/2022 memuat 0012345005: nomor rekening kemungkinan 0012345005.');
    expect(hasil).toMatchObject({ jumlahBaris: 15, jumlahValid: 5, jumlahGalat: 10, bisaDisimpan: true });
    expect(hasil.totalNilai).toBe(24_000_000 + 15_000_000 + 10_000_000 + 20_000_000 + 8_000_000);

    const done = await call(r, 'imports.commit', { jobId });
    expect(done).toMatchObject({ jumlahBaris: 5, debiturBaru: 4, debiturDiperbarui: 0, pinjamanBaru: 5 });

    // Real dates and states, whatever shape the file wrote them in.
    expect(loanByAccount(r, '0012345001')).toMatchObject({
      status: 'aktif',
      tanggal_akad: '2021-03-15',
      tanggal_pencairan: '2021-03-15',
      tanggal_lunas: null,
      impor_id: done.imporId,
    });
    expect(loanByAccount(r, '0012345002')).toMatchObject({ status: 'lunas', tanggal_akad: '2019-06-10', tanggal_pencairan: '2019-06-10', tanggal_lunas: '2021-10-27' });
    expect(loanByAccount(r, '0012345003')).toMatchObject({ status: 'macet', tanggal_akad: '2020-06-18', tanggal_pencairan: '2020-06-23' });
    expect(loanByAccount(r, '12345005')).toMatchObject({ status: 'aktif', tanggal_akad: '2022-02-01', tanggal_pencairan: '2022-02-03' });
    expect(loanByAccount(r, '0012345012')).toMatchObject({ status: 'lunas', tanggal_lunas: '2019-01-31' });
    // Branch by name or by code.
    const branches = r.db.prepare('SELECT kode, id FROM bank_cabang').all() as { kode: string; id: number }[];
    const me01 = branches.find((b) => b.kode === 'ME01')!.id;
    expect(loanByAccount(r, '0012345001')!.cabang_id).toBe(me01);
    expect(loanByAccount(r, '0012345002')!.cabang_id).toBe(me01);
    // One debtor, two loans.
    expect(loanByAccount(r, '0012345001')!.debitur_id).toBe(loanByAccount(r, '0012345012')!.debitur_id);
    expect(r.db.prepare('SELECT count(*) AS n FROM debitur WHERE nik = ?').get(N.budi)).toEqual({ n: 1 });

    // The lifecycle keeps its steps with the file as the reason; the trail an 'impor' entry per debtor and loan.
    const lunas = loanByAccount(r, '0012345002')!;
    const steps = r.db.prepare('SELECT dari, ke, tanggal, alasan FROM pinjaman_riwayat WHERE pinjaman_id = ? ORDER BY id').all(lunas.id) as {
      dari: string;
      ke: string;
      tanggal: string;
      alasan: string;
    }[];
    expect(steps.map((s) => [s.dari, s.ke, s.tanggal])).toEqual([
      ['diajukan', 'aktif', '2019-06-10'],
      ['aktif', 'lunas', '2021-10-27'],
    ]);
    expect(steps[0]!.alasan).toBe(`Impor pinjaman lama dari berkas "data-lama.xlsx" (impor no. ${done.imporId}, baris 5)`);
    const macet = loanByAccount(r, '0012345003')!;
    expect(r.db.prepare('SELECT ke, tanggal FROM pinjaman_riwayat WHERE pinjaman_id = ? ORDER BY id').all(macet.id)).toEqual([
      { ke: 'aktif', tanggal: '2020-06-23' },
      { ke: 'macet', tanggal: '2022-01-31' },
    ]);
    const loanAudit = auditRows(r.db, 'pinjaman').filter((a) => a.aksi === 'impor');
    expect(loanAudit).toHaveLength(5);
    expect(loanAudit.find((a) => a.entitasId === lunas.id)!.sesudah).toMatchObject({
      status: 'lunas',
      tanggalLunas: '2021-10-27',
      impor: { id: done.imporId, berkas: 'data-lama.xlsx', baris: 5 },
    });
    expect(auditRows(r.db, 'debitur').filter((a) => a.aksi === 'impor')).toHaveLength(4);
    expect(auditRows(r.db, 'impor_berkas').at(-1)).toMatchObject({ aksi: 'impor', sesudah: { jenis: 'pinjaman', pinjamanBaru: 5, debiturBaru: 4 } });
    expect((await call(r, 'imports.get', { id: done.imporId })).hasil).toMatchObject({ pinjaman: 5, tagihan: [] });
    // The original file is kept.
    expect(fs.readFileSync(path.join(path.dirname(r.databasePath), 'berkas', `${up.berkas}.xlsx`)).equals(fs.readFileSync(file))).toBe(true);

    // The subsidy run for a month in the past has the old loans: 24.000.000 × 6 % × 30/360 = 120.000.
    const run = await call(r, 'subsidy.run', { bankId: w.bsb, periodeAwal: '2023-06' });
    const budi = run.lines.find((l) => l.nomorRekening === '0012345001')!;
    expect(budi).toMatchObject({ layak: true, periode: '2023-06' });
    expect(budi.rincian).toMatchObject({ basis: 'plafon', konvensiHari: '30360', tarifSubsidiPersen: '6', jumlah: 120_000 });
    expect(run.lines.find((l) => l.nomorRekening === '12345005')).toMatchObject({ layak: true, rincian: { jumlah: 100_000 } });
    // Paid off in October 2021: nothing for it in 2023.
    expect(run.lines.find((l) => l.nomorRekening === '0012345002' && l.layak)).toBeUndefined();
  }, 60_000);

  it('a crash half-way through the commit leaves nothing; the same job then commits cleanly', async () => {
    const r = rt();
    const w = await loanWorld(r);
    const file = path.join(r.dir, 'data-lama.xlsx');
    await legacyWorkbook(file);
    const owner: Owner = { jenis: 'pinjaman', bankId: w.bsb };
    const { jobId } = await preview(r, owner, await upload(r, owner, file));
    const before = snapshot(r.db, TABLES);
    commitHooks.afterWrite = (n) => {
      if (n === 3) throw new Error('listrik padam');
    };
    expect((await withPlantedCrash('imports.commit', 'listrik padam', () => callError(r, 'imports.commit', { jobId }))).code).toBe('INTERNAL');
    expect(snapshot(r.db, TABLES)).toBe(before);
    commitHooks.afterWrite = null;
    expect((await call(r, 'imports.commit', { jobId })).pinjamanBaru).toBe(5);
  }, 60_000);
});

describe("a bank's nominative list: new applications", () => {
  it('CSV (semicolon, Indonesian numbers): new loans enter as diajukan; the registered debtor is matched; bad rows named', async () => {
    const r = rt();
    const w = await loanWorld(r);
    const file = path.join(r.dir, 'nominatif-bsb.csv');
    bankListCsv(file);
    const owner: Owner = { jenis: 'pinjaman', bankId: w.bsb };
    const up = await upload(r, owner, file);
    expect(up).toMatchObject({ format: 'csv', delimiter: ';', headerRow: 1 });
    expect(up.pemetaan).toMatchObject({
      nama: 'Nama Nasabah',
      tanggalAkad: 'Tgl Akad',
      tanggalPencairan: 'Tgl Realisasi',
      plafon: 'Plafond',
      skema: 'Kode Skema',
      cabang: 'Unit',
      npwp: 'NPWP',
    });
    const { jobId, hasil } = await preview(r, owner, up);
    const errors = (await allProblems(r, jobId)).filter((p) => p.tingkat === 'galat').map((p) => [p.berkas, p.baris, p.kolom, p.pesan]);
    expect(errors).toEqual([
      [
        'nominatif-bsb.csv',
        4,
        'NIK',
        'Debitur ini sudah memiliki pinjaman bersubsidi yang masih berjalan: rekening 7770000001 di Bank Rakyat Indonesia (akad BRI/2026/1, status diajukan).',
      ],
      ['nominatif-bsb.csv', 5, 'NPWP', 'NPWP harus 15 digit (format lama) atau 16 digit (tertulis 12 digit)'],
      ['nominatif-bsb.csv', 6, 'No. Rekening', `Nomor rekening 0012399999 sudah tercatat di bank ini (pinjaman no. ${w.storedLoan})`],
    ]);
    expect(hasil).toMatchObject({ jumlahBaris: 5, jumlahValid: 2, totalNilai: 55_000_000 });
    // Ahmad Fauzi is registered: matched, his new address and kecamatan listed old against new.
    expect(hasil.debiturBerbeda).toEqual([
      { nik: NIK.man.nik, nama: 'Ahmad Fauzi', field: 'alamat', label: 'Alamat', lama: 'Jl. Lama No. 1', baru: 'Jl. Baru No. 9', baris: 2 },
      { nik: NIK.man.nik, nama: 'Ahmad Fauzi', field: 'kecamatan', label: 'Kecamatan', lama: 'Muara Enim', baru: 'Gelumbang', baris: 2 },
    ]);
    expect(hasil.jumlahDebiturBerbeda).toBe(2);

    const done = await call(r, 'imports.commit', { jobId });
    expect(done).toMatchObject({ pinjamanBaru: 2, debiturBaru: 1, debiturDiperbarui: 0 });
    const fauzi = await call(r, 'debtors.get', { id: w.fauzi });
    expect(fauzi).toMatchObject({ alamat: 'Jl. Lama No. 1', kecamatanNama: 'Muara Enim' });
    expect(auditRows(r.db, 'debitur').filter((a) => a.entitasId === w.fauzi && a.aksi === 'ubah')).toEqual([]);
    const a = loanByAccount(r, '0012300101')!;
    expect(a).toMatchObject({ debitur_id: w.fauzi, status: 'diajukan', tanggal_akad: '2026-10-05', tanggal_pencairan: '2026-10-07', plafon: 25_000_000, tenor_bulan: 24 });
    expect(loanByAccount(r, '0012300102')).toMatchObject({ status: 'diajukan', plafon: 30_000_000, tenor_bulan: 36 });
    expect(r.db.prepare('SELECT npwp FROM debitur WHERE nama = ?').get('Rina Marlina')).toEqual({ npwp: '092542943407000' });
    expect(r.db.prepare('SELECT count(*) AS n FROM pinjaman_riwayat WHERE pinjaman_id = ?').get(a.id)).toEqual({ n: 0 });
    // Rates from the scheme, as the form takes them.
    expect(await call(r, 'loans.get', { id: a.id })).toMatchObject({
      bungaBankPersen: '11',
      bungaDebiturPersen: '3',
      alasanUbahBunga: null,
      skemaKode: 'GS-2026',
      cabangNama: 'Unit Gelumbang',
    });
    // The same content again: refused naming the earlier import; replacing is refused too (loans are never deleted).
    const again = await preview(r, owner, await upload(r, owner, file));
    expect(again.hasil.sebelumnya?.id).toBe(done.imporId);
    const before = snapshot(r.db, TABLES);
    expect((await callError(r, 'imports.commit', { jobId: again.jobId })).message).toContain(`impor no. ${done.imporId} "nominatif-bsb.csv"`);
    expect((await callError(r, 'imports.commit', { jobId: again.jobId, ganti: true })).message).toContain('tidak dapat diganti');
    expect(snapshot(r.db, TABLES)).toBe(before);
  }, 60_000);

  it('"update" takes the file\'s data for the debtor, per debtor or per field, and audits it', async () => {
    const r = rt();
    const w = await loanWorld(r);
    const file = path.join(r.dir, 'nominatif-bsb.csv');
    bankListCsv(file);
    const owner: Owner = { jenis: 'pinjaman', bankId: w.bsb };
    const { jobId } = await preview(r, owner, await upload(r, owner, file));
    // The address from the file, the kecamatan kept.
    const done = await call(r, 'imports.commit', { jobId, pilihan: { semua: 'pertahankan', debitur: { [NIK.man.nik]: { alamat: 'perbarui', kecamatan: 'pertahankan' } } } });
    expect(done.debiturDiperbarui).toBe(1);
    expect(await call(r, 'debtors.get', { id: w.fauzi })).toMatchObject({ alamat: 'Jl. Baru No. 9', kecamatanNama: 'Muara Enim' });
    const entry = auditRows(r.db, 'debitur').filter((a) => a.entitasId === w.fauzi && a.aksi === 'ubah');
    expect(entry).toHaveLength(1);
    expect(entry[0]).toMatchObject({
      sebelum: { alamat: 'Jl. Lama No. 1' },
      sesudah: { alamat: 'Jl. Baru No. 9', diperbarui: ['alamat'], impor: { id: done.imporId, berkas: 'nominatif-bsb.csv', baris: 2 } },
    });
  }, 60_000);

  it('"update" for all debtors takes every differing field', async () => {
    const r = rt();
    const w = await loanWorld(r);
    const file = path.join(r.dir, 'nominatif-bsb.csv');
    bankListCsv(file);
    const owner: Owner = { jenis: 'pinjaman', bankId: w.bsb };
    // End to end from a path (the benchmark's and scripts' way), the choice passed through.
    await importFileFromPath(r.handlers, { file, jenis: 'pinjaman', bankId: owner.bankId, pilihan: { semua: 'perbarui' } });
    expect(await call(r, 'debtors.get', { id: w.fauzi })).toMatchObject({ alamat: 'Jl. Baru No. 9', kecamatanId: w.kecamatan('Gelumbang') });
  }, 60_000);

  it('the same list as XLSX reads the same', async () => {
    const r = rt();
    const w = await loanWorld(r);
    const file = path.join(r.dir, 'nominatif-bsb.xlsx');
    await bankListWorkbook(file);
    const owner: Owner = { jenis: 'pinjaman', bankId: w.bsb };
    const { jobId, hasil } = await preview(r, owner, await upload(r, owner, file));
    expect(hasil).toMatchObject({ jumlahBaris: 5, jumlahValid: 2, totalNilai: 55_000_000, jumlahDebiturBerbeda: 2 });
    expect((await allProblems(r, jobId)).filter((p) => p.tingkat === 'galat').map((p) => [p.baris, p.kolom])).toEqual([
      [4, 'NIK'],
      [5, 'NPWP'],
      [6, 'No. Rekening'],
    ]);
    expect((await call(r, 'imports.commit', { jobId })).pinjamanBaru).toBe(2);
  }, 60_000);
});

describe('what the form asks for, asked of the file', () => {
  it('a missing scale, rates off the scheme without a reason; the scheme and the reason given once for the whole file', async () => {
    const r = rt();
    const w = await loanWorld(r);
    const nikA = makeNik({ day: 12, month: 12, yy: 92, serial: 41 });
    const nikB = makeNik({ day: 13, month: 12, yy: 92, serial: 42 });
    const file = path.join(r.dir, 'tanpa-skema.csv');
    fs.writeFileSync(
      file,
      [
        'NIK;Nama;Skala;No Rekening;No Akad;Tgl Akad;Plafon;Tenor;Bunga Bank;Bunga Debitur',
        `${nikA};Tanpa Skala;;0012300201;AK/2026/201;01/10/2026;10.000.000;12;11;3`,
        `${nikB};Bunga Lain;Mikro;0012300202;AK/2026/202;01/10/2026;10.000.000;12;12;3`,
        `${makeNik({ day: 14, month: 12, yy: 92, serial: 43 })};Nol Hilang;Mikro;12300203;PK/0012300203/2026;01/10/2026;10.000.000;12;11;3`,
      ].join('\n'),
    );
    const owner: Owner = { jenis: 'pinjaman', bankId: w.bsb };
    const up = await upload(r, owner, file);
    expect(up.pemetaan.skema).toBeUndefined();
    const first = await preview(r, owner, up, { tetap: { skema: 'GS-2026' } });
    expect((await allProblems(r, first.jobId)).map((p) => [p.baris, p.kolom, p.pesan])).toEqual([
      [2, 'Skala', 'Skala usaha wajib dipilih'],
      [3, 'Alasan bunga berbeda dari skema', 'Bunga berbeda dari skema GS-2026 (11 % / 3 %): tulis alasannya'],
      // A text account the akad number carries with zeros: a CSV cannot say it was a number, the akad can.
      [
        4,
        'No Rekening',
        'Angka nol di depan nomor rekening 12300203 mungkin hilang. Nomor akad PK/0012300203/2026 memuat 0012300203: nomor rekening kemungkinan 0012300203. Periksa dengan bank sebelum disimpan.',
      ],
    ]);
    // Loan entry checks the recipient decree as the form does: no decree names these people: a warning on the row that passed the other checks.
    expect((await allProblems(r, first.jobId, { sk: true })).filter((p) => DECREE.test(p.pesan)).map((p) => [p.baris, p.kolom, p.tingkat, p.pesan])).toEqual(
      [4].map((baris) => [baris, 'NIK', 'peringatan', 'Tidak tercantum dalam SK penerima skema GS-2026 sampai tahun 2026. Skema ini hanya memberi peringatan.']),
    );
    const second = await preview(r, owner, up, { tetap: { skema: 'GS-2026', alasanUbahBunga: 'Suku bunga bank naik sejak Oktober 2026' } });
    expect(second.hasil.jumlahValid).toBe(2);
    await call(r, 'imports.commit', { jobId: second.jobId });
    const loan = loanByAccount(r, '0012300202')!;
    expect(await call(r, 'loans.get', { id: loan.id })).toMatchObject({
      bungaBankPersen: '12',
      bungaDebiturPersen: '3',
      alasanUbahBunga: 'Suku bunga bank naik sejak Oktober 2026',
      status: 'diajukan',
    });

    // What must never happen is refused by the database too: paid off without a payoff date, disbursed without a disbursement date.
    expect(() => r.db.prepare("UPDATE pinjaman SET status = 'lunas' WHERE id = ?").run(loan.id)).toThrow(/tanggal pencairan atau tanggal lunas/);
    expect(() => r.db.prepare("UPDATE pinjaman SET status = 'lunas', tanggal_pencairan = '2026-10-02' WHERE id = ?").run(loan.id)).toThrow(/tanggal lunas/);
    expect(() => r.db.prepare("UPDATE pinjaman SET status = 'aktif' WHERE id = ?").run(loan.id)).toThrow(/tanggal pencairan/);
  }, 60_000);
});

describe('premiums', () => {
  it('an old loan under an insured scheme enters without a premium (settled before the app); an imported application gets its premium at disbursement', async () => {
    const r = rt();
    const w = await loanWorld(r);
    const file = path.join(r.dir, 'campuran.csv');
    fs.writeFileSync(
      file,
      [
        'NIK;Nama;Skala;No Rekening;No Akad;Tgl Akad;Tgl Pencairan;Plafon;Tenor;Skema;Status',
        `${makeNik({ day: 1, month: 2, yy: 93, serial: 51 })};Lama Aktif;Mikro;0012300401;AK/2026/401;01/03/2026;05/03/2026;12.000.000;24;GS-2026;aktif`,
        `${makeNik({ day: 2, month: 2, yy: 93, serial: 52 })};Baru Ajukan;Mikro;0012300402;AK/2026/402;01/11/2026;;12.000.000;24;GS-2026;`,
      ].join('\n'),
    );
    const res = await importFileFromPath(r.handlers, { file, jenis: 'pinjaman', bankId: w.bsb });
    expect(res.commit).toMatchObject({ pinjamanBaru: 2 });
    const old = loanByAccount(r, '0012300401')!;
    const fresh = loanByAccount(r, '0012300402')!;
    expect(old).toMatchObject({ status: 'aktif', tanggal_pencairan: '2026-03-05' });
    expect(fresh).toMatchObject({ status: 'diajukan', tanggal_pencairan: null });
    expect(countRows(r.db, 'premi')).toBe(0);
    await call(r, 'loans.transition', { id: fresh.id, ke: 'disetujui', tanggal: '2026-11-02' });
    await call(r, 'loans.transition', { id: fresh.id, ke: 'aktif', tanggal: '2026-11-05' });
    expect(r.db.prepare('SELECT pinjaman_id, jumlah, status FROM premi').all()).toEqual([{ pinjaman_id: fresh.id, jumlah: 180_000, status: 'terhitung' }]);
  }, 60_000);
});

describe("the lifecycle's date rules, shared with the import of old loans", () => {
  it('a payoff dated before the disbursement is refused by the form as by the import (and the database)', async () => {
    const r = rt();
    const w = await loanWorld(r);
    const loan = await call(r, 'loans.save', {
      debiturId: w.fauzi,
      bankId: w.bsb,
      skemaId: w.baru,
      nomorRekening: '0012300301',
      nomorAkad: 'AK/2026/301',
      tanggalAkad: '2026-02-01',
      plafon: 10_000_000,
      tenorBulan: 12,
    });
    await call(r, 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2026-02-02' });
    await call(r, 'loans.transition', { id: loan.id, ke: 'aktif', tanggal: '2026-03-01' });
    const err = await callError(r, 'loans.transition', { id: loan.id, ke: 'lunas', tanggal: '2026-02-15' });
    expect(err).toMatchObject({ code: 'VALIDATION', fields: { tanggal: 'Tanggal sebelum tanggal pencairan (01/03/2026)' } });
    expect((await call(r, 'loans.transition', { id: loan.id, ke: 'lunas', tanggal: '2026-09-30' })).status).toBe('lunas');
  }, 60_000);
});

describe('approval after import', () => {
  it('four eyes: whoever imported an application may not approve it; another verifier may', async () => {
    const r = rt();
    const w = await loanWorld(r);
    const file = path.join(r.dir, 'nominatif-bsb.csv');
    bankListCsv(file);
    const admin = sessionAs(r, 'admin', { username: 'kepala' });
    const verifier = sessionAs(r, 'verifikator', { username: 'budi' });
    const as = async <T>(token: string, channel: string, input: unknown): Promise<T> => {
      const res = await r.callWithSession(token, channel, input);
      if (!res.ok) throw new Error(`${channel}: ${res.error.message}`);
      return res.value as T;
    };
    const up = await as<ImportInspection>(admin, 'imports.upload', {
      jenis: 'pinjaman',
      bankId: w.bsb,
      namaBerkas: 'nominatif-bsb.csv',
      isiBase64: fs.readFileSync(file).toString('base64'),
    });
    const { jobId } = await as<{ jobId: string }>(admin, 'imports.preview', {
      jenis: 'pinjaman',
      bankId: w.bsb,
      berkas: up.berkas,
      namaBerkas: up.namaBerkas,
      opsi: { headerRow: up.headerRow },
      pemetaan: up.pemetaan,
    });
    await getJob(jobId)!.done;
    await as(admin, 'imports.commit', { jobId });
    const loan = loanByAccount(r, '0012300101')!;
    const own = await r.callWithSession(admin, 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2026-10-08' });
    expect(own).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('prinsip empat mata') } });
    await as(verifier, 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2026-10-08' });
    expect(loanByAccount(r, '0012300101')!.status).toBe('disetujui');

    // A bank's liaison officer sends the list; the secretariat imports it.
    const officer = sessionAs(r, 'bank', { username: 'petugas-bsb', bankId: w.bsb });
    const refused = await r.callWithSession(officer, 'imports.upload', {
      jenis: 'pinjaman',
      bankId: w.bsb,
      namaBerkas: 'x.csv',
      isiBase64: fs.readFileSync(file).toString('base64'),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Petugas bank tidak mengimpor daftar pinjaman; berkas ini diimpor oleh sekretariat.' } });
  }, 60_000);
});

describe('a large list', () => {
  it('10,000 loans in one go: every row checked, counted, the plafon total as computed here', async () => {
    const r = rt();
    const w = await loanWorld(r);
    const n = 10_000;
    const lines = ['NIK;Nama;Skala;No Rekening;No Akad;Tgl Akad;Plafon;Tenor;Skema'];
    let expected = 0;
    for (let i = 0; i < n; i++) {
      const nik = makeNik({ day: (i % 28) + 1, month: (i % 12) + 1, yy: 60 + (i % 40), serial: (i % 9000) + 1, kecamatan: String(10 + Math.floor(i / 9000)).padStart(2, '0') });
      const plafon = 5_000_000 + (i % 41) * 250_000;
      expected += plafon;
      const rupiah = plafon.toLocaleString('de-DE');
      lines.push(`${nik};Debitur ${i};Mikro;${String(50_000_000 + i).padStart(10, '0')};AK/BIG/${i};${String((i % 28) + 1).padStart(2, '0')}/03/2026;${rupiah};24;GS-2026`);
    }
    const file = path.join(r.dir, 'nominatif-besar.csv');
    fs.writeFileSync(file, lines.join('\n'), 'utf8');
    const stages: number[] = [];
    const res = await importFileFromPath(r.handlers, { file, jenis: 'pinjaman', bankId: w.bsb }, (p) => stages.push(p));
    expect(res.preview).toMatchObject({ jumlahBaris: n, jumlahValid: n, jumlahGalat: 0, totalNilai: expected });
    expect(res.commit).toMatchObject({ jumlahBaris: n, pinjamanBaru: n, debiturBaru: n, totalNilai: expected });
    expect(stages.at(-1)).toBe(100);
    expect(r.db.prepare('SELECT count(*) AS n, sum(plafon) AS s FROM pinjaman WHERE impor_id = ?').get(res.commit!.imporId)).toEqual({ n, s: expected });
    expect(r.db.prepare("SELECT count(*) AS n FROM pinjaman WHERE impor_id = ? AND status = 'diajukan'").get(res.commit!.imporId)).toEqual({ n });
    expect(countRows(r.db, 'debitur')).toBe(n + 3);
  }, 180_000);
});

describe('the loan list committed as a job (tests/helpers/import-job.ts)', () => {
  const allTables = (r: TempRuntime) =>
    r.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT GLOB 'impor_staging*' ORDER BY name").pluck().all() as string[];

  it('the damaged spreadsheet: the job writes the same debtors, loans, histories and audit trail as the commit on the thread', async () => {
    const r = rt();
    // Written once and copied to both runtimes: exceljs stamps a workbook with the moment it is
    // written, so two writings a second apart differ in the SHA-256 the import records.
    const made = path.join(r.dir, 'data-lama-dibuat.xlsx');
    await legacyWorkbook(made);
    const done = await commitBothWays(
      r,
      async (x) => {
        const w = await loanWorld(x);
        const file = path.join(x.dir, 'data-lama.xlsx');
        fs.copyFileSync(made, file);
        return { w, file };
      },
      ({ w, file }) => ({ owner: { jenis: 'pinjaman', bankId: w.bsb }, file }),
      allTables(r),
    );
    expect(done.viaJob.pinjamanBaru).toBe(5);
    expect(done.reports.filter((s) => s.tahap === 'Menyimpan baris').at(-1)?.persen).toBe(100);
  }, 60_000);

  it("a bank's list with the clerk's choices on a registered debtor: the same update, made in the worker", async () => {
    const r = rt();
    const pilihan = { semua: 'pertahankan' as const, debitur: { [NIK.man.nik]: { alamat: 'perbarui' as const, kecamatan: 'pertahankan' as const } } };
    const done = await commitBothWays(
      r,
      async (x) => {
        const w = await loanWorld(x);
        const file = path.join(x.dir, 'nominatif-bsb.csv');
        bankListCsv(file);
        return { w, file };
      },
      ({ w, file }) => ({ owner: { jenis: 'pinjaman', bankId: w.bsb }, file, commit: { pilihan } }),
      allTables(r),
    );
    expect(done.viaJob.debiturDiperbarui).toBe(1);
  }, 60_000);
});
