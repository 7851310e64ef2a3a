/**
 * What the window may load, call from and open, as pure functions the shell (main.ts) applies and
 * tests check without Electron. The renderer is served from our own scheme, `app://gerbang/`, not
 * from file://: a file:// check by path (".../dist/renderer/...") also accepted a page on a network
 * share (file://host/share/dist/renderer/x.html), and a malformed escape made it throw before the
 * navigation was refused. Here an address is ours only when its origin is exactly ours.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'gerbang';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * Web addresses a link in the app may open in the user's browser; anything else is not opened.
 * (Today the app links nowhere; the regency's own site is the only expected target.)
 */
const EXTERNAL_HOSTS = new Set(['muaraenimkab.go.id', 'www.muaraenimkab.go.id']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Our own page: the app scheme's origin exactly (or, in development, the Vite server's origin). */
export function isOurPage(url: string, devServerUrl?: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (devServerUrl) {
    const dev = parse(devServerUrl);
    if (dev && u.origin === dev.origin && dev.origin !== 'null') return true;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
}

/**
 * A blob: URL our own page made (an attachment's bytes, served through the contract, shown in the
 * viewer's frame): `blob:app://gerbang/<uuid>` (in development `blob:<Vite origin>/<uuid>`). A blob
 * URL can only be created by a page of that origin, so this admits nothing from elsewhere.
 */
export function isOurBlob(url: string, devServerUrl?: string): boolean {
  if (!url.startsWith('blob:')) return false;
  return isOurPage(url.slice('blob:'.length), devServerUrl);
}

/** Whether a link may be handed to the system browser: https to an allowed host, nothing else. */
export function externalAllowed(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === 'https:' && u.username === '' && u.password === '' && EXTERNAL_HOSTS.has(u.hostname.toLowerCase());
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export function mimeOf(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The renderer file an app:// request asks for, or null: only our host, only files inside the
 * renderer folder (no `..`, encoded or not; no absolute paths; no malformed escapes).
 */
export function rendererFileFor(url: string, rendererDir: string): string | null {
  const u = parse(url);
  if (!u || u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${path.posix.normalize(rel)}`);
  return file.startsWith(root + path.sep) ? file : null;
}
