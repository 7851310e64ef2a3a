/**
 * Part of "Periksa keutuhan" (audit.verify): every attachment's kept file is hashed again and
 * compared with the hash recorded in its row — and in its audit entry, since the row could be edited
 * together with the file. Removed attachments are checked too: their files are kept as evidence.
 */
import type { AttachmentFileProblem } from '../../contract';
import { ATTACHMENT_OWNERS } from '../../contract';
import * as repo from '../../../database/repositories/attachments';
import { attachmentDir, checkKept, keptPath } from '../../../database/attachment-files';
import type { ServiceContext } from '../context';
import { listAudit } from '../../../database/repositories/audit';

const ownerLabel = (kind: string) => (ATTACHMENT_OWNERS as Record<string, { label: string }>)[kind]?.label ?? kind;

export function verifyAttachmentFiles(ctx: ServiceContext): { diperiksa: number; masalah: AttachmentFileProblem[] } {
  const dir = attachmentDir(ctx.databasePath);
  const all = repo.allAttachmentFiles(ctx.db);
  const masalah: AttachmentFileProblem[] = [];
  for (const a of all) {
    const name = `lampiran no. ${a.id} "${a.namaBerkas}" (${ownerLabel(a.pemilikJenis)} no. ${a.pemilikId})`;
    const state = checkKept(keptPath(dir, a.sha256, a.tipe), a.sha256);
    let alasan: string | null = null;
    if (state === 'hilang') alasan = `Berkas ${name} hilang dari folder data (${a.sha256}.${a.tipe}).`;
    else if (state === 'berubah') alasan = `Isi berkas ${name} tidak cocok lagi dengan hash yang dicatat: berkas diganti atau diubah di luar aplikasi.`;
    else {
      const entry = listAudit(ctx.db, { entitas: 'lampiran', entitasId: a.id, aksi: 'buat', page: 1, pageSize: 1 }).rows[0];
      const recorded = (entry?.sesudah as { sha256?: unknown } | null)?.sha256;
      if (recorded !== a.sha256) alasan = `Hash ${name} berbeda dengan yang dicatat di jejak audit: catatan lampiran diubah di luar aplikasi.`;
    }
    if (alasan) masalah.push({ id: a.id, namaBerkas: a.namaBerkas, pemilikJenis: a.pemilikJenis, pemilikId: a.pemilikId, alasan });
  }
  return { diperiksa: all.length, masalah };
}
