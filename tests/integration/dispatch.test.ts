import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../electron/contract';
import { dispatch } from '../../electron/services/dispatch';
import { ServiceError } from '../../electron/services/errors';
import type { Handlers } from '../../electron/services/index';
import { INDONESIAN, useTempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-dispatch-' });

const GENERIC = 'Terjadi kesalahan di aplikasi; data tidak diubah. Hubungi admin bila berulang.';

/** The real handler map with some channels replaced. */
function withHandlers(replace: Partial<Record<keyof Handlers, (input: unknown) => Promise<unknown>>>): Handlers {
  return { ...rt().handlers, ...replace } as Handlers;
}

describe('dispatch', () => {
  it('has a handler for every channel of the contract', () => {
    for (const ch of CHANNELS) expect(typeof rt().handlers[ch], ch).toBe('function');
  });

  it('answers an unknown channel with NOT_FOUND naming it', async () => {
    expect(await dispatch(rt().handlers, 'banks.delete', {})).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Perintah tidak dikenal: banks.delete' },
    });
    expect(await dispatch(rt().handlers, '', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('does not treat inherited object keys as channels', async () => {
    for (const ch of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(await dispatch(rt().handlers, ch, {}), ch).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('refuses wrong types with VALIDATION, an Indonesian message and the field named', async () => {
    const r = await dispatch(rt().handlers, 'banks.get', { id: 'satu' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toMatch(/^Isian belum benar: /);
    expect(r.error.message).toMatch(/tidak valid|diharapkan/);
    expect(r.error.message).not.toMatch(/\b(expected|invalid input|received)\b/i);
    expect(Object.keys(r.error.fields ?? {})).toEqual(['id']);

    const neg = await dispatch(rt().handlers, 'banks.get', { id: -3 });
    expect(neg).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { id: expect.stringMatching(INDONESIAN) as unknown } } });
  });

  it('names nested fields with their path, and reports each field once', async () => {
    const r = await dispatch(rt().handlers, 'banks.save', { kode: 'A', nama: 'Bank A', cabang: [{ kode: 'X', nama: 'X' }, { kode: 'Y' }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { 'cabang.1.nama': 'Nama cabang wajib diisi' } } });
    const many = await dispatch(rt().handlers, 'banks.save', { picEmail: 'x' });
    if (many.ok) throw new Error('seharusnya gagal');
    expect(Object.keys(many.error.fields ?? {}).sort()).toEqual(['kode', 'nama', 'picEmail']);
    expect(many.error.message).toBe(`Isian belum benar: ${Object.values(many.error.fields!)[0]}`);
  });

  it('refuses a missing input where one is required, with field "_"', async () => {
    const r = await dispatch(rt().handlers, 'banks.get', undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { _: expect.any(String) as unknown } } });
    const s = await dispatch(rt().handlers, 'banks.save', 'BSB');
    expect(s).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('fills defaults when the input is left out or null', async () => {
    expect(await dispatch(rt().handlers, 'banks.list', undefined)).toEqual({ ok: true, value: [] });
    expect(await dispatch(rt().handlers, 'banks.list', null)).toEqual({ ok: true, value: [] });
    expect(await dispatch(rt().handlers, 'debtors.list', null)).toEqual({ ok: true, value: { rows: [], total: 0, page: 1, pageSize: 50 } });
  });

  it('gives the handler the parsed input (trimmed, defaults) and never calls it on invalid input', async () => {
    const spy = vi.fn(async (input: unknown) => ({ echo: input }));
    const handlers = withHandlers({ 'insurers.save': spy });
    const ok = await dispatch(handlers, 'insurers.save', { kode: ' ASK ', nama: 'Askrindo', email: '', extra: 'dibuang' });
    expect(ok).toEqual({
      ok: true,
      value: { echo: { kode: 'ASK', nama: 'Askrindo', jenis: 'asuransi', alamat: null, picNama: null, telepon: null, email: null } },
    });
    expect(spy).toHaveBeenCalledTimes(1);
    await dispatch(handlers, 'insurers.save', { kode: '', nama: 'Askrindo' });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('passes on the four-eyes triggers’ own refusal, in Indonesian, when the database refuses what no service check caught', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const db = rt().db;
      db.prepare("INSERT INTO pengguna (id, username, nama, peran, password_hash) VALUES (5, 'rina', 'Rina', 'operator', 'x')").run();
      db.prepare("INSERT INTO bank (id, kode, nama) VALUES (1, 'BSB', 'Bank')").run();
      db.prepare("INSERT INTO tagihan (id, bank_id, periode_awal, periode_akhir, dibuat_oleh_id) VALUES (1, 1, '2026-10', '2026-10', 5)").run();
      const handlers = withHandlers({
        'banks.list': async () => db.prepare("UPDATE tagihan SET status = 'disetujui', disetujui_oleh_id = 5 WHERE id = 1").run(),
      });
      expect(await dispatch(handlers, 'banks.list', {})).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Prinsip empat mata: tagihan tidak dapat disetujui oleh yang memasukkannya. Tidak ada yang diubah.' },
      });
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });

  it('turns a plain Error into INTERNAL with a generic Indonesian message, hiding the details', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const handlers = withHandlers({
        'banks.list': async () => {
          throw new Error('SQLITE_CORRUPT: /home/admin/rahasia.sqlite');
        },
      });
      const r = await dispatch(handlers, 'banks.list', {});
      expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: GENERIC } });
      expect(JSON.stringify(r)).not.toContain('rahasia');
      expect(GENERIC).toMatch(INDONESIAN);
      // The details go to the log for the admin.
      expect(log).toHaveBeenCalled();
      expect(String(log.mock.calls[0]?.[0])).toContain('banks.list');
    } finally {
      log.mockRestore();
    }
  });

  it('turns a thrown non-Error value into INTERNAL too', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const handlers = withHandlers({
        'banks.list': () => Promise.reject(new TypeError('x is undefined')),
        'insurers.list': async () => {
          throw 'string dilempar';
        },
      });
      expect(await dispatch(handlers, 'banks.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: GENERIC } });
      expect(await dispatch(handlers, 'insurers.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: GENERIC } });
    } finally {
      log.mockRestore();
    }
  });

  it('passes a ServiceError through with its code, message and fields', async () => {
    const handlers = withHandlers({
      'banks.list': async () => {
        throw new ServiceError('FORBIDDEN', 'Anda tidak berhak melihat daftar bank', { search: 'Tidak boleh' });
      },
      'insurers.list': async () => {
        throw new ServiceError('CONFLICT', 'Sudah ada');
      },
    });
    expect(await dispatch(handlers, 'banks.list', {})).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Anda tidak berhak melihat daftar bank', fields: { search: 'Tidak boleh' } },
    });
    // No empty `fields` when the error has none.
    expect(await dispatch(handlers, 'insurers.list', {})).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Sudah ada' } });
  });
});
