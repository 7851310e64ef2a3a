/**
 * The auditor's bundle: one ZIP for a claim (tagihan) or a month, with
 *   BACA-SAYA.txt                     what is inside and how to check the audit extract
 *   tagihan-<id>/berita-acara.pdf     the berita acara through the document path (or a note why not)
 *   tagihan-<id>/baris-tagihan.xlsx   the claim's lines (the rekonsiliasiBaris document)
 *   lampiran/<kind>-<id>/<no>-<name>  the attachments of the records involved, checked against their hash
 *   DAFTAR-LAMPIRAN.csv               each attachment's record, hash and place in the ZIP
 *   jejak-audit.json                  the audit entries of those records and the chain's spine to its end
 */
import fs from 'node:fs';
import JSZip from 'jszip';
import { unparse } from 'papaparse';
import type { Attachment, AuditBundle } from '../../contract';
import * as repo from '../../../database/repositories/attachments';
import { HASH_FORMAT } from '../../../database/repositories/audit';
import { auditChainEnd, auditEntriesOf, auditSpine } from '../../../database/repositories/audit-extract';
import { getClaimHeader } from '../../../database/repositories/claims';
import { attachmentDir, checkKept, keptPath } from '../../../database/attachment-files';
import { formatDateLong, formatPeriod } from '../../domain/format';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { buildDocument, renderDocument } from '../documents/render';
import { EXTRACT_FILE, EXTRACT_FORMAT, type AuditExtract } from './audit-extract';

export const README_FILE = 'BACA-SAYA.txt';
export const ATTACHMENT_LIST_FILE = 'DAFTAR-LAMPIRAN.csv';
export const NO_PDF_FILE = 'berita-acara-TIDAK-ADA.txt';

/** A name safe in every ZIP tool and file system (the name as given stays in the list). */
const safeName = (name: string) =>
  name
    .replace(/[^\w.\- ]+/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 120);

/**
 * Which attachment owners' records an entity's ids are (bundle records → attachment owner kinds).
 * Not 'kunjungan': the bundle is the papers behind payments; a monitoring visit's photos are the
 * evaluation's evidence and pay nothing (docs/attachments.md).
 */
const OWNER_OF = ['tagihan', 'pembayaran', 'pembayaran_premi', 'pinjaman', 'debitur'] as const;

export async function buildBundle(ctx: ServiceContext, input: { tagihanId: number } | { periode: string }): Promise<AuditBundle> {
  const { db } = ctx;
  // One read snapshot: the lines, the attachments and the trail describe the same moment.
  const snapshot = db
    .transaction(() => {
      let records: repo.BundleRecords;
      let title: string;
      let fileName: string;
      if ('tagihanId' in input) {
        if (!repo.claimExists(db, input.tagihanId)) throw new ServiceError('NOT_FOUND', `Tagihan no. ${input.tagihanId} tidak ditemukan.`);
        records = repo.recordsOfClaim(db, input.tagihanId);
        const h = getClaimHeader(db, input.tagihanId)!;
        title = `tagihan no. ${h.id} (${h.bankNama}, ${formatPeriod(h.periodeAwal.slice(0, 7))}${h.periodeAkhir !== h.periodeAwal ? ` s.d. ${formatPeriod(h.periodeAkhir.slice(0, 7))}` : ''})`;
        fileName = `bundel-audit-tagihan-${h.id}.zip`;
      } else {
        records = repo.recordsOfMonth(db, input.periode);
        if (records.tagihan.length === 0 && records.pembayaran_premi.length === 0) {
          throw new ServiceError('NOT_FOUND', `Tidak ada tagihan atau SP2D pada periode ${formatPeriod(input.periode)}; bundel tidak dibuat.`);
        }
        title = `periode ${formatPeriod(input.periode)}`;
        fileName = `bundel-audit-${input.periode}.zip`;
      }
      const attachments: Attachment[] = OWNER_OF.flatMap((kind) => repo.attachmentsOfOwners(db, kind, records[kind]));
      const entries = auditEntriesOf(db, { records: { ...records, lampiran: attachments.map((a) => a.id) }, claimIds: records.tagihan });
      const end = auditChainEnd(db);
      const spine = entries.length > 0 ? auditSpine(db, entries[0]!.id) : [];
      const headers = records.tagihan.map((id) => getClaimHeader(db, id)!);
      return { records, title, fileName, attachments, entries, end, spine, headers };
    })
    .deferred();

  const zip = new JSZip();
  const notes: string[] = [];
  let pdfNote: string | null = null;

  for (const h of snapshot.headers) {
    const folder = `tagihan-${h.id}`;
    try {
      const pdf = await renderDocument(ctx, await buildDocument(ctx, { jenis: 'beritaAcaraRekonsiliasi', tagihanId: h.id }), 'pdf');
      zip.file(`${folder}/berita-acara.pdf`, pdf.isiBase64!, { base64: true });
    } catch (err) {
      // No PDF printer where the app runs (or it failed): said in the bundle, never silently left out.
      const why = err instanceof Error ? err.message : String(err);
      pdfNote = `Berita acara PDF tidak dapat dibuat di sini: ${why}`;
      zip.file(
        `${folder}/${NO_PDF_FILE}`,
        `Berita acara rekonsiliasi tagihan no. ${h.id} tidak disertakan sebagai PDF.\r\nAlasan: ${why}\r\nCetak dari aplikasi: Tagihan & Rekonsiliasi → tagihan no. ${h.id} → Berita acara → Simpan PDF.\r\n`,
      );
    }
    const xlsx = await renderDocument(ctx, await buildDocument(ctx, { jenis: 'rekonsiliasiBaris', tagihanId: h.id }), 'xlsx');
    zip.file(`${folder}/baris-tagihan.xlsx`, xlsx.isiBase64!, { base64: true });
  }

  const dir = attachmentDir(ctx.databasePath);
  const listRows: (string | number)[][] = [];
  for (const a of snapshot.attachments) {
    const file = keptPath(dir, a.sha256, a.tipe);
    const state = checkKept(file, a.sha256);
    const inZip = `lampiran/${a.pemilikJenis}-${a.pemilikId}/${a.id}-${safeName(a.namaBerkas)}`;
    if (state === 'ok') zip.file(inZip, fs.readFileSync(file));
    else
      notes.push(
        `Lampiran no. ${a.id} "${a.namaBerkas}" (${a.pemilikJenis} no. ${a.pemilikId}) TIDAK disertakan: berkasnya ${state === 'hilang' ? 'hilang dari folder data' : 'berubah (tidak cocok dengan hash yang dicatat)'}.`,
      );
    listRows.push([
      a.id,
      a.pemilikJenis,
      a.pemilikId,
      a.namaBerkas,
      a.jenisDokumen,
      a.tipe,
      a.ukuran,
      a.sha256,
      a.dibuatOleh,
      a.dibuatPada,
      state === 'ok' ? inZip : `TIDAK DISERTAKAN (${state})`,
    ]);
  }
  zip.file(
    ATTACHMENT_LIST_FILE,
    unparse(
      {
        fields: ['No lampiran', 'Pemilik', 'ID pemilik', 'Nama berkas', 'Jenis dokumen', 'Tipe', 'Ukuran (bita)', 'SHA-256', 'Diunggah oleh', 'Diunggah pada', 'Dalam ZIP'],
        data: listRows,
      },
      { delimiter: ';', newline: '\r\n', escapeFormulae: true },
    ),
  );

  const extract: AuditExtract = {
    format: EXTRACT_FORMAT,
    formatHash: HASH_FORMAT,
    dibuat: new Date(ctx.now()).toISOString(),
    ujung: snapshot.end,
    entri: snapshot.entries,
    rantai: snapshot.spine,
  };
  zip.file(EXTRACT_FILE, JSON.stringify(extract, null, 1));
  zip.file(
    README_FILE,
    readme(
      ctx,
      snapshot.title,
      snapshot.headers.map((h) => h.id),
      snapshot.attachments.length,
      extract,
      pdfNote,
      notes,
    ),
  );

  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  return {
    namaBerkas: snapshot.fileName,
    mime: 'application/zip',
    isiBase64: bytes.toString('base64'),
    jumlahTagihan: snapshot.headers.length,
    jumlahLampiran: snapshot.attachments.length,
    jumlahEntriJejak: snapshot.entries.length,
    catatanPdf: pdfNote,
  };
}

/** BACA-SAYA.txt: Indonesian, CRLF (opened in Notepad on the auditor's PC). */
function readme(ctx: ServiceContext, title: string, claimIds: number[], attachmentCount: number, extract: AuditExtract, pdfNote: string | null, notes: string[]): string {
  const lines = [
    `BUNDEL AUDIT — PROGRAM GERBANG SERASAN`,
    `Untuk: ${title}`,
    `Dibuat: ${formatDateLong(ctx.today())} oleh ${ctx.user}`,
    '',
    'ISI',
    ...claimIds.map((id) => `- tagihan-${id}/: berita acara rekonsiliasi (PDF) dan baris tagihan (XLSX) tagihan no. ${id}`),
    `- lampiran/: ${attachmentCount} lampiran (pindaian akad, KTP, berita acara bertanda tangan, SP2D, foto) milik tagihan, SP2D, pinjaman dan debitur yang terkait`,
    `- ${ATTACHMENT_LIST_FILE}: daftar lampiran dengan SHA-256 masing-masing`,
    `- ${EXTRACT_FILE}: petikan jejak audit untuk data tersebut (${extract.entri.length} entri) dan rantai hash sampai ujungnya`,
    '',
    ...(pdfNote ? ['PERHATIAN', `- ${pdfNote}`, ''] : []),
    ...(notes.length ? ['LAMPIRAN YANG TIDAK DISERTAKAN', ...notes.map((n) => `- ${n}`), ''] : []),
    'UJUNG RANTAI JEJAK AUDIT',
    `- Entri terakhir: no. ${extract.ujung.id ?? '-'}`,
    `- Hash ujung:     ${extract.ujung.hash ?? '-'}`,
    'Bandingkan hash ujung ini dengan yang ditampilkan aplikasi (Jejak Audit → Periksa keutuhan) atau yang',
    'Anda catat sebelumnya: bila sama, petikan ini bagian dari jejak yang sama dan tidak diubah.',
    '',
    'CARA MEMERIKSA PETIKAN JEJAK AUDIT',
    'Jejak audit adalah rantai hash. Setiap entri menyimpan hash entri sebelumnya (prev_hash; entri pertama',
    'menunjuk 64 angka nol) dan hash-nya sendiri:',
    '',
    '  hash = SHA-256 (heksadesimal, huruf kecil) atas teks UTF-8 dari larik JSON',
    `  ["${extract.formatHash}", id, waktu, pengguna, aksi, entitas, entitas_id, sebelum, sesudah, prev_hash]`,
    '',
    'dengan JSON tanpa spasi (seperti JSON.stringify di JavaScript); sebelum dan sesudah adalah TEKS JSON',
    'sebagaimana tersimpan (string, bukan objek) atau null. Di Python:',
    '  json.dumps([...], ensure_ascii=False, separators=(",", ":"))',
    '',
    `Dalam ${EXTRACT_FILE}: "entri" berisi entri lengkap data di bundel ini; "rantai" berisi [id, prev_hash, hash]`,
    'setiap entri sejak entri pertama petikan sampai ujung. Pemeriksaan:',
    '  1. hitung ulang hash setiap entri dari isinya: harus sama dengan kolom hash-nya;',
    '  2. setiap prev_hash dalam rantai sama dengan hash entri sebelumnya;',
    '  3. setiap entri petikan ada di rantai dengan prev_hash dan hash yang sama;',
    '  4. rantai berakhir pada ujung yang tertulis di atas.',
    'Mengubah satu entri mengubah hash-nya dan memutus rantai sampai ke ujung.',
    '',
    'Dengan aplikasi (folder program Gerbang Serasan):',
    '  npm run cli -- audit-verify-extract NAMA-BERKAS.zip',
    `(juga menerima ${EXTRACT_FILE} saja). Hasilnya "UTUH" atau daftar masalah.`,
    '',
    'LAMPIRAN',
    `Hitung SHA-256 setiap berkas di lampiran/ (Windows: certutil -hashfile BERKAS SHA256; Linux: sha256sum)`,
    `dan bandingkan dengan ${ATTACHMENT_LIST_FILE} serta dengan entri jejak audit "lampiran" (kolom sha256 di sesudah).`,
    '',
  ];
  return lines.join('\r\n');
}
