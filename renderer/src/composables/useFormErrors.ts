import { reactive } from 'vue';
import { ElMessage } from 'element-plus';
import { ApiError } from '@/api';

/**
 * Holds the per-field messages of the last failed save so the form can show them beside
 * the fields, and shows the main message (Indonesian, from the main process) as a toast.
 */
export function useFormErrors() {
  const errors = reactive<Record<string, string>>({});

  function clear(): void {
    for (const key of Object.keys(errors)) delete errors[key];
  }

  function report(err: unknown): void {
    clear();
    if (err instanceof ApiError) {
      Object.assign(errors, err.fields);
      ElMessage({ type: 'error', message: err.message, duration: 6000, showClose: true });
    } else {
      ElMessage({ type: 'error', message: String(err), showClose: true });
    }
  }

  return { errors, clear, report };
}
