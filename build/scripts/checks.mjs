#!/usr/bin/env node
// The checks before the tests, side by side: the type check, the lint (ESLint, then Prettier) and
// the renderer's build are independent, and each alone uses one core, so run one after another
// they left the second core idle for about a minute and a half of every `npm test`. Each check is
// the npm script of the same name (package.json stays the one place that says what a check is);
// its output is printed whole when it ends, so the lines of two checks never interleave.
import { spawn } from 'node:child_process';

const CHECKS = ['typecheck', 'lint', 'build:renderer'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const started = Date.now();

function run(script) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { shell: process.platform === 'win32', env: process.env });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      process.stdout.write(`\n── npm run ${script}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} after ${seconds} s\n`);
      const text = Buffer.concat(out).toString().trim();
      if (text) process.stdout.write(`${text}\n`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(CHECKS.map(run));
process.exit(results.every(Boolean) ? 0 : 1);
