import { ref } from 'vue';
import { useFormErrors } from './useFormErrors';
import { isStale, staleMessage } from './useStale';

/**
 * The save of a dialog that shows a refusal inside itself: the per-field messages beside the
 * fields (`errors`, from useFormErrors) and the main message in `generalError`, while `saving`
 * keeps a second save from starting before the first has ended. With `onStale`, a save refused
 * because someone else changed the record first goes to the page instead (it reloads the record).
 */
export function useDialogSubmit(opts: { onStale?: (message: string) => void } = {}) {
  const { errors, clear, capture } = useFormErrors();
  const saving = ref(false);
  const generalError = ref<string | null>(null);

  /** Forgets the last refusal (on opening the dialog, and before each save). */
  function reset(): void {
    clear();
    generalError.value = null;
  }

  /** Runs `save` unless a save is under way; a refusal is kept in `errors` and `generalError`. */
  async function submitting(save: () => Promise<void>): Promise<void> {
    if (saving.value) return;
    reset();
    saving.value = true;
    try {
      await save();
    } catch (err) {
      // Someone else changed the record first: the page shows why and reloads it (useStale.ts).
      if (isStale(err) && opts.onStale) opts.onStale(staleMessage(err));
      else generalError.value = capture(err);
    } finally {
      saving.value = false;
    }
  }

  return { errors, saving, generalError, reset, submitting };
}
