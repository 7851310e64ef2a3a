/**
 * Attachments (issue 15): each accepted type stored once by its SHA-256 with its audit entry; wrong
 * type, too big and truncated files refused with the file named and nothing stored (no row, no
 * file, no audit entry); a removal recorded, never a deletion; a file replaced behind the app's
 * back (or lost) caught by audit.verify, naming the record.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_MB } from '../../electron/contract';
import { attachmentDir } from '../../database/attachment-files';
import { sha256Hex } from '../../database/attachment-files';
import { seedDemo } from '../../electron/services/demo/seed';
import { auditRows, call, callError, countRows, TODAY, useTempRuntime } from '../helpers/runtime';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'attachments');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const b64 = (bytes: Buffer) => bytes.toString('base64');

const rtOf = useTempRuntime({ prefix: 'gs-lampiran-' });

function setup() {
  const rt = rtOf();
  seedDemo(rt.db, { today: TODAY, loans: 4, months: 3 });
  const loanId = (rt.db.prepare('SELECT min(id) AS id FROM pinjaman').get() as { id: number }).id;
  return { rt, loanId };
}

const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.startsWith('.')) : []);

describe('attachments', () => {
  it('stores a PDF, a JPG and a PNG by content hash, each with its audit entry carrying the hash', async () => {
    const { rt, loanId } = setup();
    const cases = [
      { file: 'akad-pindaian.pdf', tipe: 'pdf', jenis: 'akad' },
      // The type comes from the bytes: a photo sent with a wrong extension is still a JPG.
      { file: 'foto-usaha.jpg', tipe: 'jpg', jenis: 'foto', as: 'foto dari hp.dat' },
      { file: 'ktp.png', tipe: 'png', jenis: 'ktp' },
    ] as const;
    for (const c of cases) {
      const bytes = read(c.file);
      const name = 'as' in c ? c.as : c.file;
      const a = await call(rt, 'attachments.upload', { pemilikJenis: 'pinjaman', pemilikId: loanId, namaBerkas: name, isiBase64: b64(bytes), jenisDokumen: c.jenis });
      expect(a).toMatchObject({ tipe: c.tipe, ukuran: bytes.length, sha256: sha256Hex(bytes), namaBerkas: name, dibuatOleh: 'uji', dihapusPada: null });
      const kept = path.join(attachmentDir(rt.databasePath), `${a.sha256}.${c.tipe}`);
      expect(fs.readFileSync(kept).equals(bytes)).toBe(true);
      const entry = auditRows(rt.db, 'lampiran').find((e) => e.entitasId === a.id)!;
      expect(entry.aksi).toBe('buat');
      expect(entry.sesudah).toMatchObject({ sha256: a.sha256, pemilikJenis: 'pinjaman', pemilikId: loanId });
      const content = await call(rt, 'attachments.content', { id: a.id });
      expect(Buffer.from(content.isiBase64, 'base64').equals(bytes)).toBe(true);
      expect(content.mime).toBe({ pdf: 'application/pdf', jpg: 'image/jpeg', png: 'image/png' }[c.tipe]);
    }
    expect((await call(rt, 'attachments.list', { pemilikJenis: 'pinjaman', pemilikId: loanId })).map((a) => a.tipe)).toEqual(['pdf', 'jpg', 'png']);
    // The same scan on the debtor too: a second record, the file kept once.
    const debtorId = (rt.db.prepare('SELECT debitur_id AS id FROM pinjaman WHERE id = ?').get(loanId) as { id: number }).id;
    await call(rt, 'attachments.upload', { pemilikJenis: 'debitur', pemilikId: debtorId, namaBerkas: 'ktp.png', isiBase64: b64(read('ktp.png')), jenisDokumen: 'ktp' });
    expect(countRows(rt.db, 'lampiran')).toBe(4);
    expect(filesIn(attachmentDir(rt.databasePath))).toHaveLength(3);
  });

  it('refuses a wrong type, a file over the limit and truncated images/PDF, naming the file, storing nothing', async () => {
    const { rt, loanId } = setup();
    const pdf = read('akad-pindaian.pdf');
    const jpg = read('foto-usaha.jpg');
    const png = read('ktp.png');
    // Over the limit by one byte, still a whole PDF (so only the size can refuse it).
    const big = Buffer.concat([pdf.subarray(0, pdf.length - 6), Buffer.alloc(ATTACHMENT_MAX_BYTES - pdf.length + 1, 0x20), pdf.subarray(pdf.length - 6)]);
    expect(big.length).toBe(ATTACHMENT_MAX_BYTES + 1);
    const cases = [
      { name: 'akad.pdf', bytes: Buffer.from('PK\u0003\u0004 a Word file renamed to .pdf'), why: /bukan PDF, JPG atau PNG/ },
      { name: 'surat.docx.pdf', bytes: Buffer.from('Ini teks biasa, bukan pindaian'), why: /bukan PDF, JPG atau PNG/ },
      { name: 'besar.pdf', bytes: big, why: new RegExp(`melebihi batas ${ATTACHMENT_MAX_MB} MB`) },
      { name: 'terpotong.png', bytes: png.subarray(0, png.length - 20), why: /PNG terpotong.*IEND/ },
      { name: 'terpotong.jpg', bytes: jpg.subarray(0, Math.floor(jpg.length / 2)), why: /JPG terpotong.*EOI/ },
      { name: 'terpotong.pdf', bytes: pdf.subarray(0, pdf.length - 200), why: /PDF terpotong.*%%EOF/ },
    ];
    const auditBefore = countRows(rt.db, 'audit_log');
    for (const c of cases) {
      const err = await callError(rt, 'attachments.upload', { pemilikJenis: 'pinjaman', pemilikId: loanId, namaBerkas: c.name, isiBase64: b64(c.bytes), jenisDokumen: 'akad' });
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toContain(`Berkas "${c.name}" ditolak`);
      expect(err.message).toMatch(c.why);
    }
    expect(countRows(rt.db, 'lampiran')).toBe(0);
    expect(countRows(rt.db, 'audit_log')).toBe(auditBefore);
    expect(filesIn(attachmentDir(rt.databasePath))).toEqual([]);
    // Exactly at the limit is accepted.
    const atLimit = Buffer.concat([pdf.subarray(0, pdf.length - 6), Buffer.alloc(ATTACHMENT_MAX_BYTES - pdf.length, 0x20), pdf.subarray(pdf.length - 6)]);
    expect(
      (await call(rt, 'attachments.upload', { pemilikJenis: 'pinjaman', pemilikId: loanId, namaBerkas: 'pas.pdf', isiBase64: b64(atLimit), jenisDokumen: 'akad' })).ukuran,
    ).toBe(ATTACHMENT_MAX_BYTES);
  });

  it('refuses an owner that does not exist, and the database refuses an unknown owner kind and deleting evidence', async () => {
    const { rt } = setup();
    const err = await callError(rt, 'attachments.upload', {
      pemilikJenis: 'tagihan',
      pemilikId: 99999,
      namaBerkas: 'ba.pdf',
      isiBase64: b64(read('akad-pindaian.pdf')),
      jenisDokumen: 'berita_acara',
    });
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toMatch(/tagihan bank no\. 99999 tidak ditemukan/);
    expect(filesIn(attachmentDir(rt.databasePath))).toEqual([]);
    expect(() =>
      rt.db
        .prepare(
          "INSERT INTO lampiran (pemilik_jenis, pemilik_id, nama_berkas, tipe, ukuran, sha256, jenis_dokumen, dibuat_oleh) VALUES ('rahasia', 1, 'x.pdf', 'pdf', 1, ?, 'akad', 'x')",
        )
        .run('a'.repeat(64)),
    ).toThrow(/FOREIGN KEY/);
  });

  it('records a removal with its reason (kept in the trail; the file stays), and the row cannot be deleted or rewritten', async () => {
    const { rt, loanId } = setup();
    const a = await call(rt, 'attachments.upload', {
      pemilikJenis: 'pinjaman',
      pemilikId: loanId,
      namaBerkas: 'salah.jpg',
      isiBase64: b64(read('foto-usaha.jpg')),
      jenisDokumen: 'foto',
    });
    const removed = await call(rt, 'attachments.remove', { id: a.id, alasan: 'Foto debitur lain, salah unggah' });
    expect(removed).toMatchObject({ dihapusOleh: 'uji', alasanHapus: 'Foto debitur lain, salah unggah' });
    expect(await call(rt, 'attachments.list', { pemilikJenis: 'pinjaman', pemilikId: loanId })).toEqual([]);
    expect(await call(rt, 'attachments.list', { pemilikJenis: 'pinjaman', pemilikId: loanId, termasukDihapus: true })).toHaveLength(1);
    const entry = auditRows(rt.db, 'lampiran').at(-1)!;
    expect(entry).toMatchObject({ aksi: 'hapus', entitasId: a.id, sesudah: { sha256: a.sha256, alasanHapus: 'Foto debitur lain, salah unggah' } });
    expect(fs.existsSync(path.join(attachmentDir(rt.databasePath), `${a.sha256}.jpg`))).toBe(true);
    expect((await callError(rt, 'attachments.remove', { id: a.id, alasan: 'lagi' })).code).toBe('CONFLICT');
    expect(() => rt.db.prepare('DELETE FROM lampiran WHERE id = ?').run(a.id)).toThrow(/tidak dapat dihapus/);
    expect(() => rt.db.prepare('UPDATE lampiran SET sha256 = ? WHERE id = ?').run('b'.repeat(64), a.id)).toThrow(/tidak dapat diubah/);
  });

  it("verify catches a file replaced behind the app's back, and a missing one, naming the record", async () => {
    const { rt, loanId } = setup();
    expect((await call(rt, 'audit.verify', {})).ok).toBe(true);
    const akad = await call(rt, 'attachments.upload', {
      pemilikJenis: 'pinjaman',
      pemilikId: loanId,
      namaBerkas: 'akad.pdf',
      isiBase64: b64(read('akad-pindaian.pdf')),
      jenisDokumen: 'akad',
    });
    const foto = await call(rt, 'attachments.upload', {
      pemilikJenis: 'pinjaman',
      pemilikId: loanId,
      namaBerkas: 'usaha.jpg',
      isiBase64: b64(read('foto-usaha.jpg')),
      jenisDokumen: 'foto',
    });
    const ok = await call(rt, 'audit.verify', {});
    expect(ok.ok).toBe(true);
    expect(ok.lampiran).toEqual({ diperiksa: 2, masalah: [] });

    // Someone swaps the akad for another PDF of their own, keeping the name.
    const dir = attachmentDir(rt.databasePath);
    const original = read('akad-pindaian.pdf');
    const other = Buffer.concat([original.subarray(0, 9), Buffer.from('% pindaian lain\n'), original.subarray(9)]);
    expect(sha256Hex(other)).not.toBe(akad.sha256);
    fs.writeFileSync(path.join(dir, `${akad.sha256}.pdf`), other);
    const swapped = await call(rt, 'audit.verify', {});
    expect(swapped.ok).toBe(false);
    expect(swapped.lampiran!.masalah).toHaveLength(1);
    expect(swapped.lampiran!.masalah[0]).toMatchObject({ id: akad.id, namaBerkas: 'akad.pdf', pemilikJenis: 'pinjaman', pemilikId: loanId });
    expect(swapped.firstBroken!.reason).toMatch(new RegExp(`lampiran no\\. ${akad.id} "akad\\.pdf" \\(pinjaman no\\. ${loanId}\\).*tidak cocok lagi`));
    // The app no longer shows it as the akad.
    expect((await callError(rt, 'attachments.content', { id: akad.id })).message).toMatch(/tidak cocok lagi/);

    // And one goes missing.
    fs.rmSync(path.join(dir, `${foto.sha256}.jpg`));
    const both = await call(rt, 'audit.verify', {});
    expect(both.lampiran!.masalah.map((m) => [m.id, /hilang/.test(m.alasan)])).toEqual([
      [akad.id, false],
      [foto.id, true],
    ]);

    // Editing the row's hash to match the swapped file is caught by the trail's copy of the hash.
    fs.writeFileSync(path.join(dir, `${foto.sha256}.jpg`), read('foto-usaha.jpg'));
    rt.db.exec('DROP TRIGGER lampiran_tetap');
    rt.db.prepare('UPDATE lampiran SET sha256 = ? WHERE id = ?').run(sha256Hex(other), akad.id);
    fs.renameSync(path.join(dir, `${akad.sha256}.pdf`), path.join(dir, `${sha256Hex(other)}.pdf`));
    const edited = await call(rt, 'audit.verify', {});
    expect(edited.ok).toBe(false);
    expect(edited.lampiran!.masalah.map((m) => m.id)).toEqual([akad.id]);
    expect(edited.lampiran!.masalah[0]!.alasan).toMatch(/jejak audit/);
  });
});
