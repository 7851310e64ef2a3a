/**
 * The berita acara rekonsiliasi as a PDF (the same HTML-to-PDF path as every document: Chromium's
 * page.pdf here, printToPDF in the app), read back with pdftotext: the totals in figures and words.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { insertClaim } from '../../database/repositories/claims';
import { createRuntime } from '../../electron/runtime';
import { formatRupiah } from '../../electron/domain/format';
import { terbilangRupiah } from '../../electron/domain/terbilang';
import { nodePrinter } from '../../electron/services/documents/node-printer';
import { computeSubsidyRun } from '../../electron/services/subsidy/run';
import { call, TODAY } from '../helpers/runtime';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-claims-pdf-'));
const printer = nodePrinter();
const rt = createRuntime({ databasePath: path.join(dir, 'db.sqlite'), user: 'uji', today: () => TODAY, printer });
afterAll(async () => {
  rt.close();
  await printer.close?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('prints the berita acara with the claimed, agreed and rejected totals in figures and in words', async () => {
  await call(rt, 'app.loadDemo', {});
  const bankId = (rt.db.prepare("SELECT id FROM bank WHERE kode = 'BSB'").get() as { id: number }).id;
  const run = computeSubsidyRun(rt.db, { bankId, periodeAwal: '2026-10', periodeAkhir: '2026-10' });
  const eligible = run.lines.filter((l) => l.layak && (l.rincian?.jumlah ?? 0) > 0);
  const lines = eligible.map((l, i) => ({
    nomorBaris: i + 1,
    periode: l.periode,
    nomorRekening: l.nomorRekening,
    nik: l.nik,
    nama: l.debiturNama,
    outstanding: null,
    bungaPersen: null,
    hari: null,
    kol: l.kol,
    diklaim: l.rincian!.jumlah + (i === 0 ? 1_200_000 : 0),
    plafon: null,
    tanggalAkad: null,
  }));
  const { tagihanId, totalDiklaim } = insertClaim(rt.db, { bankId, periodeAwal: '2026-10', periodeAkhir: '2026-10', imporId: null, lines, dibuatOleh: 'rina' });
  await call(rt, 'claims.reconcile', { tagihanId });
  await call(rt, 'claims.decideBulk', { tagihanId, status: 'selisih', keputusan: 'terima_hitungan', alasan: 'Ikut perhitungan' });
  const approved = await call(rt, 'claims.approve', { tagihanId, nomorBa: 'BA-REK/9/2026', tanggalBa: '2026-11-21' });
  const agreed = eligible.reduce((s, l) => s + l.rincian!.jumlah, 0);
  expect(approved.totalDisetujui).toBe(agreed);
  expect(totalDiklaim - agreed).toBe(1_200_000);

  const pdf = await call(rt, 'documents.render', { dokumen: { jenis: 'beritaAcaraRekonsiliasi', tagihanId }, format: 'pdf' });
  const file = path.join(dir, 'ba.pdf');
  fs.writeFileSync(file, Buffer.from(pdf.isiBase64!, 'base64'));
  const text = execFileSync('pdftotext', [file, '-']).toString('utf8').replace(/\s+/g, ' ').toLowerCase();
  expect(text).toContain('berita acara rekonsiliasi');
  expect(text).toContain('ba-rek/9/2026');
  for (const n of [totalDiklaim, agreed, 1_200_000]) {
    expect(text).toContain(formatRupiah(n).toLowerCase());
    expect(text).toContain(terbilangRupiah(n).toLowerCase());
  }
}, 120_000);
