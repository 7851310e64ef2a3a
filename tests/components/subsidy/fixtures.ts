/** Subsidy runs and budget years as the main process answers them, plus DOM helpers for these screens. */
import { flushPromises } from '@vue/test-utils';
import type { BudgetLine, BudgetYear, SubsidyLine, SubsidyRun } from '@contract';
import { byTestId } from '../setup';

/**
 * Siti, February 2025, 8 % on Actual/360: Rp12.000.000 for 14 days, then Rp11.000.000 for 14 days
 * after the instalment of 15 February: 8 % × (12.000.000 × 14 + 11.000.000 × 14) / 360 = 71.555,5…
 */
export const SITI: SubsidyLine = {
  pinjamanId: 1,
  nomorRekening: '0012345678',
  debiturNama: 'Siti Aminah',
  nik: '1603106710850001',
  skemaKode: 'GS-2025',
  periode: '2025-02',
  layak: true,
  alasan: null,
  alasanLabel: null,
  kol: 1,
  peringatan: [],
  rincian: {
    basis: 'outstanding',
    konvensiHari: 'act360',
    tarifSubsidiPersen: '8',
    pembulatan: 'half_up',
    dariJadwal: false,
    segmen: [
      { dari: '2025-02-01', sampai: '2025-02-15', pokok: 12_000_000, hari: 14, tarifPersen: '8', tidakDibulatkan: '37333.33333333333333333333333333333333' },
      { dari: '2025-02-15', sampai: '2025-03-01', pokok: 11_000_000, hari: 14, tarifPersen: '8', tidakDibulatkan: '34222.22222222222222222222222222222222' },
    ],
    tidakDibulatkan: '71555.55555555555555555555555555555556',
    jumlah: 71_556,
  },
};

/** Budi: 5 % on 30/360, the bank has not reported February, and he has another subsidised loan. */
export const BUDI: SubsidyLine = {
  pinjamanId: 2,
  nomorRekening: '0023456789',
  debiturNama: 'Budi Santoso',
  nik: '1603101203800002',
  skemaKode: 'GS-2024',
  periode: '2025-02',
  layak: true,
  alasan: null,
  alasanLabel: null,
  kol: 2,
  peringatan: ['Debitur memiliki 1 pinjaman bersubsidi lain yang masih berjalan (pembiayaan ganda)'],
  rincian: {
    basis: 'outstanding',
    konvensiHari: '30360',
    tarifSubsidiPersen: '5',
    pembulatan: 'half_up',
    dariJadwal: true,
    segmen: [{ dari: '2025-02-01', sampai: '2025-03-01', pokok: 10_000_000, hari: 30, tarifPersen: '5', tidakDibulatkan: '41666.66666666666666666666666666666667' }],
    tidakDibulatkan: '41666.66666666666666666666666666666667',
    jumlah: 41_667,
  },
};

/**
 * Ani, February 2025: her loan was restructured from 20 February, the bank's rate 11 % → 14 % while
 * she still pays 3 %, so the subsidised rate is 8 % before and 11 % from that day:
 * (10.000.000 × 19 × 8 % + 10.000.000 × 9 × 11 %) / 360 = (1.520.000.000 + 990.000.000) / 36.000 = 69.722,22… → Rp69.722.
 */
export const ANI: SubsidyLine = {
  pinjamanId: 4,
  nomorRekening: '0045678901',
  debiturNama: 'Ani Lestari',
  nik: '1603104101880004',
  skemaKode: 'GS-2025',
  periode: '2025-02',
  layak: true,
  alasan: null,
  alasanLabel: null,
  kol: 1,
  peringatan: [],
  rincian: {
    basis: 'outstanding',
    konvensiHari: 'act360',
    tarifSubsidiPersen: '8',
    pembulatan: 'half_up',
    dariJadwal: false,
    segmen: [
      { dari: '2025-02-01', sampai: '2025-02-20', pokok: 10_000_000, hari: 19, tarifPersen: '8', tidakDibulatkan: '42222.22222222222222222222222222222222' },
      { dari: '2025-02-20', sampai: '2025-03-01', pokok: 10_000_000, hari: 9, tarifPersen: '11', tidakDibulatkan: '27500' },
    ],
    tidakDibulatkan: '69722.22222222222222222222222222222222',
    jumlah: 69_722,
  },
};

/** Rina: kol 3 under a scheme that stops at kol 2. */
export const RINA: SubsidyLine = {
  pinjamanId: 3,
  nomorRekening: '0034567890',
  debiturNama: 'Rina Marlina',
  nik: '1603104505900003',
  skemaKode: 'GS-2025',
  periode: '2025-02',
  layak: false,
  alasan: 'kol_melebihi_batas',
  alasanLabel: 'Kolektibilitas melebihi batas skema (kol 3, batas 2)',
  kol: 3,
  peringatan: [],
  rincian: null,
};

export function subsidyRun(lines: SubsidyLine[] = [SITI, BUDI, RINA], overrides: Partial<SubsidyRun> = {}): SubsidyRun {
  const eligible = lines.filter((l) => l.layak);
  return {
    bankId: 1,
    bankNama: 'Bank Sumsel Babel',
    periodeAwal: '2025-02',
    periodeAkhir: '2025-02',
    lines,
    jumlahLayak: eligible.length,
    jumlahTidakLayak: lines.length - eligible.length,
    total: eligible.reduce((s, l) => s + (l.rincian?.jumlah ?? 0), 0),
    ...overrides,
  };
}

/** The same line once paid: the run now excludes it. */
export function paidLine(line: SubsidyLine): SubsidyLine {
  return { ...line, layak: false, alasan: 'sudah_dibayar', alasanLabel: 'Periode ini sudah dibayar (SP2D)', rincian: null };
}

/** `n` eligible lines of Rp1.000 each, for paging. */
export function manyLines(n: number): SubsidyLine[] {
  return Array.from({ length: n }, (_, i) => ({
    ...SITI,
    pinjamanId: 1000 + i,
    nomorRekening: `09${String(i).padStart(8, '0')}`,
    debiturNama: `Debitur ${String(i + 1).padStart(3, '0')}`,
    rincian: { ...SITI.rincian!, jumlah: 1000 },
  }));
}

export function budgetLine(overrides: Partial<BudgetLine> = {}): BudgetLine {
  return {
    id: 31,
    tahun: 2025,
    jenis: 'subsidi_bunga',
    kodeRekening: '5.1.05.01.001',
    uraian: 'Subsidi bunga KUR Gerbang Serasan',
    pagu: 1_500_000_000,
    realisasi: 300_000_000,
    realisasiBruto: overrides.realisasi ?? 300_000_000,
    koreksi: 0,
    sisa: 1_200_000_000,
    ...overrides,
  };
}

export function budgetYear(lines: BudgetLine[], overrides: Partial<BudgetYear> = {}): BudgetYear {
  return { tahun: 2025, lines, proyeksiSisaTahun: { subsidi: 0, premi: 0 }, proyeksiTahunBerikut: [], peringatan: [], ...overrides };
}

// ---------------------------------------------------------------------------
// DOM
// ---------------------------------------------------------------------------

/** The body rows of an el-table (data-testid on its root), without rows of tables nested in expanded rows. */
export function bodyRows(testId: string): HTMLTableRowElement[] {
  const table = byTestId(testId);
  return [...table.querySelectorAll<HTMLTableRowElement>('.el-table__body tr.el-table__row')].filter((tr) => tr.closest('.el-table') === table);
}

export function cells(tr: HTMLTableRowElement): string[] {
  return [...tr.children].map((td) => td.textContent?.trim() ?? '');
}

/** Cell texts of every body row of the table. */
export function tableCells(testId: string): string[][] {
  return bodyRows(testId).map(cells);
}

export const text = (testId: string) => byTestId(testId).textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Clicks the one option (in any open or closed select dropdown) whose text contains `needle`. */
export async function chooseOptionContaining(needle: string): Promise<void> {
  const items = [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].filter((e) => e.textContent?.includes(needle));
  if (items.length !== 1) throw new Error(`expected one option containing "${needle}", found ${items.length}`);
  items[0]!.click();
  await flushPromises();
}

export function optionTexts(): string[] {
  return [...document.body.querySelectorAll('.el-select-dropdown__item')].map((e) => e.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

/** Clicks an element-plus radio button (data-testid on its root label). */
export async function clickRadio(testId: string): Promise<void> {
  const input = byTestId(testId).querySelector('input');
  if (!input) throw new Error(`no radio input in ${testId}`);
  input.click();
  await flushPromises();
}

/** Types into an <input> (or the first one inside the element) and fires `input`. */
export function typeIn(el: Element, value: string): HTMLInputElement {
  const input = el instanceof HTMLInputElement ? el : el.querySelector('input');
  if (!input) throw new Error('no <input> to type into');
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return input;
}

/** The visible alerts' kinds and titles inside `root`. */
export function alerts(root: ParentNode): { type: string; text: string }[] {
  return [...root.querySelectorAll('.el-alert')].map((a) => ({
    type: ['error', 'warning', 'success', 'info'].find((k) => a.classList.contains(`el-alert--${k}`)) ?? '?',
    text: a.querySelector('.el-alert__title')?.textContent?.trim() ?? '',
  }));
}
