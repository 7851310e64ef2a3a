/**
 * The rules a debtor must satisfy before it is written, shared by the debtor form (debtors.save)
 * and the loan-list import (imports, kind 'pinjaman'): NIK (16 digits, known province, real birth
 * date; one debtor per NIK), NPWP, NIB, and the kecamatan and sector references. What they need
 * from the database comes through `DebtorLookups`, so the form asks per call and the import asks
 * once for the whole file.
 */
import type { z } from 'zod';
import type { debtorSaveInput } from '../../contract';
import type { DebtorFields } from '../../../database/repositories/debtors';
import { parseNib, parseNik, parseNpwp } from '../../domain/identity';

export type DebtorInput = z.output<typeof debtorSaveInput>;

export interface DebtorLookups {
  today: string;
  /** The debtor holding this NIK, if any. */
  byNik(nik: string): { id: number; nama: string } | null;
  /** A kecamatan or sector by id (null: unknown). */
  reference(kind: 'kecamatan' | 'sektor', id: number): { nama: string; aktif: boolean } | null;
}

/** Why a record cannot be written: the input field, the message; `conflict` for a clash with stored data. */
export interface Refusal {
  field: string;
  message: string;
  conflict?: { fieldMessage: string };
}

export type DebtorCheck = { ok: true; fields: DebtorFields } | ({ ok: false } & Refusal);

/**
 * Checks a debtor and answers the fields to write (NIK normalised, gender and birth date from the
 * NIK, NPWP and NIB as digits), or the first problem found. `current` is the stored debtor being
 * edited (a deactivated reference may stay on a debtor who has it, not be newly chosen).
 */
export function checkDebtor(input: DebtorInput, current: { kecamatanId: number | null; sektorId: number | null } | null, look: DebtorLookups): DebtorCheck {
  const nik = parseNik(input.nik, look.today);
  if (!nik.ok) return { ok: false, field: 'nik', message: nik.message };
  const duplicate = look.byNik(nik.info.nik);
  if (duplicate && duplicate.id !== input.id) {
    return {
      ok: false,
      field: 'nik',
      message: `NIK ${nik.info.nik} sudah terdaftar atas nama ${duplicate.nama} (debitur no. ${duplicate.id}). Satu NIK hanya untuk satu debitur.`,
      conflict: { fieldMessage: `Sudah terdaftar atas nama ${duplicate.nama}` },
    };
  }
  let npwp: string | null = null;
  if (input.npwp) {
    const parsed = parseNpwp(input.npwp);
    if (!parsed.ok) return { ok: false, field: 'npwp', message: parsed.message };
    npwp = parsed.npwp;
  }
  let nib: string | null = null;
  if (input.nib) {
    const parsed = parseNib(input.nib);
    if (!parsed.ok) return { ok: false, field: 'nib', message: parsed.message };
    nib = parsed.nib;
  }
  for (const [kind, field, id, currentId] of [
    ['kecamatan', 'kecamatanId', input.kecamatanId, current?.kecamatanId ?? null],
    ['sektor', 'sektorId', input.sektorId, current?.sektorId ?? null],
  ] as const) {
    if (id === null) continue;
    const label = kind === 'kecamatan' ? 'Kecamatan' : 'Sektor usaha';
    const row = look.reference(kind, id);
    if (!row) return { ok: false, field, message: `${label} tidak dikenal` };
    if (!row.aktif && id !== currentId) return { ok: false, field, message: `${label} ${row.nama} sudah dinonaktifkan` };
  }
  const { id: _id, ...rest } = input;
  return {
    ok: true,
    fields: { ...rest, nik: nik.info.nik, jenisKelamin: nik.info.jenisKelamin, tanggalLahir: nik.info.tanggalLahir, npwp, nib },
  };
}
