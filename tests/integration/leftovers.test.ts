/**
 * Housekeeping: what interrupted backups, restores and uploads leave beside the database is
 * removed at start and on the schedule — and work that may still be in flight is left alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../electron/runtime';
import { importFileFromPath } from '../../electron/services/imports/import-file';
import { call } from '../helpers/runtime';

const HOUR = 60 * 60 * 1000;
const NOW = new Date(2026, 10, 23, 10, 15, 0).getTime();

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function setup(): { dir: string; databasePath: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-sisa-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, databasePath: path.join(dir, 'gerbang-serasan.sqlite') };
}

function open(databasePath: string, now = NOW): Runtime {
  const rt = createRuntime({ databasePath, user: 'tester', today: () => '2026-11-23', now: () => now });
  cleanups.push(() => rt.close());
  return rt;
}

/** Writes a file of `size` bytes last touched `ageMs` before NOW. */
function plant(file: string, ageMs: number, size = 1000): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.alloc(size, 1));
  const t = new Date(NOW - ageMs);
  fs.utimesSync(file, t, t);
}

describe('leftovers of interrupted work', () => {
  it('at start: old partial backups, a restore’s staging copy and old temporary uploads go; recent ones and real backups stay', async () => {
    const { dir, databasePath } = setup();
    open(databasePath).close();
    const cadangan = path.join(dir, 'cadangan');
    const berkas = path.join(dir, 'berkas');
    plant(path.join(cadangan, '.otomatis-20261120-020000.sqlite.sebagian'), 3 * HOUR, 74_000);
    plant(path.join(cadangan, '.sebelum-pulih-20261121-090000.sqlite.sebagian'), 2 * HOUR);
    plant(path.join(cadangan, '.manual-20261123-101000.sqlite.sebagian'), 5 * 60 * 1000); // a backup running now
    plant(path.join(cadangan, 'manual-20261120-090000.sqlite'), 72 * HOUR); // a real backup
    plant(`${databasePath}.pulih-sementara`, 10 * 60 * 1000);
    plant(path.join(berkas, '.3f1c.tmp'), 2 * HOUR);
    plant(path.join(berkas, '.9abc.tmp'), 60 * 1000); // an upload being written

    const rt = open(databasePath);
    expect(rt.health.status).toBe('ok');
    expect(fs.readdirSync(cadangan).sort()).toEqual(['.manual-20261123-101000.sqlite.sebagian', 'manual-20261120-090000.sqlite']);
    expect(fs.existsSync(`${databasePath}.pulih-sementara`)).toBe(false);
    expect(fs.readdirSync(berkas)).toEqual(['.9abc.tmp']);
  });

  it('on the schedule: an upload never imported goes after a day; the original of an import never does; no restore staging is touched', async () => {
    const { dir, databasePath } = setup();
    const rt = open(databasePath);
    await call(rt, 'app.loadDemo', {});
    const loan = (await call(rt, 'loans.list', { pageSize: 1 })).rows[0]!;
    const berkas = path.join(dir, 'berkas');
    // An imported claim: its kept original must survive any age.
    const csv = path.join(dir, 'posisi.csv');
    fs.writeFileSync(csv, `No Rek;Periode;Baki Debet;Kol\n${loan.nomorRekening};2026-11;1000000;1\n`);
    const r = await importFileFromPath(rt.handlers, { file: csv, jenis: 'posisi', bankId: loan.bankId });
    expect(r.commit?.jumlahBaris).toBe(1);
    const keptImported = fs.readdirSync(berkas).find((f) => f.startsWith(r.inspection.berkas))!;
    expect(keptImported).toBeDefined();
    const stale = `${'a'.repeat(64)}.csv`;
    const fresh = `${'b'.repeat(64)}.xlsx`;
    plant(path.join(berkas, stale), 30 * HOUR);
    plant(path.join(berkas, fresh), 3 * HOUR);
    fs.utimesSync(path.join(berkas, keptImported), new Date(NOW - 400 * HOUR), new Date(NOW - 400 * HOUR));
    plant(`${databasePath}.pulih-sementara`, 10 * HOUR);

    const removed = rt.housekeeping();
    expect(removed?.files).toEqual([path.join('berkas', stale)]);
    const left = fs.readdirSync(berkas).sort();
    expect(left).toContain(fresh);
    expect(left).toContain(keptImported);
    expect(fs.existsSync(`${databasePath}.pulih-sementara`)).toBe(true);
  });
});
