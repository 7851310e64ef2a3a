/**
 * An extract of the audit trail for an auditor (jejak-audit.json in the bundle), and its checker
 * (`npm run cli -- audit-verify-extract FILE`). The extract holds the full entries about the
 * bundle's records and the chain's spine (id, prev_hash, hash of every entry from the first
 * extracted one to the end). The check:
 *   1. each extracted entry's hash is recomputed from its content (the same function the app uses:
 *      SHA-256 of the canonical JSON text, database/repositories/audit.ts) — an edited entry fails;
 *   2. the spine links up: every entry's prev_hash is the hash of the entry before it;
 *   3. each extracted entry sits in the spine with its own prev_hash and hash;
 *   4. the spine ends at the stated end of the chain, which the auditor compares with the end the
 *      app shows (Jejak Audit → Periksa keutuhan) or noted earlier.
 */
import JSZip from 'jszip';
import { auditHash, type AuditLogRow } from '../../../database/repositories/audit';

export const EXTRACT_FORMAT = 'gerbang-serasan/jejak-audit-ekstrak/1';
export const EXTRACT_FILE = 'jejak-audit.json';

export interface AuditExtract {
  format: typeof EXTRACT_FORMAT;
  /** The hash format of the entries (HASH_FORMAT in the audit repository). */
  formatHash: string;
  dibuat: string;
  ujung: { id: number | null; hash: string | null };
  entri: AuditLogRow[];
  rantai: [number, string | null, string | null][];
}

export interface ExtractCheck {
  ok: boolean;
  entri: number;
  rantai: number;
  ujungId: number | null;
  ujungHash: string | null;
  /** What is wrong, in Indonesian (empty when ok). */
  masalah: string[];
}

export function checkAuditExtract(extract: AuditExtract): ExtractCheck {
  const masalah: string[] = [];
  const result = (): ExtractCheck => ({
    ok: masalah.length === 0,
    entri: extract.entri?.length ?? 0,
    rantai: extract.rantai?.length ?? 0,
    ujungId: extract.ujung?.id ?? null,
    ujungHash: extract.ujung?.hash ?? null,
    masalah,
  });
  if (extract.format !== EXTRACT_FORMAT || !Array.isArray(extract.entri) || !Array.isArray(extract.rantai)) {
    masalah.push(`Berkas ini bukan ekstrak jejak audit Gerbang Serasan (format ${EXTRACT_FORMAT}).`);
    return result();
  }
  // 1. Each entry's content against its own hash.
  for (const row of extract.entri) {
    if (!row.hash || !row.prev_hash) masalah.push(`Entri no. ${row.id} tidak bersegel (tanpa hash).`);
    else if (auditHash(row) !== row.hash) masalah.push(`Entri no. ${row.id}: isinya tidak cocok dengan hash-nya (diubah sesudah dicatat).`);
  }
  // 2. The spine links.
  const spine = new Map<number, { prev: string | null; hash: string | null }>();
  let before: [number, string | null, string | null] | null = null;
  for (const link of extract.rantai) {
    const [id, prev, hash] = link;
    if (before && id <= before[0]) masalah.push(`Rantai tidak berurutan pada entri no. ${id}.`);
    if (before && prev !== before[2]) masalah.push(`Rantai putus: entri no. ${id} tidak tersambung ke entri no. ${before[0]}.`);
    spine.set(id, { prev, hash });
    before = link;
  }
  // 3. Each entry in the spine.
  for (const row of extract.entri) {
    const link = spine.get(row.id);
    if (!link) masalah.push(`Entri no. ${row.id} tidak ada dalam rantai.`);
    else if (link.hash !== row.hash || link.prev !== row.prev_hash) masalah.push(`Entri no. ${row.id}: hash-nya berbeda dengan hash di rantai.`);
  }
  // 4. The end.
  if (!before) {
    if (extract.entri.length > 0) masalah.push('Rantai kosong, padahal ada entri.');
  } else if (before[0] !== extract.ujung.id || before[2] !== extract.ujung.hash) {
    masalah.push(`Rantai berakhir pada entri no. ${before[0]}, bukan pada ujung yang dinyatakan (no. ${extract.ujung.id}).`);
  }
  return result();
}

/** Reads an extract from a bundle (ZIP) or from the JSON file itself. */
export async function readAuditExtract(bytes: Buffer): Promise<AuditExtract> {
  let text: string;
  if (bytes.subarray(0, 2).toString('latin1') === 'PK') {
    const zip = await JSZip.loadAsync(bytes);
    const file = zip.file(EXTRACT_FILE);
    if (!file) throw new Error(`Berkas ZIP ini tidak berisi ${EXTRACT_FILE}.`);
    text = await file.async('string');
  } else {
    text = bytes.toString('utf8');
  }
  try {
    return JSON.parse(text) as AuditExtract;
  } catch {
    throw new Error(`${EXTRACT_FILE} bukan JSON yang sah (rusak atau terpotong).`);
  }
}
