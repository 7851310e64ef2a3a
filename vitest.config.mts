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
    environment: 'node',
    // e2e tests start Chromium; one file at a time keeps a 2-core machine steady.
    fileParallelism: true,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // UI assertions poll; a slow CI machine gets a few seconds before a check fails.
    expect: { poll: { timeout: 10_000 } },
  },
});
