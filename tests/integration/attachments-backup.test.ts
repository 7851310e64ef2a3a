/**
 * Backups carry the attachment files (cadangan/lampiran/, content-named, one copy for all backups)
 * and a restore puts them back into the data folder: a round trip on a "new PC" whose data folder
 * lost its lampiran/ folder, and a restore onto a folder where a file was swapped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { attachmentDir, sha256Hex } from '../../database/attachment-files';
import { seedDemo } from '../../electron/services/demo/seed';
import { call, TODAY, useTempRuntime } from '../helpers/runtime';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'attachments');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const rtOf = useTempRuntime({ prefix: 'gs-lampiran-cadangan-' });

it('a backup carries the attachments and a restore puts them back, byte for byte, so verify holds', async () => {
  const rt = rtOf();
  seedDemo(rt.db, { today: TODAY, loans: 3, months: 2 });
  const loanId = (rt.db.prepare('SELECT min(id) AS id FROM pinjaman').get() as { id: number }).id;
  const files = ['akad-pindaian.pdf', 'foto-usaha.jpg', 'ktp.png'];
  const uploaded = [];
  for (const f of files) {
    uploaded.push(
      await call(rt, 'attachments.upload', { pemilikJenis: 'pinjaman', pemilikId: loanId, namaBerkas: f, isiBase64: read(f).toString('base64'), jenisDokumen: 'lainnya' }),
    );
  }
  const backup = await call(rt, 'backup.create', {});
  expect(backup.lampiranTidakTerbawa).toBeUndefined();
  const store = path.join(path.dirname(backup.path), 'lampiran');
  expect(fs.readdirSync(store).sort()).toEqual(uploaded.map((a) => `${a.sha256}.${a.tipe}`).sort());

  // After the backup: one more attachment, then the data folder loses every file (a new PC, a wiped folder).
  const later = await call(rt, 'attachments.upload', {
    pemilikJenis: 'pinjaman',
    pemilikId: loanId,
    namaBerkas: 'ba.pdf',
    isiBase64: Buffer.concat([read('akad-pindaian.pdf').subarray(0, 9), Buffer.from('% lain\n'), read('akad-pindaian.pdf').subarray(9)]).toString('base64'),
    jenisDokumen: 'berita_acara',
  });
  fs.rmSync(attachmentDir(rt.databasePath), { recursive: true });
  expect((await call(rt, 'audit.verify', {})).ok).toBe(false);

  const restored = await call(rt, 'backup.restore', { name: backup.name });
  expect(restored.lampiran).toEqual({ dipulihkan: 3, tidakAda: 0 });
  // The restored data names the three; the fourth (after the backup) is not in it.
  const list = await call(rt, 'attachments.list', { pemilikJenis: 'pinjaman', pemilikId: loanId });
  expect(list.map((a) => a.namaBerkas)).toEqual(files);
  for (const [i, f] of files.entries()) {
    const content = await call(rt, 'attachments.content', { id: list[i]!.id });
    expect(sha256Hex(Buffer.from(content.isiBase64, 'base64'))).toBe(sha256Hex(read(f)));
  }
  const verify = await call(rt, 'audit.verify', {});
  expect(verify.ok).toBe(true);
  expect(verify.lampiran).toEqual({ diperiksa: 3, masalah: [] });
  expect(list.some((a) => a.sha256 === later.sha256)).toBe(false);
});

it('a swapped file is not carried into a backup under its content name, and the backup says how many were left behind', async () => {
  const rt = rtOf();
  seedDemo(rt.db, { today: TODAY, loans: 2, months: 2 });
  const loanId = (rt.db.prepare('SELECT min(id) AS id FROM pinjaman').get() as { id: number }).id;
  const a = await call(rt, 'attachments.upload', {
    pemilikJenis: 'pinjaman',
    pemilikId: loanId,
    namaBerkas: 'ktp.png',
    isiBase64: read('ktp.png').toString('base64'),
    jenisDokumen: 'ktp',
  });
  fs.writeFileSync(path.join(attachmentDir(rt.databasePath), `${a.sha256}.png`), read('foto-usaha.jpg'));
  const backup = await call(rt, 'backup.create', {});
  expect(backup.lampiranTidakTerbawa).toBe(1);
  expect(fs.existsSync(path.join(path.dirname(backup.path), 'lampiran', `${a.sha256}.png`))).toBe(false);
});
