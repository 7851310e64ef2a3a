/**
 * A database on a network share is refused at start (issue 14): every form of share path, on
 * every platform, decided from the path and the file-system facts alone.
 */
import { describe, expect, it } from 'vitest';
import { NETWORK_FS_MAGIC, mountTypeOf, networkShareRefusal, type ShareFacts } from '../../electron/office/network-share';

const refused = (p: string, platform: NodeJS.Platform, facts: ShareFacts = {}) => networkShareRefusal(p, platform, facts);

describe('a database file on a network share', () => {
  it.each([
    ['\\\\server\\share\\gerbang.sqlite', 'win32'],
    ['\\\\SERVER-KANTOR\\Data Bersama\\sub\\gerbang.sqlite', 'win32'],
    ['//server/share/gerbang.sqlite', 'win32'],
    ['\\\\?\\UNC\\server\\share\\gerbang.sqlite', 'win32'],
    ['//server/share/gerbang.sqlite', 'linux'],
    ['//nas.local/bersama/gerbang.sqlite', 'darwin'],
    ['smb://server/share/gerbang.sqlite', 'linux'],
    ['nfs://nas/export/gerbang.sqlite', 'darwin'],
    ['file://server/share/gerbang.sqlite', 'win32'],
  ] as const)('refuses the path form %s (%s) by its form alone', (p, platform) => {
    const message = refused(p, platform);
    expect(message).toContain(`Berkas basis data ${p} berada di folder jaringan`);
    // The message explains server mode instead.
    expect(message).toContain('Mode server kantor');
    expect(message).toContain('Hubungkan ke server kantor');
  });

  it('refuses a mapped network drive on Windows, by the drive type', () => {
    expect(refused('Z:\\data\\gerbang.sqlite', 'win32', { driveType: 'Network' })).toContain('drive jaringan yang dipetakan');
    expect(refused('\\\\?\\Z:\\data\\gerbang.sqlite', 'win32', { driveType: 'Network' })).toContain('drive jaringan yang dipetakan');
    expect(refused('C:\\Users\\sari\\AppData\\Roaming\\Gerbang Serasan\\gerbang.sqlite', 'win32', { driveType: 'Fixed' })).toBeNull();
    expect(refused('E:\\gerbang.sqlite', 'win32', { driveType: 'Removable' })).toBeNull();
    // A local long path is not a share.
    expect(refused('\\\\?\\C:\\data\\gerbang.sqlite', 'win32', { driveType: 'Fixed' })).toBeNull();
  });

  it.each([
    [0x6969, 'NFS'],
    [0x517b, 'SMB'],
    [0xff534d42, 'CIFS'],
    [0xfe534d42, 'SMB2'],
  ])('refuses a Linux mount whose statfs type is %i (%s)', (fsType, name) => {
    expect(NETWORK_FS_MAGIC[fsType]).toBe(name);
    expect(refused('/mnt/kantor/gerbang.sqlite', 'linux', { fsType })).toContain(`sistem berkas ${name}`);
  });

  it('statfs reports CIFS as a negative number on some builds: read unsigned', () => {
    expect(refused('/mnt/kantor/gerbang.sqlite', 'linux', { fsType: 0xff534d42 | 0 })).toContain('CIFS');
  });

  it.each([
    ['linux', 'nfs4'],
    ['linux', 'cifs'],
    ['linux', 'smb3'],
    ['linux', 'fuse.sshfs'],
    ['darwin', 'smbfs'],
    ['darwin', 'nfs'],
    ['darwin', 'afpfs'],
    ['darwin', 'webdav'],
  ] as const)('refuses a %s mount of type %s', (platform, mountType) => {
    expect(refused('/Volumes/Bersama/gerbang.sqlite', platform, { mountType })).toContain(`sistem berkas ${mountType}`);
  });

  it('opens a file on a local disk', () => {
    expect(refused('/home/sari/gerbang.sqlite', 'linux', { fsType: 0xef53, mountType: 'ext4' })).toBeNull();
    expect(refused('/Users/sari/Library/Application Support/Gerbang Serasan/gerbang.sqlite', 'darwin', { mountType: 'apfs' })).toBeNull();
    expect(refused('/tmp/gerbang.sqlite', 'linux', { fsType: 0x01021994, mountType: 'tmpfs' })).toBeNull();
    // A doubled slash inside a local path is not a share.
    expect(refused('/home/sari//gerbang.sqlite', 'linux', {})).toBeNull();
  });

  it('finds the mount a folder lies on: the longest mount point containing it', () => {
    const mounts = [
      { point: '/', type: 'ext4' },
      { point: '/mnt', type: 'ext4' },
      { point: '/mnt/kantor', type: 'cifs' },
      { point: '/mnt/kantor-lokal', type: 'ext4' },
    ];
    expect(mountTypeOf('/mnt/kantor/data', mounts)).toBe('cifs');
    expect(mountTypeOf('/mnt/kantor', mounts)).toBe('cifs');
    expect(mountTypeOf('/mnt/kantor-lokal/data', mounts)).toBe('ext4');
    expect(mountTypeOf('/home/sari', mounts)).toBe('ext4');
  });
});
