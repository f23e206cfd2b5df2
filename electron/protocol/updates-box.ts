import type { UpdatesBundle } from './documents';
import { isSealedBox, openSealed, sealTo, type SealedBox } from './sealed';

/**
 * The district's updates bundle travels sealed to the one station it is for
 * (docs/sync-protocol.md, "Pull"): issued documents carry NIK and No. KK, so nobody on the way
 * (plain HTTP on a LAN, a USB drive) may read them. The context names the unit and the channel,
 * so a box for one unit or channel does not open as another. Inside is the signed bundle; the
 * station checks the district's signature after opening, as before.
 */
export type UpdatesChannel = 'http' | 'usb';

export function updatesContext(unitId: string, channel: UpdatesChannel): string {
  return `lakon-mandira updates v1 unit=${unitId} channel=${channel}`;
}

export function sealUpdates(
  stationX25519Public: Uint8Array,
  bundle: UpdatesBundle,
  channel: UpdatesChannel,
): SealedBox {
  return sealTo(
    stationX25519Public,
    Buffer.from(JSON.stringify(bundle), 'utf8'),
    updatesContext(bundle.unitId, channel),
  );
}

/**
 * Opens a sealed bundle with the station's X25519 seed; null when it is not a box, not for this
 * key, unit or channel, or not JSON inside. The caller still verifies the district's signature.
 */
export function openUpdates(
  stationX25519Seed: Uint8Array,
  value: unknown,
  unitId: string,
  channel: UpdatesChannel,
): unknown {
  if (!isSealedBox(value)) return null;
  const bytes = openSealed(stationX25519Seed, value, updatesContext(unitId, channel));
  if (!bytes) return null;
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
