/**
 * The auditor's bundle (issue 15), unzipped and checked: the berita acara PDF (or, without a PDF
 * printer, the file saying why), the lines as XLSX equal to the claim's lines with totals to the
 * rupiah, the attachments of the records involved with their hashes (and nobody else's), and an
 * audit extract that verifies with our checker — also from the CLI — and fails when tampered with.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../database/attachment-files';
import { createRuntime } from '../../electron/runtime';
import { seedDemo } from '../../electron/services/demo/seed';
import { nodePrinter } from '../../electron/services/documents/node-printer';
import { checkAuditExtract, readAuditExtract, type AuditExtract } from '../../electron/services/attachments/audit-extract';
import { call, callError, TODAY } from '../helpers/runtime';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'attachments');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const ROOT = path.resolve(__dirname, '..', '..');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bundel-'));
const printer = nodePrinter();
const rt = createRuntime({ databasePath: path.join(dir, 'db.sqlite'), user: 'uji', today: () => TODAY, printer });
// The same data without a PDF printer (as a runner without Chromium): the bundle says so.
const bare = createRuntime({ databasePath: path.join(dir, 'tanpa-printer.sqlite'), user: 'uji', today: () => TODAY });
afterAll(async () => {
  rt.close();
  bare.close();
  await printer.close?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface ClaimLineRow {
  nomor_baris: number;
  nomor_rekening: string;
  diklaim: number;
  disetujui: number | null;
}

async function world(r: typeof rt) {
  seedDemo(r.db, { today: TODAY, loans: 8, months: 4, paidHistory: { unpaidMonths: 1 } });
  const claim = r.db.prepare("SELECT t.id, p.id AS sp2d FROM tagihan t JOIN pembayaran p ON p.tagihan_id = t.id WHERE t.status = 'dibayar' ORDER BY t.id LIMIT 1").get() as {
    id: number;
    sp2d: number;
  };
  const loanId = (r.db.prepare('SELECT min(pinjaman_id) AS id FROM tagihan_baris WHERE tagihan_id = ?').get(claim.id) as { id: number }).id;
  const debtorId = (r.db.prepare('SELECT debitur_id AS id FROM pinjaman WHERE id = ?').get(loanId) as { id: number }).id;
  const outsider = (
    r.db
      .prepare('SELECT id FROM pinjaman WHERE id NOT IN (SELECT pinjaman_id FROM tagihan_baris WHERE tagihan_id = ? AND pinjaman_id IS NOT NULL) ORDER BY id LIMIT 1')
      .get(claim.id) as { id: number }
  ).id;
  const up = (
    pemilikJenis: 'tagihan' | 'pembayaran' | 'pinjaman' | 'debitur',
    pemilikId: number,
    file: string,
    jenisDokumen: 'akad' | 'ktp' | 'berita_acara' | 'sp2d' | 'foto',
    bytes = read(file),
  ) => call(r, 'attachments.upload', { pemilikJenis, pemilikId, namaBerkas: file, isiBase64: bytes.toString('base64'), jenisDokumen });
  const mine = [
    await up(
      'tagihan',
      claim.id,
      'akad-pindaian.pdf',
      'berita_acara',
      Buffer.concat([read('akad-pindaian.pdf').subarray(0, 9), Buffer.from('% BA bertanda tangan\n'), read('akad-pindaian.pdf').subarray(9)]),
    ),
    await up('pembayaran', claim.sp2d, 'ktp.png', 'sp2d', Buffer.concat([read('ktp.png'), Buffer.alloc(3)])),
    await up('pinjaman', loanId, 'akad-pindaian.pdf', 'akad'),
    await up('debitur', debtorId, 'ktp.png', 'ktp'),
  ];
  const foreign = await up('pinjaman', outsider, 'foto-usaha.jpg', 'foto');
  return { claim, mine, foreign };
}

async function unzip(b64: string) {
  return JSZip.loadAsync(Buffer.from(b64, 'base64'));
}

describe("auditor's bundle", () => {
  it('for a claim: berita acara PDF, lines XLSX to the rupiah, the attachments involved with their hashes, and an audit extract that verifies', async () => {
    const { claim, mine, foreign } = await world(rt);
    const bundle = await call(rt, 'attachments.bundle', { tagihanId: claim.id });
    expect(bundle).toMatchObject({ namaBerkas: `bundel-audit-tagihan-${claim.id}.zip`, jumlahTagihan: 1, jumlahLampiran: 4, catatanPdf: null });
    const zip = await unzip(bundle.isiBase64);

    const pdf = await zip.file(`tagihan-${claim.id}/berita-acara.pdf`)!.async('nodebuffer');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfFile = path.join(dir, 'ba.pdf');
    fs.writeFileSync(pdfFile, pdf);
    expect(execFileSync('pdftotext', [pdfFile, '-']).toString('utf8').toLowerCase()).toContain('berita acara rekonsiliasi');

    // The lines, against the database row by row, and the totals to the rupiah.
    const lines = rt.db
      .prepare('SELECT nomor_baris, nomor_rekening, diklaim, disetujui FROM tagihan_baris WHERE tagihan_id = ? ORDER BY nomor_baris')
      .all(claim.id) as ClaimLineRow[];
    expect(lines.length).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await zip.file(`tagihan-${claim.id}/baris-tagihan.xlsx`)!.async('nodebuffer')) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Baris')!;
    let header = 0;
    ws.eachRow((row, n) => {
      if (!header && row.values && (row.values as unknown[]).includes('Nomor rekening')) header = n;
    });
    expect(header).toBeGreaterThan(0);
    const col = (label: string) => (ws.getRow(header).values as unknown[]).indexOf(label);
    const [cNo, cRek, cKlaim, cSetuju] = [col('No.'), col('Nomor rekening'), col('Diklaim bank'), col('Disetujui')];
    const inSheet = lines.map((_, i) => {
      const row = ws.getRow(header + 1 + i);
      return { nomor_baris: row.getCell(cNo).value, nomor_rekening: row.getCell(cRek).value, diklaim: row.getCell(cKlaim).value, disetujui: row.getCell(cSetuju).value };
    });
    expect(inSheet).toEqual(lines);
    const totals = ws.getRow(header + 1 + lines.length);
    const sum = (k: 'diklaim' | 'disetujui') => lines.reduce((s, l) => s + (l[k] ?? 0), 0);
    expect(totals.getCell(cKlaim).value).toMatchObject({ result: sum('diklaim') });
    expect(totals.getCell(cSetuju).value).toMatchObject({ result: sum('disetujui') });
    // The claim's agreed total is what the sheet adds up to.
    expect(sum('disetujui')).toBe((rt.db.prepare('SELECT total_disetujui AS t FROM tagihan WHERE id = ?').get(claim.id) as { t: number }).t);

    // The attachments: the claim's, its SP2D's, its loans' and debtors' — byte-exact — and not another loan's.
    const inZip = Object.keys(zip.files).filter((f) => f.startsWith('lampiran/') && !zip.files[f]!.dir);
    expect(inZip.sort()).toEqual(mine.map((a) => `lampiran/${a.pemilikJenis}-${a.pemilikId}/${a.id}-${a.namaBerkas}`).sort());
    for (const a of mine) expect(sha256Hex(await zip.file(`lampiran/${a.pemilikJenis}-${a.pemilikId}/${a.id}-${a.namaBerkas}`)!.async('nodebuffer'))).toBe(a.sha256);
    expect(inZip.some((f) => f.includes(`/${foreign.id}-`))).toBe(false);
    const list = await zip.file('DAFTAR-LAMPIRAN.csv')!.async('string');
    for (const a of mine) expect(list).toContain(a.sha256);

    // The extract: verifies, ends at the chain's end, and carries each attachment's hash in its entry.
    const extract = await readAuditExtract(Buffer.from(bundle.isiBase64, 'base64'));
    const check = checkAuditExtract(extract);
    expect(check).toMatchObject({ ok: true, masalah: [] });
    const verify = await call(rt, 'audit.verify', {});
    expect(extract.ujung).toEqual({ id: verify.ujungId, hash: verify.ujungHash });
    for (const a of mine) {
      const entry = extract.entri.find((e) => e.entitas === 'lampiran' && e.entitas_id === a.id)!;
      expect(JSON.parse(entry.sesudah!)).toMatchObject({ sha256: a.sha256 });
    }
    // The claim's own trail: the demo's paid history records the claim through its SP2D's entry (tagihanId).
    const aboutClaim = (e: AuditExtract['entri'][number]) =>
      (e.entitas === 'tagihan' && e.entitas_id === claim.id) || (e.sesudah !== null && (JSON.parse(e.sesudah) as { tagihanId?: number }).tagihanId === claim.id);
    expect(extract.entri.some(aboutClaim)).toBe(true);
    expect(extract.entri.some((e) => e.entitas === 'pembayaran' && e.entitas_id === claim.sp2d)).toBe(true);
    expect(extract.entri.some((e) => e.entitas === 'lampiran' && e.entitas_id === foreign.id)).toBe(false);
    const readme = await zip.file('BACA-SAYA.txt')!.async('string');
    expect(readme).toContain(verify.ujungHash!);
    expect(readme).toContain('npm run cli -- audit-verify-extract');
    expect(readme).toContain('SHA-256');

    // Tampered: an entry's content, an entry's hash recomputed (breaks the spine), a link cut out.
    const clone = (): AuditExtract => JSON.parse(JSON.stringify(extract)) as AuditExtract;
    const edited = clone();
    const target = edited.entri.find((e) => e.entitas === 'lampiran')!;
    target.sesudah = target.sesudah!.replace(/"sha256":"[0-9a-f]{64}"/, `"sha256":"${'0'.repeat(64)}"`);
    expect(checkAuditExtract(edited).masalah.join(' ')).toMatch(new RegExp(`Entri no\\. ${target.id}: isinya tidak cocok`));
    const cut = clone();
    cut.rantai.splice(Math.floor(cut.rantai.length / 2), 1);
    expect(checkAuditExtract(cut).ok).toBe(false);
    const otherEnd = clone();
    otherEnd.ujung.hash = 'f'.repeat(64);
    expect(checkAuditExtract(otherEnd).masalah.join(' ')).toMatch(/bukan pada ujung yang dinyatakan/);

    // The command the BACA-SAYA names: 0 on the bundle, 1 on a tampered extract.
    const good = path.join(dir, bundle.namaBerkas);
    fs.writeFileSync(good, Buffer.from(bundle.isiBase64, 'base64'));
    const bad = path.join(dir, 'jejak-audit-diubah.json');
    fs.writeFileSync(bad, JSON.stringify(edited));
    const cli = (file: string) =>
      spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'electron', 'cli.ts'), 'audit-verify-extract', file], {
        encoding: 'utf8',
      });
    const okRun = cli(good);
    expect(okRun.stdout).toContain('UTUH');
    expect(okRun.status).toBe(0);
    const badRun = cli(bad);
    expect(badRun.stderr).toContain('RUSAK');
    expect(badRun.status).toBe(1);
  }, 180_000);

  it('for a month, without a PDF printer: says why the berita acara PDF is missing instead of leaving it out silently', async () => {
    const { claim } = await world(bare);
    const month = (bare.db.prepare('SELECT substr(periode_awal, 1, 7) AS p FROM tagihan WHERE id = ?').get(claim.id) as { p: string }).p;
    const claimsOfMonth = (
      bare.db
        .prepare(
          "SELECT id FROM tagihan WHERE substr(periode_awal, 1, 7) <= ? AND substr(periode_akhir, 1, 7) >= ? AND status <> 'dibatalkan' UNION SELECT tagihan_id FROM pembayaran WHERE substr(tanggal_sp2d, 1, 7) = ?",
        )
        .all(month, month, month) as { id: number }[]
    ).map((r) => r.id);
    const bundle = await call(bare, 'attachments.bundle', { periode: month });
    expect(bundle.namaBerkas).toBe(`bundel-audit-${month}.zip`);
    expect(bundle.jumlahTagihan).toBe(claimsOfMonth.length);
    expect(bundle.catatanPdf).toMatch(/PDF tidak dapat dibuat/);
    const zip = await unzip(bundle.isiBase64);
    for (const id of claimsOfMonth) {
      expect(zip.file(`tagihan-${id}/berita-acara.pdf`)).toBeNull();
      expect(await zip.file(`tagihan-${id}/berita-acara-TIDAK-ADA.txt`)!.async('string')).toMatch(/Alasan: Pembuatan PDF tidak tersedia/);
      expect(zip.file(`tagihan-${id}/baris-tagihan.xlsx`)).not.toBeNull();
    }
    expect(await zip.file('BACA-SAYA.txt')!.async('string')).toMatch(/PERHATIAN[\s\S]*PDF tidak dapat dibuat/);
    expect(checkAuditExtract(await readAuditExtract(Buffer.from(bundle.isiBase64, 'base64'))).ok).toBe(true);
    // A month with nothing in it is refused in words.
    expect((await callError(bare, 'attachments.bundle', { periode: '2019-01' })).message).toMatch(/Tidak ada tagihan atau SP2D pada periode Januari 2019/);
  }, 120_000);
});
