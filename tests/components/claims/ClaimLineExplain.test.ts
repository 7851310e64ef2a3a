// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { ClaimLine } from '@contract';
import ClaimLineDetail from '@/features/claims/ClaimLineDetail.vue';
import { setLocale } from '@/i18n';
import { byTestId, mountWithApp, resetWorld } from '../setup';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

/** Issue 18 item 12: a line's likely cause reads in English when the screen is in English. */
const LINE: ClaimLine = {
  id: 2,
  nomorBaris: 2,
  periode: '2026-10',
  nomorRekening: '0023456789',
  nik: '1603106710850001',
  nama: 'Budi Santoso',
  outstanding: 11_000_000,
  bungaPersen: '8',
  hari: 31,
  kol: 1,
  plafon: null,
  tanggalAkad: null,
  diklaim: 75_778,
  diharapkan: 68_889,
  disetujui: null,
  status: 'selisih',
  keterangan: null,
  pinjamanId: 11,
  cocokOleh: 'rekening',
  alasanKode: null,
  hitung: { pokok: 10_000_000, hari: 31, tarifPersen: '8', konvensiHari: 'act360' },
  diagnosis: 'outstanding',
  diagnosisRincian: 'Baki debet bank Rp11.000.000 (kami Rp10.000.000) menghasilkan Rp75.778, sesuai tagihan bank Rp75.778 (perhitungan kami Rp68.889).',
  keputusan: null,
  alasanKeputusan: null,
  keputusanOtomatis: false,
  diputuskanOleh: null,
  diputuskanPada: null,
  versi: 1,
};

async function shown(line: ClaimLine): Promise<string> {
  mountWithApp(ClaimLineDetail, { props: { line } });
  await flushPromises();
  return byTestId('line-explanation').textContent?.trim() ?? '';
}

describe('the explanation of a difference', () => {
  afterEach(() => resetWorld());

  it('is the service’s own sentence in Indonesian', async () => {
    expect(await shown(LINE)).toBe(LINE.diagnosisRincian);
  });

  it('is rebuilt in English from the code and the line’s figures', async () => {
    setLocale('en');
    expect(await shown(LINE)).toBe("The bank's outstanding Rp11.000.000 (ours Rp10.000.000). That gives the bank's claim of Rp75.778 (our working: Rp68.889).");
  });

  it('in English for a rate difference and an unexplained one too', async () => {
    setLocale('en');
    expect(await shown({ ...LINE, diagnosis: 'bunga', bungaPersen: '8.5' })).toContain("The bank's rate 8,5 % (ours 8 %).");
    resetWorld();
    setLocale('en');
    const text = await shown({ ...LINE, diagnosis: 'tidak_diketahui' });
    expect(text).toBe('A difference of Rp6.889 that the outstanding, rate, days, day-count rule or rounding do not explain.');
    expect(text).not.toMatch(/tidak|kami|menghasilkan/);
  });
});
