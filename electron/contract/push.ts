import type { DeviceRead, DeviceStatus } from './devices';
import type { SessionInfo } from './station';

/** Events the core pushes to connections. Routed per connection or fanned out to all. */
export interface PushEvents {
  'queue-changed': { waiting: number; lastNumber: string };
  'session-changed': SessionInfo;
  /** Every change of a device's state (plugged, unplugged, error, training). */
  'device-status': DeviceStatus[];
  /** A card UID or scanned text from a configured device. */
  'device-read': DeviceRead;
  progress: { taskId: string; done: number; total: number | null; label: string };
}

export type PushName = keyof PushEvents;
