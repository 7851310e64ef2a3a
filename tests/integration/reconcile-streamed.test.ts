/**
 * The reconciliation streams the run (claims/reconcile.ts: the claim's own checks first, then the
 * bank's run line by line, never held whole). Checked here against the plain way — the whole run
 * computed and indexed, each line looked up in it — on the demo data and on planted claims with
 * repeats, unknown accounts, ineligible months, a month outside the claim, a loan not running yet,
 * and a loan-month already paid: every line's status, loan, amount and reason code, and the
 * unclaimed loan-months, must be the same.
 */
import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { call, useTempRuntime } from '../helpers/runtime';
import { plantClaim, type ClaimFileLine } from '../../electron/services/demo/claim-files';
import { insertClaim, linesForMatching, loansForMatching, paidLoanMonths } from '../../database/repositories/claims';
import { computeSubsidyRun } from '../../electron/services/subsidy/run';
import { indexLoans, matchLine } from '../../electron/services/claims/match';

const rt = useTempRuntime({ prefix: 'gs-reconcile-streamed-' });

interface Outcome {
  id: number;
  pinjamanId: number | null;
  status: string;
  diharapkan: number | null;
  alasanKode: string | null;
}

/** The plain way: the whole run for the claim's months, indexed by loan-month; each line in file order. */
function plainOutcomes(db: Database, tagihanId: number, bankId: number, periodeAwal: string, periodeAkhir: string): { lines: Outcome[]; unclaimed: string[] } {
  const run = computeSubsidyRun(db, { bankId, periodeAwal, periodeAkhir });
  const byKey = new Map(run.lines.map((l) => [`${l.pinjamanId}|${l.periode}`, l]));
  const loans = loansForMatching(db, bankId);
  const index = indexLoans(loans);
  const paid = paidLoanMonths(db, periodeAwal, periodeAkhir);
  const seen = new Set<string>();
  const lines = linesForMatching(db, tagihanId).map((line): Outcome => {
    const m = matchLine(index, line);
    if (!m.loan) return { id: line.id, pinjamanId: null, status: 'rekening_tidak_dikenal', diharapkan: null, alasanKode: null };
    const key = `${m.loan.id}|${line.periode}`;
    const base = { id: line.id, pinjamanId: m.loan.id, diharapkan: null, alasanKode: null };
    if (seen.has(key)) return { ...base, status: 'ganda' };
    seen.add(key);
    if (paid.has(key)) return { ...base, status: 'ganda' };
    if (line.periode < periodeAwal || line.periode > periodeAkhir) return { ...base, status: 'tidak_memenuhi_syarat', alasanKode: 'di_luar_periode' };
    const e = byKey.get(key);
    if (!e) return { ...base, status: 'tidak_memenuhi_syarat', alasanKode: 'tidak_berjalan' };
    if (!e.layak || !e.rincian) {
      if (e.alasan === 'sudah_dibayar') return { ...base, status: 'ganda' };
      if (e.alasan === 'sudah_disubsidi_lain') return { ...base, status: 'ganda', alasanKode: e.alasan };
      return { ...base, status: 'tidak_memenuhi_syarat', alasanKode: e.alasan };
    }
    return { ...base, diharapkan: e.rincian.jumlah, status: Math.abs(line.diklaim - e.rincian.jumlah) <= m.loan.toleransi ? 'cocok' : 'selisih' };
  });
  const unclaimed = run.lines
    .filter((l) => l.layak && l.rincian && l.rincian.jumlah > 0 && !seen.has(`${l.pinjamanId}|${l.periode}`))
    .map((l) => `${l.pinjamanId}|${l.periode}|${l.rincian!.jumlah}`);
  return { lines, unclaimed };
}

function storedOutcomes(db: Database, tagihanId: number): { lines: Outcome[]; unclaimed: string[] } {
  const lines = db
    .prepare('SELECT id, pinjaman_id AS pinjamanId, status, diharapkan, alasan_kode AS alasanKode FROM tagihan_baris WHERE tagihan_id = ? ORDER BY nomor_baris, id')
    .all(tagihanId) as Outcome[];
  const unclaimed = (
    db.prepare('SELECT pinjaman_id AS p, periode, diharapkan AS d FROM tagihan_tidak_diklaim WHERE tagihan_id = ? ORDER BY id').all(tagihanId) as {
      p: number;
      periode: string;
      d: number;
    }[]
  ).map((u) => `${u.p}|${u.periode}|${u.d}`);
  return { lines, unclaimed };
}

function claimOf(db: Database, bankId: number, periodeAwal: string, periodeAkhir: string, lines: ClaimFileLine[]): number {
  return insertClaim(db, {
    bankId,
    periodeAwal,
    periodeAkhir,
    imporId: null,
    lines: lines.map((l, i) => ({
      nomorBaris: i + 5,
      periode: l.periode,
      nomorRekening: l.nomorRekening,
      nik: l.nik,
      nama: l.nama,
      outstanding: l.outstanding,
      bungaPersen: l.bungaPersen,
      hari: l.hari,
      kol: l.kol,
      diklaim: l.diklaim,
      plafon: l.plafon,
      tanggalAkad: l.tanggalAkad,
    })),
  }).tagihanId;
}

async function expectSame(bankId: number, periodeAwal: string, periodeAkhir: string, lines: ClaimFileLine[]) {
  const db = rt().db;
  const tagihanId = claimOf(db, bankId, periodeAwal, periodeAkhir, lines);
  const plain = plainOutcomes(db, tagihanId, bankId, periodeAwal, periodeAkhir);
  await call(rt(), 'claims.reconcile', { tagihanId });
  const stored = storedOutcomes(db, tagihanId);
  expect(stored.lines).toEqual(plain.lines);
  expect(stored.unclaimed).toEqual(plain.unclaimed);
  return { plain, stored };
}

describe('the streamed reconciliation', () => {
  it('gives every line of a planted one-month claim the outcome the whole run gives, on the demo data', async () => {
    await call(rt(), 'app.loadDemo', {});
    const banks = await call(rt(), 'banks.list', {});
    for (const bank of banks) {
      const set = plantClaim(rt().db, bank.id, '2026-10', { each: 2 });
      if (set.lines.length === 0) continue;
      const { stored } = await expectSame(bank.id, '2026-10', '2026-10', set.lines);
      // Not a comparison of two empty lists: the planted kinds are there.
      const statuses = new Set(stored.lines.map((l) => l.status));
      expect(statuses.has('cocok') && statuses.has('ganda') && statuses.has('rekening_tidak_dikenal')).toBe(true);
    }
  });

  it('and over several months, with a month outside the claim, a paid month and a loan not running yet', async () => {
    await call(rt(), 'app.loadDemo', {});
    const bank = (await call(rt(), 'banks.list', {}))[0]!;
    const db = rt().db;
    const set = plantClaim(db, bank.id, '2026-08', { each: 2, periodeAkhir: '2026-10' });
    const first = set.lines.find((l) => l.planted === 'cocok')!;
    // A month already paid in the demo's paid history, one outside the claim's months, one before the loan ran.
    const paidMonth = db
      .prepare('SELECT l.nomor_rekening AS a, pd.periode FROM periode_dibayar pd JOIN pinjaman l ON l.id = pd.pinjaman_id WHERE l.bank_id = ? ORDER BY pd.periode DESC LIMIT 1')
      .get(bank.id) as { a: string; periode: string } | undefined;
    const late = db.prepare("SELECT nomor_rekening AS a FROM pinjaman WHERE bank_id = ? AND tanggal_pencairan > '2026-10-31' LIMIT 1").get(bank.id) as { a: string } | undefined;
    const extra: ClaimFileLine[] = [{ ...first, periode: '2026-07' }, ...(late ? [{ ...first, nomorRekening: late.a, periode: '2026-09' }] : [])];
    const { stored } = await expectSame(bank.id, '2026-08', '2026-10', [...set.lines, ...extra]);
    expect(stored.lines.some((l) => l.alasanKode === 'di_luar_periode')).toBe(true);
    expect(stored.unclaimed.length).toBeGreaterThan(0);
    if (paidMonth) {
      const paidClaim = await expectSame(bank.id, paidMonth.periode, paidMonth.periode, [{ ...first, nomorRekening: paidMonth.a, periode: paidMonth.periode }]);
      expect(paidClaim.stored.lines[0]!.status).toBe('ganda');
    }
  });

  it("and matches by NIK as over all of the bank's loans, reading only the loans the lines name", async () => {
    await call(rt(), 'app.loadDemo', {});
    const db = rt().db;
    // A debtor with two loans at one bank (one of them in the claim by its account, so read both
    // ways): the NIK with one loan's plafon picks that loan, unless both share it.
    const two = db
      .prepare(
        `SELECT l.bank_id AS bankId, d.nik, min(l.plafon) AS plafon FROM pinjaman l JOIN debitur d ON d.id = l.debitur_id
         GROUP BY l.bank_id, l.debitur_id HAVING count(*) > 1 ORDER BY l.bank_id LIMIT 1`,
      )
      .get() as { bankId: number; nik: string; plafon: number } | undefined;
    const bank = two?.bankId ?? (await call(rt(), 'banks.list', {}))[0]!.id;
    const set = plantClaim(db, bank, '2026-10', { each: 2 });
    const [a, b, c, d] = set.lines.filter((l) => l.planted === 'cocok');
    const other = set.lines.find((l) => l.planted === 'cocok' && l.nik !== a!.nik)!;
    const unknown = (n: number) => `8${String(n).padStart(11, '0')}`;
    const byNik: ClaimFileLine[] = [
      // Unknown account, the NIK (with spaces around it) and the loan's plafon: matched by NIK.
      { ...a!, nomorRekening: unknown(1), nik: `  ${a!.nik} ` },
      // Unknown account, the NIK, the plafon and the akad date.
      { ...b!, nomorRekening: unknown(2) },
      // Unknown account, the NIK but another plafon and akad date: not matched.
      { ...c!, nomorRekening: unknown(3), plafon: c!.plafon + 1, tanggalAkad: '2000-01-01' },
      // Unknown account, the NIK of another debtor's loan with this plafon: not matched.
      { ...d!, nomorRekening: unknown(4), nik: other.nik, plafon: d!.plafon + 1 },
      // A known account under another debtor's NIK: matched by account, the NIK noted.
      { ...other, nik: a!.nik, periode: '2026-10' },
    ];
    if (two) byNik.push({ ...a!, nomorRekening: unknown(5), nik: two.nik, plafon: two.plafon, tanggalAkad: '' });
    const { stored } = await expectSame(bank, '2026-10', '2026-10', [...set.lines.filter((l) => l !== a && l !== b), ...byNik]);
    const [first, second, third, fourth] = stored.lines.slice(-byNik.length);
    expect(first!.pinjamanId).not.toBeNull();
    expect(second!.pinjamanId).not.toBeNull();
    expect(third!.status).toBe('rekening_tidak_dikenal');
    expect(fourth!.status).toBe('rekening_tidak_dikenal');
    const how = db.prepare('SELECT cocok_oleh AS o FROM tagihan_baris WHERE id = ?');
    expect((how.get(first!.id) as { o: string }).o).toBe('nik');
    expect((how.get(second!.id) as { o: string }).o).toBe('nik');
  });
});
