/**
 * The app's process for the long jobs' table (./app-process.ts starts it): a runtime on the
 * bench's copy, the claim import as the screen runs it (when given), then each long job as a
 * worker job or on the thread (`only`; stall.ts). Sends its rows to the bench and exits.
 */
import { createRuntime, type Runtime } from '../../electron/runtime';
import { nodePrinter } from '../../electron/services/documents/node-printer';
import { importFileFromPath } from '../../electron/services/imports/import-file';
import type { AppChildMessage, AppProcessInput } from './app-process';
import { commitAsJob } from './claims';
import { benchLongJobs, jobStallSteps, type LongJob } from './stall';

/** Resolves once the message is handed to the channel (the last one before exit must not be lost). */
const send = (msg: AppChildMessage) => new Promise<void>((resolve) => (process.send ? process.send(msg, undefined, {}, () => resolve()) : resolve()));

/** The claim file imported end to end (upload → preview in the worker → commit as a job), checked as the bench's step 1 checks it. */
function claimImport(claim: NonNullable<AppProcessInput['claim']>): LongJob {
  return {
    step: `impor klaim CSV, ${claim.lines} baris (unggah→pratinjau→simpan)`,
    channel: 'imports.commit',
    input: null,
    run: async (rt: Runtime) => {
      try {
        const r = await importFileFromPath(rt.handlers, { file: claim.file, jenis: 'tagihan', bankId: claim.bankId, commit: commitAsJob(rt) });
        const c = r.commit;
        if (!c || c.jumlahBaris !== claim.lines || c.totalNilai !== claim.total) {
          return { ok: false, error: { message: `impor membaca ${c?.jumlahBaris ?? 0} dari ${claim.lines} baris, total ${c?.totalNilai ?? 0} (seharusnya ${claim.total})` } };
        }
        return { ok: true };
      } catch (err) {
        return { ok: false, error: { message: err instanceof Error ? err.message : String(err) } };
      }
    },
  };
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as AppProcessInput;
  const printer = input.pdf ? nodePrinter() : null;
  const rt = createRuntime({ databasePath: input.databasePath, user: 'bench', today: () => input.today, ...(printer ? { printer } : {}) });
  try {
    // The import first: the reconciliation job then takes its claim (the latest open one).
    const jobs = [...(input.claim ? [claimImport(input.claim)] : []), ...benchLongJobs(rt.db, input.period, input.today, input.pdf, { claimImportedFirst: Boolean(input.claim) })];
    const rows = await jobStallSteps(rt, jobs, (line) => void send({ type: 'log', line }), input.idleMs, input.only);
    await send({ type: 'done', rows });
  } finally {
    rt.close();
    await printer?.close?.();
  }
}

main().then(
  () => process.exit(0),
  async (err: unknown) => {
    await send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  },
);
