/**
 * Reports and the document path: every figure of the printed documents checked against sums
 * computed here from the raw rows; the same documents as PDF (Chromium page.pdf, read back with
 * pdftotext/pdfinfo, one PNG per kind in tests/artifacts for a look), XLSX (read back with
 * exceljs) and CSV (papaparse); who may print what.
 */
import { withSeenVersion } from '../helpers/versions';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRequestInput, RenderedDocument, Result } from '../../electron/contract';
import { formatRupiah } from '../../electron/domain/format';
import { terbilangRupiahKapital } from '../../electron/domain/terbilang';
import { createRuntime, type Runtime } from '../../electron/runtime';
import type { ServiceContext } from '../../electron/services/context';
import type { ReportDocument, TableBlock } from '../../electron/services/documents/model';
import { nodePrinter } from '../../electron/services/documents/node-printer';
import { RUPIAH_FORMAT } from '../../electron/services/documents/xlsx';
import { projectCosts } from '../../electron/services/budget/projection';
import { buildRekapBulanan } from '../../electron/services/reports/rekap-bulanan';
import { call, sessionAs, TODAY } from '../helpers/runtime';

const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');
const printer = nodePrinter();
let rt: Runtime;
let dir: string;
let ctx: ServiceContext;

const db = () => rt.db;
const all = <T>(sql: string, ...params: unknown[]) =>
  db()
    .prepare(sql)
    .all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) =>
  db()
    .prepare(sql)
    .get(...params) as T;

async function render(dokumen: DocumentRequestInput, format: 'html' | 'pdf' | 'xlsx' | 'csv' = 'html'): Promise<RenderedDocument> {
  return call(rt, 'documents.render', { dokumen, format });
}
async function as(token: string, channel: string, input: unknown): Promise<Result<unknown>> {
  return rt.callWithSession(token, channel, withSeenVersion(rt.db, channel, input));
}
const table = (doc: ReportDocument, title: string): TableBlock => {
  const t = doc.blocks.find((b): b is TableBlock => b.type === 'table' && (b.title ?? '').includes(title));
  if (!t) throw new Error(`tabel ${title} tidak ada`);
  return t;
};
const text = (pdf: Buffer): string => {
  const file = path.join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-']).toString('utf8');
};
const pages = (pdf: Buffer): number => {
  const file = path.join(dir, `p-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
};
/** A page (default the first) as PNG in tests/artifacts, to look at. */
function png(pdf: Buffer, name: string, page = 1): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), '-singlefile', file, path.join(ARTIFACTS, name)]);
  return path.join(ARTIFACTS, `${name}.png`);
}
const squash = (s: string) => s.replace(/\s+/g, ' ');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-docs-'));
  rt = createRuntime({ databasePath: path.join(dir, 'db.sqlite'), user: 'uji', today: () => TODAY, printer });
  await call(rt, 'app.loadDemo', {});
  // Payments, so the summary has money in it: each bank's August subsidy paid in September and its
  // September subsidy paid in October; one insurer's premiums paid in October.
  const paguSubsidi = one<{ id: number }>("SELECT id FROM pagu WHERE tahun = 2026 AND jenis = 'subsidi_bunga'").id;
  const paguPremi = one<{ id: number }>("SELECT id FROM pagu WHERE tahun = 2026 AND jenis = 'premi'").id;
  for (const bank of all<{ id: number; kode: string }>('SELECT id, kode FROM bank ORDER BY id')) {
    await call(rt, 'subsidy.recordPayment', { bankId: bank.id, periodeAwal: '2026-08', nomorSp2d: `SP2D/08/${bank.kode}`, tanggalSp2d: '2026-09-14', paguId: paguSubsidi });
    await call(rt, 'subsidy.recordPayment', { bankId: bank.id, periodeAwal: '2026-09', nomorSp2d: `SP2D/09/${bank.kode}`, tanggalSp2d: '2026-10-12', paguId: paguSubsidi });
  }
  const premiums = (await call(rt, 'premiums.list', { status: 'terhitung' })).filter((p) => (p.tanggalPencairan ?? '') >= '2026-01-01');
  const insurer = premiums[0]!.penjaminId;
  const ids = premiums.filter((p) => p.penjaminId === insurer).map((p) => p.id);
  const operator = sessionAs(rt, 'operator', { username: 'rina' });
  const verifier = sessionAs(rt, 'verifikator', { username: 'budi' });
  expect((await as(operator, 'premiums.recordInvoice', { penjaminId: insurer, premiIds: ids, nomorTagihan: 'TG/10', tanggalTagihan: '2026-10-05' })).ok).toBe(true);
  expect((await as(verifier, 'premiums.recordPayment', { penjaminId: insurer, premiIds: ids, nomorSp2d: 'SP2D/PREMI/10', tanggalSp2d: '2026-10-20', paguId: paguPremi })).ok).toBe(
    true,
  );
  const trusted = { userId: null, username: 'uji', role: 'sistem' as const, bankId: null, token: null };
  ctx = { db: rt.db, user: 'uji', caller: () => trusted, sessions: rt.sessions, now: Date.now, today: () => TODAY, appVersion: '0', databasePath: '', dataSafety: rt.dataSafety };
}, 60_000);

afterAll(async () => {
  rt.close();
  await printer.close?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('rekap bulanan', () => {
  /** The month's state of each loan, computed here straight from the rows. */
  function expectedLoans(periode: string, monthEnd: string) {
    const loans = all<{ id: number; debitur_id: number; bank: string; kecamatan: string | null; jk: string; plafon: number; cair: string; lunas: string | null }>(
      `SELECT l.id, l.debitur_id, b.nama AS bank, k.nama AS kecamatan, d.jenis_kelamin AS jk, l.plafon, l.tanggal_pencairan AS cair, l.tanggal_lunas AS lunas
       FROM pinjaman l JOIN bank b ON b.id = l.bank_id JOIN debitur d ON d.id = l.debitur_id LEFT JOIN kecamatan k ON k.id = d.kecamatan_id
       WHERE l.tanggal_pencairan <= ? AND l.status NOT IN ('diajukan', 'disetujui', 'ditolak')`,
      monthEnd,
    );
    const positions = all<{ pinjaman_id: number; periode: string; outstanding: number; kol: number }>(
      'SELECT pinjaman_id, periode, outstanding, kol FROM posisi_bank WHERE periode <= ? ORDER BY periode',
      periode,
    );
    const latest = new Map<number, { outstanding: number; kol: number }>();
    for (const p of positions) latest.set(p.pinjaman_id, p);
    return loans.map((l) => ({ ...l, running: l.lunas === null || l.lunas > monthEnd, position: latest.get(l.id) }));
  }

  it('counts, plafon, outstanding and quality of October 2026 match the rows, in total and per bank and gender', async () => {
    const doc = await buildRekapBulanan(ctx, { jenis: 'rekapBulanan', periode: '2026-10' });
    const loans = expectedLoans('2026-10', '2026-10-31');
    const running = loans.filter((l) => l.running);
    // Every running loan has an October position in the demo (positions run to last month).
    expect(running.every((l) => l.position !== undefined)).toBe(true);
    const outstanding = running.reduce((s, l) => s + l.position!.outstanding, 0);
    const bad = running.filter((l) => l.position!.kol >= 3);
    const badOutstanding = bad.reduce((s, l) => s + l.position!.outstanding, 0);

    const a = table(doc, 'A. Debitur').rows.map((r) => r.jumlah);
    expect(a).toEqual([
      new Set(running.map((l) => l.debitur_id)).size,
      running.length,
      loans.filter((l) => l.cair >= '2026-10-01').length,
      loans.filter((l) => l.lunas !== null && l.lunas >= '2026-10-01' && l.lunas <= '2026-10-31').length,
      bad.length,
      running.filter((l) => l.position!.kol === 5).length,
    ]);
    expect(running.length).toBeGreaterThan(100);
    const b = table(doc, 'B. Plafon').rows.map((r) => r.jumlah);
    expect(b).toEqual([loans.filter((l) => l.cair >= '2026-10-01').reduce((s, l) => s + l.plafon, 0), running.reduce((s, l) => s + l.plafon, 0), outstanding, badOutstanding]);

    const byBank = table(doc, 'D. Menurut bank');
    for (const row of byBank.rows) {
      const mine = running.filter((l) => l.bank === row.nama);
      expect(row).toMatchObject({ berjalan: mine.length, plafon: mine.reduce((s, l) => s + l.plafon, 0), outstanding: mine.reduce((s, l) => s + l.position!.outstanding, 0) });
    }
    expect(byBank.totals).toMatchObject({ berjalan: running.length, outstanding });
    const byGender = table(doc, 'H. Menurut jenis kelamin');
    expect(byGender.rows.map((r) => [r.nama, r.berjalan])).toEqual([
      ['Laki-laki', running.filter((l) => l.jk === 'L').length],
      ['Perempuan', running.filter((l) => l.jk === 'P').length],
    ]);
    // Debtors per row: distinct debtors with a running loan there. One who borrows from two banks
    // counts in each bank's row but once in their kecamatan's.
    const distinctDebtors = (ls: typeof running) => new Set(ls.map((l) => l.debitur_id)).size;
    for (const row of byBank.rows) expect(row.debitur).toBe(distinctDebtors(running.filter((l) => l.bank === row.nama)));
    for (const row of table(doc, 'E. Menurut kecamatan').rows) expect(row.debitur).toBe(distinctDebtors(running.filter((l) => (l.kecamatan ?? '(tanpa kecamatan)') === row.nama)));
    expect(table(doc, 'E. Menurut kecamatan').totals!.debitur).toBe(distinctDebtors(running));
    // Every breakdown adds up to the same whole.
    for (const t of ['E. Menurut kecamatan', 'F. Menurut sektor', 'G. Menurut skala']) {
      expect(table(doc, t).totals).toMatchObject({ berjalan: running.length, outstanding, bad: badOutstanding });
    }
    expect(table(doc, 'E. Menurut kecamatan').rows.length).toBeGreaterThanOrEqual(22);
  });

  it('subsidy and premium paid this month and this year, against the pagu and the projection', async () => {
    const doc = await buildRekapBulanan(ctx, { jenis: 'rekapBulanan', periode: '2026-10' });
    const sp2d = (table: string, from: string, to: string) =>
      one<{ n: number }>(`SELECT coalesce(sum(jumlah), 0) AS n FROM ${table} WHERE tanggal_sp2d BETWEEN ? AND ?`, from, to).n;
    const subsidiBulan = sp2d('pembayaran', '2026-10-01', '2026-10-31');
    const subsidiTahun = sp2d('pembayaran', '2026-01-01', '2026-10-31');
    const premiBulan = sp2d('pembayaran_premi', '2026-10-01', '2026-10-31');
    expect(subsidiBulan).toBeGreaterThan(0);
    expect(subsidiTahun).toBeGreaterThan(subsidiBulan);
    expect(premiBulan).toBeGreaterThan(0);

    const amounts = doc.blocks.filter((b) => b.type === 'amount').map((b) => (b.type === 'amount' ? b.amount : 0));
    expect(amounts).toEqual([subsidiBulan, premiBulan]);
    const pagu = (jenis: string) => one<{ n: number }>('SELECT sum(jumlah) AS n FROM pagu WHERE tahun = 2026 AND jenis = ?', jenis).n;
    const projection = projectCosts(db(), '2026-11');
    const budget = table(doc, 'C. Anggaran');
    expect(budget.rows[0]).toMatchObject({
      pagu: pagu('subsidi_bunga'),
      bulanIni: subsidiBulan,
      sdBulanIni: subsidiTahun,
      sisa: pagu('subsidi_bunga') - subsidiTahun,
      proyeksi: projection.subsidyByYear.get(2026) ?? 0,
    });
    expect(budget.rows[1]).toMatchObject({ pagu: pagu('premi'), bulanIni: premiBulan, sdBulanIni: sp2d('pembayaran_premi', '2026-01-01', '2026-10-31') });

    // Per bank: the SP2D of each bank's claims.
    const perBank = all<{ nama: string; n: number }>(
      "SELECT b.nama, sum(p.jumlah) AS n FROM pembayaran p JOIN tagihan t ON t.id = p.tagihan_id JOIN bank b ON b.id = t.bank_id WHERE p.tanggal_sp2d BETWEEN '2026-10-01' AND '2026-10-31' GROUP BY b.nama",
    );
    for (const r of perBank) expect(table(doc, 'D. Menurut bank').rows.find((x) => x.nama === r.nama)?.subsidiBulan).toBe(r.n);
    for (const t of ['D. Menurut bank', 'E. Menurut kecamatan', 'H. Menurut jenis kelamin']) {
      expect(table(doc, t).totals).toMatchObject({ subsidiBulan, subsidiTahun, premiBulan });
    }
  });

  it('November, before the banks reported: older positions and, for new loans, the schedule', async () => {
    const doc = await buildRekapBulanan(ctx, { jenis: 'rekapBulanan', periode: '2026-11' });
    const loans = expectedLoans('2026-11', '2026-11-30').filter((l) => l.running);
    let expected = 0;
    let fromSchedule = 0;
    for (const l of loans) {
      if (l.position) expected += l.position.outstanding;
      else {
        // The loan page's schedule: the outstanding after the last instalment due by the month end.
        const detail = await call(rt, 'loans.get', { id: l.id });
        const due = detail.jadwal!.rows.filter((r) => r.jatuhTempo <= '2026-11-30');
        expected += due.length ? due[due.length - 1]!.pokokAkhir : detail.plafon;
        fromSchedule++;
      }
    }
    expect(table(doc, 'B. Plafon').rows[2]!.jumlah).toBe(expected);
    expect(doc.notes?.[0]).toContain(`(${fromSchedule} pinjaman, dianggap kol 1)`);
  });

  it("a debtor who borrows from a second bank counts in both banks' rows and once in their kecamatan", async () => {
    // The app refuses a second running subsidised loan, but data carried over from the spreadsheets
    // may hold one: a running debtor with a loan at another bank, disbursed in November (no
    // position yet, so the schedule stands in).
    const first = one<{ id: number; debitur_id: number; bank_id: number }>(
      "SELECT id, debitur_id, bank_id FROM pinjaman WHERE status = 'aktif' AND tanggal_lunas IS NULL ORDER BY id LIMIT 1",
    );
    const other = one<{ id: number }>('SELECT id FROM bank WHERE id <> ? ORDER BY id LIMIT 1', first.bank_id);
    db()
      .prepare(
        `INSERT INTO pinjaman (debitur_id, bank_id, skema_id, nomor_rekening, nomor_akad, tanggal_akad, tanggal_pencairan, plafon, tenor_bulan,
         bunga_bank_persen, bunga_debitur_persen, tanggal_angsuran_pertama, status)
       SELECT debitur_id, ?, skema_id, '9900112233', 'AK/DUA-BANK/2026', '2026-11-02', '2026-11-04', 15000000, 12, bunga_bank_persen, bunga_debitur_persen, '2026-12-04', 'aktif'
       FROM pinjaman WHERE id = ?`,
      )
      .run(other.id, first.id);

    const doc = await buildRekapBulanan(ctx, { jenis: 'rekapBulanan', periode: '2026-11' });
    const running = expectedLoans('2026-11', '2026-11-30').filter((l) => l.running);
    const mine = running.filter((l) => l.debitur_id === first.debitur_id);
    expect(new Set(mine.map((l) => l.bank)).size).toBe(2);
    const distinct = (ls: typeof running) => new Set(ls.map((l) => l.debitur_id)).size;
    expect(table(doc, 'A. Debitur').rows[0]!.jumlah).toBe(distinct(running));
    for (const row of table(doc, 'D. Menurut bank').rows) expect(row.debitur).toBe(distinct(running.filter((l) => l.bank === row.nama)));
    const byBankSum = table(doc, 'D. Menurut bank').rows.reduce((s, r) => s + (r.debitur as number), 0);
    expect(byBankSum).toBe(distinct(running) + 1);
    for (const t of ['E. Menurut kecamatan', 'F. Menurut sektor', 'G. Menurut skala', 'H. Menurut jenis kelamin']) {
      expect(table(doc, t).totals!.debitur).toBe(distinct(running));
    }
    const place = mine[0]!.kecamatan ?? '(tanpa kecamatan)';
    expect(table(doc, 'E. Menurut kecamatan').rows.find((r) => r.nama === place)!.debitur).toBe(distinct(running.filter((l) => (l.kecamatan ?? '(tanpa kecamatan)') === place)));
  });

  it('prints through Chromium: letterhead, title, totals, terbilang, signatures and "Halaman X dari Y"', async () => {
    const r = await render({ jenis: 'rekapBulanan', periode: '2026-10' }, 'pdf');
    expect(r).toMatchObject({ namaBerkas: 'rekap-bulanan-2026-10.pdf', mime: 'application/pdf', orientasi: 'landscape' });
    const pdf = Buffer.from(r.isiBase64!, 'base64');
    const n = pages(pdf);
    const t = squash(text(pdf));
    const subsidi = one<{ n: number }>("SELECT sum(jumlah) AS n FROM pembayaran WHERE tanggal_sp2d BETWEEN '2026-10-01' AND '2026-10-31'").n;
    expect(t).toContain('PEMERINTAH KABUPATEN MUARA ENIM');
    expect(t).toContain('REKAPITULASI BULANAN PROGRAM GERBANG SERASAN');
    expect(t).toContain('Bulan Oktober 2026');
    expect(t).toContain(formatRupiah(subsidi));
    expect(t).toContain(`Terbilang: ${terbilangRupiahKapital(subsidi)}`);
    expect(t).toContain('Muara Enim, 23 November 2026');
    expect(t).toContain('Halaman 1 dari ' + n);
    expect(t).toContain(`Halaman ${n} dari ${n}`);
    expect(n).toBeGreaterThan(2);
    expect(fs.existsSync(png(pdf, 'dokumen-rekap-bulanan'))).toBe(true);
    for (let page = 2; page <= n; page++) png(pdf, `dokumen-rekap-bulanan-hal${page}`, page);
  }, 60_000);

  it('exports XLSX with rupiah formats, SUM formulas and frozen headers, and one CSV table', async () => {
    const r = await render({ jenis: 'rekapBulanan', periode: '2026-10' }, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.isiBase64!, 'base64') as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Anggaran', 'Per bank', 'Per kecamatan', 'Per sektor', 'Per skala usaha', 'Per jenis kelamin']);
    const doc = await buildRekapBulanan(ctx, { jenis: 'rekapBulanan', periode: '2026-10' });
    const bank = table(doc, 'D. Menurut bank');
    const ws = wb.getWorksheet('Per bank')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(ws.getRow(6).values).toEqual([undefined, ...bank.columns.map((c) => c.label)]);
    expect(ws.getCell('A7').value).toBe(bank.rows[0]!.nama);
    expect(ws.getCell('G7').value).toBe(bank.rows[0]!.outstanding);
    expect(ws.getCell('G7').numFmt).toBe(RUPIAH_FORMAT);
    const totalRow = 7 + bank.rows.length;
    expect(ws.getCell(`G${totalRow}`).value).toEqual({ formula: `SUM(G7:G${totalRow - 1})`, result: bank.totals!.outstanding });
    expect(ws.getCell(`G${totalRow}`).font?.bold).toBe(true);
    const summary = wb.getWorksheet('Ringkasan')!;
    const words: string[] = [];
    summary.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && c.value.endsWith('rupiah') && words.push(c.value)));
    expect(words[0]).toBe(
      terbilangRupiahKapital(doc.blocks.find((b) => b.type === 'amount')!.type === 'amount' ? (doc.blocks.find((b) => b.type === 'amount') as { amount: number }).amount : 0),
    );
    // Set up to print on A4 (Excel paper 9), or on F4 (Excel's Folio, 14) when asked.
    expect(wb.worksheets.map((w) => w.pageSetup.paperSize)).toEqual(wb.worksheets.map(() => 9));
    const f4 = new ExcelJS.Workbook();
    await f4.xlsx.load(
      Buffer.from((await call(rt, 'documents.render', { dokumen: { jenis: 'rekapBulanan', periode: '2026-10' }, format: 'xlsx', kertas: 'F4' })).isiBase64!, 'base64') as never,
    );
    expect(f4.worksheets.map((w) => w.pageSetup.paperSize)).toEqual(f4.worksheets.map(() => 14));
  });
});

describe('registers', () => {
  it('loan register: the filters select the rows SQL selects, totals and CSV/XLSX agree', async () => {
    const bank = one<{ id: number; nama: string }>("SELECT id, nama FROM bank WHERE kode = 'BRI'");
    const filter = { jenis: 'registerPinjaman' as const, bankId: bank.id, status: 'aktif' as const, periodeAwal: '2026-01', periodeAkhir: '2026-10' };
    const expected = all<{ nomor_rekening: string; plafon: number }>(
      "SELECT nomor_rekening, plafon FROM pinjaman WHERE bank_id = ? AND status = 'aktif' AND tanggal_akad BETWEEN '2026-01-01' AND '2026-10-31' ORDER BY tanggal_akad, id",
      bank.id,
    );
    expect(expected.length).toBeGreaterThan(5);
    const plafon = expected.reduce((s, r) => s + r.plafon, 0);

    const html = (await render(filter)).html!;
    expect(html).toContain(bank.nama);
    expect(html).toContain(formatRupiah(plafon));
    expect(html).toContain('<thead>');

    const csv = (await render(filter, 'csv')).teks!;
    const parsed = parse<string[]>(csv, { delimiter: ';' });
    expect(parsed.data[0]).toEqual([
      'No',
      'No. rekening',
      'No. akad',
      'Tgl akad',
      'Debitur',
      'NIK',
      'Kecamatan',
      'Bank',
      'Skema',
      'Plafon',
      'Tenor (bln)',
      'Bunga bank / debitur',
      'Status',
      'Baki debet',
      'Kol',
    ]);
    const rows = parsed.data.slice(1).filter((r) => r.length > 1);
    expect(rows.map((r) => r[1])).toEqual(expected.map((r) => r.nomor_rekening));
    expect(rows.reduce((s, r) => s + Number(r[9]), 0)).toBe(plafon);

    const x = await render(filter, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.isiBase64!, 'base64') as never);
    const ws = wb.getWorksheet('Pinjaman')!;
    const header = ws.views[0]!.state === 'frozen' ? (ws.views[0] as { ySplit: number }).ySplit : 0;
    expect(ws.getCell(header, 10).value).toBe('Plafon');
    const last = header + expected.length + 1;
    expect(ws.getCell(last, 10).value).toEqual({ formula: `SUM(J${header + 1}:J${last - 1})`, result: plafon });
    expect(ws.getCell(header + 1, 10).numFmt).toBe(RUPIAH_FORMAT);
    expect(ws.getCell(header + 1, 4).value).toBeInstanceOf(Date);

    const pdf = Buffer.from((await render(filter, 'pdf')).isiBase64!, 'base64');
    const t = squash(text(pdf));
    expect(t).toContain('REGISTER PINJAMAN');
    expect(t).toContain(formatRupiah(plafon));
    expect(t).toContain(`Halaman 1 dari ${pages(pdf)}`);
    png(pdf, 'dokumen-register-pinjaman');
  }, 60_000);

  it('debtor register by kecamatan and scale', async () => {
    const kec = one<{ id: number; nama: string }>('SELECT k.id, k.nama FROM kecamatan k JOIN debitur d ON d.kecamatan_id = k.id GROUP BY k.id ORDER BY count(*) DESC LIMIT 1');
    const expected = all<{ nik: string }>("SELECT nik FROM debitur WHERE kecamatan_id = ? AND skala = 'mikro' AND aktif = 1", kec.id);
    const csv = (await render({ jenis: 'registerDebitur', kecamatanId: kec.id, skala: 'mikro' }, 'csv')).teks!;
    const rows = parse<string[]>(csv, { delimiter: ';' })
      .data.slice(1)
      .filter((r) => r.length > 1);
    expect(rows.map((r) => r[1]).sort()).toEqual(expected.map((r) => r.nik).sort());
    const pdf = Buffer.from((await render({ jenis: 'registerDebitur', kecamatanId: kec.id, skala: 'mikro' }, 'pdf')).isiBase64!, 'base64');
    const t = squash(text(pdf));
    expect(t).toContain(`Kecamatan : ${kec.nama}`);
    expect(t).toContain(`Jumlah debitur : ${expected.length}`);
    png(pdf, 'dokumen-register-debitur');
  }, 60_000);

  it('loan history: schedule, positions and the subsidy paid, as the loan page shows them', async () => {
    const loan = one<{ id: number }>('SELECT pinjaman_id AS id FROM periode_dibayar GROUP BY pinjaman_id ORDER BY pinjaman_id LIMIT 1');
    const paid = one<{ n: number }>(
      'SELECT sum(tb.disetujui) AS n FROM periode_dibayar pd JOIN tagihan_baris tb ON tb.id = pd.tagihan_baris_id WHERE pd.pinjaman_id = ?',
      loan.id,
    ).n;
    const detail = await call(rt, 'loans.get', { id: loan.id });
    const pdf = Buffer.from((await render({ jenis: 'riwayatPinjaman', pinjamanId: loan.id }, 'pdf')).isiBase64!, 'base64');
    const t = squash(text(pdf));
    expect(t).toContain('RIWAYAT PINJAMAN');
    expect(t).toContain(detail.nomorRekening);
    expect(t).toContain(`Terbilang: ${terbilangRupiahKapital(paid)}`);
    expect(t).toContain(formatRupiah(detail.jadwal!.totalAngsuran));
    const csv = parse<string[]>((await render({ jenis: 'riwayatPinjaman', pinjamanId: loan.id }, 'csv')).teks!, { delimiter: ';' })
      .data.slice(1)
      .filter((r) => r.length > 1);
    expect(csv).toHaveLength(detail.jadwal!.rows.length);
    png(pdf, 'dokumen-riwayat-pinjaman');
  }, 60_000);
});

describe('who may print what', () => {
  it("a bank's liaison officer prints only their own bank's registers and loans, never the summary", async () => {
    const [a, b] = all<{ id: number }>('SELECT id FROM bank ORDER BY id');
    const liaison = sessionAs(rt, 'bank', { bankId: a!.id, username: 'petugas-a' });
    const own = { ok: false, error: { code: 'FORBIDDEN', message: 'Petugas bank hanya dapat melihat data banknya sendiri.' } };
    expect(await as(liaison, 'documents.render', { dokumen: { jenis: 'registerPinjaman', bankId: b!.id } })).toEqual(own);
    expect(await as(liaison, 'documents.render', { dokumen: { jenis: 'registerPinjaman' } })).toEqual(own);
    const mine = await as(liaison, 'documents.render', { dokumen: { jenis: 'registerPinjaman', bankId: a!.id }, format: 'csv' });
    expect(mine.ok).toBe(true);
    const accounts = parse<string[]>((mine as { value: RenderedDocument }).value.teks!, { delimiter: ';' })
      .data.slice(1)
      .filter((r) => r.length > 1)
      .map((r) => r[1]);
    expect(accounts.sort()).toEqual(
      all<{ r: string }>('SELECT nomor_rekening AS r FROM pinjaman WHERE bank_id = ?', a!.id)
        .map((r) => r.r)
        .sort(),
    );

    const otherLoan = one<{ id: number }>('SELECT id FROM pinjaman WHERE bank_id = ? LIMIT 1', b!.id);
    const ownLoan = one<{ id: number }>('SELECT id FROM pinjaman WHERE bank_id = ? LIMIT 1', a!.id);
    expect(await as(liaison, 'documents.render', { dokumen: { jenis: 'riwayatPinjaman', pinjamanId: otherLoan.id } })).toEqual(own);
    expect((await as(liaison, 'documents.render', { dokumen: { jenis: 'riwayatPinjaman', pinjamanId: ownLoan.id } })).ok).toBe(true);

    expect(await as(liaison, 'documents.render', { dokumen: { jenis: 'rekapBulanan', periode: '2026-10' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await as(liaison, 'documents.render', { dokumen: { jenis: 'registerDebitur' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const kinds = await as(liaison, 'documents.kinds', {});
    // Other kinds (the berita acara) may be open to banks too; the summary and the debtor register are not.
    const offered = kinds.ok ? (kinds.value as { jenis: string }[]).map((k) => k.jenis) : [];
    expect(offered).toEqual(expect.arrayContaining(['registerPinjaman', 'riwayatPinjaman']));
    expect(offered).not.toContain('rekapBulanan');
    expect(offered).not.toContain('registerDebitur');
  });

  it('a viewer prints the summary; print without a system dialog answers with the fallback error', async () => {
    const viewer = sessionAs(rt, 'pemantau');
    expect((await as(viewer, 'documents.render', { dokumen: { jenis: 'rekapBulanan', periode: '2026-10' } })).ok).toBe(true);
    expect(await as(viewer, 'documents.print', { dokumen: { jenis: 'rekapBulanan', periode: '2026-10' } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', fields: { printer: expect.any(String) } },
    });
    expect(await as(viewer, 'documents.render', { dokumen: { jenis: 'laporanLain' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await as(viewer, 'documents.render', { dokumen: { jenis: 'rekapBulanan', periode: '2026-13' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('document settings', () => {
  const settings = {
    kop: {
      pemerintah: 'PEMERINTAH KABUPATEN MUARA ENIM',
      instansi: 'SEKRETARIAT PROGRAM GERBANG SERASAN',
      alamat: 'Jl. Sudirman No. 7, Muara Enim 31311',
      telepon: '(0734) 421000',
      email: 'gerbang@muaraenimkab.go.id',
      logo: 'data:image/png;base64,iVBORw0KGgo=',
    },
    tempat: 'Muara Enim',
    penandatangan: {
      kepalaSekretariat: { nama: 'Drs. H. Ahmad Rizal, M.Si.', jabatan: 'Kepala Sekretariat', nip: '197003121995031002' },
      bendahara: { nama: 'Sri Wahyuni, S.E.', jabatan: 'Bendahara Pengeluaran', nip: '198205172006042011' },
      verifikator: { nama: 'Budi Santoso', jabatan: 'Verifikator', nip: null },
    },
  };

  it('an admin sets the letterhead and signers once; every document carries them; others only read', async () => {
    const admin = sessionAs(rt, 'admin', { username: 'kepala' });
    const operator = sessionAs(rt, 'operator');
    expect(await as(operator, 'settings.saveDocuments', settings)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await as(admin, 'settings.saveDocuments', settings)).ok).toBe(true);
    // NIPs come back (and print) written 8-6-1-3, however they were typed.
    const stored = {
      ...settings,
      penandatangan: {
        ...settings.penandatangan,
        kepalaSekretariat: { ...settings.penandatangan.kepalaSekretariat, nip: '19700312 199503 1 002' },
        bendahara: { ...settings.penandatangan.bendahara, nip: '19820517 200604 2 011' },
      },
    };
    expect(await as(sessionAs(rt, 'bank', { bankId: 1, username: 'bank-baca' }), 'settings.documents', {})).toEqual({ ok: true, value: stored });
    const html = (await render({ jenis: 'rekapBulanan', periode: '2026-10' })).html!;
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo="');
    expect(html).toContain('Drs. H. Ahmad Rizal, M.Si.');
    expect(html).toContain('NIP. 19700312 199503 1 002');
    expect(html).toContain('Telepon (0734) 421000');
    const entry = one<{ pengguna: string; sesudah: string }>("SELECT pengguna, sesudah FROM audit_log WHERE entitas = 'pengaturan' ORDER BY id DESC LIMIT 1");
    expect(entry.pengguna).toBe('kepala');
    expect(entry.sesudah).not.toContain('iVBORw0KGgo');

    const tooBig = { ...settings, kop: { ...settings.kop, logo: `data:image/png;base64,${'A'.repeat(500_000)}` } };
    expect(await as(admin, 'settings.saveDocuments', tooBig)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { 'kop.logo': expect.stringContaining('Logo terlalu besar') } },
    });
    const svg = { ...settings, kop: { ...settings.kop, logo: 'data:image/svg+xml;base64,PHN2Zz4=' } };
    expect(await as(admin, 'settings.saveDocuments', svg)).toMatchObject({ ok: false, error: { fields: { 'kop.logo': 'Logo harus gambar PNG atau JPEG' } } });
  });
});
