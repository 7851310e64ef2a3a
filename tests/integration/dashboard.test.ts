import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { DashboardSummary, Result } from '../../electron/contract';
import { addPeriods, periodsBetween } from '../../electron/domain/loan';
import { TODAY, call, callError, createTempRuntime, sessionAs, type TempRuntime } from '../helpers/runtime';

/**
 * The dashboard on the demo data (250 loans over 24 months, today 23 November 2026) with a few
 * SP2D payments recorded: every figure is checked against a sum computed here, in JavaScript,
 * from the raw rows read with plain SELECTs — not against the service's own SQL.
 */
interface LoanRow {
  id: number;
  debitur_id: number;
  bank_id: number;
  plafon: number;
  status: string;
  tanggal_pencairan: string | null;
}
interface PositionRow {
  pinjaman_id: number;
  periode: string;
  outstanding: number;
  kol: number;
}
interface PaymentRow {
  jumlah: number;
  tanggal_sp2d: string;
  pagu_id: number;
  bank_id: number;
}
interface PaguRow {
  id: number;
  tahun: number;
  jenis: string;
  jumlah: number;
}

let rt: TempRuntime;
let paid: { subsidi2026: number; subsidi2025: number; premi2026: number };

function raw() {
  const db = rt.db;
  return {
    loans: db.prepare('SELECT id, debitur_id, bank_id, plafon, status, tanggal_pencairan FROM pinjaman').all() as LoanRow[],
    positions: db.prepare('SELECT pinjaman_id, periode, outstanding, kol FROM posisi_bank').all() as PositionRow[],
    subsidyPayments: db.prepare('SELECT b.jumlah, b.tanggal_sp2d, b.pagu_id, t.bank_id FROM pembayaran b, tagihan t WHERE t.id = b.tagihan_id').all() as PaymentRow[],
    premiumPayments: db.prepare('SELECT jumlah, tanggal_sp2d, pagu_id FROM pembayaran_premi').all() as Omit<PaymentRow, 'bank_id'>[],
    pagu: db.prepare('SELECT id, tahun, jenis, jumlah FROM pagu').all() as PaguRow[],
    debtors: db.prepare('SELECT id, kecamatan_id FROM debitur').all() as { id: number; kecamatan_id: number | null }[],
    kecamatan: db.prepare('SELECT id, nama FROM kecamatan').all() as { id: number; nama: string }[],
  };
}

const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);
/** part/whole as a percentage with two decimals, rounded half up, in exact integer arithmetic. */
function pct(part: number, whole: number): string | null {
  if (whole === 0) return null;
  const hundredths = (BigInt(part) * 20000n + BigInt(whole)) / (2n * BigInt(whole));
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/** What the dashboard should say, computed from the raw rows for one bank (or all: null). */
function expected(bankId: number | null, tahun: number) {
  const r = raw();
  const loans = r.loans.filter((l) => bankId === null || l.bank_id === bankId);
  const loanById = new Map(loans.map((l) => [l.id, l]));
  const positions = r.positions.filter((p) => loanById.has(p.pinjaman_id));
  const thisMonth = TODAY.slice(0, 7);
  const akhir = tahun < Number(TODAY.slice(0, 4)) ? `${tahun}-12` : thisMonth;
  const awal = addPeriods(akhir, -23);
  const months = periodsBetween(awal, akhir);
  const posisi =
    positions
      .map((p) => p.periode)
      .filter((p) => p <= akhir)
      .sort()
      .at(-1) ?? null;
  const inPeriod = positions.filter((p) => p.periode === posisi);
  const running = loans.filter((l) => l.status === 'aktif' || l.status === 'macet');
  const disbursed = loans.filter((l) => l.tanggal_pencairan !== null && ['aktif', 'lunas', 'macet', 'klaim', 'hapus_buku'].includes(l.status));

  const realisation = (payments: { jumlah: number; tanggal_sp2d: string; pagu_id: number }[], jenis: string) => {
    const lines = r.pagu.filter((g) => g.tahun === tahun && g.jenis === jenis);
    const ours = payments.filter((p) => lines.some((g) => g.id === p.pagu_id));
    let cumulative = 0;
    return {
      pagu: sum(lines, (g) => g.jumlah),
      realisasi: sum(ours, (p) => p.jumlah),
      // The demo records no corrections after payment (tests/integration/corrections.test.ts has them): gross = net.
      bruto: sum(ours, (p) => p.jumlah),
      koreksi: 0,
      bulanan: periodsBetween(`${tahun}-01`, `${tahun}-12`).map((periode) => {
        const jumlah = sum(
          ours.filter((p) => p.tanggal_sp2d.startsWith(periode)),
          (p) => p.jumlah,
        );
        cumulative += jumlah;
        return { periode, jumlah, kumulatif: cumulative };
      }),
    };
  };

  const kecamatanOf = new Map(r.debtors.map((d) => [d.id, d.kecamatan_id]));
  const byKec = new Map<number | null, { jumlah: number; outstanding: number; plafon: number }>();
  for (const p of inPeriod) {
    const loan = loanById.get(p.pinjaman_id)!;
    const kec = kecamatanOf.get(loan.debitur_id) ?? null;
    const g = byKec.get(kec) ?? { jumlah: 0, outstanding: 0, plafon: 0 };
    g.jumlah++;
    g.outstanding += p.outstanding;
    g.plafon += loan.plafon;
    byKec.set(kec, g);
  }
  const kecName = new Map(r.kecamatan.map((k) => [k.id, k.nama]));
  const perKol = [1, 2, 3, 4, 5].map((kol) => {
    const rows = inPeriod.filter((p) => p.kol === kol);
    return { kol, jumlah: rows.length, outstanding: sum(rows, (p) => p.outstanding) };
  });
  const bad = inPeriod.filter((p) => p.kol >= 3);
  const subsidyPayments = r.subsidyPayments.filter((p) => bankId === null || p.bank_id === bankId);

  return {
    tahun,
    bankId,
    periodeAwal: awal,
    periodeAkhir: akhir,
    periodePosisi: posisi,
    ringkasan: {
      debiturAktif: new Set(running.map((l) => l.debitur_id)).size,
      pinjamanAktif: running.filter((l) => l.status === 'aktif').length,
      plafonAktif: sum(
        running.filter((l) => l.status === 'aktif'),
        (l) => l.plafon,
      ),
      pinjamanMacet: running.filter((l) => l.status === 'macet').length,
      plafonMacet: sum(
        running.filter((l) => l.status === 'macet'),
        (l) => l.plafon,
      ),
      outstanding: sum(inPeriod, (p) => p.outstanding),
      posisiJumlah: inPeriod.length,
    },
    bulanan: months.map((periode) => {
      const d = disbursed.filter((l) => l.tanggal_pencairan!.startsWith(periode));
      const p = positions.filter((x) => x.periode === periode);
      return { periode, pencairanJumlah: d.length, pencairanPlafon: sum(d, (l) => l.plafon), outstanding: p.length ? sum(p, (x) => x.outstanding) : null, posisiJumlah: p.length };
    }),
    realisasi: {
      subsidi: { ...realisation(subsidyPayments, 'subsidi_bunga'), ...(bankId === null ? {} : { pagu: null }) },
      premi: bankId === null ? realisation(r.premiumPayments, 'premi') : null,
    },
    kualitas: {
      perKol,
      persenKol35Outstanding: pct(
        sum(bad, (p) => p.outstanding),
        sum(inPeriod, (p) => p.outstanding),
      ),
      persenKol35Jumlah: pct(bad.length, inPeriod.length),
    },
    kecamatan: [...byKec.entries()]
      .map(([kecamatanId, g]) => ({ kecamatanId, nama: kecamatanId === null ? null : (kecName.get(kecamatanId) ?? null), ...g }))
      .sort((a, b) => b.outstanding - a.outstanding || b.plafon - a.plafon || String(a.nama).localeCompare(String(b.nama)))
      .slice(0, 10),
  };
}

async function asRole(role: 'bank' | 'pemantau', bankId?: number): Promise<DashboardSummary> {
  const token = sessionAs(rt, role, { bankId, username: `uji-${role}-${bankId ?? ''}` });
  const r = (await rt.callWithSession(token, 'dashboard.summary', {})) as Result<DashboardSummary>;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const bankIdOf = (kode: string) => (rt.db.prepare('SELECT id FROM bank WHERE kode = ?').get(kode) as { id: number }).id;
const paguIdOf = (tahun: number, jenis: string) => (rt.db.prepare('SELECT id FROM pagu WHERE tahun = ? AND jenis = ?').get(tahun, jenis) as { id: number }).id;

beforeAll(async () => {
  rt = createTempRuntime({ prefix: 'gs-dashboard-' });
  await call(rt, 'app.loadDemo', {});
  // The demo data's paid history (every bank-month by SP2D but the last three months), and on top
  // of it interest subsidy paid to two banks for those open months; one insurer's premiums paid this year.
  await call(rt, 'subsidy.recordPayment', {
    bankId: bankIdOf('BSB'),
    periodeAwal: '2026-08',
    nomorSp2d: 'SP2D/2026/U01',
    tanggalSp2d: '2026-09-10',
    paguId: paguIdOf(2026, 'subsidi_bunga'),
  });
  await call(rt, 'subsidy.recordPayment', {
    bankId: bankIdOf('BRI'),
    periodeAwal: '2026-08',
    periodeAkhir: '2026-10',
    nomorSp2d: 'SP2D/2026/U02',
    tanggalSp2d: '2026-11-02',
    paguId: paguIdOf(2026, 'subsidi_bunga'),
  });
  const premiums = await call(rt, 'premiums.list', {});
  const insurer = premiums[0]!.penjaminId;
  const some = premiums.filter((p) => p.penjaminId === insurer).slice(0, 5);
  await call(rt, 'premiums.recordInvoice', { penjaminId: insurer, premiIds: some.map((p) => p.id), nomorTagihan: 'TG/1', tanggalTagihan: '2026-08-01' });
  const d = await call(rt, 'premiums.recordPayment', {
    penjaminId: insurer,
    premiIds: some.map((p) => p.id),
    nomorSp2d: 'SP2D/2026/P01',
    tanggalSp2d: '2026-08-20',
    paguId: paguIdOf(2026, 'premi'),
  });
  // What was paid against each year's lines, summed from the payment rows themselves.
  const paidFrom = (table: string, paguId: number) => (rt.db.prepare(`SELECT coalesce(sum(jumlah), 0) AS n FROM ${table} WHERE pagu_id = ?`).get(paguId) as { n: number }).n;
  paid = {
    subsidi2026: paidFrom('pembayaran', paguIdOf(2026, 'subsidi_bunga')),
    subsidi2025: paidFrom('pembayaran', paguIdOf(2025, 'subsidi_bunga')),
    premi2026: paidFrom('pembayaran_premi', paguIdOf(2026, 'premi')),
  };
  expect(paid.subsidi2025).toBeGreaterThan(0);
  expect(paid.premi2026).toBeGreaterThanOrEqual(d.jumlah);
});
afterAll(() => rt.dispose());

describe('dashboard.summary', () => {
  it('every figure of this year, all banks, matches a sum of the raw rows', async () => {
    const s = await call(rt, 'dashboard.summary', {});
    expect(s).toEqual(expected(null, 2026));
    // The demo data is rich enough for the checks to mean something.
    expect(s.periodeAwal).toBe('2024-12');
    expect(s.periodeAkhir).toBe('2026-11');
    expect(s.periodePosisi).toBe('2026-10');
    expect(s.bulanan).toHaveLength(24);
    expect(s.ringkasan.pinjamanAktif).toBeGreaterThan(50);
    expect(s.ringkasan.pinjamanMacet).toBeGreaterThan(0);
    expect(s.bulanan.filter((m) => m.pencairanJumlah > 0).length).toBeGreaterThan(20);
    expect(s.kualitas.perKol.filter((k) => k.jumlah > 0).length).toBeGreaterThan(1);
    expect(s.kecamatan).toHaveLength(10);
    // The payments recorded above, by the service's own answers.
    expect(s.realisasi.subsidi.realisasi).toBe(paid.subsidi2026);
    expect(s.realisasi.subsidi.bulanan.find((m) => m.periode === '2026-04')!.jumlah).toBeGreaterThan(0);
    expect(s.realisasi.subsidi.bulanan.at(-1)!.kumulatif).toBe(paid.subsidi2026);
    expect(s.realisasi.premi).toMatchObject({ pagu: 400_000_000, realisasi: paid.premi2026 });
    // The same realisation as the budget screen shows.
    const budget = await call(rt, 'budget.year', { tahun: 2026 });
    expect(s.realisasi.subsidi.pagu).toBe(
      sum(
        budget.lines.filter((l) => l.jenis === 'subsidi_bunga'),
        (l) => l.pagu,
      ),
    );
    expect(s.realisasi.subsidi.realisasi).toBe(
      sum(
        budget.lines.filter((l) => l.jenis === 'subsidi_bunga'),
        (l) => l.realisasi,
      ),
    );
  });

  it('a past year is seen as at its December, with that year’s pagu and payments', async () => {
    const s = await call(rt, 'dashboard.summary', { tahun: 2025 });
    expect(s).toEqual(expected(null, 2025));
    expect(s.periodeAkhir).toBe('2025-12');
    expect(s.periodePosisi).toBe('2025-12');
    expect(s.realisasi.subsidi.realisasi).toBe(paid.subsidi2025);
    expect(s.realisasi.premi?.realisasi).toBe(0);
  });

  it('a bank’s liaison officer sees only their own bank, and neither the pagu nor the premiums', async () => {
    const bsb = bankIdOf('BSB');
    const own = await asRole('bank', bsb);
    expect(own).toEqual(expected(bsb, 2026));
    expect(own.bankId).toBe(bsb);
    expect(own.realisasi.subsidi.pagu).toBeNull();
    expect(own.realisasi.premi).toBeNull();
    // Only BSB's SP2D of this year, not BRI's.
    const bsbPaid = raw().subsidyPayments.filter((p) => p.bank_id === bsb && p.tanggal_sp2d.startsWith('2026'));
    expect(own.realisasi.subsidi.realisasi).toBe(sum(bsbPaid, (p) => p.jumlah));
    expect(own.realisasi.subsidi.realisasi).toBeLessThan(paid.subsidi2026);
    const all = await call(rt, 'dashboard.summary', {});
    expect(own.ringkasan.pinjamanAktif).toBeLessThan(all.ringkasan.pinjamanAktif);
    expect(own.ringkasan.outstanding).toBeLessThan(all.ringkasan.outstanding);
    // Another bank's officer gets another bank's figures.
    const bri = await asRole('bank', bankIdOf('BRI'));
    expect(bri).toEqual(expected(bankIdOf('BRI'), 2026));
    expect(bri.ringkasan.outstanding + own.ringkasan.outstanding).toBeLessThanOrEqual(all.ringkasan.outstanding);
    // Staff without a bank see everything.
    expect(await asRole('pemantau')).toEqual(all);
  });

  it('answers again after data changes (the kept answer is dropped)', async () => {
    const before = await call(rt, 'dashboard.summary', {});
    const loan = rt.db
      .prepare("SELECT l.id, p.outstanding FROM pinjaman l JOIN posisi_bank p ON p.pinjaman_id = l.id WHERE l.status = 'aktif' AND p.periode = '2026-10' AND p.kol = 1 LIMIT 1")
      .get() as { id: number; outstanding: number };
    await call(rt, 'positions.save', { pinjamanId: loan.id, periode: '2026-10', outstanding: loan.outstanding, kol: 5, hariTunggakan: 200, angsuranDibayar: false });
    const after = await call(rt, 'dashboard.summary', {});
    expect(after).toEqual(expected(null, 2026));
    expect(after.kualitas.perKol[4]!.jumlah).toBe(before.kualitas.perKol[4]!.jumlah + 1);
    expect(after.kualitas.perKol[0]!.jumlah).toBe(before.kualitas.perKol[0]!.jumlah - 1);
  });

  it('an empty database answers with zeros, not errors', async () => {
    const empty = createTempRuntime({ prefix: 'gs-dashboard-empty-' });
    try {
      const s = await call(empty, 'dashboard.summary', {});
      expect(s.periodePosisi).toBeNull();
      expect(s.ringkasan).toEqual({ debiturAktif: 0, pinjamanAktif: 0, plafonAktif: 0, pinjamanMacet: 0, plafonMacet: 0, outstanding: 0, posisiJumlah: 0 });
      expect(s.bulanan.every((m) => m.pencairanJumlah === 0 && m.outstanding === null)).toBe(true);
      expect(s.kualitas.persenKol35Outstanding).toBeNull();
      expect(s.kecamatan).toEqual([]);
      expect(s.realisasi.subsidi).toMatchObject({ pagu: 0, realisasi: 0 });
    } finally {
      empty.dispose();
    }
  });

  it('refuses a year outside 2000–2100 in Indonesian', async () => {
    expect(await callError(rt, 'dashboard.summary', { tahun: 1999 })).toMatchObject({ code: 'VALIDATION', fields: { tahun: 'Tahun paling awal 2000' } });
  });
});
