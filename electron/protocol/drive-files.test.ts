import { execFileSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ensureDriveFolder,
  insideFolder,
  listDriveFolder,
  readDriveFile,
  writeDriveFile,
} from './drive-files';

let dir: string;
let sentinel: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lm-drive-files-'));
  sentinel = join(dir, 'outside', 'precious.key');
  mkdirSync(join(dir, 'outside'));
  mkdirSync(join(dir, 'drive'));
  writeFileSync(sentinel, 'the district key');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('files on a drive', () => {
  it('finding 1.7: insideFolder refuses every name that leaves its folder', () => {
    const base = join(dir, 'drive');
    expect(insideFolder(base, 'a.json')).toBe(join(base, 'a.json'));
    expect(insideFolder(base, 'unit/packets/p.lmp')).toBe(join(base, 'unit', 'packets', 'p.lmp'));
    for (const name of [
      '',
      '.',
      '..',
      '../packets/u/p',
      'a/../../b',
      '/etc/passwd',
      'a//b',
      'a\0b',
      'x'.repeat(300),
    ])
      expect(() => insideFolder(base, name), JSON.stringify(name)).toThrow(/BAD_NAME/);
  });

  it('finding 1.6: writing never follows a link at the .part or final name', async () => {
    const drive = join(dir, 'drive');
    symlinkSync(sentinel, join(drive, 'updates.json.part'));
    await writeDriveFile(drive, 'updates.json', Buffer.from('{}'));
    expect(readFileSync(sentinel, 'utf8')).toBe('the district key');
    expect(lstatSync(join(drive, 'updates.json')).isFile()).toBe(true);
    symlinkSync(sentinel, join(drive, 'cursor.json'));
    await writeDriveFile(drive, 'cursor.json', Buffer.from('{"a":1}'));
    expect(readFileSync(sentinel, 'utf8')).toBe('the district key');
    expect(readFileSync(join(drive, 'cursor.json'), 'utf8')).toBe('{"a":1}');
    // A linked folder is neither made nor written into.
    symlinkSync(join(dir, 'outside'), join(drive, 'receipts'));
    await expect(ensureDriveFolder(join(drive, 'receipts'))).rejects.toMatchObject({
      reason: 'DRIVE_LINK',
    });
    await expect(
      writeDriveFile(join(drive, 'receipts'), 'precious.key', Buffer.from('x')),
    ).rejects.toMatchObject({ reason: 'DRIVE_LINK' });
    expect(readFileSync(sentinel, 'utf8')).toBe('the district key');
  });

  it('finding 1.6: reading refuses links, FIFOs and files over the cap before reading', async () => {
    const drive = join(dir, 'drive');
    symlinkSync(sentinel, join(drive, 'link.json'));
    await expect(readDriveFile(join(drive, 'link.json'), 100)).rejects.toMatchObject({
      reason: 'DRIVE_LINK',
    });
    execFileSync('mkfifo', [join(drive, 'fifo.json')]);
    await expect(readDriveFile(join(drive, 'fifo.json'), 100)).rejects.toMatchObject({
      reason: 'DRIVE_NOT_FILE',
    });
    writeFileSync(join(drive, 'big.json'), '');
    truncateSync(join(drive, 'big.json'), 101);
    await expect(readDriveFile(join(drive, 'big.json'), 100)).rejects.toMatchObject({
      reason: 'DRIVE_TOO_LARGE',
    });
    writeFileSync(join(drive, 'ok.json'), '{}');
    expect((await readDriveFile(join(drive, 'ok.json'), 100)).toString()).toBe('{}');
    expect(await listDriveFolder(drive)).toEqual([
      { name: 'big.json', kind: 'file' },
      { name: 'fifo.json', kind: 'special' },
      { name: 'link.json', kind: 'link' },
      { name: 'ok.json', kind: 'file' },
    ]);
  });
});
