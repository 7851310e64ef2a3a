import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { AuditExport, AuditFacets, AuditFilter, AuditRow, AuditVerifyResult } from '@contract';
import { call } from '@/api';
import { useLatestOnly } from '@/composables/useLatestOnly';

/** The filters as the screen holds them (empty values mean "any"). */
export interface AuditFilterState {
  id: number | undefined;
  entitas: string | undefined;
  entitasId: number | undefined;
  pengguna: string | undefined;
  aksi: string | undefined;
  dari: string | undefined;
  sampai: string | undefined;
  search: string;
}

const emptyFilters = (): AuditFilterState => ({
  id: undefined,
  entitas: undefined,
  entitasId: undefined,
  pengguna: undefined,
  aksi: undefined,
  dari: undefined,
  sampai: undefined,
  search: '',
});

/** What is sent: only the filters that are set. */
function toInput(f: AuditFilterState): AuditFilter {
  const input: AuditFilter = {};
  if (f.id) input.id = f.id;
  if (f.entitas) input.entitas = f.entitas;
  if (f.entitasId) input.entitasId = f.entitasId;
  if (f.pengguna) input.pengguna = f.pengguna;
  if (f.aksi) input.aksi = f.aksi;
  if (f.dari) input.dari = f.dari;
  if (f.sampai) input.sampai = f.sampai;
  if (f.search.trim()) input.search = f.search.trim();
  return input;
}

/** The trail one page at a time (filtering and paging in SQL), its integrity check and its export. */
export const useAuditStore = defineStore('audit', () => {
  const rows = ref<AuditRow[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(50);
  const filters = reactive<AuditFilterState>(emptyFilters());
  const facets = ref<AuditFacets>({ entitas: [], pengguna: [] });
  const loading = ref(false);
  const verifying = ref(false);
  const verification = ref<AuditVerifyResult | null>(null);
  const exporting = ref(false);
  const latestOnly = useLatestOnly(loading);

  async function load(): Promise<void> {
    // Answers can arrive out of order while the user types; only the latest one counts.
    await latestOnly(
      () => call('audit.list', { ...toInput(filters), page: page.value, pageSize: pageSize.value }),
      (result) => {
        rows.value = result.rows;
        total.value = result.total;
      },
    );
  }

  async function loadFacets(): Promise<void> {
    facets.value = await call('audit.facets', {});
  }

  function resetFilters(): void {
    Object.assign(filters, emptyFilters());
    page.value = 1;
  }

  async function verify(): Promise<AuditVerifyResult> {
    verifying.value = true;
    verification.value = null;
    try {
      verification.value = await call('audit.verify', {});
      return verification.value;
    } finally {
      verifying.value = false;
    }
  }

  async function exportCsv(): Promise<AuditExport> {
    exporting.value = true;
    try {
      return await call('audit.export', toInput(filters));
    } finally {
      exporting.value = false;
    }
  }

  return { rows, total, page, pageSize, filters, facets, loading, verifying, verification, exporting, load, loadFacets, resetFilters, verify, exportCsv };
});
