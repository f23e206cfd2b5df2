import { execFile } from 'node:child_process';
import { win32 } from 'node:path';
import { promisify } from 'node:util';
import type { RemovableDrives } from '../ports';
import { linuxDrives } from './drives-linux';
import { windowsDrives, type CommandRunner } from './drives-windows';

const execFileAsync = promisify(execFile);

/** execFile (no shell) with a timeout; rejects when the program fails, times out or says too much. */
export const runCommand: CommandRunner = async (file, args, timeoutMs) =>
  (
    await execFileAsync(file, [...args], {
      encoding: 'utf8',
      timeout: timeoutMs,
      maxBuffer: 1024 * 1024,
      windowsHide: true,
    })
  ).stdout;

/**
 * The hosts' removable drives: drive letters of removable volumes on Windows, the Linux mount
 * folders everywhere else. PowerShell by its full path, so no folder on PATH can stand in for it.
 */
export function systemDrives(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv = process.env,
  run: CommandRunner = runCommand,
): RemovableDrives {
  if (platform !== 'win32') return linuxDrives();
  const systemRoot = env['SystemRoot'] ?? 'C:\\Windows';
  const powershell = win32.join(
    systemRoot,
    'System32',
    'WindowsPowerShell',
    'v1.0',
    'powershell.exe',
  );
  return windowsDrives(powershell, run);
}
