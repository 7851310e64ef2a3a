/**
 * Keyboard entry in dialogs. Element Plus focuses a dialog's container when it opens, so after
 * Alt+N the clerk had to Tab once — onto the × button, where Space closed the form and lost what
 * was typed. Installed once for the whole app: when a dialog takes the focus itself, it goes to the
 * dialog's first field instead, and the × leaves the Tab order (Esc and the Batal button remain;
 * the mouse still reaches the ×).
 */
const FIELD = ['input:not([type="hidden"]):not([disabled]):not([readonly])', 'textarea:not([disabled]):not([readonly])', 'select:not([disabled])', '[contenteditable="true"]'].join(
  ',',
);

/** The first field of a dialog's body a clerk can type into, if any. */
export function firstField(dialog: Element): HTMLElement | null {
  const body = dialog.querySelector('.el-dialog__body') ?? dialog;
  for (const el of body.querySelectorAll<HTMLElement>(FIELD)) {
    if (el.closest('[aria-hidden="true"], .is-disabled')) continue;
    return el;
  }
  return null;
}

function onFocusIn(event: FocusEvent): void {
  const target = event.target;
  if (!(target instanceof HTMLElement) || !target.classList.contains('el-dialog')) return;
  for (const close of target.querySelectorAll<HTMLElement>('.el-dialog__headerbtn')) close.tabIndex = -1;
  // Only when the focus comes from outside (the dialog opening): a click on a label or on blank
  // space inside the dialog also focuses its container, and moving the focus (and so the scroll of
  // a tall dialog) to the first field then would make the click land elsewhere — a checkbox's
  // label clicked with the mouse would not toggle.
  const from = event.relatedTarget;
  if (from instanceof Node && target.contains(from)) return;
  // A form that placed the focus itself (LoanForm's debtor search) is left alone: this runs only
  // while the container holds it.
  const field = firstField(target);
  if (field) queueMicrotask(() => document.activeElement === target && field.focus({ preventScroll: true }));
}

let installed = false;
export function installDialogFocus(doc: Document = document): void {
  if (installed) return;
  installed = true;
  doc.addEventListener('focusin', onFocusIn, true);
}
