import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../../database/migrate';
import { parseNib, parseNik, parseNpwp } from '../../electron/domain/identity';
import packageJson from '../../package.json';
import { createRuntime } from '../../electron/runtime';
import { DEMO_SET, seedDemo } from '../../electron/services/demo/seed';
import { TODAY, auditRows, call, callError, countRows, createTempRuntime, snapshot, useTempRuntime, type TempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-app-' });

/** The demo's data without the write timestamps, as one string: equal seeds must give equal dumps. */
function dump(r: TempRuntime): string {
  const q = (sql: string) => r.db.prepare(sql).all();
  return JSON.stringify({
    bank: q('SELECT id, kode, nama, jenis, alamat, pic_nama, pic_jabatan, pic_telepon, pic_email, aktif FROM bank ORDER BY id'),
    cabang: q('SELECT * FROM bank_cabang ORDER BY id'),
    penjamin: q('SELECT id, kode, nama, jenis, alamat, pic_nama, telepon, email, aktif FROM penjamin ORDER BY id'),
    skema: q('SELECT * FROM skema ORDER BY id'),
    debitur: q(`SELECT id, nik, nama, jenis_kelamin, tanggal_lahir, nama_usaha, sektor_id, skala, alamat, kecamatan_id, desa,
                telepon, npwp, nib, aktif FROM debitur ORDER BY id`),
  });
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

describe('app.info', () => {
  it('reports a fresh database as first run, empty, at the latest schema', async () => {
    const info = await call(rt(), 'app.info', {});
    expect(info).toEqual({
      version: packageJson.version,
      databasePath: rt().databasePath,
      schemaVersion: loadMigrations().at(-1)!.version,
      firstRun: true,
      setupPending: false,
      initialPassword: true,
      counts: { bank: 0, penjamin: 0, debitur: 0 },
    });
  });

  it('is no longer first run once data exists, even without a choice recorded', async () => {
    await call(rt(), 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel' });
    const info = await call(rt(), 'app.info', undefined);
    expect(info.firstRun).toBe(false);
    expect(info.counts).toEqual({ bank: 1, penjamin: 0, debitur: 0 });
  });

  it('remembers the first-run choice across a restart', async () => {
    await call(rt(), 'app.startEmpty', {});
    rt().close();
    const reopened = createRuntime({ databasePath: rt().databasePath, today: () => TODAY });
    try {
      expect((await call(reopened, 'app.info', {})).firstRun).toBe(false);
    } finally {
      reopened.close();
    }
    // A different, fresh file is still at its first run.
    const fresh = createTempRuntime();
    try {
      expect((await call(fresh, 'app.info', {})).firstRun).toBe(true);
    } finally {
      fresh.dispose();
    }
  });
});

describe('app.startEmpty', () => {
  it('ends the first run without writing any data', async () => {
    expect(await call(rt(), 'app.startEmpty', {})).toBeNull();
    const info = await call(rt(), 'app.info', {});
    expect(info.firstRun).toBe(false);
    expect(info.counts).toEqual({ bank: 0, penjamin: 0, debitur: 0 });
    expect(countRows(rt().db, 'skema')).toBe(0);
  });
});

describe('app.loadDemo', () => {
  it('writes banks, branches, insurers, a scheme and 300 debtors, and reports what it wrote', async () => {
    const summary = await call(rt(), 'app.loadDemo', {});
    expect(summary).toEqual({ bank: 3, cabang: 9, penjamin: 3, skema: 3, debitur: 300, pinjaman: 250, tagihanDibayar: expect.any(Number), subsidiDibayar: expect.any(Number) });
    const db = rt().db;
    expect([countRows(db, 'bank'), countRows(db, 'bank_cabang'), countRows(db, 'penjamin'), countRows(db, 'skema'), countRows(db, 'debitur'), countRows(db, 'pinjaman')]).toEqual([
      3, 9, 3, 3, 300, 250,
    ]);

    const info = await call(rt(), 'app.info', {});
    expect(info.firstRun).toBe(false);
    expect(info.counts).toEqual({ bank: 3, penjamin: 3, debitur: 300 });

    // The demo data is usable through the services like any other.
    const banks = await call(rt(), 'banks.list', {});
    expect(banks.map((b) => b.kode).sort()).toEqual(['BPRME', 'BRI', 'BSB']);
    expect(banks.flatMap((b) => b.cabang).every((c) => c.aktif)).toBe(true);
    const schemes = await call(rt(), 'schemes.list', {});
    // One scheme per budget year over the 24 months before today (2026-11-23): 2024, 2025, 2026.
    expect(schemes.map((s) => s.kode).sort()).toEqual(['GS-2024', 'GS-2025', 'GS-2026']);
    expect(schemes.find((s) => s.kode === 'GS-2025')).toMatchObject({ bungaBankPersen: '11', bungaDebiturPersen: '3', jenisSubsidi: 'selisih' });
    expect(schemes.find((s) => s.kode === 'GS-2026')).toMatchObject({ jenisSubsidi: 'persentase', porsiSubsidiPersen: '80', metodeBunga: 'anuitas' });
    // Every demo loan was agreed within its scheme's validity and under its ceilings.
    const outside = db
      .prepare(
        'SELECT count(*) AS n FROM pinjaman p JOIN skema s ON s.id = p.skema_id WHERE p.tanggal_akad NOT BETWEEN s.berlaku_dari AND s.berlaku_sampai OR p.plafon > s.plafon_maks OR p.tenor_bulan > s.tenor_maks',
      )
      .get() as { n: number };
    expect(outside.n).toBe(0);
    // No debtor holds two loans (the demo must not plant double financing by accident).
    expect(db.prepare('SELECT count(*) AS n FROM (SELECT debitur_id FROM pinjaman GROUP BY debitur_id HAVING count(*) > 1)').get()).toEqual({ n: 0 });
    expect((await call(rt(), 'debtors.list', { pageSize: 500 })).total).toBe(300);

    expect(auditRows(db, 'data_contoh')).toEqual([expect.objectContaining({ aksi: 'impor', sesudah: summary })]);
  });

  it('is the CLI’s demo data set: claims paid by SP2D but the last three months, so the dashboard shows a realisation (issue 18, item 11)', async () => {
    const summary = await call(rt(), 'app.loadDemo', {});
    expect(summary.tagihanDibayar).toBeGreaterThan(0);
    const paid = rt().db.prepare('SELECT min(periode) AS first, max(periode) AS last FROM periode_dibayar').get() as { first: string; last: string };
    // Today is 2026-11-23: August, September and October are still to be claimed.
    expect(paid.last).toBe('2026-07');
    const dashboard = await call(rt(), 'dashboard.summary', {});
    expect(dashboard.realisasi.subsidi.realisasi).toBeGreaterThan(0);
    // And the same set as `seed-demo` without options: both read DEMO_SET.
    const other = createTempRuntime({ prefix: 'gs-demo-cli-' });
    try {
      expect(seedDemo(other.db, { ...DEMO_SET, today: TODAY })).toEqual(summary);
    } finally {
      other.close();
    }
  });

  it('gives every debtor a unique NIK that passes parseNik, with gender and birth date as the NIK says', async () => {
    await call(rt(), 'app.loadDemo', {});
    const rows = rt().db.prepare('SELECT nik, jenis_kelamin, tanggal_lahir, npwp, nib FROM debitur').all() as {
      nik: string;
      jenis_kelamin: string;
      tanggal_lahir: string;
      npwp: string | null;
      nib: string | null;
    }[];
    expect(rows).toHaveLength(300);
    expect(new Set(rows.map((r) => r.nik)).size).toBe(300);
    for (const r of rows) {
      const parsed = parseNik(r.nik, TODAY);
      if (!parsed.ok) throw new Error(`NIK contoh ${r.nik} tidak sah: ${parsed.message}`);
      expect(parsed.info.nik).toBe(r.nik);
      expect([parsed.info.jenisKelamin, parsed.info.tanggalLahir], r.nik).toEqual([r.jenis_kelamin, r.tanggal_lahir]);
      expect(parsed.info.kodeWilayah.startsWith('16.03.'), r.nik).toBe(true);
      if (r.npwp !== null) expect(parseNpwp(r.npwp), r.nik).toEqual({ ok: true, npwp: r.npwp });
      if (r.nib !== null) expect(parseNib(r.nib), r.nik).toEqual({ ok: true, nib: r.nib });
    }
    // Adults only: born 20 to 65 years before the reference year.
    const years = rows.map((r) => Number(r.tanggal_lahir.slice(0, 4)));
    expect(Math.min(...years)).toBeGreaterThanOrEqual(2026 - 65);
    expect(Math.max(...years)).toBeLessThanOrEqual(2026 - 20);
    // Both genders are represented.
    const women = rows.filter((r) => r.jenis_kelamin === 'P').length;
    expect(women).toBeGreaterThan(60);
    expect(women).toBeLessThan(240);
  });

  it('spreads debtors over many kecamatan, all of them real reference rows', async () => {
    await call(rt(), 'app.loadDemo', {});
    const perKec = rt().db.prepare('SELECT d.kecamatan_id AS id, k.nama, count(*) AS n FROM debitur d JOIN kecamatan k ON k.id = d.kecamatan_id GROUP BY d.kecamatan_id').all() as {
      id: number;
      nama: string;
      n: number;
    }[];
    expect(perKec.reduce((s, k) => s + k.n, 0)).toBe(300);
    expect(perKec.length).toBeGreaterThanOrEqual(18);
    expect(Math.max(...perKec.map((k) => k.n))).toBeLessThan(60);
    // Every debtor can be found by filtering on its kecamatan.
    const first = perKec[0]!;
    expect((await call(rt(), 'debtors.list', { kecamatanId: first.id, pageSize: 500 })).total).toBe(first.n);
  });

  it('pages through all 300 demo debtors without loss or overlap', async () => {
    await call(rt(), 'app.loadDemo', {});
    const ids: number[] = [];
    for (let page = 1; page <= 7; page++) {
      const p = await call(rt(), 'debtors.list', { page, pageSize: 50 });
      expect(p.total).toBe(300);
      expect(p.rows).toHaveLength(page <= 6 ? 50 : 0);
      ids.push(...p.rows.map((d) => d.id));
    }
    expect(new Set(ids).size).toBe(300);
  });

  it('refuses to load twice, writing nothing the second time', async () => {
    await call(rt(), 'app.loadDemo', {});
    const before = snapshot(rt().db, ['bank', 'bank_cabang', 'penjamin', 'skema', 'debitur', 'audit_log', 'settings']);
    const err = await callError(rt(), 'app.loadDemo', {});
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/kosong/);
    expect(snapshot(rt().db, ['bank', 'bank_cabang', 'penjamin', 'skema', 'debitur', 'audit_log', 'settings'])).toBe(before);
  });

  it('refuses to load into a database that already holds real data', async () => {
    await call(rt(), 'insurers.save', { kode: 'JAMKRINDO', nama: 'Perum Jamkrindo' });
    const err = await callError(rt(), 'app.loadDemo', {});
    expect(err.code).toBe('CONFLICT');
    expect([countRows(rt().db, 'bank'), countRows(rt().db, 'penjamin'), countRows(rt().db, 'debitur')]).toEqual([0, 1, 0]);
    expect((await call(rt(), 'app.info', {})).firstRun).toBe(false);
  });

  it('gives identical data on two fresh databases', async () => {
    const other = createTempRuntime({ prefix: 'gs-app-other-' });
    try {
      await call(rt(), 'app.loadDemo', {});
      await call(other, 'app.loadDemo', {});
      const a = dump(rt());
      const b = dump(other);
      expect(sha256(a)).toBe(sha256(b));
      expect(JSON.parse(a).debitur).toHaveLength(300);
    } finally {
      other.dispose();
    }
  });

  it("counts demo birth dates back from the runtime's today", async () => {
    const later = createTempRuntime({ today: '2040-06-30', prefix: 'gs-app-later-' });
    try {
      await call(later, 'app.loadDemo', {});
      const years = (later.db.prepare('SELECT tanggal_lahir AS t FROM debitur').all() as { t: string }[]).map((r) => Number(r.t.slice(0, 4)));
      expect(Math.min(...years)).toBeGreaterThanOrEqual(2040 - 65);
      expect(Math.max(...years)).toBeLessThanOrEqual(2040 - 20);
      // And every NIK is still valid as seen from that day.
      for (const nik of (later.db.prepare('SELECT nik FROM debitur').all() as { nik: string }[]).map((r) => r.nik)) {
        expect(parseNik(nik, '2040-06-30').ok, nik).toBe(true);
      }
    } finally {
      later.dispose();
    }
  });
});
