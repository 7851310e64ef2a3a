import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bank, Result } from '../../electron/contract';
import { startBridge } from '../../electron/bridge/http';
import { rawRequest } from '../helpers/http';
import { call, countRows, sessionAs, useTempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-bridge-' });

let bridge: { url: string; close: () => Promise<void> } | undefined;
/** An admin's session token, sent as the renderer sends it. */
let token = '';
afterEach(async () => {
  await bridge?.close();
  bridge = undefined;
});

async function post(channel: string, body: string | undefined, headers: Record<string, string> = {}) {
  const res = await fetch(`${bridge!.url}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gerbang-sesi': token, ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as Result<unknown> };
}

describe('HTTP bridge: API', () => {
  beforeEach(async () => {
    bridge = await startBridge({ call: rt().callWithSession, port: 0 });
    token = sessionAs(rt(), 'admin');
  });

  it('refuses a call without a live session, and a role without the right', async () => {
    token = '';
    expect((await post('banks.list', '{}')).json).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sesi Anda telah berakhir. Silakan masuk kembali.' } });
    token = 'bukan-token';
    expect((await post('banks.list', '{}')).json).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    token = sessionAs(rt(), 'pemantau');
    expect((await post('banks.save', JSON.stringify({ kode: 'X', nama: 'X' }))).json).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Peran Pemantau tidak berwenang untuk tindakan ini.' },
    });
    expect(countRows(rt().db, 'bank')).toBe(0);
  });

  it('listens on the loopback interface on a free port', () => {
    expect(bridge!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(bridge!.url).port)).toBeGreaterThan(0);
  });

  it('answers POST /api/banks.list with { ok: true, value: [...] }', async () => {
    const empty = await post('banks.list', '{}');
    expect(empty).toEqual({ status: 200, type: 'application/json; charset=utf-8', json: { ok: true, value: [] } });

    const bank = await call(rt(), 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [{ kode: 'ME', nama: 'Muara Enim' }] });
    const listed = await post('banks.list', JSON.stringify({ search: 'sumsel' }));
    expect(listed.json).toEqual({ ok: true, value: [bank] });
    expect((listed.json as { value: Bank[] }).value[0]!.cabang[0]!.kode).toBe('ME');
  });

  it('accepts an empty body as "no input" and applies the defaults', async () => {
    expect((await post('banks.list', undefined)).json).toEqual({ ok: true, value: [] });
    expect((await post('debtors.list', '')).json).toEqual({ ok: true, value: { rows: [], total: 0, page: 1, pageSize: 50 } });
  });

  it('writes through the same services: a save over HTTP is in the database and validated the same way', async () => {
    const saved = await post('debtors.save', JSON.stringify({ nik: '1603015202900002', nama: 'Siti Aminah', skala: 'mikro' }));
    expect(saved.json).toMatchObject({ ok: true, value: { jenisKelamin: 'P', tanggalLahir: '1990-02-12' } });
    const bad = await post('debtors.save', JSON.stringify({ nik: '9903011707850001', nama: 'Orang', skala: 'mikro' }));
    expect(bad.status).toBe(200);
    expect(bad.json).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { nik: expect.stringContaining('NIK') as unknown } } });
    expect(countRows(rt().db, 'debitur')).toBe(1);
  });

  it('answers malformed JSON with ok:false VALIDATION, without calling the service', async () => {
    const r = await post('banks.save', '{"kode": "BSB", nama: }');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Permintaan tidak dapat dibaca (JSON rusak)' } });
    expect(countRows(rt().db, 'bank')).toBe(0);
  });

  it('answers an unknown channel with ok:false NOT_FOUND', async () => {
    expect((await post('banks.hapusSemua', '{}')).json).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('decodes a percent-encoded channel name', async () => {
    expect((await post('banks%2Elist', '{}')).json).toEqual({ ok: true, value: [] });
  });

  it('refuses other methods than POST on /api/ with 405 and Allow: POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await fetch(`${bridge!.url}/api/banks.list`, { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow'), method).toBe('POST');
    }
  });

  it('refuses a request for another Host (DNS rebinding) with 403, before running anything', async () => {
    for (const host of ['evil.example', 'evil.example:80', '127.0.0.1.evil.example', 'localhost.evil.example']) {
      const res = await rawRequest(bridge!.url, {
        method: 'POST',
        path: '/api/banks.save',
        headers: { host, 'content-type': 'application/json' },
        body: '{"kode":"X","nama":"Bank X"}',
      });
      expect(res.status, host).toBe(403);
    }
    expect(countRows(rt().db, 'bank')).toBe(0);
  });

  it('accepts the loopback host names, with or without the port', async () => {
    const port = new URL(bridge!.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', '127.0.0.1']) {
      const res = await rawRequest(bridge!.url, {
        method: 'POST',
        path: '/api/banks.list',
        headers: { host, 'content-type': 'application/json', 'x-gerbang-sesi': token },
        body: '{}',
      });
      expect(res.status, host).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ ok: true, value: [] });
    }
  });

  // Regression (CSRF, fixed): the Host check stops DNS rebinding, but any web page the clerk opens can still
  // POST to http://127.0.0.1:<port>/api/... (a "simple" text/plain request needs no preflight):
  // the browser sends Host 127.0.0.1 and the Origin of that page, and the command runs.
  it('refuses an API call sent from a page of another origin', async () => {
    const port = new URL(bridge!.url).port;
    const res = await rawRequest(bridge!.url, {
      method: 'POST',
      path: '/api/banks.save',
      headers: { host: `127.0.0.1:${port}`, origin: 'http://evil.example', 'content-type': 'text/plain;charset=UTF-8' },
      body: '{"kode":"X","nama":"Bank X"}',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(countRows(rt().db, 'bank')).toBe(0);
  });

  it('accepts an API call from its own origin (the renderer it serves)', async () => {
    const port = new URL(bridge!.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const res = await rawRequest(bridge!.url, {
        method: 'POST',
        path: '/api/banks.list',
        headers: { host, origin: `http://${host}`, 'content-type': 'application/json', 'x-gerbang-sesi': token },
        body: '{}',
      });
      expect(res.status, host).toBe(200);
      expect(JSON.parse(res.body), host).toEqual({ ok: true, value: [] });
    }
  });

  it('serves nothing but the API when no static folder is given', async () => {
    expect((await fetch(`${bridge!.url}/`)).status).toBe(404);
    expect((await fetch(`${bridge!.url}/index.html`)).status).toBe(404);
  });
});

describe('HTTP bridge: static files', () => {
  let staticDir: string;

  beforeEach(async () => {
    // Layout: <tmp>/static/{index.html, assets/app.js}, and files next to it that must stay private.
    staticDir = path.join(rt().dir, 'static');
    fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Gerbang Serasan</title>');
    fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app");');
    fs.writeFileSync(path.join(rt().dir, 'package.json'), '{"rahasia": "RAHASIA-PKG"}');
    fs.mkdirSync(path.join(rt().dir, 'static-private'));
    fs.writeFileSync(path.join(rt().dir, 'static-private', 'secret.txt'), 'RAHASIA-SIBLING');
    bridge = await startBridge({ call: rt().callWithSession, staticDir, port: 0 });
    token = sessionAs(rt(), 'admin');
  });

  it('serves index.html at / and files with their content type', async () => {
    const root = await fetch(`${bridge!.url}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await root.text()).toContain('Gerbang Serasan');
    const js = await fetch(`${bridge!.url}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log("app");');
  });

  it('answers 404 for a missing file and for a folder', async () => {
    expect((await fetch(`${bridge!.url}/nope.js`)).status).toBe(404);
    expect((await fetch(`${bridge!.url}/assets`)).status).toBe(404);
    expect((await fetch(`${bridge!.url}/assets/`)).status).toBe(404);
  });

  it.each([
    '/../package.json',
    '/..%2fpackage.json',
    '/%2e%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/..%2fstatic-private%2fsecret.txt',
    '/%2F..%2Fpackage.json',
    `/${'..%2f'.repeat(8)}etc%2fpasswd`,
  ])('refuses path traversal: %s', async (p) => {
    const res = await rawRequest(bridge!.url, { path: p });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('RAHASIA');
    expect(res.body).not.toContain('root:');
  });

  it('refuses a path that resolves to a file outside the root through an absolute path', async () => {
    const target = encodeURIComponent(path.join(rt().dir, 'package.json'));
    const res = await rawRequest(bridge!.url, { path: `/${target}` });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('RAHASIA');
  });

  it('still serves the API next to the static files', async () => {
    const res = await fetch(`${bridge!.url}/api/banks.list`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-gerbang-sesi': token }, body: '{}' });
    expect(await res.json()).toEqual({ ok: true, value: [] });
  });

  it('does not crash on a malformed percent-encoding', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await rawRequest(bridge!.url, { path: '/%E0%A4%A' });
      expect(res.status).toBe(400);
      // The server keeps serving.
      expect((await fetch(`${bridge!.url}/`)).status).toBe(200);
    } finally {
      log.mockRestore();
    }
  });
});
