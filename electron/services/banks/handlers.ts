import { bankSaveInput } from '../../contract';
import type { z } from 'zod';
import * as repo from '../../../database/repositories/banks';
import { appendAudit } from '../../../database/repositories/audit';
import { setActiveAudited } from '../audited';
import type { ServiceContext } from '../context';
import { ServiceError, notFound } from '../errors';
import type { HandlersFor } from '../index';

type BankInput = z.output<typeof bankSaveInput>;

export function bankHandlers(ctx: ServiceContext): HandlersFor<'banks'> {
  const { db } = ctx;

  const load = (id: number) => {
    const bank = repo.getBank(db, id);
    if (!bank) throw notFound('Bank mitra');
    return bank;
  };

  return {
    'banks.list': async (q) => repo.listBanks(db, q),
    'banks.get': async ({ id }) => load(id),

    'banks.save': async (input) => {
      checkBranchCodes(input);
      const save = db.transaction((b: BankInput) => {
        const sameCode = repo.findBankByKode(db, b.kode);
        if (sameCode && sameCode.id !== b.id) {
          throw new ServiceError('CONFLICT', `Kode bank ${b.kode} sudah dipakai oleh ${sameCode.nama}`, { kode: 'Kode sudah dipakai' });
        }
        const before = b.id ? load(b.id) : null;
        const own = b.id ? repo.branchIdsOfBank(db, b.id) : new Set<number>();
        b.cabang.forEach((c, i) => {
          if (c.id && !own.has(c.id)) {
            throw new ServiceError('VALIDATION', `Cabang ${c.kode} bukan cabang bank ini`, { [`cabang.${i}.kode`]: 'Bukan cabang bank ini' });
          }
        });
        const id = b.id ?? repo.insertBank(db, b);
        if (b.id) repo.updateBank(db, b.id, b);
        repo.saveBranches(db, id, b.cabang);
        const after = load(id);
        appendAudit(db, { user: ctx.user, action: before ? 'ubah' : 'buat', entity: 'bank', entityId: id, before, after });
        return after;
      });
      return save(input);
    },

    'banks.setActive': async ({ id, aktif }) => setActiveAudited(ctx, 'bank', id, aktif, { load, apply: (i, a) => repo.setBankActive(db, i, a) }),
  };
}

function checkBranchCodes(input: BankInput): void {
  const seen = new Set<string>();
  input.cabang.forEach((c, i) => {
    const key = c.kode.toUpperCase();
    if (seen.has(key)) {
      throw new ServiceError('VALIDATION', `Kode cabang ${c.kode} tertulis dua kali`, { [`cabang.${i}.kode`]: 'Kode cabang ganda' });
    }
    seen.add(key);
  });
}
