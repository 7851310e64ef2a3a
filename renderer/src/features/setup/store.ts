import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Scheme } from '@contract';
import { call } from '@/api';
import { useAppStore } from '@/features/home/store';

/** The seven steps of the first setup, in order. */
export const SETUP_STEPS = ['kantor', 'penandatangan', 'bank', 'penjamin', 'skema', 'pagu', 'selesai'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/**
 * The setup wizard after an empty start. Every step saves through its feature's own channel
 * (settings.saveDocuments, banks.save, insurers.save, schemes.save, budget.save) so the same
 * rules and audit entries apply; this store only remembers where the admin is and says when
 * the setup is done (app.finishSetup).
 */
export const useSetupStore = defineStore('setup', () => {
  const step = ref(0);

  /** Links a budget line to a scheme: the scheme as it is, plus the line (schemes.save, audited). */
  async function linkPagu(schemeId: number, paguId: number): Promise<Scheme> {
    const scheme = await call('schemes.get', { id: schemeId });
    if (scheme.paguIds.includes(paguId)) return scheme;
    const { penjaminNama: _nama, aktif: _aktif, ...input } = scheme;
    return call('schemes.save', { ...input, paguIds: [...scheme.paguIds, paguId] });
  }

  /** The setup is done: it is no longer offered (the app's info is read again). */
  async function finish(): Promise<void> {
    await call('app.finishSetup', {});
    await useAppStore().refresh();
  }

  return { step, linkPagu, finish };
});
