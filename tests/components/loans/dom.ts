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

/** Label–value pairs of an el-descriptions (data-testid on its root), in reading order. */
export function descriptionPairs(testId: string): [string, string][] {
  const root = byTestId(testId);
  const labels = [...root.querySelectorAll('.el-descriptions__label')].map(text);
  const values = [...root.querySelectorAll('.el-descriptions__content')].map(text);
  if (labels.length !== values.length) throw new Error(`${testId}: ${labels.length} labels but ${values.length} values`);
  return labels.map((label, i) => [label, values[i]!]);
}

/** Clicks the tab of an el-tabs by its pane name, as a clerk clicks its title. */
export async function openTab(name: string): Promise<void> {
  const tab = document.getElementById(`tab-${name}`);
  if (!tab) throw new Error(`no tab "${name}"`);
  tab.click();
  await flushPromises();
}

/** The pane of an el-tabs that is shown now, with its name. */
export function shownTab(): string {
  const shown = [...document.body.querySelectorAll<HTMLElement>('.el-tab-pane')].filter((p) => p.style.display !== 'none');
  if (shown.length !== 1) throw new Error(`${shown.length} tab panes shown`);
  return shown[0]!.id.replace(/^pane-/, '');
}

/** Texts of the buttons inside an element, in order. */
export function buttonTexts(root: Element): string[] {
  return [...root.querySelectorAll('button')].map(text);
}

/** Texts of the toasts (ElMessage) of one kind currently shown. */
export function toasts(type: 'success' | 'error' | 'warning' | 'info'): string[] {
  return [...document.body.querySelectorAll(`.el-message--${type} .el-message__content`)].map(text);
}

const text = (e: Element): string => e.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The title of the dialog whose root carries this data-testid. */
export function dialogTitle(testId: string): string {
  return text(byTestId(testId).querySelector('.el-dialog__title') ?? byTestId(testId).querySelector('header')!);
}

/** The label of the form item that holds `testId`, and whether it is marked required. */
export function fieldLabel(testId: string): { label: string; required: boolean } {
  const item = byTestId(testId).closest('.el-form-item');
  if (!item) throw new Error(`data-testid="${testId}" is not inside an el-form-item`);
  return { label: text(item.querySelector('.el-form-item__label')!), required: item.classList.contains('is-required') };
}
