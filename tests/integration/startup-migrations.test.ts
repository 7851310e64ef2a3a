import BetterSqlite3 from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../database/connection';
import { loadMigrations, migrate, schemaVersion } from '../../database/migrate';
import { listDebtors } from '../../database/repositories/debtors';
import { createRuntime } from '../../electron/runtime';
import { migrateBeforeStart, pendingMigrations, startupPage, startupText, startupWork, type StartupProgress } from '../../electron/services/startup/migrations';

/**
 * The first start after an update (electron/services/startup/migrations.ts): the shell asks
 * whether the file has migrations pending, shows its window, and has them run in a worker thread
 * that checks the file first, as the runtime's start does. Real files, a real worker.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-startup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let seq = 0;
const newPath = () => path.join(dir, `data-${++seq}.sqlite`);
const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A file left by the version before debtor_search (the migration that fills an index), with two debtors. */
function olderFile(): { file: string; pending: string[]; version: number } {
  const file = newPath();
  const all = loadMigrations();
  const at = all.findIndex((m) => m.name === 'debtor_search');
  expect(at).toBeGreaterThan(0);
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  migrate(db, all.slice(0, at));
  const insert = db.prepare("INSERT INTO debitur (nik, nama, jenis_kelamin, tanggal_lahir, skala, nama_usaha) VALUES (?, ?, 'L', '1980-01-01', 'mikro', ?)");
  insert.run('1603010101800001', 'Hendra Gunawan', 'Percetakan Sinar');
  insert.run('1603010101800002', 'Rudi Hartono', null);
  db.close();
  return { file, pending: all.slice(at).map((m) => m.name), version: all[at - 1]!.version };
}

describe('pending migrations, read before the start', () => {
  it('names the migrations an older file needs, without writing to it', () => {
    const { file, pending, version } = olderFile();
    const before = hash(file);
    expect(pendingMigrations(file)).toEqual({ from: version, to: loadMigrations().at(-1)!.version, names: pending });
    expect(pending).toContain('loan_search');
    expect(hash(file)).toBe(before);
  });

  it('has nothing to wait for: no file, an empty file, an up-to-date file, a file from a newer version', () => {
    const missing = newPath();
    expect(pendingMigrations(missing)).toBeNull();
    expect(fs.existsSync(missing)).toBe(false);
    const empty = newPath();
    fs.writeFileSync(empty, '');
    expect(pendingMigrations(empty)).toBeNull();
    const current = newPath();
    openDatabase(current).close();
    expect(pendingMigrations(current)).toBeNull();
    const newer = newPath();
    const db = openDatabase(newer);
    db.prepare("INSERT INTO schema_migrations (version, name) VALUES (9999, 'dari_masa_depan')").run();
    db.close();
    expect(pendingMigrations(newer)).toBeNull();
  });
});

describe('the migrations run in a worker before the runtime opens', () => {
  it('checks the file, then runs each pending migration in a worker thread, reporting each step', async () => {
    const { file, pending } = olderFile();
    const seen: StartupProgress[] = [];
    const outcome = await migrateBeforeStart(file, (p) => seen.push(p));
    expect(outcome).toMatchObject({ migrated: true, error: null, check: { ok: true, verdict: 'ok', check: 'integrity_check' } });
    // Not this thread: the main process answered its window meanwhile.
    expect(outcome.threadId).not.toBeNull();
    expect(outcome.threadId).not.toBe(threadId);
    expect(seen).toEqual([{ phase: 'check' }, ...pending.map((name, i) => ({ phase: 'migrate', step: i + 1, steps: pending.length, name }))]);
    expect(pendingMigrations(file)).toBeNull();

    // The runtime then opens the file with the worker's check, finds nothing to migrate, and the
    // index the migration filled answers.
    const rt = createRuntime({ databasePath: file, startCheck: outcome.check });
    try {
      expect(rt.health).toMatchObject({ status: 'ok', check: 'integrity_check' });
      expect(listDebtors(rt.db, { search: 'gunawan', page: 1, pageSize: 10 }).rows.map((d) => d.nama)).toEqual(['Hendra Gunawan']);
    } finally {
      rt.close();
    }
  });

  it('leaves a damaged file untouched for the runtime’s recovery screen', async () => {
    const { file } = olderFile();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(8 * 4096, 0xa5), 0, 8 * 4096, 4 * 4096);
    fs.closeSync(fd);
    const before = hash(file);
    const seen: StartupProgress[] = [];
    const outcome = await migrateBeforeStart(file, (p) => seen.push(p));
    expect(outcome).toMatchObject({ migrated: false, error: null, check: { ok: false, verdict: 'rusak' } });
    expect(seen).toEqual([{ phase: 'check' }]);
    expect(hash(file)).toBe(before);
    // A refused check is not handed on: the runtime checks for itself and opens degraded.
    const rt = createRuntime({ databasePath: file, startCheck: outcome.check });
    try {
      expect(rt.health.status).toBe('rusak');
    } finally {
      rt.close();
    }
  });

  it('reports a migration that fails, with the file as it was (one transaction)', async () => {
    const { file, version } = olderFile();
    // What debtor_search creates is already there: its CREATE fails half-way through the batch.
    const db = new BetterSqlite3(file);
    db.exec('CREATE TABLE debitur_cari (x)');
    db.close();
    const outcome = await migrateBeforeStart(file);
    expect(outcome.migrated).toBe(false);
    expect(outcome.error).toMatch(/debitur_cari already exists/);
    const after = new BetterSqlite3(file, { readonly: true });
    try {
      expect(schemaVersion(after)).toBe(version);
    } finally {
      after.close();
    }
  });
});

describe('whether the start needs its window', () => {
  it('for pending migrations, and for a file big enough that its check takes seconds, on every start', () => {
    const older = olderFile();
    expect(startupWork(older.file)).toBe('migrate');
    const current = newPath();
    openDatabase(current).close();
    const size = fs.statSync(current).size;
    // The default limit is 64 MB; here one byte under and over the file's own size.
    expect(startupWork(current, size)).toBeNull();
    expect(startupWork(current, size - 1)).toBe('check');
    // Migrations first, whatever the size.
    expect(startupWork(older.file, 0)).toBe('migrate');
    expect(startupWork(path.join(dir, 'tidak-ada.sqlite'), 0)).toBeNull();
  });
});

describe('the start-up window’s words', () => {
  it('speaks Indonesian unless the system speaks English, and shows the step', () => {
    const step: StartupProgress = { phase: 'migrate', step: 2, steps: 3, name: 'loan_search' };
    expect(startupText('id', step)).toMatchObject({ title: 'Memperbarui basis data…', line: 'Langkah 2 dari 3' });
    expect(startupText('fr-FR', { phase: 'check' })).toMatchObject({ title: 'Memperbarui basis data…', line: 'Memeriksa berkas basis data…' });
    expect(startupText('en-US', step)).toMatchObject({ title: 'Updating the database…', line: 'Step 2 of 3' });
    expect(startupText('en-GB', { phase: 'check' }).line).toBe('Checking the database file…');
    const page = decodeURIComponent(startupPage('id', step).replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(page).toContain('<h1>Memperbarui basis data…</h1>');
    expect(page).toContain('<p id="langkah">Langkah 2 dari 3</p>');
    expect(page).toContain('lang="id"');
    // No script in it (the window runs with JavaScript off), nothing it could load.
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain("default-src 'none'");
  });

  it('says "checking", not "updating", when a big file is only checked', () => {
    expect(startupText('id', { phase: 'check' }, 'check')).toMatchObject({ title: 'Memeriksa basis data…', line: 'Memeriksa berkas basis data…' });
    expect(startupText('id', null, 'check').note).toContain('berkas basis data yang besar');
    expect(startupText('en-US', { phase: 'check' }, 'check')).toMatchObject({ title: 'Checking the database…', line: 'Checking the database file…' });
    const page = decodeURIComponent(startupPage('en', null, 'check').replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(page).toContain('<h1>Checking the database…</h1>');
  });
});
