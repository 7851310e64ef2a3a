/** Driving Element Plus widgets the way a clerk does: typing, picking from lists, typing dates. */
import { flushPromises } from '@vue/test-utils';
import { byTestId } from '../setup';

/** Types into an <input> (or the first input inside the element) and fires `input`. */
export function typeIn(el: Element, value: string): HTMLInputElement {
  const input = el instanceof HTMLInputElement ? el : el.querySelector('input');
  if (!input) throw new Error('no <input> to type into');
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return input;
}

/** Types a number into an el-input-number (data-testid on its root) and commits it. */
export function typeNumber(testId: string, value: string): void {
  const input = typeIn(byTestId(testId), value);
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Types a date as the clerk does ('10/03/2025') into the date picker of a form item, and commits it. */
export async function typeDate(testId: string, text: string): Promise<void> {
  const input = typeIn(byTestId(testId), text);
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await flushPromises();
}

/**
 * Clicks the option with this exact text. With `select` (the data-testid of an el-select or of
 * something inside it) only that select's dropdown is searched, else every dropdown on the page.
 */
export async function chooseOption(text: string, select?: string): Promise<void> {
  const items = [...optionScope(select).querySelectorAll<HTMLElement>('.el-select-dropdown__item')].filter((e) => e.textContent?.trim() === text);
  if (items.length !== 1) throw new Error(`expected one option "${text}"${select ? ` in ${select}` : ''}, found ${items.length}`);
  items[0]!.click();
  await flushPromises();
}

/** The dropdown list of one select (teleported to <body>; its input names it in aria-controls). */
function optionScope(select?: string): ParentNode {
  if (!select) return document.body;
  const id = byTestId(select).querySelector('input[aria-controls]')?.getAttribute('aria-controls');
  const list = id ? document.getElementById(id) : null;
  if (!list) throw new Error(`no dropdown for ${select}`);
  return list;
}

/** Labels of the options currently offered in all select dropdowns. */
export function optionTexts(): string[] {
  return [...document.body.querySelectorAll('.el-select-dropdown__item')].map((e) => e.textContent?.trim() ?? '');
}

/** The visible alerts' kinds and titles, in order, inside `root`. */
export function alerts(root: ParentNode): { type: string; text: string }[] {
  return [...root.querySelectorAll('.el-alert')].map((a) => ({
    type: ['error', 'warning', 'success', 'info'].find((k) => a.classList.contains(`el-alert--${k}`)) ?? '?',
    text: a.querySelector('.el-alert__title')?.textContent?.trim() ?? '',
  }));
}
