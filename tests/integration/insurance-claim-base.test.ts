import { describe, expect, it } from 'vitest';
import { call, callError, useTempRuntime, type TempRuntime } from '../helpers/runtime';
import { schemeInput } from '../helpers/scheme';
import { disburse, loan12jt } from '../helpers/loan';

// Issue 18.4: an insurance claim is on the outstanding at the date it is about (the default: the day
// the loan was declared macet), not on a month-end position reported after a later instalment.

const rtOf = useTempRuntime({ prefix: 'gs-claim-base-' });

/** Rp12.000.000 × 12 months, efektif (Rp1.000.000 principal a month on the 15th from Feb 2025), 70 % coverage. */
async function loan(rt: TempRuntime) {
  const bank = await call(rt, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [{ kode: 'ME', nama: 'Muara Enim' }] });
  const insurer = await call(rt, 'insurers.save', { kode: 'JAMKRINDO', nama: 'Perum Jamkrindo', jenis: 'penjaminan' });
  const scheme = await call(rt, 'schemes.save', schemeInput(2025, insurer.id));
  const debtor = await call(rt, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' });
  const saved = await call(rt, 'loans.save', loan12jt({ debiturId: debtor.id, bankId: bank.id, skemaId: scheme.id }));
  await disburse(rt, saved.id);
  // The bank reports 10.000.000 at the end of March (after the 15 March instalment) and
  // 9.000.000 at the end of April: one more instalment, on 15 April.
  await call(rt, 'positions.save', { pinjamanId: saved.id, periode: '2025-03', outstanding: 10_000_000, kol: 2, hariTunggakan: 20 });
  await call(rt, 'positions.save', { pinjamanId: saved.id, periode: '2025-04', outstanding: 9_000_000, kol: 5, hariTunggakan: 200 });
  return saved.id;
}

describe('insurance claim base', () => {
  it('takes the outstanding on the default date, before the later instalment of that month, and says where it came from', async () => {
    const rt = rtOf();
    const id = await loan(rt);
    await call(rt, 'loans.transition', { id, ke: 'macet', tanggal: '2025-04-10' });
    const claimed = await call(rt, 'loans.transition', { id, ke: 'klaim', tanggal: '2025-04-20' });
    // On 10 April the 15 April instalment was not yet due: the principal is March's month-end
    // 10.000.000 (not April's 9.000.000); 70 % × 10.000.000 = 7.000.000.
    expect(claimed.klaimAsuransi).toMatchObject({
      tanggal: '2025-04-20',
      tanggalDasar: '2025-04-10',
      outstanding: 10_000_000,
      porsiPersen: '70',
      jumlah: 7_000_000,
      dasar: 'Baki debet pada 10 April 2025 (tanggal macet): posisi bank akhir Maret 2025',
    });
  });

  it('a default after the month’s instalment takes that month’s position', async () => {
    const rt = rtOf();
    const id = await loan(rt);
    await call(rt, 'loans.transition', { id, ke: 'macet', tanggal: '2025-04-16' });
    const claimed = await call(rt, 'loans.transition', { id, ke: 'klaim', tanggal: '2025-04-20' });
    // After the 15 April instalment: April's report 9.000.000; 70 % = 6.300.000.
    expect(claimed.klaimAsuransi).toMatchObject({
      tanggalDasar: '2025-04-16',
      outstanding: 9_000_000,
      jumlah: 6_300_000,
      dasar: 'Baki debet pada 16 April 2025 (tanggal macet): posisi bank akhir April 2025 (sesudah angsuran 15 April 2025)',
    });
  });

  it('a claim base dated after the claim is refused, by the service and by the database', async () => {
    const rt = rtOf();
    const id = await loan(rt);
    expect(() =>
      rt.db
        .prepare(
          "INSERT INTO klaim_asuransi (pinjaman_id, tanggal, tanggal_dasar, dasar, outstanding, porsi_persen, jumlah) VALUES (?, '2025-04-20', '2025-04-21', 'x', 1, '70', 1)",
        )
        .run(id),
    ).toThrow(/CHECK/);
    // The service refuses it first: a claim dated before the default it is about.
    await call(rt, 'loans.transition', { id, ke: 'macet', tanggal: '2025-04-16' });
    expect((await callError(rt, 'loans.transition', { id, ke: 'klaim', tanggal: '2025-04-12' })).fields).toEqual({ tanggal: 'Tanggal klaim sebelum tanggal macet (2025-04-16)' });
  });
});
