import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { UsbDrive } from '../../contract';
import type { RemovableDrives } from '../ports';
import { freeBytes } from './status';

/** A folder drives are mounted in, and how many folder levels lie between it and a drive. */
export interface MountRoot {
  dir: string;
  depth: 0 | 1;
}

/** Where removable drives are mounted on the Linux machines the stations run on. */
export const LINUX_MOUNT_ROOTS: readonly MountRoot[] = [
  // /media/<user>/<label> and /run/media/<user>/<label>: one level more.
  { dir: '/media', depth: 1 },
  { dir: '/run/media', depth: 1 },
  { dir: '/mnt', depth: 0 },
];

/** A drive lives on another device than the folder it is mounted in. */
export async function isMountPoint(parent: string, path: string): Promise<boolean> {
  try {
    return (await stat(path)).dev !== (await stat(parent)).dev;
  } catch {
    return false;
  }
}

export interface LinuxDriveOptions {
  roots?: readonly MountRoot[];
  /** Tests stand a temporary folder tree in for /media, where nothing is really mounted. */
  isMountPoint?: (parent: string, path: string) => Promise<boolean>;
}

/**
 * The mount points under the mount roots. Like every other look at a drive (drive-files.ts), no
 * link is followed: only real folders are visited or listed, and only inside the roots.
 */
export function linuxDrives(options: LinuxDriveOptions = {}): RemovableDrives {
  const roots = options.roots ?? LINUX_MOUNT_ROOTS;
  const mounted = options.isMountPoint ?? isMountPoint;
  const visit = async (dir: string, depth: number, found: UsbDrive[]): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const path = join(dir, name);
      try {
        if (!(await lstat(path)).isDirectory()) continue;
      } catch {
        continue;
      }
      if (depth > 0) await visit(path, depth - 1, found);
      else if (await mounted(dir, path))
        found.push({ path, label: name, freeBytes: await freeBytes(path) });
    }
  };
  return {
    list: async () => {
      const found: UsbDrive[] = [];
      for (const root of roots) await visit(root.dir, root.depth, found);
      return found.filter((d) => roots.some((root) => d.path.startsWith(`${root.dir}/`)));
    },
  };
}
