/**
 * Corrections after payment (issue 18.5) over the demo data, on real SQLite: an overpayment found
 * by BPK on a paid line, offset on the bank's next claim; another deposited back by STS (four-eyes);
 * an underpayment paid on the next claim; the berita acara of the offsetting claim; realisation, the
 * dashboard and the rekap bulanan in gross, corrections and net — every figure worked out here by
 * hand from the amounts the test chose, never read back from the code under test.
 */
import { describe, expect, it } from 'vitest';
import type { Result, SubsidyLine, SubsidyRun } from '../../electron/contract';
import { insertClaim, type NewClaimLine } from '../../database/repositories/claims';
import { formatRupiah } from '../../electron/domain/format';
import { terbilangRupiah } from '../../electron/domain/terbilang';
import type { ServiceContext } from '../../electron/services/context';
import type { TableBlock } from '../../electron/services/documents/model';
import { buildRekapBulanan } from '../../electron/services/reports/rekap-bulanan';
import { computeSubsidyRun } from '../../electron/services/subsidy/run';
import { auditRows, call, sessionAs, TODAY, useTempRuntime, type TempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-koreksi-' });
const PERIODE = '2026-10';

type Eligible = SubsidyLine & { rincian: NonNullable<SubsidyLine['rincian']> };
const eligibleOf = (run: SubsidyRun): Eligible[] => run.lines.filter((l): l is Eligible => l.layak && l.rincian !== null && l.rincian.jumlah > 0);

async function demo(r: TempRuntime) {
  await call(r, 'app.loadDemo', {});
  const banks = (await call(r, 'banks.list', {})).map((b) => ({ bank: b, run: computeSubsidyRun(r.db, { bankId: b.id, periodeAwal: PERIODE, periodeAkhir: PERIODE }) }));
  const chosen = banks.sort((a, b) => eligibleOf(b.run).length - eligibleOf(a.run).length)[0]!;
  const paguId = (r.db.prepare("SELECT id FROM pagu WHERE tahun = 2026 AND jenis = 'subsidi_bunga'").get() as { id: number }).id;
  return { bankId: chosen.bank.id, lines: eligibleOf(chosen.run).sort((a, b) => b.rincian.jumlah - a.rincian.jumlah), paguId };
}

function lineOf(nomorBaris: number, l: SubsidyLine): NewClaimLine {
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
  };
}

/** A claim entered by 'rina' (by name only: the trusted import path). */
function newClaim(r: TempRuntime, bankId: number, lines: SubsidyLine[]): number {
  return insertClaim(r.db, { bankId, periodeAwal: PERIODE, periodeAkhir: PERIODE, imporId: null, lines: lines.map((l, i) => lineOf(i + 1, l)), dibuatOleh: 'rina' }).tagihanId;
}

async function as<T>(r: TempRuntime, token: string, channel: string, input: unknown): Promise<Result<T>> {
  return (await r.callWithSession(token, channel, input)) as Result<T>;
}
async function ok<T>(r: TempRuntime, token: string, channel: string, input: unknown): Promise<T> {
  const res = await as<T>(r, token, channel, input);
  if (!res.ok) throw new Error(`${channel}: ${res.error.message}`);
  return res.value;
}

const lineIds = (r: TempRuntime, tagihanId: number) =>
  (r.db.prepare('SELECT id FROM tagihan_baris WHERE tagihan_id = ? ORDER BY nomor_baris').all(tagihanId) as { id: number }[]).map((x) => x.id);

const snapshot = (r: TempRuntime, tagihanId: number) =>
  JSON.stringify([
    r.db.prepare('SELECT * FROM tagihan_baris WHERE tagihan_id = ? ORDER BY id').all(tagihanId),
    r.db.prepare('SELECT * FROM pembayaran WHERE tagihan_id = ? ORDER BY id').all(tagihanId),
    r.db.prepare('SELECT pd.* FROM periode_dibayar pd JOIN tagihan_baris b ON b.id = pd.tagihan_baris_id WHERE b.tagihan_id = ? ORDER BY pd.pinjaman_id').all(tagihanId),
  ]);

const bpk = { dokumenJenis: 'bpk', dokumenNomor: 'LHP-BPK/12/2026', dokumenTanggal: '2026-11-21' } as const;

function rekapContext(r: TempRuntime): ServiceContext {
  const trusted = { userId: null, username: 'uji', role: 'sistem' as const, bankId: null, token: null };
  return { db: r.db, user: 'uji', caller: () => trusted, sessions: r.sessions, now: Date.now, today: () => TODAY, appVersion: '0', databasePath: '', dataSafety: r.dataSafety };
}

async function figures(r: TempRuntime, paguId: number, bankId: number) {
  const budget = (await call(r, 'budget.year', { tahun: 2026 })).lines.find((l) => l.id === paguId)!;
  const dash = (await call(r, 'dashboard.summary', { tahun: 2026 })).realisasi.subsidi;
  const rekap = await buildRekapBulanan(rekapContext(r), { jenis: 'rekapBulanan', periode: '2026-11' });
  const t = rekap.blocks.find((b): b is TableBlock => b.type === 'table' && (b.title ?? '').startsWith('Subsidi bunga: bruto'))!;
  const col = (i: number) => ({
    bruto: t.rows[0]!.bulanIni as number,
    lebih: t.rows[1]!.bulanIni as number,
    kurang: t.rows[2]!.bulanIni as number,
    bersih: t.rows[i]!.bulanIni as number,
  });
  void bankId;
  return {
    budget: { bruto: budget.realisasiBruto, koreksi: budget.koreksi, bersih: budget.realisasi, sisa: budget.sisa },
    dash: { bruto: dash.bruto, koreksi: dash.koreksi, bersih: dash.realisasi, bulanNov: dash.bulanan.find((m) => m.periode === '2026-11')!.jumlah },
    rekapNov: col(3),
    rekapText: JSON.stringify(rekap.notes),
  };
}

describe('corrections after payment', () => {
  it('an overpayment (BPK) offset on the next claim, one deposited by STS, an underpayment paid on the next claim: to the rupiah', async () => {
    const r = rt();
    const { bankId, lines, paguId } = await demo(r);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const [a, b, c, d, e] = lines as [Eligible, Eligible, Eligible, Eligible, Eligible];
    const A = a.rincian.jumlah,
      B = b.rincian.jumlah,
      C = c.rincian.jumlah,
      D = d.rincian.jumlah,
      E = e.rincian.jumlah;
    // The amounts found wrong, chosen here: each below what its line was paid.
    const X = 12_345; // overpaid on line a (BPK), offset on the next claim
    const Y = 6_789; // overpaid on line b, deposited back by STS
    const Z = 1_111; // underpaid on line c, paid on the next claim
    expect(A).toBeGreaterThan(X);
    expect(B).toBeGreaterThan(Y);
    expect(D + E).toBeGreaterThan(X);

    const rina = sessionAs(r, 'operator', { username: 'rina' });
    const budi = sessionAs(r, 'verifikator', { username: 'budi' });
    const before = await figures(r, paguId, bankId);
    const officer = sessionAs(r, 'bank', { bankId });
    const ownDash = async () =>
      (await ok<{ realisasi: { subsidi: { bruto: number; koreksi: number; realisasi: number } } }>(r, officer, 'dashboard.summary', { tahun: 2026 })).realisasi.subsidi;
    const ownBefore = await ownDash();

    // The first claim: a, b, c, reconciled, approved by budi and paid on 20 November.
    const first = newClaim(r, bankId, [a, b, c]);
    await ok(r, rina, 'claims.reconcile', { tagihanId: first });
    const approved1 = await ok<{ totalDisetujui: number }>(r, budi, 'claims.approve', { tagihanId: first });
    expect(approved1.totalDisetujui).toBe(A + B + C);
    await ok(r, budi, 'claims.recordPayment', { tagihanId: first, nomorSp2d: 'SP2D/K/1', tanggalSp2d: '2026-11-20', jumlah: A + B + C, paguId });
    const [la, lb, lc] = lineIds(r, first) as [number, number, number];
    const paidBefore = snapshot(r, first);

    // The second claim (d, e) exists before the corrections: a line not yet paid is not corrected.
    const second = newClaim(r, bankId, [d, e]);
    const [ld] = lineIds(r, second) as [number];
    expect(await as(r, rina, 'claims.recordCorrection', { barisId: ld, jenis: 'lebih_bayar', jumlah: 1, alasan: 'x', ...bpk })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('belum dibayar') },
    });

    // Overpayment X on line a, found by BPK; recorded by rina.
    const kx = await ok<{ id: number; status: string; jumlah: number; dibayarBaris: number }>(r, rina, 'claims.recordCorrection', {
      barisId: la,
      jenis: 'lebih_bayar',
      jumlah: X,
      alasan: 'Baki debet bank dipakai sebelum angsuran',
      ...bpk,
    });
    expect(kx).toMatchObject({ status: 'terbuka', jumlah: X, dibayarBaris: A });
    // Too large: more than the line was paid (less what is already found overpaid), by the service and by the database.
    expect(await as(r, rina, 'claims.recordCorrection', { barisId: la, jenis: 'lebih_bayar', jumlah: A - X + 1, alasan: 'x', ...bpk })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('melebihi yang dibayar') },
    });
    expect(() =>
      r.db
        .prepare(
          "INSERT INTO koreksi (tagihan_baris_id, jenis, jumlah, alasan, dokumen_jenis, dokumen_nomor, dokumen_tanggal, dicatat_oleh) VALUES (?, 'lebih_bayar', ?, 'x', 'bpk', 'x', '2026-11-21', 'x')",
        )
        .run(la, A - X + 1),
    ).toThrow(/melebihi/);
    // Y on line b (to be deposited), Z underpaid on line c (the bank's own correction).
    const ky = await ok<{ id: number }>(r, rina, 'claims.recordCorrection', {
      barisId: lb,
      jenis: 'lebih_bayar',
      jumlah: Y,
      alasan: 'Hari dihitung ganda',
      dokumenJenis: 'inspektorat',
      dokumenNomor: 'LHP-ITDA/3',
      dokumenTanggal: '2026-11-21',
    });
    const kz = await ok<{ id: number }>(r, rina, 'claims.recordCorrection', {
      barisId: lc,
      jenis: 'kurang_bayar',
      jumlah: Z,
      alasan: 'Tarif bank lebih tinggi sah',
      dokumenJenis: 'koreksi_bank',
      dokumenNomor: 'BANK/KOR/9',
      dokumenTanggal: '2026-11-21',
    });

    // The paid lines, their payment and periode_dibayar are untouched; the database still refuses editing a paid line.
    expect(snapshot(r, first)).toBe(paidBefore);
    expect(() => r.db.prepare('UPDATE tagihan_baris SET disetujui = disetujui - ? WHERE id = ?').run(X, la)).toThrow(/tidak dapat diubah/);
    // Nor is a correction changed or removed.
    expect(() => r.db.prepare('UPDATE koreksi SET jumlah = 1 WHERE id = ?').run(kx.id)).toThrow(/tidak dapat diubah/);
    expect(() => r.db.prepare('DELETE FROM koreksi WHERE id = ?').run(kx.id)).toThrow(/tidak dapat dihapus/);

    // STS for Y: never by rina who recorded it (service and database); an underpayment is not deposited; budi records it.
    const sts = { koreksiId: ky.id, nomorSts: 'STS/2026/77', tanggalSts: '2026-11-22' };
    expect(await as(r, rina, 'claims.settleCorrectionSts', sts)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } }); // the operator's role
    const rinaV = sessionAs(r, 'verifikator', { username: 'rina' });
    expect(await as(r, rinaV, 'claims.settleCorrectionSts', sts)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('empat mata') } });
    const rinaId = (r.db.prepare("SELECT id FROM pengguna WHERE username = 'rina'").get() as { id: number }).id;
    expect(() => r.db.prepare('UPDATE koreksi SET penyelesaian_oleh_id = ? WHERE id = ?').run(rinaId, ky.id)).toThrow(/empat mata/);
    expect(await as(r, budi, 'claims.settleCorrectionSts', { ...sts, koreksiId: kz.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('Hanya lebih bayar') },
    });
    // Not in a closed month (service and database).
    r.db.prepare("INSERT INTO tutup_buku (periode, ditutup_oleh) VALUES ('2026-11', 'uji')").run();
    expect(await as(r, budi, 'claims.settleCorrectionSts', sts)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('tutup buku') } });
    expect(() => r.db.prepare("UPDATE koreksi SET tanggal_sts = '2026-11-22' WHERE id = ?").run(ky.id)).toThrow(/tutup buku/);
    r.db.prepare("DELETE FROM tutup_buku WHERE periode = '2026-11'").run();
    expect(await ok(r, budi, 'claims.settleCorrectionSts', sts)).toMatchObject({
      status: 'diselesaikan',
      penyelesaian: 'sts',
      nomorSts: 'STS/2026/77',
      tanggalSelesai: '2026-11-22',
    });
    expect(await as(r, budi, 'claims.settleCorrectionSts', sts)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // The next claim: approved by budi with X and Z offset on it; the net payable worked by hand.
    await ok(r, rina, 'claims.reconcile', { tagihanId: second });
    const open = await ok<{ id: number }[]>(r, budi, 'claims.corrections', { bankId, tersedia: true });
    expect(open.map((k) => k.id).sort()).toEqual([kx.id, kz.id].sort());
    // rina (as verifier) may not offset what she recorded.
    expect(await as(r, rinaV, 'claims.approve', { tagihanId: second, koreksiIds: [kx.id] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('empat mata') },
    });
    await ok(r, budi, 'claims.approve', { tagihanId: second, nomorBa: 'BA-REK/K/2', tanggalBa: '2026-11-21', koreksiIds: [kx.id, kz.id] });
    const net = D + E - X + Z;
    const detail = await call(r, 'claims.get', { tagihanId: second });
    expect(detail.claim.totalDisetujui).toBe(D + E); // the lines keep their own agreed amounts
    expect(detail).toMatchObject({ koreksiKompensasi: Z - X, totalBersih: net, sisaBayar: net });

    // An SP2D above the net is refused (service and database); the net is accepted and settles X and Z.
    expect(await as(r, budi, 'claims.recordPayment', { tagihanId: second, nomorSp2d: 'SP2D/K/2', tanggalSp2d: '2026-11-21', jumlah: net + 1, paguId })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining(formatRupiah(net)) },
    });
    expect(() =>
      r.db.prepare("INSERT INTO pembayaran (tagihan_id, nomor_sp2d, tanggal_sp2d, jumlah, pagu_id) VALUES (?, 'SP2D/X', '2026-11-21', ?, ?)").run(second, net + 1, paguId),
    ).toThrow(/melebihi jumlah bersih/);
    expect(await ok(r, budi, 'claims.recordPayment', { tagihanId: second, nomorSp2d: 'SP2D/K/2', tanggalSp2d: '2026-11-21', jumlah: net, paguId })).toMatchObject({
      status: 'dibayar',
      sisaBayar: 0,
    });
    const settled = await call(r, 'claims.corrections', { tagihanKompensasiId: second });
    expect(settled.map((k) => [k.id, k.status, k.penyelesaian, k.tanggalSelesai])).toEqual(
      [
        [kx.id, 'diselesaikan', 'kompensasi', '2026-11-21'],
        [kz.id, 'diselesaikan', 'kompensasi', '2026-11-21'],
      ].sort((p, q) => (p[0] as number) - (q[0] as number)),
    );
    expect(snapshot(r, first)).toBe(paidBefore);
    // A settled correction is settled once.
    expect(() => r.db.prepare("UPDATE koreksi SET status = 'terbuka' WHERE id = ?").run(kx.id)).toThrow(/sudah diselesaikan/);

    // The berita acara of the offsetting claim lists each offset and the net in figures and words.
    const html = (await call(r, 'documents.render', { dokumen: { jenis: 'beritaAcaraRekonsiliasi', tagihanId: second }, format: 'html' })).html!;
    const text = html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('Koreksi yang dikompensasikan pada tagihan ini');
    expect(text).toContain('Temuan BPK No. LHP-BPK/12/2026');
    expect(text).toContain('Koreksi bank No. BANK/KOR/9');
    expect(text).toContain(a.nomorRekening);
    expect(text).toContain(c.nomorRekening);
    expect(text).toContain('Lebih bayar');
    expect(text).toContain('Kurang bayar');
    expect(text).toContain(formatRupiah(net));
    expect(text.toLowerCase()).toContain(terbilangRupiah(net).toLowerCase());

    // Realisation, dashboard, rekap bulanan of November: gross, corrections and net, by hand.
    const after = await figures(r, paguId, bankId);
    const gross = A + B + C + D + E; // the paid lines at their agreed amounts
    const corrections = -X - Y + Z; // X offset, Y deposited, Z paid later
    const moved = A + B + C + net - Y; // SP2Ds less the STS
    expect(gross + corrections).toBe(moved);
    const delta = (x: { bruto: number; koreksi?: number; bersih: number }, y: typeof x) => ({
      bruto: y.bruto - x.bruto,
      bersih: y.bersih - x.bersih,
      koreksi: (y.koreksi ?? 0) - (x.koreksi ?? 0),
    });
    expect(delta(before.budget, after.budget)).toEqual({ bruto: gross, koreksi: corrections, bersih: moved });
    expect(after.budget.sisa - before.budget.sisa).toBe(-moved);
    expect(delta(before.dash, after.dash)).toEqual({ bruto: gross, koreksi: corrections, bersih: moved });
    expect(after.dash.bulanNov - before.dash.bulanNov).toBe(moved);
    // The bank's liaison officer sees the same for their bank (every claim here is theirs).
    const ownAfter = await ownDash();
    expect({ bruto: ownAfter.bruto - ownBefore.bruto, koreksi: ownAfter.koreksi - ownBefore.koreksi, bersih: ownAfter.realisasi - ownBefore.realisasi }).toEqual({
      bruto: gross,
      koreksi: corrections,
      bersih: moved,
    });
    expect({
      bruto: after.rekapNov.bruto - before.rekapNov.bruto,
      lebih: after.rekapNov.lebih - before.rekapNov.lebih,
      kurang: after.rekapNov.kurang - before.rekapNov.kurang,
      bersih: after.rekapNov.bersih - before.rekapNov.bersih,
    }).toEqual({ bruto: gross, lebih: -(X + Y), kurang: Z, bersih: moved });
    expect(after.rekapText).toContain('Koreksi setelah pembayaran');

    // Every step is in the trail.
    const trail = auditRows(r.db, 'koreksi');
    expect(trail.length).toBe(4); // three recorded, one STS
    expect(await call(r, 'audit.verify', {})).toMatchObject({ ok: true });
    // A correction written around the app is named by verify (the entry is what an auditor follows).
    r.db
      .prepare(
        "INSERT INTO koreksi (tagihan_baris_id, jenis, jumlah, alasan, dokumen_jenis, dokumen_nomor, dokumen_tanggal, dicatat_oleh) VALUES (?, 'kurang_bayar', 5, 'x', 'lainnya', 'x', '2026-11-21', 'x')",
      )
      .run(la);
    expect(await call(r, 'audit.verify', {})).toMatchObject({
      ok: false,
      firstBroken: { id: null, reason: expect.stringContaining('koreksi setelah pembayaran tanpa jejak audit') },
    });
  });

  it('an offset larger than the next claim is refused with the figures, and stays open; a cancelled claim gives its offsets back', async () => {
    const r = rt();
    const { bankId, lines, paguId } = await demo(r);
    const big = lines[0]!;
    const small = lines.at(-1)!;
    expect(big.rincian.jumlah).toBeGreaterThan(small.rincian.jumlah);
    const budi = sessionAs(r, 'verifikator', { username: 'budi' });
    const rina = sessionAs(r, 'operator', { username: 'rina' });
    const first = newClaim(r, bankId, [big]);
    await ok(r, rina, 'claims.reconcile', { tagihanId: first });
    const ap = await ok<{ totalDisetujui: number }>(r, budi, 'claims.approve', { tagihanId: first });
    await ok(r, budi, 'claims.recordPayment', { tagihanId: first, nomorSp2d: 'SP2D/B/1', tanggalSp2d: '2026-11-20', jumlah: ap.totalDisetujui, paguId });
    const [lb] = lineIds(r, first) as [number];
    // The overpayment equals the whole next claim: nothing would be left to pay.
    const k = await ok<{ id: number }>(r, rina, 'claims.recordCorrection', { barisId: lb, jenis: 'lebih_bayar', jumlah: small.rincian.jumlah, alasan: 'Temuan', ...bpk });
    const second = newClaim(r, bankId, [small]);
    await ok(r, rina, 'claims.reconcile', { tagihanId: second });
    expect(await as(r, budi, 'claims.approve', { tagihanId: second, koreksiIds: [k.id] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining(formatRupiah(small.rincian.jumlah)) },
    });
    expect((await call(r, 'claims.get', { tagihanId: second })).claim.status).toBe('diverifikasi');
    expect((await call(r, 'claims.corrections', { bankId, tersedia: true })).map((x) => x.id)).toEqual([k.id]);

    // With an underpayment of Rp1 beside it, Rp1 is left to pay: allowed (whatever order they are listed in).
    const k2 = await ok<{ id: number }>(r, rina, 'claims.recordCorrection', { barisId: lb, jenis: 'kurang_bayar', jumlah: 1, alasan: 'Pembulatan', ...bpk });
    await ok(r, budi, 'claims.approve', { tagihanId: second, koreksiIds: [k.id, k2.id] });
    expect((await call(r, 'claims.get', { tagihanId: second })).totalBersih).toBe(1);
    // Cancelled before payment: the corrections are free again.
    await ok(r, budi, 'claims.cancel', { tagihanId: second, alasan: 'Berkas salah' });
    expect((await call(r, 'claims.corrections', { bankId, tersedia: true })).map((x) => x.id).sort()).toEqual([k.id, k2.id].sort());
  });

  it('a deposit for an earlier year’s payment is revenue: settled, but neither year’s realisation changes', async () => {
    const r = rt();
    const { bankId, paguId } = await demo(r);
    // A line the demo data's paid history paid in 2025 from the 2025 budget line.
    const old = r.db
      .prepare(
        `SELECT b.id, b.disetujui, p.pagu_id AS paguId FROM tagihan_baris b JOIN pembayaran p ON p.tagihan_id = b.tagihan_id JOIN pagu g ON g.id = p.pagu_id
         WHERE p.tanggal_sp2d LIKE '2025-%' AND g.tahun = 2025 AND b.disetujui > 100 AND EXISTS (SELECT 1 FROM periode_dibayar pd WHERE pd.tagihan_baris_id = b.id) LIMIT 1`,
      )
      .get() as { id: number; disetujui: number; paguId: number } | undefined;
    expect(old).toBeDefined();
    const line2025 = async () => (await call(r, 'budget.year', { tahun: 2025 })).lines.find((l) => l.id === old!.paguId)!;
    const before2025 = await line2025();
    const before = await figures(r, paguId, bankId);
    const k = await call(r, 'claims.recordCorrection', { barisId: old!.id, jenis: 'lebih_bayar', jumlah: 100, alasan: 'Temuan BPK tahun lalu', ...bpk });
    const budi = sessionAs(r, 'verifikator', { username: 'budi' });
    expect(await ok(r, budi, 'claims.settleCorrectionSts', { koreksiId: k.id, nomorSts: 'STS/2026/LAMA', tanggalSts: '2026-11-22' })).toMatchObject({
      status: 'diselesaikan',
      penyelesaian: 'sts',
    });
    expect((r.db.prepare('SELECT pagu_id FROM koreksi WHERE id = ?').get(k.id) as { pagu_id: number | null }).pagu_id).toBeNull();
    expect(await line2025()).toEqual(before2025);
    expect(await figures(r, paguId, bankId)).toEqual(before);
  });

  it('roles: a bank officer and a viewer record and settle nothing; the officer reads only their own bank', async () => {
    const r = rt();
    const { bankId, lines, paguId } = await demo(r);
    const budi = sessionAs(r, 'verifikator', { username: 'budi' });
    const first = newClaim(r, bankId, [lines[0]!]);
    await call(r, 'claims.reconcile', { tagihanId: first });
    const ap = await ok<{ totalDisetujui: number }>(r, budi, 'claims.approve', { tagihanId: first });
    await ok(r, budi, 'claims.recordPayment', { tagihanId: first, nomorSp2d: 'SP2D/R/1', tanggalSp2d: '2026-11-20', jumlah: ap.totalDisetujui, paguId });
    const [l1] = lineIds(r, first) as [number];
    const input = { barisId: l1, jenis: 'lebih_bayar', jumlah: 100, alasan: 'x', ...bpk };
    const officer = sessionAs(r, 'bank', { bankId });
    const pemantau = sessionAs(r, 'pemantau');
    for (const token of [officer, pemantau]) {
      expect(await as(r, token, 'claims.recordCorrection', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const k = await ok<{ id: number }>(r, budi, 'claims.recordCorrection', input);
    for (const token of [officer, pemantau]) {
      expect(await as(r, token, 'claims.settleCorrectionSts', { koreksiId: k.id, nomorSts: 'STS/1', tanggalSts: '2026-11-22' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect((await ok<unknown[]>(r, officer, 'claims.corrections', { tagihanId: first })).length).toBe(1);
    const otherBank = (r.db.prepare('SELECT id FROM bank WHERE id <> ? LIMIT 1').get(bankId) as { id: number }).id;
    const other = sessionAs(r, 'bank', { bankId: otherBank, username: 'bank-lain' });
    expect(await as(r, other, 'claims.corrections', { tagihanId: first })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ok<unknown[]>(r, other, 'claims.corrections', {})).toEqual([]);
    expect((await ok<unknown[]>(r, pemantau, 'claims.corrections', { tagihanId: first })).length).toBe(1);
  });
});
