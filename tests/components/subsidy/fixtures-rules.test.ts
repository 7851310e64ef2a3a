// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import Decimal from 'decimal.js';
import { computeSubsidy, type DayCountRule } from '@domain/loan';
import type { SubsidyLine } from '@contract';
import { ANI, BUDI, SITI } from './fixtures';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

/**
 * The subsidy screen's fixtures show workings (segments, days, rates, the unrounded and rounded
 * amounts) as the subsidy run answers them. They are written by hand; here each is recomputed by
 * the rule the run itself uses (computeSubsidy in electron/domain/loan), so a fixture cannot
 * drift into figures the service would never produce.
 */
function recomputed(line: SubsidyLine) {
  const r = line.rincian!;
  return computeSubsidy({
    segments: r.segmen.map((s) => ({ from: s.dari, toExclusive: s.sampai, outstanding: s.pokok, ratePercent: s.tarifPersen })),
    ratePercent: r.tarifSubsidiPersen,
    dayCount: r.konvensiHari as DayCountRule,
    basis: r.basis,
    rounding: r.pembulatan,
  });
}

describe('the subsidy fixtures follow the subsidy rule', () => {
  it.each([
    ['Siti', SITI],
    ['Budi', BUDI],
    ['Ani', ANI],
  ] as const)('%s: days, unrounded amounts and the rounded total', (_name, line) => {
    const w = recomputed(line);
    // The run writes its exact quotients to fewer digits than decimal.js does; they agree far below a rupiah.
    const same = (a: string, b: string) => new Decimal(a).minus(b).abs().lt('1e-25');
    expect(w.segments.map((s) => s.days)).toEqual(line.rincian!.segmen.map((s) => s.hari));
    w.segments.forEach((s, i) =>
      expect(same(s.unroundedAmount, line.rincian!.segmen[i]!.tidakDibulatkan), `${s.unroundedAmount} ~ ${line.rincian!.segmen[i]!.tidakDibulatkan}`).toBe(true),
    );
    expect(same(w.totalUnrounded, line.rincian!.tidakDibulatkan), `${w.totalUnrounded} ~ ${line.rincian!.tidakDibulatkan}`).toBe(true);
    expect(w.amount).toBe(line.rincian!.jumlah);
  });
});
