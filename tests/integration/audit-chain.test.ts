import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../database/connection';
import { loadMigrations, migrate } from '../../database/migrate';
import { GENESIS, appendAudit, auditHash, verifyAudit, type AuditLogRow } from '../../database/repositories/audit';
import { createRuntime } from '../../electron/runtime';
import { invoke } from '../../electron/services/dispatch';
import type { AuditVerifyResult } from '../../electron/contract';
import { call, callError, countRows, useTempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-audit-', user: 'budi' });

/** The trail as stored, oldest first. */
const trail = (db: Database) => db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditLogRow[];

/**
 * The hash written out independently of the repository, so that a change of the format (which
 * would make every existing trail fail to verify) cannot slip through unnoticed.
 */
function expectedHash(r: Omit<AuditLogRow, 'hash'>): string {
  const base = ['gerbang-serasan/audit/1', r.id, r.waktu, r.pengguna, r.aksi, r.entitas, r.entitas_id, r.sebelum, r.sesudah, r.prev_hash];
  // The origin (0024_office_network.sql) is hashed after the rest, only when there is one.
  const text = JSON.stringify(r.asal == null ? base : [...base, r.asal]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Someone with a database tool: drops the app's append-only triggers first, then edits the file. */
function tamper(db: Database, sql: string, ...params: unknown[]): void {
  db.exec('DROP TRIGGER IF EXISTS audit_log_tanpa_ubah; DROP TRIGGER IF EXISTS audit_log_tanpa_hapus;');
  db.prepare(sql).run(...params);
}

/** Some ordinary work through the services: three banks created, one renamed, one deactivated. */
async function someWork(): Promise<void> {
  const bsb = await call(rt(), 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel' });
  await call(rt(), 'banks.save', { kode: 'BRI', nama: 'Bank Rakyat Indonesia' });
  const bpr = await call(rt(), 'banks.save', { kode: 'BPR', nama: 'BPR Muara Enim' });
  await call(rt(), 'banks.save', { id: bsb.id, kode: 'BSB', nama: 'Bank Sumsel Babel Cabang Muara Enim', cabang: [] });
  await call(rt(), 'banks.setActive', { id: bpr.id, aktif: false });
}

const verify = () => call(rt(), 'audit.verify', {});

/** Work done, then the ids of the entries: at least five, the middle one to tamper with. */
async function trailOfWork(): Promise<{ ids: number[]; middle: number }> {
  await someWork();
  const ids = trail(rt().db).map((r) => r.id);
  expect(ids.length).toBeGreaterThanOrEqual(5);
  return { ids, middle: ids[Math.floor(ids.length / 2)]! };
}

function expectBroken(result: AuditVerifyResult, id: number, reason: RegExp): void {
  expect(result.ok).toBe(false);
  expect(result.firstBroken?.id).toBe(id);
  expect(result.firstBroken?.reason).toMatch(reason);
}

describe('the audit trail is a hash chain', () => {
  it('chains every entry to the one before it, from 64 zeros, with the documented hash', async () => {
    await someWork();
    const rows = trail(rt().db);
    expect(rows.filter((r) => r.entitas === 'bank').map((r) => [r.pengguna, r.aksi])).toEqual([
      ['budi', 'buat'],
      ['budi', 'buat'],
      ['budi', 'buat'],
      ['budi', 'ubah'],
      ['budi', 'nonaktifkan'],
    ]);
    rows.forEach((r, i) => {
      expect(r.prev_hash).toBe(i === 0 ? GENESIS : rows[i - 1]!.hash);
      expect(r.hash).toBe(expectedHash(r));
      expect(r.waktu).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });
    expect(rt().db.prepare('SELECT ujung_id, ujung_hash FROM audit_chain').get()).toEqual({ ujung_id: rows.at(-1)!.id, ujung_hash: rows.at(-1)!.hash });
  });

  it('verifies an untouched trail, reporting how many entries it checked and where the chain ends', async () => {
    await someWork();
    const rows = trail(rt().db);
    expect(await verify()).toEqual({ ok: true, checked: rows.length, ujungId: rows.at(-1)!.id, ujungHash: rows.at(-1)!.hash });
  });

  it('verifies an empty trail', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-audit-empty-'));
    const db = openDatabase(path.join(dir, 'data.sqlite'));
    try {
      expect(verifyAudit(db)).toEqual({ ok: true, checked: 0, ujungId: null, ujungHash: null });
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves the chain as it was when a change fails and is rolled back', async () => {
    await someWork();
    const end = rt().db.prepare('SELECT * FROM audit_chain').get();
    const count = countRows(rt().db, 'audit_log');
    await callError(rt(), 'banks.save', { kode: 'BSB', nama: 'Kode yang sudah dipakai' });
    expect(countRows(rt().db, 'audit_log')).toBe(count);
    expect(rt().db.prepare('SELECT * FROM audit_chain').get()).toEqual(end);
    expect((await verify()).ok).toBe(true);
  });

  it('cannot be changed or deleted through the app’s own connection', async () => {
    const { middle } = await trailOfWork();
    const db = rt().db;
    expect(() => db.prepare("UPDATE audit_log SET sesudah = '{}' WHERE id = ?").run(middle)).toThrow(/Jejak audit tidak dapat diubah/);
    expect(() => db.prepare('UPDATE audit_log SET hash = NULL WHERE id = ?').run(middle)).toThrow(/Jejak audit tidak dapat diubah/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = ?').run(middle)).toThrow(/Jejak audit tidak dapat dihapus/);
    expect((await verify()).ok).toBe(true);
  });
});

describe('audit.verify finds the first broken link when the file is edited behind the app’s back', () => {
  it('an edited entry: its content no longer matches its hash', async () => {
    const { ids, middle } = await trailOfWork();
    tamper(rt().db, `UPDATE audit_log SET sesudah = json_set(sesudah, '$.nama', 'Bank Lain') WHERE id = ?`, middle);
    const result = await verify();
    expectBroken(result, middle, /Isi entri ini diubah/);
    expect(result.checked).toBe(ids.indexOf(middle));
  });

  it('an entry’s origin (the PC it came from) is part of its hash: changing it is found', async () => {
    await someWork();
    // A change made through a session from a client PC: the runtime names the transport's origin.
    const admin = await rt().callWithSession(null, 'auth.login', { username: 'admin', password: 'admin' }, 'https:10.0.0.7 (PC-KASI)');
    expect(admin.ok).toBe(true);
    const token = admin.ok ? (admin.value as { token: string }).token : '';
    const ubah = await rt().callWithSession(token, 'auth.changePassword', { passwordLama: 'admin', passwordBaru: 'Rahasia-123' }, 'https:10.0.0.7 (PC-KASI)');
    expect(ubah.ok).toBe(true);
    const rows = trail(rt().db);
    const fromPc = rows.filter((r) => r.asal === 'https:10.0.0.7 (PC-KASI)');
    // The first admin, made at this first sign-in, and the password change.
    expect(fromPc.map((r) => [r.entitas, r.aksi])).toEqual([
      ['pengguna', 'buat'],
      ['pengguna', 'ubah'],
    ]);
    // Trusted local writers (CLI, tests) leave it empty, and their entries hash as before 0024.
    expect(rows.filter((r) => r.entitas === 'bank').every((r) => r.asal === null)).toBe(true);
    for (const r of rows) expect(r.hash).toBe(expectedHash(r));
    expect((await verify()).ok).toBe(true);
    tamper(rt().db, 'UPDATE audit_log SET asal = ? WHERE id = ?', 'https:10.0.0.99 (PC-LAIN)', fromPc[1]!.id);
    expectBroken(await verify(), fromPc[1]!.id, /Isi entri ini diubah/);
  });

  it('an edited entry whose hash was computed again: the next entry no longer links to it', async () => {
    const { ids, middle } = await trailOfWork();
    const row = trail(rt().db).find((r) => r.id === middle)!;
    const forged = { ...row, pengguna: 'orang lain' };
    tamper(rt().db, 'UPDATE audit_log SET pengguna = ?, hash = ? WHERE id = ?', forged.pengguna, auditHash(forged), middle);
    const next = ids[ids.indexOf(middle) + 1]!;
    expectBroken(await verify(), next, new RegExp(`tidak tersambung ke entri no\\. ${middle}.*diubah lalu hash-nya dihitung ulang`));
  });

  it('a deleted entry in the middle', async () => {
    const { ids, middle } = await trailOfWork();
    tamper(rt().db, 'DELETE FROM audit_log WHERE id = ?', middle);
    const next = ids[ids.indexOf(middle) + 1]!;
    expectBroken(await verify(), next, new RegExp(`Entri no\\. ${middle} sebelum entri ini hilang \\(dihapus\\)`));
  });

  it('deleted entries at the start', async () => {
    const { ids } = await trailOfWork();
    tamper(rt().db, 'DELETE FROM audit_log WHERE id <= ?', ids[1]);
    expectBroken(await verify(), ids[2]!, new RegExp(`Entri no\\. 1–${ids[1]} di awal jejak hilang`));
  });

  it('deleted entries at the end, also after the app has written again', async () => {
    const { ids } = await trailOfWork();
    const last = ids.at(-1)!;
    tamper(rt().db, 'DELETE FROM audit_log WHERE id >= ?', ids.at(-2));
    expectBroken(
      await verify(),
      last,
      new RegExp(`Entri terakhir hilang \\(dihapus\\): jejak seharusnya berakhir pada entri no\\. ${last}, kini berakhir pada entri no\\. ${ids.at(-3)}`),
    );

    // The next change links to the lost end and takes a new number: the gap stays visible.
    await call(rt(), 'banks.save', { kode: 'BTN', nama: 'Bank Tabungan Negara' });
    expect(trail(rt().db).at(-1)!.id).toBe(last + 1);
    expectBroken(await verify(), last + 1, new RegExp(`Entri no\\. ${ids.at(-2)}–${last} sebelum entri ini hilang`));
  });

  it('two entries swapped (their numbers exchanged)', async () => {
    const { ids } = await trailOfWork();
    const [a, b] = [ids[1]!, ids[3]!];
    const db = rt().db;
    tamper(db, 'UPDATE audit_log SET id = -1 WHERE id = ?', a);
    tamper(db, 'UPDATE audit_log SET id = ? WHERE id = ?', a, b);
    tamper(db, 'UPDATE audit_log SET id = ? WHERE id = -1', b);
    // Entry a now holds what was written as b, right after b's predecessor (ids[2]).
    expectBroken(await verify(), a, new RegExp(`Urutan entri diubah: entri ini dicatat sesudah entri no\\. ${ids[2]}, tetapi kini berada sesudah entri no\\. ${ids[0]}`));
  });

  it('two neighbouring entries swapped by exchanging everything but their numbers', async () => {
    const { middle } = await trailOfWork();
    const db = rt().db;
    const rows = trail(db);
    const i = rows.findIndex((r) => r.id === middle);
    const [x, y] = [rows[i]!, rows[i + 1]!];
    const put = (id: number, r: AuditLogRow) =>
      tamper(
        db,
        'UPDATE audit_log SET waktu = ?, pengguna = ?, aksi = ?, entitas = ?, entitas_id = ?, sebelum = ?, sesudah = ?, prev_hash = ?, hash = ? WHERE id = ?',
        r.waktu,
        r.pengguna,
        r.aksi,
        r.entitas,
        r.entitas_id,
        r.sebelum,
        r.sesudah,
        r.prev_hash,
        r.hash,
        id,
      );
    put(x.id, y);
    put(y.id, x);
    expectBroken(await verify(), x.id, new RegExp(`Urutan entri diubah: entri ini dicatat sesudah entri no\\. ${y.id}`));
  });

  it('an entry added without a hash', async () => {
    const { ids } = await trailOfWork();
    tamper(rt().db, "INSERT INTO audit_log (pengguna, aksi, entitas, entitas_id, sesudah) VALUES ('penyusup', 'ubah', 'pinjaman', 1, '{}')");
    expectBroken(await verify(), ids.at(-1)! + 1, /tidak bersegel/);
  });

  it('the rest of the app keeps working on a broken trail, and keeps chaining', async () => {
    const { middle } = await trailOfWork();
    tamper(rt().db, "UPDATE audit_log SET pengguna = 'x' WHERE id = ?", middle);
    await call(rt(), 'banks.save', { kode: 'BTN', nama: 'Bank Tabungan Negara' });
    const rows = trail(rt().db);
    expect(rows.at(-1)!.prev_hash).toBe(rows.at(-2)!.hash);
    expect((await verify()).firstBroken?.id).toBe(middle);
  });
});

describe('a trail emptied or cut away', () => {
  /** The demo data (loans, claims, SP2D payments), loaded the way the app loads it. */
  async function moneyOnFile(): Promise<void> {
    await call(rt(), 'app.loadDemo', {});
    const r = rt().db;
    expect(countRows(r, 'pinjaman')).toBeGreaterThan(0);
    await call(rt(), 'budget.save', { tahun: 2026, jenis: 'subsidi_bunga', kodeRekening: '9.9.9', uraian: 'Uji', pagu: 10_000_000_000 });
  }

  it('the demo data writes its entries like any other writer: the trail of a full database verifies', async () => {
    await moneyOnFile();
    const loans = countRows(rt().db, 'pinjaman');
    const entries = rt().db.prepare("SELECT count(*) AS n FROM audit_log WHERE entitas = 'pinjaman' AND aksi = 'buat'").get() as { n: number };
    expect(entries.n).toBe(loans);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('every entry and the chain end deleted: not "intact, 0 entries" on a database full of loans', async () => {
    await moneyOnFile();
    tamper(rt().db, 'DELETE FROM audit_log');
    rt().db.prepare('DELETE FROM audit_chain').run();
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toEqual({ id: null, reason: expect.stringMatching(/ujung jejak \(audit_chain\) hilang/) });
  });

  it('every entry deleted and the chain end emptied: the loans without a trail are the finding', async () => {
    await moneyOnFile();
    tamper(rt().db, 'DELETE FROM audit_log');
    rt().db.prepare('UPDATE audit_chain SET ujung_id = NULL, ujung_hash = NULL').run();
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toEqual({ id: null, reason: expect.stringMatching(/^\d+ pinjaman tanpa jejak audit \(nomor data 1, 2, 3, 4, 5, …\)/) });
    // Even after the app has written again (a new chain from 64 zeros).
    await call(rt(), 'banks.save', { kode: 'BTN', nama: 'Bank Tabungan Negara' });
    expect((await verify()).firstBroken?.reason).toMatch(/pinjaman tanpa jejak audit/);
  });

  it('a payment whose entry was cut from the end is a finding too', async () => {
    await moneyOnFile();
    const paguId = (rt().db.prepare("SELECT id FROM pagu WHERE kode_rekening = '9.9.9'").get() as { id: number }).id;
    const bankId = (rt().db.prepare('SELECT id FROM bank ORDER BY id LIMIT 1').get() as { id: number }).id;
    // The demo data's paid history covers all but the last three months: October is still open.
    const paid = await call(rt(), 'subsidy.recordPayment', { bankId, periodeAwal: '2026-10', nomorSp2d: 'SP2D/UJI', tanggalSp2d: '2026-11-10', paguId });
    const last = trail(rt().db).at(-1)!;
    expect(last).toMatchObject({ entitas: 'pembayaran', entitas_id: paid.pembayaranId });
    // The last entry removed and the chain end set back to the one before: the chain itself holds.
    const before = trail(rt().db).at(-2)!;
    tamper(rt().db, 'DELETE FROM audit_log WHERE id = ?', last.id);
    rt().db.prepare('UPDATE audit_chain SET ujung_id = ?, ujung_hash = ?').run(before.id, before.hash);
    expect((await verify()).firstBroken).toEqual({ id: null, reason: expect.stringMatching(/^1 tagihan bank tanpa jejak audit/) });
  });

  it('a dropped chain table is reported as tampering, not as a raw SQLite error', async () => {
    await someWork();
    rt().db.exec('DROP TABLE audit_chain');
    expect(await verify()).toEqual({
      ok: false,
      checked: 0,
      firstBroken: { id: null, reason: expect.stringContaining('Tabel ujung jejak (audit_chain) hilang') },
      ujungId: null,
      ujungHash: null,
    });
  });
});

describe('entries from before the chain existed', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('are sealed in id order from 64 zeros when the app first opens the file, and new entries chain on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-audit-legacy-'));
    dirs.push(dir);
    const file = path.join(dir, 'data.sqlite');
    const old = new BetterSqlite3(file);
    migrate(
      old,
      loadMigrations().filter((m) => m.version < 5),
    );
    const insert = old.prepare('INSERT INTO audit_log (waktu, pengguna, aksi, entitas, entitas_id, sebelum, sesudah) VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run('2025-10-27T07:05:00.000Z', 'operator', 'buat', 'debitur', 1, null, '{"nama":"Siti Aminah"}');
    insert.run('2025-10-27T07:06:00.000Z', 'operator', 'ubah', 'debitur', 1, '{"nama":"Siti Aminah"}', '{"nama":"Siti Aminah, S.E."}');
    insert.run('2025-10-28T01:00:00.000Z', 'admin', 'impor', 'data_contoh', null, null, '{"bank":3}');
    old.close();

    const app = createRuntime({ databasePath: file, user: 'budi' });
    try {
      const rows = trail(app.db);
      expect(rows.slice(0, 3).map((r) => [r.id, r.aksi, r.prev_hash === null, r.hash === expectedHash(r)])).toEqual([
        [1, 'buat', false, true],
        [2, 'ubah', false, true],
        [3, 'impor', false, true],
      ]);
      expect(rows[0]!.prev_hash).toBe(GENESIS);
      // Deterministic: the same three entries always give the same chain.
      expect(rows[2]!.hash).toBe(expectedHash({ ...rows[2]!, prev_hash: expectedHash({ ...rows[1]!, prev_hash: expectedHash({ ...rows[0]!, prev_hash: GENESIS }) }) }));
      expect(app.db.prepare('SELECT legacy_sampai FROM audit_chain').get()).toEqual({ legacy_sampai: null });

      await invoke(app.handlers, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel' });
      const after = trail(app.db);
      expect(after.at(-1)!.prev_hash).toBe(after.at(-2)!.hash);
      const verified = await invoke(app.handlers, 'audit.verify', {});
      expect(verified).toEqual({ ok: true, value: { ok: true, checked: after.length, ujungId: after.at(-1)!.id, ujungHash: after.at(-1)!.hash } });

      // Sealing happens once: an entry whose hash is removed later is a break, not sealed again.
      tamper(app.db, 'UPDATE audit_log SET hash = NULL, prev_hash = NULL WHERE id = 2');
      app.close();
      const reopened = createRuntime({ databasePath: file });
      try {
        const result = await invoke(reopened.handlers, 'audit.verify', {});
        expect(result.ok && result.value.firstBroken).toEqual({ id: 2, reason: expect.stringMatching(/tidak bersegel/) as unknown });
      } finally {
        reopened.close();
      }
    } finally {
      if (app.db.open) app.close();
    }
  });
});

describe('audit.list', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Entries at given local times (the trail's clock is the PC's). */
  function at(date: Date, entry: Parameters<typeof appendAudit>[1]): void {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(date);
    rt().db.transaction(() => appendAudit(rt().db, entry))();
    vi.useRealTimers();
  }

  function world(): void {
    at(new Date(2025, 9, 26, 9, 0), { user: 'budi', action: 'buat', entity: 'debitur', entityId: 7, after: { nama: 'Siti Aminah', telepon: null } });
    at(new Date(2025, 9, 27, 0, 0), { user: 'ani', action: 'ubah', entity: 'debitur', entityId: 7, before: { nama: 'Siti Aminah' }, after: { nama: 'Siti Aminah, S.E.' } });
    at(new Date(2025, 9, 27, 23, 59), { user: 'budi', action: 'ubah', entity: 'pinjaman', entityId: 12, before: { bungaBankPersen: '11' }, after: { bungaBankPersen: '12.5' } });
    at(new Date(2025, 9, 28, 0, 1), { user: 'ani', action: 'nonaktifkan', entity: 'bank', entityId: 3, before: { aktif: true }, after: { aktif: false } });
  }

  const list = (input: Parameters<typeof call<'audit.list'>>[2]) => call(rt(), 'audit.list', input);
  const described = (page: { rows: { pengguna: string; entitas: string; entitasId: number | null }[] }) => page.rows.map((r) => `${r.pengguna} ${r.entitas} ${r.entitasId}`);

  it('pages the trail newest first, with before and after as data', async () => {
    world();
    const all = await list({ pageSize: 2 });
    expect(all.total).toBe(countRows(rt().db, 'audit_log'));
    expect(all.page).toBe(1);
    expect(described(all)).toEqual(['ani bank 3', 'budi pinjaman 12']);
    expect(all.rows[1]).toMatchObject({ aksi: 'ubah', sebelum: { bungaBankPersen: '11' }, sesudah: { bungaBankPersen: '12.5' } });
    expect(all.rows[1]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(all.rows[0]!.prevHash).toBe(all.rows[1]!.hash);
    expect(described(await list({ page: 2, pageSize: 2 }))).toEqual(['ani debitur 7', 'budi debitur 7']);
  });

  it('answers "who changed this loan’s rate and when": by entity and id', async () => {
    world();
    const page = await list({ entitas: 'pinjaman', entitasId: 12 });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ pengguna: 'budi', waktu: new Date(2025, 9, 27, 23, 59).toISOString() });
  });

  it('filters by user, action and local calendar days, both ends included', async () => {
    world();
    expect(described(await list({ pengguna: 'ani' }))).toEqual(['ani bank 3', 'ani debitur 7']);
    expect(described(await list({ aksi: 'nonaktifkan' }))).toEqual(['ani bank 3']);
    expect(described(await list({ dari: '2025-10-27', sampai: '2025-10-27' }))).toEqual(['budi pinjaman 12', 'ani debitur 7']);
    expect(described(await list({ sampai: '2025-10-26', entitas: 'debitur' }))).toEqual(['budi debitur 7']);
    expect(described(await list({ dari: '2025-10-28', pengguna: 'ani' }))).toEqual(['ani bank 3']);
  });

  it('searches the before and after data, users and entities; a number also finds ids', async () => {
    world();
    expect(described(await list({ search: 's.e.' }))).toEqual(['ani debitur 7']);
    expect(described(await list({ search: 'bungaBank' }))).toEqual(['budi pinjaman 12']);
    expect(described(await list({ search: '12' }))).toEqual(['budi pinjaman 12']);
    // LIKE wildcards are taken literally.
    expect((await list({ search: '%' })).total).toBe(0);
  });

  it('refuses an end date before the start date, in Indonesian', async () => {
    const error = await callError(rt(), 'audit.list', { dari: '2025-10-28', sampai: '2025-10-27' });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.sampai).toBe('Tanggal akhir tidak boleh sebelum tanggal awal');
  });

  it('offers the entity kinds and users found in the trail', async () => {
    world();
    const facets = await call(rt(), 'audit.facets', {});
    expect(facets.entitas).toEqual(expect.arrayContaining(['bank', 'debitur', 'pinjaman']));
    expect(facets.pengguna).toEqual(expect.arrayContaining(['ani', 'budi']));
    expect(new Set(facets.pengguna).size).toBe(facets.pengguna.length);
  });
});

describe('audit.export', () => {
  it('gives auditors a CSV, oldest first, from which the chain can be checked without the app', async () => {
    await someWork();
    rt().db.transaction(() => appendAudit(rt().db, { user: '=HYPERLINK("http://x")', action: 'ubah', entity: 'bank', entityId: 1, before: { nama: 'A' }, after: { nama: 'B' } }))();
    const { csv, jumlah } = await call(rt(), 'audit.export', {});
    const rows = trail(rt().db);
    expect(jumlah).toBe(rows.length);

    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual([
      'No',
      'Waktu',
      'Waktu (UTC)',
      'Pengguna',
      'Aksi',
      'Entitas',
      'ID entitas',
      'Perubahan',
      'Sebelum (JSON)',
      'Sesudah (JSON)',
      'Hash sebelumnya',
      'Hash',
      'Asal',
    ]);
    expect(parsed.data.map((r) => Number(r.No))).toEqual(rows.map((r) => r.id));

    const renamed = parsed.data.find((r) => r.Aksi === 'ubah' && r.Entitas === 'bank')!;
    expect(renamed.Perubahan).toBe('nama: Bank Sumsel Babel → Bank Sumsel Babel Cabang Muara Enim');
    expect(renamed.Waktu).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    // A value a spreadsheet would run as a formula is written as text.
    expect(parsed.data.at(-1)!.Pengguna).toBe(`'=HYPERLINK("http://x")`);

    // The auditor's own check: every hash recomputed from the file's columns alone.
    const fromCsv = parsed.data.slice(0, -1);
    fromCsv.forEach((r, i) => {
      const hash = expectedHash({
        id: Number(r.No),
        waktu: r['Waktu (UTC)']!,
        pengguna: r.Pengguna!,
        aksi: r.Aksi!,
        entitas: r.Entitas!,
        entitas_id: r['ID entitas'] ? Number(r['ID entitas']) : null,
        sebelum: r['Sebelum (JSON)'] || null,
        sesudah: r['Sesudah (JSON)'] || null,
        prev_hash: r['Hash sebelumnya']!,
        asal: r.Asal || null,
      });
      expect(hash).toBe(r.Hash);
      expect(r['Hash sebelumnya']).toBe(i === 0 ? GENESIS : fromCsv[i - 1]!.Hash);
    });
  });

  it('exports only what the filters select', async () => {
    await someWork();
    const bsb = rt().db.prepare("SELECT id FROM bank WHERE kode = 'BSB'").get() as { id: number };
    const { csv, jumlah } = await call(rt(), 'audit.export', { entitas: 'bank', entitasId: bsb.id });
    expect(jumlah).toBe(2);
    expect(Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data.map((r) => r.Aksi)).toEqual(['buat', 'ubah']);
  });
});

describe('npm run cli -- audit-verify', () => {
  it('says the trail is whole (exit 0) or names the first broken entry (exit 1)', async () => {
    await someWork();
    const rows = trail(rt().db);
    const middle = rows[2]!.id;
    const cli = () =>
      spawnSync(
        path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'tsx'),
        [path.resolve(__dirname, '..', '..', 'electron', 'cli.ts'), 'audit-verify', '--db', rt().databasePath],
        {
          encoding: 'utf8',
        },
      );
    rt().close();
    const whole = cli();
    expect(whole.status).toBe(0);
    expect(whole.stdout).toContain(`Jejak audit utuh: ${rows.length} entri diperiksa. Ujung rantai: entri no. ${rows.at(-1)!.id}, hash ${rows.at(-1)!.hash}.`);

    const db = new BetterSqlite3(rt().databasePath);
    tamper(db, "UPDATE audit_log SET pengguna = 'x' WHERE id = ?", middle);
    db.close();
    const broken = cli();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`Jejak audit RUSAK pada entri no. ${middle}: Isi entri ini diubah`);
  });
});
