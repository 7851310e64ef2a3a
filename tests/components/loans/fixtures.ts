/** Loans, schemes and schedules for the loan screens' component tests. */
import type { Loan, LoanDetail, Schedule, ScheduleRow, Scheme } from '@contract';
import { bank } from '../setup';

export function scheme(overrides: Partial<Scheme> = {}): Scheme {
  return {
    id: 3, kode: 'GS-2025', nama: 'Gerbang Serasan 2025', berlakuDari: '2025-01-01', berlakuSampai: '2025-12-31', bungaBankPersen: '11', bungaDebiturPersen: '3',
    jenisSubsidi: 'selisih', porsiSubsidiPersen: null, metodeBunga: 'efektif', basisSubsidi: 'outstanding', konvensiHari: '30360', pembulatan: 'half_up',
    kolMaks: 2, wajibAngsuran: false, hanyaTahunAnggaran: false, plafonMaks: 50_000_000, tenorMaks: 36, tolakPembiayaanGanda: true, penjaminId: null,
    penjaminNama: null, premiBasis: 'sekali', premiTarifPersen: null, premiTabel: [], porsiJaminanPersen: null, toleransiRekonsiliasi: 1, paguIds: [], aktif: true,
    ...overrides,
  };
}

/** Klaten-like: the regency pays 80 % of the interest, flat loans, floor rounding. */
export const SCHEME_KLATEN = scheme({
  id: 4, kode: 'KLT-80', nama: 'Subsidi 80 %', bungaBankPersen: '12', bungaDebiturPersen: '2.4', jenisSubsidi: 'persentase', porsiSubsidiPersen: '80',
  metodeBunga: 'flat', pembulatan: 'floor',
});
export const SCHEME_OLD = scheme({ id: 5, kode: 'GS-2019', nama: 'Gerbang Serasan 2019', aktif: false });

export const BSB = bank({
  id: 1, kode: 'BSB', nama: 'Bank Sumsel Babel',
  cabang: [
    { id: 11, kode: 'BSB-ME', nama: 'Cabang Muara Enim', alamat: null, aktif: true },
    { id: 12, kode: 'BSB-TJ', nama: 'Capem Tanjung Enim', alamat: null, aktif: true },
  ],
});
export const BRI = bank({ id: 2, kode: 'BRI', nama: 'BRI Unit Lawang Kidul', cabang: [{ id: 21, kode: 'BRI-LK', nama: 'Unit Lawang Kidul', alamat: null, aktif: true }] });

export function loan(overrides: Partial<Loan> = {}): Loan {
  return {
    id: 41, debiturId: 7, debiturNama: 'Siti Aminah', debiturNik: '1603106710850001', bankId: 1, bankNama: 'Bank Sumsel Babel', cabangId: 11,
    cabangNama: 'Cabang Muara Enim', skemaId: 3, skemaKode: 'GS-2025', nomorRekening: '0012345678', nomorAkad: 'AK/2025/001', tanggalAkad: '2025-03-10',
    tanggalPencairan: null, plafon: 12_000_000, tenorBulan: 3, bungaBankPersen: '11', bungaDebiturPersen: '3', alasanUbahBunga: null, metodeBunga: 'efektif',
    tanggalAngsuranPertama: null, status: 'diajukan', tanggalLunas: null, ...overrides,
  };
}

/** A schedule whose rows and totals are distinct, recognisable numbers. */
export function schedule(rows: Partial<ScheduleRow>[] = [{}, {}, {}]): Schedule {
  const full: ScheduleRow[] = rows.map((r, i) => ({
    no: i + 1, jatuhTempo: `2025-0${4 + i}-10`, periode: `2025-0${4 + i}`, pokokAwal: 12_000_000 - i * 4_000_000, pokok: 4_000_000, bunga: 110_000 - i * 36_667,
    angsuran: 4_110_000 - i * 36_667, pokokAkhir: 8_000_000 - i * 4_000_000, bungaDebitur: 30_000 - i * 10_000, bungaSubsidi: 80_000 - i * 26_667, ...r,
  }));
  const sum = (pick: (r: ScheduleRow) => number) => full.reduce((s, r) => s + pick(r), 0);
  return {
    rows: full, totalPokok: sum((r) => r.pokok), totalBunga: sum((r) => r.bunga), totalAngsuran: sum((r) => r.angsuran),
    totalBungaDebitur: sum((r) => r.bungaDebitur), totalBungaSubsidi: sum((r) => r.bungaSubsidi),
  };
}

export function loanDetail(overrides: Partial<LoanDetail> = {}): LoanDetail {
  return {
    ...loan(), jadwal: schedule(), restrukturisasi: [], posisi: [], premi: null, klaimAsuransi: null, subsidiDibayar: [], flags: [], ...overrides,
  };
}

/** Texts of the cells of an Element Plus table's body rows. */
export function elTableRows(root: Element): string[][] {
  return [...root.querySelectorAll('.el-table__body tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map(cellText));
}

/** A cell's text pieces joined by spaces, as a reader sees two stacked lines ("Siti Aminah 1603…"). */
function cellText(td: Element): string {
  const parts: string[] = [];
  const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Texts of the schedule table's rows and of its totals row. */
export function scheduleCells(root: ParentNode = document.body): { rows: string[][]; total: string[] } {
  const table = root.querySelector('[data-testid="schedule-table"]');
  if (!table) throw new Error('no schedule table');
  const cells = (tr: Element) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
  return {
    rows: [...table.querySelectorAll('[data-testid="schedule-row"]')].map(cells),
    total: cells(table.querySelector('[data-testid="schedule-total"]')!),
  };
}
