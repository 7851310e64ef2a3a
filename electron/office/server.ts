/**
 * Server mode: this PC's database served to the office's other PCs over HTTPS on the LAN
 * (docs/office-network.md). The same contract and session gate as the window, through the bridge
 * in TLS mode, plus a small UDP answer on the same port number so clients can find the server.
 */
import dgram from 'node:dgram';
import os from 'node:os';
import path from 'node:path';
import { startBridge, type Bridge, type BridgeOptions } from '../bridge/http';
import { loadOrCreateIdentity, type ServerIdentity } from './certificate';
import packageJson from '../../package.json';

/** What a client broadcasts to find servers, and the answer's `aplikasi`. */
export const DISCOVERY_QUESTION = 'GERBANG-SERASAN-CARI-SERVER/1';
export const APP_NAME = 'gerbang-serasan';

export interface OfficeServerOptions {
  call: BridgeOptions['call'];
  databasePath: string;
  port: number;
  /** Address to bind (default every interface, IPv6 and IPv4). */
  host?: string;
}

export interface OfficeServer {
  identity: ServerIdentity;
  port: number;
  addresses: () => string[];
  close: () => Promise<void>;
}

/** The LAN addresses clients can type: each non-internal IPv4 address of this PC. */
export function lanAddresses(port: number): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(`https://${a.address}:${port}`);
  }
  return out;
}

export async function startOfficeServer(opts: OfficeServerOptions): Promise<OfficeServer> {
  // Kept next to the database, with the backups and kept import files: the server's data folder.
  const identity = await loadOrCreateIdentity(path.dirname(path.resolve(opts.databasePath)));
  const info = () => ({ aplikasi: APP_NAME, nama: os.hostname(), versi: packageJson.version });
  const bridge: Bridge = await startBridge({
    call: opts.call,
    port: opts.port,
    tls: { key: identity.key, cert: identity.cert, ...(opts.host ? { host: opts.host } : {}) },
    serverInfo: info,
  });
  const discovery = await answerDiscovery(bridge.port).catch((err: unknown) => {
    // The server works without it (clients type the address); say so rather than fail.
    console.error('[kantor] pencarian LAN tidak aktif:', err instanceof Error ? err.message : err);
    return null;
  });
  return {
    identity,
    port: bridge.port,
    addresses: () => lanAddresses(bridge.port),
    close: async () => {
      discovery?.close();
      await bridge.close();
    },
  };
}

/**
 * Answers a client's broadcast question with this server's name and port. The answer is not a
 * proof of anything: the client still confirms the certificate's fingerprint (or pairing code).
 */
function answerDiscovery(port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    socket.on('message', (msg, from) => {
      if (msg.toString('utf8') !== DISCOVERY_QUESTION) return;
      const answer = JSON.stringify({ aplikasi: APP_NAME, nama: os.hostname(), port });
      socket.send(answer, from.port, from.address);
    });
    socket.once('error', reject);
    socket.bind(port, () => {
      socket.off('error', reject);
      socket.on('error', (err) => console.error('[kantor] pencarian LAN:', err.message));
      resolve(socket);
    });
  });
}
