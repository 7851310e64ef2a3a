import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Bank, SubsidyRun } from '@contract';
import { todayIso } from '@domain/format';
import { ApiError, call } from '@/api';
import { useLatestOnly } from '@/composables/useLatestOnly';
import { useJob } from '@/composables/useJob';
import { JobCancelledError } from '@/jobs';
import { periodEnd, previousMonth } from './format';

/**
 * The subsidy run screen's state: the choice of bank and period, and the last run computed.
 * Kept in a store so the result survives a visit to another screen.
 */
export const useSubsidyStore = defineStore('subsidy', () => {
  const banks = ref<Bank[]>([]);
  const bankId = ref<number | null>(null);
  const periode = ref<string | null>(previousMonth(todayIso()));
  const quarterly = ref(false);
  const run = ref<SubsidyRun | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const latestOnly = useLatestOnly(loading);
  /** True when the last computation was cancelled (the previous result, if any, stays). */
  const cancelled = ref(false);
  // The run takes seconds on a big bank: it runs as a job, with its step and a Cancel button.
  const job = useJob();

  const periodeAkhir = computed(() => (periode.value ? periodEnd(periode.value, quarterly.value) : null));
  const canRun = computed(() => bankId.value !== null && periode.value !== null);

  async function loadBanks(): Promise<void> {
    banks.value = await call('banks.list', { includeInactive: true });
    const active = banks.value.filter((b) => b.aktif);
    if (bankId.value === null && active.length === 1) bankId.value = active[0]!.id;
  }

  async function execute(request: { bankId: number; periodeAwal: string; periodeAkhir: string }): Promise<void> {
    error.value = null;
    cancelled.value = false;
    await latestOnly(
      () => job.run('subsidy.run', request),
      (result) => (run.value = result),
      (err) => {
        if (err instanceof JobCancelledError) {
          cancelled.value = true;
          return;
        }
        run.value = null;
        error.value = err instanceof ApiError ? err.message : String(err);
      },
    );
  }

  /** Computes the run for the bank and period chosen on screen. */
  async function compute(): Promise<void> {
    if (bankId.value === null || !periode.value) return;
    await execute({ bankId: bankId.value, periodeAwal: periode.value, periodeAkhir: periodeAkhir.value! });
  }

  /** Computes the shown run again (same bank and period as it was computed for). */
  async function rerun(): Promise<void> {
    const r = run.value;
    if (r) await execute({ bankId: r.bankId, periodeAwal: r.periodeAwal, periodeAkhir: r.periodeAkhir });
  }

  return { banks, bankId, periode, quarterly, periodeAkhir, canRun, run, loading, error, cancelled, job: job.state, cancel: job.cancel, loadBanks, compute, rerun };
});
