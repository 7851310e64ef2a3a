/**
 * The berita acara of a claim that offsets a correction after payment, as a PDF (Chromium's
 * page.pdf, the same path as the app's printToPDF), read back with pdftotext: the offset line,
 * its document and the net payable in figures and words.
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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-koreksi-pdf-'));
const printer = nodePrinter();
const rt = createRuntime({ databasePath: path.join(dir, 'db.sqlite'), user: 'uji', today: () => TODAY, printer });
afterAll(async () => {
  rt.close();
  await printer.close?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('prints the offset correction and the net payable on the offsetting claim’s berita acara', async () => {
  await call(rt, 'app.loadDemo', {});
  const bankId = (rt.db.prepare("SELECT id FROM bank WHERE kode = 'BSB'").get() as { id: number }).id;
  const paguId = (rt.db.prepare("SELECT id FROM pagu WHERE tahun = 2026 AND jenis = 'subsidi_bunga'").get() as { id: number }).id;
  const run = computeSubsidyRun(rt.db, { bankId, periodeAwal: '2026-10', periodeAkhir: '2026-10' });
  const [a, b] = run.lines.filter((l) => l.layak && (l.rincian?.jumlah ?? 0) > 20_000);
  const claimOf = (l: NonNullable<typeof a>) =>
    insertClaim(rt.db, {
      bankId,
      periodeAwal: '2026-10',
      periodeAkhir: '2026-10',
      imporId: null,
      dibuatOleh: 'rina',
      lines: [
        {
          nomorBaris: 1,
          periode: l.periode,
          nomorRekening: l.nomorRekening,
          nik: l.nik,
          nama: l.debiturNama,
          outstanding: null,
          bungaPersen: null,
          hari: null,
          kol: l.kol,
          diklaim: l.rincian!.jumlah,
          plafon: null,
          tanggalAkad: null,
        },
      ],
    }).tagihanId;
  const first = claimOf(a!);
  await call(rt, 'claims.reconcile', { tagihanId: first });
  await call(rt, 'claims.approve', { tagihanId: first });
  await call(rt, 'claims.recordPayment', { tagihanId: first, nomorSp2d: 'SP2D/P/1', tanggalSp2d: '2026-11-20', jumlah: a!.rincian!.jumlah, paguId });
  const barisId = (rt.db.prepare('SELECT id FROM tagihan_baris WHERE tagihan_id = ?').get(first) as { id: number }).id;
  const k = await call(rt, 'claims.recordCorrection', {
    barisId,
    jenis: 'lebih_bayar',
    jumlah: 10_001,
    alasan: 'Hari dihitung ganda',
    dokumenJenis: 'bpk',
    dokumenNomor: 'LHP/77/BPK/2026',
    dokumenTanggal: '2026-11-21',
  });
  const second = claimOf(b!);
  await call(rt, 'claims.reconcile', { tagihanId: second });
  await call(rt, 'claims.approve', { tagihanId: second, nomorBa: 'BA-REK/KOR/2026', koreksiIds: [k.id] });
  const net = b!.rincian!.jumlah - 10_001;

  const pdf = await call(rt, 'documents.render', { dokumen: { jenis: 'beritaAcaraRekonsiliasi', tagihanId: second }, format: 'pdf' });
  const file = path.join(dir, 'ba.pdf');
  fs.writeFileSync(file, Buffer.from(pdf.isiBase64!, 'base64'));
  const text = execFileSync('pdftotext', [file, '-']).toString('utf8').replace(/\s+/g, ' ').toLowerCase();
  expect(text).toContain('koreksi yang dikompensasikan pada tagihan ini');
  expect(text).toContain('lhp/77/bpk/2026');
  expect(text).toContain(a!.nomorRekening.toLowerCase());
  expect(text).toContain(formatRupiah(-10_001).toLowerCase());
  expect(text).toContain(formatRupiah(net).toLowerCase());
  expect(text).toContain(terbilangRupiah(net).toLowerCase());
}, 60_000);
