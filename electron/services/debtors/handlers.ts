import type { z } from 'zod';
import type { debtorSaveInput, NikCheck } from '../../contract';
import * as repo from '../../../database/repositories/debtors';
import { getReferenceRow } from '../../../database/repositories/reference';
import { appendAudit } from '../../../database/repositories/audit';
import { parseNib, parseNik, parseNpwp } from '../../domain/identity';
import { setActiveAudited } from '../audited';
import type { ServiceContext } from '../context';
import { ServiceError, invalid, notFound } from '../errors';
import type { HandlersFor } from '../index';

type DebtorInput = z.output<typeof debtorSaveInput>;

export function debtorHandlers(ctx: ServiceContext): HandlersFor<'debtors'> {
  const { db } = ctx;

  const load = (id: number) => {
    const debtor = repo.getDebtor(db, id);
    if (!debtor) throw notFound('Debitur');
    return debtor;
  };

  /** A reference must exist; a deactivated one may stay on a debtor who has it, not be newly chosen. */
  const checkReference = (kind: 'kecamatan' | 'sektor', field: string, id: number | null, currentId: number | null): void => {
    if (id === null) return;
    const label = kind === 'kecamatan' ? 'Kecamatan' : 'Sektor usaha';
    const row = getReferenceRow(db, kind, id);
    if (!row) throw invalid(field, `${label} tidak dikenal`);
    if (row.aktif === 0 && id !== currentId) throw invalid(field, `${label} ${String(row.nama)} sudah dinonaktifkan`);
  };

  /** Everything a debtor must satisfy before it is written; throws the first problem found. */
  const validate = (input: DebtorInput): repo.DebtorFields => {
    const nik = parseNik(input.nik, ctx.today());
    if (!nik.ok) throw invalid('nik', nik.message);
    const duplicate = repo.findDebtorByNik(db, nik.info.nik);
    if (duplicate && duplicate.id !== input.id) {
      throw new ServiceError('CONFLICT', `NIK ${nik.info.nik} sudah terdaftar atas nama ${duplicate.nama} (debitur no. ${duplicate.id}). Satu NIK hanya untuk satu debitur.`, {
        nik: `Sudah terdaftar atas nama ${duplicate.nama}`,
      });
    }
    let npwp: string | null = null;
    if (input.npwp) {
      const parsed = parseNpwp(input.npwp);
      if (!parsed.ok) throw invalid('npwp', parsed.message);
      npwp = parsed.npwp;
    }
    let nib: string | null = null;
    if (input.nib) {
      const parsed = parseNib(input.nib);
      if (!parsed.ok) throw invalid('nib', parsed.message);
      nib = parsed.nib;
    }
    const current = input.id ? repo.getDebtor(db, input.id) : null;
    checkReference('kecamatan', 'kecamatanId', input.kecamatanId, current?.kecamatanId ?? null);
    checkReference('sektor', 'sektorId', input.sektorId, current?.sektorId ?? null);
    return {
      ...input,
      nik: nik.info.nik,
      jenisKelamin: nik.info.jenisKelamin,
      tanggalLahir: nik.info.tanggalLahir,
      npwp,
      nib,
    };
  };

  return {
    'debtors.list': async (q) => repo.listDebtors(db, q),
    'debtors.get': async ({ id }) => load(id),

    'debtors.save': async (input) =>
      db.transaction(() => {
        const before = input.id ? load(input.id) : null;
        const fields = validate(input);
        const id = input.id ?? repo.insertDebtor(db, fields);
        if (input.id) repo.updateDebtor(db, input.id, fields);
        const after = load(id);
        appendAudit(db, { user: ctx.user, action: before ? 'ubah' : 'buat', entity: 'debitur', entityId: id, before, after });
        return after;
      })(),

    'debtors.setActive': async ({ id, aktif }) => setActiveAudited(ctx, 'debitur', id, aktif, { load, apply: (i, a) => repo.setDebtorActive(db, i, a) }),

    'debtors.checkNik': async ({ nik, excludeId }): Promise<NikCheck> => {
      const parsed = parseNik(nik, ctx.today());
      if (!parsed.ok) return { valid: false, message: parsed.message, jenisKelamin: null, tanggalLahir: null, kodeWilayah: null, existingDebtor: null };
      const existing = repo.findDebtorByNik(db, parsed.info.nik);
      const existingDebtor = existing && existing.id !== excludeId ? existing : null;
      return {
        valid: existingDebtor === null,
        message: existingDebtor ? `Sudah terdaftar atas nama ${existingDebtor.nama}` : null,
        jenisKelamin: parsed.info.jenisKelamin,
        tanggalLahir: parsed.info.tanggalLahir,
        kodeWilayah: parsed.info.kodeWilayah,
        existingDebtor,
      };
    },
  };
}
