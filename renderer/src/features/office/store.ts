import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { FoundServer, OfficeStatus, ProbedServer } from '@contract';
import { callOffice } from '@/api';

/** How often the header asks this PC's main process for the connection state. */
const POLL_MS = 3_000;

/**
 * The office network as this PC sees it (docs/office-network.md): alone, office server, or a
 * client of one, and for a client whether the server answers. The main process does the
 * reconnecting; this store only asks it, every few seconds, and offers the settings.
 */
export const useOfficeStore = defineStore('office', () => {
  const status = ref<OfficeStatus | null>(null);
  let timer: ReturnType<typeof setInterval> | null = null;
  let stopped = false;

  async function refresh(): Promise<OfficeStatus | null> {
    try {
      status.value = await callOffice<OfficeStatus>('kantor.status');
    } catch {
      // A main process without office channels (the plain test bridge): nothing to show, and no
      // point asking again (the office channels never fail in a main process that has them).
      status.value = null;
      if (timer) clearInterval(timer);
      timer = null;
      stopped = true;
    }
    return status.value;
  }

  function watch(): void {
    if (timer || stopped) return;
    timer = setInterval(() => void refresh(), POLL_MS);
    void refresh();
  }

  const mode = computed(() => status.value?.mode ?? 'mandiri');
  const online = computed(() => status.value?.klien?.online ?? true);

  async function setServer(aktif: boolean, port: number): Promise<void> {
    status.value = await callOffice<OfficeStatus>('kantor.setServer', { aktif, port });
  }
  const discover = (port?: number) => callOffice<FoundServer[]>('kantor.discover', port ? { port } : {});
  const probe = (alamat: string, port: number) => callOffice<ProbedServer>('kantor.probe', { alamat, port });
  async function connect(input: { alamat: string; port: number; sidikJari?: string; kodePairing?: string }): Promise<void> {
    status.value = await callOffice<OfficeStatus>('kantor.connect', input);
  }
  async function disconnect(): Promise<void> {
    status.value = await callOffice<OfficeStatus>('kantor.disconnect');
  }

  return { status, mode, online, refresh, watch, setServer, discover, probe, connect, disconnect };
});
