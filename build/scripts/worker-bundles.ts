/**
 * The services' worker threads compiled into one file each, as the packaged app starts them
 * compiled (dist-electron/…/worker.js). Under tsx or vitest a worker otherwise loads its
 * TypeScript modules through tsx at every start (0.4–2 s on this machine), a cost the app never
 * pays: the bench would measure it and the test suite paid it some hundred times per run.
 * startWorker (electron/services/worker-start.ts) takes a bundle from the folder named by
 * GERBANG_WORKER_BUNDLES. esbuild comes with tsx and Vite.
 *
 * The folder must sit two levels inside the repository (e.g. `.cache/workers-123/`): packages stay
 * external and resolve from the repository's node_modules, and database/migrate.ts finds the
 * migrations from a bundle's __dirname as `../../database/migrations`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { WORKER_BUNDLES_ENV, workerBundleName } from '../../electron/services/worker-start';

const ROOT = path.resolve(__dirname, '..', '..');

/** Every worker entry the services start (the folder under electron/services and the file). */
export const WORKER_ENTRIES = [
  { feature: 'imports', name: 'worker' },
  { feature: 'jobs', name: 'worker' },
  { feature: 'startup', name: 'worker' },
] as const;

/** Builds every bundle into `<repository>/.cache/<folder>` and answers that folder's path. */
export function bundleWorkers(folder: string): string {
  const outDir = path.join(ROOT, '.cache', folder);
  fs.mkdirSync(outDir, { recursive: true });
  for (const { feature, name } of WORKER_ENTRIES) {
    const dir = path.join(ROOT, 'electron', 'services', feature);
    const outfile = path.join(outDir, workerBundleName(dir, name));
    // Written beside and renamed: another run starting at the same time never loads half a file.
    const tmp = `${outfile}.${process.pid}.tmp`;
    buildSync({
      entryPoints: [path.join(dir, `${name}.ts`)],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    fs.renameSync(tmp, outfile);
  }
  return outDir;
}

/** Builds the bundles and points startWorker at them (for this process and the workers it starts). */
export function useWorkerBundles(folder: string): string {
  const dir = bundleWorkers(folder);
  process.env[WORKER_BUNDLES_ENV] = dir;
  return dir;
}
