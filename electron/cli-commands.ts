/** The CLI's own commands: argument parsing and plain-text printing over the services. */
import fs from 'node:fs';
import path from 'node:path';
import { schedulePreviewInput, type AuditVerifyResult, type BackupEntry, type BackupList, type RestoreResult, type Result, type Schedule, type SubsidyRun } from './contract';
import { checkDatabaseFile, findBackup, type FileCheck } from '../database/backup';
import { ServiceError } from './services/errors';
import { formatPeriod, formatRupiah, todayIso } from './domain/format';
import { getSetting, setSetting } from '../database/repositories/settings';
import { countBanks, findBankByKode, getBank } from '../database/repositories/banks';
import { countDebtors } from '../database/repositories/debtors';
import type { Runtime } from './runtime';
import { loanSchedule, scheduleView } from './services/loans/engine';
import { DEMO_SET, seedDemo } from './services/demo/seed';
import { addMonths } from './domain/loan';
import { CLAIM_FILE_FORMATS, plantClaim, writeClaimFile } from './services/demo/claim-files';

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** `schedule`: validates the parameters like the app does, then computes without a database. */
export function scheduleFromArgs(args: string[]): Result<Schedule> {
  const cair = option(args, '--cair') ?? todayIso();
  const persentase = option(args, '--persentase');
  const parsed = schedulePreviewInput.safeParse({
    plafon: Number(option(args, '--plafon')),
    tenorBulan: Number(option(args, '--tenor')),
    bungaBankPersen: option(args, '--bunga') ?? '',
    bungaDebiturPersen: option(args, '--bunga-debitur') ?? '0',
    metodeBunga: option(args, '--metode') ?? 'efektif',
    jenisSubsidi: persentase ? 'persentase' : 'selisih',
    porsiSubsidiPersen: persentase ?? null,
    tanggalPencairan: cair,
    tanggalAngsuranPertama: option(args, '--angsuran-pertama') ?? addMonths(cair, 1),
  });
  if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  try {
    const p = parsed.data;
    const schedule = loanSchedule({ ...p, tanggalAngsuranPertama: p.tanggalAngsuranPertama });
    return { ok: true, value: scheduleView(schedule, { jenisSubsidi: p.jenisSubsidi, porsiSubsidiPersen: p.porsiSubsidiPersen }, p) };
  } catch (err) {
    return { ok: false, error: { code: 'VALIDATION', message: err instanceof Error ? err.message : String(err) } };
  }
}

/** `seed-demo`: the demo set, with as many loans and months as asked (the benchmark's data set). */
export function seedDemoFromArgs(rt: Runtime, args: string[]): Result<unknown> {
  const count = countBanks(rt.db) + countDebtors(rt.db);
  if (count > 0) return { ok: false, error: { code: 'CONFLICT', message: 'Data contoh hanya dapat dimuat ke basis data yang masih kosong.' } };
  const loans = Number(option(args, '--loans') ?? DEMO_SET.loans);
  const months = Number(option(args, '--months') ?? DEMO_SET.months);
  const seed = option(args, '--seed');
  if (!Number.isInteger(loans) || loans < 0 || !Number.isInteger(months) || months < 1) {
    return { ok: false, error: { code: 'VALIDATION', message: '--loans dan --months harus bilangan bulat positif' } };
  }
  // Claims and payments too (all but the last 3 months, as the app's demo data), unless --no-payments.
  const paidHistory = args.includes('--no-payments') ? {} : { paidHistory: DEMO_SET.paidHistory };
  const summary = seedDemo(rt.db, { today: todayIso(), loans, months, ...(seed ? { seed: Number(seed) } : {}), ...paidHistory });
  if (getSetting(rt.db, 'onboarding') === null) setSetting(rt.db, 'onboarding', 'demo');
  return { ok: true, value: summary };
}

/** `claim-files`: a bank's month as claim files in every shape the importer reads, and what was planted. */
export async function claimFilesFromArgs(rt: Runtime, args: string[]): Promise<Result<unknown>> {
  const kode = option(args, '--bank') ?? '';
  const found = findBankByKode(rt.db, kode);
  // The stored code, not the one typed (matched without regard to case), names the files.
  const bank = found && getBank(rt.db, found.id);
  if (!bank) return { ok: false, error: { code: 'NOT_FOUND', message: `Bank dengan kode "${kode}" tidak ditemukan (pakai --bank KODE).` } };
  const periode = option(args, '--period') ?? '';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(periode)) return { ok: false, error: { code: 'VALIDATION', message: '--period harus berbentuk TTTT-BB' } };
  const out = path.resolve(option(args, '--out') ?? 'berkas-tagihan');
  const each = option(args, '--each');
  const set = plantClaim(rt.db, bank.id, periode, each ? { each: Number(each) } : {});
  fs.mkdirSync(out, { recursive: true });
  const files: string[] = [];
  for (const format of CLAIM_FILE_FORMATS) {
    const file = path.join(out, `tagihan-${bank.kode.toLowerCase()}-${periode}-${format}.${format === 'xlsx' ? 'xlsx' : format.startsWith('csv') ? 'csv' : 'txt'}`);
    fs.writeFileSync(file, await writeClaimFile(set, format));
    files.push(file);
  }
  const manifest = {
    bank: bank.kode,
    periode,
    baris: set.lines.length,
    tertanam: set.planted,
    tidakDiklaim: set.tidakDiklaim,
    totalDiklaim: set.totalDiklaim,
    totalCocok: set.totalCocok,
    berkas: files.map((f) => path.basename(f)),
  };
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { ok: true, value: manifest };
}

const pad = (s: string, n: number) => s.padStart(n);

export function printSchedule(s: Schedule): void {
  console.log(`${pad('No', 3)} ${pad('Jatuh tempo', 11)} ${pad('Pokok', 16)} ${pad('Bunga', 14)} ${pad('Angsuran', 16)} ${pad('Subsidi', 14)} ${pad('Sisa pokok', 16)}`);
  for (const r of s.rows) {
    console.log(
      `${pad(String(r.no), 3)} ${pad(r.jatuhTempo, 11)} ${pad(formatRupiah(r.pokok), 16)} ${pad(formatRupiah(r.bunga), 14)} ${pad(formatRupiah(r.angsuran), 16)} ${pad(formatRupiah(r.bungaSubsidi), 14)} ${pad(formatRupiah(r.pokokAkhir), 16)}`,
    );
  }
  console.log(
    `${pad('Jumlah', 15)} ${pad(formatRupiah(s.totalPokok), 16)} ${pad(formatRupiah(s.totalBunga), 14)} ${pad(formatRupiah(s.totalAngsuran), 16)} ${pad(formatRupiah(s.totalBungaSubsidi), 14)}`,
  );
}

export function printRun(run: SubsidyRun): void {
  const period = run.periodeAwal === run.periodeAkhir ? formatPeriod(run.periodeAwal) : `${formatPeriod(run.periodeAwal)} – ${formatPeriod(run.periodeAkhir)}`;
  console.log(`Perhitungan subsidi ${run.bankNama}, ${period}`);
  for (const l of run.lines) {
    const what = l.layak && l.rincian ? pad(formatRupiah(l.rincian.jumlah), 14) : `  tidak layak: ${l.alasanLabel ?? ''}`;
    console.log(`${l.nomorRekening.padEnd(14)} ${l.debiturNama.padEnd(26).slice(0, 26)} ${l.periode} ${what}`);
  }
  console.log(`Layak ${run.jumlahLayak} baris, tidak layak ${run.jumlahTidakLayak} baris. Total ${formatRupiah(run.total)}`);
}

/** Arguments that are not options (nor an option's value). */
function positional(args: string[]): string[] {
  const valued = new Set(['--db', '--loans', '--months', '--seed', '--bank', '--period', '--to', '--port']);
  return args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
}

/**
 * `check-db [FILE]`: the checks a backup must pass before a restore (integrity_check, a Gerbang
 * Serasan schema this version knows), on the database (or FILE), read-only: nothing is migrated.
 */
export function checkDbFromArgs(args: string[], databasePath: string): Result<FileCheck> {
  const file = path.resolve(positional(args)[0] ?? databasePath);
  const check = checkDatabaseFile(file, { purpose: 'backup', ...(args.includes('--quick') ? { quick: true } : {}) });
  return check.ok ? { ok: true, value: check } : { ok: false, error: { code: 'VALIDATION', message: `${file}: ${check.reason ?? 'tidak lolos pemeriksaan'}` } };
}

export function printCheck(check: FileCheck): void {
  console.log(`Basis data baik: ${check.check ?? 'pemeriksaan'} ok, skema versi ${check.schemaVersion ?? '-'}.`);
}

/**
 * `restore FILE`: FILE is a name from the backup folder or, from a terminal (a trusted user on the
 * machine), any path. The same checks and the same copy of the current data as in the app.
 */
export async function restoreFromArgs(rt: Runtime, args: string[], user: string): Promise<Result<RestoreResult>> {
  const arg = positional(args)[0];
  if (!arg) return { ok: false, error: { code: 'VALIDATION', message: 'Sebutkan berkas cadangan: restore <berkas>' } };
  const listed = findBackup(rt.dataSafety.backupDir, arg);
  try {
    return { ok: true, value: await rt.dataSafety.restore(listed?.path ?? path.resolve(arg), user) };
  } catch (err) {
    if (err instanceof ServiceError) return { ok: false, error: err.toAppError() };
    throw err;
  }
}

export function printRestore(r: RestoreResult): void {
  console.log(`Data dipulihkan dari ${r.restoredFrom} (skema versi ${r.schemaVersion}). Data sebelumnya disimpan sebagai ${r.safetyCopy}.`);
}

export function printBackup(b: BackupEntry): void {
  console.log(`Cadangan dibuat: ${b.path} (${formatBytes(b.size)}).`);
}

export function printBackups(list: BackupList): void {
  console.log(`Folder cadangan: ${list.folder}`);
  if (list.backups.length === 0) console.log('Belum ada cadangan.');
  for (const b of list.backups) console.log(`${b.createdAt.replace('T', ' ')}  ${b.kind.padEnd(13)} ${formatBytes(b.size).padStart(10)}  ${b.name}`);
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function printAuditVerify(r: AuditVerifyResult): void {
  if (r.ok) {
    console.log(`Jejak audit utuh: ${r.checked} entri diperiksa.${r.ujungId !== null ? ` Ujung rantai: entri no. ${r.ujungId}, hash ${r.ujungHash ?? ''}.` : ''}`);
  } else if (r.firstBroken) {
    const where = r.firstBroken.id !== null ? ` pada entri no. ${r.firstBroken.id}` : '';
    console.log(`Jejak audit RUSAK${where}: ${r.firstBroken.reason} (${r.checked} entri ${r.firstBroken.id !== null ? 'sebelumnya ' : ''}utuh.)`);
  }
}
