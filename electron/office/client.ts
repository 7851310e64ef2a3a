/**
 * Client mode: this PC's main process forwards every contract call over HTTPS to the office
 * server (docs/office-network.md). The renderer is unchanged: it calls its main process as
 * always; no local database is opened for data.
 *
 * The server's certificate is pinned: it is the only trust anchor of the connection (`ca`) and its
 * SHA-256 fingerprint must match the one the user confirmed on first connection. Any other
 * certificate ends the TLS handshake before a byte of the request (or a password) is sent.
 *
 * A call either reaches the server's transaction or it does not: the server runs each call as one
 * transaction, so a lost connection leaves nothing half-written. What the client cannot know is
 * whether a call whose answer was lost had committed; it says so (OFFLINE, "jawaban hilang") and
 * the clerk checks before repeating.
 */
import dgram from 'node:dgram';
import https from 'node:https';
import tls from 'node:tls';
import type { Result } from '../contract';
import type { FoundServer, OfficeClientState, ProbedServer } from '../contract/office';
import { CLIENT_HEADER, MAX_BODY, PC_HEADER, SESSION_HEADER } from '../bridge/http';
import { IMPORT_LIMITS } from '../contract/imports';
import { fingerprintOf } from './certificate';
import { APP_NAME, DISCOVERY_QUESTION } from './server';

export interface PinnedServer {
  alamat: string;
  port: number;
  /** The pinned certificate (PEM) and its fingerprint. */
  sertifikat: string;
  sidikJari: string;
}

export interface OfficeClientOptions extends PinnedServer {
  /** This PC's name, sent for the server's audit trail next to the address it sees. */
  pcName?: string;
  /** This PC's own address to connect from, on a PC with several network cards (default: the system's choice). */
  localAddress?: string;
  /** How often the connection is checked (default 5 s); 0: only when called. */
  heartbeatMs?: number;
  /** Told whenever online/offline changes. */
  onChange?: (state: OfficeClientState) => void;
}

export interface OfficeClient {
  call: (token: string | null, channel: string, input: unknown) => Promise<Result<unknown>>;
  state: () => OfficeClientState;
  /** Checks the connection now (the heartbeat does it on its own). */
  check: () => Promise<OfficeClientState>;
  close: () => void;
}

const CONNECT_TIMEOUT_MS = 5_000;
/** A call may be long (an import, a year's run): the connection is given up only after this long silent. */
const IDLE_TIMEOUT_MS = 10 * 60_000;

/** Host part for a URL: an IPv6 literal in brackets. */
const hostOf = (alamat: string) => (alamat.includes(':') ? `[${alamat}]` : alamat);

export function offlineMessage(s: { alamat: string; port: number }): string {
  return `Tidak terhubung ke server kantor (${s.alamat}:${s.port}). Perubahan tidak dikirim. Periksa jaringan dan apakah PC server menyala; aplikasi menyambung kembali sendiri.`;
}

export const LOST_ANSWER =
  'Sambungan ke server kantor terputus sebelum jawabannya diterima. Perubahan ini mungkin sudah tersimpan, mungkin belum (tidak pernah setengah). ' +
  'Jangan langsung mengulang: setelah tersambung kembali, periksa datanya, lalu ulangi hanya bila belum ada.';

export function certificateMismatchMessage(pinned: string, seen: string | null): string {
  return (
    `Sertifikat server kantor berbeda dari yang disimpan saat pertama terhubung, jadi sambungan ditolak (sidik jari tersimpan ${pinned.slice(0, 23)}…` +
    `${seen ? `, yang diterima ${seen.slice(0, 23)}…` : ''}). Bisa jadi ini PC lain yang menyamar sebagai server. Tanyakan admin: ` +
    'bila server memang dipasang ulang, putuskan sambungan di Pengaturan lalu hubungkan lagi dan cocokkan sidik jari barunya.'
  );
}

/** TLS verification errors (a certificate other than the pinned one). */
const CERT_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|SIGNATURE|PIN_MISMATCH/;

export function createOfficeClient(opts: OfficeClientOptions): OfficeClient {
  const base = `https://${hostOf(opts.alamat)}:${opts.port}`;
  let state: OfficeClientState = { alamat: opts.alamat, port: opts.port, sidikJari: opts.sidikJari, online: false, masalah: null, sejak: new Date().toISOString() };
  let seenFingerprint: string | null = null;

  const setState = (online: boolean, masalah: string | null) => {
    if (state.online === online && state.masalah === masalah) return;
    state = { ...state, online, masalah, sejak: new Date().toISOString() };
    opts.onChange?.(state);
  };

  // No kept-alive connections: after a server restart a kept socket fails on its first write,
  // which would look like a lost answer although nothing was sent.
  const tlsOptions: https.RequestOptions = {
    ca: [opts.sertifikat],
    // Clients connect by IP or PC name, which the certificate does not list: the pin is the check.
    checkServerIdentity: (_host, cert) => {
      seenFingerprint = cert.fingerprint256;
      return cert.fingerprint256 === opts.sidikJari ? undefined : Object.assign(new Error('PIN_MISMATCH'), { code: 'PIN_MISMATCH' });
    },
    minVersion: 'TLSv1.2',
    agent: false,
    ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
  };
  const headers = (extra: Record<string, string>) => ({ [CLIENT_HEADER]: '1', ...(opts.pcName ? { [PC_HEADER]: opts.pcName } : {}), ...extra });

  function request(method: 'GET' | 'POST', path: string, body: string | null, extraHeaders: Record<string, string>, timeoutMs: number) {
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      let sent = false;
      const req = https.request(
        `${base}${path}`,
        {
          ...tlsOptions,
          method,
          headers: headers(body === null ? extraHeaders : { ...extraHeaders, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (err) => reject(Object.assign(err, { sent: true })));
          res.on('aborted', () => reject(Object.assign(new Error('aborted'), { sent: true })));
        },
      );
      req.on('socket', (socket) => {
        socket.setTimeout(CONNECT_TIMEOUT_MS);
        socket.once('secureConnect', () => socket.setTimeout(timeoutMs));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('ETIMEDOUT'), { code: 'ETIMEDOUT' })));
      // 'finish': the whole request has been handed to the connection; from then on the server
      // may have run it.
      req.on('finish', () => (sent = true));
      req.on('error', (err) => reject(Object.assign(err, { sent })));
      req.end(body ?? undefined);
    });
  }

  function failure(err: unknown): Result<never> {
    const e = err as NodeJS.ErrnoException & { sent?: boolean };
    if (CERT_ERRORS.test(String(e.code ?? e.message))) {
      const message = certificateMismatchMessage(opts.sidikJari, seenFingerprint);
      setState(false, message);
      return { ok: false, error: { code: 'FORBIDDEN', message } };
    }
    setState(false, offlineMessage(opts));
    return { ok: false, error: { code: 'OFFLINE', message: e.sent ? LOST_ANSWER : offlineMessage(opts) } };
  }

  async function call(token: string | null, channel: string, input: unknown): Promise<Result<unknown>> {
    const body = JSON.stringify(input ?? {});
    // The server's bridge would answer the same; not sending 50 MB to hear it spares the network.
    if (Buffer.byteLength(body) > MAX_BODY) return { ok: false, error: { code: 'VALIDATION', message: `Berkas terlalu besar (paling besar ${IMPORT_LIMITS.berkasMb} MB)` } };
    try {
      const res = await request('POST', `/api/${encodeURIComponent(channel)}`, body, token ? { [SESSION_HEADER]: token } : {}, IDLE_TIMEOUT_MS);
      setState(true, null);
      if (res.status !== 200) return { ok: false, error: { code: 'INTERNAL', message: `Server kantor menolak permintaan (${res.status}).` } };
      return JSON.parse(res.text) as Result<unknown>;
    } catch (err) {
      return failure(err);
    }
  }

  async function check(): Promise<OfficeClientState> {
    try {
      const res = await request('GET', '/kantor/status', null, {}, CONNECT_TIMEOUT_MS);
      if (res.status === 200) setState(true, null);
      else setState(false, `Server kantor menjawab ${res.status}.`);
    } catch (err) {
      failure(err);
    }
    return state;
  }

  let timer: NodeJS.Timeout | null = null;
  let checking = false;
  if (opts.heartbeatMs !== 0) {
    // Reconnecting is just the next successful check: every call opens its own connection.
    timer = setInterval(() => {
      if (checking) return;
      checking = true;
      void check().finally(() => (checking = false));
    }, opts.heartbeatMs ?? 5_000);
    timer.unref();
  }
  void check();

  return {
    call,
    state: () => state,
    check,
    close: () => {
      if (timer) clearInterval(timer);
    },
  };
}

/**
 * The server's certificate as it presents it, not trusted yet: the user compares its fingerprint
 * with the one on the server's screen (or types the pairing code) before it is pinned.
 */
export function probeServer(alamat: string, port: number): Promise<ProbedServer> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: alamat, port, rejectUnauthorized: false, timeout: CONNECT_TIMEOUT_MS, ...(/^[\d.]+$|:/.test(alamat) ? {} : { servername: alamat }) }, () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      if (!cert?.raw) {
        reject(new Error('Server tidak menunjukkan sertifikat.'));
        return;
      }
      const pem = `-----BEGIN CERTIFICATE-----\n${cert.raw
        .toString('base64')
        .replace(/(.{64})/g, '$1\n')
        .replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
      const subject = cert.subject?.CN;
      resolve({ alamat, port, sidikJari: fingerprintOf(pem), sertifikat: pem, nama: typeof subject === 'string' ? subject : null });
    });
    socket.on('timeout', () => socket.destroy(Object.assign(new Error('ETIMEDOUT'), { code: 'ETIMEDOUT' })));
    socket.on('error', reject);
  });
}

/** Servers that answer a broadcast on `port` within `waitMs` (LAN discovery; see server.ts). */
export function discoverServers(port: number, waitMs = 1_500, broadcastTo = '255.255.255.255'): Promise<FoundServer[]> {
  return new Promise((resolve) => {
    const found = new Map<string, FoundServer>();
    const socket = dgram.createSocket('udp4');
    socket.on('message', (msg, from) => {
      try {
        const a = JSON.parse(msg.toString('utf8')) as { aplikasi?: unknown; nama?: unknown; port?: unknown };
        if (a.aplikasi !== APP_NAME || typeof a.port !== 'number') return;
        found.set(`${from.address}:${a.port}`, { alamat: from.address, port: a.port, nama: typeof a.nama === 'string' ? a.nama.slice(0, 60) : from.address });
      } catch {
        // Not ours.
      }
    });
    socket.on('error', () => undefined);
    socket.bind(0, () => {
      socket.setBroadcast(true);
      socket.send(DISCOVERY_QUESTION, port, broadcastTo);
    });
    setTimeout(() => {
      socket.close();
      resolve([...found.values()]);
    }, waitMs);
  });
}
