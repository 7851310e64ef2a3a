/**
 * Issue 14, the office network, on loopback with real processes: the headless office server
 * (`npm run server`) as a child process over a temporary SQLite file, speaking TLS, and client
 * PCs as the client-mode forwarding module (electron/office/client.ts), each connecting from its
 * own loopback address (127.0.0.2, 127.0.0.3, …) as separate PCs on a LAN would.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRow, LoanDetail, Page, Result, SessionInfo, User } from '../../electron/contract';
import { createRuntime } from '../../electron/runtime';
import { invoke } from '../../electron/services/dispatch';
import { pairingCodeOf } from '../../electron/office/certificate';
import { LOST_ANSWER, createOfficeClient, discoverServers, probeServer, type OfficeClient, type PinnedServer } from '../../electron/office/client';
import { createSwitchboard } from '../../electron/office/switchboard';
import { ADMIN, OPERATOR, VERIFIER, ok, prepareDatabase, startServerProcess, type ServerProcess } from '../helpers/office';
import { loan12jt } from '../helpers/loan';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-kantor-'));
const clients: OfficeClient[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of servers) await s.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function client(pin: PinnedServer, localAddress: string, pcName: string): OfficeClient {
  const c = createOfficeClient({ ...pin, localAddress, pcName, heartbeatMs: 0 });
  clients.push(c);
  return c;
}

async function signIn(c: OfficeClient, user: { username: string; password: string }): Promise<string> {
  return (ok(await c.call(null, 'auth.login', user)) as SessionInfo).token;
}

describe('office server and two client PCs over TLS', () => {
  const dbFile = path.join(dir, 'kantor', 'gerbang-serasan.sqlite');
  let server: ServerProcess;
  let pin: PinnedServer;

  beforeAll(async () => {
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
    await prepareDatabase(dbFile);
    server = await startServerProcess(dbFile);
    servers.push(server);
  }, 60_000);

  it('makes its certificate on first start next to the database, the key readable by its owner only', () => {
    const folder = path.dirname(dbFile);
    expect(fs.existsSync(path.join(folder, 'kantor-tls.crt'))).toBe(true);
    expect(fs.statSync(path.join(folder, 'kantor-tls.key')).mode & 0o077).toBe(0);
    expect(server.output()).toContain(`Sidik jari sertifikat: ${server.sidikJari}`);
    expect(server.kodePairing).toBe(pairingCodeOf(server.sidikJari));
  });

  it('a client reads the certificate it will pin: the same fingerprint and pairing code the server shows', async () => {
    const probed = await probeServer('127.0.0.1', server.port);
    expect(probed.sidikJari).toBe(server.sidikJari);
    expect(pairingCodeOf(probed.sidikJari)).toBe(server.kodePairing);
    pin = { alamat: '127.0.0.1', port: server.port, sertifikat: probed.sertifikat, sidikJari: probed.sidikJari };
  });

  it('speaks TLS only: plain HTTP on the port gets no answer from the API', async () => {
    const answer = await fetch(`http://127.0.0.1:${server.port}/api/app.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(
      (r) => r.status,
      () => 'no-http',
    );
    expect(answer).not.toBe(200);
  });

  it('four-eyes across PCs: the operator enters a loan on one PC, the verifier approves it on the other; the trail names both PCs', async () => {
    const pcA = client(pin, '127.0.0.2', 'PC-OPERATOR');
    const pcB = client(pin, '127.0.0.3', 'PC-VERIFIKATOR');
    const sari = await signIn(pcA, OPERATOR);
    const budi = await signIn(pcB, VERIFIER);
    const banks = ok(await pcA.call(sari, 'banks.list', {})) as { id: number }[];
    const schemes = ok(await pcA.call(sari, 'schemes.list', {})) as { id: number }[];
    const debtors = ok(await pcA.call(sari, 'debtors.list', {})) as Page<{ id: number }>;
    const loan = ok(await pcA.call(sari, 'loans.save', loan12jt({ debiturId: debtors.rows[0]!.id, bankId: banks[0]!.id, skemaId: schemes[0]!.id }))) as LoanDetail;
    expect(loan.status).toBe('diajukan');
    // The operator's PC cannot approve; the verifier's can.
    expect(await pcA.call(sari, 'loans.transition', { id: loan.id, versi: loan.versi, ke: 'disetujui', tanggal: '2025-01-12' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const approved = ok(await pcB.call(budi, 'loans.transition', { id: loan.id, versi: loan.versi, ke: 'disetujui', tanggal: '2025-01-12' })) as LoanDetail;
    expect(approved.status).toBe('disetujui');

    const trail = ok(await pcB.call(budi, 'audit.list', { entitas: 'pinjaman', page: 1, pageSize: 50 })) as Page<AuditRow>;
    const forLoan = trail.rows.filter((r) => r.entitasId === loan.id).map((r) => ({ pengguna: r.pengguna, asal: r.asal }));
    expect(forLoan).toEqual(
      expect.arrayContaining([
        { pengguna: 'sari', asal: 'https:127.0.0.2 (PC-OPERATOR)' },
        { pengguna: 'budi', asal: 'https:127.0.0.3 (PC-VERIFIKATOR)' },
      ]),
    );
    expect((ok(await pcB.call(budi, 'audit.verify', {})) as { ok: boolean }).ok).toBe(true);

    // The user admin shows where each one is signed in.
    const kepala = await signIn(pcA, ADMIN);
    const users = ok(await pcA.call(kepala, 'users.list', {})) as (User & { masukDari: string[] })[];
    expect(users.find((u) => u.username === 'sari')!.masukDari).toEqual(['https:127.0.0.2 (PC-OPERATOR)']);
    expect(users.find((u) => u.username === 'budi')!.masukDari).toEqual(['https:127.0.0.3 (PC-VERIFIKATOR)']);
  });

  it('slows a password guesser per address: the guessing PC waits, another PC signs in at once; a new PC name or a forwarded-for header does not help', async () => {
    const guesser = client(pin, '127.0.0.4', 'PC-TAMU');
    for (let i = 0; i < 4; i++)
      expect(await guesser.call(null, 'auth.login', { username: ADMIN.username, password: `tebakan${i}` })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const refused = await guesser.call(null, 'auth.login', ADMIN);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!refused.ok && refused.error.message).toMatch(/Terlalu banyak percobaan masuk yang salah dari perangkat ini\. Coba lagi dalam \d+ detik/);
    // Same address under another name: still waiting.
    expect(await client(pin, '127.0.0.4', 'PC-LAIN').call(null, 'auth.login', ADMIN)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A header claiming another address is not read.
    const spoofed = await new Promise<Result<unknown>>((resolve, reject) => {
      const req = https.request(
        `https://127.0.0.1:${server.port}/api/auth.login`,
        {
          method: 'POST',
          localAddress: '127.0.0.4',
          ca: [pin.sertifikat],
          checkServerIdentity: () => undefined,
          headers: { 'content-type': 'application/json', 'x-gerbang-klien': '1', 'x-forwarded-for': '10.9.9.9', 'x-real-ip': '10.9.9.9' },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString('utf8')));
          res.on('end', () => resolve(JSON.parse(text) as Result<unknown>));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(ADMIN));
    });
    expect(spoofed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Another PC is not held up.
    expect((await client(pin, '127.0.0.5', 'PC-KASI').call(null, 'auth.login', ADMIN)).ok).toBe(true);
    // The delay is in the trail with the guessing PC's address.
    const kepala = await signIn(client(pin, '127.0.0.5', 'PC-KASI'), ADMIN);
    const trail = ok(await clients.at(-1)!.call(kepala, 'audit.list', { entitas: 'masuk', page: 1, pageSize: 10 })) as Page<AuditRow>;
    expect(trail.rows[0]).toMatchObject({ asal: 'https:127.0.0.4 (PC-TAMU)', sesudah: { asal: 'https:127.0.0.4 (PC-TAMU)', percobaanSalah: 4 } });
  });

  it('refuses a request from a web page (no client header, or an Origin) and a Host name that is not this PC', async () => {
    const raw = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = https.request(
          `https://127.0.0.1:${server.port}/api/app.info`,
          { method: 'POST', ca: [pin.sertifikat], checkServerIdentity: () => undefined, headers: { 'content-type': 'application/json', ...headers } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    expect(await raw({ 'x-gerbang-klien': '1' })).toBe(200);
    expect(await raw({})).toBe(403);
    expect(await raw({ 'x-gerbang-klien': '1', origin: 'https://jahat.example' })).toBe(403);
    expect(await raw({ 'x-gerbang-klien': '1', host: 'jahat.example' })).toBe(403);
    expect(await raw({ 'x-gerbang-klien': '1', host: `${os.hostname()}:${server.port}` })).toBe(200);
  });

  it('an upload up to the contract’s 50 MB passes through the client to the server; a bigger one gets the same message', async () => {
    const pc = client(pin, '127.0.0.6', 'PC-IMPOR');
    const kepala = await signIn(pc, ADMIN);
    // 45 MB of file as base64 reaches the server's import service (it answers about the unknown bank, not the size).
    const near = await pc.call(kepala, 'imports.upload', {
      jenis: 'tagihan',
      bankId: 999,
      namaBerkas: 'besar.csv',
      isiBase64: Buffer.alloc(45 * 1024 * 1024, 65).toString('base64'),
    });
    expect(near).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { bankId: 'Bank tidak dikenal' } } });
    expect(pc.state().online).toBe(true);
    const over = await pc.call(kepala, 'imports.upload', {
      jenis: 'tagihan',
      bankId: 999,
      namaBerkas: 'besar.csv',
      isiBase64: Buffer.alloc(52 * 1024 * 1024, 65).toString('base64'),
    });
    expect(over).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Berkas terlalu besar (paling besar 50 MB)' } });
  }, 120_000);

  it('answers a client looking for servers on the LAN (UDP on the same port)', async () => {
    // Loopback has no broadcast: the question is sent to the server's address, as a broadcast reaches it on a LAN.
    const found = await discoverServers(server.port, 1_500, '127.0.0.1');
    expect(found).toEqual([{ alamat: '127.0.0.1', port: server.port, nama: os.hostname() }]);
  });

  it('a pinned client refuses another server with another certificate on the same address and port, and works again with the real one', async () => {
    const pc = client(pin, '127.0.0.2', 'PC-OPERATOR');
    const token = await signIn(pc, OPERATOR);
    await server.stop();
    // Another "server" (its own data folder, so its own certificate) takes the address and port.
    const fakeDb = path.join(dir, 'palsu', 'palsu.sqlite');
    fs.mkdirSync(path.dirname(fakeDb), { recursive: true });
    await prepareDatabase(fakeDb);
    const impostor = await startServerProcess(fakeDb, server.port);
    servers.push(impostor);
    expect(impostor.sidikJari).not.toBe(pin.sidikJari);
    const refused = await pc.call(null, 'auth.login', OPERATOR);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!refused.ok && refused.error.message).toContain('Sertifikat server kantor berbeda dari yang disimpan saat pertama terhubung');
    expect(pc.state()).toMatchObject({ online: false });
    // Nothing reached its app: four wrong passwords would have left a delay entry in its trail.
    for (let i = 0; i < 4; i++)
      expect(await pc.call(null, 'auth.login', { username: OPERATOR.username, password: `salah${i}` })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await impostor.stop();
    const fake = new Database(fakeDb, { readonly: true });
    expect(fake.prepare("SELECT count(*) AS n FROM audit_log WHERE entitas = 'masuk'").get()).toEqual({ n: 0 });
    fake.close();

    server = await startServerProcess(dbFile, server.port);
    servers.push(server);
    expect((await pc.check()).online).toBe(true);
    // A restart signs everybody out (sessions live in the server's memory): the old token is refused, signing in works.
    expect(await pc.call(token, 'banks.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await pc.call(null, 'auth.login', OPERATOR)).ok).toBe(true);
  }, 60_000);
});

describe('the server killed in the middle of a long write', () => {
  it('leaves nothing half-written; the client is told the answer was lost, goes offline, and reconnects after the restart', async () => {
    const dbFile = path.join(dir, 'mati', 'gerbang-serasan.sqlite');
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
    const rt = createRuntime({ databasePath: dbFile, user: 'persiapan' });
    const admin = ok(await invoke(rt.handlers, 'users.save', { username: ADMIN.username, nama: 'Kepala', peran: 'admin', passwordAwal: ADMIN.password }));
    rt.db.prepare('UPDATE pengguna SET wajib_ganti_sandi = 0 WHERE id = ?').run(admin.id);
    rt.close();

    let server = await startServerProcess(dbFile);
    servers.push(server);
    const probed = await probeServer('127.0.0.1', server.port);
    const pc = client({ alamat: '127.0.0.1', port: server.port, sertifikat: probed.sertifikat, sidikJari: probed.sidikJari }, '127.0.0.2', 'PC-ADMIN');
    const token = await signIn(pc, ADMIN);
    expect((await pc.check()).online).toBe(true);

    // The demo data set: thousands of rows in one transaction. Killed once the write is under way:
    // the server holds SQLite's write lock (another connection's BEGIN IMMEDIATE is refused busy)
    // and has not answered yet.
    const watcher = new Database(dbFile, { timeout: 0 });
    const writing = () => {
      try {
        watcher.exec('BEGIN IMMEDIATE');
        watcher.exec('ROLLBACK');
        return false;
      } catch (err) {
        return (err as { code?: string }).code === 'SQLITE_BUSY';
      }
    };
    let answer: Result<unknown> | null = null;
    const pending = pc.call(token, 'app.loadDemo', {}).then((r) => (answer = r));
    await expect.poll(() => writing() || answer !== null, { timeout: 60_000, interval: 10 }).toBe(true);
    watcher.close();
    expect(answer).toBeNull();
    await server.kill();
    const lost = await pending;
    expect(lost).toEqual({ ok: false, error: { code: 'OFFLINE', message: LOST_ANSWER } });
    expect(pc.state().online).toBe(false);
    // Offline: a call is refused with the typed error, nothing sent.
    const offline = await pc.call(token, 'banks.list', {});
    expect(offline).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(!offline.ok && offline.error.message).toMatch(/^Tidak terhubung ke server kantor \(127\.0\.0\.1:\d+\)\. Perubahan tidak dikirim\./);

    // Nothing half-written: the file is sound and holds all of the demo set or none of it (the
    // kill came while the write lock was held, so in practice none: it never committed).
    const db = new Database(dbFile, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const counts = db.prepare('SELECT (SELECT count(*) FROM bank) AS bank, (SELECT count(*) FROM debitur) AS debitur, (SELECT count(*) FROM pinjaman) AS pinjaman').get() as Record<
      string,
      number
    >;
    const demoAuditEntries = (db.prepare("SELECT count(*) AS n FROM audit_log WHERE entitas = 'data_contoh'").get() as { n: number }).n;
    db.close();
    const committed = counts.pinjaman! > 0;
    // All or none: the loans, their debtors and banks, and the audit entry saying so, together.
    expect(committed ? counts.bank! > 0 && counts.debitur! > 0 && demoAuditEntries === 1 : counts.bank === 0 && counts.debitur === 0 && demoAuditEntries === 0).toBe(true);

    server = await startServerProcess(dbFile, server.port);
    servers.push(server);
    expect((await pc.check()).online).toBe(true);
    // What the clerk does: sign in again, look whether it is there, do it again only if not.
    const again = await signIn(pc, ADMIN);
    expect((ok(await pc.call(again, 'banks.list', {})) as unknown[]).length > 0).toBe(committed);
    const retry = await pc.call(again, 'app.loadDemo', {});
    expect(retry.ok).toBe(!committed);
    expect((ok(await pc.call(again, 'banks.list', {})) as unknown[]).length).toBeGreaterThan(0);
    expect((ok(await pc.call(again, 'audit.verify', {})) as { ok: boolean }).ok).toBe(true);
  }, 180_000);
});

describe('the office settings are this PC’s own (electron/office/switchboard.ts)', () => {
  it('refuses kantor.* from another PC, server mode without this database’s admin, and a wrong pairing code', async () => {
    const dataDir = path.join(dir, 'pc-sendiri');
    const databasePath = path.join(dataDir, 'gerbang-serasan.sqlite');
    const board = await createSwitchboard({ dataDir, databasePath, openRuntime: () => createRuntime({ databasePath }), heartbeatMs: 0 });
    try {
      expect(await board.call(null, 'kantor.status', {}, 'https:10.0.0.5 (PC-LAIN)')).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Pengaturan jaringan kantor hanya dapat diubah di PC itu sendiri.' },
      });
      expect(await board.call(null, 'kantor.status', {}, 'ipc:jendela')).toMatchObject({ ok: true, value: { mode: 'mandiri', server: null, klien: null } });
      expect(await board.call(null, 'kantor.setServer', { aktif: true, port: 7443 }, 'ipc:jendela')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      // An operator of this database may not either.
      const rt = board.runtime()!;
      ok(await invoke(rt.handlers, 'users.save', { username: 'rina', nama: 'Rina', peran: 'operator', passwordAwal: 'Operator-2026' }));
      const rina = ok(await rt.callWithSession(null, 'auth.login', { username: 'rina', password: 'Operator-2026' }, 'ipc:jendela')) as SessionInfo;
      expect(await board.call(rina.token, 'kantor.setServer', { aktif: true, port: 7443 }, 'ipc:jendela')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await board.call(null, 'kantor.setServer', { aktif: true, port: 80 }, 'ipc:jendela')).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', fields: { port: 'Port paling kecil 1024' } },
      });

      // A wrong pairing code for the server at that address: nothing pinned, still working alone.
      const server = servers.find((s) => s.child.exitCode === null && s.child.signalCode === null)!;
      expect(await board.call(null, 'kantor.connect', { alamat: '127.0.0.1', port: server.port, kodePairing: 'AAAA-BBBB-CCCC' }, 'ipc:jendela')).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', fields: { kodePairing: expect.stringContaining('Kode pairing tidak cocok') } },
      });
      expect(board.status().mode).toBe('mandiri');
      expect(fs.existsSync(path.join(dataDir, 'kantor.json'))).toBe(false);
      // Nobody listening: offline, in Indonesian.
      expect(await board.call(null, 'kantor.probe', { alamat: '127.0.0.1', port: 1 + 1023 }, 'ipc:jendela')).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    } finally {
      await board.close();
    }
  });
});
