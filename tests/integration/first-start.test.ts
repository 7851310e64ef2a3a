import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo, Result } from '../../electron/contract';
import { loadMigrations } from '../../database/migrate';
import { createRuntime, type Runtime } from '../../electron/runtime';
import { auditRows, call, sessionAs } from '../helpers/runtime';

/**
 * The first start of a real office, through the door the renderer uses (callWithSession): the
 * sign-in screen's admin/admin hint, the setup wizard's channels on a real database, and the
 * setting that says the wizard is done.
 */
let rt: Runtime;
let dir: string;
let databasePath: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-first-start-'));
  databasePath = path.join(dir, 'db.sqlite');
  rt = createRuntime({ databasePath, user: 'uji', today: () => '2026-11-23' });
});
afterEach(() => {
  rt.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function as<T = unknown>(token: string | null, channel: string, input: unknown = {}): Promise<Result<T>> {
  return (await rt.callWithSession(token, channel, input)) as Result<T>;
}
async function ok<T = unknown>(token: string | null, channel: string, input: unknown = {}): Promise<T> {
  const r = await as<T>(token, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value;
}
/** app.info as the sign-in screen asks it: without a session. */
const publicInfo = () => ok<AppInfo>(null, 'app.info');

async function signInAsFirstAdmin(): Promise<string> {
  const first = await ok<{ token: string }>(null, 'auth.login', { username: 'admin', password: 'admin' });
  await ok(first.token, 'auth.changePassword', { passwordLama: 'admin', passwordBaru: 'Serasan2026' });
  return first.token;
}

describe('the admin/admin hint (app.info initialPassword, no session needed)', () => {
  it('holds on a new database and after the first sign-in, and ends when the first password is changed', async () => {
    expect((await publicInfo()).initialPassword).toBe(true);
    const first = await ok<{ token: string }>(null, 'auth.login', { username: 'admin', password: 'admin' });
    // Signed in but not yet changed: admin/admin still opens the database.
    expect((await publicInfo()).initialPassword).toBe(true);
    await ok(first.token, 'auth.changePassword', { passwordLama: 'admin', passwordBaru: 'Serasan2026' });
    expect((await publicInfo()).initialPassword).toBe(false);
    // A user named admin created later, or another sign-in, does not bring it back.
    expect((await ok<{ token: string }>(null, 'auth.login', { username: 'admin', password: 'Serasan2026' })).token).toBeTruthy();
    expect((await publicInfo()).initialPassword).toBe(false);
  });

  it('ends when the first admin is reset to another password (the CLI way out), and stays off after a restart', async () => {
    await ok(null, 'auth.login', { username: 'admin', password: 'admin' });
    const admin = rt.db.prepare("SELECT id FROM pengguna WHERE username = 'admin'").get() as { id: number };
    await call(rt, 'users.resetPassword', { id: admin.id, passwordBaru: 'Sementara123' });
    expect((await publicInfo()).initialPassword).toBe(false);
    rt.close();
    rt = createRuntime({ databasePath, today: () => '2026-11-23' });
    expect((await publicInfo()).initialPassword).toBe(false);
  });

  it('ends when the first admin is deactivated by another admin', async () => {
    await ok(null, 'auth.login', { username: 'admin', password: 'admin' });
    sessionAs(rt, 'admin', { username: 'kepala' });
    const admin = rt.db.prepare("SELECT id FROM pengguna WHERE username = 'admin'").get() as { id: number };
    await call(rt, 'users.setActive', { id: admin.id, aktif: false });
    expect((await publicInfo()).initialPassword).toBe(false);
  });

  it('is never the stored hash itself: app.info carries only the yes/no', async () => {
    await ok(null, 'auth.login', { username: 'admin', password: 'admin' });
    expect(JSON.stringify(await publicInfo())).not.toContain('scrypt');
  });

  it('migration first_start keeps the hint only for a database whose only user is an admin that never changed the password', () => {
    const sql = loadMigrations().find((m) => m.name === 'first_start')!.sql;
    const insert = (username: string, mustChange: number) =>
      rt.db
        .prepare("INSERT INTO pengguna (username, nama, peran, password_hash, wajib_ganti_sandi) VALUES (?, ?, 'admin', ?, ?)")
        .run(username, username, `hash-${username}`, mustChange);
    const hintHash = () => (rt.db.prepare("SELECT value FROM settings WHERE key = 'sandi_admin_awal'").get() as { value: string } | undefined)?.value ?? null;

    insert('admin', 1);
    rt.db.exec(sql);
    expect(hintHash()).toBe('hash-admin');

    rt.db.exec("DELETE FROM settings WHERE key = 'sandi_admin_awal'; UPDATE pengguna SET wajib_ganti_sandi = 0");
    rt.db.exec(sql);
    expect(hintHash()).toBeNull();

    rt.db.exec('UPDATE pengguna SET wajib_ganti_sandi = 1');
    insert('operator1', 1);
    rt.db.exec(sql);
    expect(hintHash()).toBeNull();
  });
});

describe('the setup wizard after an empty start', () => {
  it('is pending only after an empty start, until an admin finishes it; operators may not; finishing is audited once', async () => {
    const admin = await signInAsFirstAdmin();
    expect((await publicInfo()).setupPending).toBe(false);
    await ok(admin, 'app.startEmpty');
    expect(await publicInfo()).toMatchObject({ firstRun: false, setupPending: true });

    const operator = sessionAs(rt, 'operator');
    expect(await as(operator, 'app.finishSetup')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await publicInfo()).setupPending).toBe(true);

    expect(await ok(admin, 'app.finishSetup')).toBeNull();
    expect(await ok(admin, 'app.finishSetup')).toBeNull();
    expect((await publicInfo()).setupPending).toBe(false);
    const entries = auditRows(rt.db, 'pengaturan').filter((e) => JSON.stringify(e.sesudah).includes('persiapan'));
    expect(entries).toEqual([expect.objectContaining({ pengguna: 'admin', aksi: 'ubah', sebelum: { persiapan: 'belum' }, sesudah: { persiapan: 'selesai' } })]);

    rt.close();
    rt = createRuntime({ databasePath, today: () => '2026-11-23' });
    expect((await publicInfo()).setupPending).toBe(false);
  });

  it('is never offered after the demo data', async () => {
    const admin = await signInAsFirstAdmin();
    await ok(admin, 'app.loadDemo');
    expect((await publicInfo()).setupPending).toBe(false);
  });

  it("each step saves through the feature's own channel, with its rules and audit entries, ending in a database ready to import loans", async () => {
    const admin = await signInAsFirstAdmin();
    await ok(admin, 'app.startEmpty');

    // 1–2. Office, letterhead with logo, and the signers: settings.saveDocuments (the settings page's channel).
    const settings = await ok<{ penandatangan: Record<string, { nip: string | null }> }>(admin, 'settings.saveDocuments', {
      kop: {
        pemerintah: 'PEMERINTAH KABUPATEN MUARA ENIM',
        instansi: 'SEKRETARIAT PROGRAM GERBANG SERASAN',
        alamat: 'Jl. Jenderal Sudirman No. 7, Muara Enim',
        telepon: '(0734) 421000',
        email: null,
        logo: 'data:image/png;base64,iVBORw0KGgo=',
      },
      tempat: 'Muara Enim',
      penandatangan: {
        kepalaSekretariat: { nama: 'Drs. H. Ahmad Rizal, M.Si.', jabatan: 'Kepala Sekretariat', nip: '196804111993031009' },
        bendahara: { nama: 'Sri Wahyuni, S.E.', jabatan: 'Bendahara Pengeluaran', nip: '19820517 200604 2 011' },
        // Not a NIP (a contract employee's number): a warning in the form, accepted here.
        verifikator: { nama: 'Budi Santoso', jabatan: 'Verifikator', nip: '8812 3456' },
      },
    });
    expect(Object.values(settings.penandatangan).map((s) => s.nip)).toEqual(['19680411 199303 1 009', '19820517 200604 2 011', '8812 3456']);

    // The rules of each feature still apply: a bank without a name is refused with its field.
    expect(await as(admin, 'banks.save', { kode: 'BSB', nama: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { nama: expect.any(String) } } });

    // 3. Banks and their units.
    const bank = await ok<{ id: number; cabang: unknown[] }>(admin, 'banks.save', {
      kode: 'BSB',
      nama: 'Bank Sumsel Babel',
      jenis: 'umum',
      picNama: 'Rahmat Hidayat',
      cabang: [
        { kode: 'BSB-ME', nama: 'Cabang Muara Enim' },
        { kode: 'BSB-GM', nama: 'Capem Gunung Megang' },
      ],
    });
    expect(bank.cabang).toHaveLength(2);
    // 4. Insurers.
    const insurer = await ok<{ id: number }>(admin, 'insurers.save', { kode: 'JAMKRINDO', nama: 'PT Jamkrindo', jenis: 'penjaminan' });
    // 5. The first scheme, with its insurer.
    const scheme = await ok<{ id: number; paguIds: number[] }>(admin, 'schemes.save', {
      kode: 'GS-2027',
      nama: 'Gerbang Serasan 2027',
      berlakuDari: '2027-01-01',
      bungaBankPersen: '11',
      bungaDebiturPersen: '3',
      metodeBunga: 'efektif',
      penjaminId: insurer.id,
      premiTarifPersen: '1.5',
      plafonMaks: 50_000_000,
      tenorMaks: 36,
    });
    // 6. The pagu, then linked to the scheme it pays (schemes.save with the scheme as it is plus the line).
    const line = await ok<{ id: number }>(admin, 'budget.save', {
      tahun: 2027,
      jenis: 'subsidi_bunga',
      kodeRekening: '5.1.05.05.01.0001',
      uraian: 'Subsidi bunga Gerbang Serasan',
      pagu: 2_500_000_000,
    });
    const current = await ok<Record<string, unknown>>(admin, 'schemes.get', { id: scheme.id });
    const linked = await ok<{ paguIds: number[] }>(admin, 'schemes.save', { ...current, paguIds: [line.id] });
    expect(linked.paguIds).toEqual([line.id]);
    expect(await ok<{ lines: { pagu: number }[] }>(admin, 'budget.year', { tahun: 2027 })).toMatchObject({ lines: [{ pagu: 2_500_000_000 }] });

    await ok(admin, 'app.finishSetup');
    expect(await publicInfo()).toMatchObject({ setupPending: false, initialPassword: false, counts: { bank: 1, penjamin: 1, debitur: 0 } });

    // Everything was written by the admin, each with its audit entry.
    const trail = auditRows(rt.db)
      .filter((e) => e.pengguna === 'admin')
      .map((e) => `${e.aksi} ${e.entitas}`);
    expect(trail).toEqual(['ubah pengguna', 'ubah pengaturan', 'buat bank', 'buat penjamin', 'buat skema', 'buat pagu', 'ubah skema', 'ubah pengaturan']);
    expect(bank.id).toBeGreaterThan(0);
  });
});
