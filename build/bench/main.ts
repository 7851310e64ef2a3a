/**
 * `npm run bench [-- --loans N[,N2,…]] [--growth] [--months M] [--seed S] [--runs R[,R2,…]] [--claim-lines L] [--steps 1,4,…] [--no-browser] [--out FILE]`:
 * the issue-7/16 benchmark. Data sets are cached in .cache/bench/ by seed and size. `--loans`
 * with a list, or `--growth` (10,000 → 100,000 → 1,000,000 loans), runs the bench at each size and
 * prints how each step's time grows (build/bench/growth.ts). See docs/performance.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runBench, type BenchReport } from './bench';
import { formatGrowth, GROWTH_SIZES } from './growth';

const args = process.argv.slice(2);
const positive = (name: string, text: string | undefined): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} harus bilangan bulat positif`);
  return value;
};
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? positive(name, args[i + 1]) : fallback;
};
const loansArg = args.indexOf('--loans');
const loanSizes =
  loansArg >= 0 ? (args[loansArg + 1] ?? '').split(',').map((v) => positive('--loans', v.replace(/_/g, ''))) : args.includes('--growth') ? [...GROWTH_SIZES] : [100_000];
const outIndex = args.indexOf('--out');
const claimIndex = args.indexOf('--claim-lines');
const stepsIndex = args.indexOf('--steps');
// `--runs 3,3,1`: one count per size (the last one repeats), so the 1M claim steps, minutes each,
// can run once while the smaller sizes take the median of three.
const runsIndex = args.indexOf('--runs');
const runsList = runsIndex >= 0 ? (args[runsIndex + 1] ?? '').split(',').map((v) => positive('--runs', v)) : [5];
const runsAt = (i: number): number => runsList[Math.min(i, runsList.length - 1)]!;
const cacheDir = path.resolve(__dirname, '..', '..', '.cache', 'bench');

async function main(): Promise<void> {
  const reports: BenchReport[] = [];
  for (const [i, loans] of loanSizes.entries()) {
    const out = outIndex >= 0 && args[outIndex + 1] ? path.resolve(args[outIndex + 1]!) : undefined;
    reports.push(
      await runBench({
        loans,
        months: option('--months', 36),
        seed: option('--seed', 20251027),
        runs: runsAt(i),
        // The claim grows with the data set: as many lines as loans, unless given.
        ...(claimIndex >= 0 ? { claimLines: option('--claim-lines', loans) } : {}),
        cacheDir,
        ...(out
          ? { out: loanSizes.length > 1 ? out.replace(/(\.json)?$/, `-${loans}.json`) : out }
          : loanSizes.length > 1
            ? { out: path.join(cacheDir, `bench-results-${loans}.json`) }
            : {}),
        browser: !args.includes('--no-browser'),
        // Only some steps (e.g. `--steps 1,4`: the claim import and its reconciliation).
        ...(stepsIndex >= 0 ? { steps: (args[stepsIndex + 1] ?? '').split(',').map((v) => v.trim()) } : {}),
      }),
    );
  }
  if (reports.length > 1) {
    console.log('');
    for (const line of formatGrowth(reports)) console.log(line);
    fs.writeFileSync(path.join(cacheDir, 'bench-growth.json'), `${JSON.stringify(reports, null, 2)}\n`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
