/**
 * The kept copies of imported files: `<folder of the database>/berkas/<sha256>.<ext>`, named by
 * their content so the same file is kept once; the original name is recorded in impor_berkas.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';

export function berkasDir(databasePath: string): string {
  return path.join(path.dirname(databasePath), 'berkas');
}

export function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Bytes hashed per turn of the event loop by sha256Yielding (~10 ms each on the office PC). */
const HASH_SLICE = 4 * 1024 * 1024;

/**
 * sha256 of an upload on the runtime's thread, a slice at a time with a turn of the event loop
 * between slices: a 40 MB claim file hashed at once held the thread ~80 ms (issue 16: other
 * calls answered within 100 ms).
 */
export async function sha256Yielding(bytes: Uint8Array): Promise<string> {
  const hash = crypto.createHash('sha256');
  for (let at = 0; at < bytes.length; at += HASH_SLICE) {
    if (at > 0) await nextTurn();
    hash.update(bytes.subarray(at, at + HASH_SLICE));
  }
  return hash.digest('hex');
}

/**
 * The kept copy's extension: the data file types the app reads, else `dat` — a kept upload is never
 * stored as something the system would run or open in another program (`.exe`, `.bat`, `.js`, `.lnk`, …).
 */
const KEPT_EXTENSIONS = new Set(['csv', 'txt', 'tsv', 'xlsx', 'xls']);
export const extOf = (name: string) => {
  const m = /\.([a-z0-9]{1,5})$/i.exec(name);
  const ext = m ? m[1]!.toLowerCase() : '';
  return KEPT_EXTENSIONS.has(ext) ? ext : 'dat';
};

/** The kept file of this content, or null when it is not (or no longer) there. */
export function keptFile(databasePath: string, sha: string): string | null {
  const dir = berkasDir(databasePath);
  if (!fs.existsSync(dir)) return null;
  const name = fs.readdirSync(dir).find((f) => f.startsWith(`${sha}.`) && !f.endsWith('.tmp'));
  return name ? path.join(dir, name) : null;
}

/** Base64 characters decoded per turn of the event loop (a multiple of 4: each slice decodes alone). */
const BASE64_SLICE = 4 * 1024 * 1024;

/**
 * An upload's base64 text decoded a slice at a time with a turn of the event loop between slices
 * (a 47 MB text at once: ~30 ms of the runtime's thread). A slice that decodes short has something
 * besides base64 in it (a line break, a space, padding inside): the whole text is then decoded at
 * once, as `Buffer.from` always did, so the bytes are the same either way.
 */
export async function decodeBase64Yielding(text: string): Promise<Buffer> {
  if (text.length <= BASE64_SLICE) return Buffer.from(text, 'base64');
  const out = Buffer.allocUnsafe(Math.ceil(text.length / 4) * 3);
  let written = 0;
  for (let at = 0; at < text.length; at += BASE64_SLICE) {
    if (at > 0) await nextTurn();
    const slice = text.slice(at, at + BASE64_SLICE);
    const n = out.write(slice, written, 'base64');
    if (at + BASE64_SLICE < text.length && n !== (slice.length / 4) * 3) return Buffer.from(text, 'base64');
    written += n;
  }
  return out.subarray(0, written);
}

/**
 * Writes the bytes to a temporary file in the folder (to be read by the worker before being kept).
 * Asynchronously: written by libuv's threads, not the runtime's (a 40 MB file written at once held
 * it ~200 ms on this machine).
 */
export async function writeTemp(databasePath: string, bytes: Uint8Array): Promise<string> {
  const dir = berkasDir(databasePath);
  await fs.promises.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${crypto.randomUUID()}.tmp`);
  try {
    await fs.promises.writeFile(tmp, bytes);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
  return tmp;
}

/** Keeps the temporary file under its content's name (or drops it when that content is already kept). */
export function keep(databasePath: string, tmp: string, sha: string, originalName: string): string {
  const existing = keptFile(databasePath, sha);
  if (existing) {
    fs.rmSync(tmp, { force: true });
    return existing;
  }
  const target = path.join(berkasDir(databasePath), `${sha}.${extOf(originalName)}`);
  fs.renameSync(tmp, target);
  return target;
}
