// @vitest-environment happy-dom
/**
 * The component tests fake `@/api` by hand; where a fake copies a service rule (the loan's
 * lifecycle and its refusals, the budget's uniqueness and ceilings), it must say what the real
 * handler says. Here the same inputs go through the fake (tests/components/…/fixtures.ts) and the
 * real handler on a real database, and the answers are compared: the same outcome, the same
 * error code, Indonesian message and field, and for a success the same shape.
 */
import { describe, expect, it, vi } from 'vitest';
import type { AppError, BudgetLine, LoanDetail } from '../../electron/contract';
import type { Runtime } from '../../electron/runtime';
import { call, send, useTempRuntime } from '../helpers/runtime';
import { withSeenVersion } from '../helpers/versions';

vi.mock('@/api', async (orig) => ({ ...(await orig<Record<string, unknown>>()), call: vi.fn() }));

// The fakes live with the component tests (type-checked there, under the renderer's paths);
// their modules are loaded here by path, typed by the little this file uses of them.
type FakeBackend = Record<string, ((input: unknown) => unknown) | undefined>;
const LOANS_FAKE = '../components/loans/fixtures';
const BUDGET_FAKE = '../components/budget/fixtures';
const loansFake = () => import(/* @vite-ignore */ LOANS_FAKE) as Promise<{ fakeLoanService: (start: LoanDetail, o?: { today?: string }) => { backend: FakeBackend } }>;
const budgetFake = () => import(/* @vite-ignore */ BUDGET_FAKE) as Promise<{ fakeBudget: (lines: BudgetLine[]) => { backend: FakeBackend } }>;

const rt = useTempRuntime({ prefix: 'gs-fakes-', today: '2025-12-31' });

type Outcome = { ok: true; keys: string[] } | { ok: false; code: string; message: string; fields: Record<string, string> };

/** What the real handler answers, reduced to what the fake must agree on. */
async function real(r: Runtime, channel: string, input: unknown): Promise<Outcome> {
  const result = await send(r, channel, input);
  return result.ok ? { ok: true, keys: Object.keys(result.value as object).sort() } : refusal(result.error);
}
/** What the fake answers, reduced the same way. */
async function fake(backend: FakeBackend, channel: string, input: unknown): Promise<Outcome> {
  try {
    const value = await backend[channel]!(input);
    return { ok: true, keys: Object.keys(value as object).sort() };
  } catch (err) {
    return refusal(err as AppError);
  }
}
const refusal = (e: { code: string; message: string; fields?: Record<string, string> }): Outcome => ({ ok: false, code: e.code, message: e.message, fields: e.fields ?? {} });

async function loanWorld(r: Runtime) {
  const bank = await call(r, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel' });
  const scheme = await call(r, 'schemes.save', {
    kode: 'GS-2025',
    nama: 'GS 2025',
    berlakuDari: '2025-01-01',
    berlakuSampai: '2025-12-31',
    bungaBankPersen: '11',
    bungaDebiturPersen: '3',
    metodeBunga: 'efektif',
    plafonMaks: 50_000_000,
    tenorMaks: 36,
  });
  const debtor = await call(r, 'debtors.save', { nik: '1603106710850001', nama: 'Siti Aminah', skala: 'mikro' });
  return call(r, 'loans.save', {
    debiturId: debtor.id,
    bankId: bank.id,
    skemaId: scheme.id,
    nomorRekening: '0012300040',
    nomorAkad: 'AK/001/2025',
    tanggalAkad: '2025-01-10',
    plafon: 12_000_000,
    tenorBulan: 12,
    tanggalAngsuranPertama: '2025-02-15',
  });
}

describe("the component tests' fakes say what the real handlers say", () => {
  it('loans: each step allowed or refused from each status, a missing reason, a future date, editing after disbursement', async () => {
    const { fakeLoanService } = await loansFake();
    const created = await loanWorld(rt());
    const id = created.id;
    // Walk the real loan through its life; at each status, try every step on both.
    const steps: [string, Record<string, unknown>][] = [
      ['loans.transition', { id, ke: 'aktif', tanggal: '2025-01-15' }], // not yet approved
      ['loans.transition', { id, ke: 'ditolak', tanggal: '2025-01-12' }], // no reason
      ['loans.transition', { id, ke: 'disetujui', tanggal: '2026-01-05' }], // after "today"
      ['loans.transition', { id, ke: 'disetujui', tanggal: '2025-01-12' }],
      ['loans.transition', { id, ke: 'lunas', tanggal: '2025-01-13' }], // not disbursed
      ['loans.transition', { id, ke: 'aktif', tanggal: '2025-01-15' }],
      [
        'loans.save',
        {
          id,
          debiturId: created.debiturId,
          bankId: created.bankId,
          skemaId: created.skemaId,
          nomorRekening: '0012300040',
          nomorAkad: 'AK/001/2025',
          tanggalAkad: '2025-01-10',
          plafon: 10_000_000,
          tenorBulan: 12,
        },
      ],
      ['loans.transition', { id, ke: 'klaim', tanggal: '2025-06-01' }], // only from macet
      ['loans.transition', { id, ke: 'macet', tanggal: '2025-06-01' }],
      ['loans.transition', { id, ke: 'hapus_buku', tanggal: '2025-07-01', alasan: 'Uji' }], // only from klaim
    ];
    let compared = 0;
    for (const [channel, input] of steps) {
      // The fake starts from the real loan as it now is.
      const { backend } = fakeLoanService(await call(rt(), 'loans.get', { id }), { today: '2025-12-31' });
      backend['loans.get']!({ id }); // the page's first load
      // Both get the loan's version as a freshly loaded screen sends it (the contract requires it).
      const sent = withSeenVersion(rt().db, channel, input);
      const expected = await real(rt(), channel, sent);
      const got = await fake(backend, channel, sent);
      if (expected.ok) expect(got.ok, `${channel} ${JSON.stringify(input)}`).toBe(true);
      else expect(got, `${channel} ${JSON.stringify(input)}`).toEqual(expected);
      compared++;
    }
    expect(compared).toBe(steps.length);
    expect((await call(rt(), 'loans.get', { id })).status).toBe('macet');
  });

  it("budget: a new line, the same account code twice in a year, an unknown line, a bad pagu, and the saved line's shape", async () => {
    const { fakeBudget } = await budgetFake();
    const { backend } = fakeBudget([]);
    const line = { tahun: 2025, jenis: 'subsidi_bunga', kodeRekening: '5.1.05.01.001', uraian: 'Subsidi bunga KUR', pagu: 1_500_000_000 };
    const inputs: [string, unknown][] = [
      ['budget.save', line],
      ['budget.save', { ...line, uraian: 'Lagi' }],
      ['budget.save', { ...line, id: 999, kodeRekening: '5.1.05.01.009' }],
      ['budget.save', { ...line, kodeRekening: '5.1.05.01.002', pagu: -5 }],
      ['budget.save', { ...line, kodeRekening: '5.1.05.01.003', pagu: 1.5 }],
      ['budget.year', { tahun: 2025 }],
    ];
    for (const [channel, input] of inputs) {
      expect(await fake(backend, channel, input), `${channel} ${JSON.stringify(input)}`).toEqual(await real(rt(), channel, input));
    }
    // The line the fake keeps has the real line's fields, and the same figures.
    const [realLine] = (await call(rt(), 'budget.year', { tahun: 2025 })).lines;
    const [fakeLine] = ((await backend['budget.year']!({ tahun: 2025 })) as { lines: BudgetLine[] }).lines;
    expect(Object.keys(fakeLine!).sort()).toEqual(Object.keys(realLine!).sort());
    expect({ ...fakeLine, id: 0 }).toEqual({ ...realLine, id: 0 });
  });
});
