/**
 * A process killed (kill -9) in the middle of a large write leaves a sound database holding
 * exactly what it had committed: SQLite's WAL and the app's connection settings (openDatabase)
 * at work. The writer is a child process (tests/fixtures/db-writer.ts); the test waits on what it
 * prints, never on the clock.
 */
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDatabaseFile } from '../../database/backup';
import { openDatabase } from '../../database/connection';
import { createRuntime } from '../../electron/runtime';
import { batchesOf, startWriter, type Writer } from '../helpers/writer';

const ROWS = 200;
const dirs: string[] = [];
const writers: Writer[] = [];

function tmpDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-crash-'));
  dirs.push(dir);
  return path.join(dir, 'data.sqlite');
}

afterEach(async () => {
  for (const w of writers.splice(0)) await w.kill();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function integrity(file: string): string[] {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
}

describe('a writer killed with SIGKILL', () => {
  it('inside an open transaction that has spilled into the WAL: the database holds exactly the committed batches', async () => {
    const file = tmpDb();
    const writer = startWriter(file, 'hang:3', ROWS);
    writers.push(writer);
    // "mid": 3 batches committed, a 24 MB transaction begun and left open; the child now waits for the kill.
    await writer.waitFor((line) => line === 'mid', 'mid');
    expect(writer.lastCommitted).toBe(3);
    // The uncommitted pages are on disk, in the WAL, beyond the committed frames.
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(8 * 1024 * 1024);
    await writer.kill();

    expect(integrity(file)).toEqual(['ok']);
    const db = openDatabase(file);
    try {
      expect(batchesOf(db, ROWS)).toEqual({ batches: 3, complete: true, rows: 3 * ROWS });
    } finally {
      db.close();
    }
  });

  it('while committing batch after batch: whole batches only, at least every one it reported', async () => {
    const file = tmpDb();
    const writer = startWriter(file, 'loop', ROWS);
    writers.push(writer);
    await writer.waitForCommit(5);
    // Killed wherever it is: between batches or (mostly) in the middle of one.
    await writer.kill();
    const reported = writer.lastCommitted;

    expect(integrity(file)).toEqual(['ok']);
    const db = openDatabase(file);
    try {
      const found = batchesOf(db, ROWS);
      expect(found.complete).toBe(true);
      expect(found.rows).toBe(found.batches * ROWS);
      // A commit is durable once it returns; at most the one in flight when it was killed came in addition.
      expect(found.batches).toBeGreaterThanOrEqual(reported);
      expect(found.batches).toBeLessThanOrEqual(reported + 1);
    } finally {
      db.close();
    }
  });

  it('the app starts on the file afterwards: the start-up check passes and nothing is refused', async () => {
    const file = tmpDb();
    const writer = startWriter(file, 'hang:2', ROWS);
    writers.push(writer);
    await writer.waitFor((line) => line === 'mid', 'mid');
    await writer.kill();

    expect(checkDatabaseFile(file, { purpose: 'start' })).toMatchObject({ ok: true, check: 'integrity_check' });
    const rt = createRuntime({ databasePath: file, user: 'uji' });
    try {
      expect(rt.health).toMatchObject({ status: 'ok', message: null });
      expect(batchesOf(rt.db, ROWS)).toEqual({ batches: 2, complete: true, rows: 2 * ROWS });
    } finally {
      rt.close();
    }
  });
});
