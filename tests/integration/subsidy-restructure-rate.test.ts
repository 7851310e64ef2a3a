import { describe, expect, it } from 'vitest';
import { computeSubsidyRun } from '../../electron/services/subsidy/run';
import { computeSubsidyRunReference } from '../../electron/services/subsidy/reference';
import { call, useTempRuntime, type TempRuntime } from '../helpers/runtime';

// Issue 18.1: a restructuring that changes the rate inside a month splits the month at its date;
// each segment carries the rate in force on its days (PMK 65/2020: rate × outstanding × days / 360).

const rtOf = useTempRuntime({ prefix: 'gs-restr-rate-' });

/** Scheme 11 % bank / 3 % debtor (8 % subsidised), efektif, outstanding, actual/360, half-up; one loan of Rp12.000.000 × 12 months. */
async function restructuredLoan(rt: TempRuntime, restructure: { berlakuMulai: string; bungaBankPersen?: string; tenorBulan?: number }) {
  const bank = await call(rt, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [{ kode: 'ME', nama: 'Muara Enim' }] });
  const scheme = await call(rt, 'schemes.save', {
    kode: 'GS-2024',
    nama: 'GS 2024',
    berlakuDari: '2024-01-01',
    berlakuSampai: '2024-12-31',
    bungaBankPersen: '11',
    bungaDebiturPersen: '3',
    metodeBunga: 'efektif',
    basisSubsidi: 'outstanding',
    konvensiHari: 'act360',
    pembulatan: 'half_up',
    plafonMaks: 50_000_000,
    tenorMaks: 36,
  });
  const debtor = await call(rt, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' });
  const loan = await call(rt, 'loans.save', {
    debiturId: debtor.id,
    bankId: bank.id,
    skemaId: scheme.id,
    nomorRekening: '0012300045',
    nomorAkad: 'AK/001/2024',
    tanggalAkad: '2024-01-01',
    plafon: 12_000_000,
    tenorBulan: 12,
    tanggalAngsuranPertama: '2024-02-15',
  });
  await call(rt, 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2024-01-01' });
  await call(rt, 'loans.transition', { id: loan.id, ke: 'aktif', tanggal: '2024-01-01' });
  await call(rt, 'loans.restructure', { id: loan.id, alasan: 'Restrukturisasi uji', ...restructure });
  return { bankId: bank.id, loanId: loan.id };
}

describe('a rate change inside a month (restructuring)', () => {
  it('splits the month at the effective date, each segment at its own rate (run and reference agree)', async () => {
    const rt = rtOf();
    const { bankId } = await restructuredLoan(rt, { berlakuMulai: '2024-03-20', bungaBankPersen: '14' });
    const req = { bankId, periodeAwal: '2024-03', periodeAkhir: '2024-03' };
    const fast = computeSubsidyRun(rt.db, req);
    const reference = computeSubsidyRunReference(rt.db, req);
    expect(fast).toEqual(reference);
    const line = fast.lines[0]!;
    // Outstanding 11.000.000 after the 15 Feb instalment, 10.000.000 after 15 Mar. From 20 March the
    // bank rate is 14 %, the debtor still pays 3 %: subsidised 11 % instead of 8 %.
    //   11.000.000 × 14 days (1–14 Mar)  × 8 %  = 1.232.000.000
    // + 10.000.000 ×  5 days (15–19 Mar) × 8 %  =   400.000.000
    // + 10.000.000 × 12 days (20–31 Mar) × 11 % = 1.320.000.000
    //   = 2.952.000.000 / 36.000 = 82.000 exactly → Rp82.000
    expect(line.rincian).toMatchObject({
      tarifSubsidiPersen: '8',
      tidakDibulatkan: '82000',
      jumlah: 82_000,
      segmen: [
        { dari: '2024-03-01', sampai: '2024-03-15', pokok: 11_000_000, hari: 14, tarifPersen: '8' },
        { dari: '2024-03-15', sampai: '2024-03-20', pokok: 10_000_000, hari: 5, tarifPersen: '8' },
        { dari: '2024-03-20', sampai: '2024-04-01', pokok: 10_000_000, hari: 12, tarifPersen: '11' },
      ],
    });
    // 11.000.000 × 14 × 8 / 36.000 = 34.222,22…; 10.000.000 × 5 × 8 / 36.000 = 11.111,11…; 10.000.000 × 12 × 11 / 36.000 = 36.666,66…
    expect(line.rincian!.segmen.map((s) => s.tidakDibulatkan.slice(0, 9))).toEqual(['34222.222', '11111.111', '36666.666']);
    expect(fast.total).toBe(82_000);
  });

  it('uses the new rate for the whole of the following month, and the old one before', async () => {
    const rt = rtOf();
    const { bankId } = await restructuredLoan(rt, { berlakuMulai: '2024-03-20', bungaBankPersen: '14' });
    const req = { bankId, periodeAwal: '2024-02', periodeAkhir: '2024-04' };
    const fast = computeSubsidyRun(rt.db, req);
    expect(fast).toEqual(computeSubsidyRunReference(rt.db, req));
    const [feb, , apr] = fast.lines;
    // February: 8 % × (12.000.000 × 14 + 11.000.000 × 15) / 360 = 0,08 × 333.000.000 / 360 = 74.000
    expect(feb!.rincian).toMatchObject({ tarifSubsidiPersen: '8', jumlah: 74_000 });
    expect(feb!.rincian!.segmen.map((s) => s.tarifPersen)).toEqual(['8', '8']);
    // April: 11 % × (10.000.000 × 14 + 9.000.000 × 16) / 360 = 0,11 × 284.000.000 / 360 = 86.777,77… → Rp86.778
    expect(apr!.rincian).toMatchObject({ tarifSubsidiPersen: '11', jumlah: 86_778 });
    expect(apr!.rincian!.segmen.map((s) => s.tarifPersen)).toEqual(['11', '11']);
  });

  it('does not split a month at a restructuring that leaves the rate as it was', async () => {
    const rt = rtOf();
    const { bankId } = await restructuredLoan(rt, { berlakuMulai: '2024-03-20', tenorBulan: 20 });
    const req = { bankId, periodeAwal: '2024-03', periodeAkhir: '2024-03' };
    const fast = computeSubsidyRun(rt.db, req);
    expect(fast).toEqual(computeSubsidyRunReference(rt.db, req));
    // 8 % × (11.000.000 × 14 + 10.000.000 × 17) / 360 = 0,08 × 324.000.000 / 360 = 72.000
    expect(fast.lines[0]!.rincian).toMatchObject({ jumlah: 72_000 });
    expect(fast.lines[0]!.rincian!.segmen).toHaveLength(2);
  });
});
