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

export function bundleImportWorker(outDir: string): string {
  const root = path.resolve(__dirname, '..', '..');
  fs.mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'import-worker.cjs');
  buildSync({
    entryPoints: [path.join(root, 'electron', 'services', 'imports', 'worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  return outfile;
}
