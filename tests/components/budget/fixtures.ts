/**
 * The budget (pagu) as the main process keeps it, for the budget page's tests: a small in-memory
 * stand-in for electron/services/budget/handlers.ts. Inputs go through the real contract schema
 * first, and refusals carry the same Indonesian messages and per-field messages as the real
 * service, so what the page shows for a refusal is what a clerk would see.
 */
import { contract, type BudgetLine, type BudgetYear, type Channel, type InputOf, type ParsedInputOf } from '@contract';
import { formatRupiah } from '@domain/format';
import { ApiError } from '@/api';
import { byTestId, type Backend } from '../setup';
import { budgetLine, budgetYear, typeIn } from '../subsidy/fixtures';

// ---------------------------------------------------------------------------
// Budget lines of 2025 (today in these tests: 10 March 2025)
// ---------------------------------------------------------------------------

export const KUR_2025 = budgetLine({
  id: 31,
  kodeRekening: '5.1.05.01.001',
  uraian: 'Subsidi bunga KUR Gerbang Serasan',
  pagu: 1_500_000_000,
  realisasi: 300_000_000,
  sisa: 1_200_000_000,
});
/** Almost used up: 95 % paid. */
export const MIKRO_2025 = budgetLine({ id: 32, kodeRekening: '5.1.05.01.002', uraian: 'Subsidi bunga usaha mikro', pagu: 100_000_000, realisasi: 95_000_000, sisa: 5_000_000 });
export const PREMI_2025 = budgetLine({
  id: 40,
  jenis: 'premi',
  kodeRekening: '5.1.05.02.001',
  uraian: 'Premi asuransi kredit',
  pagu: 200_000_000,
  realisasi: 12_345_678,
  sisa: 187_654_322,
});
/** Not used yet: its year and kind may still change. */
export const KOPERASI_2025 = budgetLine({ id: 33, kodeRekening: '5.1.05.01.003', uraian: 'Subsidi bunga koperasi', pagu: 50_000_000, realisasi: 0, sisa: 50_000_000 });

export const KUR_2026 = budgetLine({
  id: 51,
  tahun: 2026,
  kodeRekening: '5.1.05.01.001',
  uraian: 'Subsidi bunga KUR Gerbang Serasan 2026',
  pagu: 2_000_000_000,
  realisasi: 0,
  sisa: 2_000_000_000,
});
export const KUR_2024 = budgetLine({
  id: 21,
  tahun: 2024,
  kodeRekening: '5.1.05.01.001',
  uraian: 'Subsidi bunga KUR Gerbang Serasan 2024',
  pagu: 1_250_000_000,
  realisasi: 1_237_500_000,
  sisa: 12_500_000,
});

/** What running loans will still cost, per budget year (the real service computes it from the loans). */
export interface YearProjection {
  subsidi: number;
  premi: number;
  later?: { tahun: number; subsidi: number }[];
}

/** 2025: the subsidy still to come (Rp1.350.000.000) exceeds what is left of the subsidy pagu (Rp1.205.000.000). */
export const PROJECTION_2025: YearProjection = {
  subsidi: 1_350_000_000,
  premi: 7_500_000,
  later: [
    { tahun: 2026, subsidi: 420_000_000 },
    { tahun: 2027, subsidi: 35_500_000 },
  ],
};

// ---------------------------------------------------------------------------
// The fake service
// ---------------------------------------------------------------------------

/**
 * Validates an input with the channel's real schema, as the main process's dispatch does before
 * any handler runs: first message of each field, and "Isian belum benar: <first message>".
 */
export function throughContract<C extends Channel>(channel: C, input: InputOf<C>): ParsedInputOf<C> {
  const parsed = contract[channel].input.safeParse(input);
  if (parsed.success) return parsed.data as ParsedInputOf<C>;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  throw new ApiError({ code: 'VALIDATION', message: `Isian belum benar: ${Object.values(fields)[0] ?? 'Isian tidak valid'}`, fields });
}

export interface FakeBudget {
  backend: Backend;
  /** The lines as stored now. */
  lines: BudgetLine[];
}

/**
 * 'budget.year' and 'budget.save' over an in-memory list of lines, with the rules of
 * electron/services/budget/handlers.ts: one kode rekening per year, a pagu never below what
 * was paid, and the year and kind of a line that has paid something fixed.
 */
export function fakeBudget(initial: BudgetLine[], projections: Record<number, YearProjection> = {}, nextId = 90): FakeBudget {
  const lines = initial.map((l) => ({ ...l }));
  const year = (tahun: number): BudgetYear => {
    const own = lines.filter((l) => l.tahun === tahun).map((l) => ({ ...l }));
    // The service projects only for this year and later ones.
    const p = tahun >= new Date().getFullYear() ? (projections[tahun] ?? { subsidi: 0, premi: 0 }) : { subsidi: 0, premi: 0 };
    const peringatan: string[] = [];
    for (const [jenis, label, needed] of [
      ['subsidi_bunga', 'subsidi bunga', p.subsidi],
      ['premi', 'premi', p.premi],
    ] as const) {
      const sisa = own.filter((l) => l.jenis === jenis).reduce((s, l) => s + l.sisa, 0);
      if (needed > sisa) {
        peringatan.push(
          `Proyeksi ${label} sampai akhir tahun ${tahun} (${formatRupiah(needed)}) melebihi sisa pagu ${label} (${formatRupiah(sisa)}): kurang ${formatRupiah(needed - sisa)}.`,
        );
      }
    }
    return budgetYear(own, { tahun, proyeksiSisaTahun: { subsidi: p.subsidi, premi: p.premi }, proyeksiTahunBerikut: p.later ?? [], peringatan });
  };
  const backend: Backend = {
    'budget.year': (input) => year(throughContract('budget.year', input).tahun),
    'budget.save': (raw) => {
      const input = throughContract('budget.save', raw);
      const before = input.id === undefined ? undefined : lines.find((l) => l.id === input.id);
      if (input.id !== undefined && !before) throw new ApiError({ code: 'NOT_FOUND', message: 'Pos anggaran tidak ditemukan' });
      const same = lines.find((l) => l.tahun === input.tahun && l.kodeRekening === input.kodeRekening);
      if (same && same.id !== input.id) {
        throw new ApiError({ code: 'CONFLICT', message: `Kode rekening ${input.kodeRekening} sudah ada untuk tahun ${input.tahun}`, fields: { kodeRekening: 'Sudah ada' } });
      }
      if (before) {
        if (input.pagu < before.realisasi) {
          throw new ApiError({
            code: 'CONFLICT',
            message: `Pagu tidak boleh lebih kecil dari yang sudah dibayar (${formatRupiah(before.realisasi)})`,
            fields: { pagu: 'Di bawah realisasi' },
          });
        }
        if (before.realisasi > 0 && (before.tahun !== input.tahun || before.jenis !== input.jenis)) {
          throw new ApiError({ code: 'CONFLICT', message: 'Tahun dan jenis pos anggaran yang sudah dipakai membayar tidak boleh diubah' });
        }
      }
      const realisasi = before?.realisasi ?? 0;
      const saved: BudgetLine = {
        id: before?.id ?? nextId++,
        tahun: input.tahun,
        jenis: input.jenis,
        kodeRekening: input.kodeRekening,
        uraian: input.uraian,
        pagu: input.pagu,
        realisasi,
        realisasiBruto: realisasi,
        koreksi: 0,
        sisa: input.pagu - realisasi,
      };
      if (before) lines.splice(lines.indexOf(before), 1, saved);
      else lines.push(saved);
      return { ...saved };
    },
  };
  return { backend, lines };
}

// ---------------------------------------------------------------------------
// DOM
// ---------------------------------------------------------------------------

/** Types a number into an el-input-number (data-testid on its root) and commits it, as leaving the field does. */
export function typeNumber(testId: string, value: string): HTMLInputElement {
  const input = typeIn(byTestId(testId), value);
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return input;
}

/** Presses the − or + button of an el-input-number (data-testid on its root). */
export function step(testId: string, direction: 'decrease' | 'increase'): void {
  const button = byTestId(testId).querySelector(`.el-input-number__${direction}`);
  if (!button) throw new Error(`no ${direction} button in ${testId}`);
  button.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
  document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
}

/** '-Rp1.234.567' → -1234567; fails on anything that is not a rupiah amount as the app writes it. */
export function rupiahValue(text: string): number {
  const m = /^(-?)Rp(\d{1,3}(?:\.\d{3})*)$/.exec(text);
  if (!m) throw new Error(`not a rupiah amount: "${text}"`);
  return (m[1] ? -1 : 1) * Number(m[2]!.replace(/\./g, ''));
}

/** Texts of the visible Element Plus toasts of one kind ('success', 'error', …). */
export function toasts(type: 'success' | 'error' | 'warning' | 'info'): string[] {
  return [...document.body.querySelectorAll(`.el-message--${type} .el-message__content`)].map((e) => e.textContent?.trim() ?? '');
}
