/**
 * Two processes writing the same file: a second app window, the CLI or a backup job beside the app.
 * The other process is a child (tests/fixtures/db-writer.ts) that holds SQLite's write lock while
 * this one calls a service; the test waits on what the child prints, not on the clock.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUSY_MESSAGE } from '../../electron/services/dispatch';
import { startWriter, type Writer } from '../helpers/writer';
import { countRows, createTempRuntime, send, type TempRuntime } from '../helpers/runtime';

const writers: Writer[] = [];
const runtimes: TempRuntime[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const w of writers.splice(0)) await w.kill();
  for (const rt of runtimes.splice(0)) rt.dispose();
});

function setup(mode: string) {
  const rt = createTempRuntime({ prefix: 'gs-busy-' });
  runtimes.push(rt);
  const writer = startWriter(rt.databasePath, mode);
  writers.push(writer);
  return { rt, writer };
}

const bank = { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [] };

describe('two processes writing at once', () => {
  it('a write meeting a lock held past the wait gets a clear Indonesian message, not an internal error', async () => {
    const { rt, writer } = setup('hold:0');
    await writer.waitFor((l) => l === 'holding', 'holding');
    // The wait for the other writer is cut short so the test does not sit out five seconds.
    rt.db.pragma('busy_timeout = 200');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await send(rt, 'banks.save', bank)).toEqual({ ok: false, error: { code: 'CONFLICT', message: BUSY_MESSAGE } });
    expect(logged).not.toHaveBeenCalled();
    await writer.kill();
    expect(countRows(rt.db, 'bank')).toBe(0);
    // Once the other process is gone the same call goes through.
    expect((await send(rt, 'banks.save', bank)).ok).toBe(true);
  });

  it('a write that starts while another process holds the lock waits for it and then succeeds (BEGIN IMMEDIATE, no SQLITE_BUSY_SNAPSHOT)', async () => {
    const { rt, writer } = setup('hold:800');
    await writer.waitFor((l) => l === 'holding', 'holding');
    // banks.save reads (is the code taken?) before it writes: begun DEFERRED, its snapshot would be
    // stale once the other process commits, and SQLite would refuse the write at once.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const saved = await send(rt, 'banks.save', bank);
    expect(logged).not.toHaveBeenCalled();
    expect(saved).toMatchObject({ ok: true, value: { kode: 'BSB' } });
    await writer.waitFor((l) => l === 'released', 'released');
    expect(countRows(rt.db, 'uji_tulis')).toBe(1);
    expect(countRows(rt.db, 'bank')).toBe(1);
  });
});
