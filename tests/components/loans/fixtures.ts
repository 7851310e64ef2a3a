/** Loans, schemes and schedules for the loan screens' component tests. */
import { z } from 'zod';
import {
  contract,
  type BankPosition,
  type Channel,
  type InputOf,
  type InsuranceClaim,
  type Loan,
  type LoanDetail,
  type ParsedInputOf,
  type Premium,
  type Schedule,
  type ScheduleRow,
  type Scheme,
  LOAN_NEXT,
  LOAN_STATUS_LABEL,
  isLoanEditable,
} from '@contract';
import { formatRupiah } from '@domain/format';
import { ApiError } from '@/api';
import { bank, type Backend } from '../setup';

export function scheme(overrides: Partial<Scheme> = {}): Scheme {
  return {
    id: 3,
    kode: 'GS-2025',
    nama: 'Gerbang Serasan 2025',
    berlakuDari: '2025-01-01',
    berlakuSampai: '2025-12-31',
    bungaBankPersen: '11',
    bungaDebiturPersen: '3',
    jenisSubsidi: 'selisih',
    porsiSubsidiPersen: null,
    metodeBunga: 'efektif',
    basisSubsidi: 'outstanding',
    konvensiHari: '30360',
    pembulatan: 'half_up',
    kolMaks: 2,
    wajibAngsuran: false,
    hanyaTahunAnggaran: false,
    plafonMaks: 50_000_000,
    tenorMaks: 36,
    tolakPembiayaanGanda: true,
    tolakTanpaSk: false,
    penjaminId: null,
    penjaminNama: null,
    premiBasis: 'sekali',
    premiTarifPersen: null,
    premiTabel: [],
    porsiJaminanPersen: null,
    toleransiRekonsiliasi: 1,
    maksPinjamanPerOrang: 1,
    paguIds: [],
    aktif: true,
    ...overrides,
  };
}

/** Klaten-like: the regency pays 80 % of the interest, flat loans, floor rounding. */
export const SCHEME_KLATEN = scheme({
  id: 4,
  kode: 'KLT-80',
  nama: 'Subsidi 80 %',
  bungaBankPersen: '12',
  bungaDebiturPersen: '2.4',
  jenisSubsidi: 'persentase',
  porsiSubsidiPersen: '80',
  metodeBunga: 'flat',
  pembulatan: 'floor',
});
export const SCHEME_OLD = scheme({ id: 5, kode: 'GS-2019', nama: 'Gerbang Serasan 2019', aktif: false });

export const BSB = bank({
  id: 1,
  kode: 'BSB',
  nama: 'Bank Sumsel Babel',
  cabang: [
    { id: 11, kode: 'BSB-ME', nama: 'Cabang Muara Enim', alamat: null, aktif: true },
    { id: 12, kode: 'BSB-TJ', nama: 'Capem Tanjung Enim', alamat: null, aktif: true },
  ],
});
export const BRI = bank({ id: 2, kode: 'BRI', nama: 'BRI Unit Lawang Kidul', cabang: [{ id: 21, kode: 'BRI-LK', nama: 'Unit Lawang Kidul', alamat: null, aktif: true }] });

export function loan(overrides: Partial<Loan> = {}): Loan {
  return {
    id: 41,
    debiturId: 7,
    debiturNama: 'Siti Aminah',
    debiturNik: '1603106710850001',
    bankId: 1,
    bankNama: 'Bank Sumsel Babel',
    cabangId: 11,
    cabangNama: 'Cabang Muara Enim',
    skemaId: 3,
    skemaKode: 'GS-2025',
    nomorRekening: '0012345678',
    nomorAkad: 'AK/2025/001',
    tanggalAkad: '2025-03-10',
    tanggalPencairan: null,
    plafon: 12_000_000,
    tenorBulan: 3,
    bungaBankPersen: '11',
    bungaDebiturPersen: '3',
    alasanUbahBunga: null,
    metodeBunga: 'efektif',
    tanggalAngsuranPertama: null,
    status: 'diajukan',
    tanggalLunas: null,
    versi: 1,
    ...overrides,
  };
}

/** A schedule whose rows and totals are distinct, recognisable numbers. */
export function schedule(rows: Partial<ScheduleRow>[] = [{}, {}, {}]): Schedule {
  const full: ScheduleRow[] = rows.map((r, i) => ({
    no: i + 1,
    jatuhTempo: `2025-0${4 + i}-10`,
    periode: `2025-0${4 + i}`,
    pokokAwal: 12_000_000 - i * 4_000_000,
    pokok: 4_000_000,
    bunga: 110_000 - i * 36_667,
    angsuran: 4_110_000 - i * 36_667,
    pokokAkhir: 8_000_000 - i * 4_000_000,
    bungaDebitur: 30_000 - i * 10_000,
    bungaSubsidi: 80_000 - i * 26_667,
    ...r,
  }));
  const sum = (pick: (r: ScheduleRow) => number) => full.reduce((s, r) => s + pick(r), 0);
  return {
    rows: full,
    totalPokok: sum((r) => r.pokok),
    totalBunga: sum((r) => r.bunga),
    totalAngsuran: sum((r) => r.angsuran),
    totalBungaDebitur: sum((r) => r.bungaDebitur),
    totalBungaSubsidi: sum((r) => r.bungaSubsidi),
  };
}

export function loanDetail(overrides: Partial<LoanDetail> = {}): LoanDetail {
  return {
    ...loan(),
    jadwal: schedule(),
    restrukturisasi: [],
    posisi: [],
    premi: null,
    klaimAsuransi: null,
    subsidiDibayar: [],
    flags: [],
    ...overrides,
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

// ---------------------------------------------------------------------------
// One loan's page: a running loan, and an in-memory stand-in for the loan service
// ---------------------------------------------------------------------------

export function position(overrides: Partial<BankPosition> = {}): BankPosition {
  return { id: 301, pinjamanId: 41, periode: '2025-03', outstanding: 12_000_000, kol: 1, hariTunggakan: 0, angsuranDibayar: true, sumber: 'manual', ...overrides };
}

export const PREMI: Premium = {
  id: 5,
  pinjamanId: 41,
  penjaminId: 2,
  penjaminNama: 'PT Jamkrida Sumsel',
  tarifPersen: '1.5',
  jumlah: 180_000,
  status: 'ditagih',
  rincian: '1,5 % × Rp12.000.000 = Rp180.000',
  versi: 1,
};

export const KLAIM: InsuranceClaim = {
  id: 3,
  pinjamanId: 41,
  tanggal: '2025-10-20',
  tanggalDasar: '2025-10-06',
  dasar: 'Baki debet pada 6 Oktober 2025 (tanggal macet): posisi bank akhir September 2025',
  outstanding: 8_000_000,
  porsiPersen: '70',
  jumlah: 5_600_000,
  status: 'diajukan',
};

/**
 * Siti's loan after disbursement on 15/03/2025: a debtor rate lowered with a reason, two months
 * reported by the bank (one imported), the premium billed and one month of subsidy paid.
 */
export function runningLoan(overrides: Partial<LoanDetail> = {}): LoanDetail {
  return loanDetail({
    status: 'aktif',
    tanggalPencairan: '2025-03-15',
    tanggalAngsuranPertama: '2025-04-10',
    bungaBankPersen: '11.5',
    bungaDebiturPersen: '2.5',
    alasanUbahBunga: 'Surat Sekretariat 12/2025',
    posisi: [
      position({ id: 301, periode: '2025-03', outstanding: 12_000_000 }),
      position({ id: 302, periode: '2025-04', outstanding: 8_000_000, kol: 2, hariTunggakan: 12, angsuranDibayar: false, sumber: 'impor' }),
    ],
    premi: PREMI,
    subsidiDibayar: [
      { periode: '2025-04', jumlah: 80_000, nomorSp2d: '0123/SP2D/LS/2025' },
      { periode: '2025-05', jumlah: 53_333, nomorSp2d: null },
    ],
    ...overrides,
  });
}

/** The loan lifecycle the service enforces (the fake refuses the rest, as the service does). */
export const SERVICE_NEXT = LOAN_NEXT;
const SERVICE_STATUS_LABEL = LOAN_STATUS_LABEL;

// The service validates with zod under Indonesian messages (electron/services/dispatch.ts).
z.config(z.locales.id());

/** Validates an input with the channel's contract schema, failing as dispatch does. */
export function validated<C extends Channel>(channel: C, input: InputOf<C>): ParsedInputOf<C> {
  const result = (contract[channel].input as z.ZodType).safeParse(input ?? undefined);
  if (result.success) return result.data as ParsedInputOf<C>;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  throw new ApiError({ code: 'VALIDATION', message: `Isian belum benar: ${Object.values(fields)[0] ?? 'Isian tidak valid'}`, fields });
}

const invalid = (field: string, message: string) => new ApiError({ code: 'VALIDATION', message, fields: { [field]: message } });

export interface FakeLoanOptions {
  /** The service's today (transitions after it are refused). */
  today?: string;
  /** What the service holds when it differs from what the page first loads (another clerk acted meanwhile). */
  stored?: Partial<LoanDetail>;
  /** The premium computed at disbursement, the claim computed on 'klaim', the plan after a restructuring. */
  premi?: Premium | null;
  klaim?: InsuranceClaim | null;
  rescheduled?: Schedule;
}

/**
 * The loan service for one loan, in memory, refusing what electron/services/loans/handlers.ts
 * refuses (with the same Indonesian messages) and answering with the whole loan as it now is.
 */
export function fakeLoanService(start: LoanDetail, options: FakeLoanOptions = {}): { backend: Backend; stored: () => LoanDetail } {
  const today = options.today ?? '2025-12-31';
  let first = true;
  let stored: LoanDetail = structuredClone({ ...start, ...options.stored });
  const copy = () => structuredClone(stored);
  const find = (id: number) => {
    if (id !== stored.id) throw new ApiError({ code: 'NOT_FOUND', message: 'Pinjaman tidak ditemukan' });
  };
  const backend: Backend = {
    'loans.get': (input) => {
      find(validated('loans.get', input).id);
      // The page's first load shows `start`; the service itself holds `stored`.
      if (first) {
        first = false;
        return structuredClone(start);
      }
      return copy();
    },
    'loans.save': (input) => {
      const l = validated('loans.save', input);
      if (l.id !== undefined) find(l.id);
      if (!isLoanEditable(stored.status)) {
        throw new ApiError({
          code: 'CONFLICT',
          message: `Pinjaman berstatus ${SERVICE_STATUS_LABEL[stored.status]} tidak dapat diubah lagi; perubahan tenor atau bunga dicatat sebagai restrukturisasi.`,
        });
      }
      const { id: _id, bungaBankPersen, bungaDebiturPersen, ...fields } = l;
      stored = { ...stored, ...fields, bungaBankPersen: bungaBankPersen ?? stored.bungaBankPersen, bungaDebiturPersen: bungaDebiturPersen ?? stored.bungaDebiturPersen };
      return copy();
    },
    'loans.transition': (input) => {
      const { id, ke, tanggal, alasan } = validated('loans.transition', input);
      find(id);
      const from = stored.status;
      if (!SERVICE_NEXT[from].includes(ke)) {
        throw new ApiError({ code: 'CONFLICT', message: `Pinjaman berstatus ${SERVICE_STATUS_LABEL[from]} tidak dapat diubah menjadi ${SERVICE_STATUS_LABEL[ke]}.` });
      }
      if (tanggal < stored.tanggalAkad) throw invalid('tanggal', 'Tanggal sebelum tanggal akad');
      if (tanggal > today) throw invalid('tanggal', 'Tanggal tidak boleh di masa depan');
      if ((ke === 'ditolak' || ke === 'hapus_buku') && !alasan) throw invalid('alasan', 'Tulis alasannya');
      const next: LoanDetail = { ...stored, status: ke };
      if (ke === 'aktif' && from === 'disetujui') Object.assign(next, { tanggalPencairan: tanggal, premi: options.premi ?? null });
      if (ke === 'lunas') next.tanggalLunas = tanggal;
      if (ke === 'klaim') next.klaimAsuransi = options.klaim ?? null;
      if (!['diajukan', 'disetujui', 'aktif', 'macet'].includes(ke)) next.flags = [];
      stored = next;
      return copy();
    },
    'loans.restructure': (input) => {
      const r = validated('loans.restructure', input);
      find(r.id);
      if (!['aktif', 'macet'].includes(stored.status) || !stored.tanggalPencairan) {
        throw new ApiError({ code: 'CONFLICT', message: 'Hanya pinjaman yang sudah dicairkan dan masih berjalan yang dapat direstrukturisasi.' });
      }
      if (r.berlakuMulai <= stored.tanggalPencairan) throw invalid('berlakuMulai', 'Tanggal berlaku harus sesudah pencairan');
      const last = stored.restrukturisasi.at(-1);
      if (last && r.berlakuMulai <= last.berlakuMulai) throw invalid('berlakuMulai', 'Tanggal berlaku harus sesudah restrukturisasi sebelumnya');
      const { id: _id, ...terms } = r;
      stored = { ...stored, restrukturisasi: [...stored.restrukturisasi, { id: 900 + stored.restrukturisasi.length, ...terms }], jadwal: options.rescheduled ?? stored.jadwal };
      return copy();
    },
    'positions.save': (input) => {
      const p = validated('positions.save', input);
      find(p.pinjamanId);
      if (!stored.tanggalPencairan || p.periode < stored.tanggalPencairan.slice(0, 7)) throw invalid('periode', 'Periode sebelum pinjaman dicairkan');
      if (p.outstanding > stored.plafon) throw invalid('outstanding', `Baki debet melebihi plafon (${formatRupiah(stored.plafon)})`);
      const before = stored.posisi.find((x) => x.periode === p.periode);
      const saved: BankPosition = { ...p, id: before?.id ?? 400 + stored.posisi.length, sumber: 'manual' };
      stored = { ...stored, posisi: [...stored.posisi.filter((x) => x.periode !== p.periode), saved].sort((a, b) => a.periode.localeCompare(b.periode)) };
      return structuredClone(saved);
    },
  };
  return { backend, stored: copy };
}
