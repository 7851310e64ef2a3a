/**
 * `npm run bench [-- --loans N] [--months M] [--seed S] [--runs R] [--claim-lines L] [--no-browser] [--out FILE]`:
 * the issue-7 benchmark. The data set is cached in .cache/bench/ by seed and size.
 */
import path from 'node:path';
import { runBench } from './bench';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} harus bilangan bulat positif`);
  return value;
};
const outIndex = args.indexOf('--out');

runBench({
  loans: option('--loans', 100_000),
  months: option('--months', 36),
  seed: option('--seed', 20251027),
  runs: option('--runs', 5),
  claimLines: option('--claim-lines', 100_000),
  cacheDir: path.resolve(__dirname, '..', '..', '.cache', 'bench'),
  ...(outIndex >= 0 && args[outIndex + 1] ? { out: path.resolve(args[outIndex + 1]!) } : {}),
  browser: !args.includes('--no-browser'),
}).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
