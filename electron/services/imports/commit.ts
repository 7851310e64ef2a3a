/**
 * Writing an import: the good rows or nothing, in one transaction — the impor_berkas row (with
 * the kept file's location), what the file produces (a draft claim through insertClaim, bank
 * positions marked sumber 'impor', or an insurer invoice through the premium service's own
 * function), the mapping template, and the audit entry. Any failure rolls all of it back.
 */
import { appendAudit } from '../../../database/repositories/audit';
import { insertClaim, setClaimStatus, type NewClaimLine } from '../../../database/repositories/claims';
import * as repo from '../../../database/repositories/imports';
import { upsertPosition } from '../../../database/repositories/loans';
import type { ImportCommitResult, ImportKind } from '../../contract/imports';
import { formatDateShort, formatPeriod } from '../../domain/format';
import { requireOwnBank } from '../auth/bank-scope';
import { callerId } from '../auth/four-eyes';
import { refuseClosedMonths } from '../closing/guard';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { recordInsurerInvoice } from '../premiums/invoice';
import { amountOf, checkRows, type CheckedRow } from './checks';
import { dataVersion } from '../../../database/data-version';
import type { PreviewJob } from './jobs';

/**
 * A seam for the crash test: called after each row (or batch) is written inside the
 * transaction. Throwing from it simulates a crash half-way; nothing may remain.
 */
export const commitHooks: { afterWrite: ((written: number) => void) | null } = { afterWrite: null };

const KIND_WORD: Record<ImportKind, string> = { tagihan: 'tagihan subsidi', posisi: 'posisi bank', premi: 'tagihan premi' };

function describeEarlier(e: NonNullable<ReturnType<typeof repo.findImportBySha>>): string {
  const who = e.dibuatOleh ? ` oleh ${e.dibuatOleh}` : '';
  const owner = e.bankNama ?? e.penjaminNama;
  return `impor no. ${e.id} "${e.namaBerkas}"${owner ? ` (${owner})` : ''}, ${formatDateShort(e.dibuat.slice(0, 10))}${who}, ${e.jumlahBaris} baris`;
}

/**
 * Removes what the earlier import of this content produced, when nothing depends on it yet;
 * otherwise refuses naming why. Runs inside the commit's transaction.
 */
function removeProducts(ctx: ServiceContext, jenis: ImportKind, imporId: number): Record<string, unknown> {
  const { db } = ctx;
  if (jenis === 'tagihan') {
    const claims = repo.claimsOfImport(db, imporId);
    const busy = claims.find((c) => c.status !== 'draf' || c.payments > 0);
    if (busy) {
      throw new ServiceError(
        'CONFLICT',
        `Impor sebelumnya tidak dapat diganti: tagihan no. ${busy.id} darinya sudah berstatus ${busy.status}${busy.payments > 0 ? ' dan ada pembayarannya' : ''}. Hanya tagihan yang masih draf yang dapat diganti.`,
      );
    }
    // A draft claim is cancelled, not deleted: it stays traceable, and is never counted.
    for (const c of claims) setClaimStatus(db, c.id, 'dibatalkan');
    return { tagihanDibatalkan: claims.map((c) => c.id) };
  }
  if (jenis === 'posisi') {
    const made = repo.positionsOfImport(db, imporId);
    if (made.paid > 0) {
      throw new ServiceError('CONFLICT', `Impor sebelumnya tidak dapat diganti: ${made.paid} posisi darinya sudah dipakai untuk subsidi yang dibayar.`);
    }
    refuseClosedMonths(db, made.periods, 'Impor sebelumnya tidak dapat diganti');
    return { posisiDihapus: repo.deletePositionsOfImport(db, imporId) };
  }
  const premiums = repo.premiumsOfImport(db, imporId);
  const paid = premiums.filter((p) => p.status === 'dibayar').length;
  if (paid > 0) throw new ServiceError('CONFLICT', `Impor sebelumnya tidak dapat diganti: ${paid} premi dari tagihan itu sudah dibayar.`);
  return { premiDikembalikan: repo.revertInvoicedOfImport(db, imporId) };
}

function claimLine(r: CheckedRow): NewClaimLine {
  const v = r.values;
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null);
  return {
    nomorBaris: r.baris,
    periode: v.periode as string,
    nomorRekening: v.nomorRekening as string,
    nik: str(v.nik),
    nama: str(v.nama),
    outstanding: num(v.outstanding),
    bungaPersen: str(v.bungaPersen),
    hari: num(v.hari),
    kol: num(v.kol),
    diklaim: v.diklaim as number,
    plafon: num(v.plafon),
    tanggalAkad: str(v.tanggalAkad),
  };
}

export function commitJob(ctx: ServiceContext, job: PreviewJob, ganti: boolean): ImportCommitResult {
  const { db } = ctx;
  const req = job.request;
  requireOwnBank(ctx, req.bankId);
  if (!job.outcome || !job.result) throw new ServiceError('CONFLICT', 'Pratinjau belum selesai.');
  const previewValid = job.result.jumlahValid;

  return db.transaction((): ImportCommitResult => {
    // The data may have changed since the preview (a month closed, a loan added): check again,
    // unless nothing was written since (a 100,000-line check costs half a second).
    const bulanIni = ctx.today().slice(0, 7);
    const against = job.checkedAgainst;
    const unchanged = against !== null && against.db === db && against.bulanIni === bulanIni && against.version === dataVersion(db);
    const checked = unchanged && job.checked
      ? job.checked
      : checkRows(db, { jenis: req.jenis, bankId: req.bankId, penjaminId: req.penjaminId, namaBerkas: req.namaBerkas, pemetaan: req.pemetaan, bulanIni }, job.outcome!);
    if (checked.fileProblems.length > 0) throw new ServiceError('CONFLICT', `Tidak ada yang disimpan: ${checked.fileProblems[0]}`);
    const valid = checked.rows.filter((r) => !r.galat);
    if (valid.length === 0) throw new ServiceError('CONFLICT', 'Tidak ada baris yang valid untuk disimpan.');
    if (valid.length !== previewValid) {
      throw new ServiceError('CONFLICT', `Data berubah sejak pratinjau (${previewValid} baris valid, sekarang ${valid.length}). Jalankan pratinjau lagi; tidak ada yang disimpan.`);
    }

    const earlier = repo.findImportBySha(db, req.jenis, req.berkas);
    if (earlier && !ganti) {
      throw new ServiceError('CONFLICT', `Berkas dengan isi yang sama sudah diimpor sebagai ${KIND_WORD[req.jenis]}: ${describeEarlier(earlier)}. Tidak ada yang disimpan; pilih "Ganti impor sebelumnya" bila memang hendak menggantinya.`, { ganti: 'Sudah pernah diimpor' });
    }

    const periods = valid.map((r) => r.values.periode).filter((p): p is string => typeof p === 'string').sort();
    let total = 0;
    for (const r of valid) total += amountOf(req.jenis, r.values);
    const write: repo.ImportWrite = {
      jenis: req.jenis,
      bankId: req.bankId,
      penjaminId: req.penjaminId,
      namaBerkas: req.namaBerkas,
      sha256: req.berkas,
      lokasi: req.lokasi,
      format: req.format ?? 'csv',
      jumlahBaris: valid.length,
      jumlahDilewati: checked.rows.length - valid.length,
      totalNilai: total,
      periodeAwal: periods[0] ?? null,
      periodeAkhir: periods.at(-1) ?? null,
      pemetaan: req.pemetaan,
      opsi: { ...req.opsi, tetap: req.tetap },
      oleh: ctx.user,
      olehId: callerId(ctx),
    };

    let imporId: number;
    let before: Record<string, unknown> | null = null;
    let removed: Record<string, unknown> | null = null;
    if (earlier) {
      const old = repo.getImportRecord(db, earlier.id)!;
      requireOwnBank(ctx, old.bankId);
      before = repo.importRowForAudit(db, earlier.id);
      removed = removeProducts(ctx, req.jenis, earlier.id);
      repo.markReplaced(db, earlier.id, write, new Date(ctx.now()).toISOString());
      imporId = earlier.id;
    } else {
      imporId = repo.insertImport(db, write);
    }

    let tagihanId: number | null = null;
    if (req.jenis === 'tagihan') {
      const claim = insertClaim(db, { bankId: req.bankId!, periodeAwal: write.periodeAwal!, periodeAkhir: write.periodeAkhir!, imporId, lines: valid.map(claimLine), dibuatOleh: ctx.user, dibuatOlehId: callerId(ctx) });
      tagihanId = claim.tagihanId;
      if (claim.totalDiklaim !== total) throw new Error(`Total tagihan ${claim.totalDiklaim} berbeda dengan total baris ${total}`);
      commitHooks.afterWrite?.(valid.length);
    } else if (req.jenis === 'posisi') {
      let n = 0;
      for (const r of valid) {
        upsertPosition(db, {
          pinjamanId: r.pinjamanId!,
          periode: r.values.periode as string,
          outstanding: r.values.outstanding as number,
          kol: r.values.kol as number,
          hariTunggakan: typeof r.values.hariTunggakan === 'number' ? r.values.hariTunggakan : 0,
          angsuranDibayar: typeof r.values.angsuranDibayar === 'boolean' ? r.values.angsuranDibayar : true,
          sumber: 'impor',
          imporId,
        });
        commitHooks.afterWrite?.(++n);
      }
    } else {
      // One invoice per number and date in the file, each recorded as the premium screen records it.
      const groups = new Map<string, { nomorTagihan: string; tanggalTagihan: string; premiIds: number[] }>();
      for (const r of valid) {
        const nomor = String(r.values.nomorTagihan);
        const tanggal = String(r.values.tanggalTagihan);
        const key = `${nomor}\u0000${tanggal}`;
        const g = groups.get(key) ?? { nomorTagihan: nomor, tanggalTagihan: tanggal, premiIds: [] };
        g.premiIds.push(r.premiId!);
        groups.set(key, g);
      }
      let n = 0;
      for (const g of groups.values()) {
        recordInsurerInvoice(ctx, { penjaminId: req.penjaminId!, ...g, imporId });
        n += g.premiIds.length;
        commitHooks.afterWrite?.(n);
      }
    }

    repo.setImportTotals(db, imporId, write);
    const opsiTemplat = Object.fromEntries(Object.entries(req.opsi).filter(([k]) => k !== 'headerRow' && k !== 'sheet'));
    repo.saveTemplate(db, req.jenis, { bankId: req.bankId, penjaminId: req.penjaminId }, { pemetaan: req.pemetaan, opsi: opsiTemplat }, ctx.user);
    // The trail records what was written, less the storage details (format, options; who is the entry's user) and with the period as words.
    const { format: _format, opsi: _opsi, oleh: _oleh, olehId: _olehId, periodeAwal, periodeAkhir, ...recorded } = write;
    appendAudit(db, {
      user: ctx.user,
      // A replacement is an import too; `diganti` and the before-image say what it replaced.
      action: 'impor',
      entity: 'impor_berkas',
      entityId: imporId,
      before: before ? { ...before, dihapus: removed } : undefined,
      after: {
        ...recorded,
        periode: periodeAwal ? (periodeAwal === periodeAkhir ? formatPeriod(periodeAwal) : `${formatPeriod(periodeAwal)} – ${formatPeriod(periodeAkhir!)}`) : null,
        tagihanId,
        diganti: earlier !== null,
      },
    });
    return { imporId, jenis: req.jenis, jumlahBaris: valid.length, jumlahDilewati: write.jumlahDilewati, totalNilai: total, tagihanId, diganti: earlier !== null };
  })();
}
