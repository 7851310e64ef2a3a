import { describe, expect, it } from 'vitest';
import type { Bank, BankSaveInput } from '../../electron/contract';
import { attempt, auditRows, call, callError, countRows, snapshot, useTempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-banks-' });
const TABLES = ['bank', 'bank_cabang', 'audit_log'];

const bsb: BankSaveInput = {
  kode: 'BSB',
  nama: 'Bank Sumsel Babel',
  alamat: 'Jl. Jenderal Sudirman, Muara Enim',
  picNama: 'Andi Saputra',
  picJabatan: 'Petugas Penghubung',
  picTelepon: '0812 3456 7890',
  picEmail: 'andi@banksumselbabel.co.id',
  cabang: [
    { kode: 'BSB-ME', nama: 'Cabang Muara Enim' },
    { kode: 'BSB-TE', nama: 'Cabang Pembantu Tanjung Enim', alamat: 'Tanjung Enim' },
  ],
};

/** The input that saves `bank` again as it is (for edits). */
function asInput(bank: Bank): BankSaveInput {
  return {
    id: bank.id,
    kode: bank.kode,
    nama: bank.nama,
    jenis: bank.jenis,
    alamat: bank.alamat,
    picNama: bank.picNama,
    picJabatan: bank.picJabatan,
    picTelepon: bank.picTelepon,
    picEmail: bank.picEmail,
    cabang: bank.cabang.map((c) => ({ id: c.id, kode: c.kode, nama: c.nama, alamat: c.alamat, aktif: c.aktif })),
  };
}

describe('banks.save: create', () => {
  it('creates a bank with its branches, defaults filled and empty text stored as null', async () => {
    const bank = await call(rt(), 'banks.save', { ...bsb, kode: '  BSB ', alamat: '' });
    expect(bank).toMatchObject({
      kode: 'BSB',
      nama: 'Bank Sumsel Babel',
      jenis: 'umum',
      alamat: null,
      picNama: 'Andi Saputra',
      picTelepon: '0812 3456 7890',
      aktif: true,
    });
    expect(bank.id).toBeGreaterThan(0);
    expect(bank.cabang.map((c) => [c.kode, c.nama, c.alamat, c.aktif])).toEqual([
      ['BSB-ME', 'Cabang Muara Enim', null, true],
      ['BSB-TE', 'Cabang Pembantu Tanjung Enim', 'Tanjung Enim', true],
    ]);

    const stored = rt().db.prepare('SELECT bank_id, kode FROM bank_cabang ORDER BY kode').all();
    expect(stored).toEqual([
      { bank_id: bank.id, kode: 'BSB-ME' },
      { bank_id: bank.id, kode: 'BSB-TE' },
    ]);
    expect(rt().db.prepare('SELECT alamat FROM bank').get()).toEqual({ alamat: null });
    expect(await call(rt(), 'banks.get', { id: bank.id })).toEqual(bank);
  });

  it('writes one audit row "buat" with the created bank as after, in the same change', async () => {
    const bank = await call(rt(), 'banks.save', bsb);
    const audit = auditRows(rt().db);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ pengguna: 'uji', aksi: 'buat', entitas: 'bank', entitasId: bank.id, sebelum: null });
    expect(audit[0]!.sesudah).toEqual(bank);
  });

  it('refuses invalid contact details with the field named, writing nothing', async () => {
    const before = snapshot(rt().db, TABLES);
    const badEmail = await callError(rt(), 'banks.save', { ...bsb, picEmail: 'andi@' });
    expect(badEmail.code).toBe('VALIDATION');
    expect(badEmail.fields).toHaveProperty('picEmail', 'Alamat email tidak valid');
    const badPhone = await callError(rt(), 'banks.save', { ...bsb, picTelepon: 'telp. kantor' });
    expect(Object.keys(badPhone.fields ?? {})).toContain('picTelepon');
    const badKind = await callError(rt(), 'banks.save', { ...bsb, jenis: 'koperasi' });
    expect(badKind.fields).toHaveProperty('jenis', 'Jenis bank tidak dikenal');
    const noName = await callError(rt(), 'banks.save', { ...bsb, nama: '   ' });
    expect(noName.fields).toHaveProperty('nama', 'Nama bank wajib diisi');
    const noBranchCode = await callError(rt(), 'banks.save', { ...bsb, cabang: [{ kode: '', nama: 'Tanpa kode' }] });
    expect(noBranchCode.fields).toHaveProperty(['cabang.0.kode'], 'Kode cabang wajib diisi');
    expect(snapshot(rt().db, TABLES)).toBe(before);
  });
});

describe('banks.list', () => {
  it('lists active banks by name, each with its branches, and searches code and name case-insensitively', async () => {
    await call(rt(), 'banks.save', bsb);
    await call(rt(), 'banks.save', { kode: 'BRI', nama: 'Bank Rakyat Indonesia', cabang: [{ kode: 'BRI-GM', nama: 'Unit Gunung Megang' }] });
    await call(rt(), 'banks.save', { kode: 'BPRME', nama: 'BPR Muara Enim', jenis: 'bpr' });

    const all = await call(rt(), 'banks.list', {});
    expect(all.map((b) => b.nama)).toEqual(['Bank Rakyat Indonesia', 'Bank Sumsel Babel', 'BPR Muara Enim']);
    expect(all.map((b) => b.cabang.length)).toEqual([1, 2, 0]);
    expect(all[0]!.cabang[0]!.kode).toBe('BRI-GM');

    expect((await call(rt(), 'banks.list', { search: 'sumsel' })).map((b) => b.kode)).toEqual(['BSB']);
    expect((await call(rt(), 'banks.list', { search: 'bri' })).map((b) => b.kode)).toEqual(['BRI']);
    expect((await call(rt(), 'banks.list', { search: 'Muara' })).map((b) => b.kode)).toEqual(['BPRME']);
    expect(await call(rt(), 'banks.list', { search: 'Mandiri' })).toEqual([]);
  });

  it('accepts a call without input (the default query)', async () => {
    await call(rt(), 'banks.save', bsb);
    expect((await call(rt(), 'banks.list', undefined)).map((b) => b.kode)).toEqual(['BSB']);
  });
});

describe('banks.save: update', () => {
  it('updates fields and branches, and audits before and after', async () => {
    const created = await call(rt(), 'banks.save', bsb);
    const input = asInput(created);
    input.nama = 'PT Bank Pembangunan Daerah Sumatera Selatan dan Bangka Belitung';
    input.picNama = 'Rina Marlina';
    input.cabang![0]!.nama = 'Kantor Cabang Muara Enim';
    input.cabang!.push({ kode: 'BSB-GL', nama: 'Cabang Pembantu Gelumbang' });

    const updated = await call(rt(), 'banks.save', input);
    expect(updated.id).toBe(created.id);
    expect(updated.nama).toBe(input.nama);
    expect(updated.picNama).toBe('Rina Marlina');
    expect(updated.cabang.map((c) => [c.kode, c.nama, c.aktif])).toEqual([
      ['BSB-GL', 'Cabang Pembantu Gelumbang', true],
      ['BSB-ME', 'Kantor Cabang Muara Enim', true],
      ['BSB-TE', 'Cabang Pembantu Tanjung Enim', true],
    ]);
    // The existing branches keep their ids (loans point at them).
    expect(updated.cabang.find((c) => c.kode === 'BSB-ME')!.id).toBe(created.cabang[0]!.id);
    expect(countRows(rt().db, 'bank')).toBe(1);

    const audit = auditRows(rt().db, 'bank');
    expect(audit.map((a) => a.aksi)).toEqual(['buat', 'ubah']);
    expect(audit[1]!.entitasId).toBe(created.id);
    expect(audit[1]!.sebelum).toEqual(created);
    expect(audit[1]!.sesudah).toEqual(updated);
  });

  it('keeps its own code on update (even written in other case)', async () => {
    const created = await call(rt(), 'banks.save', bsb);
    const updated = await call(rt(), 'banks.save', { ...asInput(created), kode: 'bsb' });
    expect(updated.kode).toBe('bsb');
  });

  it('refuses an unknown id with NOT_FOUND, writing nothing', async () => {
    await call(rt(), 'banks.save', bsb);
    const before = snapshot(rt().db, TABLES);
    const err = await callError(rt(), 'banks.save', { ...bsb, kode: 'LAIN', id: 999 });
    expect(err).toEqual({ code: 'NOT_FOUND', message: 'Bank mitra tidak ditemukan' });
    expect((await callError(rt(), 'banks.get', { id: 999 })).code).toBe('NOT_FOUND');
    expect((await callError(rt(), 'banks.setActive', { id: 999, aktif: false })).code).toBe('NOT_FOUND');
    expect(snapshot(rt().db, TABLES)).toBe(before);
  });
});

describe('banks.save: duplicates', () => {
  it('refuses a bank code already used (any case), naming the other bank, and writes nothing', async () => {
    await call(rt(), 'banks.save', bsb);
    const before = snapshot(rt().db, TABLES);

    const err = await callError(rt(), 'banks.save', { kode: 'bsb', nama: 'Bank Sumatera Baru', cabang: [{ kode: 'X', nama: 'Cabang X' }] });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('Bank Sumsel Babel');
    expect(err.message).toContain('bsb');
    expect(err.fields).toHaveProperty('kode');
    expect(snapshot(rt().db, TABLES)).toBe(before);
  });

  it("refuses renaming a bank's code to another bank's code, leaving both unchanged", async () => {
    await call(rt(), 'banks.save', bsb);
    const bri = await call(rt(), 'banks.save', { kode: 'BRI', nama: 'Bank Rakyat Indonesia' });
    const before = snapshot(rt().db, TABLES);
    const err = await callError(rt(), 'banks.save', { ...asInput(bri), kode: 'BSB', nama: 'BRI baru' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('Bank Sumsel Babel');
    expect(snapshot(rt().db, TABLES)).toBe(before);
    expect((await call(rt(), 'banks.get', { id: bri.id })).nama).toBe('Bank Rakyat Indonesia');
  });

  it('refuses a branch code written twice in the input (any case), naming the field, and writes nothing', async () => {
    const before = snapshot(rt().db, TABLES);
    const err = await callError(rt(), 'banks.save', {
      ...bsb,
      cabang: [
        { kode: 'ME', nama: 'Cabang Muara Enim' },
        { kode: 'TE', nama: 'Tanjung Enim' },
        { kode: 'me', nama: 'Muara Enim lagi' },
      ],
    });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('me');
    expect(err.fields).toEqual({ 'cabang.2.kode': 'Kode cabang ganda' });
    expect(snapshot(rt().db, TABLES)).toBe(before);
  });

  it('allows the same branch code at two different banks', async () => {
    await call(rt(), 'banks.save', { kode: 'A', nama: 'Bank A', cabang: [{ kode: 'PUSAT', nama: 'Kantor Pusat' }] });
    const b = await call(rt(), 'banks.save', { kode: 'B', nama: 'Bank B', cabang: [{ kode: 'PUSAT', nama: 'Kantor Pusat' }] });
    expect(b.cabang.map((c) => c.kode)).toEqual(['PUSAT']);
    expect(countRows(rt().db, 'bank_cabang')).toBe(2);
  });
});

describe('banks.save: branches left out', () => {
  it('deactivates a branch removed from the list instead of deleting it', async () => {
    const created = await call(rt(), 'banks.save', bsb);
    const [me, te] = created.cabang;
    const input = asInput(created);
    input.cabang = input.cabang!.filter((c) => c.kode !== 'BSB-TE');

    const updated = await call(rt(), 'banks.save', input);
    expect(updated.cabang).toEqual([
      { ...me, aktif: true },
      { ...te, aktif: false },
    ]);
    expect(countRows(rt().db, 'bank_cabang')).toBe(2);
    expect(rt().db.prepare('SELECT aktif FROM bank_cabang WHERE id = ?').get(te!.id)).toEqual({ aktif: 0 });
  });

  it('reactivates a deactivated branch when it is sent back with its id', async () => {
    const created = await call(rt(), 'banks.save', bsb);
    const te = created.cabang[1]!;
    await call(rt(), 'banks.save', { ...asInput(created), cabang: [asInput(created).cabang![0]!] });
    const back = await call(rt(), 'banks.save', asInput(created));
    expect(back.cabang.find((c) => c.id === te.id)?.aktif).toBe(true);
    expect(countRows(rt().db, 'bank_cabang')).toBe(2);
  });

  it('does not touch the branches of another bank', async () => {
    const a = await call(rt(), 'banks.save', bsb);
    await call(rt(), 'banks.save', { kode: 'BRI', nama: 'Bank Rakyat Indonesia', cabang: [] });
    const again = await call(rt(), 'banks.get', { id: a.id });
    expect(again.cabang.every((c) => c.aktif)).toBe(true);
  });

  // Regression (fixed): a branch removed earlier (so deactivated, still in bank_cabang) and typed in again
  // as a new row hits UNIQUE (bank_id, kode) and comes back as INTERNAL "Terjadi kesalahan".
  // The clerk should get either the old branch back or a clear message naming the code.
  it('handles a removed branch code typed in again as a new branch without an internal error', async () => {
    const created = await call(rt(), 'banks.save', bsb);
    const me = asInput(created).cabang![0]!;
    await call(rt(), 'banks.save', { ...asInput(created), cabang: [me] });

    const r = await attempt(rt(), 'banks.save', { ...asInput(created), cabang: [me, { kode: 'BSB-TE', nama: 'Cabang Pembantu Tanjung Enim' }] });
    if (r.ok) {
      expect(r.value.cabang.filter((c) => c.kode === 'BSB-TE')).toEqual([expect.objectContaining({ aktif: true })]);
    } else {
      expect(['VALIDATION', 'CONFLICT']).toContain(r.error.code);
      expect(r.error.message).toContain('BSB-TE');
    }
  });

  // Regression (fixed): a branch id that belongs to another bank is silently ignored: the save reports
  // success but the branch the clerk sent is neither updated nor added.
  it('refuses a branch id that belongs to another bank instead of silently dropping it', async () => {
    const a = await call(rt(), 'banks.save', bsb);
    const foreign = a.cabang[0]!;
    const before = snapshot(rt().db, TABLES);
    const r = await attempt(rt(), 'banks.save', { kode: 'BRI', nama: 'Bank Rakyat Indonesia', cabang: [{ id: foreign.id, kode: 'BRI-ME', nama: 'Unit Muara Enim' }] });
    // The other bank's branch is untouched in every case.
    expect((await call(rt(), 'banks.get', { id: a.id })).cabang[0]).toEqual(foreign);
    expect(r.ok ? 'berhasil' : r.error.code).toMatch(/^(VALIDATION|NOT_FOUND)$/);
    expect(snapshot(rt().db, TABLES)).toBe(before);
  });
});

describe('banks.setActive', () => {
  it('hides an inactive bank from the default list but shows it with includeInactive, and audits', async () => {
    const a = await call(rt(), 'banks.save', bsb);
    await call(rt(), 'banks.save', { kode: 'BRI', nama: 'Bank Rakyat Indonesia' });

    const off = await call(rt(), 'banks.setActive', { id: a.id, aktif: false });
    expect(off.aktif).toBe(false);
    expect((await call(rt(), 'banks.list', {})).map((b) => b.kode)).toEqual(['BRI']);
    // Inactive banks come last, after the active ones.
    expect((await call(rt(), 'banks.list', { includeInactive: true })).map((b) => [b.kode, b.aktif])).toEqual([
      ['BRI', true],
      ['BSB', false],
    ]);
    expect(countRows(rt().db, 'bank')).toBe(2);

    const audit = auditRows(rt().db, 'bank').filter((x) => x.entitasId === a.id);
    expect(audit.map((x) => x.aksi)).toEqual(['buat', 'nonaktifkan']);
    expect(audit[1]!.sebelum).toMatchObject({ aktif: true });
    expect(audit[1]!.sesudah).toMatchObject({ aktif: false });

    const on = await call(rt(), 'banks.setActive', { id: a.id, aktif: true });
    expect(on.aktif).toBe(true);
    expect((await call(rt(), 'banks.list', {})).map((b) => b.kode)).toEqual(['BRI', 'BSB']);
    expect(auditRows(rt().db, 'bank').at(-1)).toMatchObject({ aksi: 'aktifkan', entitasId: a.id });
  });
});
