import { describe, expect, it } from 'vitest';
import { runCommand, systemDrives } from './drives';
import {
  LISTING_TIMEOUT_MS,
  parseRemovableVolumes,
  POWERSHELL_ARGS,
  windowsDrives,
  type CommandRunner,
} from './drives-windows';

// Recorded from Windows PowerShell 5.1 (ConvertTo-Json -Compress) on Windows 10 and 11.
const ONE =
  '{"DeviceID":"E:","VolumeName":"STIK DESA","Size":15724576768,"FreeSpace":15032385536}\r\n';
const SEVERAL =
  '[{"DeviceID":"E:","VolumeName":"STIK DESA","Size":15724576768,"FreeSpace":15032385536},' +
  '{"DeviceID":"F:","VolumeName":"","Size":7742685184,"FreeSpace":7740588032},' +
  '{"DeviceID":"G:","VolumeName":null,"Size":null,"FreeSpace":null}]\r\n';

describe('removable drives on Windows', () => {
  it('one volume: PowerShell prints a single object, not an array', () => {
    expect(parseRemovableVolumes(ONE)).toEqual([
      { path: 'E:\\', label: 'STIK DESA', freeBytes: 15032385536 },
    ]);
  });

  it('several volumes; one without a label is named by its letter; an empty slot is left out', () => {
    expect(parseRemovableVolumes(SEVERAL)).toEqual([
      { path: 'E:\\', label: 'STIK DESA', freeBytes: 15032385536 },
      { path: 'F:\\', label: 'F:', freeBytes: 7740588032 },
    ]);
    expect(parseRemovableVolumes('{"DeviceID":"h:","Size":1024,"FreeSpace":null}')).toEqual([
      { path: 'H:\\', label: 'H:', freeBytes: null },
    ]);
  });

  it('no volume: PowerShell prints nothing', () => {
    expect(parseRemovableVolumes('')).toEqual([]);
    expect(parseRemovableVolumes('\r\n')).toEqual([]);
  });

  it('refuses output that is not the listing, so the failure is logged, not shown as no drive', () => {
    expect(() => parseRemovableVolumes('{"DeviceID":"E:",')).toThrow(/not JSON/);
    expect(() => parseRemovableVolumes('Get-CimInstance : Access denied')).toThrow(/not JSON/);
    for (const wrong of [
      '"E:"',
      '{"VolumeName":"STIK"}',
      '{"DeviceID":"E:\\\\..\\\\Windows","Size":1}',
      '{"DeviceID":"E:","Size":"big"}',
      '[{"DeviceID":"E:","Size":1},42]',
    ])
      expect(() => parseRemovableVolumes(wrong), wrong).toThrow(/unexpected listing/);
  });

  it('runs PowerShell through the injected runner, with the fixed script and a timeout', async () => {
    const calls: { file: string; args: readonly string[]; timeoutMs: number }[] = [];
    const run: CommandRunner = (file, args, timeoutMs) => {
      calls.push({ file, args, timeoutMs });
      return Promise.resolve(ONE);
    };
    const drives = windowsDrives('C:\\Windows\\powershell.exe', run);
    expect(await drives.list()).toEqual([
      { path: 'E:\\', label: 'STIK DESA', freeBytes: 15032385536 },
    ]);
    expect(calls).toEqual([
      { file: 'C:\\Windows\\powershell.exe', args: POWERSHELL_ARGS, timeoutMs: LISTING_TIMEOUT_MS },
    ]);
    expect(POWERSHELL_ARGS.at(-1)).toContain("Win32_LogicalDisk -Filter 'DriveType=2'");
    expect(POWERSHELL_ARGS.at(-1)).toContain('ConvertTo-Json');
  });

  it('a runner that fails (PowerShell missing, timed out) fails the listing', async () => {
    const run: CommandRunner = () => Promise.reject(new Error('spawn powershell.exe ENOENT'));
    await expect(windowsDrives('powershell.exe', run).list()).rejects.toThrow(/ENOENT/);
  });

  it('the hosts choose by platform: on win32 PowerShell from the Windows folder', async () => {
    const files: string[] = [];
    const run: CommandRunner = (file) => {
      files.push(file);
      return Promise.resolve('');
    };
    expect(await systemDrives('win32', { SystemRoot: 'D:\\WINDOWS' }, run).list()).toEqual([]);
    expect(await systemDrives('win32', {}, run).list()).toEqual([]);
    expect(files).toEqual([
      'D:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    ]);
    await systemDrives('linux', {}, run).list();
    expect(files).toHaveLength(2);
  });
});

describe('the command runner', () => {
  it('runs a program without a shell: arguments arrive as they are', async () => {
    const arg = '$(echo hi); "quoted" | & %PATH%';
    const script = 'process.stdout.write(JSON.stringify(process.argv.slice(1)))';
    expect(JSON.parse(await runCommand(process.execPath, ['-e', script, arg], 10_000))).toEqual([
      arg,
    ]);
  });

  it('rejects when the program fails or outlives its timeout', async () => {
    await expect(runCommand(process.execPath, ['-e', 'process.exit(3)'], 10_000)).rejects.toThrow();
    await expect(
      runCommand(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], 200),
    ).rejects.toMatchObject({ killed: true });
  });
});
