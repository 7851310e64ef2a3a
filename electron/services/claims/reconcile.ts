/**
 * Reconciling a bank's claim with the subsidy run: every line matched to a loan, compared with
 * what we expect for that loan and month, given one status, a diagnosis where it differs and a
 * default decision; and the loan-months we expected that the bank did not claim.
 *
 * The claim's lines, each with the bank's loan at its account (one query), and the months already
 * paid are read once, in bulk; the bank's run for the claim's months is streamed past the lines
 * waiting for it (never held whole), and the results are written in one UPDATE.
 */
import { requireVersion } from '../versions';
import { performance } from 'node:perf_hooks';
import type { ClaimDecision, ClaimLineStatus, ReconcileResult, SubsidyLine } from '../../contract';
import { CLAIM_LINE_STATUS_LABELS } from '../../contract/claims';
import * as repo from '../../../database/repositories/claims';
import type { LineForMatching, LineResult, LineWithAccountLoan, LoanForMatching } from '../../../database/repositories/claims';
import { appendAudit } from '../../../database/repositories/audit';
import type { ServiceContext } from '../context';
import { ServiceError, notFound } from '../errors';
import { requireOwnBank } from '../auth/bank-scope';
import { forEachRunLine, withWorkingTexts } from '../subsidy/run';
import { diagnose } from './diagnose';
import { indexLoans, loanMonthKey, matchLine, type LoanIndex, type MatchResult } from './match';

/** Which decisions a line of each status may take: nothing ineligible or already paid can become payable. */
export function allowedDecisions(status: ClaimLineStatus): readonly ClaimDecision[] {
  return status === 'cocok' || status === 'selisih' ? ['terima_bank', 'terima_hitungan', 'keluarkan'] : ['keluarkan'];
}

/** The amount a decision agrees to. */
export function agreedAmount(keputusan: ClaimDecision, line: { diklaim: number; diharapkan: number | null }): number {
  if (keputusan === 'keluarkan') return 0;
  if (keputusan === 'terima_bank') return line.diklaim;
  if (line.diharapkan === null) throw new ServiceError('CONFLICT', 'Baris ini tidak memiliki angka perhitungan untuk diterima');
  return line.diharapkan;
}

/** A line's result before its decision: matched loan, status and why, our working. */
function result(
  id: number,
  pinjamanId: number | null,
  cocokOleh: 'rekening' | 'nik' | null,
  status: ClaimLineStatus,
  keterangan: string | null,
  alasanKode: string | null = null,
): LineResult {
  return {
    id,
    pinjamanId,
    cocokOleh,
    status,
    keterangan,
    alasanKode,
    diharapkan: null,
    hitungPokok: null,
    hitungHari: null,
    hitungTarif: null,
    hitungKonvensi: null,
    diagnosis: null,
    diagnosisRincian: null,
    keputusan: null,
    alasanKeputusan: null,
    keputusanOtomatis: false,
    disetujui: null,
    diputuskanOleh: null,
    diputuskanPada: null,
  };
}

/**
 * `versi` is the claim's version as the person saw it; it is taken in the write transaction, after
 * the (long) computation, so a decision or another reconciliation that came in between is not
 * written over.
 */
export function reconcileClaim(ctx: ServiceContext, tagihanId: number, versi: number): ReconcileResult {
  const { db } = ctx;
  const header = repo.getClaimHeader(db, tagihanId);
  if (!header) throw notFound('Tagihan');
  requireOwnBank(ctx, header.bankId);
  if (header.status !== 'draf' && header.status !== 'diverifikasi') {
    throw new ServiceError('CONFLICT', `Tagihan berstatus ${header.status}; rekonsiliasi hanya dapat diulang sebelum disetujui.`);
  }

  const started = performance.now();
  ctx.progress?.('Menghitung subsidi yang diharapkan', 0, 3);
  const lines = repo.linesWithAccountLoans(db, tagihanId, header.bankId);
  const byNik = nikIndex(ctx, header.bankId, lines);
  const paid = repo.paidLoanMonths(db, header.periodeAwal, header.periodeAkhir);

  const manual = repo.manualDecisions(db, tagihanId);
  const now = new Date(ctx.now()).toISOString();
  const { periodeAwal, periodeAkhir } = header;
  const firstLineOf = new Map<string, number>();
  const results: LineResult[] = new Array<LineResult>(lines.length);

  // First every check that needs no run (the loan, a repeat, paid already, outside the claim's
  // months); the lines left wait for their loan-month's run line, by loan id and then month: a
  // loan-month key built and hashed for each of the run's lines (a bank's every loan and month)
  // was a tenth of a reconciliation's time. A loan-month waits once (a repeat is decided above).
  const waiting = new Map<number, Waiting[]>();
  for (let i = 0; i < lines.length; i++) {
    const o = beforeRun(lines[i]!);
    if ('status' in o) results[i] = decided(lines[i]!, o);
    else {
      const entry: Waiting = { index: i, periode: lines[i]!.periode, loan: o.loan, by: o.by };
      const list = waiting.get(o.loan.id);
      if (list) list.push(entry);
      else waiting.set(o.loan.id, [entry]);
    }
  }

  // Then the run streamed loan by loan (never held whole: a 1,000,000-loan bank's months would be
  // millions of lines): a claimed loan-month gets its outcome, an unclaimed payable one is listed.
  const unclaimed: { pinjamanId: number; periode: string; diharapkan: number }[] = [];
  ctx.progress?.('Mencocokkan baris tagihan', 1, 3);
  const t0 = performance.now();
  // Without the working's unrounded texts: only a differing line's diagnosis needs them (withExpected).
  const runRequest = { bankId: header.bankId, periodeAwal: header.periodeAwal, periodeAkhir: header.periodeAkhir };
  forEachRunLine(
    db,
    runRequest,
    (l) => {
      const w = takeWaiting(l.pinjamanId, l.periode);
      if (w) {
        results[w.index] = decided(lines[w.index]!, withExpected(lines[w.index]!, w.loan, w.by, l));
      } else if (l.layak && l.rincian && l.rincian.jumlah > 0 && !firstLineOf.has(loanMonthKey(l.pinjamanId, l.periode))) {
        unclaimed.push({ pinjamanId: l.pinjamanId, periode: l.periode, diharapkan: l.rincian.jumlah });
      }
    },
    { texts: false },
  );
  const t1 = performance.now();
  // A claimed loan-month the run has no line for: the loan was not running then.
  for (const { index: i, loan, by } of [...waiting.values()].flat()) {
    results[i] = decided(
      lines[i]!,
      result(lines[i]!.id, loan.id, by, 'tidak_memenuhi_syarat', `Pinjaman tidak berjalan pada periode ini (status ${loan.status})`, 'tidak_berjalan'),
    );
  }

  /** The claimed line waiting for this loan-month's run line, taken off the waiting list; undefined when none. */
  function takeWaiting(pinjamanId: number, periode: string): Waiting | undefined {
    const list = waiting.get(pinjamanId);
    if (!list) return undefined;
    const at = list.findIndex((w) => w.periode === periode);
    if (at < 0) return undefined;
    const [w] = list.splice(at, 1);
    if (list.length === 0) waiting.delete(pinjamanId);
    return w;
  }

  function beforeRun(line: LineWithAccountLoan): LineResult | { loan: LoanForMatching; by: 'rekening' | 'nik' } {
    // The loan at the line's account, else matchLine's second way (the bank has no such account).
    const m: MatchResult<LoanForMatching> = line.loan ? { loan: line.loan, by: 'rekening' } : matchLine(byNik, line);
    if (!m.loan) return result(line.id, null, null, 'rekening_tidak_dikenal', m.reason);
    const loan: LoanForMatching = m.loan;
    const key = loanMonthKey(loan.id, line.periode);
    const first = firstLineOf.get(key);
    if (first !== undefined) return result(line.id, loan.id, m.by, 'ganda', `Pinjaman dan periode yang sama sudah ada pada baris ${first} berkas ini`);
    firstLineOf.set(key, line.nomorBaris);
    const paidBy = paid.get(key);
    if (paidBy) return result(line.id, loan.id, m.by, 'ganda', `Periode ini sudah dibayar pada tagihan nomor ${paidBy.tagihanId}`);
    if (line.periode < periodeAwal || line.periode > periodeAkhir) {
      return result(line.id, loan.id, m.by, 'tidak_memenuhi_syarat', 'Periode baris di luar periode tagihan', 'di_luar_periode');
    }
    return { loan, by: m.by };
  }

  function withExpected(line: LineForMatching, loan: LoanForMatching, by: 'rekening' | 'nik', expected: SubsidyLine): LineResult {
    if (!expected.layak || !expected.rincian) {
      if (expected.alasan === 'sudah_dibayar') return result(line.id, loan.id, by, 'ganda', expected.alasanLabel);
      // Another loan of the same person holds the month (one person, one subsidy per month): the
      // 2020 audit's double payment, named by its account and bank.
      if (expected.alasan === 'sudah_disubsidi_lain') return result(line.id, loan.id, by, 'ganda', expected.alasanLabel, expected.alasan);
      return result(line.id, loan.id, by, 'tidak_memenuhi_syarat', expected.alasanLabel, expected.alasan);
    }
    const r = expected.rincian;
    const out = result(line.id, loan.id, by, 'cocok', notes(line, loan, expected));
    out.diharapkan = r.jumlah;
    out.hitungPokok = r.segmen.every((s) => s.pokok === r.segmen[0]!.pokok) ? (r.segmen[0]?.pokok ?? null) : (r.segmen.at(-1)?.pokok ?? null);
    out.hitungHari = r.segmen.reduce((d, s) => d + s.hari, 0);
    out.hitungTarif = r.tarifSubsidiPersen;
    out.hitungKonvensi = r.konvensiHari;
    if (Math.abs(line.diklaim - r.jumlah) <= loan.toleransi) return out;
    const w = withWorkingTexts(r);
    const d = diagnose(
      {
        segments: w.segmen.map((s) => ({
          from: s.dari,
          toExclusive: s.sampai,
          base: s.pokok,
          days: s.hari,
          ...(s.tarifPersen === w.tarifSubsidiPersen ? {} : { ratePercent: s.tarifPersen }),
        })),
        ratePercent: w.tarifSubsidiPersen,
        dayCount: w.konvensiHari,
        rounding: w.pembulatan,
        basis: w.basis,
        unrounded: w.tidakDibulatkan,
        amount: w.jumlah,
      },
      { outstanding: line.outstanding, bungaPersen: line.bungaPersen, hari: line.hari, diklaim: line.diklaim },
      loan.toleransi,
    );
    out.status = 'selisih';
    out.diagnosis = d.kode;
    out.diagnosisRincian = d.rincian;
    return out;
  }

  /**
   * What the clerk should know about a payable line besides its amount: the schedule stood in for
   * the bank's position; the run's warnings (double financing; the debtor not named in a recipient
   * decree for this bank and unit, or above its plafon); the claim names another NIK than the loan's debtor.
   */
  function notes(line: LineForMatching, loan: LoanForMatching, expected: SubsidyLine): string | null {
    const out: string[] = [];
    if (expected.rincian?.dariJadwal) out.push('Posisi bank bulan ini tidak ada; dihitung dari jadwal');
    const nik = line.nik?.trim();
    if (nik && nik !== loan.nik) out.push(`NIK di tagihan ${nik} berbeda dengan NIK debitur pinjaman ${loan.nik}`);
    out.push(...expected.peringatan);
    return out.length > 0 ? out.join('; ') : null;
  }

  // Decisions: a clerk's decision survives a new reconciliation when the line came out the same;
  // otherwise cocok is accepted as claimed, ineligible/unknown/double lines are excluded, and
  // selisih waits for a decision.
  function decided(line: LineForMatching, o: LineResult): LineResult {
    const before = manual.get(line.id);
    if (before && before.status === o.status && before.diharapkan === o.diharapkan && allowedDecisions(o.status).includes(before.keputusan)) {
      o.keputusan = before.keputusan;
      o.alasanKeputusan = before.alasanKeputusan;
      o.disetujui = agreedAmount(before.keputusan, { diklaim: line.diklaim, diharapkan: o.diharapkan });
      o.diputuskanOleh = before.diputuskanOleh;
      o.diputuskanPada = before.diputuskanPada;
    } else if (o.status === 'cocok') {
      o.keputusan = 'terima_bank';
      o.keputusanOtomatis = true;
      o.disetujui = line.diklaim;
      o.diputuskanPada = now;
    } else if (o.status !== 'selisih') {
      o.keputusan = 'keluarkan';
      o.alasanKeputusan = o.keterangan ? `${CLAIM_LINE_STATUS_LABELS[o.status]}: ${o.keterangan}` : CLAIM_LINE_STATUS_LABELS[o.status];
      o.keputusanOtomatis = true;
      o.disetujui = 0;
      o.diputuskanPada = now;
    }
    return o;
  }

  db.transaction(() => {
    // In a job the claim may have moved on while the lines were matched (approved, cancelled):
    // checked again under the write lock, so a stale result is never written over it. A change of
    // status is named as such; any other change since the person loaded the claim is a stale version.
    const latest = repo.getClaimHeader(db, tagihanId);
    if (!latest || latest.status !== header.status) {
      throw new ServiceError(
        'CONFLICT',
        `Tagihan diubah selama rekonsiliasi (status sekarang ${latest?.status ?? 'dihapus'}); tidak ada yang diubah. Jalankan rekonsiliasi lagi bila perlu.`,
      );
    }
    requireVersion(ctx, 'tagihan', tagihanId, versi);
    repo.writeLineResults(db, tagihanId, results);
    // Inside the transaction: a job cancelled here rolls all of it back.
    ctx.progress?.('Menyimpan hasil rekonsiliasi', 2, 3);
    repo.replaceUnclaimed(db, tagihanId, unclaimed);
    repo.markReconciled(db, tagihanId, ctx.user, now);
    appendAudit(db, {
      user: ctx.user,
      action: 'ubah',
      entity: 'tagihan',
      entityId: tagihanId,
      before: { status: header.status },
      after: {
        langkah: 'rekonsiliasi',
        status: 'diverifikasi',
        perStatus: Object.fromEntries(countBy(results.map((r) => r.status))),
        tidakDiklaim: unclaimed.length,
      },
    });
  })();
  const t2 = performance.now();
  return {
    tagihanId,
    perStatus: repo.statusTotals(db, tagihanId),
    tidakDiklaim: repo.unclaimedTotals(db, tagihanId),
    ms: { run: Math.round(t1 - t0), rest: Math.round(t2 - started - (t1 - t0)) },
  };
}

/**
 * The matching's second way for the lines whose account the bank does not have: every loan of the
 * bank under each such line's NIK, indexed as matchLine takes them. matchLine over these answers
 * for such a line as over all of the bank's loans: its account is in neither, and its NIK's loans
 * are all here. Usually a handful of lines; one query per distinct NIK.
 */
function nikIndex(ctx: ServiceContext, bankId: number, lines: readonly LineWithAccountLoan[]): LoanIndex<LoanForMatching> {
  const byId = new Map<number, LoanForMatching>();
  const niks = new Set<string>();
  for (const line of lines) {
    if (line.loan) continue;
    const nik = line.nik?.trim();
    if (!nik || niks.has(nik)) continue;
    niks.add(nik);
    for (const loan of repo.loansOfNikAtBank(ctx.db, bankId, nik)) byId.set(loan.id, loan);
  }
  return indexLoans([...byId.values()]);
}

/** A claimed line waiting for its loan-month's run line. */
interface Waiting {
  index: number;
  periode: string;
  loan: LoanForMatching;
  by: 'rekening' | 'nik';
}

function countBy(values: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}
