import { appendAudit } from '../../../database/repositories/audit';
import { findPaguId, insertPagu, updatePagu } from '../../../database/repositories/budget';
import { getPagu, listPagu, realisasiPagu, realisasiPaguRincian, type PaguRow } from '../../../database/repositories/payments';
import type { BudgetLine } from '../../contract';
import { formatRupiah } from '../../domain/format';
import type { ServiceContext } from '../context';
import { ServiceError, notFound } from '../errors';
import type { HandlersFor } from '../index';
import { projectCosts } from './projection';

export function budgetHandlers(ctx: ServiceContext): HandlersFor<'budget'> {
  const { db } = ctx;

  const toLine = (p: PaguRow): BudgetLine => {
    const r = realisasiPaguRincian(db, p.id);
    return {
      id: p.id,
      tahun: p.tahun,
      jenis: p.jenis,
      kodeRekening: p.kode_rekening,
      uraian: p.uraian,
      pagu: p.jumlah,
      realisasi: r.bersih,
      realisasiBruto: r.bruto,
      koreksi: r.koreksi,
      sisa: p.jumlah - r.bersih,
    };
  };

  return {
    'budget.year': async ({ tahun }) => {
      const lines = listPagu(db, tahun).map(toLine);
      // Project from this month when looking at the current year, from January for a future one.
      const thisYear = Number(ctx.today().slice(0, 4));
      const fromPeriod = tahun === thisYear ? ctx.today().slice(0, 7) : `${tahun}-01`;
      const projection = tahun >= thisYear ? projectCosts(db, fromPeriod) : { subsidyByYear: new Map<number, number>(), pendingPremiums: 0 };
      const proyeksiSisaTahun = { subsidi: projection.subsidyByYear.get(tahun) ?? 0, premi: tahun >= thisYear ? projection.pendingPremiums : 0 };
      const proyeksiTahunBerikut = [...projection.subsidyByYear.entries()]
        .filter(([y]) => y > tahun)
        .sort(([a], [b]) => a - b)
        .map(([y, subsidi]) => ({ tahun: y, subsidi }));
      const peringatan: string[] = [];
      for (const jenis of ['subsidi_bunga', 'premi'] as const) {
        const sisa = lines.filter((l) => l.jenis === jenis).reduce((s, l) => s + l.sisa, 0);
        const needed = jenis === 'subsidi_bunga' ? proyeksiSisaTahun.subsidi : proyeksiSisaTahun.premi;
        const label = jenis === 'subsidi_bunga' ? 'subsidi bunga' : 'premi';
        if (needed > sisa) {
          peringatan.push(
            `Proyeksi ${label} sampai akhir tahun ${tahun} (${formatRupiah(needed)}) melebihi sisa pagu ${label} (${formatRupiah(sisa)}): kurang ${formatRupiah(needed - sisa)}.`,
          );
        }
      }
      return { tahun, lines, proyeksiSisaTahun, proyeksiTahunBerikut, peringatan };
    },

    'budget.save': async (input) =>
      db.transaction(() => {
        const before = input.id ? getPagu(db, input.id) : null;
        if (input.id && !before) throw notFound('Pos anggaran');
        const fields = { tahun: input.tahun, jenis: input.jenis, kodeRekening: input.kodeRekening, uraian: input.uraian, jumlah: input.pagu };
        const same = findPaguId(db, input.tahun, input.kodeRekening);
        if (same !== null && same !== input.id)
          throw new ServiceError('CONFLICT', `Kode rekening ${input.kodeRekening} sudah ada untuk tahun ${input.tahun}`, { kodeRekening: 'Sudah ada' });
        if (before) {
          const realisasi = realisasiPagu(db, before.id);
          if (input.pagu < realisasi) {
            throw new ServiceError('CONFLICT', `Pagu tidak boleh lebih kecil dari yang sudah dibayar (${formatRupiah(realisasi)})`, { pagu: 'Di bawah realisasi' });
          }
          if (realisasi > 0 && (before.tahun !== input.tahun || before.jenis !== input.jenis)) {
            throw new ServiceError('CONFLICT', 'Tahun dan jenis pos anggaran yang sudah dipakai membayar tidak boleh diubah');
          }
          updatePagu(db, before.id, fields);
        }
        const id = before?.id ?? insertPagu(db, fields);
        const after = toLine(getPagu(db, id)!);
        appendAudit(db, { user: ctx.user, action: before ? 'ubah' : 'buat', entity: 'pagu', entityId: id, before, after });
        return after;
      })(),
  };
}
