/**
 * Once per `vitest run`, before any test file: the services' workers (imports, long jobs) bundled
 * into one file each, so every worker a test starts loads as in the packaged app instead of tsx
 * compiling its TypeScript at each start (build/scripts/worker-bundles.ts). The test processes
 * inherit GERBANG_WORKER_BUNDLES. The source path (tsx) keeps its own test:
 * tests/integration/worker-start.test.ts.
 */
import fs from 'node:fs';
import { useWorkerBundles } from '../build/scripts/worker-bundles';

export default function setup(): () => void {
  const dir = useWorkerBundles(`workers-${process.pid}`);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
