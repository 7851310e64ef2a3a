import { describe, expect, it } from 'vitest';
import type { Insurer, InsurerSaveInput } from '../../electron/contract';
import { auditRows, call, callError, countRows, snapshot, useTempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-insurers-' });
const TABLES = ['penjamin', 'audit_log'];

const jamkrindo: InsurerSaveInput = {
  kode: 'JAMKRINDO',
  nama: 'Perum Jamkrindo',
  jenis: 'penjaminan',
  alamat: 'Palembang',
  picNama: 'Dewi Lestari',
  telepon: '(0711) 123456',
  email: 'palembang@jamkrindo.co.id',
};

const asInput = (i: Insurer): InsurerSaveInput => ({
  id: i.id,
  kode: i.kode,
  nama: i.nama,
  jenis: i.jenis,
  alamat: i.alamat,
  picNama: i.picNama,
  telepon: i.telepon,
  email: i.email,
});

describe('insurers', () => {
  it('creates an insurer, with "asuransi" as the default kind, and audits it', async () => {
    const j = await call(rt(), 'insurers.save', jamkrindo);
    expect(j).toMatchObject({ ...jamkrindo, aktif: true });
    const a = await call(rt(), 'insurers.save', { kode: 'ASKRINDO', nama: 'PT Askrindo', email: '' });
    expect(a).toMatchObject({ jenis: 'asuransi', email: null, telepon: null, alamat: null });

    const audit = auditRows(rt().db, 'penjamin');
    expect(audit.map((x) => [x.aksi, x.entitasId, x.sebelum])).toEqual([
      ['buat', j.id, null],
      ['buat', a.id, null],
    ]);
    expect(audit[0]!.sesudah).toEqual(j);
  });

  it('lists by name and searches code or name', async () => {
    await call(rt(), 'insurers.save', jamkrindo);
    await call(rt(), 'insurers.save', { kode: 'ASKRINDO', nama: 'PT Asuransi Kredit Indonesia (Askrindo)' });
    await call(rt(), 'insurers.save', { kode: 'JAMKRIDA', nama: 'PT Jamkrida Sumatera Selatan', jenis: 'penjaminan' });

    expect((await call(rt(), 'insurers.list', {})).map((i) => i.kode)).toEqual(['JAMKRINDO', 'ASKRINDO', 'JAMKRIDA']);
    expect((await call(rt(), 'insurers.list', { search: 'jamkr' })).map((i) => i.kode).sort()).toEqual(['JAMKRIDA', 'JAMKRINDO']);
    expect((await call(rt(), 'insurers.list', { search: 'Sumatera' })).map((i) => i.kode)).toEqual(['JAMKRIDA']);
  });

  it('updates an insurer and audits before and after', async () => {
    const created = await call(rt(), 'insurers.save', jamkrindo);
    const updated = await call(rt(), 'insurers.save', { ...asInput(created), nama: 'Perum Jaminan Kredit Indonesia', telepon: null });
    expect(updated).toMatchObject({ id: created.id, nama: 'Perum Jaminan Kredit Indonesia', telepon: null });
    expect(countRows(rt().db, 'penjamin')).toBe(1);
    const last = auditRows(rt().db, 'penjamin').at(-1)!;
    expect(last).toMatchObject({ aksi: 'ubah', entitasId: created.id });
    expect(last.sebelum).toEqual(created);
    expect(last.sesudah).toEqual(updated);
  });

  it('refuses a code already used by another insurer (any case), naming it, and writes nothing', async () => {
    await call(rt(), 'insurers.save', jamkrindo);
    const other = await call(rt(), 'insurers.save', { kode: 'ASKRINDO', nama: 'PT Askrindo' });
    const before = snapshot(rt().db, TABLES);

    const created = await callError(rt(), 'insurers.save', { kode: 'jamkrindo', nama: 'Jamkrindo Cabang' });
    expect(created.code).toBe('CONFLICT');
    expect(created.message).toContain('Perum Jamkrindo');
    expect(created.fields).toHaveProperty('kode');

    const renamed = await callError(rt(), 'insurers.save', { ...asInput(other), kode: 'JAMKRINDO' });
    expect(renamed.code).toBe('CONFLICT');
    expect(snapshot(rt().db, TABLES)).toBe(before);
  });

  it('refuses bad input with the field named, writing nothing', async () => {
    const before = snapshot(rt().db, TABLES);
    expect((await callError(rt(), 'insurers.save', { ...jamkrindo, email: 'bukan email' })).fields).toHaveProperty('email', 'Alamat email tidak valid');
    expect((await callError(rt(), 'insurers.save', { ...jamkrindo, jenis: 'bank' })).fields).toHaveProperty('jenis', 'Jenis penjamin tidak dikenal');
    expect((await callError(rt(), 'insurers.save', { ...jamkrindo, kode: '' })).fields).toHaveProperty('kode', 'Kode penjamin wajib diisi');
    expect((await callError(rt(), 'insurers.save', { ...jamkrindo, id: 77 })).code).toBe('NOT_FOUND');
    expect(snapshot(rt().db, TABLES)).toBe(before);
  });

  it('hides an inactive insurer unless includeInactive, and audits the change', async () => {
    const j = await call(rt(), 'insurers.save', jamkrindo);
    await call(rt(), 'insurers.save', { kode: 'ASKRINDO', nama: 'PT Askrindo' });
    expect((await call(rt(), 'insurers.setActive', { id: j.id, aktif: false })).aktif).toBe(false);

    expect((await call(rt(), 'insurers.list', {})).map((i) => i.kode)).toEqual(['ASKRINDO']);
    expect((await call(rt(), 'insurers.list', { includeInactive: true })).map((i) => [i.kode, i.aktif])).toEqual([
      ['ASKRINDO', true],
      ['JAMKRINDO', false],
    ]);
    const last = auditRows(rt().db, 'penjamin').at(-1)!;
    expect(last).toMatchObject({ aksi: 'nonaktifkan', entitasId: j.id, sebelum: { aktif: true }, sesudah: { aktif: false } });
    expect((await callError(rt(), 'insurers.setActive', { id: 999, aktif: false })).code).toBe('NOT_FOUND');
  });
});
