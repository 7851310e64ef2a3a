// @vitest-environment happy-dom
/**
 * A lifecycle step from a loan page opened before another clerk changed the loan: the service
 * answers STALE (record versions); the page shows who changed it and when, in the screen's
 * language, closes the dialog and shows the loan as it now is. Nothing is sent again by itself.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { InputOf } from '@contract';
import { formatRupiah } from '@domain/format';
import { ApiError } from '@/api';
import { setLocale } from '@/i18n';
import { byTestId, callsTo, mockBackend, queryTestId, resetWorld, visibleDialog } from '../setup';
import { typeDate } from './dom';
import { fakeLoanService, loanDetail } from './fixtures';
import { openLoanPage } from './page';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const CHANGED_AT = '2026-11-23T02:15:00.000Z';

/** The page loads version 1; ani has since lowered the plafon (version 2), as the service holds it. */
async function openAfterAniSaved(): Promise<void> {
  const service = fakeLoanService(loanDetail({ status: 'diajukan', plafon: 12_000_000, versi: 1 }), { stored: { plafon: 10_000_000, versi: 2 } });
  mockBackend({
    ...service.backend,
    'loans.transition': (input) => {
      const step = input as InputOf<'loans.transition'>;
      if (step.versi !== service.stored().versi) {
        throw new ApiError({
          code: 'STALE',
          message:
            'Pinjaman ini sudah diubah oleh ani pada 23/11/2026 09:15 sejak Anda membukanya. Tidak ada yang disimpan; data terbaru sudah dimuat ulang, periksa lalu ulangi bila masih perlu.',
          perubahan: { versi: 2, oleh: 'ani', pada: CHANGED_AT },
        });
      }
      return service.backend['loans.transition']!(input) as never;
    },
  });
  await openLoanPage(41, { signedInAs: 'verifikator' });
  expect(byTestId('loan-plafon-value').textContent).toBe(formatRupiah(12_000_000));
  byTestId('loan-action-disetujui').click();
  await flushPromises();
  await typeDate('transition-tanggal', '20/03/2025');
  byTestId('transition-save').click();
  await flushPromises();
}

describe('LoanDetailPage: a step on a loan someone else changed first', () => {
  afterEach(() => resetWorld());

  it('shows who changed it and when, closes the dialog and reloads the loan (Indonesian)', async () => {
    await openAfterAniSaved();
    expect(callsTo('loans.transition')).toEqual([{ id: 41, versi: 1, ke: 'disetujui', tanggal: '2025-03-20', alasan: null }]);
    expect(byTestId('stale-notice').textContent).toContain('Data sudah diubah orang lain');
    expect(byTestId('stale-notice').textContent).toContain('Pinjaman ini sudah diubah oleh ani pada 23/11/2026 09:15 sejak Anda membukanya. Tidak ada yang disimpan');
    expect(visibleDialog('transition-dialog')).toBeNull();
    expect(byTestId('loan-plafon-value').textContent).toBe(formatRupiah(10_000_000));
    expect(callsTo('loans.get')).toHaveLength(2);
    // Closing the notice hides it; nothing was sent again.
    (byTestId('stale-notice').querySelector('.el-alert__close-btn') as HTMLElement).click();
    await flushPromises();
    expect(queryTestId('stale-notice')).toBeNull();
    expect(callsTo('loans.transition')).toHaveLength(1);
  });

  it('says the same in English, with the time as the screen writes it', async () => {
    setLocale('en');
    await openAfterAniSaved();
    const local = new Date(CHANGED_AT);
    const two = (n: number) => String(n).padStart(2, '0');
    const when = `${two(local.getDate())}/${two(local.getMonth() + 1)}/${local.getFullYear()} ${two(local.getHours())}:${two(local.getMinutes())}`;
    expect(byTestId('stale-notice').textContent).toContain('Changed by someone else');
    expect(byTestId('stale-notice').textContent).toContain(
      `This record was changed by ani at ${when} after you opened it. Nothing was saved; the current data has been reloaded: check it and try again if still needed.`,
    );
    expect(byTestId('loan-plafon-value').textContent).toBe(formatRupiah(10_000_000));
  });
});
