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

  /**
   * Keeps the per-field messages of a failed save and returns the main message, for a form that
   * shows it inside itself rather than as a toast.
   */
  function capture(err: unknown): string {
    clear();
    if (!(err instanceof ApiError)) return String(err);
    Object.assign(errors, err.fields);
    return err.message;
  }

  function report(err: unknown): void {
    const message = capture(err);
    // A call refused because the session has ended (idle, signed out elsewhere, a restore) brings
    // the sign-in screen, which says so once; each refused call of the page left behind says nothing.
    if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
    if (err instanceof ApiError) ElMessage({ type: 'error', message, duration: 6000, showClose: true });
    else ElMessage({ type: 'error', message, showClose: true });
  }

  return { errors, clear, capture, report };
}
