import { describe, expect, it } from 'vitest';
import {
  BANK_CLAIM_LINE_KEYS,
  CLAIM_IMPORT_FIELDS,
  CLAIM_LINE_COLUMNS,
  IMPORT_KIND_SPECS,
  newClaimLineFrom,
  type BankClaimLineKey,
  type ImportField,
} from '../../../electron/contract';

describe('the claim line column map (one declaration for the row, the mapping, the insert and the import)', () => {
  it("gives the claim import one field per bank column but the row number, in the mapping screen's order", () => {
    expect(BANK_CLAIM_LINE_KEYS).toEqual([
      'nomorBaris',
      'periode',
      'nomorRekening',
      'nik',
      'nama',
      'outstanding',
      'bungaPersen',
      'hari',
      'kol',
      'plafon',
      'tanggalAkad',
      'diklaim',
    ]);
    expect(IMPORT_KIND_SPECS.tagihan.fields.map((f) => f.key)).toEqual([
      'nomorRekening',
      'periode',
      'nik',
      'nama',
      'outstanding',
      'bungaPersen',
      'hari',
      'kol',
      'diklaim',
      'plafon',
      'tanggalAkad',
    ]);
    expect(IMPORT_KIND_SPECS.tagihan.fields.find((f) => f.key === 'diklaim')).toEqual({ key: 'diklaim', label: 'Nilai diklaim', type: 'uang', required: true });
    // Column names are the table's (snake case), one per key.
    const columns = Object.values(CLAIM_LINE_COLUMNS).map((c) => c.column);
    expect(new Set(columns).size).toBe(columns.length);
  });

  it('turns a checked row into the line to insert: numbers for money, days and kol; text for the rest; empty optional cells null', () => {
    const line = newClaimLineFrom(7, { nomorRekening: '001-22', periode: '2025-04', nik: '', outstanding: 8_000_000, bungaPersen: '11.5', hari: 30, kol: 1, diklaim: 53_333 });
    expect(line).toEqual({
      nomorBaris: 7,
      nomorRekening: '001-22',
      periode: '2025-04',
      nik: null,
      nama: null,
      outstanding: 8_000_000,
      bungaPersen: '11.5',
      hari: 30,
      kol: 1,
      diklaim: 53_333,
      plafon: null,
      tanggalAkad: null,
    });
  });

  it('does not compile when a bank column has no import field (the check is the type; this test keeps it honest)', () => {
    type Fields = { readonly [K in Exclude<BankClaimLineKey, 'nomorBaris'>]: Omit<ImportField, 'key'> };
    const { plafon: _dropped, ...withoutPlafon } = CLAIM_IMPORT_FIELDS;
    // @ts-expect-error plafon is a bank column, so its field may not be left out
    const incomplete: Fields = withoutPlafon;
    expect(Object.keys(incomplete)).not.toContain('plafon');
  });
});
