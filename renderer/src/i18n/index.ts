import { computed, type Plugin } from 'vue';
import { provideGlobalConfig } from 'element-plus';
import { createI18n, useI18n } from 'vue-i18n';
import elementId from 'element-plus/es/locale/lang/id';
import elementEn from 'element-plus/es/locale/lang/en';
// Element Plus formats picker months with dayjs, which knows only English names by itself.
import 'dayjs/locale/id';
import id from './id.json';
import en from './en.json';

export type Locale = 'id' | 'en';
const STORAGE_KEY = 'gerbang.locale';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- message trees are free-form JSON
type Messages = Record<string, any>;

/**
 * Shared messages live in id.json / en.json; each feature may bring its own in
 * features/<name>/i18n.json as { "id": {...}, "en": {...} }, merged in here.
 */
const featureFiles = import.meta.glob<{ default: { id: Messages; en: Messages } }>('../features/*/i18n.json', { eager: true });

function merge(base: Messages, locale: Locale): Messages {
  const out: Messages = { ...base };
  for (const file of Object.values(featureFiles)) Object.assign(out, file.default[locale]);
  return out;
}

function savedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

/** What a message missing in the current language does; the tests replace it to fail the run. */
export type MissingHandler = (locale: string, key: string) => void;
let onMissing: MissingHandler = (locale, key) => console.error(`[i18n] missing message '${key}' (${locale})`);

/**
 * Replaces what a missing message does. The component tests record it and fail the test; in the
 * app and the browser tests it is a console error (which the end-to-end harness fails on).
 */
export function setMissingHandler(handler: MissingHandler): void {
  onMissing = handler;
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'id',
  // Every key exists in both languages (tests/unit/i18n-parity.test.ts): a missing one is a bug,
  // reported once through onMissing instead of vue-i18n's warnings, which a green run ignored.
  missingWarn: false,
  fallbackWarn: false,
  missing: (locale, key) => {
    onMissing(locale, key);
  },
  // Typed by the shared Indonesian file; feature messages are checked by the tests that render them.
  messages: { id: merge(id, 'id') as typeof id, en: merge(en, 'en') as typeof id },
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

/**
 * Element Plus's own texts (pickers, pagination, empty tables) follow the app's language: install
 * after Element Plus. The config is a computed ref, so switching language takes effect at once
 * everywhere, dialogs included.
 */
/**
 * Element Plus's Indonesian picker headers put the word "Tahun" after the year, so the date panel
 * read "2026 Tahun Desember" and the month panel "2026 Tahun"; as in English, the year stands alone.
 */
export const elementIdLocale = {
  ...elementId,
  el: { ...elementId.el, datepicker: { ...elementId.el.datepicker, year: '' } },
};

export const elementPlusLocale: Plugin = {
  install(app) {
    provideGlobalConfig(
      computed(() => ({ locale: i18n.global.locale.value === 'en' ? elementEn : elementIdLocale })),
      app,
      true,
    );
  },
};

/**
 * The label of an enumerated value under a key prefix (`loan.kol` + 3 → `loan.kol.3`); '' when
 * there is no value. Element Plus's table renders each column's slot once with an empty row `{}`
 * (to find nested columns): a key built from that row's undefined field was a missing message.
 */
export function useValueLabel(): (prefix: string, value: string | number | null | undefined) => string {
  const { t } = useI18n();
  return (prefix, value) => (value === undefined || value === null ? '' : t(`${prefix}.${value}`));
}
