/**
 * The kept attachment files: `<folder of the database>/lampiran/<sha256>.<pdf|jpg|png>`, named by
 * their content like the imported files (berkas/), so the same scan attached twice is kept once.
 * A file is written under a temporary name and renamed, so a half-written file never carries a
 * content name. Backups carry them in `cadangan/lampiran/` (same naming: one copy for all backups).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const ATTACHMENT_FOLDER = 'lampiran';

export function attachmentDir(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), ATTACHMENT_FOLDER);
}

/** Where a backup folder keeps the attachments of its backups. */
export function backupAttachmentDir(backupDir: string): string {
  return path.join(backupDir, ATTACHMENT_FOLDER);
}

export const sha256Hex = (bytes: Uint8Array): string => crypto.createHash('sha256').update(bytes).digest('hex');

export const keptName = (sha: string, tipe: string): string => `${sha}.${tipe}`;

export function keptPath(dir: string, sha: string, tipe: string): string {
  return path.join(dir, keptName(sha, tipe));
}

/** Whether the file at `file` exists and hashes to `sha`; 'hilang' / 'berubah' say what is wrong. */
export function checkKept(file: string, sha: string): 'ok' | 'hilang' | 'berubah' {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return 'hilang';
  }
  return sha256Hex(bytes) === sha ? 'ok' : 'berubah';
}

/**
 * Writes `bytes` as `<dir>/<sha>.<tipe>` unless a sound copy is already there (then nothing is
 * written: the content is the same). A copy that no longer matches its name is replaced: the
 * upload brings the true content back. Returns whether a file was written.
 */
export function keepBytes(dir: string, sha: string, tipe: string, bytes: Uint8Array): boolean {
  const target = keptPath(dir, sha, tipe);
  if (checkKept(target, sha) === 'ok') return false;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${crypto.randomUUID()}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return true;
}

/**
 * Copies `<from>/<sha>.<tipe>` to `<to>/` when the target has no sound copy and the source is
 * sound (a swapped file is never spread into a backup or back into the data). Returns what happened.
 */
export function copyKept(from: string, to: string, sha: string, tipe: string): 'ada' | 'disalin' | 'sumber-hilang' | 'sumber-berubah' {
  if (checkKept(keptPath(to, sha, tipe), sha) === 'ok') return 'ada';
  const source = keptPath(from, sha, tipe);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(source);
  } catch {
    return 'sumber-hilang';
  }
  if (sha256Hex(bytes) !== sha) return 'sumber-berubah';
  keepBytes(to, sha, tipe, bytes);
  return 'disalin';
}
