/**
 * The office server's TLS identity: a self-signed certificate made on first start and kept next
 * to the database (the key readable by its owner only). Clients pin it on first connection: they
 * compare its fingerprint (or the pairing code derived from it) with what the server PC shows.
 */
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface ServerIdentity {
  key: string;
  cert: string;
  /** SHA-256 of the certificate (DER), upper-case hex pairs joined by ':' (as Node's fingerprint256). */
  fingerprint: string;
  /** A short code derived from the fingerprint, for typing instead of comparing 95 characters. */
  pairingCode: string;
}

export const KEY_FILE = 'kantor-tls.key';
export const CERT_FILE = 'kantor-tls.crt';

/** Base32 without the letters a clerk confuses (no I, L, O, U... Crockford's alphabet). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * 12 characters (60 bits) of a hash of the fingerprint, as XXXX-XXXX-XXXX: long enough that
 * nobody can make another certificate with the same code in useful time, short enough to type.
 */
export function pairingCodeOf(fingerprint: string): string {
  const digest = createHash('sha256').update(`gerbang-serasan/pairing/1:${fingerprint.toUpperCase()}`).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 8)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < 12; i++) code += ALPHABET[Number((bits >> BigInt(64 - 5 * (i + 1))) & 31n)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** "k7qm 2xpa-9d…" as typed → "K7QM-2XPA-9D…" for comparison (O→0, I/L→1 as Crockford reads them). */
export function normalisePairingCode(typed: string): string {
  const c = typed
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`;
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** The identity kept in `folder`, made (and written) on first call. */
export async function loadOrCreateIdentity(folder: string): Promise<ServerIdentity> {
  const keyFile = path.join(folder, KEY_FILE);
  const certFile = path.join(folder, CERT_FILE);
  if (!fs.existsSync(keyFile) || !fs.existsSync(certFile)) {
    const pems = await generate([{ name: 'commonName', value: `Gerbang Serasan ${os.hostname()}` }], {
      keySize: 2048,
      algorithm: 'sha256',
      // Ten years: a certificate that expires would lock every client out on a day nobody remembers.
      notAfterDate: new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000),
    });
    fs.mkdirSync(folder, { recursive: true });
    // The key first, created owner-only (mode applies on creation), then the certificate.
    fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
    fs.writeFileSync(certFile, pems.cert, { mode: 0o644 });
  }
  // A key left readable by others (copied in, restored) is narrowed again.
  if (process.platform !== 'win32' && (fs.statSync(keyFile).mode & 0o077) !== 0) fs.chmodSync(keyFile, 0o600);
  const key = fs.readFileSync(keyFile, 'utf8');
  const cert = fs.readFileSync(certFile, 'utf8');
  const fingerprint = fingerprintOf(cert);
  return { key, cert, fingerprint, pairingCode: pairingCodeOf(fingerprint) };
}
