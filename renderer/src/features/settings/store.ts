import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DocumentSettings, DocumentSettingsInput } from '@contract';
import { call } from '@/api';

/** The document settings: letterhead (kop surat), place and signers. */
export const useDocumentSettingsStore = defineStore('documentSettings', () => {
  const settings = ref<DocumentSettings | null>(null);
  const saving = ref(false);

  async function load(): Promise<void> {
    settings.value = await call('settings.documents', {});
  }

  async function save(input: DocumentSettingsInput): Promise<void> {
    saving.value = true;
    try {
      settings.value = await call('settings.saveDocuments', input);
    } finally {
      saving.value = false;
    }
  }

  return { settings, saving, load, save };
});
