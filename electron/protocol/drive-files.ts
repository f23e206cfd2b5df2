import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Files on a USB drive, read and written by the station and the hub (docs/sync-protocol.md,
 * "USB"). A drive is outside data: anyone may have prepared it. So no link is ever followed
 * (every path is lstat-ed, files are opened with O_NOFOLLOW and checked with fstat), nothing but
 * regular files and folders is touched (a FIFO would hang a read, a device is not data), sizes are
 * capped before a byte is read, new files are created exclusively (O_CREAT | O_EXCL | O_NOFOLLOW)
 * and every name from outside becomes a path only through insideFolder().
 */

export { isUuid, UUID } from './packet/format';

export type DriveProblem =
  'DRIVE_LINK' | 'DRIVE_NOT_FILE' | 'DRIVE_NOT_FOLDER' | 'DRIVE_TOO_LARGE' | 'BAD_NAME';

/** Something on a drive that is not what the layout allows; nothing was read from or written to it. */
export class DriveError extends Error {
  readonly reason: DriveProblem;
  constructor(reason: DriveProblem, message: string) {
    super(`${reason}: ${message}`);
    this.name = 'DriveError';
    this.reason = reason;
  }
}

/** The top folder of the sync layout on a drive; inside it, one folder per station's unit id. */
export const DRIVE_ROOT = 'lakon-mandira';

/** The DriveProblem behind a failed drive read or write, else `otherwise`. */
export function driveProblem(error: unknown, otherwise: string): string {
  return error instanceof DriveError ? error.reason : otherwise;
}

// Windows has no O_NOFOLLOW/O_NONBLOCK; there the lstat checks stand alone.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * `name` (plain components separated by '/') resolved under `base`; refused when it is empty,
 * absolute, carries NUL, '.' or '..' components, or resolves anywhere but strictly inside base.
 * Every path the hub or the station builds from outside data goes through here.
 */
export function insideFolder(base: string, name: string): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255 || isAbsolute(name))
    throw new DriveError('BAD_NAME', `not a plain name: ${JSON.stringify(name)}`);
  const parts = name.split(/[/\\]/);
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\0')))
    throw new DriveError('BAD_NAME', `not a plain name: ${JSON.stringify(name)}`);
  const root = resolve(base);
  const full = resolve(root, name);
  const rel = relative(root, full);
  if (rel === '' || isAbsolute(rel) || rel.split(sep)[0] === '..')
    throw new DriveError('BAD_NAME', `${JSON.stringify(name)} leaves ${root}`);
  return full;
}

export type EntryKind = 'missing' | 'file' | 'folder' | 'link' | 'special';

/** What is at `path`, without following a link. */
export async function entryKind(path: string): Promise<EntryKind> {
  try {
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) return 'link';
    if (stats.isDirectory()) return 'folder';
    if (stats.isFile()) return 'file';
    return 'special';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

function refusal(kind: EntryKind, path: string, expected: 'file' | 'folder'): DriveError {
  if (kind === 'link') return new DriveError('DRIVE_LINK', `${path} is a link`);
  return expected === 'file'
    ? new DriveError('DRIVE_NOT_FILE', `${path} is not a regular file`)
    : new DriveError('DRIVE_NOT_FOLDER', `${path} is not a folder`);
}

/** True when a real folder is at `path`, false when nothing is; throws for anything else. */
export async function isDriveFolder(path: string): Promise<boolean> {
  const kind = await entryKind(path);
  if (kind === 'missing') return false;
  if (kind !== 'folder') throw refusal(kind, path, 'folder');
  return true;
}

/** Makes one folder level (its parent must already be checked); an existing link is refused. */
export async function ensureDriveFolder(path: string): Promise<void> {
  try {
    await mkdir(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!(await isDriveFolder(path))) throw refusal('missing', path, 'folder');
}

/** The names in a checked folder with their kind as lstat sees them (no link is followed). */
export async function listDriveFolder(path: string): Promise<{ name: string; kind: EntryKind }[]> {
  const entries = await readdir(path, { withFileTypes: true });
  const out: { name: string; kind: EntryKind }[] = [];
  for (const entry of entries) {
    const kind: EntryKind = entry.isSymbolicLink()
      ? 'link'
      : entry.isDirectory()
        ? 'folder'
        : entry.isFile()
          ? 'file'
          : entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice()
            ? 'special'
            : await entryKind(insideFolder(path, entry.name));
    out.push({ name: entry.name, kind });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Opens a regular file on a drive for reading: lstat first (a FIFO or a device is never opened),
 * then O_NOFOLLOW | O_NONBLOCK and fstat on the handle (what was opened is what was checked).
 * The caller closes the handle and reads no more than `size`.
 */
export async function openDriveFile(
  path: string,
  maxBytes: number,
): Promise<{ handle: FileHandle; size: number }> {
  const kind = await entryKind(path);
  if (kind === 'missing')
    throw Object.assign(new Error(`${path} does not exist`), { code: 'ENOENT' });
  if (kind !== 'file') throw refusal(kind, path, 'file');
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP')
      throw new DriveError('DRIVE_LINK', `${path} is a link`);
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw refusal('special', path, 'file');
    if (stats.size > maxBytes)
      throw new DriveError(
        'DRIVE_TOO_LARGE',
        `${path} is ${stats.size} bytes (at most ${maxBytes})`,
      );
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Reads a whole (small) regular file from a drive; at most `maxBytes`. */
export async function readDriveFile(path: string, maxBytes: number): Promise<Buffer> {
  const { handle, size } = await openDriveFile(path, maxBytes);
  try {
    // One byte more than fstat said: a file that grows while read is refused, not truncated.
    const buffer = Buffer.alloc(size + 1);
    let got = 0;
    while (got < buffer.length) {
      const { bytesRead } = await handle.read(buffer, got, buffer.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (got > size) throw new DriveError('DRIVE_TOO_LARGE', `${path} grew while it was read`);
    return buffer.subarray(0, got);
  } finally {
    await handle.close();
  }
}

/** Creates `path` exclusively, never through a link: fails if anything is already there. */
export async function createExclusive(path: string, mode = 0o600): Promise<FileHandle> {
  try {
    return await open(
      path,
      constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | NOFOLLOW,
      mode,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP')
      throw new DriveError('DRIVE_LINK', `${path} is a link`);
    throw error;
  }
}

/** Where the bytes of a drive file come from: a buffer, or a file of ours copied in pieces. */
export type DriveSource = Buffer | { path: string };

/**
 * Writes `name` into the checked folder `folder`: `<name>.part` created exclusively (a link or
 * leftover there is removed first; unlink never follows), written, synced, then renamed over
 * `<name>` (rename replaces a link itself, never its target). A drive pulled out mid-copy never
 * holds a half file under the real name.
 */
export async function writeDriveFile(
  folder: string,
  name: string,
  source: DriveSource,
): Promise<number> {
  if (!(await isDriveFolder(folder))) throw refusal('missing', folder, 'folder');
  const target = insideFolder(folder, name);
  const part = insideFolder(folder, `${name}.part`);
  for (const path of [part, target]) {
    const kind = await entryKind(path);
    if (kind === 'folder' || kind === 'special') throw refusal(kind, path, 'file');
  }
  if ((await entryKind(part)) !== 'missing') await unlink(part);
  const out = await createExclusive(part);
  let written = 0;
  try {
    if (Buffer.isBuffer(source)) {
      await out.writeFile(source);
      written = source.length;
    } else {
      const input = await open(source.path, constants.O_RDONLY | NOFOLLOW);
      try {
        const buffer = Buffer.alloc(1024 * 1024);
        for (;;) {
          const { bytesRead } = await input.read(buffer, 0, buffer.length, written);
          if (bytesRead === 0) break;
          await out.write(buffer, 0, bytesRead);
          written += bytesRead;
        }
      } finally {
        await input.close();
      }
    }
    await out.sync();
  } catch (error) {
    await out.close();
    await unlink(part).catch(() => undefined);
    throw error;
  }
  await out.close();
  await rename(part, target);
  return written;
}
