/**
 * Once per `vitest run`, before any test file: the services' workers (imports, long jobs) bundled
 * into one file each, so every worker a test starts loads as in the packaged app instead of tsx
 * compiling its TypeScript at each start (build/scripts/worker-bundles.ts). The test processes
 * inherit GERBANG_WORKER_BUNDLES. The source path (tsx) keeps its own test:
 * tests/integration/worker-start.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { useWorkerBundles } from '../build/scripts/worker-bundles';
import { WORKER_BUNDLES_ENV } from '../electron/services/worker-start';

export default function setup(): () => void {
  const folder = `workers-${process.pid}`;
  // Each project of vitest.config.mts extends the root config and so runs this file: the first
  // builds the bundles, the others find this run's folder already named and use it.
  if (path.basename(process.env[WORKER_BUNDLES_ENV] ?? '') === folder) return () => undefined;
  const dir = useWorkerBundles(folder);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
