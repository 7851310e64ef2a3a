/**
 * The premium screen's calls, exactly as the renderer sends them (see
 * tests/components/premiums/PremiumsPage.test.ts), accepted by the real handlers: the list with
 * only the filters chosen, an invoice for computed premiums of one insurer, and an SP2D paying
 * unpaid premiums (an uninvoiced one too) from a premium budget line of the SP2D's year.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../electron/runtime';
import { call, callError, useTempRuntime } from '../helpers/runtime';
import { schemeInput } from '../helpers/scheme';
import { disburse } from '../helpers/loan';

const rt = useTempRuntime({ prefix: 'gs-premiums-' });

async function world(r: Runtime) {
  const bank = await call(r, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel' });
  const jamkrindo = await call(r, 'insurers.save', { kode: 'JAMKRINDO', nama: 'Perum Jamkrindo', jenis: 'penjaminan' });
  const askrindo = await call(r, 'insurers.save', { kode: 'ASKRINDO', nama: 'PT Askrindo' });
  const scheme = await call(r, 'schemes.save', schemeInput(2025, jamkrindo.id));
  const debtors = [
    await call(r, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' }),
    await call(r, 'debtors.save', { nik: '1603101203800002', nama: 'Rudi Hartono', skala: 'kecil' }),
  ];
  for (const [i, d] of debtors.entries()) {
    const loan = await call(r, 'loans.save', {
      debiturId: d.id,
      bankId: bank.id,
      skemaId: scheme.id,
      nomorRekening: `001230004${i}`,
      nomorAkad: `AK/00${i}/2025`,
      tanggalAkad: '2025-01-10',
      plafon: 12_000_000 * (i + 1),
      tenorBulan: 12,
      tanggalAngsuranPertama: '2025-02-15',
    });
    await disburse(r, loan.id);
  }
  const pagu = await call(r, 'budget.save', { tahun: 2025, jenis: 'premi', kodeRekening: '5.1.05.02.001', uraian: 'Premi asuransi kredit', pagu: 1_000_000 });
  return { jamkrindo, askrindo, pagu };
}

describe('the premium screen against the real handlers', () => {
  it('lists with only the filters chosen, records an invoice, then an SP2D within the premium pagu', async () => {
    const { jamkrindo, askrindo, pagu } = await world(rt());

    // The filters: none, the insurer, the status, both.
    expect((await call(rt(), 'premiums.list', {})).map((p) => [p.debiturNama, p.jumlah, p.status])).toEqual([
      ['Siti Aminah', 180_000, 'terhitung'],
      ['Rudi Hartono', 360_000, 'terhitung'],
    ]);
    expect(await call(rt(), 'premiums.list', { penjaminId: askrindo.id })).toEqual([]);
    expect(await call(rt(), 'premiums.list', { status: 'ditagih' })).toEqual([]);
    const [siti, rudi] = await call(rt(), 'premiums.list', { penjaminId: jamkrindo.id, status: 'terhitung' });

    // "Catat tagihan" for Siti's premium (the dialog trims the number).
    expect(await call(rt(), 'premiums.recordInvoice', { penjaminId: jamkrindo.id, premiIds: [siti!.id], nomorTagihan: 'INV/JK/2025/03', tanggalTagihan: '2025-03-10' })).toEqual({
      jumlah: 180_000,
      jumlahPremi: 1,
    });
    expect(await call(rt(), 'premiums.list', { status: 'ditagih' })).toEqual([
      expect.objectContaining({ id: siti!.id, nomorTagihan: 'INV/JK/2025/03', tanggalTagihan: '2025-03-10', nomorSp2d: null }),
    ]);

    // The pay dialog's budget lines: budget.year of the SP2D's year, jenis 'premi'.
    const year = await call(rt(), 'budget.year', { tahun: 2025 });
    expect(year.lines.filter((l) => l.jenis === 'premi')).toEqual([expect.objectContaining({ id: pagu.id, sisa: 1_000_000 })]);

    // "Catat pembayaran" pays invoiced premiums only: Rudi's is invoiced too first.
    await call(rt(), 'premiums.recordInvoice', { penjaminId: jamkrindo.id, premiIds: [rudi!.id], nomorTagihan: 'INV/JK/2025/04', tanggalTagihan: '2025-03-10' });
    expect(
      await call(rt(), 'premiums.recordPayment', {
        penjaminId: jamkrindo.id,
        premiIds: [siti!.id, rudi!.id],
        nomorSp2d: 'SP2D/0101/LS/2025',
        tanggalSp2d: '2025-03-10',
        paguId: pagu.id,
      }),
    ).toMatchObject({ jumlah: 540_000, sisaPagu: 460_000 });
    expect((await call(rt(), 'premiums.list', { penjaminId: jamkrindo.id, status: 'dibayar' })).map((p) => p.nomorSp2d)).toEqual(['SP2D/0101/LS/2025', 'SP2D/0101/LS/2025']);
  });

  it('refuses what the screen shows as refusals, with Indonesian messages', async () => {
    const { jamkrindo, askrindo, pagu } = await world(rt());
    const [siti, rudi] = await call(rt(), 'premiums.list', {});

    // Premiums of another insurer.
    const mixed = await callError(rt(), 'premiums.recordInvoice', { penjaminId: askrindo.id, premiIds: [siti!.id], nomorTagihan: 'INV/1', tanggalTagihan: '2025-03-10' });
    expect(mixed).toMatchObject({
      code: 'VALIDATION',
      message: 'Sebagian premi yang dipilih bukan milik penjamin ini',
      fields: { premiIds: 'Sebagian premi yang dipilih bukan milik penjamin ini' },
    });

    // An empty invoice number, as sent when the clerk typed nothing.
    const blank = await callError(rt(), 'premiums.recordInvoice', { penjaminId: jamkrindo.id, premiIds: [siti!.id], nomorTagihan: '', tanggalTagihan: '2025-03-10' });
    expect(blank.fields).toEqual({ nomorTagihan: 'Nomor tagihan wajib diisi' });

    // Paid on an invoice only.
    const uninvoiced = await callError(rt(), 'premiums.recordPayment', {
      penjaminId: jamkrindo.id,
      premiIds: [siti!.id],
      nomorSp2d: 'SP2D/0',
      tanggalSp2d: '2025-03-10',
      paguId: pagu.id,
    });
    expect(uninvoiced).toMatchObject({ code: 'CONFLICT', fields: { premiIds: 'Belum ditagih' } });
    await call(rt(), 'premiums.recordInvoice', { penjaminId: jamkrindo.id, premiIds: [siti!.id, rudi!.id], nomorTagihan: 'INV/1', tanggalTagihan: '2025-03-10' });

    // More than the pagu has left.
    await call(rt(), 'budget.save', { id: pagu.id, tahun: 2025, jenis: 'premi', kodeRekening: '5.1.05.02.001', uraian: 'Premi asuransi kredit', pagu: 200_000 });
    const over = await callError(rt(), 'premiums.recordPayment', {
      penjaminId: jamkrindo.id,
      premiIds: [siti!.id, rudi!.id],
      nomorSp2d: 'SP2D/1',
      tanggalSp2d: '2025-03-10',
      paguId: pagu.id,
    });
    expect(over).toMatchObject({ code: 'CONFLICT', message: 'Pembayaran Rp540.000 melebihi sisa pagu 5.1.05.02.001 tahun 2025 (Rp200.000). Tidak ada yang dicatat.' });

    // Paid once only; the same SP2D number only once.
    await call(rt(), 'premiums.recordPayment', { penjaminId: jamkrindo.id, premiIds: [siti!.id], nomorSp2d: 'SP2D/1', tanggalSp2d: '2025-03-10', paguId: pagu.id });
    const again = await callError(rt(), 'premiums.recordPayment', {
      penjaminId: jamkrindo.id,
      premiIds: [siti!.id],
      nomorSp2d: 'SP2D/2',
      tanggalSp2d: '2025-03-11',
      paguId: pagu.id,
    });
    expect(again).toMatchObject({ code: 'CONFLICT', message: '1 premi yang dipilih sudah dibayar; tidak ada yang dicatat.', fields: { premiIds: 'Sudah dibayar' } });
    const sameSp2d = await callError(rt(), 'premiums.recordPayment', {
      penjaminId: jamkrindo.id,
      premiIds: [rudi!.id],
      nomorSp2d: 'SP2D/1',
      tanggalSp2d: '2025-03-11',
      paguId: pagu.id,
    });
    expect(sameSp2d).toMatchObject({ code: 'CONFLICT', fields: { nomorSp2d: 'Sudah dicatat' } });
  });
});
