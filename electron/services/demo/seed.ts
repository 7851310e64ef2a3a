import type { Database } from 'better-sqlite3';
import type { DemoSummary } from '../../contract';
import { insertBank, saveBranches } from '../../../database/repositories/banks';
import { insertDebtor } from '../../../database/repositories/debtors';
import { insertInsurer } from '../../../database/repositories/insurers';
import { insertDemoDecrees } from '../../../database/repositories/decrees';
import { listReference } from '../../../database/repositories/reference';
import { insertScheme } from '../../../database/repositories/schemes';
import { addMonths } from '../../domain/loan';
import { seedDemoLoans } from './loans';
import { seedPaidHistory } from './paid-history';
import { seedDemoMonitoring } from './monitoring';
import { SeededRandom } from './random';
import { BUSINESS_KINDS, FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, VILLAGE_NAMES, VILLAGE_PREFIXES } from './names';

const BANKS = [
  {
    kode: 'BSB',
    nama: 'Bank Sumsel Babel',
    jenis: 'umum' as const,
    alamat: 'Jl. Jenderal Sudirman, Muara Enim',
    cabang: [
      ['BSB-ME', 'Cabang Muara Enim'],
      ['BSB-TE', 'Cabang Pembantu Tanjung Enim'],
      ['BSB-GL', 'Cabang Pembantu Gelumbang'],
    ],
  },
  {
    kode: 'BRI',
    nama: 'Bank Rakyat Indonesia',
    jenis: 'umum' as const,
    alamat: 'Jl. Jenderal Sudirman, Muara Enim',
    cabang: [
      ['BRI-ME', 'Unit Muara Enim'],
      ['BRI-GM', 'Unit Gunung Megang'],
      ['BRI-LB', 'Unit Lubai'],
      ['BRI-SD', 'Unit Semende'],
    ],
  },
  {
    kode: 'BPRME',
    nama: 'BPR Muara Enim',
    jenis: 'bpr' as const,
    alamat: 'Muara Enim',
    cabang: [
      ['BPR-PST', 'Kantor Pusat'],
      ['BPR-BLM', 'Kantor Kas Belimbing'],
    ],
  },
] as const;

const INSURERS = [
  { kode: 'JAMKRINDO', nama: 'Perum Jamkrindo', jenis: 'penjaminan' as const, alamat: 'Palembang' },
  { kode: 'ASKRINDO', nama: 'PT Asuransi Kredit Indonesia (Askrindo)', jenis: 'asuransi' as const, alamat: 'Palembang' },
  { kode: 'JAMKRIDA', nama: 'PT Jamkrida Sumatera Selatan', jenis: 'penjaminan' as const, alamat: 'Palembang' },
] as const;

export interface DemoOptions {
  seed?: number;
  debtors?: number;
  /** Loans to generate (0: master data only); more loans than debtors adds debtors. */
  loans?: number;
  /** Loans' agreements are spread over this many months before `today`. */
  months?: number;
  /** The date the demo is built for (passed in to keep it deterministic). */
  today: string;
  /**
   * Also a paid history (electron/services/demo/paid-history.ts): every bank-month paid by SP2D,
   * except the last `unpaidMonths` before today's month.
   */
  paidHistory?: { unpaidMonths: number };
  /** Named in the audit trail for the loans and payments written (default: 'data-contoh'). */
  user?: string;
}

/**
 * The one demo data set: what "Muat data contoh" loads and what `npm run cli -- seed-demo` loads
 * without options — 250 loans over 24 months, each bank-month claimed and paid by SP2D except the
 * last 3 months (so the dashboard shows a realisation and there is still a month to claim).
 */
export const DEMO_SET = { loans: 250, months: 24, paidHistory: { unpaidMonths: 3 } } as const satisfies Omit<DemoOptions, 'today'>;

/**
 * Writes a realistic demo set in one transaction: partner banks with branches, insurers, a
 * scheme and debtors spread over the 22 kecamatan with valid NIKs. Same seed, same data.
 */
export function seedDemo(db: Database, opts: DemoOptions): DemoSummary {
  const rnd = new SeededRandom(opts.seed ?? 20251027);
  const loanCount = opts.loans ?? 0;
  const months = opts.months ?? 24;
  const debtorCount = Math.max(opts.debtors ?? 300, loanCount);
  const referenceYear = Number(opts.today.slice(0, 4));

  return db.transaction((): DemoSummary => {
    let cabang = 0;
    for (const b of BANKS) {
      const id = insertBank(db, {
        kode: b.kode,
        nama: b.nama,
        jenis: b.jenis,
        alamat: b.alamat,
        picNama: `${rnd.pick(MALE_NAMES)} ${rnd.pick(FAMILY_NAMES)}`,
        picJabatan: 'Petugas Penghubung',
        picTelepon: phone(rnd),
        picEmail: null,
      });
      saveBranches(
        db,
        id,
        b.cabang.map(([kode, nama]) => ({ kode, nama, alamat: null, aktif: true })),
      );
      cabang += b.cabang.length;
    }
    const insurerIds = INSURERS.map((i) => insertInsurer(db, { ...i, picNama: null, telepon: null, email: null }));
    // One scheme per budget year over the demo window, each with its own pagu lines.
    const firstYear = Number(addMonths(opts.today, -months).slice(0, 4));
    let schemes = 0;
    for (let year = firstYear; year <= referenceYear; year++) {
      // A province-size data set needs a province-size budget (about Rp2 juta of subsidy per loan a year).
      const subsidiPagu = insertPagu(
        db,
        year,
        'subsidi_bunga',
        `5.1.05.01.${year}`,
        `Belanja subsidi bunga Program Gerbang Serasan ${year}`,
        Math.max(2_500_000_000, loanCount * 2_000_000),
      );
      const premiPagu = insertPagu(db, year, 'premi', `5.1.05.02.${year}`, `Belanja premi asuransi kredit Program Gerbang Serasan ${year}`, 400_000_000);
      const recent = year >= 2026;
      insertScheme(db, {
        kode: `GS-${year}`,
        nama: recent ? `Gerbang Serasan ${year} (80 % bunga, anuitas)` : `Gerbang Serasan ${year} (selisih bunga)`,
        berlakuDari: `${year}-01-01`,
        berlakuSampai: `${year}-12-31`,
        bungaBankPersen: recent ? '10.5' : '11',
        bungaDebiturPersen: '3',
        jenisSubsidi: recent ? 'persentase' : 'selisih',
        porsiSubsidiPersen: recent ? '80' : null,
        metodeBunga: recent ? 'anuitas' : 'efektif',
        basisSubsidi: 'outstanding',
        konvensiHari: recent ? '30360' : 'act360',
        pembulatan: 'half_up',
        kolMaks: 2,
        wajibAngsuran: false,
        hanyaTahunAnggaran: false,
        plafonMaks: 50_000_000,
        tenorMaks: 36,
        tolakPembiayaanGanda: true,
        tolakTanpaSk: false,
        penjaminId: insurerIds[(year - firstYear) % insurerIds.length] ?? null,
        premiBasis: 'sekali',
        premiTarifPersen: '1.5',
        premiTabel: [],
        porsiJaminanPersen: '70',
        toleransiRekonsiliasi: 1,
        maksPinjamanPerOrang: 1,
        paguIds: [subsidiPagu, premiPagu],
      });
      schemes++;
    }

    const ref = listReference(db);
    const sektorByName = new Map(ref.sektor.map((s) => [s.nama, s.id]));
    const usedNik = new Set<string>();
    for (let i = 0; i < debtorCount; i++) {
      const kecIndex = rnd.int(0, ref.kecamatan.length - 1);
      const kec = ref.kecamatan[kecIndex]!;
      const female = rnd.chance(0.45);
      const birth = { y: rnd.int(referenceYear - 65, referenceYear - 20), m: rnd.int(1, 12), d: rnd.int(1, 28) };
      let nik: string;
      do {
        nik = `1603${String(kecIndex + 1).padStart(2, '0')}${String(birth.d + (female ? 40 : 0)).padStart(2, '0')}${String(birth.m).padStart(2, '0')}${String(birth.y % 100).padStart(2, '0')}${String(rnd.int(1, 9999)).padStart(4, '0')}`;
      } while (usedNik.has(nik));
      usedNik.add(nik);
      const given = female ? rnd.pick(FEMALE_NAMES) : rnd.pick(MALE_NAMES);
      const nama = `${given} ${rnd.pick(FAMILY_NAMES)}`;
      const [kind, sektor] = rnd.pick(BUSINESS_KINDS);
      const koperasi = rnd.chance(0.03);
      insertDebtor(db, {
        nik,
        nama,
        jenisKelamin: female ? 'P' : 'L',
        tanggalLahir: `${birth.y}-${String(birth.m).padStart(2, '0')}-${String(birth.d).padStart(2, '0')}`,
        namaUsaha: koperasi ? `Koperasi ${rnd.pick(VILLAGE_NAMES)} Sejahtera` : `${kind} ${given}`,
        sektorId: sektorByName.get(sektor) ?? null,
        skala: koperasi ? 'koperasi' : rnd.chance(0.8) ? 'mikro' : rnd.chance(0.8) ? 'kecil' : 'menengah',
        alamat: `Jl. ${rnd.pick(VILLAGE_NAMES)} No. ${rnd.int(1, 150)}`,
        kecamatanId: kec.id,
        desa: `${rnd.pick(VILLAGE_PREFIXES)} ${rnd.pick(VILLAGE_NAMES)}`,
        telepon: rnd.chance(0.85) ? phone(rnd) : null,
        npwp: rnd.chance(0.3) ? nik : null,
        nib: rnd.chance(0.4) ? String(rnd.int(1, 9)) + String(rnd.int(0, 999_999)).padStart(6, '0') + String(rnd.int(0, 999_999)).padStart(6, '0') : null,
      });
    }
    const loans =
      loanCount > 0 ? seedDemoLoans(db, { loans: loanCount, months, today: opts.today, seed: (opts.seed ?? 20251027) + 1, ...(opts.user ? { user: opts.user } : {}) }).pinjaman : 0;
    // The Bupati's recipient decrees naming the demo loans' debtors, all but every 97th loan.
    if (loans > 0) insertDemoDecrees(db, { leaveOut: 97, user: 'sistem' });
    // Business profiles and monitoring visits (own random stream: the figures above stay as they were).
    if (loans > 0) seedDemoMonitoring(db, { today: opts.today, seed: (opts.seed ?? 20251027) + 2 });
    const paid =
      opts.paidHistory && loans > 0 ? seedPaidHistory(db, { today: opts.today, unpaidMonths: opts.paidHistory.unpaidMonths, ...(opts.user ? { user: opts.user } : {}) }) : null;
    return {
      bank: BANKS.length,
      cabang,
      penjamin: INSURERS.length,
      skema: schemes,
      debitur: debtorCount,
      pinjaman: loans,
      ...(paid ? { tagihanDibayar: paid.tagihan, subsidiDibayar: paid.total } : {}),
    };
  })();
}

function phone(rnd: SeededRandom): string {
  return `08${rnd.pick(['12', '13', '21', '22', '52', '53', '77', '78', '95'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;
}

function insertPagu(db: Database, tahun: number, jenis: 'subsidi_bunga' | 'premi', kode: string, uraian: string, jumlah: number): number {
  return Number(db.prepare('INSERT INTO pagu (tahun, jenis, kode_rekening, uraian, jumlah) VALUES (?, ?, ?, ?, ?)').run(tahun, jenis, kode, uraian, jumlah).lastInsertRowid);
}
