import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../electron/runtime';
import { invoke } from '../../electron/services/dispatch';
import type { SchemeSaveInput } from '../../electron/contract';

let rt: Runtime;
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-scheme-'));
  rt = createRuntime({ databasePath: path.join(dir, 'db.sqlite'), user: 'uji', today: () => '2026-11-23' });
});
afterEach(() => {
  rt.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const base: SchemeSaveInput = {
  kode: 'KURDA-SDA',
  nama: 'Preset Sidoarjo KURDA',
  berlakuDari: '2025-01-01',
  bungaBankPersen: '11',
  bungaDebiturPersen: '3',
  metodeBunga: 'efektif',
  plafonMaks: 250_000_000,
};

describe('schemes', () => {
  it('saves a scheme with defaults and exact rate strings (comma accepted)', async () => {
    const r = await invoke(rt.handlers, 'schemes.save', { ...base, bungaBankPersen: '11,5' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      kode: 'KURDA-SDA',
      bungaBankPersen: '11.5',
      bungaDebiturPersen: '3',
      jenisSubsidi: 'selisih',
      konvensiHari: 'act360',
      pembulatan: 'half_up',
      kolMaks: 2,
      tolakPembiayaanGanda: true,
      plafonMaks: 250_000_000,
      premiTabel: [],
      aktif: true,
    });
    const stored = rt.db.prepare('SELECT bunga_bank_persen, typeof(bunga_bank_persen) AS t FROM skema').get();
    expect(stored).toEqual({ bunga_bank_persen: '11.5', t: 'text' });
  });

  it('refuses rules that make no sense, with the field named', async () => {
    const cases: [Partial<SchemeSaveInput>, string][] = [
      [{ bungaDebiturPersen: '12' }, 'bungaDebiturPersen'],
      [{ bungaBankPersen: '11%' }, 'bungaBankPersen'],
      [{ berlakuSampai: '2024-12-31' }, 'berlakuSampai'],
      [{ jenisSubsidi: 'persentase' }, 'porsiSubsidiPersen'],
      [{ premiBasis: 'tabel' }, 'premiTabel'],
    ];
    for (const [change, field] of cases) {
      const r = await invoke(rt.handlers, 'schemes.save', { ...base, ...change });
      expect(r.ok, JSON.stringify(change)).toBe(false);
      if (!r.ok) expect(Object.keys(r.error.fields ?? {})).toContain(field);
    }
    expect(rt.db.prepare('SELECT count(*) AS n FROM skema').get()).toEqual({ n: 0 });
  });

  it('keeps a premium rate table by tenor band', async () => {
    const r = await invoke(rt.handlers, 'schemes.save', {
      ...base,
      premiBasis: 'tabel',
      premiTabel: [
        { tenorMin: 1, tenorMaks: 12, tarifPersen: '1' },
        { tenorMin: 13, tenorMaks: 36, tarifPersen: '1,75' },
      ],
    });
    expect(r.ok && r.value.premiTabel).toEqual([
      { tenorMin: 1, tenorMaks: 12, tarifPersen: '1' },
      { tenorMin: 13, tenorMaks: 36, tarifPersen: '1.75' },
    ]);
  });

  it('refuses a duplicate code naming the other scheme', async () => {
    await invoke(rt.handlers, 'schemes.save', base);
    const r = await invoke(rt.handlers, 'schemes.save', { ...base, nama: 'Lain' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('Preset Sidoarjo KURDA');
  });

  it('locks the money rules of a scheme once a loan runs under it, but lets the name change', async () => {
    const saved = await invoke(rt.handlers, 'schemes.save', base);
    if (!saved.ok) throw new Error(saved.error.message);
    const schemeId = saved.value.id;
    const db = rt.db;
    const bankId = Number(db.prepare("INSERT INTO bank (kode, nama) VALUES ('B', 'Bank B')").run().lastInsertRowid);
    const debtorId = Number(
      db.prepare("INSERT INTO debitur (nik, nama, jenis_kelamin, tanggal_lahir, skala) VALUES ('1603101010800001', 'A', 'L', '1980-10-10', 'mikro')").run().lastInsertRowid,
    );
    db.prepare(
      `INSERT INTO pinjaman (debitur_id, bank_id, skema_id, nomor_rekening, nomor_akad, tanggal_akad, tanggal_pencairan, plafon, tenor_bulan,
         bunga_bank_persen, bunga_debitur_persen, status)
       VALUES (?, ?, ?, '001', 'AK-1', '2025-02-01', '2025-02-03', 10000000, 12, '11', '3', 'aktif')`,
    ).run(debtorId, bankId, schemeId);

    const rateChange = await invoke(rt.handlers, 'schemes.save', { ...base, id: schemeId, bungaBankPersen: '12' });
    expect(rateChange.ok).toBe(false);
    if (!rateChange.ok) {
      expect(rateChange.error.code).toBe('CONFLICT');
      expect(rateChange.error.fields).toHaveProperty('bungaBankPersen');
    }
    expect(db.prepare('SELECT bunga_bank_persen FROM skema').get()).toEqual({ bunga_bank_persen: '11' });

    const rename = await invoke(rt.handlers, 'schemes.save', { ...base, id: schemeId, nama: 'Nama baru' });
    expect(rename.ok && rename.value.nama).toBe('Nama baru');
  });

  it('deactivates without deleting and audits every change', async () => {
    const saved = await invoke(rt.handlers, 'schemes.save', base);
    if (!saved.ok) throw new Error(saved.error.message);
    await invoke(rt.handlers, 'schemes.setActive', { id: saved.value.id, aktif: false });
    const list = await invoke(rt.handlers, 'schemes.list', {});
    expect(list.ok && list.value).toEqual([]);
    const all = await invoke(rt.handlers, 'schemes.list', { includeInactive: true });
    expect(all.ok && all.value.length).toBe(1);
    expect(rt.db.prepare("SELECT aksi FROM audit_log WHERE entitas = 'skema' ORDER BY id").all()).toEqual([{ aksi: 'buat' }, { aksi: 'nonaktifkan' }]);
  });
});
