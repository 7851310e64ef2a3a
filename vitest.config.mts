import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': r('./renderer/src'), '@contract': r('./electron/contract/index.ts'), '@domain': r('./electron/domain') },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // The workers bundled once per run (tests/global-setup.ts).
    globalSetup: ['tests/global-setup.ts'],
    environment: 'node',
    // Files run in parallel, one worker per core (each e2e file starts its own Chromium and its
    // own server on a free port, so files never share state). Run one layer at a time with the
    // npm scripts test:unit / test:integration / test:components / test:e2e (docs/testing.md).
    fileParallelism: true,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // UI assertions poll; a slow CI machine gets a few seconds before a check fails.
    expect: { poll: { timeout: 10_000 } },
  },
});
