#!/usr/bin/env node
// better-sqlite3 is a native module: it must be built for the runtime that loads it.
// Tests and the CLI run under Node; the app runs under Electron, whose ABI differs.
// This script checks whether the current build loads in the wanted runtime and rebuilds
// only when it does not, so `npm test` and `npm start` work in any order.
//
//   node build/scripts/native-abi.mjs node       (before tests / CLI)
//   node build/scripts/native-abi.mjs electron   (before start / packaging)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const target = process.argv[2];
const probe = "require('better-sqlite3')(':memory:').close()";
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function loads(command, env) {
  const r = spawnSync(command, ['-e', probe], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { ok: r.status === 0, detail: (r.stderr || r.error?.message || '').split('\n').slice(0, 3).join(' ') };
}

if (target === 'node') {
  const check = loads(process.execPath, {});
  if (check.ok) process.exit(0);
  console.log(`better-sqlite3 belum dibangun untuk Node (${check.detail.trim()}); membangun ulang…`);
  const r = spawnSync(npm, ['rebuild', 'better-sqlite3'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
} else if (target === 'electron') {
  let electronPath;
  try {
    electronPath = require('electron');
  } catch (err) {
    console.error(`Electron belum terpasang dengan benar: ${err.message}\nJalankan "npm install" (dengan koneksi internet).`);
    process.exit(1);
  }
  const check = loads(electronPath, { ELECTRON_RUN_AS_NODE: '1' });
  if (check.ok) process.exit(0);
  console.log('better-sqlite3 belum dibangun untuk Electron; membangun ulang dengan @electron/rebuild…');
  const { rebuild } = await import('@electron/rebuild');
  const electronVersion = require('electron/package.json').version;
  await rebuild({ buildPath: process.cwd(), electronVersion, onlyModules: ['better-sqlite3'], force: true });
  console.log('Selesai.');
} else {
  console.error('Pemakaian: native-abi.mjs node|electron');
  process.exit(2);
}
