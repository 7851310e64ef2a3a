/**
 * Starts a worker thread from a services module, compiled or from source. The packaged app
 * (tsc → dist-electron) loads `<name>.js` beside the caller; under tsx or vitest (CLI, bench,
 * tests) there is no .js, so the worker loads `<name>.ts` through tsx's CommonJS hook — a worker
 * does not inherit the parent's loader. Used by the import worker and the long-jobs worker.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** `dir` is the caller's __dirname, `name` the entry's file name without extension. */
export function startWorker(dir: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  const compiled = path.join(dir, `${name}.js`);
  if (fs.existsSync(compiled)) return new Worker(compiled, { workerData, ...limits });
  const source = path.join(dir, `${name}.ts`);
  // Resolve tsx from here, so the worker finds it whatever the working directory.
  const tsx = createRequire(__filename).resolve('tsx/cjs', { paths: [dir, process.cwd()] });
  const bootstrap = `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, workerData, ...limits });
}
