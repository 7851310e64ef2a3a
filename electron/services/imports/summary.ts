/**
 * A preview's summary of its checked rows (the counts, the total, the first problems and valid
 * examples). Apart from ./checks.ts so a claim's preview in the import worker loads it without
 * every kind's checks (kinds/pinjaman.ts brings the forms' zod schemas: CPU at each worker start).
 */
import { DEBTOR_DIFFERENCES_SHOWN, IMPORT_KIND_SPECS, type ImportKind } from '../../contract/import-kinds';
import type { ImportPreviewResult } from '../../contract/imports';
import type { Checked } from './kinds/types';
import type { ParseOutcome, RecordValues } from './parse/rows';

/** The money a valid row carries, by kind. */
export function amountOf(jenis: ImportKind, v: RecordValues): number {
  const field = IMPORT_KIND_SPECS[jenis].nilai;
  const n = field === null ? null : v[field];
  return typeof n === 'number' ? n : 0;
}

export function summarize(
  jenis: ImportKind,
  namaBerkas: string,
  outcome: Pick<ParseOutcome, 'skipped' | 'emptyRows'>,
  checked: Checked,
  sebelumnya: ImportPreviewResult['sebelumnya'],
): ImportPreviewResult {
  const valid = checked.rows.filter((r) => !r.galat);
  const periods = valid
    .map((r) => r.values.periode)
    .filter((p): p is string => typeof p === 'string')
    .sort();
  let total = 0;
  for (const r of valid) total += amountOf(jenis, r.values);
  return {
    jenis,
    namaBerkas,
    jumlahBaris: checked.rows.length,
    jumlahValid: valid.length,
    jumlahGalat: checked.rows.length - valid.length,
    jumlahPeringatan: checked.problems.filter((p) => p.tingkat === 'peringatan').length,
    dilewati: outcome.skipped,
    jumlahKosong: outcome.emptyRows,
    masalahBerkas: checked.fileProblems,
    totalNilai: total,
    periodeAwal: periods[0] ?? null,
    periodeAkhir: periods.at(-1) ?? null,
    masalah: checked.problems.slice(0, 100),
    jumlahMasalah: checked.problems.length,
    contohValid: valid.slice(0, 10).map((r) => ({ baris: r.baris, ...r.values })),
    sebelumnya,
    bisaDisimpan: checked.fileProblems.length === 0 && valid.length > 0,
    ...(checked.debiturBerbeda ? { debiturBerbeda: checked.debiturBerbeda.slice(0, DEBTOR_DIFFERENCES_SHOWN), jumlahDebiturBerbeda: checked.debiturBerbeda.length } : {}),
  };
}
