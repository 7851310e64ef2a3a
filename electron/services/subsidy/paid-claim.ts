/**
 * What paying a subsidy run writes: its payable lines (eligible, amount > 0) as the lines of an
 * already-paid claim. One mapping for the subsidy screen's direct SP2D and the demo generator's
 * paid history, so both record a loan-month the same way.
 */
import type { SubsidyLine, SubsidyRun } from '../../contract';
import type { ClaimLineRecord } from '../../../database/repositories/payments';

export type PayableLine = SubsidyLine & { rincian: NonNullable<SubsidyLine['rincian']> };

export function payableLines(run: SubsidyRun): PayableLine[] {
  return run.lines.filter((l): l is PayableLine => l.layak && l.rincian !== null && l.rincian.jumlah > 0);
}

export function paidClaimLines(payable: readonly PayableLine[]): ClaimLineRecord[] {
  return payable.map((l, i) => ({
    nomorBaris: i + 1,
    pinjamanId: l.pinjamanId,
    periode: l.periode,
    nomorRekening: l.nomorRekening,
    nik: l.nik,
    nama: l.debiturNama,
    outstanding: l.rincian.segmen[0]?.pokok ?? null,
    bungaPersen: l.rincian.tarifSubsidiPersen,
    hari: l.rincian.segmen.reduce((d, s) => d + s.hari, 0),
    kol: l.kol,
    jumlah: l.rincian.jumlah,
    keterangan: 'Dibayar sesuai perhitungan subsidi',
  }));
}
