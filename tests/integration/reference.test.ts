import { describe, expect, it } from 'vitest';
import { auditRows, call, callError, snapshot, useTempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-reference-' });
const TABLES = ['kecamatan', 'sektor', 'audit_log'];

const KECAMATAN = [
  'Semende Darat Laut',
  'Semende Darat Ulu',
  'Semende Darat Tengah',
  'Tanjung Agung',
  'Panang Enim',
  'Rambang',
  'Lubai',
  'Lubai Ulu',
  'Lawang Kidul',
  'Muara Enim',
  'Ujan Mas',
  'Gunung Megang',
  'Benakat',
  'Rambang Niru',
  'Empat Petulai Dangku',
  'Belimbing',
  'Lembak',
  'Sungai Rotan',
  'Gelumbang',
  'Muara Belida',
  'Kelekar',
  'Belida Darat',
];

describe('reference.list', () => {
  it('holds the 22 kecamatan of Muara Enim, active, sorted by name, without region codes yet', async () => {
    const ref = await call(rt(), 'reference.list', {});
    expect(ref.kecamatan).toHaveLength(22);
    expect(ref.kecamatan.map((k) => k.nama)).toEqual([...KECAMATAN].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    expect(ref.kecamatan.every((k) => k.aktif && k.kodeWilayah === null)).toBe(true);
    expect(new Set(ref.kecamatan.map((k) => k.id)).size).toBe(22);
  });

  it('holds the seeded business sectors', async () => {
    const ref = await call(rt(), 'reference.list', undefined);
    expect(ref.sektor.map((s) => s.nama)).toEqual([
      'Industri pengolahan',
      'Jasa',
      'Kerajinan',
      'Kuliner',
      'Perdagangan',
      'Perikanan',
      'Perkebunan',
      'Pertanian tanaman pangan',
      'Peternakan',
      'Transportasi',
    ]);
    expect(ref.sektor.every((s) => s.aktif)).toBe(true);
  });
});

describe('reference.save', () => {
  it('adds a kecamatan with its region code and returns the whole updated list', async () => {
    const ref = await call(rt(), 'reference.save', { kind: 'kecamatan', nama: ' Tanjung Enim ', kodeWilayah: '16.03.23' });
    expect(ref.kecamatan).toHaveLength(23);
    const added = ref.kecamatan.find((k) => k.nama === 'Tanjung Enim');
    expect(added).toMatchObject({ kodeWilayah: '16.03.23', aktif: true });
    expect(ref.sektor).toHaveLength(10);
    const audit = auditRows(rt().db, 'kecamatan');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ aksi: 'buat', entitasId: added!.id, sebelum: null, sesudah: { id: added!.id, nama: 'Tanjung Enim', kode_wilayah: '16.03.23', aktif: 1 } });
  });

  it('renames and deactivates a kecamatan; it stays listed (debtors point at it) but inactive', async () => {
    const { kecamatan } = await call(rt(), 'reference.list', {});
    const lubai = kecamatan.find((k) => k.nama === 'Lubai')!;

    const renamed = await call(rt(), 'reference.save', { kind: 'kecamatan', id: lubai.id, nama: 'Lubai Ilir', kodeWilayah: '16.03.07' });
    expect(renamed.kecamatan.find((k) => k.id === lubai.id)).toEqual({ id: lubai.id, nama: 'Lubai Ilir', kodeWilayah: '16.03.07', aktif: true });
    expect(renamed.kecamatan.some((k) => k.nama === 'Lubai')).toBe(false);

    const off = await call(rt(), 'reference.save', { kind: 'kecamatan', id: lubai.id, nama: 'Lubai Ilir', kodeWilayah: '16.03.07', aktif: false });
    expect(off.kecamatan).toHaveLength(22);
    expect(off.kecamatan.find((k) => k.id === lubai.id)?.aktif).toBe(false);

    const audit = auditRows(rt().db, 'kecamatan');
    expect(audit.map((a) => a.aksi)).toEqual(['ubah', 'ubah']);
    expect(audit[0]).toMatchObject({ entitasId: lubai.id, sebelum: { nama: 'Lubai', kode_wilayah: null }, sesudah: { nama: 'Lubai Ilir' } });
    expect(audit[1]).toMatchObject({ sebelum: { aktif: 1 }, sesudah: { aktif: 0 } });
  });

  it('adds, renames and deactivates a sector', async () => {
    const added = await call(rt(), 'reference.save', { kind: 'sektor', nama: 'Kopi' });
    const kopi = added.sektor.find((s) => s.nama === 'Kopi')!;
    expect(kopi.aktif).toBe(true);
    const renamed = await call(rt(), 'reference.save', { kind: 'sektor', id: kopi.id, nama: 'Pengolahan kopi', aktif: false });
    expect(renamed.sektor.find((s) => s.id === kopi.id)).toEqual({ id: kopi.id, nama: 'Pengolahan kopi', aktif: false });
    expect(renamed.kecamatan).toHaveLength(22);
    expect(auditRows(rt().db, 'sektor').map((a) => [a.aksi, a.entitasId])).toEqual([
      ['buat', kopi.id],
      ['ubah', kopi.id],
    ]);
  });

  it('keeps a name when only the case or the active flag changes on the same row', async () => {
    const { sektor } = await call(rt(), 'reference.list', {});
    const jasa = sektor.find((s) => s.nama === 'Jasa')!;
    const r = await call(rt(), 'reference.save', { kind: 'sektor', id: jasa.id, nama: 'JASA' });
    expect(r.sektor.find((s) => s.id === jasa.id)?.nama).toBe('JASA');
  });

  it('refuses a name already used in the same list (any case), writing nothing', async () => {
    const { kecamatan } = await call(rt(), 'reference.list', {});
    const before = snapshot(rt().db, TABLES);

    const dup = await callError(rt(), 'reference.save', { kind: 'kecamatan', nama: 'muara enim' });
    expect(dup.code).toBe('CONFLICT');
    expect(dup.message).toContain('muara enim');
    expect(dup.fields).toEqual({ nama: 'Nama sudah ada' });

    const lubai = kecamatan.find((k) => k.nama === 'Lubai')!;
    const rename = await callError(rt(), 'reference.save', { kind: 'kecamatan', id: lubai.id, nama: 'Lubai Ulu' });
    expect(rename.code).toBe('CONFLICT');

    expect((await callError(rt(), 'reference.save', { kind: 'sektor', nama: 'perdagangan' })).code).toBe('CONFLICT');
    expect(snapshot(rt().db, TABLES)).toBe(before);
  });

  it('allows the same name in the other list', async () => {
    const r = await call(rt(), 'reference.save', { kind: 'sektor', nama: 'Muara Enim' });
    expect(r.sektor.map((s) => s.nama)).toContain('Muara Enim');
  });

  it('validates the region code format 16.03.01', async () => {
    const before = snapshot(rt().db, TABLES);
    for (const kodeWilayah of ['1603', '16.03.1', '16-03-01', '16.03.01.2001', 'aa.bb.cc']) {
      const err = await callError(rt(), 'reference.save', { kind: 'kecamatan', nama: 'Baru', kodeWilayah });
      expect(err.code, kodeWilayah).toBe('VALIDATION');
      expect(Object.keys(err.fields ?? {}), kodeWilayah).toEqual(['kodeWilayah']);
    }
    expect((await callError(rt(), 'reference.save', { kind: 'kecamatan', nama: 'Baru', kodeWilayah: '16.03.x1' })).fields?.kodeWilayah).toBe(
      'Kode wilayah ditulis seperti 16.03.01',
    );
    expect(snapshot(rt().db, TABLES)).toBe(before);
    // Empty means no code.
    const ok = await call(rt(), 'reference.save', { kind: 'kecamatan', nama: 'Baru', kodeWilayah: '' });
    expect(ok.kecamatan.find((k) => k.nama === 'Baru')?.kodeWilayah).toBeNull();
  });

  it('refuses an unknown list, an empty name and an unknown id', async () => {
    const before = snapshot(rt().db, TABLES);
    expect((await callError(rt(), 'reference.save', { kind: 'desa', nama: 'Pasar II' })).fields).toHaveProperty('kind');
    expect((await callError(rt(), 'reference.save', { kind: 'sektor', nama: '  ' })).fields).toEqual({ nama: 'Nama wajib diisi' });
    expect(await callError(rt(), 'reference.save', { kind: 'kecamatan', id: 999, nama: 'Entah' })).toEqual({ code: 'NOT_FOUND', message: 'Kecamatan tidak ditemukan' });
    expect(snapshot(rt().db, TABLES)).toBe(before);
  });
});
