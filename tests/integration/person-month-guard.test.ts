/**
 * One person, one subsidy per month (issue 13, item 4): at most N subsidised loans per person
 * (debitur, i.e. NIK) per month across loans, banks and schemes, N per scheme (default 1).
 * Refused by the database itself (trigger on periode_dibayar, migration 0016_person_month_guard), explained by the
 * services naming the loan that took the month, and shown by the run and the reconciliation.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoanSaveInput } from '../../electron/contract';
import { insertClaim } from '../../database/repositories/claims';
import { insertPaidClaim } from '../../database/repositories/payments';
import { personMonthConflicts } from '../../electron/services/subsidy/person-month';
import { attempt, call, callError, countRows, createTempRuntime, INDONESIAN, useTempRuntime, type TempRuntime } from '../helpers/runtime';

interface World {
  banks: { id: number; nama: string }[];
  schemes: number[];
  debtors: number[];
  paguId: number;
}

/** Two banks (three for the property), one scheme per bank, double financing only flagged. */
async function world(r: TempRuntime, bankCount = 2): Promise<World> {
  const names = ['Bank Sumsel Babel', 'Bank Rakyat Indonesia', 'BPR Muara Enim'];
  const banks: World['banks'] = [];
  const schemes: number[] = [];
  for (let i = 0; i < bankCount; i++) {
    const bank = await call(r, 'banks.save', { kode: `B${i + 1}`, nama: names[i]!, cabang: [{ kode: 'ME', nama: 'Muara Enim' }] });
    banks.push({ id: bank.id, nama: bank.nama });
    const scheme = await call(r, 'schemes.save', {
      kode: `GS-${i + 1}`,
      nama: `Skema ${i + 1}`,
      berlakuDari: '2025-01-01',
      berlakuSampai: '2025-12-31',
      bungaBankPersen: '11',
      bungaDebiturPersen: '3',
      metodeBunga: 'efektif',
      plafonMaks: 50_000_000,
      tenorMaks: 36,
      tolakPembiayaanGanda: false,
    });
    schemes.push(scheme.id);
  }
  const debtors = [
    (await call(r, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' })).id,
    (await call(r, 'debtors.save', { nik: '1603101203800002', nama: 'Rudi Hartono', skala: 'kecil' })).id,
  ];
  const paguId = Number(
    r.db.prepare("INSERT INTO pagu (tahun, jenis, kode_rekening, uraian, jumlah) VALUES (2025, 'subsidi_bunga', '5.1.05', 'Subsidi bunga', 100000000)").run().lastInsertRowid,
  );
  return { banks, schemes, debtors, paguId };
}

async function loan(r: TempRuntime, input: Omit<LoanSaveInput, 'plafon' | 'tenorBulan'> & Partial<LoanSaveInput>, cair: string) {
  const saved = await call(r, 'loans.save', { plafon: 12_000_000, tenorBulan: 12, ...input });
  await call(r, 'loans.transition', { id: saved.id, ke: 'disetujui', tanggal: input.tanggalAkad });
  return call(r, 'loans.transition', { id: saved.id, ke: 'aktif', tanggal: cair });
}

describe('one person, one subsidy per month', () => {
  const rt = useTempRuntime({ prefix: 'gs-person-month-' });

  /** Siti: a loan at Bank Sumsel Babel (akad 10 January) and one at BRI (akad 5 March), both running in April. */
  async function twoLoans(r: TempRuntime) {
    const w = await world(r);
    const first = await loan(
      r,
      { debiturId: w.debtors[0]!, bankId: w.banks[0]!.id, skemaId: w.schemes[0]!, nomorRekening: '0012300045', nomorAkad: 'AK/001/2025', tanggalAkad: '2025-01-10' },
      '2025-01-15',
    );
    const second = await loan(
      r,
      { debiturId: w.debtors[0]!, bankId: w.banks[1]!.id, skemaId: w.schemes[1]!, nomorRekening: '7788990011', nomorAkad: 'BRI/77/2025', tanggalAkad: '2025-03-05' },
      '2025-03-06',
    );
    return { w, first, second };
  }

  it('scenario: two loans of one person at two banks both claimed for April — the first is paid, the second refused naming the first', async () => {
    const r = rt();
    const { w, first, second } = await twoLoans(r);
    // Both banks claim April for Siti; neither is paid yet, so both reconcile as cocok.
    const claims = [];
    for (const [i, l] of [first, second].entries()) {
      const run = await call(r, 'subsidy.run', { bankId: w.banks[i]!.id, periodeAwal: '2025-04' });
      const line = run.lines.find((x) => x.pinjamanId === l.id)!;
      expect(line.layak).toBe(true);
      const tagihanId = insertClaim(r.db, {
        bankId: w.banks[i]!.id,
        periodeAwal: '2025-04',
        periodeAkhir: '2025-04',
        imporId: null,
        dibuatOleh: 'rina',
        lines: [
          {
            nomorBaris: 1,
            periode: '2025-04',
            nomorRekening: l.nomorRekening,
            nik: line.nik,
            nama: line.debiturNama,
            outstanding: null,
            bungaPersen: null,
            hari: null,
            kol: null,
            diklaim: line.rincian!.jumlah,
            plafon: null,
            tanggalAkad: null,
          },
        ],
      }).tagihanId;
      await call(r, 'claims.reconcile', { tagihanId });
      const approved = await call(r, 'claims.approve', { tagihanId });
      claims.push({ tagihanId, jumlah: approved.totalDisetujui! });
    }
    await call(r, 'claims.recordPayment', { tagihanId: claims[0]!.tagihanId, nomorSp2d: 'SP2D-0401', tanggalSp2d: '2025-05-10', jumlah: claims[0]!.jumlah, paguId: w.paguId });
    const before = countRows(r.db, 'periode_dibayar');
    const refused = await callError(r, 'claims.recordPayment', {
      tagihanId: claims[1]!.tagihanId,
      nomorSp2d: 'SP2D-0402',
      tanggalSp2d: '2025-05-11',
      jumlah: claims[1]!.jumlah,
      paguId: w.paguId,
    });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(INDONESIAN);
    expect(refused.message).toContain('baris 1 (rekening 7788990011, April 2025): bulan ini sudah disubsidi melalui pinjaman 0012300045 (Bank Sumsel Babel)');
    expect(refused.message).toContain('Tidak ada yang dicatat');
    expect(countRows(r.db, 'periode_dibayar')).toBe(before);
    expect(countRows(r.db, 'pembayaran')).toBe(1);

    // From now on the run of BRI names the loan that took April, and so does a new reconciliation.
    const run = await call(r, 'subsidy.run', { bankId: w.banks[1]!.id, periodeAwal: '2025-04' });
    expect(run.lines.find((x) => x.pinjamanId === second.id)).toMatchObject({
      layak: false,
      alasan: 'sudah_disubsidi_lain',
      alasanLabel: 'Bulan ini sudah disubsidi melalui pinjaman 0012300045 (Bank Sumsel Babel)',
      rincian: null,
    });
    const again = insertClaim(r.db, {
      bankId: w.banks[1]!.id,
      periodeAwal: '2025-04',
      periodeAkhir: '2025-04',
      imporId: null,
      dibuatOleh: 'rina',
      lines: [
        {
          nomorBaris: 1,
          periode: '2025-04',
          nomorRekening: '7788990011',
          nik: null,
          nama: null,
          outstanding: null,
          bungaPersen: null,
          hari: null,
          kol: null,
          diklaim: 50_000,
          plafon: null,
          tanggalAkad: null,
        },
      ],
    }).tagihanId;
    await call(r, 'claims.reconcile', { tagihanId: again });
    const lines = (await call(r, 'claims.get', { tagihanId: again })).lines.rows;
    expect(lines[0]).toMatchObject({ status: 'ganda', keterangan: 'Bulan ini sudah disubsidi melalui pinjaman 0012300045 (Bank Sumsel Babel)', disetujui: 0 });
    expect(r.db.prepare('SELECT alasan_kode FROM tagihan_baris WHERE tagihan_id = ?').pluck().get(again)).toBe('sudah_disubsidi_lain');
  });

  it('the subsidy screen’s direct payment skips the month another bank already paid, and May is still paid', async () => {
    const r = rt();
    const { w, second } = await twoLoans(r);
    await call(r, 'subsidy.recordPayment', { bankId: w.banks[0]!.id, periodeAwal: '2025-04', nomorSp2d: 'SP2D-A', tanggalSp2d: '2025-05-10', paguId: w.paguId });
    const none = await callError(r, 'subsidy.recordPayment', { bankId: w.banks[1]!.id, periodeAwal: '2025-04', nomorSp2d: 'SP2D-B', tanggalSp2d: '2025-05-10', paguId: w.paguId });
    expect(none.message).toContain('Tidak ada baris subsidi yang layak');
    const may = await call(r, 'subsidy.recordPayment', {
      bankId: w.banks[1]!.id,
      periodeAwal: '2025-04',
      periodeAkhir: '2025-05',
      nomorSp2d: 'SP2D-C',
      tanggalSp2d: '2025-06-10',
      paguId: w.paguId,
    });
    expect(may.jumlahBaris).toBe(1);
    expect(r.db.prepare('SELECT periode FROM periode_dibayar WHERE pinjaman_id = ?').pluck().all(second.id)).toEqual(['2025-05']);
  });

  it('within one bank’s run the month goes to the first account; the second is excluded naming it', async () => {
    const r = rt();
    const w = await world(r);
    const a = await loan(
      r,
      { debiturId: w.debtors[0]!, bankId: w.banks[0]!.id, skemaId: w.schemes[0]!, nomorRekening: '001', nomorAkad: 'AK/1', tanggalAkad: '2025-01-10' },
      '2025-01-15',
    );
    const b = await loan(
      r,
      { debiturId: w.debtors[0]!, bankId: w.banks[0]!.id, skemaId: w.schemes[0]!, nomorRekening: '002', nomorAkad: 'AK/2', tanggalAkad: '2025-02-03' },
      '2025-02-04',
    );
    const run = await call(r, 'subsidy.run', { bankId: w.banks[0]!.id, periodeAwal: '2025-03' });
    expect(run.lines.find((l) => l.pinjamanId === a.id)!.layak).toBe(true);
    expect(run.lines.find((l) => l.pinjamanId === b.id)).toMatchObject({
      layak: false,
      alasan: 'sudah_disubsidi_lain',
      alasanLabel: 'Bulan ini disubsidi melalui pinjaman 001 (Bank Sumsel Babel) dalam perhitungan yang sama',
    });
    const paid = await call(r, 'subsidy.recordPayment', { bankId: w.banks[0]!.id, periodeAwal: '2025-03', nomorSp2d: 'S-1', tanggalSp2d: '2025-04-02', paguId: w.paguId });
    expect(paid.jumlahBaris).toBe(1);

    // With N = 2 on the scheme both loans are subsidised in April.
    r.db.prepare('UPDATE skema SET maks_pinjaman_per_orang = 2 WHERE id = ?').run(w.schemes[0]);
    const april = await call(r, 'subsidy.run', { bankId: w.banks[0]!.id, periodeAwal: '2025-04' });
    expect(april.lines.filter((l) => l.layak)).toHaveLength(2);
  });

  it('the database itself refuses a direct INSERT that would subsidise a person’s month twice', async () => {
    const r = rt();
    const { w, first, second } = await twoLoans(r);
    await call(r, 'subsidy.recordPayment', { bankId: w.banks[0]!.id, periodeAwal: '2025-04', nomorSp2d: 'SP2D-A', tanggalSp2d: '2025-05-10', paguId: w.paguId });
    const lineId = r.db.prepare('SELECT id FROM tagihan_baris LIMIT 1').pluck().get();
    const insert = r.db.prepare('INSERT INTO periode_dibayar (pinjaman_id, periode, tagihan_baris_id) VALUES (?, ?, ?)');
    expect(() => insert.run(second.id, '2025-04', lineId)).toThrow(/SATU_ORANG_SEBULAN/);
    // Another month, or another person's, is fine; the same loan-month stays the primary key's.
    expect(() => insert.run(first.id, '2025-04', lineId)).toThrow(/UNIQUE|PRIMARY/);
    insert.run(second.id, '2025-05', lineId);
    // Nor can a paid month be moved onto the other loan, or the loan onto another debtor.
    expect(() => r.db.prepare("UPDATE periode_dibayar SET pinjaman_id = ? WHERE pinjaman_id = ? AND periode = '2025-05'").run(first.id, second.id)).toThrow(
      /tidak dapat dipindahkan/,
    );
    expect(() => r.db.prepare('UPDATE pinjaman SET debitur_id = ? WHERE id = ?').run(w.debtors[1], first.id)).toThrow(/tidak dapat dipindahkan/);
    // N is the smallest limit of the schemes involved: raising one scheme alone is not enough.
    r.db.prepare('UPDATE skema SET maks_pinjaman_per_orang = 2 WHERE id = ?').run(w.schemes[1]);
    expect(() => insert.run(second.id, '2025-04', lineId)).toThrow(/SATU_ORANG_SEBULAN/);
    r.db.prepare('UPDATE skema SET maks_pinjaman_per_orang = 2 WHERE id = ?').run(w.schemes[0]);
    insert.run(second.id, '2025-04', lineId);
  });

  it('the scheme form keeps N (default 1) and refuses 0 in Indonesian', async () => {
    const r = rt();
    const w = await world(r, 1);
    expect((await call(r, 'schemes.get', { id: w.schemes[0]! })).maksPinjamanPerOrang).toBe(1);
    const s = await call(r, 'schemes.get', { id: w.schemes[0]! });
    expect((await call(r, 'schemes.save', { ...s, maksPinjamanPerOrang: 3 })).maksPinjamanPerOrang).toBe(3);
    const bad = await attempt(r, 'schemes.save', { ...s, maksPinjamanPerOrang: 0 });
    expect(!bad.ok && bad.error.fields?.maksPinjamanPerOrang).toContain('paling sedikit 1');
  });
});

describe('property: random payments across loans, banks and schemes never pay a person-month more than N times', () => {
  let r: TempRuntime;
  let w: World;
  const loans: { id: number; bankId: number; skemaId: number; debiturId: number; rekening: string }[] = [];
  const MONTHS = ['2025-03', '2025-04', '2025-05', '2025-06'];

  beforeAll(async () => {
    r = createTempRuntime({ prefix: 'gs-person-month-prop-' });
    w = await world(r, 3);
    // Siti: four loans over three banks and schemes; Rudi: two at one bank.
    const plan: [number, number, number][] = [
      [0, 0, 0],
      [0, 1, 1],
      [0, 2, 2],
      [0, 1, 2],
      [1, 0, 0],
      [1, 0, 1],
    ];
    for (const [i, [debtor, bank, scheme]] of plan.entries()) {
      const rekening = `R${i + 1}`;
      const l = await loan(
        r,
        {
          debiturId: w.debtors[debtor]!,
          bankId: w.banks[bank]!.id,
          skemaId: w.schemes[scheme]!,
          nomorRekening: rekening,
          nomorAkad: `AK/${i + 1}`,
          tanggalAkad: `2025-01-${10 + i}`,
        },
        `2025-02-0${1 + i}`,
      );
      loans.push({ id: l.id, bankId: w.banks[bank]!.id, skemaId: w.schemes[scheme]!, debiturId: w.debtors[debtor]!, rekening });
    }
  });
  afterAll(() => r.dispose());

  /** Every person-month's paid loans, at most the smallest N among their schemes. */
  function violations(): unknown[] {
    return r.db
      .prepare(
        `SELECT l.debitur_id, pd.periode, count(*) AS n, min(s.maks_pinjaman_per_orang) AS batas
         FROM periode_dibayar pd JOIN pinjaman l ON l.id = pd.pinjaman_id JOIN skema s ON s.id = l.skema_id
         GROUP BY l.debitur_id, pd.periode HAVING count(*) > min(s.maks_pinjaman_per_orang)`,
      )
      .all();
  }

  const op = fc.oneof(
    // A single loan-month written straight to the tables (as any path, or a tool, would).
    fc.record({ kind: fc.constant('raw' as const), loan: fc.integer({ min: 0, max: 5 }), month: fc.constantFrom(...MONTHS) }),
    // The subsidy screen's direct SP2D for a bank's month or two (the run path).
    fc.record({ kind: fc.constant('direct' as const), loan: fc.integer({ min: 0, max: 5 }), month: fc.constantFrom(...MONTHS), two: fc.boolean() }),
  );

  it('holds for random limits and sequences, and the service predicts every refusal of the database', async () => {
    let sp2d = 0;
    const seen = { guard: 0, rawPaid: 0, directPaid: 0, directExcluded: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }), fc.array(op, { minLength: 1, maxLength: 14 }), async (limits, ops) => {
        r.db.exec('DELETE FROM periode_dibayar; DELETE FROM pembayaran; DELETE FROM tagihan_baris; DELETE FROM tagihan;');
        limits.forEach((n, i) => r.db.prepare('UPDATE skema SET maks_pinjaman_per_orang = ? WHERE id = ?').run(n, w.schemes[i]));
        for (const o of ops) {
          const l = loans[o.loan]!;
          if (o.kind === 'raw') {
            const predicted =
              personMonthConflicts(r.db, [{ pinjamanId: l.id, periode: o.month }]).length > 0 ||
              r.db.prepare('SELECT 1 FROM periode_dibayar WHERE pinjaman_id = ? AND periode = ?').get(l.id, o.month) !== undefined;
            let refused = false;
            try {
              r.db.transaction(() =>
                insertPaidClaim(r.db, {
                  bankId: l.bankId,
                  periodeAwal: o.month,
                  periodeAkhir: o.month,
                  nomorSp2d: `P-${++sp2d}`,
                  tanggalSp2d: '2025-07-01',
                  paguId: w.paguId,
                  lines: [
                    {
                      nomorBaris: 1,
                      pinjamanId: l.id,
                      periode: o.month,
                      nomorRekening: l.rekening,
                      nik: '',
                      nama: '',
                      outstanding: null,
                      bungaPersen: '8',
                      hari: 30,
                      kol: 1,
                      jumlah: 1000,
                      keterangan: 'uji',
                    },
                  ],
                }),
              )();
            } catch (err) {
              refused = true;
              expect(String(err)).toMatch(/SATU_ORANG_SEBULAN|UNIQUE|PRIMARY/);
              if (String(err).includes('SATU_ORANG_SEBULAN')) seen.guard++;
            }
            expect(refused).toBe(predicted);
            if (!refused) seen.rawPaid++;
          } else {
            const to = o.two ? MONTHS[Math.min(MONTHS.indexOf(o.month) + 1, MONTHS.length - 1)]! : o.month;
            const run = await call(r, 'subsidy.run', { bankId: l.bankId, periodeAwal: o.month, periodeAkhir: to });
            seen.directExcluded += run.lines.filter((x) => x.alasan === 'sudah_disubsidi_lain').length;
            const res = await attempt(r, 'subsidy.recordPayment', {
              bankId: l.bankId,
              periodeAwal: o.month,
              periodeAkhir: to,
              nomorSp2d: `D-${++sp2d}`,
              tanggalSp2d: '2025-07-01',
              paguId: w.paguId,
            });
            if (res.ok) seen.directPaid++;
            // Either something was paid, or nothing was left to pay: never a raw database error.
            if (!res.ok) expect(res.error.message).toContain('Tidak ada baris subsidi yang layak');
          }
          expect(violations()).toEqual([]);
        }
      }),
      { numRuns: 60, seed: 1313 },
    );
    // The sequences did reach the guard on both paths, and paid on both.
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(5);
  });
});
