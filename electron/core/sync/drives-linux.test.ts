import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isMountPoint, linuxDrives, type MountRoot } from './drives-linux';

let dir: string;
let roots: MountRoot[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lm-drives-'));
  // The same shape as the real roots: /media/<user>/<label>, /run/media/<user>/<label>, /mnt/<label>.
  roots = [
    { dir: join(dir, 'media'), depth: 1 },
    { dir: join(dir, 'run', 'media'), depth: 1 },
    { dir: join(dir, 'mnt'), depth: 0 },
  ];
  for (const folder of [
    'media/operator/STIK DESA',
    'media/operator/not-mounted',
    'run/media/operator/KARTU',
    'mnt/usb',
    'outside/elsewhere',
  ])
    mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(join(dir, 'media', 'operator', 'a-file'), 'not a drive');
  symlinkSync(join(dir, 'outside'), join(dir, 'media', 'operator', 'link'));
  symlinkSync(join(dir, 'outside'), join(dir, 'media', 'link-user'));
  symlinkSync(join(dir, 'outside'), join(dir, 'mnt', 'link'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Mount points by name, as /proc/mounts would have them; the parent must be the folder above. */
function mountedAt(...paths: string[]) {
  const mounts = new Set(paths.map((p) => join(dir, p)));
  const asked: string[] = [];
  return {
    asked,
    isMountPoint: (parent: string, path: string) => {
      asked.push(path);
      expect(join(path, '..')).toBe(parent);
      return Promise.resolve(mounts.has(path));
    },
  };
}

describe('removable drives on Linux', () => {
  it('lists the mount points one level under /media/<user>, /run/media/<user> and in /mnt', async () => {
    const fake = mountedAt('media/operator/STIK DESA', 'run/media/operator/KARTU', 'mnt/usb');
    const drives = await linuxDrives({ roots, isMountPoint: fake.isMountPoint }).list();
    expect(drives).toEqual([
      {
        path: join(dir, 'media', 'operator', 'STIK DESA'),
        label: 'STIK DESA',
        freeBytes: expect.any(Number) as number,
      },
      {
        path: join(dir, 'run', 'media', 'operator', 'KARTU'),
        label: 'KARTU',
        freeBytes: expect.any(Number) as number,
      },
      { path: join(dir, 'mnt', 'usb'), label: 'usb', freeBytes: expect.any(Number) as number },
    ]);
    expect(drives.every((d) => (d.freeBytes ?? 0) > 0)).toBe(true);
  });

  it('follows no link and lists no file, even when it would count as mounted', async () => {
    const fake = mountedAt(
      'media/operator/link',
      'media/link-user/elsewhere',
      'mnt/link',
      'media/operator/a-file',
      'outside/elsewhere',
    );
    expect(await linuxDrives({ roots, isMountPoint: fake.isMountPoint }).list()).toEqual([]);
    // Only real folders at the drive level were asked about: no link, no file, nothing outside.
    expect(fake.asked.sort()).toEqual(
      [
        'media/operator/STIK DESA',
        'media/operator/not-mounted',
        'run/media/operator/KARTU',
        'mnt/usb',
      ]
        .map((p) => join(dir, p))
        .sort(),
    );
  });

  it('lists nothing when the roots are missing', async () => {
    const missing: MountRoot[] = [{ dir: join(dir, 'no-such-root'), depth: 1 }];
    expect(
      await linuxDrives({ roots: missing, isMountPoint: () => Promise.resolve(true) }).list(),
    ).toEqual([]);
  });

  it('a mount point is a folder on another device than its parent', async () => {
    expect(await isMountPoint(join(dir, 'mnt'), join(dir, 'mnt', 'usb'))).toBe(false);
    expect(await isMountPoint(join(dir, 'mnt'), join(dir, 'mnt', 'missing'))).toBe(false);
    // procfs is a file system of its own on every Linux.
    expect(await isMountPoint('/', '/proc')).toBe(true);
    // Without a fake, nothing in the temporary tree is mounted.
    expect(await linuxDrives({ roots }).list()).toEqual([]);
  });
});
