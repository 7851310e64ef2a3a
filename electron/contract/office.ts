/**
 * The office network's own channels (docs/office-network.md). They are answered by the PC's own
 * main process (electron/office/switchboard.ts), never forwarded to an office server and never
 * accepted from another PC: they set which way this PC works, not data. Not part of `contract`:
 * no service handles them and the session gate does not see them.
 */
import { z } from 'zod';

export type OfficeMode = 'mandiri' | 'server' | 'klien';

export const DEFAULT_OFFICE_PORT = 7443;

export interface OfficeServerState {
  port: number;
  /** Listening now (false while starting, or when the port is taken: see `masalah`). */
  aktif: boolean;
  sidikJari: string | null;
  kodePairing: string | null;
  /** https://<address>:<port> for each LAN address of this PC, for typing on a client. */
  alamat: string[];
  nama: string;
  masalah: string | null;
}

export interface OfficeClientState {
  alamat: string;
  port: number;
  sidikJari: string;
  online: boolean;
  /** Why offline (or why the last call failed), in Indonesian; null when online. */
  masalah: string | null;
  /** ISO time the state last changed. */
  sejak: string;
}

export interface OfficeStatus {
  mode: OfficeMode;
  server: OfficeServerState | null;
  klien: OfficeClientState | null;
}

export interface ProbedServer {
  alamat: string;
  port: number;
  sidikJari: string;
  /** The certificate (PEM) to pin once the user has confirmed the fingerprint or typed the pairing code. */
  sertifikat: string;
  nama: string | null;
}

export interface FoundServer {
  alamat: string;
  port: number;
  nama: string;
}

const port = z.number({ error: 'Port wajib diisi' }).int('Port bilangan bulat').min(1024, 'Port paling kecil 1024').max(65535, 'Port paling besar 65535');
const alamat = z
  .string({ error: 'Alamat server wajib diisi' })
  .trim()
  .min(1, 'Alamat server wajib diisi')
  .max(253)
  .refine((v) => /^[A-Za-z0-9.:-]+$/.test(v), 'Alamat server: nama PC atau alamat IP, mis. 192.168.1.10');

export const officeContract = {
  'kantor.status': { input: z.object({}).default({}) },
  /** Server mode on or off (an admin of this PC's database). */
  'kantor.setServer': { input: z.object({ aktif: z.boolean(), port: port.default(DEFAULT_OFFICE_PORT) }) },
  /** Servers answering on the LAN (UDP broadcast on the port). */
  'kantor.discover': { input: z.object({ port: port.default(DEFAULT_OFFICE_PORT) }).default({ port: DEFAULT_OFFICE_PORT }) },
  /** Reads the server's certificate without trusting it yet: the user compares its fingerprint. */
  'kantor.probe': { input: z.object({ alamat, port: port.default(DEFAULT_OFFICE_PORT) }) },
  /**
   * Pins the certificate and switches this PC to client mode. Either the fingerprint the user
   * confirmed (must be the one the server presents now) or the pairing code typed from the server.
   */
  'kantor.connect': {
    input: z
      .object({ alamat, port: port.default(DEFAULT_OFFICE_PORT), sidikJari: z.string().max(200).optional(), kodePairing: z.string().max(40).optional() })
      .refine((v) => v.sidikJari !== undefined || v.kodePairing !== undefined, { message: 'Konfirmasi sidik jari atau ketik kode pairing dari server', path: ['kodePairing'] }),
  },
  /** Back to working alone on this PC's own database. */
  'kantor.disconnect': { input: z.object({}).default({}) },
} as const;

export type OfficeChannel = keyof typeof officeContract;
export const OFFICE_CHANNELS = Object.keys(officeContract) as OfficeChannel[];

export function isOfficeChannel(channel: string): channel is OfficeChannel {
  return Object.hasOwn(officeContract, channel);
}
