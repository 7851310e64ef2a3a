import type { Database } from 'better-sqlite3';
import type { DemoSummary } from '../../contract';
import { insertBank, saveBranches } from '../../../database/repositories/banks';
import { insertDebtor } from '../../../database/repositories/debtors';
import { insertInsurer } from '../../../database/repositories/insurers';
import { listReference } from '../../../database/repositories/reference';
import { insertScheme } from '../../../database/repositories/schemes';
import { SeededRandom } from './random';
import { BUSINESS_KINDS, FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, VILLAGE_NAMES, VILLAGE_PREFIXES } from './names';

const BANKS = [
  {
    kode: 'BSB', nama: 'Bank Sumsel Babel', jenis: 'umum' as const, alamat: 'Jl. Jenderal Sudirman, Muara Enim',
    cabang: [['BSB-ME', 'Cabang Muara Enim'], ['BSB-TE', 'Cabang Pembantu Tanjung Enim'], ['BSB-GL', 'Cabang Pembantu Gelumbang']],
  },
  {
    kode: 'BRI', nama: 'Bank Rakyat Indonesia', jenis: 'umum' as const, alamat: 'Jl. Jenderal Sudirman, Muara Enim',
    cabang: [['BRI-ME', 'Unit Muara Enim'], ['BRI-GM', 'Unit Gunung Megang'], ['BRI-LB', 'Unit Lubai'], ['BRI-SD', 'Unit Semende']],
  },
  {
    kode: 'BPRME', nama: 'BPR Muara Enim', jenis: 'bpr' as const, alamat: 'Muara Enim',
    cabang: [['BPR-PST', 'Kantor Pusat'], ['BPR-BLM', 'Kantor Kas Belimbing']],
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
  /** The year demo birth dates are counted back from (passed in to keep this deterministic). */
  referenceYear: number;
}

/**
 * Writes a realistic demo set in one transaction: partner banks with branches, insurers, a
 * scheme and debtors spread over the 22 kecamatan with valid NIKs. Same seed, same data.
 */
export function seedDemo(db: Database, opts: DemoOptions): DemoSummary {
  const rnd = new SeededRandom(opts.seed ?? 20251027);
  const debtorCount = opts.debtors ?? 300;

  return db.transaction((): DemoSummary => {
    let cabang = 0;
    for (const b of BANKS) {
      const id = insertBank(db, { kode: b.kode, nama: b.nama, jenis: b.jenis, alamat: b.alamat, picNama: `${rnd.pick(MALE_NAMES)} ${rnd.pick(FAMILY_NAMES)}`, picJabatan: 'Petugas Penghubung', picTelepon: phone(rnd), picEmail: null });
      saveBranches(db, id, b.cabang.map(([kode, nama]) => ({ kode, nama, alamat: null, aktif: true })));
      cabang += b.cabang.length;
    }
    const insurerIds = INSURERS.map((i) => insertInsurer(db, { ...i, picNama: null, telepon: null, email: null }));
    insertScheme(db, {
      kode: 'GS-2025',
      nama: 'Gerbang Serasan 2025 (subsidi selisih bunga)',
      berlakuDari: '2025-01-01',
      berlakuSampai: '2025-12-31',
      bungaBankPersen: '11',
      bungaDebiturPersen: '3',
      jenisSubsidi: 'selisih',
      porsiSubsidiPersen: null,
      metodeBunga: 'efektif',
      basisSubsidi: 'outstanding',
      konvensiHari: 'act360',
      pembulatan: 'half_up',
      kolMaks: 2,
      wajibAngsuran: false,
      hanyaTahunAnggaran: false,
      plafonMaks: 50_000_000,
      tenorMaks: 36,
      tolakPembiayaanGanda: true,
      penjaminId: insurerIds[0] ?? null,
      premiBasis: 'sekali',
      premiTarifPersen: '1.5',
      premiTabel: [],
      porsiJaminanPersen: '70',
      toleransiRekonsiliasi: 1,
      paguIds: [],
    });

    const ref = listReference(db);
    const sektorByName = new Map(ref.sektor.map((s) => [s.nama, s.id]));
    const usedNik = new Set<string>();
    for (let i = 0; i < debtorCount; i++) {
      const kecIndex = rnd.int(0, ref.kecamatan.length - 1);
      const kec = ref.kecamatan[kecIndex]!;
      const female = rnd.chance(0.45);
      const birth = { y: rnd.int(opts.referenceYear - 65, opts.referenceYear - 20), m: rnd.int(1, 12), d: rnd.int(1, 28) };
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
    return { bank: BANKS.length, cabang, penjamin: INSURERS.length, skema: 1, debitur: debtorCount };
  })();
}

function phone(rnd: SeededRandom): string {
  return `08${rnd.pick(['12', '13', '21', '22', '52', '53', '77', '78', '95'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;
}
