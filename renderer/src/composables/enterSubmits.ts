/**
 * A keydown.enter handler for a form: Enter submits, except where Enter has its own meaning
 * (choosing in a select list, a new line in a textarea, composing text).
 */
export function enterSubmits(submit: () => unknown): (event: KeyboardEvent) => void {
  return (event) => {
    const target = event.target as HTMLElement | null;
    if (event.isComposing || target?.closest('.el-select, textarea')) return;
    event.preventDefault();
    void submit();
  };
}
