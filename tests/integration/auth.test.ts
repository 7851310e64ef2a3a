import fs from 'node:fs';
import { withSeenVersion } from '../helpers/versions';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, JOB_CHANNELS, ROLES, type Channel, type Result, type Role } from '../../electron/contract';
import { createRuntime, type Runtime } from '../../electron/runtime';
import { auditRows, call, sessionAs } from '../helpers/runtime';
import { schemeInput } from '../helpers/scheme';

/**
 * Users, roles and four-eyes, through the door the renderer uses (Runtime.callWithSession):
 * the main process decides, whatever the renderer shows.
 */
let rt: Runtime;
let dir: string;
let clock = Date.parse('2026-11-23T02:00:00Z');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-auth-'));
  clock = Date.parse('2026-11-23T02:00:00Z');
  rt = createRuntime({ databasePath: path.join(dir, 'db.sqlite'), user: 'uji', today: () => '2026-11-23', now: () => clock });
});
afterEach(() => {
  rt.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A call through the renderer's door; an edit without `versi` goes with the record's current one (tests/helpers/versions.ts). */
async function as<T = unknown>(token: string | null, channel: string, input: unknown = {}): Promise<Result<T>> {
  return (await rt.callWithSession(token, channel, withSeenVersion(rt.db, channel, input))) as Result<T>;
}
async function ok<T = unknown>(token: string | null, channel: string, input: unknown = {}): Promise<T> {
  const r = await as<T>(token, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}
async function login(username: string, password: string): Promise<Result<{ token: string; wajibGantiSandi: boolean; peran: Role }>> {
  return as(null, 'auth.login', { username, password });
}

describe('signing in', () => {
  it('a new database opens with admin/admin, whose password must be changed before anything else', async () => {
    const first = await login('admin', 'admin');
    expect(first).toMatchObject({ ok: true, value: { username: 'admin', peran: 'admin', wajibGantiSandi: true } });
    const token = first.ok ? first.value.token : '';
    expect(await as(token, 'banks.list')).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Ganti kata sandi Anda terlebih dahulu.' } });

    const weak = await as(token, 'auth.changePassword', { passwordLama: 'admin', passwordBaru: 'pendek' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { passwordBaru: 'Kata sandi paling sedikit 8 karakter' } } });
    const wrongOld = await as(token, 'auth.changePassword', { passwordLama: 'salah', passwordBaru: 'Serasan2026' });
    expect(wrongOld).toMatchObject({ ok: false, error: { fields: { passwordLama: 'Kata sandi lama salah' } } });

    expect(await ok(token, 'auth.changePassword', { passwordLama: 'admin', passwordBaru: 'Serasan2026' })).toMatchObject({ wajibGantiSandi: false });
    expect(await as(token, 'banks.list')).toEqual({ ok: true, value: [] });
    // The old password no longer works; the new one does, without a forced change.
    expect((await login('admin', 'admin')).ok).toBe(false);
    expect(await login('ADMIN', 'Serasan2026')).toMatchObject({ ok: true, value: { wajibGantiSandi: false } });
    // The hash is stored, never the password.
    const stored = rt.db.prepare('SELECT password_hash FROM pengguna').get() as { password_hash: string };
    expect(stored.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored.password_hash).not.toContain('Serasan2026');
  });

  it('wrong passwords slow down where they come from, and never lock the account', async () => {
    await login('admin', 'admin');
    for (let i = 1; i <= 3; i++) {
      expect(await login('admin', `salah${i}`)).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Nama pengguna atau kata sandi salah.' } });
    }
    // The fourth wrong answer makes this origin wait a second, the next two, and so on.
    expect((await login('admin', 'salah4')).ok).toBe(false);
    expect(await login('admin', 'admin')).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Terlalu banyak percobaan masuk yang salah dari perangkat ini. Coba lagi dalam 1 detik.' },
    });
    clock += 1_000;
    expect((await login('admin', 'salah5')).ok).toBe(false);
    expect(!(await login('admin', 'admin')).ok).toBe(true);
    clock += 2_000;
    // The admin signing in from another window is never held up, and the account is not locked.
    expect((await rt.callWithSession(null, 'auth.login', { username: 'admin', password: 'admin' }, 'ipc:2')).ok).toBe(true);
    expect(rt.db.prepare("SELECT terkunci_sampai FROM pengguna WHERE username = 'admin'").get()).toEqual({ terkunci_sampai: null });
    expect(auditRows(rt.db, 'masuk').some((r) => (r.sesudah as { percobaanSalah?: number }).percobaanSalah === 4)).toBe(true);
  });

  it('does not say whether a user name exists', async () => {
    await login('admin', 'admin');
    const unknown = await login('tidakada', 'apa');
    const wrong = await login('admin', 'apa');
    expect(unknown).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Nama pengguna atau kata sandi salah.' } });
    expect(wrong).toEqual(unknown);
  });

  it('ends a session on sign-out and after eight idle hours', async () => {
    const token = sessionAs(rt, 'operator');
    expect((await as(token, 'debtors.list')).ok).toBe(true);
    clock += 8 * 3600_000 + 1;
    expect(await as(token, 'debtors.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const again = sessionAs(rt, 'operator');
    await ok(again, 'auth.logout');
    expect(await as(again, 'debtors.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

/**
 * The role matrix: every channel of the contract, for every role, allowed or refused by role.
 * Written out in full on purpose: it is the specification an auditor reads.
 */
// The recipient decree: read by staff, kept by entry staff; a bank's officer sees none of it.
const DECREES_READ: Channel[] = ['decrees.list', 'decrees.get', 'decrees.rows'];
// Monitoring (docs/monitoring.md): staff read visits, plans and the evaluation; entry staff record visits, profiles and plans;
// a bank's officer reads their own bank's visits (the service narrows) and nothing programme-wide.
const MONEV_READ: Channel[] = ['monev.loan', 'monev.list', 'monev.overdue', 'monev.plans', 'monev.plan', 'monev.evaluation'];
const MONEV_BANK: Channel[] = ['monev.loan', 'monev.list', 'monev.overdue'];
const READ_STAFF: Channel[] = [
  'banks.list',
  'banks.get',
  'insurers.list',
  'debtors.list',
  'debtors.get',
  'reference.list',
  'schemes.list',
  'schemes.get',
  'budget.year',
  'loans.previewSchedule',
  'loans.list',
  'loans.get',
  'subsidy.run',
  'premiums.list',
  'closing.list',
  'closing.pending',
  ...DECREES_READ,
  ...MONEV_READ,
];
// Long jobs: open to every session; jobs.start is then decided by the channel it runs (below).
const ALWAYS: Channel[] = [
  'app.info',
  'auth.login',
  'auth.logout',
  'auth.session',
  'auth.changePassword',
  'backup.health',
  'dashboard.summary',
  'jobs.start',
  'jobs.status',
  'jobs.cancel',
];
const AUDIT: Channel[] = ['audit.list', 'audit.facets', 'audit.verify', 'audit.export'];
// Printed documents: the channels are open to every role; each document kind says who may print it (tests/integration/documents.test.ts).
const DOCUMENTS: Channel[] = ['documents.kinds', 'documents.render', 'documents.print', 'settings.documents'];
// Bank claims: read by staff and the bank's own officer; reconciled by entry staff and verifiers; decided by entry staff; approved, paid and cancelled by verifiers.
// Corrections after payment: read with the claims; recorded by who reconciles; the STS deposit by verifiers.
const CLAIMS_READ: Channel[] = ['claims.list', 'claims.get', 'claims.unclaimed', 'claims.corrections'];
// Importing bank and insurer files: entry staff and the bank's own officer (the service keeps them to their bank).
const IMPORTS: Channel[] = [
  'imports.upload',
  'imports.inspect',
  'imports.preview',
  'imports.progress',
  'imports.problems',
  'imports.rows',
  'imports.commit',
  'imports.list',
  'imports.get',
];
const ENTRY: Channel[] = [
  'monev.saveProfile',
  'monev.save',
  'monev.followUpDone',
  'monev.createPlan',
  'decrees.save',
  'decrees.addRow',
  'decrees.removeRow',
  'debtors.checkNik',
  'debtors.save',
  'debtors.setActive',
  'loans.check',
  'loans.save',
  'loans.transition',
  'loans.restructure',
  'positions.save',
  'premiums.recordInvoice',
];
// Attachments: read by staff (not a bank's officer); attached and removed by entry staff and verifiers;
// the auditor's bundle for admin, verifier and the viewer/auditor.
const ATTACHMENTS_READ: Channel[] = ['attachments.list', 'attachments.content'];
const ATTACHMENTS_WRITE: Channel[] = ['attachments.upload', 'attachments.remove'];
const ALLOWED: Record<Role, Channel[]> = {
  admin: [...CHANNELS],
  operator: [
    ...ALWAYS,
    ...DOCUMENTS,
    ...READ_STAFF,
    ...ENTRY,
    'backup.list',
    'backup.create',
    ...CLAIMS_READ,
    'claims.reconcile',
    'claims.decide',
    'claims.decideBulk',
    'claims.recordCorrection',
    ...IMPORTS,
    ...ATTACHMENTS_READ,
    ...ATTACHMENTS_WRITE,
  ],
  verifikator: [
    ...ALWAYS,
    ...DOCUMENTS,
    ...READ_STAFF,
    ...AUDIT,
    'loans.transition',
    'subsidy.recordPayment',
    'premiums.recordPayment',
    'closing.close',
    ...CLAIMS_READ,
    'claims.reconcile',
    'claims.approve',
    'claims.recordPayment',
    'claims.cancel',
    'claims.recordCorrection',
    'claims.settleCorrectionSts',
    ...ATTACHMENTS_READ,
    ...ATTACHMENTS_WRITE,
    'attachments.bundle',
  ],
  pemantau: [...ALWAYS, ...DOCUMENTS, ...READ_STAFF, ...AUDIT, ...CLAIMS_READ, ...ATTACHMENTS_READ, 'attachments.bundle'],
  bank: [...ALWAYS, ...DOCUMENTS, 'banks.list', 'banks.get', 'loans.list', 'loans.get', 'subsidy.run', ...CLAIMS_READ, ...IMPORTS, ...MONEV_BANK],
};

describe('role matrix', () => {
  it.each(ROLES)('%s: each channel allowed or refused as the table says', async (role) => {
    const bankId = Number(rt.db.prepare("INSERT INTO bank (kode, nama) VALUES ('BSB', 'Bank Sumsel Babel')").run().lastInsertRowid);
    const token = sessionAs(rt, role, { bankId });
    const refusedByRole: Channel[] = [];
    // Signing out ends the session, so it goes last.
    const inOrder = [...CHANNELS.filter((c) => c !== 'auth.logout'), 'auth.logout' as const];
    for (const channel of inOrder) {
      // Inputs are empty: a refusal by role comes before validation, so it is all that is tested here.
      const r = await as(token, channel, {});
      if (!r.ok && r.error.code === 'FORBIDDEN' && r.error.message.includes('tidak berwenang')) refusedByRole.push(channel);
    }
    const expectedRefused = CHANNELS.filter((c) => !ALLOWED[role].includes(c));
    expect(refusedByRole.sort()).toEqual(expectedRefused.sort());
  });

  it.each(ROLES)('%s: a job is allowed or refused as the channel it runs', async (role) => {
    const bankId = Number(rt.db.prepare("INSERT INTO bank (kode, nama) VALUES ('BSB', 'Bank Sumsel Babel')").run().lastInsertRowid);
    const token = sessionAs(rt, role, { bankId });
    const refusedByRole: Channel[] = [];
    for (const channel of JOB_CHANNELS) {
      // An empty input: the role is checked first; a permitted start is then refused by validation
      // before any worker starts — except the backup, which needs no input: started, then cancelled.
      const r = await as(token, 'jobs.start', { channel, input: {} });
      if (!r.ok && r.error.code === 'FORBIDDEN' && r.error.message.includes('tidak berwenang')) refusedByRole.push(channel);
      else if (channel === 'backup.create') expect((await as(token, 'jobs.cancel', { jobId: (r as { ok: true; value: { jobId: string } }).value.jobId })).ok).toBe(true);
      else expect(r).toMatchObject({ ok: false, error: { code: role === 'bank' && channel === 'subsidy.run' ? 'FORBIDDEN' : 'VALIDATION' } });
    }
    expect(refusedByRole.sort()).toEqual(JOB_CHANNELS.filter((c) => !ALLOWED[role].includes(c)).sort());
  });

  it('refuses every channel but the public ones without a session', async () => {
    const open: string[] = [];
    for (const channel of CHANNELS) {
      const r = await as(null, channel, {});
      if (r.ok || r.error.code !== 'UNAUTHENTICATED') open.push(channel);
    }
    // backup.health tells the start screen whether the database file is damaged, before anyone signs in.
    expect(open.sort()).toEqual(['app.info', 'auth.login', 'backup.health']);
  });
});

describe('four-eyes and the steps of a loan', () => {
  async function world() {
    const bank = await call(rt, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [] });
    const insurer = await call(rt, 'insurers.save', { kode: 'JAMKRINDO', nama: 'Perum Jamkrindo', jenis: 'penjaminan' });
    const scheme = await call(rt, 'schemes.save', schemeInput(2026, insurer.id));
    const debtor = await call(rt, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' });
    const paguPremi = await call(rt, 'budget.save', { tahun: 2026, jenis: 'premi', kodeRekening: '5.1.05.02', uraian: 'Premi', pagu: 10_000_000 });
    const loanInput = {
      debiturId: debtor.id,
      bankId: bank.id,
      skemaId: scheme.id,
      nomorRekening: '0012300045',
      nomorAkad: 'AK/1',
      tanggalAkad: '2026-01-10',
      plafon: 12_000_000,
      tenorBulan: 12,
      tanggalAngsuranPertama: '2026-02-15',
    };
    return { bank, insurer, loanInput, paguPremi };
  }

  it('the operator enters, a verifier approves; nobody approves what they entered', async () => {
    const w = await world();
    const operator = sessionAs(rt, 'operator', { username: 'rina' });
    const verifier = sessionAs(rt, 'verifikator', { username: 'budi' });
    const admin = sessionAs(rt, 'admin', { username: 'kepala' });

    const loan = await ok<{ id: number }>(operator, 'loans.save', w.loanInput);
    expect(await as(operator, 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2026-01-12' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Persetujuan atau penolakan pinjaman dilakukan oleh verifikator.' },
    });
    expect(await as(verifier, 'loans.transition', { id: loan.id, ke: 'aktif', tanggal: '2026-01-15' })).toMatchObject({
      ok: false,
      error: { message: 'Verifikator hanya menyetujui atau menolak pengajuan; langkah lain dicatat operator.' },
    });
    await ok(verifier, 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2026-01-12' });
    await ok(operator, 'loans.transition', { id: loan.id, ke: 'aktif', tanggal: '2026-01-15' });

    // An admin may enter a loan too, but not approve it.
    const own = await ok<{ id: number }>(admin, 'loans.save', {
      ...w.loanInput,
      nomorRekening: '0099',
      nomorAkad: 'AK/2',
      debiturId: (await call(rt, 'debtors.save', { nik: '1603101203800002', nama: 'Rudi', skala: 'kecil' })).id,
    });
    expect(await as(admin, 'loans.transition', { id: own.id, ke: 'disetujui', tanggal: '2026-01-12' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Pengajuan ini Anda masukkan sendiri; persetujuan atau penolakannya harus oleh verifikator lain (prinsip empat mata).' },
    });
    await ok(verifier, 'loans.transition', { id: own.id, ke: 'disetujui', tanggal: '2026-01-12' });

    // The trail names who did each step.
    const steps = rt.db.prepare('SELECT ke, pengguna FROM pinjaman_riwayat WHERE pinjaman_id = ? ORDER BY id').all(loan.id);
    expect(steps).toEqual([
      { ke: 'disetujui', pengguna: 'budi' },
      { ke: 'aktif', pengguna: 'rina' },
    ]);
    expect(auditRows(rt.db, 'pinjaman').find((r) => r.entitasId === loan.id && r.aksi === 'buat')?.pengguna).toBe('rina');
  });

  it('whoever recorded the insurer invoice cannot record its payment', async () => {
    const w = await world();
    const loan = await call(rt, 'loans.save', w.loanInput);
    await call(rt, 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2026-01-12' });
    await call(rt, 'loans.transition', { id: loan.id, ke: 'aktif', tanggal: '2026-01-15' });
    const premiIds = (await call(rt, 'premiums.list', {})).map((p) => p.id);
    const admin = sessionAs(rt, 'admin', { username: 'kepala' });
    const verifier = sessionAs(rt, 'verifikator', { username: 'budi' });
    await ok(admin, 'premiums.recordInvoice', { penjaminId: w.insurer.id, premiIds, nomorTagihan: 'TG/1', tanggalTagihan: '2026-02-01' });
    const payment = { penjaminId: w.insurer.id, premiIds, nomorSp2d: 'SP2D/9', tanggalSp2d: '2026-02-10', paguId: w.paguPremi.id };
    expect(await as(admin, 'premiums.recordPayment', payment)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Tagihan premi ini Anda catat sendiri; pembayarannya harus dicatat verifikator lain (prinsip empat mata).' },
    });
    expect(rt.db.prepare('SELECT count(*) AS n FROM pembayaran_premi').get()).toEqual({ n: 0 });
    expect(await ok(verifier, 'premiums.recordPayment', payment)).toMatchObject({ jumlah: 180_000 });
  });
});

describe('four-eyes compares users, not names', () => {
  async function world() {
    const bank = await call(rt, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [] });
    const insurer = await call(rt, 'insurers.save', { kode: 'JAMKRINDO', nama: 'Perum Jamkrindo', jenis: 'penjaminan' });
    const scheme = await call(rt, 'schemes.save', schemeInput(2026, insurer.id));
    const debtor = await call(rt, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' });
    const paguPremi = await call(rt, 'budget.save', { tahun: 2026, jenis: 'premi', kodeRekening: '5.1.05.02', uraian: 'Premi', pagu: 10_000_000 });
    const loanInput = {
      debiturId: debtor.id,
      bankId: bank.id,
      skemaId: scheme.id,
      nomorRekening: '0012300045',
      nomorAkad: 'AK/1',
      tanggalAkad: '2026-01-10',
      plafon: 12_000_000,
      tenorBulan: 12,
      tanggalAngsuranPertama: '2026-02-15',
    };
    return { insurer, loanInput, paguPremi };
  }
  const idOf = (username: string) => (rt.db.prepare('SELECT id FROM pengguna WHERE username = ?').get(username) as { id: number }).id;
  async function rename(token: string, from: string, to: string) {
    await ok(token, 'users.save', { id: idOf(from), username: to, nama: to, peran: 'admin', bankId: null });
    // The rename ends the account's sessions: it signs in again under the new name.
    return sessionAs(rt, 'admin', { username: to });
  }

  it('an admin who renames themselves still cannot approve the loan they entered', async () => {
    const w = await world();
    const adm2 = sessionAs(rt, 'admin', { username: 'adm2' });
    const loan = await ok<{ id: number }>(adm2, 'loans.save', w.loanInput);
    const renamed = await rename(adm2, 'adm2', 'adm2x');
    expect(await as(renamed, 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2026-01-12' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('empat mata') },
    });
    expect(await as(renamed, 'loans.transition', { id: loan.id, ke: 'ditolak', tanggal: '2026-01-12', alasan: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The database refuses it too.
    expect(() =>
      rt.db
        .prepare("INSERT INTO pinjaman_riwayat (pinjaman_id, dari, ke, tanggal, pengguna, pengguna_id) VALUES (?, 'diajukan', 'disetujui', '2026-01-12', 'adm2x', ?)")
        .run(loan.id, idOf('adm2x')),
    ).toThrow(/empat mata/);
    await ok(sessionAs(rt, 'verifikator', { username: 'budi' }), 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2026-01-12' });
  });

  it('an admin who renames themselves still cannot pay the premium invoice they recorded', async () => {
    const w = await world();
    const loan = await call(rt, 'loans.save', w.loanInput);
    await call(rt, 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2026-01-12' });
    await call(rt, 'loans.transition', { id: loan.id, ke: 'aktif', tanggal: '2026-01-15' });
    const premiIds = (await call(rt, 'premiums.list', {})).map((p) => p.id);
    const adm2 = sessionAs(rt, 'admin', { username: 'adm2' });
    await ok(adm2, 'premiums.recordInvoice', { penjaminId: w.insurer.id, premiIds, nomorTagihan: 'TG/1', tanggalTagihan: '2026-02-01' });
    const renamed = await rename(adm2, 'adm2', 'adm2x');
    const payment = { penjaminId: w.insurer.id, premiIds, nomorSp2d: 'SP2D/9', tanggalSp2d: '2026-02-10', paguId: w.paguPremi.id };
    expect(await as(renamed, 'premiums.recordPayment', payment)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('empat mata') } });
    expect(rt.db.prepare('SELECT count(*) AS n FROM pembayaran_premi').get()).toEqual({ n: 0 });
    expect(await ok(sessionAs(rt, 'verifikator', { username: 'budi' }), 'premiums.recordPayment', payment)).toMatchObject({ jumlah: 180_000 });
  });
});

describe('a premium is paid on an invoice recorded by someone else', () => {
  async function premiums() {
    const bank = await call(rt, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [] });
    const insurer = await call(rt, 'insurers.save', { kode: 'JAMKRINDO', nama: 'Perum Jamkrindo', jenis: 'penjaminan' });
    const scheme = await call(rt, 'schemes.save', schemeInput(2026, insurer.id));
    const debtor = await call(rt, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' });
    const pagu = await call(rt, 'budget.save', { tahun: 2026, jenis: 'premi', kodeRekening: '5.1.05.02', uraian: 'Premi', pagu: 10_000_000 });
    const loan = await call(rt, 'loans.save', {
      debiturId: debtor.id,
      bankId: bank.id,
      skemaId: scheme.id,
      nomorRekening: '0012300045',
      nomorAkad: 'AK/1',
      tanggalAkad: '2026-01-10',
      plafon: 12_000_000,
      tenorBulan: 12,
      tanggalAngsuranPertama: '2026-02-15',
    });
    await call(rt, 'loans.transition', { id: loan.id, ke: 'disetujui', tanggal: '2026-01-12' });
    await call(rt, 'loans.transition', { id: loan.id, ke: 'aktif', tanggal: '2026-01-15' });
    const premiIds = (await call(rt, 'premiums.list', {})).map((p) => p.id);
    return { insurer, pagu, premiIds, payment: { penjaminId: insurer.id, premiIds, nomorSp2d: 'SP2D/9', tanggalSp2d: '2026-02-10', paguId: pagu.id } };
  }

  it('refuses paying a premium nobody has invoiced, in the service and in the database', async () => {
    const w = await premiums();
    const budi = sessionAs(rt, 'verifikator', { username: 'budi' });
    expect(await as(budi, 'premiums.recordPayment', w.payment)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('belum ditagih'), fields: { premiIds: 'Belum ditagih' } },
    });
    expect(rt.db.prepare('SELECT count(*) AS n FROM pembayaran_premi').get()).toEqual({ n: 0 });
    expect(() => rt.db.prepare("UPDATE premi SET status = 'dibayar' WHERE id = ?").run(w.premiIds[0])).toThrow(/tagihan penjamin/);
    await ok(sessionAs(rt, 'operator', { username: 'rina' }), 'premiums.recordInvoice', {
      penjaminId: w.insurer.id,
      premiIds: w.premiIds,
      nomorTagihan: 'TG/1',
      tanggalTagihan: '2026-02-01',
    });
    expect(await ok(budi, 'premiums.recordPayment', w.payment)).toMatchObject({ jumlah: 180_000 });
  });

  it('does not record an invoice over another, so who recorded it cannot be replaced', async () => {
    const w = await premiums();
    const rina = sessionAs(rt, 'operator', { username: 'rina' });
    const adm = sessionAs(rt, 'admin', { username: 'adm' });
    await ok(rina, 'premiums.recordInvoice', { penjaminId: w.insurer.id, premiIds: w.premiIds, nomorTagihan: 'TG/1', tanggalTagihan: '2026-02-01' });
    expect(await as(adm, 'premiums.recordInvoice', { penjaminId: w.insurer.id, premiIds: w.premiIds, nomorTagihan: 'TG/2', tanggalTagihan: '2026-02-02' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('sudah ditagih'), fields: { premiIds: 'Sudah ditagih' } },
    });
    expect(rt.db.prepare('SELECT nomor_tagihan, tagihan_dicatat_oleh FROM premi').get()).toEqual({ nomor_tagihan: 'TG/1', tagihan_dicatat_oleh: 'rina' });
    expect(() => rt.db.prepare("UPDATE premi SET nomor_tagihan = 'TG/3', tagihan_dicatat_oleh = 'adm' WHERE id = ?").run(w.premiIds[0])).toThrow(/tidak dapat ditimpa/);
    // So the admin, who did not record it, may pay it; rina may not.
    expect(await as(rina, 'premiums.recordPayment', w.payment)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await as(adm, 'premiums.recordPayment', w.payment)).ok).toBe(true);
  });
});

describe("a bank's liaison officer", () => {
  it('sees and runs only their own bank, whatever they ask for', async () => {
    const a = await call(rt, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [] });
    const b = await call(rt, 'banks.save', { kode: 'BRI', nama: 'BRI', cabang: [] });
    const insurer = await call(rt, 'insurers.save', { kode: 'J', nama: 'Jamkrindo', jenis: 'penjaminan' });
    const scheme = await call(rt, 'schemes.save', schemeInput(2026, insurer.id, { kode: 'GS', nama: 'GS', premiTarifPersen: '1' }));
    const d1 = await call(rt, 'debtors.save', { nik: '1603106710850001', nama: 'Siti', skala: 'mikro' });
    const d2 = await call(rt, 'debtors.save', { nik: '1603101203800002', nama: 'Rudi', skala: 'kecil' });
    const base = { skemaId: scheme.id, nomorAkad: 'AK', tanggalAkad: '2026-01-10', plafon: 5_000_000, tenorBulan: 12 };
    await call(rt, 'loans.save', { ...base, debiturId: d1.id, bankId: a.id, nomorRekening: 'A1' });
    const other = await call(rt, 'loans.save', { ...base, debiturId: d2.id, bankId: b.id, nomorRekening: 'B1' });

    const liaison = sessionAs(rt, 'bank', { bankId: a.id });
    const loans = await ok<{ rows: { nomorRekening: string }[] }>(liaison, 'loans.list', { bankId: b.id });
    expect(loans.rows.map((l) => l.nomorRekening)).toEqual(['A1']);
    expect(await ok<{ id: number }[]>(liaison, 'banks.list')).toHaveLength(1);
    const refused = { ok: false, error: { code: 'FORBIDDEN', message: 'Petugas bank hanya dapat melihat data banknya sendiri.' } };
    expect(await as(liaison, 'loans.get', { id: other.id })).toEqual(refused);
    expect(await as(liaison, 'subsidy.run', { bankId: b.id, periodeAwal: '2026-02' })).toEqual(refused);
    expect(await as(liaison, 'banks.get', { id: b.id })).toEqual(refused);
    expect((await as(liaison, 'subsidy.run', { bankId: a.id, periodeAwal: '2026-02' })).ok).toBe(true);
  });
});

describe('managing users', () => {
  it('an admin creates users who must choose their own password; the trail names the admin', async () => {
    const admin = sessionAs(rt, 'admin', { username: 'kepala' });
    const created = await ok<{ id: number; wajibGantiSandi: boolean }>(admin, 'users.save', {
      username: 'rina',
      nama: 'Rina Marlina',
      peran: 'operator',
      passwordAwal: 'Sementara1',
    });
    expect(created.wajibGantiSandi).toBe(true);
    expect(await as(admin, 'users.save', { username: 'RINA', nama: 'Lain', peran: 'pemantau', passwordAwal: 'Sementara1' })).toMatchObject({
      ok: false,
      error: { fields: { username: 'Nama pengguna rina sudah dipakai' } },
    });
    expect(await as(admin, 'users.save', { username: 'bsb', nama: 'Petugas BSB', peran: 'bank', passwordAwal: 'Sementara1' })).toMatchObject({
      ok: false,
      error: { fields: { bankId: 'Petugas bank harus terikat pada satu bank' } },
    });
    const signedIn = await login('rina', 'Sementara1');
    expect(signedIn).toMatchObject({ ok: true, value: { peran: 'operator', wajibGantiSandi: true } });
    const row = auditRows(rt.db, 'pengguna').find((r) => r.entitasId === created.id);
    expect(row?.pengguna).toBe('kepala');
    expect(JSON.stringify(row?.sesudah)).not.toContain('Sementara1');
  });

  it('keeps one active admin, ends the sessions of a deactivated user, and a reset replaces the password', async () => {
    await login('admin', 'admin');
    const adminId = (rt.db.prepare("SELECT id FROM pengguna WHERE username = 'admin'").get() as { id: number }).id;
    const other = sessionAs(rt, 'admin', { username: 'kepala' });
    const otherId = (rt.db.prepare("SELECT id FROM pengguna WHERE username = 'kepala'").get() as { id: number }).id;
    await ok(other, 'users.setActive', { id: adminId, aktif: false });
    expect(await as(other, 'users.setActive', { id: otherId, aktif: false })).toMatchObject({ ok: false, error: { message: 'Anda tidak dapat menonaktifkan akun Anda sendiri.' } });
    expect(await as(other, 'users.save', { id: otherId, username: 'kepala', nama: 'Kepala', peran: 'operator' })).toMatchObject({
      ok: false,
      error: { message: 'Harus tetap ada sedikitnya satu admin aktif.' },
    });
    // A deactivated user cannot sign in.
    expect((await login('admin', 'admin')).ok).toBe(false);

    const rina = await ok<{ id: number }>(other, 'users.save', { username: 'rina', nama: 'Rina', peran: 'operator', passwordAwal: 'Sementara1' });
    await ok(other, 'users.resetPassword', { id: rina.id, passwordBaru: 'BaruLagi22' });
    expect((await login('rina', 'Sementara1')).ok).toBe(false);
    expect(await login('rina', 'BaruLagi22')).toMatchObject({ ok: true, value: { wajibGantiSandi: true } });

    const rinaSession = sessionAs(rt, 'operator', { username: 'rina' });
    await ok(other, 'users.setActive', { id: rina.id, aktif: false });
    expect(await as(rinaSession, 'debtors.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
