/**
 * Documents attached to records (scanned akad, KTP, signed berita acara, SP2D, photos) and the
 * auditor's bundle (one ZIP per claim or month). See docs/attachments.md.
 *
 * Uploads travel as base64 like imported files (within UPLOAD_BASE64_MAX, the transport's cap);
 * the attachment limit ATTACHMENT_MAX_MB is stated on screen before sending and enforced in main,
 * with a message naming the file.
 */
import { z } from 'zod';
import { id, optionalText, requiredText, returns } from './common';
import { UPLOAD_BASE64_MAX } from './imports';

/** The largest attachment, in MB: a 300 dpi colour scan of a 10-page akad fits, a video does not. */
export const ATTACHMENT_MAX_MB = 10;
export const ATTACHMENT_MAX_BYTES = ATTACHMENT_MAX_MB * 1024 * 1024;

/**
 * The kinds of record an attachment may belong to, and the table that holds them (the owner must
 * exist). A new owner kind is one line here plus its row in lampiran_pemilik_jenis (migration
 * attachments). Who may attach to a kind may be narrowed further in access.ts
 * (ATTACHMENT_OWNER_WRITE: a visit's photos by whoever records visits).
 */
export const ATTACHMENT_OWNERS = {
  debitur: { tabel: 'debitur', label: 'debitur' },
  pinjaman: { tabel: 'pinjaman', label: 'pinjaman' },
  tagihan: { tabel: 'tagihan', label: 'tagihan bank' },
  pembayaran: { tabel: 'pembayaran', label: 'pembayaran subsidi (SP2D)' },
  pembayaran_premi: { tabel: 'pembayaran_premi', label: 'pembayaran premi (SP2D)' },
  sk_penerima: { tabel: 'sk_penerima', label: 'SK penerima' },
  kunjungan: { tabel: 'kunjungan_monev', label: 'kunjungan monev' },
} as const;
export type AttachmentOwnerKind = keyof typeof ATTACHMENT_OWNERS;
export const ATTACHMENT_OWNER_KINDS = Object.keys(ATTACHMENT_OWNERS) as [AttachmentOwnerKind, ...AttachmentOwnerKind[]];

export const DOCUMENT_KINDS = ['akad', 'ktp', 'berita_acara', 'sp2d', 'foto', 'lainnya'] as const;
export type AttachmentDocumentKind = (typeof DOCUMENT_KINDS)[number];
export const ATTACHMENT_TYPES = ['pdf', 'jpg', 'png'] as const;

export interface Attachment {
  id: number;
  pemilikJenis: AttachmentOwnerKind;
  pemilikId: number;
  namaBerkas: string;
  tipe: (typeof ATTACHMENT_TYPES)[number];
  ukuran: number;
  sha256: string;
  jenisDokumen: AttachmentDocumentKind;
  catatan: string | null;
  dibuatOleh: string;
  dibuatPada: string;
  /** Set when removed: the record and its file are kept as evidence; the list hides it unless asked. */
  dihapusOleh: string | null;
  dihapusPada: string | null;
  alasanHapus: string | null;
}

export interface AttachmentContent {
  namaBerkas: string;
  mime: string;
  isiBase64: string;
}

export interface AuditBundle {
  namaBerkas: string;
  mime: 'application/zip';
  isiBase64: string;
  /** What is inside, for the message on screen. */
  jumlahTagihan: number;
  jumlahLampiran: number;
  jumlahEntriJejak: number;
  /** Why a berita acara PDF is missing (no PDF printer where the app runs), else null. */
  catatanPdf: string | null;
}

const owner = {
  pemilikJenis: z.enum(ATTACHMENT_OWNER_KINDS, { error: 'Jenis pemilik lampiran tidak dikenal' }),
  pemilikId: id,
};
const periode = z.string({ error: 'Periode wajib diisi' }).regex(/^[12]\d{3}-(0[1-9]|1[0-2])$/, 'Periode ditulis seperti 2025-10');

export const attachmentsContract = {
  /** The attachments of one record, oldest first (removed ones only when asked). */
  'attachments.list': {
    input: z.object({ ...owner, termasukDihapus: z.boolean().default(false) }),
    output: returns<Attachment[]>(),
  },
  /**
   * Attaches a file: type from its content (PDF, JPG, PNG), whole, at most ATTACHMENT_MAX_MB; kept
   * by SHA-256, recorded with its audit entry in one transaction. A refusal names the file and why.
   */
  'attachments.upload': {
    input: z.object({
      ...owner,
      namaBerkas: requiredText('Nama berkas', 200),
      // The transport's cap; the attachment limit is checked in main, with the file's name.
      isiBase64: z.string().min(1, 'Berkas kosong (0 bita).').max(UPLOAD_BASE64_MAX, `Berkas terlalu besar (paling besar ${ATTACHMENT_MAX_MB} MB)`),
      jenisDokumen: z.enum(DOCUMENT_KINDS, { error: 'Pilih jenis dokumen' }),
      catatan: optionalText(500),
    }),
    output: returns<Attachment>(),
  },
  /** The bytes of an attachment (to view or download); refused when the kept file no longer matches its hash. */
  'attachments.content': { input: z.object({ id }), output: returns<AttachmentContent>() },
  /** Records the removal (who, when, why) in the row and the trail; the file is kept as evidence. */
  'attachments.remove': {
    input: z.object({ id, alasan: requiredText('Alasan menghapus', 300) }),
    output: returns<Attachment>(),
  },
  /**
   * The auditor's bundle: a ZIP for one claim (tagihanId) or for a month's claims and SP2Ds
   * (periode): berita acara PDF, lines XLSX, the attachments, an extract of the audit trail with
   * the chain's end hash, and BACA-SAYA.txt on how to check it.
   */
  'attachments.bundle': {
    input: z.union([z.object({ tagihanId: id }), z.object({ periode })], { error: 'Pilih tagihan atau periode' }),
    output: returns<AuditBundle>(),
  },
} as const;
