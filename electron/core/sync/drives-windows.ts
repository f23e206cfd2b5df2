import { z } from 'zod';
import type { UsbDrive } from '../../contract';
import type { RemovableDrives } from '../ports';

/** Runs a program (never a shell) and resolves with its standard output. */
export type CommandRunner = (
  file: string,
  args: readonly string[],
  timeoutMs: number,
) => Promise<string>;

/** PowerShell is slow to start on a small kiosk PC; a listing that takes longer has failed. */
export const LISTING_TIMEOUT_MS = 15_000;

/**
 * Windows PowerShell 5.1 and CIM come with every Windows 10 and 11. DriveType 2 is a removable
 * volume (a USB stick, a memory card); the script is fixed text, nothing is interpolated into it.
 */
export const POWERSHELL_ARGS = [
  '-NoLogo',
  '-NoProfile',
  '-NonInteractive',
  '-Command',
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; ' +
    "Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType=2' | " +
    'Select-Object DeviceID, VolumeName, Size, FreeSpace | ConvertTo-Json -Compress',
] as const;

const volume = z.object({
  DeviceID: z.string().regex(/^[A-Za-z]:$/),
  VolumeName: z.string().nullish(),
  Size: z.number().nonnegative().nullish(),
  FreeSpace: z.number().nonnegative().nullish(),
});

/**
 * The removable volumes in the output of POWERSHELL_ARGS: nothing when there is none, one object
 * for one, an array for several. A slot without a medium (a card reader with no card) has no size
 * and is left out. Throws on anything else, so a broken listing is logged, not shown as "no drive".
 */
export function parseRemovableVolumes(stdout: string): UsbDrive[] {
  const text = stdout.trim();
  if (text === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`Removable volumes: not JSON: ${text.slice(0, 200)}`);
  }
  const parsed = z.array(volume).safeParse(Array.isArray(value) ? value : [value]);
  if (!parsed.success)
    throw new Error(`Removable volumes: unexpected listing: ${text.slice(0, 200)}`);
  return parsed.data
    .filter((v) => v.Size !== null && v.Size !== undefined)
    .map((v) => {
      const letter = v.DeviceID.toUpperCase();
      const label = v.VolumeName?.trim();
      return { path: `${letter}\\`, label: label || letter, freeBytes: v.FreeSpace ?? null };
    });
}

/** The drive letters of the removable volumes, listed by PowerShell through `run`. */
export function windowsDrives(powershell: string, run: CommandRunner): RemovableDrives {
  return {
    list: async () =>
      parseRemovableVolumes(await run(powershell, POWERSHELL_ARGS, LISTING_TIMEOUT_MS)),
  };
}
