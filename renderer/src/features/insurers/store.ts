import type { InsurerSaveInput } from '@contract';
import { call } from '@/api';
import { defineActiveListStore } from '@/composables/defineActiveListStore';

export const useInsurersStore = defineActiveListStore('insurers', {
  list: (query) => call('insurers.list', query),
  save: (input: InsurerSaveInput) => call('insurers.save', input),
  setActive: (input) => call('insurers.setActive', input),
});
