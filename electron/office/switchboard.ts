/**
 * Where this PC's calls go, by its office mode (docs/office-network.md):
 *  - mandiri (alone): the local runtime, as always;
 *  - server: the local runtime, and the same runtime served to the LAN over HTTPS (server.ts);
 *  - klien (client): no local database; every call is forwarded to the pinned office server (client.ts).
 * The office channels (`kantor.*`) are answered here, for this PC only. The Electron shell wires
 * the window to `call`; the tests wire a loopback bridge to it (the same module, under Node).
 */
import os from 'node:os';
import type { Result } from '../contract';
import { isOfficeChannel, officeContract, type OfficeChannel, type OfficeStatus } from '../contract/office';
import type { Runtime } from '../runtime';
import { normalisePairingCode, pairingCodeOf } from './certificate';
import { createOfficeClient, discoverServers, offlineMessage, probeServer, type OfficeClient } from './client';
import { readOfficeConfig, writeOfficeConfig, type OfficeConfig } from './config';
import { lanAddresses, startOfficeServer, type OfficeServer } from './server';

export interface SwitchboardOptions {
  /** The app's data folder (kantor.json lives here). */
  dataDir: string;
  databasePath: string;
  /** Opens this PC's own database (alone or server mode); may throw (a file on a share, …). */
  openRuntime: () => Runtime;
  pcName?: string;
  /** Client mode: this PC's address to connect from (several network cards; the tests' distinct PCs). */
  localAddress?: string;
  heartbeatMs?: number;
  /** Server mode binds here (default every interface). */
  serverHost?: string;
}

export interface Switchboard {
  call: (token: string | null, channel: string, input: unknown, origin?: string) => Promise<Result<unknown>>;
  /** This PC's own database, when it has one open (not in client mode). */
  runtime: () => Runtime | null;
  status: () => OfficeStatus;
  close: () => Promise<void>;
}

const refuse = (code: 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION' | 'OFFLINE', message: string, fields?: Record<string, string>): Result<never> => ({
  ok: false,
  error: { code, message, ...(fields ? { fields } : {}) },
});

/** The window and the loopback bridge are this PC; a server-mode client ('https:…') is not. */
export function isLocalOrigin(origin: string): boolean {
  return origin === 'lokal' || origin.startsWith('ipc:') || /^http:(127\.\d+\.\d+\.\d+|::1)$/.test(origin);
}

export async function createSwitchboard(opts: SwitchboardOptions): Promise<Switchboard> {
  let config: OfficeConfig = readOfficeConfig(opts.dataDir);
  let runtime: Runtime | null = null;
  let client: OfficeClient | null = null;
  let server: OfficeServer | null = null;
  let serverProblem: string | null = null;

  const openClient = () => {
    client = createOfficeClient({
      ...config.server!,
      pcName: opts.pcName ?? os.hostname(),
      ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
      ...(opts.heartbeatMs !== undefined ? { heartbeatMs: opts.heartbeatMs } : {}),
    });
  };

  async function startServer(port: number): Promise<string | null> {
    try {
      server = await startOfficeServer({
        call: (t, c, i, o) => runtime!.callWithSession(t, c, i, o),
        databasePath: opts.databasePath,
        port,
        ...(opts.serverHost ? { host: opts.serverHost } : {}),
      });
      serverProblem = null;
      return null;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      serverProblem =
        code === 'EADDRINUSE'
          ? `Port ${port} sudah dipakai program lain; pilih port lain.`
          : `Server kantor tidak dapat dimulai: ${err instanceof Error ? err.message : String(err)}`;
      return serverProblem;
    }
  }

  if (config.mode === 'klien') openClient();
  else {
    runtime = opts.openRuntime();
    if (config.mode === 'server') {
      const problem = await startServer(config.port);
      if (problem) console.error(`[kantor] ${problem}`);
    }
  }

  function status(): OfficeStatus {
    return {
      mode: config.mode,
      server:
        config.mode === 'server'
          ? {
              port: server?.port ?? config.port,
              aktif: server !== null,
              sidikJari: server?.identity.fingerprint ?? null,
              kodePairing: server?.identity.pairingCode ?? null,
              alamat: server ? lanAddresses(server.port) : [],
              nama: os.hostname(),
              masalah: serverProblem,
            }
          : null,
      klien: client ? client.state() : null,
    };
  }

  const save = (next: OfficeConfig) => {
    writeOfficeConfig(opts.dataDir, next);
    config = next;
  };

  async function office(channel: OfficeChannel, token: string | null, raw: unknown, origin: string): Promise<Result<unknown>> {
    if (!isLocalOrigin(origin)) return refuse('FORBIDDEN', 'Pengaturan jaringan kantor hanya dapat diubah di PC itu sendiri.');
    const parsed = officeContract[channel].input.safeParse(raw ?? {});
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
      return refuse('VALIDATION', parsed.error.issues.map((i) => i.message).join('; '), fields);
    }
    const input = parsed.data as Record<string, unknown>;
    switch (channel) {
      case 'kantor.status':
        if (client) await client.check();
        return { ok: true, value: status() };
      case 'kantor.setServer': {
        if (config.mode === 'klien' || !runtime) return refuse('CONFLICT', 'PC ini terhubung ke server kantor sebagai klien; putuskan dulu sambungannya.');
        // It opens this PC's database to the LAN: this database's admin decides.
        if (runtime.sessions.get(token)?.role !== 'admin') return refuse('FORBIDDEN', 'Hanya admin yang dapat menyalakan atau mematikan mode server kantor.');
        const aktif = input.aktif as boolean;
        const port = input.port as number;
        if (server) {
          await server.close();
          server = null;
        }
        serverProblem = null;
        if (!aktif) {
          save({ ...config, mode: 'mandiri' });
          return { ok: true, value: status() };
        }
        const problem = await startServer(port);
        if (problem) return refuse('VALIDATION', problem, { port: problem });
        save({ ...config, mode: 'server', port });
        return { ok: true, value: status() };
      }
      case 'kantor.discover':
        return { ok: true, value: await discoverServers(input.port as number) };
      case 'kantor.probe':
      case 'kantor.connect': {
        if (config.mode === 'server') return refuse('CONFLICT', 'PC ini adalah server kantor; matikan dulu mode server untuk menjadi klien.');
        const alamat = input.alamat as string;
        const port = input.port as number;
        let probed;
        try {
          probed = await probeServer(alamat, port);
        } catch {
          return refuse('OFFLINE', offlineMessage({ alamat, port }));
        }
        if (channel === 'kantor.probe') return { ok: true, value: { ...probed, kodePairing: undefined } };
        const typedFp = typeof input.sidikJari === 'string' ? input.sidikJari.trim().toUpperCase() : null;
        const typedCode = typeof input.kodePairing === 'string' && input.kodePairing.trim() ? normalisePairingCode(input.kodePairing) : null;
        if (typedCode !== null ? typedCode !== pairingCodeOf(probed.sidikJari) : typedFp !== probed.sidikJari) {
          const message =
            typedCode !== null
              ? 'Kode pairing tidak cocok dengan server di alamat ini. Periksa kode di layar server (Pengaturan → Jaringan kantor).'
              : 'Sertifikat server berubah sejak sidik jarinya ditampilkan. Periksa lagi dan cocokkan dengan layar server.';
          return refuse('VALIDATION', message, { [typedCode !== null ? 'kodePairing' : 'sidikJari']: message });
        }
        runtime?.close();
        runtime = null;
        save({ ...config, mode: 'klien', server: { alamat, port, sertifikat: probed.sertifikat, sidikJari: probed.sidikJari } });
        client?.close();
        openClient();
        await client!.check();
        return { ok: true, value: status() };
      }
      case 'kantor.disconnect': {
        if (config.mode !== 'klien') return { ok: true, value: status() };
        client?.close();
        client = null;
        save({ ...config, mode: 'mandiri', server: null });
        runtime = opts.openRuntime();
        return { ok: true, value: status() };
      }
    }
  }

  return {
    call: async (token, channel, input, origin = 'lokal') => {
      if (isOfficeChannel(channel)) return office(channel, token, input, origin);
      if (client) return client.call(token, channel, input);
      if (!runtime) return refuse('OFFLINE', 'Basis data belum terbuka.');
      return runtime.callWithSession(token, channel, input, origin);
    },
    runtime: () => runtime,
    status,
    close: async () => {
      client?.close();
      if (server) await server.close();
      runtime?.close();
    },
  };
}
