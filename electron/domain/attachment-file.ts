/**
 * What an attached file is, recognised from its bytes (magic numbers), never from its name: a
 * scan renamed `.pdf` that is really a Word file is refused, a photo named `.jpeg.txt` is taken.
 * And whether it is whole: a PNG ends with its IEND chunk, a JPEG with the EOI marker, a PDF with
 * `%%EOF`; an upload cut short (a flaky USB stick, a scanner that stopped) lacks them. Pure.
 */
export type AttachmentType = 'pdf' | 'jpg' | 'png';

export type AttachmentVerdict = { ok: true; tipe: AttachmentType } | { ok: false; alasan: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The IEND chunk's type and its (fixed) CRC: the last 8 bytes of every whole PNG. */
const PNG_IEND = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PDF_EOF = [0x25, 0x25, 0x45, 0x4f, 0x46]; // %%EOF
/** The PDF standard lets a header and the end marker sit within the first/last 1024 bytes. */
const PDF_SLACK = 1024;

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}

/** Index of `sig` in bytes[from, to), or -1. */
function indexOf(bytes: Uint8Array, sig: readonly number[], from: number, to: number): number {
  for (let i = Math.max(0, from); i + sig.length <= Math.min(bytes.length, to); i++) {
    if (startsWith(bytes, sig, i)) return i;
  }
  return -1;
}

/** The last position of `sig` in bytes[from, end), or -1. */
function lastIndexOf(bytes: Uint8Array, sig: readonly number[], from: number): number {
  for (let i = bytes.length - sig.length; i >= Math.max(0, from); i--) {
    if (startsWith(bytes, sig, i)) return i;
  }
  return -1;
}

/** Trailing padding some scanners and cameras append after the end marker (NUL, spaces, line ends). */
function endWithoutPadding(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && [0x00, 0x20, 0x0a, 0x0d, 0x09].includes(bytes[end - 1]!)) end--;
  return end;
}

export const TYPE_LABEL: Record<AttachmentType, string> = { pdf: 'PDF', jpg: 'gambar JPG', png: 'gambar PNG' };
export const TYPE_MIME: Record<AttachmentType, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', png: 'image/png' };

/** The type of the bytes and whether they are whole; a refusal says why in words a clerk understands. */
export function recogniseAttachment(bytes: Uint8Array): AttachmentVerdict {
  const AGAIN = 'Berkas belum utuh (terpotong saat disalin atau dipindai); simpan atau pindai ulang lalu unggah lagi.';
  if (bytes.length === 0) return { ok: false, alasan: 'berkas kosong (0 bita).' };
  if (startsWith(bytes, PNG_SIGNATURE)) {
    const end = endWithoutPadding(bytes);
    const iend = end >= PNG_IEND.length && startsWith(bytes, PNG_IEND, end - PNG_IEND.length);
    return iend ? { ok: true, tipe: 'png' } : { ok: false, alasan: `gambar PNG terpotong: penanda akhir IEND tidak ada. ${AGAIN}` };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    const end = endWithoutPadding(bytes);
    const eoi = end >= 4 && bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
    return eoi ? { ok: true, tipe: 'jpg' } : { ok: false, alasan: `gambar JPG terpotong: penanda akhir EOI (FF D9) tidak ada. ${AGAIN}` };
  }
  if (indexOf(bytes, PDF_HEADER, 0, PDF_SLACK) >= 0) {
    const eof = lastIndexOf(bytes, PDF_EOF, bytes.length - PDF_SLACK);
    return eof >= 0 ? { ok: true, tipe: 'pdf' } : { ok: false, alasan: `PDF terpotong: penanda akhir %%EOF tidak ada. ${AGAIN}` };
  }
  return { ok: false, alasan: 'isinya bukan PDF, JPG atau PNG (jenis berkas dikenali dari isinya, bukan dari nama atau ekstensinya).' };
}
