/**
 * The loans found by an account's loose key (digits, leading zeros aside: how '12300001' finds
 * '0012300001' after Excel dropped the zeros) through the account index instead of the key
 * function over every loan (database/repositories/imports.ts, loansWithLooseKeys): the same loans
 * as the key computed on every loan, for accounts of digits only (with and without zeros) and
 * accounts with dots, dashes and letters, in any bank.
 */
import { describe, expect, it } from 'vitest';
import { loansForImport, loansWithLooseKeys } from '../../database/repositories/imports';
import { looseKey } from '../../electron/services/imports/kinds/shared';
import { buildWorld } from '../fixtures/bank-files/world';
import { makeNik } from '../helpers/nik';
import { call, useTempRuntime, type TempRuntime } from '../helpers/runtime';

const rt = useTempRuntime({ prefix: 'gs-loose-keys-' });

async function addLoan(r: TempRuntime, bankId: number, rek: string, serial: number) {
  const skemaId = (r.db.prepare('SELECT id FROM skema LIMIT 1').get() as { id: number }).id;
  const debtor = await call(r, 'debtors.save', { nik: makeNik({ day: 5, month: 6, yy: 82, serial }), nama: `Debitur ${serial}`, skala: 'mikro' });
  await call(r, 'loans.save', {
    debiturId: debtor.id,
    bankId,
    skemaId,
    nomorRekening: rek,
    nomorAkad: `AK/L${serial}`,
    tanggalAkad: '2026-01-10',
    plafon: 12_000_000,
    tenorBulan: 24,
    tanggalAngsuranPertama: '2026-02-15',
  });
}

describe('loans by loose key', () => {
  it('finds what the key computed on every loan finds', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const more: [number, string][] = [
      [w.bsb, '0055001'],
      [w.bsb, '000055001'],
      [w.bsb, '55-001'],
      [w.bri, '55001'],
      [w.bri, 'AB55001'],
      [w.bri, '12.300.001'],
      [w.bsb, '000000000000000000000000000000123'],
      [w.bri, '0'],
      [w.bri, '1'],
    ];
    let serial = 700;
    for (const [bank, rek] of more) await addLoan(r, bank, rek, serial++);
    const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
    for (const keys of [['55001'], ['12300001', '7770000003'], ['123', '1', '999'], ['55001', '12300001', '123', '1', '12300009']]) {
      const found = loansWithLooseKeys(r.db, keys, looseKey).sort(byId);
      const expected = loansForImport(r.db)
        .filter((l) => keys.includes(looseKey(l.nomorRekening)))
        .sort(byId);
      expect(found).toEqual(expected);
    }
    // The sets above are not empty (else the comparison says little).
    expect(
      loansWithLooseKeys(r.db, ['55001'], looseKey)
        .map((l) => l.nomorRekening)
        .sort(),
    ).toEqual(['000055001', '0055001', '55-001', '55001', 'AB55001']);
    expect(loansWithLooseKeys(r.db, ['123'], looseKey).map((l) => l.nomorRekening)).toEqual(['000000000000000000000000000000123']);
  });
});
