import { ElMessageBox } from 'element-plus';
import { useI18n } from 'vue-i18n';

/** Asks before deactivating (nothing is ever deleted), then runs the change. */
export function useActiveToggle(onError: (err: unknown) => void) {
  const { t } = useI18n();
  return async (row: { id: number; nama: string; aktif: boolean }, apply: (id: number, aktif: boolean) => Promise<void>) => {
    if (row.aktif) {
      try {
        await ElMessageBox.confirm(t('common.confirmDeactivate', { name: row.nama }), t('common.confirm'), {
          confirmButtonText: t('common.deactivate'),
          cancelButtonText: t('common.cancel'),
          type: 'warning',
        });
      } catch {
        return;
      }
    }
    try {
      await apply(row.id, !row.aktif);
    } catch (err) {
      onError(err);
    }
  };
}
