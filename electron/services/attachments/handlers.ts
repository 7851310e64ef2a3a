/**
 * Attachments: upload (type from the content, whole, within the limit, kept by SHA-256, recorded
 * with its audit entry in one transaction), list, content (checked against its hash before it is
 * served), removal (recorded, never deleted) and the auditor's bundle.
 */
import fs from 'node:fs';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_MB,
  ATTACHMENT_OWNERS,
  ROLE_LABEL,
  attachmentWriteRoles,
  type Attachment,
  type AttachmentContent,
  type AttachmentOwnerKind,
} from '../../contract';
import * as repo from '../../../database/repositories/attachments';
import { appendAudit } from '../../../database/repositories/audit';
import { attachmentDir, checkKept, keepBytes, keptPath, sha256Hex } from '../../../database/attachment-files';
import { recogniseAttachment, TYPE_MIME } from '../../domain/attachment-file';
import { formatDecimal } from '../../domain/format';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import type { HandlersFor } from '../index';
import { buildBundle } from './bundle';

const megabytes = (bytes: number) => `${formatDecimal(bytes / (1024 * 1024), 1)} MB`;

/** What the audit entry of an attachment says: enough to tie the file on disk to the trail. */
export const auditView = (a: Attachment) => ({
  pemilikJenis: a.pemilikJenis,
  pemilikId: a.pemilikId,
  namaBerkas: a.namaBerkas,
  tipe: a.tipe,
  ukuran: a.ukuran,
  sha256: a.sha256,
  jenisDokumen: a.jenisDokumen,
  catatan: a.catatan,
  ...(a.dihapusPada ? { dihapusOleh: a.dihapusOleh, dihapusPada: a.dihapusPada, alasanHapus: a.alasanHapus } : {}),
});

function requireOwner(ctx: ServiceContext, kind: AttachmentOwnerKind, ownerId: number): void {
  const spec = ATTACHMENT_OWNERS[kind];
  if (!repo.ownerExists(ctx.db, spec.tabel, ownerId)) throw new ServiceError('NOT_FOUND', `Data ${spec.label} no. ${ownerId} tidak ditemukan; lampiran tidak disimpan.`);
}

/**
 * The gate let the caller in by attachments.upload/remove; some owner kinds narrow it to those who
 * write the record itself (access.ts, ATTACHMENT_OWNER_WRITE: a visit's photos by whoever records
 * visits). Trusted callers (CLI, tests as 'sistem') have every right.
 */
function requireWriter(ctx: ServiceContext, kind: AttachmentOwnerKind): void {
  const role = ctx.caller().role;
  if (role === 'sistem') return;
  const roles = attachmentWriteRoles(kind);
  if (roles.includes(role)) return;
  const who = roles.map((r) => ROLE_LABEL[r]).join(' atau ');
  throw new ServiceError('FORBIDDEN', `Lampiran ${ATTACHMENT_OWNERS[kind].label} dicatat dan dihapus oleh ${who}, bukan ${ROLE_LABEL[role]}.`);
}

function requireAttachment(ctx: ServiceContext, id: number): Attachment {
  const a = repo.getAttachment(ctx.db, id);
  if (!a) throw new ServiceError('NOT_FOUND', `Lampiran no. ${id} tidak ditemukan.`);
  return a;
}

export function attachmentHandlers(ctx: ServiceContext): HandlersFor<'attachments'> {
  const dir = attachmentDir(ctx.databasePath);
  return {
    'attachments.list': async ({ pemilikJenis, pemilikId, termasukDihapus }) => repo.listAttachments(ctx.db, pemilikJenis, pemilikId, termasukDihapus),

    'attachments.upload': async (input) => {
      requireWriter(ctx, input.pemilikJenis);
      const name = input.namaBerkas;
      const refuse = (why: string) => new ServiceError('VALIDATION', `Berkas "${name}" ditolak: ${why}`, { isiBase64: `Berkas "${name}" ditolak: ${why}` });
      const bytes = Buffer.from(input.isiBase64, 'base64');
      // Checked first, before anything is read or kept: the limit is the one the screen states.
      if (bytes.length > ATTACHMENT_MAX_BYTES)
        throw refuse(`ukurannya ${megabytes(bytes.length)}, melebihi batas ${ATTACHMENT_MAX_MB} MB. Perkecil resolusi pindaian atau bagi dokumennya.`);
      const verdict = recogniseAttachment(bytes);
      if (!verdict.ok) throw refuse(verdict.alasan);
      requireOwner(ctx, input.pemilikJenis, input.pemilikId);
      const sha = sha256Hex(bytes);
      // The file first (content-named, so a file without a row is harmless and is used again by the
      // next upload of that content); then the row and its audit entry in one transaction. If the
      // transaction fails, a file written just now is taken away again.
      const written = keepBytes(dir, sha, verdict.tipe, bytes);
      try {
        return ctx.db.transaction(() => {
          const id = repo.insertAttachment(ctx.db, {
            pemilikJenis: input.pemilikJenis,
            pemilikId: input.pemilikId,
            namaBerkas: name,
            tipe: verdict.tipe,
            ukuran: bytes.length,
            sha256: sha,
            jenisDokumen: input.jenisDokumen,
            catatan: input.catatan,
            dibuatOleh: ctx.user,
          });
          const row = repo.getAttachment(ctx.db, id)!;
          appendAudit(ctx.db, { user: ctx.user, action: 'buat', entity: 'lampiran', entityId: id, after: auditView(row) });
          return row;
        })();
      } catch (err) {
        if (written) removeIfUnused(ctx, dir, sha, verdict.tipe);
        throw err;
      }
    },

    'attachments.content': async ({ id }): Promise<AttachmentContent> => {
      const a = requireAttachment(ctx, id);
      const file = keptPath(dir, a.sha256, a.tipe);
      const state = checkKept(file, a.sha256);
      if (state === 'hilang')
        throw new ServiceError(
          'NOT_FOUND',
          `Berkas lampiran "${a.namaBerkas}" (no. ${a.id}) tidak ada lagi di folder data. Jalankan Periksa keutuhan di Jejak Audit; pulihkan dari cadangan.`,
        );
      if (state === 'berubah')
        throw new ServiceError(
          'CONFLICT',
          `Isi berkas lampiran "${a.namaBerkas}" (no. ${a.id}) tidak cocok lagi dengan hash yang dicatat: berkas diganti di luar aplikasi dan tidak ditampilkan.`,
        );
      const bytes = fs.readFileSync(file);
      return { namaBerkas: a.namaBerkas, mime: TYPE_MIME[a.tipe], isiBase64: bytes.toString('base64') };
    },

    'attachments.remove': async ({ id, alasan }) =>
      ctx.db.transaction(() => {
        const before = requireAttachment(ctx, id);
        requireWriter(ctx, before.pemilikJenis);
        if (before.dihapusPada) throw new ServiceError('CONFLICT', `Lampiran "${before.namaBerkas}" sudah dihapus oleh ${before.dihapusOleh}.`);
        repo.markAttachmentRemoved(ctx.db, id, ctx.user, alasan);
        const after = repo.getAttachment(ctx.db, id)!;
        appendAudit(ctx.db, { user: ctx.user, action: 'hapus', entity: 'lampiran', entityId: id, before: auditView(before), after: auditView(after) });
        return after;
      })(),

    'attachments.bundle': async (input) => buildBundle(ctx, input),
  };
}

/** After a failed insert: the file goes again unless another record holds the same content. */
function removeIfUnused(ctx: ServiceContext, dir: string, sha: string, tipe: string): void {
  if (repo.shaInUse(ctx.db, sha)) return;
  fs.rmSync(keptPath(dir, sha, tipe), { force: true });
}
