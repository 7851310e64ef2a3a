/**
 * Which way this PC works (alone, office server, or client of one), kept in a small JSON file in
 * the app's data folder: it must be known before any database is opened (a client opens none).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_OFFICE_PORT, type OfficeMode } from '../contract/office';
import type { PinnedServer } from './client';

export interface OfficeConfig {
  mode: OfficeMode;
  /** Server mode's port. */
  port: number;
  /** Client mode: the pinned server. */
  server: PinnedServer | null;
}

export const CONFIG_FILE = 'kantor.json';
export const DEFAULT_CONFIG: OfficeConfig = { mode: 'mandiri', port: DEFAULT_OFFICE_PORT, server: null };

export function readOfficeConfig(dataDir: string): OfficeConfig {
  const file = path.join(dataDir, CONFIG_FILE);
  if (!fs.existsSync(file)) return { ...DEFAULT_CONFIG };
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<OfficeConfig>;
    const mode: OfficeMode = raw.mode === 'server' || raw.mode === 'klien' ? raw.mode : 'mandiri';
    const server = raw.server && typeof raw.server.sertifikat === 'string' && typeof raw.server.sidikJari === 'string' ? raw.server : null;
    // Client mode without a pinned server cannot work: back to working alone (the user connects again).
    return { mode: mode === 'klien' && !server ? 'mandiri' : mode, port: typeof raw.port === 'number' ? raw.port : DEFAULT_OFFICE_PORT, server };
  } catch {
    console.error(`[kantor] ${file} tidak dapat dibaca; aplikasi bekerja mandiri.`);
    return { ...DEFAULT_CONFIG };
  }
}

/** Written whole to a temporary file and renamed, so a crash never leaves half a file. */
export function writeOfficeConfig(dataDir: string, config: OfficeConfig): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, CONFIG_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
