import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Bank, DebtorChoice, Decree, ImportCommitResult, ImportDebtorChoices, ImportInspection, ImportKind, ImportProgress, ImportRecord, InputOf, Insurer } from '@contract';
import { IMPORT_KIND_SPECS, IMPORT_LIMITS, commitsAsJob } from '@contract';
import { ApiError, call } from '@/api';
import { useJob } from '@/composables/useJob';
import { JobCancelledError } from '@/jobs';

export type Step = 'sumber' | 'pemetaan' | 'pratinjau' | 'hasil';
export type Options = NonNullable<InputOf<'imports.inspect'>['opsi']>;

/** Reads a File as base64 (without the data: prefix), for imports.upload. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

const message = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

/**
 * The import screen's state, one step at a time: who the file is from and what it is, the file as
 * read (and how), the mapping, the preview job and its result, the commit's result, the history.
 */
export const useImportsStore = defineStore('imports', () => {
  const step = ref<Step>('sumber');
  const jenis = ref<ImportKind>('tagihan');
  const bankId = ref<number | null>(null);
  const penjaminId = ref<number | null>(null);
  /** The recipient decree whose list is imported (kinds sent by a decree). */
  const skId = ref<number | null>(null);
  const banks = ref<Bank[]>([]);
  const insurers = ref<Insurer[]>([]);
  /** The recipient decrees still open to a list, read when that kind is chosen. */
  const decrees = ref<Decree[]>([]);

  const inspection = ref<ImportInspection | null>(null);
  const opsi = ref<Options>({});
  const pemetaan = ref<Record<string, string>>({});
  /** Values for the whole file, by field key (the kind's fileLevel fields). */
  const tetap = ref<Record<string, string>>({});

  const progress = ref<ImportProgress | null>(null);
  /**
   * Loan lists: what to do with registered debtors whose data in the file differs — one choice for
   * all, overridden per debtor (NIK) and field. Reset with each preview.
   */
  const pilihanSemua = ref<DebtorChoice>('pertahankan');
  const pilihanDebitur = ref<Record<string, Record<string, DebtorChoice>>>({});
  const result = ref<ImportCommitResult | null>(null);
  const history = ref<ImportRecord[]>([]);
  const historyTotal = ref(0);
  const historyPage = ref(1);

  const busy = ref(false);
  const error = ref<string | null>(null);
  /** The commit as a job (every kind: up to 500,000 rows): its step, percentage and Cancel for <JobProgress>. */
  const commitJob = useJob();
  /** True when the clerk cancelled the last commit (nothing was saved; the preview can be saved again). */
  const commitCancelled = ref(false);
  const fieldErrors = ref<Record<string, string>>({});

  const spec = computed(() => IMPORT_KIND_SPECS[jenis.value]);
  /** Who the file is from, as the contract's input wants it for this kind. */
  const owner = computed(() => {
    const o = spec.value.pemilik;
    if (o === 'penjamin') return { jenis: jenis.value, penjaminId: penjaminId.value ?? undefined };
    if (o === 'sk') return { jenis: jenis.value, skId: skId.value ?? undefined };
    return { jenis: jenis.value, bankId: bankId.value ?? undefined };
  });
  const ownerChosen = computed(() => {
    const o = spec.value.pemilik;
    return o === 'penjamin' ? penjaminId.value !== null : o === 'sk' ? skId.value !== null : bankId.value !== null;
  });
  const fields = computed(() => spec.value.fields);
  const fileLevel = computed(() => spec.value.fileLevel);
  /** Required fields with neither a column nor a value for the whole file. */
  const missing = computed(() => fields.value.filter((f) => f.required && !pemetaan.value[f.key] && !(fileLevel.value.includes(f.key) && tetap.value[f.key])));

  function fail(err: unknown): void {
    error.value = message(err);
    fieldErrors.value = err instanceof ApiError ? err.fields : {};
  }

  async function loadOwners(isBank: boolean): Promise<void> {
    banks.value = await call('banks.list', {});
    if (!isBank) insurers.value = await call('insurers.list', {});
    if (isBank && banks.value.length === 1) bankId.value = banks.value[0]!.id;
  }

  async function loadDecrees(): Promise<void> {
    decrees.value = (await call('decrees.list', {})).filter((d) => !d.terkunci);
  }

  async function loadHistory(page = historyPage.value): Promise<void> {
    historyPage.value = page;
    try {
      const p = await call('imports.list', { page, pageSize: 10 });
      history.value = p.rows;
      historyTotal.value = p.total;
    } catch (err) {
      fail(err);
    }
  }

  function accept(found: ImportInspection): void {
    inspection.value = found;
    pemetaan.value = { ...found.pemetaan };
    // The preview reads the file as it was shown: with that header row, or without one.
    const { headerRow: _h, tanpaJudul: _t, ...rest } = opsi.value;
    opsi.value = { ...rest, ...(found.tanpaJudul ? { tanpaJudul: true } : { headerRow: found.headerRow }), ...(found.sheet ? { sheet: found.sheet } : {}) };
    // The period the title lines name, offered until the clerk chooses one.
    if (found.saranTetap.periode && !tetap.value.periode) tetap.value = { ...tetap.value, periode: found.saranTetap.periode };
  }

  /** Sends the chosen file; on success the mapping step opens with the suggestion. */
  async function upload(file: File): Promise<boolean> {
    busy.value = true;
    error.value = null;
    fieldErrors.value = {};
    try {
      opsi.value = {};
      tetap.value = {};
      // Said before the file is read and sent (the contract refuses it too).
      if (file.size > IMPORT_LIMITS.berkasMb * 1024 * 1024) {
        error.value = `Berkas ${file.name} terlalu besar (${(file.size / 1024 / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB; paling besar ${IMPORT_LIMITS.berkasMb} MB). Bagi berkas menjadi beberapa berkas lalu impor satu per satu.`;
        return false;
      }
      const found = await call('imports.upload', { ...owner.value, namaBerkas: file.name, isiBase64: await fileToBase64(file), opsi: {} });
      accept(found);
      step.value = 'pemetaan';
      return true;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Reads the kept file again with the clerk's delimiter/encoding/sheet/header row. */
  async function reinspect(change: Partial<Options>): Promise<void> {
    if (!inspection.value) return;
    busy.value = true;
    error.value = null;
    try {
      const next: Options = { ...opsi.value, ...change };
      // A new sheet or delimiter may move the header: let it be found again (a template's
      // "no header row" still applies in the service).
      if (!('headerRow' in change) && !('tanpaJudul' in change)) {
        delete next.headerRow;
        delete next.tanpaJudul;
      }
      if (change.tanpaJudul) delete next.headerRow;
      opsi.value = next;
      accept(await call('imports.inspect', { ...owner.value, berkas: inspection.value.berkas, namaBerkas: inspection.value.namaBerkas, opsi: next }));
    } catch (err) {
      fail(err);
    } finally {
      busy.value = false;
    }
  }

  let timer: ReturnType<typeof setTimeout> | null = null;
  function stopPolling(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  async function poll(jobId: string): Promise<void> {
    try {
      progress.value = await call('imports.progress', { jobId });
      if (progress.value.status === 'berjalan') timer = setTimeout(() => void poll(jobId), 300);
    } catch (err) {
      fail(err);
    }
  }

  /** Starts the preview job and polls it until it ends. */
  async function preview(): Promise<void> {
    if (!inspection.value) return;
    busy.value = true;
    error.value = null;
    fieldErrors.value = {};
    stopPolling();
    try {
      const { jobId } = await call('imports.preview', {
        ...owner.value,
        berkas: inspection.value.berkas,
        namaBerkas: inspection.value.namaBerkas,
        opsi: opsi.value,
        pemetaan: Object.fromEntries(Object.entries(pemetaan.value).filter(([, v]) => v)),
        // Only for fields without a column (a period offered from the title is not sent when the file has a period column).
        tetap: Object.fromEntries(Object.entries(tetap.value).filter(([k, v]) => v && fileLevel.value.includes(k) && !pemetaan.value[k])),
      });
      progress.value = { jobId, status: 'berjalan', tahap: '', persen: 0, hasil: null, pesan: null };
      resetChoices();
      step.value = 'pratinjau';
      await poll(jobId);
    } catch (err) {
      fail(err);
    } finally {
      busy.value = false;
    }
  }

  /** The choice in force for one field of one debtor: its own, else the one for all. */
  function choiceOf(nik: string, field: string): DebtorChoice {
    return pilihanDebitur.value[nik]?.[field] ?? pilihanSemua.value;
  }

  function choose(nik: string, fields: string[], choice: DebtorChoice): void {
    const own = { ...(pilihanDebitur.value[nik] ?? {}) };
    for (const f of fields) own[f] = choice;
    pilihanDebitur.value = { ...pilihanDebitur.value, [nik]: own };
  }

  /** One choice for every debtor: the per-debtor choices made so far give way to it. */
  function chooseAll(choice: DebtorChoice): void {
    pilihanSemua.value = choice;
    pilihanDebitur.value = {};
  }

  function resetChoices(): void {
    pilihanSemua.value = 'pertahankan';
    pilihanDebitur.value = {};
  }

  /** The commit's `pilihan` (kind 'pinjaman' with differences listed), else nothing. */
  const pilihan = computed((): ImportDebtorChoices | undefined =>
    progress.value?.hasil?.debiturBerbeda ? { semua: pilihanSemua.value, debitur: pilihanDebitur.value } : undefined,
  );

  async function problems(page: number, pageSize: number, tingkat?: 'galat' | 'peringatan') {
    return call('imports.problems', { jobId: progress.value!.jobId, page, pageSize, ...(tingkat ? { tingkat } : {}) });
  }

  /** A page of the preview's parsed rows (all, or only those with a problem). */
  async function rows(page: number, pageSize: number, hanya: 'semua' | 'bermasalah' | 'galat' = 'semua') {
    return call('imports.rows', { jobId: progress.value!.jobId, page, pageSize, hanya });
  }

  async function commit(ganti: boolean): Promise<boolean> {
    if (!progress.value) return false;
    busy.value = true;
    error.value = null;
    commitCancelled.value = false;
    try {
      const input = { jobId: progress.value.jobId, ganti, ...(pilihan.value ? { pilihan: pilihan.value } : {}) };
      // The commit runs as a job (a claim's 500,000 lines, a loan list's 300,000 rows): the main
      // process keeps answering meanwhile, and the screen shows the rows saved so far and Cancel.
      result.value = commitsAsJob(jenis.value) ? await commitJob.run('imports.commit', input) : await call('imports.commit', input);
      step.value = 'hasil';
      await loadHistory(1);
      return true;
    } catch (err) {
      if (err instanceof JobCancelledError) commitCancelled.value = true;
      else fail(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  function back(): void {
    error.value = null;
    commitCancelled.value = false;
    stopPolling();
    if (step.value === 'pratinjau') step.value = 'pemetaan';
    else if (step.value === 'pemetaan') step.value = 'sumber';
  }

  function restart(): void {
    stopPolling();
    step.value = 'sumber';
    inspection.value = null;
    progress.value = null;
    result.value = null;
    pemetaan.value = {};
    tetap.value = {};
    opsi.value = {};
    error.value = null;
    commitCancelled.value = false;
  }

  return {
    step,
    jenis,
    bankId,
    penjaminId,
    skId,
    spec,
    ownerChosen,
    banks,
    insurers,
    decrees,
    loadDecrees,
    inspection,
    opsi,
    pemetaan,
    tetap,
    progress,
    result,
    history,
    historyTotal,
    historyPage,
    busy,
    commitJob,
    commitCancelled,
    error,
    fieldErrors,
    owner,
    fields,
    fileLevel,
    missing,
    pilihanSemua,
    pilihanDebitur,
    pilihan,
    loadOwners,
    loadHistory,
    upload,
    reinspect,
    preview,
    problems,
    rows,
    commit,
    back,
    restart,
    stopPolling,
    choiceOf,
    choose,
    chooseAll,
  };
});
