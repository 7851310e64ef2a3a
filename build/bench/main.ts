/**
 * `npm run bench [-- --loans N[,N2,…]] [--growth] [--months M] [--seed S] [--runs R] [--claim-lines L] [--no-browser] [--steps 3,4,5] [--out FILE]`:
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
// Step numbers as the table prints them: '3', '3b', '5b'; '6' and '7' stand for 6a–6c and 7a–7b.
const steps = stepsIndex >= 0 ? (args[stepsIndex + 1] ?? '').split(',').filter(Boolean) : undefined;
const cacheDir = path.resolve(__dirname, '..', '..', '.cache', 'bench');

async function main(): Promise<void> {
  const reports: BenchReport[] = [];
  for (const loans of loanSizes) {
    const out = outIndex >= 0 && args[outIndex + 1] ? path.resolve(args[outIndex + 1]!) : undefined;
    reports.push(
      await runBench({
        loans,
        months: option('--months', 36),
        seed: option('--seed', 20251027),
        runs: option('--runs', 5),
        // The claim grows with the data set: as many lines as loans, unless given.
        ...(claimIndex >= 0 ? { claimLines: option('--claim-lines', loans) } : {}),
        cacheDir,
        ...(out
          ? { out: loanSizes.length > 1 ? out.replace(/(\.json)?$/, `-${loans}.json`) : out }
          : loanSizes.length > 1
            ? { out: path.join(cacheDir, `bench-results-${loans}.json`) }
            : {}),
        browser: !args.includes('--no-browser'),
        ...(steps ? { steps } : {}),
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
