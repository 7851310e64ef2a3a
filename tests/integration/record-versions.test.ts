/**
 * Record versions (issue 14, docs/concurrency.md): two people acting on the same record at once.
 * Exactly one wins; the other gets STALE naming who changed it (from the audit trail) and the
 * version to reload, and nothing of theirs is written. Two sessions on one runtime (the office
 * server) and two OS processes on one database file (two app instances) are both covered; the
 * processes race for SQLite's write lock and the test does not depend on which wins.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppError, LoanDetail, LoanEditInput, Result, SubsidyLine } from '../../electron/contract';
import { insertClaim, type NewClaimLine } from '../../database/repositories/claims';
import { VERSIONED_TABLES } from '../../database/repositories/versions';
import { DEMO_SET, seedDemo } from '../../electron/services/demo/seed';
import { computeSubsidyRun } from '../../electron/services/subsidy/run';
import { dispatch } from '../../electron/services/dispatch';
import { NIK } from '../helpers/nik';
import { TODAY, call, callError, countRows, sessionAs, useTempRuntime, type TempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-versi-' });
const PERIODE = '2026-10';
const ROOT = path.resolve(__dirname, '..', '..');

/** A call through the renderer's door as the session's user, with the input exactly as given (versi included). */
const as = <T = unknown>(r: TempRuntime, token: string, channel: string, input: unknown) => r.callWithSession(token, channel, input) as Promise<Result<T>>;

const staleOf = (result: Result<unknown>): AppError => {
  if (result.ok) throw new Error(`expected STALE, got ${JSON.stringify(result.value)}`);
  expect(result.error.code).toBe('STALE');
  return result.error;
};

function versionOf(r: TempRuntime, table: string, id: number): number {
  return (r.db.prepare(`SELECT versi FROM ${table} WHERE id = ?`).get(id) as { versi: number }).versi;
}

/** The demo's loans without its paid history, and a reconciled claim of three eligible October lines. */
async function reconciledClaim(r: TempRuntime) {
  const { paidHistory: _paid, ...unpaid } = DEMO_SET;
  seedDemo(r.db, { ...unpaid, today: TODAY });
  const bank = (await call(r, 'banks.list', {}))[0]!;
  const run = computeSubsidyRun(r.db, { bankId: bank.id, periodeAwal: PERIODE, periodeAkhir: PERIODE });
  const eligible = run.lines.filter((l): l is SubsidyLine & { rincian: NonNullable<SubsidyLine['rincian']> } => l.layak && (l.rincian?.jumlah ?? 0) > 0).slice(0, 3);
  expect(eligible).toHaveLength(3);
  const lines: NewClaimLine[] = eligible.map((l, i) => ({
    nomorBaris: i + 1,
    periode: l.periode,
    nomorRekening: l.nomorRekening,
    nik: l.nik,
    nama: l.debiturNama,
    outstanding: null,
    bungaPersen: null,
    hari: null,
    kol: l.kol,
    diklaim: l.rincian.jumlah,
    plafon: null,
    tanggalAkad: null,
  }));
  const tagihanId = insertClaim(r.db, { bankId: bank.id, periodeAwal: PERIODE, periodeAkhir: PERIODE, imporId: null, lines, dibuatOleh: null }).tagihanId;
  await call(r, 'claims.reconcile', { tagihanId });
  const paguId = (r.db.prepare("SELECT id FROM pagu WHERE tahun = 2026 AND jenis = 'subsidi_bunga'").get() as { id: number }).id;
  const total = eligible.reduce((s, l) => s + l.rincian.jumlah, 0);
  return { tagihanId, paguId, total };
}

/** A new application (diajukan) on the demo data, entered by the trusted caller. */
async function application(r: TempRuntime): Promise<LoanDetail> {
  const debtor = await call(r, 'debtors.save', { nik: NIK.man.nik, nama: 'Ahmad Fauzi', skala: 'mikro' });
  const bank = (await call(r, 'banks.list', {}))[0]!;
  const scheme = r.db
    .prepare("SELECT id FROM skema WHERE berlaku_dari <= '2026-11-10' AND (berlaku_sampai IS NULL OR berlaku_sampai >= '2026-11-10') ORDER BY id LIMIT 1")
    .get() as { id: number };
  return call(r, 'loans.save', {
    debiturId: debtor.id,
    bankId: bank.id,
    skemaId: scheme.id,
    nomorRekening: '9900000001',
    nomorAkad: 'AK/VERSI/1',
    tanggalAkad: '2026-11-10',
    plafon: 10_000_000,
    tenorBulan: 12,
  });
}

const editOf = (loan: LoanDetail, over: Partial<LoanEditInput>): LoanEditInput => ({
  id: loan.id,
  versi: loan.versi,
  debiturId: loan.debiturId,
  bankId: loan.bankId,
  cabangId: loan.cabangId,
  skemaId: loan.skemaId,
  nomorRekening: loan.nomorRekening,
  nomorAkad: loan.nomorAkad,
  tanggalAkad: loan.tanggalAkad,
  tanggalPencairan: loan.tanggalPencairan,
  plafon: loan.plafon,
  tenorBulan: loan.tenorBulan,
  bungaBankPersen: loan.bungaBankPersen,
  bungaDebiturPersen: loan.bungaDebiturPersen,
  alasanUbahBunga: loan.alasanUbahBunga,
  tanggalAngsuranPertama: loan.tanggalAngsuranPertama,
  ...over,
});

describe('two people on one record, two sessions on one runtime', () => {
  it('deciding the same claim line: the first decision stands, the second reads who decided and when, and reloads', async () => {
    const r = rt();
    const { tagihanId } = await reconciledClaim(r);
    const ani = sessionAs(r, 'operator', { username: 'ani' });
    const budi = sessionAs(r, 'operator', { username: 'budi' });
    // Both open the claim: the same line, the same version.
    const seen = (await call(r, 'claims.get', { tagihanId })).lines.rows[0]!;
    const [first, second] = await Promise.all([
      as(r, ani, 'claims.decide', { barisId: seen.id, versi: seen.versi, keputusan: 'keluarkan', alasan: 'Rekening ditutup bank' }),
      as(r, budi, 'claims.decide', { barisId: seen.id, versi: seen.versi, keputusan: 'terima_hitungan', alasan: 'Ikut perhitungan' }),
    ]);
    expect(first).toMatchObject({ ok: true, value: { keputusan: 'keluarkan', disetujui: 0, diputuskanOleh: 'ani' } });
    const stale = staleOf(second);
    expect(stale.message).toMatch(/^Baris tagihan ini sudah diubah oleh ani pada \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} sejak Anda membukanya\. Tidak ada yang disimpan/);
    expect(stale.perubahan).toMatchObject({ oleh: 'ani', pada: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    // What the screen reloads is ani's decision, at the version the error named.
    const now = (await call(r, 'claims.get', { tagihanId })).lines.rows.find((l) => l.id === seen.id)!;
    expect(now).toMatchObject({ keputusan: 'keluarkan', alasanKeputusan: 'Rekening ditutup bank', versi: stale.perubahan!.versi });
    expect(r.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entitas = 'tagihan_baris' AND entitas_id = ?").get(seen.id)).toEqual({ n: 1 });
    // Budi decides again from what he now sees: that goes through.
    expect(await as(r, budi, 'claims.decide', { barisId: now.id, versi: now.versi, keputusan: 'terima_hitungan', alasan: 'Ikut perhitungan' })).toMatchObject({ ok: true });
  });

  it('editing the same loan: one save stands, the other is refused with the version to reload; a lifecycle step from the old screen too', async () => {
    const r = rt();
    const { paidHistory: _paid, ...unpaid } = DEMO_SET;
    seedDemo(r.db, { ...unpaid, today: TODAY });
    const ani = sessionAs(r, 'operator', { username: 'ani' });
    const dedi = sessionAs(r, 'operator', { username: 'dedi' });
    const budi = sessionAs(r, 'verifikator', { username: 'budi' });
    const { id } = await application(r);
    const seen = await call(r, 'loans.get', { id });
    const [first, second] = await Promise.all([
      as<LoanDetail>(r, ani, 'loans.save', editOf(seen, { plafon: seen.plafon - 1_000_000 })),
      as<LoanDetail>(r, dedi, 'loans.save', editOf(seen, { tenorBulan: seen.tenorBulan - 1 })),
    ]);
    expect(first).toMatchObject({ ok: true, value: { plafon: seen.plafon - 1_000_000, tenorBulan: seen.tenorBulan } });
    const stale = staleOf(second);
    expect(stale.message).toContain('Pinjaman ini sudah diubah oleh ani pada ');
    const now = await call(r, 'loans.get', { id });
    // Dedi's tenor was not written over ani's save: the loan is ani's, at the version the error named.
    expect(now).toMatchObject({ plafon: seen.plafon - 1_000_000, tenorBulan: seen.tenorBulan, versi: stale.perubahan!.versi });
    // The verifier's approval from the screen opened before ani's save is refused as well, nothing written.
    const history = countRows(r.db, 'pinjaman_riwayat');
    staleOf(await as(r, budi, 'loans.transition', { id, versi: seen.versi, ke: 'disetujui', tanggal: '2026-11-20' }));
    expect(countRows(r.db, 'pinjaman_riwayat')).toBe(history);
    expect(await as(r, budi, 'loans.transition', { id, versi: now.versi, ke: 'disetujui', tanggal: '2026-11-20' })).toMatchObject({ ok: true, value: { status: 'disetujui' } });
  });

  it('paying the same claim at once: one SP2D is recorded, the claim is never paid twice', async () => {
    const r = rt();
    const { tagihanId, paguId, total } = await reconciledClaim(r);
    const approved = await call(r, 'claims.approve', { tagihanId });
    expect(approved.totalDisetujui).toBe(total);
    const budi = sessionAs(r, 'verifikator', { username: 'budi' });
    const citra = sessionAs(r, 'verifikator', { username: 'citra' });
    const pay = (sp2d: string, versi: number) => ({ tagihanId, versi, nomorSp2d: sp2d, tanggalSp2d: '2026-11-20', jumlah: total, paguId });
    const [first, second] = await Promise.all([
      as(r, budi, 'claims.recordPayment', pay('SP2D/1/2026', approved.versi)),
      as(r, citra, 'claims.recordPayment', pay('SP2D/2/2026', approved.versi)),
    ]);
    expect(first).toMatchObject({ ok: true, value: { totalDibayar: total, sisaBayar: 0, status: 'dibayar' } });
    expect(staleOf(second).message).toMatch(/^Tagihan ini sudah diubah oleh budi pada /);
    expect(countRows(r.db, 'pembayaran')).toBe(1);
    expect(countRows(r.db, 'periode_dibayar')).toBe(3);
    // Reloaded, the claim is paid in full: a second SP2D is refused as such.
    const reloaded = (await call(r, 'claims.get', { tagihanId })).claim;
    expect(await as(r, citra, 'claims.recordPayment', pay('SP2D/2/2026', reloaded.versi))).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Tagihan ini sudah dibayar penuh.' },
    });
    expect(countRows(r.db, 'pembayaran')).toBe(1);

    // A correction of a paid line deposited by STS: two verifiers entering the same deposit.
    const line = (await call(r, 'claims.get', { tagihanId })).lines.rows[0]!;
    const koreksi = await call(r, 'claims.recordCorrection', {
      barisId: line.id,
      jenis: 'lebih_bayar',
      jumlah: 1_000,
      alasan: 'Temuan BPK',
      dokumenJenis: 'bpk',
      dokumenNomor: 'LHP/1/2026',
      dokumenTanggal: '2026-11-21',
    });
    const sts = (nomor: string) => ({ koreksiId: koreksi.id, versi: koreksi.versi, nomorSts: nomor, tanggalSts: '2026-11-22' });
    const [sts1, sts2] = await Promise.all([as(r, budi, 'claims.settleCorrectionSts', sts('STS/1')), as(r, citra, 'claims.settleCorrectionSts', sts('STS/2'))]);
    expect(sts1).toMatchObject({ ok: true, value: { status: 'diselesaikan', nomorSts: 'STS/1' } });
    expect(staleOf(sts2).message).toMatch(/^Koreksi ini sudah diubah oleh budi pada /);
  });

  it('paying the same premium at once: one SP2D; a debtor edited twice keeps the first edit', async () => {
    const r = rt();
    const { paidHistory: _paid, ...unpaid } = DEMO_SET;
    seedDemo(r.db, { ...unpaid, today: TODAY });
    const premium = (await call(r, 'premiums.list', { status: 'terhitung' }))[0]!;
    await call(r, 'premiums.recordInvoice', { penjaminId: premium.penjaminId, premiIds: [premium.id], nomorTagihan: 'INV/VERSI/1', tanggalTagihan: '2026-11-20' });
    const invoiced = (await call(r, 'premiums.list', { status: 'ditagih' })).find((p) => p.id === premium.id)!;
    expect(invoiced.versi).toBeGreaterThan(premium.versi);
    // The invoice screen opened before the invoice was recorded: refused naming the account.
    const oldScreen = staleOf(
      await as(r, sessionAs(r, 'operator'), 'premiums.recordInvoice', {
        penjaminId: premium.penjaminId,
        premiIds: [premium.id],
        versi: [premium.versi],
        nomorTagihan: 'INV/2',
        tanggalTagihan: '2026-11-20',
      }),
    );
    expect(oldScreen.message).toContain(`Premi pinjaman rekening ${premium.nomorRekening} ini sudah diubah`);
    const paguId = (r.db.prepare("SELECT id FROM pagu WHERE tahun = 2026 AND jenis = 'premi'").get() as { id: number }).id;
    const pay = (sp2d: string) => ({ penjaminId: premium.penjaminId, premiIds: [premium.id], versi: [invoiced.versi], nomorSp2d: sp2d, tanggalSp2d: '2026-11-21', paguId });
    const payments = countRows(r.db, 'pembayaran_premi');
    const [first, second] = await Promise.all([
      as(r, sessionAs(r, 'verifikator', { username: 'budi' }), 'premiums.recordPayment', pay('SP2D/P/1')),
      as(r, sessionAs(r, 'verifikator', { username: 'citra' }), 'premiums.recordPayment', pay('SP2D/P/2')),
    ]);
    expect(first).toMatchObject({ ok: true, value: { jumlah: premium.jumlah } });
    staleOf(second);
    expect(countRows(r.db, 'pembayaran_premi')).toBe(payments + 1);

    const debtor = (await call(r, 'debtors.list', { pageSize: 1 })).rows[0]!;
    const form = { id: debtor.id, versi: debtor.versi, nik: debtor.nik, nama: debtor.nama, skala: debtor.skala, alamat: debtor.alamat, kecamatanId: debtor.kecamatanId };
    const ani = sessionAs(r, 'operator', { username: 'ani' });
    expect(await as(r, ani, 'debtors.save', { ...form, alamat: 'Jl. Sudirman 1' })).toMatchObject({ ok: true });
    staleOf(await as(r, sessionAs(r, 'operator', { username: 'dedi' }), 'debtors.save', { ...form, alamat: 'Jl. Merdeka 2' }));
    expect(await call(r, 'debtors.get', { id: debtor.id })).toMatchObject({ alamat: 'Jl. Sudirman 1' });
  });

  it('an edit or a decision without the version is refused by the contract, naming the field', async () => {
    const r = rt();
    const { tagihanId } = await reconciledClaim(r);
    const line = (await call(r, 'claims.get', { tagihanId })).lines.rows[0]!;
    sessionAs(r, 'operator');
    for (const [channel, input] of [
      ['claims.decide', { barisId: line.id, keputusan: 'keluarkan', alasan: 'x' }],
      ['claims.approve', { tagihanId }],
      ['loans.transition', { id: 1, ke: 'disetujui', tanggal: '2026-11-20' }],
      ['loans.save', { id: 1, debiturId: 1, bankId: 1, skemaId: 1, nomorRekening: '1', nomorAkad: '1', tanggalAkad: '2026-01-01', plafon: 1, tenorBulan: 1 }],
    ] as const) {
      // dispatch itself: the test helpers would fill in the version.
      const refused = await dispatch(r.handlers, channel, input);
      expect(refused, channel).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { versi: expect.stringContaining('Versi data wajib dikirim') } } });
    }
  });
});

describe('the version lives in the database', () => {
  it('an UPDATE that bypasses the services still moves the version on, by exactly one', async () => {
    const r = rt();
    await reconciledClaim(r);
    const touch: Record<(typeof VERSIONED_TABLES)[number], string | null> = {
      pinjaman: 'plafon = plafon',
      debitur: 'nama = nama',
      tagihan: 'periode_awal = periode_awal',
      tagihan_baris: 'keterangan = keterangan',
      premi: 'jumlah = jumlah',
      koreksi: null, // a correction needs a paid line: the next test
    };
    for (const table of VERSIONED_TABLES) {
      const set = touch[table];
      if (set === null) continue;
      const { id } = r.db.prepare(`SELECT id FROM ${table} ORDER BY id LIMIT 1`).get() as { id: number };
      const before = versionOf(r, table, id);
      r.db.prepare(`UPDATE ${table} SET ${set} WHERE id = ?`).run(id);
      expect(versionOf(r, table, id), table).toBe(before + 1);
    }
    // A stale screen meets it: the loan changed behind the app's back is refused too (no audit entry: "pengguna lain" or the last one recorded).
    const { id } = await application(r);
    const seen = await call(r, 'loans.get', { id });
    r.db.prepare('UPDATE pinjaman SET nomor_akad = nomor_akad WHERE id = ?').run(id);
    expect(await callError(r, 'loans.save', editOf(seen, {}))).toMatchObject({ code: 'STALE', perubahan: { versi: seen.versi + 1 } });
  });

  it('a settled correction takes nothing but its version', async () => {
    const r = rt();
    const { tagihanId, paguId, total } = await reconciledClaim(r);
    await call(r, 'claims.approve', { tagihanId });
    await call(r, 'claims.recordPayment', { tagihanId, nomorSp2d: 'SP2D/K', tanggalSp2d: '2026-11-20', jumlah: total, paguId });
    const line = (await call(r, 'claims.get', { tagihanId })).lines.rows[0]!;
    const k = await call(r, 'claims.recordCorrection', {
      barisId: line.id,
      jenis: 'lebih_bayar',
      jumlah: 500,
      alasan: 'Temuan',
      dokumenJenis: 'bpk',
      dokumenNomor: 'LHP/2',
      dokumenTanggal: '2026-11-21',
    });
    r.db.prepare('UPDATE koreksi SET pagu_id = pagu_id WHERE id = ?').run(k.id);
    expect(versionOf(r, 'koreksi', k.id)).toBe(k.versi + 1);
    sessionAs(r, 'verifikator', { username: 'budi' });
    const settled = await call(r, 'claims.settleCorrectionSts', { koreksiId: k.id, nomorSts: 'STS/9', tanggalSts: '2026-11-22' });
    r.db.prepare('UPDATE koreksi SET versi = versi + 1 WHERE id = ?').run(k.id);
    expect(versionOf(r, 'koreksi', k.id)).toBe(settled.versi + 1);
    expect(() => r.db.prepare("UPDATE koreksi SET nomor_sts = 'STS/lain' WHERE id = ?").run(k.id)).toThrow('Koreksi sudah diselesaikan; tidak dapat diubah');
    expect(() => r.db.prepare("UPDATE koreksi SET nomor_sts = 'STS/lain', versi = versi + 1 WHERE id = ?").run(k.id)).toThrow('Koreksi sudah diselesaikan; tidak dapat diubah');
  });
});

/** Runs tests/fixtures/pay-claim.ts: a second app on the same file, waiting for "go". */
function payer(databasePath: string, username: string, input: unknown) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests', 'fixtures', 'pay-claim.ts'), databasePath, username, JSON.stringify(input)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout!.setEncoding('utf8').on('data', (c: string) => {
    out += c;
    for (const w of waiters.splice(0)) w();
  });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const line = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = out.split('\n').find((l) => l.startsWith(prefix));
        if (found !== undefined) return resolve(found);
        if (child.exitCode !== null) return reject(new Error(`pay-claim ${username} ended without "${prefix}": ${err}`));
        waiters.push(check);
      };
      void closed.then(() => waiters.push(check) && check());
      check();
    });
  return {
    ready: () => line('ready'),
    go: () => child.stdin!.write('go\n'),
    result: async () => JSON.parse((await line('result ')).slice('result '.length)) as Result<{ status: string }>,
    closed,
  };
}

describe('two processes on one database file', () => {
  it('two app instances paying the same claim at the same moment: exactly one wins, the claim is paid once', async () => {
    const r = rt();
    const { tagihanId, paguId, total } = await reconciledClaim(r);
    const approved = await call(r, 'claims.approve', { tagihanId });
    sessionAs(r, 'verifikator', { username: 'budi' });
    sessionAs(r, 'verifikator', { username: 'citra' });
    const input = (sp2d: string) => ({ tagihanId, versi: approved.versi, nomorSp2d: sp2d, tanggalSp2d: '2026-11-20', jumlah: total, paguId });
    const budi = payer(r.databasePath, 'budi', input('SP2D/PC-1/2026'));
    const citra = payer(r.databasePath, 'citra', input('SP2D/PC-2/2026'));
    await Promise.all([budi.ready(), citra.ready()]);
    budi.go();
    citra.go();
    const results = await Promise.all([budi.result(), citra.result()]);
    await Promise.all([budi.closed, citra.closed]);
    const won = results.filter((x) => x.ok);
    const lost = results.filter((x): x is { ok: false; error: AppError } => !x.ok);
    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({ ok: true, value: { status: 'dibayar' } });
    // The loser waited for the winner's write (busy_timeout, BEGIN IMMEDIATE) and then saw the new version: never a raw SQLite error.
    expect(lost).toHaveLength(1);
    expect(lost[0]!.error.code).toBe('STALE');
    expect(lost[0]!.error.message).toMatch(/^Tagihan ini sudah diubah oleh (budi|citra) pada /);
    expect(countRows(r.db, 'pembayaran')).toBe(1);
    expect(countRows(r.db, 'periode_dibayar')).toBe(3);
    expect((await call(r, 'claims.get', { tagihanId })).claim).toMatchObject({ status: 'dibayar', totalDibayar: total });
  }, 60_000);
});
