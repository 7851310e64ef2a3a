import { describe, expect, it } from 'vitest';
import { auditRows, call, callError, sessionAs, useTempRuntime } from '../helpers/runtime';
import { schemeInput } from '../helpers/scheme';
import { disburse, loan12jt } from '../helpers/loan';

/** Tutup buku: a closed month's positions, payments and claims are locked until an admin reopens it. */
const rt = useTempRuntime({ prefix: 'gs-closing-', today: '2025-04-10' });

async function disbursedLoan() {
  const r = rt();
  const bank = await call(r, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [] });
  const insurer = await call(r, 'insurers.save', { kode: 'J', nama: 'Jamkrindo', jenis: 'penjaminan' });
  const scheme = await call(r, 'schemes.save', schemeInput(2025, insurer.id, { kode: 'GS', nama: 'GS', premiTarifPersen: '1' }));
  const debtor = await call(r, 'debtors.save', { nik: '1603106710850001', nama: 'Siti', skala: 'mikro' });
  const pagu = await call(r, 'budget.save', { tahun: 2025, jenis: 'subsidi_bunga', kodeRekening: '5.1.05', uraian: 'Subsidi', pagu: 10_000_000 });
  const loan = await call(r, 'loans.save', loan12jt({ debiturId: debtor.id, bankId: bank.id, skemaId: scheme.id }, { nomorRekening: '001', nomorAkad: 'AK' }));
  await disburse(r, loan.id);
  return { bankId: bank.id, loanId: loan.id, paguId: pagu.id };
}

const position = (pinjamanId: number, periode: string) => ({ pinjamanId, periode, outstanding: 11_000_000, kol: 1, hariTunggakan: 0, angsuranDibayar: true });

describe('closing a month', () => {
  it('only once the month is over, and only once', async () => {
    expect(await callError(rt(), 'closing.close', { periode: '2025-04' })).toMatchObject({
      code: 'VALIDATION',
      message: 'April 2025 belum berakhir; bulan hanya dapat ditutup setelah lewat.',
    });
    await call(rt(), 'closing.close', { periode: '2025-02' });
    expect(await callError(rt(), 'closing.close', { periode: '2025-02' })).toMatchObject({ code: 'CONFLICT', message: 'Februari 2025 sudah ditutup oleh uji.' });
    expect(await call(rt(), 'closing.list', {})).toMatchObject([{ periode: '2025-02', ditutupOleh: 'uji' }]);
  });

  it("locks the month's bank positions, payments dated in it and claims dated in it", async () => {
    const w = await disbursedLoan();
    await call(rt(), 'positions.save', position(w.loanId, '2025-02'));
    await call(rt(), 'closing.close', { periode: '2025-02' });

    expect(await callError(rt(), 'positions.save', { ...position(w.loanId, '2025-02'), kol: 3 })).toEqual({
      code: 'CONFLICT',
      message: 'Posisi bank tidak dapat diubah: bulan Februari 2025 sudah ditutup (tutup buku). Minta admin membukanya kembali bila perlu diubah.',
      fields: { periode: 'Bulan sudah ditutup' },
    });
    const payment = { bankId: w.bankId, periodeAwal: '2025-02', nomorSp2d: 'SP2D/1', tanggalSp2d: '2025-02-28', paguId: w.paguId };
    expect(await callError(rt(), 'subsidy.recordPayment', payment)).toMatchObject({ code: 'CONFLICT', fields: { tanggalSp2d: 'Bulan sudah ditutup' } });
    // February's subsidy may still be paid in March: the payment belongs to March.
    expect(await call(rt(), 'subsidy.recordPayment', { ...payment, tanggalSp2d: '2025-03-05' })).toMatchObject({ jumlah: 71_556 });

    await call(rt(), 'loans.transition', { id: w.loanId, ke: 'macet', tanggal: '2025-02-20' });
    expect(await callError(rt(), 'loans.transition', { id: w.loanId, ke: 'klaim', tanggal: '2025-02-25' })).toMatchObject({
      code: 'CONFLICT',
      fields: { tanggal: 'Bulan sudah ditutup' },
    });
    expect(rt().db.prepare('SELECT kol FROM posisi_bank').get()).toEqual({ kol: 1 });
  });

  it('the database itself refuses a write into a closed month that bypasses the services', async () => {
    const w = await disbursedLoan();
    await call(rt(), 'positions.save', position(w.loanId, '2025-02'));
    await call(rt(), 'closing.close', { periode: '2025-02' });
    expect(() => rt().db.prepare("UPDATE posisi_bank SET kol = 5 WHERE periode = '2025-02'").run()).toThrow('Periode sudah ditutup (tutup buku)');
    expect(() => rt().db.prepare("DELETE FROM posisi_bank WHERE periode = '2025-02'").run()).toThrow('Periode sudah ditutup (tutup buku)');
    expect(() => rt().db.prepare("INSERT INTO pembayaran_premi (penjamin_id, nomor_sp2d, tanggal_sp2d, jumlah) VALUES (1, 'X', '2025-02-03', 5)").run()).toThrow(
      'Periode sudah ditutup (tutup buku)',
    );
  });

  it('reopening needs an admin and a reason, and is in the audit trail', async () => {
    const w = await disbursedLoan();
    await call(rt(), 'closing.close', { periode: '2025-02' });
    const verifier = sessionAs(rt(), 'verifikator', { username: 'budi' });
    expect(await rt().callWithSession(verifier, 'closing.reopen', { periode: '2025-02', alasan: 'Koreksi' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const admin = sessionAs(rt(), 'admin', { username: 'kepala' });
    expect(await rt().callWithSession(admin, 'closing.reopen', { periode: '2025-02', alasan: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await rt().callWithSession(admin, 'closing.reopen', { periode: '2025-02', alasan: 'Bank mengoreksi kol Februari' })).toEqual({ ok: true, value: null });
    await call(rt(), 'positions.save', { ...position(w.loanId, '2025-02'), kol: 2 });
    const reopened = auditRows(rt().db, 'tutup_buku').at(-1)!;
    expect(reopened).toMatchObject({ pengguna: 'kepala', aksi: 'hapus', sesudah: { periode: '2025-02', alasan: 'Bank mengoreksi kol Februari' } });
  });

  it('closes months in order (issue 18, item 15): not October while earlier months with data are open, unless all are closed at once', async () => {
    const w = await disbursedLoan();
    // The books begin in January: the first month holding a bank position.
    await call(rt(), 'positions.save', position(w.loanId, '2025-01'));
    await call(rt(), 'positions.save', position(w.loanId, '2025-02'));
    expect(await call(rt(), 'closing.pending', { periode: '2025-03' })).toEqual(['2025-01', '2025-02']);
    expect(await callError(rt(), 'closing.close', { periode: '2025-03' })).toMatchObject({
      code: 'CONFLICT',
      message: 'Buku ditutup berurutan: Januari 2025, Februari 2025 belum ditutup. Tutup bulan itu lebih dahulu, atau tutup sekaligus sampai Maret 2025.',
    });
    expect(await call(rt(), 'closing.list', {})).toEqual([]);

    // January alone is fine; then March and the February before it, at once, oldest first.
    await call(rt(), 'closing.close', { periode: '2025-01' });
    expect(await call(rt(), 'closing.pending', { periode: '2025-03' })).toEqual(['2025-02']);
    await call(rt(), 'closing.close', { periode: '2025-03', termasukSebelumnya: true });
    expect((await call(rt(), 'closing.list', {})).map((m) => m.periode)).toEqual(['2025-03', '2025-02', '2025-01']);
    expect(auditRows(rt().db, 'tutup_buku').map((a) => (a.sesudah as { periode: string }).periode)).toEqual(['2025-01', '2025-02', '2025-03']);

    // Reopened from the latest back, so a closed month never follows an open one.
    const admin = sessionAs(rt(), 'admin', { username: 'kepala' });
    expect(await rt().callWithSession(admin, 'closing.reopen', { periode: '2025-02', alasan: 'Koreksi' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Maret 2025 masih ditutup; buka kembali dari bulan terakhir yang ditutup, mundur sampai Februari 2025.' },
    });
    expect(await rt().callWithSession(admin, 'closing.reopen', { periode: '2025-03', alasan: 'Koreksi' })).toEqual({ ok: true, value: null });
  });

  it('a database with nothing dated yet may close any past month first', async () => {
    expect(await call(rt(), 'closing.pending', { periode: '2025-03' })).toEqual([]);
    await call(rt(), 'closing.close', { periode: '2025-03' });
    // The books now begin in March: April follows it at once, June needs May and April first.
    expect(await call(rt(), 'closing.pending', { periode: '2025-04' })).toEqual([]);
    expect(await call(rt(), 'closing.pending', { periode: '2025-06' })).toEqual(['2025-04', '2025-05']);
  });
});
