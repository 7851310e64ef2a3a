import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { InputOf, Insurer, OutputOf, PremiumRow } from '@contract';
import { ApiError, call } from '@/api';
import { useLatestOnly } from '@/composables/useLatestOnly';

export type PremiumStatus = PremiumRow['status'];
export type StatusFilter = PremiumStatus | 'semua';

export type InvoiceRequest = Omit<InputOf<'premiums.recordInvoice'>, 'penjaminId' | 'premiIds' | 'versi'>;
export type PaymentRequest = Omit<InputOf<'premiums.recordPayment'>, 'penjaminId' | 'premiIds' | 'versi'>;
export type InvoiceResult = OutputOf<'premiums.recordInvoice'>;
export type PaymentResult = OutputOf<'premiums.recordPayment'>;

/**
 * The premium screen's state: the insurers to filter by, the filters, and the premiums listed.
 * Kept in a store so the filters survive a visit to another screen.
 */
export const usePremiumsStore = defineStore('premiums', () => {
  const insurers = ref<Insurer[]>([]);
  const penjaminId = ref<number | null>(null);
  const status = ref<StatusFilter>('semua');
  const rows = ref<PremiumRow[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const latestOnly = useLatestOnly(loading);

  /** What premiums.list is asked: only the filters actually chosen. */
  const query = computed<InputOf<'premiums.list'>>(() => ({
    ...(penjaminId.value !== null ? { penjaminId: penjaminId.value } : {}),
    ...(status.value !== 'semua' ? { status: status.value } : {}),
  }));

  async function loadInsurers(): Promise<void> {
    insurers.value = await call('insurers.list', { includeInactive: true });
  }

  async function load(): Promise<void> {
    error.value = null;
    await latestOnly(
      () => call('premiums.list', query.value),
      (result) => (rows.value = result),
      (err) => {
        rows.value = [];
        error.value = err instanceof ApiError ? err.message : String(err);
      },
    );
  }

  /**
   * The versions of the chosen premiums as listed: a premium someone else invoiced or paid since the
   * list was loaded is refused (STALE) rather than recorded again (record versions).
   */
  const versionsOf = (premiIds: number[]) => premiIds.map((id) => rows.value.find((r) => r.id === id)?.versi ?? 0);

  /** Records the insurer's invoice for the chosen premiums, then lists again. */
  async function recordInvoice(penjamin: number, premiIds: number[], input: InvoiceRequest): Promise<InvoiceResult> {
    const done = await call('premiums.recordInvoice', { penjaminId: penjamin, premiIds, versi: versionsOf(premiIds), ...input });
    await load();
    return done;
  }

  /** Records the SP2D paying the chosen premiums, then lists again. */
  async function recordPayment(penjamin: number, premiIds: number[], input: PaymentRequest): Promise<PaymentResult> {
    const done = await call('premiums.recordPayment', { penjaminId: penjamin, premiIds, versi: versionsOf(premiIds), ...input });
    await load();
    return done;
  }

  return { insurers, penjaminId, status, rows, loading, error, query, loadInsurers, load, recordInvoice, recordPayment };
});
