/**
 * A PC that only serves the office: `npm run server -- --db FILE [--port N] [--host ADDRESS]`.
 * Opens the database (refused on a network share), serves it over HTTPS to the LAN with the
 * certificate kept next to it, takes the daily backup and clears leftovers as the app does.
 */
import os from 'node:os';
import path from 'node:path';
import { createRuntime } from '../runtime';
import { nodePrinter } from '../services/documents/node-printer';
import { DEFAULT_OFFICE_PORT } from '../contract/office';
import { startOfficeServer } from './server';
import { networkShareRefusal } from './network-share';

const HOUSEKEEPING_EVERY_MS = 6 * 60 * 60 * 1000;

const HELP = `Gerbang Serasan — server kantor (tanpa jendela)

Pemakaian: npm run server -- --db BERKAS [--port N] [--host ALAMAT]

  --db BERKAS    berkas basis data di disk PC ini (bukan folder jaringan); bawaan $GERBANG_DB
  --port N       port HTTPS dan pencarian LAN (bawaan ${DEFAULT_OFFICE_PORT})
  --host ALAMAT  hanya pada alamat ini (bawaan: semua kartu jaringan)

Sertifikat (kantor-tls.crt/.key), cadangan dan berkas impor disimpan di folder basis data.
Lihat docs/office-network.md.
`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const db = option(args, '--db') || process.env.GERBANG_DB;
  if (!db) {
    process.stderr.write(`Sebutkan berkas basis data dengan --db.\n\n${HELP}`);
    return 2;
  }
  // Judged as typed too: resolving would turn //server/share into /server/share on Linux and macOS.
  const onShare = networkShareRefusal(db, process.platform, {});
  if (onShare) {
    process.stderr.write(`Basis data tidak dapat dibuka: ${onShare}\n`);
    return 1;
  }
  const databasePath = path.resolve(db);
  const port = Number(option(args, '--port') ?? DEFAULT_OFFICE_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('--port harus bilangan bulat 1–65535 (0: port bebas mana saja)\n');
    return 2;
  }
  let rt;
  try {
    rt = createRuntime({ databasePath, user: `server:${os.hostname()}`, printer: nodePrinter() });
  } catch (err) {
    process.stderr.write(`Basis data tidak dapat dibuka: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const runtime = rt;
  const host = option(args, '--host');
  let server;
  try {
    server = await startOfficeServer({ call: runtime.callWithSession, databasePath, port, ...(host ? { host } : {}) });
  } catch (err) {
    runtime.close();
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(
      code === 'EADDRINUSE' ? `Port ${port} sudah dipakai program lain; pilih --port lain.\n` : `Server tidak dapat dimulai: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 1;
  }
  if (runtime.health.status === 'ok') void runtime.dailyBackup().catch((err: unknown) => console.error('[cadangan otomatis]', err));
  setInterval(() => {
    if (runtime.health.status !== 'ok') return;
    void runtime.dailyBackup().catch((err: unknown) => console.error('[cadangan otomatis]', err));
    runtime.housekeeping();
  }, HOUSEKEEPING_EVERY_MS).unref();

  const addresses = server.addresses();
  console.log(
    [
      `Server kantor Gerbang Serasan aktif (basis data: ${databasePath}).`,
      `Port: ${server.port}`,
      `Alamat untuk PC klien: ${addresses.length ? addresses.join(', ') : `https://${os.hostname()}:${server.port}`}`,
      `Sidik jari sertifikat: ${server.identity.fingerprint}`,
      `Kode pairing: ${server.identity.pairingCode}`,
      'Ctrl+C untuk berhenti.',
    ].join('\n'),
  );
  // A machine-readable line for scripts and tests (the port when 0 was asked, the fingerprint).
  console.log(`SIAP ${JSON.stringify({ port: server.port, sidikJari: server.identity.fingerprint, kodePairing: server.identity.pairingCode })}`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  runtime.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
