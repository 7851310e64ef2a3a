/**
 * Bank claims end to end over the demo data: a claim made from the expected run with one planted
 * difference per status and per diagnosable cause, reconciled; decisions, approval (four-eyes),
 * payment limits, never paying a loan-month twice, and bank scoping.
 *
 * Expected figures are computed here independently from the run's working (exact decimals), not
 * read back from the reconciliation.
 */
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { ClaimLineStatus, Result, SubsidyLine, SubsidyRun } from '../../electron/contract';
import { insertClaim, type NewClaimLine } from '../../database/repositories/claims';
import { formatRupiah } from '../../electron/domain/format';
import { terbilangRupiah } from '../../electron/domain/terbilang';
import { DEMO_SET, seedDemo } from '../../electron/services/demo/seed';
import { computeSubsidyRun } from '../../electron/services/subsidy/run';
import { TODAY, auditRows, call, callError, countRows, sessionAs, useTempRuntime, type TempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-claims-' });
const PERIODE = '2026-10';

type Eligible = SubsidyLine & { rincian: NonNullable<SubsidyLine['rincian']> };

/** The demo's loans without its paid history: these tests count claims and payments from zero. */
async function demo(r: TempRuntime, tolerance = 0) {
  const { paidHistory: _paid, ...unpaid } = DEMO_SET;
  seedDemo(r.db, { ...unpaid, today: TODAY });
  // Tolerance 0 makes one-rupiah rounding differences visible (the default is Rp1).
  r.db.prepare('UPDATE skema SET toleransi_rekonsiliasi = ?').run(tolerance);
  // The bank whose October run has an ineligible line, and the most lines.
  const banks = (await call(r, 'banks.list', {})).map((b) => ({ bank: b, run: computeSubsidyRun(r.db, { bankId: b.id, periodeAwal: PERIODE, periodeAkhir: PERIODE }) }));
  const chosen = banks.filter((x) => x.run.lines.some((l) => !l.layak)).sort((a, b) => b.run.lines.length - a.run.lines.length)[0]!;
  const paguId = (r.db.prepare("SELECT id FROM pagu WHERE tahun = 2026 AND jenis = 'subsidi_bunga'").get() as { id: number }).id;
  return { bankId: chosen.bank.id, run: chosen.run, paguId };
}

const eligibleOf = (run: SubsidyRun): Eligible[] => run.lines.filter((l): l is Eligible => l.layak && l.rincian !== null && l.rincian.jumlah > 0);
const D = Decimal.clone({ precision: 40 });
const yearOf = (rule: string) => (rule === 'act365' ? 365 : 360);
const roundHalfUp = (d: Decimal) => d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
const ourDays = (l: Eligible) => l.rincian.segmen.reduce((s, x) => s + x.hari, 0);

function actualDays(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

function lineOf(nomorBaris: number, l: SubsidyLine, over: Partial<NewClaimLine> = {}): NewClaimLine {
  return {
    nomorBaris,
    periode: l.periode,
    nomorRekening: l.nomorRekening,
    nik: l.nik,
    nama: l.debiturNama,
    outstanding: null,
    bungaPersen: null,
    hari: null,
    kol: l.kol,
    diklaim: l.rincian?.jumlah ?? 0,
    plafon: null,
    tanggalAkad: null,
    ...over,
  };
}

function newClaim(r: TempRuntime, bankId: number, lines: NewClaimLine[], dibuatOleh: string | null = 'rina', periodeAkhir = PERIODE) {
  return insertClaim(r.db, { bankId, periodeAwal: PERIODE, periodeAkhir, imporId: null, lines, dibuatOleh }).tagihanId;
}

async function allLines(r: TempRuntime, tagihanId: number) {
  return (await call(r, 'claims.get', { tagihanId, pageSize: 500 })).lines.rows;
}

/** Reconciles, excludes every undecided line, approves and pays a claim in full. */
async function approveAndPay(r: TempRuntime, tagihanId: number, paguId: number, sp2d: string) {
  await call(r, 'claims.reconcile', { tagihanId });
  await call(r, 'claims.decideBulk', { tagihanId, status: 'selisih', keputusan: 'terima_hitungan', alasan: 'ikut perhitungan' });
  const approved = await call(r, 'claims.approve', { tagihanId });
  return call(r, 'claims.recordPayment', { tagihanId, nomorSp2d: sp2d, tanggalSp2d: '2026-11-20', jumlah: approved.totalDisetujui!, paguId });
}

describe('reconciliation of a claim made from the run with planted differences', () => {
  it('gives every line the status planted, diagnoses each cause, and lists what was not claimed', async () => {
    const r = rt();
    const { bankId, run, paguId } = await demo(r);
    const eligible = eligibleOf(run);
    const pick = (pred: (l: Eligible) => boolean, why: string): Eligible => {
      const found = eligible.find((l) => !used.has(l.pinjamanId) && pred(l));
      if (!found) throw new Error(`demo data has no line for ${why}`);
      used.add(found.pinjamanId);
      return found;
    };
    const used = new Set<number>();

    // A loan-month paid earlier through another claim: claimed again it is ganda.
    const paidBefore = pick(() => true, 'paid before');
    const first = newClaim(r, bankId, [lineOf(1, paidBefore)]);
    await approveAndPay(r, first, paguId, 'SP2D/LALU/1');

    // Rounding: our exact amount has a fraction ≥ .5, the bank rounds down.
    const rounding = pick((l) => new D(l.rincian.tidakDibulatkan).minus(new D(l.rincian.tidakDibulatkan).floor()).gte(0.5), 'rounding');
    // Day count: the bank counts actual/365.
    const dayCount = pick((l) => l.rincian.konvensiHari !== 'act365', 'day count');
    const dayCountAmount = roundHalfUp(l365(dayCount));
    function l365(l: Eligible): Decimal {
      let n = new D(0);
      for (const s of l.rincian.segmen) n = n.plus(new D(s.pokok).times(l.rincian.tarifSubsidiPersen).times(actualDays(s.dari, s.sampai)));
      return n.div(36_500);
    }
    // Outstanding: the bank's base is a million more, for the whole month.
    const outstanding = pick(() => true, 'outstanding');
    const bankOutstanding = outstanding.rincian.segmen[0]!.pokok + 1_000_000;
    const outstandingAmount = roundHalfUp(
      new D(bankOutstanding)
        .times(outstanding.rincian.tarifSubsidiPersen)
        .times(ourDays(outstanding))
        .div(100 * yearOf(outstanding.rincian.konvensiHari)),
    );
    // Rate: one point more.
    const rate = pick(() => true, 'rate');
    const bankRate = new D(rate.rincian.tarifSubsidiPersen).plus(1).toString();
    const rateAmount = roundHalfUp(
      rate.rincian.segmen.reduce((n, s) => n.plus(new D(s.pokok).times(bankRate).times(s.hari)), new D(0)).div(100 * yearOf(rate.rincian.konvensiHari)),
    );
    // Days: five fewer than ours, spread over our segments.
    const days = pick(() => true, 'days');
    const bankDays = ourDays(days) - 5;
    const daysAmount = roundHalfUp(
      days.rincian.segmen
        .reduce((n, s) => n.plus(new D(s.pokok).times(s.hari).times(bankDays).div(ourDays(days))), new D(0))
        .times(days.rincian.tarifSubsidiPersen)
        .div(100 * yearOf(days.rincian.konvensiHari)),
    );
    const unknownCause = pick(() => true, 'unknown cause');
    const byNik = pick(() => true, 'NIK match');
    const loanOfNik = r.db.prepare('SELECT plafon, tanggal_akad FROM pinjaman WHERE id = ?').get(byNik.pinjamanId) as { plafon: number; tanggal_akad: string };
    const leadingZeros = pick((l) => l.nomorRekening.startsWith('0'), 'leading zeros');
    const duplicated = pick(() => true, 'duplicate');
    const omitted = [pick(() => true, 'omitted 1'), pick(() => true, 'omitted 2')];
    const ineligible = run.lines.find((l) => !l.layak && l.alasan !== 'sudah_dibayar')!;
    const notRunning = r.db
      .prepare(`SELECT l.nomor_rekening FROM pinjaman l WHERE l.bank_id = ? AND l.id NOT IN (${run.lines.map((l) => l.pinjamanId).join(',')}) LIMIT 1`)
      .get(bankId) as { nomor_rekening: string } | undefined;

    // The claim: every other eligible line exactly as we computed it, then the planted ones.
    const lines: NewClaimLine[] = [];
    const planted = new Map<number, { status: ClaimLineStatus; diagnosis?: string; cocokOleh?: 'rekening' | 'nik' | null }>();
    const add = (l: SubsidyLine, over: Partial<NewClaimLine>, expect: { status: ClaimLineStatus; diagnosis?: string; cocokOleh?: 'rekening' | 'nik' | null }) => {
      lines.push(lineOf(lines.length + 1, l, over));
      planted.set(lines.length, expect);
    };
    const ordinary = eligible.filter((l) => !used.has(l.pinjamanId));
    expect(ordinary.length).toBeGreaterThan(3);
    for (const l of ordinary) lines.push(lineOf(lines.length + 1, l, { outstanding: l.rincian.segmen.at(-1)!.pokok, bungaPersen: l.rincian.tarifSubsidiPersen, hari: ourDays(l) }));
    add(rounding, { diklaim: rounding.rincian.jumlah - 1 }, { status: 'selisih', diagnosis: 'pembulatan' });
    add(dayCount, { diklaim: dayCountAmount }, { status: 'selisih', diagnosis: 'konvensi_hari' });
    add(outstanding, { diklaim: outstandingAmount, outstanding: bankOutstanding }, { status: 'selisih', diagnosis: 'outstanding' });
    add(rate, { diklaim: rateAmount, bungaPersen: bankRate }, { status: 'selisih', diagnosis: 'bunga' });
    add(days, { diklaim: daysAmount, hari: bankDays }, { status: 'selisih', diagnosis: 'hari' });
    add(unknownCause, { diklaim: unknownCause.rincian.jumlah + 5_000 }, { status: 'selisih', diagnosis: 'tidak_diketahui' });
    add(byNik, { nomorRekening: `X-${byNik.nomorRekening}`, plafon: loanOfNik.plafon, tanggalAkad: loanOfNik.tanggal_akad }, { status: 'cocok', cocokOleh: 'nik' });
    add(leadingZeros, { nomorRekening: leadingZeros.nomorRekening.replace(/^0+/, ''), nik: null }, { status: 'rekening_tidak_dikenal', cocokOleh: null });
    add(eligible[0]!, { nomorRekening: '9999999999', nik: null, diklaim: 12_345 }, { status: 'rekening_tidak_dikenal', cocokOleh: null });
    add(ineligible, { diklaim: 10_000 }, { status: 'tidak_memenuhi_syarat' });
    add(duplicated, {}, { status: 'cocok' });
    add(duplicated, {}, { status: 'ganda' });
    add(paidBefore, {}, { status: 'ganda' });
    if (notRunning) add(eligible[0]!, { nomorRekening: notRunning.nomor_rekening, nik: null, diklaim: 5_000 }, { status: 'tidak_memenuhi_syarat' });
    // Every planted amount really differs from ours (otherwise the test proves nothing).
    for (const [l, amount] of [
      [dayCount, dayCountAmount],
      [outstanding, outstandingAmount],
      [rate, rateAmount],
      [days, daysAmount],
    ] as const) {
      expect(Math.abs(amount - l.rincian.jumlah)).toBeGreaterThan(1);
    }

    const tagihanId = newClaim(r, bankId, lines);
    const result = await call(r, 'claims.reconcile', { tagihanId });
    const got = await allLines(r, tagihanId);
    expect(got).toHaveLength(lines.length);

    for (const line of got) {
      const want = planted.get(line.nomorBaris) ?? { status: 'cocok' as const, cocokOleh: 'rekening' as const };
      expect({ baris: line.nomorBaris, status: line.status }).toEqual({ baris: line.nomorBaris, status: want.status });
      if (want.diagnosis) expect({ baris: line.nomorBaris, diagnosis: line.diagnosis }).toEqual({ baris: line.nomorBaris, diagnosis: want.diagnosis });
      else expect(line.diagnosis).toBeNull();
      if (want.cocokOleh !== undefined) expect(line.cocokOleh).toBe(want.cocokOleh);
    }
    const ineligibleLine = got.find((l) => l.nomorRekening === ineligible.nomorRekening && l.status === 'tidak_memenuhi_syarat')!;
    expect(ineligibleLine.keterangan).toBe(ineligible.alasanLabel);
    expect(ineligibleLine.alasanKode).toBe(ineligible.alasan);
    expect(got.find((l) => l.nomorRekening === paidBefore.nomorRekening)!.keterangan).toContain('sudah dibayar');
    expect(got.find((l) => l.diagnosis === 'outstanding')!.diagnosisRincian).toContain('Rp');

    // Totals per status equal sums over the claim as written here.
    const expectedPerStatus = new Map<ClaimLineStatus, { jumlah: number; diklaim: number }>();
    lines.forEach((l) => {
      const status = planted.get(l.nomorBaris)?.status ?? 'cocok';
      const t = expectedPerStatus.get(status) ?? { jumlah: 0, diklaim: 0 };
      expectedPerStatus.set(status, { jumlah: t.jumlah + 1, diklaim: t.diklaim + l.diklaim });
    });
    for (const t of result.perStatus) {
      expect({ status: t.status, jumlah: t.jumlah, diklaim: t.diklaim }).toEqual({ status: t.status, ...(expectedPerStatus.get(t.status) ?? { jumlah: 0, diklaim: 0 }) });
    }
    // Cocok lines are agreed as claimed by default; ineligible, unknown and double lines are excluded (0); selisih waits.
    for (const l of got) {
      if (l.status === 'cocok') expect([l.keputusan, l.disetujui, l.keputusanOtomatis]).toEqual(['terima_bank', l.diklaim, true]);
      else if (l.status === 'selisih') expect([l.keputusan, l.disetujui]).toEqual([null, null]);
      else expect([l.keputusan, l.disetujui, l.keputusanOtomatis]).toEqual(['keluarkan', 0, true]);
    }

    // Not claimed: the omitted loans and the one whose account lost its zeros, at our amounts.
    const unclaimedWanted = [...omitted, leadingZeros].map((l) => ({ pinjamanId: l.pinjamanId, diharapkan: l.rincian.jumlah })).sort((a, b) => a.pinjamanId - b.pinjamanId);
    const unclaimed = await call(r, 'claims.unclaimed', { tagihanId, pageSize: 500 });
    expect(unclaimed.rows.map((u) => ({ pinjamanId: u.pinjamanId, diharapkan: u.diharapkan })).sort((a, b) => a.pinjamanId - b.pinjamanId)).toEqual(unclaimedWanted);
    expect(result.tidakDiklaim).toEqual({ jumlah: 3, total: unclaimedWanted.reduce((s, u) => s + u.diharapkan, 0) });

    // The header's figures trace to the lines.
    const detail = await call(r, 'claims.get', { tagihanId, status: 'selisih' });
    expect(detail.claim.status).toBe('diverifikasi');
    expect(detail.claim.totalDiklaim).toBe(lines.reduce((s, l) => s + l.diklaim, 0));
    expect(detail.lines.total).toBe(6);
    expect(detail.belumDiputuskan).toBe(6);
    expect(detail.totalDisetujuiSementara).toBe(got.reduce((s, l) => s + (l.disetujui ?? 0), 0));
    expect(auditRows(r.db, 'tagihan').some((a) => a.entitasId === tagihanId && (a.sesudah as { langkah?: string }).langkah === 'rekonsiliasi')).toBe(true);
  });

  it('counts a difference within the scheme tolerance (default Rp1) as cocok', async () => {
    const r = rt();
    const { bankId, run } = await demo(r, 1);
    const [a, b] = eligibleOf(run);
    const tagihanId = newClaim(r, bankId, [lineOf(1, a!, { diklaim: a!.rincian.jumlah + 1 }), lineOf(2, b!, { diklaim: b!.rincian.jumlah + 2 })]);
    await call(r, 'claims.reconcile', { tagihanId });
    expect((await allLines(r, tagihanId)).map((l) => l.status)).toEqual(['cocok', 'selisih']);
  });
});

describe('decisions and approval', () => {
  it('requires a reason, never makes an ineligible line payable, and approval fixes the agreed total', async () => {
    const r = rt();
    const { bankId, run } = await demo(r);
    const [a, b, c] = eligibleOf(run);
    const tagihanId = newClaim(r, bankId, [
      lineOf(1, a!),
      lineOf(2, b!, { diklaim: b!.rincian.jumlah + 7_000 }),
      lineOf(3, c!, { diklaim: c!.rincian.jumlah + 9_000 }),
      lineOf(4, a!, { nomorRekening: '0000', nik: null, diklaim: 4_000 }),
    ]);
    // Before reconciliation nothing can be decided or approved.
    const [line1, line2, line3, line4] = (await call(r, 'claims.get', { tagihanId })).lines.rows;
    expect((await callError(r, 'claims.decide', { barisId: line2!.id, keputusan: 'keluarkan', alasan: 'x' })).message).toContain('belum direkonsiliasi');
    expect((await callError(r, 'claims.approve', { tagihanId })).message).toContain('belum direkonsiliasi');

    await call(r, 'claims.reconcile', { tagihanId });
    expect((await callError(r, 'claims.decide', { barisId: line2!.id, keputusan: 'terima_bank' })).fields).toEqual({ alasan: 'Alasan keputusan wajib diisi' });
    expect((await callError(r, 'claims.decide', { barisId: line4!.id, keputusan: 'terima_bank', alasan: 'bank yakin' })).fields?.keputusan).toContain('tidak dapat dibayar');
    expect((await callError(r, 'claims.approve', { tagihanId })).message).toBe('Masih ada 2 baris yang belum diputuskan. Putuskan semua baris sebelum menyetujui.');

    const decided = await call(r, 'claims.decide', { barisId: line2!.id, keputusan: 'terima_bank', alasan: 'Baki debet bank benar (surat bank 12/10)' });
    expect(decided).toMatchObject({ keputusan: 'terima_bank', disetujui: b!.rincian.jumlah + 7_000, diputuskanOleh: 'uji', keputusanOtomatis: false });
    await call(r, 'claims.decide', { barisId: line3!.id, keputusan: 'terima_hitungan', alasan: 'Tarif bank salah' });
    // A cocok line may be accepted as is without a reason, or excluded with one.
    await call(r, 'claims.decide', { barisId: line1!.id, keputusan: 'terima_bank' });

    const approved = await call(r, 'claims.approve', { tagihanId, nomorBa: 'BA/001/2026', tanggalBa: '2026-11-21' });
    const agreed = a!.rincian.jumlah + (b!.rincian.jumlah + 7_000) + c!.rincian.jumlah;
    expect(approved).toMatchObject({ status: 'disetujui', totalDisetujui: agreed, nomorBa: 'BA/001/2026', tanggalBa: '2026-11-21', disetujuiOleh: 'uji' });
    const detail = await call(r, 'claims.get', { tagihanId });
    expect(detail.totalDitolak).toBe(9_000 + 4_000);
    expect(detail.sisaBayar).toBe(agreed);

    // Locked: no decision, no new reconciliation, and the database refuses a change too.
    expect((await callError(r, 'claims.decide', { barisId: line3!.id, keputusan: 'terima_bank', alasan: 'x' })).message).toContain('sudah disetujui');
    expect((await callError(r, 'claims.reconcile', { tagihanId })).code).toBe('CONFLICT');
    expect(() => r.db.prepare('UPDATE tagihan_baris SET disetujui = 1 WHERE id = ?').run(line4!.id)).toThrow(/sudah disetujui/);
  });

  it('keeps a clerk’s decision when reconciling again gives the same result', async () => {
    const r = rt();
    const { bankId, run } = await demo(r);
    const [a, b] = eligibleOf(run);
    const tagihanId = newClaim(r, bankId, [lineOf(1, a!, { diklaim: a!.rincian.jumlah + 3_000 }), lineOf(2, b!, { diklaim: b!.rincian.jumlah + 3_000 })]);
    await call(r, 'claims.reconcile', { tagihanId });
    const [l1] = await allLines(r, tagihanId);
    await call(r, 'claims.decide', { barisId: l1!.id, keputusan: 'terima_hitungan', alasan: 'ikut hitungan' });
    await call(r, 'claims.reconcile', { tagihanId });
    const again = await allLines(r, tagihanId);
    expect(again.map((l) => l.keputusan)).toEqual(['terima_hitungan', null]);
    expect(again[0]!.disetujui).toBe(a!.rincian.jumlah);
  });

  it('bulk decisions apply to the undecided lines of a status only', async () => {
    const r = rt();
    const { bankId, run } = await demo(r);
    const [a, b, c] = eligibleOf(run);
    const tagihanId = newClaim(r, bankId, [lineOf(1, a!), lineOf(2, b!, { diklaim: b!.rincian.jumlah + 50 }), lineOf(3, c!, { diklaim: c!.rincian.jumlah + 60 })]);
    await call(r, 'claims.reconcile', { tagihanId });
    expect((await callError(r, 'claims.decideBulk', { tagihanId, status: 'selisih', keputusan: 'terima_hitungan' })).fields).toEqual({ alasan: 'Alasan keputusan wajib diisi' });
    expect(await call(r, 'claims.decideBulk', { tagihanId, status: 'selisih', keputusan: 'terima_hitungan', alasan: 'Ikut perhitungan sekretariat' })).toEqual({ jumlah: 2 });
    const got = await allLines(r, tagihanId);
    expect(got.map((l) => l.disetujui)).toEqual([a!.rincian.jumlah, b!.rincian.jumlah, c!.rincian.jumlah]);
    expect((await call(r, 'claims.get', { tagihanId })).claim.totalDisetujui).toBe(a!.rincian.jumlah + b!.rincian.jumlah + c!.rincian.jumlah);
  });
});

describe('payment', () => {
  it('pays an approved claim only, partly or in full, never above what is left, within the pagu', async () => {
    const r = rt();
    const { bankId, run, paguId } = await demo(r);
    const [a, b] = eligibleOf(run);
    const tagihanId = newClaim(r, bankId, [lineOf(1, a!), lineOf(2, b!)]);
    const pay = (over: Record<string, unknown> = {}) => ({ tagihanId, nomorSp2d: 'SP2D/1', tanggalSp2d: '2026-11-20', jumlah: 1_000, paguId, ...over });
    await call(r, 'claims.reconcile', { tagihanId });
    expect((await callError(r, 'claims.recordPayment', pay())).message).toBe('Pembayaran hanya dapat dicatat untuk tagihan yang sudah disetujui.');
    const { totalDisetujui } = await call(r, 'claims.approve', { tagihanId });
    expect(totalDisetujui).toBe(a!.rincian.jumlah + b!.rincian.jumlah);

    expect((await callError(r, 'claims.recordPayment', pay({ jumlah: totalDisetujui! + 1 }))).fields?.jumlah).toContain('melebihi sisa');
    const premi = (r.db.prepare("SELECT id FROM pagu WHERE tahun = 2026 AND jenis = 'premi'").get() as { id: number }).id;
    expect((await callError(r, 'claims.recordPayment', pay({ paguId: premi }))).fields?.paguId).toBe('Pos anggaran ini bukan untuk subsidi bunga');
    r.db.prepare("INSERT INTO tutup_buku (periode, ditutup_oleh) VALUES ('2026-11', 'uji')").run();
    expect((await callError(r, 'claims.recordPayment', pay())).message).toContain('sudah ditutup');
    r.db.prepare("DELETE FROM tutup_buku WHERE periode = '2026-11'").run();
    expect(countRows(r.db, 'pembayaran')).toBe(0);

    // A first part: the loan-months are marked paid at once.
    const part = await call(r, 'claims.recordPayment', pay({ jumlah: 1_000 }));
    expect(part).toMatchObject({ totalDibayar: 1_000, sisaBayar: totalDisetujui! - 1_000, status: 'disetujui' });
    expect(r.db.prepare('SELECT pinjaman_id FROM periode_dibayar ORDER BY pinjaman_id').all()).toEqual(
      [a!.pinjamanId, b!.pinjamanId].sort((x, y) => x - y).map((id) => ({ pinjaman_id: id })),
    );
    expect((await callError(r, 'claims.recordPayment', pay({ nomorSp2d: 'SP2D/1', jumlah: 1 }))).fields?.nomorSp2d).toBe('Sudah dicatat');
    const rest = await call(r, 'claims.recordPayment', pay({ nomorSp2d: 'SP2D/2', jumlah: totalDisetujui! - 1_000 }));
    expect(rest).toMatchObject({ totalDibayar: totalDisetujui, sisaBayar: 0, status: 'dibayar' });
    expect((await callError(r, 'claims.recordPayment', pay({ nomorSp2d: 'SP2D/3', jumlah: 1 }))).message).toBe('Tagihan ini sudah dibayar penuh.');
    expect(auditRows(r.db, 'pembayaran')).toHaveLength(2);
    // The loan's page lists the month once, with both SP2Ds that paid its claim.
    const loan = await call(r, 'loans.get', { id: a!.pinjamanId });
    expect(loan.subsidiDibayar).toEqual([{ periode: a!.periode, jumlah: a!.rincian.jumlah, nomorSp2d: 'SP2D/1, SP2D/2' }]);
  });

  it('never pays a loan-month twice: across two claims, and across a claim and the direct payment of the run', async () => {
    const r = rt();
    const { bankId, run, paguId } = await demo(r);
    const [a, b] = eligibleOf(run);
    // Two claims with the same loan-month, both reconciled before either is paid.
    const one = newClaim(r, bankId, [lineOf(1, a!)]);
    const two = newClaim(r, bankId, [lineOf(1, a!), lineOf(2, b!)]);
    for (const id of [one, two]) {
      await call(r, 'claims.reconcile', { tagihanId: id });
      await call(r, 'claims.approve', { tagihanId: id });
    }
    await call(r, 'claims.recordPayment', { tagihanId: one, nomorSp2d: 'SP2D/A', tanggalSp2d: '2026-11-20', jumlah: a!.rincian.jumlah, paguId });
    const refused = await callError(r, 'claims.recordPayment', { tagihanId: two, nomorSp2d: 'SP2D/B', tanggalSp2d: '2026-11-20', jumlah: 1, paguId });
    expect(refused.message).toContain('1 bulan pinjaman sudah dibayar');
    expect(countRows(r.db, 'pembayaran')).toBe(1);

    // A claim approved (not yet paid) before the direct payment of the run…
    const three = newClaim(r, bankId, [lineOf(1, b!)]);
    await call(r, 'claims.reconcile', { tagihanId: three });
    await call(r, 'claims.approve', { tagihanId: three });
    // …the direct payment leaves out only what the first claim paid…
    const direct = await call(r, 'subsidy.recordPayment', { bankId, periodeAwal: PERIODE, nomorSp2d: 'SP2D/RUN', tanggalSp2d: '2026-11-21', paguId });
    const eligibleTotal = eligibleOf(run).reduce((s, l) => s + l.rincian.jumlah, 0);
    expect(direct.jumlah).toBe(eligibleTotal - a!.rincian.jumlah);
    // …so the approved claim can no longer pay b's month, and a new claim of it is ganda.
    expect((await callError(r, 'claims.recordPayment', { tagihanId: three, nomorSp2d: 'SP2D/C', tanggalSp2d: '2026-11-22', jumlah: b!.rincian.jumlah, paguId })).message).toContain(
      'sudah dibayar melalui pembayaran lain',
    );
    const four = newClaim(r, bankId, [lineOf(1, b!)]);
    const stale = await call(r, 'claims.reconcile', { tagihanId: four });
    expect(stale.perStatus.find((s) => s.status === 'ganda')!.jumlah).toBe(1);
    // The database's own guard, whatever path: a second row for a paid loan-month is refused.
    const lineId = (r.db.prepare('SELECT id FROM tagihan_baris WHERE tagihan_id = ?').get(four) as { id: number }).id;
    expect(() => r.db.prepare('INSERT INTO periode_dibayar (pinjaman_id, periode, tagihan_baris_id) VALUES (?, ?, ?)').run(b!.pinjamanId, PERIODE, lineId)).toThrow(
      /UNIQUE|PRIMARY/,
    );
  });

  it('refuses approval when a loan-month was paid by the run after the reconciliation', async () => {
    const r = rt();
    const { bankId, run, paguId } = await demo(r);
    const [a] = eligibleOf(run);
    const tagihanId = newClaim(r, bankId, [lineOf(1, a!)]);
    await call(r, 'claims.reconcile', { tagihanId });
    await call(r, 'subsidy.recordPayment', { bankId, periodeAwal: PERIODE, nomorSp2d: 'SP2D/RUN', tanggalSp2d: '2026-11-21', paguId });
    expect((await callError(r, 'claims.approve', { tagihanId })).message).toContain('sudah dibayar melalui pembayaran lain');
    await call(r, 'claims.reconcile', { tagihanId });
    expect((await allLines(r, tagihanId))[0]).toMatchObject({ status: 'ganda', disetujui: 0 });
  });

  it('cancels a claim nothing was paid on (no dead end for an approved claim that cannot be paid), never a paid one', async () => {
    const r = rt();
    const { bankId, run, paguId } = await demo(r);
    const [a, b] = eligibleOf(run);
    // A claim with a payment on it stays as it is.
    const paid = newClaim(r, bankId, [lineOf(1, b!)]);
    await call(r, 'claims.reconcile', { tagihanId: paid });
    await call(r, 'claims.approve', { tagihanId: paid });
    await call(r, 'claims.recordPayment', { tagihanId: paid, nomorSp2d: 'SP2D/PART', tanggalSp2d: '2026-11-20', jumlah: 1, paguId });
    expect((await callError(r, 'claims.cancel', { tagihanId: paid, alasan: 'salah' })).message).toContain('tidak dapat dibatalkan');

    // Approved, then its month paid through the run: the claim's own payment is refused …
    const stuck = newClaim(r, bankId, [lineOf(1, a!)]);
    await call(r, 'claims.reconcile', { tagihanId: stuck });
    await call(r, 'claims.approve', { tagihanId: stuck });
    await call(r, 'subsidy.recordPayment', { bankId, periodeAwal: PERIODE, nomorSp2d: 'SP2D/RUN', tanggalSp2d: '2026-11-21', paguId });
    expect((await callError(r, 'claims.recordPayment', { tagihanId: stuck, nomorSp2d: 'SP2D/X', tanggalSp2d: '2026-11-22', jumlah: 1, paguId })).message).toContain(
      'sudah dibayar',
    );
    // … so it is withdrawn, with a reason, and kept.
    expect((await callError(r, 'claims.cancel', { tagihanId: stuck, alasan: '' })).fields?.alasan).toBeDefined();
    const cancelled = await call(r, 'claims.cancel', { tagihanId: stuck, alasan: 'Bulan ini sudah dibayar lewat perhitungan subsidi' });
    expect(cancelled.status).toBe('dibatalkan');
    expect(auditRows(r.db, 'tagihan').at(-1)!.sesudah).toMatchObject({ langkah: 'pembatalan', alasan: 'Bulan ini sudah dibayar lewat perhitungan subsidi' });
    expect((await callError(r, 'claims.cancel', { tagihanId: stuck, alasan: 'lagi' })).message).toBe('Tagihan ini sudah dibatalkan.');
    expect((await callError(r, 'claims.recordPayment', { tagihanId: stuck, nomorSp2d: 'SP2D/Y', tanggalSp2d: '2026-11-22', jumlah: 1, paguId })).code).toBe('CONFLICT');
  });
});

describe('who may do what', () => {
  async function as<T>(r: TempRuntime, token: string, channel: string, input: unknown): Promise<Result<T>> {
    return (await r.callWithSession(token, channel, input)) as Result<T>;
  }

  it('four-eyes: whoever created the claim cannot approve it; roles as the access table says', async () => {
    const r = rt();
    const { bankId, run } = await demo(r);
    const [a] = eligibleOf(run);
    const tagihanId = newClaim(r, bankId, [lineOf(1, a!)], 'rina');
    const operator = sessionAs(r, 'operator', { username: 'rina' });
    await as(r, operator, 'claims.reconcile', { tagihanId });
    expect(await as(r, operator, 'claims.approve', { tagihanId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('tidak berwenang') } });
    const rinaVerifies = sessionAs(r, 'verifikator', { username: 'RINA2' });
    const rina2 = (r.db.prepare("SELECT id FROM pengguna WHERE username = 'RINA2'").get() as { id: number }).id;
    r.db.prepare('UPDATE tagihan SET dibuat_oleh = ?, dibuat_oleh_id = ? WHERE id = ?').run('RINA2', rina2, tagihanId);
    expect(await as(r, rinaVerifies, 'claims.approve', { tagihanId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('empat mata') } });
    const budi = sessionAs(r, 'verifikator', { username: 'budi' });
    expect(await as(r, budi, 'claims.approve', { tagihanId })).toMatchObject({ ok: true, value: { status: 'disetujui', disetujuiOleh: 'budi' } });
    const pemantau = sessionAs(r, 'pemantau');
    expect((await as(r, pemantau, 'claims.get', { tagihanId })).ok).toBe(true);
    expect(await as(r, pemantau, 'claims.decide', { barisId: 1, keputusan: 'keluarkan', alasan: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('four-eyes follows the user, not the name: renaming the account does not let its claim through', async () => {
    const r = rt();
    const { bankId, run } = await demo(r);
    const [a] = eligibleOf(run);
    const adm2 = sessionAs(r, 'admin', { username: 'adm2' });
    const other = sessionAs(r, 'admin', { username: 'kepala' });
    const id = (r.db.prepare("SELECT id FROM pengguna WHERE username = 'adm2'").get() as { id: number }).id;
    const tagihanId = insertClaim(r.db, {
      bankId,
      periodeAwal: PERIODE,
      periodeAkhir: PERIODE,
      imporId: null,
      lines: [lineOf(1, a!)],
      dibuatOleh: 'adm2',
      dibuatOlehId: id,
    }).tagihanId;
    await as(r, adm2, 'claims.reconcile', { tagihanId });
    expect((await as(r, adm2, 'users.save', { id, username: 'adm2x', nama: 'Adm Dua', peran: 'admin', bankId: null })).ok).toBe(true);
    const renamed = sessionAs(r, 'admin', { username: 'adm2x' });
    expect(await as(r, renamed, 'claims.approve', { tagihanId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('empat mata') } });
    // The database refuses it too, whatever the service does.
    expect(() => r.db.prepare("UPDATE tagihan SET status = 'disetujui', disetujui_oleh_id = ? WHERE id = ?").run(id, tagihanId)).toThrow(/empat mata/);
    expect(await as(r, other, 'claims.approve', { tagihanId })).toMatchObject({ ok: true, value: { status: 'disetujui' } });
  });

  it('whoever imported the claim does not record its SP2D; a signed-in user pays no run directly', async () => {
    const r = rt();
    const { bankId, run, paguId } = await demo(r);
    const [a] = eligibleOf(run);
    const adm = sessionAs(r, 'admin', { username: 'adm' });
    const budi = sessionAs(r, 'verifikator', { username: 'budi' });
    const admId = (r.db.prepare("SELECT id FROM pengguna WHERE username = 'adm'").get() as { id: number }).id;
    const tagihanId = insertClaim(r.db, {
      bankId,
      periodeAwal: PERIODE,
      periodeAkhir: PERIODE,
      imporId: null,
      lines: [lineOf(1, a!)],
      dibuatOleh: 'adm',
      dibuatOlehId: admId,
    }).tagihanId;
    await as(r, adm, 'claims.reconcile', { tagihanId });
    await as(r, adm, 'claims.decideBulk', { tagihanId, status: 'selisih', keputusan: 'terima_hitungan', alasan: 'ikut perhitungan' });
    const approved = await as<{ totalDisetujui: number }>(r, budi, 'claims.approve', { tagihanId });
    expect(approved.ok).toBe(true);
    const payment = { tagihanId, nomorSp2d: 'SP2D/1', tanggalSp2d: '2026-11-20', jumlah: approved.ok ? approved.value.totalDisetujui : 0, paguId };
    expect(await as(r, adm, 'claims.recordPayment', payment)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('empat mata') } });
    expect(countRows(r.db, 'pembayaran')).toBe(0);
    // The database refuses it too.
    expect(() =>
      r.db
        .prepare("INSERT INTO pembayaran (tagihan_id, nomor_sp2d, tanggal_sp2d, jumlah, pagu_id, dicatat_oleh_id) VALUES (?, 'X', '2026-11-20', 1, ?, ?)")
        .run(tagihanId, paguId, admId),
    ).toThrow(/empat mata/);
    expect(await as(r, budi, 'claims.recordPayment', payment)).toMatchObject({ ok: true, value: { status: 'dibayar' } });

    // The run paid directly (no claim, no approval, one person) is closed to every signed-in user.
    for (const token of [adm, budi]) {
      expect(await as(r, token, 'subsidy.recordPayment', { bankId, periodeAwal: PERIODE, nomorSp2d: 'SP2D/RUN', tanggalSp2d: '2026-11-21', paguId })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringContaining('Tagihan & Rekonsiliasi') },
      });
    }
    expect(countRows(r.db, 'pembayaran')).toBe(1);
  });

  it('a bank liaison officer sees only their own bank’s claims', async () => {
    const r = rt();
    const { bankId, run } = await demo(r);
    const [a] = eligibleOf(run);
    const other = (r.db.prepare('SELECT id FROM bank WHERE id <> ? ORDER BY id LIMIT 1').get(bankId) as { id: number }).id;
    const mine = newClaim(r, bankId, [lineOf(1, a!)]);
    const theirs = insertClaim(r.db, { bankId: other, periodeAwal: PERIODE, periodeAkhir: PERIODE, imporId: null, lines: [lineOf(1, a!)] }).tagihanId;
    const officer = sessionAs(r, 'bank', { bankId });
    const list = await as<{ rows: { id: number }[] }>(r, officer, 'claims.list', {});
    expect(list.ok && list.value.rows.map((c) => c.id)).toEqual([mine]);
    expect((await as(r, officer, 'claims.list', { bankId: other })).ok).toBe(false);
    expect((await as(r, officer, 'claims.get', { tagihanId: mine })).ok).toBe(true);
    expect(await as(r, officer, 'claims.get', { tagihanId: theirs })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await as(r, officer, 'claims.unclaimed', { tagihanId: theirs })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await as(r, officer, 'claims.reconcile', { tagihanId: mine })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Staff see both.
    const staff = await call(r, 'claims.list', {});
    expect(staff.rows.map((c) => c.id).sort()).toEqual([mine, theirs].sort());
  });
});

describe('a claim of 100,000 lines', () => {
  it('is written and reconciled with every line given a status and the totals summed in SQL', async () => {
    const r = rt();
    const { bankId, run } = await demo(r);
    const eligible = eligibleOf(run);
    const lines: NewClaimLine[] = [];
    for (let i = 0; i < 100_000; i++) {
      const l = eligible[i % eligible.length]!;
      // The first round of the run's lines is claimed once; the rest repeat (ganda) or are unknown accounts.
      lines.push(i % 3 === 2 ? lineOf(i + 1, l, { nomorRekening: `U${i}`, nik: null }) : lineOf(i + 1, l));
    }
    const { tagihanId, totalDiklaim } = insertClaim(r.db, { bankId, periodeAwal: PERIODE, periodeAkhir: PERIODE, imporId: null, lines });
    expect(totalDiklaim).toBe(lines.reduce((s, l) => s + l.diklaim, 0));
    const result = await call(r, 'claims.reconcile', { tagihanId });
    const counts = Object.fromEntries(result.perStatus.map((s) => [s.status, s.jumlah]));
    const unknown = lines.filter((_, i) => i % 3 === 2).length;
    const firstSeen = new Set(lines.filter((_, i) => i % 3 !== 2).map((l) => l.nomorRekening)).size;
    expect(counts).toEqual({ cocok: firstSeen, selisih: 0, rekening_tidak_dikenal: unknown, tidak_memenuhi_syarat: 0, ganda: 100_000 - unknown - firstSeen });
    const page = await call(r, 'claims.get', { tagihanId, status: 'ganda', page: 3, pageSize: 100 });
    expect(page.lines.total).toBe(counts.ganda);
    expect(page.lines.rows).toHaveLength(100);
    console.log(`rekonsiliasi 100.000 baris: perhitungan ${result.ms.run} ms, selebihnya ${result.ms.rest} ms`);
  });
});

describe('berita acara and the lines export', () => {
  it('prints the totals in figures and words, per status, the lines and both signers; exports lines and summary sheets', async () => {
    const r = rt();
    const { bankId, run, paguId } = await demo(r);
    const [a, b, c] = eligibleOf(run);
    const tagihanId = newClaim(r, bankId, [
      lineOf(1, a!),
      lineOf(2, b!, { diklaim: b!.rincian.jumlah + 1_200_000 }),
      lineOf(3, c!, { nomorRekening: 'TIDAK-ADA', nik: null, diklaim: 250_000 }),
    ]);
    await call(r, 'claims.reconcile', { tagihanId });
    await call(r, 'claims.decideBulk', { tagihanId, status: 'selisih', keputusan: 'terima_hitungan', alasan: 'Ikut perhitungan' });
    await call(r, 'claims.approve', { tagihanId, nomorBa: 'BA-REK/7/2026', tanggalBa: '2026-11-21' });
    const agreed = a!.rincian.jumlah + b!.rincian.jumlah;
    const claimed = a!.rincian.jumlah + b!.rincian.jumlah + 1_200_000 + 250_000;
    const bank = await call(r, 'banks.get', { id: bankId });

    const html = (await call(r, 'documents.render', { dokumen: { jenis: 'beritaAcaraRekonsiliasi', tagihanId }, format: 'html' })).html!;
    const text = html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('BA-REK/7/2026');
    expect(text).toContain('21 November 2026');
    expect(text).toContain(formatRupiah(claimed));
    expect(text).toContain(formatRupiah(agreed));
    expect(text).toContain(formatRupiah(1_450_000));
    for (const n of [claimed, agreed, 1_450_000]) expect(text.toLowerCase()).toContain(terbilangRupiah(n).toLowerCase());
    expect(text).toContain('Rekening tidak dikenal');
    expect(text).toContain(bank.picNama!);
    expect(text).toContain(a!.nomorRekening);

    const xlsx = await call(r, 'documents.render', { dokumen: { jenis: 'rekonsiliasiBaris', tagihanId }, format: 'xlsx' });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.isiBase64!, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Baris', 'Ringkasan']));
    const sheetText = (name: string) => {
      const out: string[] = [];
      wb.getWorksheet(name)!.eachRow((row) => out.push(row.values!.toString()));
      return out.join('\n');
    };
    expect(sheetText('Baris')).toContain(a!.nomorRekening);
    expect(sheetText('Baris')).toContain('TIDAK-ADA');
    expect(sheetText('Ringkasan')).toContain('Selisih nominal');

    // Paid claims still print; a bank's officer prints only their own bank's.
    await call(r, 'claims.recordPayment', { tagihanId, nomorSp2d: 'SP2D/BA', tanggalSp2d: '2026-11-22', jumlah: agreed, paguId });
    const other = (r.db.prepare('SELECT id FROM bank WHERE id <> ? ORDER BY id LIMIT 1').get(bankId) as { id: number }).id;
    const officer = sessionAs(r, 'bank', { bankId: other });
    const refused = (await r.callWithSession(officer, 'documents.render', { dokumen: { jenis: 'beritaAcaraRekonsiliasi', tagihanId }, format: 'html' })) as Result<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
