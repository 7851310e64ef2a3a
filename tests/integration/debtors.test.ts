import { describe, expect, it } from 'vitest';
import type { Debtor, DebtorSaveInput } from '../../electron/contract';
import { INDONESIAN, auditRows, call, callError, countRows, snapshot, useTempRuntime, type TempRuntime } from '../helpers/runtime';
import { NIK, makeNik } from '../helpers/nik';

const rt = useTempRuntime({ prefix: 'gs-debtors-' });
const TABLES = ['debitur', 'audit_log'];

async function kecamatanId(r: TempRuntime, nama: string): Promise<number> {
  const ref = await call(r, 'reference.list', {});
  const k = ref.kecamatan.find((x) => x.nama === nama);
  if (!k) throw new Error(`kecamatan ${nama} tidak ada`);
  return k.id;
}

async function sektorId(r: TempRuntime, nama: string): Promise<number> {
  const ref = await call(r, 'reference.list', {});
  const s = ref.sektor.find((x) => x.nama === nama);
  if (!s) throw new Error(`sektor ${nama} tidak ada`);
  return s.id;
}

const budi: DebtorSaveInput = {
  nik: NIK.man.nik,
  nama: 'Budi Santoso',
  namaUsaha: 'Warung Kopi Pak Budi',
  skala: 'mikro',
  alamat: 'Jl. Merdeka No. 12',
  desa: 'Pasar II',
  telepon: '0812-7777-1234',
};

const siti: DebtorSaveInput = {
  nik: NIK.woman.nik,
  nama: 'Siti Aminah',
  namaUsaha: 'Kerupuk Kemplang Bu Siti',
  skala: 'kecil',
};

const asInput = (d: Debtor): DebtorSaveInput => ({
  id: d.id,
  nik: d.nik,
  nama: d.nama,
  namaUsaha: d.namaUsaha,
  sektorId: d.sektorId,
  skala: d.skala,
  alamat: d.alamat,
  kecamatanId: d.kecamatanId,
  desa: d.desa,
  telepon: d.telepon,
  npwp: d.npwp,
  nib: d.nib,
});

const nothingWritten = (before: string) => expect(snapshot(rt().db, TABLES)).toBe(before);

describe('debtors.save: create', () => {
  it('derives gender and birth date from the NIK, joins kecamatan and sector names, and audits', async () => {
    const kec = await kecamatanId(rt(), 'Muara Enim');
    const sek = await sektorId(rt(), 'Kuliner');
    const d = await call(rt(), 'debtors.save', { ...budi, kecamatanId: kec, sektorId: sek });
    expect(d).toMatchObject({
      nik: NIK.man.nik,
      nama: 'Budi Santoso',
      jenisKelamin: 'L',
      tanggalLahir: '1985-07-17',
      kecamatanId: kec,
      kecamatanNama: 'Muara Enim',
      sektorId: sek,
      sektorNama: 'Kuliner',
      npwp: null,
      nib: null,
      aktif: true,
    });
    const w = await call(rt(), 'debtors.save', siti);
    expect(w).toMatchObject({ jenisKelamin: 'P', tanggalLahir: '1990-02-12', kecamatanId: null, kecamatanNama: null, sektorNama: null });

    expect(rt().db.prepare('SELECT nik, jenis_kelamin, tanggal_lahir FROM debitur ORDER BY id').all()).toEqual([
      { nik: NIK.man.nik, jenis_kelamin: 'L', tanggal_lahir: '1985-07-17' },
      { nik: NIK.woman.nik, jenis_kelamin: 'P', tanggal_lahir: '1990-02-12' },
    ]);
    const audit = auditRows(rt().db, 'debitur');
    expect(audit.map((a) => [a.aksi, a.entitasId, a.sebelum])).toEqual([
      ['buat', d.id, null],
      ['buat', w.id, null],
    ]);
    expect(audit[0]!.sesudah).toEqual(d);
  });

  it('stores a NIK typed with spaces and dots as 16 digits', async () => {
    const d = await call(rt(), 'debtors.save', { ...budi, nik: ' 16.03.01 170785 0001 ' });
    expect(d.nik).toBe('1603011707850001');
  });

  it('refuses an invalid NIK with an Indonesian VALIDATION error on field nik, writing nothing', async () => {
    await call(rt(), 'debtors.save', siti);
    const before = snapshot(rt().db, TABLES);
    const counts = [countRows(rt().db, 'debitur'), countRows(rt().db, 'audit_log')];

    for (const nik of ['9903011707850001', '1603013102850001', '160301170785001', '16030117078500AB', '1603011707850000', makeNik({ day: 24, month: 11, yy: 26 })]) {
      const err = await callError(rt(), 'debtors.save', { ...budi, nik });
      expect(err.code, nik).toBe('VALIDATION');
      expect(err.message, nik).toMatch(/NIK/);
      expect(err.message, nik).toMatch(INDONESIAN);
      expect(err.fields?.nik, nik).toBe(err.message);
    }
    expect([countRows(rt().db, 'debitur'), countRows(rt().db, 'audit_log')]).toEqual(counts);
    nothingWritten(before);
  });

  it('refuses an empty NIK before the service runs, naming the field', async () => {
    const err = await callError(rt(), 'debtors.save', { ...budi, nik: '   ' });
    expect(err).toMatchObject({ code: 'VALIDATION', fields: { nik: 'NIK wajib diisi' } });
    expect(countRows(rt().db, 'debitur')).toBe(0);
  });

  it('refuses a NIK already registered (in any spelling) with CONFLICT naming the debtor, writing nothing', async () => {
    const first = await call(rt(), 'debtors.save', budi);
    const before = snapshot(rt().db, TABLES);

    const err = await callError(rt(), 'debtors.save', { ...siti, nik: '1603 0117 0785 0001' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('Budi Santoso');
    expect(err.message).toContain(NIK.man.nik);
    expect(err.message).toMatch(INDONESIAN);
    expect(err.fields?.nik).toContain('Budi Santoso');
    nothingWritten(before);
    expect((await call(rt(), 'debtors.get', { id: first.id })).nama).toBe('Budi Santoso');
  });

  it('stores an old formatted NPWP as 15 digits and a 16-digit NPWP as is; keeps a valid NIB', async () => {
    const d = await call(rt(), 'debtors.save', { ...budi, npwp: '01.234.567.8-901.000', nib: '9120 0012 34567' });
    expect(d.npwp).toBe('012345678901000');
    expect(d.nib).toBe('9120001234567');
    expect(rt().db.prepare('SELECT npwp, nib FROM debitur WHERE id = ?').get(d.id)).toEqual({ npwp: '012345678901000', nib: '9120001234567' });
    const w = await call(rt(), 'debtors.save', { ...siti, npwp: NIK.woman.nik, nib: '' });
    expect(w).toMatchObject({ npwp: NIK.woman.nik, nib: null });
  });

  it('refuses a bad NPWP or NIB with the field named, writing nothing', async () => {
    const before = snapshot(rt().db, TABLES);
    for (const npwp of ['01.234.567.8-901.00', '12345678901234567', '01.234.567.8-901.ABC', '00.000.000.0-000.000']) {
      const err = await callError(rt(), 'debtors.save', { ...budi, npwp });
      expect(err.code, npwp).toBe('VALIDATION');
      expect(Object.keys(err.fields ?? {}), npwp).toEqual(['npwp']);
      expect(err.message, npwp).toMatch(/NPWP/);
    }
    for (const nib of ['123', '91200012345678', '912000123456X']) {
      const err = await callError(rt(), 'debtors.save', { ...budi, nib });
      expect(err, nib).toEqual({ code: 'VALIDATION', message: 'NIB harus 13 digit angka', fields: { nib: 'NIB harus 13 digit angka' } });
    }
    nothingWritten(before);
  });

  it('refuses an unknown kecamatan or sector with the field named, writing nothing', async () => {
    const before = snapshot(rt().db, TABLES);
    const kec = await callError(rt(), 'debtors.save', { ...budi, kecamatanId: 9999 });
    expect(kec).toEqual({ code: 'VALIDATION', message: 'Kecamatan tidak dikenal', fields: { kecamatanId: 'Kecamatan tidak dikenal' } });
    const sek = await callError(rt(), 'debtors.save', { ...budi, sektorId: 9999 });
    expect(sek.fields).toEqual({ sektorId: 'Sektor usaha tidak dikenal' });
    const typed = await callError(rt(), 'debtors.save', { ...budi, kecamatanId: 'Muara Enim' });
    expect(Object.keys(typed.fields ?? {})).toEqual(['kecamatanId']);
    const skala = await callError(rt(), 'debtors.save', { ...budi, skala: 'raksasa' });
    expect(skala.fields).toEqual({ skala: 'Skala usaha wajib dipilih' });
    nothingWritten(before);
  });
});

describe('debtors.save: update', () => {
  it('updates a debtor keeping its own NIK, and audits before and after', async () => {
    const d = await call(rt(), 'debtors.save', budi);
    const updated = await call(rt(), 'debtors.save', { ...asInput(d), nama: 'Budi Santoso Harahap', telepon: null });
    expect(updated).toMatchObject({ id: d.id, nik: d.nik, nama: 'Budi Santoso Harahap', telepon: null, jenisKelamin: 'L' });
    expect(countRows(rt().db, 'debitur')).toBe(1);
    const last = auditRows(rt().db, 'debitur').at(-1)!;
    expect(last).toMatchObject({ aksi: 'ubah', entitasId: d.id });
    expect(last.sebelum).toEqual(d);
    expect(last.sesudah).toEqual(updated);
  });

  it('re-derives gender and birth date when the NIK is corrected', async () => {
    const d = await call(rt(), 'debtors.save', budi);
    const corrected = await call(rt(), 'debtors.save', { ...asInput(d), nik: makeNik({ day: 17, month: 7, yy: 85, female: true }) });
    expect(corrected).toMatchObject({ nik: '1603015707850001', jenisKelamin: 'P', tanggalLahir: '1985-07-17' });
  });

  it("refuses changing a NIK to another debtor's NIK, writing nothing", async () => {
    await call(rt(), 'debtors.save', budi);
    const w = await call(rt(), 'debtors.save', siti);
    const before = snapshot(rt().db, TABLES);
    const err = await callError(rt(), 'debtors.save', { ...asInput(w), nik: NIK.man.nik });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('Budi Santoso');
    nothingWritten(before);
  });

  it('refuses an unknown id with NOT_FOUND, writing nothing', async () => {
    const before = snapshot(rt().db, TABLES);
    expect(await callError(rt(), 'debtors.save', { ...budi, id: 4242 })).toEqual({ code: 'NOT_FOUND', message: 'Debitur tidak ditemukan' });
    expect((await callError(rt(), 'debtors.get', { id: 4242 })).code).toBe('NOT_FOUND');
    nothingWritten(before);
  });
});

describe('debtors.list', () => {
  /** Seven debtors over two kecamatan, names chosen to sort predictably. */
  async function seed() {
    const muaraEnim = await kecamatanId(rt(), 'Muara Enim');
    const lubai = await kecamatanId(rt(), 'Lubai');
    const people: [string, string | null, number, number][] = [
      ['Ahmad Fauzi', 'Bengkel Las Fauzi', muaraEnim, 1],
      ['Budi Santoso', 'Warung Kopi Pak Budi', muaraEnim, 2],
      ['Citra Dewi', 'Salon Citra', lubai, 3],
      ['Dedi Kurniawan', 'Kopi Bubuk Semende', lubai, 4],
      ['Eka Putri', null, muaraEnim, 5],
      ['Fajar Nugroho', 'Toko Kelontong Fajar', lubai, 6],
      ['Gita Ramadhani', 'Kue Basah Gita', muaraEnim, 7],
    ];
    const saved: Debtor[] = [];
    for (const [nama, namaUsaha, kec, i] of people) {
      const female = ['Citra Dewi', 'Eka Putri', 'Gita Ramadhani'].includes(nama);
      const nik = makeNik({ kecamatan: kec === lubai ? '07' : '10', day: i, month: i, yy: 80 + i, female, serial: i });
      saved.push(await call(rt(), 'debtors.save', { nik, nama, namaUsaha, skala: 'mikro', kecamatanId: kec }));
    }
    return { saved, muaraEnim, lubai };
  }

  it('pages by name with the total, without overlap', async () => {
    const { saved } = await seed();
    const p1 = await call(rt(), 'debtors.list', { page: 1, pageSize: 3 });
    const p2 = await call(rt(), 'debtors.list', { page: 2, pageSize: 3 });
    const p3 = await call(rt(), 'debtors.list', { page: 3, pageSize: 3 });
    const p4 = await call(rt(), 'debtors.list', { page: 4, pageSize: 3 });
    expect([p1, p2, p3, p4].map((p) => [p.total, p.page, p.pageSize, p.rows.length])).toEqual([
      [7, 1, 3, 3],
      [7, 2, 3, 3],
      [7, 3, 3, 1],
      [7, 4, 3, 0],
    ]);
    const names = [...p1.rows, ...p2.rows, ...p3.rows].map((d) => d.nama);
    expect(names).toEqual(saved.map((d) => d.nama));
    const all = await call(rt(), 'debtors.list', {});
    expect([all.page, all.pageSize, all.total, all.rows.length]).toEqual([1, 50, 7, 7]);
  });

  it('refuses page 0 and a page size over 500', async () => {
    expect((await callError(rt(), 'debtors.list', { page: 0 })).fields).toHaveProperty('page');
    expect((await callError(rt(), 'debtors.list', { pageSize: 501 })).fields).toHaveProperty('pageSize');
  });

  it('searches digits as a NIK prefix', async () => {
    const { saved } = await seed();
    const lubaiNik = await call(rt(), 'debtors.list', { search: '160307' });
    expect(lubaiNik.total).toBe(3);
    expect(lubaiNik.rows.map((d) => d.nama)).toEqual(['Citra Dewi', 'Dedi Kurniawan', 'Fajar Nugroho']);
    const one = await call(rt(), 'debtors.list', { search: saved[3]!.nik });
    expect(one.rows.map((d) => d.id)).toEqual([saved[3]!.id]);
    // A NIK prefix only: digits from the middle of a NIK match nothing.
    expect((await call(rt(), 'debtors.list', { search: saved[3]!.nik.slice(2) })).total).toBe(0);
    expect((await call(rt(), 'debtors.list', { search: '1603' })).total).toBe(7);
  });

  it('searches text in the name or the business name, case-insensitively', async () => {
    await seed();
    expect((await call(rt(), 'debtors.list', { search: 'budi' })).rows.map((d) => d.nama)).toEqual(['Budi Santoso']);
    expect((await call(rt(), 'debtors.list', { search: 'KOPI' })).rows.map((d) => d.nama)).toEqual(['Budi Santoso', 'Dedi Kurniawan']);
    expect((await call(rt(), 'debtors.list', { search: 'an' })).rows.map((d) => d.nama)).toEqual(['Budi Santoso', 'Dedi Kurniawan', 'Gita Ramadhani']);
    expect((await call(rt(), 'debtors.list', { search: 'Palembang' })).total).toBe(0);
  });

  it('filters by kecamatan, combined with search and paging', async () => {
    const { lubai, muaraEnim } = await seed();
    const l = await call(rt(), 'debtors.list', { kecamatanId: lubai });
    expect(l.total).toBe(3);
    expect(l.rows.every((d) => d.kecamatanId === lubai && d.kecamatanNama === 'Lubai')).toBe(true);
    expect((await call(rt(), 'debtors.list', { kecamatanId: muaraEnim, search: 'kopi' })).rows.map((d) => d.nama)).toEqual(['Budi Santoso']);
    const paged = await call(rt(), 'debtors.list', { kecamatanId: muaraEnim, page: 2, pageSize: 3 });
    expect([paged.total, paged.rows.map((d) => d.nama)]).toEqual([4, ['Gita Ramadhani']]);
  });

  it('hides inactive debtors unless includeInactive, and audits the change', async () => {
    const { saved } = await seed();
    const citra = saved[2]!;
    const off = await call(rt(), 'debtors.setActive', { id: citra.id, aktif: false });
    expect(off.aktif).toBe(false);
    const list = await call(rt(), 'debtors.list', {});
    expect(list.total).toBe(6);
    expect(list.rows.map((d) => d.id)).not.toContain(citra.id);
    const withInactive = await call(rt(), 'debtors.list', { includeInactive: true });
    expect(withInactive.total).toBe(7);
    expect(withInactive.rows.find((d) => d.id === citra.id)?.aktif).toBe(false);
    // An inactive debtor still holds its NIK.
    expect((await callError(rt(), 'debtors.save', { nik: citra.nik, nama: 'Orang Lain', skala: 'mikro' })).code).toBe('CONFLICT');
    expect(auditRows(rt().db, 'debitur').at(-1)).toMatchObject({ aksi: 'nonaktifkan', entitasId: citra.id, sebelum: { aktif: true }, sesudah: { aktif: false } });
  });
});

describe('debtors.checkNik', () => {
  it('reports what a valid, unregistered NIK says', async () => {
    expect(await call(rt(), 'debtors.checkNik', { nik: NIK.woman.nik })).toEqual({
      valid: true,
      message: null,
      jenisKelamin: 'P',
      tanggalLahir: '1990-02-12',
      kodeWilayah: '16.03.02',
      existingDebtor: null,
    });
  });

  it('reports the debtor who already holds the NIK (in any spelling), unless it is the one being edited', async () => {
    const d = await call(rt(), 'debtors.save', budi);
    const taken = await call(rt(), 'debtors.checkNik', { nik: '1603.0117.0785.0001' });
    expect(taken).toMatchObject({ valid: false, jenisKelamin: 'L', tanggalLahir: '1985-07-17', existingDebtor: { id: d.id, nama: 'Budi Santoso' } });
    expect(taken.message).toContain('Budi Santoso');

    const own = await call(rt(), 'debtors.checkNik', { nik: NIK.man.nik, excludeId: d.id });
    expect(own).toMatchObject({ valid: true, message: null, existingDebtor: null, jenisKelamin: 'L' });
    const otherExcluded = await call(rt(), 'debtors.checkNik', { nik: NIK.man.nik, excludeId: d.id + 1 });
    expect(otherExcluded.existingDebtor).toEqual({ id: d.id, nama: 'Budi Santoso' });
  });

  it('reports an invalid NIK with its message and nothing derived', async () => {
    const r = await call(rt(), 'debtors.checkNik', { nik: '9903011707850001' });
    expect(r).toEqual({ valid: false, message: 'Kode provinsi 99 pada NIK tidak dikenal', jenisKelamin: null, tanggalLahir: null, kodeWilayah: null, existingDebtor: null });
    const future = await call(rt(), 'debtors.checkNik', { nik: makeNik({ day: 1, month: 12, yy: 26 }) });
    expect(future.valid).toBe(false);
    expect(future.message).toMatch(/masa depan/);
  });

  it("uses the runtime's today for the century and future checks", async () => {
    const nik = makeNik({ day: 1, month: 1, yy: 20 });
    expect((await call(rt(), 'debtors.checkNik', { nik })).tanggalLahir).toBe('2020-01-01');
  });
});
