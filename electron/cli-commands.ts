/** The CLI's own commands: argument parsing and plain-text printing over the services. */
import { schedulePreviewInput, type Result, type Schedule, type SubsidyRun } from './contract';
import { formatPeriod, formatRupiah, todayIso } from './domain/format';
import { getSetting, setSetting } from '../database/repositories/settings';
import type { Runtime } from './runtime';
import { loanSchedule, scheduleView } from './services/loans/engine';
import { seedDemo } from './services/demo/seed';
import { addMonths } from './domain/loan';

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
  const count = (rt.db.prepare('SELECT (SELECT count(*) FROM bank) + (SELECT count(*) FROM debitur) AS n').get() as { n: number }).n;
  if (count > 0) return { ok: false, error: { code: 'CONFLICT', message: 'Data contoh hanya dapat dimuat ke basis data yang masih kosong.' } };
  const loans = Number(option(args, '--loans') ?? 250);
  const months = Number(option(args, '--months') ?? 24);
  const seed = option(args, '--seed');
  if (!Number.isInteger(loans) || loans < 0 || !Number.isInteger(months) || months < 1) {
    return { ok: false, error: { code: 'VALIDATION', message: '--loans dan --months harus bilangan bulat positif' } };
  }
  const summary = seedDemo(rt.db, { today: todayIso(), loans, months, ...(seed ? { seed: Number(seed) } : {}) });
  if (getSetting(rt.db, 'onboarding') === null) setSetting(rt.db, 'onboarding', 'demo');
  return { ok: true, value: summary };
}

const pad = (s: string, n: number) => s.padStart(n);

export function printSchedule(s: Schedule): void {
  console.log(`${pad('No', 3)} ${pad('Jatuh tempo', 11)} ${pad('Pokok', 16)} ${pad('Bunga', 14)} ${pad('Angsuran', 16)} ${pad('Subsidi', 14)} ${pad('Sisa pokok', 16)}`);
  for (const r of s.rows) {
    console.log(
      `${pad(String(r.no), 3)} ${pad(r.jatuhTempo, 11)} ${pad(formatRupiah(r.pokok), 16)} ${pad(formatRupiah(r.bunga), 14)} ${pad(formatRupiah(r.angsuran), 16)} ${pad(formatRupiah(r.bungaSubsidi), 14)} ${pad(formatRupiah(r.pokokAkhir), 16)}`,
    );
  }
  console.log(`${pad('Jumlah', 15)} ${pad(formatRupiah(s.totalPokok), 16)} ${pad(formatRupiah(s.totalBunga), 14)} ${pad(formatRupiah(s.totalAngsuran), 16)} ${pad(formatRupiah(s.totalBungaSubsidi), 14)}`);
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
