/**
 * A SQLite file on a network share is the known way to corrupt it: the file locks SQLite relies
 * on are not kept by SMB/NFS clients the way they are on a local disk, so two PCs writing through
 * a share can both believe they hold the lock. The office shares its database through server mode
 * (one PC holds the file, the others call it over HTTPS) instead; a file on a share is refused at
 * start with that advice.
 *
 * The decision is a pure function over the path, the platform and what the file system says
 * (`ShareFacts`), so every form can be tested on any machine; `shareFactsFor` gathers the facts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ShareFacts {
  /** statfs f_type of the folder holding the file (Linux: a magic number per file system). */
  fsType?: number;
  /** The mount's file-system name (Linux /proc/mounts, macOS `mount`), e.g. 'nfs4', 'cifs', 'smbfs'. */
  mountType?: string;
  /** Windows: the drive's type as System.IO.DriveInfo names it ('Fixed', 'Network', 'Removable', …). */
  driveType?: string;
}

/** Linux statfs magic numbers of network file systems (linux/magic.h). */
export const NETWORK_FS_MAGIC: Record<number, string> = {
  0x6969: 'NFS',
  0x517b: 'SMB',
  0xff534d42: 'CIFS',
  0xfe534d42: 'SMB2',
  0x5346414f: 'AFS',
  0x73757245: 'CODA',
  0x564c: 'NCP',
  0x00c36400: 'Ceph',
};

/** Mount type names of network file systems (Linux and macOS spell them like this). */
const NETWORK_MOUNT_TYPES = /^(nfs\d?|cifs|smb\d?|smbfs|smb3|afpfs|afs|webdav|davfs|ncpfs|ceph|fuse\.sshfs|sshfs)$/i;

/** What a clerk reads: where the file is, why not there, and what to do instead. */
export function shareRefusalMessage(file: string, kind: string): string {
  return (
    `Berkas basis data ${file} berada di folder jaringan (${kind}). Basis data di folder bersama dapat rusak bila dipakai dari beberapa PC, ` +
    'jadi tidak dibuka. Simpan berkasnya di disk PC server kantor dan nyalakan "Mode server kantor" di PC itu; PC lain memakai ' +
    '"Hubungkan ke server kantor" (lihat docs/office-network.md).'
  );
}

/**
 * The refusal message when `file` lies on a network share, else null. `platform` as
 * process.platform. Paths are judged by their form first (UNC, share URLs), then by the facts.
 */
export function networkShareRefusal(file: string, platform: NodeJS.Platform, facts: ShareFacts): string | null {
  const kind = shareKind(file, platform, facts);
  return kind ? shareRefusalMessage(file, kind) : null;
}

function shareKind(file: string, platform: NodeJS.Platform, facts: ShareFacts): string | null {
  const p = file.trim();
  // Share URLs pasted from a file manager.
  if (/^(smb|nfs|afp|cifs|webdav|davs?):\/\//i.test(p)) return `alamat ${p.split(':')[0]!.toLowerCase()}`;
  if (/^file:\/\/[^/]/i.test(p)) return 'alamat file:// ke komputer lain';
  // Windows long-path forms: \\?\UNC\server\share is a share, \\?\C:\… and \\.\ devices are not.
  if (/^[\\/]{2}\?[\\/]UNC[\\/]/i.test(p)) return 'jalur UNC';
  if (/^[\\/]{2}[?.][\\/]/.test(p)) {
    // \\?\C:\… : judged by the drive below.
  } else if (/^[\\/]{2}[^\\/]+[\\/]+[^\\/]+/.test(p)) {
    // \\server\share\… or //server/share/…: a UNC path on Windows; on Linux/macOS a path written
    // like one is meant as a share too (a mount point is never named that way).
    return 'jalur UNC';
  }
  if (platform === 'win32') {
    if (facts.driveType && /^network$/i.test(facts.driveType)) return 'drive jaringan yang dipetakan';
    return null;
  }
  if (facts.fsType !== undefined && NETWORK_FS_MAGIC[facts.fsType >>> 0]) return `sistem berkas ${NETWORK_FS_MAGIC[facts.fsType >>> 0]}`;
  if (facts.mountType && NETWORK_MOUNT_TYPES.test(facts.mountType)) return `sistem berkas ${facts.mountType}`;
  return null;
}

/** The nearest folder of `file` that exists (the file itself may not exist yet on a first start). */
function existingFolder(file: string): string | null {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    if (fs.existsSync(dir)) return dir;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** The mount entry with the longest mount point containing `dir`, from lines "source mountpoint type …". */
export function mountTypeOf(dir: string, mounts: { point: string; type: string }[]): string | undefined {
  let best: { point: string; type: string } | undefined;
  for (const m of mounts) {
    const inside = dir === m.point || dir.startsWith(m.point.endsWith('/') ? m.point : `${m.point}/`);
    if (inside && (!best || m.point.length > best.point.length)) best = m;
  }
  return best?.type;
}

/** Gathers the facts for `file` on this machine; a fact that cannot be read is left out (not guessed). */
export function shareFactsFor(file: string, platform: NodeJS.Platform = process.platform): ShareFacts {
  const facts: ShareFacts = {};
  const dir = existingFolder(file);
  if (platform === 'win32') {
    const drive = /^(?:[\\/]{2}\?[\\/])?([A-Za-z]):/.exec(path.resolve(file))?.[1];
    if (drive) {
      try {
        // DriveInfo says 'Network' for a mapped drive; PowerShell is on every supported Windows.
        facts.driveType = execFileSync('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', `[System.IO.DriveInfo]::new('${drive}:').DriveType`], {
          encoding: 'utf8',
          timeout: 10_000,
          windowsHide: true,
        }).trim();
      } catch {
        // Unknown: the UNC check still holds.
      }
    }
    return facts;
  }
  if (!dir) return facts;
  try {
    facts.fsType = fs.statfsSync(dir).type;
  } catch {
    // Left out.
  }
  try {
    const real = fs.realpathSync(dir);
    if (platform === 'linux') {
      const mounts = fs
        .readFileSync('/proc/mounts', 'utf8')
        .split('\n')
        .map((l) => l.split(' '))
        .filter((f) => f.length >= 3)
        // /proc/mounts escapes spaces as \040.
        .map((f) => ({ point: f[1]!.replace(/\\040/g, ' '), type: f[2]! }));
      facts.mountType = mountTypeOf(real, mounts);
    } else if (platform === 'darwin') {
      // "//user@server/share on /Volumes/share (smbfs, nodev, …)"
      const mounts = execFileSync('/sbin/mount', { encoding: 'utf8', timeout: 10_000 })
        .split('\n')
        .map((l) => /^.+ on (.+) \(([^,)]+)/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ point: m[1]!, type: m[2]! }));
      facts.mountType = mountTypeOf(real, mounts);
    }
  } catch {
    // Left out.
  }
  return facts;
}

/** Throws (with the clerk's message) when the database file lies on a network share. */
export function refuseNetworkShare(file: string): void {
  const message = networkShareRefusal(file, process.platform, shareFactsFor(file));
  if (message) throw new Error(message);
}
