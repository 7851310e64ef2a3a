import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../database/connection';
import { DatabaseTooNewError, loadMigrations, migrate, schemaVersion } from '../../database/migrate';

const tmpFiles: string[] = [];
function tmpDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-mig-'));
  tmpFiles.push(dir);
  return path.join(dir, 'data.sqlite');
}
afterEach(() => {
  for (const d of tmpFiles.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('migrations', () => {
  it('creates a fresh database with WAL, foreign keys and every migration recorded', () => {
    const db = openDatabase(tmpDb());
    const all = loadMigrations();
    expect(schemaVersion(db)).toBe(all.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(all.map((m) => ({ version: m.version, name: m.name })));
    expect((db.prepare('SELECT count(*) AS n FROM kecamatan').get() as { n: number }).n).toBe(22);
    db.close();
  });

  it('rebuilding impor_berkas for the new import kinds keeps every import, its id and what points at it', () => {
    const file = tmpDb();
    const all = loadMigrations();
    const before = all.findIndex((m) => m.name === 'import_kinds');
    expect(before).toBeGreaterThan(0);
    const raw = new BetterSqlite3(file);
    raw.pragma('foreign_keys = ON');
    migrate(raw, all.slice(0, before));
    raw.prepare("INSERT INTO bank (id, kode, nama) VALUES (3, 'X', 'Bank X')").run();
    raw
      .prepare(
        "INSERT INTO impor_berkas (id, jenis, bank_id, nama_berkas, sha256, jumlah_baris, total_nilai, dibuat_oleh) VALUES (7, 'tagihan', 3, 'okt.csv', 'ab', 2, 150000, 'rina')",
      )
      .run();
    raw.prepare("INSERT INTO tagihan (id, bank_id, periode_awal, periode_akhir, total_diklaim, impor_id) VALUES (5, 3, '2026-10', '2026-10', 150000, 7)").run();
    raw.prepare("INSERT INTO impor_templat (jenis, bank_id, pemetaan, diubah_oleh) VALUES ('tagihan', 3, '{}', 'rina')").run();
    raw.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT id, jenis, bank_id, nama_berkas, total_nilai, dibuat_oleh, sk_id FROM impor_berkas').all()).toEqual([
      { id: 7, jenis: 'tagihan', bank_id: 3, nama_berkas: 'okt.csv', total_nilai: 150000, dibuat_oleh: 'rina', sk_id: null },
    ]);
    expect(db.prepare('SELECT impor_id FROM tagihan WHERE id = 5').get()).toEqual({ impor_id: 7 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The new kinds are accepted; an unknown one still is not; a decree list's template has no sender.
    db.prepare("INSERT INTO impor_berkas (jenis, nama_berkas, sha256) VALUES ('pinjaman', 'nominatif.xlsx', 'cd')").run();
    expect(() => db.prepare("INSERT INTO impor_berkas (jenis, nama_berkas, sha256) VALUES ('lain', 'x.csv', 'ef')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO impor_templat (jenis, pemetaan, diubah_oleh) VALUES ('sk_penerima', '{}', 'rina')").run();
    expect(() => db.prepare("INSERT INTO impor_templat (jenis, pemetaan, diubah_oleh) VALUES ('sk_penerima', '{}', 'budi')").run()).toThrow(/UNIQUE/);
    db.close();
  });

  it('a table rebuild that would leave a reference dangling is refused whole, and foreign keys stay on', () => {
    const file = tmpDb();
    const all = loadMigrations();
    const db = openDatabase(file);
    db.prepare("INSERT INTO bank (id, kode, nama) VALUES (3, 'X', 'Bank X')").run();
    db.prepare("INSERT INTO impor_berkas (id, jenis, bank_id, nama_berkas, sha256) VALUES (7, 'tagihan', 3, 'okt.csv', 'ab')").run();
    db.prepare("INSERT INTO tagihan (id, bank_id, periode_awal, periode_akhir, impor_id) VALUES (5, 3, '2026-10', '2026-10', 7)").run();
    const careless = { version: all.at(-1)!.version + 1, name: 'careless', sql: '-- migrate: foreign-keys-off\nDELETE FROM impor_berkas;' };
    expect(() => migrate(db, [...all, careless])).toThrow(/Migrasi merusak rujukan: 1 baris, mis\. tagihan/);
    expect(schemaVersion(db)).toBe(all.at(-1)!.version);
    expect(db.prepare('SELECT count(*) AS n FROM impor_berkas').get()).toEqual({ n: 1 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('brings an existing database up to date and keeps its data', () => {
    const file = tmpDb();
    const all = loadMigrations();
    const raw = new BetterSqlite3(file);
    migrate(raw, all.slice(0, 1));
    raw.prepare("INSERT INTO bank (kode, nama) VALUES ('X', 'Bank X')").run();
    expect(schemaVersion(raw)).toBe(1);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(all.at(-1)!.version);
    expect(db.prepare('SELECT nama FROM bank').all()).toEqual([{ nama: 'Bank X' }]);
    db.close();
  });

  it('four-eyes ids are backfilled from the names recorded before them, where the name still exists', () => {
    const file = tmpDb();
    const all = loadMigrations();
    const at = all.findIndex((m) => m.name === 'four_eyes_ids');
    const raw = new BetterSqlite3(file);
    migrate(raw, all.slice(0, at));
    raw.prepare("INSERT INTO bank (id, kode, nama) VALUES (1, 'X', 'Bank X')").run();
    raw.prepare("INSERT INTO pengguna (id, username, nama, peran, password_hash) VALUES (7, 'Budi', 'Budi', 'operator', 'x')").run();
    const claim = raw.prepare("INSERT INTO tagihan (bank_id, periode_awal, periode_akhir, dibuat_oleh) VALUES (1, '2026-10', '2026-10', ?)");
    claim.run('budi');
    claim.run('sudah-diganti-namanya');
    raw.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT dibuat_oleh, dibuat_oleh_id FROM tagihan ORDER BY id').all()).toEqual([
      { dibuat_oleh: 'budi', dibuat_oleh_id: 7 },
      { dibuat_oleh: 'sudah-diganti-namanya', dibuat_oleh_id: null },
    ]);
    db.close();
  });

  it('is a no-op when re-run', () => {
    const file = tmpDb();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(migrate(db)).toEqual({ from: loadMigrations().at(-1)!.version, to: loadMigrations().at(-1)!.version });
    db.close();
  });

  it('rolls back a failing migration completely', () => {
    const file = tmpDb();
    const raw = new BetterSqlite3(file);
    const broken = [...loadMigrations(), { version: 99, name: 'broken', sql: 'CREATE TABLE ok_table (x); INSERT INTO no_such_table VALUES (1);' }];
    expect(() => migrate(raw, broken)).toThrow();
    // Nothing of the failed batch stays: neither earlier migrations of the batch nor half of the broken one.
    expect(schemaVersion(raw)).toBe(0);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('bank', 'ok_table')").get()).toEqual({ n: 0 });
    raw.close();
  });

  it('refuses a database written by a newer app version', () => {
    const file = tmpDb();
    const db = openDatabase(file);
    db.prepare("INSERT INTO schema_migrations (version, name) VALUES (999, 'dari_masa_depan')").run();
    db.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
  });

  it('enforces the domain rules in CHECK constraints', () => {
    const db = openDatabase(tmpDb());
    expect(() => db.prepare("INSERT INTO debitur (nik, nama, jenis_kelamin, tanggal_lahir, skala) VALUES ('123', 'A', 'L', '1980-01-01', 'mikro')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO bank_cabang (bank_id, kode, nama) VALUES (12345, 'C', 'Cabang')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
