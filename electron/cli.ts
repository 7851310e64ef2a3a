/**
 * The services from a terminal: `npm run cli -- <command> [--db FILE] [--json]`.
 * Same contract, same validation, no Electron.
 */
import path from 'node:path';
import os from 'node:os';
import { startBridge } from './bridge/http';
import { createRuntime } from './runtime';
import { findBankByKode } from '../database/repositories/banks';
import { networkShareRefusal } from './office/network-share';
import { nodePrinter } from './services/documents/node-printer';
import fs from 'node:fs';
import { dispatch, invoke } from './services/dispatch';
import {
  checkDbFromArgs,
  claimFilesFromArgs,
  option,
  printBackup,
  printAuditVerify,
  printBackups,
  printCheck,
  printRestore,
  printRun,
  printSchedule,
  restoreFromArgs,
  scheduleFromArgs,
  seedDemoFromArgs,
} from './cli-commands';
import type { Result } from './contract';
import { checkAuditExtract, readAuditExtract } from './services/attachments/audit-extract';

async function verifyExtractFromArgs(rest: string[], json: boolean): Promise<number> {
  const [file] = rest.filter((a) => !a.startsWith('--'));
  if (!file) {
    console.error('Sebutkan berkasnya: audit-verify-extract BUNDEL.zip (atau jejak-audit.json)');
    return 2;
  }
  let check;
  try {
    check = checkAuditExtract(await readAuditExtract(fs.readFileSync(path.resolve(file))));
  } catch (err) {
    console.error(`Gagal: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  if (json) process.stdout.write(`${JSON.stringify(check, null, 2)}\n`);
  else if (check.ok) console.log(`UTUH: ${check.entri} entri diperiksa, rantai ${check.rantai} entri sampai ujung no. ${check.ujungId} (hash ${check.ujungHash}).`);
  else console.error(`RUSAK:\n${check.masalah.map((m) => `- ${m}`).join('\n')}`);
  return check.ok ? 0 : 1;
}

const HELP = `Gerbang Serasan — antarmuka baris perintah

Pemakaian: npm run cli -- <perintah> [opsi]

Perintah:
  info                         ringkasan basis data
  seed-demo [--loans N] [--months M] [--seed S] [--no-payments]
                               muat data contoh ke basis data kosong: bank, penjamin, skema per tahun,
                               debitur dan N pinjaman (bawaan 250) tersebar M bulan (bawaan 24), beserta
                               tagihan dan SP2D tiap bank-bulan kecuali 3 bulan terakhir
  schedule --plafon RP --tenor BULAN --bunga PERSEN [--bunga-debitur PERSEN] [--metode flat|efektif|anuitas]
           [--cair TTTT-BB-HH] [--angsuran-pertama TTTT-BB-HH] [--persentase PERSEN]
                               jadwal angsuran dari parameter (tanpa basis data)
  subsidy-run --bank KODE --period TTTT-BB [--to TTTT-BB]
                               perhitungan subsidi satu bank untuk sebulan (atau sampai --to)
  claim-files --bank KODE --period TTTT-BB --out FOLDER [--each N]
                               berkas tagihan contoh dari perhitungan subsidi, dengan N selisih tertanam per
                               jenis, dalam tiap bentuk yang dibaca impor (CSV ;/,/|/tab, XLSX) + manifest.json
  call <channel> [json]        panggil satu perintah kontrak, mis. call debtors.list '{"search":"Siti"}'
  document <json> [--format html|pdf|xlsx|csv] [--paper A4|F4] [--out BERKAS]
                               cetak dokumen, mis. document '{"jenis":"rekapBulanan","periode":"2026-10"}' --format pdf
                               (PDF lewat Chromium: CHROMIUM_PATH atau /usr/bin/chromium)
  serve [--port N]             layani aplikasi di http://127.0.0.1:N (jembatan HTTP + renderer hasil build)
  backup                       buat cadangan basis data sekarang (di folder cadangan/ di samping berkasnya)
  backups                      daftar cadangan
  restore <berkas>             pulihkan dari cadangan (nama dari daftar atau path berkas), setelah diperiksa;
                               data saat ini disimpan dulu sebagai cadangan sebelum-pulih-...
  check-db [berkas] [--quick]  periksa berkas (integrity_check, versi skema) tanpa mengubahnya
  audit-verify                 periksa keutuhan jejak audit (rantai hash) dan berkas lampiran; keluar 1 bila ada yang rusak
  audit-verify-extract BERKAS  periksa petikan jejak audit dari bundel audit (ZIP atau jejak-audit.json) tanpa
                               basis data; keluar 1 bila ada yang rusak

Opsi:
  --db FILE    berkas basis data (bawaan: ./gerbang-serasan.sqlite atau $GERBANG_DB)
  --json       keluaran JSON
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(HELP);
    return 0;
  }
  const json = rest.includes('--json');
  const print = (result: Result<unknown>, show: (value: never) => void = console.log): number => {
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (result.ok) show(result.value as never);
    else console.error(`Gagal: ${result.error.message}`);
    return result.ok ? 0 : 1;
  };
  if (command === 'schedule') return print(scheduleFromArgs(rest), printSchedule);

  const typedPath = option(rest, '--db') || process.env.GERBANG_DB || 'gerbang-serasan.sqlite';
  // Judged as typed: resolving would turn //server/share into /server/share on Linux and macOS.
  const onShare = networkShareRefusal(typedPath, process.platform, {});
  if (onShare) {
    console.error(`Gagal: ${onShare}`);
    return 1;
  }
  const databasePath = path.resolve(typedPath);
  // Before the runtime: checking must neither create nor migrate the file.
  if (command === 'check-db') return print(checkDbFromArgs(rest, databasePath), printCheck);
  // An auditor's check of a bundle: no database at all.
  if (command === 'audit-verify-extract') return verifyExtractFromArgs(rest, json);
  const user = `cli:${os.userInfo().username}`;
  const printer = nodePrinter();
  // The HTTP bridge serves screens that start jobs: keep a job worker ready, as the app does.
  const rt = createRuntime({ databasePath, user, printer, warmJobWorker: command === 'serve' });
  try {
    switch (command) {
      case 'info':
        return print(await dispatch(rt.handlers, 'app.info', {}));
      case 'seed-demo': {
        const started = Date.now();
        const result = seedDemoFromArgs(rt, rest);
        if (result.ok && !json) console.log(`Selesai dalam ${((Date.now() - started) / 1000).toFixed(1)} detik.`);
        return print(result);
      }
      case 'subsidy-run': {
        const kode = option(rest, '--bank');
        const bank = kode ? findBankByKode(rt.db, kode) : null;
        if (!bank) {
          console.error(`Bank dengan kode "${kode ?? ''}" tidak ditemukan (pakai --bank KODE).`);
          return 2;
        }
        const periodeAwal = option(rest, '--period') ?? '';
        return print(await invoke(rt.handlers, 'subsidy.run', { bankId: bank.id, periodeAwal, periodeAkhir: option(rest, '--to') ?? periodeAwal }), printRun);
      }
      case 'claim-files':
        return print(await claimFilesFromArgs(rt, rest));
      case 'call': {
        const [channel, input] = rest.filter((a) => !a.startsWith('--') && a !== option(rest, '--db'));
        return print(await dispatch(rt.handlers, channel ?? '', input ? JSON.parse(input) : undefined));
      }
      case 'document': {
        const [request] = rest.filter((a) => !a.startsWith('--') && ![option(rest, '--db'), option(rest, '--format'), option(rest, '--out'), option(rest, '--paper')].includes(a));
        const format = option(rest, '--format') ?? 'pdf';
        const kertas = option(rest, '--paper') ?? 'A4';
        const result = await dispatch(rt.handlers, 'documents.render', { dokumen: request ? JSON.parse(request) : undefined, format, kertas });
        if (!result.ok || json) return print(result);
        const doc = result.value as { namaBerkas: string; html?: string; teks?: string; isiBase64?: string };
        const out = path.resolve(option(rest, '--out') ?? doc.namaBerkas);
        fs.writeFileSync(out, doc.isiBase64 !== undefined ? Buffer.from(doc.isiBase64, 'base64') : (doc.html ?? (doc.teks !== undefined ? `\ufeff${doc.teks}` : '')));
        console.log(`Dokumen ditulis ke ${out}`);
        await printer.close?.();
        return 0;
      }
      case 'backup':
        return print(await invoke(rt.handlers, 'backup.create', {}), printBackup);
      case 'backups':
        return print(await invoke(rt.handlers, 'backup.list', {}), printBackups);
      case 'audit-verify': {
        const result = await invoke(rt.handlers, 'audit.verify', {});
        const code = print(result, printAuditVerify);
        return result.ok && !result.value.ok ? 1 : code;
      }
      case 'restore':
        return print(await restoreFromArgs(rt, rest, user), printRestore);
      case 'serve': {
        const port = Number(option(rest, '--port') ?? 7420);
        const bridge = await startBridge({ call: rt.callWithSession, staticDir: path.resolve(__dirname, '..', 'dist', 'renderer'), port });
        console.log(`Gerbang Serasan dilayani di ${bridge.url} (basis data: ${databasePath}). Ctrl+C untuk berhenti.`);
        await new Promise(() => undefined);
        return 0;
      }
      default:
        console.error(`Perintah tidak dikenal: ${command}\n`);
        process.stdout.write(HELP);
        return 2;
    }
  } finally {
    if (command !== 'serve') rt.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
