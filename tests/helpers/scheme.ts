import type { SchemeSaveInput } from '../../electron/contract/schemes';

/**
 * The scheme most test worlds register, written once: a calendar-year Gerbang Serasan scheme with
 * the bank at 11 % and the debtor at 3 % (the regency pays the 8 % between, effective method), at
 * most Rp50.000.000 over 36 months, insured at a 1.5 % premium for 70 % cover.
 * A test that works money out by hand names the figures it relies on in its own comment and passes
 * an override for anything it changes (`schemeInput(2025, insurer.id, { premiTarifPersen: '1' })`),
 * so a reader never has to guess which figure the expected rupiah came from.
 */
export function schemeInput(year: number, penjaminId: number, overrides: Partial<SchemeSaveInput> = {}): SchemeSaveInput {
  return {
    kode: `GS-${year}`,
    nama: `GS ${year}`,
    berlakuDari: `${year}-01-01`,
    berlakuSampai: `${year}-12-31`,
    bungaBankPersen: '11',
    bungaDebiturPersen: '3',
    metodeBunga: 'efektif',
    plafonMaks: 50_000_000,
    tenorMaks: 36,
    penjaminId,
    premiTarifPersen: '1.5',
    porsiJaminanPersen: '70',
    ...overrides,
  };
}
