import type { BankSaveInput } from '@contract';
import { call } from '@/api';
import { defineActiveListStore } from '@/composables/defineActiveListStore';

export const useBanksStore = defineActiveListStore('banks', {
  list: (query) => call('banks.list', query),
  save: (input: BankSaveInput) => call('banks.save', input),
  setActive: (input) => call('banks.setActive', input),
});
