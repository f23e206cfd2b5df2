import type { LanDevice } from '../../../../electron/contract';

/**
 * Pure helpers of the LAN screen (issue 16 item 3): the next free desk name and the QR drawn from
 * the station's SVG without inserting markup (only its viewBox and path data are used).
 */

/** The lowest "meja-N" (N >= 2; meja-1 is the host laptop) no paired device has. */
export function nextDeskName(devices: readonly Pick<LanDevice, 'desk'>[]): string {
  const taken = new Set(devices.map((d) => d.desk));
  for (let n = 2; n < 100; n++) if (!taken.has(`meja-${n}`)) return `meja-${n}`;
  return 'meja-99';
}

/** "meja-2" -> "Meja 2"; other names as they are. */
export function deskLabel(desk: string): string {
  const match = /^meja-(\d+)$/.exec(desk);
  return match ? `Meja ${match[1]}` : desk;
}

/** The QR's square side (modules with quiet zone) and its path; null when the SVG is not a QR. */
export function qrShape(svg: string): { size: number; path: string } | null {
  const box = /viewBox="0 0 (\d+) \1"/.exec(svg);
  const path = /<path d="((?:M\d+ \d+h1v1h-1z)+)"/.exec(svg);
  if (!box || !path) return null;
  return { size: Number(box[1]), path: path[1]! };
}
