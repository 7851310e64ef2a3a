/**
 * The recipient decrees (SK Bupati penerima): register a decree of a scheme, keep its list of
 * people (by hand here, from a file through the import), read them. A decree whose named loans
 * have been paid is fixed: its list, scheme and year no longer change.
 */
import type { z } from 'zod';
import type { Decree, decreeRowInput, DecreeRow } from '../../contract';
import * as repo from '../../../database/repositories/decrees';
import { getBank } from '../../../database/repositories/banks';
import { getScheme } from '../../../database/repositories/schemes';
import { appendAudit } from '../../../database/repositories/audit';
import { parseNik } from '../../domain/identity';
import type { ServiceContext } from '../context';
import { ServiceError, invalid, notFound } from '../errors';
import type { HandlersFor } from '../index';

type RowInput = z.output<typeof decreeRowInput>;

const LOCKED = 'Pinjaman yang tercantum dalam SK ini sudah dibayar subsidinya; daftar penerima, skema dan tahunnya tidak dapat diubah lagi.';

export function decreeHandlers(ctx: ServiceContext): HandlersFor<'decrees'> {
  const { db } = ctx;

  const load = (id: number): Decree => {
    const decree = repo.getDecree(db, id);
    if (!decree) throw notFound('SK penerima');
    return decree;
  };

  const loadRow = (id: number): DecreeRow => {
    const row = repo.getDecreeRow(db, id);
    if (!row) throw notFound('Baris SK penerima');
    return row;
  };

  /** The checks of one person before it is written (the import uses the same rules). */
  const validateRow = (input: RowInput): repo.DecreeRowFields => {
    const nik = parseNik(input.nik, ctx.today());
    if (!nik.ok) throw invalid('nik', nik.message);
    const bank = getBank(db, input.bankId);
    if (!bank) throw invalid('bankId', 'Bank mitra tidak dikenal');
    const unit = bank.cabang.find((c) => c.id === input.cabangId);
    if (!unit) throw invalid('cabangId', `Unit/cabang ini bukan cabang ${bank.nama}`);
    const same = repo.findDecreeRow(db, input.skId, nik.info.nik, bank.id);
    if (same) {
      throw new ServiceError('CONFLICT', `NIK ${nik.info.nik} sudah tercantum dalam SK ini untuk ${bank.nama} atas nama ${same.nama}`, {
        nik: `Sudah tercantum atas nama ${same.nama}`,
      });
    }
    return { skId: input.skId, noUrut: input.noUrut, nik: nik.info.nik, nama: input.nama, bankId: bank.id, cabangId: unit.id, unitTertulis: null, plafon: input.plafon };
  };

  return {
    'decrees.list': async (q) => repo.listDecrees(db, q),
    'decrees.get': async ({ id }) => load(id),

    'decrees.save': async (input) =>
      db.transaction(() => {
        const scheme = getScheme(db, input.skemaId);
        if (!scheme) throw invalid('skemaId', 'Skema tidak dikenal');
        const same = repo.findDecreeByNomor(db, input.nomor);
        if (same && same.id !== input.id)
          throw new ServiceError('CONFLICT', `Nomor SK ${input.nomor} sudah terdaftar (tahun ${same.tahun})`, { nomor: 'Nomor SK sudah terdaftar' });
        if (Number(input.tanggal.slice(0, 4)) > input.tahun + 1 || Number(input.tanggal.slice(0, 4)) < input.tahun - 1) {
          throw invalid('tanggal', `Tanggal SK ${input.tanggal} jauh dari tahun SK ${input.tahun}`);
        }
        if (input.tanggal > ctx.today()) throw invalid('tanggal', 'Tanggal SK tidak boleh di masa depan');
        const before = input.id ? load(input.id) : null;
        if (before?.terkunci && (before.skemaId !== input.skemaId || before.tahun !== input.tahun)) {
          throw new ServiceError('CONFLICT', LOCKED, before.skemaId !== input.skemaId ? { skemaId: 'Tidak dapat diubah' } : { tahun: 'Tidak dapat diubah' });
        }
        const id = input.id ?? repo.insertDecree(db, input, ctx.user);
        if (input.id) repo.updateDecree(db, input.id, input, ctx.user);
        const after = load(id);
        appendAudit(db, { user: ctx.user, action: before ? 'ubah' : 'buat', entity: 'sk_penerima', entityId: id, before, after });
        return after;
      })(),

    'decrees.rows': async (q) => {
      load(q.skId);
      return repo.listDecreeRows(db, q);
    },

    'decrees.addRow': async (input) =>
      db.transaction(() => {
        const decree = load(input.skId);
        if (decree.terkunci) throw new ServiceError('CONFLICT', LOCKED);
        const id = repo.insertDecreeRow(db, validateRow(input));
        repo.touchDecree(db, decree.id, ctx.user);
        const after = loadRow(id);
        appendAudit(db, { user: ctx.user, action: 'buat', entity: 'sk_penerima_baris', entityId: id, before: null, after: { ...after, skNomor: decree.nomor } });
        return after;
      })(),

    'decrees.removeRow': async ({ id }) =>
      db.transaction(() => {
        const before = loadRow(id);
        const decree = load(before.skId);
        if (decree.terkunci) throw new ServiceError('CONFLICT', LOCKED);
        repo.deleteDecreeRow(db, id);
        repo.touchDecree(db, decree.id, ctx.user);
        appendAudit(db, { user: ctx.user, action: 'hapus', entity: 'sk_penerima_baris', entityId: id, before: { ...before, skNomor: decree.nomor }, after: null });
        return null;
      })(),
  };
}
