import type { NikCheck } from '../../contract';
import * as repo from '../../../database/repositories/debtors';
import { getReferenceRow } from '../../../database/repositories/reference';
import { appendAudit } from '../../../database/repositories/audit';
import { parseNik } from '../../domain/identity';
import { checkDebtor, type DebtorInput, type DebtorLookups } from './checks';
import { setActiveAudited } from '../audited';
import { requireVersion } from '../versions';
import type { ServiceContext } from '../context';
import { ServiceError, invalid, notFound } from '../errors';
import type { HandlersFor } from '../index';

export function debtorHandlers(ctx: ServiceContext): HandlersFor<'debtors'> {
  const { db } = ctx;

  const load = (id: number) => {
    const debtor = repo.getDebtor(db, id);
    if (!debtor) throw notFound('Debitur');
    return debtor;
  };

  const lookups = (): DebtorLookups => ({
    today: ctx.today(),
    byNik: (nik) => repo.findDebtorByNik(db, nik),
    reference: (kind, id) => {
      const row = getReferenceRow(db, kind, id);
      return row ? { nama: String(row.nama), aktif: row.aktif !== 0 } : null;
    },
  });

  /** Everything a debtor must satisfy before it is written (checks.ts, shared with the import); throws the first problem found. */
  const validate = (input: DebtorInput): repo.DebtorFields => {
    const checked = checkDebtor(input, input.id ? repo.getDebtor(db, input.id) : null, lookups());
    if (checked.ok) return checked.fields;
    if (checked.conflict) throw new ServiceError('CONFLICT', checked.message, { [checked.field]: checked.conflict.fieldMessage });
    throw invalid(checked.field, checked.message);
  };

  return {
    'debtors.list': async (q) => repo.listDebtors(db, q),
    'debtors.get': async ({ id }) => load(id),

    'debtors.save': async ({ versi, ...input }) =>
      db.transaction(() => {
        const before = input.id ? load(input.id) : null;
        if (input.id && versi !== undefined) requireVersion(ctx, 'debitur', input.id, versi);
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
