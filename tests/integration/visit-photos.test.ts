/**
 * Photos on monitoring visits (issue 15): a visit owns attachments ('kunjungan'), counted on the
 * loan's visit list and on the evaluation's latest visit; attaching to a visit that does not exist
 * is refused with nothing stored; only those who record visits attach to them (not the verifier,
 * who may attach elsewhere); a bank's liaison officer sees no attachments at all, and not another
 * bank's loan.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachmentDir } from '../../database/attachment-files';
import { seedDemo } from '../../electron/services/demo/seed';
import { auditRows, call, callError, countRows, sessionAs, TODAY, useTempRuntime, type TempRuntime } from '../helpers/runtime';

const JPG = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'attachments', 'foto-usaha.jpg'));
const PNG = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'attachments', 'ktp.png'));
const rtOf = useTempRuntime({ prefix: 'gs-foto-kunjungan-' });

interface Loan {
  id: number;
  bank_id: number;
  tanggal_pencairan: string;
}

async function setup(rt: TempRuntime) {
  seedDemo(rt.db, { today: TODAY, loans: 6, months: 3 });
  const loan = rt.db.prepare("SELECT id, bank_id, tanggal_pencairan FROM pinjaman WHERE status = 'aktif' ORDER BY id LIMIT 1").get() as Loan;
  const otherBank = (rt.db.prepare('SELECT id FROM bank WHERE id <> ? ORDER BY id LIMIT 1').get(loan.bank_id) as { id: number }).id;
  // The visit is the loan's latest: today, after anything the demo may have recorded.
  const visit = await call(rt, 'monev.save', {
    pinjamanId: loan.id,
    tanggal: TODAY,
    petugas: 'Rina (lapangan)',
    omzetBulanan: 7_500_000,
    pekerjaDibayar: 2,
    pekerjaKeluarga: 1,
    statusUsaha: 'berkembang',
    danaSesuai: true,
  });
  return { loan, otherBank, visit };
}

const asUser = (rt: TempRuntime, token: string) => (channel: string, input: unknown) => rt.callWithSession(token, channel, input);

describe('photos on monitoring visits', () => {
  it('attach to a visit: listed, counted on the loan and on the evaluation row of its latest visit; a removed one is no longer counted', async () => {
    const rt = rtOf();
    const { loan, visit } = await setup(rt);
    expect(visit.jumlahLampiran).toBe(0);
    const operator = asUser(rt, sessionAs(rt, 'operator'));
    const up = (nama: string, bytes: Buffer) =>
      operator('attachments.upload', { pemilikJenis: 'kunjungan', pemilikId: visit.id, namaBerkas: nama, isiBase64: bytes.toString('base64'), jenisDokumen: 'foto' });

    const first = await up('warung-depan.jpg', JPG);
    expect(first).toMatchObject({ ok: true, value: { pemilikJenis: 'kunjungan', pemilikId: visit.id, tipe: 'jpg', dibuatOleh: 'uji-operator' } });
    expect((await up('papan-nama.png', PNG)).ok).toBe(true);
    const listed = await call(rt, 'attachments.list', { pemilikJenis: 'kunjungan', pemilikId: visit.id });
    expect(listed.map((a) => a.namaBerkas)).toEqual(['warung-depan.jpg', 'papan-nama.png']);
    expect(auditRows(rt.db, 'lampiran').map((e) => e.sesudah)).toEqual([
      expect.objectContaining({ pemilikJenis: 'kunjungan', pemilikId: visit.id, namaBerkas: 'warung-depan.jpg' }),
      expect.objectContaining({ pemilikJenis: 'kunjungan', pemilikId: visit.id, namaBerkas: 'papan-nama.png' }),
    ]);

    const onLoan = await call(rt, 'monev.loan', { pinjamanId: loan.id });
    expect(onLoan.kunjungan.find((k) => k.id === visit.id)?.jumlahLampiran).toBe(2);
    // Other visits of the loan (the demo's) have none.
    expect(onLoan.kunjungan.filter((k) => k.id !== visit.id).every((k) => k.jumlahLampiran === 0)).toBe(true);
    const tahun = Number(loan.tanggal_pencairan.slice(0, 4));
    const row = (await call(rt, 'monev.evaluation', { tahun })).rows.find((r) => r.pinjamanId === loan.id)!;
    expect(row).toMatchObject({ kunjunganId: visit.id, kunjunganTanggal: TODAY, kunjunganLampiran: 2 });
    // The visit's own audit entry is the visit's data, not its photo count.
    const visitEntry = auditRows(rt.db, 'kunjungan_monev').find((e) => e.entitasId === visit.id)!;
    expect(visitEntry.sesudah).not.toHaveProperty('jumlahLampiran');

    await call(rt, 'attachments.remove', { id: first.ok ? (first.value as { id: number }).id : 0, alasan: 'foto buram' });
    expect((await call(rt, 'monev.loan', { pinjamanId: loan.id })).kunjungan.find((k) => k.id === visit.id)?.jumlahLampiran).toBe(1);
    expect((await call(rt, 'monev.evaluation', { tahun })).rows.find((r) => r.pinjamanId === loan.id)?.kunjunganLampiran).toBe(1);
  });

  it('refuses a visit that does not exist, storing nothing', async () => {
    const rt = rtOf();
    await setup(rt);
    const before = { rows: countRows(rt.db, 'lampiran'), audit: countRows(rt.db, 'audit_log') };
    const err = await callError(rt, 'attachments.upload', {
      pemilikJenis: 'kunjungan',
      pemilikId: 999_999,
      namaBerkas: 'foto.jpg',
      isiBase64: JPG.toString('base64'),
      jenisDokumen: 'foto',
    });
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'Data kunjungan monev no. 999999 tidak ditemukan; lampiran tidak disimpan.' });
    expect({ rows: countRows(rt.db, 'lampiran'), audit: countRows(rt.db, 'audit_log') }).toEqual(before);
    const dir = attachmentDir(rt.databasePath);
    expect(fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.startsWith('.')) : []).toEqual([]);
  });

  it('only those who record visits attach to or remove from them: the verifier reads them, attaches to a loan, not to a visit', async () => {
    const rt = rtOf();
    const { loan, visit } = await setup(rt);
    const photo = { pemilikJenis: 'kunjungan', pemilikId: visit.id, namaBerkas: 'foto.jpg', isiBase64: JPG.toString('base64'), jenisDokumen: 'foto' };
    const verifier = asUser(rt, sessionAs(rt, 'verifikator'));
    expect(await verifier('attachments.upload', photo)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Lampiran kunjungan monev dicatat dan dihapus oleh Admin atau Operator, bukan Verifikator.' },
    });
    expect(countRows(rt.db, 'lampiran')).toBe(0);
    // Elsewhere the verifier still attaches (the SP2D scans): the narrowing is for visits only.
    expect((await verifier('attachments.upload', { ...photo, pemilikJenis: 'pinjaman', pemilikId: loan.id })).ok).toBe(true);

    const admin = asUser(rt, sessionAs(rt, 'admin'));
    const kept = await admin('attachments.upload', photo);
    expect(kept.ok).toBe(true);
    const id = (kept as { value: { id: number } }).value.id;
    expect(await verifier('attachments.remove', { id, alasan: 'salah' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await verifier('attachments.list', { pemilikJenis: 'kunjungan', pemilikId: visit.id })).toMatchObject({ ok: true, value: [expect.objectContaining({ id })] });
    const monitor = asUser(rt, sessionAs(rt, 'pemantau'));
    expect((await monitor('attachments.content', { id })).ok).toBe(true);
    expect(await monitor('attachments.upload', photo)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it("a bank's liaison officer of another bank sees neither the visit nor its photos", async () => {
    const rt = rtOf();
    const { loan, otherBank, visit } = await setup(rt);
    const a = await call(rt, 'attachments.upload', {
      pemilikJenis: 'kunjungan',
      pemilikId: visit.id,
      namaBerkas: 'foto.jpg',
      isiBase64: JPG.toString('base64'),
      jenisDokumen: 'foto',
    });
    const other = asUser(rt, sessionAs(rt, 'bank', { username: 'bank-lain', bankId: otherBank }));
    expect(await other('attachments.list', { pemilikJenis: 'kunjungan', pemilikId: visit.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await other('attachments.content', { id: a.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Not the count either: the loan's visits are refused for another bank.
    expect(await other('monev.loan', { pinjamanId: loan.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const list = await other('monev.list', {});
    expect(list.ok && (list.value as { rows: { id: number }[] }).rows.some((r) => r.id === visit.id)).toBe(false);
    // Their own bank's officer sees the visit and its count, not the photos (a bank sees no attachments).
    const own = asUser(rt, sessionAs(rt, 'bank', { username: 'bank-sendiri', bankId: loan.bank_id }));
    const mine = await own('monev.loan', { pinjamanId: loan.id });
    expect(mine.ok && (mine.value as { kunjungan: { id: number; jumlahLampiran: number }[] }).kunjungan.find((k) => k.id === visit.id)?.jumlahLampiran).toBe(1);
    expect(await own('attachments.content', { id: a.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
