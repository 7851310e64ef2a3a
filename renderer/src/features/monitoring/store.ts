import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Bank, ReferenceData, Scheme, StatusUsahaKunjungan, VisitListRow } from '@contract';
import { call } from '@/api';
import { useLatestOnly } from '@/composables/useLatestOnly';

type FollowUp = 'terlambat' | 'terbuka' | 'selesai' | 'tanpa';

/** The Monitoring page's visit list (filtered and paged in SQL: monev.list) and its filter choices. */
export const useMonitoringStore = defineStore('monitoring', () => {
  const rows = ref<VisitListRow[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(50);
  const search = ref('');
  const bankId = ref<number | undefined>();
  const kecamatanId = ref<number | undefined>();
  const statusUsaha = ref<StatusUsahaKunjungan | undefined>();
  const tindakLanjut = ref<FollowUp | undefined>();
  const dari = ref<string | undefined>();
  const sampai = ref<string | undefined>();
  const loading = ref(false);
  const latestOnly = useLatestOnly(loading);
  const banks = ref<Bank[]>([]);
  const schemes = ref<Scheme[]>([]);
  const reference = ref<ReferenceData>({ kecamatan: [], sektor: [] });

  async function load(): Promise<void> {
    await latestOnly(
      () =>
        call('monev.list', {
          search: search.value,
          bankId: bankId.value || undefined,
          kecamatanId: kecamatanId.value || undefined,
          statusUsaha: statusUsaha.value || undefined,
          tindakLanjut: tindakLanjut.value || undefined,
          dari: dari.value || undefined,
          sampai: sampai.value || undefined,
          page: page.value,
          pageSize: pageSize.value,
        }),
      (result) => {
        rows.value = result.rows;
        total.value = result.total;
      },
    );
  }

  /** Bank, scheme and reference choices; a bank's officer reads only banks. */
  async function loadChoices(staff: boolean): Promise<void> {
    banks.value = await call('banks.list', {});
    if (staff) {
      const [s, r] = await Promise.all([call('schemes.list', {}), call('reference.list', {})]);
      schemes.value = s;
      reference.value = r;
    }
  }

  return { rows, total, page, pageSize, search, bankId, kecamatanId, statusUsaha, tindakLanjut, dari, sampai, loading, load, banks, schemes, reference, loadChoices };
});
