import { createI18n } from 'vue-i18n';
import id from './id.json';
import en from './en.json';

export type Locale = 'id' | 'en';
const STORAGE_KEY = 'gerbang.locale';

function savedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'id',
  messages: { id, en },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage may be unavailable; the choice then lasts for this session only.
  }
}
