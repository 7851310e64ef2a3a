/**
 * The import worker compiled into one file for the bench, as the packaged app runs it compiled
 * (dist-electron/…/worker.js). Under tsx, every worker start compiles and loads the worker's
 * TypeScript modules one by one (0.4–2 s per import on this machine, twice per import: the
 * inspection and the preview), which the app never pays. esbuild comes with tsx and Vite.
 * Packages stay external: they resolve from the repository's node_modules at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

/** Builds the bundle into the repository's .cache/bench (inside the repository, so its packages resolve); answers its path. */
export function bundleImportWorker(): string {
  const root = path.resolve(__dirname, '..', '..');
  const outDir = path.join(root, '.cache', 'bench');
  fs.mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'import-worker.cjs');
  // Written beside and renamed: another bench starting at the same time never loads half a file.
  const tmp = `${outfile}.${process.pid}.tmp`;
  buildSync({
    entryPoints: [path.join(root, 'electron', 'services', 'imports', 'worker.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  fs.renameSync(tmp, outfile);
  return outfile;
}
