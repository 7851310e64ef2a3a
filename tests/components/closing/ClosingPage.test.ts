// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import type { ClosedMonth, Role, SessionInfo } from '@contract';
import { todayIso } from '@domain/format';
import { previousPeriod } from '@domain/loan/dates';
import { ApiError } from '@/api';
import { setLocale } from '@/i18n';
import { formatPeriod } from '@/format';
import { useAuthStore } from '@/features/auth/store';
import ClosingPage from '@/features/closing/ClosingPage.vue';
import { buttonByText, byTestId, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld } from '../setup';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

function session(peran: Role): SessionInfo {
  return { token: 't', userId: 1, username: peran, nama: `Pengguna ${peran}`, peran, bankId: null, bankNama: null, wajibGantiSandi: false };
}

/** An instant in the office's local time, as the service stores it (UTC ISO); the page shows it back in local time. */
const at = (y: number, m: number, d: number, hh: number, mm: number) => new Date(y, m - 1, d, hh, mm).toISOString();

const FEB: ClosedMonth = { periode: '2025-02', ditutupOleh: 'dewi', ditutupPada: at(2025, 3, 5, 9, 30) };
const SEP: ClosedMonth = { periode: '2025-09', ditutupOleh: 'admin', ditutupPada: at(2025, 10, 27, 14, 5) };

/** Last month, what the page offers (the clock is real: computed the same way the page does). */
const LAST_MONTH = previousPeriod(todayIso().slice(0, 7));

/** A backend holding the closed months; close adds one, reopen removes it, list reads them newest first. */
function closingBackend(initial: ClosedMonth[] = [SEP, FEB], pending: string[] = []): ClosedMonth[] {
  const months = initial.map((m) => ({ ...m }));
  mockBackend({
    'closing.pending': () => [...pending],
    'closing.list': () => [...months].sort((a, b) => b.periode.localeCompare(a.periode)).map((m) => ({ ...m })),
    'closing.close': ({ periode }) => {
      const closed = { periode, ditutupOleh: 'dewi', ditutupPada: new Date().toISOString() };
      months.push(closed);
      return { ...closed };
    },
    'closing.reopen': ({ periode }) => {
      months.splice(
        months.findIndex((m) => m.periode === periode),
        1,
      );
      return null;
    },
  });
  return months;
}

async function mountPage(peran: Role = 'admin'): Promise<void> {
  mountWithApp(ClosingPage);
  useAuthStore().session = session(peran);
  await flushPromises();
  await nextTick();
}

const text = (e: Element | null | undefined): string => e?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const headers = () => [...byTestId('closing-table').querySelectorAll('.el-table__header th')].map(text);
const bodyRows = () => [...byTestId('closing-table').querySelectorAll<HTMLTableRowElement>('.el-table__body tbody tr')];
const tableRows = () => bodyRows().map((tr) => [...tr.querySelectorAll('td')].map(text));
const monthInput = () => byTestId('closing-month').querySelector('input')!;

async function click(el: HTMLElement): Promise<void> {
  el.click();
  await flushPromises();
  await nextTick();
}

/** The message box on screen (the newest one: a closed box may linger while it fades out). */
async function messageBox(): Promise<HTMLElement> {
  await flushPromises();
  await nextTick();
  const boxes = [...document.body.querySelectorAll<HTMLElement>('.el-message-box')];
  const box = boxes.at(-1);
  if (!box) throw new Error('no message box');
  return box;
}

const errorToast = () => text(document.body.querySelector('.el-message--error'));
const successToast = () => text(document.body.querySelector('.el-message--success'));

describe('ClosingPage', () => {
  beforeEach(() => {
    closingBackend();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    resetWorld();
  });

  it('explains what closing locks and lists the closed months, newest first, without missing translations', async () => {
    const warn = vi.spyOn(console, 'warn');
    await mountPage();
    expect(warn).not.toHaveBeenCalled();
    expect(callsTo('closing.list')).toEqual([{}]);
    expect(text(byTestId('closing-intro'))).toContain('posisi bulanan dari bank');
    expect(text(byTestId('closing-intro'))).toContain('klaim asuransi');
    expect(headers()).toEqual(['Bulan', 'Ditutup oleh', 'Ditutup pada', 'Bundel audit', 'Aksi']);
    expect(tableRows()).toEqual([
      ['September 2025', 'admin', '27/10/2025 14:05', 'Bundel audit (ZIP)', 'Buka kembali'],
      ['Februari 2025', 'dewi', '05/03/2025 09:30', 'Bundel audit (ZIP)', 'Buka kembali'],
    ]);
  });

  it('says so when no month is closed yet', async () => {
    closingBackend([]);
    await mountPage();
    expect(bodyRows()).toHaveLength(0);
    expect(text(byTestId('closing-table'))).toContain('Belum ada bulan yang ditutup');
  });

  it('shows why the list could not be read', async () => {
    mockBackend({
      'closing.list': () => {
        throw new ApiError({ code: 'FORBIDDEN', message: 'Anda tidak berwenang melakukan ini.' });
      },
    });
    await mountPage();
    expect(text(byTestId('closing-error'))).toBe('Anda tidak berwenang melakukan ini.');
  });

  describe('closing a month', () => {
    it('offers last month, asks naming it, sends the month, says so and reloads the list', async () => {
      await mountPage('verifikator');
      expect(monthInput().value).toBe(formatPeriod(LAST_MONTH));

      await click(byTestId('closing-close'));
      const box = await messageBox();
      expect(text(box.querySelector('.el-message-box__message'))).toBe(
        `Tutup buku ${formatPeriod(LAST_MONTH)}? Posisi bank, pembayaran dan klaim bulan itu tidak dapat diubah lagi sampai admin membukanya kembali.`,
      );
      expect(callsTo('closing.close')).toEqual([]);

      await click(buttonByText('Tutup buku', box));
      await flushPromises();
      expect(callsTo('closing.close')).toEqual([{ periode: LAST_MONTH, termasukSebelumnya: false }]);
      expect(callsTo('closing.list')).toHaveLength(2);
      expect(successToast()).toBe(`Buku ${formatPeriod(LAST_MONTH)} sudah ditutup.`);
      expect(tableRows().map((r) => r[0])).toContain(formatPeriod(LAST_MONTH));
    });

    it('closes the month chosen in the picker', async () => {
      await mountPage();
      const input = monthInput();
      input.value = 'November 2024';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await flushPromises();
      await click(byTestId('closing-close'));
      const box = await messageBox();
      expect(text(box.querySelector('.el-message-box__message'))).toContain('Tutup buku November 2024?');
      await click(buttonByText('Tutup buku', box));
      await flushPromises();
      expect(callsTo('closing.close')).toEqual([{ periode: '2024-11', termasukSebelumnya: false }]);
    });

    it('names the earlier months still open and closes them too only when the clerk agrees (issue 18, item 15)', async () => {
      closingBackend([FEB], ['2025-09', '2025-10']);
      await mountPage();
      const input = monthInput();
      input.value = 'November 2025';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await flushPromises();
      await click(byTestId('closing-close'));
      const box = await messageBox();
      expect(callsTo('closing.pending')).toEqual([{ periode: '2025-11' }]);
      expect(text(box.querySelector('.el-message-box__message'))).toContain('2 bulan sebelum November 2025 belum ditutup: September 2025, Oktober 2025');
      await click(buttonByText('Tutup 3 bulan', box));
      await flushPromises();
      expect(callsTo('closing.close')).toEqual([{ periode: '2025-11', termasukSebelumnya: true }]);
    });

    it('sends nothing when the question is cancelled', async () => {
      await mountPage();
      await click(byTestId('closing-close'));
      await click(buttonByText('Batal', await messageBox()));
      await flushPromises();
      expect(callsTo('closing.close')).toEqual([]);
      expect(callsTo('closing.list')).toHaveLength(1);
    });

    it('shows the service’s refusal and reads the list again', async () => {
      const months = closingBackend();
      mockBackend({
        'closing.pending': () => [],
        'closing.list': () => months.map((m) => ({ ...m })),
        'closing.close': ({ periode }) => {
          throw new ApiError({ code: 'CONFLICT', message: `${formatPeriod(periode)} sudah ditutup oleh dewi.` });
        },
      });
      await mountPage();
      await click(byTestId('closing-close'));
      await click(buttonByText('Tutup buku', await messageBox()));
      await flushPromises();
      expect(callsTo('closing.close')).toEqual([{ periode: LAST_MONTH, termasukSebelumnya: false }]);
      expect(errorToast()).toBe(`${formatPeriod(LAST_MONTH)} sudah ditutup oleh dewi.`);
      expect(successToast()).toBe('');
      expect(callsTo('closing.list')).toHaveLength(2);
    });

    it('shows a refusal for a month not yet over without reloading', async () => {
      mockBackend({
        'closing.pending': () => [],
        'closing.list': () => [],
        'closing.close': () => {
          throw new ApiError({ code: 'VALIDATION', message: 'Oktober 2099 belum berakhir; bulan hanya dapat ditutup setelah lewat.', fields: { periode: 'Bulan belum berakhir' } });
        },
      });
      await mountPage();
      await click(byTestId('closing-close'));
      await click(buttonByText('Tutup buku', await messageBox()));
      await flushPromises();
      expect(errorToast()).toBe('Oktober 2099 belum berakhir; bulan hanya dapat ditutup setelah lewat.');
      expect(callsTo('closing.list')).toHaveLength(1);
    });
  });

  describe('reopening a month', () => {
    it('asks for a reason, refuses an empty one, then sends the month and the reason and reloads', async () => {
      await mountPage();
      await click(byTestId('closing-reopen-2025-02'));
      const box = await messageBox();
      expect(text(box.querySelector('.el-message-box__title'))).toBe('Buka kembali Februari 2025');
      expect(text(box.querySelector('.el-message-box__message'))).toBe('Tuliskan alasan membuka kembali Februari 2025. Alasan ini dicatat di jejak audit.');

      // An empty (or blank) reason is refused in the box itself.
      const input = box.querySelector<HTMLInputElement>('.el-message-box__input input')!;
      input.value = '   ';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await click(buttonByText('Buka kembali', box));
      expect(text(box.querySelector('.el-message-box__errormsg'))).toBe('Alasan wajib diisi');
      expect(callsTo('closing.reopen')).toEqual([]);

      input.value = '  Koreksi posisi BSB yang terlambat  ';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await click(buttonByText('Buka kembali', box));
      await flushPromises();
      expect(callsTo('closing.reopen')).toEqual([{ periode: '2025-02', alasan: 'Koreksi posisi BSB yang terlambat' }]);
      expect(callsTo('closing.list')).toHaveLength(2);
      expect(successToast()).toBe('Februari 2025 sudah dibuka kembali.');
      expect(tableRows().map((r) => r[0])).toEqual(['September 2025']);
    });

    it('sends nothing when cancelled', async () => {
      await mountPage();
      await click(byTestId('closing-reopen-2025-09'));
      await click(buttonByText('Batal', await messageBox()));
      await flushPromises();
      expect(callsTo('closing.reopen')).toEqual([]);
    });

    it('shows the service’s refusal', async () => {
      mockBackend({
        'closing.list': () => [FEB],
        'closing.reopen': () => {
          throw new ApiError({ code: 'CONFLICT', message: 'Februari 2025 tidak sedang ditutup.' });
        },
      });
      await mountPage();
      await click(byTestId('closing-reopen-2025-02'));
      const box = await messageBox();
      const input = box.querySelector<HTMLInputElement>('.el-message-box__input input')!;
      input.value = 'Koreksi';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await click(buttonByText('Buka kembali', box));
      await flushPromises();
      expect(errorToast()).toBe('Februari 2025 tidak sedang ditutup.');
    });
  });

  describe('who sees what', () => {
    it('lets a verifier close but not reopen', async () => {
      await mountPage('verifikator');
      expect(queryTestId('closing-close')).not.toBeNull();
      expect(queryTestId('closing-reopen-2025-02')).toBeNull();
      expect(headers()).toEqual(['Bulan', 'Ditutup oleh', 'Ditutup pada', 'Bundel audit']);
    });

    it('shows a monitor the list only', async () => {
      await mountPage('pemantau');
      expect(tableRows()).toHaveLength(2);
      expect(queryTestId('closing-close')).toBeNull();
      expect(queryTestId('closing-month')).toBeNull();
      expect(queryTestId('closing-reopen-2025-02')).toBeNull();
      // Nothing to close or reopen; the only buttons are each closed month's audit bundle (auditors read).
      expect([...document.body.querySelectorAll('.page button')].map((b) => b.textContent?.trim())).toEqual(['Bundel audit (ZIP)', 'Bundel audit (ZIP)']);
      expect(text(byTestId('closing-only-approvers'))).toBe('Hanya admin dan verifikator yang dapat menutup buku.');
    });

    it('shows an operator the list only', async () => {
      await mountPage('operator');
      expect(queryTestId('closing-close')).toBeNull();
      expect(queryTestId('closing-reopen-2025-09')).toBeNull();
    });
  });

  it('speaks English', async () => {
    const warn = vi.spyOn(console, 'warn');
    setLocale('en');
    await mountPage();
    expect(warn).not.toHaveBeenCalled();
    expect(text(document.body.querySelector('h1'))).toBe('Month closing');
    expect(text(byTestId('closing-intro'))).toContain('A closed month is locked');
    expect(text(byTestId('closing-close'))).toBe('Close month');
    expect(monthInput().value).toBe(formatPeriod(LAST_MONTH, 'en'));
    expect(headers()).toEqual(['Month', 'Closed by', 'Closed on', 'Audit bundle', 'Actions']);
    expect(tableRows()).toEqual([
      ['September 2025', 'admin', '27/10/2025 14:05', 'Audit bundle (ZIP)', 'Reopen'],
      ['February 2025', 'dewi', '05/03/2025 09:30', 'Audit bundle (ZIP)', 'Reopen'],
    ]);

    await click(byTestId('closing-close'));
    const box = await messageBox();
    expect(text(box.querySelector('.el-message-box__message'))).toContain(`Close ${formatPeriod(LAST_MONTH, 'en')}?`);
    await click(buttonByText('Close month', box));
    await flushPromises();
    expect(successToast()).toBe(`${formatPeriod(LAST_MONTH, 'en')} is closed.`);
  });
});
