/** The attachment viewer's frame: only blob: URLs of our own origin may load in a frame (electron/main.ts lockDown). */
import { describe, expect, it } from 'vitest';
import { isOurBlob } from '../../electron/shell/navigation';

describe('isOurBlob', () => {
  it('admits a blob: URL made by our page, in the app and from the dev server', () => {
    expect(isOurBlob('blob:app://gerbang/5f0c6c2e-8d1a-4f3e-9a43-2b1d7c0e9f11')).toBe(true);
    expect(isOurBlob('blob:http://localhost:5173/5f0c6c2e-8d1a-4f3e-9a43-2b1d7c0e9f11', 'http://localhost:5173')).toBe(true);
  });

  it('refuses blob: URLs of other origins and anything that is not a blob', () => {
    expect(isOurBlob('blob:https://evil.example/5f0c6c2e')).toBe(false);
    expect(isOurBlob('blob:app://other/5f0c6c2e')).toBe(false);
    expect(isOurBlob('blob:null/5f0c6c2e')).toBe(false);
    expect(isOurBlob('app://gerbang/index.html')).toBe(false);
    expect(isOurBlob('https://muaraenimkab.go.id/')).toBe(false);
    expect(isOurBlob('blob:http://localhost:5173/x')).toBe(false);
  });
});
