#!/usr/bin/env node
// The end-to-end tests serve the built renderer (dist/renderer). Builds it when it is missing, so
// `npm run test:e2e` works on a fresh clone; an existing build is kept (rebuild with
// `npm run build:renderer` after changing the renderer).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
  console.log('dist/renderer is missing: building the renderer first (vite build).');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
