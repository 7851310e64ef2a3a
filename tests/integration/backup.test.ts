/**
 * Data safety: backups with the online backup API (also while others write), rotation of the
 * automatic ones, restore (checked first, the current data kept first, refused with nothing
 * changed), and the start-up check that keeps a damaged, foreign or too-new file untouched.
 */
import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupTo, checkDatabaseFile, dailyBackupIfDue, listBackups, timestamp } from '../../database/backup';
import type { Database } from '../../database/connection';
import { loadMigrations, migrate, schemaVersion } from '../../database/migrate';
import { createRuntime, type Runtime } from '../../electron/runtime';
import { INDONESIAN, call, callError, countRows } from '../helpers/runtime';
import { batchesOf, startWriter, type Writer } from '../helpers/writer';

const ROWS = 200;
/** 10:15:00 local time on the tests' "today": backups are named in the clerk's local time. */
const NOW = new Date(2026, 10, 23, 10, 15, 0);

interface Opened extends Runtime {
  dir: string;
  databasePath: string;
  backupDir: string;
}

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-backup-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A runtime on `databasePath` (a new one in a fresh folder by default); the clock is NOW unless told. */
function open(databasePath = path.join(tmpDir(), 'data.sqlite'), now: () => number = () => NOW.getTime()): Opened {
  const rt = createRuntime({ databasePath, user: 'uji', today: () => '2026-11-23', now });
  cleanups.push(() => rt.close());
  return Object.assign(rt, { dir: path.dirname(databasePath), databasePath, backupDir: path.join(path.dirname(databasePath), 'cadangan') });
}

function writer(databasePath: string, mode: string): Writer {
  const w = startWriter(databasePath, mode, ROWS);
  cleanups.push(() => w.kill());
  return w;
}

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');
const fileHash = (file: string) => sha256(fs.readFileSync(file));

/** Every row of every table, as one hash: equal before and after proves nothing was written. */
function contentHash(db: Database): string {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const dump = tables.map((t) => [t, (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()]);
  return sha256(JSON.stringify(dump));
}

const integrity = (db: Database) => (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);

/** Batches of uji_tulis written through `db`, one transaction each (the same table the writer process uses). */
function writeBatches(db: Database, from: number, count: number): number {
  db.exec('CREATE TABLE IF NOT EXISTS uji_tulis (batch INTEGER NOT NULL, i INTEGER NOT NULL, isi BLOB NOT NULL, PRIMARY KEY (batch, i))');
  const insert = db.prepare('INSERT INTO uji_tulis (batch, i, isi) VALUES (?, ?, ?)');
  const batch = db.transaction((b: number) => {
    for (let i = 0; i < ROWS; i++) insert.run(b, i, crypto.randomBytes(1024));
  });
  for (let b = from; b < from + count; b++) batch(b);
  return from + count - 1;
}

async function addBank(rt: Runtime, kode: string) {
  return call(rt, 'banks.save', { kode, nama: `Bank ${kode}` });
}

const bankCodes = async (rt: Runtime) => (await call(rt, 'banks.list', {})).map((b) => b.kode).sort();

/** A file in the backup folder under a name the list accepts, with the given bytes. */
function plant(rt: Opened, name: string, bytes: Buffer): string {
  fs.mkdirSync(rt.backupDir, { recursive: true });
  fs.writeFileSync(path.join(rt.backupDir, name), bytes);
  return name;
}

describe('backup.create', () => {
  it('writes a consistent, self-contained copy named with local date and time into cadangan/ beside the database', async () => {
    const rt = open();
    await addBank(rt, 'BSB');
    const entry = await call(rt, 'backup.create', {});
    expect(entry).toMatchObject({ name: 'gerbang-serasan-20261123-101500.sqlite', kind: 'manual', createdAt: '2026-11-23T10:15:00' });
    expect(entry.path).toBe(path.join(rt.backupDir, entry.name));
    expect(entry.size).toBe(fs.statSync(entry.path).size);
    // One file: a rollback journal, nothing beside it; it passes the restore checks.
    expect(fs.readdirSync(rt.backupDir)).toEqual([entry.name]);
    expect(checkDatabaseFile(entry.path)).toMatchObject({ ok: true, check: 'integrity_check', schemaVersion: loadMigrations().at(-1)!.version });
    const copy = new BetterSqlite3(entry.path, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT kode FROM bank').all()).toEqual([{ kode: 'BSB' }]);
    copy.close();

    // A second one in the same second gets its own name; the list is newest first.
    const second = await call(rt, 'backup.create', {});
    expect(second.name).toBe('gerbang-serasan-20261123-101500-2.sqlite');
    const list = await call(rt, 'backup.list', {});
    expect(list.folder).toBe(rt.backupDir);
    expect(list.backups.map((b) => b.name)).toEqual([second.name, entry.name]);
  });

  it('names backups with the clock of the runtime', () => {
    expect(timestamp(new Date(2025, 0, 5, 7, 8, 9))).toBe('20250105-070809');
  });
});

describe('a backup taken while others write', () => {
  it('with writes between its steps, through the same and through another connection, restores every committed batch and no part of one', async () => {
    const rt = open();
    let batch = writeBatches(rt.db, 1, 30); // ~6 MB: the copy takes many steps of 50 pages
    const other = new BetterSqlite3(rt.databasePath);
    other.pragma('busy_timeout = 5000');
    cleanups.push(() => void other.close());
    const writes = { same: 0, other: 0 };
    let step = 0;
    const entry = await backupTo(rt.db, rt.backupDir, {
      now: NOW,
      pagesPerStep: 50,
      onProgress: (done) => {
        if (done >= 1) return; // the backup is complete: a write now would not be in it
        step++;
        if (step > 12) return;
        // Another connection's commit restarts the copy; the app's own is carried into it by SQLite.
        const viaOther = step % 2 === 1;
        batch = writeBatches(viaOther ? other : rt.db, batch + 1, 1);
        writes[viaOther ? 'other' : 'same']++;
      },
    });
    expect(writes.other).toBeGreaterThan(0);
    expect(writes.same).toBeGreaterThan(0);
    other.close();

    const restored = await call(rt, 'backup.restore', { name: entry.name });
    expect(restored).toMatchObject({ restoredFrom: entry.name, schemaVersion: loadMigrations().at(-1)!.version });
    expect(integrity(rt.db)).toEqual(['ok']);
    expect(batchesOf(rt.db, ROWS)).toEqual({ batches: batch, complete: true, rows: batch * ROWS });
  });

  it('with another process committing batch after batch, restores to whole batches: every one committed before the backup, none half', async () => {
    const rt = open();
    writeBatches(rt.db, 1, 25); // ~5 MB before the writer starts
    const w = writer(rt.databasePath, 'loop');
    await w.waitForCommit(28);
    const before = w.lastCommitted;
    const entry = await call(rt, 'backup.create', {});
    // Still writing after the backup: a commit reported now was made after the snapshot was taken.
    await w.waitForCommit(w.lastCommitted + 1);
    const after = w.lastCommitted;
    await w.kill();
    const live = batchesOf(rt.db, ROWS);

    await call(rt, 'backup.restore', { name: entry.name });
    expect(integrity(rt.db)).toEqual(['ok']);
    const restored = batchesOf(rt.db, ROWS);
    expect(restored.complete).toBe(true);
    expect(restored.rows).toBe(restored.batches * ROWS);
    expect(restored.batches).toBeGreaterThanOrEqual(before);
    expect(restored.batches).toBeLessThanOrEqual(after);

    // The data replaced was kept first: restoring that copy gives back what the writer had left.
    const safety = listBackups(rt.backupDir).find((b) => b.kind === 'sebelum-pulih')!;
    await call(rt, 'backup.restore', { name: safety.name });
    expect(batchesOf(rt.db, ROWS)).toEqual(live);
  });
});

describe('backup.restore', () => {
  it('replaces the data, keeps the replaced data as sebelum-pulih-…, records who restored, and the app carries on on the new file', async () => {
    let clock = NOW.getTime();
    const rt = open(undefined, () => clock);
    await addBank(rt, 'BSB');
    const backup = await call(rt, 'backup.create', {});
    await addBank(rt, 'BRI');
    const before = rt.db;
    clock += 60_000;

    const result = await call(rt, 'backup.restore', { name: backup.name });
    expect(result).toMatchObject({ restoredFrom: backup.name, safetyCopy: 'sebelum-pulih-20261123-101600.sqlite', schemaVersion: loadMigrations().at(-1)!.version });
    // The list as it now is comes with the answer (every session has ended): the safety copy in it.
    expect(result.daftar.backups.map((b) => b.name)).toContain('sebelum-pulih-20261123-101600.sqlite');
    expect(rt.db).not.toBe(before);
    expect(before.open).toBe(false);
    expect(rt.health.status).toBe('ok');
    // The handlers (the same map the IPC and the bridge hold) now work on the restored file.
    expect(await bankCodes(rt)).toEqual(['BSB']);
    expect(rt.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const audit = rt.db.prepare("SELECT pengguna, aksi, sesudah FROM audit_log WHERE entitas = 'pemulihan_cadangan'").all();
    expect(audit).toEqual([{ pengguna: 'uji', aksi: 'pulihkan', sesudah: JSON.stringify({ dari: backup.name, salinanSebelumnya: result.safetyCopy }) }]);
    // Nothing left beside the database but the database itself and its WAL files.
    expect(fs.readdirSync(rt.dir).filter((f) => !f.startsWith('data.sqlite') && f !== 'cadangan')).toEqual([]);
    expect(fs.readdirSync(rt.dir).filter((f) => f.includes('pulih'))).toEqual([]);

    // The kept copy holds the data as it was, and restores like any backup.
    const kept = listBackups(rt.backupDir).find((b) => b.name === result.safetyCopy)!;
    expect(kept.kind).toBe('sebelum-pulih');
    await call(rt, 'backup.restore', { name: kept.name });
    expect(await bankCodes(rt)).toEqual(['BRI', 'BSB']);
  });

  it('migrates a backup from an older version of the app forward', async () => {
    const rt = open();
    const old = path.join(tmpDir(), 'old.sqlite');
    const raw = new BetterSqlite3(old);
    migrate(raw, loadMigrations().slice(0, 4));
    raw.prepare("INSERT INTO bank (kode, nama) VALUES ('LAMA', 'Bank Lama')").run();
    raw.close();
    const name = plant(rt, 'gerbang-serasan-20250101-080000.sqlite', fs.readFileSync(old));

    const result = await call(rt, 'backup.restore', { name });
    expect(result.schemaVersion).toBe(loadMigrations().at(-1)!.version);
    expect(schemaVersion(rt.db)).toBe(loadMigrations().at(-1)!.version);
    expect(await bankCodes(rt)).toEqual(['LAMA']);
  });

  it('puts the previous data back when the restored file cannot be opened (its migration fails)', async () => {
    const rt = open();
    await addBank(rt, 'BSB');
    const content = contentHash(rt.db);
    // An older backup that passes every check, holding a table a later migration creates: migrating it fails.
    const later = loadMigrations().slice(4);
    const clash = later.map((m) => /CREATE TABLE (\w+)/.exec(m.sql)?.[1]).find((t) => t !== undefined)!;
    const old = path.join(tmpDir(), 'old.sqlite');
    const raw = new BetterSqlite3(old);
    migrate(raw, loadMigrations().slice(0, 4));
    raw.exec(`CREATE TABLE ${clash} (x)`);
    raw.close();
    const name = plant(rt, 'gerbang-serasan-20250101-080000.sqlite', fs.readFileSync(old));

    const error = await callError(rt, 'backup.restore', { name });
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/tidak dapat dibuka .*data semula dikembalikan/);
    expect(rt.health.status).toBe('ok');
    expect(contentHash(rt.db)).toBe(content);
    expect(await bankCodes(rt)).toEqual(['BSB']);
  });

  describe('refuses a corrupt or foreign file, with nothing changed', () => {
    async function goodBackupBytes(rt: Opened): Promise<Buffer> {
      const entry = await call(rt, 'backup.create', {});
      const bytes = fs.readFileSync(entry.path);
      fs.rmSync(entry.path);
      return bytes;
    }

    const cases: [string, RegExp, (rt: Opened) => Promise<Buffer>][] = [
      ['random bytes', /bukan basis data SQLite/, async () => crypto.randomBytes(64 * 1024)],
      [
        'random bytes behind a SQLite header',
        /bukan basis data SQLite|rusak/,
        async () => Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), crypto.randomBytes(64 * 1024)]),
      ],
      ['an empty file', /bukan basis data SQLite/, async () => Buffer.alloc(0)],
      [
        'a backup cut off halfway',
        /rusak/,
        async (rt) => {
          const good = await goodBackupBytes(rt);
          return good.subarray(0, Math.floor(good.length / 2));
        },
      ],
      [
        'a backup with damaged pages',
        /rusak/,
        async (rt) => {
          const bad = Buffer.from(await goodBackupBytes(rt));
          const page = 4096;
          bad.fill(0xa5, 3 * page, Math.min(bad.length, 20 * page));
          return bad;
        },
      ],
      [
        'a SQLite database of another program',
        /bukan basis data Gerbang Serasan/,
        async () => {
          const file = path.join(tmpDir(), 'lain.sqlite');
          const db = new BetterSqlite3(file);
          db.exec("CREATE TABLE catatan (id INTEGER PRIMARY KEY, isi TEXT); INSERT INTO catatan (isi) VALUES ('halo');");
          db.close();
          return fs.readFileSync(file);
        },
      ],
      [
        'a database with a schema_migrations table of its own',
        /bukan basis data Gerbang Serasan/,
        async () => {
          const file = path.join(tmpDir(), 'lain.sqlite');
          const db = new BetterSqlite3(file);
          db.exec(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT); INSERT INTO schema_migrations VALUES (1, 'inventaris'); CREATE TABLE barang (id INTEGER PRIMARY KEY);",
          );
          db.close();
          return fs.readFileSync(file);
        },
      ],
      [
        'a backup from a newer version of the app',
        /versi aplikasi yang lebih baru/,
        async (rt) => {
          const file = path.join(tmpDir(), 'baru.sqlite');
          fs.writeFileSync(file, await goodBackupBytes(rt));
          const db = new BetterSqlite3(file);
          db.prepare("INSERT INTO schema_migrations (version, name) VALUES (999, 'dari_masa_depan')").run();
          db.close();
          return fs.readFileSync(file);
        },
      ],
    ];

    it.each(cases)('%s', async (_what, reason, make) => {
      const rt = open();
      await addBank(rt, 'BSB');
      writeBatches(rt.db, 1, 2);
      const name = plant(rt, 'gerbang-serasan-20260101-090000.sqlite', await make(rt));
      const db = rt.db;
      const content = contentHash(db);
      const folder = fs.readdirSync(rt.backupDir).sort();

      const error = await callError(rt, 'backup.restore', { name });
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(reason);
      expect(error.message).toMatch(/Data saat ini tidak diubah/);
      expect(error.message).toMatch(INDONESIAN);

      // Same connection, same content, no copy made, nothing left behind; the app carries on.
      expect(rt.db).toBe(db);
      expect(contentHash(rt.db)).toBe(content);
      expect(fs.readdirSync(rt.backupDir).sort()).toEqual(folder);
      expect(fs.readdirSync(rt.dir).filter((f) => f.includes('pulih'))).toEqual([]);
      expect(rt.health.status).toBe('ok');
      expect(await bankCodes(rt)).toEqual(['BSB']);
    });

    it('takes only a listed name: no paths, no other files', async () => {
      const rt = open();
      const content = contentHash(rt.db);
      for (const name of ['../data.sqlite', '/etc/passwd', 'data.sqlite', 'gerbang-serasan-20261123-101500.sqlite/../../data.sqlite']) {
        expect((await callError(rt, 'backup.restore', { name })).code).toBe('VALIDATION');
      }
      const missing = await callError(rt, 'backup.restore', { name: 'gerbang-serasan-20990101-000000.sqlite' });
      expect(missing).toMatchObject({ code: 'NOT_FOUND' });
      expect(missing.message).toMatch(/tidak ada di folder cadangan/);
      expect(contentHash(rt.db)).toBe(content);
    });

    it('is refused while another program holds the file open, and the app carries on', async () => {
      const rt = open();
      await addBank(rt, 'BSB');
      const backup = await call(rt, 'backup.create', {});
      await addBank(rt, 'BRI');
      const other = new BetterSqlite3(rt.databasePath);
      cleanups.push(() => void other.close());
      other.prepare("INSERT INTO kecamatan (nama, kode_wilayah) VALUES ('Uji', '16.03.99')").run();
      const content = contentHash(rt.db);

      const error = await callError(rt, 'backup.restore', { name: backup.name });
      expect(error).toMatchObject({ code: 'CONFLICT' });
      expect(error.message).toMatch(/sedang dibuka program lain/);
      expect(contentHash(rt.db)).toBe(content);
      expect(await bankCodes(rt)).toEqual(['BRI', 'BSB']);
    });
  });
});

describe('who may', () => {
  const as = (rt: Runtime, role: 'admin' | 'operator' | 'pemantau') =>
    rt.sessions.open({ userId: 1, username: `uji-${role}`, role, bankId: null, mustChangePassword: false }).token;

  it('health needs no session; an operator backs up but only an admin restores; a restore ends every session', async () => {
    const rt = open();
    expect(await rt.callWithSession(null, 'backup.health', {})).toMatchObject({ ok: true, value: { status: 'ok' } });
    expect(await rt.callWithSession(null, 'backup.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const operator = as(rt, 'operator');
    const viewer = as(rt, 'pemantau');
    const made = await rt.callWithSession(operator, 'backup.create', {});
    expect(made).toMatchObject({ ok: true });
    const name = (made as { value: { name: string } }).value.name;
    expect(await rt.callWithSession(viewer, 'backup.create', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await rt.callWithSession(operator, 'backup.restore', { name })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const admin = as(rt, 'admin');
    expect(await rt.callWithSession(admin, 'backup.restore', { name })).toMatchObject({ ok: true, value: { restoredFrom: name } });
    const audit = rt.db.prepare("SELECT pengguna FROM audit_log WHERE entitas = 'pemulihan_cadangan'").all();
    expect(audit).toEqual([{ pengguna: 'uji-admin' }]);
    for (const token of [admin, operator, viewer]) expect(rt.sessions.get(token)).toBeUndefined();
  });
});

describe('automatic daily backups', () => {
  it('one per day, rotated to the newest N; hand-made backups and safety copies are never deleted', async () => {
    const rt = open();
    const manual = await call(rt, 'backup.create', {});
    plant(rt, 'sebelum-pulih-20200101-000000.sqlite', fs.readFileSync(manual.path));
    const made: string[] = [];
    for (let day = 1; day <= 10; day++) {
      const at = new Date(2026, 11, day, 8, 0, 0);
      const entry = await dailyBackupIfDue(rt.db, rt.backupDir, { now: at, keep: 3 });
      expect(entry?.kind).toBe('otomatis');
      made.push(entry!.name);
      // Starting again the same day makes none.
      expect(await dailyBackupIfDue(rt.db, rt.backupDir, { now: new Date(2026, 11, day, 17, 30, 0), keep: 3 })).toBeNull();
    }
    expect(made[0]).toBe('gerbang-serasan-otomatis-20261201-080000.sqlite');
    const names = listBackups(rt.backupDir).map((b) => b.name);
    expect(names).toEqual([...made.slice(-3).reverse(), manual.name, 'sebelum-pulih-20200101-000000.sqlite']);
  });

  it('runs through the runtime with its clock and its keep setting', async () => {
    let clock = new Date(2026, 10, 20, 9, 0, 0).getTime();
    const databasePath = path.join(tmpDir(), 'data.sqlite');
    const rt = createRuntime({ databasePath, now: () => clock, keepAutomaticBackups: 2 });
    cleanups.push(() => rt.close());
    for (let i = 0; i < 4; i++) {
      expect(await rt.dailyBackup()).not.toBeNull();
      expect(await rt.dailyBackup()).toBeNull();
      clock += 24 * 60 * 60 * 1000;
    }
    expect(listBackups(path.join(path.dirname(databasePath), 'cadangan')).map((b) => b.name)).toEqual([
      'gerbang-serasan-otomatis-20261123-090000.sqlite',
      'gerbang-serasan-otomatis-20261122-090000.sqlite',
    ]);
  });
});

describe('the start-up check', () => {
  function damage(file: string): void {
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(8 * 4096, 0xa5), 0, 8 * 4096, 4 * 4096);
    fs.closeSync(fd);
  }

  it('passes a sound file (integrity_check) and a new one (no check needed)', () => {
    const rt = open();
    expect(rt.health).toEqual({ status: 'ok', message: null, databasePath: rt.databasePath, check: null });
    rt.close();
    const again = open(rt.databasePath);
    expect(again.health).toEqual({ status: 'ok', message: null, databasePath: rt.databasePath, check: 'integrity_check' });
  });

  it('keeps a damaged file untouched, answers only the recovery channels, and a restore brings the app back', async () => {
    const first = open();
    await addBank(first, 'BSB');
    const backup = await call(first, 'backup.create', {});
    await addBank(first, 'BRI');
    first.close();
    damage(first.databasePath);
    const damaged = fileHash(first.databasePath);

    const rt = open(first.databasePath);
    expect(rt.health).toMatchObject({ status: 'rusak', check: 'integrity_check' });
    expect(rt.health.message).toMatch(/rusak/);
    expect(fileHash(rt.databasePath)).toBe(damaged);
    expect(await call(rt, 'backup.health', {})).toEqual(rt.health);

    // Everything else is refused with the reason and the way out.
    const refused = await callError(rt, 'app.info', {});
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/rusak.*Pulihkan data dari cadangan/);
    expect((await callError(rt, 'backup.create', {})).code).toBe('CONFLICT');
    // From the renderer there is no session to be had (the users are in the damaged file): the
    // recovery channels answer without one, nothing else does.
    expect((await rt.callWithSession(null, 'backup.list', {})).ok).toBe(true);
    expect(await rt.callWithSession(null, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const list = await call(rt, 'backup.list', {});
    expect(list.backups.map((b) => b.name)).toEqual([backup.name]);
    // An office server's client PC may see the state, never replace the server's database (docs/office-network.md).
    expect(await rt.callWithSession(null, 'backup.restore', { name: backup.name }, 'https:10.0.0.5 (PC-LAIN)')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fileHash(rt.databasePath)).toBe(damaged);
    const result = await rt.callWithSession(null, 'backup.restore', { name: backup.name });
    expect(result).toMatchObject({ ok: true, value: { restoredFrom: backup.name } });
    expect(rt.health).toMatchObject({ status: 'ok', message: null });
    expect(await bankCodes(rt)).toEqual(['BSB']);
    // The damaged file was kept, byte for byte, in case someone can still rescue something from it.
    const kept = listBackups(rt.backupDir).find((b) => b.kind === 'sebelum-pulih')!;
    expect(fileHash(kept.path)).toBe(damaged);
    // Healthy again: the session gate decides once more.
    expect(await rt.callWithSession(null, 'backup.restore', { name: backup.name })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a database from a newer version of the app with a message, and leaves it as it was', async () => {
    const first = open();
    first.close();
    const raw = new BetterSqlite3(first.databasePath);
    raw.prepare("INSERT INTO schema_migrations (version, name) VALUES (999, 'dari_masa_depan')").run();
    raw.close();
    const bytes = fileHash(first.databasePath);

    const rt = open(first.databasePath);
    expect(rt.health.status).toBe('terlalu-baru');
    expect(rt.health.message).toMatch(/versi aplikasi yang lebih baru.*Perbarui aplikasi/);
    expect(fileHash(rt.databasePath)).toBe(bytes);
    expect((await callError(rt, 'banks.list', {})).message).toMatch(/lebih baru/);
  });

  it('does not migrate a SQLite file of another program into ours, nor read random bytes as a database', async () => {
    const dir = tmpDir();
    const foreign = path.join(dir, 'lain.sqlite');
    const raw = new BetterSqlite3(foreign);
    raw.exec('CREATE TABLE catatan (id INTEGER PRIMARY KEY, isi TEXT)');
    raw.close();
    const rt = open(foreign);
    expect(rt.health.status).toBe('asing');
    rt.close();
    const check = new BetterSqlite3(foreign, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'catatan' }]);
    check.close();

    const noise = path.join(dir, 'acak.sqlite');
    fs.writeFileSync(noise, crypto.randomBytes(32 * 1024));
    const rt2 = open(noise);
    expect(rt2.health).toMatchObject({ status: 'rusak' });
    expect(rt2.health.message).toMatch(/bukan basis data SQLite/);
    expect(countRows(rt2.db, 'bank')).toBe(0); // the in-memory stand-in, never the file
  });
});

describe('the command line', () => {
  const ROOT = path.resolve(__dirname, '..', '..');
  // One process (node --import tsx), as the writer: a launcher would add a process per command.
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron', 'cli.ts'), ...args], {
      encoding: 'utf8',
      cwd: ROOT,
      env: { ...process.env, GERBANG_DB: '' },
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}`.trim() };
  };

  it('backup, check-db and restore <file>, with the same checks as the app', () => {
    const dir = tmpDir();
    const db = path.join(dir, 'data.sqlite');
    const first = open(db);
    writeBatches(first.db, 1, 1);
    first.close();

    const made = cli('backup', '--db', db);
    expect(made.status).toBe(0);
    const [backup] = listBackups(path.join(dir, 'cadangan'));
    expect(made.out).toContain(`Cadangan dibuat: ${backup!.path}`);

    expect(cli('check-db', '--db', db)).toMatchObject({ status: 0, out: `Basis data baik: integrity_check ok, skema versi ${loadMigrations().at(-1)!.version}.` });
    const noise = path.join(dir, 'acak.sqlite');
    fs.writeFileSync(noise, crypto.randomBytes(8192));
    const bad = cli('check-db', noise, '--quick');
    expect(bad.status).toBe(1);
    expect(bad.out).toBe(`Gagal: ${noise}: Berkas ini bukan basis data SQLite (isinya tidak dikenali atau kosong).`);

    // The database itself is no backup; a listed name is.
    expect(cli('restore', db, '--db', db)).toMatchObject({
      status: 1,
      out: 'Gagal: Berkas itu adalah basis data yang sedang dipakai, bukan cadangan. Data saat ini tidak diubah.',
    });
    const restored = cli('restore', backup!.name, '--db', db);
    expect(restored.status).toBe(0);
    expect(restored.out).toMatch(
      new RegExp(`^Data dipulihkan dari ${backup!.name} \\(skema versi \\d+\\)\\. Data sebelumnya disimpan sebagai sebelum-pulih-\\d{8}-\\d{6}\\.sqlite\\.$`),
    );
    expect(cli('backups', '--db', db).out).toMatch(/sebelum-pulih[\s\S]*manual/);
  });
});
