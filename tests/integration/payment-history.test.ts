/**
 * Payment history (issue 13, item 2) at the service level: subsidy paid before the app, recorded
 * so the guards and the run know the past; each refused row with its Indonesian reason.
 */
import { describe, expect, it } from 'vitest';
import type { LoanSaveInput } from '../../electron/contract';
import { realisasiPagu } from '../../database/repositories/payments';
import { recordHistoricPayments, type HistoricPaymentRow } from '../../electron/services/subsidy/history';
import type { ServiceContext } from '../../electron/services/context';
import { auditRows, call, callError, countRows, INDONESIAN, TODAY, useTempRuntime, type TempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-history-' });

/** The service context a handler gets, for calling the service function directly. */
function ctxOf(r: TempRuntime): ServiceContext {
  return { db: r.db, user: 'uji', today: () => TODAY, now: () => Date.parse(`${TODAY}T08:00:00Z`) } as Partial<ServiceContext> as ServiceContext;
}

async function world(r: TempRuntime) {
  const banks = [];
  const schemes = [];
  for (const [i, nama] of ['Bank Sumsel Babel', 'Bank Rakyat Indonesia'].entries()) {
    banks.push(await call(r, 'banks.save', { kode: `B${i + 1}`, nama, cabang: [{ kode: 'ME', nama: 'Muara Enim' }] }));
    schemes.push(
      await call(r, 'schemes.save', {
        kode: `GS-${i + 1}`,
        nama: `Skema ${i + 1}`,
        berlakuDari: '2024-01-01',
        bungaBankPersen: '11',
        bungaDebiturPersen: '3',
        metodeBunga: 'efektif',
        plafonMaks: 50_000_000,
        tenorMaks: 36,
        tolakPembiayaanGanda: false,
      }),
    );
  }
  const siti = await call(r, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' });
  const rudi = await call(r, 'debtors.save', { nik: '1603101203800002', nama: 'Rudi Hartono', skala: 'kecil' });
  // 2025 has a subsidy budget line; 2024 (before the app) has none.
  const pagu2025 = Number(
    r.db.prepare("INSERT INTO pagu (tahun, jenis, kode_rekening, uraian, jumlah) VALUES (2025, 'subsidi_bunga', '5.1.05', 'Subsidi bunga', 10000000)").run().lastInsertRowid,
  );
  const loan = async (input: Pick<LoanSaveInput, 'debiturId' | 'bankId' | 'skemaId' | 'nomorRekening' | 'nomorAkad' | 'tanggalAkad'>, cair: string) => {
    const saved = await call(r, 'loans.save', { plafon: 12_000_000, tenorBulan: 24, ...input });
    await call(r, 'loans.transition', { id: saved.id, ke: 'disetujui', tanggal: input.tanggalAkad });
    return call(r, 'loans.transition', { id: saved.id, ke: 'aktif', tanggal: cair });
  };
  const sitiA = await loan(
    { debiturId: siti.id, bankId: banks[0]!.id, skemaId: schemes[0]!.id, nomorRekening: '0012300045', nomorAkad: 'AK/1', tanggalAkad: '2024-09-02' },
    '2024-09-05',
  );
  const rudiA = await loan(
    { debiturId: rudi.id, bankId: banks[0]!.id, skemaId: schemes[0]!.id, nomorRekening: '0099000001', nomorAkad: 'AK/2', tanggalAkad: '2024-09-03' },
    '2024-09-06',
  );
  const sitiB = await loan(
    { debiturId: siti.id, bankId: banks[1]!.id, skemaId: schemes[1]!.id, nomorRekening: '7788990011', nomorAkad: 'BRI/7', tanggalAkad: '2024-12-01' },
    '2024-12-02',
  );
  return { banks, schemes, pagu2025, sitiA, rudiA, sitiB };
}

const row = (
  baris: number,
  nomorRekening: string,
  periode: string,
  jumlah: number,
  nomorSp2d: string | null,
  tanggalSp2d: string | null,
  extra: Partial<HistoricPaymentRow> = {},
): HistoricPaymentRow => ({
  baris,
  nomorRekening,
  periode,
  jumlah,
  nomorSp2d,
  tanggalSp2d,
  ...extra,
});

describe('recordHistoricPayments', () => {
  it('records the good rows as paid months per SP2D, refuses the rest row by row, and the run then says already paid', async () => {
    const r = rt();
    const w = await world(r);
    r.db.prepare("INSERT INTO tutup_buku (periode, ditutup_oleh) VALUES ('2025-06', 'admin')").run();
    const rows: HistoricPaymentRow[] = [
      row(2, '0012300045', '2024-11', 80_000, 'SP2D/2024/77', '2024-12-10'),
      row(3, '0099000001', '2024-11', 81_000, 'SP2D/2024/77', '2024-12-10', { nik: '1603101203800002', nama: 'RUDI H.' }),
      row(4, '0012300045', '2024-12', 79_000, 'SP2D/2025/05', '2025-01-20'),
      row(5, '0012300045', '2024-12', 79_000, 'SP2D/2025/05', '2025-01-20'),
      row(6, '5555555555', '2024-12', 70_000, 'SP2D/2025/05', '2025-01-20'),
      row(7, '0099000001', '2024-12', 0, 'SP2D/2025/05', '2025-01-20'),
      row(8, '0099000001', '2025-01', 75_000, 'SP2D/2025/06', '2025-01-25'),
      row(9, '0099000001', '2024-12', 75_000, 'SP2D/2025/05', '2025-01-20', { nik: '1603106710850001' }),
      row(10, '0099000001', '2025-02', 74_000, 'SP2D/2025/05', '2025-03-01'),
      row(11, '0099000001', '2025-03', 74_000, 'SP2D/2025/09', '2027-01-01'),
      row(12, '0099000001', '2025-04', 74_000, 'SP2D/2025/10', '2025-06-05'),
      row(13, '0099000001', '2024-08', 74_000, 'SP2D/2024/01', '2024-09-10'),
      row(14, '0099000001', '2025-05', 74_000, null, '2025-07-01'),
      row(15, '0099000001', '2025-13', 74_000, 'X', '2025-07-01'),
    ];
    const result = recordHistoricPayments(ctxOf(r), w.banks[0]!.id, rows, null);
    expect(result.pembayaran.map((p) => [p.nomorSp2d, p.jumlah, p.baris, p.paguId])).toEqual([
      ['SP2D/2024/77', 161_000, 2, null],
      ['SP2D/2025/05', 79_000, 1, w.pagu2025],
    ]);
    expect(result).toMatchObject({ jumlahBaris: 3, total: 240_000 });
    const reasons = Object.fromEntries(result.ditolak.map((d) => [d.baris, d.pesan]));
    expect(reasons).toEqual({
      5: 'Bulan Desember 2024 rekening 0012300045 sudah ada pada baris 4 berkas ini',
      6: 'Rekening 5555555555 tidak terdaftar pada Bank Sumsel Babel',
      7: 'Jumlah subsidi harus rupiah bulat lebih dari 0',
      8: 'Tanggal SP2D 25/01/2025 tidak sesudah bulan Januari 2025: subsidi sebulan dibayar sesudah bulan itu berakhir',
      9: 'NIK 1603106710850001 bukan NIK debitur rekening 0099000001 (Rudi Hartono, NIK 1603101203800002)',
      10: 'SP2D nomor SP2D/2025/05 bertanggal 20/01/2025 pada baris 4, bukan 01/03/2025',
      11: 'Tanggal SP2D 01/01/2027 masih di masa depan',
      12: 'Tanggal SP2D 05/06/2025 jatuh pada bulan Juni 2025 yang sudah ditutup (tutup buku)',
      13: 'Pinjaman rekening 0099000001 baru dicairkan 06/09/2024: tidak ada subsidi untuk bulan Agustus 2024',
      14: 'Nomor SP2D wajib diisi',
      15: 'Periode "2025-13" bukan bulan yang sah (misalnya 2024-03)',
    });
    for (const d of result.ditolak) expect(d.pesan).toMatch(INDONESIAN);

    // Stored as paid claims 'riwayat' with their SP2D, and the months are paid.
    expect(r.db.prepare("SELECT count(*) FROM tagihan WHERE sumber = 'riwayat' AND status = 'dibayar'").pluck().get()).toBe(2);
    expect(r.db.prepare('SELECT pinjaman_id, periode FROM periode_dibayar ORDER BY periode, pinjaman_id').all()).toEqual([
      { pinjaman_id: w.sitiA.id, periode: '2024-11' },
      { pinjaman_id: w.rudiA.id, periode: '2024-11' },
      { pinjaman_id: w.sitiA.id, periode: '2024-12' },
    ]);
    // 2025's SP2D is realised against 2025's line; 2024's has no line to count in.
    expect(realisasiPagu(r.db, w.pagu2025)).toBe(79_000);
    expect(auditRows(r.db, 'pembayaran').map((a) => (a.sesudah as { sumber: string; nomorSp2d: string }).nomorSp2d)).toEqual(['SP2D/2024/77', 'SP2D/2025/05']);

    const run = await call(r, 'subsidy.run', { bankId: w.banks[0]!.id, periodeAwal: '2024-11', periodeAkhir: '2024-12' });
    const of = (id: number, p: string) => run.lines.find((l) => l.pinjamanId === id && l.periode === p)!;
    expect(of(w.sitiA.id, '2024-11')).toMatchObject({ layak: false, alasan: 'sudah_dibayar' });
    expect(of(w.rudiA.id, '2024-11')).toMatchObject({ layak: false, alasan: 'sudah_dibayar' });
    expect(of(w.sitiA.id, '2024-12')).toMatchObject({ layak: false, alasan: 'sudah_dibayar' });
    expect(of(w.rudiA.id, '2024-12').layak).toBe(true);
    // The loan's page lists the historic month with its SP2D.
    const detail = await call(r, 'loans.get', { id: w.sitiA.id });
    expect(JSON.stringify(detail)).toContain('SP2D/2024/77');

    // The same history again: every month already paid, every SP2D already recorded; nothing written.
    const before = countRows(r.db, 'periode_dibayar');
    const again = recordHistoricPayments(ctxOf(r), w.banks[0]!.id, rows.slice(0, 3), null);
    expect(again.pembayaran).toEqual([]);
    expect(again.ditolak.map((d) => d.pesan)).toEqual([
      'Bulan November 2024 rekening 0012300045 sudah dibayar (SP2D SP2D/2024/77)',
      'Bulan November 2024 rekening 0099000001 sudah dibayar (SP2D SP2D/2024/77)',
      'Bulan Desember 2024 rekening 0012300045 sudah dibayar (SP2D SP2D/2025/05)',
    ]);
    expect(countRows(r.db, 'periode_dibayar')).toBe(before);
  });

  it('refuses a history month another loan of the person already holds, naming it; paying it in the app is refused too', async () => {
    const r = rt();
    const w = await world(r);
    recordHistoricPayments(ctxOf(r), w.banks[0]!.id, [row(2, '0012300045', '2024-12', 80_000, 'SP2D/A/1', '2025-01-10')], null);
    const b = recordHistoricPayments(
      ctxOf(r),
      w.banks[1]!.id,
      [row(2, '7788990011', '2024-12', 60_000, 'SP2D/B/1', '2025-01-11'), row(3, '7788990011', '2025-01', 60_000, 'SP2D/B/2', '2025-02-11')],
      null,
    );
    expect(b.ditolak).toEqual([{ baris: 2, kolom: 'periode', pesan: 'Desember 2024: Bulan ini sudah disubsidi melalui pinjaman 0012300045 (Bank Sumsel Babel)' }]);
    expect(b.pembayaran.map((p) => [p.nomorSp2d, p.jumlah])).toEqual([['SP2D/B/2', 60_000]]);
    // In the app, the direct payment of bank A for January finds January taken by the BRI loan.
    const run = await call(r, 'subsidy.run', { bankId: w.banks[0]!.id, periodeAwal: '2025-01' });
    expect(run.lines.find((l) => l.pinjamanId === w.sitiA.id)).toMatchObject({
      alasan: 'sudah_disubsidi_lain',
      alasanLabel: 'Bulan ini sudah disubsidi melalui pinjaman 7788990011 (Bank Rakyat Indonesia)',
    });
    // Two rows of one file for two loans of the person at the same bank in one month: the second is refused.
    const extra = await call(r, 'loans.save', {
      debiturId: w.sitiA.debiturId,
      bankId: w.banks[0]!.id,
      skemaId: w.schemes[0]!.id,
      nomorRekening: '0012399999',
      nomorAkad: 'AK/9',
      tanggalAkad: '2024-09-20',
      plafon: 5_000_000,
      tenorBulan: 12,
    });
    await call(r, 'loans.transition', { id: extra.id, ke: 'disetujui', tanggal: '2024-09-20' });
    await call(r, 'loans.transition', { id: extra.id, ke: 'aktif', tanggal: '2024-09-21' });
    const both = recordHistoricPayments(
      ctxOf(r),
      w.banks[0]!.id,
      [row(2, '0012399999', '2024-10', 1000, 'S/10', '2024-11-10'), row(3, '0012300045', '2024-10', 1000, 'S/10', '2024-11-10')],
      null,
    );
    expect(both.ditolak).toEqual([
      { baris: 3, kolom: 'periode', pesan: 'Oktober 2024: Bulan ini disubsidi melalui pinjaman 0012399999 (Bank Sumsel Babel) dalam berkas yang sama' },
    ]);
    expect(both.pembayaran.map((p) => [p.nomorSp2d, p.baris])).toEqual([['S/10', 1]]);
  });

  it('charges an SP2D to the budget line of its year the loan’s scheme names; refuses when that is not one line', async () => {
    const r = rt();
    const w = await world(r);
    // 2025 now has two subsidy lines; scheme 1 names the second, scheme 2 names none.
    const second = Number(
      r.db.prepare("INSERT INTO pagu (tahun, jenis, kode_rekening, uraian, jumlah) VALUES (2025, 'subsidi_bunga', '5.1.06', 'Subsidi bunga (perubahan)', 5000000)").run()
        .lastInsertRowid,
    );
    r.db.prepare('INSERT INTO skema_pagu (skema_id, pagu_id) VALUES (?, ?)').run(w.schemes[0]!.id, second);
    const a = recordHistoricPayments(ctxOf(r), w.banks[0]!.id, [row(2, '0012300045', '2025-01', 50_000, 'SP2D/P/1', '2025-02-10')], null);
    expect(a.pembayaran.map((p) => p.paguId)).toEqual([second]);
    expect(realisasiPagu(r.db, second)).toBe(50_000);
    expect(realisasiPagu(r.db, w.pagu2025)).toBe(0);
    const b = recordHistoricPayments(ctxOf(r), w.banks[1]!.id, [row(2, '7788990011', '2025-02', 40_000, 'SP2D/P/2', '2025-03-10')], null);
    expect(b.pembayaran).toEqual([]);
    expect(b.ditolak).toEqual([
      {
        baris: 2,
        kolom: 'nomorSp2d',
        pesan: 'SP2D nomor SP2D/P/2: tahun 2025 memiliki 2 pos anggaran subsidi bunga (5.1.05, 5.1.06) dan skema pinjamannya tidak menunjuk tepat satu pos',
      },
    ]);
  });

  it('an unknown bank is refused; the channel-level error is Indonesian', async () => {
    const r = rt();
    await world(r);
    expect(() => recordHistoricPayments(ctxOf(r), 999, [], null)).toThrow(/Bank mitra tidak ditemukan/);
    const e = await callError(r, 'subsidy.run', { bankId: 999, periodeAwal: '2025-01' });
    expect(e.message).toMatch(INDONESIAN);
  });
});
