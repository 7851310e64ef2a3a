import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { BackupEntry, BackupList, DatabaseHealth, RestoreResult } from '@contract';
import { ApiError, call } from '@/api';
import { useJob } from '@/composables/useJob';

/**
 * Backups and restore, and the state of the database found at start: when it is not sound the
 * app shows the "database damaged" screen (DatabaseDamaged.vue) instead of everything else.
 */
export const useBackupStore = defineStore('backup', () => {
  const health = ref<DatabaseHealth | null>(null);
  const list = ref<BackupList | null>(null);
  const loading = ref(false);
  const creating = ref(false);
  const restoring = ref(false);
  /** The service's message when the list could not be read or a backup could not be made. */
  const error = ref<string | null>(null);
  /** The last restore, once it succeeded: the app must then be reloaded. */
  const restored = ref<RestoreResult | null>(null);

  /** The database was refused at start (damaged, foreign, or from a newer version). */
  const damaged = computed(() => health.value !== null && health.value.status !== 'ok');

  const message = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

  /** Asked once at start, before anything else (it needs no session). */
  async function checkHealth(): Promise<DatabaseHealth | null> {
    try {
      health.value = await call('backup.health', {});
    } catch {
      // An older main process without the channel, or no answer: carry on as before.
      health.value = null;
    }
    return health.value;
  }

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      list.value = await call('backup.list', {});
    } catch (err) {
      error.value = message(err);
    } finally {
      loading.value = false;
    }
  }

  // Copying and checking a large file takes seconds: a job, with its step and Cancel.
  const job = useJob();

  /** Makes a backup now; throws the service's error (the page shows it), or JobCancelledError. */
  async function create(): Promise<BackupEntry> {
    creating.value = true;
    error.value = null;
    try {
      const entry = await job.run('backup.create', {});
      await load();
      return entry;
    } finally {
      creating.value = false;
    }
  }

  /**
   * Restores a listed backup; throws the service's error, in which case nothing was changed. After
   * a restore the main process has ended every session: nothing more is asked until the reload.
   */
  async function restore(name: string): Promise<RestoreResult> {
    restoring.value = true;
    try {
      const result = await call('backup.restore', { name });
      restored.value = result;
      list.value = result.daftar;
      return result;
    } finally {
      restoring.value = false;
    }
  }

  /** Starts the app afresh on the restored data (every store, the session, the start-up check). */
  function reloadApp(): void {
    window.location.reload();
  }

  return { health, list, loading, creating, restoring, error, restored, damaged, job: job.state, cancelCreate: job.cancel, checkHealth, load, create, restore, reloadApp };
});
