/**
 * Starts a worker thread from a services module, compiled or from source. The order:
 *   1. `<name>.js` beside the caller: the packaged app (tsc → dist-electron);
 *   2. a bundle of the worker in the folder named by GERBANG_WORKER_BUNDLES
 *      (`<feature>-<name>.cjs`, e.g. `jobs-worker.cjs`): the bench and the test suite build one per
 *      run (build/scripts/worker-bundles.ts), so a worker starts as in the app instead of tsx
 *      compiling its modules at every start (0.4–2 s each on this machine, and every job also
 *      prepares a spare worker);
 *   3. `<name>.ts` through tsx's CommonJS hook (the CLI, scripts, and tests without bundles) —
 *      a worker does not inherit the parent's loader.
 * Used by the import worker and the long-jobs worker.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** The environment variable naming the folder of prebuilt worker bundles. */
export const WORKER_BUNDLES_ENV = 'GERBANG_WORKER_BUNDLES';

/** The bundle's file name for the worker `name` of the services folder `dir` (…/services/jobs + worker → jobs-worker.cjs). */
export function workerBundleName(dir: string, name: string): string {
  return `${path.basename(dir)}-${name}.cjs`;
}

/** Which file a worker starts from, in the order above. */
export type WorkerEntry = { from: 'compiled' | 'bundle' | 'source'; file: string };

export function workerEntry(dir: string, name: string): WorkerEntry {
  const compiled = path.join(dir, `${name}.js`);
  if (fs.existsSync(compiled)) return { from: 'compiled', file: compiled };
  const bundles = process.env[WORKER_BUNDLES_ENV];
  const bundle = bundles ? path.join(bundles, workerBundleName(dir, name)) : null;
  if (bundle && fs.existsSync(bundle)) return { from: 'bundle', file: bundle };
  return { from: 'source', file: path.join(dir, `${name}.ts`) };
}

/** `dir` is the caller's __dirname, `name` the entry's file name without extension. */
export function startWorker(dir: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  const entry = workerEntry(dir, name);
  if (entry.from === 'compiled') return new Worker(entry.file, { workerData, ...limits });
  // execArgv: [] — a bundle needs no loader (under vitest the parent's flags would add one).
  if (entry.from === 'bundle') return new Worker(entry.file, { workerData, execArgv: [], ...limits });
  // Resolve tsx from here, so the worker finds it whatever the working directory.
  const tsx = createRequire(__filename).resolve('tsx/cjs', { paths: [dir, process.cwd()] });
  const bootstrap = `require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry.file)});`;
  return new Worker(bootstrap, { eval: true, workerData, ...limits });
}
