import { ref } from 'vue';
import { formatAuditTime } from '@domain/audit';
import { ApiError } from '@/api';
import { i18n } from '@/i18n';

/**
 * A save refused because someone else changed the record since it was opened (STALE, record
 * versions: docs/concurrency.md). The page shows the message and reloads the record; nothing of
 * the refused save was written, and it is never sent again by itself.
 */
export function isStale(err: unknown): err is ApiError {
  return err instanceof ApiError && err.code === 'STALE';
}

/**
 * The message in the screen's language: in Indonesian the service's own sentence (it names the
 * record: "Pinjaman ini …", "Premi pinjaman rekening … ini …"), in English the same facts.
 */
export function staleMessage(err: ApiError): string {
  const { t, locale } = i18n.global;
  if (locale.value === 'id') return err.message;
  const who = err.perubahan?.oleh ?? t('stale.someone');
  const when = err.perubahan?.pada ? formatAuditTime(err.perubahan.pada) : null;
  return when ? t('stale.messageAt', { who, when }) : t('stale.message', { who });
}

/** The notice a page keeps after a refused save, until the person closes it or saves again. */
export function useStaleNotice() {
  const notice = ref<string | null>(null);
  return {
    notice,
    show: (message: string) => {
      notice.value = message;
    },
    clear: () => {
      notice.value = null;
    },
  };
}
