import { describe, expect, it } from 'vitest';
import { NIK } from '../helpers/nik';
import { attempt, call, useTempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-search-' });

describe('search boxes match what the clerk typed literally', () => {
  it('treats % and _ as characters, not wildcards', async () => {
    await call(rt(), 'debtors.save', { nik: NIK.man.nik, nama: 'Budi_Santoso', skala: 'mikro' });
    await call(rt(), 'debtors.save', { nik: NIK.woman.nik, nama: 'BudiXSantoso', skala: 'mikro' });
    const underscore = await call(rt(), 'debtors.list', { search: 'Budi_S' });
    expect(underscore.rows.map((d) => d.nama)).toEqual(['Budi_Santoso']);
    expect((await call(rt(), 'debtors.list', { search: '%' })).total).toBe(0);
    await call(rt(), 'banks.save', { kode: 'B1', nama: 'Bank 100% Rakyat' });
    await call(rt(), 'banks.save', { kode: 'B2', nama: 'Bank 1000 Pulau' });
    expect((await call(rt(), 'banks.list', { search: '100%' })).map((b) => b.nama)).toEqual(['Bank 100% Rakyat']);
  });
});

describe('deactivated reference data', () => {
  it('cannot be chosen for a new debtor but stays on a debtor who already has it', async () => {
    const ref = await call(rt(), 'reference.list', {});
    const kec = ref.kecamatan.find((k) => k.nama === 'Lubai')!;
    const debtor = await call(rt(), 'debtors.save', { nik: NIK.man.nik, nama: 'Agus', skala: 'mikro', kecamatanId: kec.id });
    await call(rt(), 'reference.save', { kind: 'kecamatan', id: kec.id, nama: kec.nama, aktif: false });

    const refused = await attempt(rt(), 'debtors.save', { nik: NIK.woman.nik, nama: 'Sari', skala: 'mikro', kecamatanId: kec.id });
    expect(!refused.ok && refused.error.fields?.kecamatanId).toContain('dinonaktifkan');

    const kept = await attempt(rt(), 'debtors.save', { id: debtor.id, nik: NIK.man.nik, nama: 'Agus Salim', skala: 'mikro', kecamatanId: kec.id });
    expect(kept.ok && kept.value.nama).toBe('Agus Salim');
  });
});
