import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
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

export async function startBridge(opts: BridgeOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    handle(opts, req, res).catch((err: unknown) => {
      console.error('[bridge]', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Kesalahan server');
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

async function handle(opts: BridgeOptions, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  // Loopback only, and only for pages we serve ourselves: refuse other hosts (DNS rebinding).
  const host = req.headers.host ?? '';
  if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
    res.writeHead(403).end();
    return;
  }
  const url = new URL(req.url ?? '/', `http://${host}`);
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
    const result = await opts.call(typeof token === 'string' ? token : null, channel, input, `http:${req.socket.remoteAddress ?? '?'}`);
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
