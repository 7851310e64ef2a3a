import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/*
 * Workers. Vitest's default is one fewer than the cores: on the office's and CI's 2-core machines
 * that was ONE worker, and the whole suite ran a file at a time. Everything but the browser runs a
 * file per core; the end-to-end files (each drives its own Chromium, which needs a core of its
 * own to answer within the UI's timeouts) run on half the cores, after the rest.
 */
const cores = os.availableParallelism();

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': r('./renderer/src'), '@contract': r('./electron/contract/index.ts'), '@domain': r('./electron/domain') },
  },
  test: {
    // The workers bundled once per run (tests/global-setup.ts).
    globalSetup: ['tests/global-setup.ts'],
    environment: 'node',
    // Every test file has its own database (and, end-to-end, its own server on a free port and its
    // own browser), so files never share state. Run one layer at a time with the npm scripts
    // test:unit / test:integration / test:components / test:e2e (docs/testing.md).
    fileParallelism: true,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // UI assertions poll; a slow CI machine gets a few seconds before a check fails.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      { extends: true, test: { name: 'node', include: ['tests/{unit,integration,components}/**/*.test.ts'], maxWorkers: cores } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], maxWorkers: Math.max(1, Math.floor(cores / 2)) } },
    ],
  },
});
