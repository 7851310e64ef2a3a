import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { call, useTempRuntime } from '../helpers/runtime';
import { plantClaim, writeClaimFile } from '../../electron/services/demo/claim-files';

const rt = useTempRuntime({ prefix: 'gs-claimfiles-' });

async function planted() {
  await call(rt(), 'app.loadDemo', {});
  const bank = (await call(rt(), 'banks.list', {}))[0]!;
  return { bank, set: plantClaim(rt().db, bank.id, '2026-10', { each: 2 }) };
}

describe('demo claim files', () => {
  it('plant exactly the differences they announce, from the expected run', async () => {
    const { bank, set } = await planted();
    const run = await call(rt(), 'subsidy.run', { bankId: bank.id, periodeAwal: '2026-10' });
    const expected = new Map(run.lines.filter((l) => l.layak).map((l) => [l.nomorRekening, l.rincian!.jumlah]));
    expect(set.planted.selisih_outstanding).toBe(2);
    expect(set.planted.selisih_konvensi_hari).toBe(2);
    expect(set.planted.rekening_tidak_dikenal).toBe(2);
    expect(set.planted.ganda).toBe(2);
    expect(set.planted.tidak_memenuhi_syarat).toBeGreaterThan(0);
    expect(set.tidakDiklaim).toHaveLength(2);
    for (const line of set.lines) {
      if (line.planted === 'cocok' || line.planted === 'ganda') expect(line.diklaim).toBe(expected.get(line.nomorRekening));
      if (line.planted.startsWith('selisih')) expect(Math.abs(line.diklaim - expected.get(line.nomorRekening)!)).toBeGreaterThan(1);
      if (line.planted === 'rekening_tidak_dikenal') expect(expected.has(line.nomorRekening)).toBe(false);
    }
    for (const missing of set.tidakDiklaim) expect(set.lines.some((l) => l.nomorRekening === missing.nomorRekening)).toBe(false);
    // Every eligible loan is either claimed once (plus the planted repeats) or left out on purpose.
    const claimedAccounts = new Set(set.lines.map((l) => l.nomorRekening));
    expect([...expected.keys()].every((a) => claimedAccounts.has(a) || set.tidakDiklaim.some((m) => m.nomorRekening === a))).toBe(true);
    expect(set.totalDiklaim).toBe(set.lines.reduce((s, l) => s + l.diklaim, 0));
  });

  it('plant a claim over several months from the run of those months', async () => {
    await call(rt(), 'app.loadDemo', {});
    const bank = (await call(rt(), 'banks.list', {}))[0]!;
    const set = plantClaim(rt().db, bank.id, '2026-08', { each: 2, periodeAkhir: '2026-10' });
    const run = await call(rt(), 'subsidy.run', { bankId: bank.id, periodeAwal: '2026-08', periodeAkhir: '2026-10' });
    const key = (account: string, periode: string) => `${account}|${periode}`;
    const expected = new Map(run.lines.filter((l) => l.layak && l.rincian!.jumlah > 0).map((l) => [key(l.nomorRekening, l.periode), l.rincian!.jumlah]));
    expect(set).toMatchObject({ periode: '2026-08', periodeAkhir: '2026-10' });
    expect(new Set(set.lines.map((l) => l.periode))).toEqual(new Set(['2026-08', '2026-09', '2026-10']));
    const cocok = set.lines.filter((l) => l.planted === 'cocok');
    for (const l of cocok) expect(l.diklaim).toBe(expected.get(key(l.nomorRekening, l.periode)));
    // Each loan-month once, besides the planted repeats; every eligible loan-month claimed or left out on purpose.
    const claimed = new Set(set.lines.filter((l) => l.planted !== 'ganda').map((l) => key(l.nomorRekening, l.periode)));
    expect(claimed.size).toBe(set.lines.length - set.planted.ganda);
    expect(set.tidakDiklaim).toHaveLength(2);
    expect([...expected.keys()].filter((k) => !claimed.has(k))).toHaveLength(set.tidakDiklaim.length);
    const text = new TextDecoder('windows-1252').decode(await writeClaimFile(set, 'csv-titik-koma'));
    expect(text.split('\r\n')[1]).toMatch(/PERIODE AGUSTUS 2026 S\.D\. OKTOBER 2026$/);
    // One month stays as before.
    expect(plantClaim(rt().db, bank.id, '2026-10', { each: 2 }).periodeAkhir).toBe('2026-10');
  });

  it('write each bank shape so it reads back to the same lines', async () => {
    const { set } = await planted();
    const first = set.lines[0]!;

    const semicolon = await writeClaimFile(set, 'csv-titik-koma');
    const text = new TextDecoder('windows-1252').decode(semicolon);
    const rows = Papa.parse<string[]>(text.split('\r\n').slice(3).join('\r\n'), { delimiter: ';' }).data;
    expect(rows[0]![1]).toBe('No Rekening');
    expect(rows[1]![1]).toBe(first.nomorRekening);
    expect(rows[1]![11]).toMatch(/^\d{1,3}(\.\d{3})*,00$/);
    expect(text).toContain('JUMLAH');

    const comma = (await writeClaimFile(set, 'csv-koma')).toString('utf8');
    expect(comma.charCodeAt(0)).toBe(0xfeff);
    const pipe = (await writeClaimFile(set, 'txt-pipa')).toString('utf8');
    expect(pipe.split('\n')[1]!.split('|')[1]).toBe(first.nomorRekening);
    const tab = (await writeClaimFile(set, 'txt-tab')).toString('utf8');
    expect(tab.split('\n')).toHaveLength(set.lines.length + 1);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeClaimFile(set, 'xlsx')) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell('B5').value).toBe(first.nomorRekening);
    expect(String(sheet.getCell('B5').value)).toMatch(/^0/); // leading zero kept as text
    // Written row by row (streaming writer): the column formats still reach every cell.
    const dated = set.lines.findIndex((l) => l.tanggalAkad);
    expect((sheet.getCell(`G${5 + dated}`).value as Date).toISOString().slice(0, 10)).toBe(set.lines[dated]!.tanggalAkad);
    expect(sheet.getCell(`G${5 + dated}`).numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getCell('L5')).toMatchObject({ value: first.diklaim, numFmt: '#,##0' });
    expect(sheet.getCell('A4').font?.bold).toBe(true);
    const total = sheet.getCell(`L${5 + set.lines.length}`).value as { formula: string; result: number };
    expect(total.formula).toBe(`SUM(L5:L${4 + set.lines.length})`);
    expect(total.result).toBe(set.totalDiklaim);
  });
});
