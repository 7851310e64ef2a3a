import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Result } from '../contract';
import { IMPORT_LIMITS, UPLOAD_BASE64_MAX } from '../contract/imports';

/**
 * Serves the same contract as the IPC channel, over HTTP on the loopback interface only,
 * plus (optionally) the built renderer as static files. Used by the end-to-end tests in
 * plain Chromium; the packaged app starts it only when asked (--http-bridge).
 *
 *   POST /api/<channel>  body: JSON input, header X-Gerbang-Sesi: <session token>
 *                        →  200 { ok, value } | { ok: false, error }
 */
export interface BridgeOptions {
  /** The runtime's session-checked entry (Runtime.callWithSession). */
  call: (token: string | null, channel: string, input: unknown, origin?: string) => Promise<Result<unknown>>;
  /** Folder with the built renderer (index.html); omit to serve the API only. */
  staticDir?: string;
  port?: number;
  /**
   * Office server mode (docs/office-network.md): HTTPS only with this key and certificate, bound to
   * the LAN (`host`, default every interface), API only, and only for our own client (it sends
   * CLIENT_HEADER, which a web page cannot send cross-site without a CORS pre-check we never answer).
   * Without it the bridge is plain HTTP on loopback, as the browser tests and `npm run cli serve` use it.
   */
  tls?: { key: string; cert: string; host?: string };
  /** Server mode: answered on GET /kantor/status (the clients' heartbeat and LAN discovery). */
  serverInfo?: () => unknown;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

// The largest request: an upload at the contract's limit (base64) and its JSON around it. A body
// limit below it would reset the connection on a file the contract accepts.
export const MAX_BODY = UPLOAD_BASE64_MAX + 1024 * 1024;
/** The renderer sends its session token in this header (lower case, as Node reports headers). */
export const SESSION_HEADER = 'x-gerbang-sesi';
/** Office clients send this on every call to a server; a browser page cannot add it cross-site unasked. */
export const CLIENT_HEADER = 'x-gerbang-klien';
/** The client PC's name as it says it (shown next to its address; the address is what counts). */
export const PC_HEADER = 'x-gerbang-pc';

/** The address as the socket reports it, IPv4-mapped IPv6 written as IPv4. Never a header: a proxy or client cannot choose it. */
export function socketAddress(req: http.IncomingMessage): string {
  const a = req.socket.remoteAddress ?? '?';
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** A PC name fit for the audit trail: letters, digits, '.', '-', '_' only, at most 40. */
export function cleanPcName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const name = raw.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 40);
  return name || null;
}

/**
 * The Host header a server-mode request may carry: clients connect by IP address or by this PC's
 * name (with or without a domain). Any other name is refused, so a name pointed at the server by
 * someone else's DNS (rebinding) gets nothing.
 */
export function serverHostAllowed(host: string, hostname = os.hostname()): boolean {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:]+)(?::\d+)?$/.exec(host);
  if (!m) return false;
  const name = m[1]!.replace(/^\[|\]$/g, '');
  if (isIP(name) !== 0) return true;
  const lower = name.toLowerCase();
  const own = hostname.toLowerCase();
  return lower === 'localhost' || lower === own || lower.startsWith(`${own}.`);
}

export interface Bridge {
  url: string;
  port: number;
  close: () => Promise<void>;
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(opts, req, res).catch((err: unknown) => {
      console.error('[bridge]', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Kesalahan server');
    });
  };
  const server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert, minVersion: 'TLSv1.2' }, listener) : http.createServer(listener);
  const bindTo = opts.tls ? (opts.tls.host ?? '::') : '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, bindTo, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: opts.tls ? `https://127.0.0.1:${port}` : `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Kept-alive client connections would hold close() open until they idle out.
        server.closeAllConnections();
      }),
  };
}

async function handle(opts: BridgeOptions, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const host = req.headers.host ?? '';
  const serverMode = opts.tls !== undefined;
  // Loopback mode: only for pages we serve ourselves, so only loopback names (DNS rebinding).
  // Server mode: the LAN's clients name this PC by address or by its name, nothing else.
  if (serverMode ? !serverHostAllowed(host) : !/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
    res.writeHead(403).end();
    return;
  }
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (serverMode) {
    // Only our own client talks to a server: it names itself in a header a cross-site page cannot
    // send without a CORS pre-check (which is never answered), and sends no Origin.
    if (req.headers[CLIENT_HEADER] !== '1' || req.headers.origin !== undefined) {
      res.writeHead(403).end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/kantor/status') {
      sendJson(res, { ok: true, value: opts.serverInfo?.() ?? null });
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
  }
  if (url.pathname.startsWith('/api/')) {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    // Another site's page may not drive the API (CSRF): a browser names the page's origin,
    // and only a JSON request, which needs a CORS pre-check cross-site, is accepted.
    const origin = req.headers.origin;
    if ((origin !== undefined && origin !== `http://${host}`) || !(req.headers['content-type'] ?? '').startsWith('application/json')) {
      res.writeHead(403).end();
      return;
    }
    let channel: string;
    try {
      channel = decodeURIComponent(url.pathname.slice(5));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      // Answered like any refusal (the page shows the message), not as a reset connection.
      sendJson(res, { ok: false, error: { code: 'VALIDATION', message: `Berkas terlalu besar (paling besar ${IMPORT_LIMITS.berkasMb} MB)` } });
      return;
    }
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body) : undefined;
    } catch {
      sendJson(res, { ok: false, error: { code: 'VALIDATION', message: 'Permintaan tidak dapat dibaca (JSON rusak)' } });
      return;
    }
    const token = req.headers[SESSION_HEADER];
    // Sign-in delays count per origin: the socket's address (a header would let a guesser pick a
    // fresh origin per try). In server mode the PC's own name is added for the trail, after a space;
    // the delays count the address alone (auth/caller.ts originKey).
    const pc = serverMode ? cleanPcName(req.headers[PC_HEADER]) : null;
    const from = `${serverMode ? 'https' : 'http'}:${socketAddress(req)}${pc ? ` (${pc})` : ''}`;
    const result = await opts.call(typeof token === 'string' ? token : null, channel, input, from);
    sendJson(res, result);
    return;
  }
  if (!opts.staticDir) {
    res.writeHead(404).end();
    return;
  }
  serveStatic(opts.staticDir, url.pathname, res);
}

function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  let rel: string;
  try {
    rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    res.writeHead(400).end();
    return;
  }
  const file = path.resolve(root, rel);
  if (!file.startsWith(path.resolve(root) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}

/**
 * The request's body, or null when it is larger than MAX_BODY: the rest is read and dropped (so the
 * client gets the answer instead of a reset connection), up to a few times the limit, past which the
 * connection is cut.
 */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 4 * MAX_BODY) {
        req.destroy();
        reject(new Error('Permintaan terlalu besar'));
        return;
      }
      if (size > MAX_BODY) chunks.length = 0;
      else chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}
