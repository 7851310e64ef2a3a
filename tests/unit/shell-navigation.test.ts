import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, externalAllowed, isOurPage, mimeOf, rendererFileFor } from '../../electron/shell/navigation';

describe('what the window accepts as its own page', () => {
  it('only the app scheme’s exact origin', () => {
    expect(isOurPage(APP_ENTRY)).toBe(true);
    expect(isOurPage('app://gerbang/#/pinjaman?kol=3')).toBe(true);
    expect(isOurPage('app://gerbang.evil/index.html')).toBe(false);
    expect(isOurPage('app://other/index.html')).toBe(false);
  });

  it('no file:// page at all, so a network share’s copy of the renderer gets no API', () => {
    expect(isOurPage('file://host/share/dist/renderer/x.html')).toBe(false);
    expect(isOurPage('file:///C:/Program%20Files/Gerbang/resources/app.asar/dist/renderer/index.html')).toBe(false);
  });

  it('a malformed address is refused, never thrown', () => {
    expect(isOurPage('file:///%E0%A4%A/dist/renderer/')).toBe(false);
    expect(isOurPage('app://gerbang/%E0%A4%A')).toBe(true); // the page itself; the file lookup refuses it
    expect(isOurPage('not a url')).toBe(false);
    expect(isOurPage('')).toBe(false);
  });

  it('the Vite server in development by origin, not by prefix', () => {
    expect(isOurPage('http://localhost:5173/#/', 'http://localhost:5173')).toBe(true);
    expect(isOurPage('http://localhost:51730/', 'http://localhost:5173')).toBe(false);
    expect(isOurPage('http://localhost:5173.evil.com/', 'http://localhost:5173')).toBe(false);
  });
});

describe('what a link may open in the system browser', () => {
  it('https to the allowed hosts only', () => {
    expect(externalAllowed('https://muaraenimkab.go.id/berita')).toBe(true);
    expect(externalAllowed('http://muaraenimkab.go.id/')).toBe(false);
    expect(externalAllowed('https://muaraenimkab.go.id.evil.com/')).toBe(false);
    expect(externalAllowed('https://user:pw@muaraenimkab.go.id/')).toBe(false);
    expect(externalAllowed('file:///C:/Windows/System32/calc.exe')).toBe(false);
    expect(externalAllowed('smb://server/share')).toBe(false);
    expect(externalAllowed('https://example.com/')).toBe(false);
  });
});

describe('the files app:// serves', () => {
  const dir = path.resolve('/opt/gs/dist/renderer');
  it('files inside the renderer folder', () => {
    expect(rendererFileFor('app://gerbang/index.html', dir)).toBe(path.join(dir, 'index.html'));
    expect(rendererFileFor('app://gerbang/', dir)).toBe(path.join(dir, 'index.html'));
    expect(rendererFileFor('app://gerbang/assets/index-abc.js?v=1#x', dir)).toBe(path.join(dir, 'assets', 'index-abc.js'));
  });

  it('nothing outside it, however the path is written', () => {
    for (const url of [
      'app://gerbang/../../etc/passwd',
      'app://gerbang/%2e%2e/%2e%2e/etc/passwd',
      'app://gerbang/assets/..%2f..%2f..%2fetc/passwd',
      'app://gerbang/%E0%A4%A',
      'app://gerbang/a%00.html',
      'app://gerbang/..%5c..%5cwindows',
      'app://other/index.html',
      'file:///opt/gs/dist/renderer/index.html',
    ]) {
      const f = rendererFileFor(url, dir);
      // `..` is resolved against the folder's root, never above it: at worst a file that is not there.
      expect(f === null || f.startsWith(dir + path.sep), url).toBe(true);
    }
    for (const url of [
      'app://gerbang/%E0%A4%A',
      'app://gerbang/a%00.html',
      'app://gerbang/..%5c..%5cwindows',
      'app://other/index.html',
      'file:///opt/gs/dist/renderer/index.html',
    ]) {
      expect(rendererFileFor(url, dir), url).toBeNull();
    }
  });

  it('with the type the browser needs for modules', () => {
    expect(mimeOf('x/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeOf('x.exe')).toBe('application/octet-stream');
  });
});
